"""*Menade du …?* When a search finds nothing: the nearest words of the institution's search
index to the words that match none (rapidfuzz's Damerau–Levenshtein distance over the index's
vocabulary, the same on both databases). A correction is offered only if it finds something the
user may see, so it never tells of a word in records they cannot see."""

from collections import Counter

from django.core.cache import cache
from django.db.models import Count, Max
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from samverka.search.models import SearchEntry
from samverka.search.text import MIN_PREFIX, WordForms, words

# Edits (a letter left out, added, changed or two swapped) for each letter of the longer word:
# "skelleftå" → "skellefteå" 0.9, "kommmun" → "kommun" 0.86, "vätgasstudei" → "vätgasstudie" 0.92.
MIN_SCORE = 0.8
VOCABULARY_SECONDS = 600


def vocabulary(institution_id: int) -> Counter[str]:
    """The words of the institution's entries (titles and bodies, not internal notes), with how
    many entries have each; cached until the index changes in size, and for ten minutes."""
    entries = SearchEntry.objects.filter(institution=institution_id)
    stamp = entries.aggregate(n=Count("pk"), last=Max("pk"))
    key = f"samverka:vocabulary:{institution_id}:{stamp['n']}:{stamp['last']}"
    found = cache.get(key)
    if found is None:
        found = Counter()
        for title, body in entries.values_list("terms_title", "terms_body").iterator(chunk_size=5000):
            found.update(word for word in {*title.split(), *body.split()} if len(word) >= MIN_PREFIX)
        cache.set(key, found, VOCABULARY_SECONDS)
    return found


def _known(word: str, known: Counter[str]) -> bool:
    forms = WordForms.of(word)
    return any(form in known for form in forms.exact) or any(
        other.startswith(tuple(forms.prefixes)) for other in known if forms.prefixes
    )


def correction(text: str, institution_id: int) -> str | None:
    """``text`` with each word the index does not know replaced by its nearest known word, or None
    when every word is known or none has a near one."""
    known = vocabulary(institution_id)
    choices = list(known)
    changed, corrected = False, []
    for word in words(text):
        if len(word) < MIN_PREFIX or _known(word, known):
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
