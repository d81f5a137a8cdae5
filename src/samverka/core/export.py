"""Every list as a spreadsheet: the rows its filters select, as .xlsx or .csv.

The columns are the record's own fields (the fields of its workspace form,
as the API has them) with the list's computed columns, each with the label
the pages use. Values are what a person reads, typed for Excel: numbers as
numbers, dates as dates, choices by their label, related records by name.

No cell can run as a formula (OWASP "CSV injection"): in .xlsx every text is
stored as text, never as a formula; in .csv a text that starts with
``= + - @`` or a tab or carriage return gets a leading apostrophe.

Each export is written to the audit trail with its filters and row count.
"""

import csv
import datetime
import decimal
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from samverka.core.display import StrOrPromise, plain_value
from samverka.lib.plaintext import printable

FORMATS = ("xlsx", "csv")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 2000  # rows read from the database at a time


def safe_cell(value: object) -> str:
    """A CSV cell that can never run as a formula (OWASP CSV injection), without control characters."""
    text = "" if value is None else printable(str(value))
    return f"'{text}" if text.startswith(FORMULA_START) else text


@dataclass(frozen=True)
class ExportColumn:
    attr: str  # a field or attribute of the record
    header: str


INVALID_SHEET_TITLE = re.compile(r"[\\/*?:\[\]]")  # characters Excel refuses in a sheet's name


def sheet_title(title: str) -> str:
    """A worksheet's name from a title: without the characters Excel refuses, at most 31 long."""
    return INVALID_SHEET_TITLE.sub(" ", printable(title)).strip()[:31] or "Samverka"


def _csv_text(value: object) -> str:
    """A value as Swedish Excel writes it in a CSV: decimal comma in Swedish, ISO dates."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int | float | decimal.Decimal):
        return number_format(value, use_l10n=True, force_grouping=False)
    return safe_cell(value)


def _filename(title: str, extension: str) -> str:
    return f"samverka-{slugify(title) or 'lista'}-{timezone.localdate().isoformat()}.{extension}"


def csv_response(rows: Iterable[Any], columns: list[ExportColumn], title: str) -> StreamingHttpResponse:
    """Semicolon-separated UTF-8 with BOM, as Swedish Excel opens it directly (å, ä, ö intact)."""

    class Echo:
        def write(self, value: str) -> str:
            return value

    writer = csv.writer(Echo(), delimiter=";")

    def lines() -> Iterator[str]:
        yield "\ufeff" + writer.writerow([safe_cell(c.header) for c in columns])
        for obj in rows:
            yield writer.writerow([_csv_text(plain_value(obj, c.attr)) for c in columns])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(title, "csv")}"'
    return response


def _text_cell(sheet: WriteOnlyWorksheet, value: Any, **style: object) -> Cell:
    if isinstance(value, str):
        value = printable(value)  # Excel's XML cannot hold a control character (docs/data.md)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # text, even when it starts with "=": never a formula
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


def xlsx_response(rows: Iterable[Any], columns: list[ExportColumn], title: str) -> FileResponse:
    """One sheet: a bold header row that stays in view and filters, then one row per record."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title(title))
    sheet.freeze_panes = "A2"
    widths = [min(max(len(c.header) + 2, 12), 60) for c in columns]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}1"
    bold = Font(bold=True)
    sheet.append([_text_cell(sheet, c.header, font=bold) for c in columns])
    for obj in rows:
        cells = []
        for column in columns:
            value = plain_value(obj, column.attr)
            cell = _text_cell(sheet, value)
            if isinstance(value, datetime.datetime):
                cell.number_format = DATETIME_FORMAT
            elif isinstance(value, datetime.date):
                cell.number_format = DATE_FORMAT
            cells.append(cell)
        sheet.append(cells)
    # FileResponse closes the file once it is sent.
    spool = tempfile.SpooledTemporaryFile(max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE)  # noqa: SIM115
    workbook.save(spool)
    spool.seek(0)
    return FileResponse(
        spool,
        as_attachment=True,
        filename=_filename(title, "xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def spreadsheet_response(
    fmt: str, rows: Iterable[Any], columns: list[ExportColumn], title: StrOrPromise
) -> FileResponse | StreamingHttpResponse:
    return (xlsx_response if fmt == "xlsx" else csv_response)(rows, columns, str(title))
