"""Which institution a request works in, and which one the public pages show."""

from django.conf import settings
from django.core.cache import cache
from django.http import Http404

from samverka.core.models import Institution, Membership


def current_membership(request) -> Membership | None:
    """The signed-in user's membership (cached on the request); None for outsiders."""
    if not hasattr(request, "_samverka_membership"):
        membership = None
        if request.user.is_authenticated:
            membership = (
                Membership.objects.select_related("institution")
                .filter(user=request.user)
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
