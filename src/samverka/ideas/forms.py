"""Forms of ideas, brokered contacts and expertise profiles, and the public form for ideas."""

from typing import cast

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samverka.core.forms import InstitutionModelForm, TextRulesMixin, VersionForm
from samverka.core.language import joined
from samverka.ideas.models import MAX_TEXT, ExpertProfile, Idea, IdeaContact, Stage
from samverka.partnerships.models import FocusArea

CONSENT_NEEDED = _("The submitter's contact details are kept only with their consent: tick the box.")


def label_focus_areas(field, keep=None) -> None:
    """Current focus areas (and ``keep``, the one the record has), each named with its partnership:
    areas of different partnerships share names."""
    field.queryset = field.queryset.select_related("partnership").filter(Q(is_current=True) | Q(pk=keep))
    field.label_from_instance = lambda area: joined(" – ", area.partnership, area)


def check_focus_area(form, cleaned: dict) -> None:
    """A focus area belongs to the suggested partnership, which it names when none is chosen."""
    area, partnership = cleaned.get("focus_area"), cleaned.get("partnership")
    if area is None:
        return
    if partnership is None and "partnership" not in form.errors:
        cleaned["partnership"] = form.instance.partnership = area.partnership
    elif partnership is not None and area.partnership_id != partnership.pk:
        form.add_error("focus_area", _("Choose a focus area of the suggested partnership."))


class IdeaForm(InstitutionModelForm):
    class Meta(InstitutionModelForm.Meta):
        model = Idea
        fields = [
            "kind",
            "title",
            "description",
            "partnership",
            "focus_area",
            "submitter_name",
            "submitter_organisation",
            "submitter_email",
            "submitter_phone",
            "consent",
            "activities",
        ]
        help_texts = {
            "submitter_name": _("Leave empty for your own idea: your name is taken from your account."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label_focus_areas(self.fields["focus_area"], keep=self.instance.focus_area_id)
        self.fields["activities"].help_text = _(
            "The joint activities the idea led to, one per line. An idea is realised once it has one."
        )
        if self.policy is not None and not self.policy.sees_internal:
            # an internal field: a partner representative neither sees nor sets it
            del self.fields["activities"]

    def clean(self):
        cleaned = super().clean()
        check_focus_area(self, cleaned)
        others = cleaned.get("submitter_email") or cleaned.get("submitter_phone")
        if others and not cleaned.get("consent") and not self._is_own(cleaned):
            self.add_error("consent", CONSENT_NEEDED)
        return cleaned

    def _is_own(self, cleaned) -> bool:
        """A member's own idea: their account's address, no one else's details."""
        user = getattr(self.instance, "created_by", None)
        return (
            user is not None
            and cleaned.get("submitter_email", "") in ("", user.email)
            and not cleaned.get("submitter_phone")
        )


class MoveForm(VersionForm):
    stage = forms.ChoiceField(label=_("Move to the stage"), choices=Stage.choices)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For “declined”: the reason, which the submitter is told (at least 10 characters)."),
    )

    def __init__(self, *args, current: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        stage = cast(forms.ChoiceField, self.fields["stage"])
        stage.choices = [(value, label) for value, label in Stage.choices if value != current]


class JudgeForm(VersionForm):
    suggestion = forms.CharField(max_length=40, widget=forms.HiddenInput)
    verdict = forms.ChoiceField(choices=[("accepted", _("accept")), ("rejected", _("reject"))])


class IdeaContactForm(InstitutionModelForm):
    class Meta(InstitutionModelForm.Meta):
        model = IdeaContact
        fields = ["idea", "profile", "person", "unit", "outcome", "contacted_on", "note"]


class ExpertProfileForm(InstitutionModelForm):
    class Meta(InstitutionModelForm.Meta):
        model = ExpertProfile
        fields = [
            "kind",
            "name",
            "title",
            "unit",
            "person",
            "email",
            "keywords",
            "description",
            "languages",
            "external_id",
        ]
        widgets = {"keywords": forms.Textarea(attrs={"rows": 2})}

    def clean_external_id(self):
        value = self.cleaned_data.get("external_id", "").strip()
        if value and (taken := self.taken(external_id=value)):
            raise forms.ValidationError(_("“{name}” already has this id.").format(name=taken))
        return value


# the submitter's fields and their purposes (HTML's autocomplete tokens)
SUBMITTER_PURPOSES = {
    "submitter_name": "name",
    "submitter_organisation": "organization",
    "submitter_email": "email",
    "submitter_phone": "tel",
}


class PublicIdeaForm(TextRulesMixin, forms.ModelForm):
    """The public form: no account, the partnerships and focus areas of the public pages only.

    ``homepage`` is a trap for robots: hidden from people (and screen readers), it must stay empty.
    """

    homepage = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    class Meta:
        model = Idea
        fields = [
            "kind",
            "title",
            "description",
            "partnership",
            "focus_area",
            "submitter_name",
            "submitter_organisation",
            "submitter_email",
            "submitter_phone",
            "consent",
        ]
        labels = {
            "kind": _("What do you bring?"),
            "submitter_name": _("Your name"),
            "submitter_organisation": _("Your organisation"),
            "submitter_email": _("Your e-mail"),
            "submitter_phone": _("Your phone"),
            "consent": _("I agree that the university stores my contact details to handle the idea."),
        }
        help_texts = {
            "description": _(
                "What is the idea, need or challenge, and who would gain from it? At most 5 000 characters."
            ),
            "submitter_email": _("We send the receipt and every change of stage here."),
            "consent": "",
        }

    def __init__(self, *args, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = partnerships
        self.fields["focus_area"].queryset = FocusArea.objects.filter(partnership__in=partnerships)
        label_focus_areas(self.fields["focus_area"])
        self.fields["description"].max_length = MAX_TEXT
        self.fields["description"].widget.attrs["maxlength"] = MAX_TEXT
        for name in ("submitter_name", "submitter_email"):
            self.fields[name].required = True
        self.fields["consent"].required = True
        self.fields["consent"].error_messages["required"] = _(
            "We can take the idea in only if we may store your contact details."
        )
        self.fields["homepage"].widget.attrs.update(tabindex="-1", autocomplete="off")
        for name, purpose in SUBMITTER_PURPOSES.items():  # WCAG 1.3.5: the browser may fill them in
            self.fields[name].widget.attrs["autocomplete"] = purpose

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("homepage"))

    def clean(self):
        cleaned = super().clean()
        check_focus_area(self, cleaned)
        return cleaned
