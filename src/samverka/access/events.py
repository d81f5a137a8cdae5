"""Account events in the audit trail: log-ins, failed log-ins, log-outs, two-factor changes.

An event about a user is written once for each institution they are a member
of (so each institution's administrators see it), or once without an
institution for a user of none (only superusers see those, in the Django admin).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from samverka.core.audit import action_name, client_address, record_event
from samverka.core.models import Institution


def record_account_event(request, user, verb: str, *, actor=None, changes=None) -> None:
    institutions: list[Institution | None] = [*Institution.objects.filter(memberships__user=user)] or [None]
    for institution in institutions:
        record_event(
            institution=institution,
            actor=actor if actor is not None else user,
            action=action_name(user, verb),
            obj=user,
            changes=changes,
            ip_address=client_address(request),
        )


def record_failed_log_in(request, username: str) -> None:
    """A failed log-in: of a known user (in their institutions), or of a user name no one has."""
    user = get_user_model().objects.filter(username=username).first() if username else None
    if user is not None:
        record_account_event(request, user, "login_failed", actor=AnonymousUser())  # no one signed in
        return
    record_event(
        institution=None,
        actor=None,
        action="auth.user.login_failed",
        obj=None,
        object_repr=(username or "")[:150],
        ip_address=client_address(request),
    )
