"""Ideas through the REST API and the search: the pages' rules, the same domain functions."""

import pytest
from django.core import mail
from django.urls import reverse

from samverka.ideas.models import IdeaContact
from tests import factories as f
from tests.conftest import ROLES, client_for
from tests.core.test_access import may, may_at_all


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


@pytest.mark.parametrize("role", ROLES)
def test_moving_an_idea_through_the_api_follows_the_policy(members, world, role):
    """200 where the role handles the idea, 403 where it sees it but may not, 404 where it does not
    see it (or another institution's); the idea moved only on 200."""
    client = client_for(members[role])
    for where in ("own", "sibling", "other"):
        idea = f.IdeaFactory(partnership=world[where]["partnership"])
        response = post(
            client, f"/api/v1/ideas/{idea.pk}/move/", {"version": idea.version, "stage": "assessing"}
        )
        if not may_at_all(role, "handle", "idea"):
            expected = 403
        elif where == "other":
            expected = 404
        elif may(role, "handle", "idea", where):
            expected = 200
        else:
            expected = 403 if may(role, "view", "idea", where) else 404
        assert (where, response.status_code) == (where, expected)
        idea.refresh_from_db()
        assert (idea.stage == "assessing") == (response.status_code == 200)


def test_an_idea_through_the_api_is_taken_in_moved_and_matched(
    coordinator, world, django_capture_on_commit_callbacks
):
    coordinator.email = "samordnare@example.se"
    coordinator.save()
    client = client_for(coordinator)
    partnership = world["own"]["partnership"]
    profile = f.ExpertProfileFactory(
        institution=partnership.institution, name="Vera Vatten", keywords="vattenkvalitet"
    )
    with django_capture_on_commit_callbacks(execute=True):
        created = post(
            client,
            "/api/v1/ideas/",
            {
                "kind": "need",
                "title": "Vattnets kvalitet",
                "description": "Bruna sjöar.",
                "partnership": partnership.pk,
            },
        )
    assert created.status_code == 201, created.json()
    data = created.json()
    assert (data["source"], data["stage"], data["stage_changes"]) == ("staff", "new", [])
    assert any(f"IDE-{data['id']}" in message.subject for message in mail.outbox)  # the receipt
    url = f"/api/v1/ideas/{data['id']}/"
    refused = post(client, url + "move/", {"version": data["version"], "stage": "declined", "note": "kort"})
    assert refused.status_code == 400 and "note" in refused.json()
    moved = post(client, url + "move/", {"version": data["version"], "stage": "assessing"})
    assert moved.status_code == 200
    assert moved.json()["stage_changes"][0]["to_stage"] == "assessing"
    stale = post(client, url + "move/", {"version": data["version"], "stage": "matched"})
    assert stale.status_code == 409
    suggestions = client.get(url + "suggestions/").json()
    first = next(person for person in suggestions["people"] if person["name"] == "Vera Vatten")
    assert (first["id"], first["key"]) == (profile.pk, f"person-{profile.pk}")
    assert any(
        {"query_word": "kvalitet", "record_word": "vattenkvalitet"}.items() <= reason.items()
        for reason in first["reasons"]
    )
    judged = post(
        client,
        url + "judge/",
        {"version": moved.json()["version"], "suggestion": first["key"], "verdict": "accepted"},
    )
    assert judged.status_code == 200, judged.json()
    assert IdeaContact.objects.get(idea_id=data["id"]).profile == profile
    people = client.get(url + "suggestions/").json()["people"]
    assert next(person for person in people if person["id"] == profile.pk)["verdict"] == "accepted"


def test_partners_see_their_ideas_without_the_submitters_address_and_no_suggestions(members, world):
    client = client_for(members["partner"])
    idea = world["own"]["idea"]
    data = client.get(f"/api/v1/ideas/{idea.pk}/").json()
    assert data["title"] == idea.title
    assert "submitter_email" not in data and "submitter_phone" not in data
    assert client.get(f"/api/v1/ideas/{idea.pk}/suggestions/").status_code == 403
    assert client.get("/api/v1/expert-profiles/").status_code == 403
    assert client.get(f"/api/v1/ideas/{world['sibling']['idea'].pk}/").status_code == 404


def test_ideas_and_profiles_are_found_by_search_as_far_as_the_user_may_see(members, world):
    idea, profile = world["own"]["idea"], world["own"]["expertprofile"]

    def found(role, text) -> str:
        return client_for(members[role]).get(reverse("search:results"), {"q": text}).content.decode()

    assert idea.get_absolute_url() in found("coordinator", "vattenrening")
    assert idea.get_absolute_url() in found("partner", "vattenrening")
    assert world["sibling"]["idea"].get_absolute_url() not in found("partner", "vattenrening")
    assert profile.get_absolute_url() in found("coordinator", "limnologi")
    assert profile.get_absolute_url() not in found("partner", "limnologi")
    # the submitter is an internal field: partners do not find ideas by them
    assert idea.get_absolute_url() in found("coordinator", "Exempel")
    assert idea.get_absolute_url() not in found("partner", "Exempel")
