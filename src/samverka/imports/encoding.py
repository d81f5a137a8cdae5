"""Which character encoding a CSV file is in, and which of its lines could not be read in it.

Excel saves CSV in four ways: "CSV UTF-8" (UTF-8 with a byte-order mark),
"Unicode text" (UTF-16 with a byte-order mark), and in the computer's old
code page: Windows-1252 on Swedish Windows ("CSV (comma delimited)"), code
page 850 ("CSV (MS-DOS)") or Mac Roman ("CSV (Macintosh)"). Other programs
write UTF-8 without a mark. A wrong guess does not fail: it reads "Göteborg"
as "GÃ¶teborg" or "G÷teborg". So, in this order:

1. A byte-order mark decides (UTF-8, UTF-16, UTF-32).
2. A file that is valid UTF-8 is UTF-8.
3. A file with more UTF-8 characters than bytes that are not UTF-8 is
   *damaged* UTF-8, not Windows-1252: it is read as UTF-8 with each bad byte
   shown as "�", and those lines are reported (never "GÃ¶teborg").
4. Otherwise it is in an old code page: of the three Excel writes, the one
   in which it reads as the most Swedish letters and Excel's typographic
   marks (Windows-1252 when they read alike); the page says which, to be
   checked.
5. NUL bytes without a mark: UTF-16 or UTF-32 if charset-normalizer finds
   it, else the file is no spreadsheet.

Lines are reported that hold "�" (bytes that did not decode, or characters
lost before the file was saved) or text read in the wrong encoding
(``values.misread``): the check reports such cells as errors of their rows
(``values.refuse_garbled``), so they never reach the database.
"""

import codecs
import re
from dataclasses import dataclass

import charset_normalizer
from django.utils.translation import gettext_lazy as _

from samverka.imports.values import GARBLED, misread

LEGACY = ("cp1252", "cp850", "mac_roman")  # in order of preference when they read alike
WIDE = ("utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be")
_MARKS = (  # UTF-32's marks first: UTF-32-LE's begins with UTF-16-LE's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
REPORTED_LINES = 20  # line numbers kept to show; the count is complete

LABELS = {
    "utf-8": _("UTF-8"),
    "utf-8-sig": _("UTF-8 with a byte-order mark (Excel's CSV UTF-8)"),
    "utf-16": _("UTF-16 (Excel's Unicode text)"),
    "utf-16-le": _("UTF-16 without a byte-order mark"),
    "utf-16-be": _("UTF-16 without a byte-order mark"),
    "utf-32": _("UTF-32"),
    "utf-32-le": _("UTF-32 without a byte-order mark"),
    "utf-32-be": _("UTF-32 without a byte-order mark"),
    "cp1252": _("Windows-1252 (Excel's CSV on Windows)"),
    "cp850": _("code page 850 (Excel's CSV for MS-DOS)"),
    "mac-roman": _("Mac Roman (Excel's CSV for Macintosh)"),
}
GUESSED = frozenset({"cp1252", "cp850", "mac-roman", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"})


class NotText(ValueError):
    """The bytes are no text in any encoding a spreadsheet is saved in."""


@dataclass(frozen=True)
class Detected:
    encoding: str  # a Python codec name, as ``codecs.lookup`` spells it
    unreadable_lines: tuple[int, ...] = ()  # the first REPORTED_LINES lines (1 for the first)
    unreadable_count: int = 0


def label(encoding: str) -> str:
    """The encoding as a person knows it: "Windows-1252 (Excel's CSV on Windows)"."""
    return str(LABELS.get(encoding, encoding))


def detect(data: bytes) -> Detected:
    """The encoding of a CSV file's bytes and its lines that could not be read in it."""
    encoding = _encoding(data)
    return Detected(encoding, *_unreadable(data.decode(encoding, errors="replace")))


def _encoding(data: bytes) -> str:
    for mark, encoding in _MARKS:
        if data.startswith(mark):
            return encoding
    if b"\x00" in data:
        match = charset_normalizer.from_bytes(data, cp_isolation=list(WIDE)).best()
        # Binary files read as something in wide encodings too (a PDF as Chinese): a sheet's text
        # is mostly Latin letters, digits and separators.
        if match is None or not _mostly_latin(str(match)[:100_000]):
            raise NotText
        return codecs.lookup(match.encoding).name
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if not bad:
        return "utf-8"
    utf8_characters = len(text) - len(text.encode("ascii", errors="ignore")) - bad
    if utf8_characters >= bad:
        return "utf-8"  # damaged: its bad bytes are reported, not read as Windows-1252
    return codecs.lookup(_legacy(data)).name


# What a Swedish office's text holds beyond ASCII: its letters (a capital one not inside a word) and
# Excel's typographic marks. Each old code page has them at other bytes, so the one that reads the
# most of them is the file's.
EXPECTED = re.compile(r"[åäöéüæø–—’‘”“€§]|(?<![a-zåäö])[ÅÄÖÉÜÆØ]")


def _legacy(data: bytes) -> str:
    """The old code page (``LEGACY``) in which the file reads as the most Swedish text; Windows-1252
    when they read alike. A statistical guesser took a list of "Företag i Västerbotten" for Mac Roman
    ("Fˆretag i V‰sterbotten"): with few distinct letters, it is no judge of the language."""
    scores = {}
    for encoding in LEGACY:
        text = data.decode(encoding, errors="replace")
        scores[encoding] = len(EXPECTED.findall(text)) - 10 * text.count("\ufffd")
    return max(LEGACY, key=lambda encoding: scores[encoding])  # the first of equals: LEGACY's order


def _mostly_latin(text: str) -> bool:
    latin = sum(1 for char in text if char in "\t\r\n" or " " <= char < "\u0250")
    return latin >= 0.9 * len(text)


def _unreadable(text: str) -> tuple[tuple[int, ...], int]:
    """The numbers of the first lines holding "�" or misread text, and how many lines do."""
    lines: list[int] = []
    count, last, line, position = 0, 0, 1, 0
    for found in GARBLED.finditer(text):
        if found.group() != "\ufffd" and misread(found.group()) is None:
            continue
        line += text.count("\n", position, found.start())
        position = found.start()
        if line != last:
            count, last = count + 1, line
            if len(lines) < REPORTED_LINES:
                lines.append(line)
    return tuple(lines), count
