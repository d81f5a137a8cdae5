"""Which institution a request works in, and which one the public pages show."""

from django.conf import settings
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
