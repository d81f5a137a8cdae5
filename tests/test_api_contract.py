"""What the API's schema promises, checked for every write operation it lists (so a new resource or
step is covered the day it appears): a body that is not a JSON object is refused and changes nothing."""

from django.urls import reverse

from samverka.api.parsers import NOT_AN_OBJECT
from samverka.api.urls import router
from samverka.core.models import AuditEntry
from tests.test_api import token_client

WRITES = ("post", "put", "patch")
# What a client may send by mistake instead of an object.
NOT_OBJECTS = ("null", "5", "true", '"x"', "[]")


def write_operations(client) -> list[tuple[str, str]]:
    """(method, path) of every operation of the schema that takes a body."""
    spec = client.get(reverse("api:schema"), {"format": "json"}).json()
    return [
        (method, path)
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
        if method in WRITES and "requestBody" in operation
    ]


def record_of(world, path: str):
    """The user's own record of the resource an operation's path names."""
    prefix = path.removeprefix("/api/v1/").split("/")[0]
    basename = {p: b for p, _viewset, b in router.registry}[prefix]
    return world["own"][basename]


def address(world, path: str) -> str:
    return path.replace("{id}", str(record_of(world, path).pk))


def test_every_write_refuses_a_body_that_is_not_a_json_object_and_changes_nothing(administrator, world):
    """As an administrator, who may take every step: whoever may not is refused before the body is read."""
    api, _token = token_client(administrator)
    operations = write_operations(api)
    assert len(operations) >= 3 * len(router.registry)  # every resource's create, replace and change
    trail = AuditEntry.objects.count()
    for method, path in operations:
        record = record_of(world, path)
        for body in NOT_OBJECTS:
            response = getattr(api, method)(address(world, path), body, content_type="application/json")
            assert (response.status_code, response.json()) == (400, {"detail": str(NOT_AN_OBJECT)}), (
                method,
                path,
                body,
            )
        assert type(record).objects.get(pk=record.pk).version == record.version, (method, path)
    assert AuditEntry.objects.count() == trail


def test_a_body_that_is_not_an_object_is_refused_in_the_clients_language(coordinator, world):
    api, _token = token_client(coordinator)
    url = reverse("api:activity-list")
    swedish = api.post(url, "[]", content_type="application/json")
    english = api.post(url, "[]", content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert english.json() == {"detail": 'Send a JSON object as the body: {"field": value, …}.'}
    assert swedish.json() == {"detail": 'Skicka ett JSON-objekt som innehåll: {"fält": värde, …}.'}
