"""The language switch: the same page in the other language, from any page."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import translate_url
from django.utils import translation
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language


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
