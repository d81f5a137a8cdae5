"""An annual report as PDF, Word (with its charts) and an Excel workbook with the data behind
every figure; all drawn from one ``ReportView`` (``followup.domain.report_view.localise``)."""

import io
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import override
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from samverka.core.export import sheet_title
from samverka.followup import charts
from samverka.followup.domain.report_view import ReportView
from samverka.lib.plaintext import printable
from samverka.lib.writers import writer_for

FORMATS = ("pdf", "docx", "xlsx")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _amount(value) -> str:
    if value is None:
        return "–"
    value = Decimal(value)
    places = 0 if value == value.to_integral_value() else 2
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


def _change(previous: int, this: int) -> str:
    difference = this - previous
    return f"+{difference}" if difference > 0 else str(difference)


def report_document(view: ReportView, fmt: str, *, draft: bool, version: int | None = None) -> bytes:
    """The report as PDF or Word: the narrative, then every section with its chart and table."""
    with override(view.language):
        subtitle = ", ".join(view.organisations)
        writer = writer_for(fmt, view.title, subtitle, view.language)
        writer.title(view.title)
        facts = list(view.cover)
        if version and not view.approved:  # approved before the content said by whom
            facts.append((_("Approved version"), str(version)))
        writer.table(facts, widths=(1, 2), borders=False)
        if draft:
            writer.marker(_("Draft – not approved"))
        writer.page_break()  # the facts are the cover; the narrative begins the report
        for label, text in view.narrative:
            if text:
                writer.heading(label)
                writer.paragraph(text)
        _activities(writer, view)
        _indicators(writer, view)
        _resources(writer, view)
        _governance(writer, view)
        _assessments(writer, view)
        if view.news:
            writer.heading(_("News"))
            writer.table(view.news, headings=(_("Date"), _("News")), widths=(1, 4))
        _ideas(writer, view)
        return writer.bytes()


def _ideas(writer, view: ReportView) -> None:
    if not view.ideas:
        return
    writer.heading(_("Ideas"))
    widths = (3, *(1 for _stage in view.ideas["stages"]))
    for key, first in (("by_source", _("Source")), ("by_focus_area", _("Focus area"))):
        if view.ideas[key]:
            writer.table(view.ideas[key], headings=(first, *view.ideas["stages"]), widths=widths)


def _figure(writer, chart) -> None:
    if not chart.is_empty:
        writer.image(charts.png(chart), chart.alt_text())


def _activities(writer, view: ReportView) -> None:
    previous, this = view.activities_total
    writer.heading(_("Activities"))
    writer.paragraph(
        _("{this} activities started in {year} ({change} from {previous} the year before).").format(
            this=this, year=view.year, change=_change(previous, this), previous=previous
        )
    )
    for key, rows, header in (
        ("activities-by-form", view.by_type, _("Collaboration form")),
        ("activities-by-area", view.by_focus_area, _("Focus area")),
    ):
        _figure(writer, view.chart(key))
        if rows:
            writer.table(
                [(name, p, y, _change(p, y)) for name, p, y in rows],
                headings=(header, str(view.year - 1), str(view.year), _("Change")),
                widths=(4, 1, 1, 1),
            )


def _indicators(writer, view: ReportView) -> None:
    writer.heading(_("Goals and indicators"))
    if not view.goals:
        writer.paragraph(_("No goals yet."))
        return
    _figure(writer, view.chart("indicators"))
    for goal in view.goals:
        label = f"{goal['title']} ({goal['owner']}{', ' + goal['focus_area'] if goal['focus_area'] else ''})"
        writer.heading(label, 2)
        if goal["indicators"]:
            writer.table(
                [
                    (i["name"], i["unit"], _amount(i["target"]), _amount(i["actual"]), i["status_label"])
                    for i in goal["indicators"]
                ],
                headings=(_("Indicator"), _("Unit"), _("Target"), _("Actual"), _("Status")),
                widths=(4, 1, 1, 1, 1),
            )
        else:
            writer.paragraph(_("No indicators yet."))


def _resources(writer, view: ReportView) -> None:
    writer.heading(_("Earmarked resources"))
    if not view.resource_totals:
        writer.paragraph(_("No resources earmarked for {year}.").format(year=view.year))
        return
    _figure(writer, view.chart("resources"))
    writer.table(
        [
            (r["party"], r["kind"], _amount(r["committed"]), _amount(r["used"]), _share(r["share"]))
            for r in view.resource_totals
        ],
        headings=(_("Party"), _("Kind"), _("Committed"), _("Used"), _("Used of committed")),
        widths=(1, 2, 1, 1, 1),
    )
    writer.table(
        [
            (c["purpose"], c["party"], c["level"], c["kind"], _amount(c["committed"]), _amount(c["used"]))
            for c in view.commitments
        ],
        headings=(_("Purpose"), _("Party"), _("Level"), _("Kind"), _("Committed"), _("Used")),
        widths=(3, 1, 2, 2, 1, 1),
    )


def _share(value) -> str:
    return "–" if value is None else f"{_amount((value * 100).quantize(Decimal(1)))} %"


def _governance(writer, view: ReportView) -> None:
    g = view.governance
    writer.heading(_("Governance"))
    writer.table(
        [
            (_("Meetings held"), str(g["meetings_held"])),
            (_("Decisions"), str(g["decisions"])),
            (_("Open actions"), str(g["open_actions"])),
            (_("Overdue actions"), str(g["overdue_actions"])),
        ],
        widths=(3, 1),
    )
    if g["meetings"]:
        writer.table(g["meetings"], headings=(_("Date"), _("Body")), widths=(1, 4))


def _assessments(writer, view: ReportView) -> None:
    writer.heading(_("Mutual benefit"))
    if not view.assessment_rows:
        writer.paragraph(_("No submitted assessment of {year}.").format(year=view.year))
        return
    for side, label in (("university", _("The university")), ("partner", _("The partner"))):
        submitted = view.assessment_sides.get(side)
        if submitted and submitted.get("summary"):
            writer.paragraph(label, bold=True)
            writer.paragraph(submitted["summary"])

    def cell(answer):
        if not answer:
            return "–"
        return answer["rating"] + (f"\n{answer['comment']}" if answer["comment"] else "")

    writer.table(
        [(row["subject"], cell(row["university"]), cell(row["partner"])) for row in view.assessment_rows],
        headings=(_("About"), _("University"), _("Partner")),
        widths=(2, 2, 2),
    )


def report_workbook(view: ReportView) -> bytes:
    """The data behind every figure and table of the report, one sheet each, numbers as numbers."""
    with override(view.language):
        workbook = Workbook()
        workbook.remove(workbook.active)  # type: ignore[arg-type]  # a new workbook has its one sheet
        bold = Font(bold=True)

        def sheet(title: str, headers, rows) -> None:
            ws = workbook.create_sheet(title=sheet_title(title))
            ws.append([printable(str(header)) for header in headers])
            for cell in ws[1]:
                cell.font = bold
            for row in rows:
                ws.append(
                    [
                        float(v) if isinstance(v, Decimal) else printable(v) if isinstance(v, str) else v
                        for v in row
                    ]
                )
            for line in ws.iter_rows():
                for cell in line:
                    if isinstance(cell.value, str):
                        cell.data_type = "s"  # text, even when it starts with "=": never a formula
            for index, header in enumerate(headers, start=1):
                ws.column_dimensions[get_column_letter(index)].width = min(max(len(str(header)) + 4, 12), 60)
            ws.freeze_panes = "A2"

        for chart in view.charts:
            sheet(chart.title, chart.headers(), chart.rows())
        sheet(
            _("Indicators"),
            (
                _("Goal"),
                _("Whose goal"),
                _("Indicator"),
                _("Measured as"),
                _("Unit"),
                _("Target"),
                _("Actual"),
                _("Status"),
                _("Source"),
            ),
            [
                (
                    g["title"],
                    g["owner"],
                    i["name"],
                    i["measure"],
                    i["unit"],
                    i["target"],
                    i["actual"],
                    i["status_label"],
                    i["source"],
                )
                for g in view.goals
                for i in g["indicators"]
            ],
        )
        sheet(
            _("Earmarked resources"),
            (_("Purpose"), _("Party"), _("Level"), _("Kind"), _("Committed"), _("Used")),
            [
                (c["purpose"], c["party"], c["level"], c["kind"], c["committed"], c["used"])
                for c in view.commitments
            ],
        )
        g = view.governance
        sheet(
            _("Governance"),
            (_("Figure"), _("Value")),
            [
                (_("Meetings held"), g["meetings_held"]),
                (_("Decisions"), g["decisions"]),
                (_("Open actions"), g["open_actions"]),
                (_("Overdue actions"), g["overdue_actions"]),
            ],
        )
        sheet(
            _("Mutual benefit"),
            (_("About"), _("University"), _("Comment"), _("Partner"), _("Comment")),
            [
                (
                    r["subject"],
                    (r["university"] or {}).get("rating", ""),
                    (r["university"] or {}).get("comment", ""),
                    (r["partner"] or {}).get("rating", ""),
                    (r["partner"] or {}).get("comment", ""),
                )
                for r in view.assessment_rows
            ],
        )
        sheet(_("News"), (_("Date"), _("News")), view.news)
        if view.ideas:
            stages = view.ideas["stages"]
            sheet(_("Ideas per source"), (_("Source"), *stages), view.ideas["by_source"])
            sheet(_("Ideas per focus area"), (_("Focus area"), *stages), view.ideas["by_focus_area"])
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
