"""The coordinator's start page: what needs attention now."""

from django.db.models import Count, Q
from django.views.generic import TemplateView

from samverka.activities.models import Activity
from samverka.core.cache import cached_for_institution
from samverka.core.views import WorkspaceMixin
from samverka.partnerships.domain.queries import agreements_needing_attention, reviews_due
from samverka.partnerships.models import Partnership, PartnershipStatus

RECENT_ACTIVITIES = 10


class StartView(WorkspaceMixin, TemplateView):
    template_name = "workspace/start.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        institution = self.institution
        context.update(
            agreements=agreements_needing_attention(institution),
            reviews=reviews_due(institution),
            recent_activities=Activity.objects.in_institution(institution)
            .select_related("type", "partnership")
            .order_by("-created_at", "-id")[:RECENT_ACTIVITIES],
            **cached_for_institution(institution.pk, "start-totals", lambda: self.totals(institution)),
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
