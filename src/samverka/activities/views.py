"""Workspace pages of activities and of the managed list of collaboration forms."""

from django.utils.translation import gettext_lazy as _

from samverka.activities.domain import roll_up
from samverka.activities.filters import ActivityFilter, ActivityTypeFilter
from samverka.activities.models import Activity, ActivityType
from samverka.core.display import Column
from samverka.core.views import (
    RecordCreateView,
    RecordDetailView,
    RecordListView,
)
from samverka.lib.subquery import related_count
from samverka.partnerships.models import FocusArea, Partnership

CHILDREN_SHOWN = 25


class ActivityListView(RecordListView):
    model = Activity
    filterset_class = ActivityFilter
    columns = (
        Column("title", _("Title"), "title", link=True),
        Column("type", _("Collaboration form"), "type"),
        Column("partnership", _("Partnership"), "partnership"),
        Column("focus_area", _("Focus area")),
        Column("starts_on", _("Start date"), "starts_on"),
        Column("status", _("Status"), "status"),
    )
    bulk_fields = ("status", "focus_area")

    def base_queryset(self):
        return super().base_queryset().select_related("type", "partnership", "focus_area")


class ActivityDetailView(RecordDetailView):
    template_name = "activities/activity_detail.html"

    def get_detail_fields(self) -> tuple:
        # The form's fields, less the title and description the page shows as text.
        facts = (
            name for name in super().get_detail_fields() if not name.startswith(("title_", "description_"))
        )
        return (*facts, "is_sample")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # A large joint project has hundreds of sub-activities: show the first, link to all.
        children = self.policy.scope(self.object.children.select_related("type").order_by("starts_on", "id"))
        context["children"] = children.select_related("type")[:CHILDREN_SHOWN]
        context["roll_up"] = total = roll_up(children)
        context["children_total"] = total.count
        child = Activity(institution_id=self.object.institution_id, partnership_id=self.object.partnership_id)
        context["can_add_child"] = self.policy.permits("add", child)
        return context


class ActivityCreateView(RecordCreateView):
    preselect = {"partnership": Partnership, "focus_area": FocusArea, "parent": Activity}


class ActivityTypeListView(RecordListView):
    model = ActivityType
    filterset_class = ActivityTypeFilter
    columns = (
        Column("name", _("Name"), "name", link=True),
        Column("code", _("Code")),
        Column("counts_students", _("Involves students")),
        Column("is_active", _("In use")),
        Column("activity_count", _("Activities")),
    )

    def base_queryset(self):
        return super().base_queryset().annotate(activity_count=related_count(Activity, "type"))
