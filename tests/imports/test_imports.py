"""Spreadsheet import: files as offices write them, the dry run, all or nothing, matching, refusals."""

import csv
import datetime
import decimal
import io
import os
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from samverka.activities.models import Activity
from samverka.core.models import AuditEntry
from samverka.directory.models import Organisation, Person
from samverka.imports import domain, lease
from samverka.imports.models import ImportJob, ImportState
from samverka.imports.reading import SpreadsheetRefused, open_table
from samverka.imports.values import (
    misread,
    read_date,
    read_number,
    read_yes_no,
    refuse_formula,
    refuse_garbled,
)
from tests import factories as f
from tests.conftest import client_for

VALID_ORG_NUMBERS = ("559000-0005", "559000-0013", "559000-0021")


def write_csv(path, rows, *, encoding="utf-8-sig", delimiter=";"):
    with open(path, "w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path, rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def run(institution, user, kind, path, *, apply=True, mapping=None, language="sv"):
    return domain.import_file(
        institution=institution,
        actor=user,
        kind=kind,
        path=path,
        mapping=mapping,
        apply=apply,
        language=language,
    )


def snapshot():
    """Everything an import could change, to compare before and after a refused import."""
    return (
        sorted(Organisation.objects.values_list("pk", "name", "org_number", "type", "website", "version")),
        sorted(
            Person.objects.values_list("pk", "first_name", "last_name", "email", "organisation_id", "version")
        ),
        sorted(Activity.objects.values_list("pk", "title_sv", "starts_on", "version")),
        AuditEntry.objects.exclude(action__startswith="imports.").count(),
    )


# --- values as offices write them -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-01", datetime.date(2026, 3, 1)),
        ("2026-3-1", datetime.date(2026, 3, 1)),
        ("2026-03-01 00:00:00", datetime.date(2026, 3, 1)),
        ("20260301", datetime.date(2026, 3, 1)),
        ("1/3/2026", datetime.date(2026, 3, 1)),
        ("1.3.2026", datetime.date(2026, 3, 1)),
        ("1/3 2026", datetime.date(2026, 3, 1)),
        ("1 mars 2026", datetime.date(2026, 3, 1)),
        ("12 okt. 2026", datetime.date(2026, 10, 12)),
        ("3 October 2026", datetime.date(2026, 10, 3)),
        (datetime.datetime(2026, 3, 1, 9, 30), datetime.date(2026, 3, 1)),  # noqa: DTZ001 - as Excel stores it
    ],
)
def test_dates_are_read_as_swedish_offices_write_them(text, expected):
    assert read_date(text) == expected


@pytest.mark.parametrize("text", ["2026-02-30", "31/31/2026", "igår", "3 smarch 2026", "2026"])
def test_a_date_that_is_no_date_says_how_to_write_it(text):
    with pytest.raises(ValueError, match="2026-03-01"):
        read_date(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 234 567,50", "1234567.50"),
        ("1\u00a0234\u00a0567,5", "1234567.5"),
        ("1.234.567,50 kr", "1234567.50"),
        ("1234567.5", "1234567.5"),
        ("250 000 SEK", "250000"),
        ("−12,5", "-12.5"),
        (1234.0, "1234.0"),
        (17, "17"),
    ],
)
def test_numbers_take_a_decimal_comma_and_spaces(text, expected):
    assert read_number(text) == decimal.Decimal(expected)


@pytest.mark.parametrize("text", ["tolv", "1,2,3", "NaN", "Infinity", "12 äpplen"])
def test_a_number_that_is_no_number_is_refused(text):
    with pytest.raises(ValueError, match="1 234,50"):
        read_number(text)


def test_yes_and_no_in_both_languages():
    assert [read_yes_no(v) for v in ("Ja", "nej", "YES", "no", "x", "1", "0", "Sant", "falskt", True)] == [
        True, False, True, False, True, True, False, True, False, True,
    ]  # fmt: skip
    with pytest.raises(ValueError, match="ja"):
        read_yes_no("kanske")


@pytest.mark.parametrize(
    "text", ["=1+1", "=cmd|' /C calc'!A0", "@SUM(A1)", "+cmd|x", "-2+3*A1", " =HYPERLINK(x)"]
)
def test_formulas_are_refused(text):
    with pytest.raises(ValueError, match=r"formula|formel"):
        refuse_formula(text)


@pytest.mark.parametrize("text", ["+46 90-786 50 00", "-12,5", "-", "Umeå = bra", "a@b.se", "+4690123"])
def test_phone_numbers_and_plain_text_are_no_formulas(text):
    refuse_formula(text)  # raises nothing


# --- files as Swedish Excel saves them ----------------------------------------------------


ORG_ROWS = [
    ["Namn", "Organisationsnummer", "Typ", "Webbplats"],
    ["Nordlig Energi AB", VALID_ORG_NUMBERS[0], "företag", "nordlig.se"],
    ["Skogsstyrelsen", VALID_ORG_NUMBERS[1], "myndighet", ""],
]


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("cp1252", ";"), ("utf-8", ";"), ("utf-8-sig", ";"), ("utf-8-sig", ","), ("utf-16", "\t")],
)
def test_csv_in_every_encoding_and_separator_excel_writes(tmp_path, encoding, delimiter):
    path = write_csv(tmp_path / "org.csv", ORG_ROWS, encoding=encoding, delimiter=delimiter)
    table = open_table(path)
    assert table.headers == ORG_ROWS[0]
    assert [cells for _number, cells in table.rows()] == ORG_ROWS[1:]
    assert table.delimiter == delimiter


# As a Swedish office writes them: enough å, ä and ö to tell the old code pages apart.
OFFICE_ROWS = [
    ["Namn", "Typ"],
    ["Göteborgs universitet", "högskola"],
    ["Jönköpings kommun", "kommun"],
    ["Växjö Energi AB", "företag"],
    ["Ålands förening för samverkan", "förening"],
    ["Örebro läns museum", "myndighet"],
    ["Malmö stad", "kommun"],
    ["Luleå tekniska universitet", "högskola"],
    ["Umeå Energi AB", "företag"],
]


def csv_of(rows, encoding, *, delimiter=";"):
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter).writerows(rows)
    return text.getvalue().encode(encoding)


@pytest.mark.parametrize(
    ("written", "read_as"),
    [
        ("utf-8", "utf-8"),  # CSV from most programs
        ("utf-8-sig", "utf-8-sig"),  # Excel's "CSV UTF-8"
        ("utf-16", "utf-16"),  # Excel's "Unicode text", with its byte-order mark
        ("utf-16-le", "utf-16-le"),  # the same without the mark
        ("cp1252", "cp1252"),  # Excel's "CSV (comma delimited)" on Swedish Windows
        ("cp850", "cp850"),  # Excel's "CSV (MS-DOS)"
        ("mac_roman", "mac-roman"),  # Excel's "CSV (Macintosh)"
    ],
)
@pytest.mark.parametrize("rows", ["office", "few letters"])
def test_a_csv_file_is_read_in_the_encoding_it_was_saved_in(tmp_path, written, read_as, rows):
    rows = OFFICE_ROWS if rows == "office" else FEW_LETTERS
    path = tmp_path / "org.csv"
    path.write_bytes(csv_of(rows, written, delimiter="\t" if written.startswith("utf-16") else ";"))
    table = open_table(path)
    assert (table.encoding, table.unreadable_lines) == (read_as, ())
    assert [table.headers] + [cells for _number, cells in table.rows()] == rows


# The benchmark's file (scripts/bench-import.py): two letters only, the same in every row. A
# statistical guesser read its Windows-1252 as Mac Roman ("Fˆretag 0 i V‰sterbotten AB").
FEW_LETTERS = [["Namn", "Typ"]] + [
    [f"Företag {n} i Västerbotten AB", ("företag", "kommun", "region", "myndighet", "förening")[n % 5]]
    for n in range(20)
]


def test_utf8_with_a_few_bytes_that_are_not_is_refused_at_those_rows_never_read_as_windows_1252(
    tmp_path, institution, coordinator
):
    """The issue's file: UTF-8 with two names typed in Windows-1252 was read whole as
    Windows-1252 ("GÃ¶teborgs universitet") and the check found nothing wrong."""
    data = csv_of(OFFICE_ROWS, "utf-8")
    data = data.replace("Jönköpings".encode(), "Jönköpings".encode("cp1252"))  # row 3
    data = data.replace("Malmö stad".encode(), "Malmö stad".encode("cp1252"))  # row 7
    path = tmp_path / "org.csv"
    path.write_bytes(data)
    before = snapshot()
    job = run(institution, coordinator, "organisations", path)
    assert (job.encoding, job.unreadable_lines, job.unreadable_count) == ("utf-8", [3, 7], 2)
    assert [(e["row"], e["column"], e["value"]) for e in job.errors] == [
        (3, "Namn", "J\ufffdnk\ufffdpings kommun"),
        (7, "Namn", "Malm\ufffd stad"),
    ]
    assert job.errors[0]["message"].startswith("Tecken i den här cellen kunde inte läsas (visas som �)")
    assert (job.state, job.created) == (ImportState.CHECKED, 6)  # checked, not imported
    assert snapshot() == before


def test_the_page_names_the_lines_that_could_not_be_read_before_anything_is_checked(
    institution, coordinator_client
):
    data = csv_of(OFFICE_ROWS, "utf-8").replace("Malmö".encode(), "Malmö".encode("cp1252"))
    upload(coordinator_client, "organisations", "org.csv", data)
    page = coordinator_client.get(ImportJob.objects.get().get_absolute_url()).content.decode()
    assert "CSV, UTF-8, avgränsad med" in page
    assert "<h2>1 rad kunde inte läsas</h2>" in page
    assert "Rad 7 i filen innehåller tecken som inte kunde läsas som UTF-8" in page


def test_a_windows_1252_file_from_swedish_excel_is_read_as_such_and_the_page_says_so(
    institution, coordinator_client, django_capture_on_commit_callbacks
):
    upload(coordinator_client, "organisations", "org.csv", csv_of(OFFICE_ROWS, "cp1252"))
    job = ImportJob.objects.get()
    page = coordinator_client.get(job.get_absolute_url()).content.decode()
    assert "CSV, Windows-1252 (Excels CSV i Windows)" in page
    assert "Filen är inte sparad som UTF-8, så Samverka har räknat ut dess teckenkodning" in page
    assert "Göteborgs universitet" in page  # the first values, to check å, ä and ö by
    with django_capture_on_commit_callbacks(execute=True):
        choose_columns(coordinator_client, job, ["name", "type"])
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(reverse("imports:importjob-run", args=[job.pk]))
    assert sorted(Organisation.objects.values_list("name", flat=True)) == sorted(
        row[0] for row in OFFICE_ROWS[1:]
    )


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("GÃ¶teborgs universitet", "Göteborgs universitet"),  # UTF-8 read as Windows-1252
        ("Ã…re kommun", "Åre kommun"),
        ("Ã„lvsbyn", "Älvsbyn"),
        ("Ã–rebro", "Örebro"),
        ("Samverkan â€“ mÃ¶te", "Samverkan – möte"),
        ("WrocÅ‚aw", "Wrocław"),
        ("Ume\u00c3\u00a5", "Umeå"),  # read as Latin-1
    ],
)
def test_text_read_in_the_wrong_encoding_is_recognised(text, written):
    assert misread(text) == written
    with pytest.raises(ValueError, match=f"“{written}”"):
        refuse_garbled(text)


@pytest.mark.parametrize(
    "text", ["Göteborg", "Café Ångström", "UMEÅ–LULEÅ", "”MALMÖ”", "Ærø", "Ørsted", "10 °C", "§ 3", "Å och Ö"]
)
def test_swedish_text_is_not_taken_for_misread_text(text):
    assert misread(text) is None
    refuse_garbled(text)


def test_misread_text_never_reaches_the_database(tmp_path, institution, coordinator):
    """Text an earlier program read in the wrong encoding, in a workbook, a UTF-8 file, or a
    Windows-1252 file with a line pasted in as UTF-8, is an error of its row."""
    rows = [["Namn", "Typ"], ["GÃ¶teborgs universitet", "högskola"], ["Malmö stad", "kommun"]]
    workbook = write_xlsx(tmp_path / "org.xlsx", rows)
    utf8 = write_csv(tmp_path / "org-utf8.csv", rows, encoding="utf-8")
    mixed = tmp_path / "org-mixed.csv"
    mixed.write_bytes(csv_of(OFFICE_ROWS, "cp1252") + "Vänersborgs kommun;kommun\r\n".encode())  # row 10
    before = snapshot()
    for path, row, value in [(workbook, 2, "GÃ¶teborgs universitet"), (utf8, 2, "GÃ¶teborgs universitet"),
                             (mixed, 10, "VÃ¤nersborgs kommun")]:  # fmt: skip
        job = run(institution, coordinator, "organisations", path)
        assert [(e["row"], e["column"], e["value"]) for e in job.errors] == [(row, "Namn", value)], path
        assert "var troligen “" in job.errors[0]["message"]
        assert job.state == ImportState.CHECKED
    assert snapshot() == before
    assert ImportJob.objects.get(original_name="org-mixed.csv").unreadable_lines == [10]


def test_xlsx_rows_keep_their_types_and_row_numbers(tmp_path):
    path = write_xlsx(
        tmp_path / "a.xlsx", [["Titel", "Start"], [None, None], ["Seminarium", datetime.date(2026, 3, 1)]]
    )
    table = open_table(path)
    assert table.headers == ["Titel", "Start"]
    assert list(table.rows()) == [(3, ["Seminarium", datetime.datetime(2026, 3, 1)])]  # noqa: DTZ001


def test_headers_in_swedish_or_english_and_from_the_export_are_recognised():
    from samverka.imports.targets import TARGETS

    people = TARGETS["people"]
    assert people.guess_mapping(["Förnamn", "Efternamn", "E-post", "Org.", "Telefon", "Okänd"]) == [
        "first_name", "last_name", "email", "", "phone", "",
    ]  # fmt: skip
    assert people.guess_mapping(["First name", "Last name", "E-mail", "Organisation", "Phone"]) == [
        "first_name", "last_name", "email", "organisation", "phone",
    ]  # fmt: skip
    activities = TARGETS["activities"]
    headers = ["Nr", "Titel (svenska)", "Titel (engelska)", "Samverkansform", "Startdatum"]
    assert activities.guess_mapping(headers) == [
        "id", "title_sv", "title_en", "type", "starts_on",
    ]  # fmt: skip
    assert TARGETS["organisations"].guess_mapping(["Org.nr:", "Namn", "Namn"]) == ["org_number", "name", ""]


# --- hostile files are refused and change nothing ------------------------------------------


def zip_bomb(path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", "<row/>" * 20_000_000)  # 120 MB of almost nothing
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_bytes(b"%PDF-1.7\n\x00\x01\x02binary"), "not a spreadsheet"),
        (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600), r"\.xls"),
        (lambda p: p.write_bytes(b""), "empty"),
        (lambda p: p.write_bytes(b"PK\x03\x04 this is not really a zip"), "damaged"),
        (lambda p: zipfile.ZipFile(p, "w").writestr("word/document.xml", "<w/>"), "not an Excel workbook"),
        (zip_bomb, "zip bomb"),
        (lambda p: p.write_text("Namn\n" + "\n" * 300), "more than 100 rows"),
        (lambda p: p.write_text("Namn\n" + ";" * 5000 + "x\n"), "columns"),
        (lambda p: p.write_bytes(b"Namn\n" + b"x" * (2 * 1024 * 1024)), "MB"),
    ],
    ids=["binary", "old-xls", "empty", "damaged-zip", "docx", "zip-bomb", "empty-rows", "wide", "too-large"],
)
def test_hostile_files_are_refused_clearly_and_change_nothing(
    settings, tmp_path, institution, coordinator, make, message
):
    settings.SAMVERKA_IMPORT_MAX_ROWS = 100
    settings.SAMVERKA_IMPORT_MAX_MB = 1
    path = tmp_path / "hostile.bin"
    make(path)
    before = snapshot()
    with pytest.raises(SpreadsheetRefused, match=message):
        run(institution, coordinator, "organisations", path, language="en")
    assert snapshot() == before
    assert not ImportJob.objects.exists()


def test_a_workbook_of_endless_empty_rows_is_refused_at_upload(settings, tmp_path, institution, coordinator):
    settings.SAMVERKA_IMPORT_MAX_ROWS = 1000
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Namn"])
    for row in range(2, 3000):
        sheet.cell(row=row, column=1, value="")  # rows that exist in the file, with nothing in them
    path = tmp_path / "tomt.xlsx"
    workbook.save(path)
    with pytest.raises(SpreadsheetRefused, match="1\u00a0000"):
        run(institution, coordinator, "organisations", path)
    assert not ImportJob.objects.exists()


def test_formula_cells_of_a_workbook_are_refused_row_by_row(tmp_path, institution, coordinator):
    path = write_xlsx(
        tmp_path / "f.xlsx",
        [["Namn", "Typ"], ['=HYPERLINK("http://evil","klicka")', "företag"], ["Bra AB", "företag"]],
    )
    before = snapshot()
    job = run(institution, coordinator, "organisations", path)
    assert job.error_count == 1
    assert job.errors[0]["row"] == 2
    assert job.errors[0]["column"] == "Namn"
    assert "formel" in job.errors[0]["message"]
    assert snapshot() == before  # the good row was not imported either


# --- the dry run, all or nothing, and matching ----------------------------------------------


def test_the_check_reports_what_the_import_will_do_and_changes_nothing(tmp_path, institution, coordinator):
    path = write_csv(tmp_path / "org.csv", ORG_ROWS, encoding="cp1252")
    before = snapshot()
    job = run(institution, coordinator, "organisations", path, apply=False)
    assert (job.state, job.rows, job.created, job.updated, job.error_count) == (
        ImportState.CHECKED,
        2,
        2,
        0,
        0,
    )
    assert snapshot() == before
    job = run(institution, coordinator, "organisations", path)
    assert (job.state, job.created) == (ImportState.DONE, 2)
    energy = Organisation.objects.get(name="Nordlig Energi AB")
    assert (energy.org_number, energy.type, energy.website, energy.institution) == (
        VALID_ORG_NUMBERS[0], "company", "https://nordlig.se", institution,
    )  # fmt: skip
    assert Organisation.objects.get(name="Skogsstyrelsen").type == "agency"
    assert not job.file  # the uploaded file (personal data) is not kept once imported


def test_imported_records_are_found_by_search_and_shown_at_once(tmp_path, institution, coordinator):
    """The search index and the cached pages follow once, at the end of the import (core.deferral)."""
    from samverka.core.cache import institution_version
    from samverka.search.models import SearchEntry

    path = write_csv(tmp_path / "org.csv", ORG_ROWS)
    run(institution, coordinator, "organisations", path, apply=False)
    assert SearchEntry.objects.filter(institution=institution).count() == 0
    job = ImportJob.objects.get()
    domain.queue_run(job, actor=coordinator, apply=True)  # its task waits for the test's commit
    token = institution_version(institution.pk)
    domain.execute(job, apply=True)
    energy = Organisation.objects.get(name="Nordlig Energi AB")
    entry = SearchEntry.objects.get(object_id=energy.pk, content_type__model="organisation")
    assert "nordlig" in entry.terms_title
    assert institution_version(institution.pk) != token


def test_an_import_with_one_bad_row_changes_nothing(tmp_path, institution, coordinator):
    rows = [*ORG_ROWS, ["Trasig Organisation", "123", "företag", ""], ["Utan typ AB", "", "", ""]]
    path = write_csv(tmp_path / "org.csv", rows)
    before = snapshot()
    job = run(institution, coordinator, "organisations", path)
    assert job.state == ImportState.CHECKED
    assert snapshot() == before
    assert [(e["row"], e["column"], e["value"]) for e in job.errors] == [
        (4, "Organisationsnummer", "123"),
        (5, "Typ", ""),
    ]
    assert "10 siffror" in job.errors[0]["message"]
    assert job.errors[1]["message"] == "Det här fältet är obligatoriskt."


def test_a_reimport_updates_instead_of_duplicating(tmp_path, institution, coordinator):
    existing = f.OrganisationFactory(
        institution=institution, name="Nordlig Energi", org_number="", type="company"
    )
    person = f.PersonFactory(institution=institution, email="Anna.Ek@umea.se", phone="")
    path = write_csv(
        tmp_path / "org.csv", [["Namn", "Orgnr", "Typ"], ["nordlig energi", VALID_ORG_NUMBERS[0], "Företag"]]
    )
    job = run(institution, coordinator, "organisations", path)
    assert (job.created, job.updated) == (0, 1)
    existing.refresh_from_db()
    assert (existing.org_number, existing.name, existing.version) == (
        VALID_ORG_NUMBERS[0],
        "nordlig energi",
        2,
    )
    # matched by the number now, whatever the name
    path = write_csv(
        tmp_path / "org2.csv",
        [["Namn", "Orgnr"], ["Nordlig Energi AB", VALID_ORG_NUMBERS[0].replace("-", "")]],
    )
    job = run(institution, coordinator, "organisations", path)
    assert (job.created, job.updated) == (0, 1)
    assert Organisation.objects.filter(institution=institution, org_number=VALID_ORG_NUMBERS[0]).count() == 1
    # people by e-mail, whatever its case; empty cells never erase
    path = write_csv(
        tmp_path / "p.csv",
        [
            ["Förnamn", "Efternamn", "E-post", "Telefon", "Titel"],
            ["", "", "anna.ek@UMEA.se", "090-16 10 00", ""],
        ],
    )
    job = run(institution, coordinator, "people", path)
    assert (job.created, job.updated) == (0, 1)
    person.refresh_from_db()
    assert (person.phone, person.first_name) == ("090-16 10 00", person.first_name)
    again = run(institution, coordinator, "people", path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


def test_likely_duplicates_are_shown_by_the_check(tmp_path, institution, coordinator):
    existing = f.OrganisationFactory(institution=institution, name="Skellefteå kommun", type="municipality")
    rows = [
        ["Namn", "Typ"],
        ["Skelleftea kommun", "kommun"],
        ["Ny Firma AB", "företag"],
        ["Ny Firma", "företag"],
    ]
    job = run(institution, coordinator, "organisations", write_csv(tmp_path / "o.csv", rows), apply=False)
    # "Ny Firma" after "Ny Firma AB" is that organisation again, as matching sees names
    assert (job.created, job.unchanged, job.error_count) == (2, 1, 0), job.errors
    assert [(w["row"], w["record"], w["reason"]) for w in job.warnings] == [
        (2, f"#{existing.pk} Skellefteå kommun", "liknande namn (94 %)"),
    ]
    rows[3] = ["Ny Firman", "företag"]
    job = run(institution, coordinator, "organisations", write_csv(tmp_path / "o.csv", rows), apply=False)
    assert (job.created, job.error_count) == (3, 0), job.errors
    assert [(w["row"], w["record"], w["reason"]) for w in job.warnings][1:] == [
        (4, f"#{job.warnings[1]['record_id']} Ny Firma AB", "liknande namn (94 %)"),
    ]


def test_rows_are_recognised_by_the_duplicates_views_rule(tmp_path, institution, coordinator):
    """ "Volvo Lastvagnar" is "Volvo Lastvagnar AB"; a person without e-mail, by name and organisation."""
    volvo = f.OrganisationFactory(
        institution=institution, name="Volvo Lastvagnar AB", org_number="", type="company"
    )
    bo = f.PersonFactory(
        institution=institution, first_name="Bo", last_name="Ek", email="", side="partner", organisation=volvo
    )
    rows = [["Namn", "Webbplats"], ["Volvo Lastvagnar", "volvo.se"]]
    job = run(institution, coordinator, "organisations", write_csv(tmp_path / "o.csv", rows))
    assert (job.created, job.updated) == (0, 1)
    volvo.refresh_from_db()
    assert volvo.website == "https://volvo.se"
    rows = [
        ["Förnamn", "Efternamn", "Organisation", "Telefon"],
        ["bo", "EK", f"#{volvo.pk}", "070-123 45 67"],
    ]
    job = run(institution, coordinator, "people", write_csv(tmp_path / "p.csv", rows))
    assert (job.created, job.updated, job.error_count) == (0, 1, 0), job.errors
    bo.refresh_from_db()
    assert bo.phone == "070-123 45 67"
    assert Organisation.objects.count() == 1


def test_two_rows_about_one_record_are_an_error(tmp_path, institution, coordinator):
    path = write_csv(
        tmp_path / "org.csv",
        [
            ["Namn", "Orgnr", "Typ"],
            ["A AB", VALID_ORG_NUMBERS[0], "företag"],
            ["B AB", VALID_ORG_NUMBERS[0], "företag"],
        ],
    )
    job = run(institution, coordinator, "organisations", path)
    assert [(e["row"], e["message"]) for e in job.errors] == [
        (3, "Rad 2 i filen gäller samma post, med andra värden: Namn.")
    ]
    assert not Organisation.objects.filter(name__in=["A AB", "B AB"]).exists()


def test_a_record_named_again_with_nothing_new_is_the_same_record(tmp_path, institution, coordinator):
    """A partnership list names a region once for each university it partners: not an error."""
    path = write_csv(
        tmp_path / "org.csv",
        [
            ["Namn", "Orgnr", "Typ"],
            ["Region Kalmar län", VALID_ORG_NUMBERS[0], "region"],
            ["Region Kronoberg", "", "region"],
            ["Region Kalmar län", VALID_ORG_NUMBERS[0], "Region"],
            ["Region Kronoberg", "", ""],  # an empty cell says nothing other
            ["Region Kronoberg", "", "region"],
            ["region kalmar län", "", ""],  # by name only, where the first row gave the number
            ["Region Kalmar  län", VALID_ORG_NUMBERS[0], ""],
        ],
    )
    job = run(institution, coordinator, "organisations", path)
    assert (job.created, job.updated, job.unchanged, job.error_count) == (2, 0, 5, 0), job.errors
    assert sorted(Organisation.objects.values_list("name", flat=True)) == [
        "Region Kalmar län",
        "Region Kronoberg",
    ]


def test_a_record_number_updates_that_record_only_within_the_institution(
    tmp_path, institution, other_institution, coordinator
):
    own = f.OrganisationFactory(institution=institution, name="Egen")
    foreign = f.OrganisationFactory(institution=other_institution, name="Främmande")
    path = write_csv(tmp_path / "o.csv", [["Nr", "Namn"], [own.pk, "Egen AB"], [foreign.pk, "Kapad"]])
    job = run(institution, coordinator, "organisations", path)
    assert [(e["row"], e["column"]) for e in job.errors] == [(3, "Nr")]
    foreign.refresh_from_db()
    own.refresh_from_db()
    assert (foreign.name, own.name) == ("Främmande", "Egen")


def test_activities_with_their_partnership_focus_area_organisations_and_people(
    tmp_path, institution, coordinator
):
    partnership = f.PartnershipFactory(institution=institution, title_sv="Umeå kommun")
    area = f.FocusAreaFactory(partnership=partnership, name_sv="Hållbar stad")
    f.FocusAreaFactory(partnership=f.PartnershipFactory(institution=institution), name_sv="Hållbar stad")
    f.ActivityTypeFactory(
        institution=institution, code="degree_project", name_sv="Examensarbete", name_en="Degree project"
    )
    kommun = f.OrganisationFactory(institution=institution, name="Umeå kommun", org_number="212000-2627")
    volvo = f.OrganisationFactory(institution=institution, name="Volvo Lastvagnar AB")
    anna = f.PersonFactory(institution=institution, email="anna@umu.se")
    rows = [
        ["Samverkansform", "Titel", "Partnerskap", "Fokusområde", "Organisationer", "Personer", "Start",
         "Slut", "Antal studenter", "Finansiering", "Status"],
        ["Degree project", "Trafiksäkerhet i centrum", "Umeå kommun", "hållbar stad",
         "212000-2627; Volvo Lastvagnar AB", "anna@umu.se", "1 mars 2026", "2026-06-30", "2", "150 000 kr",
         "pågående"],
    ]  # fmt: skip
    job = run(institution, coordinator, "activities", write_xlsx(tmp_path / "a.xlsx", rows))
    assert (job.error_count, job.created) == (0, 1), job.errors
    activity = Activity.objects.get(title_sv="Trafiksäkerhet i centrum")
    assert (activity.partnership, activity.focus_area, activity.type.code) == (
        partnership,
        area,
        "degree_project",
    )
    assert set(activity.organisations.all()) == {kommun, volvo}
    assert list(activity.people.all()) == [anna]
    assert (activity.starts_on, activity.ends_on) == (datetime.date(2026, 3, 1), datetime.date(2026, 6, 30))
    assert (activity.student_count, activity.funding_sek, activity.status) == (
        2,
        decimal.Decimal(150000),
        "ongoing",
    )
    assert activity.created_by == coordinator
    assert AuditEntry.objects.filter(action="activities.activity.created", object_id=activity.pk).count() == 1
    # the same row again is the same activity (form, title and start), unchanged
    again = run(institution, coordinator, "activities", write_xlsx(tmp_path / "b.xlsx", rows))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


def test_the_forms_rules_hold_for_imported_rows(tmp_path, institution, coordinator):
    f.ActivityTypeFactory(institution=institution, name_sv="Seminarium")
    f.OrganisationFactory(institution=institution, name="Umeå kommun")
    f.OrganisationFactory(institution=institution, name="umeå KOMMUN")
    rows = [
        ["Samverkansform", "Titel", "Start", "Slut", "Organisationer"],
        ["Seminarium", "Baklänges", "2026-05-01", "2026-04-01", ""],
        ["Gästföreläsning", "Okänd form", "", "", ""],
        ["Seminarium", "Tvetydig", "", "", "Umeå kommun"],
    ]
    job = run(institution, coordinator, "activities", write_csv(tmp_path / "a.csv", rows), language="en")
    assert [(e["row"], e["column"]) for e in job.errors] == [
        (2, "Slut"),
        (3, "Samverkansform"),
        (4, "Organisationer"),
    ]
    assert "end" in job.errors[0]["message"].lower()
    assert "Seminarium" in job.errors[1]["message"]  # the known forms are listed
    assert "fits several" in job.errors[2]["message"]
    assert not Activity.objects.exists()


def test_staff_update_only_the_activities_they_registered(tmp_path, institution, world, members):
    user = members["staff"]
    own = world["own"]
    mine = f.ActivityFactory(
        institution=institution, type=own["activitytype"], created_by=user, title_sv="Min"
    )
    rows = [["Nr", "Titel"], [mine.pk, "Min, ändrad"], [own["activity"].pk, "Någon annans"]]
    before = snapshot()
    job = run(institution, user, "activities", write_csv(tmp_path / "a.csv", rows))
    assert [(e["row"], e["message"]) for e in job.errors] == [
        (3, f"Du får inte ändra {own['activity'].title} (#{own['activity'].pk}).")
    ]
    assert snapshot() == before


# What each role may import (docs/access.md): the kinds it may add, if it may import at all.
EVERY_KIND = [
    "organisations",
    "people",
    "units",
    "partnerships",
    "coordinators",
    "activities",
    "expertprofiles",
]
IMPORTABLE = {
    "admin": EVERY_KIND,
    "coordinator": EVERY_KIND,
    "partnership_coordinator": ["organisations", "people", "coordinators", "activities"],
    "management": [],
    "staff": ["activities"],
    "viewer": [],
    "partner": [],
}


def test_staff_may_import_activities_but_not_organisations(institution, members):
    kinds = {
        role: domain.importable_kinds(domain.policy_of(user, institution)) for role, user in members.items()
    }
    assert kinds == IMPORTABLE


def test_an_export_imports_back_unchanged(tmp_path, institution, coordinator, coordinator_client):
    f.OrganisationFactory(
        institution=institution, name="Alfa AB", org_number=VALID_ORG_NUMBERS[0], type="company"
    )
    f.OrganisationFactory(
        institution=institution, name="Beta kommun", type="municipality", website="https://beta.se"
    )
    for fmt in ("xlsx", "csv"):
        response = coordinator_client.get(reverse("directory:organisation-list") + f"?format={fmt}")
        content = b"".join(response.streaming_content) if response.streaming else response.content
        path = tmp_path / f"export.{fmt}"
        path.write_bytes(content)
        job = run(institution, coordinator, "organisations", path)
        assert (job.error_count, job.created, job.updated, job.unchanged) == (0, 0, 0, 2), job.errors


def test_old_import_files_are_deleted_by_the_daily_job(tmp_path, institution, coordinator, capsys):
    import datetime

    from django.utils import timezone

    rows = [["Namn", "Typ"], ["Lämnad AB", "planet"]]
    with open(write_csv(tmp_path / "o.csv", rows), "rb") as handle:
        from django.core.files import File

        old = domain.start_import(
            institution=institution, actor=coordinator, kind="organisations", upload=File(handle, "o.csv"),
            language="sv",
        )  # fmt: skip
    recent = run(institution, coordinator, "organisations", tmp_path / "o.csv", apply=False)
    ImportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    path = old.file.path
    call_command("retention", anonymise=True)
    assert "1 old import file(s) deleted." in capsys.readouterr().out
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.file.name, old.sample, old.original_name) == ("", [], "o.csv")
    assert not os.path.exists(path)
    assert recent.file and recent.errors


# --- the command line ---------------------------------------------------------------------


def test_the_command_imports_and_reports(tmp_path, institution, coordinator, capsys):
    path = write_csv(tmp_path / "org.csv", ORG_ROWS)
    call_command(
        "import",
        "organisations",
        str(path),
        institution="umu",
        user="coordinator",
        no_progress=True,
        dry_run=True,
    )
    assert "would create 2" in capsys.readouterr().out
    assert not Organisation.objects.exists()
    call_command(
        "import", "organisations", str(path), institution="umu", user="coordinator", no_progress=True
    )
    assert "created 2" in capsys.readouterr().out
    assert Organisation.objects.count() == 2


def test_the_command_fails_with_the_report(tmp_path, institution, coordinator, capsys):
    path = write_csv(tmp_path / "org.csv", [["Namn", "Typ"], ["X", "planet"]])
    with pytest.raises(SystemExit) as exit_info:
        call_command(
            "import",
            "organisations",
            str(path),
            institution="umu",
            user="coordinator",
            no_progress=True,
            language="en",
        )
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "row 2, Typ: 'planet': “planet” is not one of: company, municipality" in err
    assert "Nothing was imported" in err


def test_a_member_whose_access_has_ended_cannot_import(tmp_path, institution, coordinator):
    from django.core.management.base import CommandError
    from django.utils import timezone

    from samverka.core.models import Membership

    Membership.objects.filter(user=coordinator).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    path = write_csv(tmp_path / "org.csv", ORG_ROWS)
    with pytest.raises(CommandError, match="may not import"):
        call_command(
            "import", "organisations", str(path), institution="umu", user="coordinator", no_progress=True
        )
    assert not Organisation.objects.exists()


def test_the_command_maps_columns_by_name(tmp_path, institution, coordinator):
    path = write_csv(
        tmp_path / "org.csv", [["Företagets namn", "Sort", "Ignorera"], ["X AB", "company", "y"]]
    )
    call_command(
        "import", "organisations", str(path), institution="umu", user="coordinator", no_progress=True,
        map=["Företagets namn=name", "Sort=type", "Ignorera=-"],
    )  # fmt: skip
    assert Organisation.objects.get().name == "X AB"


def test_columns_chosen_once_are_chosen_again_for_the_same_kind_of_file(
    tmp_path, institution, coordinator_client
):
    rows = [["Företagets namn", "Sort", "Ignorera"], ["X AB", "company", "y"]]
    upload(coordinator_client, "organisations", "a.csv", csv_bytes(rows))
    first = ImportJob.objects.get()
    assert first.mapping == ["", "", ""]  # nothing to guess from
    choose_columns(coordinator_client, first, ["name", "type", ""])
    rows[1] = ["Y AB", "company", "z"]
    upload(coordinator_client, "organisations", "b.csv", csv_bytes(rows))
    second = ImportJob.objects.latest("pk")
    assert second.mapping == ["name", "type", ""]
    # a file with other columns is guessed afresh
    upload(coordinator_client, "organisations", "c.csv", csv_bytes([["Namn", "Sort"], ["Z AB", "company"]]))
    assert ImportJob.objects.latest("pk").mapping == ["name", ""]


# --- the pages ----------------------------------------------------------------------------


def upload(client, kind, name, content):
    return client.post(
        reverse("imports:importjob-create"), {"kind": kind, "file": SimpleUploadedFile(name, content)}
    )


def choose_columns(client, job, fields):
    """Post the job's column mapping (which starts the check)."""
    data = {f"column_{index}": name for index, name in enumerate(fields)}
    return client.post(reverse("imports:importjob-map", args=[job.pk]), data)


def csv_bytes(rows, encoding="utf-8-sig"):
    text = io.StringIO()
    csv.writer(text, delimiter=";").writerows(rows)
    return text.getvalue().encode(encoding)


def test_upload_map_check_and_import_in_the_browser_pages(
    institution, coordinator_client, django_capture_on_commit_callbacks
):
    response = upload(coordinator_client, "organisations", "org.csv", csv_bytes(ORG_ROWS, "cp1252"))
    job = ImportJob.objects.get()
    assert response["Location"] == job.get_absolute_url()
    page = coordinator_client.get(job.get_absolute_url()).content.decode()
    assert "Nordlig Energi AB" in page  # the first values, to choose the columns by
    assert '<option value="org_number" selected>' in page
    with django_capture_on_commit_callbacks(execute=True):
        choose_columns(coordinator_client, job, ["name", "org_number", "type", ""])
    job.refresh_from_db()
    assert (job.state, job.created, job.mapping) == (
        ImportState.CHECKED,
        2,
        ["name", "org_number", "type", ""],
    )
    assert not Organisation.objects.exists()
    page = coordinator_client.get(job.get_absolute_url()).content.decode()
    assert "Importera 2 rader" in page
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(reverse("imports:importjob-run", args=[job.pk]))
    job.refresh_from_db()
    assert job.state == ImportState.DONE
    assert Organisation.objects.get(name="Nordlig Energi AB").website == ""  # the column was left out
    # a second click imports nothing twice
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(reverse("imports:importjob-run", args=[job.pk]))
    assert Organisation.objects.count() == 2


def test_a_mapping_that_does_not_work_is_shown_again_as_chosen(institution, coordinator_client):
    upload(coordinator_client, "organisations", "org.csv", csv_bytes(ORG_ROWS))
    job = ImportJob.objects.get()
    response = choose_columns(coordinator_client, job, ["name", "name", "type", ""])
    assert response.status_code == 400
    page = response.content.decode()
    assert "Varje fält kan bara fyllas från en kolumn." in page
    assert page.count('<option value="name" selected>') == 2  # as the user chose, to correct
    job.refresh_from_db()
    assert (job.state, job.mapping) == (ImportState.MAPPING, ["name", "org_number", "type", "website"])


def test_the_error_report_downloads_as_a_spreadsheet(
    institution, coordinator_client, django_capture_on_commit_callbacks
):
    upload(
        coordinator_client,
        "organisations",
        "org.csv",
        csv_bytes([["Namn", "Typ"], ["A", "planet"], ["B", ""]]),
    )
    job = ImportJob.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        choose_columns(coordinator_client, job, ["name", "type"])
    page = coordinator_client.get(job.get_absolute_url()).content.decode()
    assert "Importera" not in page.split("Fel, rad för rad")[0].split("<h2")[-1]
    assert reverse("imports:importjob-run", args=[job.pk]) not in page  # no import with errors
    response = coordinator_client.get(reverse("imports:importjob-errors", args=[job.pk]) + "?format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Rad", "Kolumn", "Värde", "Fel"]
    assert [row[:3] for row in rows[1:]] == [[2, "Typ", "planet"], [3, "Typ", None]]


def test_a_refused_upload_is_said_at_the_file_field(institution, coordinator_client):
    response = upload(coordinator_client, "organisations", "bild.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert response.status_code == 400
    assert "inte ett kalkylblad" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_lists_link_to_their_import_for_those_who_may(institution, members):
    lists = {"organisations": "directory:organisation-list", "people": "directory:person-list",
             "partnerships": "partnerships:partnership-list", "units": "directory:unit-list",
             "activities": "activities:activity-list",
             "expertprofiles": "ideas:expertprofile-list"}  # fmt: skip
    links = {
        role: sorted(
            kind
            for kind, name in lists.items()
            if f'href="{reverse("imports:importjob-create")}?kind={kind}"'
            in client_for(user).get(reverse(name)).content.decode()
        )
        for role, user in members.items()
        if role != "partner"
    }
    listed = {
        role: sorted(set(kinds) & set(lists)) for role, kinds in IMPORTABLE.items() if role != "partner"
    }
    assert links == listed  # coordinators have no list of their own: the import page offers them


def test_staff_are_offered_only_activities(institution, members):
    page = client_for(members["staff"]).get(reverse("imports:importjob-create")).content.decode()
    assert '<option value="activities"' in page
    assert '<option value="organisations"' not in page
    response = upload(client_for(members["staff"]), "organisations", "o.csv", csv_bytes(ORG_ROWS))
    assert response.status_code == 400
    assert not ImportJob.objects.filter(created_by=members["staff"]).exists()


def test_the_database_queue_runs_the_check_in_the_worker(
    settings, monkeypatch, institution, coordinator_client
):
    """The real background runner: the request only queues; ``db_worker`` does the work."""
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.models import DBTaskResult

    # The worker closes connections between tasks, which would end the test's own transaction.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    upload(coordinator_client, "organisations", "org.csv", csv_bytes(ORG_ROWS))
    job = ImportJob.objects.get()
    with TestCase.captureOnCommitCallbacks(execute=True):
        choose_columns(coordinator_client, job, ["name", "org_number", "type", ""])
    job.refresh_from_db()
    assert job.state == ImportState.CHECKING
    assert DBTaskResult.objects.count() == 1
    page = coordinator_client.get(job.get_absolute_url()).content.decode()
    assert "<progress" in page
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    job.refresh_from_db()
    assert (job.state, job.created) == (ImportState.CHECKED, 2)


def test_a_job_whose_work_fails_says_so_instead_of_running_for_ever(
    institution, coordinator_client, django_capture_on_commit_callbacks
):
    upload(coordinator_client, "organisations", "org.csv", csv_bytes(ORG_ROWS))
    job = ImportJob.objects.get()
    os.remove(job.file.path)  # the file vanished from the storage before the worker read it
    with django_capture_on_commit_callbacks(execute=True):  # the runner records the failure
        choose_columns(coordinator_client, job, ["name", "org_number", "type", ""])
    job.refresh_from_db()
    assert job.state == ImportState.FAILED
    page = coordinator_client.get(job.get_absolute_url()).content.decode()
    assert "Arbetet avbröts oväntat och ingenting importerades." in page
    assert not Organisation.objects.exists()


def test_the_pages_run_a_fixed_number_of_queries(institution, coordinator, coordinator_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert coordinator_client.get(url).status_code == 200
        return len(queries)

    f.ImportJobFactory(institution=institution, created_by=coordinator)
    job = f.ImportJobFactory(
        institution=institution,
        created_by=coordinator,
        state=ImportState.CHECKED,
        errors=[{"row": 2, "column": "Typ", "value": "x", "message": "fel"}] * 3,
    )
    list_url = reverse("imports:importjob-list")
    few = count(list_url)
    f.ImportJobFactory.create_batch(3, institution=institution, created_by=coordinator)
    assert count(list_url) == few
    detail = count(job.get_absolute_url())
    job.errors = job.errors * 50
    job.save()
    assert count(job.get_absolute_url()) == detail


# --- a worker that is gone ----------------------------------------------------------------


def taken_up_by_a_worker_now_gone(job):
    """What a worker killed mid-run leaves: the job running, taken up, and nobody holding its lock."""
    ImportJob.objects.filter(pk=job.pk).update(started_at=timezone.now(), worker="gone pid 1")


def checked_job(client, capture_on_commit):
    upload(client, "organisations", "org.csv", csv_bytes(ORG_ROWS))
    job = ImportJob.objects.get()
    with capture_on_commit(execute=True):
        choose_columns(client, job, ["name", "org_number", "type", ""])
    job.refresh_from_db()
    return job


def test_a_check_whose_worker_is_gone_says_so_and_is_checked_again_or_deleted(
    institution, coordinator_client, django_capture_on_commit_callbacks
):
    upload(coordinator_client, "organisations", "org.csv", csv_bytes(ORG_ROWS))
    job = ImportJob.objects.get()
    choose_columns(coordinator_client, job, ["name", "org_number", "type", ""])  # queued, not yet run
    page = coordinator_client.get(job.get_absolute_url()).content.decode()
    assert "Väntar på att bakgrundsarbetet ska ta sig an den." in page
    taken_up_by_a_worker_now_gone(job)

    page = coordinator_client.get(job.get_absolute_url()).content.decode()
    job.refresh_from_db()
    assert job.state == ImportState.STOPPED
    assert "<h2>Kontrollen avbröts</h2>" in page
    assert "Bakgrundsarbetet försvann innan det blev klart" in page
    assert reverse("imports:importjob-delete", args=[job.pk]) in page
    assert reverse("imports:importjob-run", args=[job.pk]) not in page  # never imported unchecked
    stopped = AuditEntry.objects.get(action="imports.importjob.stopped")
    assert (stopped.actor, stopped.changes) == (None, {"state": {"before": "checking", "after": "stopped"}})
    with django_capture_on_commit_callbacks(execute=True):
        choose_columns(coordinator_client, job, ["name", "org_number", "type", ""])
    job.refresh_from_db()
    assert (job.state, job.created, job.message) == (ImportState.CHECKED, 2, "")

    path = job.file.path
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(reverse("imports:importjob-delete", args=[job.pk]))
    assert not ImportJob.objects.exists()
    assert not os.path.exists(path)  # the uploaded file (personal data) went with it


def test_an_import_whose_worker_is_gone_is_imported_again(
    institution, coordinator_client, django_capture_on_commit_callbacks
):
    job = checked_job(coordinator_client, django_capture_on_commit_callbacks)
    coordinator_client.post(reverse("imports:importjob-run", args=[job.pk]))  # queued …
    taken_up_by_a_worker_now_gone(job)  # … taken up, and the worker killed

    response = coordinator_client.get(reverse("imports:importjob-list"))
    assert "avbruten" in response.content.decode()  # the list shows it stopped, not running
    page = coordinator_client.get(job.get_absolute_url()).content.decode()
    assert "<h2>Importen avbröts</h2>" in page
    assert "Ingenting importerades." in page
    assert "Importera 2 rader" in page
    assert not Organisation.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(reverse("imports:importjob-run", args=[job.pk]))
    job.refresh_from_db()
    assert (job.state, job.created, job.file.name) == (ImportState.DONE, 2, "")
    assert Organisation.objects.count() == 2


def test_a_job_whose_worker_still_works_is_left_running(
    institution, coordinator_client, django_capture_on_commit_callbacks
):
    job = checked_job(coordinator_client, django_capture_on_commit_callbacks)
    coordinator_client.post(reverse("imports:importjob-run", args=[job.pk]))
    with lease.held(job.pk):  # a worker at work holds the job's lock
        taken_up_by_a_worker_now_gone(job)
        page = coordinator_client.get(job.get_absolute_url()).content.decode()
        assert "<progress" in page
        delete = coordinator_client.post(reverse("imports:importjob-delete", args=[job.pk]))
        assert delete.status_code == 403
    job.refresh_from_db()
    assert job.state == ImportState.IMPORTING


def test_a_run_whose_job_was_stopped_meanwhile_keeps_nothing(tmp_path, institution, coordinator):
    """A worker records its end only on the run it took up; else its import's rows roll back.

    (Here the job is stopped inside the import's own transaction, so that rolls back too, and
    the job, which nobody works on any more, is then found stopped.)"""
    job = run(institution, coordinator, "organisations", write_csv(tmp_path / "o.csv", ORG_ROWS), apply=False)
    domain.queue_run(job, actor=coordinator, apply=True)

    def stopped_meanwhile(done, total):
        ImportJob.objects.filter(pk=job.pk).update(state=ImportState.STOPPED)

    domain.execute(job, apply=True, advance=stopped_meanwhile)
    assert not Organisation.objects.exists()
    assert not AuditEntry.objects.filter(action="imports.importjob.imported").exists()
    job.refresh_from_db()
    domain.stop_if_abandoned(job)
    assert (job.state, job.finished_at) == (ImportState.STOPPED, None)


def test_retention_deletes_the_file_of_a_job_whose_worker_is_gone(tmp_path, institution, coordinator, capsys):
    job = run(institution, coordinator, "organisations", write_csv(tmp_path / "o.csv", ORG_ROWS), apply=False)
    domain.queue_run(job, actor=coordinator, apply=True)
    taken_up_by_a_worker_now_gone(job)
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    path = job.file.path
    call_command("retention", anonymise=True)
    assert "1 old import file(s) deleted." in capsys.readouterr().out
    job.refresh_from_db()
    assert (job.state, job.file.name, job.sample) == (ImportState.STOPPED, "", [])
    assert not os.path.exists(path)


KILLED_WORKER_SETUP = """
from django.core.files import File

from samverka.imports import domain
from tests import factories as f

coordinator = f.MembershipFactory(institution__slug="umu", user__username="samordnare").user
with open({path!r}, "rb") as handle:
    job = domain.start_import(institution=coordinator.memberships.get().institution, actor=coordinator,
                              kind="organisations", upload=File(handle, "stor.csv"), language="sv")
domain.queue_run(job, actor=coordinator, apply=False)
print(job.pk)
"""

# What the next look at the job does (its page, the list, retention, the next task), then "Run it again".
KILLED_WORKER_RERUN = """
from samverka.imports import domain
from samverka.imports.models import ImportJob

domain.stop_abandoned_imports()
job = ImportJob.objects.get(pk={pk})
print(job.state)
print(job.message)
domain.queue_run(job, actor=job.created_by, apply=False)
"""


@pytest.mark.own_installation  # an SQLite installation of its own: run once, in the SQLite pass (.ci/run)
def test_an_import_whose_worker_is_killed_is_stopped_and_run_again_by_a_new_worker(settings, tmp_path):
    """A real ``samverka db_worker`` killed with SIGKILL in the middle of a file, in an installation
    of its own (a SQLite file the worker and the commands share, whichever database the suite uses)."""
    import signal
    import sqlite3
    import subprocess
    import sys
    import time

    database = tmp_path / "samverka.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "SAMVERKA_DATA_DIR": str(tmp_path / "data"),
           "SAMVERKA_MEDIA_DIR": str(settings.MEDIA_ROOT), "SAMVERKA_TASKS": "database"}  # fmt: skip
    for name in ("DJANGO_SETTINGS_MODULE", "REDIS_URL", "SAMVERKA_CACHE"):
        env.pop(name, None)
    samverka = [sys.executable, "-m", "samverka"]
    worker_args = ["db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1", "-v0"]
    subprocess.run([*samverka, "migrate", "--noinput", "-v0"], env=env, check=True)

    def shell(script):
        done = subprocess.run([*samverka, "shell", "-c", script], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout.splitlines()

    def job_row(pk):
        with sqlite3.connect(database) as db_file:
            query = "SELECT state, started_at, created FROM imports_importjob WHERE id = ?"
            return db_file.execute(query, [pk]).fetchone()

    rows = [["Namn", "Typ"]] + [[f"Organisation nummer {n}", "företag"] for n in range(300)]
    pk = int(shell(KILLED_WORKER_SETUP.format(path=str(write_csv(tmp_path / "stor.csv", rows))))[-1])
    worker = subprocess.Popen([*samverka, *worker_args], env=env)
    try:
        deadline = time.monotonic() + 60
        while job_row(pk)[1] is None:  # until the worker has taken the job up
            assert time.monotonic() < deadline and worker.poll() is None, "the worker never took the job up"
            time.sleep(0.05)
        time.sleep(0.3)  # into its rows
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    assert job_row(pk)[0] == "checking"  # as the issue saw it: running for ever, unless looked at

    state, message = shell(KILLED_WORKER_RERUN.format(pk=pk))[-2:]
    assert (state, message.split(" (")[0]) == ("stopped", "Bakgrundsarbetet försvann innan det blev klart")
    subprocess.run([*samverka, *worker_args, "--batch"], env=env, check=True)
    assert job_row(pk)[::2] == ("checked", 300)


# As partnership lists write the organisation type and a person's side, in Swedish and English.
TYPE_WORDS = {
    "non-profit": "non_profit",
    "Non profit": "non_profit",
    "NGO": "non_profit",
    "Idéburen organisation": "non_profit",
    "other HEI": "hei",
    "Other higher education institution": "hei",
    "university": "hei",
    "annat lärosäte": "hei",
    "Region": "region",
    "county council": "region",
    "landsting": "region",
    "government agency": "agency",
    "Statlig myndighet": "agency",
    "municipality": "municipality",
    "Kommunalt bolag": "company",
    "company": "company",
    "non_profit": "non_profit",
}


def test_organisation_types_are_read_as_offices_write_them_in_both_languages(
    tmp_path, institution, coordinator
):
    rows = [["Name", "Type"]] + [[f"Organisation {n}", word] for n, word in enumerate(TYPE_WORDS)]
    path = write_csv(tmp_path / "org.csv", rows)
    call_command(
        "import", "organisations", str(path), institution="umu", user="coordinator", no_progress=True
    )
    got = dict(Organisation.objects.values_list("name", "type"))
    assert got == {f"Organisation {n}": kind for n, kind in enumerate(TYPE_WORDS.values())}


@pytest.mark.parametrize(
    ("word", "side"),
    [
        ("Lärosätet", "university"),
        ("universitet", "university"),
        ("the university", "university"),
        ("Partner", "partner"),
        ("extern", "partner"),
    ],
)
def test_a_persons_side_is_read_as_offices_write_it(tmp_path, institution, coordinator, word, side):
    from samverka.directory.models import Person

    f.OrganisationFactory(institution=institution, name="Region Västerbotten")
    organisation = "Region Västerbotten" if side == "partner" else ""  # a partner's person is of one
    rows = [["Förnamn", "Efternamn", "Sida", "Organisation"], ["Anna", "Lönn", word, organisation]]
    path = write_csv(tmp_path / "people.csv", rows)
    call_command("import", "people", str(path), institution="umu", user="coordinator", no_progress=True)
    assert Person.objects.get(last_name="Lönn").side == side
