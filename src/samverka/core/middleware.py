"""Middleware of the project's own."""

import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import connections
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import get_script_prefix, reverse, set_script_prefix
from django.utils import translation
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.http import http_date, parse_http_date_safe

from samverka.core.cache import NATIONAL, page_key
from samverka.core.models import RESERVED_SLUGS
from samverka.core.tenancy import public_institution_id, public_sites

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
            # an institution's own host name for its public pages is no other address
            own_host = getattr(request, "on_public_host", False)
            if reached != f"{base.scheme}://{base.netloc}" and not own_host:
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


class PublicSiteMiddleware:
    """Each institution's public pages at an address of its own: ``/<short name>/…`` in any
    installation, and its own host name (``Institution.public_host``) where one points here.

    For ``/umu/partnerskap/`` the request is handled as ``/partnerskap/`` mounted at ``/umu``
    (the script prefix), so every link the page makes stays under ``/umu/``; the request
    carries the institution's id (``public_institution_id``). Short names Samverka's own
    addresses use cannot be taken (``core.models.RESERVED_SLUGS``).
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        request.public_institution_id = None  # type: ignore[attr-defined]
        request.on_public_host = False  # type: ignore[attr-defined]
        first, _slash, rest = request.path_info[1:].partition("/")
        if _workspace_path(first, rest):
            return self.get_response(request)  # no public page: nothing to look up
        sites = public_sites()
        try:
            host = request.get_host().partition(":")[0].lower()
        except DisallowedHost:
            host = ""  # refused further in (CommonMiddleware)
        if host in sites["hosts"]:
            request.public_institution_id = sites["hosts"][host]  # type: ignore[attr-defined]
            request.on_public_host = True  # type: ignore[attr-defined]
        if first not in sites["slugs"] or first in RESERVED_SLUGS:
            return self.get_response(request)
        request.public_institution_id = sites["slugs"][first]  # type: ignore[attr-defined]
        script = request.META.get("SCRIPT_NAME", "").rstrip("/") + "/" + first
        request.META["SCRIPT_NAME"] = script
        request.path_info = "/" + rest
        request.path = script + request.path_info
        prefix = get_script_prefix()
        set_script_prefix(script + "/")
        try:
            return self.get_response(request)
        finally:
            set_script_prefix(prefix)


# The first parts of addresses that are never an institution's public pages (the workspace,
# the API, log-in …): a request for them looks nothing up.
PUBLIC_ROOTS = frozenset({"", "partnerskap", "partnerships", "ideer", "ideas", "integritet", "privacy"})
PUBLIC_ROOTS |= {"alla-partnerskap", "all-partnerships"}


def _workspace_path(first: str, rest: str) -> bool:
    if first in {code for code, _name in settings.LANGUAGES}:
        first = rest.partition("/")[0]
    return first in RESERVED_SLUGS and first not in PUBLIC_ROOTS


class PublicPageCacheMiddleware:
    """Serves the public pages from the cache before sessions, log-in and the view run.

    It sits right after the security, static-file and public-site middleware. A GET under
    the public list's address or the national overview's (in any language) is looked up by
    its institution's version token (the national token for the overview) and the full
    address with its query (``core.cache.page_key``); on a miss the page is made as usual and
    stored with every header the inner middleware added, if the view marked it
    ``cache_publicly`` and it sets no cookie. An edit makes a new token (``core.signals``),
    so it shows at once.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response
        self._prefixes: tuple[tuple[str, ...], tuple[str, ...]] | None = None

    def prefixes(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(the public list's addresses, the national overview's), in every language, without any
        institution's prefix (they are compared with ``path_info``)."""
        if self._prefixes is None:
            script = get_script_prefix()
            found: dict[str, list[str]] = {"public:partnership-list": [], "public:national": []}
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    for name, paths in found.items():
                        paths.append("/" + reverse(name)[len(script) :])
            self._prefixes = (tuple(found["public:partnership-list"]), tuple(found["public:national"]))
        return self._prefixes

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        institution_paths, national_paths = self.prefixes()
        if request.method != "GET":
            return self.get_response(request)
        if request.path_info.startswith(national_paths):
            institution_id = NATIONAL
        elif request.path_info.startswith(institution_paths):
            try:
                institution_id = public_institution_id(request)
            except Http404:
                return self.get_response(request)
        else:
            return self.get_response(request)
        key = page_key(institution_id, f"{request.get_host()}{request.get_full_path()}")
        response: HttpResponseBase | None = cache.get(key)
        if response is not None:
            response["X-Cache"] = "hit"
            return _conditional(request, response)
        response = self.get_response(request)
        if (
            getattr(response, "cache_publicly", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
        ):
            # The page stays as it is until its institution's records change (then it has a new
            # key), so when it was made is when it last changed.
            set_response_etag(response)
            response["Last-Modified"] = http_date()
            cache.set(key, response, timeout=settings.SAMVERKA_PAGE_CACHE_SECONDS)
        response["X-Cache"] = "miss"
        return _conditional(request, response)


def _conditional(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    """304 Not Modified for a client that has this version (``If-None-Match`` with its ETag, or
    ``If-Modified-Since`` not before it was made): a CMS polling the feeds fetches only changes."""
    if not isinstance(response, HttpResponse) or not response.has_header("ETag"):
        return response
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    answer = get_conditional_response(
        request, etag=response["ETag"], last_modified=last_modified, response=response
    )
    return answer if answer is not None else response
