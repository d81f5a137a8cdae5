"""Base filter set of every workspace list: institution-scoped choices, a search box, sorting."""

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from samverka.core import registry
from samverka.core.forms import guard_record_numbers, keep_choices
from samverka.core.permissions import Policy
from samverka.lib.textmatch import record_number, words_condition


class InstitutionFilterSet(django_filters.FilterSet):
    """Subclasses set ``search_fields`` (searched by the ``q`` box) and an ``o`` OrderingFilter."""

    search_fields: tuple[str, ...] = ()

    q = django_filters.CharFilter(label=_("Search"), method="filter_search")

    def __init__(self, *args: Any, policy: Policy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.policy = policy
        self.institution = policy.institution

    @property
    def form(self) -> forms.Form:
        """The filters' form, made the first time it is asked for: to check a filtered list's
        query, or to be shown. A list asked without filters whose form is kept as HTML
        (``RecordListView.kept_for``) never makes it: 1.1 of the activity list's 18 ms."""
        if not hasattr(self, "_form"):
            self.limit_choices(super().form)
        form: forms.Form = self._form
        return form

    def limit_choices(self, form: Any) -> None:  # django-filter has no types
        """Choices of related records are those the user may see (``core.permissions``); a
        subclass narrows them further here, once the form is made."""
        policy = self.policy
        for field in form.fields.values():
            if isinstance(field, forms.NullBooleanField):
                # A yes/no filter left empty shows every record: "All", not Django's "Unknown".
                field.widget.choices = [
                    (value, _("All") if value in ("", "unknown") else label)
                    for value, label in field.widget.choices
                ]
            queryset = getattr(field, "queryset", None)
            if queryset is None:
                continue
            guard_record_numbers(field)
            if not hasattr(queryset.model.objects, "in_institution"):
                continue
            model = queryset.model
            if getattr(model, "partnership_path", None) is not None:
                field.queryset = policy.scope(model.objects.all())
            else:
                field.queryset = model.objects.in_institution(self.institution)
            # read when the form is shown, not for an export of the list, and kept
            keep_choices(field, self.institution, policy)

    def filter_search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        """Every word in one of ``search_fields`` (part of a word, a number), or the record as the
        search box finds it (a registered text search: inflections, synonyms), so the list's box, the
        API's ``q`` and the search page agree."""
        condition = words_condition(value, self.search_fields)
        for find in registry.text_searches():
            if (found := find(queryset.model, value, self.policy)) is not None:
                condition |= Q(pk__in=found)
        return queryset.filter(condition)


class RelatedNameFilter(django_filters.CharFilter):
    """A related record typed as in forms: ``#12`` (as links give it) or words of its name.

    The words are searched in the related model's ``reference_search_fields``
    (``lib.textmatch``). A drop-down of every organisation would send thousands
    of options with each page at a university's scale; a text box costs nothing
    and finds the same records.
    """

    def filter(self, qs: QuerySet[Any], value: str | None) -> QuerySet[Any]:
        value = (value or "").strip()
        if not value:
            return qs
        if (number := record_number(value)) is not None:
            return qs.filter(**{f"{self.field_name}__pk": number}).distinct()
        related = qs.model._meta.get_field(self.field_name).related_model
        fields = [f"{self.field_name}__{field}" for field in related.reference_search_fields]
        return qs.filter(words_condition(value, fields)).distinct()
