"""Sessions: each log-in is remembered, so that a user can end every one of them at once."""

from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from samverka.access.models import UserSession


def _live_keys():
    """Keys of sessions that have not expired (the database session store, Django's default)."""
    return Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")


def remember(request, user) -> None:
    key = request.session.session_key
    if key:
        # Forget the user's sessions that have expired meanwhile, then remember this one.
        UserSession.objects.filter(user=user).exclude(session_key__in=_live_keys()).delete()
        UserSession.objects.update_or_create(
            session_key=key,
            defaults={"user": user, "user_agent": request.headers.get("user-agent", "")[:300]},
        )


def forget(request) -> None:
    if key := getattr(request, "session", None) and request.session.session_key:
        UserSession.objects.filter(session_key=key).delete()


def end_all_sessions(user) -> int:
    """Delete every session of ``user`` from the session store; the number ended."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    sessions = list(UserSession.objects.filter(user=user))
    for session in sessions:
        store(session_key=session.session_key).delete()
    UserSession.objects.filter(pk__in=[s.pk for s in sessions]).delete()
    return len(sessions)


def active_session_count(user) -> int:
    """The user's sessions that are still valid (expired ones do not count)."""
    return UserSession.objects.filter(user=user, session_key__in=_live_keys()).count()
