"""Typed references to records an institution has thousands of (organisations, people, activities).

A drop-down of every activity or person would send tens of thousands of
options with each form at a university's scale. A reference is typed
instead: ``#123`` (the number shown on every record page and in the field
itself), or a name or part of one. Exactly one match is taken; several are
listed with their numbers in the error, so the user picks without leaving the
form. Works without JavaScript; a later autocomplete can enhance the same input.

A model opts in with ``reference_search_fields``; ``InstitutionModelForm``
turns every choice of such a model into a reference field.
"""

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.urls import reverse_lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from samverka.lib.textmatch import record_number, words_condition

CANDIDATES_SHOWN = 8
if TYPE_CHECKING:  # the field the mixin is mixed into
    _Field = forms.CharField
else:
    _Field = object


def reference_label(obj: Model) -> str:
    return f"#{obj.pk} {obj}"


def resolve_reference(queryset: QuerySet[Any], search_fields: tuple[str, ...], text: str) -> Model:
    """The one record of ``queryset`` that ``text`` names, or a ValidationError saying why not."""
    text = text.strip()
    if (number := record_number(text)) is not None:
        found: Model | None = queryset.filter(pk=number).first()
        if found is None:
            raise ValidationError(_("There is no {number} to choose here.").format(number=f"#{number}"))
        return found
    condition = words_condition(text, search_fields)
    candidates: list[Model] = list(queryset.filter(condition).order_by("pk")[: CANDIDATES_SHOWN + 1])
    exact = [c for c in candidates if str(c).casefold() == text.casefold()]
    if len(candidates) == 1 or len(exact) == 1:
        return exact[0] if exact else candidates[0]
    if not candidates:
        raise ValidationError(_("Nothing matches “{text}”.").format(text=text))
    listed = "; ".join(reference_label(c) for c in candidates[:CANDIDATES_SHOWN])
    more = "; …" if len(candidates) > CANDIDATES_SHOWN else ""
    raise ValidationError(
        _(
            "“{text}” matches several: {listed}{more}. Write the number of the one you mean, e.g. {example}."
        ).format(text=text, listed=listed, more=more, example=f"#{candidates[0].pk}")
    )


class _ReferenceMixin(_Field):
    def __init__(self, *, queryset: QuerySet[Any], search_fields: tuple[str, ...], **kwargs: Any) -> None:
        self.queryset = queryset
        self.search_fields = search_fields
        super().__init__(**kwargs)

    @staticmethod
    def number(value: object) -> int | None:
        """The record number of a chosen value: a record, a number, or a line such as "#12 …"."""
        if isinstance(value, Model):
            pk: int = value.pk
            return pk
        if isinstance(value, int):
            return value
        return record_number(str(value or ""))

    def _label(self, value: object) -> str:
        if value in (None, ""):
            return ""
        if isinstance(value, Model):
            return reference_label(value)
        if isinstance(value, str):
            return value  # what the user typed, shown back as typed
        found = self.queryset.filter(pk=value).first()
        return reference_label(found) if found else ""


class ReferenceField(_ReferenceMixin, forms.CharField):
    """One record, typed as ``#number`` or by name."""

    def prepare_value(self, value: object) -> str:
        return self._label(value)

    def clean(self, value: Any) -> Model | None:
        if isinstance(value, Model | int) and not isinstance(value, bool):  # a disabled field's initial
            value = f"#{self.number(value)}"
        value = super().clean(value)
        if not value:
            return None
        return resolve_reference(self.queryset, self.search_fields, value)

    def has_changed(self, initial: Any, data: Any) -> bool:
        text = (data or "").strip()
        if (number := record_number(text)) is not None:  # "#12" and "#12 Name" are the same record
            return number != self.number(initial)
        return self._label(initial) != text


class ReferencesWidget(forms.Textarea):
    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"rows": 3, **(attrs or {})})

    def value_from_datadict(self, data: Any, files: Any, name: str) -> str:
        # One reference per line; a posted list (several values of the name) counts as lines too.
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name, "")]
        return "\n".join(v for v in values if v)


class ReferencesField(_ReferenceMixin, forms.CharField):
    """Several records, one ``#number`` or name per line."""

    widget = ReferencesWidget

    def prepare_value(self, value: Any) -> str:
        if isinstance(value, str):
            return value
        return "\n".join(self._label(item) for item in (value or []))

    def clean(self, value: Any) -> list[Model]:
        value = super().clean(value)
        lines = [line for line in (value or "").splitlines() if line.strip()]
        # Records given by number are fetched together; names are looked up one by one.
        numbered = self.queryset.in_bulk({n for line in lines if (n := record_number(line)) is not None})
        chosen: list[Model] = []
        errors: list[str] = []
        for line in lines:
            number = record_number(line)
            try:
                record = numbered.get(number) if number is not None else None
                record = record or resolve_reference(self.queryset, self.search_fields, line)
            except ValidationError as exc:
                errors.extend(exc.messages)
            else:
                if record not in chosen:
                    chosen.append(record)
        if errors:
            raise ValidationError(errors)
        return chosen

    def has_changed(self, initial: Any, data: Any) -> bool:
        lines = [line.strip() for line in (data or "").splitlines() if line.strip()]
        after = [record_number(line) for line in lines]
        if None not in after:  # every line a number: compare the records, not how they are written
            return set(after) != {self.number(item) for item in initial or []}
        return sorted(self._label(item) for item in (initial or [])) != sorted(lines)


def reference_field_for(field: forms.ModelChoiceField) -> forms.Field:
    """The typed-reference replacement of a choice field over a large model."""
    many = isinstance(field, forms.ModelMultipleChoiceField)
    queryset: QuerySet[Any] = field.queryset  # type: ignore[assignment]  # a model choice field has one
    search_fields = queryset.model.reference_search_fields
    help_text = (
        _("One per line: a name (or part of it) or a number such as #12.")
        if many
        else _("A name (or part of it) or a number such as #12.")
    )
    if field.help_text:
        help_text = f"{field.help_text} {help_text}"
    common: dict[str, Any] = {
        "queryset": queryset,
        "search_fields": search_fields,
        "label": field.label,
        "required": field.required,
        "help_text": help_text,
        "initial": field.initial,
    }
    # Suggested as the user types (``core/static/samverka/references.js``): a plain text box, or
    # for several records a box of lines with a box above it that adds a line; both work as
    # before without the script.
    suggestions = reverse_lazy("workspace:reference-suggestions")
    attrs = {
        "data-suggest": format_lazy("{}?kind={}", suggestions, queryset.model._meta.label_lower),
        "data-suggest-name": _("Suggestions"),
    }
    if many:
        return ReferencesField(
            **common, widget=ReferencesWidget(attrs={**attrs, "data-suggest-add": _("Add")})
        )
    return ReferenceField(**common, widget=forms.TextInput(attrs=attrs))
