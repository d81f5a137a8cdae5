"""A meeting's agenda and minutes, and the coordinator's briefing pack, as PDF or Word documents.

Laid out like a Swedish authority's document: the kind of document, the body,
partnership, date, place and registry number (diarienummer) first; numbered
items (§); numbered decisions ("Beslut 2026:3"); the adjusters (justerare) of
approved minutes. Documents are made from plain data
(``governance.domain.minutes.minutes_content``, a frozen ``MinutesVersion.content``,
``governance.domain.briefing.briefing_pack``) holding codes and ISO dates, so
an approved version prints in Swedish or English as it was approved. What users
typed is printed as plain text: never read as markup or as a template.
"""

import datetime
from typing import Any

from django.utils import timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from django.utils.translation import override, pgettext

from samverka.activities.models import Activity
from samverka.directory.models import Side
from samverka.governance.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    AttendanceStatus,
    Body,
    Meeting,
    MemberRole,
    MinutesVersion,
    Outcome,
)
from samverka.lib.writers import FORMATS, plain, writer_for

KINDS = ("agenda", "minutes")
LANGUAGES = ("sv", "en")

# ---------------------------------------------------------------------------- values


def _moment(iso: str | None) -> datetime.datetime | None:
    """A stored ISO date and time in local time (approvals are stored in UTC), or None."""
    if not iso:
        return None
    try:
        value = datetime.datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return None
    return timezone.localtime(value) if timezone.is_aware(value) else value


def _date(iso: str | None) -> str:
    """The local date of a stored moment, in ISO form as Swedish authorities write dates."""
    moment = _moment(iso)
    return moment.date().isoformat() if moment else ""


def _time_span(starts_at: str | None, ends_at: str | None) -> str:
    """ "13:00–15:00", or the end's date too when the meeting runs into another day."""
    start, end = _moment(starts_at), _moment(ends_at)
    if start is None:
        return ""
    if end is None:
        return f"{start:%H:%M}"
    if end.date() == start.date():
        return f"{start:%H:%M}–{end:%H:%M}"
    return f"{start:%H:%M} – {end:%Y-%m-%d %H:%M}"


def _label(choices, value) -> str:
    """The translated label of a stored code; a code no longer known prints as stored."""
    try:
        return capfirst(str(choices(value).label))
    except ValueError:
        return plain(value)


def _field(model, name: str) -> str:
    """A field's name as the forms show it, so documents and pages use the same words."""
    return capfirst(str(model._meta.get_field(name).verbose_name))


def _kind_label(kind: str) -> str:
    """The document's name as printed at its top and in its file name."""
    if kind == "agenda":
        return _("Agenda")
    if kind == "minutes":
        return _("Minutes")
    return _("Briefing pack")


def _decision_label(decision: dict) -> str:
    """How minutes cite a decision: the model's own words, "Beslut 2026:3"."""
    return _("Decision {year}:{number}").format(year=decision.get("year"), number=decision.get("number"))


def _item_heading(item: dict) -> str:
    """ "§ 3 Title": the section sign and number are the same in Swedish and English minutes."""
    return f"§ {item.get('number')} {plain(item.get('title'))}"


def _check(kind: str, fmt: str, language: str, kinds=KINDS) -> None:
    """Refuse what no document is made for, rather than printing a half-right one."""
    if kind not in kinds:
        raise ValueError(f"Unknown kind of document: {kind!r}")
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format: {fmt!r}")
    if language not in LANGUAGES:
        raise ValueError(f"Unknown language: {language!r}")


# ---------------------------------------------------------------------------- parts


def _page_heading(kind: str, content: dict, *, draft: bool) -> tuple[str, str]:
    """What every page repeats at its top: the document, the body, the date, the registry number."""
    title = f"{_kind_label(kind)} – {plain(content.get('body'))}"
    parts = [plain(content.get("partnership")), _date(content.get("starts_at"))]
    if content.get("registry_number"):
        parts.append(f"{_field(Meeting, 'registry_number')} {plain(content['registry_number'])}")
    if draft:
        parts.append(pgettext("minutes not approved", "DRAFT"))
    return title, " · ".join(part for part in parts if part)


def _heading_block(writer, kind: str, content: dict, *, draft: bool) -> None:
    """The document's first lines: what it is, which body, when and where, its registry number."""
    writer.title(_kind_label(kind))
    if draft:
        writer.marker(pgettext("minutes not approved", "DRAFT"))
        writer.paragraph(_("These minutes are not approved: they may still change."))
    writer.heading(content.get("body"), 1)
    rows = [
        (_field(Body, "partnership"), content.get("partnership")),
        (_("Date"), _date(content.get("starts_at"))),
        (_("Time"), _time_span(content.get("starts_at"), content.get("ends_at"))),
        (_field(Meeting, "place"), content.get("place")),
        (_field(Meeting, "video_link"), content.get("video_link")),
        (_field(Meeting, "registry_number"), content.get("registry_number")),
    ]
    writer.table([(label, value) for label, value in rows if value], widths=(1, 3), borders=False)


def _person_rows(people: list[dict]) -> list[dict]:
    """People of the university's side first, then the partner's, each side in the stored order."""
    return sorted(people, key=lambda person: person.get("side") != Side.UNIVERSITY)


def _attendance(writer, attendance: list[dict]) -> None:
    """Who attended, who stood in for whom, who was absent: each with their organisation and side."""
    writer.heading(_("Attendance"), 1)
    if not attendance:
        writer.paragraph(_("No attendance has been recorded."))
        return
    groups = (
        (AttendanceStatus.PRESENT, pgettext("attendance", "Present")),
        (AttendanceStatus.SUBSTITUTE, pgettext("attendance", "Substitutes")),
        (AttendanceStatus.ABSENT, pgettext("attendance", "Absent")),
    )
    for status, label in groups:
        people = [person for person in _person_rows(attendance) if person.get("status") == status]
        if not people:
            continue
        rows = []
        for person in people:
            name = person.get("name")
            if person.get("substitute_for"):
                name = _("{name}, substitute for {absent}").format(name=name, absent=person["substitute_for"])
            rows.append((name, person.get("organisation"), _label(Side, person.get("side"))))
        writer.paragraph(label, bold=True)
        writer.table(rows, headings=(_("Name"), _("Organisation"), _("Side")), widths=(5, 5, 2))


def _members(writer, members: list[dict]) -> None:
    """The members invited to the meeting, with their role in the body."""
    writer.heading(_("Members invited"), 1)
    rows = [
        (
            member.get("name"),
            _label(MemberRole, member.get("role")),
            member.get("organisation"),
            _label(Side, member.get("side")),
        )
        for member in _person_rows(members)
    ]
    writer.table(rows, headings=(_("Name"), _("Role"), _("Organisation"), _("Side")), widths=(4, 2, 4, 2))


def _action_rows(actions: list[dict]) -> list[tuple[Any, Any, Any]]:
    """What, who, by when: the columns every action table shows."""
    return [(action.get("title"), action.get("owner"), action.get("due_on")) for action in actions]


def _action_headings() -> tuple[str, str, str]:
    """The headings of ``_action_rows``, in the action form's own words."""
    return (_field(ActionItem, "title"), _field(ActionItem, "owner"), _field(ActionItem, "due_on"))


def _items(writer, content: dict, *, minuted: bool) -> None:
    """The numbered items; in the minutes with what was minuted, decided and given to someone to do."""
    writer.heading(_("Items"), 1)
    items = content.get("items") or []
    if not items:
        writer.paragraph(_("There are no items on the agenda."))
    for item in items:
        writer.heading(_item_heading(item), 2)
        lines = []
        if item.get("presenter"):
            lines.append(f"{_field(AgendaItem, 'presenter')}: {plain(item['presenter'])}")
        lines.append(f"{_field(AgendaItem, 'outcome')}: {_label(Outcome, item.get('outcome'))}")
        writer.paragraph("\n".join(lines))
        if item.get("background"):
            writer.paragraph(_field(AgendaItem, "background"), bold=True)
            writer.paragraph(item["background"])
        if not minuted:
            continue
        if item.get("minutes"):
            writer.paragraph(pgettext("minutes of an agenda item", "Minutes"), bold=True)
            writer.paragraph(item["minutes"])
        for decision in item.get("decisions") or []:
            writer.paragraph(_decision_label(decision), bold=True)
            writer.paragraph(decision.get("text"))
        if item.get("actions"):
            writer.paragraph(_("Actions"), bold=True)
            writer.table(_action_rows(item["actions"]), headings=_action_headings(), widths=(6, 3, 2))


def _decision_summary(writer, content: dict) -> None:
    """Every decision of the meeting in one table, with the item it was taken under."""
    writer.heading(_("Summary of decisions"), 1)
    decisions = content.get("decisions") or []
    if not decisions:
        writer.paragraph(_("No decisions were taken."))
        return
    item_of = {
        (decision.get("year"), decision.get("number")): item.get("number")
        for item in content.get("items") or []
        for decision in item.get("decisions") or []
    }
    rows = []
    for decision in decisions:
        number = item_of.get((decision.get("year"), decision.get("number")))
        rows.append((_decision_label(decision), f"§ {number}" if number else "", decision.get("text")))
    writer.table(rows, headings=(_("Decision"), _("Item"), _("Text")), widths=(2, 1, 7))


def _action_list(writer, actions: list[dict]) -> None:
    """Every action of the meeting: what, who, by when."""
    writer.heading(_("Action list"), 1)
    if not actions:
        writer.paragraph(_("No actions were decided."))
        return
    writer.table(_action_rows(actions), headings=_action_headings(), widths=(6, 3, 2))


def _approval(writer, content: dict) -> None:
    """Who adjusted (justerade) the minutes, when they were approved, which version, and why corrected."""
    writer.heading(_("Approval"), 1)
    version = content.get("version")
    rows = [
        (
            _field(MinutesVersion, "adjusters"),
            ", ".join(plain(name) for name in content.get("adjusters") or []),
        ),
        (_field(MinutesVersion, "approved_at"), _date(content.get("approved_at"))),
        (_field(MinutesVersion, "number"), str(version)),
    ]
    if isinstance(version, int) and version > 1 and content.get("correction_reason"):
        rows.append((_field(MinutesVersion, "correction_reason"), content["correction_reason"]))
    writer.table(rows, widths=(1, 3), borders=False)


# ---------------------------------------------------------------------------- documents


def meeting_document(content: dict, *, kind: str, fmt: str, language: str) -> bytes:
    """The agenda or minutes of a meeting as a PDF or Word file, in Swedish or English.

    ``content`` is ``minutes_content(meeting)`` or an approved version's content;
    minutes without a ``version`` are a draft and say so on every page. An
    agenda lists the members invited when ``content`` has ``members``.
    """
    _check(kind, fmt, language)
    with override(language):
        draft = kind == "minutes" and not content.get("version")
        writer = writer_for(fmt, *_page_heading(kind, content, draft=draft), language)
        _heading_block(writer, kind, content, draft=draft)
        if kind == "agenda":
            if content.get("members"):
                _members(writer, content["members"])
            _items(writer, content, minuted=False)
        else:
            _attendance(writer, content.get("attendance") or [])
            _items(writer, content, minuted=True)
            _decision_summary(writer, content)
            _action_list(writer, content.get("actions") or [])
            if content.get("version"):
                _approval(writer, content)
        return writer.bytes()


def _open_actions(writer, pack: dict) -> None:
    """The body's open actions, from any meeting, the overdue ones marked."""
    writer.heading(_("Open action items"), 1)
    actions = pack.get("open_actions") or []
    if not actions:
        writer.paragraph(_("The body has no open action items."))
        return
    if any(action.get("overdue") for action in actions):
        writer.paragraph(
            _("Overdue: due before the meeting on {date}.").format(date=plain(pack.get("meeting_date")))
        )
    rows = []
    for action in actions:
        status = _label(ActionStatus, action.get("status"))
        if action.get("overdue"):
            status = _("{status}, overdue").format(status=status)
        rows.append((action.get("title"), action.get("owner"), action.get("due_on"), status))
    writer.table(rows, headings=(*_action_headings(), _field(ActionItem, "status")), widths=(5, 3, 2, 2))


def _decisions_since(writer, pack: dict) -> None:
    """What the body decided at its previous meeting (and any later one before this)."""
    writer.heading(_("Decisions since the previous meeting"), 1)
    if not pack.get("previous_meeting"):
        writer.paragraph(_("The body has not met before this meeting."))
        return
    writer.paragraph(
        _("Decisions taken at the meeting on {date} and later.").format(date=plain(pack["previous_meeting"]))
    )
    decisions = pack.get("decisions") or []
    if not decisions:
        writer.paragraph(_("The body took no decisions in this period."))
        return
    rows = [(_decision_label(d), d.get("meeting_date"), d.get("text")) for d in decisions]
    writer.table(rows, headings=(_("Decision"), _("Meeting"), _("Text")), widths=(2, 2, 6))


def _activities(writer, activities: dict) -> None:
    """The partnership's activities since the previous meeting, counted per collaboration form and listed."""
    writer.heading(
        _("Activities {start} – {end}").format(
            start=plain(activities.get("period_start")), end=plain(activities.get("period_end"))
        ),
        1,
    )
    total = activities.get("total") or 0
    if not total:
        writer.paragraph(_("No activities of the partnership started in this period."))
        return
    rows = [(row.get("type"), str(row.get("count"))) for row in activities.get("by_type") or []]
    rows.append((_("Total"), str(total)))
    writer.table(rows, headings=(_field(Activity, "type"), _("Number")), widths=(4, 1))
    titles = activities.get("titles") or []
    if len(titles) < total:
        writer.paragraph(
            _("The {shown} most recent of {total} activities:").format(shown=len(titles), total=total)
        )
    writer.table(
        [(row.get("starts_on"), row.get("type"), row.get("title")) for row in titles],
        headings=(_field(Activity, "starts_on"), _field(Activity, "type"), _field(Activity, "title")),
        widths=(2, 3, 6),
    )


def briefing_document(pack: dict, *, fmt: str, language: str) -> bytes:
    """The coordinator's briefing pack (``briefing_pack``) as a PDF or Word file, in Swedish or English."""
    _check("briefing", fmt, language, kinds=("briefing",))
    with override(language):
        content = pack["meeting"]
        writer = writer_for(fmt, *_page_heading("briefing", content, draft=False), language)
        _heading_block(writer, "briefing", content, draft=False)
        if pack.get("members"):
            _members(writer, pack["members"])
        _items(writer, content, minuted=False)
        _open_actions(writer, pack)
        _decisions_since(writer, pack)
        _activities(writer, pack.get("activities") or {})
        return writer.bytes()


def document_filename(content: dict, kind: str, fmt: str, language: str) -> str:
    """An ASCII file name saying what the document is, e.g. ``protokoll-styrgrupp-2026-03-10.pdf``."""
    _check(kind, fmt, language, kinds=(*KINDS, "briefing"))
    with override(language):
        parts = [
            slugify(_kind_label(kind)),
            slugify(plain(content.get("body"))),
            _date(content.get("starts_at")),
        ]
    return "{}.{}".format("-".join(part for part in parts if part), fmt)
