"""Which institution a request works in, and which one the public pages show."""

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.utils import timezone

from samverka.core.models import Institution, Membership


def current_membership(request) -> Membership | None:
    """The signed-in user's membership in force today (cached on the request); None for outsiders.

    A membership whose access period has run out is as if it did not exist.
    """
    if not hasattr(request, "_samverka_membership"):
        membership = None
        if request.user.is_authenticated:
            membership = (
                Membership.objects.select_related("institution")
                .filter(user=request.user)
                .in_force(timezone.localdate())
                .order_by("institution__name")
                .first()
            )
        request._samverka_membership = membership
    return request._samverka_membership


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
