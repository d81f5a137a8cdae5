"""The coordinator's start page: what needs attention now."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone
from django.views.generic import TemplateView

from samverka.activities.models import Activity
from samverka.core.cache import cached_for_institution
from samverka.core.views import WorkspaceMixin
from samverka.governance.domain.actions import actions_of_user, open_actions, overdue_actions
from samverka.governance.domain.meetings import documents_due
from samverka.governance.models import ActionItem, Meeting
from samverka.ideas.domain.pipeline import waiting_ideas
from samverka.ideas.models import Idea
from samverka.interactions.models import TO_FOLLOW_UP, Interaction
from samverka.news.models import NewsItem
from samverka.partnerships.domain.queries import agreements_needing_attention, reviews_due
from samverka.partnerships.models import Partnership, PartnershipStatus

RECENT_ACTIVITIES = 10
ACTIONS_SHOWN = 10
FOLLOW_UP_WINDOW = datetime.timedelta(days=7)  # contacts to follow up within a week, or overdue


class StartView(WorkspaceMixin, TemplateView):
    """The institution's overview; a partner representative sees their own partnerships instead."""

    template_name = "workspace/start.html"

    def get_template_names(self):
        return ["workspace/start.html" if self.policy.sees_internal else "workspace/partner_start.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.policy.sees_internal:
            return self.partner_context(context)
        institution = self.institution
        context.update(
            agreements=agreements_needing_attention(institution),
            reviews=reviews_due(institution),
            recent_activities=Activity.objects.in_institution(institution)
            .select_related("type", "partnership")
            .order_by("-created_at", "-id")[:RECENT_ACTIVITIES],
            **cached_for_institution(institution.pk, "start-totals", lambda: self.totals(institution)),
        )
        context.update(self.governance_context())
        follow_ups = self.policy.scope(
            Interaction.objects.select_related("partnership", "organisation")
        ).filter(TO_FOLLOW_UP, follow_up_on__lte=timezone.localdate() + FOLLOW_UP_WINDOW)
        context.update(follow_ups=follow_ups.order_by("follow_up_on", "id")[:ACTIONS_SHOWN])
        if self.policy.allows("change", Meeting):
            context["documents_due"] = documents_due(self.policy.scope(Meeting.objects.all(), "change"))
        overdue = overdue_actions(self.actions())
        context.update(overdue_actions=overdue[:ACTIONS_SHOWN], overdue_total=overdue.count())
        if self.policy.allows("handle", Idea):
            waiting = waiting_ideas(self.policy.scope(Idea.objects.all(), "handle"), institution)
            context.update(waiting_ideas=waiting[:ACTIONS_SHOWN], waiting_total=waiting.count())
        return context

    def actions(self):
        return self.policy.scope(ActionItem.objects.select_related("owner", "body")).order_by("due_on", "id")

    def governance_context(self) -> dict:
        """The user's own open actions, soonest due first (both the institution's people and partners)."""
        user = self.request.user  # signed in: WorkspaceMixin
        mine = open_actions(actions_of_user(self.actions(), user))  # type: ignore[arg-type]
        return {
            "my_actions": mine[:ACTIONS_SHOWN],
            "my_action_total": mine.count(),
            "today": timezone.localdate(),
        }

    def partner_context(self, context) -> dict:
        scope = self.policy.scope
        context.update(
            partnerships=scope(Partnership.objects.prefetch_related("organisations")),
            recent_activities=scope(Activity.objects.select_related("type", "partnership")).order_by(
                "-starts_on", "-id"
            )[:RECENT_ACTIVITIES],
            news=scope(NewsItem.objects.all())[:RECENT_ACTIVITIES],
            meetings=scope(Meeting.objects.select_related("body"))
            .filter(starts_at__gte=timezone.now())
            .order_by("starts_at", "id")[:RECENT_ACTIVITIES],
            **self.governance_context(),
        )
        return context

    @staticmethod
    def totals(institution) -> dict:
        """Counts over whole tables (a university's tens of thousands of activities): cached."""
        return {
            "counts": Partnership.objects.in_institution(institution).aggregate(
                active=Count("id", filter=Q(status=PartnershipStatus.ACTIVE)),
                total=Count("id"),
                published=Count("id", filter=Q(published=True)),
            ),
            "activity_total": Activity.objects.in_institution(institution).count(),
        }
