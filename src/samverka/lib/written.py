"""The language a text typed in one language is written in, told by its words: for texts that have
no field saying so (minutes, decisions, comments), wherever they are shown, on pages
(``core.language.as_written``) and in documents (``lib.pdf``, ``lib.writers``)."""

import functools

import simplemma
from django.conf import settings

# A text's language is told by its words only when most of them are known in that language and
# clearly fewer in the other; a name ("Anna Berg"), a number or an address tells nothing.
_KNOWN_SHARE, _LEAD = 0.6, 0.3


@functools.lru_cache(maxsize=8192)
def written_language(text: str) -> str | None:
    """The language ("sv", "en") a text typed in one language is written in, told by its words
    (simplemma's Swedish and English dictionaries, the ones search lemmatises with); None when its
    words do not tell (or it has none). About 20-70 µs a text, once: the answer is kept."""
    if not text.strip():
        return None
    languages = tuple(code for code, _name in settings.LANGUAGES)
    scores = sorted(
        ((score, code) for code, score in simplemma.langdetect(text[:2000], lang=languages) if code != "unk"),
        reverse=True,
    )
    if not scores or scores[0][0] < _KNOWN_SHARE:
        return None
    second = scores[1][0] if len(scores) > 1 else 0.0
    return scores[0][1] if scores[0][0] - second >= _LEAD else None


def load_dictionaries() -> None:
    """Load the dictionaries of the site's languages now (about 1 s): a server that forks its
    workers afterwards (``core.gunicorn_conf.when_ready``) shares them between them, and no
    visitor's first request waits for them (search lemmatises with the same ones)."""
    simplemma.langdetect("samverka", lang=tuple(code for code, _name in settings.LANGUAGES))


def other_language(text: str, language: str) -> str | None:
    """The language ``text`` is written in when its words tell and it is not ``language`` (a
    document's or page's): what a part in another language is marked with."""
    lang = written_language(text)
    return lang if lang != language else None
