"""How a record's values are shown in lists and on detail pages, in one place."""

import datetime
import decimal
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from samverka.core.language import (
    TextIn,
    as_written,
    in_its_language,
    is_translated,
    lang_attribute,
    shown_text,
    text_in,
)

# Text, or text translated when it is shown (gettext_lazy): django-stubs' own alias for the type check.
if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise as StrOrPromise
else:
    StrOrPromise = str | Promise

# May the user ``action`` records of a model (a policy's ``allows``)?
CanView = Callable[..., bool]


@dataclass(frozen=True)
class Column:
    """A list column: the attribute shown, its header, the ordering key (if sortable)."""

    attr: str
    header: StrOrPromise
    order: str = ""
    link: bool = False


def _link(obj: object, can_view: CanView | None = None) -> str:
    """A record's name, linked to its page if the user may open it; marked with its language."""
    url = getattr(obj, "get_absolute_url", None)
    if url is None or (can_view is not None and not can_view("view", type(obj))):
        return in_its_language(obj)
    return format_html('<a href="{}"{}>{}</a>', url(), lang_attribute(obj), obj)


def plain_value(obj: Any, attr: str) -> Any:
    """The value of ``obj.attr`` as a person reads it, typed (for a spreadsheet): choices by
    label, yes/no, related records by name, several joined by "; ", a file by its name."""
    return plain_reader(type(obj), attr)(obj)


def plain_reader(model: type, attr: str) -> Callable[[Any], Any]:
    """``plain_value`` of ``attr`` for the records of ``model``, with the field looked up once (an
    export reads a column of 100 000 records)."""
    try:
        field = model._meta.get_field(attr) if hasattr(model, "_meta") else None
    except FieldDoesNotExist:
        field = None
    if field is not None and field.choices:
        labels = dict(field.flatchoices)  # what get_FOO_display() reads, once

        def label(obj: Any) -> str | None:
            value = getattr(obj, attr)
            value = labels.get(value, value)
            return str(value) if value is not None else None

        return label
    if isinstance(field, models.ManyToManyField):
        return lambda obj: "; ".join(str(item) for item in getattr(obj, attr).all())
    if isinstance(field, models.FileField):
        return lambda obj: value.name.rsplit("/", 1)[-1] if (value := getattr(obj, attr)) else ""
    return lambda obj: plain_raw(getattr(obj, attr))


def plain_raw(value: Any) -> Any:
    """A stored value as ``plain_value`` gives it (of a field without choices, relations or files)."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if value is None or isinstance(value, int | float | decimal.Decimal | datetime.date):
        return value
    return str(value)


# Fields whose stored values are already what ``plain_raw`` gives (a DateTimeField is a DateField).
AS_STORED = (models.CharField, models.TextField, models.IntegerField, models.FloatField, models.DecimalField)


def plain_raw_reader(field: models.Field[Any, Any]) -> Callable[[Any], Any] | None:
    """``plain_raw`` for the stored values of one field (no choices, relation or file), decided
    once for a column: ``None`` where the stored value is already plain. An export of 50 000 rows
    asked ``plain_raw`` 600 000 times, and each moment looked the time zone up again."""
    if isinstance(field, models.BooleanField):
        yes, no = _("Yes"), _("No")
        return lambda value: None if value is None else (yes if value else no)
    if isinstance(field, models.DateTimeField):
        zone = timezone.get_current_timezone()
        return lambda value: (
            value.astimezone(zone).replace(tzinfo=None)
            if value is not None and timezone.is_aware(value)
            else value
        )
    if (isinstance(field, AS_STORED) or type(field) is models.DateField) and not hasattr(
        field, "from_db_value"
    ):
        return None
    return plain_raw


def format_moment(value: datetime.date) -> str:
    """A date or a moment as people here read it: a moment always in Stockholm's local time
    (it is stored in UTC), in the language's one format (samverka.formats: "2026-11-25 13:00")."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return date_format(value, "SHORT_DATETIME_FORMAT")
    return date_format(value, "SHORT_DATE_FORMAT")


def format_number(value: decimal.Decimal | int | float) -> str:
    """A number grouped by thousands in the language's way ("50 000", "50,000"); an amount
    shows its decimals only when it has any ("50 000", "1 234,50")."""
    if isinstance(value, decimal.Decimal) and value == value.to_integral_value():
        return number_format(value, decimal_pos=0, force_grouping=True)
    return number_format(value, force_grouping=True)


def display_value(
    obj: models.Model, attr: str, *, link_related: bool = True, can_view: CanView | None = None
) -> str:
    """HTML-safe display of ``obj.attr``: choices by label, relations as links, dates localised.

    ``can_view(action, model)`` (a policy's ``allows``) keeps links away from pages the
    user may not open; the related record's name is then shown as text.
    """
    return value_formatter(type(obj), attr, link_related=link_related, can_view=can_view)(obj)


def column_formatter(
    model: type[models.Model], column: Column, can_view: CanView | None
) -> Callable[[Any], str]:
    """The cells of a list's ``column`` for the records of ``model``; the link column links to the
    row's record, and a related record in it is its name, not a link of its own inside that link
    (a person in a list of a body's members)."""
    value = value_formatter(model, column.attr, link_related=not column.link, can_view=can_view)
    if not column.link:
        return value
    return lambda obj: format_html('<a href="{}">{}</a>', obj.get_absolute_url(), value(obj) or obj)


@functools.cache
def _model_field(model: type, attr: str) -> Any:
    try:
        return model._meta.get_field(attr)  # type: ignore[attr-defined]  # a model class has _meta
    except (AttributeError, FieldDoesNotExist):
        return None


def _asked_once(can_view: CanView) -> CanView:
    """``can_view``, asked once per action and kind of record."""
    answers: dict[tuple[str, type], bool] = {}

    def asked(action: str, kind: type) -> bool:
        if (action, kind) not in answers:
            answers[action, kind] = can_view(action, kind)
        return answers[action, kind]

    return asked


def value_formatter(
    model: type[models.Model], attr: str, *, link_related: bool = True, can_view: CanView | None = None
) -> Callable[[Any], str]:
    """``display_value`` of ``attr`` for the records of ``model``, with what the field is found
    once: a list shows a column of 25 records (issue 25). ``can_view`` is asked once per kind."""
    field = _model_field(model, attr)
    if can_view is not None:
        can_view = _asked_once(can_view)
    if (field is not None and field.choices) or isinstance(field, models.FileField):
        read_plain = plain_reader(model, attr)
        return lambda obj: format_html("{}", read_plain(obj) or "")
    if isinstance(field, models.ManyToManyField):

        def many(obj: Any) -> str:
            items = list(getattr(obj, attr).all())
            if not items:
                return ""
            if link_related:
                return format_html_join(", ", "{}", ((_link(item, can_view),) for item in items))
            return format_html_join(", ", "{}", ((in_its_language(item),) for item in items))

        return many
    written_in, translated = hasattr(model, "written_in"), is_translated(model, attr)
    per_language = isinstance(field, models.Field) and getattr(field, "translated_field", None) is not None
    typed = isinstance(field, models.TextField | models.CharField)
    number = isinstance(field, models.DecimalField | models.IntegerField)
    year = isinstance(field, models.IntegerField) and field.name == "year"

    def shown(obj: Any) -> str:
        value: Any
        if written_in:
            value = shown_text(obj, attr)
        else:
            value = text_in(obj, attr) if translated else getattr(obj, attr)
        if isinstance(value, bool):
            return format_html("{}", plain_raw(value))
        if value is None or value == "":
            return ""
        if isinstance(value, models.Model):
            return _link(value, can_view) if link_related else in_its_language(value)
        if isinstance(value, datetime.date):
            return format_moment(value)
        if year:
            return str(value)  # a calendar year: 2026, never "2 026"
        if number or isinstance(value, decimal.Decimal):
            return format_number(value)
        if isinstance(field, models.URLField):
            return format_html('<a href="{}">{}</a>', value, value)
        if isinstance(field, models.EmailField):
            return format_html('<a href="mailto:{}">{}</a>', value, value)
        if isinstance(value, str) and per_language:
            value = TextIn(value, field.language)  # a per-language field: "Titel (svenska)"
        elif typed:
            value = as_written(value)  # typed in one language: its words tell which (nothing for a name)
        return in_its_language(value)

    return shown


def field_label(model: type[models.Model], name: str) -> str:
    """The label of a field for people: "Titel (svenska)" for a per-language field.

    django-modeltranslation names them ``title_sv``/``title_en`` with the
    verbose name "title [sv]"; forms and record pages both show this form instead.
    """
    field: Any = model._meta.get_field(name)  # a per-language one has ``language``
    languages = dict(settings.LANGUAGES)
    original = getattr(field, "translated_field", None)
    if original is not None and field.language in languages:
        return f"{str(original.verbose_name).capitalize()} ({languages[field.language]})"
    return str(field.verbose_name).capitalize()


def detail_rows(
    obj: models.Model, fields: Iterable[str | tuple[str, StrOrPromise]], *, can_view: CanView | None = None
) -> list[tuple[str, str]]:
    """(label, value) rows of a record page; an entry is a field name or an (attribute, label) pair."""
    rows = []
    for entry in fields:
        if isinstance(entry, tuple):
            attr, label = entry
            value = getattr(obj, attr)
            rows.append(
                (
                    str(label),
                    format_moment(value) if isinstance(value, datetime.date) else format_html("{}", value),
                )
            )
        else:
            rows.append((field_label(type(obj), entry), display_value(obj, entry, can_view=can_view)))
    return rows
