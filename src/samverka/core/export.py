"""Every list as a spreadsheet: the rows its filters select, as .xlsx or .csv.

The columns are the record's own fields (the fields of its workspace form,
as the API has them) with the list's computed columns, each with the label
the pages use. Values are what a person reads, typed for Excel: numbers as
numbers, dates as dates, choices by their label, related records by name.

No cell can run as a formula (OWASP "CSV injection"): in .xlsx every text is
stored as text, never as a formula; in .csv a text that starts with
``= + - @`` or a tab or carriage return gets a leading apostrophe.

Each export is written to the audit trail with its filters and row count.
"""

import csv
import datetime
import decimal
import itertools
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO, cast

from django.conf import settings
from django.db import models
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import slugify
from rustpy_xlsxwriter import FastExcel, Format

from samverka.core.display import StrOrPromise, plain_raw_reader, plain_reader, plain_value
from samverka.core.language import is_translated
from samverka.lib.plaintext import printable

FORMATS = ("xlsx", "csv")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 2000  # rows read from the database at a time


def safe_cell(value: object) -> str:
    """A CSV cell that can never run as a formula (OWASP CSV injection), without control characters."""
    text = "" if value is None else printable(str(value))
    return f"'{text}" if text.startswith(FORMULA_START) else text


@dataclass(frozen=True)
class ExportColumn:
    attr: str  # a field or attribute of the record
    header: str


INVALID_SHEET_TITLE = re.compile(r"[\\/*?:\[\]]")  # characters Excel refuses in a sheet's name


def sheet_title(title: str) -> str:
    """A worksheet's name from a title: without the characters Excel refuses, at most 31 long."""
    return INVALID_SHEET_TITLE.sub(" ", printable(title)).strip()[:31] or "Samverka"


def _csv_text(value: object) -> str:
    """A value as Swedish Excel writes it in a CSV: decimal comma in Swedish, no grouping, ISO dates.
    Texts and whole numbers, most of an export's million cells, are told by their type first."""
    kind = type(value)
    if kind is str:
        return safe_cell(value)
    if value is None:
        return ""
    if kind is int:
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int | float | decimal.Decimal):
        return number_format(value, use_l10n=True, force_grouping=False)
    return safe_cell(value)


def _filename(title: str, extension: str) -> str:
    return f"samverka-{slugify(title) or 'lista'}-{timezone.localdate().isoformat()}.{extension}"


def plain_rows(records: Iterable[Any], columns: list[ExportColumn]) -> Iterator[list[Any]]:
    """Each record's values for the columns (``display.plain_value``).

    A queryset is read ``CHUNK`` records at a time with each column's field looked up once. A
    related record is shown by its name, read once for each one a chunk names (a foreign key's
    are kept for the next chunks); a many-to-many column costs two queries for the whole export
    (``_many_names``). Django's ``select_related`` and ``prefetch_related`` made a record for every
    row and link, and a queryset for every row and column: 56 s for 50 000 activities, 27 s of it
    the prefetch (docs/performance.md)."""
    if not isinstance(records, models.QuerySet):
        for obj in records:
            yield [plain_value(obj, c.attr) for c in columns]
        return
    model = records.model
    fields = {f.name: f for f in model._meta.get_fields()}
    # What the list joins to its rows: what a related record's name needs is joined to it here.
    joins = records.query.select_related if isinstance(records.query.select_related, dict) else {}
    own = [fields.get(c.attr) for c in columns]
    if all(
        (getattr(field, "concrete", False) or isinstance(field, models.ManyToManyField))
        and not is_translated(model, c.attr)
        for field, c in zip(own, columns, strict=True)
    ):
        yield from _field_rows(records, own, joins)
        return
    if all(c.attr in fields for c in columns):  # a computed column may read what the list joins
        records = records.select_related(None)
    many = {c.attr: fields[c.attr] for c in columns if isinstance(fields.get(c.attr), models.ManyToManyField)}
    one = {
        c.attr: field
        for c in columns
        if isinstance(field := fields.get(c.attr), models.ForeignKey | models.OneToOneField)
        and not field.choices
    }
    readers = [None if c.attr in many or c.attr in one else plain_reader(model, c.attr) for c in columns]
    known: dict[str, dict[Any, str]] = {attr: {} for attr in one}
    names = {attr: _many_names(field, records) for attr, field in many.items()}
    chunk: list[Any] = []

    def value(obj: Any, column: ExportColumn) -> Any:
        if column.attr in one:
            field = one[column.attr]
            if field.is_cached(obj):
                related = getattr(obj, column.attr)
                return None if related is None else str(related)
            pk = getattr(obj, field.attname)
            return None if pk is None else known[column.attr][pk]
        return names[column.attr].get(obj.pk, "")

    def rows() -> Iterator[list[Any]]:
        for attr, field in one.items():
            wanted = {getattr(obj, field.attname) for obj in chunk if not field.is_cached(obj)}
            _learn_names(field, wanted, known[attr], joins.get(attr))
        for obj in chunk:
            yield [
                read(obj) if read is not None else value(obj, c)
                for read, c in zip(readers, columns, strict=True)
            ]

    for obj in records.iterator(chunk_size=CHUNK):
        chunk.append(obj)
        if len(chunk) == CHUNK:
            yield from rows()
            chunk = []
    yield from rows()


def _field_rows(
    records: models.QuerySet[Any], fields: list[Any], joins: dict[str, Any]
) -> Iterator[list[Any]]:
    """``plain_rows`` of columns that are all the records' own fields: read as values, not as
    records (18.0 → 15.8 s for 110 000 activities), each value made plain as
    ``display.plain_value`` makes it."""
    many = [field for field in fields if isinstance(field, models.ManyToManyField)]
    stored = [field for field in fields if field not in many]
    names = ["pk", *(field.attname for field in stored)]
    at = {field: index for index, field in enumerate(stored, start=1)}
    known: dict[Any, dict[Any, str]] = {field: {} for field in stored if field.is_relation}
    linked = [_many_names(field, records) for field in many]

    def reader(field: Any) -> Any:
        if field.is_relation:  # a foreign key: the related record's name
            return lambda value: None if value is None else known[field][value]
        if field.choices:
            labels = {value: str(label) for value, label in field.flatchoices}  # translated once
            return lambda value: None if (label := labels.get(value, value)) is None else str(label)
        if isinstance(field, models.FileField):
            return lambda value: value.rsplit("/", 1)[-1] if value else ""
        return plain_raw_reader(field)

    # per column: where its value is in a row and how it is read (None: as stored), or, at -1,
    # which many-to-many it is
    plan: list[tuple[int, Any, int]] = [
        (-1, None, many.index(f)) if f in many else (at[f], reader(f), 0) for f in fields
    ]

    def rows(chunk: list[tuple[Any, ...]]) -> Iterator[list[Any]]:
        for field, names_of in known.items():
            _learn_names(field, {row[at[field]] for row in chunk}, names_of, joins.get(field.name))
        for row in chunk:
            yield [
                linked[index].get(row[0], "")
                if position < 0
                else (row[position] if read is None else read(row[position]))
                for position, read, index in plan
            ]

    chunk: list[tuple[Any, ...]] = []
    for row in records.select_related(None).values_list(*names).iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield from rows(chunk)
            chunk = []
    yield from rows(chunk)


def _learn_names(field: Any, wanted: set[Any], known: dict[Any, str], joined: dict[str, Any] | None) -> None:
    """Add to ``known`` the names of the records a foreign key points to that it lacks, in one query,
    with what the list joins to them (``joined``: a name that reads another record)."""
    wanted = wanted - known.keys() - {None}
    if wanted:
        related: Any = field.related_model
        found = related._base_manager.select_related(*_lookups(joined or {}))
        known.update((item.pk, str(item)) for item in found.filter(pk__in=wanted))


def _lookups(tree: dict[str, Any], prefix: str = "") -> list[str]:
    """A ``select_related`` tree ({"meeting": {"body": {}}}) as its lookups ("meeting__body")."""
    return [
        lookup
        for name, below in tree.items()
        for lookup in ([prefix + name] if not below else _lookups(below, f"{prefix}{name}__"))
    ]


def _many_names(field: Any, records: models.QuerySet[Any]) -> dict[Any, str]:
    """For each record of an export, the names of the records ``field`` links it to, joined by
    "; " in the related records' order: two queries for the whole export.

    The related records the export links to are read in their order, each made once for its
    name; then the export's links, as keys. Reading them a chunk of 2 000 rows at a time, with
    the ids as 2 000 parameters, was a third and then a quarter of a .csv's time; the names of
    110 000 activities take about 10 MB."""
    through: Any = field.remote_field.through
    source = through._meta.get_field(field.m2m_field_name()).attname
    target = through._meta.get_field(field.m2m_reverse_field_name()).attname
    links = through._default_manager.filter(**{f"{source}__in": records.values("pk")})
    related: Any = field.related_model
    # not a record its default manager leaves out, as ``.all()`` would not
    shown = related._default_manager.filter(pk__in=links.values(target))
    place = {item.pk: (index, str(item)) for index, item in enumerate(shown.iterator())}
    linked: dict[Any, list[tuple[int, str]]] = {}
    for obj, pk in links.values_list(source, target).iterator(chunk_size=10 * CHUNK):
        if pk in place:
            linked.setdefault(obj, []).append(place[pk])
    return {obj: "; ".join(name for _index, name in sorted(items)) for obj, items in linked.items()}


def csv_response(rows: Iterable[list[Any]], columns: list[ExportColumn], title: str) -> StreamingHttpResponse:
    """Semicolon-separated UTF-8 with BOM, as Swedish Excel opens it directly (å, ä, ö intact)."""

    class Echo:
        def write(self, value: str) -> str:
            return value

    writer = csv.writer(Echo(), delimiter=";")

    def lines() -> Iterator[str]:
        yield "\ufeff" + writer.writerow([safe_cell(c.header) for c in columns])
        for values in rows:
            yield writer.writerow([_csv_text(value) for value in values])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(title, "csv")}"'
    return response


DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


def xlsx_response(rows: Iterable[list[Any]], columns: list[ExportColumn], title: str) -> FileResponse:
    """One sheet: a bold header row that stays in view and filters, then one row per record.

    rust_xlsxwriter (through rustpy-xlsxwriter) writes each row as it comes, in constant memory:
    about 0.7 µs a cell, where XlsxWriter took 5 µs and openpyxl 8 µs (docs/performance.md). Each
    value is written as its type: a text as text (even one that starts with "=": never a formula,
    a number or a link), a number as a number, a date as a date. A column whose values in the first
    rows are dates, not moments, shows them without a time."""
    rows = iter(rows)
    first = list(itertools.islice(rows, CHUNK))
    keys = _unique([printable(column.header) for column in columns])
    dates = {
        key: Format().set_num_format(DATE_FORMAT)
        for index, key in enumerate(keys)
        if (kinds := {type(values[index]) for values in first if values[index] is not None})
        and kinds <= {datetime.date}
    }

    def cells(values: list[Any]) -> Iterator[Any]:
        for value in values:
            if value is None or value == "":
                yield None
            elif isinstance(value, str):
                yield printable(value)  # Excel's XML cannot hold a control character
            elif isinstance(value, bool | int | float | decimal.Decimal | datetime.date):
                yield value.replace(tzinfo=None) if isinstance(value, datetime.datetime) else value
            else:
                yield printable(str(value))

    # the writer takes the columns from the rows: a list with no rows gets one without values,
    # which writes the header row and no row under it
    records = (dict(zip(keys, cells(values), strict=True)) for values in itertools.chain(first, rows))
    if not first:
        records = iter([dict.fromkeys(keys)])
    # FileResponse closes the file once it is sent.
    spool = tempfile.SpooledTemporaryFile(max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE)  # noqa: SIM115
    (
        FastExcel(cast(BinaryIO, spool))  # a SpooledTemporaryFile is a binary file
        .format(bold_headers=True, datetime_format=DATETIME_FORMAT)
        .freeze(row=1)
        .sheet(
            sheet_title(title),
            records,
            column_widths=[min(max(len(key) + 2, 12), 60) for key in keys],
            column_formats=dates or None,
            autofilter=True,
        )
        .save()
    )
    spool.seek(0)
    return FileResponse(
        spool,
        as_attachment=True,
        filename=_filename(title, "xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _unique(headers: list[str]) -> list[str]:
    """The headers, a repeated one numbered ("Datum (2)"): a row is written as a mapping."""
    unique: list[str] = []
    for header in headers:
        name, number = header, 1
        while name in unique:
            number += 1
            name = f"{header} ({number})"
        unique.append(name)
    return unique


def spreadsheet_response(
    fmt: str, records: Iterable[Any], columns: list[ExportColumn], title: StrOrPromise
) -> FileResponse | StreamingHttpResponse:
    """The records (a queryset, or any objects) as a spreadsheet of the columns."""
    rows = plain_rows(records, columns)
    return (xlsx_response if fmt == "xlsx" else csv_response)(rows, columns, str(title))
