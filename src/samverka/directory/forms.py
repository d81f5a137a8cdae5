from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from samverka.core.forms import InstitutionModelForm
from samverka.directory.models import Organisation, Person, Unit
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


class UnitForm(InstitutionModelForm):
    required_translated = ("name",)

    class Meta(InstitutionModelForm.Meta):
        model = Unit
        fields = ["name_sv", "name_en", "kind", "parent"]
