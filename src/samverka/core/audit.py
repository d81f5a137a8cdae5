"""Write and read the audit trail: who changed what and when, who logged in, who changed whose access."""

import datetime
import decimal
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _

from samverka.core import registry
from samverka.core.display import StrOrPromise, field_label, format_moment
from samverka.core.language import as_written
from samverka.core.models import AuditEntry, Institution

if TYPE_CHECKING:
    from django.http import HttpRequest

MASKED = "•••"

# What each event's last word means for people (the audit trail and record histories): the
# words of every record and of the account here, those of a kind's own steps ("minutes
# approved") in its app's records.py (``core.registry``).
CORE_VERBS = {
    "created": _("created"),
    "updated": _("changed"),
    "deleted": _("deleted"),
    "exported": _("exported"),
    "logged_in": _("logged in"),
    "login_failed": _("failed log-in"),
    "logged_out": _("logged out"),
    "logged_out_everywhere": _("logged out everywhere"),
    "two_factor_on": _("two-factor authentication turned on"),
    "two_factor_off": _("two-factor authentication turned off"),
    "token_created": _("API token created"),
    "token_revoked": _("API token revoked"),
}
SECRET_FIELDS = frozenset({"password", "token", "secret"})

# What the keys of events' changes that are no field of their record mean for people.
CORE_CHANGE_LABELS = {
    "reason": _("reason"),
    "format": _("format"),
    "filters": _("filters"),
    "sessions": _("sessions ended"),
    "name": _("name"),
}


def verbs() -> dict[str, StrOrPromise]:
    """Every event's last word → what it means for people."""
    return {**CORE_VERBS, **registry.audit_verbs()}


def change_labels() -> dict[str, StrOrPromise]:
    """Each key an event records beside its record's fields → what it means for people."""
    return {**CORE_CHANGE_LABELS, **registry.audit_change_labels()}


@dataclass(frozen=True)
class ChangeRow:
    """One changed value of an audit entry as people read it: labels, never stored codes."""

    label: str
    before: str
    after: str


def describe_changes(entry: AuditEntry) -> list[ChangeRow]:
    """The changes of ``entry`` in the reader's language: the field's label ("Status"), a choice's
    label ("Under review", not ``under_review``), yes/no, a moment in Stockholm's local time."""
    model = entry.record_model
    rows = []
    for key, change in (entry.changes or {}).items():
        if not isinstance(change, dict):
            continue
        field = _field(model, key)
        rows.append(
            ChangeRow(
                label=_change_label(model, field, key),
                before=_readable(field, change.get("before")),
                after=_readable(field, change.get("after")),
            )
        )
    return rows


# A field of the record, or a relation's other side (django-stubs: Field | ForeignObjectRel |
# GenericForeignKey); the readers ask it with hasattr and getattr, so it stays Any.
def _field(model: type[models.Model] | None, key: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(key)
    except FieldDoesNotExist:
        return None


def _change_label(model: type[models.Model] | None, field: Any, key: str) -> str:
    # ``field`` is only found on a model: naming ``model`` too changes nothing but its type.
    if model is not None and field is not None and hasattr(field, "verbose_name"):
        return field_label(model, field.name)
    labels = change_labels()
    if key in labels:
        return str(labels[key]).capitalize()
    return key.replace("_", " ").capitalize()


def _readable(field: Any, value: object) -> str:
    if value is None or value == "":
        return "–"
    if value == MASKED:
        return MASKED
    if isinstance(value, list):
        return ", ".join(_readable(field, item) for item in value) or "–"
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    choices = dict(field.flatchoices) if field is not None and getattr(field, "choices", None) else {}
    if isinstance(value, str | int) and value in choices:
        return str(choices[value])
    if isinstance(value, str) and isinstance(field, models.DateTimeField | models.DateField):
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
        return format_moment(moment if isinstance(field, models.DateTimeField) else moment.date())
    typed: str = as_written(str(value))  # marked with the language its words are in
    return typed


def action_name(obj: models.Model, verb: str) -> str:
    """Namespaced event name, e.g. ``partnerships.partnership.updated``."""
    meta = obj._meta
    return f"{meta.app_label}.{meta.model_name}.{verb}"


def serialise(value: object) -> str | int | float | list[str] | None:
    """A JSON-safe, human-readable form of a field value for the trail."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, models.QuerySet | list | tuple | set):
        return sorted(str(item) for item in value)
    return str(value)


def client_address(request: "HttpRequest | None") -> str | None:
    """The address a request came from, as the trail records it and the rate limits and log-in
    lock-outs count it (``AXES_CLIENT_IP_CALLABLE``). Behind ``SAMVERKA_TRUSTED_PROXIES`` proxies
    (nginx: 1) it is the one the outermost proxy saw, the last it appended to
    X-Forwarded-For; what a client writes there itself comes before it and is not believed."""
    if request is None:
        return None
    proxies = settings.SAMVERKA_TRUSTED_PROXIES
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= proxies:
            return str(forwarded[-proxies])
    return request.META.get("REMOTE_ADDR")


def record_event(
    *,
    institution: Institution | None,
    actor: Any,  # a user, anonymous or signed in, or None
    action: str,
    obj: models.Model | None,
    changes: dict[str, Any] | None = None,
    object_repr: str = "",
    ip_address: str | None = None,
) -> AuditEntry:
    """One entry of the trail; ``obj`` None for an event about no record (a failed log-in's user name)."""
    # A record may keep some values out of the trail (``audit_hidden_fields``): the partner's
    # draft assessment, which the university's administrators who read the trail may not see.
    hidden = SECRET_FIELDS | set(getattr(obj, "audit_hidden_fields", lambda: ())())
    clean = {
        field: ({"before": MASKED, "after": MASKED} if field in hidden else change)
        for field, change in (changes or {}).items()
    }
    return AuditEntry.objects.create(
        institution=institution,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=obj.pk if obj is not None else None,
        object_repr=(object_repr or str(obj))[:300],
        changes=clean,
        ip_address=ip_address,
    )


def history_of(obj: models.Model) -> models.QuerySet[AuditEntry]:
    """The trail of one record, newest first, with actors loaded in the same query."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).select_related("actor")
