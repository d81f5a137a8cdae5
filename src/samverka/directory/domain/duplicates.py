"""Likely duplicate organisations and people: matching rules, the duplicates list, the import's matcher."""

import bisect
import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.core.audit import action_name, record_event
from samverka.core.cache import cached_for_institution
from samverka.core.domain.records import Actor
from samverka.core.models import Institution
from samverka.directory.models import DuplicateDismissal, Organisation, Person
from samverka.lib.orgnumber import normalise_orgnumber

Kind = Literal["organisation", "person"]
KINDS: tuple[Kind, ...] = ("organisation", "person")

# Near-identical names: difflib's ratio (2 × matching characters / both lengths) of the
# normalised names, at least this. 0.90 lets "Skelleftea kommun" meet "Skellefteå kommun"
# (0.94) but not "Region Norrbotten" meet "Region Västerbotten" (0.78).
ORGANISATION_THRESHOLD = 0.90
# People's names are shorter, so one letter weighs more: "Eric Lind" meets "Erik Lind" (0.89),
# "Jonas Nilsson" does not meet "Johan Nilsson" (0.85).
PERSON_THRESHOLD = 0.88
# A word shared by more records than this (e.g. "kommun", "bygg") is too common to be a block:
# such names still meet their neighbours in the two sorted passes.
MAX_BLOCK = 60
# How many neighbours each name is compared with in the sorted list of names (and of reversed names).
WINDOW = 4

# Swedish company forms, as words after normalisation, ignored at either end of an organisation's
# name: "Volvo Lastvagnar AB (publ)" and "AB Volvo" are "volvo lastvagnar" and "volvo".
COMPANY_FORMS = (
    ("ab",),
    ("publ",),
    ("aktiebolag",),
    ("aktiebolaget",),
    ("hb",),
    ("handelsbolag",),
    ("handelsbolaget",),
    ("kb",),
    ("kommanditbolag",),
    ("kommanditbolaget",),
    ("ek", "för"),
    ("ekonomisk", "förening"),
    ("ekonomiska", "föreningen"),
)
_NOT_A_WORD = re.compile(r"[\W_]+")


def normalise_text(text: str) -> str:
    """Compatibility-normalised (NFKC), case-folded, punctuation and spaces collapsed to one space.

    NFKC composes "a" + ring into "å", so å, ä and ö stay letters of their own (never "a" or "o").
    """
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return _NOT_A_WORD.sub(" ", text).strip()


def organisation_key(name: str) -> str:
    """An organisation's name as matching sees it: normalised, company forms at either end dropped."""
    words = normalise_text(name).split()
    changed = True
    while changed:
        changed = False
        for form in COMPANY_FORMS:
            n = len(form)
            if len(words) > n and tuple(words[-n:]) == form:
                words, changed = words[:-n], True
            elif len(words) > n and tuple(words[:n]) == form:
                words, changed = words[n:], True
    return " ".join(words)


def person_key(first_name: str, last_name: str) -> str:
    """A person's full name as matching sees it: normalised words in alphabetical order, so a
    name given surname first ("Andersson, Anna") is the same name."""
    return " ".join(sorted(normalise_text(f"{first_name} {last_name}").split()))


def organisation_number_key(value: str) -> str:
    """The organisation number in its one form (``556012-5790``); "" when blank or not a valid one."""
    if not (value or "").strip():
        return ""
    try:
        return normalise_orgnumber(value)
    except ValidationError:
        return ""


def email_key(value: str) -> str:
    """An e-mail address as matching sees it: trimmed and case-insensitive."""
    return (value or "").strip().casefold()


# --- reasons -----------------------------------------------------------------------------

Rule = Literal["org_number", "email", "name", "similar_name"]


def reason_text(rule: Rule, score: int) -> str:
    """What the coordinator reads about a pair, in the active language."""
    if rule == "org_number":
        return _("same organisation number")
    if rule == "email":
        return _("same e-mail address")
    if rule == "name":
        return _("same name")
    return _("similar names ({percent} %)").format(percent=score)


class Candidate(NamedTuple):
    """A likely duplicate of an incoming row: the existing record, why, and how sure (percent)."""

    record_id: int
    reason: str
    score: int


@dataclass(frozen=True, order=True)
class Pair:
    """Two records of one kind that are likely the same, the lower number first."""

    low_id: int
    high_id: int
    rule: Rule = field(compare=False)
    score: int = field(compare=False)  # percent: 100 for the same identifier or name

    @property
    def reason(self) -> str:
        return reason_text(self.rule, self.score)


# --- the matcher ---------------------------------------------------------------------------


@dataclass
class _Entry:
    record_id: int
    key: str  # the normalised name
    ident: str  # organisation number or e-mail, "" when none
    place: tuple[str, int] | None = None  # people: ("organisation", id) or ("unit", id)


class _Matcher:
    """Records held in memory with the indexes that find their likely duplicates without
    comparing every record with every other: the same identifier, the same name, a shared
    uncommon word (a block) or a near place in the sorted lists of names and of reversed names."""

    threshold: float
    ident_rule: Rule

    def __init__(self, entries: Iterable[_Entry] = ()):
        """Index ``entries``; ``add`` indexes more (rows made earlier in the same import)."""
        self.entries: dict[int, _Entry] = {}
        self.by_ident: dict[str, list[int]] = defaultdict(list)
        self.by_key: dict[str, list[int]] = defaultdict(list)
        self.by_word: dict[str, list[int]] = defaultdict(list)
        self.sorted_keys: list[tuple[str, int]] = []
        self.sorted_reversed: list[tuple[str, int]] = []
        for entry in entries:
            self._index(entry)
        self.sorted_keys.sort()
        self.sorted_reversed.sort()

    def _index(self, entry: _Entry, *, keep_sorted: bool = False) -> None:
        self.entries[entry.record_id] = entry
        if entry.ident:
            self.by_ident[entry.ident].append(entry.record_id)
        if entry.key:
            self.by_key[entry.key].append(entry.record_id)
            for word in self._block_words(entry.key):
                self.by_word[word].append(entry.record_id)
            add = bisect.insort if keep_sorted else list.append
            add(self.sorted_keys, (entry.key, entry.record_id))
            add(self.sorted_reversed, (entry.key[::-1], entry.record_id))

    @staticmethod
    def _block_words(key: str) -> set[str]:
        words = key.split()
        return {words[0], words[-1]} if words else set()

    def _add(self, entry: _Entry) -> None:
        self._index(entry, keep_sorted=True)

    @staticmethod
    def _neighbours(ordered: list[tuple[str, int]], value: str) -> list[int]:
        at = bisect.bisect_left(ordered, (value, -(2**63)))
        return [record_id for _value, record_id in ordered[max(0, at - WINDOW) : at + WINDOW + 1]]

    def _candidates(self, probe: _Entry) -> set[int]:
        """Records that may be duplicates of ``probe``: those sharing a block with it."""
        found: set[int] = set()
        if probe.ident:
            found.update(self.by_ident.get(probe.ident, ()))
        if probe.key:
            found.update(self.by_key.get(probe.key, ()))
            for word in self._block_words(probe.key):
                block = self.by_word.get(word, ())
                if len(block) <= MAX_BLOCK:
                    found.update(block)
            found.update(self._neighbours(self.sorted_keys, probe.key))
            found.update(self._neighbours(self.sorted_reversed, probe.key[::-1]))
        found.discard(probe.record_id)
        return found

    def compatible(self, a: _Entry, b: _Entry) -> bool:
        """May ``a`` and ``b`` be the same record by name alone (the kind's own rule)?"""
        return True

    def _judge(self, a: _Entry, b: _Entry) -> tuple[Rule, int] | None:
        """The rule that makes ``a`` and ``b`` likely duplicates, and the score; None if none does."""
        if a.ident and a.ident == b.ident:
            return self.ident_rule, 100
        if not a.key or not b.key or not self.compatible(a, b):
            return None
        if a.key == b.key:
            return "name", 100
        total = len(a.key) + len(b.key)
        if 2 * min(len(a.key), len(b.key)) < self.threshold * total:  # the ratio's upper bound
            return None
        matcher = difflib.SequenceMatcher(None, a.key, b.key, autojunk=False)
        if matcher.quick_ratio() < self.threshold:
            return None
        ratio = matcher.ratio()
        if ratio < self.threshold:
            return None
        return "similar_name", min(99, int(ratio * 100))

    def _similar(self, probe: _Entry, exclude: int | None) -> list[Candidate]:
        found = []
        for record_id in self._candidates(probe):
            if record_id == exclude:
                continue
            judged = self._judge(probe, self.entries[record_id])
            if judged is not None:
                rule, score = judged
                found.append((score, -record_id, Candidate(record_id, reason_text(rule, score), score)))
        return [candidate for _score, _id, candidate in sorted(found, reverse=True)]

    def pairs(self) -> list[Pair]:
        """Every likely duplicate pair among the records held, best first."""
        found: dict[tuple[int, int], Pair] = {}
        for entry in self.entries.values():
            for other_id in self._candidates(entry):
                if other_id < entry.record_id:
                    continue  # each pair once, from its lower number
                judged = self._judge(entry, self.entries[other_id])
                if judged is not None:
                    found[(entry.record_id, other_id)] = Pair(entry.record_id, other_id, *judged)
        return sorted(found.values(), key=lambda p: (-p.score, p.low_id, p.high_id))


class OrganisationMatcher(_Matcher):
    """Organisations of one institution in memory, for the import's dry run and the duplicates list.

    Two organisations are likely the same when they have the same organisation number, or the
    same or near-identical names (``ORGANISATION_THRESHOLD``) unless both have numbers and the
    numbers differ (two legal entities).
    """

    threshold = ORGANISATION_THRESHOLD
    ident_rule = "org_number"

    @classmethod
    def for_institution(cls, institution: Institution) -> "OrganisationMatcher":
        """Every organisation of ``institution``, in one query."""
        rows = Organisation.objects.filter(institution=institution).values_list("pk", "name", "org_number")
        return cls(cls._probe(pk, name, number) for pk, name, number in rows)

    @staticmethod
    def _probe(record_id: int, name: str, org_number: str) -> _Entry:
        return _Entry(record_id, organisation_key(name), organisation_number_key(org_number))

    def compatible(self, a: _Entry, b: _Entry) -> bool:
        return not (a.ident and b.ident and a.ident != b.ident)

    def add(self, record_id: int, *, name: str, org_number: str = "") -> None:
        """Hold one more organisation, e.g. a row the import will create (any id not taken,
        such as minus the row's number), so later rows of the same file match it."""
        self._add(self._probe(record_id, name, org_number))

    def exact(self, *, org_number: str = "", name: str = "") -> int | None:
        """The id of the organisation an incoming row is, to be updated; None for a new one.

        The same (valid) organisation number decides. Without a match on the number, the one
        organisation with the same normalised name and no other number; none or several: None.
        """
        probe = self._probe(0, name, org_number)
        if probe.ident and (same := self.by_ident.get(probe.ident)):
            return same[0]
        named = [pk for pk in self.by_key.get(probe.key, ()) if self.compatible(probe, self.entries[pk])]
        return named[0] if probe.key and len(named) == 1 else None

    def similar(self, *, name: str = "", org_number: str = "", exclude: int | None = None) -> list[Candidate]:
        """Likely duplicates of an incoming row, best first (``exclude``: the record it updates)."""
        return self._similar(self._probe(0, name, org_number), exclude)


class PersonMatcher(_Matcher):
    """People of one institution in memory, for the import's dry run and the duplicates list.

    Two people are likely the same when they have the same e-mail address (case-insensitive), or
    the same or near-identical full names (``PERSON_THRESHOLD``) at the same organisation or unit,
    or with either one's organisation and unit blank. Anonymised people are never matched.
    """

    threshold = PERSON_THRESHOLD
    ident_rule = "email"

    @classmethod
    def for_institution(cls, institution: Institution) -> "PersonMatcher":
        """Every person of ``institution`` not anonymised, in one query."""
        rows = Person.objects.filter(institution=institution, anonymised_at__isnull=True).values_list(
            "pk", "first_name", "last_name", "email", "organisation_id", "unit_id"
        )
        return cls(
            cls._probe(pk, first, last, email, org, unit) for pk, first, last, email, org, unit in rows
        )

    @staticmethod
    def _probe(
        record_id: int,
        first_name: str,
        last_name: str,
        email: str,
        organisation_id: int | None,
        unit_id: int | None,
    ) -> _Entry:
        place = (
            ("organisation", organisation_id) if organisation_id else ("unit", unit_id) if unit_id else None
        )
        return _Entry(record_id, person_key(first_name, last_name), email_key(email), place)

    def compatible(self, a: _Entry, b: _Entry) -> bool:
        return a.place is None or b.place is None or a.place == b.place

    def add(
        self,
        record_id: int,
        *,
        first_name: str,
        last_name: str,
        email: str = "",
        organisation_id: int | None = None,
        unit_id: int | None = None,
    ) -> None:
        """Hold one more person, e.g. a row the import will create (an id not taken, such as minus
        the row's number), so later rows of the same file match it."""
        self._add(self._probe(record_id, first_name, last_name, email, organisation_id, unit_id))

    def exact(
        self,
        *,
        email: str = "",
        first_name: str = "",
        last_name: str = "",
        organisation_id: int | None = None,
        unit_id: int | None = None,
    ) -> int | None:
        """The id of the person an incoming row is, to be updated; None for a new one.

        The one person with the same e-mail address; without an address, the one person of the
        same name at the same organisation or unit (given on both sides) with no other address.
        None or several: None (``similar`` lists them).
        """
        probe = self._probe(0, first_name, last_name, email, organisation_id, unit_id)
        if probe.ident:
            same = self.by_ident.get(probe.ident, ())
            if len(same) == 1:
                return same[0]
            if same:
                return None
        if probe.place is None or not probe.key:
            return None
        named = [
            pk
            for pk in self.by_key.get(probe.key, ())
            if self.entries[pk].place == probe.place and not (probe.ident and self.entries[pk].ident)
        ]
        return named[0] if len(named) == 1 else None

    def similar(
        self,
        *,
        first_name: str = "",
        last_name: str = "",
        email: str = "",
        organisation_id: int | None = None,
        unit_id: int | None = None,
        exclude: int | None = None,
    ) -> list[Candidate]:
        """Likely duplicates of an incoming row, best first (``exclude``: the record it updates)."""
        return self._similar(self._probe(0, first_name, last_name, email, organisation_id, unit_id), exclude)


MATCHERS: dict[Kind, type[OrganisationMatcher] | type[PersonMatcher]] = {
    "organisation": OrganisationMatcher,
    "person": PersonMatcher,
}


# --- the duplicates list and "not a duplicate" ----------------------------------------------


def duplicate_pairs(institution: Institution, kind: Kind, *, include_dismissed: bool = False) -> list[Pair]:
    """The likely duplicate pairs of one kind in ``institution``, best first, less those a
    coordinator marked "not a duplicate". The pairs are kept in the cache until any record of the
    institution changes (``core.cache``); the dismissals are read each time (one query)."""
    pairs: list[Pair] = cached_for_institution(
        institution.pk, f"duplicates:{kind}", lambda: MATCHERS[kind].for_institution(institution).pairs()
    )
    if include_dismissed:
        return pairs
    dismissed = set(
        DuplicateDismissal.objects.filter(institution=institution, kind=kind).values_list("low_id", "high_id")
    )
    return [pair for pair in pairs if (pair.low_id, pair.high_id) not in dismissed]


@transaction.atomic
def dismiss_pair(first: Organisation | Person, second: Organisation | Person, *, actor: Actor) -> None:
    """Mark two records of one kind as not duplicates: the pair is not listed again.

    Logged on the lower-numbered record's trail; marking a pair twice changes nothing.
    """
    if (
        type(first) is not type(second)
        or first.institution_id != second.institution_id
        or first.pk == second.pk
    ):
        raise ValueError("a pair is two records of one kind and institution")
    low, high = sorted((first, second), key=lambda obj: obj.pk)
    _dismissal, made = DuplicateDismissal.objects.get_or_create(
        institution_id=low.institution_id,
        kind=low._meta.model_name,
        low_id=low.pk,
        high_id=high.pk,
        defaults={"dismissed_by": actor, "dismissed_at": timezone.now()},
    )
    if made:
        record_event(
            institution=low.institution,
            actor=actor,
            action=action_name(low, "not_duplicate"),
            obj=low,
            changes={"not a duplicate of": {"before": None, "after": f"#{high.pk} {high}"}},
        )
