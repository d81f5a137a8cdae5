from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from samverka.access import sessions, twofactor
from samverka.access.events import record_account_event, record_failed_log_in


@receiver(user_logged_in, dispatch_uid="samverka-access-logged-in")
def after_log_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    request.session[twofactor.SESSION_KEY] = twofactor.state_after_password(user)
    sessions.remember(request, user)
    record_account_event(request, user, "logged_in")


@receiver(user_login_failed, dispatch_uid="samverka-access-login-failed")
def after_failed_log_in(sender, credentials, request=None, **kwargs):
    record_failed_log_in(request, str(credentials.get("username", "")))


@receiver(user_logged_out, dispatch_uid="samverka-access-logged-out")
def after_log_out(sender, request, user, **kwargs):
    if request is not None:
        sessions.forget(request)
    if user is not None:
        record_account_event(request, user, "logged_out")
