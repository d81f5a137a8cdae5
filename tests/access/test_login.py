"""Log-in as users meet it: the password, lock-out, the second factor, sessions and log-out everywhere.

These go through the real log-in page (no ``force_login``), with the project's
Argon2 hasher, django-axes and django-otp.
"""

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories as f
from tests.conftest import PASSWORD

START = "/app/"


def log_in(client, username, password=PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def code_for(device, offset=0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def test_a_coordinator_logs_in_and_out(coordinator):
    client = Client()
    assert log_in(client, "coordinator").status_code == 302
    assert client.get(START).status_code == 200
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    client.post(reverse("logout"))
    assert client.get(START).status_code == 302


def test_passwords_are_stored_with_argon2(coordinator):
    coordinator.refresh_from_db()
    assert coordinator.password.startswith("argon2$")


def test_repeated_failures_lock_the_user_name_out_from_that_address(coordinator, viewer):
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "coordinator", "wrong password").status_code == 200
    locked = log_in(client, "coordinator", "wrong password")
    assert locked.status_code == 429
    assert "För många misslyckade inloggningar" in locked.content.decode()
    # Now even the right password is refused, and says why ...
    assert log_in(client, "coordinator").status_code == 429
    assert client.get(START).status_code == 302
    # ... but another user at the same address is not locked out,
    assert log_in(Client(), "viewer").status_code == 302
    # and the lock-out ends after the cool-off time.
    from axes.models import AccessAttempt

    AccessAttempt.objects.update(attempt_time=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC))
    assert log_in(client, "coordinator").status_code == 302


def test_a_successful_log_in_starts_the_count_again(coordinator):
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "coordinator", "wrong password")
    assert log_in(client, "coordinator").status_code == 302
    client.post(reverse("logout"))
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "coordinator", "wrong password").status_code == 200
    assert log_in(client, "coordinator").status_code == 302


def test_log_out_everywhere_ends_every_session(coordinator):
    laptop, phone = Client(), Client()
    log_in(laptop, "coordinator")
    log_in(phone, "coordinator")
    assert phone.get(START).status_code == 200
    assert "2 ställen" in laptop.get(reverse("account:overview")).content.decode()
    response = laptop.post(reverse("account:logout-everywhere"))
    assert response.status_code == 302
    assert phone.get(START).status_code == 302
    assert laptop.get(START).status_code == 302
    assert not Session.objects.exists()


# --- two-factor authentication ----------------------------------------------


def wait_out_the_throttle(device):
    """As a user would, after a wrong code (django-otp refuses even a right one for a moment)."""
    throttle = {"throttling_failure_timestamp": None, "throttling_failure_count": 0}
    TOTPDevice.objects.filter(pk=device.pk).update(**throttle)


def set_up_authenticator(client) -> TOTPDevice:
    page = client.get(reverse("account:two-factor-setup"))
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    # an image with its name (role="img" is not allowed on a <figure>: the Nu HTML checker)
    assert '<div class="qr" role="img" aria-label="QR-kod' in page.content.decode()
    device = TOTPDevice.objects.get(confirmed=False)
    key = page.context["key"].replace(" ", "")
    assert key and key in page.content.decode().replace(" ", "")
    assert client.post(reverse("account:two-factor-setup"), {"code": "000000"}).status_code == 200
    device.refresh_from_db()
    assert not device.confirmed
    assert device.throttling_failure_count == 1  # django-otp slows wrong codes down
    wait_out_the_throttle(device)
    response = client.post(reverse("account:two-factor-setup"), {"code": code_for(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_an_administrator_must_set_up_two_factor_authentication(administrator):
    client = Client()
    assert log_in(client, "administrator").status_code == 302
    for url in (START, reverse("partnerships:partnership-list"), reverse("account:overview"), "/admin/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account:two-factor-setup"))
    set_up_authenticator(client)
    assert client.get(START).status_code == 200


def test_the_second_log_in_asks_for_a_code(administrator):
    client = Client()
    log_in(client, "administrator")
    device = set_up_authenticator(client)
    client.post(reverse("logout"))
    log_in(client, "administrator")
    response = client.get(START)
    assert response["Location"].startswith(reverse("account:two-factor-verify"))
    wrong = client.post(reverse("account:two-factor-verify"), {"code": "123456", "next": START})
    assert wrong.status_code == 200
    assert client.get(START).status_code == 302
    wait_out_the_throttle(device)
    right = client.post(reverse("account:two-factor-verify"), {"code": code_for(device, 1), "next": START})
    assert right.status_code == 302
    assert right["Location"] == START
    assert client.get(START).status_code == 200


@pytest.mark.parametrize("target", ["https://evil.example.com/", "//evil.example.com/x"])
def test_the_code_page_never_sends_elsewhere(administrator, target):
    client = Client()
    log_in(client, "administrator")
    device = set_up_authenticator(client)
    client.post(reverse("logout"))
    log_in(client, "administrator")
    data = {"code": code_for(device, 1), "next": target}
    response = client.post(reverse("account:two-factor-verify"), data)
    assert response["Location"] == reverse("workspace:start")


def test_a_coordinator_may_turn_two_factor_on_and_off(coordinator):
    client = Client()
    log_in(client, "coordinator")
    assert client.get(START).status_code == 200  # not required of coordinators
    set_up_authenticator(client)
    client.post(reverse("logout"))
    log_in(client, "coordinator")
    assert client.get(START)["Location"].startswith(reverse("account:two-factor-verify"))
    device = TOTPDevice.objects.get(user=coordinator)
    client.post(reverse("account:two-factor-verify"), {"code": code_for(device, 1)})
    assert client.post(reverse("account:two-factor-remove")).status_code == 302
    assert not TOTPDevice.objects.filter(user=coordinator).exists()


def test_an_administrator_cannot_turn_it_off(administrator):
    client = Client()
    log_in(client, "administrator")
    set_up_authenticator(client)
    client.post(reverse("account:two-factor-remove"))
    assert TOTPDevice.objects.filter(user=administrator, confirmed=True).exists()


def test_a_superuser_without_membership_must_also_use_it(db):
    f.UserFactory(username="root", is_superuser=True, is_staff=True)
    client = Client()
    log_in(client, "root")
    assert client.get("/admin/")["Location"].startswith(reverse("account:two-factor-setup"))


def test_expired_sessions_are_not_counted_as_places(coordinator):
    import datetime as dt

    from django.utils import timezone

    old, new = Client(), Client()
    log_in(old, "coordinator")
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(minutes=1))
    log_in(new, "coordinator")
    assert "1 ställe" in new.get(reverse("account:overview")).content.decode()
