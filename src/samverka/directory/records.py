"""The kinds of record of the directory: organisations, people and the university's units
(``core.registry``; docs/adding-a-record-kind.md)."""

from django.utils.translation import gettext_lazy as _

from samverka.core.registry import (
    ApiResource,
    Hooks,
    ImportTarget,
    MenuEntry,
    RecordKind,
    SearchEntry,
    Trait,
    register,
)
from samverka.directory.domain.affiliations import follow_main_organisation, remember_organisation
from samverka.directory.models import DataSource, Side

CONTACT = frozenset({Trait.CONTACT})
# Merging likely duplicates (``domain.merge``) and setting a pair apart (``domain.duplicates``).
DUPLICATE_VERBS = {"merged": _("merged"), "not_duplicate": _("marked as not a duplicate")}
DUPLICATE_LABELS = {"not a duplicate of": _("not a duplicate of")}
# The API's actions on organisations and people: merging duplicates, their timeline.
CONTACT_ACTIONS = ("samverka.api.merge.MergeActions", "samverka.api.timeline.TimelineActions")


def _person_side(values: dict) -> str:
    """A person with an organisation is on the partner side, one with a unit at the university."""
    if values.get("unit") and not values.get("organisation"):
        return Side.UNIVERSITY
    return Side.PARTNER if values.get("organisation") else ""


register(
    RecordKind(
        "directory.organisation",
        verbs=DUPLICATE_VERBS,
        change_labels=DUPLICATE_LABELS,
        form="samverka.directory.forms.OrganisationForm",
        filterset="samverka.directory.filters.OrganisationFilter",
        list_view="samverka.directory.views.OrganisationListView",
        menu=(MenuEntry(20, "directory:organisation-list", _("Organisations")),),
        traits=CONTACT,
        search=SearchEntry(30, _("Organisations"), title=("name",), body=("org_number", "website")),
        api=ApiResource("organisations", "Partner organisations.", actions=CONTACT_ACTIONS),
        imports=ImportTarget(
            "organisations",
            aliases={
                "name": ("organisation", "organisationsnamn", "företag", "företagsnamn", "company", "namn"),
                "org_number": (
                    "orgnr",
                    "org nr",
                    "organisationsnr",
                    "orgnummer",
                    "corporate identity number",
                    "organisation number",
                    "organization number",
                    "company registration number",
                ),
                "type": ("organisationstyp", "organisation type", "typ av organisation", "kategori"),
                "website": ("webb", "hemsida", "webbadress", "url", "web", "homepage"),
                "parent": ("moderbolag", "koncern", "parent", "parent organisation", "överordnad"),
                "notes": ("anteckningar", "kommentar", "kommentarer", "notes", "comments", "övrigt"),
            },
            choice_words={
                "type": {
                    "företag": "company",
                    "bolag": "company",
                    "aktiebolag": "company",
                    "ab": "company",
                    "kommun": "municipality",
                    "myndighet": "agency",
                    "förening": "non_profit",
                    "ideell": "non_profit",
                    "stiftelse": "non_profit",
                    "universitet": "hei",
                    "högskola": "hei",
                    "lärosäte": "hei",
                    "annan": "other",
                    "övrig": "other",
                    # as partnership lists write them (English too)
                    "kommunalt bolag": "company",
                    "business": "company",
                    "corporation": "company",
                    "industry": "company",
                    "näringsliv": "company",
                    "municipal": "municipality",
                    "county": "region",
                    "county council": "region",
                    "landsting": "region",
                    "regionen": "region",
                    "statlig myndighet": "agency",
                    "agency": "agency",
                    "authority": "agency",
                    "public agency": "agency",
                    "ideell organisation": "non_profit",
                    "idéburen organisation": "non_profit",
                    "idéburen": "non_profit",
                    "non profit": "non_profit",
                    "nonprofit": "non_profit",
                    "ngo": "non_profit",
                    "association": "non_profit",
                    "foundation": "non_profit",
                    "annat lärosäte": "hei",
                    "other hei": "hei",
                    "hei": "hei",
                    "university": "hei",
                    "higher education institution": "hei",
                    "college": "hei",
                    "research institute": "other",
                    "forskningsinstitut": "other",
                },
            },
        ),
    ),
    RecordKind(
        "directory.person",
        verbs=DUPLICATE_VERBS,
        change_labels=DUPLICATE_LABELS,
        form="samverka.directory.forms.PersonForm",
        filterset="samverka.directory.filters.PersonFilter",
        list_view="samverka.directory.views.PersonListView",
        menu=(MenuEntry(30, "directory:person-list", _("People")),),
        traits=CONTACT,
        hooks=Hooks(before_save=remember_organisation, after_save=follow_main_organisation),
        search=SearchEntry(
            40,
            _("People"),
            title=("first_name", "last_name"),
            body=("title_sv", "title_en", "organisation_unit", "email"),
            also="samverka.directory.domain.affiliations.places_text",
            followed_by=(("directory.affiliation", "person_id"),),
        ),
        api=ApiResource(
            "people",
            "People of both sides of the partnerships.",
            extra=("anonymised_at",),
            actions=CONTACT_ACTIONS,
        ),
        imports=ImportTarget(
            "people",
            aliases={
                "full_name": ("namn", "fullständigt namn", "för- och efternamn", "name", "full name"),
                "first_name": ("förnamn", "first name", "given name", "firstname"),
                "last_name": ("efternamn", "last name", "surname", "family name", "lastname"),
                "title_sv": ("titel", "befattning", "roll", "title", "job title", "position"),
                "organisation": ("organisation", "företag", "arbetsgivare", "company", "employer"),
                "unit": ("enhet", "institution", "avdelning vid universitetet", "department", "unit"),
                "organisation_unit": ("avdelning", "förvaltning", "division"),
                "email": ("epost", "e-post", "e-postadress", "mejl", "mail", "email", "e-mail"),
                "phone": ("telefon", "telefonnummer", "tel", "mobil", "mobiltelefon", "phone", "mobile"),
                "notes": ("anteckningar", "kommentar", "notes", "comments"),
                "side": ("sida", "part", "side", "lärosäte eller partner", "university or partner"),
            },
            defaults={"source": DataSource.IMPORT, "side": _person_side},
            form="samverka.directory.imports.PersonImportForm",
            steps="samverka.directory.imports.PersonSteps",
            choice_words={
                "side": {
                    "universitetet": "university",
                    "lärosätet": "university",
                    "lärosäte": "university",
                    "universitet": "university",
                    "högskolan": "university",
                    "the university": "university",
                    "university side": "university",
                    "partnern": "partner",
                    "partner side": "partner",
                    "partnerorganisation": "partner",
                    "extern": "partner",
                    "external": "partner",
                }
            },
        ),
    ),
    RecordKind(
        "directory.affiliation",
        form="samverka.directory.forms.AffiliationForm",
        filterset="samverka.directory.filters.AffiliationFilter",
        traits=CONTACT,
        api=ApiResource("affiliations", "A person's organisations over time, each with a role and a period."),
    ),
    RecordKind(
        "directory.unit",
        form="samverka.directory.forms.UnitForm",
        filterset="samverka.directory.filters.UnitFilter",
        list_view="samverka.directory.views.UnitListView",
        menu=(MenuEntry(40, "directory:unit-list", _("Units")),),
        api=ApiResource(
            "units",
            "The university's own units and, with an organisation, its partners' (hierarchy: parent).",
        ),
        imports=ImportTarget(
            "units",
            aliases={
                "name_sv": ("enhet", "namn", "unit", "name"),
                "name_en": ("namn på engelska", "engelskt namn", "english name", "name in english"),
                "kind": ("typ", "nivå", "slag", "type", "level"),
                "parent": ("överordnad", "del av", "tillhör", "fakultet", "parent", "part of", "faculty"),
                "organisation": ("organisation", "partnerorganisation", "partner", "partner organisation"),
            },
            choice_words={
                "kind": {
                    "fakultet": "faculty",
                    "fakulteten": "faculty",
                    "område": "faculty",
                    "vetenskapsområde": "faculty",
                    "institution": "department",
                    "institutionen": "department",
                    "avdelning": "department",
                    "department": "department",
                    "centrum": "centre",
                    "center": "centre",
                    "centre": "centre",
                    "förvaltning": "office",
                    "kansli": "office",
                    "office": "office",
                    "division": "division",
                    "affärsområde": "division",
                    "sektion": "section",
                    "section": "section",
                }
            },
            match_on=("name_sv",),
        ),
    ),
)
