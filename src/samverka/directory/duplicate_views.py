"""Workspace pages of likely duplicates: the list of pairs, "not a duplicate", and the merge page."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from samverka.core.pagination import ForgivingPagesMixin
from samverka.core.permissions import policy_for
from samverka.core.views import WorkspaceMixin, record_url
from samverka.directory.domain.duplicates import dismiss_pair, duplicate_pairs
from samverka.directory.domain.merge import MergeRefused, MergeStale, link_counts, merge_records
from samverka.directory.forms import MergeForm
from samverka.lib.textmatch import record_id

# What each kind's pages show of a record beside its name, loaded with the page's records.
SHOWN_WITH = {"organisation": ("parent",), "person": ("organisation", "unit")}


class MergeAccessMixin(WorkspaceMixin):
    """Pages for those who may merge records of the kind (``Policy.allows_merging``): "delete" is
    the first check, "change" the second."""

    required_action = "delete"

    def dispatch(self, request, *args, **kwargs):
        policy = policy_for(request)
        if policy.membership is not None and not policy.allows_merging(self.model):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def kind(self) -> str:
        return self.model._meta.model_name

    def list_url(self) -> str:
        return record_url(self.model, "duplicates")


class DuplicateListView(MergeAccessMixin, ForgivingPagesMixin, ListView):
    """The likely duplicate pairs of one kind, best first, a page at a time."""

    template_name = "directory/duplicate_list.html"

    def get_queryset(self):
        return duplicate_pairs(self.institution, self.kind)

    def get_paginate_by(self, queryset):
        return settings.SAMVERKA_PAGE_SIZE

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["object_list"]
        ids = {pk for pair in page for pk in (pair.low_id, pair.high_id)}
        records = self.scoped(self.model).select_related(*SHOWN_WITH[self.kind]).in_bulk(ids)
        context.update(
            title=_("Likely duplicate {kinds}").format(kinds=self.model._meta.verbose_name_plural),
            kind=self.kind,
            rows=[
                (
                    pair,
                    records[pair.low_id],
                    records[pair.high_id],
                    record_url(self.model, "merge", pair.low_id) + f"?duplicate={pair.high_id}",
                )
                for pair in page
                if pair.low_id in records and pair.high_id in records
            ],
            dismiss_url=record_url(self.model, "dismiss-duplicate"),
            querystring="",
            list_url=record_url(self.model, "list"),
        )
        return context


class DismissDuplicateView(MergeAccessMixin, View):
    """POST: the two records (``low``, ``high``) are not duplicates; the pair is not listed again."""

    def post(self, request, *args, **kwargs):
        first, second = (
            get_object_or_404(self.scoped(self.model), pk=record_id(request.POST.get(name)))
            for name in ("low", "high")
        )
        if first.pk == second.pk:
            raise Http404
        dismiss_pair(first, second, actor=request.user)
        messages.success(
            request,
            _("“{first}” and “{second}” are no longer listed as likely duplicates.").format(
                first=first, second=second
            ),
        )
        return HttpResponseRedirect(self.list_url())


class MergeView(MergeAccessMixin, TemplateView):
    """Merge another record (``?duplicate=<id>``) into this one: both side by side, a choice for
    each field they differ in, the links that move; without a duplicate, a box to name one."""

    template_name = "directory/merge.html"

    def setup_records(self):
        self.survivor = self.get_permitted(self.model, self.kwargs["pk"], "change")
        number = (self.request.POST or self.request.GET).get("duplicate", "")
        self.duplicate_text = str(number).strip()
        pk = record_id(self.duplicate_text.lstrip("#"))
        self.duplicate = None
        if pk is not None and pk != self.survivor.pk:
            self.duplicate = get_object_or_404(self.scoped(self.model), pk=pk)
            if not self.policy.permits_merging(self.survivor, self.duplicate):
                raise PermissionDenied
        self.chooser_error = bool(self.duplicate_text) and self.duplicate is None

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        survivor, duplicate = self.survivor, self.duplicate
        context.update(
            kind=self.kind,
            survivor=survivor,
            duplicate=duplicate,
            duplicate_text=self.duplicate_text,
            chooser_error=self.chooser_error,
            list_url=self.list_url(),
            title=_("Merge into “{name}”").format(name=survivor),
        )
        if duplicate is not None:
            context.update(
                form=form or MergeForm(survivor=survivor, duplicate=duplicate),
                links=link_counts(survivor, duplicate),
                swap_url=record_url(self.model, "merge", duplicate.pk) + f"?duplicate={survivor.pk}",
            )
        return context

    def get(self, request, *args, **kwargs):
        self.setup_records()
        status = 400 if self.chooser_error else 200
        return self.render_to_response(self.get_context_data(), status=status)

    def post(self, request, *args, **kwargs):
        self.setup_records()
        if self.duplicate is None:
            return self.render_to_response(self.get_context_data(), status=400)
        form = MergeForm(request.POST, survivor=self.survivor, duplicate=self.duplicate)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        name, number = str(self.duplicate), self.duplicate.pk
        try:
            survivor = merge_records(
                self.survivor,
                self.duplicate,
                actor=request.user,
                survivor_version=form.cleaned_data["survivor_version"],
                duplicate_version=form.cleaned_data["duplicate_version"],
                keep=form.keep(),
            )
        except MergeRefused as exc:
            form.add_error(None, exc.message)
            status = 409 if isinstance(exc, MergeStale) else 400
            return self.render_to_response(self.get_context_data(form=form), status=status)
        messages.success(
            request,
            _("“{duplicate}” (#{number}) was merged into this record.").format(duplicate=name, number=number),
        )
        return HttpResponseRedirect(survivor.get_absolute_url())
