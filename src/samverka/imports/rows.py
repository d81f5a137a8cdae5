"""One spreadsheet row as the data of the record's workspace form, and the existing record it updates.

``RowReader`` turns each mapped cell into what the form field takes: dates,
numbers and yes/no as offices write them (``imports.values``), choices by
their value or their label in Swedish or English, and related records by
number (``#12``), organisation number, e-mail or exact name — never by a
guess: a name that fits several records is an error listing them. The form
then checks the row exactly as it checks what a person types.

``Matcher`` finds the record a row is about — by its number, an
organisation's number or exact name, a person's e-mail, an activity's form,
title and start — so a re-import updates instead of duplicating, and two
rows of one file about the same record are caught.
"""

import datetime
import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from samverka.core.display import StrOrPromise
from samverka.core.references import ReferenceField, ReferencesField
from samverka.directory.domain.duplicates import MATCHERS, organisation_key
from samverka.imports.targets import ID_FIELD, Target
from samverka.imports.values import (
    as_text,
    is_blank,
    read_date,
    read_number,
    read_whole_number,
    read_yes_no,
    refuse_formula,
    refuse_garbled,
    split_list,
)
from samverka.lib.orgnumber import normalise_orgnumber
from samverka.lib.textmatch import record_number

AMBIGUOUS = object()
LISTED = 6  # records named in an error about an ambiguous name


@dataclass(frozen=True)
class CellError:
    column: int | None  # index of the column, None for the row as a whole
    field: str
    value: str
    message: StrOrPromise


def _choice_key(text: str) -> str:
    """How a choice is looked up: case, hyphens, underscores and spacing do not matter."""
    return " ".join(re.split(r"[\s_\-–]+", text.casefold())).strip()


def _label_keys(obj) -> set[str]:
    """The names a small record (collaboration form, partnership, unit, focus area) is known by."""
    keys = {str(obj)}
    for attr in ("name_sv", "name_en", "title_sv", "title_en", "code", "slug"):
        value = getattr(obj, attr, None)
        if value:
            keys.add(str(value))
    return {key.casefold().strip() for key in keys}


class RowReader:
    """Cells of one row → form data for ``target``'s form, with an error per unreadable cell."""

    def __init__(self, target: Target, form_fields: dict, mapping: list[str]):
        self.target = target
        self.fields = form_fields
        self.mapping = mapping
        self._choices: dict[str, dict] = {}
        self._references: dict[tuple[str, str], int | ValueError] = {}

    def read(self, cells: list) -> tuple[dict, dict[str, int], list[CellError]]:
        """(values by field, the column of each field, errors) of one row; blank cells are left out."""
        values: dict[str, Any] = {}
        columns: dict[str, int] = {}
        errors: list[CellError] = []
        for index, name in enumerate(self.mapping):
            if not name or index >= len(cells) or is_blank(cells[index]):
                continue
            cell = cells[index]
            columns[name] = index
            try:
                if isinstance(cell, str):
                    refuse_formula(cell)
                    refuse_garbled(cell)
                values[name] = self.value(name, cell, values)
            except (ValueError, ValidationError) as exc:
                message = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
                errors.append(CellError(index, name, as_text(cell), message))
        return values, columns, errors

    def value(self, name: str, cell, values: dict):
        """One cell as the form field ``name`` takes it; ``values``: the row's values read so far."""
        if name == ID_FIELD:
            return read_whole_number(cell)
        field = self.fields[name]
        if hasattr(field, "read_cell"):  # a field that reads cells itself (``imports.steps``)
            return field.read_cell(cell)
        if isinstance(field, ReferencesField):
            return "\n".join(f"#{self._reference(field, part)}" for part in split_list(cell))
        if isinstance(field, ReferenceField):
            return f"#{self._reference(field, as_text(cell))}"
        if isinstance(field, forms.ModelMultipleChoiceField):
            return [self._record_choice(name, field, part, values) for part in split_list(cell)]
        if isinstance(field, forms.ModelChoiceField):
            return self._record_choice(name, field, as_text(cell), values)
        if isinstance(field, forms.ChoiceField):
            return self._choice(name, field, as_text(cell))
        if isinstance(field, forms.BooleanField):
            return read_yes_no(cell)
        if isinstance(field, forms.DateField):
            return read_date(cell).isoformat()
        if isinstance(field, forms.IntegerField):
            return str(read_whole_number(cell))
        if isinstance(field, forms.DecimalField):
            return str(read_number(cell))
        return as_text(cell) if not isinstance(cell, str) else cell.strip()

    def _choice(self, name: str, field, text: str) -> str:
        """A choice by its stored value, its label in Swedish or English, or a word offices use
        for it (``choice_words``), in any case and with or without hyphens (non-profit,
        Non profit, non_profit)."""
        if name not in self._choices:
            words = self.target.choice_words.get(name, {})
            known = {_choice_key(word): value for word, value in words.items()}
            for language in ("en", "sv"):
                with translation.override(language):
                    for value, label in field.choices:
                        if value not in ("", None):
                            known[_choice_key(str(label))] = value
                            known[_choice_key(str(value))] = value
            self._choices[name] = known
        found = self._choices[name].get(_choice_key(text))
        if found is None:
            labels = ", ".join(str(label) for value, label in field.choices if value not in ("", None))
            raise ValueError(_("“{value}” is not one of: {choices}.").format(value=text, choices=labels))
        return found

    def _record_choice(self, name: str, field, text: str, values: dict):
        """A collaboration form, partnership, focus area or unit by number, name, code or web name.

        The choices are read once; a name not among them is looked for again, as an earlier row
        of the same file may have made it (a department's faculty, a row above)."""
        if (number := record_number(text)) is not None:
            return number
        key = text.casefold().strip()
        if name not in self._choices or key not in self._choices[name]:
            known: dict[str, list] = {}
            for obj in field.queryset.all():
                for label in _label_keys(obj):
                    known.setdefault(label, []).append(obj)
            self._choices[name] = known
        found = self._choices[name].get(key, [])
        if len(found) > 1 and name == "focus_area" and "partnership" in values:
            found = [obj for obj in found if obj.partnership_id == values["partnership"]]
        if len(found) == 1:
            return found[0].pk
        if found:
            listed = "; ".join(f"#{obj.pk} {obj}" for obj in found[:LISTED])
            raise ValueError(
                _("“{value}” fits several: {listed}. Write the number, e.g. #{number}.").format(
                    value=text, listed=listed, number=found[0].pk
                )
            )
        names = sorted({str(obj) for objs in self._choices[name].values() for obj in objs})
        hint = ", ".join(names[:12]) + (", …" if len(names) > 12 else "")
        raise ValueError(
            _("There is no “{value}” here. Known: {known}.").format(value=text, known=hint or "–")
        )

    def _reference(self, field, text: str) -> int:
        """An organisation, person or activity named exactly: #12, organisation number, e-mail or name."""
        key = (field.queryset.model._meta.label, text.casefold())
        if key not in self._references:
            try:
                self._references[key] = self._find(field.queryset, text)
            except ValueError as exc:
                self._references[key] = exc
        found = self._references[key]
        if isinstance(found, ValueError):
            raise found
        return found

    @staticmethod
    def _find(queryset, text: str) -> int:
        model = queryset.model
        if (number := record_number(text)) is not None:
            candidates = list(queryset.filter(pk=number)[:1])
        elif model._meta.model_name == "organisation":
            try:
                org_number = normalise_orgnumber(text)
            except ValidationError:
                org_number = None
            condition = {"org_number": org_number} if org_number else {"name__iexact": text}
            candidates = list(queryset.filter(**condition).order_by()[: LISTED + 1])
        elif model._meta.model_name == "person":
            if "@" in text:
                candidates = list(queryset.filter(email__iexact=text).order_by()[: LISTED + 1])
            else:
                candidates = []
                words = text.split()
                for split in range(1, len(words)):
                    first, last = " ".join(words[:split]), " ".join(words[split:])
                    candidates += list(
                        queryset.filter(first_name__iexact=first, last_name__iexact=last).order_by()[
                            : LISTED + 1
                        ]
                    )
        else:
            candidates = list(queryset.filter(title_sv__iexact=text).order_by()[: LISTED + 1])
        candidates.sort(
            key=lambda obj: obj.pk
        )  # unordered in the query: found by the index, not the list order
        if len(candidates) == 1:
            return candidates[0].pk
        if not candidates:
            hints = {
                "organisation": _("No organisation has the name or organisation number “{value}”."),
                "person": _("No person has the name or e-mail address “{value}”."),
            }
            message = hints.get(model._meta.model_name, _("No activity has the title “{value}”."))
            raise ValueError(
                message.format(value=text)
                + " "
                + _("Write it exactly as in Samverka, or the number, e.g. #12.")
            )
        listed = "; ".join(f"#{obj.pk} {obj}" for obj in candidates[:LISTED])
        raise ValueError(
            _("“{value}” fits several: {listed}. Write the number, e.g. #{number}.").format(
                value=text, listed=listed, number=candidates[0].pk
            )
        )


def _match_value(value) -> str:
    """A value as matching compares it: case and spacing ignored, "#12" the record 12."""
    text = " ".join(str(value if value is not None else "").casefold().split())
    return text[1:] if text.startswith("#") and text[1:].isdigit() else text


class Matcher:
    """The existing record each row is about, and the rows of this file that already named it.

    Organisations and people are recognised by the duplicates view's rule (``same``, its
    in-memory matcher: the same organisation number or e-mail address, else the one record
    of the same normalised name), activities by form, title and start. A later row about a
    record an earlier row named (by any of its keys) is that record again: the same if it says
    nothing new, an error if it says something else.
    Keys are read once per import, so matching costs no query per row.
    """

    def __init__(self, target: Target, queryset, same=None):
        self.target = target
        self.queryset = queryset
        self.kind = target.model._meta.model_name
        self.same = same
        self._activities: dict | None = None
        self._match: dict | None = None
        self._keys: dict | None = None
        self.created: set[int] = set()
        self.seen: dict[object, int] = {}  # key -> the row that named it

    def row_keys(self, values: dict) -> list:
        """The values that make two rows of one file about the same record, surest first."""
        keys: list[tuple[Any, ...]] = []
        if ID_FIELD in values:
            keys.append(("id", values[ID_FIELD]))
        if self.target.key_field:
            if value := str(values.get(self.target.key_field) or "").strip():
                keys.append((self.target.key_field, value))
        elif self.kind == "organisation":
            try:
                org_number = normalise_orgnumber(values["org_number"]) if values.get("org_number") else ""
            except ValidationError:
                org_number = ""
            if org_number:
                keys.append(("org_number", org_number))
            elif values.get("name"):
                keys.append(("name", values["name"].casefold()))
        elif self.kind == "person":
            if values.get("email"):
                keys.append(("email", values["email"].casefold()))
        elif self.target.match_on:
            if all(not is_blank(values.get(name)) for name in self.target.match_on):
                keys.append(("match", *(_match_value(values[name]) for name in self.target.match_on)))
        elif values.get("title_sv") and values.get("type"):
            starts_on = datetime.date.fromisoformat(values["starts_on"]) if values.get("starts_on") else None
            keys.append(("activity", values["type"], values["title_sv"].casefold(), starts_on))
        return keys

    def existing(self, keys: list, values: dict) -> int | None:
        """The number of the record the row updates (None for a new one); a number given is taken as is."""
        if keys and keys[0][0] == "id":
            return keys[0][1]
        if self.target.key_field:
            found = next((self._keyed().get(key[1]) for key in keys if key[0] == self.target.key_field), None)
        elif self.kind == "organisation":
            found = self.same.exact(org_number=values.get("org_number", ""), name=values.get("name", ""))
        elif self.kind == "person":
            organisation = values.get("organisation", "")
            found = self.same.exact(
                email=values.get("email", ""),
                first_name=values.get("first_name", ""),
                last_name=values.get("last_name", ""),
                organisation_id=record_number(organisation) if organisation else None,
                unit_id=values.get("unit"),
            )
        elif self.target.match_on:
            found = next((self._matched()[key] for key in keys if key in self._matched()), None)
            found = None if found is AMBIGUOUS else found
        else:
            found = next((self._activity_keys()[key] for key in keys if key in self._activity_keys()), None)
            found = None if found is AMBIGUOUS else found
        return found

    def _matched(self) -> dict:
        """The records by the values of ``Target.match_on``, read once (values two share find none)."""
        if self._match is None:
            self._match = {}
            for pk, *found in self.queryset.values_list("pk", *self.target.match_on):
                key = ("match", *(_match_value(value) for value in found))
                self._match[key] = AMBIGUOUS if key in self._match else pk
        return self._match

    def _keyed(self) -> dict:
        """The records by ``Target.key_field``, read once."""
        if self._keys is None:
            field_name = self.target.key_field
            self._keys = dict(self.queryset.exclude(**{field_name: ""}).values_list(field_name, "pk"))
        return self._keys

    def _activity_keys(self) -> dict:
        if self._activities is None:
            self._activities = {}
            rows = self.queryset.values_list("pk", "type_id", "title_sv", "starts_on")
            for pk, type_id, title, starts_on in rows:
                key = ("activity", type_id, (title or "").casefold(), starts_on)
                self._activities[key] = AMBIGUOUS if key in self._activities else pk
        return self._activities

    def earlier_row(self, keys: list, pk: int | None, row: int) -> int | None:
        """The row of this file that already named the same record, if any; remembers this one."""
        names = [("pk", pk)] if pk is not None else []
        names += keys
        for name in names:
            if name in self.seen:
                return self.seen[name]
        for name in names:
            self.seen[name] = row
        return None

    def differing(self, first: dict[str, Any], later: dict[str, Any]) -> list[str]:
        """The fields in which ``later`` says something other than ``first``. An empty cell says
        nothing; nor do case and spacing, nor an organisation's name as matching sees it
        ("Ny Firma" for "Ny Firma AB": the first row's spelling stays)."""
        return [
            name
            for name, value in later.items()
            if name != ID_FIELD and not is_blank(value) and not self._same(name, value, first.get(name))
        ]

    def _same(self, name: str, value, other) -> bool:
        if not (isinstance(value, str) and isinstance(other, str)):
            return value == other
        if self.kind == "organisation" and name == "name":
            return organisation_key(value) == organisation_key(other)
        return " ".join(value.casefold().split()) == " ".join(other.casefold().split())

    def remember(self, pk: int, row: int) -> None:
        """A record this import made from ``row``: a later row that finds it, by any of its
        keys (a name where the first row gave the number too), is about the same record."""
        self.created.add(pk)
        self.seen[("pk", pk)] = row


class LikelyDuplicates:
    """New organisations and people of an import that look like records already there, or like
    those earlier rows of the same file make (the duplicates view's rules, ``directory.domain``)."""

    SHOWN = 3  # likely duplicates named per row

    def __init__(self, target: Target, institution, *, limit: int):
        self.kind = target.model._meta.model_name
        self.model = target.model
        self.matcher = MATCHERS[self.kind].for_institution(institution) if self.kind in MATCHERS else None
        self.found: list[dict] = []
        self.limit = limit  # likely duplicates kept (a file of near-identical names finds one a row)

    def check(self, obj, row: int) -> None:
        """Note the likely duplicates of ``obj``, just created from ``row``; remember it for later rows."""
        if self.matcher is None:
            return
        if self.kind == "organisation":
            values = {"name": obj.name, "org_number": obj.org_number}
        else:
            values = {
                "first_name": obj.first_name,
                "last_name": obj.last_name,
                "email": obj.email,
                "organisation_id": obj.organisation_id,
                "unit_id": obj.unit_id,
            }
        if len(self.found) < self.limit:
            self.found += [
                {"row": row, "record_id": c.record_id, "reason": c.reason, "score": c.score}
                for c in self.matcher.similar(**values)[: self.SHOWN]
            ]
        self.matcher.add(obj.pk, **values)

    def warnings(self) -> list[dict]:
        """The likely duplicates found, each with the record it resembles by number and name."""
        names = self.model.objects.in_bulk({warning["record_id"] for warning in self.found})
        return [
            {**warning, "record": f"#{warning['record_id']} {names.get(warning['record_id'], '')}".strip()}
            for warning in self.found
        ]
