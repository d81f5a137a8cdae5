"""*Menade du …?* When a search finds nothing: the nearest words of the institution's search
index to the words that match none (rapidfuzz's Damerau–Levenshtein distance over the index's
vocabulary, the same on both databases). A correction is offered only if it finds something the
user may see, so it never tells of a word in records they cannot see."""

import bisect
from collections import Counter

from django.core.cache import cache
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from samverka.search.models import SearchEntry
from samverka.search.text import MIN_PREFIX, WordForms, words

# Edits (a letter left out, added, changed or two swapped) for each letter of the longer word:
# "skelleftå" → "skellefteå" 0.9, "kommmun" → "kommun" 0.86, "vätgasstudei" → "vätgasstudie" 0.92.
MIN_SCORE = 0.8
VOCABULARY_SECONDS = 600


def vocabulary(institution_id: int) -> tuple[Counter[str], list[str]]:
    """The words of the institution's entries (titles and bodies, not internal notes), with how
    many entries have each, and in order; read at most every ten minutes (a word new since is
    not offered yet: counting the entries to notice it would cost more than the correction)."""
    entries = SearchEntry.objects.filter(institution=institution_id)
    key = f"samverka:vocabulary:{institution_id}"
    found = cache.get(key)
    if found is None:
        counts: Counter[str] = Counter()
        for title, body in entries.values_list("terms_title", "terms_body").iterator(chunk_size=5000):
            counts.update(word for word in {*title.split(), *body.split()} if len(word) >= MIN_PREFIX)
        found = (counts, sorted(counts))
        cache.set(key, found, VOCABULARY_SECONDS)
    return found


def _known(word: str, known: Counter[str], ordered: list[str]) -> bool:
    """Does the index hold one of the word's forms, or a word that begins with one?"""
    forms = WordForms.of(word)
    if any(form in known for form in forms.exact):
        return True
    for prefix in forms.prefixes:
        at = bisect.bisect_left(ordered, prefix)
        if at < len(ordered) and ordered[at].startswith(prefix):
            return True
    return False


def correction(text: str, institution_id: int) -> str | None:
    """``text`` with each word the index does not know replaced by its nearest known word, or None
    when every word is known or none has a near one."""
    known, choices = vocabulary(institution_id)
    changed, corrected = False, []
    for word in words(text):
        if len(word) < MIN_PREFIX or _known(word, known, choices):
            corrected.append(word)
            continue
        near = process.extract(
            word, choices, scorer=DamerauLevenshtein.normalized_similarity, score_cutoff=MIN_SCORE, limit=10
        )
        if not near:
            corrected.append(word)
            continue
        # the nearest; of as near, the commonest, then the longest (a word rather than its stem)
        best = max(near, key=lambda found: (found[1], known[found[0]], len(found[0])))[0]
        corrected.append(best)
        changed = True
    return " ".join(corrected) if changed else None
