"""Statistics of ideas: how many came in per source, partnership, focus area and kind, and how far
each got (their stage now). The statistics page and the annual report show the same tables."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from samverka.core.language import joined
from samverka.ideas.models import Idea, IdeaKind, IdeaSource, Stage
from samverka.partnerships.models import FocusArea, Partnership


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[Any]]  # the first value names the row; then one count per stage and the total


def stage_counts(queryset: QuerySet[Idea], field: str) -> dict[Any, dict[str, int]]:
    """{value of ``field``: {stage: number of ideas}} of the ideas of ``queryset``, in one query
    (the statistics page's tables and the annual report's alike)."""
    counts: dict[Any, dict[str, int]] = {}
    for key, stage, number in queryset.order_by().values_list(field, "stage").annotate(n=Count("pk")):
        counts.setdefault(key, dict.fromkeys(Stage.values, 0))[stage] = number
    return counts


def _cross(queryset: QuerySet[Idea], field: str, title: str, names: Callable[[Any], str]) -> Table:
    counts = stage_counts(queryset, field)
    rows: list[list[Any]] = [
        [names(key), *(per_stage[stage] for stage in Stage.values), sum(per_stage.values())]
        for key, per_stage in counts.items()
    ]
    rows.sort(key=lambda row: (-row[-1], str(row[0])))
    if rows:
        totals = [sum(row[i] for row in rows) for i in range(1, len(rows[0]))]
        rows.append([_("Total"), *totals])
    return Table(title, [title, *(str(label) for label in Stage.labels), _("Total")], rows)


def idea_tables(queryset: QuerySet[Idea], *, by_partnership: bool = True) -> list[Table]:
    """Cross tables of the ideas of ``queryset``: per source, partnership, focus area and kind,
    against the stage each has reached."""
    none = _("None suggested")
    partnerships = dict(Partnership.objects.filter(ideas__in=queryset).values_list("pk", "title").distinct())
    areas = {
        area.pk: joined(" – ", area.partnership, area)
        for area in FocusArea.objects.filter(ideas__in=queryset).select_related("partnership").distinct()
    }
    tables = [
        _cross(queryset, "source", _("Source"), lambda key: str(IdeaSource(key).label)),
        _cross(queryset, "kind", _("Kind"), lambda key: str(IdeaKind(key).label)),
    ]
    if by_partnership:
        tables.append(
            _cross(queryset, "partnership", _("Partnership"), lambda key: partnerships.get(key, none))
        )
    tables.append(_cross(queryset, "focus_area", _("Focus area"), lambda key: areas.get(key, none)))
    return tables
