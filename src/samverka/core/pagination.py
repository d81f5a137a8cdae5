"""Pagination whose cost does not grow with the table: the count stops at a limit.

Counting every matching row of a million-row table on each page view is
the classic reason list pages crawl. ``CappedPaginator`` counts at most
``SAMVERKA_COUNT_LIMIT`` rows (without ordering, so an index can answer) and
offers pages up to that point; beyond it the list asks the user to narrow the
filters or change the sort. Deep pages therefore cost at most an OFFSET of the
limit, whatever the size of the table; and from ``DEFERRED_FROM_PAGE`` on, the
offset walks the sort index for ids alone before the page's rows are read
(a "deferred join"), instead of reading every skipped row.
"""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Model, QuerySet
from django.utils.functional import cached_property

from samverka.core.cache import cached_for_institution, query_key

DEFERRED_FROM_PAGE = 10
_M = TypeVar("_M", bound=Model)

if TYPE_CHECKING:  # the mixin of a list view
    from django.views.generic import ListView

    _ListView = ListView[Any]
else:
    _ListView = object


def stable_order(queryset: QuerySet[_M]) -> QuerySet[_M]:
    """The queryset's order (else its model's) with a unique last key, so pages are stable: no
    row on two pages, none skipped."""
    ordering = list(queryset.query.order_by) or list(queryset.model._meta.ordering)  # type: ignore[arg-type]
    if not {"pk", "-pk", "id", "-id"} & set(ordering):
        ordering.append("pk")
    return queryset.order_by(*ordering)


class CappedPaginator(Paginator):
    def __init__(self, *args: Any, kept_for: tuple[int, int] | None = None, **kwargs: Any) -> None:
        """``kept_for``: the (institution, member) whose records are listed. The count is then kept
        per query until a record of the institution changes (``core.cache``): counting a search's
        matches reads every row (``LIKE '%vätgas%'``), 40 ms at a university's 50 000 activities,
        on each page and each sort of the same list."""
        super().__init__(*args, **kwargs)
        self.kept_for = kept_for

    @cached_property
    def limit(self) -> int:
        return settings.SAMVERKA_COUNT_LIMIT

    @cached_property
    def found(self) -> int:
        """Matching rows, counted up to one past the limit."""
        object_list = self.object_list
        if not hasattr(object_list, "order_by"):
            return len(object_list)
        # Ids only: annotations of the page (related counts) are not computed for the count.
        counted = object_list.order_by().values("pk")[: self.limit + 1]
        if self.kept_for is not None and (key := query_key(counted)) is not None:
            institution_id, member = self.kept_for
            found: int = cached_for_institution(institution_id, f"count:{member}:{key}", counted.count)
            return found
        found = counted.count()
        return found

    @cached_property
    def capped(self) -> bool:
        return self.found > self.limit

    @cached_property
    def count(self) -> int:
        """What the pages cover: every match, or the first ``limit`` of them."""
        return min(self.found, self.limit)

    def page(self, number: int | str) -> Page:
        number = self.validate_number(number)
        if number < DEFERRED_FROM_PAGE or not hasattr(self.object_list, "values_list"):
            return super().page(number)
        bottom = (number - 1) * self.per_page
        page: Page = self._get_page(DeferredRows(self.object_list, bottom, self.per_page), number, self)  # type: ignore[attr-defined, arg-type]
        return page


class DeferredRows(Sequence[Any]):
    """A deep page's rows, read when first asked for (not when the page's table is kept as HTML):
    the ids of the page in the list's order, then their rows."""

    def __init__(self, queryset: QuerySet[Any], bottom: int, size: int) -> None:
        self.queryset, self.bottom, self.size = queryset, bottom, size

    @cached_property
    def rows(self) -> list[Any]:
        ids = list(self.queryset.values_list("pk", flat=True)[self.bottom : self.bottom + self.size])
        rows = {row.pk: row for row in self.queryset.filter(pk__in=ids)}
        return [rows[pk] for pk in ids if pk in rows]

    def __getitem__(self, index: Any) -> Any:
        return self.rows[index]

    def __len__(self) -> int:
        return len(self.rows)


class ForgivingPagesMixin(_ListView):
    """A list view's ``?page=``: past the last page it shows the last page (a bookmark outlives
    the deletion of records), a page that is no number shows the first, never a 404."""

    def paginate_queryset(self, queryset: Any, page_size: int) -> tuple[Paginator, Page, Any, bool]:
        paginator = self.get_paginator(
            queryset,
            page_size,
            orphans=self.get_paginate_orphans(),
            allow_empty_first_page=self.get_allow_empty(),
        )
        asked = self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg) or 1
        try:
            number = paginator.validate_number(asked)
        except PageNotAnInteger:
            number = 1
        except EmptyPage:
            number = paginator.num_pages if int(asked) > 1 else 1
        page = paginator.page(number)
        return paginator, page, page.object_list, page.has_other_pages()
