"""Charts of the follow-up, drawn on the server by matplotlib: the same drawing is an SVG on the
pages and a PNG in the PDF and Word reports, and each chart's data is a table beside it.

A page shows the SVG as an image (``data:`` address, allowed by the Content-Security-Policy,
whose ``style-src 'self'`` would block the inline styles of an SVG in the page itself), with
a text alternative and the table; the table also downloads as Excel or CSV (``table_response``).
"""

import base64
import io
import textwrap
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")  # no display: files only

from matplotlib.figure import Figure

from samverka.core.export import ExportColumn, spreadsheet_response
from samverka.lib.writers import plain  # names as typed, without control characters

# Dark enough against white for graphics (WCAG 1.4.11, ≥ 3:1), told apart by pattern too.
COLOURS = ("#00416a", "#b35900", "#1e6b30", "#6b2c91")
HATCHES = ("", "//", "..", "xx")
matplotlib.rcParams.update({"svg.hashsalt": "samverka", "font.family": "DejaVu Sans", "font.size": 9})


@dataclass
class Chart:
    """A bar chart: ``categories`` down the side, one bar per series in each."""

    key: str  # names the chart in a download address (``?chart=…``)
    title: str
    categories: list[str]
    series: list[tuple[str, list]] = field(default_factory=list)
    unit: str = ""
    category_header: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.categories or not any(any(values) for _label, values in self.series)

    def rows(self) -> list[list]:
        return [
            [category, *(values[i] for _label, values in self.series)]
            for i, category in enumerate(self.categories)
        ]

    def headers(self) -> list[str]:
        return [self.category_header, *(label for label, _values in self.series)]

    def alt_text(self) -> str:
        """What the picture shows, in words: its title and its largest value per series."""
        parts = [self.title]
        for label, values in self.series:
            if values:
                top = max(range(len(values)), key=lambda i: values[i] or 0)
                parts.append(f"{label}: {self.categories[top]} {_number(values[top])}")
        return ". ".join(parts)


def _number(value) -> str:
    if value is None:
        return "–"
    value = Decimal(value)
    return f"{value:,.0f}".replace(",", "\u00a0") if value == value.to_integral_value() else f"{value:,.2f}"


def _figure(chart: Chart) -> Figure:
    height = 1.2 + 0.42 * max(len(chart.categories), 1) * max(len(chart.series), 1) ** 0.5
    figure = Figure(figsize=(7.5, min(height, 12)), dpi=100, layout="constrained")
    axes = figure.add_subplot()
    count = max(len(chart.series), 1)
    width = 0.8 / count
    positions = list(range(len(chart.categories)))
    for index, (label, values) in enumerate(chart.series):
        offsets = [p + (index - (count - 1) / 2) * width for p in positions]
        bars = axes.barh(
            offsets,
            [float(v or 0) for v in values],
            height=width,
            label=plain(label),
            color=COLOURS[index % len(COLOURS)],
            hatch=HATCHES[index % len(HATCHES)],
            edgecolor="white" if index == 0 else "#1a1a1a",
            linewidth=0.5,
        )
        axes.bar_label(bars, labels=[_number(v) for v in values], padding=3, fontsize=8)
    axes.set_yticks(positions, labels=[textwrap.fill(plain(c), 32) for c in chart.categories])
    axes.invert_yaxis()
    axes.set_title(plain(chart.title), loc="left", fontsize=11, fontweight="bold")
    if chart.unit:
        axes.set_xlabel(chart.unit)
    axes.spines[["top", "right"]].set_visible(False)
    axes.margins(x=0.15)
    if len(chart.series) > 1:
        axes.legend(loc="lower right", frameon=False)
    return figure


def svg(chart: Chart) -> bytes:
    buffer = io.BytesIO()
    _figure(chart).savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def png(chart: Chart, dpi: int = 150) -> bytes:
    buffer = io.BytesIO()
    _figure(chart).savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def data_uri(chart: Chart) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg(chart)).decode("ascii")


def table_response(chart: Chart, fmt: str):
    """The chart's data as Excel or CSV: one row per category, one column per series."""
    return rows_response(chart.title, chart.headers(), chart.rows(), fmt)


def rows_response(title: str, headers: list[str], rows: list[list], fmt: str):
    """A table (headers and rows of values) as Excel or CSV, as every list downloads."""
    columns = [ExportColumn(f"c{i}", header) for i, header in enumerate(headers)]
    records = [SimpleNamespace(**{f"c{i}": value for i, value in enumerate(row)}) for row in rows]
    return spreadsheet_response(fmt, records, columns, title)
