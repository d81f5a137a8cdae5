"""The one search box: every kind of record the user may see, grouped by kind, best first."""

from django.core.paginator import Paginator
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from samverka.core.display import Column
from samverka.core.views import RecordListView, WorkspaceMixin
from samverka.lib.textmatch import record_id
from samverka.search.domain import GROUP_SIZE, PAGE_SIZE, search
from samverka.search.filters import SynonymFilter
from samverka.search.models import Synonym
from samverka.search.registry import searchable_kinds
from samverka.search.text import Query
from samverka.search.typos import correction


class SearchView(WorkspaceMixin, TemplateView):
    """``?q=`` words; ``&kind=activity`` every hit of one kind, page by page (``&page=``)."""

    template_name = "search/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        text = self.request.GET.get("q", "").strip()[:200]
        key = self.request.GET.get("kind", "")
        kind = next((kind for kind in searchable_kinds() if kind.key == key), None)
        context.update(q=text, kind=kind, groups=[], searched=bool(Query.parse(text)))
        if not context["searched"]:
            return context
        if kind is None:
            context["groups"] = search(self.policy, text, kinds=searchable_kinds(), limit=GROUP_SIZE)
            context["total"] = sum(group.count for group in context["groups"])
            if not context["groups"]:
                context["did_you_mean"] = self.did_you_mean(text)
            return context
        number = record_id(self.request.GET.get("page")) or 1
        groups = search(self.policy, text, kinds=[kind], limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE)
        if not groups and number > 1:  # past the last page: the first
            number, groups = 1, search(self.policy, text, kinds=[kind], limit=PAGE_SIZE)
        context["groups"] = groups
        context["total"] = groups[0].count if groups else 0
        if groups:  # the workspace's own page links (core/pagination.html)
            page = Paginator(range(groups[0].count), PAGE_SIZE).get_page(number)
            context.update(
                page_obj=page,
                paginator=page.paginator,
                is_paginated=page.paginator.num_pages > 1,
                querystring=urlencode({"q": text, "kind": kind.key}),
            )
        return context

    def did_you_mean(self, text: str) -> str | None:
        """A correction of a search that found nothing, if the correction finds what the user may see."""
        if self.policy.membership is None:
            return None
        corrected = correction(text, self.policy.membership.institution_id)
        if corrected and search(self.policy, corrected, kinds=searchable_kinds(), limit=1):
            return corrected
        return None


class SynonymListView(RecordListView):
    model = Synonym
    filterset_class = SynonymFilter
    columns = (Column("words", gettext_lazy("Words that mean the same"), "words", link=True),)
