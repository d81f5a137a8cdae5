"""Steps that move a record on (send out, approve, submit, change status): one way to take them.

A step locks the record's row (``select_for_update``), so two people's steps
on one record take turns; checks the version the person saw
(``StaleRecordError`` if someone moved the record on since); saves the step's
values with the next version; and records the step in the audit trail, all in
the caller's transaction. ``Lifecycle`` builds the steps of records that are
approved, frozen as a numbered version and reopened with a reason (minutes,
annual reports) on it.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from django.db.models import Max, Model, QuerySet
from django.utils import timezone

from samverka.core.audit import action_name, record_event
from samverka.core.domain.records import Actor, Changes, StaleRecordError, StepRefused, required_reason
from samverka.core.models import InstitutionOwned
from samverka.core.permissions import Action, Policy

R = TypeVar("R", bound=InstitutionOwned)


def lock_record(record: R, expected_version: int | None = None) -> R:
    """The record's row read again and locked until the transaction ends; ``StaleRecordError``
    if its version is no longer ``expected_version`` (None: the step does not depend on it)."""
    current = cast("R", type(record)._default_manager.select_for_update().get(pk=record.pk))
    if expected_version is not None and current.version != expected_version:
        raise StaleRecordError
    return current


class Step(Generic[R]):
    """A step under way: ``current`` is the locked row; ``save`` saves values with the next
    version; ``changes`` (field: {before, after}) go to the audit trail unless ``recorded`` is
    turned off (a step that changed nothing)."""

    def __init__(self, record: R, current: R) -> None:
        self.record, self.current = record, current
        self.changes: Changes = {}
        self.recorded = True

    def save(self, **values: Any) -> None:
        """``values`` and the next version in one statement, on the locked row and on the record the
        caller holds; the save's signals follow (the cache, the search index)."""
        current = self.current
        for name, value in {**values, "version": current.version + 1}.items():
            setattr(current, name, value)
        current.save(update_fields=[*values, "version", "updated_at"])
        if self.record is not current:
            for name in (*values, "version", "updated_at"):
                setattr(self.record, name, getattr(current, name))


@contextmanager
def record_step(record: R, expected_version: int | None, *, actor: Actor, verb: str) -> Iterator[Step[R]]:
    """Take a step on ``record``: locked and its version checked on entry (``lock_record``), the step
    recorded in the audit trail as ``<app>.<model>.<verb>`` on leaving without an error. Use it
    inside ``transaction.atomic``; a refusal raised in the block leaves nothing behind."""
    step = Step(record, lock_record(record, expected_version))
    yield step
    if step.recorded:
        record_event(
            institution=step.current.institution,
            actor=actor,
            action=action_name(step.current, verb),
            obj=step.current,
            changes=step.changes,
        )


@dataclass(frozen=True)
class Lifecycle:
    """approve → freeze a version → reopen with a reason, for one kind of record.

    The record's ``status_field`` is ``approved`` or ``draft``; approving freezes the record as the
    next numbered version (a row of its ``versions``, made by the caller); an approved record
    is changed only after it is reopened, with a reason that goes into the trail."""

    status_field: str
    approved: str
    draft: str
    versions: str  # the related name of the frozen versions (their numbers are ``number``)
    refusal: type[StepRefused]
    already_approved: Any  # the refusals' messages (lazy)
    not_approved: Any
    approved_verb: str
    reopened_verb: str
    approve_action: Action = "change"  # what the policy must permit on the record to approve it

    def is_approved(self, record: Model) -> bool:
        return bool(getattr(record, self.status_field) == self.approved)

    def may_approve(self, policy: Policy, record: Model) -> bool:
        """May the member approve the record now: permitted, and not approved already."""
        return policy.permits(self.approve_action, record) and not self.is_approved(record)

    def may_reopen(self, policy: Policy, record: Model) -> bool:
        """May the member reopen the record now: permitted to change it, and approved."""
        return policy.permits("change", record) and self.is_approved(record)

    def may_change_parts(self, policy: Policy, record: Model) -> bool:
        """May the member change what the record is made of (a meeting's agenda, attendance,
        decisions) now: permitted to change it, and not approved (approval locks them)."""
        return policy.permits("change", record) and not self.is_approved(record)

    @contextmanager
    def approving(self, record: R, *, expected_version: int, actor: Actor) -> Iterator["Approval[R]"]:
        """Approve ``record``: in the block the caller checks what its kind asks, calls
        ``approval.save(**values)`` (status approved, the next version) and makes the frozen
        version numbered ``approval.number``; the trail records the status, the version's number
        and ``approval.changes``."""
        with record_step(
            record, expected_version=expected_version, actor=actor, verb=self.approved_verb
        ) as step:
            if self.is_approved(step.current):
                raise self.refusal(self.already_approved)
            last = getattr(step.current, self.versions).aggregate(n=Max("number"))["n"] or 0
            approval = Approval(self, step, number=last + 1)
            yield approval
            if not self.is_approved(step.current):
                raise RuntimeError("An approval saves the record as approved (approval.save).")
            step.changes = {
                self.status_field: {"before": self.draft, "after": self.approved},
                "version": {"before": last or None, "after": approval.number},
                **approval.changes,
            }

    def reopen(self, record: R, *, reason: str, expected_version: int, actor: Actor, **values: Any) -> R:
        """Open an approved record for a change, with a reason (``required_reason``); its approved
        versions stay as they were approved. ``values`` are saved with it."""
        reason = required_reason(reason)
        with record_step(
            record, expected_version=expected_version, actor=actor, verb=self.reopened_verb
        ) as step:
            if not self.is_approved(step.current):
                raise self.refusal(self.not_approved)
            step.save(**{self.status_field: self.draft}, **values)
            step.changes = {
                self.status_field: {"before": self.approved, "after": self.draft},
                "reason": {"before": None, "after": reason},
            }
        return step.current


class Approval(Generic[R]):
    """An approval under way (``Lifecycle.approving``): the locked record as ``current``, the
    number of the version it becomes, the moment of approval."""

    def __init__(self, lifecycle: Lifecycle, step: Step[R], *, number: int) -> None:
        self.lifecycle, self.step, self.number = lifecycle, step, number
        self.current = step.current
        self.approved_at = timezone.now()
        self.changes: Changes = {}

    def save(self, **values: Any) -> None:
        self.step.save(**{self.lifecycle.status_field: self.lifecycle.approved}, **values)


def next_number(queryset: QuerySet[Any], field: str = "number") -> int:
    """The next number of a numbered series (decisions of a body and year, agenda items of a
    meeting, agreements of a partnership): one more than the highest, so a number freed by a
    deletion is never offered again while a higher one is taken. The caller locks what the
    series belongs to when two could be numbered at once."""
    return (queryset.aggregate(n=Max(field))["n"] or 0) + 1
