"""Workspace pages of ideas: the list and the board by stage, an idea with its history, contacts and
suggestions, the steps of handling it, brokered contacts, expertise profiles and the statistics."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from samverka.activities.forms import ActivityForm
from samverka.activities.models import Activity
from samverka.core.display import Column
from samverka.core.domain.records import NOT_PERMITTED
from samverka.core.export import FORMATS
from samverka.core.language import sentence
from samverka.core.refusals import REFUSALS
from samverka.core.views import (
    RecordButtonView,
    RecordCreateView,
    RecordDetailView,
    RecordFormMixin,
    RecordListView,
    RecordStepView,
    WorkspaceMixin,
)
from samverka.followup.charts import rows_response
from samverka.ideas.domain.evaluation import verdicts
from samverka.ideas.domain.pipeline import (
    is_stuck,
    link_new_activity,
    move_idea,
    shown_note,
    source_of,
    stuck_since,
    take_in,
    time_in_stages,
    with_stuck,
)
from samverka.ideas.domain.statistics import idea_tables
from samverka.ideas.domain.suggestions import judge, suggest
from samverka.ideas.filters import ExpertProfileFilter, IdeaContactFilter, IdeaFilter
from samverka.ideas.forms import JudgeForm, MoveForm
from samverka.ideas.models import (
    OPEN_STAGES,
    ExpertProfile,
    Idea,
    IdeaContact,
    Stage,
    SuggestionFeedback,
    Verdict,
)
from samverka.partnerships.models import FocusArea, Partnership

BOARD_CARDS = 50  # ideas shown per stage on the board (the list shows them all)


class IdeaListView(RecordListView):
    model = Idea
    filterset_class = IdeaFilter
    columns = (
        Column("title", gettext_lazy("Title"), "title", link=True),
        Column("kind", gettext_lazy("Kind")),
        Column("stage", gettext_lazy("Stage")),
        Column("stage_since", gettext_lazy("In this stage since"), "stage_since"),
        Column("stuck", gettext_lazy("Stuck")),
        Column("partnership", gettext_lazy("Partnership")),
        Column("source", gettext_lazy("Source")),
        Column("created_at", gettext_lazy("Received"), "received"),
    )

    def base_queryset(self):
        return with_stuck(super().base_queryset().select_related("partnership"), self.institution)

    def page_links(self):
        return [
            (reverse("ideas:idea-board"), _("Board by stage")),
            (reverse("ideas:idea-statistics"), _("Statistics")),
            *super().page_links(),
        ]


class IdeaBoardView(WorkspaceMixin, TemplateView):
    """The ideas by stage, a column each; every card moves on by its own form (no dragging needed)."""

    model = Idea
    template_name = "ideas/idea_board.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = IdeaFilter(
            self.request.GET or None,
            queryset=self.scoped(Idea).select_related("partnership"),
            policy=self.policy,
        )
        ideas = filterset.qs if not filterset.is_bound or filterset.is_valid() else Idea.objects.none()
        threshold, now = stuck_since(self.institution), timezone.now()
        columns = []
        for stage in Stage:
            # open stages the longest waiting first, realised and declined the latest first
            order = ("stage_since", "pk") if stage in OPEN_STAGES else ("-stage_since", "-pk")
            in_stage = ideas.filter(stage=stage).order_by(*order)
            cards = list(in_stage[:BOARD_CARDS])
            for idea in cards:
                idea.stuck = is_stuck(idea, threshold)
                idea.days_in_stage = (now - idea.stage_since).days
                idea.can_handle = self.policy.permits("handle", idea)
            columns.append((stage, cards, in_stage.count()))
        context.update(
            title=_("Ideas by stage"),
            filterset=filterset,
            columns=columns,
            stages=Stage.choices,
            add_url=reverse("ideas:idea-create") if self.policy.allows("add", Idea) else None,
            stuck_days=self.institution.idea_stuck_days,
        )
        return context


class IdeaDetailView(RecordDetailView):
    template_name = "ideas/idea_detail.html"

    def get_detail_fields(self):
        hidden = () if self.policy.sees_internal else Idea.internal_fields
        return (
            "kind",
            "description",
            "partnership",
            "focus_area",
            "source",
            "stage",
            "decline_reason",
            *(
                name
                for name in ("submitter_name", "submitter_organisation", "submitter_email", "submitter_phone")
                if name not in hidden
            ),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        idea, policy = self.object, self.policy
        changes = list(policy.scope(idea.stage_changes.all()).select_related("created_by"))
        for change in changes:
            change.shown_note = shown_note(change, policy)
        may_handle = policy.permits("handle", idea)
        context.update(
            reference=idea.reference,
            changes=changes,
            time_in_stages=time_in_stages(idea, changes),
            stuck=is_stuck(idea, stuck_since(self.institution)),
            stuck_days=self.institution.idea_stuck_days,
            may_handle=may_handle,
            move_form=MoveForm(current=idea.stage, initial={"expected_version": idea.version}),
            contacts=list(policy.scope(idea.contacts.all()).select_related("profile", "person", "unit")),
            can_add_contact=policy.may_add(IdeaContact, idea=idea),
            may_add_activity=may_handle and policy.allows("add", Activity),
            # the activities it led to, as far as the user may see them (some may be of another
            # partnership); a partner representative sees those of their partnerships
            activities=list(policy.scope(idea.activities.all()).select_related("partnership")),
        )
        if policy.allows("view", ExpertProfile):
            found = suggest(idea, policy)
            context["suggestions"] = [
                (_("People"), found["people"]),
                (_("Units"), found["units"]),
                (_("Past activities that resemble it"), found["activities"]),
            ]
        return context


class IdeaCreateView(RecordCreateView):
    preselect = {"partnership": Partnership, "focus_area": FocusArea}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"].created_by = self.request.user  # the form knows a member's own idea
        return kwargs

    def form_valid(self, form):
        form.instance.created_by = self.request.user
        if refused := self.refuse_unless_permitted(form):
            return refused
        self.object, _secret = take_in(
            form,
            institution=self.institution,
            actor=self.request.user,
            source=source_of(self.membership),
            language=self.request.LANGUAGE_CODE,
        )
        messages.success(
            self.request,
            _("“{name}” was received as {reference}.").format(
                name=self.object, reference=self.object.reference
            ),
        )
        return HttpResponseRedirect(self.get_success_url())


class IdeaMoveView(RecordStepView):
    """Move an idea to another stage (``pipeline.move_idea``)."""

    model = Idea
    required_action = "handle"
    form_class = MoveForm
    title = gettext_lazy("Move to another stage")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "current": self.get_record().stage}

    def take_step(self, idea, form):
        idea = move_idea(
            idea,
            to_stage=form.cleaned_data["stage"],
            note=form.cleaned_data["note"],
            actor=self.request.user,
            expected_version=form.cleaned_data["expected_version"],
        )
        messages.success(
            self.request, _("“{name}” is now: {stage}.").format(name=idea, stage=idea.get_stage_display())
        )

    def get_success_url(self):
        if self.request.POST.get("next") == "board":  # back to the card, where it is now
            return f"{reverse('ideas:idea-board')}#idea-{self.get_record().pk}"
        return super().get_success_url()


class IdeaJudgeView(RecordButtonView):
    """Accept or reject one of an idea's suggestions (``suggestions.judge``); POST only."""

    model = Idea
    required_action = "handle"
    form_class = JudgeForm

    def take_form_step(self, idea, form) -> str:
        feedback = judge(
            idea,
            form.cleaned_data["suggestion"],
            form.cleaned_data["verdict"],
            policy=self.policy,
            actor=self.request.user,  # type: ignore[arg-type]  # signed in: WorkspaceMixin
            expected_version=form.cleaned_data["expected_version"],
        )
        if feedback.verdict == Verdict.REJECTED:
            return _("“{name}” was rejected.").format(name=feedback.target)
        message = _("“{name}” was accepted.").format(name=feedback.target)
        if feedback.activity_id is None:
            message += " " + _("It is now a contact of the idea.")
        return message

    def get_success_url(self, idea) -> str:
        return f"{idea.get_absolute_url()}#suggestions-heading"


class IdeaActivityCreateView(WorkspaceMixin, RecordFormMixin, TemplateView):
    """A new activity from an idea, filled in from it and linked to it (the way to "realised")."""

    model = Idea
    required_action = "handle"
    template_name = "core/record_form.html"

    def get_idea(self) -> Idea:
        if not hasattr(self, "idea"):
            self.idea = self.get_permitted(Idea, self.kwargs["pk"], "handle")
            if not self.policy.allows("add", Activity):
                raise PermissionDenied
        return self.idea

    def make_form(self, data=None):
        idea = self.get_idea()
        initial = {
            "title_sv": idea.title,
            "description_sv": idea.description,
            "partnership": idea.partnership_id,
            "focus_area": idea.focus_area_id,
            "status": "planned",
        }
        return ActivityForm(
            data=data,
            initial=initial,
            instance=Activity(institution=self.institution, created_by=self.request.user),
            institution=self.institution,
            partnerships=self.policy.partnership_choices("add", Activity),
            policy=self.policy,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        idea = self.get_idea()
        context.setdefault("form", self.make_form())
        context.update(
            title=sentence(_("New activity from “{name}”"), name=idea),
            cancel_url=idea.get_absolute_url(),
        )
        return context

    def post(self, request, pk):
        idea = self.get_idea()
        form = self.make_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        if not self.policy.permits("add", form.instance):
            form.add_error(None, NOT_PERMITTED)
            return self.render_to_response(self.get_context_data(form=form), status=403)
        try:
            activity = link_new_activity(idea, form, institution=self.institution, actor=request.user)
        except REFUSALS as exc:
            return self.refused_form(form, exc)
        messages.success(request, _("“{name}” was created and linked to the idea.").format(name=activity))
        return HttpResponseRedirect(idea.get_absolute_url())

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form))


class IdeaStatisticsView(WorkspaceMixin, TemplateView):
    """How many ideas came in per source, partnership, focus area and kind, and how far they got."""

    model = Idea
    template_name = "ideas/idea_statistics.html"

    def get(self, request, *args, **kwargs):
        self.filterset = IdeaFilter(request.GET or None, queryset=self.scoped(Idea), policy=self.policy)
        ideas = (
            self.filterset.qs
            if not self.filterset.is_bound or self.filterset.is_valid()
            else Idea.objects.none()
        )
        self.tables = idea_tables(ideas)
        self.verdicts = (
            verdicts(self.policy.scope(SuggestionFeedback.objects.filter(idea__in=ideas)))
            if self.policy.allows("view", SuggestionFeedback)
            else None
        )
        table = request.GET.get("table", "")
        if (
            (fmt := request.GET.get("format")) in FORMATS
            and table.isdigit()
            and int(table) < len(self.tables)
        ):
            chosen = self.tables[int(table)]
            return rows_response(chosen.title, chosen.headers, chosen.rows, fmt)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        for name in ("format", "table"):
            query.pop(name, None)
        context.update(
            title=_("Statistics of ideas"),
            filterset=self.filterset,
            tables=self.tables,
            verdicts=self.verdicts,
            querystring=query.urlencode(),
            formats=FORMATS,
        )
        return context


class IdeaContactListView(RecordListView):
    model = IdeaContact
    filterset_class = IdeaContactFilter
    columns = (
        Column("label", gettext_lazy("Contact"), link=True),
        Column("idea", gettext_lazy("Idea")),
        Column("outcome", gettext_lazy("Outcome"), "outcome"),
        Column("contacted_on", gettext_lazy("Contacted on"), "contacted_on"),
    )

    def base_queryset(self):
        return super().base_queryset().select_related("idea", "profile", "person", "unit")


class IdeaContactCreateView(RecordCreateView):
    preselect = {"idea": Idea}


class ExpertProfileListView(RecordListView):
    model = ExpertProfile
    filterset_class = ExpertProfileFilter
    columns = (
        Column("name", gettext_lazy("Name"), "name", link=True),
        Column("kind", gettext_lazy("Kind")),
        Column("title", gettext_lazy("Title")),
        Column("unit", gettext_lazy("Unit")),
        Column("keywords", gettext_lazy("Subject keywords")),
    )

    def base_queryset(self):
        return super().base_queryset().select_related("unit")


class ExpertProfileDetailView(RecordDetailView):
    template_name = "ideas/expertprofile_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        profile = self.object
        activities = Activity.objects.none()
        if profile.person_id:
            activities = Activity.objects.filter(people=profile.person_id)
        elif profile.kind == "unit" and profile.unit_id:
            activities = Activity.objects.filter(units=profile.unit_id)
        context["past_activities"] = list(
            self.policy.scope(activities).select_related("partnership").order_by("-starts_on", "-pk")[:20]
        )
        context["contacts"] = list(
            self.policy.scope(IdeaContact.objects.filter(profile=profile)).select_related("idea")[:20]
        )
        return context
