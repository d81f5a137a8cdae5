"""The calendar feeds calendar programs fetch, and the workspace page that hands out their address.

The feeds need no log-in (calendar programs cannot log in): the secret address
is the key, and what it shows is its owner's policy, as on their pages. An
unknown or replaced address, or a user whose access has ended, answers 404.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from samverka.core.audit import client_address
from samverka.core.permissions import Policy
from samverka.core.tenancy import membership_in_force
from samverka.core.views import WorkspaceMixin
from samverka.governance.calendar import calendar_for, feed_language, feed_url, new_feed, user_for_token
from samverka.governance.models import CalendarFeed
from samverka.partnerships.models import Partnership


def _policy_for_token(token: str) -> Policy:
    """The policy of the address's owner today; 404 when there is no one to answer for."""
    user = user_for_token(token)
    membership = membership_in_force(user) if user is not None else None
    if membership is None:
        raise Http404
    return Policy(membership)


def _calendar_response(request, policy: Policy, partnership: Partnership | None = None) -> HttpResponse:
    language = feed_language(request.GET.get("lang"))
    response = HttpResponse(
        calendar_for(policy, partnership=partnership, language=language),
        content_type="text/calendar; charset=utf-8",
    )
    # The body is one person's view behind a secret address: no shared cache may keep it.
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def calendar_feed(request, token: str) -> HttpResponse:
    """Everything the address's owner may see: meetings, action deadlines, agreement reviews."""
    return _calendar_response(request, _policy_for_token(token))


@require_safe
def partnership_calendar_feed(request, token: str, pk: int) -> HttpResponse:
    """The same for one partnership; a partnership out of the owner's reach answers 404."""
    policy = _policy_for_token(token)
    partnership = get_object_or_404(policy.scope(Partnership.objects.all()), pk=pk)
    return _calendar_response(request, policy, partnership)


class CalendarView(WorkspaceMixin, TemplateView):
    """Explains the calendar feed and makes a new secret address, shown once on the answer page.

    Every member may have one (``model`` None): the feed shows only what their
    role may see. The address is never stored in plain text, so it cannot be
    shown again; making a new one ends the old one.
    """

    template_name = "governance/calendar.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["feed"] = CalendarFeed.objects.filter(user=self.request.user).first()
        return context

    def post(self, request, *args, **kwargs):
        token = new_feed(request.user, ip_address=client_address(request))
        language = translation.get_language()
        partnerships = self.policy.scope(Partnership.objects.all())
        context = self.get_context_data(
            address=feed_url(token, language=language),
            partnership_addresses=[
                (partnership, feed_url(token, partnership=partnership, language=language))
                for partnership in partnerships
            ],
        )
        response = self.render_to_response(context)
        response["Cache-Control"] = "private, no-store"
        return response
