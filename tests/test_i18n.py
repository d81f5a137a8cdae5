"""Swedish is the default, English is complete, and the catalogues match the code."""

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
