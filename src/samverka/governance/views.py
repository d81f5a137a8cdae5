"""Workspace pages of governance: bodies and their members, meetings with their agenda,
attendance, minutes, decisions and actions, the steps of a meeting, and its documents."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import DetailView, TemplateView

from samverka.core.display import Column
from samverka.core.domain.records import NOT_PERMITTED, create_record, update_record
from samverka.core.forms import VersionForm
from samverka.core.refusals import REFUSALS, refusal_of
from samverka.core.views import (
    RecordButtonView,
    RecordCreateView,
    RecordDetailView,
    RecordFileView,
    RecordListView,
    RecordStepView,
    WorkspaceMixin,
)
from samverka.directory.models import Person
from samverka.governance import documents
from samverka.governance.domain.actions import change_action_status, open_actions
from samverka.governance.domain.briefing import briefing_pack
from samverka.governance.domain.levels import corresponding_levels
from samverka.governance.domain.meetings import (
    MINUTES,
    approve_minutes,
    attendance_rows,
    may_release_documents,
    next_agenda_number,
    record_attendance,
    release_documents,
    send_out_day,
    start_correction,
)
from samverka.governance.domain.minutes import minutes_content
from samverka.governance.domain.queries import current_and_earlier, meeting_page, seats
from samverka.governance.filters import (
    ActionItemFilter,
    BodyFilter,
    BodyMemberFilter,
    BodyTypeFilter,
    DecisionFilter,
    MeetingFilter,
)
from samverka.governance.forms import (
    ActionStatusForm,
    ApproveMinutesForm,
    AttendanceGridForm,
    CorrectionForm,
    ItemActionForm,
    ItemDecisionForm,
    ItemMinutesForm,
    NextItemForm,
)
from samverka.governance.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Attendance,
    Body,
    BodyMember,
    BodyType,
    Decision,
    Meeting,
    MinutesVersion,
)
from samverka.lib.subquery import related_count
from samverka.partnerships.models import Partnership

MEETINGS_SHOWN = 10
LANGUAGES = ("sv", "en")


class BodyTypeListView(RecordListView):
    model = BodyType
    filterset_class = BodyTypeFilter
    columns = (
        Column("name", gettext_lazy("Name"), "name", link=True),
        Column("code", gettext_lazy("Code")),
        Column("is_active", gettext_lazy("In use")),
        Column("body_count", gettext_lazy("Bodies")),
    )

    def base_queryset(self):
        return super().base_queryset().annotate(body_count=related_count(Body, "type"))


class BodyListView(RecordListView):
    model = Body
    filterset_class = BodyFilter
    columns = (
        Column("name", gettext_lazy("Name"), "name", link=True),
        Column("type", gettext_lazy("Kind of body")),
        Column("partnership", gettext_lazy("Partnership"), "partnership"),
        Column("level", gettext_lazy("Level"), "level"),
        Column("member_count", gettext_lazy("Current members")),
    )

    def base_queryset(self):
        current = BodyMember.objects.current()
        return (
            super()
            .base_queryset()
            .select_related("type", "partnership")
            .annotate(member_count=related_count(current, "body"))
        )


class BodyDetailView(RecordDetailView):
    template_name = "governance/body_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("partnership", "type", "focus_area")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        body, policy = self.object, self.policy
        today = timezone.localdate()
        current_seats, earlier_seats = current_and_earlier(policy.scope(seats(body)), today)
        meetings = policy.scope(body.meetings.order_by("-starts_at", "-id"))
        context.update(
            current_seats=current_seats,
            earlier_seats=earlier_seats,
            meetings=meetings[:MEETINGS_SHOWN],
            meeting_total=meetings.count(),
            open_actions=policy.scope(
                open_actions(body.action_items.all()).select_related("owner").order_by("due_on", "id")
            ),
            today=today,
            can_view_people=policy.allows("view", Person),
            can_add={
                "bodymember": policy.may_add(BodyMember, body=body),
                "meeting": policy.may_add(Meeting, body=body),
                "actionitem": policy.may_add(ActionItem, body=body),
            },
        )
        return context


class BodyCreateView(RecordCreateView):
    preselect = {"partnership": Partnership}


class BodyMemberListView(RecordListView):
    model = BodyMember
    filterset_class = BodyMemberFilter
    bulk_fields = ("ends_on",)
    columns = (
        Column("person", gettext_lazy("Person"), "person", link=True),
        Column("role", gettext_lazy("Role")),
        Column("body", gettext_lazy("Body")),
        Column("starts_on", gettext_lazy("From"), "starts_on"),
        Column("ends_on", gettext_lazy("Until")),
    )

    def base_queryset(self):
        return super().base_queryset().select_related("person", "body")


class BodyMemberCreateView(RecordCreateView):
    preselect = {"body": Body, "person": Person}


class MeetingListView(RecordListView):
    model = Meeting
    filterset_class = MeetingFilter
    columns = (
        Column("starts_at", gettext_lazy("Starts"), "starts_at", link=True),
        Column("body", gettext_lazy("Body"), "body"),
        Column("place", gettext_lazy("Place")),
        Column("documents_released", gettext_lazy("Documents sent out")),
        Column("minutes_status", gettext_lazy("Minutes")),
    )

    def base_queryset(self):
        return super().base_queryset().select_related("body")


class MeetingDetailView(RecordDetailView):
    template_name = "governance/meeting_detail.html"
    detail_fields = ("body", "starts_at", "ends_at", "place", "video_link", "registry_number")

    def get_queryset(self):
        return meeting_page(self.scoped(Meeting))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting, policy = self.object, self.policy
        may_change_parts = MINUTES.may_change_parts(policy, meeting)
        context.update(
            today=timezone.localdate(),
            send_out_on=send_out_day(meeting),
            can_view_people=policy.allows("view", Person),
            can_release=may_release_documents(policy, meeting),
            can_approve=MINUTES.may_approve(policy, meeting),
            can_correct=MINUTES.may_reopen(policy, meeting),
            can_brief=policy.allows("view_internal", Meeting),
            can_add={
                name: may_change_parts and policy.may_add(model, meeting=meeting)
                for name, model in (
                    ("agendaitem", AgendaItem),
                    ("attendance", Attendance),
                    ("decision", Decision),
                )
            }
            | {"actionitem": policy.may_add(ActionItem, body=meeting.body)},
            version_form=VersionForm(initial={"expected_version": meeting.version}),
            languages=LANGUAGES,
        )
        return context


class MeetingCreateView(RecordCreateView):
    preselect = {"body": Body}


class AgendaItemCreateView(RecordCreateView):
    preselect = {"meeting": Meeting, "presenter": Person}

    def get_initial(self):
        initial = super().get_initial()
        if "meeting" in initial:
            initial["number"] = next_agenda_number(initial["meeting"])
        return initial


class AgendaItemDetailView(RecordDetailView):
    file_field = "attachment"
    file_label = gettext_lazy("Download the attachment")


class AgendaItemAttachmentView(RecordFileView):
    """An agenda item's attachment: to those who see the item (partners once documents are sent out)."""

    model = AgendaItem
    file_field = "attachment"


class AttendanceCreateView(RecordCreateView):
    preselect = {"meeting": Meeting, "person": Person}


class DecisionListView(RecordListView):
    model = Decision
    filterset_class = DecisionFilter
    columns = (
        Column("label", gettext_lazy("Decision"), link=True),
        Column("text", gettext_lazy("Text")),
        Column("body", gettext_lazy("Body")),
        Column("meeting", gettext_lazy("Meeting")),
    )

    def base_queryset(self):
        return super().base_queryset().select_related("body", "meeting__body")


class DecisionCreateView(RecordCreateView):
    preselect = {"meeting": Meeting, "agenda_item": AgendaItem}


class ActionItemListView(RecordListView):
    model = ActionItem
    filterset_class = ActionItemFilter
    bulk_fields = ("owner", "due_on")
    columns = (
        Column("title", gettext_lazy("Action"), "title", link=True),
        Column("owner", gettext_lazy("Owner"), "owner"),
        Column("due_on", gettext_lazy("Due"), "due_on"),
        Column("status", gettext_lazy("Status"), "status"),
        Column("is_overdue", gettext_lazy("Overdue")),
        Column("body", gettext_lazy("Body")),
        Column("decision", gettext_lazy("Decision")),
    )

    def base_queryset(self):
        return super().base_queryset().select_related("owner", "body", "decision")


class ActionItemCreateView(RecordCreateView):
    preselect = {"body": Body, "meeting": Meeting, "decision": Decision, "agenda_item": AgendaItem}

    def get_initial(self):
        initial = super().get_initial()
        for parent in ("meeting", "decision", "agenda_item"):  # the body follows from what it arose from
            if parent in initial and "body" not in initial:
                model = self.preselect[parent]
                initial["body"] = (
                    model.objects.filter(pk=initial[parent])
                    .values_list("body_id" if parent != "agenda_item" else "meeting__body_id", flat=True)
                    .first()
                )
        return initial


class MinutesVersionDetailView(WorkspaceMixin, DetailView):
    """An approved version of the minutes, as approved: it never changes."""

    model = MinutesVersion
    template_name = "governance/minutesversion_detail.html"

    def get_queryset(self):
        return self.scoped(MinutesVersion).select_related("meeting__body").prefetch_related("adjusters")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(content=self.object.content, languages=LANGUAGES)
        return context


class MeetingStepView(RecordStepView):
    """A step of a meeting (approve, correct, record the attendance) on a page of its own."""

    model = Meeting
    template_name = "governance/meeting_step.html"

    def get_meeting(self) -> Meeting:
        return self.get_record()


class MeetingReleaseView(RecordButtonView):
    """Send out the meeting's documents (a button on its page)."""

    model = Meeting

    def take_step(self, meeting, version):
        release_documents(meeting, actor=self.request.user, expected_version=version)
        return _("The documents were sent out to the members.")


class MeetingAttendanceView(MeetingStepView):
    """Everyone's attendance in one form: the members are offered as present, so recording a
    meeting where all came is one click; the absent are changed before saving."""

    form_class = AttendanceGridForm
    title = gettext_lazy("Record the attendance")

    def get_meeting(self) -> Meeting:
        meeting = super().get_meeting()
        if not self.policy.may_add(Attendance, meeting=meeting):
            raise PermissionDenied
        return meeting

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "rows": attendance_rows(self.get_meeting())}

    def take_step(self, meeting, form):
        count = record_attendance(meeting, form.statuses(), form.versions(), actor=self.request.user)
        messages.success(
            self.request,
            ngettext(
                "The attendance of {count} person was recorded.",
                "The attendance of {count} people was recorded.",
                count,
            ).format(count=count),
        )


class MeetingApproveView(MeetingStepView):
    form_class = ApproveMinutesForm
    title = gettext_lazy("Approve the minutes")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.get_meeting()}

    def take_step(self, meeting, form):
        data = form.cleaned_data
        version = approve_minutes(
            meeting,
            adjusters=data["adjusters"],
            registry_number=data.get("registry_number", ""),
            correction_reason=data.get("correction_reason", ""),
            actor=self.request.user,
            expected_version=data["expected_version"],
        )
        messages.success(
            self.request,
            _("The minutes were approved and locked (version {number}).").format(number=version.number),
        )


class MeetingCorrectionView(MeetingStepView):
    form_class = CorrectionForm
    title = gettext_lazy("Correct the approved minutes")

    def take_step(self, meeting, form):
        start_correction(
            meeting,
            reason=form.cleaned_data["reason"],
            actor=self.request.user,
            expected_version=form.cleaned_data["expected_version"],
        )
        messages.success(
            self.request,
            _("The minutes are open for the correction; the approved version is kept as it was."),
        )


class MeetingMinutesView(WorkspaceMixin, TemplateView):
    """The minutes of a meeting on one page: the attendance, then each agenda item with its
    outcome, minutes, decisions and actions, and the next item, each added or saved inline by a
    small form of its own (``part``), so the page is never left and two people writing at once
    never overwrite each other's items. Each part is saved as its own page saves it: the same
    forms, ``core.domain.records`` (audit trail, optimistic lock) and the meeting's lock."""

    template_name = "governance/meeting_minutes.html"
    model = Meeting
    required_action = "change"

    def get_meeting(self) -> Meeting:
        if not hasattr(self, "meeting"):
            self.get_permitted(Meeting, self.kwargs["pk"], "change")
            self.meeting = meeting_page(self.scoped(Meeting)).get(pk=self.kwargs["pk"])
        return self.meeting

    def part_form(self, part: str, data=None):
        """The form of one part of the page (``attendance``, ``item-<id>``, ``decision-<id>``,
        ``action-<id>``, ``next``); None for a part the meeting does not have."""
        meeting, institution = self.get_meeting(), self.institution
        common = {"prefix": part, "institution": institution, "policy": self.policy}
        if part == "attendance":
            return AttendanceGridForm(data, prefix=part, rows=attendance_rows(meeting))
        if part == "next":
            item = AgendaItem(institution=institution, meeting=meeting, number=next_agenda_number(meeting.pk))
            return NextItemForm(data, instance=item, **common)
        kind, _sep, pk = part.partition("-")
        item = next((item for item in meeting.agenda_items.all() if str(item.pk) == pk), None)
        if item is None:
            return None
        if kind == "item":
            return ItemMinutesForm(data, instance=item, **common)
        if kind == "decision":
            decision = Decision(institution=institution, meeting=meeting, agenda_item=item)
            return ItemDecisionForm(data, instance=decision, **common)
        if kind == "action":
            decisions = [d for d in meeting.decisions.all() if d.agenda_item_id == item.pk]
            action = ActionItem(
                institution=institution,
                body=meeting.body,
                meeting=meeting,
                agenda_item=item,
                decision=decisions[0] if len(decisions) == 1 else None,
            )
            return ItemActionForm(data, instance=action, **common)
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.get_meeting()
        bound = kwargs.get("bound", {})
        locked = not MINUTES.may_change_parts(self.policy, meeting)
        items = []
        for item in meeting.agenda_items.all():
            parts = {f"{kind}_form": f"{kind}-{item.pk}" for kind in ("item", "decision", "action")}
            items.append(
                {
                    "item": item,
                    "decisions": [d for d in meeting.decisions.all() if d.agenda_item_id == item.pk],
                    "actions": [a for a in meeting.action_items.all() if a.agenda_item_id == item.pk],
                    **(
                        {}
                        if locked
                        else {kind: bound.get(part) or self.part_form(part) for kind, part in parts.items()}
                    ),
                }
            )
        context.update(
            object=meeting,
            items=items,
            locked_message=meeting.locked_message() if locked else None,
            can_approve=MINUTES.may_approve(self.policy, meeting),
        )
        if not locked:
            context.update(
                attendance=bound.get("attendance") or self.part_form("attendance"),
                next_item=bound.get("next") or self.part_form("next"),
            )
        return context

    def post(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        if message := meeting.locked_message():
            messages.error(request, message)
            return HttpResponseRedirect(meeting.get_absolute_url())
        part = request.POST.get("part", "")
        form = self.part_form(part, request.POST)
        if form is None:  # an item deleted meanwhile, or a hand-made post
            messages.error(
                request, _("That part of the minutes is no longer there; the page is shown again.")
            )
            return HttpResponseRedirect(request.path)
        status = 200
        if form.is_valid():
            try:
                anchor, message = self.save_part(part, form)
            except PermissionDenied:
                form.add_error(None, NOT_PERMITTED)
                status = 403
            except REFUSALS as exc:
                refusal = refusal_of(exc)
                form.add_error(refusal.field_of(form), refusal.message)
                status = refusal.status
            else:
                messages.success(request, message)
                return HttpResponseRedirect(f"{request.path}#{anchor}")
        context = self.get_context_data(bound={part: form}, failed=form)
        return self.render_to_response(context, status=status)

    def save_part(self, part: str, form) -> tuple[str, str]:
        """Save one part's form; (the anchor to return to, the message). Raises PermissionDenied
        when the record, as the form would save it, is not the user's to save."""
        user: Any = self.request.user  # signed in: the workspace lets no one else here
        meeting = self.get_meeting()
        if part == "attendance":
            if not self.policy.may_add(Attendance, meeting=meeting):
                raise PermissionDenied
            count = record_attendance(meeting, form.statuses(), form.versions(), actor=user)
            return part, ngettext(
                "The attendance of {count} person was recorded.",
                "The attendance of {count} people was recorded.",
                count,
            ).format(count=count)
        if form.instance.pk:  # an item's outcome and minutes
            if not self.policy.permits("change", form.instance):
                raise PermissionDenied
            item = update_record(form, actor=user, expected_version=form.cleaned_data["expected_version"])
            return part, _("Your changes to “{name}” were saved.").format(name=item)
        form.instance.created_by = user
        if not self.policy.permits("add", form.instance):
            raise PermissionDenied
        record = create_record(form, institution=self.institution, actor=user)
        anchor = f"item-{record.pk}" if part == "next" else f"item-{record.agenda_item_id}"
        return anchor, _("“{name}” was created.").format(name=record)


class ActionItemDetailView(RecordDetailView):
    """An action's page, with its status and the form that changes it."""

    template_name = "governance/actionitem_detail.html"

    def get_detail_fields(self) -> tuple:
        return (*super().get_detail_fields(), "status")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        action = self.object
        context["status_form"] = ActionStatusForm(
            initial={"status": action.status, "expected_version": action.version}
        )
        context["can_change_status"] = self.policy.permits("change", action)
        return context


class ActionStatusView(WorkspaceMixin, View):
    """Move an action item to another status (POST), recorded in the audit trail."""

    model = ActionItem
    required_action = "change"

    def post(self, request, pk):
        action = self.get_permitted(ActionItem, pk, "change")
        form = ActionStatusForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose one of the statuses offered."))
            return HttpResponseRedirect(action.get_absolute_url())
        status = form.cleaned_data["status"]
        try:
            change_action_status(
                action, status, actor=request.user, expected_version=form.cleaned_data["expected_version"]
            )
        except REFUSALS as exc:
            self.refused_message(exc)
        else:
            messages.success(
                request, _("“{name}” is now {status}.").format(name=action, status=ActionStatus(status).label)
            )
        return HttpResponseRedirect(action.get_absolute_url())


def _language(request) -> str:
    language = request.GET.get("lang", "")
    return (
        language
        if language in LANGUAGES
        else request.LANGUAGE_CODE[:2]
        if request.LANGUAGE_CODE[:2] in LANGUAGES
        else "sv"
    )


def _format(request) -> str:
    return "docx" if request.GET.get("format") == "docx" else "pdf"


def _download(data: bytes, filename: str, fmt: str) -> HttpResponse:
    content_type = {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }[fmt]
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


class MeetingDocumentView(WorkspaceMixin, View):
    """The meeting's agenda or minutes as PDF or Word: from the live records, or for approved
    minutes from the version as approved."""

    model = Meeting

    def get(self, request, pk):
        meeting = get_object_or_404(
            self.scoped(Meeting).select_related("body__partnership", "body__type"), pk=pk
        )
        kind = "minutes" if request.GET.get("kind") == "minutes" else "agenda"
        fmt = _format(request)
        latest = meeting.minutes_versions.order_by("-number").first() if meeting.is_approved else None
        # Approved minutes print as approved (their frozen version), never from the live records.
        content = latest.content if kind == "minutes" and latest else minutes_content(meeting)
        language = _language(request)
        data = documents.meeting_document(content, kind=kind, fmt=fmt, language=language)
        return _download(data, documents.document_filename(content, kind, fmt, language), fmt)


class MinutesVersionDocumentView(WorkspaceMixin, View):
    """An approved version of the minutes as PDF or Word, made from the version as approved."""

    model = MinutesVersion

    def get(self, request, pk):
        version = get_object_or_404(self.scoped(MinutesVersion), pk=pk)
        fmt = _format(request)
        language = _language(request)
        data = documents.meeting_document(version.content, kind="minutes", fmt=fmt, language=language)
        return _download(data, documents.document_filename(version.content, "minutes", fmt, language), fmt)


class MeetingBriefingView(WorkspaceMixin, DetailView):
    """The coordinator's briefing pack of a meeting, generated from the records (page, PDF, Word)."""

    model = Meeting
    required_action = "view_internal"
    template_name = "governance/briefing.html"

    def get_queryset(self):
        return self.scoped(Meeting).select_related("body__partnership", "body__type")

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        pack = briefing_pack(self.object)
        fmt = request.GET.get("format")
        if fmt in documents.FORMATS:
            language = _language(request)
            data = documents.briefing_document(pack, fmt=fmt, language=language)
            return _download(
                data, documents.document_filename(pack["meeting"], "briefing", fmt, language), fmt
            )
        return self.render_to_response(self.get_context_data(pack=pack, languages=LANGUAGES))


class LevelsView(WorkspaceMixin, DetailView):
    """The partnership's corresponding levels: both sides level by level, with the gaps."""

    model = Partnership
    template_name = "governance/levels.html"

    def get_queryset(self):
        return self.scoped(Partnership)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        levels = corresponding_levels(self.object, self.policy)
        context.update(levels=levels, svg_height=len(levels) * 100)
        return context
