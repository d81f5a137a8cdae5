"""What an import row does around its record's form, for kinds whose rows hold more than one record.

A partnership list's row names the partnership and, beside it, its partner
organisations, focus areas, agreement and contact person. The target's form
checks the partnership; its ``RowSteps`` find or create the records beside it,
each through its own workspace form and ``core.domain.records`` (so each is
checked as a typed one and has its audit entry), inside the import's one
transaction: a check rolls them back with the rest, and a row with an error
anywhere changes nothing.

``before`` runs ahead of the form (it may fill the form's hidden fields, or
leave the row out with ``SkipRow``), ``after`` once the record is saved. What
they do is told row by row in the report (``Run.note``).
"""

import datetime
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from samverka.core.display import StrOrPromise
from samverka.imports.values import read_partial_date

if TYPE_CHECKING:
    from samverka.imports.domain import _Run
    from samverka.imports.rows import CellError

PRECISIONS = ("year", "month", "day")
# What the report calls each kind of note (``Run.note``), in the order it lists them.
NOTE_KINDS = {
    "organisations": gettext_lazy("New partner organisations"),
    "people": gettext_lazy("New people"),
    "agreements": gettext_lazy("New agreements"),
    "focus areas": gettext_lazy("New focus areas"),
    "coordinators": gettext_lazy("Coordinators linked"),
    "names split": gettext_lazy("Full names split"),
    "skipped": gettext_lazy("Rows left out"),
}


class SkipRow(Exception):
    """The row is not for this import (another institution's partnership): left out, and said so."""

    def __init__(self, message: StrOrPromise) -> None:
        super().__init__(message)
        self.message = message


class RowSteps:
    """A target's work around its form; one instance for a whole check or import."""

    def __init__(self, run: "_Run") -> None:
        self.run = run

    def before(self, number: int, values: dict[str, Any]) -> "list[CellError]":
        """Make ``values`` what the form takes; the row's errors. May raise ``SkipRow``."""
        return []

    def after(self, number: int, record: Any, values: dict[str, Any]) -> "list[CellError]":
        """Save what the row says beside ``record``, now saved; the row's errors."""
        return []


class PartialDateField(forms.Field):
    """A date known to the year, month or day ("2019", "januari 2019", "2019-01-15", a date cell
    or an Excel number); cleans to (first day, precision) or None."""

    def read_cell(self, cell: object) -> str:
        """The cell as the form data the import passes: "2019-01-01 year"."""
        day, precision = read_partial_date(cell)
        return f"{day.isoformat()} {precision}"

    def to_python(self, value: Any) -> tuple[datetime.date, str] | None:
        if value in self.empty_values:
            return None
        if isinstance(value, tuple):
            return value
        text = str(value).strip()
        day, _space, precision = text.partition(" ")
        if precision in PRECISIONS:
            try:
                return datetime.date.fromisoformat(day), precision
            except ValueError:
                pass
        try:
            return read_partial_date(text)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None
