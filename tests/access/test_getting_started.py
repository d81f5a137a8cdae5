"""A new institution's guided start: its settings, the steps read from its records, publishing at once."""

import pytest
from django.urls import reverse

from samverka.core.models import AuditEntry, Institution
from tests import factories as f
from tests.conftest import client_for

PAGES = ["access:getting-started", "access:institution-settings"]


@pytest.mark.parametrize("name", PAGES)
def test_only_administrators_open_the_setup_pages(members, name):
    answers = {role: client_for(user).get(reverse(name)).status_code for role, user in members.items()}
    assert answers == {role: 200 if role == "admin" else 403 for role in members}
    for role, user in members.items():
        posted = client_for(user).post(reverse("access:publish-active"))
        assert posted.status_code == (302 if role == "admin" else 403), role


def test_the_steps_follow_the_records(institution, administrator):
    client = client_for(administrator)
    page = client.get(reverse("access:getting-started")).content.decode()
    assert "0 av 6 steg klara" in page
    assert f'href="{reverse("imports:importjob-create")}?kind=partnerships"' in page
    f.UnitFactory(institution=institution)
    f.PartnershipFactory(institution=institution, status="active", published=False)
    page = client.get(reverse("access:getting-started")).content.decode()
    assert "2 av 6 steg klara" in page
    assert "Publicera det 1 aktiva partnerskapet" in page


def test_the_settings_change_the_name_on_every_page(client, institution, administrator):
    admin = client_for(administrator)
    data = {
        "name_sv": "Umeå universitet (UmU)",
        "name_en": "Umeå University",
        "website": "https://www.umu.se",
        "public_introduction_sv": "Våra strategiska partnerskap.",
        "public_introduction_en": "Our strategic partnerships.",
        "agreement_warning_months": 6,
        "idea_stuck_days": 30,
    }
    assert admin.post(reverse("access:institution-settings"), data).status_code == 302
    institution.refresh_from_db()
    assert institution.name_sv == "Umeå universitet (UmU)"
    entry = AuditEntry.objects.get(action="core.institution.updated")
    assert entry.actor == administrator and "public_introduction_sv" in entry.changes
    page = client.get("/umu/partnerskap/").content.decode()
    assert "Umeå universitet (UmU)" in page and "Våra strategiska partnerskap." in page
    refused = admin.post(
        reverse("access:institution-settings"), {**data, "name_sv": "", "idea_stuck_days": 0}
    )
    assert refused.status_code == 200
    assert Institution.objects.get(pk=institution.pk).name_sv == "Umeå universitet (UmU)"


def test_publishing_the_active_partnerships_at_once(client, institution, administrator):
    active = [f.PartnershipFactory(institution=institution, status="active") for _ in range(3)]
    planned = f.PartnershipFactory(institution=institution, status="prospective")
    response = client_for(administrator).post(reverse("access:publish-active"), follow=True)
    assert "3 partnerskap publicerades." in response.content.decode()
    assert all(p.published for p in type(planned).objects.filter(pk__in=[a.pk for a in active]))
    planned.refresh_from_db()
    assert not planned.published
    assert (
        AuditEntry.objects.filter(action="partnerships.partnership.updated", actor=administrator).count() == 3
    )
    listing = client.get("/umu/partnerskap/").content.decode()
    assert all(p.title_sv in listing for p in active)
