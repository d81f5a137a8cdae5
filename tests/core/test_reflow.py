"""Every page type, in both languages, reflows and is valid HTML. Reflow (WCAG 1.4.10): at
320 CSS px, and at 1 280 px with 200 % zoom (640 CSS px), no page scrolls sideways. A wide table
may: inside its own region, named and reachable by keyboard (``{% scrollable %}``).

Every page the URLconf has (as the permission matrix walks it) is rendered by Django's test
client for an administrator, in Swedish and in English, and shown to Debian's chromium, which asks
for nothing else: Playwright answers the page's own requests with the rendered pages and the
static files.
"""

import json
import mimetypes
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.template import Context, Template, TemplateSyntaxError
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Route as BrowserRoute

import samverka
from tests.conftest import chromium_page, client_for
from tests.urlconf import ACCOUNT_NAMESPACES, PUBLIC_NAMESPACES, internal_routes, routes

ORIGIN = "http://testserver"
SCREENS = {"320 px": {"width": 320, "height": 640}, "1280 px at 200 %": {"width": 640, "height": 400}}
# The elements wider than the window, for the message of a failure.
WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-scroll'))
  .slice(-3).map(e => e.outerHTML.slice(0, 120))"""


def page_routes():
    """Every page with an address of its own: the workspace, the account, the public pages."""
    namespaces = ACCOUNT_NAMESPACES | PUBLIC_NAMESPACES
    extra = [r for r in routes() if r.namespace in namespaces and not r.takes_pk and "<" not in r.pattern]
    return internal_routes() + extra


def rendered_pages(client, objects) -> dict[str, bytes]:
    """{address: HTML} of every page that answers a GET with a page, in Swedish and English."""
    pages = {}
    for language in ("sv", "en"):
        for route in page_routes():
            with translation.override(language):
                url = reverse(route.name, args=[objects[route.model_name].pk] if route.takes_pk else [])
            response = client.get(url)
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                pages[url] = response.content
    return pages


def answer_with(pages: dict[str, bytes]):
    """The browser's requests answered with the rendered pages and the static files."""

    def answer(route: BrowserRoute) -> None:
        path = urlsplit(route.request.url).path
        if path.startswith("/static/") and (found := finders.find(path.removeprefix("/static/"))):
            kind = mimetypes.guess_type(found)[0] or "application/octet-stream"
            with open(found, "rb") as file:
                route.fulfill(body=file.read(), content_type=kind)
        elif path in pages and route.request.resource_type == "document":
            route.fulfill(body=pages[path], content_type="text/html; charset=utf-8")
        else:
            route.fulfill(status=204)

    return answer


@pytest.mark.browser
@pytest.mark.layout
def test_every_page_passes_axe_with_its_best_practices(administrator, world):
    """axe-core's WCAG 2.0/2.1 A and AA rules and its best practices (heading order, unique
    landmarks, content in landmarks …) on every page type in both languages."""
    from tests.workspace.test_browser import axe_violations

    pages = rendered_pages(client_for(administrator), world["own"])
    found = {}
    with chromium_page() as page:
        page.route(f"{ORIGIN}/**", answer_with(pages))
        for url in pages:
            if url == reverse_in(url, "public:embed"):  # a list for a CMS's page, not a page
                continue
            page.goto(ORIGIN + url)
            if violations := axe_violations(page, best_practice=True):
                found[url] = violations
    assert found == {}, f"{len(found)} pages: " + "; ".join(
        f"{url}: {violations}" for url, violations in list(found.items())[:40]
    )


@pytest.mark.browser
@pytest.mark.layout
def test_no_page_scrolls_sideways_at_320_px_or_200_percent(administrator, world):
    pages = rendered_pages(client_for(administrator), world["own"])
    assert len(pages) > 150  # every page type, in two languages

    wide = []
    with chromium_page() as page:  # after the pages are read: inside, the database is another's
        page.route(f"{ORIGIN}/**", answer_with(pages))
        for url in pages:
            page.goto(ORIGIN + url)
            for screen, size in SCREENS.items():  # the page laid out again at each size
                page.set_viewport_size(size)
                width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
                if width[0] > width[1]:
                    wide.append((screen, url, width, page.evaluate(WIDEST)))
    assert wide == [], "\n".join(map(str, wide))


def test_every_table_of_every_template_scrolls_in_its_own_region():
    """A table that fits the test data at 320 px may not fit real data: each scrolls by itself.
    (The PDF documents' template is laid out on A4 paper, where its tables wrap; no screen shows it.)"""
    root = Path(samverka.__file__).parent
    paper = root / "core/templates/core/pdf_document.html"
    bare = [
        f"{path.relative_to(root)}:{text[: match.start()].count(chr(10)) + 1}"
        for path in root.rglob("*.html")
        if path != paper
        for text in [path.read_text(encoding="utf-8")]
        for match in re.finditer(r"<table\b", text)
        if not text[: match.start()].rstrip().endswith("{% scrollable %}")
    ]
    assert bare == []


def render(source: str) -> str:
    return Template("{% load samverka %}" + source).render(Context({}))


def test_a_scrollable_table_is_a_named_region_reachable_by_keyboard():
    named = render('{% scrollable %}<table><caption id="c">Möten</caption></table>{% endscrollable %}')
    assert named.startswith('<div class="table-scroll" role="region" tabindex="0" aria-labelledby="c">')
    two = render("{% scrollable %}<table><caption>A</caption></table>{% endscrollable %}" * 2)
    ids = re.findall(r'<caption id="([^"]+)">', two)
    assert len(set(ids)) == 2 and all(f'aria-labelledby="{i}"' in two for i in ids)


def test_a_scrollable_table_needs_a_caption_to_be_named_by():
    with pytest.raises(TemplateSyntaxError, match="caption"):
        render("{% scrollable %}<table><tr><td>1</td></tr></table>{% endscrollable %}")


def reverse_in(url: str, name: str) -> str:
    """The address of the page ``name`` in the language of ``url``."""
    with translation.override("en" if url.startswith("/en/") else "sv"):
        return reverse(name)


VNU = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.mark.layout
def test_every_page_is_valid_html(administrator, world, tmp_path):
    """The Nu HTML Checker (vnu, the W3C's) finds no error on any page, in either language."""
    assert VNU.exists(), "make test installs the Nu HTML Checker (vnu-jar) from npm"
    pages = rendered_pages(client_for(administrator), world["own"])
    for number, (url, html) in enumerate(pages.items()):
        if url == reverse_in(url, "public:embed"):  # a list for a CMS's page: checked in one
            html = b"<!DOCTYPE html><html lang=sv><title>CMS</title><main>" + html + b"</main></html>"
        (tmp_path / f"{number}.html").write_bytes(html)
    names = {f"{number}.html": url for number, url in enumerate(pages)}
    checked = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    errors = [
        (names[Path(urlsplit(message["url"]).path).name], message.get("lastLine"), message["message"])
        for message in json.loads(checked.stderr)["messages"]
    ]
    assert errors == [], "\n".join(map(str, errors))
