"""Workspace pages of the contacts log."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import FileResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import DetailView, View

from samverka.core.audit import action_name, client_address, record_event
from samverka.core.display import Column
from samverka.core.export import FORMATS, ExportColumn, spreadsheet_response
from samverka.core.refusals import REFUSALS
from samverka.core.views import (
    EXPORT_LIMIT,
    RecordCreateView,
    RecordDetailView,
    RecordListView,
    WorkspaceMixin,
)
from samverka.directory.models import Organisation, Person
from samverka.interactions.domain import log_mail
from samverka.interactions.filters import InteractionFilter
from samverka.interactions.forms import MAIL_FILE_TYPES, TimelineForm
from samverka.interactions.models import Interaction, InteractionAttachment
from samverka.interactions.timeline import (
    PAGE_EVENTS,
    contacts_of_organisation,
    kinds_seen_by,
    timeline,
)
from samverka.partnerships.models import Partnership

RECENT_CONTACTS = 5


def contacts_box(policy, subject) -> dict:
    """The context of a record page's contacts box (``interactions/contacts_box.html``): its
    latest contacts, the queries that list its contacts or log a new one about it, the field and
    value that name it (to drop an e-mail about it), and its timeline's address."""
    name = subject._meta.model_name
    field = "people" if name == "person" else name
    if name == "organisation":
        contacts = contacts_of_organisation(policy.scope(Interaction.objects.all()), subject)
    else:
        contacts = policy.scope(Interaction.objects.all()).filter(**{field: subject})
    value = str(subject.pk) if field == "partnership" else f"#{subject.pk}"
    return {
        "contacts": contacts.order_by("-occurred_on", "-id")[:RECENT_CONTACTS],
        "about": urlencode({field: value}),  # the log's filter: a partnership's id, a typed "#12"
        "log_query": urlencode({field: subject.pk}),  # a new contact pre-filled (``preselect``)
        "about_name": field,
        "about_value": value,
        "mail_file_types": MAIL_FILE_TYPES,
        "timeline_url": reverse(f"{subject._meta.app_label}:{name}-timeline", args=[subject.pk]),
    }


class InteractionCreateView(RecordCreateView):
    """``?partnership=``, ``?organisation=`` or ``?people=<id>`` logs a contact with that record
    (the links of its page)."""

    preselect = {"partnership": Partnership, "organisation": Organisation, "people": Person}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        initial = kwargs.get("initial", {})
        if "people" in initial:  # the form takes several people; the page's cancel link one
            initial["people"] = [initial["people"]]
        return kwargs


class MailDropView(InteractionCreateView):
    """Log a contact from an e-mail file dropped on a record's page (or chosen on this one)."""

    template_name = "interactions/mail_drop.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Log an e-mail")
        return context

    def form_valid(self, form):
        if refused := self.refuse_unless_permitted(form):
            return refused
        try:
            contact = log_mail(form, institution=self.institution, actor=self.request.user)
        except REFUSALS as exc:
            return self.refused_form(form, exc)
        people = ", ".join(str(person) for person in form.cleaned_data["people"])
        messages.success(
            self.request,
            ngettext(
                "The e-mail was logged with %(count)s attachment.",
                "The e-mail was logged with %(count)s attachments.",
                len(form.mail.attachments),
            )
            % {"count": len(form.mail.attachments)},
        )
        if people:
            messages.info(self.request, _("Who took part: %(people)s.") % {"people": people})
        if form.unknown_addresses:
            messages.info(
                self.request,
                _("Not in the directory: %(addresses)s. Add them as people to find them next time.")
                % {"addresses": ", ".join(form.unknown_addresses)},
            )
        return HttpResponseRedirect(contact.get_absolute_url())


class InteractionDetailView(RecordDetailView):
    template_name = "interactions/interaction_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["attachments"] = self.object.attachments.all()
        return context


class AttachmentView(WorkspaceMixin, View):
    """A file that came with a logged e-mail, to those who see its contact; always downloaded."""

    model = Interaction

    def get(self, request, pk):
        attachment = get_object_or_404(
            InteractionAttachment.objects.select_related("interaction"),
            pk=pk,
            interaction__in=self.scoped(Interaction),
        )
        response = FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.name,
            content_type="application/octet-stream",
        )
        # Downloaded, never shown in the site's origin; if opened anyway, it runs nothing.
        response["Content-Security-Policy"] = "sandbox; default-src 'none'"
        response["Cache-Control"] = "private, no-store"
        return response


class InteractionListView(RecordListView):
    model = Interaction
    filterset_class = InteractionFilter
    bulk_fields = ("followed_up", "visibility")
    columns = (
        Column("occurred_on", _("Date"), "date"),
        Column("kind", _("Kind")),
        Column("summary", _("Summary"), link=True),
        Column("partnership", _("Partnership")),
        Column("organisation", _("Organisation")),
        Column("follow_up_on", _("Follow up by"), "follow_up"),
        Column("visibility", _("Visibility")),
    )

    def base_queryset(self):
        return super().base_queryset().select_related("partnership", "organisation")


class TimelineView(WorkspaceMixin, DetailView):
    """The timeline of a partnership, an organisation or a person (``as_view(model=…)``): what
    happened with it, newest first, filterable by kind and year, as a spreadsheet too."""

    template_name = "interactions/timeline.html"

    def get_queryset(self):
        return self.scoped(self.model)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = TimelineForm(request.GET or None, kinds=kinds_seen_by(self.policy))
        filters = form.cleaned_data if form.is_valid() else {}
        kinds, year = filters.get("kind") or (), filters.get("year")
        if (fmt := request.GET.get("format")) in FORMATS and not form.errors:
            return self.export(fmt, kinds, year)
        events = timeline(self.policy, self.object, kinds=kinds, year=year, limit=PAGE_EVENTS + 1)
        query = request.GET.copy()
        query.pop("format", None)
        context = self.get_context_data(
            form=form,
            events=events[:PAGE_EVENTS],
            more=len(events) > PAGE_EVENTS,
            shown=PAGE_EVENTS,
            export_links=[
                (fmt, f"?{urlencode([*query.lists(), ('format', fmt)], doseq=True)}") for fmt in FORMATS
            ],
        )
        return self.render_to_response(context)

    def export(self, fmt: str, kinds, year):
        subject = self.object
        title = _("Timeline of {subject}").format(subject=subject)
        record_event(
            institution=self.institution,
            actor=self.request.user,
            action=action_name(self.model, "exported"),
            obj=subject,
            changes={"timeline": {"after": self.request.GET.urlencode()}, "format": {"after": fmt}},
            ip_address=client_address(self.request),
        )
        columns = [
            ExportColumn("day", str(_("Date"))),
            ExportColumn("kind_label", str(_("Kind"))),
            ExportColumn("what", str(_("What happened"))),
            ExportColumn("partnership", str(_("Partnership"))),
        ]
        events = timeline(self.policy, subject, kinds=kinds, year=year, limit=EXPORT_LIMIT)
        return spreadsheet_response(fmt, events, columns, title)
