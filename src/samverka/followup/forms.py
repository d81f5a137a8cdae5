"""Forms of follow-up records: goals, indicators and their years, earmarked resources,
assessments and their answers."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from samverka.activities.models import ActivityType
from samverka.core.forms import (
    InstitutionModelForm,
    TextRulesMixin,
    VersionForm,
    chosen_id,
    guard_record_numbers,
    narrow,
)
from samverka.core.language import in_its_language
from samverka.core.permissions import Action
from samverka.directory.models import OrganisationType, Unit
from samverka.followup.models import (
    AnnualReport,
    Assessment,
    AssessmentAnswer,
    Goal,
    Indicator,
    IndicatorYear,
    Measure,
    Rating,
    ResourceCommitment,
)
from samverka.lib.years import YEAR_BOUNDS


class GoalForm(InstitutionModelForm):
    required_translated = ("title",)

    class Meta(InstitutionModelForm.Meta):
        model = Goal
        fields = [
            "partnership",
            "focus_area",
            "owner",
            "title_sv",
            "title_en",
            "description_sv",
            "description_en",
            "order",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        narrow(self, "focus_area", "partnership", "partnership_id")


class IndicatorForm(InstitutionModelForm):
    required_translated = ("name",)

    class Meta(InstitutionModelForm.Meta):
        model = Indicator
        fields = [
            "goal",
            "name_sv",
            "name_en",
            "description_sv",
            "description_en",
            "measure",
            "activity_types",
            "unit",
            "order",
            "template",
        ]
        widgets = {"template": forms.HiddenInput, "activity_types": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity_types"].queryset = self.fields["activity_types"].queryset.filter(is_active=True)

    def clean(self):
        cleaned = super().clean()
        measure = cleaned.get("measure")
        if measure in (Measure.MANUAL, Measure.MEETINGS, Measure.DECISIONS) and cleaned.get("activity_types"):
            self.add_error(
                "activity_types",
                _("Only indicators counted from activities have collaboration forms; leave them unticked."),
            )
        return cleaned


class IndicatorYearForm(InstitutionModelForm):
    class Meta(InstitutionModelForm.Meta):
        model = IndicatorYear
        fields = ["indicator", "year", "target", "value", "source"]

    def clean(self):
        cleaned = super().clean()
        indicator, year = cleaned.get("indicator"), cleaned.get("year")
        if indicator and year and self.taken(indicator=indicator, year=year):
            self.add_error("year", _("The indicator already has this year; change that one instead."))
        return cleaned


class ResourceCommitmentForm(InstitutionModelForm):
    class Meta(InstitutionModelForm.Meta):
        model = ResourceCommitment
        fields = [
            "partnership",
            "party",
            "year",
            "level",
            "unit",
            "purpose",
            "kind",
            "committed",
            "used",
            "note",
        ]


class AssessmentForm(InstitutionModelForm):
    class Meta(InstitutionModelForm.Meta):
        model = Assessment
        fields = ["partnership", "year", "side", "summary"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # an assessment stays the one side's of the one year
            for name in ("partnership", "year", "side"):
                self.fields[name].disabled = True

    def clean(self):
        cleaned = super().clean()
        values = {name: cleaned.get(name) for name in ("partnership", "year", "side")}
        self._refused = all(values.values()) and not self._may_save(values)
        if not all(values.values()) or self._refused:
            return cleaned  # the other side's: refused as such (403), never told whether it has begun
        if self.taken(**values):
            self.add_error(
                "year", _("This side has already begun its assessment of the year; continue that one.")
            )
        return cleaned

    def _get_validation_exclusions(self):
        # nor by the database's unique constraint, checked after ``clean``
        exclusions = super()._get_validation_exclusions()
        if getattr(self, "_refused", False):
            exclusions |= {"partnership", "year", "side"}
        return exclusions

    def _may_save(self, values: dict) -> bool:
        if self.policy is None:
            return True
        action: Action = "change" if self.instance.pk else "add"
        return self.policy.permits(action, Assessment(institution=self.institution, **values))


class AssessmentAnswerForm(InstitutionModelForm):
    """One answer, as the API edits it; the assessment page answers them all at once (``AnswersForm``)."""

    class Meta(InstitutionModelForm.Meta):
        model = AssessmentAnswer
        fields = ["assessment", "goal", "focus_area", "rating", "comment"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in ("assessment", "goal", "focus_area"):
                self.fields[name].disabled = True
        assessment_id = chosen_id(self, "assessment")
        if assessment_id is not None:
            # only an assessment the user may choose narrows the rest (never tells of another)
            chosen = self.fields["assessment"].queryset.filter(pk=assessment_id)
            partnership = chosen.values("partnership_id")
            self.fields["goal"].queryset = self.fields["goal"].queryset.filter(partnership__in=partnership)
            self.fields["focus_area"].queryset = self.fields["focus_area"].queryset.filter(
                partnership__in=partnership
            )

    def clean(self):
        cleaned = super().clean()
        assessment, goal, area = cleaned.get("assessment"), cleaned.get("goal"), cleaned.get("focus_area")
        if goal and area:
            self.add_error("focus_area", _("An answer is about a goal or a focus area, not both."))
        elif assessment and self.taken(assessment=assessment, goal=goal, focus_area=area):
            self.add_error(None, _("The assessment already has an answer about this."))
        return cleaned


class AnswersForm(TextRulesMixin, forms.Form):
    """Every answer of an assessment in one form: a rating and a comment per subject."""

    def __init__(self, rows, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for key, subject, answer in rows:
            self.fields[f"rating-{key}"] = forms.TypedChoiceField(
                label=format_html(_("Rating: {subject}"), subject=in_its_language(subject)),
                choices=[("", _("not rated")), *Rating.choices],
                coerce=int,
                empty_value=None,
                required=False,
                initial=answer.rating if answer else None,
            )
            self.fields[f"comment-{key}"] = forms.CharField(
                label=format_html(_("Comment: {subject}"), subject=in_its_language(subject)),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=answer.comment if answer else "",
            )
            self.fields[f"version-{key}"] = forms.IntegerField(
                required=False, widget=forms.HiddenInput, initial=answer.version if answer else None
            )

    def answers(self) -> dict[str, tuple[int | None, str]]:
        return {
            key: (self.cleaned_data[f"rating-{key}"], self.cleaned_data[f"comment-{key}"].strip())
            for key, _subject, _answer in self.rows
        }

    def versions(self) -> dict[str, int | None]:
        return {key: self.cleaned_data[f"version-{key}"] for key, _subject, _answer in self.rows}


class AnnualReportForm(InstitutionModelForm):
    """The report's partnership and year, and the narrative the coordinator writes."""

    class Meta(InstitutionModelForm.Meta):
        model = AnnualReport
        fields = [
            "partnership",
            "year",
            "summary_sv",
            "summary_en",
            "highlights_sv",
            "highlights_en",
            "challenges_sv",
            "challenges_en",
            "next_year_sv",
            "next_year_en",
            "registry_number",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # a report stays the partnership's report of its year
            for name in ("partnership", "year"):
                self.fields[name].disabled = True

    def clean(self):
        cleaned = super().clean()
        partnership, year = cleaned.get("partnership"), cleaned.get("year")
        if partnership and year and self.taken(partnership=partnership, year=year):
            self.add_error("year", _("The partnership already has a report of this year; open that one."))
        return cleaned


class ApproveReportForm(VersionForm):
    registry_number = forms.CharField(
        label=_("Registry number"),
        max_length=60,
        required=False,
        help_text=_("Diarienummer of the approved report, if it is registered."),
    )


class NewVersionForm(VersionForm):
    reason = forms.CharField(
        label=_("Why a new version"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the new version when it is approved (at least 10 characters)."),
    )


class PortfolioFilterForm(TextRulesMixin, forms.Form):
    """The portfolio's and the coverage's filters: year, kind of partner, faculty or unit, form."""

    year = forms.IntegerField(label=_("Year"), required=False, **YEAR_BOUNDS)
    partner_type = forms.ChoiceField(
        label=_("Kind of partner"), choices=[("", _("every kind")), *OrganisationType.choices], required=False
    )
    unit = forms.ModelChoiceField(
        label=_("Faculty or unit"), queryset=Unit.objects.none(), required=False, empty_label=_("every unit")
    )
    form = forms.ModelChoiceField(
        label=_("Collaboration form"),
        queryset=ActivityType.objects.none(),
        required=False,
        empty_label=_("every form"),
    )

    def __init__(self, *args, institution, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.in_institution(institution).own().order_by("name")
        self.fields["form"].queryset = ActivityType.objects.in_institution(institution)
        for field in ("unit", "form"):
            guard_record_numbers(self.fields[field])

    def value(self, name: str):
        """The filter's value if it is valid; a wrong one is shown as an error and left out."""
        self.is_valid()
        return self.cleaned_data.get(name)
