"""The REST API: tokens, the policy layer, the workspace's filters, pages, JSON errors and the schema."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from knox.models import AuthToken
from rest_framework import exceptions

from samverka.api.base import NOT_FOUND
from samverka.api.parsers import NOT_AN_OBJECT, NOT_JSON_AT
from samverka.api.permissions import MemberPermission
from samverka.api.root import NO_SUCH_ADDRESS
from samverka.api.urls import router
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


def test_the_root_lists_the_resources_the_user_may_read_with_the_schema_and_docs(members, world):
    api, _token = token_client(members["coordinator"])
    root = api.get("/api/v1/")
    assert root.status_code == 200
    assert root.json() == {
        "resources": {prefix: f"http://testserver/api/v1/{prefix}/" for prefix, _v, _b in router.registry},
        "schema": "http://testserver/api/v1/schema/",
        "docs": "http://testserver/api/v1/docs/",
    }
    for url in root.json()["resources"].values():
        assert api.get(url).status_code == 200
    partner, _token = token_client(members["partner"])  # exactly the lists a partner may read
    listed = set(partner.get("/api/v1/").json()["resources"])
    readable = {p for p, _v, _b in router.registry if partner.get(f"/api/v1/{p}/").status_code == 200}
    assert listed == readable != set(root.json()["resources"])


def test_the_root_asks_for_a_token_as_every_address_does(stranger, db):
    anonymous = Client().get("/api/v1/")
    assert (anonymous.status_code, anonymous["WWW-Authenticate"]) == (401, "Token")
    assert anonymous.json() == {"detail": str(exceptions.NotAuthenticated.default_detail)}
    no_member, _token = token_client(stranger)
    assert no_member.get("/api/v1/").status_code == 403


def error_cases(world, members) -> dict:
    """Each kind of error the API gives, as (request, status, its detail as a lazy text)."""
    coordinator, _token = token_client(members["coordinator"])
    viewer, _token = token_client(members["viewer"])
    activity = world["own"]["activity"]
    record = reverse("api:activity-detail", args=[activity.pk])
    items = reverse("api:activity-list")

    def stale(**headers):  # a change sent with the version read before someone else's change
        read = type(activity).objects.get(pk=activity.pk).version
        coordinator.patch(record, {"title_sv": "Först", "version": read}, content_type="application/json")
        body = {"title_sv": "Sist", "version": read}
        return coordinator.patch(record, body, content_type="application/json", **headers)

    return {
        "401 no token": (
            lambda **h: Client().get(items, **h),
            401,
            exceptions.NotAuthenticated.default_detail,
        ),
        "401 wrong token": (
            lambda **h: Client(HTTP_AUTHORIZATION="Token nonsense").get(items, **h),
            401,
            exceptions.AuthenticationFailed("Invalid token.").detail,
        ),
        "403 the role may not": (
            lambda **h: viewer.post(items, {}, content_type="application/json", **h),
            403,
            MemberPermission.message,
        ),
        "404 no such record": (
            lambda **h: coordinator.get(reverse("api:activity-detail", args=[10**9]), **h),
            404,
            NOT_FOUND,
        ),
        "404 no such address": (lambda **h: coordinator.get("/api/v1/nonsense/", **h), 404, NO_SUCH_ADDRESS),
        "405 no such method": (
            lambda **h: coordinator.delete(items, **h),
            405,
            lambda: exceptions.MethodNotAllowed("DELETE").detail,
        ),
        "406 no such format": (
            lambda **h: coordinator.get(items, HTTP_ACCEPT="text/html", **h),
            406,
            exceptions.NotAcceptable.default_detail,
        ),
        "409 a stale version": (
            stale,
            409,
            "Someone else saved this record after you read it: read it again, then send your changes "
            "with its new version.",
        ),
        "400 not JSON": (
            lambda **h: coordinator.post(items, "{title", content_type="application/json", **h),
            400,
            lambda: NOT_JSON_AT.format(line=1, column=2),
        ),
        "400 not an object": (
            lambda **h: coordinator.post(items, "[]", content_type="application/json", **h),
            400,
            NOT_AN_OBJECT,
        ),
        "415 not JSON at all": (
            lambda **h: coordinator.post(items, "title=x", content_type="text/plain", **h),
            415,
            lambda: exceptions.UnsupportedMediaType("text/plain").detail,
        ),
    }


def in_language(message, language: str) -> str:
    """A message as the API says it in ``language`` (a text made at the time, a lazy text or a msgid)."""
    with translation.override(language):
        return translation.gettext(str(message() if callable(message) else message))


@pytest.mark.parametrize(
    ("header", "language"),
    [({"HTTP_ACCEPT_LANGUAGE": "sv"}, "sv"), ({}, "sv"), ({"HTTP_ACCEPT_LANGUAGE": "en"}, "en")],
)
def test_every_kind_of_error_says_its_detail_in_the_clients_language(members, world, header, language):
    """Swedish with Accept-Language sv or none (the default), English with en: every kind of error."""
    got, expected = {}, {}
    for kind, (request, status, message) in error_cases(world, members).items():
        response = request(**header)
        got[kind] = (response.status_code, response.json()["detail"], response["Content-Language"])
        expected[kind] = (status, in_language(message, language), language)
        assert in_language(message, "sv") != in_language(message, "en"), f"{kind}: no Swedish text"
    assert got == expected


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

    from tests.core.test_query_counts import add_rows

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


# --- writes: the workspace's forms and rules ------------------------------------------


def activity_body(world, **changes) -> dict:
    partnership = world["own"]["partnership"]
    return {
        "type": world["own"]["activity"].type_id,
        "title_sv": "Gästföreläsning om vätgas",
        "partnership": partnership.pk,
        "status": "planned",
        "organisations": [org.pk for org in partnership.organisations.all()],
        **changes,
    }


def test_a_record_made_changed_and_deleted_through_the_api_is_in_the_audit_trail(coordinator, world):
    api, _token = token_client(coordinator)
    made = api.post(reverse("api:activity-list"), activity_body(world), content_type="application/json")
    assert made.status_code == 201
    record = made.json()
    assert record["title_sv"] == "Gästföreläsning om vätgas" and record["version"] == 1
    url = reverse("api:activity-detail", args=[record["id"]])
    changed = api.patch(url, {"title_en": "Guest lecture", "version": 1}, content_type="application/json")
    assert changed.status_code == 200
    assert changed.json()["title_en"] == "Guest lecture"
    assert changed.json()["title_sv"] == "Gästföreläsning om vätgas"  # PATCH keeps what it does not send
    replaced = api.put(
        url, activity_body(world, title_sv="Seminarium om vätgas", version=2), content_type="application/json"
    )
    assert replaced.status_code == 200
    assert replaced.json()["title_sv"] == "Seminarium om vätgas"
    assert replaced.json()["title_en"] is None  # PUT empties what it does not send
    assert api.delete(url).status_code == 204
    entries = AuditEntry.objects.filter(object_id=record["id"], content_type__model="activity")
    assert sorted(entries.values_list("action", flat=True)) == [
        "activities.activity.created",
        "activities.activity.deleted",
        "activities.activity.updated",
        "activities.activity.updated",
    ]
    assert {entry.actor for entry in entries} == {coordinator}
    update, replace = entries.filter(action="activities.activity.updated").order_by("id")
    assert update.changes == {"title_en": {"before": None, "after": "Guest lecture"}}
    assert set(replace.changes) == {"title_sv", "title_en"}


def test_a_change_from_a_stale_version_is_refused_with_409_and_changes_nothing(coordinator, world):
    activity = world["own"]["activity"]
    api, _token = token_client(coordinator)
    url = reverse("api:activity-detail", args=[activity.pk])
    read = api.get(url).json()
    assert (
        api.patch(
            url, {"title_sv": "Först", "version": read["version"]}, content_type="application/json"
        ).status_code
        == 200
    )
    late = api.patch(url, {"title_sv": "Sist", "version": read["version"]}, content_type="application/json")
    assert late.status_code == 409
    assert "version" in late.json()["detail"]
    activity.refresh_from_db()
    assert activity.title_sv == "Först"
    missing = api.patch(url, {"title_sv": "Utan version"}, content_type="application/json")
    assert missing.status_code == 400 and list(missing.json()) == ["version"]


def test_bad_input_names_the_field_and_changes_nothing(coordinator, world):
    api, _token = token_client(coordinator)
    url = reverse("api:activity-list")
    count = type(world["own"]["activity"]).objects.count()
    cases = {
        "title_sv": activity_body(world, title_sv=""),  # the form's rule: a Swedish title
        "partnership": activity_body(
            world, partnership=world["other"]["partnership"].pk
        ),  # another institution
        "organisations": activity_body(world, organisations=[world["other"]["organisation"].pk]),
        "starts_on": activity_body(world, starts_on="31/12/2026"),  # the serializer's rule: a date
        "status": activity_body(world, status="kanske"),
        "type": activity_body(world, type="ett"),
    }
    for field, body in cases.items():
        response = api.post(url, body, content_type="application/json")
        assert response.status_code == 400, field
        assert field in response.json(), (field, response.json())
        assert all(isinstance(message, str) for message in response.json()[field])
    assert type(world["own"]["activity"]).objects.count() == count
    english = api.post(
        url, activity_body(world, title_sv=""), content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert english.json()["title_sv"] == ["This field is required."]


def test_a_record_of_another_institution_is_not_a_valid_choice_not_a_missing_one(coordinator, world):
    """Whether a number exists in another institution is never revealed: the same answer as for no record."""
    api, _token = token_client(coordinator)
    url = reverse("api:activity-list")
    elsewhere = api.post(
        url,
        activity_body(world, partnership=world["other"]["partnership"].pk),
        content_type="application/json",
    )
    nowhere = api.post(url, activity_body(world, partnership=10**9), content_type="application/json")
    assert elsewhere.json()["partnership"] == [
        message.replace(str(10**9), str(world["other"]["partnership"].pk))
        for message in nowhere.json()["partnership"]
    ]


def test_unique_values_are_checked_within_the_institution(coordinator, world):
    api, _token = token_client(coordinator)
    existing = world["own"]["activitytype"]
    body = {"name_sv": "Dubblett", "code": existing.code, "order": 1, "is_active": True}
    response = api.post(reverse("api:activitytype-list"), body, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()) == ["code"]
    other = world["other"]["activitytype"]  # the same code in another institution is no clash
    body["code"] = other.code
    if other.code != existing.code:
        assert (
            api.post(reverse("api:activitytype-list"), body, content_type="application/json").status_code
            == 201
        )


def test_a_record_still_in_use_answers_409_and_stays(coordinator, world):
    api, _token = token_client(coordinator)
    activity_type = world["own"]["activitytype"]  # the own activity is of this type
    response = api.delete(reverse("api:activitytype-detail", args=[activity_type.pk]))
    assert response.status_code == 409
    assert "detail" in response.json()
    assert type(activity_type).objects.filter(pk=activity_type.pk).exists()


def test_staff_change_through_the_api_only_the_activities_they_created(members, world):
    staff = members["staff"]
    api, _token = token_client(staff)
    made = api.post(reverse("api:activity-list"), activity_body(world), content_type="application/json")
    assert made.status_code == 201
    mine = reverse("api:activity-detail", args=[made.json()["id"]])
    theirs = reverse("api:activity-detail", args=[world["own"]["activity"].pk])
    assert (
        api.patch(mine, {"title_en": "Mine", "version": 1}, content_type="application/json").status_code
        == 200
    )
    version = world["own"]["activity"].version
    assert (
        api.patch(theirs, {"title_en": "X", "version": version}, content_type="application/json").status_code
        == 403
    )
    assert api.delete(theirs).status_code == 403
    assert api.delete(mine).status_code == 204


def test_a_change_costs_the_same_queries_however_many_records_it_links(coordinator, world):
    """Linked records are checked together (``ReferencesField``), not one query each."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    activity = world["own"]["activity"]
    institution = activity.institution
    api, _token = token_client(coordinator)
    url = reverse("api:activity-detail", args=[activity.pk])

    def patch_with(count) -> int:
        people = [f.PersonFactory(institution=institution).pk for _ in range(count)]
        activity.people.clear()  # each change starts from no one linked
        activity.refresh_from_db()
        with CaptureQueriesContext(connection) as captured:
            body = {"people": people, "version": activity.version}
            assert api.patch(url, body, content_type="application/json").status_code == 200
        assert sorted(activity.people.values_list("pk", flat=True)) == sorted(people)
        return len(captured)

    assert patch_with(2) == patch_with(20)
