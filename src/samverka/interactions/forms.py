from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.core.forms import InstitutionModelForm
from samverka.interactions.models import Interaction


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
