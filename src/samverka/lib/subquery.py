"""Counts of related rows as correlated subqueries: computed only for the rows a page shows.

``annotate(Count("activities"))`` joins and groups every row of the table
before the page is cut out; a subquery per shown row uses the foreign key's
index and costs nothing for rows that are not displayed.
"""

from typing import Any

from django.db.models import Count, IntegerField, Model, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce


def related_count(model: type[Model] | QuerySet[Any], field: str, **filters: object) -> Coalesce:
    """Rows of ``model`` (or of a queryset, e.g. current seats only) whose ``field`` points at the
    outer row (0 when none)."""
    rows = (
        (model if isinstance(model, QuerySet) else model._default_manager)
        .filter(**{field: OuterRef("pk")}, **filters)
        .order_by()
        .values(field)
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))
