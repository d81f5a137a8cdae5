"""Governance of a partnership: bodies at corresponding levels, their members, meetings,
agenda items, attendance, numbered decisions, action items and approved minutes.

The guide asks that management on both sides run the partnership at
"motsvarande organisationsnivåer", and that the coordinator prepares the
material and follows up. Minutes are an authority's document: once approved
they are locked (``Meeting.locked_message``), and a correction is a new,
recorded version (``MinutesVersion``).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samverka.core.display import StrOrPromise
from samverka.core.language import as_written, joined, text_in
from samverka.core.models import InstitutionOwned
from samverka.directory.models import Person, Unit
from samverka.lib.dates import period_constraint, period_errors
from samverka.lib.uploads import DocumentValidator
from samverka.lib.urls import reverse_id
from samverka.partnerships.models import FocusArea, Partnership


class BodyType(InstitutionOwned):
    """A kind of governance body (styrgrupp, ledningsgrupp …): a managed list per institution.

    ``code`` identifies the standard kinds (``governance.domain.STANDARD_BODY_TYPES``)
    whatever the institution calls them.
    """

    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("kind of body")
        verbose_name_plural = _("kinds of body")
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["institution", "code"], name="bodytype_unique_code")]

    def __str__(self) -> str:
        return text_in(self, "name")

    def get_absolute_url(self) -> str:
        return reverse_id("governance:bodytype-detail", self.pk)


class Level(models.IntegerChoices):
    """The organisational levels at which the two sides meet (the guide's "motsvarande nivåer")."""

    TOP = 1, _("1 – top management")
    FACULTY = 2, _("2 – faculty or department ↔ division")
    OPERATIONS = 3, _("3 – operations")


class Body(InstitutionOwned):
    """A governance body of one partnership, at one level, with members from both sides."""

    partnership_path = "partnership_id"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="bodies", verbose_name=_("partnership")
    )
    type = models.ForeignKey(
        BodyType, on_delete=models.PROTECT, related_name="bodies", verbose_name=_("kind of body")
    )
    name = models.CharField(_("name"), max_length=200)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices, default=Level.TOP)
    focus_area = models.ForeignKey(
        FocusArea,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bodies",
        verbose_name=_("focus area"),
        help_text=_("For a working group of one focus area."),
    )
    units = models.ManyToManyField(
        Unit,
        blank=True,
        related_name="bodies",
        verbose_name=_("units that meet here"),
        help_text=_(
            "On both sides, e.g. a faculty and the partner's administration that meet at this level."
        ),
    )
    remit = models.TextField(_("remit"), blank=True)
    cadence = models.CharField(
        _("meeting cadence"), max_length=100, blank=True, help_text=_("E.g. “four times a year”.")
    )
    send_out_days = models.PositiveSmallIntegerField(
        _("documents sent out, days before a meeting"),
        default=7,
        validators=[MaxValueValidator(90)],
        help_text=_("The agenda and its documents are due to the members this many days before."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("governance body")
        verbose_name_plural = _("governance bodies")
        ordering = ["partnership", "level", "name"]

    def __str__(self) -> str:
        return text_in(self, "name")

    def get_absolute_url(self) -> str:
        return reverse_id("governance:body-detail", self.pk)

    def clean(self) -> None:
        if self.focus_area_id and self.focus_area.partnership_id != self.partnership_id:
            raise ValidationError({"focus_area": _("Choose a focus area of the body's partnership.")})


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("chair")
    VICE_CHAIR = "vice_chair", _("vice-chair")
    SECRETARY = "secretary", _("secretary")
    MEMBER = "member", pgettext_lazy("body member role", "member")
    SUBSTITUTE = "substitute", _("substitute")
    ADJUNCT = "adjunct", _("co-opted")


class BodyMemberQuerySet(models.QuerySet):
    def current(self, day=None) -> "BodyMemberQuerySet":
        """Members whose period includes ``day`` (today by default)."""
        day = day or timezone.localdate()
        return self.filter(
            Q(starts_on__isnull=True) | Q(starts_on__lte=day), Q(ends_on__isnull=True) | Q(ends_on__gte=day)
        )


class BodyMember(InstitutionOwned):
    """A person's seat in a body, with a role and a period: ended seats are kept as history."""

    partnership_path = "body__partnership_id"

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="members", verbose_name=_("body"))
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="body_seats", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)

    objects = BodyMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("body member")
        verbose_name_plural = _("body members")
        ordering = ["body", "role", "person__last_name", "id"]
        constraints = [period_constraint("bodymember_ends_after_start")]

    def __str__(self) -> str:
        return _("{person}, {role} of {body}").format(
            person=self.person, role=self.get_role_display(), body=self.body
        )

    def get_absolute_url(self) -> str:
        return reverse_id("governance:bodymember-detail", self.pk)

    def clean(self) -> None:
        if errors := period_errors(self.starts_on, self.ends_on):
            raise ValidationError(errors)


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    APPROVED = "approved", pgettext_lazy("minutes", "approved")


class Meeting(InstitutionOwned):
    """A meeting of a body: its agenda, attendance, minutes, decisions and action items.

    ``documents_released`` says the agenda and its documents have been sent out:
    from then on the members (partner representatives too) see them.
    ``minutes_status`` moves draft → approved only through
    ``governance.domain.meetings``; approved minutes are locked.
    """

    partnership_path = "body__partnership_id"
    reference_search_fields = ("title", "body__name_sv", "body__name_en")

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("body"))
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Empty: the body's name and the date.")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    registry_number = models.CharField(
        _("registry number"),
        max_length=60,
        blank=True,
        help_text=_("Diarienummer of the approved minutes, e.g. FS 1.6.2-123-26."),
    )
    documents_released = models.BooleanField(_("documents sent out"), default=False, editable=False)
    minutes_status = models.CharField(
        _("minutes"),
        max_length=20,
        choices=MinutesStatus.choices,
        default=MinutesStatus.DRAFT,
        editable=False,
    )
    correction_reason = models.TextField(
        _("reason for the correction under way"),
        blank=True,
        editable=False,
        help_text=_("Given when the approved minutes are opened; kept with the corrected version."),
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=F("starts_at")),
                name="meeting_ends_after_start",
            )
        ]
        indexes = [
            models.Index(fields=["institution", "-starts_at", "-id"], name="meeting_list_order"),
            models.Index(fields=["body", "-starts_at"], name="meeting_body_order"),
        ]

    def __str__(self) -> str:
        if self.title:
            return as_written(self.title)  # typed in one language: its words tell which
        when = timezone.localtime(self.starts_at).date().isoformat() if self.starts_at else ""
        if not self.body_id:
            return when
        return joined(" ", self.body, when) if when else str(self.body)

    def get_absolute_url(self) -> str:
        return reverse_id("governance:meeting-detail", self.pk)

    @property
    def is_approved(self) -> bool:
        return self.minutes_status == MinutesStatus.APPROVED

    def locked_message(self) -> StrOrPromise | None:
        """Why the minutes cannot change now, or None."""
        if self.is_approved:
            return _(
                "The minutes of this meeting are approved and locked. Start a correction on the "
                "meeting's page to change them; the approved version is kept."
            )
        return None

    def clean(self) -> None:
        if self.pk and (message := self.locked_message()):
            raise ValidationError(message)
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The meeting cannot end before it starts.")})
        if self.pk and self.starts_at and self.decisions.exists():
            # Decisions are numbered per body and year: they keep the meeting's body and year.
            stored = Meeting.objects.get(pk=self.pk)
            if stored.body_id != self.body_id:
                raise ValidationError({"body": _("The meeting has decisions numbered in its body: keep it.")})
            if timezone.localtime(stored.starts_at).year != timezone.localtime(self.starts_at).year:
                raise ValidationError(
                    {"starts_at": _("The meeting has decisions numbered in its year: keep the year.")}
                )


class MeetingPart(InstitutionOwned):
    """A part of a meeting's minutes (an agenda item, attendance, a decision): locked with them."""

    partnership_path = "meeting__body__partnership_id"

    class Meta:
        abstract = True

    def locked_message(self) -> StrOrPromise | None:
        return self.meeting.locked_message() if self.meeting_id else None

    def clean(self) -> None:
        if message := self.locked_message():
            raise ValidationError(message)


class Outcome(models.TextChoices):
    INFORMATION = "information", _("information")
    DISCUSSION = "discussion", _("discussion")
    DECISION = "decision", _("decision")


class AgendaItem(MeetingPart):
    """A numbered item of a meeting's agenda, with the minutes written for it."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    number = models.PositiveSmallIntegerField(_("item number"))
    title = models.CharField(_("title"), max_length=300)
    presenter = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="presented_items",
        verbose_name=_("presenter"),
    )
    outcome = models.CharField(
        _("expected outcome"), max_length=20, choices=Outcome.choices, default=Outcome.INFORMATION
    )
    background = models.TextField(_("background"), blank=True)
    attachment = models.FileField(
        _("attachment"),
        upload_to="meetings/%Y/",
        blank=True,
        validators=[DocumentValidator()],
        help_text=_("PDF, Word (.docx), OpenDocument (.odt), PNG or JPEG."),
    )
    minutes = models.TextField(
        _("minutes of the item"), blank=True, help_text=_("What was said and concluded.")
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "number", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="agendaitem_unique_number")]

    def __str__(self) -> str:
        return joined(" ", f"§ {self.number}", as_written(self.title))

    def get_absolute_url(self) -> str:
        return reverse_id("governance:agendaitem-detail", self.pk)


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("present")
    ABSENT = "absent", _("absent")
    SUBSTITUTE = "substitute", _("attending as substitute")


class Attendance(MeetingPart):
    """Whether a person attended a meeting, and for whom a substitute stood in."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("meeting")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="attendances", verbose_name=_("person")
    )
    status = models.CharField(
        _("attendance"), max_length=20, choices=AttendanceStatus.choices, default=AttendanceStatus.PRESENT
    )
    substitute_for = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="substituted_by",
        verbose_name=_("substitute for"),
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting", "person__last_name", "person__first_name", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="attendance_unique_person")]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse_id("governance:attendance-detail", self.pk)

    def clean(self) -> None:
        super().clean()
        if self.status == AttendanceStatus.SUBSTITUTE and not self.substitute_for_id:
            raise ValidationError({"substitute_for": _("Say whom the substitute stood in for.")})
        if self.status != AttendanceStatus.SUBSTITUTE and self.substitute_for_id:
            raise ValidationError({"substitute_for": _("Only a substitute stands in for someone.")})
        if self.substitute_for_id and self.substitute_for_id == self.person_id:
            raise ValidationError({"substitute_for": _("A person cannot stand in for themselves.")})


class Decision(MeetingPart):
    """A decision of a body, numbered per body and year ("Beslut 2026:3") by ``governance.domain``.

    ``body`` repeats the meeting's body so the database can guard the numbering.
    """

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("meeting")
    )
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="decisions", editable=False, verbose_name=_("body")
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
        verbose_name=_("agenda item"),
    )
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    number = models.PositiveSmallIntegerField(_("number"), editable=False)
    text = models.TextField(_("text of the decision"))

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-year", "-number", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["body", "year", "number"], name="decision_unique_number")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """ "Beslut 2026:3": how minutes and letters cite the decision."""
        return _("Decision {year}:{number}").format(year=self.year, number=self.number)

    def get_absolute_url(self) -> str:
        return reverse_id("governance:decision-detail", self.pk)

    def clean(self) -> None:
        super().clean()
        if self.agenda_item_id and self.meeting_id and self.agenda_item.meeting_id != self.meeting_id:
            raise ValidationError({"agenda_item": _("Choose an item of the decision's meeting.")})


class ActionStatus(models.TextChoices):
    OPEN = "open", _("open")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


def overdue_on(day) -> Q:
    """The one rule of "overdue": open, and due before ``day``. Lists and reminders filter with it
    (``governance.domain.actions.overdue_actions``); ``ActionItem.is_overdue_on`` says it of one."""
    return Q(status__in=OPEN_ACTION_STATUSES, due_on__lt=day)


class ActionItem(InstitutionOwned):
    """Something a named person has to do by a date, arising from a body's meeting or decision.

    The owner is a member of the body or a coordinator of the partnership
    (``governance.domain.actions.owner_error``); status changes are recorded.
    """

    partnership_path = "body__partnership_id"

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="action_items", verbose_name=_("body")
    )
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
        verbose_name=_("meeting"),
    )
    decision = models.ForeignKey(
        Decision,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
        verbose_name=_("decision"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
        verbose_name=_("agenda item"),
    )
    title = models.CharField(_("action"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="action_items", verbose_name=_("owner")
    )
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["institution", "status", "due_on", "id"], name="actionitem_due_order"),
            models.Index(fields=["owner", "status", "due_on"], name="actionitem_owner_due"),
        ]

    def __str__(self) -> str:
        return as_written(self.title)  # typed in one language: its words tell which

    def get_absolute_url(self) -> str:
        return reverse_id("governance:actionitem-detail", self.pk)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES

    def is_overdue_on(self, day) -> bool:
        """``overdue_on`` of this action: open, and due before ``day``."""
        return self.is_open and self.due_on < day

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())

    def clean(self) -> None:
        from samverka.governance.domain.actions import arising_meeting, owner_error  # noqa: PLC0415 - circular import: the domain imports this

        errors = {}
        meeting = arising_meeting(self)  # saved as the action's (``complete_action``)
        if self.decision_id and meeting and self.decision.meeting_id != meeting.pk:
            errors["decision"] = _("Choose a decision of the action's meeting.")
        if meeting and self.body_id and meeting.body_id != self.body_id:
            errors["meeting"] = _("Choose a meeting of the action's body.")
        if self.decision_id and self.body_id and self.decision.body_id != self.body_id:
            errors["decision"] = _("Choose a decision of the action's body.")
        if self.agenda_item_id and meeting and self.agenda_item.meeting_id != meeting.pk:
            errors["agenda_item"] = _("Choose an item of the action's meeting.")
        if self.body_id and self.owner_id and (message := owner_error(self.body, self.owner)):
            errors["owner"] = message
        if errors:
            raise ValidationError(errors)


class MinutesVersion(InstitutionOwned):
    """One approved version of a meeting's minutes, frozen as they were approved.

    ``content`` holds the minutes as approved (``governance.domain.minutes.minutes_content``),
    so the approved document never changes when the live records do; a correction
    approves a new version and both are kept.
    """

    partnership_path = "meeting__body__partnership_id"

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="minutes_versions", verbose_name=_("meeting")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    approved_at = models.DateTimeField(pgettext_lazy("minutes", "approved"))
    adjusters = models.ManyToManyField(
        Person, blank=True, related_name="adjusted_minutes", verbose_name=_("adjusted by")
    )
    registry_number = models.CharField(_("registry number"), max_length=60, blank=True)
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    content = models.JSONField(_("minutes as approved"), default=dict, editable=False)

    class Meta:
        verbose_name = _("approved minutes")
        verbose_name_plural = _("approved minutes")
        ordering = ["meeting", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="minutesversion_unique_number")
        ]

    def __str__(self) -> str:
        return _("Minutes of {meeting}, version {number}").format(meeting=self.meeting, number=self.number)

    def get_absolute_url(self) -> str:
        return reverse_id("governance:minutesversion-detail", self.pk)


class ReminderDigest(models.Model):
    """One reminder e-mail sent to one address on one day: never two (``samverka remind``).

    Keyed by a SHA-256 digest of the lower-cased address, not by a person: two records of one
    person (before a merge) still get one e-mail, and the log holds no readable address.
    """

    address_digest = models.CharField(max_length=64)
    day = models.DateField()
    action_count = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["address_digest", "day"], name="reminder_once_a_day")]

    def __str__(self) -> str:
        return f"{self.address_digest[:8]} {self.day}"


class CalendarFeed(models.Model):
    """A user's secret calendar address: only the SHA-256 digest of its token is stored.

    Calendar programs cannot log in, so the address itself is the key; making a
    new one (``governance.calendar.new_feed``) ends the old one.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("user"),
    )
    token_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar address")
        verbose_name_plural = _("calendar addresses")

    def __str__(self) -> str:
        return str(self.user)
