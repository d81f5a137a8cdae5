"""Every list downloads as .xlsx and .csv with its filters: read back, typed, formula-safe, logged."""

import csv
import datetime
import decimal
import io
import zipfile

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.activities.models import Activity
from samverka.core.models import AuditEntry
from samverka.core.views import RecordListView
from tests import factories as f
from tests.conftest import client_for
from tests.urlconf import internal_routes

# Most tests here ask the same world: built once for the module (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("shared_world")

LISTS = [r for r in internal_routes() if r.view_class and issubclass(r.view_class, RecordListView)]
HOSTILE = ['=HYPERLINK("http://x","klicka")', "+46 8 123", "-1+2", "@SUM(A1)", "\tflik"]


def xlsx_rows(response) -> list[tuple]:
    body = b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    return list(sheet.iter_rows(values_only=True))


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads å, ä, ö
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


def listed(client, route, query=None) -> int:
    return client.get(reverse(route.name), query or {}).context["paginator"].count


def test_every_list_is_exportable():
    names = {route.name for route in LISTS}
    assert {"activities:activity-list", "partnerships:partnership-list", "access:audit-list"} <= names
    assert len(LISTS) >= 9


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("route", LISTS, ids=[r.name for r in LISTS])
def test_each_list_downloads_its_rows_and_the_export_is_logged(members, world, route, fmt):
    client = client_for(members["admin"])
    response = client.get(reverse(route.name), {"format": fmt})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert f'.{fmt}"' in response["Content-Disposition"]
    rows = xlsx_rows(response) if fmt == "xlsx" else csv_rows(response)
    header, body = rows[0], rows[1:]
    assert all(header) and len(set(header)) == len(header)  # every column named, once
    assert len(body) == listed(client, route)
    entry = AuditEntry.objects.filter(action__endswith=".exported").latest("id")
    assert entry.action == f"{route.model._meta.label_lower}.exported"
    assert entry.changes["format"]["after"] == fmt


def test_the_export_has_the_lists_filters_and_order(coordinator, world):
    client = client_for(coordinator)
    partnership = world["own"]["partnership"]
    for title in ("Bärnsten", "Ädelsten", "Alabaster"):
        f.ActivityFactory(
            institution=partnership.institution,
            partnership=partnership,
            type=world["own"]["activitytype"],
            title_sv=title,
        )
    query = {"partnership": partnership.pk, "o": "-title"}
    rows = xlsx_rows(client.get(reverse("activities:activity-list"), {**query, "format": "xlsx"}))
    titles = [row[rows[0].index("Titel (svenska)")] for row in rows[1:]]
    page = client.get(reverse("activities:activity-list"), query)
    assert titles == [a.title_sv for a in page.context["object_list"]]
    assert len(titles) == 4 and "Ädelsten" in titles
    assert world["sibling"]["activity"].title_sv not in titles


def test_values_are_typed_for_excel_and_read_as_people_read_them(coordinator, world):
    activity = world["own"]["activity"]
    Activity.objects.filter(pk=activity.pk).update(
        funding_sek=decimal.Decimal("1250000"), starts_on=datetime.date(2026, 3, 1), student_count=12
    )
    activity.organisations.set([world["own"]["organisation"], world["sibling"]["organisation"]])
    client = client_for(coordinator)
    url = reverse("activities:activity-list")
    query = {"partnership": activity.partnership_id}
    rows = xlsx_rows(client.get(url, {**query, "format": "xlsx"}))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Nr"] == activity.pk
    assert row["Startdatum"].date() == datetime.date(2026, 3, 1)  # a date cell, not text
    assert row["Antal studenter"] == 12
    assert row["Finansiering (kr)"] == 1250000
    assert row["Status"] == "planerad"  # the choice's label, in Swedish
    assert row["Partnerskap"] == str(activity.partnership)
    assert set(row["Partnerorganisationer"].split("; ")) == {
        str(world["own"]["organisation"]),
        str(world["sibling"]["organisation"]),
    }
    line = dict(zip(*csv_rows(client.get(url, {**query, "format": "csv"}))[:2], strict=True))
    assert line["Finansiering (kr)"] == "1250000"  # no thousands separator for Excel to misread
    assert line["Startdatum"] == "2026-03-01"
    english = csv_rows(client.get(f"/en{url}", {**query, "format": "csv"}))
    assert "Start date" in english[0] and "planned" in english[1]


def test_no_cell_can_run_as_a_formula(coordinator, world):
    partnership = world["own"]["partnership"]
    for title in HOSTILE:
        f.ActivityFactory(
            institution=partnership.institution,
            partnership=partnership,
            type=world["own"]["activitytype"],
            title_sv=title,
        )
    client = client_for(coordinator)
    url = reverse("activities:activity-list")
    query = {"partnership": partnership.pk}
    response = client.get(url, {**query, "format": "xlsx"})
    body = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml  # no formula anywhere
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    texts = {cell.value: cell.data_type for row in sheet.iter_rows() for cell in row if cell.value in HOSTILE}
    assert texts == dict.fromkeys(HOSTILE, "s")  # kept as text, exactly as typed
    lines = csv_rows(client.get(url, {**query, "format": "csv"}))
    column = lines[0].index("Titel (svenska)")
    exported = {line[column] for line in lines[1:]}
    assert {f"'{title}" for title in HOSTILE} <= exported


def test_the_partners_export_holds_only_what_the_partner_sees(members, world):
    partnership = world["own"]["partnership"]
    type(partnership).objects.filter(pk=partnership.pk).update(internal_notes="HEMLIG")
    client = client_for(members["partner"])
    rows = csv_rows(client.get(reverse("partnerships:partnership-list"), {"format": "csv"}))
    assert [line[0] for line in rows[1:]] == [str(partnership.pk)]
    assert "Interna anteckningar" not in rows[0]
    assert "HEMLIG" not in str(rows)
    coordinator_rows = csv_rows(
        client_for(members["coordinator"]).get(reverse("partnerships:partnership-list"), {"format": "csv"})
    )
    assert "Interna anteckningar" in coordinator_rows[0]


def test_a_list_the_role_may_not_open_does_not_export(members, world):
    response = client_for(members["viewer"]).get(reverse("access:audit-list"), {"format": "xlsx"})
    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action__endswith=".exported").exists()


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_queries_do_not_grow_with_the_rows(coordinator, world, fmt):
    """Related records are loaded with the rows: the same number of queries for 3 or 30 activities."""
    client = client_for(coordinator)
    partnership = world["own"]["partnership"]
    url = reverse("activities:activity-list")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, {"format": fmt})
            b"".join(response.streaming_content)
        return len(captured)

    def add(count):
        for _ in range(count):
            activity = f.ActivityFactory(
                institution=partnership.institution,
                partnership=partnership,
                type=world["own"]["activitytype"],
            )
            activity.organisations.set([world["own"]["organisation"]])
            activity.people.set([world["own"]["person"]])

    add(1)
    few = queries()
    add(27)
    assert queries() == few


def test_csv_numbers_are_written_as_swedish_excel_reads_them():
    from django.utils import translation

    from samverka.core.export import _csv_text

    with translation.override("sv"):
        assert _csv_text(decimal.Decimal("1234.5")) == "1234,5"
        assert _csv_text(1234567) == "1234567"
    with translation.override("en"):
        assert _csv_text(decimal.Decimal("1234.5")) == "1234.5"
    assert _csv_text(datetime.datetime(2026, 1, 2, 3, 4, tzinfo=datetime.UTC)) == "2026-01-02 03:04"
    assert _csv_text("=1+1") == "'=1+1"


CONTROL_CHARACTERS = "".join(chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0)))


def _with_control_characters(world) -> int:
    """Every text of every record of the world starts with every control character (as many as
    its length allows), as records stored before forms refused them, or written into the
    database by another program, do."""
    from django.db import models
    from django.db.models.functions import Concat, Left

    controls = models.Value(CONTROL_CHARACTERS.replace("\x00", ""))  # PostgreSQL's text holds no NUL
    changed = 0
    for obj in world["own"].values():
        texts = {
            field.name: Left(Concat(controls, field.name), field.max_length)
            if field.max_length
            else Concat(controls, field.name)
            for field in obj._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField)
            and not field.choices
            and not isinstance(field, models.EmailField | models.SlugField | models.URLField)
        }
        if texts:
            changed += type(obj)._base_manager.filter(pk=obj.pk).update(**texts)
    return changed


def test_every_export_holds_every_control_character_a_record_has(members, world):
    """Excel's file format cannot hold a control character: an organisation named
    "Kontroll\\x1b[31m AB" made every download of its list fail. Each is left out of the file."""
    assert _with_control_characters(world) > 10
    client = client_for(members["admin"])
    for route in LISTS:
        xlsx = client.get(reverse(route.name), {"format": "xlsx"})
        assert xlsx.status_code == 200, route.name
        cells = [str(value) for row in xlsx_rows(xlsx) for value in row if value is not None]
        csv_cells = [
            cell for row in csv_rows(client.get(reverse(route.name), {"format": "csv"})) for cell in row
        ]
        for text in (*cells, *csv_cells):
            assert not any(
                character in text for character in CONTROL_CHARACTERS if character not in "\t\n\r"
            ), (
                route.name,
                text,
            )


def test_a_list_read_as_values_exports_what_its_records_give(world):
    """A list of its records' own fields is read as values (``export._field_rows``): each cell is
    what ``plain_value`` gives for the record (a choice's label, a related name, the many-to-many
    names in their order, yes/no, a local time)."""
    from samverka.activities.models import Activity
    from samverka.core.export import ExportColumn, plain_rows

    side = world["own"]
    activity = side["activity"]
    activity.organisations.set(
        [side["organisation"], f.OrganisationFactory(institution=activity.institution)]
    )
    activity.people.set([side["person"]])
    activity.granted = True
    activity.save()
    names = ["id", "title_sv", "type", "partnership", "focus_area", "organisations", "people", "status"]
    columns = [ExportColumn(name, name) for name in [*names, "granted", "starts_on", "created_at", "parent"]]
    records = Activity.objects.order_by("pk")
    assert list(plain_rows(records, columns)) == list(plain_rows(list(records), columns))
    assert len(list(plain_rows(records, columns))) == Activity.objects.count()


@pytest.mark.parametrize("title", ["title_sv", "title"])  # read as values, and as records
def test_many_to_many_names_keep_their_order_across_chunks(world, monkeypatch, title):
    """A related record's name is kept for the whole export; each chunk still lists them in the
    related records' order."""
    from samverka.activities.models import Activity
    from samverka.core import export

    side = world["own"]
    institution = side["activity"].institution
    partners = [
        f.OrganisationFactory(institution=institution, name=name) for name in ("Cedern", "Aspen", "Björken")
    ]
    for index in range(5):
        activity = f.ActivityFactory(institution=institution, partnership=side["partnership"])
        activity.organisations.set(partners[index % 3 :] + partners[: index % 2])
    monkeypatch.setattr(export, "CHUNK", 2)
    columns = [export.ExportColumn(name, name) for name in ("id", title, "organisations")]
    records = Activity.objects.order_by("pk")
    with CaptureQueriesContext(connection) as queries:
        rows = list(export.plain_rows(records, columns))
    assert rows == list(export.plain_rows(list(records), columns))
    assert ["Aspen; Björken; Cedern"] in [row[2:] for row in rows]
    # the organisations are read once for the whole export, then the links, not once a chunk
    organisations = Activity.organisations.field.related_model._meta.db_table
    links = Activity.organisations.through._meta.db_table
    assert sum(f'FROM "{organisations}"' in query["sql"] for query in queries.captured_queries) == 1
    assert sum(f'FROM "{links}"' in query["sql"] for query in queries.captured_queries) == 2


def test_each_fields_reader_gives_what_plain_raw_gives(world):
    """``plain_raw_reader`` decides once per column what ``plain_raw`` decides per value: the
    same for every stored value of every plain field of every model with records here."""
    from django.apps import apps
    from django.db import models

    from samverka.core.display import plain_raw, plain_raw_reader

    compared = set()
    for model in apps.get_models():
        if not model.__module__.startswith("samverka."):
            continue
        fields = [
            field
            for field in model._meta.concrete_fields
            if not field.is_relation and not field.choices and not isinstance(field, models.FileField)
        ]
        for record in model._base_manager.all()[:20]:
            for field in fields:
                value = getattr(record, field.attname)
                read = plain_raw_reader(field)
                assert (value if read is None else read(value)) == plain_raw(value), (model, field.name)
                compared.add(type(field))
    assert {models.BooleanField, models.DateTimeField, models.DateField, models.CharField} <= compared


def test_xlsx_cells_have_their_types_formats_and_every_column(db):
    """A date shows as a date, a moment with its time, a yes/no and a number as typed; a header
    that two columns share keeps both columns; a control character never reaches the file."""
    from samverka.core.export import ExportColumn, xlsx_response

    columns = [ExportColumn(attr, header) for attr, header in [("a", "Datum"), ("b", "Tid"), ("c", "Datum")]]
    columns += [ExportColumn("d", "Belopp"), ExportColumn("e", "Ja"), ExportColumn("f", "Text")]
    # as plain_rows gives them: a moment in local time, without its zone (an Excel cell has none)
    moment = datetime.datetime(2026, 3, 1, 13, 5, tzinfo=datetime.UTC).replace(tzinfo=None)
    midnight = datetime.time(0, 0)
    rows = [
        [
            datetime.date(2026, 3, 1),
            moment,
            None,
            decimal.Decimal("2.5"),
            True,
            "a\x01b",
        ],
        [None, None, datetime.date(2026, 4, 2), 7, False, ""],
    ]
    response = xlsx_response(iter(rows), columns, "Prov: [lista]")
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book.active
    assert sheet.title == "Prov   lista"
    assert [cell.value for cell in sheet[1]] == ["Datum", "Tid", "Datum (2)", "Belopp", "Ja", "Text"]
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:F3"
    first, second = ([(cell.value, cell.number_format) for cell in row] for row in sheet.iter_rows(min_row=2))
    day, *others = first
    assert (day[0].date(), day[0].time(), day[1]) == (datetime.date(2026, 3, 1), midnight, "yyyy-mm-dd")
    assert others == [
        (moment, "yyyy-mm-dd hh:mm"),
        (None, "General"),
        (2.5, "General"),
        (True, "General"),
        ("ab", "General"),
    ]
    assert [value for value, _format in second[:2] + second[3:]] == [None, None, 7, False, None]
    assert (second[2][0].date(), second[2][1]) == (datetime.date(2026, 4, 2), "yyyy-mm-dd")


def test_repeated_headers_are_numbered_past_a_header_that_has_the_number():
    from samverka.core.export import _unique

    assert _unique(["Datum", "Datum (2)", "Datum", "Titel", "Datum"]) == [
        "Datum",
        "Datum (2)",
        "Datum (3)",
        "Titel",
        "Datum (4)",
    ]


def test_an_export_without_rows_still_has_its_header(db):
    from samverka.core.export import ExportColumn, xlsx_response

    response = xlsx_response(iter([]), [ExportColumn("a", "Titel"), ExportColumn("b", "Datum")], "Tom")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert list(sheet.iter_rows(values_only=True)) == [("Titel", "Datum")]
