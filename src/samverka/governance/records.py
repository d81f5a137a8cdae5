"""The kinds of record of governance: bodies and their members, meetings with what is minuted
of them, and actions (``core.registry``; docs/adding-a-record-kind.md)."""

from django.utils.translation import gettext_lazy as _

from samverka.core.models import Role
from samverka.core.registry import (
    ApiResource,
    Hooks,
    MenuEntry,
    Reach,
    RecordKind,
    SearchEntry,
    Trait,
    allow,
    register,
    register_audit_words,
)
from samverka.governance.domain.actions import complete_action
from samverka.governance.domain.meetings import prepare_decision, refuse_if_minutes_locked
from samverka.governance.models import Meeting

IN_PARTNERSHIP = frozenset({Trait.IN_PARTNERSHIP})
PARTNERSHIPS = Reach.PARTNERSHIPS
# A partner representative sees their partnership's bodies and their members at once; a meeting
# and what is minuted of it once its documents are sent out (``Meeting.documents_released``).
PARTNER_SEES = {Role.PARTNER: (allow("view", PARTNERSHIPS),)}
PARTNER_SEES_MINUTED = {Role.PARTNER: (allow("view", PARTNERSHIPS, meeting__documents_released=True),)}
# A meeting's parts are locked with its approved minutes.
MEETING_PART = Hooks(before_save=refuse_if_minutes_locked, before_delete=refuse_if_minutes_locked)


def _meetings(policy):
    return Meeting.objects.prefetch_related("minutes_versions__adjusters")


register(
    RecordKind(
        "governance.bodytype",
        form="samverka.governance.forms.BodyTypeForm",
        filterset="samverka.governance.filters.BodyTypeFilter",
        list_view="samverka.governance.views.BodyTypeListView",
        api=ApiResource("body-kinds", "The institution's kinds of governance body."),
    ),
    RecordKind(
        "governance.body",
        form="samverka.governance.forms.BodyForm",
        filterset="samverka.governance.filters.BodyFilter",
        list_view="samverka.governance.views.BodyListView",
        menu=(MenuEntry(60, "governance:body-list", _("Governance bodies")),),
        traits=IN_PARTNERSHIP,
        grants=PARTNER_SEES,
        search=SearchEntry(
            70, _("Governance bodies"), title=("name_sv", "name_en"), body=("remit", "cadence")
        ),
        api=ApiResource("bodies", "Governance bodies of the partnerships, at their levels."),
    ),
    RecordKind(
        "governance.bodymember",
        form="samverka.governance.forms.BodyMemberForm",
        filterset="samverka.governance.filters.BodyMemberFilter",
        list_view="samverka.governance.views.BodyMemberListView",
        traits=IN_PARTNERSHIP,
        grants=PARTNER_SEES,
        api=ApiResource("body-members", "Seats in the bodies, with role and period."),
    ),
    RecordKind(
        "governance.meeting",
        verbs={
            "documents_released": _("documents sent out"),
            "minutes_approved": _("minutes approved"),
            "correction_started": _("correction of the minutes started"),
        },
        change_labels={"version": _("version"), "adjusters": _("adjusters")},
        form="samverka.governance.forms.MeetingForm",
        filterset="samverka.governance.filters.MeetingFilter",
        list_view="samverka.governance.views.MeetingListView",
        menu=(MenuEntry(70, "governance:meeting-list", _("Meetings")),),
        traits=IN_PARTNERSHIP,
        grants={Role.PARTNER: (allow("view", PARTNERSHIPS, documents_released=True),)},
        search=SearchEntry(
            80, _("Meetings"), title=("title",), body=("place", "registry_number"), related=("body",)
        ),
        api=ApiResource(
            "meetings",
            "Meetings of the bodies; ``send-out``, ``approve`` and ``correct`` are its steps.",
            extra=("documents_released", "minutes_status", "minutes_versions"),
            declared={"minutes_versions": "samverka.api.resources.MINUTES_VERSIONS"},
            base_queryset=_meetings,
            actions=("samverka.api.governance.MeetingActions",),
        ),
    ),
    RecordKind(
        "governance.agendaitem",
        hooks=MEETING_PART,
        form="samverka.governance.forms.AgendaItemForm",
        filterset="samverka.governance.filters.AgendaItemFilter",
        traits=IN_PARTNERSHIP,
        grants=PARTNER_SEES_MINUTED,
        search=SearchEntry(90, _("Agenda items"), title=("title",), body=("background", "minutes")),
        api=ApiResource(
            "agenda-items",
            "Numbered agenda items of a meeting, with their minutes.",
            form="samverka.api.resources.AgendaItemApiForm",
        ),
    ),
    RecordKind(
        "governance.attendance",
        hooks=MEETING_PART,
        form="samverka.governance.forms.AttendanceForm",
        filterset="samverka.governance.filters.AttendanceFilter",
        traits=IN_PARTNERSHIP,
        grants=PARTNER_SEES_MINUTED,
        api=ApiResource("attendance", "Who attended a meeting."),
    ),
    RecordKind(
        "governance.decision",
        hooks=Hooks(before_save=prepare_decision, before_delete=refuse_if_minutes_locked),
        form="samverka.governance.forms.DecisionForm",
        filterset="samverka.governance.filters.DecisionFilter",
        list_view="samverka.governance.views.DecisionListView",
        traits=IN_PARTNERSHIP,
        grants=PARTNER_SEES_MINUTED,
        search=SearchEntry(100, _("Decisions"), title=("text",)),
        api=ApiResource(
            "decisions",
            "Decisions, numbered per body and year (``year``:``number``).",
            extra=("body", "year", "number"),
        ),
    ),
    RecordKind(
        "governance.actionitem",
        hooks=Hooks(before_save=complete_action),
        form="samverka.governance.forms.ActionItemForm",
        filterset="samverka.governance.filters.ActionItemFilter",
        list_view="samverka.governance.views.ActionItemListView",
        menu=(MenuEntry(80, "governance:actionitem-list", _("Actions")),),
        traits=IN_PARTNERSHIP,
        # an action arises from a meeting (and shows its item and decision) or stands alone
        grants={
            Role.PARTNER: (
                allow("view", PARTNERSHIPS, meeting__documents_released=True),
                allow("view", PARTNERSHIPS, meeting=None),
            )
        },
        search=SearchEntry(110, _("Actions"), title=("title",), body=("description",)),
        api=ApiResource(
            "action-items",
            "Action items with owner and due date; ``status`` changes their status.",
            extra=("status",),
            actions=("samverka.api.governance.ActionItemActions",),
        ),
    ),
    RecordKind("governance.minutesversion", grants=PARTNER_SEES_MINUTED),
)
# A calendar feed's new address (``calendar.py``).
register_audit_words(change_labels={"previous_address_ended": _("previous address ended")})
