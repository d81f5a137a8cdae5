"""One timeline of a partnership, an organisation or a person: contacts, activities, meetings,
decisions and agreement events, newest first (issue 23).

Each source is read as the user's policy lets them see it (``Policy.scope``), newest first and
capped, so the page costs a fixed number of queries however long the history: one per source.
A year and the kinds narrow it; the merge keeps the newest ``limit`` events of all sources.
"""

import datetime
import heapq
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverka.activities.models import Activity
from samverka.core.language import as_written, joined
from samverka.core.permissions import Policy
from samverka.directory.models import Organisation, Person
from samverka.governance.models import Decision, Meeting
from samverka.interactions.models import Interaction
from samverka.partnerships.models import Agreement, Partnership

# The timeline page shows this many events; a year narrows it, the spreadsheet has them all.
PAGE_EVENTS = 100


@dataclass(frozen=True)
class Event:
    day: datetime.date
    kind: str  # a key of KINDS
    what: str
    partnership: Partnership | None
    url: str
    order: int = 0  # the record's number: the same day's events in a stable order

    @property
    def kind_label(self) -> str:
        return str(KINDS[self.kind])

    def sort_key(self) -> tuple[datetime.date, str, int]:
        return (self.day, self.kind, self.order)


KINDS: dict[str, str | Promise] = {
    "contact": gettext_lazy("Contact"),
    "activity": gettext_lazy("Activity"),
    "meeting": gettext_lazy("Meeting"),
    "decision": gettext_lazy("Decision"),
    "agreement": gettext_lazy("Agreement"),
}

Subject = Partnership | Organisation | Person


def contacts_of_organisation(
    queryset: models.QuerySet[Any], organisation: Organisation
) -> models.QuerySet[Any]:
    """An organisation's contacts: those about it and those with its people."""
    with_people = Interaction.people.through.objects.filter(person__organisation=organisation)
    return queryset.filter(
        models.Q(organisation=organisation) | models.Q(pk__in=with_people.values("interaction"))
    )


@dataclass(frozen=True)
class Source:
    """One kind of event: which records are about a subject, by which date, and what they say."""

    model: type[models.Model]
    # subject's class → the lookup that reaches it (across relations: in a subquery, so a
    # many-to-many gives no duplicates), or a function that narrows the records to it; a class
    # left out has none of this kind
    about: dict[type, str | Callable[[models.QuerySet[Any], Any], models.QuerySet[Any]]]
    date: str  # the field (or ``dated`` annotation) the events are ordered and narrowed by
    related: tuple[str, ...]
    events: Callable[[Any], list[tuple[datetime.date, str]]]  # a record → its (day, what)
    partnership: Callable[[Any], Partnership | None]
    dated: Any = None  # an expression for ``date`` when it is not a field
    in_year: Callable[[int], models.Q] | None = None  # when the events' days are several fields

    def read(
        self, kind: str, subject: Subject, queryset: models.QuerySet[Any], year: int | None, limit: int | None
    ) -> list[Event]:
        about = self.about.get(type(subject))
        if about is None:
            return []
        if callable(about):
            queryset = about(queryset, subject)
        elif "__" in about:
            queryset = queryset.filter(
                pk__in=self.model._default_manager.filter(**{about: subject.pk}).values("pk")
            )
        else:
            queryset = queryset.filter(**{about: subject.pk})
        if self.dated is not None:
            queryset = queryset.annotate(**{self.date: self.dated})
        if year is not None:
            queryset = queryset.filter(
                self.in_year(year) if self.in_year else models.Q(**{f"{self.date}__year": year})
            )
        records = queryset.select_related(*self.related).order_by(f"-{self.date}", "-id")[:limit]
        found = [
            Event(day, kind, what, self.partnership(record), record.get_absolute_url(), record.pk)
            for record in records
            for day, what in self.events(record)
            if year is None or day.year == year
        ]
        return sorted(found, key=Event.sort_key, reverse=True)


def _activity(activity: Any) -> list[tuple[datetime.date, str]]:
    what = joined(": ", activity.type, activity) if activity.type_id else str(activity)
    return [(activity.dated, what)]  # the ``dated`` annotation


def _agreement(agreement: Agreement) -> list[tuple[datetime.date, str]]:
    return [
        (day, text.format(agreement=agreement))
        for day, text in (
            (agreement.ends_on, _("{agreement} ends")),
            (agreement.starts_on, _("{agreement} comes into force")),
            (agreement.signed_on, _("{agreement} signed")),
        )
        if day is not None
    ]


SOURCES: dict[str, Source] = {
    "contact": Source(
        Interaction,
        about={Partnership: "partnership", Organisation: contacts_of_organisation, Person: "people__id"},
        date="occurred_on",
        related=("partnership",),
        events=lambda c: [
            (c.occurred_on, joined(": ", c.get_kind_display().capitalize(), as_written(c.summary)))
        ],
        partnership=lambda c: c.partnership,
    ),
    "activity": Source(
        Activity,
        about={Partnership: "partnership", Organisation: "organisations__id", Person: "people__id"},
        date="dated",
        dated=Coalesce("starts_on", TruncDate("created_at")),
        related=("type", "partnership"),
        events=_activity,
        partnership=lambda a: a.partnership,
    ),
    "meeting": Source(
        Meeting,
        about={
            Partnership: "body__partnership",
            Organisation: "body__partnership__organisations__id",
            Person: "attendances__person",
        },
        date="starts_at",
        related=("body__partnership",),
        events=lambda m: [(timezone.localdate(m.starts_at), str(m))],
        partnership=lambda m: m.body.partnership,
    ),
    "decision": Source(
        Decision,
        # a decision is the body's, not one person's
        about={Partnership: "body__partnership", Organisation: "body__partnership__organisations__id"},
        date="meeting__starts_at",
        related=("meeting", "body__partnership"),
        events=lambda d: [
            (timezone.localdate(d.meeting.starts_at), joined(": ", d.label, as_written(_shorten(d.text))))
        ],
        partnership=lambda d: d.body.partnership,
    ),
    "agreement": Source(
        Agreement,
        about={
            Partnership: "partnership",
            Organisation: "partnership__organisations__id",
            Person: "signatories__id",
        },
        # newest first by its latest day; its events are sorted after
        date="dated",
        dated=Coalesce("ends_on", "starts_on"),
        in_year=lambda year: (
            models.Q(starts_on__year=year) | models.Q(ends_on__year=year) | models.Q(signed_on__year=year)
        ),
        related=("partnership",),
        events=_agreement,
        partnership=lambda a: a.partnership,
    ),
}


def _shorten(text: str, length: int = 120) -> str:
    line = " ".join(text.split())
    return line if len(line) <= length else f"{line[: length - 1].rstrip()}…"


def kinds_seen_by(policy: Policy) -> list[str]:
    """The kinds of event the user may see (a partner representative: no agreements)."""
    return [kind for kind, source in SOURCES.items() if policy.allows("view", source.model)]


def timeline(
    policy: Policy,
    subject: Subject,
    *,
    kinds: Iterable[str] = (),
    year: int | None = None,
    limit: int | None = PAGE_EVENTS,
) -> list[Event]:
    """The newest ``limit`` events (all with None) of ``subject`` the user may see, newest first."""
    wanted = set(kinds) or set(KINDS)
    streams = []
    for kind in kinds_seen_by(policy):
        if kind not in wanted:
            continue
        source = SOURCES[kind]
        queryset = policy.scope(source.model._default_manager.all())
        streams.append(source.read(kind, subject, queryset, year, limit))
    merged = heapq.merge(*streams, key=Event.sort_key, reverse=True)
    return list(itertools.islice(merged, limit))
