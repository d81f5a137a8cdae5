"""Forms of governance records, and of the steps of a meeting (approving the minutes, correcting them)."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.core.forms import InstitutionModelForm, TextRulesMixin, narrow
from samverka.core.references import ReferencesField
from samverka.directory.forms import refuse_foreign_units
from samverka.directory.models import Person
from samverka.governance.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Body,
    BodyMember,
    BodyType,
    Decision,
    Meeting,
)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class BodyTypeForm(InstitutionModelForm):
    required_translated = ("name",)

    class Meta(InstitutionModelForm.Meta):
        model = BodyType
        fields = ["name_sv", "name_en", "code", "order", "is_active"]


class BodyForm(InstitutionModelForm):
    required_translated = ("name",)

    class Meta(InstitutionModelForm.Meta):
        model = Body
        fields = [
            "partnership",
            "type",
            "name_sv",
            "name_en",
            "level",
            "focus_area",
            "units",
            "remit",
            "cadence",
            "send_out_days",
            "is_active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].queryset = self.fields["type"].queryset.filter(is_active=True)
        narrow(self, "focus_area", "partnership", "partnership_id")

    def clean(self):
        cleaned = super().clean()
        if (partnership := cleaned.get("partnership")) is not None:
            refuse_foreign_units(self, partnership.organisations.values_list("pk", flat=True))
        return cleaned


class BodyMemberForm(InstitutionModelForm):
    class Meta(InstitutionModelForm.Meta):
        model = BodyMember
        fields = ["body", "person", "role", "starts_on", "ends_on"]


class MeetingForm(InstitutionModelForm):
    class Meta(InstitutionModelForm.Meta):
        model = Meeting
        fields = ["body", "title", "starts_at", "ends_at", "place", "video_link", "registry_number"]
        widgets = {"starts_at": DateTimeInput, "ends_at": DateTimeInput}


class MeetingPartForm(InstitutionModelForm):
    """A part of a meeting's minutes keeps its meeting: moving it could take it out of approved minutes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["meeting"].disabled = True


class AgendaItemForm(MeetingPartForm):
    class Meta(InstitutionModelForm.Meta):
        model = AgendaItem
        fields = ["meeting", "number", "title", "presenter", "outcome", "background", "attachment", "minutes"]

    def clean_number(self):
        number = self.cleaned_data.get("number")
        meeting = self.cleaned_data.get("meeting")
        if number and meeting and self.taken(meeting=meeting, number=number):
            raise forms.ValidationError(_("The meeting already has an item with this number."))
        return number


class AttendanceForm(MeetingPartForm):
    class Meta(InstitutionModelForm.Meta):
        model = Attendance
        fields = ["meeting", "person", "status", "substitute_for"]

    def clean(self):
        cleaned = super().clean()
        meeting, person = cleaned.get("meeting"), cleaned.get("person")
        if meeting and person and self.taken(meeting=meeting, person=person):
            self.add_error("person", _("This person's attendance is already recorded."))
        return cleaned


class DecisionForm(MeetingPartForm):
    class Meta(InstitutionModelForm.Meta):
        model = Decision
        fields = ["meeting", "agenda_item", "text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        narrow(self, "agenda_item", "meeting", "meeting_id")


class ActionItemForm(InstitutionModelForm):
    """A new action is open; its status changes only through ``change_action_status`` (recorded)."""

    class Meta(InstitutionModelForm.Meta):
        model = ActionItem
        fields = [
            "body",
            "meeting",
            "decision",
            "agenda_item",
            "title",
            "description",
            "owner",
            "due_on",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        narrow(self, "decision", "body", "body_id")
        narrow(self, "agenda_item", "meeting", "meeting_id")


class ItemMinutesForm(InstitutionModelForm):
    """An agenda item's outcome and minutes, written on the meeting's minutes page."""

    class Meta(InstitutionModelForm.Meta):
        model = AgendaItem
        fields = ["outcome", "minutes"]
        widgets = {"minutes": forms.Textarea(attrs={"rows": 3})}


class NextItemForm(InstitutionModelForm):
    """The next item of a meeting's agenda, added inline (numbered one after the highest)."""

    class Meta(InstitutionModelForm.Meta):
        model = AgendaItem
        fields = ["title", "presenter", "outcome"]


class ItemDecisionForm(InstitutionModelForm):
    """A decision under an agenda item, added inline (numbered per body and year on saving)."""

    class Meta(InstitutionModelForm.Meta):
        model = Decision
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class ItemActionForm(InstitutionModelForm):
    """An action arising from an agenda item, added inline: of the item's decision when it has one."""

    class Meta(InstitutionModelForm.Meta):
        model = ActionItem
        fields = ["title", "owner", "due_on"]


class ApproveMinutesForm(TextRulesMixin, forms.Form):
    """Approving the minutes: who adjusted them, the registry number, and for a correction, why."""

    adjusters = ReferencesField(
        label=_("Adjusted by (justerare)"),
        queryset=Person.objects.none(),
        search_fields=Person.reference_search_fields,
        help_text=_("One per line: #number or name."),
    )
    registry_number = forms.CharField(label=_("Registry number"), max_length=60, required=False)
    correction_reason = forms.CharField(
        label=_("What the correction changes"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        adjusters = cast(ReferencesField, self.fields["adjusters"])
        adjusters.queryset = Person.objects.in_institution(meeting.institution_id)
        self.fields["expected_version"].initial = meeting.version
        self.fields["registry_number"].initial = meeting.registry_number
        if not meeting.minutes_versions.exists() or meeting.correction_reason:
            del self.fields["correction_reason"]  # nothing to correct, or the reason given at the start


class CorrectionForm(TextRulesMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why the approved minutes need a correction"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput)


class ActionStatusForm(TextRulesMixin, forms.Form):
    """Move an action to another status (``governance.domain.actions.change_action_status``)."""

    status = forms.ChoiceField(label=_("New status"), choices=ActionStatus.choices)
    expected_version = forms.IntegerField(widget=forms.HiddenInput)


class AttendanceGridForm(TextRulesMixin, forms.Form):
    """Everyone's attendance at a meeting in one form: one choice per person (``attendance_rows``),
    with the version of each recorded row, so no one's change is silently overwritten."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for person, attendance in rows:
            choices = [
                ("", _("not recorded")),
                (AttendanceStatus.PRESENT, AttendanceStatus.PRESENT.label),
                (AttendanceStatus.ABSENT, AttendanceStatus.ABSENT.label),
            ]
            if attendance is not None and attendance.status == AttendanceStatus.SUBSTITUTE:
                choices.append((AttendanceStatus.SUBSTITUTE, AttendanceStatus.SUBSTITUTE.label))
            where = person.organisation or person.get_side_display()
            self.fields[f"status_{person.pk}"] = forms.ChoiceField(
                label=f"{person} ({where})",
                choices=choices,
                required=False,
                initial=attendance.status if attendance else AttendanceStatus.PRESENT,
            )
            if attendance is not None:
                self.fields[f"version_{person.pk}"] = forms.IntegerField(
                    widget=forms.HiddenInput, initial=attendance.version
                )

    def statuses(self) -> dict[int, str]:
        return {person.pk: self.cleaned_data[f"status_{person.pk}"] for person, _attendance in self.rows}

    def versions(self) -> dict[int, int]:
        return {
            person.pk: self.cleaned_data[f"version_{person.pk}"]
            for person, attendance in self.rows
            if attendance is not None
        }
