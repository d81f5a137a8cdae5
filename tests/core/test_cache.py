"""What is kept until an institution's records change (``core.cache``) is never kept past a change."""

import datetime
import re
import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samverka.core.cache import cached_for_institution
from samverka.core.models import AuditEntry, Membership
from tests import factories as f
from tests.conftest import client_for


def test_what_another_request_made_during_a_change_is_not_kept_past_its_commit(
    institution, django_capture_on_commit_callbacks
):
    """A value another request makes while a change's transaction is open is made from the records
    before the change, under the token the change has just replaced: the commit replaces it again."""
    with django_capture_on_commit_callbacks() as callbacks:
        f.OrganisationFactory(institution=institution)
        made = cached_for_institution(institution.pk, "made", lambda: "from the records before the change")
        assert made == "from the records before the change"
    assert callbacks
    for callback in callbacks:
        callback()
    assert cached_for_institution(institution.pk, "made", lambda: "made again") == "made again"


def test_a_change_is_seen_at_once_by_the_request_that_made_it(institution):
    assert cached_for_institution(institution.pk, "made", lambda: "before") == "before"
    f.OrganisationFactory(institution=institution)
    assert cached_for_institution(institution.pk, "made", lambda: "after") == "after"


def test_a_members_reach_or_name_changing_makes_what_was_kept_out_of_date(institution, django_user_model):
    """What a member is shown depends on their membership (role, partnerships, organisation) and
    lists show users' names: changing either is a change of what is kept; logging in is not."""
    membership = f.MembershipFactory(institution=institution, role="partner")
    other = f.InstitutionFactory()

    def kept_after(change) -> bool:
        name = str(uuid.uuid4())
        cached_for_institution(institution.pk, name, lambda: "before")
        change()
        return cached_for_institution(institution.pk, name, lambda: "after") == "before"

    def set_role():
        membership.role = "reader"
        membership.save()

    assert not kept_after(set_role)
    assert not kept_after(lambda: membership.partnerships.add(f.PartnershipFactory(institution=institution)))
    assert not kept_after(lambda: membership.partnerships.clear())
    assert not kept_after(lambda: f.MembershipFactory(institution=institution, role="reader"))
    leaving = f.MembershipFactory(institution=institution, role="reader")
    assert not kept_after(leaving.delete)

    def rename():
        membership.user.first_name = "Ny"
        membership.user.save()

    assert not kept_after(rename)
    # Logging in, or a member of another institution changing, leaves it kept.
    assert kept_after(lambda: membership.user.save(update_fields=["last_login"]))
    assert kept_after(lambda: f.MembershipFactory(institution=other, role="reader").save())
    assert kept_after(lambda: f.UserFactory().save())


def _read(client, url, **params) -> tuple[str, list[str]]:
    """The page and the SQL its request ran."""
    with CaptureQueriesContext(connection) as context:
        page = client.get(url, params)
        assert page.status_code == 200
    return page.content.decode(), [query["sql"] for query in context]


def _table(page: str) -> str:
    return page[page.index("<table>") : page.index("</table>")]


def _reads_activities(sql: list[str]) -> bool:
    return any('FROM "activities_activity"' in query for query in sql)


def test_a_lists_table_is_kept_until_a_record_or_the_day_changes(
    coordinator_client, institution, monkeypatch
):
    """A list asked again shows the same table without reading its records; a change to a record
    of the institution, or a new day, shows at once."""
    partnership = f.PartnershipFactory(institution=institution)
    first = f.ActivityFactory(institution=institution, partnership=partnership, title_sv="Vätgasdag")
    f.ActivityFactory(institution=institution, partnership=partnership, title_sv="Cykeldag")
    url = reverse("activities:activity-list")
    made, sql = _read(coordinator_client, url)
    assert _reads_activities(sql) and "Vätgasdag" in made
    kept, sql = _read(coordinator_client, url)
    assert _table(kept) == _table(made) and not _reads_activities(sql)
    # What was asked is part of what is kept: another sorting or filter reads the records.
    _page, sql = _read(coordinator_client, url, o="title")
    assert _reads_activities(sql)
    # A change, a new record and a deletion are seen at once.
    first.title_sv = "Vätgasens dag"
    first.save()
    changed, sql = _read(coordinator_client, url)
    assert _reads_activities(sql) and "Vätgasens dag" in changed and "Vätgasdag" not in changed
    f.ActivityFactory(institution=institution, partnership=partnership, title_sv="Matsvinnsdag")
    assert "Matsvinnsdag" in _read(coordinator_client, url)[0]
    first.delete()
    assert "Vätgasens dag" not in _read(coordinator_client, url)[0]
    # Another day: dates are shown as past or due, so the table is made again.
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr("samverka.core.views.timezone.localdate", lambda: tomorrow)
    assert _reads_activities(_read(coordinator_client, url)[1])


def test_a_kept_table_is_each_members_own_and_follows_their_reach(institution, world, members):
    """The table a coordinator was shown is never shown to a partner's representative asking the
    same list, and a representative who loses a partnership stops seeing its records at once."""
    own, sibling = world["own"]["activity"], world["sibling"]["activity"]
    url = reverse("activities:activity-list")
    coordinator, partner = client_for(members["coordinator"]), client_for(members["partner"])
    for _ in range(2):
        assert str(sibling) in _read(coordinator, url)[0]
        shown = _read(partner, url)[0]
        assert str(own) in shown and str(sibling) not in shown
    membership = Membership.objects.get(user=members["partner"])
    membership.organisation = world["sibling"]["organisation"]
    membership.save()
    shown = _read(partner, url)[0]
    assert str(sibling) in shown and str(own) not in shown


def test_records_that_tell_no_cache_are_listed_as_they_are(administrator, institution):
    """The audit trail's entries are written without the institution's signals: its list is
    made each time, so an entry shows at once."""
    url = reverse("access:audit-list")
    client = client_for(administrator)
    _read(client, url)
    AuditEntry.objects.create(
        institution=institution, actor=administrator, action="core.test", object_repr="Nytt inlägg"
    )
    assert "Nytt inlägg" in _read(client, url)[0]


def test_every_kept_list_shows_records_whose_changes_tell_the_cache():
    """A list's table is kept only for records whose every change makes the institution's kept
    values out of date (``core.signals``): the institution's own records and its memberships."""
    from django.urls import get_resolver

    from samverka.core.models import InstitutionOwned
    from samverka.core.views import RecordListView

    get_resolver().url_patterns  # noqa: B018 - imports every view of the workspace

    def views(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from views(sub)

    kept = {view.__name__: view.model for view in views(RecordListView) if view.rows_kept and view.model}
    assert "ActivityListView" in kept and "AuditListView" not in kept and "ImportJobListView" not in kept
    assert not [name for name, model in kept.items() if not issubclass(model, InstitutionOwned | Membership)]


def _sections(page: str) -> str:
    """A partnership page's sections of related records, from its agreements to its news (the
    contacts box among them has a form: its CSRF token is each request's own)."""
    sections = page[page.index('id="agreements-heading"') : page.index("</main>")]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", sections)


def test_a_partnerships_sections_are_kept_until_a_record_changes(institution, world, members):
    """The partnership's page asked again shows the same sections without reading its related
    records; each member is shown their own, and a new record of any section shows at once."""
    partnership = world["own"]["partnership"]
    f.AgreementFactory(partnership=partnership, registry_number="Dnr 2026/17")
    url = partnership.get_absolute_url()
    coordinator, partner = client_for(members["coordinator"]), client_for(members["partner"])
    related = ('FROM "partnerships_agreement"', 'FROM "partnerships_focusarea"', 'FROM "activities_activity"')
    made, sql = _read(coordinator, url)
    assert [table for table in related if any(table in query for query in sql)] == list(related)
    kept, sql = _read(coordinator, url)
    assert _sections(kept) == _sections(made)
    assert not [query for query in sql if any(table in query for table in related)]
    # A partner's representative does not see the agreements the coordinator was shown.
    assert "Dnr 2026/17" in made and "Dnr 2026/17" not in _read(partner, url)[0]
    f.FocusAreaFactory(institution=institution, partnership=partnership, name_sv="Cirkulär ekonomi")
    f.ActivityFactory(institution=institution, partnership=partnership, title_sv="Slamdag")
    changed = _read(coordinator, url)[0]
    assert "Cirkulär ekonomi" in changed and "Slamdag" in changed
