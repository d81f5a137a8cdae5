"""Management's view of all partnerships side by side, and the coverage of faculties and units.

Every figure comes from a few grouped queries over the partnerships shown, however many
activities there are: activities per partnership, year and collaboration form
(``PartnershipFacts``), indicator statuses, resources, overdue actions and agreements, and,
for the coverage, activities per partnership, unit and form through their units.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Min, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.activities.models import Activity, ActivityType
from samverka.directory.models import Unit, UnitKind
from samverka.followup.charts import Chart
from samverka.followup.domain.indicators import (
    PartnershipFacts,
    Status,
    counted_activities,
    indicator_figures,
)
from samverka.followup.models import Indicator, ResourceCommitment, ResourceKind
from samverka.governance.domain.actions import overdue_actions
from samverka.governance.models import ActionItem
from samverka.partnerships.models import Agreement, Partnership

TREND_YEARS = 5  # the trend shows this many years, the chosen one last
STATUSES = (Status.ON_TRACK, Status.AT_RISK, Status.BEHIND)
MONEY_KINDS = (ResourceKind.MONEY, ResourceKind.IN_KIND)  # resources summed in SEK


def filtered_partnerships(
    queryset: QuerySet[Partnership], *, partner_type: str = "", unit: Unit | None = None
) -> QuerySet[Partnership]:
    """The partnerships of ``queryset`` with a partner organisation of ``partner_type`` and in which
    ``unit`` or one of the units below it takes part."""
    if partner_type:
        queryset = queryset.filter(organisations__type=partner_type)
    if unit is not None:
        queryset = queryset.filter(units__in=unit_and_below(unit))
    return queryset.distinct()


def unit_and_below(unit: Unit) -> list[int]:
    """The unit and every unit below it (a faculty's departments …), read in one query."""
    children = defaultdict(list)
    for pk, parent in Unit.objects.filter(institution=unit.institution_id).values_list("pk", "parent_id"):
        children[parent].append(pk)
    found, todo = [], [unit.pk]
    while todo:
        pk = todo.pop()
        if pk not in found:
            found.append(pk)
            todo.extend(children[pk])
    return found


@dataclass
class PortfolioRow:
    partnership: Partnership
    activities: dict[int, int]  # year → activities started
    by_form: dict[int, int]  # collaboration form id → activities of the chosen year
    statuses: Counter[str]
    committed: Decimal
    used: Decimal | None
    overdue: int
    agreement_ends: datetime.date | None

    def count(self, year: int) -> int:
        return self.activities.get(year, 0)

    @property
    def over(self) -> bool:
        """More money used than committed (an overrun to look into)."""
        return self.used is not None and self.used > self.committed


@dataclass
class Portfolio:
    year: int
    years: list[int]
    rows: list[PortfolioRow]
    forms: list[ActivityType]
    charts: list[Chart] = field(default_factory=list)

    def chart(self, key: str) -> Chart | None:
        return next((chart for chart in self.charts if chart.key == key), None)

    def table(self) -> tuple[list[str], list[list[Any]]]:
        """The page's table as headers and rows of values (its Excel and CSV download)."""
        headers = [
            _("Partnership"),
            *(_("Activities {year}").format(year=year) for year in self.years),
            *(str(form) for form in self.forms),
            *(str(Status.LABELS[status]) for status in STATUSES),
            _("Committed (SEK)"),
            _("Used (SEK)"),
            _("Next review"),
            _("Agreement ends"),
            _("Overdue actions"),
        ]
        rows = [
            [
                str(row.partnership),
                *(row.count(year) for year in self.years),
                *(row.by_form.get(form.pk, 0) for form in self.forms),
                *(row.statuses.get(status, 0) for status in STATUSES),
                row.committed,
                row.used,
                row.partnership.next_review_date,
                row.agreement_ends,
                row.overdue,
            ]
            for row in self.rows
        ]
        return headers, rows

    @property
    def totals(self) -> dict[str, Any]:
        return {
            "activities": {year: sum(row.count(year) for row in self.rows) for year in self.years},
            "by_form": {
                form.pk: sum(row.by_form.get(form.pk, 0) for row in self.rows) for form in self.forms
            },
            "statuses": sum((row.statuses for row in self.rows), Counter()),
            "committed": sum((row.committed for row in self.rows), Decimal(0)),
            "used": sum((row.used or Decimal(0) for row in self.rows), Decimal(0)),
            "overdue": sum(row.overdue for row in self.rows),
        }


def portfolio(
    partnerships: QuerySet[Partnership], year: int, *, today: datetime.date | None = None
) -> Portfolio:
    """All ``partnerships`` side by side in ``year``, with the trend of the years before it."""
    today = today or timezone.localdate()
    partnerships = list(partnerships.order_by("order", "title").prefetch_related("organisations"))
    ids = [p.pk for p in partnerships]
    years = list(range(year - TREND_YEARS + 1, year + 1))
    facts = PartnershipFacts.read(ids, years)
    activities: dict[int, Counter[int]] = defaultdict(Counter)
    by_form: dict[int, Counter[int]] = defaultdict(Counter)
    for group in facts.activities:
        activities[group.partnership_id][group.year] += group.count
        if group.year == year:
            by_form[group.partnership_id][group.type_id] += group.count
    indicators = (
        Indicator.objects.filter(goal__partnership__in=ids)
        .select_related("goal")
        .prefetch_related("activity_types")
    )
    statuses: dict[int, Counter[str]] = defaultdict(Counter)
    for figures in indicator_figures(indicators, [year], facts=facts, today=today).values():
        for figure in figures:
            statuses[figure.indicator.goal.partnership_id][figure.status] += 1
    sums = (
        ResourceCommitment.objects.filter(partnership__in=ids, year=year, kind__in=MONEY_KINDS)
        .values("partnership")
        .annotate(committed=Sum("committed"), used=Sum("used"))
    )
    money: dict[int, Any] = {row["partnership"]: row for row in sums}
    overdue = dict(
        overdue_actions(ActionItem.objects.filter(body__partnership__in=ids), today)
        .values_list("body__partnership")
        .annotate(n=Count("*"))
        .values_list("body__partnership", "n")
    )
    ends = dict(
        Agreement.objects.filter(partnership__in=ids, ends_on__gte=today)
        .values_list("partnership")
        .annotate(end=Min("ends_on"))
        .values_list("partnership", "end")
    )
    forms = list(
        ActivityType.objects.filter(pk__in={g.type_id for g in facts.activities}).order_by("order", "name")
    )
    rows = [
        PortfolioRow(
            partnership=p,
            activities=dict(activities[p.pk]),
            by_form=dict(by_form[p.pk]),
            statuses=statuses[p.pk],
            committed=(money.get(p.pk) or {}).get("committed") or Decimal(0),
            used=(money.get(p.pk) or {}).get("used"),  # None: no use recorded yet (not 0)
            overdue=overdue.get(p.pk, 0),
            agreement_ends=ends.get(p.pk),
        )
        for p in partnerships
    ]
    result = Portfolio(year, years, rows, forms)
    result.charts = _charts(result)
    return result


def _charts(result: Portfolio) -> list[Chart]:
    year, previous = result.year, result.year - 1
    totals = result.totals
    return [
        Chart(
            "activities-per-partnership",
            _("Activities per partnership"),
            [str(row.partnership) for row in result.rows],
            [
                (str(previous), [row.count(previous) for row in result.rows]),
                (str(year), [row.count(year) for row in result.rows]),
            ],
            unit=_("number of activities started"),
            category_header=_("Partnership"),
        ),
        Chart(
            "activities-per-form",
            _("Activities per collaboration form, all partnerships"),
            [str(form) for form in result.forms],
            [(str(year), [totals["by_form"][form.pk] for form in result.forms])],
            unit=_("number of activities started"),
            category_header=_("Collaboration form"),
        ),
        Chart(
            "trend",
            _("Activities per year, all partnerships"),
            [str(y) for y in result.years],
            [(_("Activities"), [totals["activities"][y] for y in result.years])],
            unit=_("number of activities started"),
            category_header=_("Year"),
        ),
    ]


# ---------------------------------------------------------------------------- coverage


@dataclass
class Coverage:
    """Activities of each partnership per faculty (or other top unit), with how many take part."""

    year: int
    units: list[Unit]  # the top units: faculties, and centres or offices that stand alone
    rows: list[tuple[Partnership, dict[int, int], int]]  # partnership, top unit → activities, forms

    def reached(self, counts: dict[int, int]) -> int:
        return sum(1 for unit in self.units if counts.get(unit.pk))

    def table(self) -> tuple[list[str], list[list[Any]]]:
        """The page's table as headers and rows of values (its Excel and CSV download)."""
        headers = [
            _("Partnership"),
            *(str(unit) for unit in self.units),
            _("Faculties and units reached"),
            _("Collaboration forms"),
        ]
        rows = [
            [str(p), *(counts.get(unit.pk, 0) for unit in self.units), self.reached(counts), forms]
            for p, counts, forms in self.rows
        ]
        return headers, rows


def coverage(partnerships: QuerySet[Partnership], year: int, *, form: ActivityType | None = None) -> Coverage:
    """How widely each partnership reaches across the institution in ``year``: its activities
    counted per top unit (a faculty, with its departments) through the units involved, and the
    number of collaboration forms used."""
    partnerships = list(partnerships.order_by("order", "title"))
    ids = [p.pk for p in partnerships]
    institution_units = list(
        Unit.objects.own().filter(institution__in={p.institution_id for p in partnerships})
    )
    parents = {unit.pk: unit.parent_id for unit in institution_units}

    def top(pk: int) -> int:
        seen = set()
        while (parent := parents.get(pk)) and pk not in seen:
            seen.add(pk)
            pk = parent
        return pk

    activities = counted_activities(Activity.objects.filter(partnership__in=ids)).filter(starts_on__year=year)
    if form is not None:
        activities = activities.filter(type=form)
    through = Activity.units.through.objects.filter(activity__in=activities.values("pk"))
    counts: dict[int, Counter[int]] = defaultdict(Counter)
    seen: set[tuple[int, int, int]] = set()
    for activity_id, partnership_id, unit_id in through.values_list(
        "activity_id", "activity__partnership_id", "unit_id"
    ):
        key = (activity_id, partnership_id, top(unit_id))
        if key not in seen:  # an activity with two departments of one faculty counts once for it
            seen.add(key)
            counts[partnership_id][key[2]] += 1
    forms = dict(
        activities.order_by()
        .values_list("partnership")
        .annotate(n=Count("type", distinct=True))
        .values_list("partnership", "n")
    )
    tops = sorted(
        (u for u in institution_units if u.parent_id is None),
        key=lambda u: (u.kind != UnitKind.FACULTY, u.name),
    )
    return Coverage(year, tops, [(p, dict(counts[p.pk]), forms.get(p.pk, 0)) for p in partnerships])
