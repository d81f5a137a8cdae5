"""Schemathesis: generated requests against the API's own OpenAPI schema, as a coordinator with a token.

Fails on any server error (5xx) and on any response that does not match the schema. Every
operation that takes a body is also sent bodies that are not a JSON object.
``SAMVERKA_SCHEMATHESIS_EXAMPLES`` sets the requests per operation (default 50: 150–200 per
address, with its GET, PUT, PATCH and DELETE; 100 or more for a deeper run). What must hold for
every operation whatever the draw is tested directly in tests/api/test_api_contract.py.
"""

import functools
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from knox.models import AuthToken
from schemathesis import checks

from samverka.api.resources import RESOURCES
from tests import factories as f
from tests.api.test_api_contract import record_of

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


# The API's root ("") and every resource, each a test of its own, so that workers share the run.
PREFIXES = ["", *sorted(resource.prefix for resource in RESOURCES)]


@functools.cache
def schema():
    """The API's own schema as the WSGI application serves it (once per worker)."""
    from samverka.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)


def operations_of(prefix: str) -> list:
    return [
        result.ok() for result in schema().get_all_operations() if result.ok().path.split("/")[3] == prefix
    ]


def test_the_schema_describes_every_resource_with_every_method(db, keep_the_test_connection):
    """Every resource is read, created, replaced, changed and deleted through the schema; the root
    is read only."""
    operations = [result.ok() for result in schema().get_all_operations()]
    assert len(operations) >= 14
    methods = {(operation.path.split("/")[3], operation.method.upper()) for operation in operations}
    assert {prefix for prefix, _method in methods} == set(PREFIXES)
    assert methods == {("", "GET")} | {
        (p, m) for p in PREFIXES[1:] for m in ("GET", "POST", "PUT", "PATCH", "DELETE")
    }


@pytest.mark.parametrize("prefix", PREFIXES, ids=[prefix or "root" for prefix in PREFIXES])
def test_the_api_keeps_its_schema(token, world, prefix):
    """Every operation of one resource, ``EXAMPLES`` generated requests each (hypothesis, run
    directly: schemathesis' own pytest plugin does not yet run under pytest 9)."""
    headers = {"Authorization": f"Token {token}"}
    operations = operations_of(prefix)
    assert operations

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
