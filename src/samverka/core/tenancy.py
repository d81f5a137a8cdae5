"""Which institution a request works in, and which one the public pages show."""

from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.http import Http404, HttpRequest
from django.utils import timezone

from samverka.core.models import Institution, Membership


def membership_in_force(user: User | None, institution: Institution | int | None = None) -> Membership | None:
    """The user's membership in force today (in ``institution``, else their first); None if none.

    A membership whose access period has run out is as if it did not exist. Work done for a
    user outside a request (a background import, a command) asks this too.
    """
    memberships = Membership.objects.select_related("institution").filter(user=user)
    if institution is not None:
        memberships = memberships.filter(institution=institution)
    return memberships.in_force(timezone.localdate()).order_by("institution__name").first()


def current_membership(request: HttpRequest) -> Membership | None:
    """The signed-in user's membership in force today (cached on the request); None for outsiders."""
    if not hasattr(request, "_samverka_membership"):
        user = request.user
        request._samverka_membership = membership_in_force(user) if user.is_authenticated else None  # type: ignore[attr-defined]
    membership: Membership | None = request._samverka_membership  # type: ignore[attr-defined]
    return membership


SITES_KEY = "samverka:public-sites"


def public_sites() -> dict[str, dict[str, int]]:
    """Where each institution's public pages are: {"slugs": {short name: id}, "hosts": {host
    name: id}}, from the cache (a public page needs no query to find its institution)."""
    sites: dict[str, dict[str, int]] | None = cache.get(SITES_KEY)
    if sites is None:
        rows = Institution.objects.values_list("pk", "slug", "public_host")
        sites = {"slugs": {}, "hosts": {}}
        for pk, slug, host in rows:
            sites["slugs"][slug] = pk
            if host:
                sites["hosts"][host.lower()] = pk
        cache.set(SITES_KEY, sites, timeout=settings.SAMVERKA_PAGE_CACHE_SECONDS)
    return sites


def public_institution_id(request: HttpRequest | None = None) -> int:
    """The id of the institution whose public pages the request is for: the one of its address
    (``/<short name>/…`` or its own host name, ``core.middleware.PublicSiteMiddleware``), else
    the installation's default (``SAMVERKA_PUBLIC_INSTITUTION``, else its first institution)."""
    pk = getattr(request, "public_institution_id", None)
    if pk is not None:
        return int(pk)
    sites = public_sites()
    slug = settings.SAMVERKA_PUBLIC_INSTITUTION
    if slug:
        if slug not in sites["slugs"]:
            raise Http404("No institution")
        return sites["slugs"][slug]
    if not sites["slugs"]:
        raise Http404("No institution")
    return min(sites["slugs"].values())


def public_institution(request: HttpRequest | None = None) -> Institution:
    """The institution whose partnerships the request's public pages publish (``public_institution_id``)."""
    institution = Institution.objects.filter(pk=public_institution_id(request)).first()
    if institution is None:
        raise Http404("No institution")
    return institution


def forget_public_institution() -> None:
    """An institution was added, changed or removed: where public pages are is read again."""
    cache.delete(SITES_KEY)
