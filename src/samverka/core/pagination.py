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

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.functional import cached_property

DEFERRED_FROM_PAGE = 10


def stable_order(queryset):
    """The queryset's order (else its model's) with a unique last key, so pages are stable: no
    row on two pages, none skipped."""
    ordering = list(queryset.query.order_by) or list(queryset.model._meta.ordering)
    if not {"pk", "-pk", "id", "-id"} & set(ordering):
        ordering.append("pk")
    return queryset.order_by(*ordering)


class CappedPaginator(Paginator):
    @cached_property
    def limit(self) -> int:
        return settings.SAMVERKA_COUNT_LIMIT

    @cached_property
    def found(self) -> int:
        """Matching rows, counted up to one past the limit."""
        object_list = self.object_list
        if hasattr(object_list, "order_by"):
            # Ids only: annotations of the page (related counts) are not computed for the count.
            return object_list.order_by().values("pk")[: self.limit + 1].count()
        return len(object_list)

    @cached_property
    def capped(self) -> bool:
        return self.found > self.limit

    @cached_property
    def count(self) -> int:
        """What the pages cover: every match, or the first ``limit`` of them."""
        return min(self.found, self.limit)

    def page(self, number):
        number = self.validate_number(number)
        if number < DEFERRED_FROM_PAGE or not hasattr(self.object_list, "values_list"):
            return super().page(number)
        bottom = (number - 1) * self.per_page
        ids = list(self.object_list.values_list("pk", flat=True)[bottom : bottom + self.per_page])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=ids)}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)


class ForgivingPagesMixin:
    """A list view's ``?page=``: past the last page it shows the last page (a bookmark outlives
    the deletion of records), a page that is no number shows the first, never a 404."""

    def paginate_queryset(self, queryset, page_size):
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
