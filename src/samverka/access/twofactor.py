"""Two-factor authentication with TOTP (django-otp): who needs it and where a session stands.

After the password, a session is in one of three states, kept in the session
(so that checking it costs no query): ``ok``; ``verify`` (the user has a
confirmed authenticator and must give a code); ``setup`` (the user must set
one up first: administrators and superusers, see
``SAMVERKA_REQUIRE_TWO_FACTOR_FOR_ADMINS``). ``SecondFactorMiddleware`` sends
a session that is not ``ok`` to the page that finishes the log-in.
"""

import base64

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from samverka.core.models import Membership, Role

SESSION_KEY = "samverka_second_factor"
OK, VERIFY, SETUP = "ok", "verify", "setup"


def is_required(user) -> bool:
    if not settings.SAMVERKA_REQUIRE_TWO_FACTOR_FOR_ADMINS:
        return False
    return user.is_superuser or Membership.objects.filter(user=user, role=Role.ADMIN).exists()


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def state_after_password(user) -> str:
    if confirmed_device(user) is not None:
        return VERIFY
    return SETUP if is_required(user) else OK


def session_state(request) -> str:
    return request.session.get(SESSION_KEY, OK)


def new_device(user) -> TOTPDevice:
    """An unconfirmed authenticator; it counts once the user has given a code from it."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Samverka", confirmed=False)


def readable_key(device: TOTPDevice) -> str:
    """The key in base32 groups of four, for typing into an app by hand."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def check_code(device: TOTPDevice, code: str) -> bool:
    """Verify a code; django-otp slows repeated wrong codes down (throttling)."""
    return device.verify_token("".join(code.split()))


def finish_log_in(request) -> None:
    """The second factor is given: the session may open pages."""
    request.session[SESSION_KEY] = OK


def confirm_device(request, device: TOTPDevice) -> None:
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    finish_log_in(request)


def remove_devices(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
