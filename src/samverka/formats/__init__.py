"""How dates, times and numbers are written, per language, in one place (``FORMAT_MODULE_PATH``).

The rule (docs/architecture.md, "Languages"): dates are ISO 8601 in both languages
(2026-11-25), times are 24-hour (13:00) and always Stockholm's local time, a date and a
time together read "2026-11-25 13:00". Numbers are grouped by thousands as each
language writes them: "50 000" in Swedish, "50,000" in English. Only where a month
alone is known does a date name it ("januari 2019", "January 2019").
"""
