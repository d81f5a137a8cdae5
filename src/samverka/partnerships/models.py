"""Strategic partnerships, their agreement periods, focus areas, criteria and coordinators."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from samverka.core.language import TextIn, text_in
from samverka.core.models import InstitutionOwned
from samverka.directory.models import Organisation, Person, Unit
from samverka.lib.dates import period_constraint, period_errors
from samverka.lib.uploads import DocumentValidator
from samverka.lib.urls import reverse_id


class PartnershipStatus(models.TextChoices):
    PROSPECTIVE = "prospective", _("prospective")
    NEGOTIATING = "negotiating", _("negotiating")
    ACTIVE = "active", _("active")
    UNDER_REVIEW = "under_review", _("under review")
    ENDED = "ended", _("ended")


# The allowed status changes; ``partnerships.domain.change_status`` enforces them.
STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    PartnershipStatus.PROSPECTIVE: frozenset({PartnershipStatus.NEGOTIATING, PartnershipStatus.ENDED}),
    PartnershipStatus.NEGOTIATING: frozenset(
        {PartnershipStatus.PROSPECTIVE, PartnershipStatus.ACTIVE, PartnershipStatus.ENDED}
    ),
    PartnershipStatus.ACTIVE: frozenset({PartnershipStatus.UNDER_REVIEW, PartnershipStatus.ENDED}),
    PartnershipStatus.UNDER_REVIEW: frozenset({PartnershipStatus.ACTIVE, PartnershipStatus.ENDED}),
    PartnershipStatus.ENDED: frozenset(),
}


class DatePrecision(models.TextChoices):
    """How precisely a start date is known: the seed says "since 2015" or "since January 2019"."""

    YEAR = "year", _("year")
    MONTH = "month", _("month")
    DAY = "day", _("day")


def validate_links(text: str) -> None:
    """One web address (http or https) per line."""
    check = URLValidator(schemes=["http", "https"])
    for line in text.splitlines():
        if line.strip():
            try:
                check(line.strip())
            except ValidationError:
                raise ValidationError(
                    _("“%(value)s” is not a web address: write it as https://www.example.se/."),
                    params={"value": line.strip()},
                    code="invalid",
                ) from None


class Partnership(InstitutionOwned):
    """A strategic partnership (strategiskt partnerskap) with one or more partner organisations.

    Its status moves only along ``STATUS_TRANSITIONS``; only published
    partnerships appear on the public pages, and never their internal notes.
    """

    partnership_path = "pk"
    internal_fields = ("internal_notes",)  # never shown to partner representatives

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in web addresses"), max_length=80)
    organisations = models.ManyToManyField(
        Organisation, related_name="partnerships", verbose_name=_("partner organisations")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PartnershipStatus.choices,
        default=PartnershipStatus.PROSPECTIVE,
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    start_precision = models.CharField(
        _("start date known to the"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_('Shown on the public page as "since 2015" or "since January 2019".'),
    )
    next_review_date = models.DateField(_("next review"), null=True, blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    public_description = models.TextField(_("public description"), blank=True)
    links = models.TextField(
        _("web pages"),
        blank=True,
        validators=[validate_links],
        help_text=_("Addresses of pages about the partnership, one per line; shown on the public page."),
    )
    internal_notes = models.TextField(_("internal notes"), blank=True)
    units = models.ManyToManyField(
        Unit, blank=True, related_name="partnerships", verbose_name=_("participating units")
    )
    collaboration_forms = models.ManyToManyField(
        "activities.ActivityType",
        blank=True,
        related_name="partnerships",
        verbose_name=_("collaboration forms"),
        help_text=_("The forms of collaboration the partnership works with."),
    )
    published = models.BooleanField(_("published"), default=False)
    order = models.PositiveSmallIntegerField(_("order on the public page"), default=0)

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["order", "title"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "slug"], name="partnership_unique_slug"),
        ]
        indexes = [models.Index(fields=["institution", "status"])]

    def __str__(self) -> str:
        return text_in(self, "title")

    def get_absolute_url(self) -> str:
        return reverse_id("partnerships:partnership-detail", self.pk)

    def get_public_url(self) -> str:
        return reverse("public:partnership", args=[self.slug])

    @property
    def agreement_ends_on(self) -> datetime.date | None:
        """When the current (latest) agreement ends, if it says; from prefetched agreements."""
        agreements = sorted(self.agreements.all(), key=lambda agreement: agreement.sequence)
        return agreements[-1].ends_on if agreements else None

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    @property
    def allowed_statuses(self) -> list[str]:
        return [s for s in PartnershipStatus.values if s in STATUS_TRANSITIONS[self.status]]

    @property
    def start_display(self) -> str:
        if self.start_date is None:
            return ""
        if self.start_precision == DatePrecision.YEAR:
            return str(self.start_date.year)
        if self.start_precision == DatePrecision.MONTH:
            return date_format(self.start_date, "F Y")
        return date_format(self.start_date, "j F Y")


class AgreementType(models.TextChoices):
    LETTER_OF_INTENT = "letter_of_intent", _("letter of intent")
    PARTNERSHIP_AGREEMENT = "partnership_agreement", _("partnership agreement")
    APPENDIX = "appendix", _("appendix")


class Agreement(InstitutionOwned):
    """One agreement period of a partnership (the 1st, 2nd, 3rd agreement …).

    Earlier periods are kept as history; ``Partnership.current_agreement`` is
    the one in force today (or the latest if none is).
    """

    partnership_path = "partnership_id"
    deletion_needs_reason = True  # kept by the authority: Trait.KEPT in partnerships/records.py
    internal_fields = ("notes",)

    # An agreement outlives a deletion of its partnership: it is deleted on its own, by an
    # administrator with a reason (``deletion_needs_reason``), never swept away with it.
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        related_name="agreements",
        verbose_name=_("partnership"),
    )
    sequence = models.PositiveSmallIntegerField(
        _("agreement number"), help_text=_("1 for the first agreement, 2 for the second …")
    )
    type = models.CharField(_("type"), max_length=30, choices=AgreementType.choices)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    starts_on = models.DateField(_("valid from"))
    ends_on = models.DateField(_("valid until"), null=True, blank=True)
    review_on = models.DateField(_("review by"), null=True, blank=True)
    registry_number = models.CharField(
        _("registry number"),
        max_length=60,
        blank=True,
        help_text=_("Diarienummer, e.g. FS 1.6.2-123-19."),
    )
    signatories = models.ManyToManyField(
        Person,
        blank=True,
        related_name="signed_agreements",
        verbose_name=_("signatories (both sides)"),
    )
    signed_file = models.FileField(
        _("signed agreement"),
        upload_to="agreements/%Y/",
        blank=True,
        validators=[DocumentValidator()],
        help_text=_("PDF, Word (.docx), OpenDocument (.odt), PNG or JPEG."),
    )
    notes = models.TextField(_("internal notes"), blank=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["partnership", "-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "sequence"], name="agreement_unique_sequence"),
            period_constraint("agreement_ends_after_start"),
        ]

    def __str__(self) -> str:
        return _("{partnership}: agreement {number}").format(
            partnership=self.partnership, number=self.sequence
        )

    def get_absolute_url(self) -> str:
        return reverse_id("partnerships:agreement-detail", self.pk)

    def clean(self) -> None:
        if errors := period_errors(self.starts_on, self.ends_on):
            raise ValidationError(errors)

    def is_in_force(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.starts_on <= on and (self.ends_on is None or on <= self.ends_on)


class FocusArea(InstitutionOwned):
    """A focus area (fokusområde) of a partnership, tied to the agreement period it belongs to."""

    partnership_path = "partnership_id"

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="focus_areas",
        verbose_name=_("partnership"),
    )
    agreement = models.ForeignKey(
        Agreement,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="focus_areas",
        verbose_name=_("agreement period"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_current = models.BooleanField(
        _("current"),
        default=True,
        help_text=_("Focus areas of earlier periods are kept, not shown publicly."),
    )

    class Meta:
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        ordering = ["partnership", "order", "name"]

    # Loaded with every choice of a focus area, for ``choice_label`` (``core.forms.limit_choices``).
    choice_related = ("agreement",)

    def __str__(self) -> str:
        return text_in(self, "name")

    @property
    def choice_label(self) -> str:
        """The name as a choice offers it, with its period, so that two periods' areas of one name
        are told apart: "Hälsa (avtal 2)", "Hälsa (avtal 1, tidigare period)"."""
        period = (
            [str(_("agreement %(number)s") % {"number": self.agreement.sequence})] if self.agreement else []
        )
        if not self.is_current:
            period.append(str(_("earlier period")))
        return f"{self.name} ({', '.join(period)})" if period else str(self)

    def get_absolute_url(self) -> str:
        return reverse_id("partnerships:focusarea-detail", self.pk)

    def clean(self) -> None:
        if self.agreement_id and self.partnership_id and self.agreement.partnership_id != self.partnership_id:
            raise ValidationError({"agreement": _("The agreement belongs to another partnership.")})


class Criterion(models.TextChoices):
    """The guide's defining criteria of a strategic partnership."""

    MANAGEMENT = "management", _("management engagement on both sides")
    COMMITMENTS = "commitments", _("mutual long-term commitments")
    GOALS = "goals", _("shared goals and challenges")
    FORMS = "forms", _("many collaboration forms and joint activities")
    BENEFIT = "benefit", _("mutual benefit")
    SCOPE = "scope", _("institution-wide scope")


class CriterionStatus(models.TextChoices):
    MET = "met", _("met")
    PARTLY = "partly", _("partly met")
    NOT_MET = "not_met", _("not met")
    UNKNOWN = "unknown", _("not assessed")


class PartnershipCriterion(InstitutionOwned):
    """Whether a partnership meets one of the guide's defining criteria, with a comment."""

    partnership_path = "partnership_id"

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("partnership"),
    )
    criterion = models.CharField(_("criterion"), max_length=20, choices=Criterion.choices)
    status = models.CharField(
        _("assessment"),
        max_length=10,
        choices=CriterionStatus.choices,
        default=CriterionStatus.UNKNOWN,
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "criterion"], name="criterion_unique_per_partnership"
            ),
        ]

    def __str__(self) -> str:
        return self.get_criterion_display()


class CoordinatorAssignment(InstitutionOwned):
    """A person's assignment as coordinator (samordnare), for one partnership or for all of them.

    Without a partnership the person coordinates the institution's
    partnerships as a whole (the seed's "Kontaktpersoner för partnerskapen").
    """

    partnership_path = "partnership_id"

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="coordinator_assignments",
        verbose_name=_("person"),
    )
    partnership = models.ForeignKey(
        Partnership,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="coordinator_assignments",
        verbose_name=_("partnership"),
        help_text=_("Leave empty for a coordinator of all partnerships."),
    )
    role_title = models.CharField(_("role"), max_length=200, help_text=_("E.g. Projektsamordnare."))
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("coordinator assignment")
        verbose_name_plural = _("coordinator assignments")
        ordering = ["order", "person__last_name"]
        constraints = [
            period_constraint("coordinator_ends_after_start"),
        ]

    def __str__(self) -> str:
        role = text_in(self, "role_title")  # the person's name is read in the role's language
        return TextIn(f"{self.person} – {role}", role.lang)

    def get_absolute_url(self) -> str:
        return reverse_id("partnerships:coordinatorassignment-detail", self.pk)

    def clean(self) -> None:
        if errors := period_errors(self.starts_on, self.ends_on):
            raise ValidationError(errors)
