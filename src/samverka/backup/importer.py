"""Load an institution's archive into this installation: all or nothing, with new ids, history kept as it was.

The records get the ids this database gives them (so an installation that
already hosts other institutions is no problem and no sequence needs
resetting); every reference, link and audit entry is renumbered to match.
Values are inserted as the archive has them, like a fixture's raw save:
``created_at``, ``updated_at``, ``version`` and ``created_by`` stay exactly as
they were, and no per-row signal runs. The search index of the institution
is rebuilt once at the end and its cached pages are invalidated.
"""

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, connection, models, transaction
from django.utils import translation

from samverka.backup.archive import DEFAULT_MAX_BYTES, ArchiveError, ArchiveReader, decode
from samverka.backup.contents import (
    FRESH_WHEN_TAKEN,
    GENERIC_REFERENCES,
    INSTITUTION,
    USER,
    Kind,
    archived_kinds,
)
from samverka.core.models import Institution
from samverka.core.signals import institution_changed
from samverka.search.domain import rebuild

BATCH = 1000
SHOWN = 20  # names listed in a refusal


@dataclass
class ImportResult:
    institution: Institution
    counts: dict[str, int]
    linked_users: list[str] = field(default_factory=list)  # existing accounts the archive's users became
    files: int = 0
    fresh_secrets: int = 0  # invitation links renewed because the original's were taken


def _listed(names) -> str:
    names = sorted(names)
    more = f" and {len(names) - SHOWN} more" if len(names) > SHOWN else ""
    return ", ".join(names[:SHOWN]) + more


def _same_identity(existing_email: str, archived_email: str) -> bool:
    return bool(existing_email) and existing_email.strip().lower() == (archived_email or "").strip().lower()


class _Loader:
    """One import: checks what would clash, then inserts kind after kind and renumbers references."""

    def __init__(self, reader: ArchiveReader, slug: str | None, advance: Callable[[int], object]):
        self.reader = reader
        self.advance = advance
        known = {kind.label: kind for kind in archived_kinds()}
        listed = {entry.get("model"): entry for entry in reader.manifest.get("models", [])}
        unknown = set(listed) - set(known)
        if unknown:
            raise ArchiveError(
                f"The archive holds kinds of record this installation does not have: {_listed(unknown)}. "
                "Import it into the Samverka version that made it or a newer one."
            )
        if INSTITUTION not in listed:
            raise ArchiveError("The archive holds no institution.")
        self.listed = listed
        self.kinds = [kind for label, kind in known.items() if label in listed]  # in load order
        self.institution_record = next(iter(reader.records(listed[INSTITUTION]["member"])), None)
        if self.institution_record is None:
            raise ArchiveError("The archive holds no institution.")
        self.slug = slug or self.institution_record.get("slug")
        self.ids: dict[str, dict[int, int]] = {kind.label: {} for kind in self.kinds}
        self.linked: dict[str, int] = {}  # username -> id of the existing user it becomes
        self.taken: dict[tuple[str, str], set] = {}  # (kind, field) -> values to renew
        self.saved_files: list[tuple[models.FileField, str]] = []
        self.saved_names: dict[str, str] = {}  # storage name in the archive -> name saved here
        self.content_types: dict[str, ContentType] = {}
        self.missing_files = set(reader.manifest.get("missing_files", []))
        self.fresh = 0

    # -- what would clash, checked before anything is written -------------------------------------

    def check(self) -> None:
        slug_field = Institution._meta.get_field("slug")
        try:
            slug_field.clean(self.slug, None)
        except ValidationError as exc:
            raise ArchiveError(
                f"{self.slug!r} cannot be an institution's short name: {' '.join(exc.messages)}"
            ) from exc
        if Institution.objects.filter(slug=self.slug).exists():
            raise ArchiveError(
                f"An institution with the short name {self.slug!r} already exists here. "
                "Import it under another one with --slug NEW-SLUG."
            )
        self._check_users()
        for kind in self.kinds:
            if kind.label in (INSTITUTION, USER):
                continue  # the short name and the user names are checked above
            unique = [f for f in kind.fields if f.unique and not f.is_relation]
            if unique:
                self._check_unique(kind, unique)

    def _check_users(self) -> None:
        if USER not in self.listed:
            return
        archived = {
            r["username"]: r.get("email", "") for r in self.reader.records(self.listed[USER]["member"])
        }
        names = list(archived)
        clashes = []
        for start in range(0, len(names), BATCH):
            existing = get_user_model()._base_manager.filter(username__in=names[start : start + BATCH])
            for pk, username, email in existing.values_list("pk", "username", "email"):
                if _same_identity(email, archived[username]):
                    self.linked[username] = pk
                else:
                    clashes.append(username)
        if clashes:
            raise ArchiveError(
                "These user names already belong to other people here (a different e-mail address): "
                f"{_listed(clashes)}. Rename or remove those users first."
            )

    def _check_unique(self, kind: Kind, unique: list[models.Field]) -> None:
        values = {f.name: set() for f in unique}
        for record in self.reader.records(kind.member):
            for f in unique:
                if record.get(f.name) not in (None, ""):
                    values[f.name].add(record[f.name])
        for f in unique:
            found = set()
            wanted = list(values[f.name])
            for start in range(0, len(wanted), BATCH):
                chunk = wanted[start : start + BATCH]
                found |= set(
                    kind.model._base_manager.filter(**{f"{f.name}__in": chunk}).values_list(f.name, flat=True)
                )
            if not found:
                continue
            if FRESH_WHEN_TAKEN.get(kind.label) == f.name:
                self.taken[(kind.label, f.name)] = found
            else:
                raise ArchiveError(
                    f"These values of {kind.label}.{f.name} already exist here and must be unique: "
                    f"{_listed(str(v) for v in found)}."
                )

    # -- loading ----------------------------------------------------------------------------------

    def load(self) -> Institution:
        for kind in self.kinds:
            self._load_kind(kind)
        return Institution.objects.get(pk=self.ids[INSTITUTION][self.institution_record["id"]])

    def _load_kind(self, kind: Kind) -> None:
        entry = self.listed[kind.label]
        count, parents, batch = 0, [], []
        for record in self.reader.records(entry["member"]):
            batch.append(record)
            if len(batch) == BATCH:
                parents += self._load_batch(kind, batch)
                count += len(batch)
                batch = []
        if batch:
            parents += self._load_batch(kind, batch)
            count += len(batch)
        if count != entry.get("count"):
            raise ArchiveError(
                f"The archive holds {count} {kind.label} records, its manifest says {entry.get('count')}."
            )
        self._link_parents(kind, parents)

    def _load_batch(self, kind: Kind, records: list[dict]) -> list:
        """Insert one batch; returns (new id, field, archive id of the parent) for the tree's second pass."""
        model = kind.model
        objs, olds, links, parents, fresh = [], [], [], [], []
        for record in records:
            old = record.get("id")
            if not isinstance(old, int):
                raise ArchiveError(f"A {kind.label} record has no id.")
            if kind.label == USER and record.get("username") in self.linked:
                self.ids[USER][old] = self.linked[record["username"]]
                continue
            obj = model()
            if kind.institution_field:
                setattr(obj, f"{kind.institution_field}_id", self.institution_id)
            own_parents = []
            for f in kind.fields:
                if f.name not in record:
                    continue
                value = self._value(kind, f, record, own_parents)
                setattr(obj, f.attname, value)
            if kind.label == INSTITUTION:
                obj.slug = self.slug
            if kind.label == USER and not record.get("password"):
                obj.password = make_password(None)
            for (label, name), values in self.taken.items():
                if label == kind.label and getattr(obj, name) in values:
                    setattr(obj, name, hashlib.sha256(secrets.token_bytes(32)).hexdigest())
                    fresh.append(obj)
            objs.append(obj)
            olds.append(old)
            links.append({f: record.get(f.name) or [] for f in kind.many_to_many})
            parents.append(own_parents)
        if not objs:
            return []
        new_ids = self._insert(kind, objs)
        self.fresh += len(fresh)
        self.ids[kind.label].update(zip(olds, new_ids, strict=True))
        self._insert_links(kind, new_ids, links)
        self.advance(len(records))
        return [(new, f, parent) for new, own in zip(new_ids, parents, strict=True) for f, parent in own]

    @property
    def institution_id(self) -> int:
        return self.ids[INSTITUTION][self.institution_record["id"]]

    def _value(self, kind: Kind, f: models.Field, record: dict, own_parents: list):
        value = record[f.name]
        if f.is_relation and value is not None:
            target = f.related_model._meta.label_lower
            if f.related_model is ContentType:
                return self._content_type(value).pk
            if target == kind.label and value not in self.ids[target]:
                own_parents.append((f, value))  # a parent made after its child: linked in a second pass
                return None
            return self._new_id(kind, target, value)
        if (
            kind.label in GENERIC_REFERENCES
            and f.name == GENERIC_REFERENCES[kind.label][1]
            and value is not None
        ):
            type_field = GENERIC_REFERENCES[kind.label][0]
            # An entry about a record that no longer exists (or lies outside the archive) keeps its
            # description but points at no number another record could have here.
            return self.ids.get(record.get(type_field) or "", {}).get(value)
        if isinstance(f, models.FileField):
            return self._file(f, value)
        try:
            return decode(f, value)
        except ValidationError as exc:
            raise ArchiveError(f"A {kind.label} record has a bad {f.name}: {value!r}.") from exc

    def _new_id(self, kind: Kind, target: str, old) -> int:
        try:
            return self.ids[target][old]
        except (KeyError, TypeError):
            raise ArchiveError(
                f"A {kind.label} record refers to {target} #{old}, which the archive does not hold."
            ) from None

    def _content_type(self, name: str) -> ContentType:
        """The kind named ``app_label.model`` here (made, as Django does, for one no longer installed)."""
        if name not in self.content_types:
            app_label, _, model = str(name).partition(".")
            self.content_types[name] = ContentType.objects.get_or_create(app_label=app_label, model=model)[0]
        return self.content_types[name]

    def _file(self, f: models.FileField, name: str) -> str:
        if not name or name in self.missing_files:
            return name or ""
        if name not in self.saved_names:  # records that share a file share its copy too
            saved = f.storage.save(name, ContentFile(self.reader.file_bytes(name)))
            self.saved_files.append((f, saved))
            self.saved_names[name] = saved
        return self.saved_names[name]

    def _insert(self, kind: Kind, objs: list) -> list[int]:
        """Insert as given, like a fixture's raw save: no auto_now, no signals; the database gives the ids."""
        model = kind.model
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        size = max(1, min(BATCH, connection.ops.bulk_batch_size(fields, objs)))
        new_ids = []
        for start in range(0, len(objs), size):
            rows = model._base_manager._insert(
                objs[start : start + size], fields=fields, returning_fields=[model._meta.pk], raw=True
            )
            new_ids += [row[0] for row in rows]
        return new_ids

    def _insert_links(self, kind: Kind, new_ids: list[int], links: list[dict]) -> None:
        """The batch's many-to-many rows, as plain rows (hundreds of thousands for a university)."""
        quote = connection.ops.quote_name
        for f in kind.many_to_many:
            through = f.remote_field.through
            source = through._meta.get_field(f.m2m_field_name()).column
            target = through._meta.get_field(f.m2m_reverse_field_name()).column
            target_label = f.related_model._meta.label_lower
            rows = [
                (new, self._new_id(kind, target_label, old))
                for new, record_links in zip(new_ids, links, strict=True)
                for old in record_links[f]
            ]
            if rows:
                with connection.cursor() as cursor:
                    cursor.executemany(
                        f"INSERT INTO {quote(through._meta.db_table)} ({quote(source)}, {quote(target)}) "  # noqa: S608
                        "VALUES (%s, %s)",
                        rows,
                    )

    def _link_parents(self, kind: Kind, parents: list) -> None:
        by_field: dict[models.Field, list] = {}
        for new, f, old_parent in parents:
            obj = kind.model(pk=new)
            setattr(obj, f.attname, self._new_id(kind, kind.label, old_parent))
            by_field.setdefault(f, []).append(obj)
        for f, objs in by_field.items():
            kind.model._base_manager.bulk_update(objs, [f.name], batch_size=BATCH)

    def forget_files(self) -> None:
        """Remove the files saved for an import that did not complete."""
        for f, name in self.saved_files:
            f.storage.delete(name)


def import_institution(
    path: Path,
    *,
    slug: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    advance: Callable[[int], object] = lambda n: None,
) -> ImportResult:
    """Load the archive at ``path`` as a new institution of this installation, or change nothing.

    Refuses (``ArchiveError``) an archive that is not ours, damaged, too new or
    unsafe, a short name that exists (``slug`` gives another), and user names
    that belong to someone else here; a user with the same name and e-mail
    address becomes that existing account.
    """
    if not connection.features.can_return_rows_from_bulk_insert:
        raise ArchiveError(
            "This database cannot return the ids of inserted rows; use PostgreSQL or SQLite 3.35+."
        )
    reader = ArchiveReader(path, max_bytes=max_bytes)
    loader = None
    try:
        loader = _Loader(reader, slug, advance)
        loader.check()
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            try:
                institution = loader.load()
            except DatabaseError as exc:
                raise ArchiveError(f"The archive's records do not fit this database: {exc}") from exc
            rebuild([institution.pk])
            transaction.on_commit(lambda: institution_changed(institution.pk))
    except BaseException:
        if loader is not None:
            loader.forget_files()
        raise
    finally:
        reader.close()
    counts = {kind.label: len(loader.ids[kind.label]) for kind in loader.kinds}
    return ImportResult(
        institution=institution,
        counts=counts,
        linked_users=sorted(loader.linked),
        files=len(loader.saved_files),
        fresh_secrets=loader.fresh,
    )
