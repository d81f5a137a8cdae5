"""The REST API: tokens, the policy layer, the workspace's filters, pages, JSON errors and the schema."""

import pytest
from django.test import Client
from django.urls import reverse
from knox.models import AuthToken

from samverka.core.models import AuditEntry
from tests import factories as f
from tests.conftest import client_for


def token_client(user) -> tuple[Client, str]:
    _instance, token = AuthToken.objects.create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Token {token}"), token


def test_a_token_made_on_the_account_page_reads_the_api_and_is_stored_hashed(coordinator, world):
    page = client_for(coordinator).post(reverse("account:api-token-create"), {"name": "Webbplatsen"})
    token = page.context["token"]
    assert token in page.content.decode()
    assert not AuthToken.objects.filter(digest=token).exists()
    assert token not in str(list(AuthToken.objects.values()))
    api = Client(HTTP_AUTHORIZATION=f"Token {token}")
    response = api.get(reverse("api:partnership-list"))
    assert response.status_code == 200
    assert response.json()["count"] == 2
    assert AuditEntry.objects.filter(action="auth.user.token_created", actor=coordinator).exists()


def test_a_revoked_or_wrong_token_is_refused_with_json(coordinator, world):
    api, _token = token_client(coordinator)
    url = reverse("api:partnership-list")
    assert api.get(url).status_code == 200
    digest = AuthToken.objects.get(user=coordinator).digest
    client_for(coordinator).post(reverse("account:api-token-revoke", args=[digest]))
    response = api.get(url)
    assert response.status_code == 401
    assert "detail" in response.json()
    assert Client(HTTP_AUTHORIZATION="Token nonsense").get(url).status_code == 401
    anonymous = Client().get(url)
    assert anonymous.status_code == 401
    assert anonymous["WWW-Authenticate"] == "Token"


def test_the_partner_reads_only_their_partnership_without_internal_notes(members, world):
    partnership = world["own"]["partnership"]
    type(partnership).objects.filter(pk=partnership.pk).update(internal_notes="HEMLIG")
    api, _token = token_client(members["partner"])
    data = api.get(reverse("api:partnership-list")).json()
    assert [row["id"] for row in data["results"]] == [partnership.pk]
    assert "internal_notes" not in data["results"][0]
    coordinator_view = client_for(members["coordinator"]).get(
        reverse("api:partnership-detail", args=[partnership.pk])
    )
    assert coordinator_view.json()["internal_notes"] == "HEMLIG"


def test_the_api_filters_sorts_and_pages_as_the_lists_do(coordinator, institution, settings):
    settings.SAMVERKA_PAGE_SIZE = 2
    for title, status in [("Alfa", "active"), ("Beta", "ended"), ("Gamma", "active"), ("Delta", "active")]:
        f.PartnershipFactory(institution=institution, title_sv=title, status=status)
    api, _token = token_client(coordinator)
    url = reverse("api:partnership-list")
    active = api.get(url, {"status": "active", "o": "-title"}).json()
    assert active["count"] == 3
    assert [row["title_sv"] for row in active["results"]] == ["Gamma", "Delta"]
    assert active["next"] is not None
    second = api.get(url, {"status": "active", "o": "-title", "page": 2}).json()
    assert [row["title_sv"] for row in second["results"]] == ["Alfa"]
    assert [row["title_sv"] for row in api.get(url, {"q": "bet"}).json()["results"]] == ["Beta"]


def test_bad_filters_are_clear_json_errors(coordinator, world):
    api, _token = token_client(coordinator)
    response = api.get(reverse("api:partnership-list"), {"status": "nonsense"})
    assert response.status_code == 400
    assert "status" in response.json()
    response = api.get(reverse("api:activity-list"), {"partnership": "abc"})
    assert response.status_code == 400
    assert "partnership" in response.json()


def test_the_schema_and_its_documentation_page(client):
    schema = client.get(reverse("api:schema"), {"format": "json"})
    assert schema.status_code == 200
    spec = schema.json()
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/partnerships/" in spec["paths"]
    assert "/api/v1/people/{id}/" in spec["paths"]
    docs = client.get(reverse("api:docs"))
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "swagger-ui" in html
    assert "cdn" not in html.lower()  # served from the site itself (drf-spectacular-sidecar)
    directives = dict(part.strip().split(" ", 1) for part in docs["Content-Security-Policy"].split(";"))
    assert directives["script-src"] == "'self'"  # only Swagger UI's styles may be inline


@pytest.mark.parametrize("name", ["partnership", "activity", "person", "organisation", "newsitem"])
def test_api_lists_query_count_does_not_grow(coordinator, institution, name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.test_query_counts import add_rows

    api, _token = token_client(coordinator)
    partnership = f.PartnershipFactory(institution=institution)
    url = reverse(f"api:{name}-list")
    add_rows(name, institution, partnership)
    api.get(url)
    with CaptureQueriesContext(connection) as one:
        assert api.get(url).status_code == 200
    add_rows(name, institution, partnership)
    add_rows(name, institution, partnership)
    with CaptureQueriesContext(connection) as three:
        api.get(url)
    assert len(three) == len(one)
    assert len(one) <= 10
