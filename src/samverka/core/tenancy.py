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


def public_institution() -> Institution:
    """The institution whose partnerships the public pages publish."""
    slug = settings.SAMVERKA_PUBLIC_INSTITUTION
    queryset = Institution.objects.all()
    if slug:
        queryset = queryset.filter(slug=slug)
    institution = queryset.order_by("pk").first()
    if institution is None:
        raise Http404("No institution")
    return institution


PUBLIC_INSTITUTION_KEY = "samverka:public-institution:{slug}"


def public_institution_id() -> int:
    """The public institution's id, from the cache when possible (cached pages need no query)."""
    key = PUBLIC_INSTITUTION_KEY.format(slug=settings.SAMVERKA_PUBLIC_INSTITUTION)
    pk = cache.get(key)
    if pk is None:
        pk = public_institution().pk
        cache.set(key, pk, timeout=settings.SAMVERKA_PAGE_CACHE_SECONDS)
    return pk


def forget_public_institution() -> None:
    cache.delete(PUBLIC_INSTITUTION_KEY.format(slug=settings.SAMVERKA_PUBLIC_INSTITUTION))
