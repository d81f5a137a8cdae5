"""Public pages are cached, never show anything personal, and change the moment their records do."""

import os

import pytest
from django.contrib import messages
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.core.tenancy import public_sites
from tests import factories as f
from tests.conftest import client_for
from tests.workspace.test_workspace import partnership_data

LIST = "/partnerskap/"

BACKENDS = {
    "locmem": lambda tmp: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "file": lambda tmp: {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(tmp / "cache"),
    },
}
if os.environ.get("SAMVERKA_TEST_REDIS_URL"):  # CI has Redis; a bare machine has not (see .ci/run)
    BACKENDS["redis"] = lambda tmp: {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["SAMVERKA_TEST_REDIS_URL"],
        "KEY_PREFIX": f"test-{os.getpid()}",  # parallel test processes share the server
    }


@pytest.fixture(params=list(BACKENDS))
def any_cache(request, settings, tmp_path):
    settings.CACHES = {"default": BACKENDS[request.param](tmp_path)}
    cache.clear()
    yield request.param
    cache.clear()


@pytest.fixture
def published(institution):
    org = f.OrganisationFactory(institution=institution, name="Region Västerbotten", type="region")
    return f.PartnershipFactory(
        institution=institution, organisations=[org], published=True, title_sv="Region Västerbotten"
    )


def fetch(client, url=LIST):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(queries)


def test_second_visit_is_served_from_the_cache_without_queries(client, published):
    first, first_queries = fetch(client)
    second, second_queries = fetch(client)
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert first_queries > 0
    assert second_queries == 0
    assert second.content == first.content
    detail = published.get_public_url()
    assert fetch(client, detail)[0]["X-Cache"] == "miss"
    assert fetch(client, detail)[1] == 0


def test_languages_are_cached_apart(client, published):
    swedish, _ = fetch(client)
    english, _ = fetch(client, "/en/partnerships/")
    assert english["X-Cache"] == "miss"
    assert '<html lang="en">' in english.content.decode()
    assert '<html lang="sv">' in swedish.content.decode()


def test_an_edit_in_the_workspace_shows_at_once(any_cache, coordinator_client, published):
    org = published.organisations.get()
    assert "Region Västerbotten" in fetch(Client())[0].content.decode()
    response = coordinator_client.post(
        reverse("partnerships:partnership-edit", args=[published.pk]),
        partnership_data(
            org,
            slug=published.slug,
            title_sv="Region Västerbotten och Umeå",
            published="on",
            expected_version=published.version,
        ),
    )
    assert response.status_code == 302
    page, _ = fetch(Client())
    assert page["X-Cache"] == "miss"
    assert "Region Västerbotten och Umeå" in page.content.decode()


@pytest.mark.parametrize("change", ["focus area added", "person made public", "deleted"])
def test_every_kind_of_change_invalidates(client, institution, published, change):
    person = f.PersonFactory(institution=institution, first_name="Gunilla", last_name="Nordlund")
    f.CoordinatorAssignmentFactory(person=person, partnership=None, institution=institution)
    before = fetch(client)[0].content.decode()
    assert "Nordlund" not in before
    if change == "focus area added":
        f.FocusAreaFactory(partnership=published, name_sv="Hälsa och välfärd")
        expected, gone = "Hälsa och välfärd", None
    elif change == "person made public":
        person.is_public = True
        person.save()
        expected, gone = "Nordlund", None
    else:
        published.delete()
        expected, gone = None, "Region Västerbotten"
    after, _ = fetch(client)
    assert after["X-Cache"] == "miss"
    assert after.content.decode() != before
    if expected:
        assert expected in after.content.decode()
    if gone:
        assert gone not in after.content.decode()


def test_a_removed_link_invalidates(client, institution, published):
    news = f.NewsItemFactory(institution=institution, published=True, title_sv="Nytt avtal klart")
    news.partnerships.add(published)
    url = published.get_public_url()
    assert "Nytt avtal klart" in fetch(client, url)[0].content.decode()
    assert fetch(client, url)[0]["X-Cache"] == "hit"
    news.partnerships.remove(published)
    after, _ = fetch(client, url)
    assert after["X-Cache"] == "miss"
    assert "Nytt avtal klart" not in after.content.decode()


def test_a_change_in_another_institution_keeps_the_cache(client, published, other_institution):
    fetch(client)
    f.PartnershipFactory(institution=other_institution, published=True)
    assert fetch(client)[0]["X-Cache"] == "hit"


def test_a_cached_page_shows_nothing_personal(rf, coordinator, published):
    """The first visitor is a signed-in coordinator with a message waiting; the next is anyone."""
    member = client_for(coordinator)
    session_page = member.get(reverse("workspace:start"))
    assert session_page.status_code == 200
    request = rf.get("/")
    request.session = member.session
    storage = messages.storage.default_storage(request)
    storage.add(messages.SUCCESS, "Hemligt meddelande")
    response = member.get(LIST)
    assert response["X-Cache"] == "miss"
    anyone, _ = fetch(Client())
    assert anyone["X-Cache"] == "hit"
    text = anyone.content.decode()
    for personal in ("csrfmiddlewaretoken", "coordinator", "Hemligt meddelande", "Logga ut"):
        assert personal not in text
    # The language switch is a plain link to the same page in English.
    assert 'href="/en/partnerships/"' in text


def test_a_cached_answer_has_the_same_headers_as_a_fresh_one(client, published):
    fresh, _ = fetch(client)
    cached, _ = fetch(client)
    drop = {"X-Cache", "Date"}
    assert {k: v for k, v in cached.items() if k not in drop} == {
        k: v for k, v in fresh.items() if k not in drop
    }
    assert cached["Content-Language"] == "sv"
    assert cached["X-Frame-Options"] == "DENY"


def test_workspace_pages_are_never_cached(coordinator_client, published):
    first = coordinator_client.get(reverse("partnerships:partnership-list"))
    second = coordinator_client.get(reverse("partnerships:partnership-list"))
    assert "X-Cache" not in first
    assert "X-Cache" not in second


def test_start_page_totals_are_cached_until_a_record_changes(coordinator_client, institution):
    f.PartnershipFactory(institution=institution, status="active")
    f.ActivityFactory(institution=institution)
    url = reverse("workspace:start")
    public_sites()  # where public pages are: read once per installation, not per page
    first, first_queries = fetch(coordinator_client, url)
    second, second_queries = fetch(coordinator_client, url)
    assert (first.context["activity_total"], second.context["activity_total"]) == (1, 1)
    assert second_queries == first_queries - 2  # the two totals come from the cache
    f.ActivityFactory(institution=institution)
    third, third_queries = fetch(coordinator_client, url)
    assert third.context["activity_total"] == 2
    assert third.context["counts"]["active"] == 1
    assert third_queries == first_queries
