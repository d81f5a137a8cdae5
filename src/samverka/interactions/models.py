"""The log of every contact: calls, meetings, e-mails, visits and notes with a partnership, an
organisation or people, so a coordinator needs no contact sheet of their own (issue 23)."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.core.language import as_written, joined
from samverka.core.models import Institution, InstitutionOwned
from samverka.directory.models import Organisation, Person
from samverka.lib.urls import reverse_id
from samverka.partnerships.models import Partnership


class InteractionKind(models.TextChoices):
    CALL = "call", _("call")
    MEETING = "meeting", _("meeting")
    EMAIL = "email", _("e-mail")
    VISIT = "visit", _("visit")
    NOTE = "note", _("note")


class Visibility(models.TextChoices):
    INTERNAL = "internal", _("internal")
    SHARED = "shared", _("shared with the partner")


# The contacts with a follow-up date not yet done: the start page, the calendar feed, the filter.
TO_FOLLOW_UP = models.Q(follow_up_on__isnull=False, followed_up=False)


class Interaction(InstitutionOwned):
    """One contact: who took part on both sides, when, what was said in short, and when to follow
    it up. Internal unless shared with the partner, whose representatives then see it in their
    partnership."""

    partnership_path = "partnership_id"

    kind = models.CharField(_("kind"), max_length=20, choices=InteractionKind.choices)
    occurred_on = models.DateField(_("date"))
    summary = models.CharField(_("summary"), max_length=300)
    notes = models.TextField(_("notes"), blank=True)
    partnership = models.ForeignKey(
        Partnership,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="interactions",
        verbose_name=_("partnership"),
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interactions",
        verbose_name=_("organisation"),
    )
    people = models.ManyToManyField(
        Person, blank=True, related_name="interactions", verbose_name=_("who took part")
    )
    follow_up_on = models.DateField(
        _("follow up by"), null=True, blank=True, help_text=_("Shown among what needs attention until then.")
    )
    followed_up = models.BooleanField(
        _("followed up"),
        default=False,
        help_text=_("Tick when done: the follow-up leaves the lists and calendar."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.INTERNAL
    )

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts log")
        ordering = ["-occurred_on", "-id"]
        indexes = [
            models.Index(fields=["institution", "-occurred_on", "-id"], name="interaction_newest"),
            models.Index(fields=["partnership", "-occurred_on"], name="interaction_partnership"),
        ]

    def __str__(self) -> str:
        return joined(
            ": ", f"{self.occurred_on:%Y-%m-%d} {self.get_kind_display()}", as_written(self.summary)
        )

    def get_absolute_url(self) -> str:
        return reverse_id("interactions:interaction-detail", self.pk)

    @property
    def follow_up_open(self) -> bool:
        return self.follow_up_on is not None and not self.followed_up

    def clean(self) -> None:
        if self.follow_up_on and self.occurred_on and self.follow_up_on < self.occurred_on:
            raise ValidationError({"follow_up_on": _("A follow-up comes after the contact.")})


def attachment_path(attachment: "InteractionAttachment", filename: str) -> str:
    """Stored under a random name: the e-mail's own name is kept in ``name`` and given on download."""
    return f"contacts/{timezone.now():%Y}/{uuid.uuid4().hex}"


class InteractionAttachment(models.Model):
    """A file that came with an e-mail logged as a contact (``interactions.mailfiles``): seen by
    those who see the contact, always downloaded, never shown in the browser."""

    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="+", verbose_name=_("institution")
    )
    interaction = models.ForeignKey(
        Interaction, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("contact")
    )
    name = models.CharField(_("file name"), max_length=200)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    size = models.PositiveIntegerField(_("size in bytes"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["interaction", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse_id("interactions:interaction-attachment", self.pk)
