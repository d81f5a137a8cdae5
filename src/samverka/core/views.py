"""Generic workspace views: every internal page goes through ``WorkspaceMixin``.

It is the single choke point for log-in and the policy layer
(``core.permissions``): records out of the user's reach answer 404, actions
their role may not take 403.
"""

import functools
from collections.abc import Callable, Iterable
from typing import Any, cast

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import connection, models, transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView, TemplateView, View
from django.views.generic.edit import FormView

from samverka.core import registry
from samverka.core.audit import action_name, client_address, history_of, record_event
from samverka.core.cache import institution_version
from samverka.core.display import Column, StrOrPromise, column_formatter, detail_rows, field_label
from samverka.core.domain.records import (
    NOT_PERMITTED,
    ReasonRequired,
    create_record,
    delete_record,
    update_record,
)
from samverka.core.export import FORMATS, ExportColumn, spreadsheet_response
from samverka.core.forms import VersionForm, changed_form, limit_choices
from samverka.core.language import in_its_language
from samverka.core.pagination import CappedPaginator, ForgivingPagesMixin, stable_order
from samverka.core.permissions import policy_for
from samverka.core.references import reference_label
from samverka.core.refusals import REFUSALS, refusal_of
from samverka.core.registry import kind_of
from samverka.core.tenancy import current_membership
from samverka.lib.textmatch import record_id, words_condition


class WorkspaceMixin(LoginRequiredMixin):
    """Log-in, then the policy (``core.permissions``): may this member do ``required_action``
    to records of ``model`` at all? Records are then fetched through ``scoped`` (what the
    member may see; anything else answers 404) and ``get_permitted`` (403 when the member
    sees the record but may not do the action to it).
    """

    required_action = "view"
    model: Any = None  # a model class (Django's generic views each type it their own way)
    request: HttpRequest  # set by the view the mixin is mixed into

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.membership = current_membership(request)
        self.policy = policy_for(request)
        if self.membership is None or not self.policy.allows(self.required_action, self.model):
            raise PermissionDenied
        self.institution = self.membership.institution
        return super().dispatch(request, *args, **kwargs)

    def kept_for(self) -> str:
        """What this member's page is made from: the key under which a page's template keeps parts
        of it as HTML (``{% cache kept_seconds … kept_for %}``) until a record of the institution,
        or the member's reach, changes (``core.signals``). It holds what such a part shows: the
        member (their policy), the language, the page and what was asked (filters, sorting, page
        number), and the day (dates shown as past or due). Only parts that show the institution's
        records and no form may be kept (a form's CSRF token is the visitor's own)."""
        return ":".join(
            (
                institution_version(self.institution.pk),
                get_language(),
                str(self.membership.pk),
                timezone.localdate().isoformat(),
                self.request.path,  # the page, with whatever its address names
                self.request.GET.urlencode(),
            )
        )

    def kept_context(self) -> dict[str, Any]:
        """``kept_for`` and ``kept_seconds`` for the page's template."""
        return {"kept_for": self.kept_for(), "kept_seconds": settings.SAMVERKA_PAGE_CACHE_SECONDS}

    def scoped(self, model, action="view"):
        return self.policy.scope(model.objects.all(), action)

    def get_permitted(self, model, pk, action):
        obj = get_object_or_404(self.scoped(model), pk=pk)
        if not self.policy.permits(action, obj):
            raise PermissionDenied
        return obj

    def refused_form(self, form: forms.BaseForm, exc: Exception) -> HttpResponse:
        """The form again, with the domain's refusal (``core.refusals``) as its error and status;
        the user's input is kept (in a form view)."""
        refusal = refusal_of(exc)
        form.add_error(refusal.field_of(form), refusal.message)
        response = cast("FormView[Any]", self).form_invalid(form)
        response.status_code = refusal.status
        return response

    def refused_message(self, exc: Exception) -> None:
        """The domain's refusal (``core.refusals``) as an error message on the next page."""
        messages.error(self.request, refusal_of(exc).message)


EXPORT_LIMIT = 1_048_575  # the rows of an Excel sheet, less its header


class RecordListView(WorkspaceMixin, ForgivingPagesMixin, ListView):
    """A filterable, sortable, paginated list of one kind of record (count capped: ``core.pagination``)."""

    paginator_class = CappedPaginator
    filterset_class: Any = None  # an InstitutionFilterSet
    template_name = "core/record_list.html"
    columns: tuple[Column, ...] = ()
    title: StrOrPromise = ""

    form_class: Any = None  # the record's workspace form (``record_urls``): the export's columns
    export_fields: tuple = ()  # field names or (attribute, header); by default see export_columns
    # Fields the chosen rows can be set to at once (``RecordBulkView``); the list's rows can be
    # chosen and downloaded whenever the kind has a ``<model>-bulk`` page.
    bulk_fields: tuple[str, ...] = ()
    only_ids: set[int] | None = None
    # The list's filter and bulk forms and its table are kept as HTML (``kept_for``): the forms with
    # their options were a third of a list's time, reading and formatting the rows a third (issue
    # 25). False for records that change without telling the institution's cache (``core.signals``).
    rows_kept = True

    def get(self, request, *args, **kwargs):
        if (fmt := request.GET.get("format")) in FORMATS:
            return self.export(fmt)
        return super().get(request, *args, **kwargs)

    def get_paginate_by(self, queryset):
        return settings.SAMVERKA_PAGE_SIZE

    def get_paginator(self, *args, **kwargs):
        """The count is kept until the institution's records change (``CappedPaginator``)."""
        return super().get_paginator(*args, kept_for=(self.institution.pk, self.membership.pk), **kwargs)

    def base_queryset(self):
        return self.scoped(self.model)

    def get_queryset(self):
        # The page asked for is the paginator's, not a filter: a list's later pages are as
        # unfiltered as its first, whose filter form is then never made (``InstitutionFilterSet.form``).
        query = self.request.GET.copy()
        query.pop("page", None)
        self.filterset = self.filterset_class(
            query or None, queryset=self.base_queryset(), policy=self.policy
        )
        if self.filterset.is_bound and not self.filterset.is_valid():
            return self.base_queryset().none()
        if self.only_ids is not None:  # the rows chosen on the list (``RecordBulkView``)
            return stable_order(self.filterset.qs.filter(pk__in=self.only_ids))
        return stable_order(self.filterset.qs)

    def bulk_form(self) -> forms.Form | None:
        """The values the chosen rows can be given (``bulk_fields``), each offered as the record's
        form offers it to this user."""
        if not self.bulk_fields:
            return None
        form = forms.Form(prefix="set")
        for name in self.bulk_fields:
            field = self.model._meta.get_field(name).formfield(required=False)
            if isinstance(field, forms.BooleanField):  # a checkbox cannot tell "no" from "not chosen"
                field = forms.ChoiceField(label=field.label, choices=[("true", _("Yes")), ("false", _("No"))])
            form.fields[name] = field
        limit_choices(
            form.fields,
            self.institution,
            self.policy.partnership_choices("change", self.model),
            self.policy,
        )
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filterset=self.filterset,
            title=self.title or self.model._meta.verbose_name_plural.capitalize(),
            columns=self.columns,
            # read and formatted only when the table is made, not when it is kept (``kept_for``)
            rows=functools.partial(self.table_rows, context["object_list"]),
            rows_kept=self.rows_kept,
            querystring=query.urlencode(),
            current_ordering=self.request.GET.get("o", ""),
            add_url=self.add_url() if self.policy.allows("add", self.model) else None,
            bulk_url=self.bulk_url(),
            # made only when the page is made, not when it is kept (``kept_for``)
            bulk_form=SimpleLazyObject(self.bulk_form) if self.policy.allows("change", self.model) else None,
            **self.kept_context(),
            page_links=self.page_links(),
            export_links=[
                (fmt, f"?{query.urlencode()}&format={fmt}" if query else f"?format={fmt}") for fmt in FORMATS
            ],
        )
        return context

    def table_rows(self, records: Iterable[Any]) -> list[tuple[Any, list[str]]]:
        """Each record of the page with its formatted cells."""
        cells = [column_formatter(self.model, column, self.policy.allows) for column in self.columns]
        return [(obj, [cell(obj) for cell in cells]) for obj in records]

    def page_links(self) -> list[tuple[str, str]]:
        """(address, label) of the pages the list's head links to, beside "Add new": those the
        apps add to every list (``core.registry.ListLink``: the import's upload page)."""
        kind = kind_of(self.model)
        return [
            (url, str(link.text)) for link in registry.list_links() if (url := link.url(kind, self.policy))
        ]

    def export_columns(self) -> list[ExportColumn]:
        """``export_fields``, else the record's number, its form's fields (no files; no internal
        notes for those who may not see them), the list's computed columns and its dates."""
        model = self.model
        entries = list(self.export_fields)
        if not entries and self.form_class is not None:
            concrete = {f.name for f in model._meta.get_fields()}
            hidden = () if self.policy.sees_internal else getattr(model, "internal_fields", ())
            entries = [
                "id",
                *(
                    name
                    for name in self.form_class._meta.fields
                    if name not in hidden and not isinstance(model._meta.get_field(name), models.FileField)
                ),
                *((c.attr, c.header) for c in self.columns if c.attr not in concrete),
                "created_at",
                "updated_at",
            ]
        elif not entries:
            entries = [(c.attr, c.header) for c in self.columns]
        return [
            ExportColumn(entry[0], str(entry[1]))
            if isinstance(entry, tuple)
            else ExportColumn(entry, "Nr" if entry == "id" else field_label(model, entry))
            for entry in entries
        ]

    def export(self, fmt: str):
        """The list's rows, as its filters select and sort them, as a spreadsheet; logged."""
        columns = self.export_columns()
        queryset = self.get_queryset()[:EXPORT_LIMIT]
        title = self.title or self.model._meta.verbose_name_plural.capitalize()
        record_event(
            institution=self.institution,
            actor=self.request.user,
            action=action_name(self.model, "exported"),
            obj=None,
            object_repr=str(title),
            changes={"filters": {"after": self.request.GET.urlencode()}, "format": {"after": fmt}},
            ip_address=client_address(self.request),
        )
        return spreadsheet_response(fmt, queryset, columns, title)

    def bulk_url(self):
        try:
            return record_url(self.model, "bulk")
        except NoReverseMatch:
            return None

    def add_url(self):
        """The kind's "new" page; None for kinds made elsewhere (the audit trail, memberships)."""
        try:
            return record_url(self.model, "create")
        except NoReverseMatch:
            return None


BULK_LIMIT = 500  # rows one choice on a list may act on


class BulkRefused(Exception):
    def __init__(self, record: Any, form: forms.BaseForm):
        super().__init__(str(record))
        self.record, self.form = record, form

    @property
    def errors(self) -> str:
        """The form's errors, each after its field's label: "Focus area: Select a valid choice." """
        fields = self.form.fields
        return " ".join(
            f"{fields[name].label}: {message}" if name in fields else str(message)
            for name, messages_ in self.form.errors.items()
            for message in messages_
        )


class RecordBulkView(WorkspaceMixin, View):
    """The rows chosen on a list (``ids``, POSTed from ``core/record_list.html``): downloaded as a
    spreadsheet with the list's columns, or one of the list's ``bulk_fields`` set on each through
    the record's own form, so the same rules hold and each change is in the audit trail as if
    made one by one; all or nothing."""

    list_view: Any = None
    form_class: Any = None

    def post(self, request):
        ids = {n for value in request.POST.getlist("ids")[:BULK_LIMIT] if (n := record_id(value)) is not None}
        back = record_url(self.model, "list")
        if not ids:
            messages.error(request, _("Choose at least one row."))
            return HttpResponseRedirect(back)
        listing = self.list_view(form_class=self.form_class)
        listing.setup(request)
        listing.membership, listing.policy, listing.institution = (
            self.membership,
            self.policy,
            self.institution,
        )
        listing.only_ids = ids
        action = request.POST.get("action", "")
        if action in FORMATS:
            return listing.export(action)
        if action not in listing.bulk_fields:
            messages.error(request, _("Choose what to do with the chosen rows."))
            return HttpResponseRedirect(back)
        return self.set_field(ids, action, request.POST.get(f"set-{action}", ""), back)

    def set_field(self, ids, name, value, back):
        records = list(self.scoped(self.model).filter(pk__in=ids).order_by("pk"))
        if any(not self.policy.permits("change", record) for record in records):
            messages.error(self.request, _("You may not change every chosen row: nothing was changed."))
            return HttpResponseRedirect(back)
        form_kwargs = {
            "partnerships": self.policy.partnership_choices("change", self.model),
            "policy": self.policy,
        }
        try:
            with transaction.atomic():
                for record in records:
                    form = changed_form(
                        self.form_class, record, {name: value}, institution=self.institution, **form_kwargs
                    )
                    if not form.is_valid():
                        raise BulkRefused(record, form)
                    update_record(form, actor=self.request.user, expected_version=record.version)
        except BulkRefused as exc:
            messages.error(
                self.request,
                _("“{record}”: {errors} Nothing was changed.").format(record=exc.record, errors=exc.errors),
            )
            return HttpResponseRedirect(back)
        except REFUSALS as exc:
            self.refused_message(exc)
            return HttpResponseRedirect(back)
        messages.success(
            self.request,
            ngettext("{count} row was changed.", "{count} rows were changed.", len(records)).format(
                count=len(records)
            ),
        )
        return HttpResponseRedirect(back)


def record_url(model, verb: str, *args) -> str:
    """URL of a record page by the project's naming rule ``<app>:<model>-<verb>``."""
    meta = model._meta
    return reverse(f"{meta.app_label}:{meta.model_name}-{verb}", args=args)


class RecordDetailView(WorkspaceMixin, DetailView):
    """A record page: its facts, its history, and the actions the user may take.

    The facts shown are ``detail_fields`` or, by default, the fields of the
    record's form (less uploaded files); related records among them are loaded
    with the record, in a fixed number of queries.
    """

    template_name = "core/record_detail.html"
    form_class: Any = None
    detail_fields: tuple = ()
    # An uploaded file the page links to (served by the ``<model>-file`` page, ``RecordFileView``).
    file_field = ""
    file_label: StrOrPromise = ""

    def get_detail_fields(self) -> tuple:
        if self.detail_fields:
            return self.detail_fields
        return tuple(
            name
            for name in self.form_class._meta.fields
            if not isinstance(self.model._meta.get_field(name), models.FileField)
        )

    def get_queryset(self):
        names = [entry for entry in self.get_detail_fields() if isinstance(entry, str)]
        fields = [self.model._meta.get_field(name) for name in names]
        return (
            self.scoped(self.model)
            .select_related(*(f.name for f in fields if f.many_to_one))
            .prefetch_related(*(f.name for f in fields if f.many_to_many))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        policy = self.policy
        locked = getattr(obj, "locked_message", lambda: None)() is not None
        context.update(
            history=history_of(obj)[:50] if policy.sees_internal else None,
            rows=detail_rows(obj, self.get_detail_fields(), can_view=policy.allows),
            # A locked record (approved minutes) offers neither: both would be refused.
            can_change=policy.permits("change", obj) and not locked,
            can_delete=policy.permits("delete", obj) and not locked,
            edit_url=record_url(self.model, "edit", obj.pk),
            delete_url=record_url(self.model, "delete", obj.pk),
        )
        if self.file_field and getattr(obj, self.file_field):
            context.update(file_url=record_url(self.model, "file", obj.pk), file_label=self.file_label)
        return context


class RecordFormMixin:
    """Forms of records: choices limited by the policy, and its last word before a save."""

    template_name: str | None = "core/record_form.html"
    form_class: Any = None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["institution"] = self.institution
        kwargs["partnerships"] = self.policy.partnership_choices(self.required_action, self.model)
        kwargs["policy"] = self.policy
        return kwargs

    def refuse_unless_permitted(self, form):
        """A form response (403) if the record, as the form would save it, is not the user's to save."""
        if self.policy.permits(self.required_action, form.instance):
            return None
        form.add_error(None, NOT_PERMITTED)
        response = self.form_invalid(form)
        response.status_code = 403
        return response

    def get_success_url(self):
        return self.object.get_absolute_url()


class RecordCreateView(WorkspaceMixin, RecordFormMixin, FormView):
    """Create a record; ``?partnership=<id>`` and the like pre-select related records.

    ``preselect`` maps query parameters to models: only ids of the user's own
    institution are taken, anything else is ignored.
    """

    required_action = "add"
    model: Any = None
    preselect: dict[str, type] = {}

    def get_initial(self):
        initial = {}
        for name, model in self.preselect.items():
            value = record_id(self.request.GET.get(name))
            if value is not None and self.scoped(model).filter(pk=value).exists():
                initial[name] = value
        return initial

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.model(institution=self.institution)
        return kwargs

    def form_valid(self, form):
        form.instance.created_by = self.request.user  # as create_record will record it
        if refused := self.refuse_unless_permitted(form):
            return refused
        try:
            self.object = create_record(form, institution=self.institution, actor=self.request.user)
        except REFUSALS as exc:
            return self.refused_form(form, exc)
        messages.success(self.request, _("“{name}” was created.").format(name=self.object))
        return HttpResponseRedirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("New {kind}").format(kind=self.model._meta.verbose_name)
        context["cancel_url"] = self.cancel_url()
        return context

    def cancel_url(self) -> str:
        """Back to the pre-selected parent record, else to the list (never a URL from the request)."""
        initial = self.get_initial()
        for name, model in self.preselect.items():
            if name in initial:
                return self.scoped(model).get(pk=initial[name]).get_absolute_url()
        try:
            return record_url(self.model, "list")
        except NoReverseMatch:
            return reverse(registry.menu()[0].url_name)  # the start page


class RecordUpdateView(WorkspaceMixin, RecordFormMixin, FormView):
    required_action = "change"
    model: Any = None

    def get_object(self):
        return self.get_permitted(self.model, self.kwargs["pk"], "change")

    def get_form_kwargs(self):
        self.object = getattr(self, "object", None) or self.get_object()
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.object
        return kwargs

    def form_valid(self, form):
        if refused := self.refuse_unless_permitted(form):
            return refused
        try:
            self.object = update_record(
                form,
                actor=self.request.user,
                expected_version=form.cleaned_data["expected_version"],
            )
        except REFUSALS as exc:
            return self.refused_form(form, exc)
        messages.success(self.request, _("Your changes to “{name}” were saved.").format(name=self.object))
        return HttpResponseRedirect(self.get_success_url())

    def locked_message(self) -> Any:
        """Why the record may not be changed (approved minutes, a submitted assessment), or None."""
        return getattr(self.object, "locked_message", lambda: None)()

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.locked_message():  # shown read-only with the reason, not refused only on saving
            for field in form.fields.values():
                field.disabled = True
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = format_html(_("Edit {name}"), name=in_its_language(self.object))
        context["cancel_url"] = self.object.get_absolute_url()
        context["locked_message"] = self.locked_message()
        return context


class RecordDeleteView(WorkspaceMixin, TemplateView):
    """Delete a record, then go to the first of ``after_delete`` it belongs to, else the list."""

    required_action = "delete"
    template_name = "core/record_confirm_delete.html"
    model: Any = None
    after_delete: tuple[str, ...] = ()

    def get_object(self):
        return self.get_permitted(self.model, self.kwargs["pk"], "delete")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.get_object()
        context["needs_reason"] = getattr(self.model, "deletion_needs_reason", False)
        return context

    def get_success_url(self, obj):
        for relation in self.after_delete:
            if (parent := getattr(obj, relation)) is not None:
                return parent.get_absolute_url()
        return record_url(self.model, "list")

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        name = str(obj)
        url = self.get_success_url(obj)
        reason = request.POST.get("reason", "")
        try:
            delete_record(obj, actor=request.user, reason=reason)
        except ReasonRequired:  # asked for on this page, beside the button
            context = self.get_context_data(reason_error=True, reason=reason.strip())
            return self.render_to_response(context, status=400)
        except REFUSALS as exc:
            self.refused_message(exc)
            return HttpResponseRedirect(obj.get_absolute_url())
        messages.success(request, _("“{name}” was deleted.").format(name=name))
        return HttpResponseRedirect(url)


class RecordStepView(WorkspaceMixin, FormView):
    """A step of a record on a page of its own (approve minutes, approve a report …):
    ``required_action`` on the record and the version the user saw, so two people never take
    the same step twice unknowingly. Subclasses set ``model``, ``form_class``, ``title`` and
    ``take_step(record, form)``, which may raise any of ``core.refusals.REFUSALS``."""

    required_action = "change"
    template_name = "core/record_step.html"
    form_class: type[forms.BaseForm] = VersionForm
    title: StrOrPromise = ""

    def get_record(self):
        if not hasattr(self, "record"):
            self.record = self.get_permitted(self.model, self.kwargs["pk"], self.required_action)
        return self.record

    def get_initial(self):
        return {**super().get_initial(), "expected_version": self.get_record().version}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record = self.get_record()
        context.update(object=record, title=self.title, cancel_url=record.get_absolute_url())
        return context

    def form_valid(self, form):
        record = self.get_record()
        try:
            self.take_step(record, form)
        except REFUSALS as exc:
            return self.refused_form(form, exc)
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        return self.get_record().get_absolute_url()


class RecordButtonView(WorkspaceMixin, View):
    """A step of a record that is one button on its page (send out documents, submit an
    assessment): POST only, with the version the page showed; the outcome is a message.
    Subclasses set ``model`` and ``take_step(record, version)``, returning the success message;
    a step with more to send than the version sets ``form_class`` and overrides ``take_form_step``."""

    required_action = "change"
    form_class: type[forms.BaseForm] = VersionForm
    take_step: Callable[[Any, int], str]  # (record, version) → the success message

    def post(self, request, pk):
        record = self.get_permitted(self.model, pk, self.required_action)
        form = self.form_class(request.POST)
        if not form.is_valid():
            messages.error(request, _("Reload the page and try again."))
            return HttpResponseRedirect(self.get_success_url(record))
        try:
            message = self.take_form_step(record, form)
        except REFUSALS as exc:
            self.refused_message(exc)
        else:
            messages.success(request, message)
        return HttpResponseRedirect(self.get_success_url(record))

    def take_form_step(self, record, form) -> str:
        return self.take_step(record, form.cleaned_data["expected_version"])

    def get_success_url(self, record) -> str:
        return record.get_absolute_url()


class ConfirmedButtonView(RecordButtonView):
    """A step that cannot be undone (submit an assessment): the record's button leads to a page
    that says what follows (``confirm``), whose own button (``confirm_button``) takes the step. A
    POST without that page's ``confirmed`` leads to the page; nothing is changed."""

    confirm: StrOrPromise
    confirm_button: StrOrPromise
    template_name = "core/record_confirm_step.html"

    def is_done(self, record) -> bool:
        """Has the step been taken already (then the page says so, with no button)?"""
        return False

    def get(self, request, pk):
        record = self.get_permitted(self.model, pk, self.required_action)
        context = {
            "object": record,
            "confirm": self.confirm,
            "confirm_button": self.confirm_button,
            "done": self.is_done(record),
            "version_form": VersionForm(initial={"expected_version": record.version}),
        }
        return render(request, self.template_name, context)

    def post(self, request, pk):
        if request.POST.get("confirmed") != "yes":
            self.get_permitted(self.model, pk, self.required_action)
            return HttpResponseRedirect(request.path)
        return super().post(request, pk)


class RecordFileView(WorkspaceMixin, View):
    """A record's uploaded file (``file_field``), to those who may see the record; always downloaded."""

    file_field = ""

    def get(self, request, pk):
        obj = get_object_or_404(self.scoped(self.model), pk=pk)
        stored = getattr(obj, self.file_field)
        if not stored:
            raise Http404
        response = FileResponse(
            stored.open("rb"), as_attachment=True, filename=stored.name.rsplit("/", 1)[-1]
        )
        # Downloaded, never shown in the site's origin; if opened anyway, it runs nothing.
        response["Content-Security-Policy"] = "sandbox; default-src 'none'"
        response["Cache-Control"] = "private, no-store"
        return response


@never_cache
def healthz(request):
    """Liveness and database check for load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return JsonResponse({"status": "error", "database": type(exc).__name__}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "vendor": connection.vendor})


REFERENCE_SUGGESTIONS = 10


class ReferenceSuggestionsView(WorkspaceMixin, View):
    """``?kind=directory.person&q=lind``: the records of a kind typed as references in forms
    (organisations, people, activities …) whose names hold every word, as the user may see them,
    for the autocomplete of ``core/static/samverka/references.js``. The same records the form
    would accept for the same text (``core.references``)."""

    def get(self, request):
        label, text = request.GET.get("kind", ""), request.GET.get("q", "").strip()
        try:
            model = apps.get_model(label) if label else None
        except (LookupError, ValueError):
            model = None
        fields = getattr(model, "reference_search_fields", None)
        if model is None or fields is None or len(text) < 2:
            return JsonResponse({"results": []})
        if not self.policy.allows("view", model):
            raise PermissionDenied
        found = self.scoped(model).filter(words_condition(text[:100], fields))[:REFERENCE_SUGGESTIONS]
        return JsonResponse({"results": [{"id": obj.pk, "label": reference_label(obj)} for obj in found]})
