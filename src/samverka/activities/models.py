"""Activities of every collaboration form (samverkansform), linked to partnerships and focus areas."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverka.core.language import text_in
from samverka.core.models import InstitutionOwned
from samverka.directory.models import Organisation, Person, Unit
from samverka.lib.dates import period_constraint, period_errors
from samverka.lib.hierarchy import is_own_ancestor
from samverka.lib.urls import reverse_id
from samverka.partnerships.models import FocusArea, Partnership


class ActivityType(InstitutionOwned):
    """A collaboration form (samverkansform): a managed list per institution.

    ``code`` identifies the standard forms of DESIGN.md's glossary so reports
    and indicators can count them whatever the institution calls them.
    """

    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    counts_students = models.BooleanField(
        _("involves students"), default=False, help_text=_("E.g. degree projects and internships.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("collaboration form")
        verbose_name_plural = _("collaboration forms")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "code"], name="activitytype_unique_code"),
        ]

    def __str__(self) -> str:
        return text_in(self, "name")

    def get_absolute_url(self) -> str:
        return reverse_id("activities:activitytype-detail", self.pk)


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    ONGOING = "ongoing", _("ongoing")
    COMPLETED = "completed", _("completed")
    CANCELLED = "cancelled", _("cancelled")


class Activity(InstitutionOwned):
    """A joint activity: a degree project, a guest lecture, a research project with sub-activities …

    An activity may belong to a strategic partnership (and one of its focus
    areas) or stand alone with any partner organisation.
    """

    # Typed, not chosen from a list, in forms (core.references): an institution has thousands.
    reference_search_fields = ("title_sv", "title_en")
    partnership_path = "partnership_id"

    type = models.ForeignKey(
        ActivityType,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("collaboration form"),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    partnership = models.ForeignKey(
        Partnership,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
        verbose_name=_("partnership"),
    )
    focus_area = models.ForeignKey(
        FocusArea,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
        verbose_name=_("focus area"),
    )
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="activities", verbose_name=_("partner organisations")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    starts_on = models.DateField(_("start date"), null=True, blank=True)
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    people = models.ManyToManyField(
        Person, blank=True, related_name="activities", verbose_name=_("people involved")
    )
    units = models.ManyToManyField(
        Unit, blank=True, related_name="activities", verbose_name=_("units involved")
    )
    student_count = models.PositiveIntegerField(_("number of students"), null=True, blank=True)
    funding_sek = models.DecimalField(
        _("funding (SEK)"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    granted = models.BooleanField(
        _("granted"),
        null=True,
        blank=True,
        help_text=_("For a grant application: whether it was granted (empty while undecided)."),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        verbose_name=_("part of"),
        help_text=_("A larger joint project this activity belongs to."),
    )
    is_sample = models.BooleanField(
        _("sample data"), default=False, editable=False, help_text=_("Made up for the demo.")
    )

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-starts_on", "-id"]
        constraints = [
            period_constraint("activity_ends_after_start"),
        ]
        # Chosen from the queries the pages run (docs/performance.md): the list's default order,
        # the start page's newest entries, a partnership's newest activities and its grouped counts.
        indexes = [
            models.Index(fields=["institution", "-starts_on", "-id"], name="activity_list_order"),
            models.Index(fields=["institution", "status", "-starts_on", "-id"], name="activity_status_order"),
            models.Index(fields=["institution", "-created_at", "-id"], name="activity_newest"),
            models.Index(fields=["partnership", "-starts_on", "-id"], name="activity_partnership_order"),
            models.Index(fields=["partnership", "type"], name="activity_partnership_type"),
            models.Index(fields=["partnership", "focus_area"], name="activity_partnership_area"),
        ]

    def __str__(self) -> str:
        return text_in(self, "title")

    def get_absolute_url(self) -> str:
        return reverse_id("activities:activity-detail", self.pk)

    def clean(self) -> None:
        errors = period_errors(self.starts_on, self.ends_on)
        if self.focus_area is not None and self.focus_area.partnership_id != self.partnership_id:
            errors["focus_area"] = _("Choose a focus area of the activity's partnership.")
        if is_own_ancestor(self):
            errors["parent"] = _("An activity cannot be part of itself.")
        if errors:
            raise ValidationError(errors)
