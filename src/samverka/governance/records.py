"""The kinds of record of governance (``core.registry``)."""

from samverka.core.registry import Hooks, RecordKind, register
from samverka.governance.domain.actions import complete_action
from samverka.governance.domain.meetings import prepare_decision, refuse_if_minutes_locked

# A meeting's parts are locked with its approved minutes.
MEETING_PART = Hooks(before_save=refuse_if_minutes_locked, before_delete=refuse_if_minutes_locked)

register(
    RecordKind("governance.agendaitem", hooks=MEETING_PART),
    RecordKind("governance.attendance", hooks=MEETING_PART),
    RecordKind(
        "governance.decision",
        hooks=Hooks(before_save=prepare_decision, before_delete=refuse_if_minutes_locked),
    ),
    RecordKind("governance.actionitem", hooks=Hooks(before_save=complete_action)),
)
