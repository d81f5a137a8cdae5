"""What search finds: one row per kind of record, with the fields its words come from.

A kind's title words rank above its other words. Its ``internal_fields``
(internal notes) are indexed apart, and only those who may see them find
records by them. The records of later kinds (meetings, minutes, ideas) join
by adding a row here.
"""

from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from samverka.core.display import StrOrPromise


@dataclass(frozen=True)
class Searchable:
    label: str  # the model, e.g. "activities.activity"
    heading: StrOrPromise  # the group's heading on the results page
    title: tuple[str, ...]
    body: tuple[str, ...] = ()
    related: tuple[str, ...] = ()  # loaded with the hits, for their names (a meeting's body)

    @property
    def model(self):
        return apps.get_model(self.label)

    @property
    def key(self) -> str:
        """The kind in a web address (``?kind=activity``)."""
        return self.label.rsplit(".", 1)[1]

    @property
    def internal(self) -> tuple[str, ...]:
        """The internal fields that hold words (not links to other records, e.g. an idea's activities)."""
        model = self.model
        return tuple(
            name
            for name in getattr(model, "internal_fields", ())
            if not model._meta.get_field(name).is_relation
        )

    def texts(self, obj, part: str) -> list[str]:
        """The texts of one part of a record; those in the page's language first."""
        names = {"title": self.title, "body": self.body, "internal": self.internal}[part]
        mine = f"_{get_language()}"
        ordered = sorted(names, key=lambda name: not name.endswith(mine))
        return [str(getattr(obj, name) or "") for name in ordered]


SEARCHABLE = (
    Searchable(
        "partnerships.partnership",
        _("Partnerships"),
        title=("title_sv", "title_en"),
        body=("purpose_sv", "purpose_en", "public_description_sv", "public_description_en", "slug"),
    ),
    Searchable(
        "activities.activity",
        _("Activities"),
        title=("title_sv", "title_en"),
        body=("description_sv", "description_en"),
    ),
    Searchable(
        "directory.organisation",
        _("Organisations"),
        title=("name",),
        body=("org_number", "website"),
    ),
    Searchable(
        "directory.person",
        _("People"),
        title=("first_name", "last_name"),
        body=("title_sv", "title_en", "organisation_unit", "email"),
    ),
    Searchable(
        "partnerships.focusarea",
        _("Focus areas"),
        title=("name_sv", "name_en"),
        body=("description_sv", "description_en"),
    ),
    Searchable(
        "news.newsitem",
        _("News"),
        title=("title_sv", "title_en"),
        body=("summary_sv", "summary_en", "body_sv", "body_en"),
    ),
    Searchable(
        "governance.body",
        _("Governance bodies"),
        title=("name_sv", "name_en"),
        body=("remit", "cadence"),
    ),
    Searchable(
        "governance.meeting",
        _("Meetings"),
        title=("title",),
        body=("place", "registry_number"),
        related=("body",),
    ),
    Searchable(
        "governance.agendaitem",
        _("Agenda items"),
        title=("title",),
        body=("background", "minutes"),
    ),
    Searchable("governance.decision", _("Decisions"), title=("text",)),
    Searchable(
        "governance.actionitem",
        _("Actions"),
        title=("title",),
        body=("description",),
    ),
    Searchable(
        "followup.goal",
        _("Goals"),
        title=("title_sv", "title_en"),
        body=("description_sv", "description_en"),
    ),
    Searchable(
        "followup.indicator",
        _("Indicators"),
        title=("name_sv", "name_en"),
        body=("description_sv", "description_en", "unit"),
    ),
    Searchable("followup.resourcecommitment", _("Earmarked resources"), title=("purpose",), body=("note",)),
    Searchable("followup.assessment", _("Mutual-benefit assessments"), title=("summary",)),
    Searchable("followup.assessmentanswer", _("Assessment answers"), title=("comment",)),
    Searchable(
        "followup.annualreport",
        _("Annual reports"),
        title=("registry_number",),
        body=("summary", "highlights", "challenges", "next_year"),
        related=("partnership",),
    ),
    Searchable(
        "ideas.idea",
        _("Ideas"),
        title=("title",),
        body=("description", "decline_reason"),  # the submitter: internal fields, indexed apart
    ),
    Searchable("ideas.ideacontact", _("Brokered contacts"), title=("note",)),
    Searchable(
        "ideas.expertprofile",
        _("Expertise profiles"),
        title=("name",),
        body=("title", "keywords", "description", "languages", "external_id"),
    ),
)
BY_LABEL = {kind.label: kind for kind in SEARCHABLE}
BY_KEY = {kind.key: kind for kind in SEARCHABLE}


def searchable(model) -> Searchable | None:
    return BY_LABEL.get(model._meta.label_lower)
