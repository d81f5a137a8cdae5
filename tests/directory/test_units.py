"""Units on both sides: a partner organisation's administrations and divisions as units with their
hierarchy, linked wherever the university's own are (activities, partnerships, governance bodies,
earmarked resources, people), never another partner's (``directory.domain.units``)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from samverka.activities.forms import ActivityForm
from samverka.core.forms import changed_form
from samverka.core.models import Membership
from samverka.core.permissions import Policy
from samverka.directory.forms import PersonForm, UnitForm
from samverka.directory.models import Unit
from samverka.followup.forms import ResourceCommitmentForm
from samverka.governance.forms import BodyForm
from samverka.ideas.forms import ExpertProfileForm
from samverka.partnerships.forms import PartnershipForm
from tests import factories as f


@pytest.fixture(autouse=True)
def _english():
    """The rules' messages as written in the code (the pages are Swedish; names are names)."""
    with translation.override("en"):
        yield


@pytest.fixture
def sides(institution):
    """A partnership with Umeå kommun; the kommun's and another partner's units; a faculty."""
    kommun = f.OrganisationFactory(institution=institution, name="Umeå kommun")
    region = f.OrganisationFactory(institution=institution, name="Region Västerbotten")
    partnership = f.PartnershipFactory(institution=institution, organisations=[kommun])
    f.PartnershipFactory(institution=institution, organisations=[region])
    faculty = f.UnitFactory(
        institution=institution, name_sv="Teknisk-naturvetenskapliga fakulteten", kind="faculty"
    )
    office = f.UnitFactory(
        institution=institution, organisation=kommun, name_sv="Stadsbyggnadskontoret", kind="division"
    )
    planning = f.UnitFactory(
        institution=institution,
        organisation=kommun,
        name_sv="Översiktsplanering",
        kind="section",
        parent=office,
    )
    care = f.UnitFactory(
        institution=institution, organisation=region, name_sv="Hälso- och sjukvården", kind="division"
    )
    return {
        "kommun": kommun,
        "region": region,
        "partnership": partnership,
        "faculty": faculty,
        "office": office,
        "planning": planning,
        "care": care,
    }


def test_a_unit_is_part_of_a_unit_of_its_own_organisation_and_never_of_itself(institution, sides):
    form = UnitForm(
        {
            "name_sv": "Vårdcentral",
            "kind": "section",
            "organisation": f"#{sides['region'].pk}",
            "parent": sides["office"].pk,
        },
        instance=Unit(institution=institution),
        institution=institution,
    )
    assert not form.is_valid()
    assert form.errors["parent"] == [
        "A unit is part of a unit of the same organisation (or of the university)."
    ]

    form = changed_form(UnitForm, sides["office"], {"parent": sides["planning"].pk}, institution=institution)
    assert not form.is_valid()
    assert form.errors["parent"] == ["A unit cannot be part of itself, directly or indirectly."]

    form = UnitForm(
        {"name_sv": "Institution", "kind": "department", "organisation": "", "parent": sides["office"].pk},
        instance=Unit(institution=institution),
        institution=institution,
    )
    assert not form.is_valid() and "parent" in form.errors  # the university's own under a partner's: no


def test_an_activity_links_units_of_its_own_partners_only(institution, sides):
    activity = f.ActivityFactory(institution=institution, partnership=None)
    kommun, office, care = sides["kommun"], sides["office"], sides["care"]

    form = changed_form(
        ActivityForm, activity, {"units": [sides["faculty"].pk, office.pk]}, institution=institution
    )
    assert not form.is_valid()
    assert form.errors["units"] == [
        "“Stadsbyggnadskontoret” (Umeå kommun): a unit of an organisation that is not a partner here."
    ]
    # a partner of the activity itself, or of its partnership
    form = changed_form(
        ActivityForm,
        activity,
        {"units": [office.pk], "organisations": f"#{kommun.pk}"},
        institution=institution,
    )
    assert form.is_valid(), form.errors
    form = changed_form(
        ActivityForm,
        activity,
        {"units": [office.pk], "partnership": sides["partnership"].pk},
        institution=institution,
    )
    assert form.is_valid(), form.errors
    form = changed_form(
        ActivityForm,
        activity,
        {"units": [office.pk, care.pk], "partnership": sides["partnership"].pk},
        institution=institution,
    )
    assert not form.is_valid() and "Hälso- och sjukvården" in form.errors["units"][0]


def test_a_partnership_and_its_bodies_link_the_partners_units(institution, sides):
    partnership, office, care = sides["partnership"], sides["office"], sides["care"]
    form = changed_form(
        PartnershipForm, partnership, {"units": [office.pk, sides["faculty"].pk]}, institution=institution
    )
    assert form.is_valid(), form.errors
    form = changed_form(PartnershipForm, partnership, {"units": [care.pk]}, institution=institution)
    assert not form.is_valid() and "Region Västerbotten" in form.errors["units"][0]

    body = f.BodyFactory(partnership=partnership, level=2)
    form = changed_form(
        BodyForm, body, {"units": [sides["faculty"].pk, sides["planning"].pk]}, institution=institution
    )
    assert form.is_valid(), form.errors
    form.save()
    assert set(body.units.all()) == {sides["faculty"], sides["planning"]}
    form = changed_form(BodyForm, body, {"units": [care.pk]}, institution=institution)
    assert not form.is_valid() and "units" in form.errors


@pytest.mark.parametrize(
    ("party", "unit", "error"),
    [
        ("university", "faculty", None),
        ("university", "office", "Choose one of the university's own units."),
        ("partner", "office", None),
        ("partner", "faculty", "Choose a unit of the partner organisation."),
        ("partner", "care", "Choose a unit of the partner organisation."),
    ],
)
def test_an_earmarked_resource_is_of_a_unit_of_its_party(institution, sides, party, unit, error):
    resource = f.ResourceCommitmentFactory(partnership=sides["partnership"], party=party)
    form = changed_form(ResourceCommitmentForm, resource, {"unit": sides[unit].pk}, institution=institution)
    assert form.is_valid() is (error is None)
    if error:
        assert form.errors["unit"] == [error]


@pytest.mark.parametrize(
    ("side", "organisation", "unit", "valid"),
    [
        ("university", None, "faculty", True),
        ("university", None, "office", False),
        ("partner", "kommun", "office", True),
        ("partner", "kommun", "care", False),
        ("partner", "kommun", "faculty", False),
    ],
)
def test_a_persons_unit_is_of_their_side(institution, sides, side, organisation, unit, valid):
    person = f.PersonFactory(
        institution=institution, side=side, organisation=sides[organisation] if organisation else None
    )
    form = changed_form(PersonForm, person, {"unit": sides[unit].pk}, institution=institution)
    assert form.is_valid() is valid, form.errors


def options(page: str, name: str) -> list[tuple[str, list[str]]]:
    """(group, [option labels]) of a checkbox box's fieldsets, or of a <select>'s optgroups."""
    box = re.search(
        rf'id="id_{name}".*?</(div|select)>\s*</div>|<select name="{name}".*?</select>', page, re.S
    )
    assert box, name
    text = box.group(0)
    return [
        (legend, re.findall(r"<label[^>]*>\s*<input[^>]*>\s*([^<]+?)\s*</label>", group))
        for legend, group in re.findall(r"<legend[^>]*>([^<]+)</legend>(.*?)</fieldset>", text, re.S)
    ]


def test_units_are_offered_grouped_the_universitys_first_then_each_partners(coordinator_client, sides):
    page = coordinator_client.get(reverse("activities:activity-create")).content.decode()
    groups = [legend for legend, _labels in options(page, "units")]
    assert groups == ["Teknisk-naturvetenskapliga fakulteten", "Region Västerbotten", "Umeå kommun"]
    assert dict(options(page, "units"))["Umeå kommun"] == ["Stadsbyggnadskontoret", "Översiktsplanering"]


def test_a_partner_representative_is_offered_their_own_partners_units_only(institution, sides):
    membership = f.MembershipFactory(institution=institution, role="partner", organisation=sides["kommun"])
    policy = Policy(Membership.objects.get(pk=membership.pk))
    form = ResourceCommitmentForm(
        institution=institution,
        policy=policy,
        instance=f.ResourceCommitmentFactory.build(institution=institution),
    )
    offered = set(form.fields["unit"].queryset)
    assert offered == {sides["faculty"], sides["office"], sides["planning"]}
    # and a coordinator every partner's
    coordinator = f.MembershipFactory(institution=institution, role="coordinator")
    form = ResourceCommitmentForm(
        institution=institution,
        policy=Policy(coordinator),
        instance=f.ResourceCommitmentFactory.build(institution=institution),
    )
    assert sides["care"] in set(form.fields["unit"].queryset)


def test_expertise_and_the_portfolio_take_the_universitys_own_units_only(institution, sides):
    form = ExpertProfileForm(
        institution=institution, instance=f.ExpertProfileFactory.build(institution=institution)
    )
    assert set(form.fields["unit"].queryset) == {sides["faculty"]}


def test_the_organisation_page_lists_its_units_and_adds_one(coordinator_client, sides):
    kommun = sides["kommun"]
    page = coordinator_client.get(kommun.get_absolute_url()).content.decode()
    section = page.split('id="units-heading"')[1].split("</section>")[0]
    assert "Stadsbyggnadskontoret" in section and "Översiktsplanering" in section
    assert "Hälso- och sjukvården" not in section
    add = reverse("directory:unit-create") + f"?organisation={kommun.pk}"
    assert add in section
    form = coordinator_client.get(add).context["form"]
    assert form["organisation"].value() == f"#{kommun.pk} Umeå kommun"

    # a part of a partner's unit is that partner's
    form = coordinator_client.get(reverse("directory:unit-create") + f"?parent={sides['office'].pk}").context[
        "form"
    ]
    assert (form["parent"].value(), form["organisation"].value()) == (
        sides["office"].pk,
        f"#{kommun.pk} Umeå kommun",
    )
    page = coordinator_client.get(sides["office"].get_absolute_url()).content.decode()
    assert "Översiktsplanering" in page.split('id="parts-heading"')[1].split("</section>")[0]


def test_the_unit_list_filters_by_side_and_partner(coordinator_client, sides):
    url = reverse("directory:unit-list")
    partner = {row.pk for row in coordinator_client.get(url, {"side": "partner"}).context["object_list"]}
    assert partner == {sides["office"].pk, sides["planning"].pk, sides["care"].pk}
    own = {row.pk for row in coordinator_client.get(url, {"side": "university"}).context["object_list"]}
    assert own == {sides["faculty"].pk}
    kommun = {
        row.pk
        for row in coordinator_client.get(url, {"organisation": f"#{sides['kommun'].pk}"}).context[
            "object_list"
        ]
    }
    assert kommun == {sides["office"].pk, sides["planning"].pk}


def test_the_corresponding_levels_show_the_units_that_meet(coordinator_client, sides):
    body = f.BodyFactory(partnership=sides["partnership"], level=2)
    body.units.set([sides["faculty"], sides["office"]])
    page = coordinator_client.get(
        reverse("governance:partnership-levels", args=[sides["partnership"].pk])
    ).content.decode()
    row = re.search(r"<th scope=\"row\">2 –.*?</tr>", page, re.S).group(0)
    university, partner = re.findall(r"<td>(.*?)</td>", row, re.S)[:2]
    assert "Teknisk-naturvetenskapliga fakulteten" in university and "Stadsbyggnadskontoret" not in university
    assert "Stadsbyggnadskontoret" in partner


def test_the_api_takes_a_partners_unit_and_refuses_another_partners(coordinator_client, sides):
    data = {
        "name_sv": "Miljö- och hälsoskydd",
        "kind": "section",
        "organisation": sides["kommun"].pk,
        "parent": sides["office"].pk,
    }
    response = coordinator_client.post("/api/v1/units/", data, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["organisation"] == sides["kommun"].pk
    body = f.BodyFactory(partnership=sides["partnership"])
    response = coordinator_client.patch(
        f"/api/v1/bodies/{body.pk}/",
        {"units": [sides["care"].pk], "version": body.version},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "units" in response.json()
    assert not body.units.exists()


def test_a_records_latest_activities_are_read_from_its_links_newest_first(
    coordinator_client, institution, sides
):
    """The organisation's, person's and unit's pages read their 20 latest activities from the
    link tables' index (``latest_activities``), in a fixed number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    kommun, office = sides["kommun"], sides["office"]
    person = f.PersonFactory(institution=institution, side="partner", organisation=kommun)

    def page(url) -> tuple[list[str], int]:
        with CaptureQueriesContext(connection) as captured:
            content = coordinator_client.get(url).content.decode()
        section = content.split('id="activities-heading"')[1].split("</section>")[0]
        return re.findall(r'<a href="(?:/en)?/app/activities/\d+/"[^>]*>([^<]+)</a>', section), len(captured)

    made = []
    for number in range(3):
        activity = f.ActivityFactory(
            institution=institution, partnership=None, title_sv=f"Aktivitet {number}"
        )
        activity.organisations.add(kommun)
        activity.people.add(person)
        activity.units.add(office)
        made.append(activity)
    urls = [kommun.get_absolute_url(), person.get_absolute_url(), office.get_absolute_url()]
    for url in urls:  # the first reading also fills caches (content types)
        assert page(url)[0] == ["Aktivitet 2", "Aktivitet 1", "Aktivitet 0"]
    few = {url: page(url)[1] for url in urls}
    for number in range(3, 25):
        activity = f.ActivityFactory(
            institution=institution, partnership=None, title_sv=f"Aktivitet {number}"
        )
        activity.organisations.add(kommun)
        activity.people.add(person)
        activity.units.add(office)
    for url in urls:
        titles, queries = page(url)
        assert titles == [f"Aktivitet {n}" for n in range(24, 4, -1)]  # the newest 20
        assert queries == few[url]
    content = coordinator_client.get(kommun.get_absolute_url()).content.decode()
    assert reverse("directory:organisation-timeline", args=[kommun.pk]) + "?kind=activity" in content
