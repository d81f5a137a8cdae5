"""The kinds of record of follow-up (``core.registry``)."""

from samverka.core.registry import Hooks, RecordKind, register
from samverka.followup.domain.assessments import assessment_moves_on, refuse_if_submitted, withdraw_answer

register(
    RecordKind(
        "followup.assessmentanswer",
        hooks=Hooks(
            before_save=refuse_if_submitted, after_save=assessment_moves_on, before_delete=withdraw_answer
        ),
    ),
)
