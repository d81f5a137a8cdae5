"""Create, update and delete institution records with audit and optimistic locking.

Every edit of a record through the workspace goes through these three
functions, so every change is attributed and dated and no save silently
overwrites another.
"""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import F, Model, ProtectedError
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.utils.translation import gettext_lazy as _

from samverka.core.audit import action_name, record_event, serialise
from samverka.core.display import StrOrPromise
from samverka.core.models import Institution
from samverka.core.registry import kind_of

# Who takes a step: the signed-in user (``request.user``), or None when Samverka itself does
# (commands, background tasks).
Actor = User | None
# Anyone who sends a request: on the public idea form, a visitor who is not signed in.
Requester = User | AnonymousUser | None
# The trail's {field: {"before": …, "after": …}} of one change.
Changes = dict[str, dict[str, Any]]

MIN_REASON = 10  # characters of the reason for deleting a kept record (``deletion_needs_reason``)
# Said when the record, as the user would save it, lies outside what their role may save.
NOT_PERMITTED = _("You may not save this record as it stands: check the partnership.")


class ReasonRequired(ValueError):
    """A record the authority keeps is deleted (or a person anonymised) only with a reason."""


def required_reason(reason: str) -> str:
    """The reason, trimmed; ``ReasonRequired`` if it is shorter than ``MIN_REASON``."""
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON:
        raise ReasonRequired
    return reason


class RecordLocked(Exception):
    """The record is part of something approved and locked (``locked_message`` of the model)."""

    def __init__(self, message: StrOrPromise) -> None:
        super().__init__(message)
        self.message = message


class StepRefused(ValueError):
    """A step that does not fit the record's state (approving minutes already approved,
    submitting an assessment not fully rated …): ``message`` says why, for people."""

    def __init__(self, message: StrOrPromise) -> None:
        super().__init__(message)
        self.message = message


class RecordInUse(Exception):
    """Other records still refer to the record (``on_delete=PROTECT``): it stays."""

    def __init__(self, record: Model) -> None:
        message = _("“{name}” is still in use by other records and cannot be deleted.").format(name=record)
        super().__init__(message)
        self.message = message


class StaleRecordError(Exception):
    """Someone else saved the record after the editor loaded it."""

    message = _(
        "Someone else saved this record while you were editing it. Your changes have not "
        "been saved, but they are still in the form below: open the record in a new tab to "
        "see the latest version, then save again."
    )


def changes_of(form: forms.BaseForm, fields: Iterable[str]) -> Changes:
    """{field: {before, after}} of the ``fields`` a valid form changed, as the trail records them."""
    return {
        name: {
            "before": serialise(_initial_value(form, name)),
            "after": serialise(form.cleaned_data.get(name)),
        }
        for name in fields
        if name in form.cleaned_data
    }


def _initial_value(form: forms.BaseForm, name: str) -> object:
    """The value a form started from, a related record by its name rather than its id."""
    value = form.initial.get(name)
    field = form.fields.get(name)
    if (
        value is not None
        and isinstance(field, ModelChoiceField)
        and not isinstance(field, ModelMultipleChoiceField)
        and not isinstance(value, Model)
    ):
        try:
            return field.queryset.model._base_manager.get(pk=value)  # type: ignore[union-attr]
        except (ObjectDoesNotExist, ValueError, TypeError):
            return value
    return value


@transaction.atomic
def create_record(form: "forms.ModelForm[Any]", *, institution: Institution, actor: Requester) -> Any:
    """Save a new record of ``institution`` from a valid model form."""
    obj = form.save(commit=False)
    obj.institution = institution
    if actor is not None and actor.is_authenticated:
        obj.created_by = actor
    hooks = kind_of(obj).hooks
    if hooks.before_save:
        hooks.before_save(obj, creating=True, actor=actor)
    obj.save()
    form.save_m2m()
    if hooks.after_save:
        hooks.after_save(obj, creating=True, actor=actor)
    record_event(
        institution=institution,
        actor=actor,
        action=action_name(obj, "created"),
        obj=obj,
        changes={
            name: {"before": None, "after": serialise(value)}
            for name, value in form.cleaned_data.items()
            if value not in (None, "", [], False)
        },
    )
    return obj


@transaction.atomic
def update_record(form: "forms.ModelForm[Any]", *, actor: Actor, expected_version: int) -> Any:
    """Save an edited record, refusing if it changed since the editor loaded it."""
    obj = form.instance
    model = type(obj)
    bumped = model.objects.filter(pk=obj.pk, version=expected_version).update(version=F("version") + 1)
    if not bumped:
        raise StaleRecordError
    obj.version = expected_version + 1
    hooks = kind_of(obj).hooks
    if hooks.before_save:
        hooks.before_save(obj, creating=False, actor=actor)
    obj = form.save()
    if hooks.after_save:
        hooks.after_save(obj, creating=False, actor=actor)
    changed = [name for name in form.changed_data if name != "expected_version"]
    if changed:
        record_event(
            institution=obj.institution,
            actor=actor,
            action=action_name(obj, "updated"),
            obj=obj,
            changes=changes_of(form, changed),
        )
    return obj


@transaction.atomic
def delete_record(obj: Any, *, actor: Actor, reason: str = "") -> None:
    """Delete a record; a kept record (``deletion_needs_reason``) only with a reason, which is logged;
    a locked one (approved minutes, ``locked_message``) or one still in use (``RecordInUse``) not at all."""
    if message := getattr(obj, "locked_message", lambda: None)():
        raise RecordLocked(message)
    if before_delete := kind_of(obj).hooks.before_delete:
        before_delete(obj, actor=actor)
    reason = required_reason(reason) if getattr(obj, "deletion_needs_reason", False) else reason.strip()
    changes = {"reason": {"before": None, "after": reason}} if reason else None
    record_event(
        institution=obj.institution, actor=actor, action=action_name(obj, "deleted"), obj=obj, changes=changes
    )
    try:
        obj.delete()
    except ProtectedError:
        raise RecordInUse(obj) from None
