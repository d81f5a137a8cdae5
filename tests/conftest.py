"""Personas and the world they live in: two institutions, one partnership each."""

import contextlib
import datetime
import os
import pickle

import pytest
from django.conf import settings
from django.test import Client

from tests import factories as f

CHROMIUM = "/usr/bin/chromium"

# Playwright's sync API runs an event loop in the test thread; Django must still allow
# synchronous database access from that thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "correct horse battery"

# What the autouse fixtures below set for each test, and ``shared_world`` for the world it builds.
TEST_SETTINGS = {
    "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
    "SAMVERKA_IDEA_INDEX_BACKGROUND": False,
}


def pytest_configure(config):
    """SAMVERKA_TEST_CLOCK=2027-01-01 runs the suite as if it were that day (the clock still
    ticks): the suite must pass on any day, not only in the year it was written (.ci/run)."""
    clock = os.environ.get("SAMVERKA_TEST_CLOCK")
    if clock:
        import time_machine

        moment = datetime.datetime.fromisoformat(clock)
        if moment.tzinfo is None:
            moment = moment.replace(hour=moment.hour or 10, tzinfo=datetime.UTC)
        time_machine.travel(moment, tick=True).start()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Tests marked ``xdist_group`` run on one worker (``make test``: ``--dist loadgroup``).

    pytest-xdist 3.8 marks a test's group by rewriting ``item._nodeid``, which pytest 9 no longer
    reads (a node's id is ``item._id``): without this the groups were spread over both workers,
    and each built the group's costly fixtures (tests/backup: 16 s, twice)."""
    if not getattr(config.option, "loadgroup", False):
        return
    from _pytest.nodeid import NodeId

    for item in items:
        groups = sorted(
            {
                str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
                for mark in item.iter_markers("xdist_group")
            }
        )
        if groups and "@" not in item.nodeid:
            item._id = NodeId.parse(f"{item.nodeid}@{'_'.join(groups)}")


def pytest_report_header(config):
    clock = os.environ.get("SAMVERKA_TEST_CLOCK")
    return f"clock moved to {clock} (SAMVERKA_TEST_CLOCK)" if clock else None


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    """Background tasks run as they are queued (tests/imports/test_imports.py also runs the real worker)."""
    settings.TASKS = TEST_SETTINGS["TASKS"]


@pytest.fixture(autouse=True)
def _matching_indexes_at_once(settings):
    """A matchmaking index is built afresh as the records change, in the request (a test's
    records are in its transaction, which a background thread would not see; tests/ideas/test_ideas.py
    tests the background rebuild), and no index outlives a test's database."""
    from samverka.ideas.domain.matching import clear_cache

    settings.SAMVERKA_IDEA_INDEX_BACKGROUND = TEST_SETTINGS["SAMVERKA_IDEA_INDEX_BACKGROUND"]
    clear_cache()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (the local-memory cache outlives a test's database)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _swedish_by_default():
    """Each test starts in the default language: a request under /en/ leaves English active."""
    from django.utils import translation

    translation.activate("sv")
    yield
    translation.deactivate()


def _shared(request, name):
    """The test's copy of the shared world's ``name`` in a module that shares one
    (``shared_world``), else None."""
    if "shared_world" not in request.fixturenames:
        return None
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        pytest.fail("a test that commits cannot run in a module that shares its world (shared_world)")
    return request.getfixturevalue("_shared_world_copy")[name]


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The institutions, ``world`` and ``members``, built once for a whole test module that asks
    for it (``pytestmark = pytest.mark.usefixtures("shared_world")``), as Django's
    ``setUpTestData``: in a transaction open for the module, rolled back at its end; each test runs
    in a savepoint within it (pytest-django's ``db``) and gets its own copy of the objects.

    The access matrix asks the same world thousands of times; building it per test was three
    quarters of the suite's time. A module that shares it must not hold tests that commit."""
    from django.db import transaction
    from django.test import override_settings

    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
    try:  # a world that fails to build is rolled back too, not left open for the worker's next tests
        with (
            django_db_blocker.unblock(),
            override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"), **TEST_SETTINGS),
        ):
            institution, other_institution = _institution(), _other_institution()
            world = build_world(institution, other_institution)
            members = build_members(institution, world)
            # each member signed in once: their tests' clients carry the session (``client_for``)
            _signed_in.update({user.pk: _sign_in(user) for user in members.values()})
            shared = {
                "institution": institution,
                "other_institution": other_institution,
                "world": world,
                "members": members,
            }
        yield pickle.dumps(shared, pickle.HIGHEST_PROTOCOL)
    finally:
        _signed_in.clear()
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def _shared_world_copy(shared_world):
    """The test's own copy of the shared objects: what a test changes in memory stays its own, as
    what it changes in the database is rolled back."""
    return pickle.loads(shared_world)  # noqa: S301 - the bytes shared_world pickled itself


@pytest.fixture
def institution(request, db):
    if (shared := _shared(request, "institution")) is not None:
        return shared
    return _institution()


@pytest.fixture
def other_institution(request, db):
    if (shared := _shared(request, "other_institution")) is not None:
        return shared
    return _other_institution()


def _institution():
    return f.InstitutionFactory(name_sv="Umeå universitet", name_en="Umeå University", slug="umu")


def _other_institution():
    return f.InstitutionFactory(name_sv="Annat lärosäte", name_en="Other University", slug="other")


def _member(institution, role, username):
    return f.MembershipFactory(institution=institution, role=role, user__username=username).user


@pytest.fixture
def coordinator(institution):
    return _member(institution, "coordinator", "coordinator")


@pytest.fixture
def viewer(institution):
    return _member(institution, "viewer", "viewer")


@pytest.fixture
def administrator(institution):
    return _member(institution, "admin", "administrator")


@pytest.fixture
def outsider(other_institution):
    """A coordinator of another institution."""
    return _member(other_institution, "coordinator", "outsider")


@pytest.fixture
def stranger(db):
    """Signed in, but member of no institution."""
    return f.UserFactory(username="stranger")


def free_ports(count: int = 1) -> list[int]:
    """Ports on 127.0.0.1 nothing listens on, all different (each held until all are found)."""
    import socket
    from contextlib import ExitStack

    with ExitStack() as held:
        sockets = [held.enter_context(socket.socket()) for _ in range(count)]
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]


def free_port() -> int:
    return free_ports(1)[0]


def client_for(user) -> Client:
    """A client signed in as ``user``, past both log-in steps.

    ``force_login`` skips the password, and this skips the second factor that
    administrators must give: tests/access/test_login.py goes through both for real.
    """
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = _signed_in.get(user.pk) or _sign_in(user)
    return client


# user id → the key of a session in which a member of a shared world (``shared_world``) has signed in
_signed_in: dict[int, str] = {}


def _sign_in(user) -> str:
    """The key of a new session of ``user``, signed in past both steps."""
    from samverka.access import twofactor

    client = Client()
    client.force_login(user)
    session = client.session
    session[twofactor.SESSION_KEY] = twofactor.OK
    session.save()
    return session.session_key


@pytest.fixture
def coordinator_client(coordinator):
    return client_for(coordinator)


@pytest.fixture
def viewer_client(viewer):
    return client_for(viewer)


@pytest.fixture
def world(request, institution, other_institution):
    """One of every record of ``build_world``: built for the test, or a copy of the module's
    shared one (``shared_world``)."""
    if (shared := _shared(request, "world")) is not None:
        return shared
    return build_world(institution, other_institution)


def build_world(institution, other_institution) -> dict:
    """One of every record in the user's institution and in another one.

    ``own`` and ``sibling`` are two partnerships of the user's institution, each
    with its own partner organisation and records; ``other`` is another
    institution's. Partnership coordinators and partner representatives
    (``members``) reach ``own`` only.
    """

    def build(inst, org_number):
        org = f.OrganisationFactory(institution=inst, org_number=org_number)
        person = f.PersonFactory(institution=inst, side="partner", organisation=org)
        affiliation = f.AffiliationFactory(person=person, organisation=org)
        unit = f.UnitFactory(institution=inst)
        partnership = f.PartnershipFactory(institution=inst, organisations=[org])
        agreement = f.AgreementFactory(partnership=partnership, sequence=1)
        focus_area = f.FocusAreaFactory(partnership=partnership)
        assignment = f.CoordinatorAssignmentFactory(
            person=f.PersonFactory(institution=inst), partnership=partnership
        )
        activity_type = f.ActivityTypeFactory(institution=inst)
        activity = f.ActivityFactory(
            institution=inst, type=activity_type, partnership=partnership, focus_area=focus_area
        )
        news = f.NewsItemFactory(institution=inst, published=True)
        news.partnerships.set([partnership])
        interaction = f.InteractionFactory(partnership=partnership, organisation=org, visibility="shared")
        interaction.people.set([person])
        invitation = f.InvitationFactory(partnership=partnership, organisation=org)
        representative = f.MembershipFactory(institution=inst, role="partner", organisation=org)
        import_job = f.ImportJobFactory(institution=inst)
        governance = _governance(inst, partnership)
        follow_up = _follow_up(inst, partnership)
        idea = f.IdeaFactory(partnership=partnership, focus_area=focus_area)
        profile = f.ExpertProfileFactory(institution=inst, unit=unit)
        synonym = f.SynonymFactory(institution=inst)
        return {
            **governance,
            **follow_up,
            "idea": idea,
            "expertprofile": profile,
            "ideacontact": f.IdeaContactFactory(idea=idea, profile=profile),
            "organisation": org,
            "person": person,
            "affiliation": affiliation,
            "unit": unit,
            "partnership": partnership,
            "agreement": agreement,
            "focusarea": focus_area,
            "coordinatorassignment": assignment,
            "activitytype": activity_type,
            "activity": activity,
            "newsitem": news,
            "interaction": interaction,
            "invitation": invitation,
            "membership": representative,
            "importjob": import_job,
            "synonym": synonym,
        }

    return {
        "own": build(institution, "556012-5790"),
        "sibling": build(institution, "202100-5489"),
        "other": build(other_institution, "556012-5790"),
    }


def _governance(institution, partnership) -> dict:
    """One of each governance record of ``partnership``: a body with a member, a meeting whose
    documents are sent out (so its partner sees it) with an agenda item, an attendance, a decision
    and an action, and an earlier meeting whose minutes are approved (a ``minutesversion``)."""
    from samverka.governance.domain.meetings import approve_minutes

    body = f.BodyFactory(institution=institution, partnership=partnership)
    member = f.BodyMemberFactory(body=body)
    meeting = f.MeetingFactory(body=body, documents_released=True)
    item = f.AgendaItemFactory(meeting=meeting, number=1)
    attendance = f.AttendanceFactory(meeting=meeting, person=member.person)
    decision = f.DecisionFactory(meeting=meeting, agenda_item=item)
    action = f.ActionItemFactory(body=body, meeting=meeting, decision=decision, owner=member.person)
    earlier = f.MeetingFactory(
        body=body, documents_released=True, starts_at=meeting.starts_at - datetime.timedelta(days=60)
    )
    version = approve_minutes(
        earlier, adjusters=[member.person], actor=None, expected_version=earlier.version
    )
    return {
        "bodytype": body.type,
        "body": body,
        "bodymember": member,
        "meeting": meeting,
        "agendaitem": item,
        "attendance": attendance,
        "decision": decision,
        "actionitem": action,
        "minutesversion": version,
    }


def _follow_up(institution, partnership) -> dict:
    """One of each follow-up record of ``partnership``: the partner's own goal with an indicator and
    its year, resources the partner earmarks (so a partner representative may change them), the
    university side's draft assessment with an answer (so only the university side sees it), and
    an annual report whose approved version 1 is being followed by a new version (a draft)."""
    from samverka.followup.domain.report import approve_report, start_new_version

    goal = f.GoalFactory(partnership=partnership, owner="partner")
    indicator = f.IndicatorFactory(goal=goal)
    assessment = f.AssessmentFactory(partnership=partnership, side="university")
    report = f.AnnualReportFactory(partnership=partnership)
    version = approve_report(report, registry_number="", actor=None, expected_version=report.version)
    report = start_new_version(
        report, reason="Siffrorna för 2025 rättas", actor=None, expected_version=report.version
    )
    answer = f.AssessmentAnswerFactory(assessment=assessment)
    assessment.refresh_from_db()  # the answer moved it on to version 2
    return {
        "annualreport": report,
        "reportversion": version,
        "goal": goal,
        "indicator": indicator,
        "indicatoryear": f.IndicatorYearFactory(indicator=indicator),
        "resourcecommitment": f.ResourceCommitmentFactory(partnership=partnership, party="partner"),
        "assessment": assessment,
        "assessmentanswer": answer,
    }


# Every role of the policy (core.permissions), as a user of the institution.
ROLES = ("admin", "coordinator", "partnership_coordinator", "management", "staff", "viewer", "partner")


@pytest.fixture
def members(request, institution, world):
    """role → a user with that role; the scoped roles reach the ``own`` partnership of ``world``."""
    if (shared := _shared(request, "members")) is not None:
        return shared
    return build_members(institution, world)


def build_members(institution, world) -> dict:
    users = {}
    for role in ROLES:
        membership = f.MembershipFactory(institution=institution, role=role, user__username=f"m-{role}")
        if role == "partnership_coordinator":
            membership.partnerships.set([world["own"]["partnership"]])
        if role == "partner":
            membership.organisation = world["own"]["organisation"]
            membership.save()
        users[role] = membership.user
    return users


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """No persistent connections in tests, so test databases can be dropped at the end."""
    from django.conf import settings

    settings.DATABASES["default"]["CONN_MAX_AGE"] = 0


@contextlib.contextmanager
def chromium_page():
    """A page of Debian's chromium, driven by Playwright. Inside it, Django's connections are
    Playwright's context's own: a test that reads the database first does so before it."""
    from pathlib import Path

    from django.db import connections
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "make test installs Debian's chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        context = browser.new_context(locale="sv-SE")
        page = context.new_page()
        # The Content-Security-Policy is enforced: anything it blocks shows as a console error.
        blocked = []
        page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
        yield page
        browser.close()
        # Django's connections are context-local: the test body ran inside Playwright's
        # context and opened its own, which must be closed here or PostgreSQL keeps it.
        connections.close_all()
        assert blocked == [], "the pages broke their own Content-Security-Policy"


@pytest.fixture
def page():
    """A page of Debian's chromium, driven by Playwright (tests marked ``browser``)."""
    with chromium_page() as page:
        yield page
