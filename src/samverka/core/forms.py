"""Base form of every institution record: tenant-safe choices and the optimistic lock."""

import datetime
import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import ProhibitNullCharactersValidator
from django.db import models
from django.db.models import Model, QuerySet
from django.forms.models import ModelChoiceIterator, apply_limit_choices_to_to_formfield, model_to_dict
from django.forms.renderers import DjangoTemplates
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator
from django.utils.module_loading import import_string
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from samverka.core.cache import cached_for_institution, query_key
from samverka.core.display import field_label
from samverka.core.language import TextIn
from samverka.core.models import Institution, InstitutionOwned
from samverka.core.permissions import Policy
from samverka.core.references import ReferenceField, ReferencesField, reference_field_for
from samverka.lib.plaintext import refuse_control_characters
from samverka.lib.textmatch import out_of_range, record_id, record_number
from samverka.lib.years import YEAR_OUT_OF_RANGE, is_plausible_year


class FormRenderer(DjangoTemplates):
    """Every form's fields as Django renders them, but for a visible mark on the labels of the
    fields that must be filled in (``core/forms/field.html``; settings.FORM_RENDERER), and selects
    that write their options themselves (``core/forms/select.html``, the same HTML): Django
    includes a template per option, and a list's filter of 200 focus areas and partnerships spent
    a third of the page's time on them (issue 25). A choice in another language than the page
    (a name with no English version) is marked with its own (``core.language``)."""

    field_template_name = "core/forms/field.html"
    instead = {
        "django/forms/widgets/select.html": "core/forms/select.html",
        "django/forms/widgets/input_option.html": "core/forms/input_option.html",
        "django/forms/widgets/checkbox_select.html": "core/forms/multiple_input.html",
        "django/forms/widgets/radio.html": "core/forms/multiple_input.html",
    }

    def get_template(self, template_name: str) -> Any:
        return super().get_template(self.instead.get(template_name, template_name))


if TYPE_CHECKING:  # the form the mixin is mixed into
    _Form = forms.BaseForm
else:
    _Form = object


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TextRulesMixin(_Form):
    """Every form of Samverka: a text field refuses control characters (``lib.plaintext``),
    whichever way it is filled in (a page, the API, an import's row). tests/core/test_forms.py
    fails on a form of the project without it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and refuse_control_characters not in field.validators:
                # Django's own refusal of NUL is one case of ours, with a message of its own.
                field.validators = [
                    *(v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)),
                    refuse_control_characters,
                ]


class VersionForm(TextRulesMixin, forms.Form):
    """A step with nothing to fill in (sending out documents): only the version the user saw."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput)


def model_field_of(model: type[models.Model], name: str) -> Any:
    """The model field ``name`` of ``model``; None for a form-only name such as expected_version."""
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def guard_record_numbers(field: forms.Field) -> None:
    """A choice of a record refuses a number larger than any record's as "not a valid choice".

    Django would ask the database, which fails on a number too large for its column.
    """
    clean = field.clean

    def checked(value: Any) -> Any:
        if out_of_range(value):
            raise forms.ValidationError(
                field.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        return clean(value)

    field.clean = checked  # type: ignore[method-assign]


def local_year(value: datetime.date) -> int:
    """The year of a date, or of a time as the local clock shows it (its own year at the very ends
    of the calendar, where the local time would fall outside it)."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        try:
            return timezone.localtime(value).year
        except OverflowError:
            return value.year
    return value.year


def guard_years(field: forms.Field) -> None:
    """A date or time field refuses a year outside ``lib.years`` (its local year)."""
    clean = field.clean

    def checked(value: Any) -> Any:
        value = clean(value)
        if value is not None and not is_plausible_year(local_year(value)):
            raise forms.ValidationError(YEAR_OUT_OF_RANGE, code="year_out_of_range")
        return value

    field.clean = checked  # type: ignore[method-assign]


def limit_choices(
    fields: dict[str, forms.Field],
    institution: Institution | int | None,
    partnerships: QuerySet[Any] | None = None,
    policy: Policy | None = None,
) -> None:
    """Every choice of a record within ``institution`` (partnerships: those given; records that
    belong to a partnership: those the ``policy`` lets the user see), large kinds typed as
    references, record numbers guarded, dates within plausible years and with the date picker.
    Changes ``fields``."""
    for name, field in list(fields.items()):
        if isinstance(field, forms.ModelChoiceField):
            model = field.queryset.model  # type: ignore[union-attr]  # a model choice field has one
            guard_record_numbers(field)
            if partnerships is not None and model is partnerships.model:
                field.queryset = partnerships
            elif policy is not None and getattr(model, "partnership_path", None) is not None:
                field.queryset = policy.scope(model.objects.all())
            elif hasattr(model.objects, "in_institution"):
                field.queryset = model.objects.in_institution(institution)
                if policy is not None and hasattr(model, "offered_by"):  # e.g. units: their partners'
                    field.queryset = field.queryset.filter(import_string(model.offered_by)(policy))
            apply_limit_choices_to_to_formfield(field)  # the model field's own limit, as Django would
            if hasattr(model, "choice_label"):  # a label that tells same-named records apart
                field.queryset = model.objects.none() if field.queryset is None else field.queryset
                field.queryset = field.queryset.select_related(*getattr(model, "choice_related", ()))
                field.label_from_instance = _choice_label  # type: ignore[method-assign]
            if hasattr(model, "reference_search_fields"):
                fields[name] = field = reference_field_for(field)
            else:
                if isinstance(field, forms.ModelMultipleChoiceField):
                    offer_as_checkboxes(field)
                keep_choices(field, institution, policy)
        if isinstance(field, forms.DateField | forms.DateTimeField):
            guard_years(field)
        if isinstance(field.widget, forms.DateInput) and not isinstance(field.widget, DateInput):
            field.widget = DateInput(attrs=field.widget.attrs)


class KeptChoiceIterator(BaseChoiceIterator):
    """A model choice field's options as plain values and labels, made once from its records and
    kept until a record of the institution changes (``core.cache``): made from the records on every
    page view, the options of a list's filters and bulk form were half of its time (issue 25).

    Kept per language, per member (their reach) and per query: a form that narrows the records
    later (the focus areas of the chosen partnership) gets options of its own. The field itself
    still checks a chosen value against its records; only the options shown are kept.
    """

    def __init__(self, field: forms.ModelChoiceField[Any], *, made_by: Any, institution_id: int, reach: int):
        self.field, self.made_by, self.institution_id, self.reach = field, made_by, institution_id, reach
        self.kept: list[tuple[str, Any]] | None = None

    def _key(self) -> str | None:
        """The options' cache key, or None when the field offers no records at all."""
        label = self.field.label_from_instance
        digest = query_key(
            self.field.queryset,  # type: ignore[arg-type]  # a model choice field has one
            f"{label.__module__}.{label.__qualname__}",
            f"{self.made_by.__module__}.{self.made_by.__qualname__}",
            self.field.to_field_name,
            str(self.field.empty_label),
        )
        return None if digest is None else f"choices:{get_language()}:{self.reach}:{digest}"

    def _plain(self) -> list[tuple[str, Any]]:
        return [_plain_choice(value, label) for value, label in self.made_by(self.field)]

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        if self.kept is None:  # once a form: its widget reads them twice (``required``, then to show)
            key = self._key()
            self.kept = (
                self._plain()
                if key is None
                else cached_for_institution(self.institution_id, key, self._plain)
            )
        yield from self.kept

    def __len__(self) -> int:
        return len(list(self))


def _plain_choice(value: Any, label: Any) -> tuple[str, Any]:
    """An option as a value and a label that can be kept; a group as its name and its options.
    A label that knows its language keeps it (``core.language.TextIn``)."""
    if isinstance(label, list | tuple):
        return (
            value if isinstance(value, TextIn) else str(value),
            [_plain_choice(*option) for option in label],
        )
    return (str(value), label if isinstance(label, TextIn) else str(label))


def keep_choices(
    field: forms.ModelChoiceField[Any], institution: Institution | int | None, policy: Policy | None
) -> None:
    """Offer ``field``'s records as options kept until the institution's records change
    (``KeptChoiceIterator``). Only records of an institution: a change to them replaces its token
    (``core.signals``); a form without an institution, or of other records, makes them each time."""
    institution_id = institution.pk if isinstance(institution, Institution) else institution
    model = getattr(field.queryset, "model", None)
    owned = model is not None and issubclass(model, InstitutionOwned)
    kept = getattr(field.iterator, "func", None) is KeptChoiceIterator
    if institution_id is None or not owned or kept:
        return
    reach = policy.membership.pk if policy is not None and policy.membership is not None else 0
    field.iterator = functools.partial(  # type: ignore[assignment]  # called as the field's iterator class
        KeptChoiceIterator, made_by=field.iterator, institution_id=institution_id, reach=reach
    )
    field.widget.choices = field.choices


class GroupedChoiceIterator(ModelChoiceIterator):
    """A model's choices in groups named by each record's ``choice_group`` (its faculty, for a
    unit), in the order of the groups' ``choice_group_rank`` and names; the record that names its
    group comes first in it."""

    def __iter__(self) -> Iterator[Any]:
        groups: dict[str, list[Any]] = {}
        ranks: dict[str, int] = {}
        for obj in self.queryset:
            group = obj.choice_group  # a str, which may know its language (core.language.TextIn)
            groups.setdefault(group, []).append(obj)
            ranks[group] = getattr(obj, "choice_group_rank", 0)
        for group in sorted(groups, key=lambda name: (ranks[name], name.casefold())):
            members = sorted(groups[group], key=lambda obj: (str(obj) != group, str(obj).casefold()))
            yield (group, [self.choice(obj) for obj in members])

    def __len__(self) -> int:
        return self.queryset.count()


class CheckboxChoices(forms.CheckboxSelectMultiple):
    """Checkboxes in a box of their own, each group a fieldset with its name as the legend."""

    template_name = "core/widgets/checkbox_choices.html"


def offer_as_checkboxes(field: forms.ModelMultipleChoiceField) -> None:
    """Several records chosen with checkboxes, not a list that needs Ctrl-click (and keyboard
    users a way few know), grouped when the model groups its records (``choice_group``)."""
    if not isinstance(field.widget, forms.CheckboxSelectMultiple):
        field.widget = CheckboxChoices()
    model = field.queryset.model  # type: ignore[union-attr]  # a model choice field has one
    if hasattr(model, "choice_group"):
        field.queryset = field.queryset.select_related(*getattr(model, "choice_group_related", ()))  # type: ignore[union-attr]
        field.iterator = GroupedChoiceIterator
    field.widget.choices = field.choices


def formfield_for(db_field: models.Field, **kwargs: Any) -> forms.Field | None:
    """Web addresses typed without a scheme are taken as https."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class InstitutionModelForm(TextRulesMixin, forms.ModelForm):
    """A model form bound to one institution.

    Every choice of a related record is limited to the same institution, so a
    hand-crafted POST cannot link records across tenants; records an institution
    has thousands of are typed, not picked from a list (``core.references``). Editing forms carry
    the version the editor loaded (``expected_version``).
    """

    expected_version = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={"required": _("The form is missing its version; reload the page.")},
    )
    # Translated fields whose Swedish value is required (English falls back to Swedish).
    required_translated: tuple[str, ...] = ()

    class Meta:
        formfield_callback = formfield_for

    def __init__(
        self,
        *args: Any,
        institution: Institution | None,
        partnerships: QuerySet[Any] | None = None,
        policy: Policy | None = None,
        **kwargs: Any,
    ) -> None:
        """``partnerships``: those the user may link the record to (``Policy.partnership_choices``);
        ``policy``: the user's, so records of partnerships they may not see are never offered
        (nor named in a typed reference's "matches several" message)."""
        super().__init__(*args, **kwargs)
        self.institution = institution
        self.policy = policy
        limit_choices(self.fields, institution, partnerships, policy)
        for name, field in self.fields.items():
            original = getattr(model_field_of(self._meta.model, name), "translated_field", None)
            if original is not None:  # a per-language field, e.g. title_sv
                field.label = field_label(self._meta.model, name)
                field.required = (
                    name == f"{original.name}_{settings.LANGUAGE_CODE}"
                    and original.name in self.required_translated
                )
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version
        else:
            del self.fields["expected_version"]

    def taken(self, **values: object) -> Any:
        """Another record of the institution that already has these values, or None."""
        others = self._meta.model.objects.in_institution(self.institution).filter(**values)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        # Unordered, so the database finds it by the values' index rather than walking the
        # list order's index to save a sort (SQLite does, with statistics from a small table).
        return next(iter(others.order_by()[:1]), None)

    def clean_code(self) -> str | None:
        """A managed list's ``code`` (collaboration forms, kinds of body) is unique in the institution."""
        code = self.cleaned_data.get("code")
        if code and (taken := self.taken(code=code)):
            raise forms.ValidationError(_("“{name}” already has this code.").format(name=taken))
        return code

    def _get_validation_exclusions(self) -> set[str]:
        # The record's institution is set before the form is bound, so constraints that
        # include it are checked as the form's errors, never left to the database (a last
        # guard: each form names the field itself, with ``taken``).
        exclusions: set[str] = super()._get_validation_exclusions()  # type: ignore[misc]  # not in the stubs
        exclusions.discard("institution")
        return exclusions


def _choice_label(obj: Any) -> str:
    return cast(str, obj.choice_label)  # it may know its language (core.language.TextIn)


def chosen_id(form: forms.BaseForm, name: str) -> int | None:
    """The record a form's field ``name`` names, as that field reads it: a chosen option ("12"),
    a typed reference ("#12 …"), a record or, for a disabled field, the record's own value."""
    value = form[name].value()
    if isinstance(value, Model):
        return int(value.pk)
    if isinstance(value, int):
        return value
    found: int | None = record_id(value) or record_number(str(value or ""))
    return found


def narrow(form: Any, name: str, parent: str, lookup: str) -> None:
    """Offer in ``name`` only the records of the chosen ``parent`` (an agenda item of the chosen
    meeting …): a flat list of every meeting's items would be long and ambiguous."""
    field = form.fields[name]
    parent_id = chosen_id(form, parent)
    if parent_id is not None and not form.fields[parent].queryset.filter(pk=parent_id).exists():
        parent_id = None  # a parent the user may not choose narrows to nothing, never to its records
    if parent_id is None:
        field.queryset = field.queryset.none()
        field.help_text = _("Choose the {parent} first.").format(
            parent=form._meta.model._meta.get_field(parent).verbose_name
        )
    else:
        field.queryset = field.queryset.filter(**{lookup: parent_id})


def form_data_of(instance: Any, form_fields: dict[str, forms.Field]) -> dict[str, Any]:
    """A saved record as the data its form would post: the starting point of an update."""
    data: dict[str, Any] = {}
    initial = model_to_dict(instance, fields=[name for name in form_fields if name != "expected_version"])
    for name, value in initial.items():
        field = form_fields[name]
        if isinstance(field, ReferencesField):
            data[name] = "\n".join(f"#{obj.pk}" for obj in value)
        elif isinstance(field, ReferenceField):
            data[name] = f"#{value}" if value else ""
        elif isinstance(field, forms.ModelMultipleChoiceField):
            data[name] = [obj.pk for obj in value]
        elif value is None:
            data[name] = ""
        elif isinstance(value, datetime.date):
            data[name] = value.isoformat()
        else:
            data[name] = value
    return data


def changed_form(
    form_class: Any, instance: Any, changes: dict[str, Any], *, institution: Any, **form_kwargs: Any
) -> Any:
    """``form_class`` bound to change ``instance`` by ``changes`` alone: the record's own values
    as its form posts them, the changes, and the version it was read at (for
    ``core.domain.records.update_record``). ``form_kwargs``: the user's ``partnerships`` and
    ``policy``, as their pages give the form."""
    fields = form_class(instance=instance, institution=institution, **form_kwargs).fields
    data = {**form_data_of(instance, fields), **changes, "expected_version": instance.version}
    return form_class(data, instance=instance, institution=institution, **form_kwargs)
