"""GDPR pages: a person's data exported or anonymised, retention, the record of processing, the notice."""

import json
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import TemplateView

from samverka.core.audit import action_name, client_address, record_event
from samverka.core.cache import cache_publicly
from samverka.core.display import StrOrPromise
from samverka.core.domain.records import ReasonRequired
from samverka.core.tenancy import public_institution
from samverka.core.views import WorkspaceMixin
from samverka.directory.models import Person
from samverka.ideas.models import Idea
from samverka.privacy import processing
from samverka.privacy.domain import (
    AlreadyAnonymised,
    NothingToErase,
    anonymise_expired,
    anonymise_person,
    erase_expired_submitters,
    erase_submitter,
    person_data,
    person_pdf,
)
from samverka.privacy.retention import expired_people, expired_submitters


class PersonExportView(WorkspaceMixin, View):
    """Everything about one person, as JSON or as a readable PDF; the export is logged."""

    model = Person
    required_action = "administer"

    def get(self, request, pk, kind):
        person = self.get_permitted(Person, pk, "administer")
        data = person_data(person)
        record_event(
            institution=self.institution,
            actor=request.user,
            action=action_name(person, "exported"),
            obj=person,
            changes={"format": {"before": None, "after": kind}},
            ip_address=client_address(request),
        )
        stamp = timezone.localdate().isoformat()
        if kind == "json":
            body = json.dumps(data, ensure_ascii=False, indent=2)
            response = HttpResponse(body, content_type="application/json; charset=utf-8")
        else:
            response = HttpResponse(person_pdf(data), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="person-{person.pk}-{stamp}.{kind}"'
        response["Cache-Control"] = "private, no-store"
        return response


class ErasureView(WorkspaceMixin, TemplateView):
    """Erase personal data of one record on request: an administrator gives a reason, which is
    logged; asking again says it was done and changes nothing."""

    required_action = "administer"
    erase: Callable[..., object] | None = None  # (record, *, actor, reason): the domain function
    nothing_left: type[Exception] = ValueError  # what it raises when there is nothing left to erase
    nothing_left_message: StrOrPromise = ""
    done_message: StrOrPromise = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.get_permitted(self.model, self.kwargs["pk"], "administer")
        return context

    def post(self, request, pk):
        record = self.get_permitted(self.model, pk, "administer")
        reason = request.POST.get("reason", "")
        try:
            self.erase(record, actor=request.user, reason=reason)
        except self.nothing_left:
            messages.error(request, self.nothing_left_message)
            return HttpResponseRedirect(record.get_absolute_url())
        except ReasonRequired:
            context = self.get_context_data(reason_error=True, reason=reason.strip())
            return self.render_to_response(context, status=400)
        messages.success(request, self.done_message)
        return HttpResponseRedirect(record.get_absolute_url())


class PersonAnonymiseView(ErasureView):
    """Erase a person on request (or when kept too long)."""

    model = Person
    template_name = "privacy/anonymise.html"
    erase = staticmethod(anonymise_person)
    nothing_left = AlreadyAnonymised
    nothing_left_message = _("This person is already anonymised.")
    done_message = _("The person was anonymised; their activities still count in statistics.")


class SubmitterEraseView(ErasureView):
    """Erase who sent an idea (their consent withdrawn)."""

    model = Idea
    template_name = "privacy/erase_submitter.html"
    erase = staticmethod(erase_submitter)
    nothing_left = NothingToErase
    nothing_left_message = _("The idea holds no contact details of its submitter.")
    done_message = _("Who sent the idea was erased; the idea and its stages are kept.")


class RetentionView(WorkspaceMixin, TemplateView):
    """People and idea submitters whose retention has run out; an administrator erases them at once."""

    model = Person
    required_action = "administer"
    template_name = "privacy/retention.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            expired=expired_people(self.institution),
            submitters=expired_submitters(self.institution),
            years=settings.SAMVERKA_RETENTION_YEARS,
        )
        return context

    def post(self, request):
        expired = anonymise_expired(self.institution, actor=request.user)
        erased = erase_expired_submitters(self.institution, actor=request.user)
        if expired or not erased:
            message = ngettext(
                "{count} person was anonymised.", "{count} people were anonymised.", len(expired)
            )
            messages.success(request, message.format(count=len(expired)))
        if erased:
            message = ngettext(
                "The submitter of {count} idea was erased.",
                "The submitters of {count} ideas were erased.",
                len(erased),
            )
            messages.success(request, message.format(count=len(erased)))
        return HttpResponseRedirect(reverse("privacy:retention"))


class ProcessingRecordView(WorkspaceMixin, TemplateView):
    """The record of processing (GDPR art. 30), generated from the system's configuration."""

    required_action = "view_internal"
    template_name = "privacy/processing_record.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            activities=processing.activities(),
            legal_bases=processing.legal_basis_counts(self.institution),
            controller=self.institution,
            dpo_email=settings.SAMVERKA_DPO_EMAIL,
        )
        return context


@cache_publicly
def privacy_notice(request):
    """The public privacy notice (GDPR art. 13–14), from the same description as the record."""
    context = {
        "institution": public_institution(request),
        "activities": processing.activities(),
        "dpo_email": settings.SAMVERKA_DPO_EMAIL,
    }
    return render(request, "privacy/notice.html", context)
