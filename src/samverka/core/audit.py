"""Write and read the audit trail (who changed what, when)."""

import datetime
import decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile

from samverka.core.models import AuditEntry, Institution

MASKED = "•••"
SECRET_FIELDS = frozenset({"password", "token", "secret"})


def action_name(obj: models.Model, verb: str) -> str:
    """Namespaced event name, e.g. ``partnerships.partnership.updated``."""
    meta = obj._meta
    return f"{meta.app_label}.{meta.model_name}.{verb}"


def serialise(value):
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


def record_event(
    *,
    institution: Institution,
    actor,
    action: str,
    obj: models.Model,
    changes: dict | None = None,
) -> AuditEntry:
    clean = {
        field: ({"before": MASKED, "after": MASKED} if field in SECRET_FIELDS else change)
        for field, change in (changes or {}).items()
    }
    return AuditEntry.objects.create(
        institution=institution,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        object_repr=str(obj)[:300],
        changes=clean,
    )


def history_of(obj: models.Model):
    """The trail of one record, newest first, with actors loaded in the same query."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).select_related("actor")
