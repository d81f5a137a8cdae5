"""Middleware of the project's own."""

import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils import translation

from samverka.core.cache import page_key
from samverka.core.tenancy import public_institution_id

GetResponse = Callable[[HttpRequest], HttpResponseBase]
logger = logging.getLogger(__name__)


class BaseUrlWarningMiddleware:
    """Warns once (in the log, per process) when Samverka is reached at another address than
    ``SAMVERKA_BASE_URL``: the links in e-mail and the SAML endpoints are made from it, and
    would lead elsewhere."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response
        self.checked = False

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not self.checked and request.path != "/healthz":
            self.checked = True
            base = urlsplit(settings.SAMVERKA_BASE_URL)
            reached = f"{request.scheme}://{request.get_host()}"
            if reached != f"{base.scheme}://{base.netloc}":
                logger.warning(
                    "Samverka is reached at %s but SAMVERKA_BASE_URL is %s: links in e-mail and "
                    "single sign-on lead there.",
                    reached,
                    settings.SAMVERKA_BASE_URL,
                )
        return self.get_response(request)


class QueryCountMiddleware:
    """Reports the number of SQL queries of each request in an ``X-Query-Count`` header.

    Only installed when ``SAMVERKA_QUERY_COUNT_HEADER`` is on (``samverka
    bench`` reads it); it sits outermost so cached responses report 0.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        count = 0

        def counter(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connections["default"].execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Query-Count"] = str(count)
        return response


class PublicPageCacheMiddleware:
    """Serves the public pages from the cache before sessions, log-in and the view run.

    It sits right after the security and static-file middleware. A GET under
    the public list's address (in any language) is looked up by the public
    institution's version token and the path (``core.cache.page_key``); on a
    miss the page is made as usual and stored with every header the inner
    middleware added, if the view marked it ``cache_publicly`` and it sets no
    cookie. An edit makes a new token (``core.signals``), so it shows at once.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response
        self._prefixes: tuple[str, ...] | None = None

    def prefixes(self) -> tuple[str, ...]:
        if self._prefixes is None:
            found = []
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    found.append(reverse("public:partnership-list"))
            self._prefixes = tuple(found)
        return self._prefixes

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method != "GET" or not request.path.startswith(self.prefixes()):
            return self.get_response(request)
        try:
            key = page_key(public_institution_id(), request.path)
        except Http404:
            return self.get_response(request)
        response: HttpResponseBase | None = cache.get(key)
        if response is not None:
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if (
            getattr(response, "cache_publicly", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
        ):
            cache.set(key, response, timeout=settings.SAMVERKA_PAGE_CACHE_SECONDS)
        response["X-Cache"] = "miss"
        return response
