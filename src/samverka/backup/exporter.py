"""Write one institution, its users, its history and its uploaded files to one archive."""

import datetime
import importlib.metadata
import json
import shutil
from collections.abc import Callable
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction

from samverka.backup.archive import FILES, FORMAT, FORMAT_VERSION, ArchiveWriter, encode
from samverka.backup.contents import INSTITUTION, USER, Kind, archived_kinds
from samverka.core.models import Institution, Membership

BATCH = 2000


def _rows(kind: Kind, institution: Institution, users: models.Q) -> models.QuerySet:
    """The kind's rows of the institution as plain values, by primary key, never as model instances."""
    manager = kind.model._base_manager
    if kind.label == INSTITUTION:
        rows = manager.filter(pk=institution.pk)
    elif kind.label == USER:
        rows = manager.filter(users)
    else:
        rows = manager.filter(**{kind.institution_field: institution})
    return rows.order_by("pk").values("pk", *(field.attname for field in kind.fields))


def _referenced_users(kinds: list[Kind], institution: Institution) -> models.Q:
    """The users the institution's records refer to (members, authors, actors), as one condition."""
    condition = models.Q(pk__in=[])
    for kind in kinds:
        if kind.institution_field is None:
            continue
        rows = kind.model._base_manager.filter(**{kind.institution_field: institution})
        for field in kind.fields:
            if field.is_relation and field.related_model._meta.label_lower == USER:
                condition |= models.Q(
                    pk__in=rows.filter(**{f"{field.attname}__isnull": False}).values(field.attname)
                )
    return condition


def _links(field: models.ManyToManyField, ids: list[int]) -> dict[int, list[int]]:
    """{record id: sorted ids it links to} of one many-to-many field for a batch of records."""
    through = field.remote_field.through
    source = through._meta.get_field(field.m2m_field_name()).attname
    target = through._meta.get_field(field.m2m_reverse_field_name()).attname
    links: dict[int, list[int]] = {pk: [] for pk in ids}
    for pk, other in through._base_manager.filter(**{f"{source}__in": ids}).values_list(source, target):
        links[pk].append(other)
    return {pk: sorted(others) for pk, others in links.items()}


class _Records:
    """Turns value rows of one kind into the archive's records, and notes the uploaded files they name."""

    def __init__(self, kind: Kind, members: set[int], content_types: dict[int, str]):
        self.kind = kind
        self.members = members
        self.content_types = content_types
        self.files: dict[str, models.FileField] = {}  # storage name -> the field whose storage has it

    def batches(self, rows: models.QuerySet):
        batch = []
        for row in rows.iterator(chunk_size=BATCH):
            batch.append(row)
            if len(batch) == BATCH:
                yield self.records(batch)
                batch = []
        if batch:
            yield self.records(batch)

    def records(self, rows: list[dict]) -> list[dict]:
        ids = [row["pk"] for row in rows]
        links = {field.name: _links(field, ids) for field in self.kind.many_to_many}
        out = []
        for row in rows:
            record = {"id": row["pk"]}
            for field in self.kind.fields:
                value = row[field.attname]
                if field.is_relation and field.related_model is ContentType:
                    value = self.content_types.get(value)
                elif isinstance(field, models.FileField):
                    value = value or ""
                    if value:
                        self.files[value] = field
                record[field.name] = encode(field, value)
            for name, linked in links.items():
                record[name] = linked[row["pk"]]
            if self.kind.label == USER and row["pk"] not in self.members:
                record["password"] = ""  # not a member: identity only, no way to log in with it
            out.append(record)
        return out


def export_institution(
    institution: Institution, path: Path, *, advance: Callable[[int], object] = lambda n: None
) -> dict:
    """Write the institution's archive to ``path`` (atomically: a reader never sees half an archive).

    The records are read in one transaction (a repeatable-read snapshot on
    PostgreSQL; SQLite's write lock), so the archive is one consistent moment.
    Returns the manifest.
    """
    kinds = archived_kinds()
    writer = ArchiveWriter(path)
    counts, missing = [], []
    files: dict[str, models.FileField] = {}
    try:
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if outermost and connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            users = _referenced_users(kinds, institution)
            members = set(
                Membership.objects.filter(institution=institution).values_list("user_id", flat=True)
            )
            content_types = {ct.pk: f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.all()}
            for kind in kinds:
                records = _Records(kind, members, content_types)
                count = 0
                with writer.member(kind.member) as out:
                    for batch in records.batches(_rows(kind, institution, users)):
                        out.write(
                            "".join(
                                json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
                                for record in batch
                            ).encode()
                        )
                        count += len(batch)
                        advance(len(batch))
                counts.append({"model": kind.label, "member": kind.member, "count": count})
                files.update(records.files)
            for name, field in sorted(files.items()):
                if not field.storage.exists(name):
                    missing.append(name)
                    continue
                with field.storage.open(name, "rb") as source, writer.member(FILES + name) as out:
                    shutil.copyfileobj(source, out, length=1024 * 1024)
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "samverka_version": importlib.metadata.version("samverka"),
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "database": connection.vendor,
            "institution": {"slug": institution.slug, "name": institution.name},
            "models": counts,
            "files": len(files) - len(missing),
            "missing_files": missing,
        }
        writer.finish(manifest)
    except BaseException:
        writer.abandon()
        raise
    return {**manifest, "members": writer.members}
