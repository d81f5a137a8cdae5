"""Filters that stay small at a university's scale: typed organisations, focus areas of one partnership."""

import datetime
import html
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests import factories as f
from tests.conftest import client_for


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


def offered(page: bytes, name: str) -> list[str]:
    """The labels of the options of the select ``name`` on a page."""
    select = re.search(rf'<select name="{name}".*?</select>', page.decode(), re.S)
    assert select is not None, f"no select {name}"
    return [html.unescape(label) for label in re.findall(r"<option [^>]*>([^<]*)</option>", select[0])]


def test_options_are_kept_per_member_and_language_until_a_record_changes(institution, world, members):
    """A list's filter and bulk form offer records from options kept until a record changes
    (``core.forms.KeptChoiceIterator``), and the forms are kept as HTML: made once, per member's
    reach, per language and per filter asked for."""
    own, sibling = world["own"]["partnership"], world["sibling"]["partnership"]
    own.title_sv, own.title_en = "Vätgas i norr", "Hydrogen in the north"
    own.save()
    url = reverse("activities:activity-list")
    coordinator = client_for(members["coordinator"])
    assert {"Vätgas i norr", str(sibling)} <= set(offered(coordinator.get(url).content, "partnership"))
    with CaptureQueriesContext(connection) as context:
        again = coordinator.get(url).content
    read = [query["sql"] for query in context]  # read now: the next request clears the log
    assert offered(again, "partnership") == offered(coordinator.get(url).content, "partnership")
    # Neither the filter's partnerships nor the bulk form's focus areas are read again.
    tables = ('FROM "partnerships_partnership"', 'FROM "partnerships_focusarea"')
    assert read and not [sql for sql in read if sql.count("FROM") == 1 and any(t in sql for t in tables)]
    # Another member's reach: a partner's representative, after the coordinator was offered both
    # partnerships, is offered their own.
    partner = offered(client_for(members["partner"]).get(url).content, "partnership")
    assert "Vätgas i norr" in partner and str(sibling) not in partner
    # Another language: the English names.
    with translation.override("en"):
        english = reverse("activities:activity-list")
    assert "Hydrogen in the north" in offered(coordinator.get(english).content, "partnership")
    # The forms are kept as HTML (``RecordListView.kept_for``) for what was asked: a chosen
    # partnership stays chosen, a wrong year is said to be wrong, each time.
    for _ in range(2):
        chosen = coordinator.get(url, {"partnership": own.pk}).content.decode()
        assert re.search(rf'<option value="{own.pk}" selected>Vätgas i norr</option>', chosen)
        assert "Fyll i ett tal." in coordinator.get(url, {"year": "tjugo"}).content.decode()
    assert "Fyll i ett tal." not in coordinator.get(url).content.decode()
    # A changed record is offered as it now is, at once.
    own.title_sv = "Vätgas i söder"
    own.save()
    renamed = offered(coordinator.get(url).content, "partnership")
    assert "Vätgas i söder" in renamed and "Vätgas i norr" not in renamed


def test_a_list_makes_its_filter_form_only_to_check_filters_or_to_show_it(
    coordinator_client, institution, monkeypatch, settings
):
    """The filter form is kept as HTML (``RecordListView.kept_for``): a list asked again, or
    at a later page, does not make it; a filtered list does, to check what was asked."""
    from samverka.core.filters import InstitutionFilterSet

    settings.SAMVERKA_PAGE_SIZE = 2
    partnership = f.PartnershipFactory(institution=institution)
    for _n in range(5):
        f.ActivityFactory(institution=institution, partnership=partnership)
    made = []
    limit_choices = InstitutionFilterSet.limit_choices
    monkeypatch.setattr(
        InstitutionFilterSet, "limit_choices", lambda self, form: made.append(1) or limit_choices(self, form)
    )
    url = reverse("activities:activity-list")

    def forms_made(query=None):
        made.clear()
        assert coordinator_client.get(url, query or {}).status_code == 200
        return len(made)

    assert forms_made() == 1  # shown the first time
    assert forms_made() == 0  # kept
    assert forms_made({"page": 2}) == 1  # another address's form is made once, then kept
    assert forms_made({"page": 2}) == 0
    assert forms_made({"partnership": partnership.pk}) == 1  # checked and shown
    assert forms_made({"partnership": partnership.pk}) == 1  # checked, the form shown from the cache
    assert forms_made({"year": "x"}) == 1  # a wrong year is reported on every view
