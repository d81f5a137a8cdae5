"""Rows chosen on a list: downloaded, or one field set on each through the record's form, all or
nothing, as the user may."""

import csv
import datetime
import io
import re

import openpyxl
import pytest
from django.urls import reverse

from samverka.activities.models import Activity
from samverka.core.models import AuditEntry
from tests import factories as f
from tests.conftest import client_for
from tests.urlconf import internal_routes

BULK = "activities:activity-bulk"


def test_the_chosen_activities_get_a_status_each_audited(coordinator_client, coordinator, institution):
    chosen = [f.ActivityFactory(institution=institution, status="ongoing") for _n in range(2)]
    other = f.ActivityFactory(institution=institution, status="ongoing")
    page = coordinator_client.get(reverse("activities:activity-list")).content.decode()
    assert f'name="ids" value="{chosen[0].pk}"' in page and 'name="set-status"' in page
    response = coordinator_client.post(
        reverse(BULK), {"ids": [a.pk for a in chosen], "action": "status", "set-status": "completed"}
    )
    assert response.status_code == 302
    assert {a.status for a in Activity.objects.filter(pk__in=[a.pk for a in chosen])} == {"completed"}
    other.refresh_from_db()
    assert other.status == "ongoing"
    entries = AuditEntry.objects.filter(action="activities.activity.updated", actor=coordinator)
    assert sorted(e.object_id for e in entries) == sorted(a.pk for a in chosen)
    assert "2 rader ändrades." in coordinator_client.get(response["Location"]).content.decode()


def test_a_focus_area_of_another_partnership_refuses_all_and_changes_nothing(coordinator_client, institution):
    partnership = f.PartnershipFactory(institution=institution)
    area = f.FocusAreaFactory(partnership=partnership, name_sv="Hälsa")
    mine = f.ActivityFactory(institution=institution, partnership=partnership)
    elsewhere = f.ActivityFactory(
        institution=institution, partnership=f.PartnershipFactory(institution=institution)
    )
    response = coordinator_client.post(
        reverse(BULK), {"ids": [mine.pk, elsewhere.pk], "action": "focus_area", "set-focus_area": area.pk}
    )
    message = coordinator_client.get(response["Location"]).content.decode()
    assert (
        f"”{elsewhere}”: Fokusområde: Välj ett giltigt alternativ." in message
        and "Inget ändrades." in message
    )
    mine.refresh_from_db()
    assert mine.focus_area is None

    coordinator_client.post(
        reverse(BULK), {"ids": [mine.pk], "action": "focus_area", "set-focus_area": area.pk}
    )
    mine.refresh_from_db()
    assert mine.focus_area == area


def test_the_chosen_rows_download_with_the_lists_columns(viewer_client, institution):
    chosen = [f.ActivityFactory(institution=institution, title_sv=f"Vald {n}") for n in range(2)]
    f.ActivityFactory(institution=institution, title_sv="Inte vald")
    page = viewer_client.get(reverse("activities:activity-list")).content.decode()
    assert 'name="ids"' in page and 'name="set-status"' not in page  # a viewer downloads, changes nothing
    response = viewer_client.post(reverse(BULK), {"ids": [a.pk for a in chosen], "action": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header = next(sheet.iter_rows(max_row=1, values_only=True))
    titles = {row[header.index("Titel (svenska)")] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert titles == {"Vald 0", "Vald 1"}
    refused = viewer_client.post(
        reverse(BULK), {"ids": [chosen[0].pk], "action": "status", "set-status": "completed"}
    )
    assert refused.status_code == 302
    chosen[0].refresh_from_db()
    assert chosen[0].status != "completed"


def test_a_partnership_coordinator_changes_nothing_when_a_row_is_not_theirs(members, world):
    own, sibling = world["own"]["activity"], world["sibling"]["activity"]
    client = client_for(members["partnership_coordinator"])
    response = client.post(
        reverse(BULK), {"ids": [own.pk, sibling.pk], "action": "status", "set-status": "cancelled"}
    )
    assert "Du får inte ändra alla valda rader" in client.get(response["Location"]).content.decode()
    # neither row changed: not the sibling's, and not their own either (all or nothing)
    assert "cancelled" not in {own.status, sibling.status}
    assert Activity.objects.get(pk=own.pk).status == own.status
    assert Activity.objects.get(pk=sibling.pk).status == sibling.status
    client.post(reverse(BULK), {"ids": [own.pk], "action": "status", "set-status": "cancelled"})
    assert Activity.objects.get(pk=own.pk).status == "cancelled"


def test_nothing_chosen_or_no_action_is_said(coordinator_client, institution):
    activity = f.ActivityFactory(institution=institution)
    for data, said in (
        ({"action": "status", "set-status": "completed"}, "Välj minst en rad."),
        ({"ids": [activity.pk], "action": "title_sv"}, "Välj vad som ska göras med de valda raderna."),
    ):
        response = coordinator_client.post(reverse(BULK), data)
        assert response.status_code == 302
        assert said in coordinator_client.get(response["Location"]).content.decode()
    activity.refresh_from_db()
    assert activity.status != "completed"


# --- every list: its chosen rows, and the fields it sets ------------------------------------

BULK_ROUTES = [route for route in internal_routes() if route.name.endswith("-bulk")]


# The administration's lists (members, invitations, the audit trail) and the imports are not
# records a coordinator works on in bulk; every other list is (``core.urls.record_urls``).
NOT_IN_BULK = {"access:audit", "access:membership", "access:invitation", "imports:importjob"}


def test_every_list_has_a_bulk_page():
    lists = {route.name.removesuffix("-list") for route in internal_routes() if route.name.endswith("-list")}
    assert {route.name.removesuffix("-bulk") for route in BULK_ROUTES} == lists - NOT_IN_BULK


@pytest.mark.parametrize("route", BULK_ROUTES, ids=[route.name for route in BULK_ROUTES])
def test_the_chosen_row_of_every_list_downloads(members, world, route):
    record = world["own"].get(route.model_name)
    if record is None:  # a kind the world has none of (an import, a news item): one of its own
        record = route.model.objects.filter(institution=world["own"]["partnership"].institution).first()
    assert record is not None, route.model_name
    response = client_for(members["admin"]).post(reverse(route.name), {"ids": [record.pk], "action": "csv"})
    assert response.status_code == 200
    rows = list(
        csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";")
    )
    assert len(rows) == 2, rows  # the header and the one chosen row


@pytest.mark.parametrize(
    ("kind", "field", "value", "expected"),
    [
        ("organisation", "type", "region", "region"),
        ("person", "is_public", "true", True),
        ("person", "retention", "archive", "archive"),
        ("unit", "kind", "centre", "centre"),
        ("interaction", "followed_up", "true", True),
        ("actionitem", "due_on", "2027-03-01", datetime.date(2027, 3, 1)),
        ("bodymember", "ends_on", "2026-12-31", datetime.date(2026, 12, 31)),
        ("partnership", "next_review_date", "2027-06-30", datetime.date(2027, 6, 30)),
    ],
)
def test_the_chosen_rows_of_a_list_get_a_field(coordinator_client, institution, kind, field, value, expected):
    make = {
        "organisation": lambda: f.OrganisationFactory(institution=institution, type="company"),
        "person": lambda: f.PersonFactory(institution=institution, is_public=False),
        "unit": lambda: f.UnitFactory(institution=institution),
        "interaction": lambda: f.InteractionFactory(
            partnership=f.PartnershipFactory(institution=institution)
        ),
        "actionitem": lambda: f.ActionItemFactory(
            body__institution=institution, body__partnership__institution=institution
        ),
        "bodymember": lambda: f.BodyMemberFactory(
            body__institution=institution, body__partnership__institution=institution
        ),
        "partnership": lambda: f.PartnershipFactory(institution=institution),
    }[kind]
    chosen, other = [make(), make()], make()
    model = type(other)
    list_url = reverse(f"{model._meta.app_label}:{kind}-list")
    page = coordinator_client.get(list_url).content.decode()
    assert f'name="set-{field}"' in page
    response = coordinator_client.post(
        reverse(f"{model._meta.app_label}:{kind}-bulk"),
        {"ids": [r.pk for r in chosen], "action": field, f"set-{field}": value},
    )
    assert response["Location"] == list_url
    assert "2 rader ändrades." in coordinator_client.get(list_url).content.decode()
    assert [getattr(r, field) for r in model.objects.filter(pk__in=[r.pk for r in chosen])] == [
        expected,
        expected,
    ]
    assert getattr(model.objects.get(pk=other.pk), field) != expected


def test_an_action_is_given_a_new_owner_by_name(coordinator_client, institution):
    action = f.ActionItemFactory(body__institution=institution, body__partnership__institution=institution)
    successor = f.BodyMemberFactory(
        body=action.body, person__first_name="Ulla", person__last_name="Ny"
    ).person
    coordinator_client.post(
        reverse("governance:actionitem-bulk"), {"ids": [action.pk], "action": "owner", "set-owner": "Ulla Ny"}
    )
    action.refresh_from_db()
    assert action.owner == successor


LISTS = [route for route in internal_routes() if route.name.endswith("-list")]


@pytest.mark.parametrize("route", LISTS, ids=[route.name for route in LISTS])
def test_every_lists_described_fields_have_their_description(members, world, route):
    """A filter or a bulk field with a help text names it (aria-describedby); the text is on the page."""
    page = client_for(members["admin"]).get(reverse(route.name)).content.decode()
    ids = set(re.findall(r'id="([^"]+)"', page))
    described = {ref for refs in re.findall(r'aria-describedby="([^"]+)"', page) for ref in refs.split()}
    assert described - ids == set()
