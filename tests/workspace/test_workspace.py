"""The coordinator's workspace: forms, validation, optimistic locking, audit trail, start page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from samverka.core.models import AuditEntry
from samverka.directory.models import Organisation
from samverka.partnerships.models import Partnership
from tests import factories as f


def partnership_data(org, **overrides):
    data = {
        "title_sv": "Region Västerbotten",
        "title_en": "Region Västerbotten",
        "slug": "",
        "organisations": [f"#{org.pk}"],
        "status": "active",
        "start_date": "2019-01-01",
        "start_precision": "month",
        "purpose_sv": "Samhällsutmaningar",
        "order": "0",
    }
    data.update(overrides)
    return data


def test_coordinator_creates_a_partnership_with_a_generated_slug_and_an_audit_entry(
    coordinator_client, coordinator, institution
):
    org = f.OrganisationFactory(institution=institution, name="Region Västerbotten", type="region")
    response = coordinator_client.post(reverse("partnerships:partnership-create"), partnership_data(org))
    partnership = Partnership.objects.get()
    assert response.status_code == 302
    assert response["Location"] == partnership.get_absolute_url()
    assert partnership.slug == "region-vasterbotten"
    assert partnership.institution == institution
    assert list(partnership.organisations.all()) == [org]
    entry = AuditEntry.objects.exclude(action__startswith="auth.").get()  # log-ins are in the trail too
    assert (entry.action, entry.actor, entry.object_id) == (
        "partnerships.partnership.created",
        coordinator,
        partnership.pk,
    )
    assert entry.changes["title_sv"] == {"before": None, "after": "Region Västerbotten"}


def test_field_errors_are_shown_at_the_field_in_swedish_and_nothing_is_saved(coordinator_client, institution):
    response = coordinator_client.post(
        reverse("directory:organisation-create"),
        {"name": "", "type": "company", "org_number": "556012-5791"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["name"] == [
        "Det här fältet är obligatoriskt."
    ]  # REST framework's Swedish wording wins
    assert form.errors["org_number"] == ["Kontrollsiffran stämmer inte: kontrollera organisationsnumret."]
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert 'id="id_org_number_error"' in html
    assert not Organisation.objects.exists()


def test_field_errors_are_in_english_under_en(coordinator_client, institution):
    response = coordinator_client.post(
        "/en" + reverse("directory:organisation-create"),
        {"name": "X", "type": "company", "org_number": "123"},
    )
    assert response.context["form"].errors["org_number"] == [
        "An organisation number has 10 digits, e.g. 556012-5790."
    ]


def test_organisation_number_is_stored_normalised_and_duplicates_are_named(coordinator_client, institution):
    coordinator_client.post(
        reverse("directory:organisation-create"),
        {"name": "AB Volvo", "type": "company", "org_number": "5560125790"},
    )
    assert Organisation.objects.get().org_number == "556012-5790"
    response = coordinator_client.post(
        reverse("directory:organisation-create"),
        {"name": "Volvo igen", "type": "company", "org_number": "556012-5790"},
    )
    assert response.context["form"].errors["org_number"] == [
        "”AB Volvo” har redan detta organisationsnummer."
    ]
    assert Organisation.objects.count() == 1


def test_choices_of_another_institution_are_refused(coordinator_client, institution, other_institution):
    foreign = f.OrganisationFactory(institution=other_institution)
    response = coordinator_client.post(reverse("partnerships:partnership-create"), partnership_data(foreign))
    assert "organisations" in response.context["form"].errors
    assert not Partnership.objects.exists()


def test_a_stale_edit_is_refused_and_the_editors_input_is_kept(coordinator_client, institution):
    org = f.OrganisationFactory(institution=institution)
    partnership = f.PartnershipFactory(institution=institution, organisations=[org], title_sv="Original")
    url = reverse("partnerships:partnership-edit", args=[partnership.pk])
    loaded_version = partnership.version
    # The first coordinator saves.
    first = coordinator_client.post(
        url,
        partnership_data(org, slug=partnership.slug, title_sv="Först", expected_version=loaded_version),
    )
    assert first.status_code == 302
    # The second, who loaded the same version, is refused.
    second = coordinator_client.post(
        url,
        partnership_data(org, slug=partnership.slug, title_sv="Sedan", expected_version=loaded_version),
    )
    assert second.status_code == 409
    assert "Någon annan sparade posten" in second.content.decode()
    assert second.context["form"]["title_sv"].value() == "Sedan"
    partnership.refresh_from_db()
    assert (partnership.title_sv, partnership.version) == ("Först", loaded_version + 1)
    assert AuditEntry.objects.filter(action="partnerships.partnership.updated").count() == 1


def test_history_shows_who_changed_what(coordinator_client, coordinator, institution):
    org = f.OrganisationFactory(institution=institution)
    partnership = f.PartnershipFactory(institution=institution, organisations=[org], title_sv="Gammal titel")
    coordinator_client.post(
        reverse("partnerships:partnership-edit", args=[partnership.pk]),
        partnership_data(
            org, slug=partnership.slug, title_sv="Ny titel", expected_version=partnership.version
        ),
    )
    page = coordinator_client.get(partnership.get_absolute_url())
    history = list(page.context["history"])
    assert [(e.action, e.actor) for e in history] == [("partnerships.partnership.updated", coordinator)]
    assert history[0].changes["title_sv"] == {"before": "Gammal titel", "after": "Ny titel"}
    assert "Gammal titel → Ny titel" in page.content.decode()


def test_deleting_keeps_the_record_in_the_audit_trail(coordinator_client, institution):
    person = f.PersonFactory(institution=institution, first_name="Anna", last_name="Sandström")
    response = coordinator_client.post(reverse("directory:person-delete", args=[person.pk]))
    assert response["Location"] == reverse("directory:person-list")
    entry = AuditEntry.objects.exclude(action__startswith="auth.").get()  # log-ins are in the trail too
    assert (entry.action, entry.object_repr) == ("directory.person.deleted", "Anna Sandström")


def test_deleting_a_collaboration_form_in_use_is_refused_with_a_message(coordinator_client, institution):
    activity = f.ActivityFactory(institution=institution)
    response = coordinator_client.post(
        reverse("activities:activitytype-delete", args=[activity.type.pk]), follow=True
    )
    assert "används fortfarande" in response.content.decode()
    assert type(activity.type).objects.filter(pk=activity.type.pk).exists()


def test_status_change_offers_only_allowed_transitions(coordinator_client, institution):
    partnership = f.PartnershipFactory(institution=institution, status="active")
    page = coordinator_client.get(partnership.get_absolute_url())
    offered = [value for value, _label in page.context["status_form"].fields["status"].choices]
    assert offered == ["under_review", "ended"]
    coordinator_client.post(
        reverse("partnerships:partnership-status", args=[partnership.pk]), {"status": "prospective"}
    )
    partnership.refresh_from_db()
    assert partnership.status == "active"


def test_criteria_checklist_is_saved_and_audited(coordinator_client, institution):
    partnership = f.PartnershipFactory(institution=institution)
    url = reverse("partnerships:partnership-criteria", args=[partnership.pk])
    formset = coordinator_client.get(url).context["formset"]
    data = {"form-TOTAL_FORMS": "6", "form-INITIAL_FORMS": "6"}
    for i, form in enumerate(formset.forms):
        data[f"form-{i}-id"] = form.instance.pk
        data[f"form-{i}-status"] = "met" if i == 0 else "unknown"
        data[f"form-{i}-comment"] = "Rektor och regiondirektör i styrgruppen" if i == 0 else ""
    coordinator_client.post(url, data)
    criteria = {c.criterion: (c.status, c.comment) for c in partnership.criteria.all()}
    assert criteria["management"] == ("met", "Rektor och regiondirektör i styrgruppen")
    assert criteria["benefit"] == ("unknown", "")
    entry = AuditEntry.objects.exclude(action__startswith="auth.").get()  # log-ins are in the trail too
    assert entry.action == "partnerships.partnership.criteria_updated"


def test_start_page_warns_of_agreements_and_reviews(coordinator_client, institution, other_institution):
    soon = timezone.localdate() + datetime.timedelta(days=30)
    partnership = f.PartnershipFactory(
        institution=institution, title_sv="Volvo Lastvagnar", next_review_date=soon
    )
    f.AgreementFactory(partnership=partnership, sequence=2, ends_on=soon)
    f.PartnershipFactory(institution=other_institution, title_sv="Främmande", next_review_date=soon)
    page = coordinator_client.get(reverse("workspace:start"))
    assert [a.partnership.title for a in page.context["agreements"]] == ["Volvo Lastvagnar"]
    assert [p.title for p in page.context["reviews"]] == ["Volvo Lastvagnar"]
    assert "Främmande" not in page.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=volvo", ["Volvo Lastvagnar"]),
        ("status=ended", ["Avslutat"]),
        ("o=-title", ["Volvo Lastvagnar", "Avslutat"]),
    ],
)
def test_partnership_list_filters_sorts_and_searches(
    coordinator_client, institution, other_institution, query, expected
):
    f.PartnershipFactory(institution=institution, title_sv="Volvo Lastvagnar")
    f.PartnershipFactory(institution=institution, title_sv="Avslutat", status="ended")
    f.PartnershipFactory(institution=other_institution, title_sv="Volvo hos andra")
    page = coordinator_client.get(reverse("partnerships:partnership-list") + "?" + query)
    assert [p.title for p in page.context["object_list"]] == expected


def test_lists_paginate(coordinator_client, institution, settings):
    settings.SAMVERKA_PAGE_SIZE = 2
    for name in ["A", "B", "C"]:
        f.OrganisationFactory(institution=institution, name=name)
    page = coordinator_client.get(reverse("directory:organisation-list") + "?page=2")
    assert [o.name for o in page.context["object_list"]] == ["C"]
    assert page.context["paginator"].count == 3


def test_signed_agreement_file_is_served_to_members_only(coordinator_client, client, institution):
    from django.core.files.base import ContentFile

    agreement = f.AgreementFactory(partnership=f.PartnershipFactory(institution=institution), sequence=1)
    agreement.signed_file.save("avtal.pdf", ContentFile(b"%PDF-1.4 signed"))
    url = reverse("partnerships:agreement-file", args=[agreement.pk])
    response = coordinator_client.get(url)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 signed"
    assert "attachment" in response["Content-Disposition"]
    assert client.get(url).status_code == 302


def test_preselection_takes_only_own_records(coordinator_client, institution, other_institution):
    own = f.PartnershipFactory(institution=institution)
    f.AgreementFactory(partnership=own, sequence=1)
    foreign = f.PartnershipFactory(institution=other_institution)
    url = reverse("partnerships:agreement-create")

    def preselected(query):
        form = coordinator_client.get(f"{url}?{query}").context["form"]
        return form["partnership"].value(), form["sequence"].value()

    assert preselected(f"partnership={own.pk}") == (own.pk, 2)
    assert preselected(f"partnership={foreign.pk}") == (None, None)
    assert preselected("partnership=x'--") == (None, None)


def test_cancel_link_never_comes_from_the_request(coordinator_client, institution):
    own = f.PartnershipFactory(institution=institution)
    url = reverse("partnerships:focusarea-create")
    hostile = coordinator_client.get(url + "?next=javascript:alert(1)")
    assert hostile.context["cancel_url"] == reverse("workspace:start")  # focus areas have no list
    assert 'href="javascript:' not in hostile.content.decode()
    assert (
        coordinator_client.get(f"{url}?partnership={own.pk}").context["cancel_url"] == own.get_absolute_url()
    )
    assert coordinator_client.get(reverse("directory:organisation-create")).context["cancel_url"] == reverse(
        "directory:organisation-list"
    )


def test_record_pages_label_per_language_fields_like_the_forms(coordinator_client, institution):
    unit = f.UnitFactory(institution=institution, name_sv="Institutionen för datavetenskap", name_en="")
    page = coordinator_client.get(unit.get_absolute_url())
    labels = [label for label, _value in page.context["rows"]]
    assert labels == ["Namn (svenska)", "Namn (engelska)", "Slag", "Partnerorganisation", "Del av"]
    form = coordinator_client.get(reverse("directory:unit-edit", args=[unit.pk])).context["form"]
    assert [form[name].label for name in ("name_sv", "name_en")] == labels[:2]


def test_partnership_page_shows_the_start_as_precisely_as_known(coordinator_client, institution):
    partnership = f.PartnershipFactory(
        institution=institution, start_date=datetime.date(2019, 1, 1), start_precision="month"
    )
    rows = dict(coordinator_client.get(partnership.get_absolute_url()).context["rows"])
    assert rows["Partnerskap sedan"] == "januari 2019"


def test_menu_marks_exactly_one_section(coordinator_client, institution):
    page = coordinator_client.get(reverse("activities:activitytype-list"))
    assert [item["label"] for item in page.context["nav_items"] if item["current"]] == ["Samverkansformer"]
    page = coordinator_client.get(reverse("workspace:start"))
    assert [item["label"] for item in page.context["nav_items"] if item["current"]] == ["Start"]


def test_the_menu_is_made_once_per_language_and_stays_in_its_language(coordinator_client, institution):
    """The menu is kept per language and address prefix (``context_processors._menu_in``): each
    language's page gets its own labels and addresses, in any order of asking."""
    for _ in range(2):
        for language, start, label in (("sv", "/app/", "Partnerskap"), ("en", "/en/app/", "Partnerships")):
            with translation.override(language):
                url = reverse("workspace:start")
            assert url == start
            nav = coordinator_client.get(url).context["nav_items"]
            assert nav[0]["url"] == start and label in [item["label"] for item in nav]


@pytest.mark.parametrize("relation", ["partnership", "person"])
def test_deleting_a_part_of_a_record_returns_to_the_whole(coordinator_client, institution, relation):
    partnership = f.PartnershipFactory(institution=institution) if relation == "partnership" else None
    assignment = f.CoordinatorAssignmentFactory(
        person=f.PersonFactory(institution=institution), partnership=partnership
    )
    response = coordinator_client.post(
        reverse("partnerships:coordinatorassignment-delete", args=[assignment.pk])
    )
    assert response["Location"] == getattr(assignment, relation).get_absolute_url()


def test_an_agreement_ending_before_it_starts_is_refused_at_the_end_date(coordinator_client, institution):
    partnership = f.PartnershipFactory(institution=institution)
    response = coordinator_client.post(
        reverse("partnerships:agreement-create"),
        {
            "partnership": partnership.pk,
            "sequence": 1,
            "type": "partnership_agreement",
            "starts_on": "2024-01-01",
            "ends_on": "2023-12-31",
        },
    )
    assert response.context["form"].errors["ends_on"] == ["Slutdatumet kan inte vara före startdatumet."]
    assert not partnership.agreements.exists()


@pytest.mark.parametrize("starts_on", ["0205-03-01", "1899-12-31", "2201-01-01"])
def test_a_date_in_an_implausible_year_is_refused(coordinator_client, institution, starts_on):
    """A typo such as "0205" for 2025 is named at the field, and nothing is saved."""
    partnership = f.PartnershipFactory(institution=institution)
    response = coordinator_client.post(
        reverse("partnerships:agreement-create"),
        {
            "partnership": partnership.pk,
            "sequence": 1,
            "type": "partnership_agreement",
            "starts_on": starts_on,
        },
    )
    assert response.context["form"].errors["starts_on"] == ["Ange ett år från 1900 till 2200."]
    assert not partnership.agreements.exists()


def test_the_menu_marks_the_page_or_its_section_and_nothing_else(administrator, world):
    """The start page's address begins every workspace address: it was marked as the current page
    on pages outside the menu's sections (a screen reader said "Start, current page")."""
    import re

    from tests.conftest import client_for
    from tests.core.test_permissions import get_status, url_for
    from tests.urlconf import internal_routes

    client = client_for(administrator)
    for route in internal_routes():
        if get_status(route) != 200:
            continue
        url = url_for(route, world["own"])
        page = client.get(url)
        if not page["Content-Type"].startswith("text/html"):
            continue
        nav = re.search(r'<nav class="main-nav".*?</nav>', page.content.decode(), re.S).group()
        current = re.findall(r'<a href="([^"]+)" aria-current="(page|true)">', nav)
        assert len(current) <= 1, (url, current)
        for address, kind in current:
            assert (kind == "page") == (address == url), (url, current)
            assert kind == "page" or (url.startswith(address) and address != reverse("workspace:start")), url
        menu = re.findall(r'<a href="([^"]+)"', nav)
        if url in menu:
            assert current == [(url, "page")], url


def test_the_partnership_page_counts_activities_per_form_and_year(coordinator_client, institution):
    from samverka.activities.domain import counts_by_year
    from samverka.activities.models import Activity

    partnership = f.PartnershipFactory(institution=institution)
    lecture = f.ActivityTypeFactory(institution=institution, name_sv="Gästföreläsning", order=1)
    thesis = f.ActivityTypeFactory(institution=institution, name_sv="Examensarbete", order=2)
    for year in (2019, 2022, 2023, 2024, 2025, 2026, 2026):
        f.ActivityFactory(partnership=partnership, type=lecture, starts_on=datetime.date(year, 3, 1))
    f.ActivityFactory(partnership=partnership, type=thesis, starts_on=datetime.date(2026, 1, 10))
    f.ActivityFactory(partnership=partnership, type=thesis, starts_on=None)
    counts = counts_by_year(Activity.objects.filter(partnership=partnership), "type")
    assert counts["years"] == [2022, 2023, 2024, 2025, 2026] and counts["earlier"]
    assert [(r["name"], r["earlier"], r["counts"], r["undated"], r["total"]) for r in counts["rows"]] == [
        ("Gästföreläsning", 1, [1, 1, 1, 1, 2], 0, 7),
        ("Examensarbete", 0, [0, 0, 0, 0, 1], 1, 2),
    ]
    page = coordinator_client.get(partnership.get_absolute_url()).content.decode()
    assert "Per samverkansform och år de startade" in page and "Före 2022" in page
