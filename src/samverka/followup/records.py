"""The kinds of record of follow-up: goals and their indicators, earmarked resources, each side's
mutual-benefit assessment and the annual report (``core.registry``;
docs/adding-a-record-kind.md)."""

from django.utils.translation import gettext_lazy as _

from samverka.core.models import Role
from samverka.core.registry import (
    ApiResource,
    Hooks,
    MenuEntry,
    Reach,
    RecordKind,
    SearchEntry,
    Trait,
    allow,
    register,
    register_menu,
)
from samverka.followup.domain.assessments import assessment_moves_on, refuse_if_submitted, withdraw_answer
from samverka.followup.domain.report import NARRATIVE
from samverka.followup.models import AnnualReport

INSTITUTION, PARTNERSHIPS = Reach.INSTITUTION, Reach.PARTNERSHIPS
IN_PARTNERSHIP = frozenset({Trait.IN_PARTNERSHIP})
# A partner representative sees their partnerships' goals, indicators and resources, and writes
# their own: their goals with the indicators of them, the resources their organisation earmarks.
PARTNER_SEES = allow("view", PARTNERSHIPS)
PARTNER_WRITES = "add change delete"


def _sided(side: str, status: str) -> dict:
    """Each side's mutual-benefit assessment (``side``, ``status``: the paths to the assessment's
    side and status): a side sees and writes its own, drafts too, and sees the other side's once
    submitted."""

    def own(actions: str, reach: Reach, whose: str) -> tuple:
        return (allow(actions, reach, **{side: whose}), allow("view", reach, **{status: "submitted"}))

    reads = own("view view_internal", INSTITUTION, "university")
    return {
        Role.ADMIN: own("view view_internal add change delete", INSTITUTION, "university"),
        Role.COORDINATOR: own("view view_internal add change delete", INSTITUTION, "university"),
        Role.PARTNERSHIP_COORDINATOR: (*reads, *own("add change delete", PARTNERSHIPS, "university")),
        Role.MANAGEMENT: reads,
        Role.STAFF: reads,
        Role.VIEWER: reads,
        Role.PARTNER: own("view add change delete", PARTNERSHIPS, "partner"),
    }


def _annual_reports(policy):
    return AnnualReport.objects.prefetch_related("versions")


SIDED = frozenset({Trait.SIDED})
REPORT_VERSION = {"version": _("version")}

register(
    RecordKind(
        "followup.goal",
        form="samverka.followup.forms.GoalForm",
        filterset="samverka.followup.filters.GoalFilter",
        list_view="samverka.followup.views.GoalListView",
        menu=(MenuEntry(100, "followup:goal-list", _("Goals")),),
        traits=IN_PARTNERSHIP,
        grants={Role.PARTNER: (PARTNER_SEES, allow(PARTNER_WRITES, PARTNERSHIPS, owner="partner"))},
        search=SearchEntry(
            120, _("Goals"), title=("title_sv", "title_en"), body=("description_sv", "description_en")
        ),
        api=ApiResource("goals", "Goals of the partnerships and their focus areas, joint or one side's."),
    ),
    RecordKind(
        "followup.indicator",
        form="samverka.followup.forms.IndicatorForm",
        filterset="samverka.followup.filters.IndicatorFilter",
        list_view="samverka.followup.views.IndicatorListView",
        traits=IN_PARTNERSHIP,
        grants={Role.PARTNER: (PARTNER_SEES, allow(PARTNER_WRITES, PARTNERSHIPS, goal__owner="partner"))},
        search=SearchEntry(
            130,
            _("Indicators"),
            title=("name_sv", "name_en"),
            body=("description_sv", "description_en", "unit"),
        ),
        api=ApiResource(
            "indicators",
            "Indicators of the goals: entered by hand per year, or computed from the records (``measure``).",
        ),
    ),
    RecordKind(
        "followup.indicatoryear",
        form="samverka.followup.forms.IndicatorYearForm",
        filterset="samverka.followup.filters.IndicatorYearFilter",
        traits=IN_PARTNERSHIP,
        grants={
            Role.PARTNER: (
                PARTNER_SEES,
                allow(PARTNER_WRITES, PARTNERSHIPS, indicator__goal__owner="partner"),
            )
        },
        api=ApiResource(
            "indicator-years",
            "An indicator's target per year and, for one entered by hand, its value and source.",
        ),
    ),
    RecordKind(
        "followup.resourcecommitment",
        form="samverka.followup.forms.ResourceCommitmentForm",
        filterset="samverka.followup.filters.ResourceCommitmentFilter",
        list_view="samverka.followup.views.ResourceCommitmentListView",
        menu=(MenuEntry(110, "followup:resourcecommitment-list", _("Resources")),),
        traits=IN_PARTNERSHIP,
        grants={Role.PARTNER: (PARTNER_SEES, allow(PARTNER_WRITES, PARTNERSHIPS, party="partner"))},
        search=SearchEntry(140, _("Earmarked resources"), title=("purpose",), body=("note",)),
        api=ApiResource(
            "resources", "Resources each party earmarks for a partnership per year, committed and used."
        ),
    ),
    RecordKind(
        "followup.assessment",
        verbs={"submitted": _("submitted")},
        form="samverka.followup.forms.AssessmentForm",
        filterset="samverka.followup.filters.AssessmentFilter",
        list_view="samverka.followup.views.AssessmentListView",
        traits=SIDED,
        grants=_sided("side", "status"),
        search=SearchEntry(150, _("Mutual-benefit assessments"), title=("summary",)),
        api=ApiResource(
            "assessments",
            "Each side's yearly mutual-benefit assessment; ``submit`` shows it to the other side "
            "and locks it.",
            extra=("status", "submitted_at"),
            actions=("samverka.api.followup.AssessmentActions",),
        ),
    ),
    RecordKind(
        "followup.assessmentanswer",
        hooks=Hooks(
            before_save=refuse_if_submitted, after_save=assessment_moves_on, before_delete=withdraw_answer
        ),
        form="samverka.followup.forms.AssessmentAnswerForm",
        filterset="samverka.followup.filters.AssessmentAnswerFilter",
        traits=SIDED,
        grants=_sided("assessment__side", "assessment__status"),
        search=SearchEntry(160, _("Assessment answers"), title=("comment",)),
        api=ApiResource(
            "assessment-answers",
            "The answers of an assessment: a rating (1–5) and a comment per goal, focus area or the whole.",
        ),
    ),
    RecordKind(
        "followup.annualreport",
        verbs={
            "report_approved": _("report approved"),
            "new_version_started": _("new version of the report started"),
        },
        change_labels=REPORT_VERSION,
        form="samverka.followup.forms.AnnualReportForm",
        filterset="samverka.followup.filters.AnnualReportFilter",
        list_view="samverka.followup.views.AnnualReportListView",
        menu=(MenuEntry(120, "followup:annualreport-list", _("Annual reports")),),
        traits=IN_PARTNERSHIP,
        # a partner representative reads the report once approved
        grants={Role.PARTNER: (allow("view", PARTNERSHIPS, status="approved"),)},
        search=SearchEntry(
            170,
            _("Annual reports"),
            title=("registry_number",),
            body=tuple(f"{name}_{language}" for name in NARRATIVE for language in ("sv", "en")),
            related=("partnership",),
        ),
        api=ApiResource(
            "annual-reports",
            "Annual follow-up reports with their narrative; ``approve`` freezes one as a new version "
            "(``versions``, the report as approved) and ``new-version`` opens it again.",
            extra=("status", "versions"),
            declared={"versions": "samverka.api.resources.REPORT_VERSIONS"},
            base_queryset=_annual_reports,
            actions=("samverka.api.followup.AnnualReportActions",),
        ),
    ),
    # every approved version of their partnerships' reports
    RecordKind("followup.reportversion", grants={Role.PARTNER: (allow("view", PARTNERSHIPS),)}),
)
register_menu(
    MenuEntry(90, "followup:portfolio", _("Portfolio"), "view_internal", kind="partnerships.partnership")
)
