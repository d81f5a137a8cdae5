"""Filters that stay small at a university's scale: typed organisations, focus areas of one partnership."""

import datetime

from django.urls import reverse

from tests import factories as f


def names(response):
    return sorted(str(o) for o in response.context["object_list"])


def test_people_filtered_by_organisation_name_or_id(coordinator_client, institution, other_institution):
    volvo = f.OrganisationFactory(institution=institution, name="Volvo Lastvagnar")
    region = f.OrganisationFactory(institution=institution, name="Region Västerbotten")
    f.PersonFactory(
        institution=institution, side="partner", organisation=volvo, first_name="Ada", last_name="Lind"
    )
    f.PersonFactory(
        institution=institution, side="partner", organisation=region, first_name="Bo", last_name="Berg"
    )
    foreign = f.OrganisationFactory(institution=other_institution, name="Volvo Cars")
    f.PersonFactory(institution=other_institution, side="partner", organisation=foreign, first_name="Cy")
    url = reverse("directory:person-list")
    assert names(coordinator_client.get(url, {"organisation": "volvo"})) == ["Ada Lind"]
    assert names(coordinator_client.get(url, {"organisation": f"#{region.pk}"})) == ["Bo Berg"]
    # Another institution's id finds nothing.
    assert names(coordinator_client.get(url, {"organisation": f"#{foreign.pk}"})) == []
    page = coordinator_client.get(url).content.decode()
    assert '<input type="text" name="organisation"' in page
    assert "Region Västerbotten</option>" not in page


def test_partnerships_filtered_by_partner_name(coordinator_client, institution):
    volvo = f.OrganisationFactory(institution=institution, name="Volvo Lastvagnar")
    f.PartnershipFactory(institution=institution, title_sv="Volvo", organisations=[volvo])
    f.PartnershipFactory(institution=institution, title_sv="Region")
    response = coordinator_client.get(reverse("partnerships:partnership-list"), {"organisations": "lastvagn"})
    assert names(response) == ["Volvo"]


def test_focus_areas_offered_are_those_of_the_chosen_partnership(coordinator_client, institution):
    first = f.PartnershipFactory(institution=institution)
    second = f.PartnershipFactory(institution=institution)
    own = f.FocusAreaFactory(partnership=first, name_sv="Hälsa")
    f.FocusAreaFactory(partnership=second, name_sv="Energi")
    url = reverse("activities:activity-list")
    unchosen = coordinator_client.get(url).context["filterset"].form.fields["focus_area"]
    assert list(unchosen.queryset) == []
    assert str(unchosen.help_text) == "Välj ett partnerskap först."
    chosen = (
        coordinator_client.get(url, {"partnership": first.pk}).context["filterset"].form.fields["focus_area"]
    )
    assert list(chosen.queryset) == [own]


def test_a_large_project_shows_its_first_sub_activities_and_links_to_all(coordinator_client, institution):
    project = f.ActivityFactory(institution=institution, title_sv="FIQA")
    for n in range(27):
        f.ActivityFactory(institution=institution, parent=project, title_sv=f"Delprojekt {n:02d}")
    f.ActivityFactory(institution=institution, title_sv="Fristående")
    page = coordinator_client.get(project.get_absolute_url())
    assert len(page.context["children"]) == 25
    assert page.context["children_total"] == 27
    link = f"{reverse('activities:activity-list')}?parent=%23{project.pk}"
    assert f'<a href="{link}">Alla 27 delaktiviteter</a>' in page.content.decode()
    listed = coordinator_client.get(link)
    assert listed.context["paginator"].count == 27
    assert (
        names(coordinator_client.get(reverse("activities:activity-list"), {"parent": "fiqa", "o": "title"}))[
            0
        ]
        == "Delprojekt 00"
    )


def test_a_projects_page_rolls_up_its_sub_activities(coordinator_client, institution):
    from samverka.activities.domain import ensure_standard_activity_types
    from samverka.activities.models import ActivityType

    ensure_standard_activity_types(institution)
    application = ActivityType.objects.get(institution=institution, code="joint-application")
    degree = ActivityType.objects.get(institution=institution, code="degree-project")
    project = f.ActivityFactory(institution=institution, title_sv="FIQA")

    def child(**values):
        return f.ActivityFactory(institution=institution, parent=project, **values)

    child(type=degree, student_count=3, status="completed", starts_on=datetime.date(2024, 1, 15))
    child(type=degree, student_count=2, status="ongoing", ends_on=datetime.date(2026, 6, 30))
    child(type=application, funding_sek=2_500_000, granted=True, status="completed")
    child(type=application, funding_sek=900_000, granted=False, status="completed")
    child(type=application, status="ongoing")  # not yet decided
    f.ActivityFactory(institution=institution, student_count=99)  # not part of it

    page = coordinator_client.get(project.get_absolute_url())
    total = page.context["roll_up"]
    assert (total.count, total.students, total.with_students) == (5, 5, 2)
    assert (total.funding_sek, total.with_funding) == (3_400_000, 2)
    assert (total.granted, total.refused, total.undecided) == (1, 1, 1)
    assert (total.starts_on, total.ends_on) == (datetime.date(2024, 1, 15), datetime.date(2026, 6, 30))
    assert total.by_status == [("pågående", 2), ("genomförd", 3)]
    text = page.content.decode()
    assert "5 (angivet för 2 delaktiviteter)" in text
    assert "3\xa0400\xa0000 kr (angivet för 2 delaktiviteter)" in text
    assert "1 beviljade, 1 inte beviljade, 1 ännu inte avgjorda" in text
