"""Invite, accept, withdraw; end a partner representative's access. Every step is in the audit trail."""

import datetime
import secrets
from collections.abc import Callable

from django import forms
from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverka.access.models import Invitation, InvitationState, token_digest
from samverka.core import mail
from samverka.core.audit import action_name, record_event
from samverka.core.domain.records import Actor, changes_of
from samverka.core.models import Membership, Role


def new_token() -> tuple[str, str]:
    """(token for the link, digest to store)."""
    token = secrets.token_urlsafe(32)
    return token, token_digest(token)


@transaction.atomic
def send_invitation(invitation: Invitation, *, actor: User, accept_url: Callable[[str], str]) -> Invitation:
    """Save a new invitation and e-mail its link; ``accept_url(token)`` makes the absolute address."""
    token, digest = new_token()
    invitation.token_digest = digest
    invitation.expires_at = timezone.now() + datetime.timedelta(days=settings.SAMVERKA_INVITATION_DAYS)
    invitation.created_by = actor
    invitation.save()
    record_event(
        institution=invitation.institution,
        actor=actor,
        action=action_name(invitation, "sent"),
        obj=invitation,
        changes={"email": {"before": None, "after": invitation.email}},
    )
    with translation.override(invitation.language):
        context = {
            "invitation": invitation,
            "url": accept_url(token),
            "inviter": actor.get_full_name() or actor.get_username(),
            "days": settings.SAMVERKA_INVITATION_DAYS,
        }
        subject = _("Invitation to the partnership {name} in Samverka").format(name=invitation.partnership)
        body = render_to_string("access/invitation_email.txt", context)
    # Sent after the transaction commits: no e-mail for an invitation that was rolled back.
    transaction.on_commit(
        lambda: mail.send(to=[invitation.email], subject=subject, text=body, language=invitation.language)
    )
    return invitation


def find_invitation(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("institution", "partnership", "organisation")
        .filter(token_digest=token_digest(token))
        .first()
    )


class InvitationError(ValidationError):
    pass


@transaction.atomic
def accept_invitation(invitation: Invitation, user: User) -> Membership:
    """Make ``user`` a partner representative by the invitation; refused unless it is still waiting."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.state != InvitationState.PENDING:
        raise InvitationError(
            _("This invitation can no longer be used (it is {state}).").format(
                state=invitation.get_state_display()
            )
        )
    if Membership.objects.filter(user=user, institution=invitation.institution_id).exists():
        raise InvitationError(
            _("Your account already has access to {institution}. Ask its coordinator to change it.").format(
                institution=invitation.institution
            )
        )
    membership = Membership.objects.create(
        user=user,
        institution=invitation.institution,
        role=Role.PARTNER,
        organisation=invitation.organisation,
        valid_until=invitation.access_until,
        language=invitation.language,  # e-mail from now on in the language they were invited in
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    record_event(
        institution=invitation.institution,
        actor=user,
        action=action_name(membership, "created"),
        obj=membership,
        changes={
            "role": {"before": None, "after": str(Role.PARTNER.label)},
            "organisation": {"before": None, "after": str(invitation.organisation)},
            "invitation": {"before": None, "after": invitation.pk},
        },
    )
    return membership


@transaction.atomic
def withdraw_invitation(invitation: Invitation, *, actor: Actor) -> None:
    if invitation.state != InvitationState.PENDING:
        raise InvitationError(_("Only an invitation that is still waiting can be withdrawn."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at", "updated_at"])
    record_event(
        institution=invitation.institution,
        actor=actor,
        action=action_name(invitation, "withdrawn"),
        obj=invitation,
    )


@transaction.atomic
def end_access(membership: Membership, *, actor: Actor) -> None:
    """End a membership's access today (the membership is kept, with its history)."""
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    before = membership.valid_until
    membership.valid_until = yesterday
    if membership.valid_from and membership.valid_from > yesterday:
        membership.valid_from = yesterday
    membership.save(update_fields=["valid_until", "valid_from"])
    record_event(
        institution=membership.institution,
        actor=actor,
        action=action_name(membership, "ended"),
        obj=membership,
        changes={"valid_until": {"before": before and before.isoformat(), "after": yesterday.isoformat()}},
    )


def record_membership_change(
    membership: Membership, form: forms.BaseForm, *, actor: Actor, created: bool
) -> None:
    """Write a membership's change (from a form already saved) to the audit trail."""
    changes = changes_of(form, form.changed_data)
    if not (changes or created):
        return
    record_event(
        institution=membership.institution,
        actor=actor,
        action=action_name(membership, "created" if created else "changed"),
        obj=membership,
        changes=changes,
    )


@transaction.atomic
def save_membership(form: "forms.ModelForm[Membership]", *, actor: Actor) -> Membership:
    membership = form.save()
    record_membership_change(membership, form, actor=actor, created=False)
    return membership
