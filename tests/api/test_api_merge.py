"""Merging duplicates through the API: the domain function and the policy of the merge page."""

from django.urls import reverse

from samverka.core.models import AuditEntry
from samverka.directory.models import Organisation, Person
from tests import factories as f
from tests.api.test_api import token_client
from tests.directory.test_duplicates import linked_organisation


def merge(api, survivor, duplicate, **body):
    url = reverse(f"api:{survivor._meta.model_name}-merge", args=[survivor.pk])
    body = {"duplicate": duplicate.pk, "versions": {"survivor": 1, "duplicate": 1}, **body}
    return api.post(url, body, content_type="application/json")


def test_a_merge_through_the_api_answers_with_the_record_kept(coordinator, institution):
    survivor = linked_organisation(institution, name="Volvo Lastvagnar")
    duplicate = linked_organisation(institution, name="Volvo Lastvagnar AB", org_number="556012-5790")
    api, _token = token_client(coordinator)
    response = merge(api, survivor, duplicate, keep={"name": "duplicate"})
    assert response.status_code == 200
    data = response.json()
    assert (data["id"], data["name"], data["org_number"], data["version"]) == (
        survivor.pk,
        "Volvo Lastvagnar AB",
        "556012-5790",
        2,
    )
    assert not Organisation.objects.filter(pk=duplicate.pk).exists()
    assert AuditEntry.objects.get(action="directory.organisation.merged").actor == coordinator


def test_a_merge_from_a_stale_version_answers_409_and_changes_nothing(coordinator, institution):
    a = f.PersonFactory(institution=institution)
    b = f.PersonFactory(institution=institution)
    Person.objects.filter(pk=b.pk).update(version=3)
    api, _token = token_client(coordinator)
    response = merge(api, a, b)
    assert response.status_code == 409
    assert "ändrades" in response.json()["detail"]
    assert Person.objects.filter(pk=b.pk, version=3).exists()


def test_bad_merges_are_clear_json_errors(coordinator, institution, other_institution):
    a = f.OrganisationFactory(institution=institution)
    b = f.OrganisationFactory(institution=institution)
    foreign = f.OrganisationFactory(institution=other_institution)
    api, _token = token_client(coordinator)
    assert merge(api, a, b, keep={"name": "both"}).json() == {
        "keep": {"name": ['"both" är inte ett giltigt val.']}
    }
    assert merge(api, a, b, keep={"version": "duplicate"}).json() == {
        "detail": "Det här är inte fält i posten: version."
    }
    assert merge(api, a, a).status_code == 400
    itself = merge(api, a, a)
    assert (itself.status_code, itself.json()) == (
        400,
        {"detail": "En post kan inte slås ihop med sig själv."},
    )
    missing = merge(api, a, foreign)  # another institution's record is no record at all
    assert (missing.status_code, list(missing.json())) == (404, ["detail"])
    no_versions = api.post(
        reverse("api:organisation-merge", args=[a.pk]), {"duplicate": b.pk}, content_type="application/json"
    )
    assert (no_versions.status_code, list(no_versions.json())) == (400, ["versions"])
    assert Organisation.objects.filter(pk__in=[a.pk, b.pk]).count() == 2


def test_only_those_who_may_change_and_delete_merge(members, world):
    """Institution coordinators and administrators merge; no other role does (403), nothing changes."""
    survivor, duplicate = world["own"]["organisation"], world["sibling"]["organisation"]
    for role in ("partnership_coordinator", "management", "staff", "viewer", "partner"):
        api, _token = token_client(members[role])
        assert merge(api, survivor, duplicate).status_code == 403, role
    assert Organisation.objects.filter(pk=duplicate.pk).exists()
    api, _token = token_client(members["admin"])
    assert merge(api, survivor, duplicate).status_code == 200
