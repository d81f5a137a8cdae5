"""Time a large meeting's documents: `python scripts/bench-documents.py [REPEAT]`.

Builds, in a throwaway test database, a meeting of 40 agenda items with
background and minutes, 30 attendees, 20 decisions and 20 actions, then prints
the median seconds, the size (and pages) of the minutes as PDF and Word and of the
briefing pack as PDF. The results are in docs/governance.md.
"""

import datetime
import io
import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverka.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from samverka.core.models import Institution  # noqa: E402
from samverka.directory.models import Person  # noqa: E402
from samverka.governance import documents  # noqa: E402
from samverka.governance.domain import ensure_standard_body_types  # noqa: E402
from samverka.governance.domain.briefing import briefing_pack  # noqa: E402
from samverka.governance.domain.meetings import number_decision  # noqa: E402
from samverka.governance.domain.minutes import minutes_content  # noqa: E402
from samverka.governance.models import (  # noqa: E402
    ActionItem,
    AgendaItem,
    Attendance,
    Body,
    BodyMember,
    BodyType,
    Decision,
    Meeting,
)
from samverka.partnerships.models import Partnership  # noqa: E402


def large_meeting() -> Meeting:
    institution = Institution.objects.create(name="Bänk", slug="bench-documents")
    ensure_standard_body_types(institution)
    partnership = Partnership.objects.create(
        institution=institution, title_sv="Bänkpartnerskap", slug="bank", start_date=datetime.date(2020, 1, 1)
    )
    body = Body.objects.create(
        institution=institution,
        partnership=partnership,
        type=BodyType.objects.get(institution=institution, code="steering-group"),
        name_sv="Styrgrupp",
    )
    meeting = Meeting.objects.create(
        institution=institution, body=body, starts_at=timezone.now(), place="Universitetsledningens rum"
    )
    people = []
    for n in range(30):
        person = Person.objects.create(
            institution=institution, first_name=f"Förnamn{n}", last_name=f"Efternamn{n}", side="university"
        )
        BodyMember.objects.create(institution=institution, body=body, person=person)
        Attendance.objects.create(institution=institution, meeting=meeting, person=person)
        people.append(person)
    for number in range(1, 41):
        item = AgendaItem.objects.create(
            institution=institution,
            meeting=meeting,
            number=number,
            title=f"Ärende {number} om samverkan och kompetensförsörjning",
            background="Bakgrund till ärendet. " * 25,
            minutes="Protokollsanteckning om vad som sades. " * 25,
        )
        if number % 2 == 0:
            decision = Decision(
                institution=institution, meeting=meeting, agenda_item=item, text="Styrgruppen beslutar. " * 5
            )
            number_decision(decision)  # the body's next number of the meeting's year
            decision.save()
            ActionItem.objects.create(
                institution=institution,
                body=body,
                meeting=meeting,
                decision=decision,
                title=f"Åtgärd {number}",
                owner=people[number % 30],
                due_on=timezone.localdate(),
            )
    return meeting


def timed(repeat: int, make) -> tuple[float, int, str]:
    seconds, made = [], b""
    for _ in range(repeat):
        start = time.perf_counter()
        made = make()
        seconds.append(time.perf_counter() - start)
    pages = f"{len(PdfReader(io.BytesIO(made)).pages)} pages" if made[:4] == b"%PDF" else ""
    return statistics.median(seconds), len(made), pages


def main(repeat: int) -> None:
    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        meeting = large_meeting()
        content = minutes_content(meeting)
        minutes = documents.meeting_document
        runs = {
            "minutes_content": lambda: str(minutes_content(meeting)),
            "minutes PDF": lambda: minutes(content, kind="minutes", fmt="pdf", language="sv"),
            "minutes Word": lambda: minutes(content, kind="minutes", fmt="docx", language="sv"),
            "briefing pack PDF": lambda: documents.briefing_document(
                briefing_pack(meeting), fmt="pdf", language="sv"
            ),
        }
        for label, make in runs.items():
            seconds, size, pages = timed(repeat, make)
            print(f"{label:20} median {seconds:.3f} s  {size / 1024:.0f} KiB  {pages}")
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
