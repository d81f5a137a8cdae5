"""Workspace pages of follow-up: goals and indicators with their figures, earmarked resources,
the mutual-benefit assessments, and a partnership's follow-up for one year."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView

from samverka.core.display import Column
from samverka.core.export import FORMATS
from samverka.core.forms import VersionForm
from samverka.core.views import (
    ConfirmedButtonView,
    RecordCreateView,
    RecordDetailView,
    RecordListView,
    RecordStepView,
    WorkspaceMixin,
)
from samverka.followup.charts import data_uri, rows_response, table_response
from samverka.followup.documents import CONTENT_TYPES, report_document, report_workbook
from samverka.followup.documents import FORMATS as DOCUMENT_FORMATS
from samverka.followup.domain.assessments import answer_rows, may_answer, record_answers, submit_assessment
from samverka.followup.domain.indicators import indicator_figures, indicators_of
from samverka.followup.domain.overview import follow_up_year, year_choices
from samverka.followup.domain.portfolio import coverage, filtered_partnerships, portfolio
from samverka.followup.domain.report import (
    LANGUAGES,
    REPORT,
    approve_report,
    report_content,
    report_year,
    start_new_version,
)
from samverka.followup.domain.report_view import ReportView, localise
from samverka.followup.domain.templates import template_choices, template_initial
from samverka.followup.filters import (
    AnnualReportFilter,
    AssessmentFilter,
    GoalFilter,
    IndicatorFilter,
    ResourceCommitmentFilter,
)
from samverka.followup.forms import AnswersForm, ApproveReportForm, NewVersionForm, PortfolioFilterForm
from samverka.followup.models import (
    AnnualReport,
    Assessment,
    Goal,
    Indicator,
    IndicatorYear,
    ReportVersion,
    ResourceCommitment,
)
from samverka.lib.subquery import related_count
from samverka.lib.years import is_plausible_year
from samverka.partnerships.models import FocusArea, Partnership, PartnershipStatus

YEARS_SHOWN = 3  # a goal's page shows its indicators this many years back, this year included


def requested_year(request) -> int:
    """The year a page is about: ``?year=`` if it is a year a record may be about (``lib.years``),
    else the current one."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if is_plausible_year(year) else timezone.localdate().year


class GoalListView(RecordListView):
    model = Goal
    filterset_class = GoalFilter
    columns = (
        Column("title", gettext_lazy("Goal"), "title", link=True),
        Column("partnership", gettext_lazy("Partnership")),
        Column("focus_area", gettext_lazy("Focus area")),
        Column("owner", gettext_lazy("Whose goal")),
        Column("indicator_count", gettext_lazy("Indicators")),
    )

    def base_queryset(self):
        return (
            super()
            .base_queryset()
            .select_related("partnership", "focus_area")
            .annotate(indicator_count=related_count(Indicator, "goal"))
        )


class GoalDetailView(RecordDetailView):
    template_name = "followup/goal_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("partnership", "focus_area")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        goal, policy = self.object, self.policy
        year = timezone.localdate().year
        years = list(range(year - YEARS_SHOWN + 1, year + 1))
        indicators = list(policy.scope(indicators_of(Goal.objects.filter(pk=goal.pk))))
        figures = indicator_figures(indicators, years)
        context.update(
            years=years,
            indicator_rows=[(indicator, figures[indicator.pk]) for indicator in indicators],
            can_add_indicator=policy.may_add(Indicator, goal=goal),
            templates=template_choices(),
        )
        return context


class OwnSideCreateView(RecordCreateView):
    """A new record of one side (``side_field``: a goal's owner, a resource's party, an
    assessment's side) starts as the user's own: a partner representative's as the partner's."""

    preselect = {"partnership": Partnership}
    side_field = ""

    def partnership_of(self, initial: dict) -> int | None:
        return initial.get("partnership")

    def get_initial(self):
        initial = super().get_initial()
        partnership_id = self.partnership_of(initial)
        if partnership_id is None:  # as in any partnership the user may add it to
            partnership_id = (
                self.policy.partnership_choices("add", self.model).values_list("pk", flat=True).first()
            )
        links = {"partnership_id": partnership_id}
        if self.policy.may_add(self.model, **{self.side_field: "partner"}, **links) and not (
            self.policy.may_add(self.model, **{self.side_field: "university"}, **links)
        ):
            initial[self.side_field] = "partner"
        return initial


class GoalCreateView(OwnSideCreateView):
    preselect = {"partnership": Partnership, "focus_area": FocusArea}
    side_field = "owner"

    def partnership_of(self, initial: dict) -> int | None:
        if "focus_area" in initial and "partnership" not in initial:
            initial["partnership"] = FocusArea.objects.get(pk=initial["focus_area"]).partnership_id
        return initial.get("partnership")


class IndicatorListView(RecordListView):
    model = Indicator
    filterset_class = IndicatorFilter
    columns = (
        Column("name", gettext_lazy("Indicator"), "name", link=True),
        Column("goal", gettext_lazy("Goal")),
        Column("partnership", gettext_lazy("Partnership")),
        Column("measure", gettext_lazy("Measured as"), "measure"),
        Column("unit", gettext_lazy("Unit")),
    )

    def base_queryset(self):
        return super().base_queryset().select_related("goal__partnership")


class IndicatorDetailView(RecordDetailView):
    template_name = "followup/indicator_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("goal__partnership", "goal__focus_area")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        indicator, policy = self.object, self.policy
        rows = list(policy.scope(IndicatorYear.objects.filter(indicator=indicator)).order_by("year"))
        this_year = timezone.localdate().year
        years = sorted({row.year for row in rows} | {this_year})
        figures = indicator_figures(
            indicators_of(Goal.objects.filter(pk=indicator.goal_id)).filter(pk=indicator.pk), years
        )
        by_year = {row.year: row for row in rows}
        context.update(
            year_rows=[(figure, by_year.get(figure.year)) for figure in figures[indicator.pk]],
            can_add_year=policy.may_add(IndicatorYear, indicator=indicator),
            next_year=max(years) + 1 if this_year in by_year else this_year,
        )
        return context


class IndicatorCreateView(RecordCreateView):
    preselect = {"goal": Goal}

    def get_initial(self):
        initial = super().get_initial()
        from_template = template_initial(self.request.GET.get("template", ""), self.institution)
        return {**from_template, **initial}


class IndicatorYearCreateView(RecordCreateView):
    preselect = {"indicator": Indicator}

    def get_initial(self):
        return {**super().get_initial(), "year": requested_year(self.request)}


class ResourceCommitmentListView(RecordListView):
    model = ResourceCommitment
    filterset_class = ResourceCommitmentFilter
    columns = (
        Column("purpose", gettext_lazy("Purpose"), "purpose", link=True),
        Column("partnership", gettext_lazy("Partnership")),
        Column("year", gettext_lazy("Year"), "year"),
        Column("party", gettext_lazy("Party"), "party"),
        Column("level", gettext_lazy("Level")),
        Column("kind", gettext_lazy("Kind")),
        Column("committed", gettext_lazy("Committed"), "committed"),
        Column("used", gettext_lazy("Used")),
    )

    def base_queryset(self):
        return super().base_queryset().select_related("partnership")


class ResourceCommitmentCreateView(OwnSideCreateView):
    side_field = "party"

    def get_initial(self):
        return {"year": timezone.localdate().year, **super().get_initial()}


class AssessmentListView(RecordListView):
    model = Assessment
    filterset_class = AssessmentFilter
    columns = (
        Column("label", gettext_lazy("Assessment"), link=True),
        Column("partnership", gettext_lazy("Partnership")),
        Column("year", gettext_lazy("Year"), "year"),
        Column("side", gettext_lazy("Side"), "side"),
        Column("status", gettext_lazy("Status")),
        Column("submitted_at", gettext_lazy("Submitted")),
    )

    def base_queryset(self):
        return super().base_queryset().select_related("partnership")


class AssessmentDetailView(RecordDetailView):
    template_name = "followup/assessment_detail.html"
    detail_fields = ("partnership", "year", "side", "status", "submitted_at", "summary")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assessment, policy = self.object, self.policy
        can_change = may_answer(policy, assessment)
        context.update(
            answer_rows=answer_rows(assessment),
            can_answer=can_change,
            can_submit=can_change,
            version_form=VersionForm(initial={"expected_version": assessment.version}),
        )
        return context


class AssessmentCreateView(OwnSideCreateView):
    side_field = "side"

    def get_initial(self):
        return {"year": timezone.localdate().year, **super().get_initial()}


class AssessmentAnswersView(RecordStepView):
    """Every answer of a draft assessment in one form."""

    model = Assessment
    form_class = AnswersForm
    title = gettext_lazy("Answer the assessment")
    template_name = "followup/answers_form.html"

    def get_record(self):
        assessment = super().get_record()
        if not may_answer(self.policy, assessment):
            raise PermissionDenied
        return assessment

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "rows": answer_rows(self.get_record())}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context["answer_fields"] = [
            (subject, form[f"rating-{key}"], form[f"comment-{key}"], form[f"version-{key}"])
            for key, subject, _answer in form.rows
        ]
        return context

    def take_step(self, assessment, form):
        count = record_answers(assessment, form.answers(), form.versions(), actor=self.request.user)
        messages.success(
            self.request,
            ngettext("{count} answer was saved.", "{count} answers were saved.", count).format(count=count),
        )


class AssessmentSubmitView(ConfirmedButtonView):
    """Submitting cannot be undone: the assessment's button leads to a page that says so first."""

    model = Assessment
    confirm = gettext_lazy(
        "Once submitted, the assessment can no longer be changed, and the other side can see it."
    )
    confirm_button = gettext_lazy("Submit the assessment")

    def is_done(self, record):
        return record.is_submitted

    def take_step(self, assessment, version):
        submit_assessment(assessment, actor=self.request.user, expected_version=version)
        return _("The assessment was submitted: the other side can now see it.")


class PartnershipFollowUpView(WorkspaceMixin, DetailView):
    """A partnership's follow-up of one year: its goals and indicators, the resources of both
    parties committed and used, and the two sides' assessments side by side."""

    model = Partnership
    template_name = "followup/partnership_followup.html"

    def get_queryset(self):
        return self.scoped(Partnership)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = requested_year(self.request)
        policy = self.policy
        context.update(
            year=year,
            years=year_choices(year),
            **follow_up_year(self.object, year, policy),
            report=policy.scope(AnnualReport.objects.filter(partnership=self.object, year=year)).first(),
            report_versions=policy.scope(
                ReportVersion.objects.filter(report__partnership=self.object, report__year=year)
            ).order_by("-number"),
            can_add={
                "annualreport": policy.may_add(AnnualReport, partnership=self.object),
                "goal": policy.may_add(Goal, partnership=self.object),
                "resourcecommitment": policy.may_add(ResourceCommitment, partnership=self.object),
                "assessment": policy.allows("add", Assessment),
            },
        )
        return context


class AnnualReportListView(RecordListView):
    model = AnnualReport
    filterset_class = AnnualReportFilter
    columns = (
        Column("year", gettext_lazy("Year"), "year", link=True),
        Column("partnership", gettext_lazy("Partnership")),
        Column("status", gettext_lazy("Status"), "status"),
        Column("registry_number", gettext_lazy("Registry number")),
        Column("updated_at", gettext_lazy("Updated"), "updated_at"),
    )

    def base_queryset(self):
        return super().base_queryset().select_related("partnership")


def report_language(request) -> str:
    """``?lang=sv|en``, else the page's language (Swedish when it is neither)."""
    language = request.GET.get("lang", "") or (get_language() or "sv")[:2]
    return language if language in LANGUAGES else "sv"


class ReportPageMixin:
    """A report's page and its downloads, live or frozen: the chart tables (``?chart=…&format=…``)
    and the documents (``?format=pdf|docx|xlsx&lang=sv|en``) come from the same ``ReportView``."""

    # A page using it defines ``report_view(language)``: the report it shows, in that language.

    def download(self, request):
        fmt = request.GET.get("format", "")
        language = report_language(request)
        view = self.report_view(language)
        key = request.GET.get("chart")
        if key is not None:
            chart = view.chart(key)
            if chart is None or fmt not in FORMATS:
                raise Http404
            return table_response(chart, fmt)
        if fmt not in DOCUMENT_FORMATS:
            raise Http404
        data = (
            report_workbook(view)
            if fmt == "xlsx"
            else report_document(view, fmt, draft=self.is_draft(), version=self.version_number())
        )
        response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
        name = slugify(f"{view.title}-{language}") or "report"
        response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
        return response

    def is_draft(self) -> bool:
        return False

    def version_number(self) -> int | None:
        return None


class AnnualReportDetailView(ReportPageMixin, RecordDetailView):
    """The report as it stands now, composed from the records, with its narrative and its steps."""

    template_name = "followup/annualreport_detail.html"
    detail_fields = ("partnership", "year", "status", "registry_number")

    def get(self, request, *args, **kwargs):
        if "format" in request.GET:
            self.object = self.get_object()
            return self.download(request)
        return super().get(request, *args, **kwargs)

    def approved_version(self) -> ReportVersion | None:
        """An approved report shows (and downloads) its latest version as approved, never the
        records as they have become since; a draft is composed from the records now."""
        if not hasattr(self, "_approved"):
            self._approved = (
                self.object.versions.order_by("-number").first() if self.object.is_approved else None
            )
        return self._approved

    def report_view(self, language: str):
        if not hasattr(self, "_views"):
            version = self.approved_version()
            self._views: dict[str, ReportView] = {}
            self._content = version.content if version else report_content(self.object)
        if language not in self._views:
            self._views[language] = localise(self._content, language)
        return self._views[language]

    def is_draft(self) -> bool:
        return not self.object.is_approved

    def version_number(self) -> int | None:
        version = self.approved_version()
        return version.number if version else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report, policy = self.object, self.policy
        view = self.report_view(report_language(self.request))
        context.update(
            report=view,
            approved_version=self.approved_version(),
            charts=[(chart, data_uri(chart)) for chart in view.charts if not chart.is_empty],
            versions=report.versions.order_by("-number"),
            can_approve=REPORT.may_approve(policy, report),
            can_start_new_version=REPORT.may_reopen(policy, report),
            languages=LANGUAGES,
            document_formats=DOCUMENT_FORMATS,
        )
        return context


class AnnualReportCreateView(RecordCreateView):
    preselect = {"partnership": Partnership}

    def get_initial(self):
        initial = super().get_initial()
        initial["year"] = requested_year(self.request) if "year" in self.request.GET else report_year()
        return initial


class ReportApproveView(RecordStepView):
    model = AnnualReport
    required_action = "approve"
    form_class = ApproveReportForm
    title = gettext_lazy("Approve the report")

    def get_initial(self):
        return {**super().get_initial(), "registry_number": self.get_record().registry_number}

    def take_step(self, report, form):
        version = approve_report(
            report,
            registry_number=form.cleaned_data["registry_number"],
            actor=self.request.user,
            expected_version=form.cleaned_data["expected_version"],
        )
        messages.success(
            self.request,
            _("The report was approved and locked (version {number}).").format(number=version.number),
        )


class ReportNewVersionView(RecordStepView):
    model = AnnualReport
    form_class = NewVersionForm
    title = gettext_lazy("Begin a new version of the report")

    def take_step(self, report, form):
        start_new_version(
            report,
            reason=form.cleaned_data["reason"],
            actor=self.request.user,
            expected_version=form.cleaned_data["expected_version"],
        )
        messages.success(
            self.request, _("The report is open for a new version; the approved one is kept as it was.")
        )


class ReportVersionDetailView(ReportPageMixin, WorkspaceMixin, DetailView):
    """An approved version of a report, as approved: it never changes."""

    model = ReportVersion
    template_name = "followup/reportversion_detail.html"

    def get_queryset(self):
        return self.scoped(ReportVersion).select_related("report__partnership")

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if "format" in request.GET:
            return self.download(request)
        return self.render_to_response(self.get_context_data(object=self.object))

    def report_view(self, language: str):
        return localise(self.object.content, language)

    def version_number(self) -> int | None:
        return self.object.number

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        view = self.report_view(report_language(self.request))
        context.update(
            report=view,
            charts=[(chart, data_uri(chart)) for chart in view.charts if not chart.is_empty],
            languages=LANGUAGES,
            document_formats=DOCUMENT_FORMATS,
        )
        return context


class PortfolioMixin(WorkspaceMixin):
    """The portfolio pages: every partnership the user may see, filtered; chart tables download.
    The institution's own people's tool: partner representatives follow their partnership up on
    its own follow-up page."""

    model = Partnership
    required_action = "view_internal"
    request: HttpRequest  # of the view it is mixed into

    def filters(self) -> PortfolioFilterForm:
        """The filters as asked, the current year when none is asked for (and shown as such)."""
        if not hasattr(self, "_filters"):
            data = self.request.GET.copy()
            data.setdefault("year", str(timezone.localdate().year))
            self._filters = PortfolioFilterForm(data, institution=self.institution)
        return self._filters

    def year(self) -> int:
        return self.filters().value("year") or timezone.localdate().year

    def partnerships(self):
        form = self.filters()
        return filtered_partnerships(
            self.scoped(Partnership).exclude(status=PartnershipStatus.ENDED),
            partner_type=form.value("partner_type") or "",
            unit=form.value("unit"),
        )

    def query_without(self, *names: str) -> str:
        query = self.request.GET.copy()
        for name in names:
            query.pop(name, None)
        return query.urlencode()


class PortfolioView(PortfolioMixin, TemplateView):
    """All partnerships side by side for management (docs/followup.md, "The portfolio")."""

    template_name = "followup/portfolio.html"

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("format")
        if fmt is None:
            return super().get(request, *args, **kwargs)
        if fmt not in FORMATS:
            raise Http404
        result = portfolio(self.partnerships(), self.year())
        if "chart" in request.GET:
            chart = result.chart(request.GET["chart"])
            if chart is None:
                raise Http404
            return table_response(chart, fmt)
        return rows_response(_("Portfolio {year}").format(year=result.year), *result.table(), fmt)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        result = portfolio(self.partnerships(), self.year())
        context.update(
            filters=self.filters(),
            download_query=self.query_without("chart", "format"),
            portfolio=result,
            totals=result.totals,
            charts=[(chart, data_uri(chart)) for chart in result.charts if not chart.is_empty],
            chart_query=self.query_without("chart", "format"),
        )
        return context


class CoverageView(PortfolioMixin, TemplateView):
    """Partnership × faculty or unit × collaboration form: is a partnership institution-wide?"""

    template_name = "followup/coverage.html"

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("format")
        if fmt is None:
            return super().get(request, *args, **kwargs)
        if fmt not in FORMATS:
            raise Http404
        result = coverage(self.partnerships(), self.year(), form=self.filters().value("form"))
        return rows_response(_("Coverage {year}").format(year=result.year), *result.table(), fmt)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        result = coverage(self.partnerships(), self.year(), form=self.filters().value("form"))
        context.update(
            filters=self.filters(),
            download_query=self.query_without("format"),
            coverage=result,
            rows=[
                (
                    partnership,
                    [counts.get(unit.pk, 0) for unit in result.units],
                    result.reached(counts),
                    forms,
                )
                for partnership, counts, forms in result.rows
            ],
        )
        return context
