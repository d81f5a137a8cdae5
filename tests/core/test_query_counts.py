"""Every list and detail page runs the same number of queries with 1 row as with 3."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samverka.core import registry
from samverka.core.cache import invalidate_institution
from tests import factories as f
from tests.urlconf import Route, internal_routes


def may_open(role: str, route: Route) -> bool:
    from samverka.core.permissions import GRANTS

    return any(grant.covers(route.action, route.model) for grant in GRANTS[role])


def full_activity(institution, partnership, focus_area):
    activity = f.ActivityFactory(institution=institution, partnership=partnership, focus_area=focus_area)
    activity.people.add(f.PersonFactory(institution=institution))
    activity.units.add(f.UnitFactory(institution=institution))
    activity.organisations.add(f.OrganisationFactory(institution=institution))
    return activity


def add_rows(kind, institution, partnership):
    """One more fully linked record of ``kind``."""
    if kind == "partnership":
        p = f.PartnershipFactory(institution=institution)
        p.units.add(f.UnitFactory(institution=institution))
        f.ActivityFactory(institution=institution, partnership=p)
    elif kind == "organisation":
        parent = f.OrganisationFactory(institution=institution)
        org = f.OrganisationFactory(institution=institution, parent=parent)
        partnership.organisations.add(org)
    elif kind == "person":
        f.PersonFactory(
            institution=institution,
            side="partner",
            organisation=f.OrganisationFactory(institution=institution),
        )
        f.PersonFactory(institution=institution, unit=f.UnitFactory(institution=institution))
    elif kind == "unit":
        f.UnitFactory(institution=institution, parent=f.UnitFactory(institution=institution))
    elif kind == "activity":
        full_activity(institution, partnership, f.FocusAreaFactory(partnership=partnership))
    elif kind == "activitytype":
        f.ActivityFactory(institution=institution, type=f.ActivityTypeFactory(institution=institution))
    elif kind == "newsitem":
        f.NewsItemFactory(institution=institution).partnerships.add(partnership)


def generic_rows(kind, institution, partnership):
    """One more record of a kind from its factory, in ``institution`` (in a partnership of its own
    when the kind belongs to one, so that one-per-partnership rules hold): what a new kind's list
    is measured with."""
    model = kind.model
    factory = getattr(f, f"{model.__name__}Factory")
    path = getattr(model, "partnership_path", None)
    if path in (None, "pk") or ("__" not in path and model._meta.get_field(path).many_to_many):
        return factory(institution=institution)
    return factory(**{path.removesuffix("_id"): f.PartnershipFactory(institution=institution)})


def audit_rows(institution, partnership):
    from samverka.core.audit import record_event

    action = "partnerships.partnership.updated"
    record_event(institution=institution, actor=None, action=action, obj=partnership)


# Kinds whose rows are richer than their factory's, or made without one.
ROWS = {
    "partnerships.partnership": lambda i, p: add_rows("partnership", i, p),
    "directory.organisation": lambda i, p: add_rows("organisation", i, p),
    "directory.person": lambda i, p: add_rows("person", i, p),
    "directory.unit": lambda i, p: add_rows("unit", i, p),
    "activities.activity": lambda i, p: add_rows("activity", i, p),
    "activities.activitytype": lambda i, p: add_rows("activitytype", i, p),
    "news.newsitem": lambda i, p: add_rows("newsitem", i, p),
    "core.membership": lambda i, p: f.MembershipFactory(institution=i, role="viewer"),
    "core.auditentry": audit_rows,
    "access.invitation": lambda i, p: f.InvitationFactory(partnership=p),
}


@pytest.fixture
def administrator_client(administrator):
    from tests.conftest import client_for

    return client_for(administrator)


def list_kinds() -> dict:
    """Every registered kind with a list (its app's records.py): each gets the test below."""
    return {kind.label: kind for kind in registry.kinds() if kind.list_view}


def rows_of(kind):
    """How the test makes one more row of ``kind``: its entry in ``ROWS``, else its factory."""
    if kind.label in ROWS:
        return ROWS[kind.label]
    if not hasattr(f, f"{kind.model.__name__}Factory"):
        return None
    return lambda institution, partnership: generic_rows(kind, institution, partnership)


def list_route(kind) -> Route:
    return next(r for r in internal_routes() if r.model is kind.model and r.name.endswith("-list"))


def rows_shown(client, url) -> int | None:
    """How many rows a list counts (None for a page that is no ``RecordListView``)."""
    paginator = client.get(url).context.get("paginator")
    return paginator.count if paginator is not None else None


def count_queries(client, url, **params):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
        assert response.status_code == 200
        if response.streaming:  # an export is read while it is sent
            b"".join(response.streaming_content)
    return len(context)


@pytest.mark.parametrize("label", sorted(list_kinds()))
def test_list_query_count_does_not_grow_with_rows(request, institution, label):
    """Every list and its export, with a coordinator (an administrator where only they may see it)."""
    kind = list_kinds()[label]
    route = list_route(kind)
    client = request.getfixturevalue(
        "coordinator_client" if may_open("coordinator", route) else "administrator_client"
    )
    partnership = f.PartnershipFactory(institution=institution)
    partnership.organisations.add(f.OrganisationFactory(institution=institution))
    add = rows_of(kind)
    add(institution, partnership)
    url = reverse(route.name)
    client.get(url)  # warm the content-type cache
    invalidate_institution(institution.pk)
    one = count_queries(client, url)
    exported = count_queries(client, url, format="csv")
    before = rows_shown(client, url)
    add(institution, partnership)
    add(institution, partnership)
    invalidate_institution(institution.pk)
    three = count_queries(client, url)
    assert three == one
    assert one <= 12
    assert count_queries(client, url, format="csv") == exported
    if before is not None:  # the rows made are the list's
        assert rows_shown(client, url) > before


def grow_partnership(institution, partnership):
    agreement = f.AgreementFactory(partnership=partnership)
    agreement.signatories.add(f.PersonFactory(institution=institution))
    focus_area = f.FocusAreaFactory(partnership=partnership, agreement=agreement)
    full_activity(institution, partnership, focus_area)
    f.CoordinatorAssignmentFactory(person=f.PersonFactory(institution=institution), partnership=partnership)
    f.NewsItemFactory(institution=institution).partnerships.add(partnership)
    partnership.organisations.add(f.OrganisationFactory(institution=institution))
    partnership.collaboration_forms.add(f.ActivityTypeFactory(institution=institution))


def test_partnership_detail_query_count_does_not_grow(coordinator_client, institution):
    partnership = f.PartnershipFactory(institution=institution)
    grow_partnership(institution, partnership)
    url = partnership.get_absolute_url()
    coordinator_client.get(url)  # warm the content-type cache the history lookup uses
    invalidate_institution(institution.pk)  # count the activities, not the cached counts
    one = count_queries(coordinator_client, url)
    grow_partnership(institution, partnership)
    grow_partnership(institution, partnership)
    invalidate_institution(institution.pk)
    three = count_queries(coordinator_client, url)
    assert three == one
    assert one <= 25


@pytest.mark.parametrize("lang_prefix", ["", "/en"])
def test_public_pages_query_count_does_not_grow(client, institution, lang_prefix):
    def grow():
        p = f.PartnershipFactory(institution=institution, published=True)
        f.FocusAreaFactory(partnership=p)
        person = f.PersonFactory(institution=institution, is_public=True)
        f.CoordinatorAssignmentFactory(person=person, partnership=None)
        f.CoordinatorAssignmentFactory(person=person, partnership=p)
        f.NewsItemFactory(institution=institution, published=True).partnerships.add(p)
        return p

    first = grow()
    list_url = lang_prefix + ("/partnerships/" if lang_prefix else "/partnerskap/")
    client.get(list_url)  # remember which institution is public (cached from then on)
    invalidate_institution(institution.pk)  # measure the rendering, not a cached page
    one = count_queries(client, list_url)
    detail_one = count_queries(client, f"{list_url}{first.slug}/")
    grow()
    grow()
    assert count_queries(client, list_url) == one
    assert count_queries(client, f"{list_url}{first.slug}/") == detail_one


def test_start_page_query_count_does_not_grow(coordinator_client, institution):
    soon = timezone.localdate() + datetime.timedelta(days=10)
    partnership = f.PartnershipFactory(institution=institution)
    add_rows("activity", institution, partnership)
    one = count_queries(coordinator_client, reverse("workspace:start"))
    for _ in range(2):
        add_rows("activity", institution, partnership)
        f.AgreementFactory(
            partnership=f.PartnershipFactory(institution=institution, next_review_date=soon),
            ends_on=soon,
        )
    page = coordinator_client.get(reverse("workspace:start"))
    assert len(page.context["agreements"]) == 2
    invalidate_institution(institution.pk)  # count the page's own queries, not cached totals
    assert count_queries(coordinator_client, reverse("workspace:start")) == one


# --- access pages and the partner's view ---------------------------------------------


def grow_access(institution, partnership):
    """One more member, invitation and audit entry of each kind."""
    org = partnership.organisations.first()
    f.MembershipFactory(institution=institution, role="partner", organisation=org)
    pc = f.MembershipFactory(institution=institution, role="partnership_coordinator")
    pc.partnerships.add(partnership)
    f.InvitationFactory(partnership=partnership, organisation=org)
    from samverka.core.audit import record_event

    record_event(
        institution=institution, actor=pc.user, action="partnerships.partnership.updated", obj=partnership
    )


@pytest.mark.parametrize(
    "name", ["access:membership-list", "access:invitation-list", "access:audit-list", "privacy:retention"]
)
def test_administrator_pages_query_count_does_not_grow(members, world, institution, name):
    from tests.conftest import client_for

    client = client_for(members["admin"])
    partnership = world["own"]["partnership"]
    url = reverse(name)
    client.get(url)
    one = count_queries(client, url)
    grow_access(institution, partnership)
    grow_access(institution, partnership)
    client.get(url)  # what is kept until the records change is made again once
    assert count_queries(client, url) == one
    assert one <= 16


@pytest.mark.parametrize("page", ["start", "partnership", "activities", "activity"])
def test_partner_pages_query_count_does_not_grow(members, world, institution, page):
    from tests.conftest import client_for

    client = client_for(members["partner"])
    partnership = world["own"]["partnership"]
    urls = {
        "start": reverse("workspace:start"),
        "partnership": partnership.get_absolute_url(),
        "activities": reverse("activities:activity-list"),
        "activity": world["own"]["activity"].get_absolute_url(),
    }

    def grow():
        grow_partnership(institution, partnership)
        full_activity(institution, partnership, world["own"]["focusarea"]).people.add(
            f.PersonFactory(institution=institution)
        )

    grow()
    client.get(urls[page])
    one = count_queries(client, urls[page])
    grow()
    grow()
    client.get(urls[page])  # values kept until the records change are made again once
    assert count_queries(client, urls[page]) == one
    assert one <= 25


# --- likely duplicates and the merge page --------------------------------------------------


def add_duplicate_pair(kind, institution, n):
    """One more likely duplicate pair of ``kind``, with what its rows show."""
    if kind == "organisation":
        word = ("Kopparbolaget", "Norrlandsfisk", "Vindkraft Syd")[n - 1]
        parent = f.OrganisationFactory(institution=institution, name=f"{word} koncernen group holding")
        for name in (word, f"{word} AB"):
            f.OrganisationFactory(institution=institution, name=name, parent=parent)
    else:
        org = f.OrganisationFactory(institution=institution)
        for _ in range(2):
            f.PersonFactory(
                institution=institution, side="partner", organisation=org, email=f"p{n}@example.se"
            )


@pytest.mark.parametrize("kind", ["organisation", "person"])
def test_duplicates_page_query_count_does_not_grow_with_pairs(coordinator_client, institution, kind):
    url = reverse(f"directory:{kind}-duplicates")
    add_duplicate_pair(kind, institution, 1)
    one = count_queries(coordinator_client, url)
    add_duplicate_pair(kind, institution, 2)
    add_duplicate_pair(kind, institution, 3)
    page = coordinator_client.get(url)
    assert len(page.context["rows"]) == 3
    invalidate_institution(institution.pk)  # count the matching, not the cached pairs
    assert count_queries(coordinator_client, url) == one
    assert one <= 12


def test_merge_page_query_count_does_not_grow_with_links(coordinator_client, institution):
    from tests.directory.test_duplicates import linked_organisation

    survivor, duplicate = linked_organisation(institution), linked_organisation(institution)
    url = reverse("directory:organisation-merge", args=[survivor.pk]) + f"?duplicate={duplicate.pk}"
    coordinator_client.get(url)  # warm the content-type cache
    one = count_queries(coordinator_client, url)
    for _ in range(2):
        for org in (survivor, duplicate):
            f.PartnershipFactory(institution=institution, organisations=[org])
            f.PersonFactory(institution=institution, side="partner", organisation=org)
            f.OrganisationFactory(institution=institution, parent=org)
    assert count_queries(coordinator_client, url) == one
    assert one <= 20
