"""Records an institution has thousands of are typed in forms (#number or name), never listed."""

import pytest
from django.urls import reverse

from samverka.activities.models import Activity
from tests import factories as f


@pytest.fixture
def project(institution):
    return f.ActivityFactory(
        institution=institution, title_sv="FIQA – Finish Inspection and Quality Analysis"
    )


def activity_data(kind, **extra):
    data = {"type": kind.pk, "title_sv": "Bildanalys av lackdefekter", "status": "planned"}
    data.update(extra)
    return data


def test_the_form_lists_no_activities_people_or_organisations(coordinator_client, institution, project):
    f.PersonFactory(institution=institution, first_name="Ada", last_name="Lind")
    f.OrganisationFactory(institution=institution, name="Volvo Lastvagnar")
    page = coordinator_client.get(reverse("activities:activity-create")).content.decode()
    assert '<input type="text" name="parent"' in page
    assert '<textarea name="people"' in page
    assert '<textarea name="organisations"' in page
    for listed in ("FIQA", "Ada Lind", "Volvo Lastvagnar"):
        assert listed not in page


def test_a_reference_by_name_or_number_links_the_record(coordinator_client, institution, project):
    kind = f.ActivityTypeFactory(institution=institution)
    ada = f.PersonFactory(institution=institution, first_name="Ada", last_name="Lind")
    bo = f.PersonFactory(institution=institution, first_name="Bo", last_name="Berg", email="bo.berg@umu.se")
    volvo = f.OrganisationFactory(institution=institution, name="Volvo Lastvagnar")
    response = coordinator_client.post(
        reverse("activities:activity-create"),
        activity_data(
            kind, parent="fiqa", people=f"#{ada.pk}\nbo.berg@umu", organisations="volvo lastvagnar"
        ),
    )
    assert response.status_code == 302
    created = Activity.objects.get(title_sv="Bildanalys av lackdefekter")
    assert created.parent == project
    assert sorted(p.full_name for p in created.people.all()) == ["Ada Lind", "Bo Berg"]
    assert list(created.organisations.all()) == [volvo]
    # The edit form shows what is linked as numbered references, one per line.
    form = coordinator_client.get(reverse("activities:activity-edit", args=[created.pk])).context["form"]
    assert form["parent"].value() == f"#{project.pk} FIQA – Finish Inspection and Quality Analysis"
    assert set(form["people"].value().splitlines()) == {f"#{ada.pk} Ada Lind", f"#{bo.pk} Bo Berg"}


def test_several_matches_are_listed_with_their_numbers_and_nothing_is_saved(coordinator_client, institution):
    kind = f.ActivityTypeFactory(institution=institution)
    first = f.PersonFactory(institution=institution, first_name="Anna", last_name="Berg")
    second = f.PersonFactory(institution=institution, first_name="Anna", last_name="Lind")
    response = coordinator_client.post(
        reverse("activities:activity-create"), activity_data(kind, people="anna")
    )
    assert response.status_code == 200
    [error] = response.context["form"].errors["people"]
    assert error == (
        f"”anna” passar flera: #{first.pk} Anna Berg; #{second.pk} Anna Lind. "
        f"Skriv numret på den du menar, till exempel #{first.pk}."
    )
    assert response.context["form"]["people"].value() == "anna"  # the input is kept
    assert not Activity.objects.filter(title_sv="Bildanalys av lackdefekter").exists()


def test_an_exact_name_wins_over_longer_ones(coordinator_client, institution):
    kind = f.ActivityTypeFactory(institution=institution)
    exact = f.OrganisationFactory(institution=institution, name="Volvo")
    f.OrganisationFactory(institution=institution, name="Volvo Lastvagnar")
    coordinator_client.post(reverse("activities:activity-create"), activity_data(kind, organisations="volvo"))
    assert list(Activity.objects.get().organisations.all()) == [exact]


@pytest.mark.parametrize("typed", ["nobody", "#999999"])
def test_unknown_references_are_refused(coordinator_client, institution, typed):
    kind = f.ActivityTypeFactory(institution=institution)
    response = coordinator_client.post(
        reverse("activities:activity-create"), activity_data(kind, parent=typed)
    )
    assert response.status_code == 200
    [error] = response.context["form"].errors["parent"]
    assert error in (f"Inget passar ”{typed}”.", f"Det finns inget {typed} att välja här.")
    assert Activity.objects.count() == 0


def test_another_institutions_record_cannot_be_referenced(coordinator_client, institution, other_institution):
    kind = f.ActivityTypeFactory(institution=institution)
    foreign = f.ActivityFactory(institution=other_institution, title_sv="Främmande projekt")
    for typed in (f"#{foreign.pk}", "Främmande projekt"):
        response = coordinator_client.post(
            reverse("activities:activity-create"), activity_data(kind, parent=typed)
        )
        assert response.status_code == 200
        assert "parent" in response.context["form"].errors
    assert Activity.objects.filter(institution=institution).count() == 0


def test_preselected_parent_is_shown_as_a_reference(coordinator_client, institution, project):
    page = coordinator_client.get(reverse("activities:activity-create") + f"?parent={project.pk}")
    assert (
        page.context["form"]["parent"].value()
        == f"#{project.pk} FIQA – Finish Inspection and Quality Analysis"
    )


def test_an_unchanged_reference_is_not_an_edit(coordinator_client, institution, project):
    child = f.ActivityFactory(institution=institution, parent=project)
    form = coordinator_client.get(reverse("activities:activity-edit", args=[child.pk])).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    bound = type(form)(data=data, instance=child, institution=institution)
    assert bound.is_valid(), bound.errors
    assert "parent" not in bound.changed_data
    assert "people" not in bound.changed_data
