"""Cell values as Swedish offices write them: dates, decimal commas, yes and no, formulas refused.

Each reader takes what a spreadsheet cell holds (text from a CSV file, or a
number, date or text from an .xlsx sheet) and returns the value a form field
takes, or raises ``ValueError`` with a message for the row-by-row report.
"""

import datetime
import decimal
import re

from django.utils.translation import gettext as _

# Swedish month names and their usual abbreviations (and the English ones: headers come in both).
MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "february": 2,
    "mars": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "maj": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "augusti": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[./](\d{1,2})[./ ](\d{4})$")  # 1.3.2026, 1/3/2026, 1/3 2026
_WORDS = re.compile(r"^(\d{1,2})\s+([a-zåäö]+)\.?\s+(\d{4})$")  # 1 mars 2026
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")  # thousands separators: space, no-break, thin, '
_CURRENCY = re.compile(r"(?i)\s*(kr|sek|:-)\.?$")
YES = frozenset({"ja", "j", "yes", "y", "x", "1", "sant", "true", "sann"})
NO = frozenset({"nej", "n", "no", "0", "falskt", "false", "falsk"})
# What a spreadsheet would run as a formula: =, @, or + and - not followed by a number or phone number.
_FORMULA = re.compile(r"^\s*(=|@|[+-](?![\d\s().,-]*$))")


# A UTF-8 sequence read as Windows-1252 or Latin-1, "Ã¶" for "ö", "â€“" for "–": a lead byte
# (Â–ß, à–ï, ð–ô) and the continuation bytes 0x80–0xBF as those two code pages show them.
_CONTINUATION = "[\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]"
GARBLED = re.compile(
    f"\ufffd|[\u00c2-\u00df]{_CONTINUATION}|[\u00e0-\u00ef]{_CONTINUATION}{{2}}"
    f"|[\u00f0-\u00f4]{_CONTINUATION}{{3}}"
)
# Characters a misread sequence may stand for: Latin-1's letters and signs, the letters of
# European names beyond them, typographic punctuation. ("UMEÅ–LULEÅ" is no misread "Ŗ".)
_USUAL = frozenset(
    [chr(code) for code in range(0xA0, 0x100)]
    + list("ŒœŠšŽžŸŁłŃńŚśŹźŻżĄąĘęĆćČčĎďĚěŇňŘřŤťŮůŐőŰűĞğŞşİıĀāĒēĪīŪūĖėĮįŲųĻļĶķŅņĢģ")
    + list("–—‘’‚“”„•…€™")
)


def misread(text: str) -> str | None:
    """The text as it was written, if it holds UTF-8 read as Windows-1252 or Latin-1
    ("GÃ¶teborg" → "Göteborg"); None if it does not."""
    found = False

    def repair(match):
        nonlocal found
        sequence = match.group()
        if sequence == "\ufffd":
            return sequence
        raw = bytes(ord(char) if ord(char) < 0x100 else char.encode("cp1252")[0] for char in sequence)
        try:
            char = raw.decode("utf-8")
        except UnicodeDecodeError:
            return sequence
        if char not in _USUAL:
            return sequence
        found = True
        return char

    repaired = GARBLED.sub(repair, text)
    return repaired if found else None


def refuse_garbled(text: str) -> None:
    """Text that lost characters ("�": bytes that did not decode) or was read in the wrong
    character encoding ("GÃ¶teborg") is not imported: it would be stored as it reads."""
    if "\ufffd" in text:
        raise ValueError(
            _(
                "Characters of this cell could not be read (shown as �): the file is damaged or "
                "mixes character encodings. Correct them, or save the file as CSV UTF-8 in Excel."
            )
        )
    if (written := misread(text)) is not None:
        raise ValueError(
            _(
                "This looks like text saved as UTF-8 and read in another character encoding: "
                "“{text}” was probably “{written}”. Correct the cell, or save the file as CSV UTF-8."
            ).format(text=text.strip(), written=written.strip())
        )


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value) -> str:
    """Any cell as text; whole numbers from Excel ("1234.0") without their decimals."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def refuse_formula(text: str) -> None:
    """A cell that a spreadsheet would run as a formula is not imported (OWASP "CSV injection")."""
    if _FORMULA.match(text):
        raise ValueError(
            _("This looks like a formula (it starts with “{sign}”). Type the value itself.").format(
                sign=text.strip()[0]
            )
        )


def read_date(value) -> datetime.date:
    """2026-03-01, 2026-03-01 10:00, 20260301, 1/3/2026, 1.3.2026, 1 mars 2026, or an Excel date."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = as_text(value).casefold()
    parts = None
    if match := _ISO.match(text) or _COMPACT.match(text):
        parts = (int(match.group(1)), int(match.group(2)), int(match.group(3)))
    elif match := _DAY_FIRST.match(text):
        parts = (int(match.group(3)), int(match.group(2)), int(match.group(1)))
    elif (match := _WORDS.match(text)) and match.group(2) in MONTHS:
        parts = (int(match.group(3)), MONTHS[match.group(2)], int(match.group(1)))
    try:
        if parts is None:
            raise ValueError
        return datetime.date(*parts)
    except ValueError:
        raise ValueError(
            _("“{value}” is not a date we can read: write it as 2026-03-01.").format(value=as_text(value))
        ) from None


_YEAR = re.compile(r"^(\d{4})$")
_YEAR_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})$")  # 2019-01, 2019/1
_MONTH_YEAR = re.compile(r"^(\d{1,2})[-/.](\d{4})$")  # 01/2019
_MONTH_WORD_YEAR = re.compile(r"^([a-zåäö]+)\.?\s+(\d{4})$")  # januari 2019, Jan 2019
_SINCE = re.compile(r"^(sedan|since|från|from|fr\.?\s*o\.?\s*m\.?|t\.?\s*o\.?\s*m\.?|till|until)\s+")
EXCEL_EPOCH = datetime.date(1899, 12, 30)
YEARS = range(1900, 2101)  # a whole number in these is a year, not a day counted by Excel


def read_partial_date(value) -> tuple[datetime.date, str]:
    """A date known to the year, month or day, as lists write them: (its first day, "year",
    "month" or "day"). 2019, "2019", "sedan 2019", "2019-01", "01/2019", "januari 2019",
    "2019-01-15", a date cell, or an Excel day number."""
    if isinstance(value, datetime.datetime | datetime.date):
        return read_date(value), "day"
    if isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool):
        if value != int(value):
            raise ValueError(_("“{value}” is not a year or a date.").format(value=as_text(value)))
        if int(value) in YEARS:
            return datetime.date(int(value), 1, 1), "year"
        try:
            return EXCEL_EPOCH + datetime.timedelta(days=int(value)), "day"
        except OverflowError:
            raise ValueError(_("“{value}” is not a year or a date.").format(value=as_text(value))) from None
    text = _SINCE.sub("", as_text(value).casefold().strip()).strip().rstrip("–-").strip()
    try:
        if (match := _YEAR.match(text)) and int(text) in YEARS:
            return datetime.date(int(match.group(1)), 1, 1), "year"
        if match := _YEAR_MONTH.match(text):
            return datetime.date(int(match.group(1)), int(match.group(2)), 1), "month"
        if match := _MONTH_YEAR.match(text):
            return datetime.date(int(match.group(2)), int(match.group(1)), 1), "month"
        if (match := _MONTH_WORD_YEAR.match(text)) and match.group(1) in MONTHS:
            return datetime.date(int(match.group(2)), MONTHS[match.group(1)], 1), "month"
    except ValueError:
        pass
    try:
        return read_date(text), "day"
    except ValueError:
        raise ValueError(
            _("“{value}” is not a year or a date we can read: write 2019, 2019-01 or 2019-01-15.").format(
                value=as_text(value)
            )
        ) from None


def period_end(start: datetime.date, precision: str) -> datetime.date:
    """The last day of the year or month a date known to that precision stands for
    (an agreement "until 2027" runs to 31 December 2027)."""
    if precision == "year":
        return datetime.date(start.year, 12, 31)
    if precision == "month":
        following = datetime.date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return following - datetime.timedelta(days=1)
    return start


def read_number(value) -> decimal.Decimal:
    """1 234 567,50, 1234567.5, 1.234.567,50 kr, or an Excel number, as a decimal."""
    if isinstance(value, bool):
        raise ValueError(_("“{value}” is not a number.").format(value=value))
    if isinstance(value, int | float | decimal.Decimal):
        return decimal.Decimal(str(value))
    original = as_text(value)
    text = _SPACES.sub("", _CURRENCY.sub("", original)).replace("\u2212", "-")
    if "," in text:
        # A comma is the decimal sign; points before it group thousands (1.234,50).
        text = text.replace(".", "").replace(",", ".")
    elif text.count(".") > 1:
        text = text.replace(".", "")  # 1.234.567: points grouping thousands
    try:
        number = decimal.Decimal(text)
    except decimal.InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise ValueError(_("“{value}” is not a number: write it as 1 234,50.").format(value=original))
    return number


def read_whole_number(value) -> int:
    number = read_number(value)
    if number != number.to_integral_value():
        raise ValueError(_("“{value}” is not a whole number.").format(value=as_text(value)))
    return int(number)


def read_yes_no(value) -> bool:
    """Ja/nej, yes/no, x, 1/0, sant/falskt."""
    if isinstance(value, bool):
        return value
    text = as_text(value).casefold()
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValueError(_("“{value}” is neither yes (ja) nor no (nej).").format(value=as_text(value)))


def split_list(value) -> list[str]:
    """Several values in one cell, separated by semicolons, vertical bars or line breaks
    ("Region Kalmar län | Region Kronoberg"; commas occur in names)."""
    return [part.strip() for part in re.split(r"[;|\n]", as_text(value)) if part.strip()]
