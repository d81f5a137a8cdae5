"""The chart of docs/performance.md: how p95 latency grows with the size of the data."""

import json
from pathlib import Path

import pygal

SIZES = ("small", "university", "national")
SERIES = (
    (
        "slowest workspace page",
        lambda ms: max(
            (m for m in ms if m["target"]["group"] == "workspace"),
            default=None,
            key=lambda m: m["single"]["p95_ms"],
        ),
    ),
    ("search", lambda ms: next((m for m in ms if m["target"]["group"] == "search"), None)),
    (
        "public list (cached)",
        lambda ms: next((m for m in ms if m["target"]["name"] == "public list sv"), None),
    ),
)


def p95_chart(files: list[Path]) -> str:
    """An SVG line chart: p95 at concurrency 1 per size, one line per (figure, database)."""
    reports = [json.loads(Path(f).read_text()) for f in files]
    chart = pygal.Line(
        title="p95 latency (ms) at concurrency 1 by data size",
        x_title="size (activities)",
        y_title="ms",
        x_labels=["small (1 000)", "university (50 000)", "national (1 000 000)"],
        legend_at_bottom=True,
        legend_at_bottom_columns=2,
        show_dots=True,
        width=900,
        height=520,
    )
    for database in sorted({r["server"].get("vendor", "?") for r in reports}):
        for name, pick in SERIES:
            values = []
            for size in SIZES:
                match = [r for r in reports if r["label"] == size and r["server"].get("vendor") == database]
                chosen = pick(match[0]["measurements"]) if match else None
                values.append(chosen["single"]["p95_ms"] if chosen else None)
            chart.add(f"{name} ({database})", values)
    return chart.render(is_unicode=True)
