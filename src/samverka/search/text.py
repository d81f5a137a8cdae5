"""Words, stems, lemmas and highlights: the one place that decides what a search word matches.

Both databases get the same terms, made here (DESIGN.md: PostgreSQL's own
Swedish stemmer and Snowball's disagree, and results must not depend on the
database). A text is indexed as its words, lower-cased, plus for each word:

- its Swedish and English Snowball stems, and its Swedish and English lemmas
  from simplemma's dictionaries (Snowball leaves "projektet", "samhället" and
  "matsvinnet" alone; the lemmas are "projekt", "samhälle", "matsvinn");
- the last part of a Swedish compound, when the dictionary knows it, with its
  lemma ("cykelstråk" is found by "stråk", "matsvinnet" by "svinn");
- a hyphenated word also written together ("e-hälsa" is found by "ehälsa").

A search word matches a record that has the word, one of its stems or lemmas,
or a word that begins with one of them or with a lemma less its last vowel (the
first part of a compound: "samhälle" finds "samhällsförändring") (forms of at least four letters:
Swedish joins words, and "vätgas" should find "vätgasdrivna"). So
"examensarbeten" finds "examensarbete", "kommunen" finds "kommun" and
"kommunstyrelsen", "municipalities" finds "municipality", and "seminarier"
finds "seminarium", which Snowball does not stem alike. A word or phrase of
the institution's synonym list (``search.models.Synonym``) also finds its
synonyms: "exjobb" finds "examensarbete", "degree project" finds "exjobb".
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import simplemma
import snowballstemmer
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

WORD = re.compile(r"[^\W_]+")  # letters and digits; "556012-5790" is two words
HYPHENATED = re.compile(r"[^\W_]+(?:-[^\W_]+)+")  # "e-hälsa", also written "ehälsa"
MAX_QUERY_WORDS = 8
MIN_PREFIX = 4  # shorter forms match whole words only, not every word they begin
MIN_COMPOUND = 8  # shorter words are not split into parts
MIN_PART = 4  # nor is a part shorter than this taken ("el" of "cykelstråk")
LANGUAGES = ("sv", "en")
VOWELS = frozenset("aeiouyåäö")


@lru_cache(maxsize=2)
def _stemmer(language: str):
    return snowballstemmer.stemmer(language)


def words(text: str) -> list[str]:
    return WORD.findall((text or "").casefold())


def stems(word: str) -> set[str]:
    return {_stemmer("swedish").stemWord(word), _stemmer("english").stemWord(word)}


@lru_cache(maxsize=200_000)
def lemmas(word: str) -> frozenset[str]:
    """The word's dictionary forms in Swedish and English (itself when a dictionary does not know
    it); a compound the dictionary does not know takes its last part's ("bioekonomin" →
    "bioekonomi", by "ekonomin" → "ekonomi")."""
    found = {simplemma.lemmatize(word, lang=language) for language in LANGUAGES}
    if word in found and (part := compound_part(word)) is not None:
        head = word[: -len(part)]
        found |= {head + lemma for lemma in lemmas(part) if lemma != part}
    return frozenset(found)


@lru_cache(maxsize=200_000)
def compound_part(word: str) -> str | None:
    """The longest last part of a Swedish compound that the dictionary knows as a word of its own
    ("stråk" of "cykelstråk", "projektet" of "forskningsprojektet"), or None."""
    if len(word) < MIN_COMPOUND:
        return None
    for start in range(3, len(word) - MIN_PART + 1):
        part = word[start:]
        if simplemma.is_known(part, lang="sv"):
            return part
    return None


def forms(word: str) -> set[str]:
    """Everything a word is indexed and searched as: itself, its stems and its lemmas."""
    return {word} | stems(word) | lemmas(word)


def terms(text: str) -> str:
    """The indexed form of a text: its words with their stems, lemmas and compound parts, and its
    hyphenated words written together, each once."""
    found = words(text)
    seen = dict.fromkeys(found)
    for stem in _stemmer("swedish").stemWords(found) + _stemmer("english").stemWords(found):
        seen.setdefault(stem)
    for word in found:
        for form in lemmas(word):
            seen.setdefault(form)
        if (part := compound_part(word)) is not None:
            for form in forms(part):
                seen.setdefault(form)
    for joined in HYPHENATED.findall((text or "").casefold()):
        seen.setdefault(joined.replace("-", ""))
    return " ".join(seen)


@dataclass(frozen=True)
class WordForms:
    """One word of a search: the forms it matches whole, and those it matches as a beginning."""

    exact: frozenset[str]
    prefixes: frozenset[str]

    def whole(self) -> "WordForms":
        """The same forms, matched whole only."""
        return WordForms(self.exact, frozenset())

    @classmethod
    def of(cls, word: str) -> "WordForms":
        found = forms(word)
        prefixes = {form for form in found if len(form) >= MIN_PREFIX}
        # the first part of a compound drops a last vowel: "samhälle" → "samhällsförändring",
        # "skola" → "skolkök"
        prefixes |= {lemma[:-1] for lemma in lemmas(word) if lemma[-1:] in VOWELS and len(lemma) > MIN_PREFIX}
        return cls(frozenset(found), frozenset(prefixes))


Alternative = tuple[WordForms, ...]  # words that must all match
Part = tuple[Alternative, ...]  # one word (or phrase) of a search and its synonyms: one must match


def synonym_map(groups: Iterable[Iterable[str]]) -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    """{a term as its words: the other terms of its group} from groups of terms that mean the same
    ("exjobb", "examensarbete", "degree project")."""
    found: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for group in groups:
        members = list(dict.fromkeys(tuple(words(term)) for term in group if words(term)))
        for member in members:
            found.setdefault(member, []).extend(other for other in members if other != member)
    return found


@dataclass(frozen=True)
class Query:
    """A search: every part must match; a part is a word or a phrase of the synonym list, matched by
    the word (or a stem, a lemma, or a word that begins with one) or by one of its synonyms."""

    text: str
    parts: tuple[Part, ...]

    @classmethod
    def parse(
        cls, text: str, synonyms: Mapping[tuple[str, ...], list[tuple[str, ...]]] | None = None
    ) -> "Query":
        found = list(dict.fromkeys(words(text[:500])))[:MAX_QUERY_WORDS]
        synonyms = synonyms or {}
        longest = max((len(term) for term in synonyms), default=1)
        parts: list[Part] = []
        position = 0
        while position < len(found):
            # the longest phrase of the synonym list that starts here, else the word alone
            for size in range(min(longest, len(found) - position), 0, -1):
                unit = tuple(found[position : position + size])
                if size == 1 or unit in synonyms:
                    break
            others = [*synonyms.get(unit, ()), *_lemma_synonyms(unit, synonyms)]
            # a synonym matches by its forms whole, not as the beginning of other words: the
            # index holds every word's lemma, and a beginning ("project…") is costly to search
            alternatives = [
                tuple(WordForms.of(word) for word in unit),
                *(tuple(WordForms.of(word).whole() for word in other) for other in others),
            ]
            parts.append(tuple(dict.fromkeys(alternatives)))
            position += len(unit)
        return cls(text=text, parts=tuple(parts))

    def __bool__(self) -> bool:
        return bool(self.parts)

    def matches(self, word: str) -> bool:
        """Does one word of a record match one of the query's words (for highlighting)?"""
        folded = word.casefold()
        word_forms = forms(folded)
        if (part := compound_part(folded)) is not None:
            word_forms |= forms(part)
        return any(
            word_forms & each.exact or folded.startswith(tuple(each.prefixes))
            for part in self.parts
            for alternative in part
            for each in alternative
        )


def _lemma_synonyms(
    unit: tuple[str, ...], synonyms: Mapping[tuple[str, ...], list[tuple[str, ...]]]
) -> list[tuple[str, ...]]:
    """The synonyms of a single word's dictionary form ("exjobbet" has those of "exjobb")."""
    if len(unit) != 1:
        return []
    return [other for lemma in sorted(lemmas(unit[0]) - {unit[0]}) for other in synonyms.get((lemma,), ())]


def highlight(text: str, query: Query):
    """``text``, HTML-escaped, with the words that match wrapped in <mark>."""
    pieces, last = [], 0
    for match in WORD.finditer(text or ""):
        if query.matches(match.group()):
            pieces.append(conditional_escape(text[last : match.start()]))
            pieces.append(format_html("<mark>{}</mark>", match.group()))
            last = match.end()
    pieces.append(conditional_escape((text or "")[last:]))
    return mark_safe("".join(str(p) for p in pieces))  # noqa: S308 -- every piece is escaped above


SNIPPET = 160  # characters around the first match


def snippet(texts: list[str], query: Query):
    """A short passage of the first text with a match, highlighted; else the start of the first text."""
    texts = [" ".join(t.split()) for t in texts if t and t.strip()]
    for text in texts:
        found = next((m for m in WORD.finditer(text) if query.matches(m.group())), None)
        if found is None:
            continue
        start = max(0, found.start() - SNIPPET // 3)
        if start:
            start = text.find(" ", start) + 1 or start
        end = min(len(text), start + SNIPPET)
        if end < len(text):
            end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > found.end() else end
        passage = highlight(text[start:end], query)
        return format_html("{}{}{}", "… " if start else "", passage, " …" if end < len(text) else "")
    if texts:
        short = texts[0][:SNIPPET]
        return format_html("{}{}", short, " …" if len(texts[0]) > SNIPPET else "")
    return ""
