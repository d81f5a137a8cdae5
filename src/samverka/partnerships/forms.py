"""Forms of the partnership records."""

from typing import cast

from django import forms
from django.forms import modelformset_factory
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from samverka.core.forms import InstitutionModelForm, TextRulesMixin
from samverka.core.language import in_its_language
from samverka.directory.forms import refuse_foreign_units
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

    def clean(self):
        cleaned = super().clean()
        refuse_foreign_units(self, [org.pk for org in cleaned.get("organisations") or ()])
        return cleaned

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


class AreaReviewForm(TextRulesMixin, forms.Form):
    """What becomes of each focus area of the agreement renewed, and the new period's new ones."""

    ACTIONS = [
        ("keep", _("Keep")),
        ("rename", _("Keep, with a new name")),
        ("end", _("End with this period")),
    ]
    added = forms.CharField(
        label=_("New focus areas"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line."),
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = areas
        for area in areas:
            self.fields[f"area_{area.pk}"] = forms.ChoiceField(
                label=str(area), choices=self.ACTIONS, initial="keep", widget=forms.RadioSelect
            )
            self.fields[f"area_{area.pk}_name"] = forms.CharField(
                label=format_html(_("New name of “{area}”"), area=in_its_language(area)),
                required=False,
                max_length=200,
            )
        self.fields["added"] = self.fields.pop("added")  # last

    def clean(self):
        cleaned = super().clean()
        for area in self.areas:
            if (
                cleaned.get(f"area_{area.pk}") == "rename"
                and not cleaned.get(f"area_{area.pk}_name", "").strip()
            ):
                self.add_error(f"area_{area.pk}_name", _("Write the new name, or keep the area as it is."))
        return cleaned

    def area_fields(self):
        """(choice, new name) bound fields of each area, for the page."""
        return [(self[f"area_{area.pk}"], self[f"area_{area.pk}_name"]) for area in self.areas]
