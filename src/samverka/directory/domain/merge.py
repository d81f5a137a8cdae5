"""Merge a duplicate organisation or person into the record that is kept, moving every link to it."""

from dataclasses import dataclass
from typing import Any, cast

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, F
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from samverka.core.audit import action_name, record_event, serialise
from samverka.core.domain.records import Actor, Changes
from samverka.core.models import AuditEntry
from samverka.directory.models import DuplicateDismissal, Organisation, Person

SURVIVOR, DUPLICATE = "survivor", "duplicate"
Contact = Organisation | Person  # the kinds of record a merge joins


class MergeRefused(Exception):
    """The merge cannot be done as asked: ``message`` says why, for the coordinator. Nothing changed."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class MergeStale(MergeRefused):
    """One of the two records was saved after the coordinator loaded the merge page."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "One of the two records was changed after you opened this page. Nothing has been "
                "merged: look at both records again, then merge."
            )
        )


def mergeable_models() -> tuple[type[models.Model], ...]:
    """The kinds of record that can be merged (the directory's contacts)."""
    return (apps.get_model("directory", "Organisation"), apps.get_model("directory", "Person"))


def mergeable_fields(model: type[models.Model]) -> "list[models.Field[Any, Any]]":
    """The fields a coordinator chooses between: the editable facts of the record (per-language
    fields by language), not its number, institution, version or dates."""
    fields = [
        f for f in model._meta.concrete_fields if f.editable and not f.primary_key and f.name != "institution"
    ]
    names = {f.name for f in fields}
    return [f for f in fields if f"{f.name}_sv" not in names]  # the per-language columns stand for it


@dataclass(frozen=True)
class Link:
    """A foreign key of some model (a many-to-many table too) that points at a mergeable kind."""

    field: "models.ForeignKey[Any, Any]"

    @property
    def model(self) -> type[models.Model]:
        return self.field.model

    @property
    def through(self) -> "models.ManyToManyField[Any, Any] | None":
        """The many-to-many field whose table this is, for a table Django made."""
        if not self.model._meta.auto_created:
            return None
        owner: Any = self.model._meta.auto_created  # the model of the many-to-many field
        field: models.ManyToManyField[Any, Any] = next(
            m2m for m2m in owner._meta.many_to_many if m2m.remote_field.through is self.model
        )
        return field

    @property
    def label(self) -> str:
        """What the links are, for people: "Partnerships (partner organisations)"."""
        if (m2m := self.through) is not None:
            owner = m2m.model
            return f"{capfirst(owner._meta.verbose_name_plural)} ({m2m.verbose_name})"
        return f"{capfirst(self.model._meta.verbose_name_plural)} ({self.field.verbose_name})"

    @property
    def name(self) -> str:
        return f"{self.model._meta.label_lower}.{self.field.name}"

    def unique_sets(self) -> list[tuple[str, ...]]:
        """The unique field sets of the model that include this field, as column names."""
        meta = self.model._meta
        sets: list[tuple[str, ...]] = [(self.field.name,)] if self.field.unique else []
        sets += [tuple(names) for names in meta.unique_together if self.field.name in names]
        sets += [
            tuple(c.fields)
            for c in meta.constraints
            if isinstance(c, models.UniqueConstraint) and c.condition is None and self.field.name in c.fields
        ]
        return sets


def links_to(model: type[models.Model]) -> list[Link]:
    """Every foreign key of every model pointing at ``model``, found from the models themselves,
    hidden ones (``related_name="+"``) and many-to-many tables included: relations added later
    are moved by a merge without anyone listing them."""
    return [
        Link(cast("models.ForeignKey[Any, Any]", field))
        for other in apps.get_models(include_auto_created=True)
        for field in other._meta.concrete_fields
        if field.is_relation
        and field.remote_field.model is model  # type: ignore[union-attr]  # a relation has one
        and (field.many_to_one or field.one_to_one)
    ]


def link_counts(survivor: Contact, duplicate: Contact) -> list[tuple[str, int, int]]:
    """(what, the survivor's count, the duplicate's count) of every kind of link and of the history
    entries: one query per kind of link, however many links there are."""
    rows = []
    for link in links_to(type(survivor)):
        counts = dict(
            link.model._default_manager.filter(**{f"{link.field.name}__in": [survivor.pk, duplicate.pk]})
            .order_by()
            .values_list(link.field.attname)
            .annotate(n=Count("*"))
        )
        rows.append((link.label, counts.get(survivor.pk, 0), counts.get(duplicate.pk, 0)))
    history = dict(
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(survivor),
            object_id__in=[survivor.pk, duplicate.pk],
        )
        .order_by()
        .values_list("object_id")
        .annotate(n=Count("*"))
    )
    rows.append((_("History entries"), history.get(survivor.pk, 0), history.get(duplicate.pk, 0)))
    return rows


def _blank(value: object) -> bool:
    return value is None or value == ""


def merged_values(
    survivor: Contact, duplicate: Contact, keep: dict[str, str] | None = None
) -> dict[str, object]:
    """{field attribute: value} the survivor has after the merge: the coordinator's choice per field
    (``keep``: field name → "survivor" or "duplicate"); a field not chosen keeps the survivor's
    value, or takes the duplicate's where the survivor's is blank."""
    keep = dict(keep or {})
    fields = {f.name: f for f in mergeable_fields(type(survivor))}
    unknown = sorted(set(keep) - set(fields))
    if unknown:
        raise MergeRefused(_("These are not fields of the record: {names}.").format(names=", ".join(unknown)))
    if bad := sorted(name for name, side in keep.items() if side not in (SURVIVOR, DUPLICATE)):
        raise MergeRefused(_("Choose “survivor” or “duplicate” for: {names}.").format(names=", ".join(bad)))
    values = {}
    for name, field in fields.items():
        mine, theirs = getattr(survivor, field.attname), getattr(duplicate, field.attname)
        side = keep.get(name) or (DUPLICATE if _blank(mine) and not _blank(theirs) else SURVIVOR)
        values[field.attname] = theirs if side == DUPLICATE else mine
    return values


def _move(link: Link, survivor: Contact, duplicate: Contact) -> int:
    """Point the links of ``duplicate`` at ``survivor``; a link the survivor already has (the same
    row of a many-to-many table) is dropped, not doubled. Returns the links moved."""
    manager = link.model._default_manager
    column = link.field.name
    rows = manager.filter(**{column: duplicate.pk})
    if link.model is type(survivor):
        rows = rows.exclude(pk=survivor.pk)  # the survivor's own parent is decided by the merge
    for names in link.unique_sets():
        others = [name for name in names if name != column]
        theirs = manager.filter(**{column: survivor.pk})
        if others:
            taken = set(theirs.values_list(*others))
            clashing = [pk for pk, *values in rows.values_list("pk", *others) if tuple(values) in taken]
        else:  # one such link per record (a one-to-one)
            clashing = list(rows.values_list("pk", flat=True)) if theirs.exists() else []
        if clashing and link.through is not None:
            manager.filter(pk__in=clashing).delete()
        elif clashing:
            raise MergeRefused(
                _(
                    "Both records have {what} that may exist only once: resolve it by hand, then merge."
                ).format(what=link.label)
            )
    moved: int = rows.update(**{column: survivor.pk})
    return moved


def _untangle_parent(
    survivor: Contact, field: "models.ForeignKey[Any, Any]", fallback_id: int | None
) -> None:
    """Never make a record its own ancestor: if the survivor's chain of parents comes back to it
    (the duplicate's child was above the survivor), that child takes the duplicate's old parent."""
    model = type(survivor)
    chain = [survivor.pk]
    current = getattr(survivor, field.attname)
    while current is not None and current not in chain:
        chain.append(current)
        current = model._default_manager.filter(pk=current).values_list(field.attname, flat=True).first()
    if current == survivor.pk and len(chain) > 1:
        model._default_manager.filter(pk=chain[-1]).update(
            **{field.attname: fallback_id if fallback_id not in chain else None}
        )


@transaction.atomic
def merge_records(
    survivor: Contact,
    duplicate: Contact,
    *,
    actor: Actor,
    survivor_version: int,
    duplicate_version: int,
    keep: dict[str, str] | None = None,
) -> Contact:
    """Merge ``duplicate`` into ``survivor`` and delete it; returns the survivor as saved.

    Both records are locked and must be of one kind and one institution, at the versions the
    coordinator saw. Every link to the duplicate (``links_to``) is moved to the survivor, its
    history entries become the survivor's, its "not a duplicate" marks go, the survivor takes the
    chosen field values (``merged_values``) and a new version, and one audit entry
    ``<kind>.merged`` records the merged record and the fields before and after. The search
    index follows the save and the deletion (``search.signals``). ``MergeRefused`` (nothing
    changed) when any of this cannot be done.
    """
    model = type(survivor)
    if model not in mergeable_models() or type(duplicate) is not model:
        raise MergeRefused(_("Only two organisations, or two people, can be merged."))
    if survivor.pk == duplicate.pk:
        raise MergeRefused(_("A record cannot be merged with itself."))
    if survivor.institution_id != duplicate.institution_id:
        raise MergeRefused(_("The two records belong to different institutions."))
    locked = {
        obj.pk: obj
        for obj in model._default_manager.select_for_update()
        .filter(pk__in=[survivor.pk, duplicate.pk])
        .order_by("pk")
    }
    if len(locked) != 2:
        raise MergeStale
    survivor, duplicate = locked[survivor.pk], locked[duplicate.pk]
    for obj, version in ((survivor, survivor_version), (duplicate, duplicate_version)):
        if not model._default_manager.filter(pk=obj.pk, version=version).update(version=F("version") + 1):
            raise MergeStale
    if any(getattr(obj, "anonymised_at", None) for obj in (survivor, duplicate)):
        raise MergeRefused(_("An anonymised person cannot be merged."))

    before = {f.name: getattr(survivor, f.name) for f in mergeable_fields(model)}
    values = merged_values(survivor, duplicate, keep)
    links = links_to(model)
    self_links = [link.field for link in links if link.model is model]
    for field in self_links:  # never the survivor's own parent, nor the merged record
        if values.get(field.attname) in (survivor.pk, duplicate.pk):
            parent = getattr(duplicate, field.attname)
            values[field.attname] = parent if parent not in (survivor.pk, duplicate.pk) else None
    for attname, value in values.items():
        setattr(survivor, attname, value)
    try:
        survivor.clean()
    except ValidationError as exc:
        raise MergeRefused(" ".join(exc.messages)) from exc

    moved = {link.label: _move(link, survivor, duplicate) for link in links}
    for field in self_links:
        _untangle_parent(survivor, field, getattr(duplicate, field.attname))
    content_type = ContentType.objects.get_for_model(model)
    moved[str(_("History entries"))] = AuditEntry.objects.filter(
        content_type=content_type, object_id=duplicate.pk
    ).update(object_id=survivor.pk)
    kind = model._meta.model_name
    DuplicateDismissal.objects.filter(institution=survivor.institution_id, kind=kind).filter(
        models.Q(low_id=duplicate.pk) | models.Q(high_id=duplicate.pk)
    ).delete()

    merged_name = f"#{duplicate.pk} {duplicate}"
    duplicate.delete()
    survivor.version = survivor_version + 1
    survivor.save()

    changes: Changes = {"merged record": {"before": merged_name, "after": None}}
    for fact in mergeable_fields(model):
        old, new = before[fact.name], getattr(survivor, fact.name)
        if old != new:
            changes[fact.name] = {"before": serialise(old), "after": serialise(new)}
    changes["links moved"] = {
        "before": None,
        "after": "; ".join(f"{what}: {n}" for what, n in moved.items() if n),
    }
    record_event(
        institution=survivor.institution,
        actor=actor,
        action=action_name(survivor, "merged"),
        obj=survivor,
        changes=changes,
    )
    return survivor
