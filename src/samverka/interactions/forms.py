from typing import cast

from django import forms
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.core.forms import InstitutionModelForm, TextRulesMixin
from samverka.directory.models import Person
from samverka.interactions.mailfiles import MailFile, MailFileError, read_mail_file
from samverka.interactions.models import Interaction, InteractionKind
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


MAIL_FILE_TYPES = ".eml,.msg,message/rfc822,application/vnd.ms-outlook"


class MailDropForm(InteractionForm):
    """A contact logged from an e-mail file (``mailfiles``): the file gives the kind, date,
    subject, text, the people (matched by e-mail address) and the attachments; the form says what
    it is about and who may see it."""

    file = forms.FileField(
        label=_("E-mail file"),
        help_text=_("Saved from the mail program as .eml, or from Outlook as .msg (drag it from the mail)."),
        widget=forms.ClearableFileInput(attrs={"accept": MAIL_FILE_TYPES}),
    )

    class Meta(InteractionForm.Meta):
        fields = ["file", "partnership", "organisation", "people", "visibility"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.mail: MailFile | None = None
        self.unknown_addresses: list[str] = []
        self.fields["people"].help_text = _("Besides those found by their e-mail addresses.")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            self.mail = read_mail_file(upload.name, upload.read())
        except MailFileError as exc:
            raise forms.ValidationError(exc.message, code="mail_file") from None
        return upload

    def clean(self):
        if self.mail is not None:
            mail = self.mail
            found = list(
                Person.objects.in_institution(self.institution)
                .annotate(address=Lower("email"))
                .filter(address__in=mail.addresses)
                .order_by("last_name", "first_name", "id")
            )
            known = {person.address for person in found}
            self.unknown_addresses = [address for address in mail.addresses if address not in known]
            people = self.cleaned_data.get("people") or []
            self.cleaned_data["people"] = list(dict.fromkeys([*people, *found]))
            instance = self.instance
            instance.kind = InteractionKind.EMAIL
            instance.occurred_on = timezone.localdate(mail.sent_at) if mail.sent_at else timezone.localdate()
            instance.summary = (mail.subject or str(_("E-mail without a subject")))[:300]
            instance.notes = mail.body
            self.cleaned_data["attachments"] = [attachment.name for attachment in mail.attachments]
        cleaned = super().clean()
        cleaned.pop("file", None)  # the file itself is not kept: its contents are
        return cleaned
