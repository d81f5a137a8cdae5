"""Follow-up of a partnership: shared goals and their indicators with a target per year,
the resources each party earmarks, and the yearly mutual-benefit assessment of each side.

The guide's criteria "gemensamma mål", "ömsesidiga långsiktiga åtaganden" and
"ömsesidig nytta" are followed up here; ``followup.domain`` computes what the
records say (``indicators``), and the annual report (``followup.reports``) freezes it.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samverka.activities.models import ActivityType
from samverka.core.language import as_written, joined, text_in
from samverka.core.models import InstitutionOwned
from samverka.directory.domain.units import side_error
from samverka.directory.models import Side, Unit
from samverka.governance.models import Level
from samverka.lib.urls import reverse_id
from samverka.lib.years import YEAR_VALIDATORS
from samverka.partnerships.models import FocusArea, Partnership

AMOUNT = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(0)]}


def _keep_if_submitted(collector, field, sub_objs, using, status_lookup: str) -> None:
    """Deleting what a side's assessment points at: a record with answers (or assessments) of a
    submitted assessment is kept (as PROTECT), while a draft's go with it (as CASCADE) — so
    deleting a goal, a focus area or a partnership never tells the university whether the
    partner has begun its assessment, nor the reverse."""
    records = field.model._base_manager.using(using).filter(pk__in=[obj.pk for obj in sub_objs])
    submitted = records.filter(**{status_lookup: "submitted"})
    if submitted.exists():
        models.PROTECT(collector, field, submitted, using)
    models.CASCADE(collector, field, records.exclude(**{status_lookup: "submitted"}), using)


def assessment_status_rule(collector, field, sub_objs, using) -> None:
    """``on_delete`` of an answer's goal and focus area (``_keep_if_submitted``)."""
    _keep_if_submitted(collector, field, sub_objs, using, "assessment__status")


def status_rule(collector, field, sub_objs, using) -> None:
    """``on_delete`` of an assessment's partnership (``_keep_if_submitted``)."""
    _keep_if_submitted(collector, field, sub_objs, using, "status")


class GoalOwner(models.TextChoices):
    """Whose goal it is: the partnership diamond has each side's own goals and the joint ones."""

    JOINT = "joint", _("joint")
    UNIVERSITY = "university", _("the university's own")
    PARTNER = "partner", _("the partner's own")


class Goal(InstitutionOwned):
    """A goal of a partnership, or of one of its focus areas, followed up through its indicators."""

    partnership_path = "partnership_id"
    reference_search_fields = ("title_sv", "title_en")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="goals", verbose_name=_("partnership")
    )
    focus_area = models.ForeignKey(
        FocusArea,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="goals",
        verbose_name=_("focus area"),
        help_text=_("Empty for a goal of the whole partnership. Computed indicators count this area only."),
    )
    owner = models.CharField(
        _("whose goal"), max_length=20, choices=GoalOwner.choices, default=GoalOwner.JOINT
    )
    title = models.CharField(_("goal"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["partnership", "order", "id"]

    def __str__(self) -> str:
        return text_in(self, "title")

    def get_absolute_url(self) -> str:
        return reverse_id("followup:goal-detail", self.pk)

    def clean(self) -> None:
        if self.focus_area_id and self.focus_area.partnership_id != self.partnership_id:
            raise ValidationError({"focus_area": _("Choose a focus area of the goal's partnership.")})


class Measure(models.TextChoices):
    """What an indicator measures: entered by hand, or computed from the records of its year.

    ``followup.domain.indicators.MEASURES`` holds the rule of each computed measure.
    """

    MANUAL = "manual", _("entered by hand per year")
    ACTIVITIES = "activities", _("number of activities")
    STUDENTS = "students", _("number of students in activities")
    FUNDING = "funding", _("funding of activities (SEK)")
    APPLICATIONS = "applications", _("number of joint applications")
    GRANTED = "granted", _("number of granted joint applications")
    MEETINGS = "meetings", _("number of meetings held")
    DECISIONS = "decisions", _("number of decisions")


class Indicator(InstitutionOwned):
    """One measure of a goal, with a target per year (``IndicatorYear``)."""

    partnership_path = "goal__partnership_id"
    reference_search_fields = ("name_sv", "name_en")

    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("goal")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    template = models.SlugField(
        _("template"), max_length=60, blank=True, help_text=_("The ready-made indicator it was made from.")
    )
    measure = models.CharField(
        _("measured as"), max_length=20, choices=Measure.choices, default=Measure.MANUAL
    )
    activity_types = models.ManyToManyField(
        ActivityType,
        blank=True,
        related_name="indicators",
        verbose_name=_("collaboration forms counted"),
        help_text=_("For activities, students and funding: only these forms (every form when empty)."),
    )
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("E.g. “st”, “SEK”, “hours”."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["goal", "order", "id"]

    def __str__(self) -> str:
        return text_in(self, "name")

    def get_absolute_url(self) -> str:
        return reverse_id("followup:indicator-detail", self.pk)

    @property
    def partnership(self):
        return self.goal.partnership

    @property
    def is_manual(self) -> bool:
        return self.measure == Measure.MANUAL


class IndicatorYear(InstitutionOwned):
    """An indicator's target for one year and, for one entered by hand, its value and source."""

    partnership_path = "indicator__goal__partnership_id"

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="years", verbose_name=_("indicator")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    target = models.DecimalField(_("target"), null=True, blank=True, **AMOUNT)
    value = models.DecimalField(
        _("value"),
        null=True,
        blank=True,
        help_text=_("Only for an indicator entered by hand; computed ones are counted from the records."),
        **AMOUNT,
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("Where the value comes from, e.g. the finance system."),
    )

    class Meta:
        verbose_name = _("indicator year")
        verbose_name_plural = _("indicator years")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="indicatoryear_unique_year")
        ]

    def __str__(self) -> str:
        return joined(" ", self.indicator, self.year)

    def get_absolute_url(self) -> str:
        return reverse_id("followup:indicatoryear-detail", self.pk)

    def clean(self) -> None:
        if self.value is not None and self.indicator_id and not self.indicator.is_manual:
            raise ValidationError(
                {"value": _("This indicator is computed from the records: leave the value empty.")}
            )


class ResourceKind(models.TextChoices):
    MONEY = "money", _("money (SEK)")
    HOURS = "hours", _("staff time (hours)")
    FTE = "fte", _("staff time (full-time equivalents)")
    IN_KIND = "in_kind", _("in kind (value in SEK)")


class ResourceCommitment(InstitutionOwned):
    """Resources one party earmarks for the partnership in a year, and what was actually used."""

    partnership_path = "partnership_id"

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        related_name="resource_commitments",
        verbose_name=_("partnership"),
    )
    party = models.CharField(_("party"), max_length=20, choices=Side.choices, default=Side.UNIVERSITY)
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    level = models.PositiveSmallIntegerField(
        _("level"),
        choices=Level.choices,
        null=True,
        blank=True,
        help_text=_("Empty for the whole partnership."),
    )
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resource_commitments",
        verbose_name=_("unit"),
        help_text=_("The unit of the party that earmarks it; empty for the party as a whole."),
    )
    purpose = models.CharField(_("purpose"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=20, choices=ResourceKind.choices, default=ResourceKind.MONEY
    )
    committed = models.DecimalField(_("committed"), **AMOUNT)
    used = models.DecimalField(_("used"), null=True, blank=True, **AMOUNT)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("earmarked resource")
        verbose_name_plural = _("earmarked resources")
        ordering = ["partnership", "-year", "party", "level", "id"]
        indexes = [models.Index(fields=["partnership", "year"], name="resource_partnership_year")]

    def __str__(self) -> str:
        return joined(" ", as_written(self.purpose), f"({self.year})")

    def get_absolute_url(self) -> str:
        return reverse_id("followup:resourcecommitment-detail", self.pk)

    def clean(self) -> None:
        if self.unit_id and self.unit and self.partnership_id:
            partners = set(self.partnership.organisations.values_list("pk", flat=True))
            if error := side_error(self.unit, self.party, partners):
                raise ValidationError({"unit": error})


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")


class Rating(models.IntegerChoices):
    """The fixed scale of the mutual-benefit assessment."""

    NONE = 1, _("1 – no benefit")
    LITTLE = 2, _("2 – little benefit")
    SOME = 3, _("3 – some benefit")
    GREAT = 4, _("4 – great benefit")
    VERY_GREAT = 5, _("5 – very great benefit")


class Assessment(InstitutionOwned):
    """One side's yearly assessment of the benefit a partnership gave it (ömsesidig nytta).

    A draft is seen only by its own side (``core.permissions``); submitting it
    (``followup.domain.assessments.submit_assessment``) shows it to both and locks it.
    """

    partnership_path = "partnership_id"

    partnership = models.ForeignKey(
        Partnership, on_delete=status_rule, related_name="assessments", verbose_name=_("partnership")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    side = models.CharField(_("side"), max_length=20, choices=Side.choices, default=Side.UNIVERSITY)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.DRAFT,
        editable=False,
    )
    summary = models.TextField(_("overall comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("mutual-benefit assessment")
        verbose_name_plural = _("mutual-benefit assessments")
        ordering = ["partnership", "-year", "side"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "year", "side"], name="assessment_unique_side_year"
            )
        ]

    def __str__(self) -> str:
        return _("{partnership} {year}: the {side}'s assessment").format(
            partnership=self.partnership, year=self.year, side=self.get_side_display()
        )

    def get_absolute_url(self) -> str:
        return reverse_id("followup:assessment-detail", self.pk)

    @property
    def label(self) -> str:
        return f"{self.year}, {self.get_side_display()}"

    def audit_hidden_fields(self) -> tuple[str, ...]:
        """The partner's words stay out of the university's audit trail (``core.audit``)."""
        return ("summary",) if self.side == Side.PARTNER else ()

    @property
    def is_submitted(self) -> bool:
        return self.status == AssessmentStatus.SUBMITTED

    def locked_message(self) -> str | None:
        if self.is_submitted:
            return str(_("The assessment has been submitted and can no longer be changed."))
        return None

    def clean(self) -> None:
        if self.pk and (message := self.locked_message()):
            raise ValidationError(message)


class AssessmentAnswer(InstitutionOwned):
    """One answer of an assessment: a rating and a comment on a goal, a focus area or the whole."""

    partnership_path = "assessment__partnership_id"

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="answers", verbose_name=_("assessment")
    )
    goal = models.ForeignKey(
        Goal,
        null=True,
        blank=True,
        on_delete=assessment_status_rule,
        related_name="answers",
        verbose_name=_("goal"),
    )
    focus_area = models.ForeignKey(
        FocusArea,
        null=True,
        blank=True,
        on_delete=assessment_status_rule,
        related_name="assessment_answers",
        verbose_name=_("focus area"),
    )
    rating = models.PositiveSmallIntegerField(_("rating"), choices=Rating.choices, null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("assessment answer")
        verbose_name_plural = _("assessment answers")
        ordering = ["assessment", "focus_area", "goal", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(goal__isnull=True) | models.Q(focus_area__isnull=True),
                name="answer_goal_or_area",
            ),
        ]

    def __str__(self) -> str:
        return str(self.subject)

    @property
    def subject(self):
        return self.goal or self.focus_area or _("The partnership as a whole")

    def get_absolute_url(self) -> str:
        return reverse("followup:assessment-detail", args=[self.assessment_id])

    def locked_message(self) -> str | None:
        return self.assessment.locked_message() if self.assessment_id else None

    def audit_hidden_fields(self) -> tuple[str, ...]:
        """The partner's ratings and comments stay out of the university's audit trail."""
        return ("rating", "comment") if self.assessment_id and self.assessment.side == Side.PARTNER else ()

    def clean(self) -> None:
        if message := self.locked_message():
            raise ValidationError(message)


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    APPROVED = "approved", pgettext_lazy("report", "approved")


class AnnualReport(InstitutionOwned):
    """The follow-up report of a partnership and year: composed from the records
    (``followup.domain.report``) with the coordinator's narrative sections.

    Approving it (``followup.domain.report.approve_report``) freezes it as a
    ``ReportVersion`` that never changes when the records do; a new version can be
    begun and approved in turn, and every approved version is kept.
    """

    partnership_path = "partnership_id"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="annual_reports", verbose_name=_("partnership")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    summary = models.TextField(_("summary"), blank=True, help_text=_("The year in a few sentences."))
    highlights = models.TextField(_("highlights"), blank=True)
    challenges = models.TextField(_("challenges and lessons"), blank=True)
    next_year = models.TextField(_("plans for next year"), blank=True)
    registry_number = models.CharField(
        _("registry number"), max_length=60, blank=True, help_text=_("Diarienummer, e.g. FS 1.6.2-456-26.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT, editable=False
    )
    # Why a new version was begun (``start_new_version``): it goes with the version approved next.
    new_version_reason = models.TextField(_("reason for the new version"), blank=True, editable=False)

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["partnership", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "year"], name="annualreport_unique_year")
        ]

    def __str__(self) -> str:
        return _("Annual report {year}: {partnership}").format(year=self.year, partnership=self.partnership)

    def get_absolute_url(self) -> str:
        return reverse_id("followup:annualreport-detail", self.pk)

    @property
    def is_approved(self) -> bool:
        return self.status == ReportStatus.APPROVED

    def locked_message(self) -> str | None:
        if self.is_approved:
            return str(_("The report is approved and locked; begin a new version to change it."))
        return None

    def clean(self) -> None:
        if self.pk and (message := self.locked_message()):
            raise ValidationError(message)


class ReportVersion(InstitutionOwned):
    """One approved version of an annual report, frozen as it was approved (``content``)."""

    partnership_path = "report__partnership_id"

    report = models.ForeignKey(
        AnnualReport, on_delete=models.PROTECT, related_name="versions", verbose_name=_("report")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    approved_at = models.DateTimeField(pgettext_lazy("report", "approved"))
    registry_number = models.CharField(_("registry number"), max_length=60, blank=True)
    reason = models.TextField(_("reason for the new version"), blank=True)
    content = models.JSONField(_("report as approved"), default=dict, editable=False)

    class Meta:
        verbose_name = _("approved report")
        verbose_name_plural = _("approved reports")
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="reportversion_unique_number")
        ]

    def __str__(self) -> str:
        return _("{report}, version {number}").format(report=self.report, number=self.number)

    def get_absolute_url(self) -> str:
        return reverse_id("followup:reportversion-detail", self.pk)
