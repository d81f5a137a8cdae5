from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.core.forms import InstitutionModelForm, TextRulesMixin
from samverka.interactions.models import Interaction
from samverka.interactions.timeline import KINDS
from samverka.lib.years import YEAR_BOUNDS


class InteractionForm(InstitutionModelForm):
    class Meta(InstitutionModelForm.Meta):
        model = Interaction
        fields = [
            "kind",
            "occurred_on",
            "summary",
            "notes",
            "partnership",
            "organisation",
            "people",
            "follow_up_on",
            "followed_up",
            "visibility",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("partnership") or cleaned.get("organisation") or cleaned.get("people")):
            raise forms.ValidationError(
                _("Name the partnership, the organisation or the people the contact was with."),
                code="about_nothing",
            )
        return cleaned


class TimelineForm(TextRulesMixin, forms.Form):
    """The timeline's filters: the kinds of event (the user may see) and a year."""

    kind = forms.MultipleChoiceField(
        label=_("Show"), required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )
    year = forms.IntegerField(label=_("Year"), required=False, **YEAR_BOUNDS)

    def __init__(self, *args, kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.MultipleChoiceField, self.fields["kind"])
        field.choices = [(kind, KINDS[kind]) for kind in kinds]
