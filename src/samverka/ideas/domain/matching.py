"""Matchmaking: which people, units and past activities an idea resembles, and why.

The ranking is lexical and explainable, and runs in the process (no external service):

- A text's words are lower-cased, common words (``STOPWORDS``) left out, and each word is known
  by its Swedish and English Snowball stems and lemmas (its *forms*, as the search's
  ``search.text``: "matsvinnet" is "matsvinn").
- Swedish joins words. A word of the idea also matches a word that begins with one of its forms
  ("batterier" finds "batteriåtervinning"), a word that ends with one ("återvinning" finds it
  too), and the parts of a compound the records hold apart ("vattenkvalitet" finds "vatten" and
  "kvalitet"); such partial matches weigh ``PARTIAL``.
- A record's fields weigh differently (``PROFILE_FIELDS``, ``ACTIVITY_FIELDS``): a profile's
  subject keywords most, then its title, the activities its person took part in (the records
  enrich the profile), its description and unit. The score is BM25 over the fields: words few
  records hold count more than common ones, and a word repeated in a long text less than once in
  a short one.
- A need's words weigh differently too (``Vocabulary.weigh``): its title's more than its
  description's, a word common in the language ("utveckla", "kommun") less than a specific one
  (``specificity``), and the institution's own place names ("Umeå") least. A word also matches
  its synonyms of the institution's list ("food waste" finds "matsvinn"), at ``SYNONYM``.
- Each suggestion carries its reasons: the idea's word, the record's word it matched and the
  field. A unit is suggested by its own profile and by the people in it who match.

An index is built per institution and kind when first asked for and kept in the process until
the records change (``_stamp``). ``SAMVERKA_IDEA_EMBEDDINGS`` may name an embedding function
(texts → unit vectors) for a semantic score beside the lexical one (docs/ideas.md).
"""

import bisect
import math
import threading
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt
from django.conf import settings
from django.db import connections
from django.db.models import Count, Max, QuerySet
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from wordfreq import zipf_frequency

from samverka.activities.models import Activity, ActivityType
from samverka.core.models import Institution
from samverka.directory.models import Organisation, OrganisationType, Person, Unit
from samverka.ideas.models import ExpertProfile, ProfileKind
from samverka.partnerships.models import FocusArea
from samverka.search.synonyms import synonyms_of
from samverka.search.text import lemmas, stems, words

STOPWORDS = frozenset(
    """
    och att det som en ett på är av för med till den de dem har inte om men var vi så kan man när
    år hon han under också efter eller nu sin sina sitt där vid mot ska skulle kommer ut får finns
    vara hade alla andra mycket än här då sedan över bara in blir upp även vad få två vill ha
    många hur mer går detta denna dessa nya ny nytt något några någon mellan bli genom del hela
    annat gör vår våra vårt era er ert oss jag mig min mitt mina du dig din ditt dina deras hos
    från samt kring inom utan både eller behöver behov söker önskar idé idéer gärna skulle kunna
    vilka vilken vilket därför eftersom redan ännu inför bland enligt per via
    the and of to in a an for is are be on with as by at this that from or we our it its will can
    how want need needs would like about new who which what their they them us you your has have
    into more most also some any such looking seek seeking idea ideas help could should
    """.split()  # noqa: SIM905 -- a word list reads better as text
)
MIN_LETTERS = 3  # shorter words are left out
MIN_PREFIX = 4  # a form this long matches the words that begin with it
MIN_SUFFIX = 5  # and this long the words that end with it
MAX_EXPANSION = 40  # words a partial form may stand for
PARTIAL = 0.5  # the weight of a partial match
K1, B = 1.2, 0.75  # BM25's saturation and length normalisation
MAX_QUERY_WORDS = 60
DESCRIPTION = 0.9  # a word of a need's description against one of its title
PLACE = 0.25  # a place name of the institution's against another word
SYNONYM = 0.5  # a match through the synonym list against the word itself
GENERAL_ZIPF = 6.0  # a word this common in Swedish or English ("och" is 7.3) weighs GENERAL_FLOOR
SPECIFIC_ZIPF = 3.5  # and one this rare or rarer weighs 1 ("hemtjänst" 3.6, "matsvinn" 2.2)
GENERAL_FLOOR = 0.3
# the words that name a body rather than a place, in the names of municipalities and regions
BODY_WORDS = frozenset(
    "kommun kommuns region regionen län läns landsting stad stads universitet universitetet "  # noqa: SIM905
    "högskola högskolan university college municipality county".split()
)


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: object  # a lazy translation
    weight: float
    normalise: bool = False  # BM25's length normalisation (long free texts)
    phrases: bool = False  # a list of terms ("tunga fordon, arbetsmiljö"): a term's words share it


PROFILE_FIELDS = (
    FieldSpec("keywords", _("subject keywords"), 3.0, phrases=True),
    FieldSpec("activities", _("past activities"), 1.5, normalise=True),
    FieldSpec("description", _("description"), 1.0, normalise=True),
    FieldSpec("title", _("title"), 2.0),
    FieldSpec("unit", _("unit"), 0.7),
)
ACTIVITY_FIELDS = (
    FieldSpec("title", _("title"), 2.0),
    FieldSpec("description", _("description"), 1.0, normalise=True),
    FieldSpec("type", _("collaboration form"), 0.5),
    FieldSpec("focus_area", _("focus area"), 0.5),
)


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if len(w) >= MIN_LETTERS and w not in STOPWORDS and not w.isdigit()]


def _terms(text: str, phrases: bool) -> Counter[str]:
    """{form: how often} of a field; in a list of terms each word counts its share of its term, so
    "tunga" of the keyword "tunga fordon" counts half, and "tunga lyft" matches it less than a
    keyword of its own."""
    if not phrases:
        return Counter(form for word in content_words(text) for form in forms(word))
    found: Counter[str] = Counter()
    for term in text.split(","):
        term_words = content_words(term)
        for word in term_words:
            for form in forms(word):
                found[form] += 1 / len(term_words) ** 0.5
    return found


@lru_cache(maxsize=200_000)
def forms(word: str) -> frozenset[str]:
    """A word's stems and dictionary forms ("matsvinnet" → "matsvinn"), as the search's."""
    return frozenset(stems(word) | lemmas(word))


@dataclass
class Document:
    key: int  # the record's id
    texts: tuple[str, ...]  # one per field, as FieldSpec's order
    unit_id: int | None = None
    partnerships: frozenset[int] = frozenset()


@dataclass
class Reason:
    query_word: str
    record_word: str
    field: str
    partial: bool

    def __str__(self) -> str:
        if self.query_word == self.record_word:
            return f"“{self.record_word}” ({self.field})"
        return f"“{self.query_word}” ~ “{self.record_word}” ({self.field})"


@dataclass(frozen=True)
class Need:
    """What is matched: an idea's title, which says most, and the rest of its text."""

    title: str
    text: str = ""

    @property
    def whole(self) -> str:
        return f"{self.title}\n{self.text}"


@dataclass(frozen=True)
class QueryWord:
    word: str
    weight: float
    synonyms: tuple[tuple[str, ...], ...] = ()  # the terms of the synonym list it stands for


@dataclass(frozen=True)
class Vocabulary:
    """What the institution knows of words, to weigh a need's words by: its synonym list (a word
    matches its synonyms' words too, at ``SYNONYM``) and its own place names (the names of its
    municipalities and regions and its own, which say where, not what: ``PLACE``)."""

    synonyms: Mapping[tuple[str, ...], list[tuple[str, ...]]] = field(default_factory=dict)
    places: frozenset[str] = frozenset()

    def weigh(self, need: Need) -> list[QueryWord]:
        weights: dict[str, float] = {}
        for word in content_words(need.title):
            weights.setdefault(word, 1.0)
        for word in content_words(need.text):
            weights.setdefault(word, DESCRIPTION)
        terms = self._terms(need)
        return [
            QueryWord(
                word,
                weight * (PLACE if forms(word) & self.places else 1.0) * specificity(word),
                tuple(terms.get(word, ())),
            )
            for word, weight in list(weights.items())[:MAX_QUERY_WORDS]
        ]

    def _terms(self, need: Need) -> dict[str, list[tuple[str, ...]]]:
        """{a word of the need: the synonyms of the word, or of the phrase of the list it is in}."""
        found: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        if not self.synonyms:
            return found
        longest = max(len(term) for term in self.synonyms)
        for text in (need.title, need.text):
            sequence = words(text[:2000])
            for position in range(len(sequence)):
                for size in range(min(longest, len(sequence) - position), 0, -1):
                    unit = tuple(sequence[position : position + size])
                    others = list(self.synonyms.get(unit, ()))
                    if size == 1:
                        others += [
                            o
                            for lemma in sorted(lemmas(unit[0]) - {unit[0]})
                            for o in self.synonyms.get((lemma,), ())
                        ]
                    for word in unit:
                        found[word].extend(other for other in others if other not in found[word])
        return found


@lru_cache(maxsize=100_000)
def specificity(word: str) -> float:
    """How much a word says of a need, by how common it is in Swedish or English (wordfreq's Zipf
    scale, log10 of its uses per billion words): "matsvinn" 1, "forskning" 0.46, "kommun" 0.32.
    BM25 weighs a word by how few of the profiles hold it, but "kommun", "utveckla" or "forskning"
    are rare in profiles and common in what partners write."""
    zipf = max(zipf_frequency(word, "sv", wordlist="small"), zipf_frequency(word, "en", wordlist="small"))
    share = (GENERAL_ZIPF - zipf) / (GENERAL_ZIPF - SPECIFIC_ZIPF)
    return min(1.0, max(GENERAL_FLOOR, share))


def places(institution_id: int) -> frozenset[str]:
    """The forms of the institution's place names: the words of its own name and of its
    municipalities' and regions' names but the words for such bodies ("kommun", "region")."""
    names = [
        *Organisation.objects.filter(
            institution=institution_id, type__in=(OrganisationType.MUNICIPALITY, OrganisationType.REGION)
        ).values_list("name", flat=True),
        *Institution.objects.filter(pk=institution_id).values_list("name", flat=True),
    ]
    return frozenset(
        form
        for name in names
        for word in content_words(name)
        if word not in BODY_WORDS
        for form in forms(word)
    )


def vocabulary(institution_id: int) -> Vocabulary:
    return Vocabulary(synonyms=synonyms_of(institution_id), places=places(institution_id))


# The embedding function of ``SAMVERKA_IDEA_EMBEDDINGS``: texts → one vector per text.
Embed = Callable[[list[str]], Any]
# Changes the documents' scores before they are ranked (the idea's partnership counts more).
Boost = Callable[[npt.NDArray[np.float64]], npt.NDArray[np.float64]]


class Expansion(NamedTuple):
    """The index's forms a word of a need matches: whole, in part, and through its synonyms (per
    synonym, the forms of each of its words)."""

    whole: set[str]
    partial: set[str]
    terms: list[list[frozenset[str]]]


@dataclass
class Match:
    key: int
    score: float
    reasons: list[Reason] = field(default_factory=list)
    semantic: float | None = None


class Index:
    """An inverted index of documents' forms: per form, the documents and their BM25 weights."""

    def __init__(
        self, documents: list[Document], specs: tuple[FieldSpec, ...], embed: Embed | None = None
    ) -> None:
        self.documents = documents
        self.specs = specs
        self.size = len(documents)
        ids: dict[str, int] = {}
        doc_lists: list[array[Any]] = []
        weight_lists: list[array[Any]] = []
        analysed = [
            [_terms(text, spec.phrases) for spec, text in zip(specs, doc.texts, strict=True)]
            for doc in documents
        ]
        average = [  # each field's average length, for BM25's length normalisation
            max(1.0, sum(sum(per_doc[i].values()) for per_doc in analysed) / max(1, self.size))
            for i in range(len(specs))
        ]
        for number, per_doc in enumerate(analysed):
            weights: dict[str, float] = defaultdict(float)
            for spec, average_length, counter in zip(specs, average, per_doc, strict=True):
                norm = 1 - B + B * sum(counter.values()) / average_length if spec.normalise else 1.0
                for form, tf in counter.items():
                    weights[form] += spec.weight * tf * (K1 + 1) / (tf + K1 * norm)
            for form, weight in weights.items():
                slot = ids.get(form)
                if slot is None:
                    slot = ids[form] = len(doc_lists)
                    doc_lists.append(array("i"))
                    weight_lists.append(array("f"))
                doc_lists[slot].append(number)
                weight_lists[slot].append(weight)
        self.form_ids = ids
        self.postings = [
            (np.frombuffer(docs, dtype=np.int32), np.frombuffer(weights, dtype=np.float32))
            for docs, weights in zip(doc_lists, weight_lists, strict=True)
        ]
        # where the documents of each partnership are (a boost for an idea's own partnership)
        self.by_partnership: dict[int, list[int]] = defaultdict(list)
        for number, doc in enumerate(documents):
            for partnership_id in doc.partnerships:
                self.by_partnership[partnership_id].append(number)
        self.vocabulary = sorted(ids)
        self.reversed_vocabulary = sorted(form[::-1] for form in ids)
        self.embed = embed
        self.vectors = embed([" ".join(doc.texts) for doc in documents]) if embed and documents else None

    # --- the idea's words, as forms of the index ----------------------------------------------

    def _begin_with(self, form: str) -> list[str]:
        start = bisect.bisect_left(self.vocabulary, form)
        found = []
        for term in self.vocabulary[start : start + MAX_EXPANSION + 1]:
            if not term.startswith(form):
                break
            if term != form:
                found.append(term)
        return found

    def _end_with(self, form: str) -> list[str]:
        backwards = form[::-1]
        start = bisect.bisect_left(self.reversed_vocabulary, backwards)
        found = []
        for term in self.reversed_vocabulary[start : start + MAX_EXPANSION + 1]:
            if not term.startswith(backwards):
                break
            if term != backwards:
                found.append(term[::-1])
        return found

    def _parts(self, word: str) -> set[str]:
        """The forms of a compound's two parts when the index holds both ("vatten|kvalitet",
        with a joining s: "skogs|bruk")."""
        for cut in range(len(word) - MIN_LETTERS, MIN_LETTERS - 1, -1):
            head, tail = word[:cut], word[cut:]
            tail_forms = forms(tail) & self.form_ids.keys()
            if not tail_forms:
                continue
            for candidate in (head, head[:-1] if head.endswith("s") and len(head) > MIN_LETTERS else None):
                if candidate and (head_forms := forms(candidate) & self.form_ids.keys()):
                    return set(head_forms | tail_forms)
        return set()

    def expand(self, word: str) -> tuple[set[str], set[str]]:
        """The index's forms a word of the idea matches: (whole, partial)."""
        whole = set(forms(word)) & self.form_ids.keys()
        partial: set[str] = set()
        for form in forms(word) | {word}:
            if len(form) >= MIN_PREFIX:
                partial.update(self._begin_with(form))
            if len(form) >= MIN_SUFFIX:
                partial.update(self._end_with(form))
        partial.update(self._parts(word))
        return whole, partial - whole

    # --- ranking ----------------------------------------------------------------------------

    def rank(
        self,
        need: "Need | str",
        limit: int,
        *,
        exclude: frozenset[int] = frozenset(),
        boost: Boost | None = None,
        vocabulary: "Vocabulary | None" = None,
    ) -> list[Match]:
        need = need if isinstance(need, Need) else Need(need)
        vocabulary = vocabulary or Vocabulary()
        query = vocabulary.weigh(need)
        if not self.size or not query:
            return []
        scores = np.zeros(self.size, dtype=np.float64)
        expansions = {}
        for each in query:
            word = each.word
            whole, partial = self.expand(word)
            seen = np.zeros(self.size, dtype=np.float32)
            for forms_of, share in ((whole, 1.0), (partial, PARTIAL)):
                for form in forms_of:
                    docs, weights = self.postings[self.form_ids[form]]
                    seen[docs] = np.maximum(seen[docs], weights * share)
            terms = []
            for other in each.synonyms:
                matched, term_forms = self._all_of(other)
                if matched is not None:
                    seen = np.maximum(seen, matched * SYNONYM)
                    terms.append(term_forms)
            expansions[word] = Expansion(whole, partial, terms)
            found = int(np.count_nonzero(seen))
            if found:
                idf = math.log(1 + (self.size - found + 0.5) / (found + 0.5))
                scores += each.weight * idf * seen
        semantic = None
        if self.vectors is not None and self.embed is not None:  # vectors come from embed
            semantic = self.vectors @ self.embed([need.whole])[0]
            scores = scores + SEMANTIC_WEIGHT * np.maximum(semantic, 0) * (scores.max() or 1.0)
        if boost is not None:
            scores = boost(scores)
        if exclude:
            keys = np.fromiter((doc.key in exclude for doc in self.documents), dtype=bool, count=self.size)
            scores[keys] = 0
        count = min(limit, int(np.count_nonzero(scores)))
        if not count:
            return []
        best = np.argpartition(-scores, count - 1)[:count]
        best = best[np.argsort(-scores[best], kind="stable")]
        return [
            Match(
                key=self.documents[i].key,
                score=round(float(scores[i]), 3),
                reasons=self.reasons(self.documents[i], expansions),
                semantic=None if semantic is None else round(float(semantic[i]), 3),
            )
            for i in best
        ]

    def _all_of(self, term: tuple[str, ...]) -> tuple[npt.NDArray[np.float32] | None, list[frozenset[str]]]:
        """The documents that hold every word of a term (a synonym) whole, with the least of the
        words' weights, and the index's forms of each word."""
        matched: npt.NDArray[np.float32] | None = None
        term_forms = []
        for word in content_words(" ".join(term)):  # "hälso- och sjukvård": not "och"
            known = forms(word) & self.form_ids.keys()
            if not known:
                return None, []
            weights = np.zeros(self.size, dtype=np.float32)
            for form in known:
                docs, form_weights = self.postings[self.form_ids[form]]
                weights[docs] = np.maximum(weights[docs], form_weights)
            matched = weights if matched is None else np.minimum(matched, weights)
            term_forms.append(known)
        return matched, term_forms

    def reasons(self, document: Document, expansions: dict[str, "Expansion"]) -> list[Reason]:
        """Which of the idea's words matched which of the record's words, in which field."""
        found, taken = [], set()
        fields = [
            (spec, dict.fromkeys(content_words(text)))
            for spec, text in zip(self.specs, document.texts, strict=True)
        ]
        held: set[str] = set()
        if any(expansion.terms for expansion in expansions.values()):
            held = {form for _spec, record_words in fields for word in record_words for form in forms(word)}
        # per word of the need: what it matches here (a synonym if the record holds all its words)
        matchable = [
            (
                query_word,
                expansion.whole,
                expansion.whole
                | expansion.partial
                | {
                    form
                    for term in expansion.terms
                    if all(each & held for each in term)
                    for each in term
                    for form in each
                },
            )
            for query_word, expansion in expansions.items()
        ]
        for spec, record_words in fields:
            for record_word in record_words:
                record_forms = forms(record_word)
                for query_word, whole, anything in matchable:
                    if record_forms.isdisjoint(anything) or (query_word, spec.name) in taken:
                        continue
                    taken.add((query_word, spec.name))
                    found.append(
                        Reason(query_word, record_word, str(spec.label), record_forms.isdisjoint(whole))
                    )
        return found


SEMANTIC_WEIGHT = 0.5  # of the best lexical score, for a cosine similarity of 1


def _embedder() -> Embed | None:
    path = getattr(settings, "SAMVERKA_IDEA_EMBEDDINGS", "")
    embed: Embed | None = import_string(path) if path else None
    return embed


# --- the indexes of an institution, kept while the records stand -----------------------------

_cache: dict[tuple[Any, ...], tuple[tuple[Any, ...], Index]] = {}
_lock = threading.Lock()
_building: dict[tuple[Any, ...], threading.Lock] = {}
_rebuilding: set[tuple[Any, ...]] = set()
REBUILD_THREAD = "samverka-matching-index"


def _stamp(queryset: QuerySet[Any], changed: str | None = "updated_at") -> tuple[Any, ...]:
    """How many rows, the last change and the last id: any save, addition or deletion moves it."""
    figures = {"count": Count("pk"), "last": Max("pk")}
    if changed:
        figures["changed"] = Max(changed)
    return tuple(sorted(queryset.aggregate(**figures).items()))


def _activity_stamp(institution_id: int) -> tuple[Any, ...]:
    activities = Activity.objects.filter(institution=institution_id)
    return (
        _stamp(activities),
        _stamp(ActivityType.objects.filter(institution=institution_id)),  # their names are indexed
        _stamp(FocusArea.objects.filter(institution=institution_id)),
    )


def _cached(institution_id: int, kind: str, stamp: tuple[Any, ...], build: Callable[[], Index]) -> Index:
    """The index of ``kind`` for the records as they stand (``stamp``).

    Once the process has one, a change of the records does not hold up the next idea: it is
    ranked by the index it has while a new one is built in the background
    (``SAMVERKA_IDEA_INDEX_BACKGROUND``; a record deleted meanwhile is left out of the suggestions
    by the view, a new one joins a second or two later). The first index of a process is built
    there and then; a request that finds another building it waits for that one."""
    key = (institution_id, kind, getattr(settings, "SAMVERKA_IDEA_EMBEDDINGS", ""))
    with _lock:
        held = _cache.get(key)
        if held is not None and held[0] == stamp:
            return held[1]
        if held is not None and settings.SAMVERKA_IDEA_INDEX_BACKGROUND:
            if key not in _rebuilding:
                _rebuilding.add(key)
                threading.Thread(
                    target=_rebuild, args=(key, stamp, build), name=f"{REBUILD_THREAD}-{key[0]}", daemon=True
                ).start()
            return held[1]
        building = _building.setdefault(key, threading.Lock())
    with building:
        with _lock:
            held = _cache.get(key)
            if held is not None and held[0] == stamp:
                return held[1]
        index = build()
        with _lock:
            _cache[key] = (stamp, index)
    return index


def _rebuild(key: tuple[Any, ...], stamp: tuple[Any, ...], build: Callable[[], Index]) -> None:
    try:
        index = build()
        with _lock:
            _cache[key] = (stamp, index)
    finally:
        with _lock:
            _rebuilding.discard(key)
        connections.close_all()  # the thread's own database connections


def wait_for_rebuilds(timeout: float = 30.0) -> None:
    """Until no index is being built in the background (tests and benchmarks)."""
    for thread in threading.enumerate():
        if thread.name.startswith(REBUILD_THREAD):
            thread.join(timeout)


def profile_index(institution_id: int) -> Index:
    """The profiles with what the records add: their people's activities (a merge of two people
    saves the one kept, a person's deletion changes the count, so both rebuild it)."""
    stamp = (
        _stamp(ExpertProfile.objects.filter(institution=institution_id)),
        _stamp(Unit.objects.filter(institution=institution_id)),
        _stamp(Person.objects.filter(institution=institution_id)),
        _stamp(Activity.people.through.objects.filter(activity__institution=institution_id), changed=None),
        _stamp(Activity.units.through.objects.filter(activity__institution=institution_id), changed=None),
        _activity_stamp(institution_id),
    )
    return _cached(
        institution_id,
        "profiles",
        stamp,
        lambda: Index(_profile_documents(institution_id), PROFILE_FIELDS, _embedder()),
    )


def activity_index(institution_id: int) -> Index:
    return _cached(
        institution_id,
        "activities",
        _activity_stamp(institution_id),
        lambda: Index(_activity_documents(institution_id), ACTIVITY_FIELDS, _embedder()),
    )


def _profile_documents(institution_id: int) -> list[Document]:
    """Every profile of the institution, with the titles of the activities its person (or, for a
    unit, the unit) took part in."""
    profiles = list(
        ExpertProfile.objects.filter(institution=institution_id)
        .order_by("pk")
        .values_list("pk", "kind", "title", "keywords", "description", "unit_id", "unit__name", "person_id")
    )
    by_person, by_unit = defaultdict(list), defaultdict(list)
    past = ("activity__title_sv", "activity__title_en", "activity__partnership_id")
    # The institution's links read whole and kept for the profiles' people and units: SQLite plans
    # "person in (the profiles' people)" as a scan per link, seconds at 20,000 profiles.
    people = {row[7] for row in profiles if row[7]}
    units = {row[5] for row in profiles if row[1] == ProfileKind.UNIT and row[5]}
    if people:
        links = Activity.people.through.objects.filter(activity__institution=institution_id)
        for person_id, *titles in links.values_list("person_id", *past).iterator(chunk_size=5000):
            if person_id in people:
                by_person[person_id].append(tuple(titles))
    if units:
        links = Activity.units.through.objects.filter(activity__institution=institution_id)
        for unit_id, *titles in links.values_list("unit_id", *past).iterator(chunk_size=5000):
            if unit_id in units:
                by_unit[unit_id].append(tuple(titles))
    documents = []
    for pk, kind, title, keywords, description, unit_id, unit_name, person_id in profiles:
        taken_part = (
            by_unit[unit_id] if kind == ProfileKind.UNIT else by_person[person_id] if person_id else []
        )
        documents.append(
            Document(
                key=pk,
                texts=(
                    keywords,
                    " ".join(
                        " ".join(filter(None, (sv, en if en != sv else ""))) for sv, en, _p in taken_part
                    ),
                    description,
                    title,
                    unit_name or "",
                ),
                unit_id=unit_id if kind == ProfileKind.PERSON else None,
                partnerships=frozenset(p for _sv, _en, p in taken_part if p),
            )
        )
    return documents


def _activity_documents(institution_id: int) -> list[Document]:
    fields = (
        "title_sv",
        "title_en",
        "description_sv",
        "description_en",
        "type__name_sv",
        "focus_area__name_sv",
    )
    rows = (
        Activity.objects.filter(institution=institution_id)
        .order_by("pk")
        .values_list("pk", "partnership_id", *fields)
    )
    documents = []
    for pk, partnership_id, title_sv, title_en, description_sv, description_en, type_name, focus_area in rows:
        texts = (
            f"{title_sv} {title_en or ''}",
            f"{description_sv or ''} {description_en or ''}",
            type_name or "",
            focus_area or "",
        )
        documents.append(
            Document(key=pk, texts=texts, partnerships=frozenset({partnership_id} if partnership_id else ()))
        )
    return documents


def clear_cache() -> None:
    with _lock:
        _cache.clear()
