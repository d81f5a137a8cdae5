"""Forms of the partnership records."""

from typing import cast

from django import forms
from django.forms import modelformset_factory
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from samverka.core.forms import InstitutionModelForm, TextRulesMixin
from samverka.partnerships.models import (
    Agreement,
    CoordinatorAssignment,
    FocusArea,
    Partnership,
    PartnershipCriterion,
    PartnershipStatus,
)


class PartnershipForm(InstitutionModelForm):
    required_translated = ("title",)

    class Meta(InstitutionModelForm.Meta):
        model = Partnership
        fields = [
            "title_sv",
            "title_en",
            "slug",
            "organisations",
            "status",
            "start_date",
            "start_precision",
            "next_review_date",
            "purpose_sv",
            "purpose_en",
            "public_description_sv",
            "public_description_en",
            "links",
            "units",
            "collaboration_forms",
            "published",
            "order",
            "internal_notes",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Made from the title if left empty.")
        if self.instance.pk:
            # Status changes go through the allowed transitions on the partnership page.
            del self.fields["status"]

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        if slug:
            if self.taken(slug=slug):
                raise forms.ValidationError(_("Another partnership already uses this web address."))
            return slug
        return self.slug_from_title(self.data.get(self.add_prefix("title_sv"), ""))

    def slug_from_title(self, title: str) -> str:
        """A web name made from the title: cut at a word to fit, "-2", "-3" … if taken."""
        limit = Partnership._meta.get_field("slug").max_length or 80
        base = slugify(title)
        if len(base) > limit - 3:  # room for "-2"
            base = base[: limit - 3].rsplit("-", 1)[0]
        slug, number = base, 1
        while slug and self.taken(slug=slug):
            number += 1
            slug = f"{base}-{number}"
        return slug


class StatusForm(TextRulesMixin, forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=PartnershipStatus.choices)

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["status"]).choices = [
            (value, PartnershipStatus(value).label) for value in partnership.allowed_statuses
        ]


class AgreementForm(InstitutionModelForm):
    class Meta(InstitutionModelForm.Meta):
        model = Agreement
        fields = [
            "partnership",
            "sequence",
            "type",
            "signed_on",
            "starts_on",
            "ends_on",
            "review_on",
            "registry_number",
            "signatories",
            "signed_file",
            "notes",
        ]

    def clean(self):
        cleaned = super().clean()
        partnership, sequence = cleaned.get("partnership"), cleaned.get("sequence")
        if partnership and sequence:
            clash = Agreement.objects.filter(partnership=partnership, sequence=sequence)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("sequence", _("This partnership already has an agreement with this number."))
        return cleaned


class FocusAreaForm(InstitutionModelForm):
    required_translated = ("name",)

    class Meta(InstitutionModelForm.Meta):
        model = FocusArea
        fields = [
            "partnership",
            "agreement",
            "name_sv",
            "name_en",
            "description_sv",
            "description_en",
            "order",
            "is_current",
        ]


class CoordinatorAssignmentForm(InstitutionModelForm):
    required_translated = ("role_title",)

    class Meta(InstitutionModelForm.Meta):
        model = CoordinatorAssignment
        fields = [
            "person",
            "partnership",
            "role_title_sv",
            "role_title_en",
            "starts_on",
            "ends_on",
            "order",
        ]


CriterionFormSet = modelformset_factory(
    PartnershipCriterion,
    fields=["status", "comment"],
    extra=0,
    widgets={"comment": forms.Textarea(attrs={"rows": 2})},
)
