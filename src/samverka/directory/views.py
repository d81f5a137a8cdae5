"""Workspace pages of organisations, people and units."""

from django.db.models import F, Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverka.activities.domain import latest_activities
from samverka.core.display import Column
from samverka.core.export import ExportColumn
from samverka.core.views import (
    RecordCreateView,
    RecordDetailView,
    RecordListView,
)
from samverka.directory.domain.affiliations import people_of
from samverka.directory.filters import OrganisationFilter, PersonFilter, UnitFilter
from samverka.directory.models import Affiliation, Organisation, Person, Unit
from samverka.interactions.views import contacts_box
from samverka.lib.subquery import related_count
from samverka.partnerships.models import CoordinatorAssignment, Partnership

RELATED_LIMIT = 20


class DuplicatesLinkMixin:
    """A list of organisations or people links to its likely duplicates, for those who may merge."""

    def page_links(self):
        links = super().page_links()
        if self.policy.allows_merging(self.model):
            url = reverse(f"directory:{self.model._meta.model_name}-duplicates")
            links.append((url, _("Likely duplicates")))
        return links


class OrganisationListView(DuplicatesLinkMixin, RecordListView):
    model = Organisation
    filterset_class = OrganisationFilter
    bulk_fields = ("type",)
    columns = (
        Column("name", _("Name"), "name", link=True),
        Column("type", _("Type"), "type"),
        Column("org_number", _("Organisation number"), "org_number"),
        Column("parent", _("Parent organisation")),
        Column("partnership_count", _("Partnerships")),
    )

    def base_queryset(self):
        return (
            super()
            .base_queryset()
            .select_related("parent")
            .annotate(partnership_count=related_count(Partnership.organisations.through, "organisation"))
        )


class OrganisationDetailView(RecordDetailView):
    template_name = "directory/organisation_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        org = self.object
        people, former = people_of(org)
        context.update(
            children=org.children.all(),
            partnerships=org.partnerships.all(),
            people=people[:RELATED_LIMIT],
            people_total=people.count(),
            former_affiliations=former[:RELATED_LIMIT],
            units=org.units.select_related("parent")[:RELATED_LIMIT],
            activities=latest_activities("organisations", org, RELATED_LIMIT),
            **contacts_box(self.policy, org),
        )
        return context


class PersonListView(DuplicatesLinkMixin, RecordListView):
    model = Person
    filterset_class = PersonFilter
    bulk_fields = ("is_public", "retention")
    columns = (
        Column("full_name", _("Name"), "name", link=True),
        Column("title", _("Title")),
        Column("side", _("Side"), "side"),
        Column("organisation", _("Organisation"), "organisation"),
        Column("unit", _("Unit")),
        Column("email", _("E-mail")),
        Column("phone", _("Phone")),
    )

    def base_queryset(self):
        people = super().base_queryset().select_related("organisation", "unit")
        if getattr(self, "exporting", False):  # the spreadsheet's column of affiliations
            places = Affiliation.objects.select_related("organisation").order_by("starts_on", "id")
            people = people.prefetch_related(Prefetch("affiliations", queryset=places))
        return people

    def export_columns(self):
        return [
            *super().export_columns(),
            ExportColumn("affiliations_text", str(_("Organisations over time"))),
        ]

    def export(self, fmt):
        self.exporting = True
        return super().export(fmt)


class PersonDetailView(RecordDetailView):
    template_name = "directory/person_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object
        context.update(
            affiliations=person.affiliations.select_related("organisation").order_by(
                F("ends_on").desc(nulls_first=True), "-starts_on", "-id"
            )[:RELATED_LIMIT],
            assignments=CoordinatorAssignment.objects.filter(person=person).select_related("partnership"),
            activities=latest_activities("people", person, RELATED_LIMIT),
            # Every seat the person has held in a governance body, the ended ones too: their history.
            seats=self.policy.scope(person.body_seats.select_related("body__partnership")).order_by(
                "-starts_on", "body__name_sv", "id"
            ),
            **contacts_box(self.policy, person),
        )
        return context


class PersonCreateView(RecordCreateView):
    """``?organisation=<id>`` adds a person on that partner's side."""

    preselect = {"organisation": Organisation}

    def get_initial(self):
        initial = super().get_initial()
        if "organisation" in initial:
            initial["side"] = "partner"
        return initial


class AffiliationCreateView(RecordCreateView):
    """``?person=<id>`` or ``?organisation=<id>``: a place of that person, or in that organisation."""

    preselect = {"person": Person, "organisation": Organisation}


class UnitListView(RecordListView):
    model = Unit
    filterset_class = UnitFilter
    bulk_fields = ("kind", "parent")
    columns = (
        Column("name", _("Name"), "name", link=True),
        Column("kind", _("Kind"), "kind"),
        Column("organisation", _("Partner organisation")),
        Column("parent", _("Part of")),
    )

    def base_queryset(self):
        return super().base_queryset().select_related("parent", "organisation")


class UnitCreateView(RecordCreateView):
    """``?organisation=<id>`` adds a unit of that partner; ``?parent=<id>`` one part of that unit."""

    preselect = {"organisation": Organisation, "parent": Unit}

    def get_initial(self):
        initial = super().get_initial()
        if "parent" in initial and "organisation" not in initial:
            parent = Unit.objects.get(pk=initial["parent"])
            if parent.organisation_id:
                initial["organisation"] = parent.organisation_id
        return initial


class UnitDetailView(RecordDetailView):
    template_name = "directory/unit_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = self.object
        context.update(
            parts=unit.children.all()[:RELATED_LIMIT],
            people=unit.people.all()[:RELATED_LIMIT],
            activities=latest_activities("units", unit, RELATED_LIMIT),
        )
        return context
