"""The tables and the chart of docs/performance.md, drawn from ``samverka bench --json`` files."""

import json
from pathlib import Path

import pygal

from samverka.benchmark.loadtest import BARE_FLOOR, plain_pages

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
    reports = _load(files)
    chart = pygal.Line(
        title="p95 latency (ms) at concurrency 1 by data size",
        x_title="size (activities)",
        y_title="ms",
        x_labels=["small (1 k)", "university (50 k)", "national (1 M)"],
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


def _load(files: list[Path]) -> list[dict]:
    reports = [json.loads(Path(f).read_text()) for f in files]
    order = {size: k for k, size in enumerate(SIZES)}
    return sorted(reports, key=lambda r: (order.get(r["label"], 99), r["server"].get("vendor", "")))


def markdown_tables(files: list[Path]) -> str:
    """One table per result file (p95 and median at concurrency 1, p95 and req/s at 2 × workers, queries),
    then a summary of the mixed load and the cached public list."""
    out = []
    reports = _load(files)
    for r in reports:
        vendor = r["server"].get("vendor", "?")
        out.append(f"#### {r['label']} on {vendor}\n")
        out.append(
            f"| request | queries | median ms | p95 ms | max ms | req/s | p95 ms at {r['concurrency']} "
            f"| req/s at {r['concurrency']} |"
        )
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for m in r["measurements"]:
            s, c = m["single"], m["concurrent"]
            q = "–" if m["queries"] is None else m["queries"]
            out.append(
                f"| {m['target']['name']} | {q} | {s['median_ms']:.1f} | {s['p95_ms']:.1f} "
                f"| {s['max_ms']:.1f} | {s['requests_per_s']:.0f} "
                f"| {c['p95_ms']:.1f} | {c['requests_per_s']:.0f} |"
            )
        out += _against_floors(r["measurements"])
        if r.get("mixed"):
            mixed = r["mixed"]
            out.append(
                f"\nMixed read load at concurrency {r['concurrency']}:"
                f" **{mixed['requests_per_s']:.0f} requests/s**, p95 {mixed['p95_ms']:.1f} ms,"
                f" {mixed['errors']} errors.\n"
            )
    out.append("#### Summary\n")
    out.append(
        "| size | database | slowest p95 (page) | search p95 | cached public list req/s | mixed req/s |"
        " bare floor p95 | healthz p95 |"
    )
    out.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for r in reports:
        ms = r["measurements"]
        pages = [m for m in ms if m["target"]["group"] in ("workspace", "public")]
        slowest = max(pages, key=lambda m: m["single"]["p95_ms"])
        search = next((m for m in ms if m["target"]["group"] == "search"), None)
        public = next((m for m in ms if m["target"]["name"] == "public list sv"), None)
        floor = next((m for m in ms if m["target"]["name"].startswith("healthz")), None)
        bare = next((m for m in ms if m["target"]["name"] == BARE_FLOOR), None)
        out.append(
            f"| {r['label']} | {r['server'].get('vendor', '?')} "
            f"| {slowest['single']['p95_ms']:.1f} ({slowest['target']['name']}) "
            f"| {search['single']['p95_ms'] if search else '–'} "
            f"| {public['concurrent']['requests_per_s'] if public else '–'} "
            f"| {r['mixed']['requests_per_s'] if r.get('mixed') else '–'} "
            f"| {bare['single']['p95_ms'] if bare else '–'} "
            f"| {floor['single']['p95_ms'] if floor else '–'} |"
        )
    return "\n".join(out) + "\n"


def _against_floors(ms: list[dict]) -> list[str]:
    """Each list's first page against its plain page (median) and every page against the bare floor
    (p95), as a table after the report's own."""
    by_name = {m["target"]["name"]: m for m in ms}
    bare, plain = by_name.get(BARE_FLOOR), plain_pages(by_name)
    rows = []
    for name, floor in plain.items():
        median, p95 = by_name[name]["single"]["median_ms"], by_name[name]["single"]["p95_ms"]
        floor_median = by_name[floor]["single"]["median_ms"]
        rows.append(
            f"| {name} | {median:.1f} | {floor_median:.1f} | ×{median / floor_median:.2f} "
            + (f"| ×{p95 / bare['single']['p95_ms']:.0f} |" if bare else "| – |")
        )
    if not rows:
        return []
    return [
        "",
        "| list | median ms | plain page median ms | × plain page | p95 × bare floor |",
        "| --- | ---: | ---: | ---: | ---: |",
        *rows,
    ]


def comparison_table(before: Path, after: Path) -> str:
    """The same requests measured twice (two releases on the same data, one after the other):
    median and p95 at concurrency 1 of each, with the ratio after / before, then the mixed load."""
    old, new = (json.loads(Path(f).read_text()) for f in (before, after))
    measured = {m["target"]["name"]: m for m in old["measurements"]}
    out = [
        f"#### {new['label']} on {new['server'].get('vendor', '?')}: {before.name} → {after.name}\n",
        "| request | median ms before | after | × | p95 ms before | after | × |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for m in new["measurements"]:
        if (was := measured.get(m["target"]["name"])) is None:
            continue
        a, b = was["single"], m["single"]
        out.append(
            f"| {m['target']['name']} | {a['median_ms']:.1f} | {b['median_ms']:.1f} "
            f"| ×{b['median_ms'] / a['median_ms']:.2f} | {a['p95_ms']:.1f} | {b['p95_ms']:.1f} "
            f"| ×{b['p95_ms'] / a['p95_ms']:.2f} |"
        )
    if old.get("mixed") and new.get("mixed"):
        a, b = old["mixed"], new["mixed"]
        out.append(
            f"\nMixed read load at concurrency {new['concurrency']}: {a['requests_per_s']:.0f} → "
            f"**{b['requests_per_s']:.0f} requests/s** (×{b['requests_per_s'] / a['requests_per_s']:.2f}),"
            f" p95 {a['p95_ms']:.1f} → {b['p95_ms']:.1f} ms, errors {a['errors']} → {b['errors']}.\n"
        )
    return "\n".join(out) + "\n"
