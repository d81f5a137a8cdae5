"""An annual report's content (``report.report_content``, live or frozen) as people read it in
one language: names in that language, choices by their labels, numbers as numbers, and the
report's charts. The page, the PDF, the Word file and the workbook are all drawn from it."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override, pgettext

from samverka.core.language import TextIn
from samverka.directory.models import Side
from samverka.followup.charts import Chart
from samverka.followup.domain.indicators import Status
from samverka.followup.models import GoalOwner, Measure, Rating, ResourceKind
from samverka.governance.models import Level
from samverka.ideas.models import IdeaSource, Stage

SECTIONS = (  # the narrative, in the report's order, each headed in the report's language
    ("summary", gettext_noop("Summary")),
    ("highlights", gettext_noop("Highlights")),
    ("challenges", gettext_noop("Challenges and lessons")),
    ("next_year", gettext_noop("Plans for next year")),
)


def _name(value: object, language: str) -> str:
    """A name kept in both languages ({"sv": …, "en": …}) in the report's language, else in
    Swedish, knowing which (``core.language.TextIn``: marked ``lang`` where it is shown)."""
    if value is None:
        return ""
    if isinstance(value, dict):
        # the report's content has the Swedish text as "en" where there is no English one
        # (``report._both``): a text the same in both is taken as Swedish
        text = value.get(language) or value.get("sv") or ""
        return TextIn(text, language if text and text != value.get("sv") else "sv")
    return value if isinstance(value, str) else str(value)


def _number(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(value)


def _label(choices: type[models.Choices], value: object) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "")


@dataclass
class ReportView:
    """Everything a report shows, in one language (``localise``)."""

    language: str
    title: str
    partnership: str
    organisations: list[str]
    year: int
    made_on: str
    registry_number: str
    narrative: list[tuple[str, str]]
    activities_total: tuple[int, int]
    by_type: list[tuple[str, int, int]]
    by_focus_area: list[tuple[str, int, int]]
    goals: list[dict[str, Any]]
    resource_totals: list[dict[str, Any]]
    commitments: list[dict[str, Any]]
    governance: dict[str, Any]
    assessment_sides: dict[str, Any]
    assessment_rows: list[dict[str, Any]]
    news: list[tuple[str, str]]
    # the ideas that came in (sources, focus areas) against their stages: headers and rows
    ideas: dict[str, Any] = field(default_factory=dict)
    # the first page: (label, value) of the partners, the agreement, the key figures and the
    # approval (``_cover``)
    cover: list[tuple[str, str]] = field(default_factory=list)
    approved: bool = False  # the content says who approved it (versions approved since 2026-12-07)
    charts: list[Chart] = field(default_factory=list)

    def chart(self, key: str) -> Chart | None:
        return next((chart for chart in self.charts if chart.key == key), None)


def _ideas(ideas: dict[str, Any] | None, language: str) -> dict[str, Any]:
    """The report's idea tables in one language: {"headers": …, "by_source": rows, "by_focus_area": rows}."""
    if not ideas or not (ideas["by_source"] or ideas["by_focus_area"]):
        return {}

    def table(rows: Iterable[dict[str, Any]], label: Callable[[Any], str]) -> list[list[Any]]:
        return [
            [label(row["name"]), *(row["stages"].get(stage, 0) for stage in Stage.values), row["total"]]
            for row in rows
        ]

    stages = [str(label) for label in Stage.labels]
    by_source = table(ideas["by_source"], lambda code: _label(IdeaSource, code))
    by_focus_area = table(
        ideas["by_focus_area"], lambda name: _name(name, language) if name else _("No focus area")
    )
    return {
        "stages": [*stages, _("Total")],
        "by_source": by_source,
        "by_focus_area": by_focus_area,
        # (rows, the first column's heading, the caption) as the page shows them
        "tables": [
            (by_source, _("Source"), _("Ideas per source")),
            (by_focus_area, _("Focus area"), _("Ideas per focus area")),
        ],
    }


def _date(value: str) -> str:
    return date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")


def _cover(content: dict[str, Any], view: ReportView) -> list[tuple[str, str]]:
    """What a reader needs first, in the report's language: the partners, the agreement and its
    period, the registry number, two key figures and who approved the report and when."""
    rows = [(_("Partner organisations"), ", ".join(view.organisations))]
    if agreement := content.get("agreement"):
        period = (
            _("{start} – {end}").format(start=_date(agreement["starts_on"]), end=_date(agreement["ends_on"]))
            if agreement["ends_on"]
            else _("from {start}, until further notice").format(start=_date(agreement["starts_on"]))
        )
        rows.append(
            (
                _("Agreement"),
                _("agreement {number}, {period}").format(number=agreement["sequence"], period=period),
            )
        )
    if view.registry_number:
        rows.append((_("Registry number"), view.registry_number))
    previous, this = view.activities_total
    rows.append(
        (
            _("Activities in {year}").format(year=view.year),
            _("{count} (the year before: {previous})").format(count=this, previous=previous),
        )
    )
    indicators = [i for goal in view.goals for i in goal["indicators"]]
    if indicators:
        on_track = sum(1 for i in indicators if i["status"] == Status.ON_TRACK)
        rows.append(
            (_("Indicators on track"), _("{count} of {total}").format(count=on_track, total=len(indicators)))
        )
    rows.append((_("Made from the records on"), _date(view.made_on)))
    if approval := content.get("approval"):
        approved = _("version {number}, on {date}").format(
            number=approval["number"], date=_date(approval["at"])
        )
        if approval["by"]:
            approved = _("{approved}, by {name}").format(approved=approved, name=approval["by"])
        rows.append((pgettext("report", "Approved"), approved))
    return rows


def localise(content: dict[str, Any], language: str) -> ReportView:
    """``content`` in ``language`` ("sv" or "en"), with the report's charts."""
    with override(language):
        year = content["year"]
        activities = content["activities"]
        partnership = _name(content["partnership"]["title"], language)
        view = ReportView(
            language=language,
            title=_("Annual report {year}: {partnership}").format(year=year, partnership=partnership),
            partnership=partnership,
            organisations=content["partnership"]["organisations"],
            year=year,
            made_on=content["made_on"],
            registry_number=content.get("registry_number", ""),
            narrative=[
                (_(label), _name(content["narrative"].get(name, ""), language)) for name, label in SECTIONS
            ],
            activities_total=(activities["total"]["previous"], activities["total"]["year"]),
            by_type=[(_name(r["name"], language), r["previous"], r["year"]) for r in activities["by_type"]],
            by_focus_area=[
                (_name(r["name"], language) or _("No focus area"), r["previous"], r["year"])
                for r in activities["by_focus_area"]
            ],
            goals=[
                {
                    "title": _name(goal["title"], language),
                    "owner": _label(GoalOwner, goal["owner"]),
                    "focus_area": _name(goal["focus_area"], language),
                    "indicators": [
                        {
                            "name": _name(i["name"], language),
                            "unit": i["unit"],
                            "measure": _label(Measure, i["measure"]),
                            "target": _number(i["target"]),
                            "actual": _number(i["actual"]),
                            "status": i["status"],
                            "status_label": str(Status.LABELS.get(i["status"], i["status"])),
                            "source": i["source"],
                        }
                        for i in goal["indicators"]
                    ],
                }
                for goal in content["goals"]
            ],
            resource_totals=[
                {
                    "party": _label(Side, r["party"]),
                    "kind": _label(ResourceKind, r["kind"]),
                    "committed": _number(r["committed"]),
                    "used": _number(r["used"]),
                    "share": _number(r["share"]),
                }
                for r in content["resources"]["totals"]
            ],
            commitments=[
                {
                    "purpose": c["purpose"],
                    "party": _label(Side, c["party"]),
                    "level": _label(Level, c["level"]) if c["level"] else _("the whole partnership"),
                    "kind": _label(ResourceKind, c["kind"]),
                    "committed": _number(c["committed"]),
                    "used": _number(c["used"]),
                }
                for c in content["resources"]["commitments"]
            ],
            governance={
                **{k: v for k, v in content["governance"].items() if k != "meetings"},
                "meetings": [
                    (m["date"], _name(m["body"], language)) for m in content["governance"]["meetings"]
                ],
            },
            assessment_sides={
                side: content["assessments"]["sides"].get(side) for side in (Side.UNIVERSITY, Side.PARTNER)
            },
            assessment_rows=[
                {
                    "subject": _name(row["subject"], language),
                    **{
                        side: (
                            {
                                "rating": _label(Rating, row[side]["rating"]) if row[side]["rating"] else "",
                                "comment": row[side]["comment"],
                            }
                            if row[side]
                            else None
                        )
                        for side in (Side.UNIVERSITY, Side.PARTNER)
                    },
                }
                for row in content["assessments"]["rows"]
            ],
            news=[(item["date"], _name(item["title"], language)) for item in content["news"]],
            ideas=_ideas(content.get("ideas"), language),  # versions approved before ideas have none
        )
        view.charts = _charts(view)
        view.cover = _cover(content, view)
        view.approved = "approval" in content
    return view


def _charts(view: ReportView) -> list[Chart]:
    """The report's figures; each one's data is also its table (``Chart.rows``)."""
    previous, this = str(view.year - 1), str(view.year)
    charts = [
        Chart(
            "activities-by-form",
            _("Activities per collaboration form"),
            [name for name, _p, _y in view.by_type],
            [(previous, [p for _n, p, _y in view.by_type]), (this, [y for _n, _p, y in view.by_type])],
            unit=_("number of activities started"),
            category_header=_("Collaboration form"),
        ),
        Chart(
            "activities-by-area",
            _("Activities per focus area"),
            [name for name, _p, _y in view.by_focus_area],
            [
                (previous, [p for _n, p, _y in view.by_focus_area]),
                (this, [y for _n, _p, y in view.by_focus_area]),
            ],
            unit=_("number of activities started"),
            category_header=_("Focus area"),
        ),
    ]
    reached = [
        (i["name"], (i["actual"] or 0) / i["target"] * 100)
        for goal in view.goals
        for i in goal["indicators"]
        if i["target"] and i["actual"] is not None
    ]
    charts.append(
        Chart(
            "indicators",
            _("Indicators: share of the year's target reached"),
            [name for name, _share in reached],
            [(_("Share of the target (per cent)"), [share.quantize(Decimal(1)) for _name, share in reached])],
            unit="%",
            category_header=_("Indicator"),
        )
    )
    used = [r for r in view.resource_totals if r["share"] is not None]
    charts.append(
        Chart(
            "resources",
            _("Earmarked resources: share used"),
            [f"{r['party']}: {r['kind']}" for r in used],
            [(_("Share used (per cent)"), [(r["share"] * 100).quantize(Decimal(1)) for r in used])],
            unit="%",
            category_header=_("Party and kind"),
        )
    )
    return charts
