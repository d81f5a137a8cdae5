"""Filters of the lists of ideas, brokered contacts and expertise profiles (workspace and API)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from samverka.core.filters import InstitutionFilterSet, RelatedNameFilter
from samverka.directory.models import Unit
from samverka.governance.filters import YEAR
from samverka.ideas.domain.pipeline import stuck_since
from samverka.ideas.models import (
    OPEN_STAGES,
    ContactOutcome,
    ExpertProfile,
    Idea,
    IdeaContact,
    IdeaKind,
    IdeaSource,
    ProfileKind,
    Stage,
)
from samverka.lib.textmatch import words_condition
from samverka.partnerships.models import FocusArea, Partnership


class IdeaFilter(InstitutionFilterSet):
    search_fields = ("title", "description", "submitter_name", "submitter_organisation")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=IdeaKind.choices)
    stage = django_filters.MultipleChoiceFilter(label=_("Stage"), choices=Stage.choices)
    source = django_filters.ChoiceFilter(label=_("Source"), choices=IdeaSource.choices)
    partnership = django_filters.ModelChoiceFilter(label=_("Partnership"), queryset=Partnership.objects.all())
    focus_area = django_filters.ModelChoiceFilter(label=_("Focus area"), queryset=FocusArea.objects.all())
    stuck = django_filters.BooleanFilter(label=_("Stuck"), method="filter_stuck")
    year = django_filters.NumberFilter(
        label=_("Year received"), field_name="created_at", lookup_expr="year", **YEAR
    )
    o = django_filters.OrderingFilter(
        fields=(("created_at", "received"), ("stage_since", "stage_since"), ("title", "title")),
    )

    class Meta:
        model = Idea
        fields = ["q", "kind", "stage", "source", "partnership", "focus_area", "stuck", "year"]

    def filter_search(self, queryset, name, value):
        """Words of the submitter only for those who may see who sent an idea."""
        fields = self.search_fields
        if not self.policy.sees_internal:
            fields = tuple(field for field in fields if field not in Idea.internal_fields)
        return queryset.filter(words_condition(value, fields))

    def filter_stuck(self, queryset, name, value):
        stuck = {"stage__in": OPEN_STAGES, "stage_since__lt": stuck_since(self.institution)}
        return queryset.filter(**stuck) if value else queryset.exclude(**stuck)


class IdeaContactFilter(InstitutionFilterSet):
    search_fields = ("note", "profile__name", "person__first_name", "person__last_name", "unit__name")
    idea = RelatedNameFilter(label=_("Idea"))
    outcome = django_filters.ChoiceFilter(label=_("Outcome"), choices=ContactOutcome.choices)
    partnership = django_filters.ModelChoiceFilter(
        label=_("Partnership"), field_name="idea__partnership", queryset=Partnership.objects.all()
    )
    o = django_filters.OrderingFilter(fields=(("created_at", "created"), ("contacted_on", "contacted_on")))

    class Meta:
        model = IdeaContact
        fields = ["q", "idea", "outcome", "partnership"]


class ExpertProfileFilter(InstitutionFilterSet):
    search_fields = ("name", "title", "keywords", "description", "languages", "external_id")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ProfileKind.choices)
    unit = django_filters.ModelChoiceFilter(label=_("Unit"), queryset=Unit.objects.own())
    o = django_filters.OrderingFilter(fields=(("name", "name"), ("updated_at", "updated")))

    class Meta:
        model = ExpertProfile
        fields = ["q", "kind", "unit"]
