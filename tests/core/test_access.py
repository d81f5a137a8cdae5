"""The access matrix: every role × every internal URL × records of the user's own partnership,
of another partnership of the institution and of another institution.

``may`` below writes the rules of docs/access.md out again, independently of
``core.permissions``: if the two disagree, one of them is wrong.
"""

import re

import pytest
from django.urls import reverse

from samverka.api.resources import RESOURCES
from tests import factories as f
from tests.conftest import ROLES, client_for
from tests.core.test_permissions import get_status, url_for
from tests.urlconf import api_action_routes, api_routes, internal_routes

INTERNAL = internal_routes()
# Every test here asks the same world: built once for the module (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("shared_world")


def options(page: str, name: str) -> set[int]:
    """The record ids a page's <select name=…> offers."""
    select = re.search(rf'<select name="{name}".*?</select>', page, re.S)
    assert select, name
    return {int(value) for value in re.findall(r'<option value="(\d+)"', select.group(0))}


GOVERNANCE = {"body", "bodymember", "meeting", "agendaitem", "attendance", "decision", "actionitem"}
# The world's follow-up records are the partner's own (its goal, what it earmarks) …
FOLLOW_UP = {"goal", "indicator", "indicatoryear", "resourcecommitment"}
# … and its assessment is the university side's draft: no partner sees it; its annual report is a
# draft again after version 1 (``shown_to_partner``: a record of the own partnership in a state
# partner representatives see — their side's own assessment, an approved report).
SIDED = {"assessment", "assessmentanswer"}
PARTNERSHIP_RECORDS = {
    "agreement",
    "focusarea",
    "coordinatorassignment",
    "activity",
    "interaction",
    *GOVERNANCE,
    *FOLLOW_UP,
    *SIDED,
    "annualreport",
    "idea",
    "ideacontact",
}
KEPT_BY_THE_AUTHORITY = {"agreement"}
# The world's meetings have sent out their documents: the partner sees them and what is minuted.
PARTNER_SEES = {
    "partnership",
    "focusarea",
    "activity",
    "newsitem",
    "interaction",  # the world's is shared with the partner
    *GOVERNANCE,
    "minutesversion",
    *FOLLOW_UP,
    "reportversion",  # an approved version; the world's report itself is a draft again
    "idea",
}
WHERE = ("own", "sibling")  # the partnership a record belongs to (or, for the directory, its world)


def may(role: str, action: str, kind: str, where: str) -> bool:
    """May ``role`` do ``action`` to a record of ``kind`` of the ``where`` partnership?

    ``where`` is "own" (the partnership the scoped roles reach), "sibling"
    (another partnership of the institution) or "created" (a record the
    user created themselves), or "shown_to_partner" (a partner's own assessment, an approved report).
    """
    if where == "shown_to_partner":
        if kind in SIDED:
            return role == "partner" and action in ("view", "add", "change", "delete")
        return role == "partner" and kind == "annualreport" and action == "view"
    if role == "admin":
        return True
    if action == "administer":  # the audit trail and personal data (export, erasure)
        return False
    if action == "approve":  # an annual report: management approves it
        return role == "management"
    if action == "view_internal":  # internal notes, history, the record of processing
        return role != "partner"
    kept = action == "delete" and kind in KEPT_BY_THE_AUTHORITY  # only an administrator deletes them
    if role == "coordinator":
        return not kept
    if role in ("management", "viewer"):
        return action == "view"
    if role == "partner":
        if kind in FOLLOW_UP and action in ("add", "change", "delete"):
            return where == "own"
        if kind == "idea" and action == "add":  # they send in ideas for their partnership
            return where == "own"
        return action == "view" and kind in PARTNER_SEES and where == "own"
    if action == "view":
        return True
    # their own activities and imports; their own ideas too, until a coordinator takes them up
    staff_may = (
        kind in ("activity", "importjob", "idea")
        and action in ("add", "change", "delete")
        and (action == "add" or where == "created")
    )
    if role == "staff":
        return staff_may
    # partnership coordinator: a staff contributor, and more in the named partnerships
    if staff_may or (kind in ("organisation", "person", "affiliation") and action in ("add", "change")):
        return True
    if kind == "partnership":
        return action == "change" and where == "own"
    if kind == "invitation":
        return action == "invite" and where == "own"
    return kind in PARTNERSHIP_RECORDS and where == "own" and not kept


def fields(obj) -> dict:
    return {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}


def may_at_all(role, action, kind) -> bool:
    return any(may(role, action, kind, where) for where in (*WHERE, "created", "shown_to_partner"))


def expected_get(route, role, where) -> int:
    kind = route.model_name
    if route.takes_pk:
        if not may_at_all(role, route.action, kind):
            return 403
        if not hasattr(route.view_class, "get"):
            return 405
        if may(role, route.action, kind, where):
            return get_status(route)
        return 403 if may(role, "view", kind, where) else 404
    if route.model is None:  # the start page: every member; internal pages: not partners
        return 403 if route.action == "view_internal" and role == "partner" else 200
    return get_status(route) if may_at_all(role, route.action, kind) else 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", INTERNAL, ids=[r.name for r in INTERNAL])
def test_every_role_opens_exactly_what_it_may(members, world, route, role):
    client = client_for(members[role])
    targets = WHERE if route.takes_pk else ("own",)
    got = {where: client.get(url_for(route, world[where])).status_code for where in targets}
    assert got == {where: expected_get(route, role, where) for where in targets}


# (route, role) of every write with at least one case the role is refused (an administrator has none).
REFUSED = [
    (route, role)
    for route in INTERNAL
    if route.action != "view"
    for role in ROLES
    if (
        any(not may(role, route.action, route.model_name, w) for w in WHERE)
        if route.takes_pk
        else not may_at_all(role, route.action, route.model_name)
    )
]


@pytest.mark.parametrize(("route", "role"), REFUSED, ids=[f"{r.name}-{role}" for r, role in REFUSED])
def test_refused_writes_change_nothing(members, world, route, role):
    """A POST the role may not make answers 403 or 404 and leaves the record as it was (every field)."""
    client = client_for(members[role])
    for where in WHERE if route.takes_pk else ("own",):
        if may(role, route.action, route.model_name, where) if route.takes_pk else False:
            continue
        target = world[where].get(route.model_name)
        before = fields(target) if target is not None else None
        response = client.post(url_for(route, world[where]))
        # 404 for a record the role does not see at all, 403 for one it sees but may not change
        seen = route.takes_pk and may_at_all(role, route.action, route.model_name)
        assert response.status_code == (
            404 if seen and not may(role, "view", route.model_name, where) else 403
        )
        if target is not None:
            target.refresh_from_db()
            assert fields(target) == before


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "route", [r for r in INTERNAL if r.takes_pk], ids=[r.name for r in INTERNAL if r.takes_pk]
)
def test_no_role_reaches_another_institution(members, world, route, role):
    """Changing the id in the URL to another institution's record never shows or changes it."""
    client = client_for(members[role])
    expected = 404 if may_at_all(role, route.action, route.model_name) else 403
    assert client.get(url_for(route, world["other"])).status_code == (
        405 if expected == 404 and not hasattr(route.view_class, "get") else expected
    )
    if hasattr(route.view_class, "post"):
        assert client.post(url_for(route, world["other"])).status_code == expected


def test_the_matrix_covers_every_role_of_the_product():
    from samverka.core.models import Role
    from samverka.core.permissions import GRANTS

    assert set(ROLES) == set(Role.values) == set(GRANTS)


def test_every_route_kind_has_a_rule():
    """A new kind of record must be placed in the policy: some role may view it."""
    from samverka.core.permissions import GRANTS

    unruled = [
        route.name
        for route in INTERNAL
        if route.model is not None
        and not any(grant.covers(route.action, route.model) for grants in GRANTS.values() for grant in grants)
    ]
    assert unruled == []


# --- what the scoped roles see inside pages ---------------------------------


def test_partner_lists_show_only_their_partnership(members, world):
    client = client_for(members["partner"])
    own, sibling = world["own"], world["sibling"]
    for url, own_text, sibling_text in [
        (reverse("partnerships:partnership-list"), own["partnership"].title, sibling["partnership"].title),
        (reverse("activities:activity-list"), own["activity"].title, sibling["activity"].title),
        (reverse("workspace:start"), own["partnership"].title, sibling["partnership"].title),
    ]:
        page = client.get(url).content.decode()
        assert own_text in page
        assert sibling_text not in page


def test_partner_filter_offers_only_their_partnership(members, world):
    page = client_for(members["partner"]).get(reverse("activities:activity-list")).content.decode()
    assert options(page, "partnership") == {world["own"]["partnership"].pk}


def test_partner_never_sees_internal_notes_agreements_criteria_or_history(members, world):
    partnership = world["own"]["partnership"]
    partnership.internal_notes = "HEMLIG-ANTECKNING"
    partnership.save()
    page = client_for(members["partner"]).get(partnership.get_absolute_url()).content.decode()
    assert "HEMLIG-ANTECKNING" not in page
    assert reverse("partnerships:agreement-detail", args=[world["own"]["agreement"].pk]) not in page
    assert 'id="criteria-heading"' not in page
    assert 'id="history-heading"' not in page
    coordinator = world["own"]["coordinatorassignment"].person
    assert reverse("directory:person-detail", args=[coordinator.pk]) not in page
    # the same page for the institution's coordinator shows them
    page = client_for(members["coordinator"]).get(partnership.get_absolute_url()).content.decode()
    assert "HEMLIG-ANTECKNING" in page
    assert 'id="history-heading"' in page


def test_partner_menu_has_only_their_areas(members):
    page = client_for(members["partner"]).get(reverse("workspace:start")).content.decode()
    assert reverse("activities:activity-list") in page
    assert reverse("directory:person-list") not in page
    assert reverse("directory:organisation-list") not in page


def test_partner_sees_published_news_of_their_partnership_only(members, world):
    draft = f.NewsItemFactory(institution=world["own"]["partnership"].institution, published=False)
    draft.partnerships.set([world["own"]["partnership"]])
    client = client_for(members["partner"])
    assert client.get(world["own"]["newsitem"].get_absolute_url()).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_partner_access_ends_with_the_partnership(members, world):
    partnership = world["own"]["partnership"]
    client = client_for(members["partner"])
    assert client.get(partnership.get_absolute_url()).status_code == 200
    partnership.status = "ended"
    partnership.save()
    assert client.get(partnership.get_absolute_url()).status_code == 404
    assert client.get(world["own"]["activity"].get_absolute_url()).status_code == 404


def test_access_ends_with_the_membership_period(members, world):
    import datetime

    from django.utils import timezone

    from samverka.core.models import Membership

    client = client_for(members["coordinator"])
    assert client.get(reverse("workspace:start")).status_code == 200
    Membership.objects.filter(user=members["coordinator"]).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert client.get(reverse("workspace:start")).status_code == 403


def test_partner_without_an_organisation_sees_no_partnership(members, world):
    from samverka.core.models import Membership

    Membership.objects.filter(user=members["partner"]).update(organisation=None)
    client = client_for(members["partner"])
    assert client.get(world["own"]["partnership"].get_absolute_url()).status_code == 404
    page = client.get(reverse("workspace:start")).content.decode()
    assert "inte part i något aktuellt partnerskap" in page  # the start page explains instead of failing


# --- writes that depend on the record, not only its kind --------------------


def activity_data(world, where, **extra):
    return {
        "title_sv": "Gästföreläsning",
        "type": world[where]["activitytype"].pk,
        "partnership": world[where]["partnership"].pk,
        "status": "planned",
        **extra,
    }


def test_partnership_coordinator_registers_activities_only_where_they_may(members, world):
    from samverka.activities.models import Activity

    client = client_for(members["partnership_coordinator"])
    url = reverse("activities:activity-create")
    page = client.get(url).content.decode()
    assert world["sibling"]["partnership"].pk in options(page, "partnership")  # as staff: anywhere
    response = client.post(url, activity_data(world, "sibling"))
    assert response.status_code == 302
    assert Activity.objects.get(title_sv="Gästföreläsning").created_by == members["partnership_coordinator"]


def test_partnership_coordinator_cannot_add_focus_areas_to_another_partnership(members, world):
    from samverka.partnerships.models import FocusArea

    client = client_for(members["partnership_coordinator"])
    url = reverse("partnerships:focusarea-create")
    page = client.get(url).content.decode()
    assert options(page, "partnership") == {world["own"]["partnership"].pk}
    data = {"partnership": world["sibling"]["partnership"].pk, "name_sv": "Nytt område", "order": 0}
    response = client.post(url, data)
    assert response.status_code == 200  # the choice is refused as not offered
    assert not FocusArea.objects.filter(name_sv="Nytt område").exists()
    data["partnership"] = world["own"]["partnership"].pk
    assert client.post(url, data).status_code == 302
    assert FocusArea.objects.filter(name_sv="Nytt område", partnership=world["own"]["partnership"]).exists()


def test_staff_edit_their_own_activities_and_no_one_elses(members, world):
    from samverka.activities.models import Activity

    client = client_for(members["staff"])
    response = client.post(reverse("activities:activity-create"), activity_data(world, "sibling"))
    assert response.status_code == 302
    mine = Activity.objects.get(title_sv="Gästföreläsning")
    edit = reverse("activities:activity-edit", args=[mine.pk])
    assert client.get(edit).status_code == 200
    response = client.post(edit, activity_data(world, "sibling", title_sv="Ändrad", expected_version=1))
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.title_sv == "Ändrad"
    theirs = world["sibling"]["activity"]
    assert client.get(reverse("activities:activity-edit", args=[theirs.pk])).status_code == 403
    assert client.post(reverse("activities:activity-delete", args=[theirs.pk])).status_code == 403
    assert client.post(reverse("activities:activity-delete", args=[mine.pk])).status_code == 302
    assert not Activity.objects.filter(pk=mine.pk).exists()
    assert Activity.objects.filter(pk=theirs.pk).exists()


def test_partnership_coordinator_cannot_move_an_activity_out_of_reach(members, world):
    """Editing a record into a partnership the user does not reach is refused and saves nothing."""
    activity = world["own"]["activity"]
    client = client_for(members["partnership_coordinator"])
    url = reverse("activities:activity-edit", args=[activity.pk])
    data = activity_data(world, "sibling", title_sv=activity.title_sv, expected_version=activity.version)
    data["type"] = world["own"]["activitytype"].pk
    response = client.post(url, data)
    assert response.status_code == 403  # the form was valid: the policy refused it
    activity.refresh_from_db()
    assert activity.partnership == world["own"]["partnership"]


# --- records the authority keeps ---------------------------------------------


def test_an_administrator_deletes_an_agreement_only_with_a_logged_reason(members, world):
    from samverka.core.models import AuditEntry
    from samverka.partnerships.models import Agreement

    agreement = world["own"]["agreement"]
    url = reverse("partnerships:agreement-delete", args=[agreement.pk])
    admin = client_for(members["admin"])
    assert 'name="reason"' in admin.get(url).content.decode()
    response = admin.post(url, {"reason": "kort"})
    assert response.status_code == 400
    assert Agreement.objects.filter(pk=agreement.pk).exists()
    reason = "Dubblett av avtal 2, registrerat två gånger"
    assert admin.post(url, {"reason": reason}).status_code == 302
    assert not Agreement.objects.filter(pk=agreement.pk).exists()
    entry = AuditEntry.objects.get(action="partnerships.agreement.deleted", object_id=agreement.pk)
    assert entry.changes["reason"]["after"] == reason
    assert entry.actor == members["admin"]


def test_coordinators_cannot_delete_agreements(members, world):
    agreement = world["own"]["agreement"]
    url = reverse("partnerships:agreement-delete", args=[agreement.pk])
    for role in ("coordinator", "partnership_coordinator"):
        client = client_for(members[role])
        assert client.post(url, {"reason": "Jag vill ta bort det här avtalet"}).status_code == 403
        assert 'href="' + url not in client.get(agreement.get_absolute_url()).content.decode()


# --- the API: the same rules ---------------------------------------------------------

API = api_routes()


def expected_api(route, role, where) -> int:
    kind = route.model_name
    if not may_at_all(role, "view", kind):
        return 403
    if not route.takes_pk:
        return 200
    return 200 if may(role, "view", kind, where) else 404


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", API, ids=[r.name for r in API])
def test_the_api_answers_every_role_as_the_pages_do(members, world, route, role):
    client = client_for(members[role])
    targets = ("own", "sibling", "other") if route.takes_pk else ("own",)
    got = {where: client.get(url_for(route, world[where])).status_code for where in targets}
    expected = {where: expected_api(route, role, where) for where in targets}
    if route.takes_pk:
        expected["other"] = 404 if may_at_all(role, "view", route.model_name) else 403
    assert got == expected


API_RECORDS = [r for r in API if r.takes_pk]
API_LISTS = [r for r in API if not r.takes_pk]


# Records of the world that others use (PROTECT): the activity's type, the partner's organisation
# (a representative's membership) and the partnership (its agreement, kept by the authority).
# A body's kind, its meetings and a meeting's decisions are used too.
# An annual report keeps its approved versions.
STILL_IN_USE = {"activitytype", "organisation", "partnership", "bodytype", "body", "meeting", "annualreport"}


def expected_api_write(route, role, action, where, done) -> int:
    """A change or deletion of the ``where`` record: as the workspace answers its pages."""
    kind = route.model_name
    if not may_at_all(role, action, kind):
        return 403  # the role may not do it to any record of the kind
    if where == "other":
        return 404
    if may(role, action, kind, where):
        return done
    return 403 if may(role, "view", kind, where) else 404


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", API_RECORDS, ids=[r.name for r in API_RECORDS])
def test_the_api_changes_exactly_what_the_role_may_change(members, world, route, role):
    """PATCH with the version read: 200 where the role may change the record, else 403/404
    and every field as it was."""
    client = client_for(members[role])
    for where in ("own", "sibling", "other"):
        target = world[where][route.model_name]
        before = fields(target)
        response = client.patch(
            url_for(route, world[where]), {"version": target.version}, content_type="application/json"
        )
        assert (where, response.status_code) == (
            where,
            expected_api_write(route, role, "change", where, 200),
        )
        target.refresh_from_db()
        if response.status_code == 200:
            assert response.json()["version"] == before["version"] + 1
        else:
            assert fields(target) == before


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", API_RECORDS, ids=[r.name for r in API_RECORDS])
def test_the_api_deletes_exactly_what_the_role_may_delete(members, world, route, role):
    """DELETE: 204 where the role may (409 for a record the world's other records still use),
    else 403/404; an agreement is never swept away with its partnership."""
    client = client_for(members[role])
    done = 409 if route.model_name in STILL_IN_USE else 204
    for where in ("own", "sibling", "other"):
        target = world[where][route.model_name]
        before = fields(target)
        response = client.delete(url_for(route, world[where]))
        assert (where, response.status_code) == (
            where,
            expected_api_write(route, role, "delete", where, done),
        )
        exists = type(target).objects.filter(pk=target.pk).exists()
        assert exists == (response.status_code != 204)
        if exists:
            target.refresh_from_db()
            assert fields(target) == before
        assert type(world[where]["agreement"]).objects.filter(pk=world[where]["agreement"].pk).exists()


def new_like(route, records) -> dict:
    """The body of a new record like the ``records``' one, with its unique values made new."""
    target = records[route.model_name]
    resource = next(r for r in RESOURCES if r.model is route.model)
    data = resource.serializer()(target).data
    body = {name: value for name, value in data.items() if name in resource.form._meta.fields}
    for unique in ("slug", "code"):
        if body.get(unique):
            body[unique] = f"{body[unique]}-ny"
    if "org_number" in body:
        body["org_number"] = ""
    if route.model_name == "agendaitem":  # one item of each number per meeting
        body["number"] += 1
    if route.model_name == "attendance":  # one attendance per person and meeting
        body["person"] = records["person"].pk
    if route.model_name in ("indicatoryear", "assessment", "annualreport"):  # one per year (and side)
        body["year"] += 1
    if route.model_name == "assessmentanswer":  # one answer about each thing
        body["focus_area"] = records["focusarea"].pk
    return body


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", API_LISTS, ids=[r.name for r in API_LISTS])
def test_the_api_creates_exactly_what_the_role_may_create(members, world, route, role):
    """POST a record like the own or sibling partnership's: 201 where the role may add it there;
    else refused (403, or 400 where the partnership is not one the role may choose), nothing made."""
    client = client_for(members[role])
    model = route.model
    for where in ("own", "sibling"):
        count = model.objects.count()
        body = new_like(route, world[where])
        response = client.post(url_for(route, world[where]), body, content_type="application/json")
        if not may_at_all(role, "add", route.model_name):
            expected = {403}
        elif may(role, "add", route.model_name, where):
            expected = {201}
        else:
            expected = {400, 403}
        assert response.status_code in expected, (where, response.json())
        assert model.objects.count() == count + (response.status_code == 201)
        if response.status_code == 201:
            made = model.objects.get(pk=response.json()["id"])
            assert made.institution_id == members[role].memberships.get().institution_id
            assert made.created_by == members[role]


API_ACTIONS = [route for route in api_action_routes() if route.name.endswith("-merge")]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", API_ACTIONS, ids=[r.name for r in API_ACTIONS])
def test_the_api_merges_exactly_what_the_role_may_merge(members, world, route, role):
    """POST …/{id}/merge/ of the sibling world's record into the own one: done where the role may
    change the one kept and delete the other, else 403 and both records as they were; another
    institution's record answers 404 to those who may merge."""
    assert route.name.endswith("-merge")
    client = client_for(members[role])
    kind = route.model_name
    survivor, duplicate = world["own"][kind], world["sibling"][kind]
    before = fields(duplicate)
    body = {
        "duplicate": duplicate.pk,
        "versions": {"survivor": survivor.version, "duplicate": duplicate.version},
    }
    allowed = may(role, "change", kind, "own") and may(role, "delete", kind, "sibling")
    foreign = client.post(url_for(route, world["other"]), body, content_type="application/json")
    assert foreign.status_code == (404 if allowed else 403)
    response = client.post(url_for(route, world["own"]), body, content_type="application/json")
    assert response.status_code == (200 if allowed else 403)
    assert type(duplicate).objects.filter(pk=duplicate.pk).exists() == (not allowed)
    if not allowed:
        duplicate.refresh_from_db()
        assert fields(duplicate) == before
