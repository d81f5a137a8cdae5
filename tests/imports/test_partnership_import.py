"""A university's partnership list, as offices keep it, imported to public pages without editing."""

import datetime

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from samverka.core.models import AuditEntry
from samverka.directory.models import Organisation, Person, Unit
from samverka.imports.models import ImportJob
from samverka.imports.values import read_partial_date
from samverka.lib.names import split_full_name
from samverka.partnerships.imports import guess_type
from samverka.partnerships.models import Agreement, CoordinatorAssignment, FocusArea, Partnership
from tests import factories as f
from tests.imports import partnership_list
from tests.imports.test_imports import run, write_csv, write_xlsx

HEADERS = [*partnership_list.HEADERS, "Publicerad"]
# Invented but realistic: a list of several universities, as a national network keeps it.
ROWS = [
    [
        "Umeå universitet",
        "Region Västerbotten",
        "region",
        "2015",
        "2027",
        "Hälsa och välfärd | Kompetensförsörjning/kompetensutveckling | Innovation och företagande",
        "Att tillsammans stärka hälsan, kompetensen och innovationskraften i Västerbotten.",
        "To strengthen health, skills and innovation in Västerbotten together.",
        "Anna Maria Lönn Wahlqvist",
        "Samverkansstrateg",
        "https://www.umu.se/samverkan/region-vasterbotten/",
        "ja",
    ],
    [
        "Umeå universitet",
        "Skellefteå kommun",
        "Kommun",
        "januari 2019",
        "2026-12-31",
        "Hållbar samhällsutveckling;Batterier och elektrifiering",
        "Att möta kompetensbehoven i en växande region.",
        "",
        "Per-Olof Svensson",
        "Projektsamordnare",
        "https://www.umu.se/samverkan/skelleftea/ https://skelleftea.se/umu",
        "Ja",
    ],
    [
        "Umeå universitet",
        "Region Kalmar län | Region Kronoberg",
        "region",
        "2019-01",
        "",
        "Digitalisering\nVälfärdsteknik",
        "Ett gemensamt arbete kring digital välfärd.",
        "Joint work on digital welfare.",
        "",
        "",
        "",
        "nej",
    ],
    [
        "Luleå tekniska universitet",  # another university of the same list: left out
        "Region Norrbotten",
        "region",
        "2017",
        "2026",
        "Rymd",
        "",
        "",
        "Karl Karlsson",
        "",
        "",
        "ja",
    ],
    [
        "Umeå Universitet",
        "Norrlandsfonden | Nordlig Energi AB",
        "non-profit | business",
        "2021-03-15",
        "2025",
        "Energiomställning",
        "",
        "Energy transition in the north.",
        "Andersson, Lena",
        "",
        "",
        "ja",
    ],
    [
        "umu",
        "Region Kronoberg",  # recurs: the same organisation as in the third row
        "",
        "2023",
        "",
        "",
        "Ett partnerskap för livslångt lärande.",
        "",
        "",
        "",
        "",
        "nej",
    ],
]


def write_cp1252(tmp_path, rows=ROWS):
    """As Swedish Excel saves "CSV (semikolonavgränsad)": Windows-1252 and semicolons."""
    return write_csv(tmp_path / "partnerskap.csv", [HEADERS, *rows], encoding="cp1252")


def as_xlsx_rows(rows=ROWS):
    """The same list in .xlsx as Excel holds it: years as numbers, full dates as date cells."""
    converted = []
    for row in rows:
        row = list(row)
        if row[3].isdigit():
            row[3] = int(row[3])
        elif len(row[3]) == 10:
            row[3] = datetime.date.fromisoformat(row[3])  # a date cell
        if row[4].isdigit():
            row[4] = int(row[4])
        converted.append(row)
    return [HEADERS, *converted]


def facts(institution):
    """What the list says, as Samverka holds it: comparable between imports."""
    partnerships = Partnership.objects.filter(institution=institution).order_by("title_sv")
    return [
        (
            p.title_sv,
            p.status,
            p.published,
            str(p.start_date),
            p.start_precision,
            sorted(p.organisations.values_list("name", "type")),
            sorted(p.focus_areas.values_list("name_sv", flat=True)),
            [str(a.ends_on) for a in p.agreements.all()],
            sorted(str(c.person) + "/" + c.role_title_sv for c in p.coordinator_assignments.all()),
            p.link_list,
        )
        for p in partnerships
    ]


EXPECTED = [
    (
        "Norrlandsfonden och Nordlig Energi AB",
        "active",
        True,
        "2021-03-15",
        "day",
        [("Nordlig Energi AB", "company"), ("Norrlandsfonden", "non_profit")],
        ["Energiomställning"],
        ["2025-12-31"],
        ["Lena Andersson/Kontaktperson"],
        [],
    ),
    (
        "Region Kalmar län och Region Kronoberg",
        "active",
        False,
        "2019-01-01",
        "month",
        [("Region Kalmar län", "region"), ("Region Kronoberg", "region")],
        ["Digitalisering", "Välfärdsteknik"],
        [],
        [],
        [],
    ),
    (
        "Region Kronoberg",
        "active",
        False,
        "2023-01-01",
        "year",
        [("Region Kronoberg", "region")],
        [],
        [],
        [],
        [],
    ),
    (
        "Region Västerbotten",
        "active",
        True,
        "2015-01-01",
        "year",
        [("Region Västerbotten", "region")],
        ["Hälsa och välfärd", "Innovation och företagande", "Kompetensförsörjning/kompetensutveckling"],
        ["2027-12-31"],
        ["Anna Maria Lönn Wahlqvist/Samverkansstrateg"],
        ["https://www.umu.se/samverkan/region-vasterbotten/"],
    ),
    (
        "Skellefteå kommun",
        "active",
        True,
        "2019-01-01",
        "month",
        [("Skellefteå kommun", "municipality")],
        ["Batterier och elektrifiering", "Hållbar samhällsutveckling"],
        ["2026-12-31"],
        ["Per-Olof Svensson/Projektsamordnare"],
        ["https://www.umu.se/samverkan/skelleftea/", "https://skelleftea.se/umu"],
    ),
]


def test_a_partnership_list_is_checked_then_imported_to_the_public_pages(
    tmp_path, institution, coordinator, settings
):
    settings.SAMVERKA_PUBLIC_INSTITUTION = institution.slug
    path = write_cp1252(tmp_path)
    check = run(institution, coordinator, "partnerships", path, apply=False)
    # every column found by its name, none left to map by hand
    assert all(check.mapping), dict(zip(check.headers, check.mapping, strict=True))
    assert (check.rows, check.created, check.error_count) == (6, 5, 0), check.errors
    assert check.related == {
        "organisations": 6,
        "agreements": 3,
        "focus areas": 8,
        "people": 3,
        "coordinators": 3,
        "skipped": 1,
    }
    notes = {(note["row"], note["message"]) for note in check.notes}
    assert (5, "Om Luleå tekniska universitet, inte Umeå universitet: hoppas över.") in notes
    assert (
        2,
        "Ny person: Anna Maria Lönn Wahlqvist (förnamn ”Anna Maria”, efternamn ”Lönn Wahlqvist”)",
    ) in notes
    assert not Partnership.objects.exists() and not Organisation.objects.exists()  # a check changes nothing

    job = run(institution, coordinator, "partnerships", path)
    assert (job.created, job.error_count) == (5, 0)
    assert facts(institution) == EXPECTED
    person = Person.objects.get(last_name="Lönn Wahlqvist")
    assert (person.first_name, person.title_sv, person.side, person.is_public) == (
        "Anna Maria",
        "Samverkansstrateg",
        "university",
        True,
    )
    assert Agreement.objects.get(ends_on="2027-12-31").starts_on == datetime.date(2015, 1, 1)
    assert FocusArea.objects.filter(agreement__isnull=False).count() == 6  # those with an agreement
    # each record made has its entry in the audit trail, by the one who imported
    made = AuditEntry.objects.filter(action__endswith=".created", actor=coordinator)
    assert made.filter(action="directory.organisation.created").count() == 6
    assert made.filter(action="partnerships.coordinatorassignment.created").count() == 3

    # the public pages, in both languages
    client = Client()
    region = Partnership.objects.get(title_sv="Region Västerbotten")
    page = client.get(region.get_public_url()).content.decode()
    for fact in (
        "Region Västerbotten",
        "sedan 2015",
        "Kompetensförsörjning/kompetensutveckling",
        "Att tillsammans stärka hälsan",
        "Anna Maria Lönn Wahlqvist",
        "Samverkansstrateg",
        "https://www.umu.se/samverkan/region-vasterbotten/",
        "december 2027",
    ):
        assert fact in page, fact
    with translation.override("en"):
        english_url = region.get_public_url()
    page = client.get(english_url).content.decode()
    for fact in ("since 2015", "To strengthen health, skills and innovation", "December 2027"):
        assert fact in page, fact
    data = client.get(reverse("public:partnership-json", args=[region.slug])).json()
    assert (data["start_date"], data["start_precision"], data["agreement_ends"]) == (
        "2015-01-01",
        "year",
        "2027-12-31",
    )
    assert data["links"] == ["https://www.umu.se/samverkan/region-vasterbotten/"]
    listing = client.get(reverse("public:partnership-list")).content.decode()
    assert "Skellefteå kommun" in listing and "Region Kalmar län" not in listing  # not published

    # a second import of the same list changes nothing
    again = run(institution, coordinator, "partnerships", write_cp1252(tmp_path))
    assert (again.created, again.updated, again.unchanged, again.error_count) == (0, 0, 5, 0), again.errors
    assert set(again.related) == {"skipped"}
    assert facts(institution) == EXPECTED


def test_the_same_list_as_xlsx_gives_the_same_partnerships(tmp_path, institution, coordinator):
    path = write_xlsx(tmp_path / "partnerskap.xlsx", as_xlsx_rows())
    job = run(institution, coordinator, "partnerships", path)
    assert (job.created, job.error_count) == (5, 0), job.errors
    assert facts(institution) == EXPECTED


def test_a_list_finds_partners_and_people_already_here(tmp_path, institution, coordinator):
    region = f.OrganisationFactory(institution=institution, name="Region Västerbotten", type="region")
    person = f.PersonFactory(
        institution=institution, first_name="Anna", last_name="Maria Lönn Wahlqvist", side="university"
    )
    job = run(institution, coordinator, "partnerships", write_cp1252(tmp_path, ROWS[:1]))
    assert (job.created, job.error_count, job.related.get("people")) == (1, 0, None), job.errors
    partnership = Partnership.objects.get()
    assert list(partnership.organisations.all()) == [region]
    assert CoordinatorAssignment.objects.get().person == person


def test_a_row_with_an_error_beside_its_partnership_imports_nothing(tmp_path, institution, coordinator):
    rows = [list(ROWS[0]), list(ROWS[1])]
    rows[1][10] = "skelleftea.se inte en adress"
    rows[0][7] = ""
    job = run(institution, coordinator, "partnerships", write_cp1252(tmp_path, rows))
    assert [(e["row"], e["column"]) for e in job.errors] == [(3, "Källa")]
    assert "är inte en webbadress" in job.errors[0]["message"]
    assert not Partnership.objects.exists() and not Organisation.objects.exists()
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anna Maria Lönn Wahlqvist", ("Anna Maria", "Lönn Wahlqvist")),
        ("Per-Olof Svensson", ("Per-Olof", "Svensson")),
        ("Andersson, Lena", ("Lena", "Andersson")),
        ("Ingrid von Essen", ("Ingrid", "von Essen")),
        ("Xiaoming Li", ("Xiaoming", "Li")),
        ("  Karl   Johan  Karlsson ", ("Karl Johan", "Karlsson")),
        ("Madonna", ("", "Madonna")),
    ],
)
def test_full_names_are_split_as_swedish_names_are_written(text, expected):
    assert split_full_name(text) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (2019, (datetime.date(2019, 1, 1), "year")),
        ("sedan 2015", (datetime.date(2015, 1, 1), "year")),
        ("2019-01", (datetime.date(2019, 1, 1), "month")),
        ("01/2019", (datetime.date(2019, 1, 1), "month")),
        ("Mars 2020", (datetime.date(2020, 3, 1), "month")),
        ("since March 2020", (datetime.date(2020, 3, 1), "month")),
        ("2019-01-15", (datetime.date(2019, 1, 15), "day")),
        (datetime.datetime(2019, 1, 15, tzinfo=datetime.UTC), (datetime.date(2019, 1, 15), "day")),
        (43480, (datetime.date(2019, 1, 15), "day")),  # an Excel day number
    ],
)
def test_since_is_read_with_its_precision(cell, expected):
    assert read_partial_date(cell) == expected


@pytest.mark.parametrize("cell", ["snart", "2019-13", 2019.5, "13/2019"])
def test_a_since_that_is_no_date_is_refused(cell):
    with pytest.raises(ValueError, match="inte ett år"):
        read_partial_date(cell)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Region Kronoberg", "region"),
        ("Skellefteå kommun", "municipality"),
        ("Luleå tekniska universitet", "hei"),
        ("Trafikverket", "agency"),
        ("Nordlig Energi AB", "company"),
        ("Stiftelsen Norrlandsfonden", "non_profit"),
        ("Norrlandsfonden", "other"),
    ],
)
def test_a_partner_without_a_type_gets_the_one_its_name_tells(name, kind):
    assert guess_type(name) == kind


def test_units_are_imported_with_their_hierarchy(tmp_path, institution, coordinator):
    rows = [
        ["Enhet", "Engelskt namn", "Typ", "Tillhör"],
        ["Teknisk-naturvetenskaplig fakultet", "Faculty of Science and Technology", "Fakultet", ""],
        ["Institutionen för datavetenskap", "Department of Computing Science", "institution",
         "Teknisk-naturvetenskaplig fakultet"],
        ["Umeå centrum för genusstudier", "", "Centrum", ""],
    ]  # fmt: skip
    path = write_csv(tmp_path / "enheter.csv", rows)
    job = run(institution, coordinator, "units", path)
    assert (job.created, job.error_count) == (3, 0), job.errors
    department = Unit.objects.get(name_sv="Institutionen för datavetenskap")
    assert (department.kind, department.parent.name_sv) == (
        "department",
        "Teknisk-naturvetenskaplig fakultet",
    )
    again = run(institution, coordinator, "units", path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


def test_coordinators_are_linked_to_partnerships_once(tmp_path, institution, coordinator):
    partnership = f.PartnershipFactory(institution=institution, title_sv="Skellefteå kommun")
    person = f.PersonFactory(institution=institution, first_name="Eva", last_name="Ek", email="eva.ek@umu.se")
    rows = [
        ["Samordnare", "Partnerskap", "Roll"],
        ["eva.ek@umu.se", "Skellefteå kommun", "Projektsamordnare"],
    ]
    path = write_csv(tmp_path / "samordnare.csv", rows)
    job = run(institution, coordinator, "coordinators", path)
    assert (job.created, job.error_count) == (1, 0), job.errors
    assignment = CoordinatorAssignment.objects.get()
    assert (assignment.person, assignment.partnership, assignment.role_title_sv) == (
        person,
        partnership,
        "Projektsamordnare",
    )
    rows[1][2] = "Samverkansstrateg"
    again = run(institution, coordinator, "coordinators", write_csv(tmp_path / "samordnare.csv", rows))
    assert (again.created, again.updated) == (0, 1), again.errors
    assert CoordinatorAssignment.objects.get().role_title_sv == "Samverkansstrateg"


def test_the_command_imports_a_partnership_list_and_tells_what_it_made(
    tmp_path, institution, coordinator, capsys
):
    path = write_cp1252(tmp_path, ROWS[:3])
    call_command(
        "import", "partnerships", str(path), "--institution", institution.slug,
        "--user", coordinator.username, "--no-progress",
    )  # fmt: skip
    out = capsys.readouterr().out
    assert "Imported: 3 rows" in out
    assert "Nya partnerorganisationer 4" in out
    assert "row 4: Ny organisation: Region Kronoberg" in out
    assert Partnership.objects.count() == 3


def test_people_with_one_name_column_are_split_and_told(tmp_path, institution, coordinator):
    unit = f.UnitFactory(institution=institution, name_sv="Grants Office")
    rows = [
        ["Namn", "E-post", "Sida", "Enhet"],
        ["Anna Maria Lönn Wahlqvist", "anna.maria@umu.se", "Lärosätet", unit.name_sv],
        ["Svensson, Per-Olof", "", "universitetet", unit.name_sv],
    ]
    job = run(institution, coordinator, "people", write_csv(tmp_path / "people.csv", rows))
    assert (job.created, job.error_count) == (2, 0), job.errors
    assert sorted(Person.objects.values_list("first_name", "last_name", "side")) == [
        ("Anna Maria", "Lönn Wahlqvist", "university"),
        ("Per-Olof", "Svensson", "university"),
    ]
    assert [note["message"] for note in job.notes] == [
        "Anna Maria Lönn Wahlqvist: förnamn ”Anna Maria”, efternamn ”Lönn Wahlqvist”",
        "Svensson, Per-Olof: förnamn ”Per-Olof”, efternamn ”Svensson”",
    ]
    again = run(institution, coordinator, "people", write_csv(tmp_path / "people.csv", rows))
    assert (again.created, again.unchanged) == (0, 2), again.errors


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_national_list_of_76_rows_publishes_two_institutions(db, tmp_path, client, kind):
    """Each institution of an installation imports the same national list: its own rows become
    its partnerships, published at its address and in the national overview."""
    umu = f.InstitutionFactory(name_sv="Umeå universitet", name_en="Umeå University", slug="umu")
    ltu = f.InstitutionFactory(name_sv="Luleå tekniska universitet", slug="ltu")
    csv_path, xlsx_path = partnership_list.write(tmp_path)
    path = csv_path if kind == "csv" else xlsx_path
    for institution, own in ((umu, 15), (ltu, 4)):
        admin = f.MembershipFactory(institution=institution, role="admin").user
        job = run(institution, admin, "partnerships", path)
        assert (job.rows, job.created, job.error_count, job.related["skipped"]) == (76, own, 0, 76 - own), (
            job.errors
        )
        Partnership.objects.filter(institution=institution).update(published=True)
    assert "Region Västerbotten" in client.get("/umu/partnerskap/").content.decode()
    ltu_page = client.get("/ltu/partnerskap/").content.decode()
    assert "Skellefteå kommun" in ltu_page and "Region Västerbotten" not in ltu_page
    national = client.get(reverse("public:national-json")).json()["partnerships"]
    assert {p["institution"]["slug"] for p in national} == {"umu", "ltu"}
    assert len(national) == 19


def test_the_partnership_list_in_the_pages_reports_row_by_row(
    tmp_path, institution, coordinator_client, django_capture_on_commit_callbacks
):
    from tests.imports.test_imports import choose_columns, upload

    content = write_cp1252(tmp_path).read_bytes()
    upload(coordinator_client, "partnerships", "partnerskap.csv", content)
    job = ImportJob.objects.get()
    page = coordinator_client.get(job.get_absolute_url()).content.decode()
    assert '<option value="partners" selected>' in page and '<option value="since" selected>' in page
    with django_capture_on_commit_callbacks(execute=True):
        choose_columns(coordinator_client, job, job.mapping)
    page = coordinator_client.get(job.get_absolute_url()).content.decode()
    assert "Utöver posterna, rad för rad" in page
    assert '<th scope="row">Nya partnerorganisationer</th><td>6</td>' in page
    assert "Ny organisation: Region Kronoberg" in page
    assert not Partnership.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(reverse("imports:importjob-run", args=[job.pk]))
    assert Partnership.objects.count() == 5


def test_a_title_makes_a_web_name_that_fits_and_is_free(tmp_path, institution, coordinator):
    f.PartnershipFactory(institution=institution, title_sv="Kronoberg", slug="region-kronoberg")
    many = " | ".join(f"Kommun nummer {n} i Norrbottens län" for n in range(4))
    rows = [["Region Kronoberg", "region", "2020"], [many, "kommun", "2021"]]
    job = run(
        institution,
        coordinator,
        "partnerships",
        write_csv(tmp_path / "p.csv", [["Partner", "Typ", "Sedan"], *rows]),
    )
    assert (job.created, job.error_count) == (2, 0), job.errors
    assert Partnership.objects.get(title_sv="Region Kronoberg").slug == "region-kronoberg-2"
    long = Partnership.objects.get(title_sv__startswith="Kommun nummer 0")
    assert len(long.slug) <= 77 and long.slug.startswith("kommun-nummer-0-i-norrbottens-lan")
    assert not long.slug.endswith("-")
