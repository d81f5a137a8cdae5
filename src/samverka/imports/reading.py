"""Open an uploaded spreadsheet (.xlsx or CSV as Swedish Excel writes it) as rows, refusing hostile files.

CSV: semicolon, comma, tab or bar separated, in any encoding Excel saves CSV
in (``imports.encoding``: UTF-8 with or without a byte-order mark, UTF-16,
Windows-1252, code page 850, Mac Roman); bytes that do not decode are read as
"�" and their lines reported, never guessed into other letters. .xlsx: the first sheet,
read as a stream (openpyxl's read-only mode, XML through defusedxml), so a
large file never sits in memory at once.

Refused with a clear message (``SpreadsheetRefused``), before anything is
imported: a file that is no spreadsheet (or an old .xls), a file larger than
``SAMVERKA_IMPORT_MAX_MB``, a zip bomb (an .xlsx unpacking to far more than
it weighs), more than ``SAMVERKA_IMPORT_MAX_ROWS`` rows — empty ones count,
so a sheet of a million empty rows is refused, not read — or more than
``MAX_COLUMNS`` columns. Cells holding formulas are refused row by row
(``values.refuse_formula``), never evaluated.
"""

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import openpyxl
from django.conf import settings
from django.utils.translation import gettext as _

from samverka.imports import encoding as encodings
from samverka.imports.values import as_text, is_blank

MAX_COLUMNS = 200
MAX_UNPACKED = 512 * 1024 * 1024  # bytes an .xlsx may unpack to
MAX_RATIO = 250  # how many times larger than its compressed size one part of an .xlsx may be
SAMPLE_ROWS = 5
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls (and .doc)
_ZIP = b"PK\x03\x04"
csv.field_size_limit(1024 * 1024)  # the largest cell of a CSV file, in characters


class SpreadsheetRefused(ValueError):
    """The file is refused as a whole; the message says why and what to do."""


@dataclass
class Table:
    """An opened spreadsheet: its header row and a fresh stream of its data rows on each ``rows()``."""

    format: str  # "xlsx" or "csv"
    headers: list[str]
    header_row: int  # the spreadsheet's number of the header row (1 for the first)
    encoding: str = ""
    delimiter: str = ""
    unreadable_lines: tuple[int, ...] = ()  # lines of a CSV file that could not be read (the first)
    unreadable_count: int = 0
    _open_rows: Any = field(default=None, repr=False)  # () -> (row number, cells) of every row

    def rows(self) -> Iterator[tuple[int, list]]:
        """(spreadsheet row number, cells) of every non-empty row below the header."""
        for number, cells in self._open_rows():
            if number <= self.header_row or all(is_blank(cell) for cell in cells):
                continue
            yield number, cells[: len(self.headers)] + [None] * (len(self.headers) - len(cells))

    def sample(self, count: int = SAMPLE_ROWS) -> list[list[str]]:
        rows = []
        for _number, cells in self.rows():
            rows.append([as_text(cell) for cell in cells])
            if len(rows) == count:
                break
        return rows


def max_bytes() -> int:
    return settings.SAMVERKA_IMPORT_MAX_MB * 1024 * 1024


def _limited(rows: Iterator[tuple[int, list]]) -> Iterator[tuple[int, list]]:
    limit = settings.SAMVERKA_IMPORT_MAX_ROWS
    for number, cells in rows:
        if number > limit + 1:  # the header row is not counted
            raise SpreadsheetRefused(
                _(
                    "The file has more than {limit} rows (empty rows count too). Delete empty rows "
                    "at the end of the sheet, or split the file."
                ).format(limit=f"{limit:,}".replace(",", "\u00a0"))
            )
        if len(cells) > MAX_COLUMNS and any(not is_blank(cell) for cell in cells[MAX_COLUMNS:]):
            raise SpreadsheetRefused(
                _("Row {row} has more than {limit} columns; an import takes at most {limit}.").format(
                    row=number, limit=MAX_COLUMNS
                )
            )
        yield number, cells[:MAX_COLUMNS]


def open_table(path) -> Table:
    """The spreadsheet at ``path`` (a file on disk), or ``SpreadsheetRefused``."""
    with open(path, "rb") as handle:
        head = handle.read(8)
        handle.seek(0, io.SEEK_END)
        size = handle.tell()
    if size > max_bytes():
        raise SpreadsheetRefused(
            _(
                "The file is {size} MB; at most {limit} MB can be imported. Split it into several files."
            ).format(size=round(size / 1024 / 1024, 1), limit=settings.SAMVERKA_IMPORT_MAX_MB)
        )
    if size == 0:
        raise SpreadsheetRefused(_("The file is empty."))
    if head.startswith(_OLE2):
        raise SpreadsheetRefused(
            _("This is an old Excel file (.xls). Save it as .xlsx or as CSV in Excel and import that.")
        )
    table = _open_xlsx(path) if head.startswith(_ZIP) else _open_csv(path)
    return table


def _header(rows: Iterator[tuple[int, list]]) -> tuple[int, list[str]]:
    for number, cells in rows:
        if not all(is_blank(cell) for cell in cells):
            while cells and is_blank(cells[-1]):
                cells = cells[:-1]
            return number, [as_text(cell) for cell in cells]
    raise SpreadsheetRefused(_("The file has no rows: the first row should hold the column names."))


def _open_xlsx(path) -> Table:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" not in names:
                raise SpreadsheetRefused(
                    _("The file is a zip archive but not an Excel workbook (.xlsx). Save it as .xlsx or CSV.")
                )
            unpacked = 0
            for info in archive.infolist():
                unpacked += info.file_size
                ratio = info.file_size / max(info.compress_size, 1)
                if unpacked > MAX_UNPACKED or (info.file_size > 1024 * 1024 and ratio > MAX_RATIO):
                    raise SpreadsheetRefused(
                        _(
                            "The workbook unpacks to far more than its size; it is refused as a possible "
                            "zip bomb. Save the sheet as CSV and import that."
                        )
                    )
    except zipfile.BadZipFile:
        raise SpreadsheetRefused(_("The file is damaged or not an Excel workbook (.xlsx).")) from None

    def open_rows():
        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=False, keep_links=False)
        except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
            raise SpreadsheetRefused(
                _("The workbook could not be read ({reason}). Open it in Excel and save it again.").format(
                    reason=type(exc).__name__
                )
            ) from None
        try:
            sheet = workbook.worksheets[0]
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, list(row)
        finally:
            workbook.close()

    header_row, headers = _header(_limited(open_rows()))
    return Table("xlsx", headers, header_row, _open_rows=lambda: _limited(open_rows()))


def _encoding(path) -> encodings.Detected:
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        return encodings.detect(data)
    except encodings.NotText:
        raise SpreadsheetRefused(
            _("This is not a spreadsheet: upload an Excel workbook (.xlsx) or a CSV file.")
        ) from None


def _delimiter(path, encoding: str) -> str:
    with open(path, encoding=encoding, errors="replace", newline="") as handle:
        first = next((line for line in handle if line.strip()), "")
    counts = {sep: first.count(sep) for sep in (";", "\t", ",", "|")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ";"


def _open_csv(path) -> Table:
    detected = _encoding(path)
    encoding = detected.encoding
    delimiter = _delimiter(path, encoding)

    def open_rows():
        # Bytes that do not decode become "�", which the check reports in their cells.
        with open(path, encoding=encoding, errors="replace", newline="") as handle:
            try:
                yield from enumerate(csv.reader(handle, delimiter=delimiter), start=1)
            except csv.Error as exc:
                raise SpreadsheetRefused(
                    _("The CSV file could not be read ({reason}).").format(reason=exc)
                ) from None

    header_row, headers = _header(_limited(open_rows()))
    return Table(
        "csv",
        headers,
        header_row,
        encoding=encoding,
        delimiter=delimiter,
        unreadable_lines=detected.unreadable_lines,
        unreadable_count=detected.unreadable_count,
        _open_rows=lambda: _limited(open_rows()),
    )
