"""The timeline of a partnership, an organisation and a person: every kind of event merged newest
first, as each role may see it, filterable, as a spreadsheet, at a fixed cost."""

import csv
import datetime
import io
import re
import zoneinfo

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.core.models import AuditEntry
from tests import factories as f
from tests.conftest import client_for

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


def at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(10), STOCKHOLM)


@pytest.fixture
def history(institution):
    """A partnership with one of each kind of event on its own day, and a partner's person."""
    org = f.OrganisationFactory(institution=institution, name="Region Norr")
    anna = f.PersonFactory(
        institution=institution, first_name="Anna", last_name="Lind", side="partner", organisation=org
    )
    partnership = f.PartnershipFactory(institution=institution, organisations=[org], title_sv="Norrsamverkan")
    agreement = f.AgreementFactory(
        partnership=partnership,
        sequence=1,
        signed_on=datetime.date(2024, 1, 10),
        starts_on=datetime.date(2024, 2, 1),
        ends_on=datetime.date(2027, 1, 31),
    )
    agreement.signatories.set([anna])
    call = f.InteractionFactory(
        partnership=partnership, occurred_on=datetime.date(2026, 3, 5), summary="Om avtalet"
    )
    call.people.set([anna])
    activity = f.ActivityFactory(
        institution=institution,
        partnership=partnership,
        title_sv="Gästföreläsning",
        starts_on=datetime.date(2025, 9, 1),
    )
    activity.organisations.set([org])
    activity.people.set([anna])
    body = f.BodyFactory(institution=institution, partnership=partnership)
    meeting = f.MeetingFactory(body=body, starts_at=at(datetime.date(2025, 5, 20)), title="Styrgruppsmöte")
    f.AttendanceFactory(meeting=meeting, person=anna)
    decision = f.DecisionFactory(meeting=meeting, text="Styrgruppen beslutar att förlänga avtalet.")
    return {
        "org": org,
        "anna": anna,
        "partnership": partnership,
        "agreement": agreement,
        "call": call,
        "activity": activity,
        "meeting": meeting,
        "decision": decision,
    }


def rows(page: str) -> list[str]:
    """The timeline's rows as "date kind what", in the page's order."""

    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    found = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
        found.append(" | ".join(cells[:3]))
    return found


def test_a_partnerships_timeline_merges_every_kind_newest_first(coordinator_client, history):
    url = reverse("partnerships:partnership-timeline", args=[history["partnership"].pk])
    page = coordinator_client.get(url).content.decode()
    assert rows(page) == [
        "2027-01-31 | Avtal | Norrsamverkan: avtal 1 upphör",
        "2026-03-05 | Kontakt | Samtal: Om avtalet",
        "2025-09-01 | Aktivitet | " + f"{history['activity'].type}: Gästföreläsning",
        "2025-05-20 | Möte | Styrgruppsmöte",
        f"2025-05-20 | Beslut | {history['decision'].label}: Styrgruppen beslutar att förlänga avtalet.",
        "2024-02-01 | Avtal | Norrsamverkan: avtal 1 börjar gälla",
        "2024-01-10 | Avtal | Norrsamverkan: avtal 1 undertecknat",
    ]
    assert history["call"].get_absolute_url() in page
    partnership_page = coordinator_client.get(history["partnership"].get_absolute_url()).content.decode()
    assert url in partnership_page


def test_an_organisations_and_a_persons_timeline_hold_what_concerns_them(coordinator_client, history):
    org_url = reverse("directory:organisation-timeline", args=[history["org"].pk])
    org_rows = rows(coordinator_client.get(org_url).content.decode())
    # the call names only Anna, who is the organisation's
    assert "2026-03-05 | Kontakt | Samtal: Om avtalet" in org_rows
    assert len(org_rows) == 7
    person_url = reverse("directory:person-timeline", args=[history["anna"].pk])
    person_rows = rows(coordinator_client.get(person_url).content.decode())
    # she attended the meeting and signed the agreement; a decision is the body's, not hers
    assert [row.split(" | ")[1] for row in person_rows] == [
        "Avtal",
        "Kontakt",
        "Aktivitet",
        "Möte",
        "Avtal",
        "Avtal",
    ]
    person_page = coordinator_client.get(history["anna"].get_absolute_url()).content.decode()
    assert "Om avtalet" in person_page and person_url in person_page
    org_page = coordinator_client.get(history["org"].get_absolute_url()).content.decode()
    assert "Om avtalet" in org_page and org_url in org_page


def test_the_partner_sees_no_agreements_and_no_internal_contacts(members, world):
    own = world["own"]
    f.InteractionFactory(partnership=own["partnership"], summary="Intern bedömning", visibility="internal")
    url = reverse("partnerships:partnership-timeline", args=[own["partnership"].pk])
    partner = client_for(members["partner"])
    page = partner.get(url).content.decode()
    kinds = {row.split(" | ")[1] for row in rows(page)}
    assert "Avtal" not in kinds and {"Kontakt", "Aktivitet"} <= kinds
    assert own["interaction"].summary in page and "Intern bedömning" not in page
    assert 'value="agreement"' not in page  # not offered as a filter either
    coordinator = client_for(members["coordinator"]).get(url).content.decode()
    assert "Intern bedömning" in coordinator and "Avtal" in {r.split(" | ")[1] for r in rows(coordinator)}


def test_kinds_and_a_year_narrow_it_and_a_bad_year_is_said(coordinator_client, history):
    url = reverse("partnerships:partnership-timeline", args=[history["partnership"].pk])
    only = rows(coordinator_client.get(url, {"kind": ["meeting", "decision"]}).content.decode())
    assert [row.split(" | ")[1] for row in only] == ["Möte", "Beslut"]
    in_2024 = rows(coordinator_client.get(url, {"year": "2024"}).content.decode())
    assert [row.split(" | ")[0] for row in in_2024] == ["2024-02-01", "2024-01-10"]
    refused = coordinator_client.get(url, {"year": "20245"})
    assert refused.status_code == 200
    assert "Kontrollera att detta värde är mindre än eller lika med 2200." in refused.content.decode()
    assert len(rows(refused.content.decode())) == 7  # the filter is not applied


def test_the_timeline_downloads_as_csv_and_xlsx_and_is_logged(coordinator_client, coordinator, history):
    url = reverse("partnerships:partnership-timeline", args=[history["partnership"].pk])
    response = coordinator_client.get(url, {"format": "csv", "kind": "agreement"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert table[0] == ["Datum", "Slag", "Vad som hände", "Partnerskap"]
    assert [line[0] for line in table[1:]] == ["2027-01-31", "2024-02-01", "2024-01-10"]
    assert all(line[3] == "Norrsamverkan" for line in table[1:])

    response = coordinator_client.get(url, {"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 8 and values[1][0].date() == datetime.date(2027, 1, 31)
    entries = AuditEntry.objects.filter(action="partnerships.partnership.exported", actor=coordinator)
    assert entries.count() == 2


def test_a_long_history_shows_the_newest_page_at_a_fixed_cost(coordinator_client, history, monkeypatch):
    url = reverse("partnerships:partnership-timeline", args=[history["partnership"].pk])
    coordinator_client.get(url)  # caches warmed

    with CaptureQueriesContext(connection) as few:
        coordinator_client.get(url)
    for day in range(40):
        f.InteractionFactory(
            partnership=history["partnership"],
            occurred_on=datetime.date(2026, 4, 1) + datetime.timedelta(day),
        )
        f.ActivityFactory(institution=history["partnership"].institution, partnership=history["partnership"])
    monkeypatch.setattr("samverka.interactions.views.PAGE_EVENTS", 10)
    with CaptureQueriesContext(connection) as many:
        page = coordinator_client.get(url).content.decode()
    assert len(many) == len(few)
    assert len(rows(page)) == 10
    assert "Sidan visar de 10 senaste händelserna" in page


def test_the_api_gives_the_same_timeline(coordinator_client, history):
    url = reverse("api:partnership-timeline", args=[history["partnership"].pk])
    events = coordinator_client.get(url, {"kind": "agreement"}).json()
    assert [(e["date"], e["kind"], e["what"]) for e in events] == [
        ("2027-01-31", "agreement", "Norrsamverkan: avtal 1 upphör"),
        ("2024-02-01", "agreement", "Norrsamverkan: avtal 1 börjar gälla"),
        ("2024-01-10", "agreement", "Norrsamverkan: avtal 1 undertecknat"),
    ]
    assert events[0]["partnership"] == history["partnership"].pk
    assert events[0]["url"].endswith(history["agreement"].get_absolute_url())
    person = coordinator_client.get(reverse("api:person-timeline", args=[history["anna"].pk])).json()
    assert len(person) == 6
    refused = coordinator_client.get(url, {"year": "twenty", "kind": "gossip"})
    assert refused.status_code == 400
    assert set(refused.json()) == {"year", "kind"}


@pytest.mark.parametrize("role", ["coordinator", "partnership_coordinator", "viewer", "partner"])
def test_the_api_timeline_answers_each_role_as_the_page_does(members, world, role):
    client = client_for(members[role])
    for name, key in (("partnership", "partnership"), ("organisation", "organisation"), ("person", "person")):
        for where in ("own", "sibling", "other"):
            record = world[where][key]
            app = "partnerships" if name == "partnership" else "directory"
            page = client.get(reverse(f"{app}:{name}-timeline", args=[record.pk]))
            api = client.get(reverse(f"api:{name}-timeline", args=[record.pk]))
            assert api.status_code == page.status_code, (name, where)
            if where == "other":
                assert page.status_code in (403, 404)


def test_log_a_contact_from_an_organisation_or_a_person_opens_pre_filled(coordinator_client, history):
    for subject, field in ((history["org"], "organisation"), (history["anna"], "people")):
        page = coordinator_client.get(subject.get_absolute_url()).content.decode()
        link = f"{reverse('interactions:interaction-create')}?{field}={subject.pk}"
        assert f'href="{link}"' in page
        form = coordinator_client.get(link).context["form"]
        assert form.initial.get(field) in (subject.pk, [subject.pk])
