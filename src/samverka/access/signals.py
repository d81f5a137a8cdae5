from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from samverka.access import sessions, twofactor


@receiver(user_logged_in, dispatch_uid="samverka-access-logged-in")
def after_log_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    request.session[twofactor.SESSION_KEY] = twofactor.state_after_password(user)
    sessions.remember(request, user)


@receiver(user_logged_out, dispatch_uid="samverka-access-logged-out")
def after_log_out(sender, request, user, **kwargs):
    if request is not None:
        sessions.forget(request)
