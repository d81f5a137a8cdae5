"""The audit trail: changes, log-ins and access changes are recorded, searchable and exportable."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from samverka.core.models import AuditEntry, Membership
from tests import factories as f
from tests.conftest import PASSWORD, client_for

AUDIT = reverse("access:audit-list")


def log_in(client, username, password=PASSWORD):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR="192.0.2.7"
    )


def test_log_ins_and_failures_are_recorded_without_the_password(coordinator, institution):
    log_in(Client(), "coordinator", "fel-lösenord-123")
    log_in(Client(), "coordinator")
    log_in(Client(), "ingen-sådan", "hemligt-lösen-456")
    failed = AuditEntry.objects.get(action="auth.user.login_failed", object_id=coordinator.pk)
    assert (failed.institution, failed.actor, failed.ip_address) == (institution, None, "192.0.2.7")
    succeeded = AuditEntry.objects.get(action="auth.user.logged_in", actor=coordinator)
    assert succeeded.institution == institution
    unknown = AuditEntry.objects.get(action="auth.user.login_failed", object_id=None)
    assert (unknown.institution, unknown.object_repr) == (None, "ingen-sådan")
    everything = str(list(AuditEntry.objects.values()))
    assert "fel-lösenord-123" not in everything
    assert "hemligt-lösen-456" not in everything


@pytest.fixture
def trail(institution, other_institution, coordinator, administrator, world):
    """Some events of the institution, and one of another institution."""
    client = client_for(coordinator)
    partnership = world["own"]["partnership"]
    data = {
        "title_sv": '=HYPERLINK("http://x")',
        "type": world["own"]["activitytype"].pk,
        "status": "planned",
    }
    assert client.post(reverse("activities:activity-create"), data).status_code == 302
    client.post(reverse("partnerships:partnership-status", args=[partnership.pk]), {"status": "under_review"})
    outsider = f.MembershipFactory(institution=other_institution, role="coordinator").user
    made = client_for(administrator).post(  # an event by someone else than the coordinator
        reverse("directory:organisation-create"), {"name": "Administratörens organisation", "type": "company"}
    )
    assert made.status_code == 302
    client_for(outsider).post(
        reverse("activities:activity-create"),
        {
            "title_sv": "Annat lärosätes aktivitet",
            "type": world["other"]["activitytype"].pk,
            "status": "planned",
        },
    )
    return client_for(administrator)


def test_administrators_read_the_trail_of_their_institution_only(trail, world):
    page = trail.get(AUDIT).content.decode()
    assert "HYPERLINK" in page
    assert world["own"]["partnership"].title in page
    assert "Annat lärosätes aktivitet" not in page


@pytest.mark.parametrize(
    ("query", "present", "absent"),
    [
        ({"verb": "status_changed"}, "Status: aktivt → under översyn", "HYPERLINK"),
        ({"actor": "coordinator"}, "HYPERLINK", "Administratörens organisation"),
        ({"q": "HYPERLINK"}, "HYPERLINK", "under översyn"),
        ({"since": "2000-01-01", "until": "2000-12-31"}, "0 träffar", "HYPERLINK"),
    ],
)
def test_the_trail_filters(trail, query, present, absent):
    page = trail.get(AUDIT, query).content.decode()
    assert present in page
    assert absent not in page


def test_the_trail_filters_by_kind_and_record(trail, world):
    from django.contrib.contenttypes.models import ContentType

    kind = ContentType.objects.get_for_model(world["own"]["partnership"]).pk
    query = {"kind": kind, "object_id": world["own"]["partnership"].pk}
    page = trail.get(AUDIT, query).content.decode()
    assert "Status: aktivt → under översyn" in page  # in words, not stored codes
    assert "HYPERLINK" not in page


def test_the_export_is_a_safe_csv_and_is_itself_recorded(trail):
    response = trail.get(AUDIT, {"format": "csv", "q": "HYPERLINK"})
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == 2  # header and the one entry
    record = rows[1][3]
    assert record.startswith("'=HYPERLINK")  # a formula is neutralised
    assert AuditEntry.objects.filter(action="core.auditentry.exported").count() == 1


def test_only_administrators_open_the_trail(members):
    for role, user in members.items():
        assert client_for(user).get(AUDIT).status_code == (200 if role == "admin" else 403)


def test_a_role_change_in_the_admin_is_recorded(institution, members):
    root = f.UserFactory(username="root", is_superuser=True, is_staff=True)
    membership = Membership.objects.get(user=members["viewer"])
    url = reverse("admin:core_membership_change", args=[membership.pk])
    data = {"user": membership.user_id, "institution": institution.pk, "role": "management", "language": "sv"}
    response = client_for(root).post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(action="core.membership.changed", object_id=membership.pk)
    assert entry.changes["role"] == {"before": "viewer", "after": "management"}
    assert entry.actor == root


def test_two_factor_and_log_out_everywhere_are_recorded(coordinator):
    from tests.access.test_login import set_up_authenticator

    client = Client()
    log_in(client, "coordinator")
    set_up_authenticator(client)
    assert client.post(reverse("account:two-factor-remove")).status_code == 302
    for verb in ("two_factor_on", "two_factor_off"):
        assert AuditEntry.objects.filter(action=f"auth.user.{verb}", actor=coordinator).exists(), verb
    client.post(reverse("account:logout-everywhere"))
    assert AuditEntry.objects.filter(action="auth.user.logged_out_everywhere", actor=coordinator).exists()
