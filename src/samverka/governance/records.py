"""The kinds of record of governance (``core.registry``)."""

from samverka.core.registry import Hooks, RecordKind, register
from samverka.governance.domain.actions import complete_action
from samverka.governance.domain.meetings import number_decision

register(
    RecordKind("governance.decision", hooks=Hooks(before_save=number_decision)),
    RecordKind("governance.actionitem", hooks=Hooks(before_save=complete_action)),
)
