"""Every list and detail page runs the same number of queries with 1 row as with 3."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samverka.core.cache import invalidate_institution
from tests import factories as f


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


LISTS = {
    "partnership": "partnerships:partnership-list",
    "organisation": "directory:organisation-list",
    "person": "directory:person-list",
    "unit": "directory:unit-list",
    "activity": "activities:activity-list",
    "activitytype": "activities:activitytype-list",
    "newsitem": "news:newsitem-list",
}


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


@pytest.mark.parametrize("kind", LISTS)
def test_list_query_count_does_not_grow_with_rows(coordinator_client, institution, kind):
    partnership = f.PartnershipFactory(institution=institution)
    add_rows(kind, institution, partnership)
    url = reverse(LISTS[kind])
    one = count_queries(coordinator_client, url)
    add_rows(kind, institution, partnership)
    add_rows(kind, institution, partnership)
    three = count_queries(coordinator_client, url)
    assert three == one
    assert one <= 12


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
    one = count_queries(coordinator_client, url)
    grow_partnership(institution, partnership)
    grow_partnership(institution, partnership)
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
    from tests.test_duplicates import linked_organisation

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
