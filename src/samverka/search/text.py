"""Words, stems and highlights: the one place that decides what a search word matches.

Both databases get the same terms, made here (DESIGN.md: PostgreSQL's own
Swedish stemmer and Snowball's disagree, and results must not depend on the
database). A text is indexed as its words, lower-cased, plus each word's
Swedish and English Snowball stem; a search word matches a record that has
the word or one of its stems, or a word that begins with one of them (stems of
at least four letters: Swedish joins words, and "vätgas" should find
"vätgasdrivna"). So "examensarbeten" finds "examensarbete", "kommunen" finds
"kommun" and "kommunstyrelsen", "municipalities" finds "municipality", and
"seminarier" finds "seminarium", which Snowball does not stem alike.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

WORD = re.compile(r"[^\W_]+")  # letters and digits; "556012-5790" is two words
MAX_QUERY_WORDS = 8
MIN_PREFIX = 4  # shorter stems match whole words only, not every word they begin


@lru_cache(maxsize=2)
def _stemmer(language: str):
    return snowballstemmer.stemmer(language)


def words(text: str) -> list[str]:
    return WORD.findall((text or "").casefold())


def stems(word: str) -> set[str]:
    return {_stemmer("swedish").stemWord(word), _stemmer("english").stemWord(word)}


def terms(text: str) -> str:
    """The indexed form of a text: its words and their stems, each once."""
    found = words(text)
    seen = dict.fromkeys(found)
    for stem in _stemmer("swedish").stemWords(found) + _stemmer("english").stemWords(found):
        seen.setdefault(stem)
    return " ".join(seen)


@dataclass(frozen=True)
class Query:
    """A search: every word must match (the word or a stem, or a word that begins with one)."""

    text: str
    parts: tuple[tuple[frozenset[str], frozenset[str]], ...]  # (whole words, prefixes) for each word

    @classmethod
    def parse(cls, text: str) -> "Query":
        parts = []
        for word in dict.fromkeys(words(text[:500])):
            forms = stems(word) | {word}
            parts.append((frozenset(forms), frozenset(form for form in forms if len(form) >= MIN_PREFIX)))
        return cls(text=text, parts=tuple(parts[:MAX_QUERY_WORDS]))

    def __bool__(self) -> bool:
        return bool(self.parts)

    def matches(self, word: str) -> bool:
        """Does one word of a record match one of the query's words (for highlighting)?"""
        folded = word.casefold()
        word_stems = stems(folded) | {folded}
        return any(word_stems & exact or folded.startswith(tuple(prefixes)) for exact, prefixes in self.parts)


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
