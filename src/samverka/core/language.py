"""The language switch: the same page in the other language, from any page; and the language of
each text a page shows (WCAG 3.1.2, language of parts).

A translated field (django-modeltranslation) shows the active language's text, else the Swedish
it falls back to. ``text_in`` gives that text as a ``TextIn``, a ``str`` that knows its language;
a record's name (``__str__``) is one, so forms' options and every page that shows the record carry
it. ``lang_attribute`` then marks the element that holds it: ``lang="sv"`` on an English page.

A text typed in one language only (minutes, a decision, a comment) has no field that says which:
``as_written`` tells it from its words (``written_language``), so it is marked the same way.
"""

import string
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language
from modeltranslation.translator import NotRegistered, translator

from samverka.lib.written import written_language


def language_of(path: str) -> str:
    """The language a path of ours is in: its ``/en/`` prefix, or none for Swedish."""
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


def page_in_language(path: str, code: str) -> str:
    """``path`` (with its query) in language ``code``: "/en/app/x/?a=1" → "/app/x/?a=1"."""
    with translation.override(language_of(path)):
        return translate_url(path, code)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, reading the ``next`` page in its own language.

    Django's ``translate_url`` resolves the page in the language active for the switch's own
    request, which has no prefix and so is Swedish: an English page could not be resolved there
    and "På svenska" came back to the same English page.
    """
    with translation.override(language_of(request.POST.get("next", ""))):
        return django_set_language(request)


class TextIn(str):
    """A text and the language it is written in (``lang``)."""

    lang: str

    def __new__(cls, text: str, lang: str) -> "TextIn":
        made = super().__new__(cls, text)
        made.lang = lang
        return made

    def __reduce__(self) -> tuple[Any, ...]:  # kept in the cache (a filter's choices) as it is
        return (TextIn, (str(self), self.lang))


class Mixed(str):
    """A text joined of parts in different languages (``joined``), which a page marks part by part."""

    parts: tuple[Any, ...]
    separator: str

    def __new__(cls, text: str, separator: str, parts: tuple[Any, ...]) -> "Mixed":
        made = super().__new__(cls, text)
        made.separator, made.parts = separator, parts
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (Mixed, (str(self), self.separator, self.parts))


def active_language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE)[:2]


def text_in(obj: Any, field: str) -> TextIn:
    """``obj.field`` of a translated field as the page shows it: in the active language, else in the
    first fallback language that has it (settings.MODELTRANSLATION_FALLBACK_LANGUAGES)."""
    active = active_language()
    for language in (active, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES):
        if text := getattr(obj, f"{field}_{language}", None):
            return TextIn(text, language)
    return TextIn(getattr(obj, field, "") or "", active)


def shown_text(obj: Any, attr: str) -> Any:
    """``obj.attr`` as a page shows it: a translated field's text, or a text its record says it is
    written in (``written_in``: an idea in its submitter's language), as a ``TextIn``."""
    written = getattr(obj, "written_in", None)
    if written is not None and (lang := written(attr)) and isinstance(value := getattr(obj, attr), str):
        return TextIn(value, lang)
    return text_in(obj, attr) if is_translated(type(obj), attr) else getattr(obj, attr)


def is_translated(model: type, attr: str) -> bool:
    """Is ``attr`` a field django-modeltranslation shows in the active language ("title", not
    "title_sv")?"""
    try:
        return attr in translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return False


def joined(separator: str, *parts: Any) -> str:
    """The parts' texts joined, in their language if they all share one ("Partnerskap – Hälsa"),
    else plain. A record's name is in its language, other text in the page's; a number, a date or
    "§ 3" (no letters) in none."""
    texts = [part if isinstance(part, str) else str(part) for part in parts]
    languages = {
        getattr(text, "lang", active_language())
        for part, text in zip(parts, texts, strict=True)
        if not isinstance(part, int) and any(character.isalpha() for character in text)
    }
    text = separator.join(texts)
    if len(languages) > 1:
        return Mixed(text, separator, parts)
    return TextIn(text, languages.pop() if languages else active_language())


def as_written(value: Any) -> Any:
    """A text typed in one language as a ``TextIn`` of the language its words are in; a text that
    knows its language already, or whose words do not tell, as it is."""
    typed = isinstance(value, str) and not isinstance(value, TextIn | Mixed)
    if typed and (lang := written_language(str(value))):
        return TextIn(value, lang)
    return value


def sentence(template: str, **names: Any) -> str:
    """A translated sentence with names in it ("New activity from “{name}”"), each name (a record's,
    or a text) in its own language: a ``Mixed`` text where one differs from the page's."""
    parts: list[Any] = []
    for literal, name, _spec, _conversion in string.Formatter().parse(template):
        parts.append(literal)
        if name is not None:
            value = names[name]
            parts.append(str(value) if hasattr(value, "_meta") else value)
    return joined("", *parts)


def language_of_text(value: Any) -> str | None:
    """The language of a shown value when it is not the page's (None when it is, or unknown): of a
    ``TextIn``, or of a record's name."""
    if not isinstance(value, str):
        value = str(value) if hasattr(value, "_meta") else None
    lang = getattr(value, "lang", None)
    return lang if lang and lang != active_language() else None


def lang_attribute(value: Any) -> str:
    """`` lang="sv"`` for an element that shows ``value`` when it is in another language than the
    page; else nothing."""
    lang = language_of_text(value)
    return format_html(' lang="{}"', lang) if lang else ""


def in_its_language(value: Any) -> str:
    """``value`` as HTML, in a ``<span lang>`` when it is in another language than the page (a
    ``Mixed`` text part by part)."""
    if hasattr(value, "_meta"):  # a record: its name
        value = str(value)
    if isinstance(value, Mixed):
        return format_html_join(value.separator, "{}", ((in_its_language(part),) for part in value.parts))
    lang = language_of_text(value)
    return format_html('<span lang="{}">{}</span>', lang, value) if lang else format_html("{}", value)
