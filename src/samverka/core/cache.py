"""Cached read-mostly pages, invalidated the moment the records behind them change.

Each institution has a *version token* in the cache; a cached page's key
includes it, so changing any record of the institution (``core.signals``)
makes a new token and every page built from the old data is never served
again (it simply expires). The same code works with the local-memory cache
(one process), the file cache (``samverka serve`` without Redis: shared by
the workers of one machine) and Redis (``REDIS_URL``: shared by all servers).
"""

import functools
import uuid

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

VERSION_KEY = "samverka:version:{institution_id}"


def institution_version(institution_id: int) -> str:
    key = VERSION_KEY.format(institution_id=institution_id)
    token = cache.get(key)
    if token is None:
        token = uuid.uuid4().hex
        # add() keeps a token another process made meanwhile; read back whichever won.
        cache.add(key, token, timeout=None)
        token = cache.get(key, token)
    return token


def invalidate_institution(institution_id: int) -> None:
    """Everything cached from this institution's records is out of date from now on."""
    cache.set(VERSION_KEY.format(institution_id=institution_id), uuid.uuid4().hex, timeout=None)


def page_key(institution_id: int, request) -> str:
    version = institution_version(institution_id)
    return f"samverka:page:{institution_id}:{version}:{translation.get_language()}:{request.path}"


def cached_page(get_institution_id):
    """Decorator of a GET view whose page is the same for every visitor.

    ``get_institution_id(request)`` names the institution whose records the
    page shows. Only complete 200 responses are kept; the page must not show
    anything personal (no CSRF token, messages or user name).
    """

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method != "GET":
                return view(request, *args, **kwargs)
            key = page_key(get_institution_id(request), request)
            response = cache.get(key)
            if response is not None:
                response["X-Cache"] = "hit"
                return response
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response = response.render()
            if response.status_code == 200:
                cache.set(key, response, timeout=settings.SAMVERKA_PAGE_CACHE_SECONDS)
            response["X-Cache"] = "miss"
            return response

        return wrapper

    return decorate
