"""The language of every part (WCAG 3.1.2): where an English page shows a text that has no English
version, the Swedish it falls back to is marked ``lang="sv"``, so a screen reader reads it with a
Swedish voice.

Every page the URLconf has is rendered in English for an administrator (as the reflow test does)
over records whose translated fields have Swedish alone; each text node that shows one of those
Swedish texts must be inside an element whose nearest ``lang`` is "sv".
"""

import re

import pytest
from bs4 import BeautifulSoup, NavigableString
from django.db import models
from django.urls import reverse
from modeltranslation.translator import translator

from samverka.core.language import written_language
from tests.conftest import client_for
from tests.core.test_reflow import rendered_pages

MIN_LENGTH = 6  # shorter texts ("Nej") may be words of the page itself
# Short fields typed as phrases of a language (an agenda item's or action's title, a contact's
# summary, a resource's purpose), not names: a person's or place's name is read as it is.
TYPED_PHRASES = {"title", "summary", "purpose"}


def swedish_only(world) -> set[str]:
    """The Swedish texts of the world's translated fields that have no English version, and its
    texts typed in one language (minutes, decisions, comments, titles) whose words are Swedish."""
    texts = set()
    for side in world.values():
        for obj in side.values():
            model = type(obj)
            translated = set()
            if model in translator.get_registered_models():
                translated = translator.get_options_for_model(model).fields
            for field in translated:
                swedish, english = getattr(obj, f"{field}_sv", ""), getattr(obj, f"{field}_en", "")
                if swedish and not english and len(swedish.strip()) >= MIN_LENGTH:
                    texts.add(swedish.strip())
            for field in model._meta.concrete_fields:
                typed = (
                    isinstance(field, models.TextField)
                    or (isinstance(field, models.CharField) and field.name in TYPED_PHRASES)
                ) and not hasattr(field, "translated_field")
                value = getattr(obj, field.attname) if typed and field.name not in translated else None
                if value and len(value.strip()) >= MIN_LENGTH and written_language(value.strip()) == "sv":
                    texts.add(value.strip())
    return texts


def unmarked(html: bytes, texts: set[str]) -> list[str]:
    """The texts of ``texts`` the page shows (in a text node, as whole words) outside
    ``lang="sv"``. An option holds text alone (no element can mark a part of it): one whose
    label only begins with a Swedish name ("Hälsa (agreement 2)") is left alone."""
    soup = BeautifulSoup(html, "html.parser")
    words = re.compile(
        "|".join(rf"(?<!\w){re.escape(text)}(?!\w)" for text in sorted(texts, key=len, reverse=True))
    )
    found = []
    for node in soup.body.find_all(string=True) if soup.body else []:
        if not isinstance(node, NavigableString) or node.parent.name in ("script", "style", "textarea"):
            continue
        shown = words.findall(node)
        if not shown or (node.parent.name == "option" and node.strip() not in texts):
            continue
        marked = node.find_parent(attrs={"lang": True})
        if marked is None or marked["lang"] != "sv":
            found.append(f"<{node.parent.name}> {node.strip()[:60]}")
    return found


@pytest.mark.layout
def test_every_swedish_fallback_on_an_english_page_is_marked(administrator, world):
    texts = swedish_only(world)
    assert len(texts) > 10
    pages = {
        url: html
        for url, html in rendered_pages(client_for(administrator), world["own"]).items()
        if url.startswith("/en/")
    }
    assert len(pages) > 100
    failures = {url: found for url, html in pages.items() if (found := unmarked(html, texts))}
    assert not failures, f"{len(failures)} pages: " + "; ".join(
        f"{url}: {', '.join(found[:3])}" for url, found in list(failures.items())[:25]
    )


def test_an_idea_is_marked_in_its_submitters_language(coordinator_client, world):
    """An idea is written in its submitter's language (``Idea.written_in``): an English one on a
    Swedish page says so, on its page, in the lists and on the board."""
    idea = world["own"]["idea"]
    idea.title, idea.description, idea.language = "Less food waste", "In school kitchens", "en"
    idea.save()
    found = []
    for url in (idea.get_absolute_url(), reverse("ideas:idea-list"), reverse("ideas:idea-board")):
        soup = BeautifulSoup(coordinator_client.get(url).content, "html.parser")
        for text in ("Less food waste", "In school kitchens"):
            for node in soup.body.find_all(string=re.compile(re.escape(text))):
                found.append((url, text, node.find_parent(attrs={"lang": True})["lang"]))
    assert {(url, lang) for url, _text, lang in found} == {
        (idea.get_absolute_url(), "en"),
        (reverse("ideas:idea-list"), "en"),
        (reverse("ideas:idea-board"), "en"),
    }
    assert "In school kitchens" in {text for _url, text, _lang in found}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Styrgruppen fastställer verksamhetsplanen.", "sv"),
        ("Boka nästa möte", "sv"),
        ("The steering group adopts the plan.", "en"),
        ("Book the next meeting", "en"),
        ("Anna Berg", None),  # a name is read as it is, in any language
        ("FS 1.6.2-12-26", None),
        ("https://meet.example.se/styrgrupp", None),
        ("anna.berg@umu.se", None),
    ],
)
def test_a_text_typed_in_one_language_is_known_by_its_words(text, language):
    assert written_language(text) == language


def test_an_english_decision_on_a_swedish_page_is_marked_and_a_swedish_one_is_not(coordinator_client, world):
    """Minutes and decisions have no second language: each is marked with the language its words are
    in where that is not the page's, on the meeting's page and the timeline."""
    decision, other = world["own"]["decision"], world["own"]["agendaitem"]
    type(decision).objects.filter(pk=decision.pk).update(text="The steering group adopts the plan.")
    type(other).objects.filter(pk=other.pk).update(minutes="Planen diskuterades och godkändes.")
    meeting = world["own"]["meeting"]
    timeline = reverse("partnerships:partnership-timeline", args=[meeting.body.partnership_id])
    for url in (meeting.get_absolute_url(), timeline):
        soup = BeautifulSoup(coordinator_client.get(url).content, "html.parser")
        english = soup.body.find_all(string=re.compile("The steering group adopts the plan"))
        assert english and all(node.find_parent(attrs={"lang": True})["lang"] == "en" for node in english), (
            url
        )
    soup = BeautifulSoup(coordinator_client.get(meeting.get_absolute_url()).content, "html.parser")
    swedish = soup.body.find_all(string=re.compile("Planen diskuterades"))
    assert swedish and all(node.find_parent(attrs={"lang": True})["lang"] == "sv" for node in swedish)
