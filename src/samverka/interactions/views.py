"""Workspace pages of the contacts log."""

from django.utils.translation import gettext_lazy as _

from samverka.core.display import Column
from samverka.core.views import RecordListView
from samverka.interactions.filters import InteractionFilter
from samverka.interactions.models import Interaction


class InteractionListView(RecordListView):
    model = Interaction
    filterset_class = InteractionFilter
    columns = (
        Column("occurred_on", _("Date"), "date"),
        Column("kind", _("Kind")),
        Column("summary", _("Summary"), link=True),
        Column("partnership", _("Partnership")),
        Column("organisation", _("Organisation")),
        Column("follow_up_on", _("Follow up by"), "follow_up"),
        Column("visibility", _("Visibility")),
    )

    def base_queryset(self):
        return super().base_queryset().select_related("partnership", "organisation")
