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
from django.urls import reverse
from modeltranslation.translator import translator

from tests.conftest import client_for
from tests.core.test_reflow import rendered_pages

MIN_LENGTH = 6  # shorter texts ("Nej") may be words of the page itself


def swedish_only(world) -> set[str]:
    """The Swedish texts of the world's translated fields that have no English version."""
    texts = set()
    for side in world.values():
        for obj in side.values():
            model = type(obj)
            if model not in translator.get_registered_models():
                continue
            for field in translator.get_options_for_model(model).fields:
                swedish, english = getattr(obj, f"{field}_sv", ""), getattr(obj, f"{field}_en", "")
                if swedish and not english and len(swedish.strip()) >= MIN_LENGTH:
                    texts.add(swedish.strip())
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
