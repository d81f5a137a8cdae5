"""Every internal URL is classified and behind log-in; the role matrix is in test_access.py."""

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.urlconf import (
    ACCOUNT_NAMESPACES,
    API_NAMESPACES,
    INSTALLATION_NAMESPACES,
    INTERNAL_NAMESPACES,
    OPEN_NAMES,
    PUBLIC_NAMESPACES,
    internal_routes,
    routes,
)

INTERNAL = internal_routes()
# Every test here asks the same world: built once for the module (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("shared_world")
IDS = [r.name for r in INTERNAL]


def get_status(route, allowed=200):
    """What a permitted GET answers: POST-only actions say 405, a missing file 404."""
    if not hasattr(route.view_class, "get"):
        return 405
    if route.name in (
        "partnerships:agreement-file",
        "governance:agendaitem-file",
        "interactions:interaction-attachment",
    ):
        return 404  # the world has no uploaded file
    return allowed


def url_for(route, objects):
    if route.takes_pk:
        return reverse(route.name, args=[objects[route.model_name].pk])
    return reverse(route.name)


def test_every_url_is_classified():
    unclassified = [
        r.name
        for r in routes()
        if r.namespace
        not in INTERNAL_NAMESPACES
        | PUBLIC_NAMESPACES
        | ACCOUNT_NAMESPACES
        | API_NAMESPACES
        | INSTALLATION_NAMESPACES
        and r.name not in OPEN_NAMES
    ]
    assert unclassified == []


def test_every_internal_view_goes_through_the_workspace_policy():
    from samverka.core.views import WorkspaceMixin

    outside = [r.name for r in INTERNAL if not (r.view_class and issubclass(r.view_class, WorkspaceMixin))]
    assert outside == []


def test_every_pk_route_names_its_model():
    assert [r.name for r in INTERNAL if r.takes_pk and r.model_name is None] == []


@pytest.mark.parametrize("route", INTERNAL, ids=IDS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_is_sent_to_log_in(client, world, route, method):
    url = url_for(route, world["own"])
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("route", INTERNAL, ids=IDS)
def test_member_of_no_institution_is_refused(stranger, world, route):
    response = client_for(stranger).get(url_for(route, world["own"]))
    assert response.status_code == 403


ACCOUNT = [r for r in routes() if r.namespace in ACCOUNT_NAMESPACES]


@pytest.mark.parametrize("route", ACCOUNT, ids=[r.name for r in ACCOUNT])
@pytest.mark.parametrize("method", ["get", "post"])
def test_account_pages_need_a_log_in(client, route, method):
    response = getattr(client, method)(reverse(route.name, args=["x"] if "<" in route.pattern else []))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_user_without_membership_has_an_account_page(stranger):
    page = client_for(stranger).get(reverse("account:overview"))
    assert page.status_code == 200
    assert "stranger" in page.content.decode()


def test_only_institution_wide_grants_reach_every_record(members, world):
    """``reaches_all`` lets a query skip the policy's filter: only where that filter is the institution."""
    from samverka.core.models import Membership
    from samverka.core.permissions import Policy
    from samverka.news.models import NewsItem

    for role, user in members.items():
        policy = Policy(Membership.objects.get(user=user))
        for model in (type(world["own"]["activity"]), NewsItem):
            scoped = set(policy.scope(model.objects.all()).values_list("pk", flat=True))
            everything = set(
                model.objects.filter(institution=policy.institution).values_list("pk", flat=True)
            )
            assert policy.reaches_all("view", model) == (scoped == everything), (role, model)
        assert policy.reaches_all("view", NewsItem) == (role != "partner")
