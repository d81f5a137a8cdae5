"""People lists as offices keep them (``imports``): one column with the whole name is enough."""

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverka.directory.forms import PersonForm
from samverka.imports.rows import CellError
from samverka.imports.steps import RowSteps
from samverka.lib.names import split_full_name


class PersonImportForm(PersonForm):
    """The person's form, and a column with the whole name ("Anna Maria Lönn Wahlqvist")."""

    full_name = forms.CharField(label=gettext_lazy("full name"), required=False)


class PersonSteps(RowSteps):
    """A full name split into first and last name, unless the row gives those; told in the report."""

    def before(self, number: int, values: dict[str, Any]) -> list[CellError]:
        full_name = values.pop("full_name", "").strip()
        if not full_name or (values.get("first_name") and values.get("last_name")):
            return []
        first, last = split_full_name(full_name)
        values.setdefault("first_name", first)
        values.setdefault("last_name", last)
        message = _("{name}: first name “{first}”, last name “{last}”").format(
            name=full_name, first=values["first_name"], last=values["last_name"]
        )
        self.run.note(number, "names split", message)
        return []
