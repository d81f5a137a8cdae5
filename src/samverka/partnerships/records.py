"""The kinds of record of partnerships: the partnership, its agreements, focus areas, criteria
and coordinators (``core.registry``; docs/adding-a-record-kind.md)."""

from django.utils.translation import gettext_lazy as _

from samverka.core.models import Role
from samverka.core.registry import (
    ApiResource,
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
    ),
)
