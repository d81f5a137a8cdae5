"""A person's organisations over time: the main one kept in step, other and former places entered
on their own, shown on the person's and the organisation's pages, in the GDPR export and erased
with the person."""

import csv
import datetime
import io

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samverka.core.domain.records import update_record
from samverka.core.forms import changed_form
from samverka.core.models import AuditEntry
from samverka.core.references import reference_label
from samverka.directory.forms import PersonForm
from samverka.directory.models import Affiliation, Person
from samverka.privacy.domain import anonymise_person, person_data
from tests import factories as f


def person_data_for(organisation, **extra):
    return {
        "first_name": "Lena",
        "last_name": "Berg",
        "side": "partner",
        "organisation": f"#{organisation.pk}",
        "title_sv": "Regiondirektör",
        "organisation_unit": "Regionledningskontoret",
        "legal_basis": "public_task",
        "source": "person",
        "retention": "while_active",
        **extra,
    }


def test_a_persons_main_organisation_is_an_affiliation_and_a_move_leaves_history(
    coordinator_client, coordinator, institution
):
    region = f.OrganisationFactory(institution=institution, name="Region Västerbotten")
    kommun = f.OrganisationFactory(institution=institution, name="Skellefteå kommun")
    response = coordinator_client.post(reverse("directory:person-create"), person_data_for(region))
    lena = Person.objects.get(last_name="Berg")
    assert response["Location"] == lena.get_absolute_url()
    first = lena.affiliations.get()
    assert (first.organisation, first.role, first.department) == (
        region,
        "Regiondirektör",
        "Regionledningskontoret",
    )
    assert first.starts_on is None and first.ends_on is None

    # a new title: the same affiliation says it
    form = changed_form(PersonForm, lena, {"title_sv": "Biträdande regiondirektör"}, institution=institution)
    assert form.is_valid(), form.errors
    lena = update_record(form, actor=coordinator, expected_version=lena.version)
    first.refresh_from_db()
    assert first.role == "Biträdande regiondirektör" and lena.affiliations.count() == 1

    # she moves to the municipality: the region's place ended yesterday, the new one starts today
    form = changed_form(
        PersonForm,
        lena,
        {"organisation": f"#{kommun.pk}", "title_sv": "Kommundirektör"},
        institution=institution,
    )
    assert form.is_valid(), form.errors
    lena = update_record(form, actor=coordinator, expected_version=lena.version)
    today = timezone.localdate()
    places = {a.organisation: a for a in lena.affiliations.all()}
    assert (
        places[region].ends_on == today - datetime.timedelta(days=1)
        and places[region].role == "Biträdande regiondirektör"
    )
    assert places[kommun].starts_on == today and places[kommun].ends_on is None
    assert places[kommun].role == "Kommundirektör"

    person_page = coordinator_client.get(lena.get_absolute_url()).content.decode()
    assert "Organisationer över tid" in person_page
    assert "Region Västerbotten</a>, Biträdande regiondirektör" in person_page
    region_page = coordinator_client.get(region.get_absolute_url()).content.decode()
    former = region_page.split("Tidigare här", 1)[1]
    assert "Lena Berg" in former
    kommun_page = coordinator_client.get(kommun.get_absolute_url()).content.decode()
    assert "Lena Berg" in kommun_page.split("Tidigare här")[0]


def test_a_second_place_is_entered_on_its_own_and_counts_at_that_organisation(
    coordinator_client, coordinator, institution
):
    region = f.OrganisationFactory(institution=institution, name="Region Västerbotten")
    board = f.OrganisationFactory(institution=institution, name="Umeå kommun")
    lena = f.PersonFactory(institution=institution, side="partner", organisation=region, first_name="Lena")
    url = reverse("directory:affiliation-create")
    form_page = coordinator_client.get(url, {"person": lena.pk}).content.decode()
    assert f'value="{reference_label(lena)}"' in form_page  # pre-filled

    refused = coordinator_client.post(
        url,
        {
            "person": f"#{lena.pk}",
            "organisation": f"#{board.pk}",
            "role": "Ledamot i kommunstyrelsen",
            "starts_on": "2024-01-01",
            "ends_on": "2023-12-31",
        },
    )
    assert refused.status_code == 200 and not Affiliation.objects.exists()
    assert "Slutdatumet kan inte vara före startdatumet." in refused.content.decode()

    response = coordinator_client.post(
        url,
        {
            "person": f"#{lena.pk}",
            "organisation": f"#{board.pk}",
            "role": "Ledamot i kommunstyrelsen",
            "starts_on": "2023-01-01",
        },
    )
    seat = Affiliation.objects.get()
    assert response["Location"] == seat.get_absolute_url()
    assert AuditEntry.objects.get(action="directory.affiliation.created").actor == coordinator
    board_page = coordinator_client.get(board.get_absolute_url()).content.decode()
    assert "Lena" in board_page.split("Tidigare här")[0]  # a current person of the board's organisation


def test_the_gdpr_export_has_the_affiliations_and_contacts_and_erasure_clears_the_roles(
    administrator, institution
):
    lena = f.PersonFactory(institution=institution, side="partner", first_name="Lena", last_name="Berg")
    f.AffiliationFactory(
        person=lena,
        organisation__name="Umeå kommun",
        role="Ledamot",
        department="Kommunstyrelsen",
        starts_on=datetime.date(2023, 1, 1),
    )
    contact = f.InteractionFactory(partnership__institution=institution, summary="Om avtalet")
    contact.people.add(lena)
    data = person_data(lena)
    assert data["affiliations"] == [
        {
            "organisation": "Umeå kommun",
            "role": "Ledamot",
            "department": "Kommunstyrelsen",
            "from": "2023-01-01",
            "until": None,
        }
    ]
    assert [c["summary"] for c in data["contacts"]] == ["Om avtalet"]

    anonymise_person(lena, actor=administrator, reason="Begäran om radering enligt GDPR")
    seat = lena.affiliations.get()
    assert (seat.role, seat.department) == ("", "")


def test_imported_people_get_the_affiliation_of_their_organisation(tmp_path, institution, coordinator):
    from tests.imports.test_imports import write_csv

    region = f.OrganisationFactory(institution=institution, name="Region Västerbotten")
    rows = [
        ["Förnamn", "Efternamn", "Titel", "Organisation"],
        ["Anna", "Lönn", "Utvecklingsstrateg", region.name],
    ]
    call_command(
        "import",
        "people",
        str(write_csv(tmp_path / "people.csv", rows)),
        institution="umu",
        user="coordinator",
        no_progress=True,
    )
    anna = Person.objects.get(last_name="Lönn")
    assert [(a.organisation, a.role, a.ends_on) for a in anna.affiliations.all()] == [
        (region, "Utvecklingsstrateg", None)
    ]


def test_the_people_list_finds_and_exports_everyone_placed_in_an_organisation(
    coordinator_client, institution
):
    board = f.OrganisationFactory(institution=institution, name="Umeå kommun")
    region = f.OrganisationFactory(institution=institution, name="Region Västerbotten")
    f.PersonFactory(institution=institution, side="partner", organisation=board, last_name="Ek")
    member = f.PersonFactory(institution=institution, side="partner", organisation=region, last_name="Berg")
    f.AffiliationFactory(
        person=member, organisation=board, role="Ledamot", starts_on=datetime.date(2023, 1, 1)
    )
    former = f.PersonFactory(institution=institution, side="partner", last_name="Lund")
    f.AffiliationFactory(
        person=former, organisation=board, role="Ordförande", ends_on=datetime.date(2020, 12, 31)
    )
    f.PersonFactory(institution=institution, side="partner", organisation=region, last_name="Ny")
    url = reverse("directory:person-list")
    for value in (f"#{board.pk}", "umeå kommun"):
        listed = coordinator_client.get(url, {"organisation": value}).context["object_list"]
        assert {p.last_name for p in listed} == {"Ek", "Berg", "Lund"}

    def exported():
        response = coordinator_client.get(url, {"format": "csv", "o": "name"})
        return list(
            csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";")
        )

    with CaptureQueriesContext(connection) as few:
        table = exported()
    column = table[0].index("Organisationer över tid")
    rows = {line[table[0].index("Efternamn")]: line[column] for line in table[1:]}
    assert rows["Berg"] == "Umeå kommun, Ledamot (2023-01-01 – )"
    assert rows["Lund"] == "Umeå kommun, Ordförande (… – 2020-12-31)"
    for n in range(5):
        f.AffiliationFactory(person__institution=institution, organisation=board, role=f"Roll {n}")
    with CaptureQueriesContext(connection) as many:
        assert len(exported()) == len(table) + 5
    assert len(many) == len(few)
