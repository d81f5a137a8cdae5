"""Schemathesis: generated requests against the API's own OpenAPI schema, as a coordinator with a token.

Fails on any server error (5xx) and on any response that does not match the schema. Every
operation that takes a body is also sent bodies that are not a JSON object.
``SAMVERKA_SCHEMATHESIS_EXAMPLES`` sets the requests per operation (default 50: 150–200 per
address, with its GET, PUT, PATCH and DELETE; 100 or more for a deeper run). What must hold for
every operation whatever the draw is tested directly in tests/test_api_contract.py.
"""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from knox.models import AuthToken
from schemathesis import checks

from tests import factories as f
from tests.test_api_contract import record_of

EXAMPLES = int(os.environ.get("SAMVERKA_SCHEMATHESIS_EXAMPLES", "50"))
# No server error, and every answer as the schema says: status, content type, headers, body.
# What a client may send by mistake instead of an object: null, a number, true, a string, a list.
NOT_OBJECTS = (None, 5, True, "x", [])
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]


@pytest.fixture
def keep_the_test_connection():
    """Requests to the real WSGI application would close the database connection after each
    request, and with it the test's transaction; Django's test client keeps it the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(world, coordinator, keep_the_test_connection):
    """A coordinator's token, over the usual world plus one record with every optional field filled."""
    f.PartnershipFactory(institution=world["own"]["partnership"].institution, next_review_date="2027-01-01")
    _instance, token = AuthToken.objects.create(user=coordinator)
    return token


def test_the_api_keeps_its_schema(token, world):
    """Every operation of the schema, ``EXAMPLES`` generated requests each (hypothesis, run directly:
    schemathesis' own pytest plugin does not yet run under pytest 9)."""
    from samverka.wsgi import application

    api = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
    headers = {"Authorization": f"Token {token}"}
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 14
    # Every resource is read, created, replaced, changed and deleted through the schema.
    methods = {
        (operation.path.split("/")[3], operation.method.upper())
        for operation in operations
        if operation.path != "/api/v1/"  # the root: GET only
    }
    resources = {resource for resource, _method in methods}
    assert methods == {(r, m) for r in resources for m in ("GET", "POST", "PUT", "PATCH", "DELETE")}

    for operation in operations:
        if operation.body:
            record = record_of(world, operation.path)
            for body in NOT_OBJECTS:
                case = operation.Case(
                    path_parameters={"id": record.pk} if "{id}" in operation.path else {},
                    body=body,
                    media_type="application/json",
                )
                case.call_and_validate(headers=headers, checks=CHECKS)

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        def check(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        check()
