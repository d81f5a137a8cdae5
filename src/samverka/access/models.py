"""Invitations (how a partner representative gets an account, by a single-use, expiring link),
sessions, and the identities single sign-on keys accounts by."""

import hashlib

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.core.display import StrOrPromise, format_moment
from samverka.core.models import InstitutionOwned


def token_digest(token: str) -> str:
    """Only the digest of an invitation's token is stored: a copy of the database opens no door."""
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationState(models.TextChoices):
    PENDING = "pending", _("waiting for an answer")
    ACCEPTED = "accepted", _("accepted")
    EXPIRED = "expired", _("expired")
    REVOKED = "revoked", _("withdrawn")


class Invitation(InstitutionOwned):
    """An invitation of a person at a partner organisation to see a partnership in Samverka.

    Accepting it makes a membership with the role of partner representative for
    the organisation, so the person sees every partnership the organisation is
    party to (``core.permissions``), until ``access_until`` or the partnership's end.
    """

    partnership_path = "partnership_id"

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("partnership"),
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("partner organisation"),
    )
    email = models.EmailField(_("e-mail"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    language = models.CharField(
        _("language of the e-mail"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    access_until = models.DateField(
        _("access until"),
        null=True,
        blank=True,
        help_text=_("Leave empty for access as long as the partnership lasts."),
    )
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("link valid until"), editable=False)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True, editable=False)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name or self.email} ({self.organisation})"

    def get_absolute_url(self) -> str:
        return reverse("access:invitation-list")

    @property
    def state(self) -> str:
        if self.accepted_at:
            return InvitationState.ACCEPTED
        if self.revoked_at:
            return InvitationState.REVOKED
        if self.expires_at <= timezone.now():
            return InvitationState.EXPIRED
        return InvitationState.PENDING

    def get_state_display(self) -> StrOrPromise:
        return InvitationState(self.state).label


class UserSession(models.Model):
    """A signed-in session of a user, so that "log out everywhere" can end them all."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("signed-in session")
        verbose_name_plural = _("signed-in sessions")

    def __str__(self) -> str:
        return f"{self.user} {format_moment(self.created_at)}" if self.created_at else str(self.user)


class ExternalIdentity(models.Model):
    """Who an account is at an OpenID Connect provider: the issuer and the subject (``sub``) it
    gives, which stay when the person's e-mail address or name changes (``access/oidc.py``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_identities"
    )
    issuer = models.CharField(_("issuer"), max_length=300)
    subject = models.CharField(_("subject"), max_length=255)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("external identity")
        verbose_name_plural = _("external identities")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="external_identity_once"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} ({self.issuer})"
