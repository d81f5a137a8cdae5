"""Swedish is the default, English is complete, and the catalogues match the code."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

import samverka

PACKAGE = Path(samverka.__file__).parent
LANGUAGES = ["sv", "en"]


def catalogue(lang, root=PACKAGE):
    return polib.pofile(str(root / "locale" / lang / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_string_is_translated(lang):
    po = catalogue(lang)
    assert len(po) > 300
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compiled_catalogue_matches_the_source(lang):
    po = catalogue(lang)
    mo = polib.mofile(str(PACKAGE / "locale" / lang / "LC_MESSAGES" / "django.mo"))
    source = {(e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in po}
    compiled = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo if e.msgid
    }
    assert compiled == source


def test_catalogues_contain_every_string_in_the_code(tmp_path):
    """Extract the strings again (xgettext via makemessages) and compare the message ids."""
    copy = tmp_path / "samverka"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "samverka",
            "makemessages",
            "-l",
            "sv",
            "--no-location",
            "--no-obsolete",
        ],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    fresh = {(e.msgctxt, e.msgid) for e in catalogue("sv", copy)}
    committed = {(e.msgctxt, e.msgid) for e in catalogue("sv")}
    assert fresh - committed == set(), "run `make messages` and translate the new strings"
    assert committed - fresh == set(), "run `make messages` to drop strings no longer used"


def test_swedish_is_the_default_language(client, db):
    response = client.get("/partnerskap/")
    assert '<html lang="sv">' in response.content.decode()
    assert response["Content-Language"] == "sv"


def _pages_of_every_kind():
    """Every page a user opens by its address alone or a record's number: the workspace, the
    account, log-in and the public pages."""
    from tests.urlconf import ACCOUNT_NAMESPACES, INTERNAL_NAMESPACES, PUBLIC_NAMESPACES, routes

    kinds = INTERNAL_NAMESPACES | ACCOUNT_NAMESPACES | PUBLIC_NAMESPACES
    return [
        route
        for route in routes()
        if (route.namespace in kinds or route.name in ("login",))
        and not set(re.findall(r"<(?:\w+:)?(\w+)>", route.pattern)) - {"pk"}
    ]


def test_the_language_switch_goes_both_ways_from_every_page(administrator, world):
    """ "På svenska" on /en/app/… once came back to the same English page: Django read the
    English address in the switch's own language, Swedish, and could not resolve it."""
    from django.utils import translation

    from tests.conftest import client_for
    from tests.core.test_permissions import url_for

    client = client_for(administrator)
    pages = _pages_of_every_kind()
    assert len(pages) > 100
    for route in pages:
        addresses = {}
        for language in ("sv", "en"):
            with translation.override(language):
                addresses[language] = url_for(route, world["own"]) + "?o=-name"
        assert addresses["en"].startswith("/en/") and not addresses["sv"].startswith("/en/"), route.name
        for to, frm in (("sv", "en"), ("en", "sv")):
            for cookie in ("sv", "en"):  # whatever the browser chose before
                client.cookies["django_language"] = cookie
                switched = client.post("/i18n/setlang/", {"language": to, "next": addresses[frm]})
                assert (switched.status_code, switched["Location"]) == (302, addresses[to]), route.name


@pytest.mark.parametrize("url", ["/en/app/", "/en/login/", "/en/account/", "/en/partnerships/"])
def test_the_switch_on_an_english_page_leads_to_the_swedish_page(client, administrator, url):
    from tests.conftest import client_for

    browser = client if url in ("/en/login/", "/en/partnerships/") else client_for(administrator)
    page = browser.get(url, follow=True)
    html = page.content.decode()
    assert '<html lang="en">' in html
    if "partnerships" in url:  # public pages link to their Swedish twin
        target = re.search(r'<a href="([^"]+)" lang="sv"', html).group(1)
        swedish = browser.get(target)
    else:
        next_page = re.search(r'<input name="next" type="hidden" value="([^"]+)">', html).group(1)
        swedish = browser.post("/i18n/setlang/", {"language": "sv", "next": next_page}, follow=True)
    assert '<html lang="sv">' in swedish.content.decode()
