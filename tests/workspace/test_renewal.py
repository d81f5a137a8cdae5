"""Renewing an agreement: the next period follows on, its focus areas reviewed, the old alert silenced."""

import datetime

import pytest
from django.urls import reverse

from samverka.core.models import AuditEntry
from samverka.partnerships.domain.queries import agreements_needing_attention
from samverka.partnerships.models import Agreement, FocusArea
from tests import factories as f
from tests.conftest import client_for

TODAY = datetime.date(2026, 12, 6)


@pytest.fixture
def old(institution):
    partnership = f.PartnershipFactory(
        institution=institution, title_sv="Region Västerbotten", status="active"
    )
    signatory = f.PersonFactory(institution=institution, first_name="Hans", last_name="Adolfsson")
    agreement = f.AgreementFactory(
        partnership=partnership,
        sequence=1,
        starts_on=datetime.date(2023, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
        registry_number="UMU 2022/1234",
    )
    agreement.signatories.set([signatory])
    for order, name in enumerate(["Hälsa", "Kompetensförsörjning", "Besöksnäring"]):
        f.FocusAreaFactory(
            partnership=partnership, agreement=agreement, name_sv=name, order=order, is_current=True
        )
    return agreement


def renew_url(agreement):
    return reverse("partnerships:agreement-renew", args=[agreement.pk])


def test_the_renewal_offers_the_next_period(coordinator_client, old):
    page = coordinator_client.get(renew_url(old))
    form = page.context["form"]
    assert (form["sequence"].value(), form["starts_on"].value(), form["ends_on"].value()) == (
        2,
        datetime.date(2027, 1, 1),
        datetime.date(2030, 12, 31),
    )
    assert form["type"].value() == "partnership_agreement"
    assert form["signatories"].value() == f"#{old.signatories.get().pk}"
    html = page.content.decode()
    assert "Hälsa" in html and "Kompetensförsörjning" in html and "Besöksnäring" in html
    # the agreement's page offers it
    assert renew_url(old) in coordinator_client.get(old.get_absolute_url()).content.decode()


def test_renewing_keeps_renames_ends_and_adds_focus_areas(coordinator_client, coordinator, old):
    areas = {area.name_sv: area for area in FocusArea.objects.filter(agreement=old)}
    data = {
        "agreement-partnership": old.partnership_id,
        "agreement-sequence": 2,
        "agreement-type": "partnership_agreement",
        "agreement-starts_on": "2027-01-01",
        "agreement-ends_on": "2030-12-31",
        "agreement-registry_number": "UMU 2026/999",
        "agreement-signatories": f"#{old.signatories.get().pk}",
        f"areas-area_{areas['Hälsa'].pk}": "keep",
        f"areas-area_{areas['Kompetensförsörjning'].pk}": "rename",
        f"areas-area_{areas['Kompetensförsörjning'].pk}_name": "Kompetensförsörjning och livslångt lärande",
        f"areas-area_{areas['Besöksnäring'].pk}": "end",
        "areas-added": "Energiomställning\n\nDigitalisering\n",
    }
    response = coordinator_client.post(renew_url(old), data)
    new = Agreement.objects.get(sequence=2)
    assert response["Location"] == new.get_absolute_url()
    assert (new.starts_on, new.ends_on, new.registry_number) == (
        datetime.date(2027, 1, 1),
        datetime.date(2030, 12, 31),
        "UMU 2026/999",
    )
    assert list(new.signatories.all()) == list(old.signatories.all())
    assert list(FocusArea.objects.filter(agreement=new).values_list("name_sv", flat=True)) == [
        "Hälsa",
        "Kompetensförsörjning och livslångt lärande",
        "Energiomställning",
        "Digitalisering",
    ]
    assert not FocusArea.objects.filter(agreement=old, is_current=True).exists()  # the old period's
    assert FocusArea.objects.filter(agreement=old).count() == 3  # kept as they were
    made = AuditEntry.objects.filter(actor=coordinator)
    assert made.filter(action="partnerships.agreement.created").count() == 1
    assert made.filter(action="partnerships.focusarea.created").count() == 4
    assert made.filter(action="partnerships.focusarea.updated").count() == 3


def test_a_renewal_that_cannot_be_saved_saves_nothing(coordinator_client, old):
    area = FocusArea.objects.filter(agreement=old).first()
    data = {
        "agreement-partnership": old.partnership_id,
        "agreement-sequence": 1,  # taken
        "agreement-type": "partnership_agreement",
        "agreement-starts_on": "2027-01-01",
        f"areas-area_{area.pk}": "rename",  # without a name
    }
    response = coordinator_client.post(renew_url(old), data)
    assert response.status_code == 200
    assert "Partnerskapet har redan ett avtal med det här numret." in response.content.decode()
    assert Agreement.objects.count() == 1 and FocusArea.objects.filter(is_current=True).count() == 3


def test_a_renewed_agreement_no_longer_asks_for_attention(institution, old):
    institution.agreement_warning_months = 6
    assert list(agreements_needing_attention(institution, today=TODAY)) == [old]
    f.AgreementFactory(partnership=old.partnership, sequence=2, starts_on=datetime.date(2027, 1, 1))
    assert list(agreements_needing_attention(institution, today=TODAY)) == []


@pytest.mark.parametrize(
    "role", ["admin", "coordinator", "partnership_coordinator", "staff", "viewer", "partner"]
)
def test_who_may_renew(members, world, role):
    agreement = f.AgreementFactory(partnership=world["own"]["partnership"], sequence=7)
    answer = client_for(members[role]).get(renew_url(agreement)).status_code
    expected = {"admin": 200, "coordinator": 200, "partnership_coordinator": 200}.get(role, 403)
    assert answer == expected or (role == "partner" and answer == 404)


def test_focus_areas_of_two_periods_are_told_apart_where_they_are_offered(coordinator_client, old):
    partnership = old.partnership
    new = f.AgreementFactory(partnership=partnership, sequence=2, starts_on=datetime.date(2027, 1, 1))
    FocusArea.objects.filter(agreement=old).update(is_current=False)
    f.FocusAreaFactory(partnership=partnership, agreement=new, name_sv="Hälsa", is_current=True)
    other = f.PartnershipFactory(institution=partnership.institution, title_sv="Skellefteå kommun")
    f.FocusAreaFactory(partnership=other, name_sv="Batterier")
    # the activity form: only the chosen partnership's areas, each with its period
    url = reverse("activities:activity-create") + f"?partnership={partnership.pk}"
    page = coordinator_client.get(url).content.decode()
    assert "Region Västerbotten – Hälsa (avtal 2)</option>" in page
    assert "Region Västerbotten – Hälsa (avtal 1, tidigare period)</option>" in page
    assert "Batterier" not in page
    # the goal form (narrowed already) tells them apart too
    goal = coordinator_client.get(reverse("followup:goal-create") + f"?partnership={partnership.pk}")
    assert ">Hälsa (avtal 2)</option>" in goal.content.decode()
