"""The kinds of record of partnerships: the partnership, its agreements, focus areas, criteria
and coordinators (``core.registry``; docs/adding-a-record-kind.md)."""

from django.utils.translation import gettext_lazy as _

from samverka.core.models import Role
from samverka.core.registry import (
    ApiResource,
    ImportTarget,
    MenuEntry,
    Reach,
    RecordKind,
    SearchEntry,
    Trait,
    allow,
    register,
)
from samverka.partnerships.domain.queries import partnership_list
from samverka.partnerships.models import Partnership

IN_PARTNERSHIP = frozenset({Trait.IN_PARTNERSHIP})
# A partner representative sees the partnerships their organisation is party to.
PARTNER_SEES = {Role.PARTNER: (allow("view", Reach.PARTNERSHIPS),)}


def _partner_reach(membership):
    """The partnerships a partner representative reaches: those their organisation is party to,
    until the partnership ends."""

    return (
        Partnership.objects.in_institution(membership.institution_id)
        .filter(organisations=membership.organisation_id)
        .exclude(status="ended")
    )


def _partnership_list(policy):
    return partnership_list(policy.institution)


register(
    RecordKind(
        "partnerships.partnership",
        verbs={"status_changed": _("status changed"), "criteria_updated": _("criteria assessed")},
        form="samverka.partnerships.forms.PartnershipForm",
        filterset="samverka.partnerships.filters.PartnershipFilter",
        list_view="samverka.partnerships.views.PartnershipListView",
        menu=(MenuEntry(10, "partnerships:partnership-list", _("Partnerships")),),
        traits=frozenset({Trait.PARTNERSHIP}),
        partner_reach=_partner_reach,
        grants={
            **PARTNER_SEES,
            Role.PARTNERSHIP_COORDINATOR: (allow("change", Reach.PARTNERSHIPS),),
        },
        search=SearchEntry(
            10,
            _("Partnerships"),
            title=("title_sv", "title_en"),
            body=("purpose_sv", "purpose_en", "public_description_sv", "public_description_en", "slug"),
        ),
        api=ApiResource(
            "partnerships",
            "Strategic partnerships, filtered as the workspace list (``q``, ``status``, …); ``o`` sorts.",
            extra=("activity_count",),
            declared={"activity_count": "samverka.api.resources.ACTIVITY_COUNT"},
            base_queryset=_partnership_list,
            actions=("samverka.api.timeline.TimelineActions",),
        ),
        imports=ImportTarget(
            "partnerships",
            aliases={
                "title_sv": ("partnerskap", "partnerskapets namn", "namn", "partnership", "name"),
                "title_en": ("namn på engelska", "titel på engelska", "english title", "title in english"),
                "purpose_sv": ("syfte", "syfte sv", "syfte svenska", "purpose sv", "purpose swedish"),
                "purpose_en": (
                    "syfte en",
                    "syfte engelska",
                    "syfte på engelska",
                    "purpose en",
                    "purpose english",
                    "purpose",
                ),
                "public_description_sv": (
                    "beskrivning",
                    "beskrivning sv",
                    "description sv",
                    "om partnerskapet",
                ),
                "public_description_en": ("beskrivning en", "beskrivning på engelska", "description en"),
                "links": (
                    "källa",
                    "källor",
                    "länk",
                    "länkar",
                    "webbsida",
                    "webbadress",
                    "url",
                    "source",
                    "sources",
                    "source url",
                    "web page",
                    "link",
                    "mer information",
                ),
                "published": ("publicerad", "publicera", "publik", "visas på webben", "public"),
                "university": ("lärosäte", "universitet", "högskola", "university", "hei", "institution"),
                "partners": (
                    "partner",
                    "partners",
                    "partnerorganisation",
                    "partnerorganisationer",
                    "partnerorganisationerna",
                    "partner organisation",
                    "partner organisations",
                    "partner organization",
                    "partner organizations",
                    "samverkanspartner",
                    "organisation",
                    "organisationer",
                ),
                "partner_numbers": ("orgnr", "organisationsnummer", "organisation number", "org nr"),
                "partner_type": (
                    "partnertyp",
                    "typ av partner",
                    "typ",
                    "organisationstyp",
                    "type",
                    "partner type",
                    "organisation type",
                ),
                "since": (
                    "sedan",
                    "partner sedan",
                    "start",
                    "startår",
                    "startdatum",
                    "år",
                    "since",
                    "start date",
                    "started",
                    "year",
                ),
                "agreement_ends": (
                    "avtalet löper till",
                    "avtal till",
                    "avtalet gäller till",
                    "gäller till",
                    "slut",
                    "slutdatum",
                    "avtalsslut",
                    "end",
                    "end date",
                    "ends",
                    "agreement ends",
                    "agreement end",
                    "end of agreement",
                    "valid until",
                ),
                "focus_areas": ("fokusområden", "fokusområde", "områden", "teman", "focus area", "themes"),
                "contact": ("kontaktperson", "kontakt", "samordnare", "contact", "coordinator"),
                "contact_title": (
                    "kontaktpersonens titel",
                    "titel kontaktperson",
                    "befattning",
                    "roll",
                    "contact title",
                    "contact person title",
                    "role",
                ),
                "contact_email": ("e-post", "epost", "mejl", "email", "e-mail", "contact email"),
                "contact_phone": ("telefon", "tel", "phone", "contact phone"),
            },
            defaults={"status": "active"},
            choice_words={
                "status": {
                    "aktiv": "active",
                    "aktivt": "active",
                    "pågående": "active",
                    "pågår": "active",
                    "ongoing": "active",
                    "current": "active",
                    "planerad": "prospective",
                    "planerat": "prospective",
                    "planned": "prospective",
                    "förhandling": "negotiating",
                    "under förhandling": "negotiating",
                    "avslutad": "ended",
                    "avslutat": "ended",
                    "upphört": "ended",
                    "under översyn": "under_review",
                }
            },
            form="samverka.partnerships.imports.PartnershipImportForm",
            match_on=("title_sv",),
            hidden=("organisations", "start_date", "start_precision"),
            steps="samverka.partnerships.imports.PartnershipSteps",
        ),
    ),
    # Kept by the authority: it may carry a registry number (diarienummer).
    RecordKind(
        "partnerships.agreement",
        form="samverka.partnerships.forms.AgreementForm",
        traits=IN_PARTNERSHIP | {Trait.KEPT},
    ),
    RecordKind(
        "partnerships.focusarea",
        form="samverka.partnerships.forms.FocusAreaForm",
        filterset="samverka.partnerships.filters.FocusAreaFilter",
        traits=IN_PARTNERSHIP,
        grants=PARTNER_SEES,
        search=SearchEntry(
            50, _("Focus areas"), title=("name_sv", "name_en"), body=("description_sv", "description_en")
        ),
        api=ApiResource("focus-areas", "Focus areas of partnerships."),
    ),
    RecordKind("partnerships.partnershipcriterion", traits=IN_PARTNERSHIP),
    RecordKind(
        "partnerships.coordinatorassignment",
        form="samverka.partnerships.forms.CoordinatorAssignmentForm",
        traits=IN_PARTNERSHIP,
        imports=ImportTarget(
            "coordinators",
            aliases={
                "person": ("namn", "samordnare", "kontaktperson", "e-post", "name", "coordinator", "email"),
                "partnership": ("partnerskap", "partnership"),
                "role_title_sv": ("roll", "titel", "befattning", "role", "title"),
                "role_title_en": ("roll på engelska", "role in english", "english title"),
                "starts_on": ("från", "start", "from", "since"),
                "ends_on": ("till", "slut", "until", "end"),
                "order": ("ordning", "order"),
            },
            match_on=("person", "partnership"),
        ),
    ),
)
