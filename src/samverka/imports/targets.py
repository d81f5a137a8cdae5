"""What can be imported: the kinds with an ``imports`` entry in their app's records.py
(partnerships, organisations, people, units, activities, expertise profiles …), each through
its own workspace form.

A target names the record's workspace form (every rule of a record lives
there, so an imported row is checked exactly as a typed one), the column
names it recognises in Swedish and English (its form's labels, as the
spreadsheet export writes them, plus the words offices use), how an existing
record is recognised so that a re-import updates instead of duplicating, and
the defaults of a new record. A kind whose rows hold more than one record (a
partnership row names its partners, focus areas and contact person) adds the
form fields for them (``extra``) and the steps that save them
(``imports.steps``).
"""

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, cast

from django import forms
from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.module_loading import import_string

from samverka.core import registry
from samverka.core.display import StrOrPromise, field_label
from samverka.core.forms import model_field_of
from samverka.imports.models import ImportKind

ID_FIELD = "id"  # the record's number ("Nr" in every export): the surest match


def header_key(text: str) -> str:
    """A column name as compared: case, accents of other languages, punctuation and spaces ignored
    ("Org.nr:" = "orgnr"); å, ä and ö stay letters of their own."""
    text = unicodedata.normalize("NFC", str(text)).casefold()
    return re.sub(r"[^0-9a-zåäöüéæø]+", "", text)


@dataclass(frozen=True)
class Target:
    kind: str  # the name in URLs and on the command line
    form: type[Any]  # a workspace ModelForm, which also takes the institution (``institution=``)
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # field -> further column names
    defaults: dict[str, object] = field(default_factory=dict)  # a new record's values when not in the file
    # field -> {word offices use: stored value}, beside the choices' own labels in both languages
    choice_words: dict[str, dict[str, str]] = field(default_factory=dict)
    # A field that is unique when filled and names the record in another system (a profile's id in
    # the research information system): a row with it updates the record that has it.
    key_field: str = ""
    hidden: tuple[str, ...] = ()  # model fields no column fills: the steps fill them
    match_on: tuple[str, ...] = ()  # fields whose values together name one record
    steps: str = ""  # dotted path of the ``imports.steps.RowSteps`` class, if any

    @property
    def label(self) -> StrOrPromise:
        """What a person reads: "organisationer"."""
        return ImportKind(self.kind).label

    @property
    def extra(self) -> tuple[str, ...]:
        """The form's own fields that columns fill: those it declares beyond its model's."""
        meta_fields = set(self.form._meta.fields)
        return tuple(
            name
            for name in self.form.declared_fields
            if name not in meta_fields and name != "expected_version"
        )

    @property
    def model(self) -> Any:  # the form's model class: Any, as type[Model] declares no ``objects``
        return self.form._meta.model

    @property
    def fields(self) -> list[str]:
        """The fields a column can fill: the record's number, then its form's fields (no files)."""
        model = self.model
        return [
            ID_FIELD,
            *(
                name
                for name in self.form._meta.fields
                if name not in self.hidden and not isinstance(model._meta.get_field(name), models.FileField)
            ),
            *self.extra,
        ]

    def field_label(self, name: str) -> str:
        if name == ID_FIELD:
            return "Nr"
        if name in self.extra:
            return str(self.form.base_fields[name].label)
        return str(field_label(self.model, name))

    def column_names(self) -> dict[str, str]:
        """header_key -> field, from the labels in both languages, the field names and ``aliases``.

        The Swedish field of a per-language pair (``title_sv``) also answers to the plain label
        ("Titel", "Title"): a sheet from an office has one title column.
        """
        names: dict[str, str] = {}
        for name in self.fields:
            words = [name, *self.aliases.get(name, ())]
            for language in ("sv", "en"):
                with translation.override(language):
                    words.append(self.field_label(name))
                    model_field = None if name in self.extra else model_field_of(self.model, name)
                    if model_field is not None:
                        original = getattr(model_field, "translated_field", None)
                        if original is None:
                            words.append(str(model_field.verbose_name))
                        elif name == f"{original.name}_{settings.LANGUAGE_CODE}":
                            words.append(str(original.verbose_name))
            for word in words:
                names.setdefault(header_key(word), name)
        return names

    def _model_field(self, name):
        try:
            return self.model._meta.get_field(name)
        except Exception:
            return None

    def guess_mapping(self, headers: list[str]) -> list[str]:
        """For each column, the field its name suggests ("" for none); each field taken once."""
        names, taken, mapping = self.column_names(), set(), []
        for header in headers:
            name = names.get(header_key(header), "")
            if name in taken:
                name = ""
            taken.add(name)
            mapping.append(name)
        return mapping

    def _has_default(self, name: str) -> bool:
        model_field = model_field_of(self.model, name)
        return model_field is not None and model_field.has_default() and not model_field.many_to_many

    def required_fields(self) -> list[str]:
        """Fields a new record cannot do without and has no default for."""
        form = self.form(institution=None)
        return [
            name
            for name, form_field in form.fields.items()
            if form_field.required
            and name not in self.defaults
            and name not in self.hidden
            and not self._has_default(name)
            and not isinstance(form_field, forms.BooleanField)
        ]

    def field_choices(self) -> list[tuple[str, str]]:
        """(field, label) of every field a column can fill; "*" marks those a new record needs."""
        required = set(self.required_fields())
        return [(name, f"{self.field_label(name)}{' *' if name in required else ''}") for name in self.fields]

    def new_record_data(self, values: dict) -> dict:
        """A new record's values for the fields a row leaves out: ``defaults``, then the model's."""
        data = {}
        for name, default in self.defaults.items():
            value = default(values) if callable(default) else default
            if name not in values and value:
                data[name] = value
        for name in self.form._meta.fields:
            if name not in values and name not in data and self._has_default(name):
                data[name] = model_field_of(self.model, name).get_default()
        return data


class _Targets(Mapping):
    """kind -> target, from the kinds' ``imports`` entries in their apps' records.py
    (``core.registry.ImportTarget``), gathered when first read."""

    @cached_property
    def _targets(self) -> dict[str, Target]:
        return {
            kind.imports.name: Target(
                kind.imports.name,
                # A kind that imports names its workspace form (``RecordKind.form``), or a
                # subclass of it for the import.
                cast(type[Any], import_string(kind.imports.form) if kind.imports.form else kind.form_class),
                aliases=dict(kind.imports.aliases),
                defaults=dict(kind.imports.defaults),
                choice_words={name: dict(words) for name, words in kind.imports.choice_words.items()},
                key_field=kind.imports.key_field,
                hidden=tuple(kind.imports.hidden),
                match_on=tuple(kind.imports.match_on),
                steps=kind.imports.steps,
            )
            for kind in registry.kinds()
            if kind.imports is not None
        }

    def __getitem__(self, kind: str) -> Target:
        return self._targets[kind]

    def __iter__(self) -> Iterator[str]:
        return iter(self._targets)

    def __len__(self) -> int:
        return len(self._targets)


TARGETS: Mapping[str, Target] = _Targets()
