"""What the API's schema promises, checked for every write operation it lists (so a new resource or
step is covered the day it appears): a body that is not a JSON object is refused and changes nothing,
a body of only the required properties is taken, and what is left out takes the default the schema
gives."""

import pytest
from django.db.models import BooleanField
from django.urls import reverse

from samverka.api.parsers import NOT_AN_OBJECT
from samverka.api.resources import RESOURCES
from samverka.api.urls import router
from samverka.core.models import AuditEntry
from tests import factories as f
from tests.api.test_api import token_client

# Most tests here ask the same world: built once for the module (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("shared_world")

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


# --- a minimal body, as a client makes it from the schema ----------------------------------

# Step inputs the schema names only in words, and where a client finds them.
FROM_THE_RECORDS = {
    "adjusters": lambda walk: [walk.reference("person").pk],  # people who adjusted the minutes
    "duplicate": lambda walk: walk.twin()["id"],  # the record merged into this one
    "suggestion": lambda walk: walk.first_suggestion(),  # a key of GET …/suggestions/
}
# A rule between properties that required properties cannot state (docs/api.md): what a client
# adds to meet it.
BETWEEN_PROPERTIES = {
    "/api/v1/idea-contacts/": lambda walk: {"profile": walk.reference("expertprofile").pk},  # or person, unit
    # a contact names its partnership, organisation or people
    "/api/v1/interactions/": lambda walk: {"partnership": walk.reference("partnership").pk},
    # two terms in the one text (its description says so): no schema keyword says "a comma between"
    "/api/v1/synonyms/": lambda walk: {"words": "exjobb, examensarbete"},
}


def rated_assessment(world):
    """An assessment with everything rated (its partnership has no goals or focus areas), as
    submitting asks."""
    partnership = f.PartnershipFactory(institution=world["own"]["partnership"].institution)
    return f.AssessmentAnswerFactory(assessment__partnership=partnership).assessment


# Steps that ask the record to be in a state no body brings it to: the record they are taken on.
READY = {
    "/api/v1/assessments/{id}/submit/": rated_assessment,
    "/api/v1/ideas/{id}/judge/": lambda world: world["own"]["idea"],  # an idea with suggestions
}


class Walk:
    """A client writing through every operation of the schema: it makes each kind of record with
    the fewest properties the schema requires (naming the records it made before, else the user's
    own), then replaces, changes and steps that record."""

    def __init__(self, api, spec, world):
        self.api, self.spec, self.world = api, spec, world
        self.path = ""
        self.made = {}  # model name → the record made (as the API answered)
        self.sent = {}  # model name → the body it was made with

    def resolve(self, schema: dict) -> dict:
        while "$ref" in schema or "allOf" in schema:
            if "allOf" in schema:
                schema = schema["allOf"][0]
            else:
                schema = self.spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
        return schema

    @property
    def kind(self) -> str:
        prefix = self.path.removeprefix("/api/v1/").split("/")[0]
        return {p: b for p, _viewset, b in router.registry}[prefix]

    def list_path(self) -> str:
        return self.path.split("{id}")[0]

    def target_id(self) -> int:
        if self.path in READY:
            return READY[self.path](self.world).pk
        made = self.made.get(self.kind)
        return made["id"] if made else self.world["own"][self.kind].pk

    def reference(self, basename):
        """A record of the kind: the one made in this walk, else the user's own."""
        made = self.made.get(basename)
        return (
            type(self.world["own"][basename]).objects.get(pk=made["id"])
            if made
            else self.world["own"][basename]
        )

    def twin(self) -> dict:
        """Another record made with the same body as the one made of this kind."""
        return self.api.post(
            self.list_path(), self.sent.get(self.kind, {}), content_type="application/json"
        ).json()

    def first_suggestion(self) -> str:
        suggestions = self.api.get(f"{self.list_path()}{self.target_id()}/suggestions/").json()
        return next(s["key"] for group in suggestions.values() for s in group)

    def references(self, name):
        """The kind of record a property names, if it names one (``RecordId``)."""
        viewset = next(v for _p, v, b in router.registry if b == self.kind)
        field = viewset.serializer_class().fields.get(name)
        related = getattr(getattr(field, "child_relation", field), "queryset", None)
        return None if related is None else related.model._meta.model_name

    def value(self, name: str, schema: dict, record: dict | None, *, step: bool):
        if name in FROM_THE_RECORDS:
            return FROM_THE_RECORDS[name](self)
        if name == "version":
            return record["version"]
        schema = self.resolve(schema)
        if "enum" in schema:  # a step moves a record on: to a value it does not have yet
            return next(v for v in schema["enum"] if not step or v != record.get(name))
        kind = self.references(name)
        reference = self.reference(kind) if kind else None
        if schema.get("type") == "array":
            if reference is not None:
                return [reference.pk]
            return [self.value(name, schema["items"], record, step=step)]
        if schema.get("type") == "integer":
            return reference.pk if reference is not None else schema.get("minimum", 1)
        if schema.get("type") == "object":
            return self.body(schema, record, step=step)
        formats = {"date": "2026-03-02", "date-time": "2026-03-02T10:00:00+01:00", "decimal": "1"}
        return formats.get(schema.get("format"), "x" * max(schema.get("minLength", 1), 1))

    def body(self, schema: dict, record: dict | None, *, step: bool) -> dict:
        schema = self.resolve(schema)
        if schema is self.resolve({"$ref": "#/components/schemas/MergeVersionsRequest"}):
            return {"survivor": record["version"], "duplicate": 1}  # a twin is new
        required = schema.get("required", [])
        return {name: self.value(name, schema["properties"][name], record, step=step) for name in required}

    def write(self, method: str, path: str):
        self.path = path
        operation = self.spec["paths"][path][method]
        schema = operation["requestBody"]["content"]["application/json"]["schema"]
        on_a_record = "{id}" in path
        url = path.replace("{id}", str(self.target_id())) if on_a_record else path
        record = self.api.get(f"{self.list_path()}{self.target_id()}/").json() if on_a_record else None
        body = self.body(schema, record, step=method == "post" and on_a_record)
        body.update(BETWEEN_PROPERTIES.get(self.list_path(), lambda walk: {})(self))
        response = getattr(self.api, method)(url, body, content_type="application/json")
        if not on_a_record and response.status_code == 201:
            self.made[self.kind], self.sent[self.kind] = response.json(), body
        return body, response


def test_every_write_takes_the_minimal_body_its_schema_describes(administrator, world):
    """For every write operation of the schema, a body of only its required properties, each the
    simplest value the schema allows (an enum's first value, the shortest text, the minimum
    number; records the client made or the user's own where it names one, the version as read):
    taken (2xx). Each kind is made (in the API's order of resources), then that record is replaced,
    changed and stepped."""
    api, _token = token_client(administrator)
    spec = api.get(reverse("api:schema"), {"format": "json"}).json()
    walk = Walk(api, spec, world)
    order = [f"/api/v1/{prefix}/" for prefix, _viewset, _basename in router.registry]
    operations = sorted(
        write_operations(api), key=lambda op: ("{id}" in op[1], order.index(op[1].split("{id}")[0]), op)
    )
    refused = {}
    for method, path in operations:
        body, response = walk.write(method, path)
        if response.status_code >= 300:
            refused[(method, path)] = (body, response.status_code, response.json())
    assert refused == {}


def test_a_boolean_left_out_takes_the_models_default(coordinator, world):
    """On the page an unticked box is false; in JSON a box left out is the model's default, as the
    schema says, when a record is made or replaced; a change (PATCH) keeps what the record has."""
    api, _token = token_client(coordinator)
    body = {"name_sv": "Studiebesök", "code": "besok", "order": 1}
    made = api.post(reverse("api:activitytype-list"), body, content_type="application/json").json()
    assert (made["is_active"], made["counts_students"]) == (True, False)
    url = reverse("api:activitytype-detail", args=[made["id"]])
    off = api.patch(url, {"is_active": False, "version": 1}, content_type="application/json").json()
    kept = api.patch(url, {"order": 2, "version": 2}, content_type="application/json").json()
    replaced = api.put(url, {**body, "version": 3}, content_type="application/json").json()
    assert (off["is_active"], kept["is_active"], replaced["is_active"]) == (False, False, True)


def test_the_schema_gives_every_boolean_its_models_default(client, db):
    spec = client.get(reverse("api:schema"), {"format": "json"}).json()
    components = spec["components"]["schemas"]
    defaults = {}
    for resource in RESOURCES:
        for name in resource.form._meta.fields:
            field = resource.model._meta.get_field(name)
            if isinstance(field, BooleanField) and field.has_default():
                component = components[f"{resource.model.__name__}Request"]
                defaults[(resource.prefix, name)] = (
                    component["properties"][name].get("default"),
                    field.default,
                )
    assert len(defaults) >= 5
    assert [key for key, (said, default) in defaults.items() if said != default] == []
