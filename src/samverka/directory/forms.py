from collections.abc import Collection

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from samverka.core.display import display_value, field_label
from samverka.core.forms import InstitutionModelForm, TextRulesMixin
from samverka.directory.domain.merge import DUPLICATE, SURVIVOR, mergeable_fields, merged_values
from samverka.directory.domain.units import foreign_units_error, side_error
from samverka.directory.models import Affiliation, Organisation, Person, Unit
from samverka.lib.orgnumber import normalise_orgnumber


class OrganisationForm(InstitutionModelForm):
    class Meta(InstitutionModelForm.Meta):
        model = Organisation
        fields = ["name", "type", "org_number", "website", "parent", "notes"]

    def clean_org_number(self):
        value = self.cleaned_data.get("org_number", "").strip()
        if not value:
            return ""
        value = normalise_orgnumber(value)
        if taken := self.taken(org_number=value):
            raise ValidationError(_("“{name}” already has this organisation number.").format(name=taken.name))
        return value

    def _get_validation_exclusions(self):
        # The number's uniqueness is checked above, in one query; Django's check of the
        # conditional constraint would ask again (an import of 100 000 rows asks it each row).
        return {*super()._get_validation_exclusions(), "org_number"}


class PersonForm(InstitutionModelForm):
    class Meta(InstitutionModelForm.Meta):
        model = Person
        fields = [
            "first_name",
            "last_name",
            "title_sv",
            "title_en",
            "side",
            "organisation",
            "organisation_unit",
            "unit",
            "email",
            "phone",
            "is_public",
            "notes",
            "legal_basis",
            "source",
            "retention",
            "retain_until",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        unit, side, organisation = (cleaned.get(name) for name in ("unit", "side", "organisation"))
        if unit is not None and side:
            partners = {organisation.pk} if organisation is not None else set()
            if error := side_error(unit, side, partners):
                self.add_error("unit", error)
        return cleaned


class AffiliationForm(InstitutionModelForm):
    class Meta(InstitutionModelForm.Meta):
        model = Affiliation
        fields = ["person", "organisation", "role", "department", "starts_on", "ends_on"]


class UnitForm(InstitutionModelForm):
    required_translated = ("name",)

    class Meta(InstitutionModelForm.Meta):
        model = Unit
        fields = ["name_sv", "name_en", "kind", "organisation", "parent"]


def refuse_foreign_units(
    form: forms.BaseForm, organisation_ids: Collection[int], field: str = "units"
) -> None:
    """A form's units must be the institution's own or of the record's partner organisations
    (``directory.domain.units``): otherwise an error on the field."""
    units = form.cleaned_data.get(field) or ()
    if error := foreign_units_error(units, {pk for pk in organisation_ids if pk is not None}):
        form.add_error(field, error)


class MergeForm(TextRulesMixin, forms.Form):
    """The merge page: for each field the two records differ in, whose value the kept record takes;
    and the versions of both records as the coordinator saw them (``merge_records`` refuses a
    merge when either has moved on)."""

    survivor_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    duplicate_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, survivor, duplicate, **kwargs):
        super().__init__(*args, **kwargs)
        self.survivor, self.duplicate = survivor, duplicate
        self.fields["survivor_version"].initial = survivor.version
        self.fields["duplicate_version"].initial = duplicate.version
        model = type(survivor)
        defaults = merged_values(survivor, duplicate)
        self.rows = []  # (label, survivor's value, duplicate's value, the choice's field or None)
        for field in mergeable_fields(model):
            mine, theirs = (getattr(obj, field.attname) for obj in (survivor, duplicate))
            shown = [display_value(obj, field.name, link_related=False) for obj in (survivor, duplicate)]
            label = field_label(model, field.name)
            if mine == theirs:
                self.rows.append((label, shown[0], shown[1], None))
                continue
            name = f"keep_{field.name}"
            self.fields[name] = forms.ChoiceField(
                label=label,
                choices=[(SURVIVOR, shown[0] or "–"), (DUPLICATE, shown[1] or "–")],
                initial=DUPLICATE if defaults[field.attname] == theirs else SURVIVOR,
                widget=forms.RadioSelect,
            )
            self.rows.append((label, shown[0], shown[1], self[name]))

    def keep(self) -> dict[str, str]:
        """{field name: "survivor" or "duplicate"} as chosen."""
        return {
            name.removeprefix("keep_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("keep_")
        }
