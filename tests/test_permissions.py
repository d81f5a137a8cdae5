"""Every internal URL × every persona: log-in, role and institution are enforced everywhere."""

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.urlconf import (
    INTERNAL_NAMESPACES,
    OPEN_NAMES,
    PUBLIC_NAMESPACES,
    internal_routes,
    routes,
)

INTERNAL = internal_routes()
IDS = [r.name for r in INTERNAL]


def get_status(route, allowed=200):
    """What a permitted GET answers: POST-only actions say 405, a missing file 404."""
    if not hasattr(route.view_class, "get"):
        return 405
    if route.name == "partnerships:agreement-file":
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
        if r.namespace not in INTERNAL_NAMESPACES | PUBLIC_NAMESPACES and r.name not in OPEN_NAMES
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


@pytest.mark.parametrize(
    "route", [r for r in INTERNAL if r.takes_pk], ids=[r.name for r in INTERNAL if r.takes_pk]
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_other_institutions_objects_are_not_found(coordinator_client, world, route, method):
    """Changing the id in the URL to another institution's record answers 404 and changes nothing."""
    target = world["other"][route.model_name]
    version = getattr(target, "version", None)
    response = getattr(coordinator_client, method)(url_for(route, world["other"]))
    if method == "post":
        assert response.status_code == (404 if hasattr(route.view_class, "post") else 405)
    else:
        assert response.status_code == get_status(route, 404)
    assert type(target).objects.filter(pk=target.pk).exists()
    if version is not None:
        target.refresh_from_db()
        assert target.version == version


@pytest.mark.parametrize("route", INTERNAL, ids=IDS)
def test_viewer_reads_but_never_writes(viewer_client, world, route):
    url = url_for(route, world["own"])
    if route.action == "view":
        assert viewer_client.get(url).status_code == get_status(route)
    else:
        assert viewer_client.get(url).status_code == 403
        assert viewer_client.post(url).status_code == 403


@pytest.mark.parametrize("persona", ["coordinator", "administrator"])
@pytest.mark.parametrize("route", INTERNAL, ids=IDS)
def test_editors_open_every_page(request, world, route, persona):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(url_for(route, world["own"])).status_code == get_status(route)


def test_viewer_post_changes_nothing(viewer_client, world):
    partnership = world["own"]["partnership"]
    viewer_client.post(reverse("partnerships:partnership-delete", args=[partnership.pk]))
    viewer_client.post(reverse("partnerships:partnership-status", args=[partnership.pk]), {"status": "ended"})
    partnership.refresh_from_db()
    assert partnership.status == "active"
