"""What people and API clients are told when the domain refuses a change: one table.

The domain raises its refusals (``core.domain.records``: a stale version, a
locked record, a record still in use, a step that does not fit, a missing
reason); the workspace views (``core.views.WorkspaceMixin.refused_form`` and
``refused_message``) and the API (``api.base.json_errors``) answer each of them
from ``refusal_of``, so a refusal has one status and one message everywhere.
"""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.core.domain.records import (
    ReasonRequired,
    RecordInUse,
    RecordLocked,
    StaleRecordError,
    StepRefused,
)

# Said when a step or deletion needs a reason and got none (or too short a one).
REASON_NEEDED = _("Say in a few words (at least 10 characters) what and why.")
# The form fields a missing reason belongs to, the first a form has.
REASON_FIELDS = ("correction_reason", "reason", "note")

# Every refusal of the domain that ``refusal_of`` answers: ``except REFUSALS as exc``.
REFUSALS = (StaleRecordError, RecordLocked, RecordInUse, StepRefused, ReasonRequired)


@dataclass(frozen=True)
class Refusal:
    """The answer to a refusal: its HTTP status, the message for people, and the form fields
    the message belongs to (the first one a form has; none: the whole form)."""

    status: int
    message: str
    fields: tuple[str, ...] = ()

    def field_of(self, form: forms.BaseForm) -> str | None:
        return next((name for name in self.fields if name in form.fields), None)


def refusal_of(exc: Exception) -> Refusal:
    """The status and message of one of ``REFUSALS``: 409 when someone or something else got there
    first (a newer version, approved minutes, records that still refer to it), 400 when the request
    itself does not fit (the record's state, a missing reason)."""
    if isinstance(exc, StaleRecordError | RecordLocked | RecordInUse):
        return Refusal(409, str(exc.message))
    if isinstance(exc, StepRefused):
        return Refusal(400, str(exc.message))
    if isinstance(exc, ReasonRequired):
        return Refusal(400, str(REASON_NEEDED), REASON_FIELDS)
    raise TypeError(f"{type(exc).__name__} is not a refusal of the domain")
