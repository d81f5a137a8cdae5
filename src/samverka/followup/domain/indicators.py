"""Indicators computed from the records, and the documented status rule (docs/followup.md).

Every figure is counted per calendar year from a few grouped queries, however many
activities there are (``PartnershipFacts``), and every computed measure has its rule here:

- an activity counts in the year it starts (``starts_on``); cancelled activities and
  activities without a start date are not counted;
- *activities*, *students* (the sum of ``student_count``) and *funding* (the sum of
  ``funding_sek``) count the indicator's collaboration forms, or every form when it names none;
- *applications* count activities of the form "joint-application" (or the indicator's
  forms); *granted* those of them marked granted;
- *meetings* count meetings of the partnership's bodies that have started and whose documents
  were sent out (what both sides see); *decisions* count the decisions of such meetings
  numbered in the year;
- an indicator of a goal with a focus area counts that focus area's activities only.
"""

import datetime
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.activities.models import Activity, ActivityStatus, ActivityType
from samverka.followup.models import Goal, Indicator, IndicatorYear, Measure
from samverka.governance.models import Decision, Meeting
from samverka.lib.years import Year

APPLICATION_TYPE = "joint-application"
ACTIVITY_MEASURES = frozenset({Measure.ACTIVITIES, Measure.STUDENTS, Measure.FUNDING})
APPLICATION_MEASURES = frozenset({Measure.APPLICATIONS, Measure.GRANTED})
# An indicator is "at risk" when its actual value reaches this share of the expected value.
AT_RISK_SHARE = Decimal("0.8")


@dataclass(frozen=True)
class ActivityGroup:
    """Activities of one partnership, year, collaboration form, focus area and grant outcome."""

    partnership_id: int
    year: int
    type_id: int
    focus_area_id: int | None
    granted: bool | None
    count: int
    students: int
    funding: Decimal


def counted_activities(queryset: QuerySet[Activity] | None = None) -> QuerySet[Activity]:
    """The activities the follow-up counts: started (a start date), not cancelled."""
    queryset = Activity.objects.all() if queryset is None else queryset
    return queryset.filter(starts_on__isnull=False).exclude(status=ActivityStatus.CANCELLED)


@dataclass
class PartnershipFacts:
    """What the records say, per partnership and year, read in three grouped queries."""

    activities: list[ActivityGroup] = field(default_factory=list)
    meetings: dict[tuple[int, int], int] = field(default_factory=dict)
    decisions: dict[tuple[int, int], int] = field(default_factory=dict)
    application_type_ids: frozenset[int] = frozenset()

    @classmethod
    def read(
        cls, partnership_ids: Iterable[int], years: Iterable[int], *, now: datetime.datetime | None = None
    ) -> "PartnershipFacts":
        partnership_ids, years = list(partnership_ids), list(years)
        now = now or timezone.now()
        rows = (
            counted_activities()
            .filter(partnership_id__in=partnership_ids)
            .annotate(year=Year("starts_on"))
            .filter(year__in=years)
            .order_by()
            .values_list("partnership_id", "year", "type_id", "focus_area_id", "granted")
            .annotate(count=Count("*"), students=Sum("student_count"), funding=Sum("funding_sek"))
        )
        activities = [
            ActivityGroup(p, y, t, f, g, n, students or 0, funding or Decimal(0))
            for p, y, t, f, g, n, students, funding in rows
        ]
        meetings = (
            Meeting.objects.filter(
                body__partnership_id__in=partnership_ids, starts_at__lte=now, documents_released=True
            )
            .annotate(year=ExtractYear("starts_at"))
            .filter(year__in=years)
            .order_by()
            .values_list("body__partnership_id", "year")
            .annotate(n=Count("*"))
        )
        decisions = (
            Decision.objects.filter(
                meeting__body__partnership_id__in=partnership_ids,
                meeting__documents_released=True,
                year__in=years,
            )
            .order_by()
            .values_list("meeting__body__partnership_id", "year")
            .annotate(n=Count("*"))
        )
        type_ids = ActivityType.objects.filter(
            pk__in={group.type_id for group in activities}, code=APPLICATION_TYPE
        ).values_list("pk", flat=True)
        return cls(
            activities=activities,
            meetings={(p, y): n for p, y, n in meetings},
            decisions={(p, y): n for p, y, n in decisions},
            application_type_ids=frozenset(type_ids),
        )

    def groups(
        self,
        partnership_id: int,
        year: int,
        *,
        type_ids: Collection[int] = (),
        focus_area_id: int | None = None,
    ) -> Iterator[ActivityGroup]:
        for group in self.activities:
            if group.partnership_id != partnership_id or group.year != year:
                continue
            if type_ids and group.type_id not in type_ids:
                continue
            if focus_area_id is not None and group.focus_area_id != focus_area_id:
                continue
            yield group


def computed_value(indicator: Indicator, facts: PartnershipFacts, year: int) -> Decimal:
    """The value of a computed indicator in ``year`` by the rules in this module's docstring."""
    goal = indicator.goal
    partnership_id, measure = goal.partnership_id, indicator.measure
    if measure == Measure.MEETINGS:
        return Decimal(facts.meetings.get((partnership_id, year), 0))
    if measure == Measure.DECISIONS:
        return Decimal(facts.decisions.get((partnership_id, year), 0))
    type_ids = frozenset(t.pk for t in indicator.activity_types.all())
    if measure in APPLICATION_MEASURES and not type_ids:
        type_ids = facts.application_type_ids or frozenset({-1})
    groups = list(facts.groups(partnership_id, year, type_ids=type_ids, focus_area_id=goal.focus_area_id))
    if measure == Measure.STUDENTS:
        return Decimal(sum(group.students for group in groups))
    if measure == Measure.FUNDING:
        return sum((group.funding for group in groups), Decimal(0))
    if measure == Measure.GRANTED:
        groups = [group for group in groups if group.granted]
    return Decimal(sum(group.count for group in groups))


class Status:
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    BEHIND = "behind"
    NO_TARGET = "no_target"
    NO_VALUE = "no_value"
    NOT_STARTED = "not_started"

    LABELS = {
        ON_TRACK: _("on track"),
        AT_RISK: _("at risk"),
        BEHIND: _("behind"),
        NO_TARGET: _("no target"),
        NO_VALUE: _("no value yet"),
        NOT_STARTED: _("not started"),
    }


def elapsed_share(year: int, today: datetime.date) -> Decimal:
    """How much of ``year`` has passed on ``today``: 0 before it, 1 after it."""
    if year < today.year:
        return Decimal(1)
    if year > today.year:
        return Decimal(0)
    start = datetime.date(year, 1, 1)
    days = (datetime.date(year + 1, 1, 1) - start).days
    return Decimal((today - start).days + 1) / Decimal(days)


def status(actual: Decimal | None, target: Decimal | None, year: int, today: datetime.date) -> str:
    """The status of an indicator in ``year`` (docs/followup.md, "Status"):

    the target is expected in proportion to the part of the year that has passed (all of it
    for a past year); *on track* when the actual value reaches the expected value, *at risk*
    when it reaches 80 % of it, *behind* otherwise. A year not yet begun is *not started*.
    """
    if target is None:
        return Status.NO_TARGET
    share = elapsed_share(year, today)
    if share == 0:
        return Status.NOT_STARTED
    if actual is None:
        return Status.NO_VALUE
    expected = target * share
    if actual >= expected:
        return Status.ON_TRACK
    if actual >= expected * AT_RISK_SHARE:
        return Status.AT_RISK
    return Status.BEHIND


@dataclass(frozen=True)
class IndicatorFigure:
    """An indicator's figures for one year: actual, target, expected share and status."""

    indicator: Indicator
    year: int
    actual: Decimal | None
    target: Decimal | None
    source: str
    status: str

    @property
    def status_label(self) -> str:
        return str(Status.LABELS[self.status])


def indicator_figures(
    indicators: Iterable[Indicator],
    years: Iterable[int],
    *,
    facts: PartnershipFacts | None = None,
    today: datetime.date | None = None,
) -> dict[int, list[IndicatorFigure]]:
    """Each indicator's figures for each of ``years``, by indicator id (a fixed number of queries)."""
    indicators = list(indicators)
    years = sorted(set(years))
    today = today or timezone.localdate()
    if facts is None:
        facts = PartnershipFacts.read({i.goal.partnership_id for i in indicators}, years)
    rows = {
        (row.indicator_id, row.year): row
        for row in IndicatorYear.objects.filter(indicator__in=indicators, year__in=years)
    }
    figures: dict[int, list[IndicatorFigure]] = defaultdict(list)
    for indicator in indicators:
        for year in years:
            row = rows.get((indicator.pk, year))
            if indicator.is_manual:
                actual = row.value if row else None
            else:
                actual = computed_value(indicator, facts, year) if elapsed_share(year, today) else None
            target = row.target if row else None
            figures[indicator.pk].append(
                IndicatorFigure(
                    indicator,
                    year,
                    actual,
                    target,
                    row.source if row else "",
                    status(actual, target, year, today),
                )
            )
    return figures


def indicators_of(goals_queryset: QuerySet[Goal]) -> QuerySet[Indicator]:
    """The indicators of some goals, with what ``computed_value`` reads of them."""
    return (
        Indicator.objects.filter(goal__in=goals_queryset)
        .select_related("goal")
        .prefetch_related("activity_types")
        .order_by("goal__order", "goal_id", "order", "id")
    )
