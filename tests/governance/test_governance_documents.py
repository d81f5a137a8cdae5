"""A meeting's agenda, minutes and briefing pack as documents: made from known records and read back.

Every file is opened again (pypdf, python-docx) and its text checked: the
documents are what members and registrars keep, so what they say is the test.
Lines marked ``# needs sv catalogue`` pass once the Swedish translations exist.
"""

import datetime
import io

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import override

from samverka.governance import documents
from samverka.governance.domain.briefing import briefing_pack
from samverka.governance.domain.meetings import approve_minutes, start_correction
from samverka.governance.domain.minutes import minutes_content
from samverka.governance.models import Meeting
from tests import factories as f
from tests.pdf import assert_accessible_pdf, pdf_pages, pdf_text

HOSTILE = "<script>alert(1)</script> {{ x }}"
COMBINATIONS = [
    (kind, fmt, language)
    for kind in documents.KINDS
    for fmt in documents.FORMATS
    for language in ("sv", "en")
]


def read_back(data: bytes, fmt: str) -> str:
    """The document's text in reading order: PDF pages, or Word paragraphs and table rows."""
    if fmt == "pdf":
        return pdf_text(data)
    lines = []
    for block in docx.Document(io.BytesIO(data)).iter_inner_content():
        if isinstance(block, docx.table.Table):
            lines.extend(" ".join(cell.text for cell in row.cells) for row in block.rows)
        else:
            lines.append(block.text)
    return "\n".join(lines)


def between(text: str, start: str, end: str) -> str:
    """The lines after the line ``start`` and before the next line ``end``."""
    lines = text.splitlines()
    first = lines.index(start) + 1
    return "\n".join(lines[first : lines.index(end, first)])


def at(day: str, time: str = "13:00") -> datetime.datetime:
    """A moment in Swedish local time, as meetings are planned."""
    return timezone.make_aware(datetime.datetime.fromisoformat(f"{day}T{time}"))


@pytest.fixture
def steering(institution):
    """A steering group of both sides, a meeting of three items, a substitute, two decisions, two actions."""
    municipality = f.OrganisationFactory(institution=institution, name="Umeå kommun")
    department = f.UnitFactory(institution=institution, name_sv="Institutionen för datavetenskap")
    partnership = f.PartnershipFactory(
        institution=institution,
        title_sv="Partnerskap med Umeå kommun",
        title_en="Partnership with Umeå municipality",
        organisations=[municipality],
    )
    body = f.BodyFactory(
        partnership=partnership, name_sv="Styrgrupp Västerbotten", name_en="Steering group Västerbotten"
    )

    def person(first, last, side):
        where = {"organisation": municipality} if side == "partner" else {"unit": department}
        someone = f.PersonFactory(
            institution=institution, first_name=first, last_name=last, side=side, **where
        )
        f.BodyMemberFactory(body=body, person=someone, role="chair" if last == "Berg" else "member")
        return someone

    anna = person("Anna", "Berg", "university")
    karin = person("Karin", "Lund", "partner")
    erik = person("Erik", "Ström", "partner")
    maja = person("Maja", "Holm", "partner")
    meeting = f.MeetingFactory(
        body=body,
        starts_at=at("2026-03-10", "13:00"),
        ends_at=at("2026-03-10", "15:00"),
        place="Lindellhallen",
        video_link="https://meet.example.se/styrgrupp",
    )
    f.AgendaItemFactory(meeting=meeting, number=1, title="Mötets öppnande", presenter=anna)
    plan = f.AgendaItemFactory(
        meeting=meeting,
        number=2,
        title="Verksamhetsplan 2026",
        presenter=karin,
        outcome="decision",
        background=HOSTILE,
        minutes="Planen diskuterades {% if x %}.",
    )
    other = f.AgendaItemFactory(meeting=meeting, number=3, title="Övriga frågor", outcome="discussion")
    f.AttendanceFactory(meeting=meeting, person=anna, status="present")
    f.AttendanceFactory(meeting=meeting, person=karin, status="present")
    f.AttendanceFactory(meeting=meeting, person=erik, status="absent")
    f.AttendanceFactory(meeting=meeting, person=maja, status="substitute", substitute_for=erik)
    adopt = f.DecisionFactory(
        meeting=meeting, agenda_item=plan, text="Styrgruppen fastställer verksamhetsplanen."
    )
    f.DecisionFactory(
        meeting=meeting, agenda_item=plan, text="Styrgruppen ger samordnaren i uppdrag att följa upp."
    )
    f.ActionItemFactory(
        body=body,
        meeting=meeting,
        agenda_item=plan,
        decision=adopt,
        owner=karin,
        title="Skicka planen till ledningen",
        due_on=datetime.date(2026, 4, 15),
    )
    f.ActionItemFactory(
        body=body,
        meeting=meeting,
        agenda_item=other,
        owner=anna,
        title="Boka nästa möte",
        due_on=datetime.date(2026, 3, 31),
    )
    return {"meeting": meeting, "body": body, "anna": anna, "karin": karin, "erik": erik, "maja": maja}


def document(meeting, kind, fmt, language) -> str:
    """The meeting's document as the meeting page makes it, read back."""
    with override(language):
        content = minutes_content(meeting)
    return read_back(documents.meeting_document(content, kind=kind, fmt=fmt, language=language), fmt)


BODY_NAME = {"sv": "Styrgrupp Västerbotten", "en": "Steering group Västerbotten"}
PARTNERSHIP = {"sv": "Partnerskap med Umeå kommun", "en": "Partnership with Umeå municipality"}
ITEMS = ["§ 1 Mötets öppnande", "§ 2 Verksamhetsplan 2026", "§ 3 Övriga frågor"]


@pytest.mark.parametrize(("kind", "fmt", "language"), COMBINATIONS)
def test_heading_block_and_items_in_order(steering, kind, fmt, language):
    text = document(steering["meeting"], kind, fmt, language)
    assert BODY_NAME[language] in text
    assert PARTNERSHIP[language] in text
    assert "2026-03-10" in text
    assert "13:00–15:00" in text
    assert "Lindellhallen" in text
    assert "https://meet.example.se/styrgrupp" in text
    positions = [text.index(heading) for heading in ITEMS]
    assert positions == sorted(positions)
    assert "Anna Berg" in text  # presenter of § 1
    assert HOSTILE in text  # background of § 2, printed as typed


@pytest.mark.parametrize(
    ("fmt", "language"), [(fmt, lang) for fmt in documents.FORMATS for lang in ("sv", "en")]
)
def test_agenda_has_no_minutes_decisions_or_attendance(steering, fmt, language):
    text = document(steering["meeting"], "agenda", fmt, language)
    assert "Planen diskuterades" not in text
    assert "Styrgruppen fastställer verksamhetsplanen." not in text
    assert "Skicka planen till ledningen" not in text
    assert "Maja Holm" not in text  # attended, but the agenda is sent out before anyone does
    assert "2026:1" not in text


@pytest.mark.parametrize(
    ("fmt", "language"), [(fmt, lang) for fmt in documents.FORMATS for lang in ("sv", "en")]
)
def test_minutes_print_what_was_minuted_decided_and_given_to_do(steering, fmt, language):
    text = document(steering["meeting"], "minutes", fmt, language)
    assert "Planen diskuterades {% if x %}." in text
    first, second = (
        text.index("Styrgruppen fastställer verksamhetsplanen."),
        text.index("Styrgruppen ger samordnaren"),
    )
    assert text.index(ITEMS[1]) < first < second < text.index(ITEMS[2])
    assert "2026:1" in text
    assert "2026:2" in text
    assert "2026:3" not in text
    # The action list: title, owner and due date on one row, the earliest first.
    assert "Boka nästa möte Anna Berg 2026-03-31" in text.replace("\n", " ")
    assert "Skicka planen till ledningen Karin Lund 2026-04-15" in text.replace("\n", " ")
    for name in ("Anna Berg", "Karin Lund", "Erik Ström", "Maja Holm"):
        assert name in text
    assert "Umeå kommun" in text
    assert "Institutionen för datavetenskap" in text


@pytest.mark.parametrize("fmt", documents.FORMATS)
def test_english_labels(steering, fmt):
    agenda = document(steering["meeting"], "agenda", fmt, "en")
    minutes = document(steering["meeting"], "minutes", fmt, "en")
    assert "Agenda" in agenda.splitlines()
    assert "Minutes" in minutes.splitlines()
    assert "DRAFT" in minutes.splitlines()
    assert "DRAFT" not in agenda
    assert "Expected outcome: Decision" in agenda
    assert "Expected outcome: Information" in agenda
    assert "Expected outcome: Discussion" in agenda
    assert "Presenter: Karin Lund" in agenda
    assert "Decision 2026:1" in minutes.splitlines()
    assert "Decision 2026:2" in minutes.splitlines()
    assert "Maja Holm, substitute for Erik Ström" in minutes
    assert between(minutes, "Summary of decisions", "Action list").count("Decision 2026:") == 2


@pytest.mark.parametrize("fmt", documents.FORMATS)
def test_attendance_under_the_right_heading(steering, fmt):
    text = document(steering["meeting"], "minutes", fmt, "en")
    present = between(text, "Present", "Substitutes")
    substitutes = between(text, "Substitutes", "Absent")
    absent = between(text, "Absent", "Items")
    assert "Anna Berg" in present
    assert "Karin Lund" in present
    assert "Maja Holm" not in present
    assert "Erik Ström" not in present
    assert "Maja Holm, substitute for Erik Ström" in substitutes
    assert "Anna Berg" not in substitutes
    assert "Erik Ström" in absent
    assert "Maja Holm" not in absent
    # The university's side first, each person with their organisation and side.
    assert present.index("Anna Berg") < present.index("Karin Lund")
    assert "Institutionen för datavetenskap" in present
    assert "Umeå kommun" in absent


@pytest.mark.parametrize("fmt", documents.FORMATS)
def test_swedish_labels(steering, fmt):
    agenda = document(steering["meeting"], "agenda", fmt, "sv")
    minutes = document(steering["meeting"], "minutes", fmt, "sv")
    assert "Dagordning" in agenda.splitlines()  # needs sv catalogue
    assert "Protokoll" in minutes.splitlines()  # needs sv catalogue
    assert "UTKAST" in minutes.splitlines()  # needs sv catalogue
    assert "Beslut 2026:1" in minutes.splitlines()  # needs sv catalogue
    assert "Beslut 2026:2" in minutes.splitlines()  # needs sv catalogue
    assert "Förväntat utfall: Beslut" in agenda  # needs sv catalogue
    assert "Föredragande: Karin Lund" in agenda  # needs sv catalogue
    assert "Maja Holm, ersättare för Erik Ström" in minutes  # needs sv catalogue
    present = between(minutes, "Närvarande", "Ersättare")  # needs sv catalogue
    assert "Anna Berg" in present
    assert "Erik Ström" in between(minutes, "Frånvarande", "Ärenden")  # needs sv catalogue


@pytest.fixture
def approved(steering, coordinator):
    """The steering group's minutes approved, adjusted by Karin Lund, with a registry number."""
    meeting = steering["meeting"]
    version = approve_minutes(
        meeting,
        adjusters=[steering["karin"]],
        registry_number="FS 1.6.2-12-26",
        actor=coordinator,
        expected_version=meeting.version,
    )
    return version


@pytest.mark.parametrize(
    ("fmt", "language"), [(fmt, lang) for fmt in documents.FORMATS for lang in ("sv", "en")]
)
def test_approved_minutes_name_the_adjusters_and_are_no_draft(approved, fmt, language):
    data = documents.meeting_document(approved.content, kind="minutes", fmt=fmt, language=language)
    text = read_back(data, fmt)
    assert "FS 1.6.2-12-26" in text
    # The approval block ends the minutes: the adjuster, then the day of approval.
    assert text.rindex(timezone.localdate().isoformat()) > text.rindex("Karin Lund")
    assert "DRAFT" not in text
    assert "UTKAST" not in text
    # The frozen content prints the body as it was named when approved (here in Swedish).
    assert "Styrgrupp Västerbotten" in text
    if language == "en":
        assert "Adjusted by Karin Lund" in text.replace("\n", " ")
        assert "Version 1" in text.replace("\n", " ")
        assert "Registry number FS 1.6.2-12-26" in text.replace("\n", " ")
        assert "Reason for the correction" not in text
    else:
        assert "Diarienummer FS 1.6.2-12-26" in text.replace("\n", " ")
        assert "Justerat av Karin Lund" in text.replace("\n", " ")  # needs sv catalogue


@pytest.mark.parametrize("fmt", documents.FORMATS)
def test_a_corrected_version_says_why(approved, steering, coordinator, fmt):
    meeting = Meeting.objects.get(pk=steering["meeting"].pk)
    start_correction(meeting, reason="Fel datum i § 2", actor=coordinator, expected_version=meeting.version)
    second = approve_minutes(
        meeting,
        adjusters=[steering["karin"], steering["anna"]],
        correction_reason="Datumet i § 2 rättat",
        actor=coordinator,
        expected_version=meeting.version,
    )
    text = read_back(documents.meeting_document(second.content, kind="minutes", fmt=fmt, language="en"), fmt)
    flat = text.replace("\n", " ")
    assert "Adjusted by Karin Lund, Anna Berg" in flat
    assert "Version 2" in flat
    assert "Reason for the correction Datumet i § 2 rättat" in flat
    assert "FS 1.6.2-12-26" in text  # the registry number stays with the meeting


@pytest.mark.parametrize("fmt", documents.FORMATS)
def test_typed_text_prints_as_typed(steering, fmt):
    content = minutes_content(steering["meeting"])
    content["items"][0]["minutes"] = "Rad ett\r\nRad två\x0c <b>fet</b> {{ request.user }} %(name)s {0}"
    data = documents.meeting_document(content, kind="minutes", fmt=fmt, language="en")
    text = read_back(data, fmt)
    assert "Rad ett\nRad två <b>fet</b> {{ request.user }} %(name)s {0}" in text
    assert HOSTILE in text


def test_long_minutes_run_over_pages_with_page_numbers(steering):
    content = minutes_content(steering["meeting"])
    content["items"][1]["minutes"] = " ".join(["Diskussionen fortsatte om planens mål och medel."] * 400)
    pages = pdf_pages(documents.meeting_document(content, kind="minutes", fmt="pdf", language="en"))
    assert len(pages) >= 3
    assert f"1 / {len(pages)}" in pages[0]
    assert f"{len(pages)} / {len(pages)}" in pages[-1]
    assert all("Minutes – Styrgrupp Västerbotten" in page for page in pages)  # the heading on every page
    assert all("DRAFT" in page for page in pages)


def test_word_minutes_have_page_numbers_a_language_and_a_title(steering):
    content = minutes_content(steering["meeting"])
    word = docx.Document(
        io.BytesIO(documents.meeting_document(content, kind="minutes", fmt="docx", language="sv"))
    )
    footer = word.sections[0].footer.paragraphs[0]._p.xml
    assert 'w:instr="PAGE"' in footer
    assert 'w:instr="NUMPAGES"' in footer
    assert word.core_properties.language == "sv-SE"
    assert round(word.sections[0].page_width.mm) == 210
    assert word.core_properties.title == "Protokoll – Styrgrupp Västerbotten"  # needs sv catalogue


def test_file_names(steering):
    with override("sv"):
        swedish = minutes_content(steering["meeting"])
    with override("en"):
        english = minutes_content(steering["meeting"])
    assert documents.document_filename(english, "minutes", "docx", "en") == (
        "minutes-steering-group-vasterbotten-2026-03-10.docx"
    )
    assert (
        documents.document_filename(english, "agenda", "pdf", "en")
        == "agenda-steering-group-vasterbotten-2026-03-10.pdf"
    )
    swedish_name = documents.document_filename(swedish, "minutes", "pdf", "sv")
    assert swedish_name == "protokoll-styrgrupp-vasterbotten-2026-03-10.pdf"  # needs sv catalogue


def test_unknown_kind_format_or_language_is_refused(steering):
    content = minutes_content(steering["meeting"])
    with pytest.raises(ValueError, match="kind"):
        documents.meeting_document(content, kind="letter", fmt="pdf", language="en")
    with pytest.raises(ValueError, match="format"):
        documents.meeting_document(content, kind="minutes", fmt="odt", language="en")
    with pytest.raises(ValueError, match="language"):
        documents.meeting_document(content, kind="minutes", fmt="pdf", language="de")


# ---------------------------------------------------------------------------- briefing pack


@pytest.fixture
def history(steering):
    """The steering group's earlier and later meetings and decisions, and another body's."""
    body = steering["body"]
    older = f.MeetingFactory(body=body, starts_at=at("2025-11-04"))
    previous = f.MeetingFactory(body=body, starts_at=at("2026-01-20"))
    later = f.MeetingFactory(body=body, starts_at=at("2026-05-05"))
    neighbour = f.BodyFactory(partnership=body.partnership)
    elsewhere = f.MeetingFactory(body=neighbour, starts_at=at("2026-02-01"))
    # Decisions numbered in the order they were taken: the fixture's meeting took 2026:1 and 2026:2 already.
    f.DecisionFactory(meeting=older, text="Gammalt beslut.")
    f.DecisionFactory(meeting=previous, text="Förra mötets första beslut.")
    f.DecisionFactory(meeting=previous, text="Förra mötets andra beslut.")
    f.DecisionFactory(meeting=later, text="Senare beslut.")
    f.DecisionFactory(meeting=elsewhere, text="Annan grupps beslut.")
    return {"older": older, "previous": previous, "later": later, "neighbour": neighbour}


def fresh(meeting) -> Meeting:
    """The meeting as the briefing page reads it."""
    return Meeting.objects.select_related("body__partnership", "body__type").get(pk=meeting.pk)


KIND_NAME = {
    "sv": {"agenda": "Dagordning", "minutes": "Protokoll", "briefing": "Underlag inför mötet"},
    "en": {"agenda": "Agenda", "minutes": "Minutes", "briefing": "Briefing pack"},
}


@pytest.mark.parametrize("kind", [*documents.KINDS, "briefing"])
@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_meeting_pdf_is_tagged_in_its_language(steering, history, kind, language):
    meeting = fresh(steering["meeting"])
    with override(language):
        if kind == "briefing":
            data = documents.briefing_document(briefing_pack(meeting), fmt="pdf", language=language)
        else:
            content = minutes_content(meeting)
            data = documents.meeting_document(content, kind=kind, fmt="pdf", language=language)
    title = f"{KIND_NAME[language][kind]} – {BODY_NAME[language]}"
    pdf = assert_accessible_pdf(data, language=language, title=title)
    assert {"H1", "H2", "H3", "P", "Table", "TH", "TD"} <= set(pdf.tree.roles())


def test_briefing_pack_decisions_since_the_previous_meeting(steering, history):
    pack = briefing_pack(fresh(steering["meeting"]))
    assert pack["previous_meeting"] == "2026-01-20"
    assert [(d["year"], d["number"], d["text"], d["meeting_date"]) for d in pack["decisions"]] == [
        (2026, 3, "Förra mötets första beslut.", "2026-01-20"),
        (2026, 4, "Förra mötets andra beslut.", "2026-01-20"),
    ]
    # The meeting's own decisions are in its agenda, not among those "since".
    assert [(d["year"], d["number"]) for d in pack["meeting"]["decisions"]] == [(2026, 1), (2026, 2)]


def test_briefing_pack_open_actions_and_overdue(steering, history):
    body, meeting = steering["body"], steering["meeting"]
    karin = steering["karin"]
    f.ActionItemFactory(
        body=body, meeting=history["older"], owner=karin, title="Försenad", due_on=datetime.date(2026, 3, 9)
    )
    f.ActionItemFactory(
        body=body, owner=karin, title="Pågår", status="in_progress", due_on=datetime.date(2026, 3, 10)
    )
    f.ActionItemFactory(body=body, owner=karin, title="Klar", status="done", due_on=datetime.date(2026, 1, 1))
    f.ActionItemFactory(
        body=body, owner=karin, title="Struken", status="cancelled", due_on=datetime.date(2026, 1, 1)
    )
    f.ActionItemFactory(body=history["neighbour"], title="Annan grupps", due_on=datetime.date(2026, 1, 1))
    pack = briefing_pack(fresh(meeting))
    assert [
        (a["title"], a["owner"], a["due_on"], a["status"], a["overdue"]) for a in pack["open_actions"]
    ] == [
        ("Försenad", "Karin Lund", "2026-03-09", "open", True),
        ("Pågår", "Karin Lund", "2026-03-10", "in_progress", False),
        ("Boka nästa möte", "Anna Berg", "2026-03-31", "open", False),
        ("Skicka planen till ledningen", "Karin Lund", "2026-04-15", "open", False),
    ]
    assert pack["open_actions"][0]["meeting_date"] == "2025-11-04"
    assert pack["open_actions"][3]["decision"] == {"year": 2026, "number": 1}


def test_briefing_pack_counts_activities_per_collaboration_form(steering, history):
    institution = steering["body"].institution
    partnership = steering["body"].partnership
    lecture = f.ActivityTypeFactory(institution=institution, name_sv="Gästföreläsning", order=1)
    thesis = f.ActivityTypeFactory(institution=institution, name_sv="Examensarbete", order=2)

    def activity(title, starts_on, kind=lecture, **values):
        values.setdefault("partnership", partnership)
        return f.ActivityFactory(
            institution=institution, type=kind, title_sv=title, starts_on=starts_on, **values
        )

    activity("På förra mötets dag", datetime.date(2026, 1, 20))
    activity("Mellan mötena", datetime.date(2026, 2, 15))
    activity("Exjobb", datetime.date(2026, 3, 9), kind=thesis)
    activity("Före förra mötet", datetime.date(2026, 1, 19))
    activity("På mötets dag", datetime.date(2026, 3, 10))
    activity("Inställd", datetime.date(2026, 2, 1), status="cancelled")
    activity(
        "Annat partnerskap",
        datetime.date(2026, 2, 1),
        partnership=f.PartnershipFactory(institution=institution),
    )
    activity("Utan datum", None)
    pack = briefing_pack(fresh(steering["meeting"]))["activities"]
    assert pack["period_start"] == "2026-01-20"
    assert pack["period_end"] == "2026-03-09"
    assert pack["total"] == 3
    assert pack["by_type"] == [{"type": "Gästföreläsning", "count": 2}, {"type": "Examensarbete", "count": 1}]
    assert [row["title"] for row in pack["titles"]] == ["Exjobb", "Mellan mötena", "På förra mötets dag"]


def test_briefing_pack_of_a_first_meeting_looks_back_90_days(steering):
    pack = briefing_pack(fresh(steering["meeting"]))
    assert pack["previous_meeting"] is None
    assert pack["decisions"] == []
    assert pack["activities"]["period_start"] == "2025-12-10"
    assert pack["activities"]["total"] == 0
    assert [m["name"] for m in pack["members"]] == ["Maja Holm", "Karin Lund", "Erik Ström", "Anna Berg"]


def test_briefing_pack_lists_at_most_50_titles_but_counts_all(steering):
    institution = steering["body"].institution
    kind = f.ActivityTypeFactory(institution=institution)
    f.ActivityFactory.create_batch(
        52,
        institution=institution,
        type=kind,
        partnership=steering["body"].partnership,
        starts_on=datetime.date(2026, 2, 1),
    )
    pack = briefing_pack(fresh(steering["meeting"]))["activities"]
    assert pack["total"] == 52
    assert len(pack["titles"]) == 50


def test_briefing_pack_queries_do_not_grow_with_the_rows(steering, history):
    body, meeting = steering["body"], steering["meeting"]
    institution = body.institution
    kind = f.ActivityTypeFactory(institution=institution)

    def add_rows():
        f.ActionItemFactory(body=body, owner=steering["anna"], due_on=datetime.date(2026, 3, 1))
        f.DecisionFactory(meeting=history["previous"])
        f.ActivityFactory(
            institution=institution,
            type=f.ActivityTypeFactory(institution=institution),
            partnership=body.partnership,
            starts_on=datetime.date(2026, 2, 2),
        )
        f.BodyMemberFactory(body=body)

    f.ActivityFactory(
        institution=institution, type=kind, partnership=body.partnership, starts_on=datetime.date(2026, 2, 1)
    )
    with CaptureQueriesContext(connection) as one:
        briefing_pack(fresh(meeting))
    add_rows()
    add_rows()
    with CaptureQueriesContext(connection) as three:
        pack = briefing_pack(fresh(meeting))
    assert pack["activities"]["total"] == 3
    assert len(pack["activities"]["by_type"]) == 3
    assert len(three.captured_queries) == len(one.captured_queries)


@pytest.mark.parametrize(
    ("fmt", "language"), [(fmt, lang) for fmt in documents.FORMATS for lang in ("sv", "en")]
)
def test_briefing_document_reads_back(steering, history, fmt, language):
    body = steering["body"]
    f.ActionItemFactory(
        body=body, owner=steering["karin"], title="Försenad", due_on=datetime.date(2026, 3, 1)
    )
    lecture = f.ActivityTypeFactory(institution=body.institution, name_sv="Gästföreläsning")
    f.ActivityFactory(
        institution=body.institution,
        type=lecture,
        partnership=body.partnership,
        title_sv="Föreläsning om AI",
        starts_on=datetime.date(2026, 2, 3),
    )
    with override(language):
        pack = briefing_pack(fresh(steering["meeting"]))
    text = read_back(documents.briefing_document(pack, fmt=fmt, language=language), fmt)
    flat = text.replace("\n", " ")
    assert BODY_NAME[language] in text
    assert all(heading in text for heading in ITEMS)
    assert "Försenad Karin Lund 2026-03-01" in flat
    assert "Förra mötets första beslut." in text
    assert "Gammalt beslut." not in text
    assert "Gästföreläsning 1" in flat
    assert "2026-02-03 Gästföreläsning Föreläsning om AI" in flat
    assert "2026-01-20" in text
    assert "Anna Berg" in text  # a member invited
    assert documents.document_filename(pack["meeting"], "briefing", fmt, language).endswith(
        f"-2026-03-10.{fmt}"
    )
    if language == "en":
        assert "Briefing pack" in text.splitlines()
        invited = between(text, "Members invited", "Items")
        assert [
            name for name in ("Anna Berg", "Karin Lund", "Erik Ström", "Maja Holm") if name in invited
        ] == [
            "Anna Berg",
            "Karin Lund",
            "Erik Ström",
            "Maja Holm",
        ]
        assert "Chair" in invited
        assert "Open, overdue" in flat
        assert "Decision 2026:3" in text
        assert "Activities 2026-01-20 – 2026-03-09" in text
        assert "Total 1" in flat
    else:
        assert "Beslut 2026:3" in text  # needs sv catalogue
        assert "Aktiviteter 2026-01-20 – 2026-03-09" in text  # needs sv catalogue
