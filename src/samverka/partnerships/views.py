"""Workspace pages of partnerships and their agreements, focus areas, coordinators and criteria."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from samverka.access.models import Invitation
from samverka.activities.domain import partnership_activity_counts
from samverka.activities.models import Activity
from samverka.core.display import Column
from samverka.core.views import (
    RecordCreateView,
    RecordDetailView,
    RecordFileView,
    RecordListView,
    WorkspaceMixin,
)
from samverka.directory.models import Person
from samverka.governance.models import Body
from samverka.interactions.views import contacts_box
from samverka.news.models import NewsItem
from samverka.partnerships.domain.operations import (
    change_status,
    ensure_criteria,
    next_agreement_sequence,
    save_criteria,
)
from samverka.partnerships.domain.queries import (
    criteria_checklist,
    current_agreement,
    partnership_list,
)
from samverka.partnerships.domain.renewal import (
    AreaReview,
    RenewalRefused,
    areas_to_review,
    renew_agreement,
    renewal_initial,
)
from samverka.partnerships.filters import PartnershipFilter
from samverka.partnerships.forms import (
    AgreementForm,
    AreaReviewForm,
    CriterionFormSet,
    StatusForm,
)
from samverka.partnerships.models import (
    Agreement,
    CoordinatorAssignment,
    FocusArea,
    Partnership,
    PartnershipCriterion,
)

RECENT_ACTIVITIES = 10


class PartnershipListView(RecordListView):
    model = Partnership
    filterset_class = PartnershipFilter
    bulk_fields = ("next_review_date",)
    columns = (
        Column("title", gettext_lazy("Title"), "title", link=True),
        Column("organisations", gettext_lazy("Partner organisations")),
        Column("status", gettext_lazy("Status"), "status"),
        Column("start_date", gettext_lazy("Start date"), "start_date"),
        Column("next_review_date", gettext_lazy("Next review"), "next_review_date"),
        Column("activity_count", gettext_lazy("Activities"), "activity_count"),
        Column("published", gettext_lazy("Published")),
    )

    def base_queryset(self):
        return self.policy.scope(partnership_list(self.institution))


class PartnershipDetailView(RecordDetailView):
    template_name = "partnerships/partnership_detail.html"
    detail_fields = (
        "organisations",
        "status",
        ("start_display", gettext_lazy("Partnership since")),
        "next_review_date",
        "units",
        "collaboration_forms",
        "published",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        partnership = self.object
        policy = self.policy
        context.update(
            can_add={
                model._meta.model_name: policy.permits(
                    "add", model(institution_id=partnership.institution_id, partnership=partnership)
                )
                for model in (Agreement, FocusArea, CoordinatorAssignment, Activity)
            },
            can_view_people=policy.allows("view", Person),
            can_add_body=policy.permits(
                "add", Body(institution_id=partnership.institution_id, partnership=partnership)
            ),
            can_invite=policy.permits(
                "invite", Invitation(institution_id=partnership.institution_id, partnership=partnership)
            ),
            status_form=StatusForm(partnership=partnership) if partnership.allowed_statuses else None,
            **contacts_box(policy, partnership),
            # Its sections of related records are kept as HTML (``kept_for``): reading them, ten
            # short lists, was half of the page's time (issue 25). They are read only when made.
            related=SimpleLazyObject(lambda: self.related_records(partnership)),
            **self.kept_context(),
        )
        return context

    def related_records(self, partnership: Partnership) -> dict[str, Any]:
        """The records of the page's sections: agreements, focus areas, coordinators, governance
        bodies, activities (counted, and the latest), criteria and news, as the member may see them."""
        policy = self.policy
        may_see_agreements = policy.allows("view", Agreement)
        prefetch_related_objects(
            [partnership],
            *(
                [Prefetch("agreements", queryset=Agreement.objects.prefetch_related("signatories"))]
                if may_see_agreements
                else []
            ),
            # each focus area with its agreement in one query, not a second prefetch
            Prefetch("focus_areas", queryset=FocusArea.objects.select_related("agreement")),
            Prefetch(
                "coordinator_assignments", queryset=CoordinatorAssignment.objects.select_related("person")
            ),
            Prefetch("news_items", queryset=policy.scope(NewsItem.objects.order_by("-published_on"))),
        )
        agreements = list(partnership.agreements.all()) if may_see_agreements else None
        # The partnership is already the institution's: filtering by it alone lets the
        # (partnership, starts_on, id) index give the latest without reading the others.
        activities = Activity.objects.filter(partnership=partnership)
        return {
            "agreements": agreements,
            "current_agreement": current_agreement(agreements or []),
            "focus_areas": list(partnership.focus_areas.all()),
            "coordinator_assignments": list(partnership.coordinator_assignments.all()),
            "news_items": list(partnership.news_items.all()),
            "criteria": criteria_checklist(partnership)
            if policy.allows("view", PartnershipCriterion)
            else None,
            "bodies": list(
                policy.scope(
                    # name_sv: django-modeltranslation's field
                    partnership.bodies.select_related("type").order_by("level", "name_sv", "id")  # type: ignore[misc]
                )
            ),
            **partnership_activity_counts(partnership),
            "recent_activities": list(
                activities.select_related("type", "focus_area").order_by("-starts_on", "-id")[
                    :RECENT_ACTIVITIES
                ]
            ),
        }


class PartnershipStatusView(WorkspaceMixin, View):
    model = Partnership
    required_action = "change"

    def post(self, request, pk):
        partnership = self.get_permitted(Partnership, pk, "change")
        form = StatusForm(request.POST, partnership=partnership)
        if not form.is_valid():
            messages.error(request, _("Choose one of the statuses offered."))
        else:
            try:
                change_status(partnership, form.cleaned_data["status"], actor=request.user)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(
                    request,
                    _("The status is now “{status}”.").format(status=partnership.get_status_display()),
                )
        return HttpResponseRedirect(partnership.get_absolute_url())


class CriteriaUpdateView(WorkspaceMixin, TemplateView):
    model = Partnership
    required_action = "change"
    template_name = "partnerships/criteria_form.html"

    def get_partnership(self):
        return self.get_permitted(Partnership, self.kwargs["pk"], "change")

    def get_formset(self, partnership, data=None):
        ensure_criteria(partnership)
        queryset = PartnershipCriterion.objects.filter(partnership=partnership)
        formset = CriterionFormSet(data, queryset=queryset)
        return formset

    def get(self, request, pk):
        partnership = self.get_partnership()
        return self.render_to_response(
            self.get_context_data(partnership=partnership, formset=self.get_formset(partnership))
        )

    def post(self, request, pk):
        partnership = self.get_partnership()
        formset = self.get_formset(partnership, request.POST)
        if formset.is_valid():
            save_criteria(partnership, formset, actor=request.user)
            messages.success(request, _("The criteria were saved."))
            return HttpResponseRedirect(partnership.get_absolute_url())
        return self.render_to_response(self.get_context_data(partnership=partnership, formset=formset))


class PartnershipChildCreateView(RecordCreateView):
    """Create a record that belongs to a partnership; ``?partnership=<id>`` pre-selects it."""

    preselect = {"partnership": Partnership}


class AgreementDetailView(RecordDetailView):
    file_field = "signed_file"
    file_label = gettext_lazy("Download the signed agreement")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.policy.permits("add", self.object):  # a new agreement of the same partnership
            url = reverse("partnerships:agreement-renew", args=[self.object.pk])
            context["extra_actions"] = [(_("Renew agreement"), url)]
        return context


class AgreementCreateView(PartnershipChildCreateView):
    def get_initial(self):
        initial = super().get_initial()
        if "partnership" in initial:
            initial["sequence"] = next_agreement_sequence(initial["partnership"])
        return initial


class AgreementFileView(RecordFileView):
    """The signed agreement file: served only to signed-in members of the institution."""

    model = Agreement
    file_field = "signed_file"


class AgreementRenewView(WorkspaceMixin, TemplateView):
    """ "Förnya avtal": the next agreement period, following on from this one, with its focus
    areas reviewed (``partnerships.domain.renewal``)."""

    model = Agreement
    required_action = "add"
    template_name = "partnerships/agreement_renew.html"

    def forms(self, data=None):
        # a new agreement of the same partnership: refused where the user may not add one
        self.agreement = self.get_permitted(Agreement, self.kwargs["pk"], "add")
        agreement_form = AgreementForm(
            data,
            prefix="agreement",
            initial=renewal_initial(self.agreement),
            institution=self.institution,
            partnerships=self.policy.partnership_choices("add", Agreement),
            policy=self.policy,
            instance=Agreement(institution=self.institution),
        )
        areas = AreaReviewForm(data, prefix="areas", areas=areas_to_review(self.agreement))
        return agreement_form, areas

    def get(self, request, pk):
        agreement_form, areas = self.forms()
        return self.render_to_response(self.context(agreement_form, areas))

    def post(self, request, pk):
        agreement_form, areas = self.forms(request.POST)
        if not (agreement_form.is_valid() and areas.is_valid()):
            return self.render_to_response(self.context(agreement_form, areas))
        if not self.policy.permits("add", agreement_form.instance):
            raise PermissionDenied
        reviews = [
            AreaReview(
                area, areas.cleaned_data[f"area_{area.pk}"], areas.cleaned_data[f"area_{area.pk}_name"]
            )
            for area in areas.areas
        ]
        added = [line.strip() for line in areas.cleaned_data["added"].splitlines() if line.strip()]
        try:
            new = renew_agreement(agreement_form, reviews=reviews, added=added, actor=request.user)
        except RenewalRefused as refused:
            areas.add_error(None, refused.message)
            return self.render_to_response(self.context(agreement_form, areas))
        messages.success(
            request,
            _("Agreement {number} follows on from agreement {old}.").format(
                number=new.sequence, old=self.agreement.sequence
            ),
        )
        return HttpResponseRedirect(new.get_absolute_url())

    def context(self, agreement_form, areas):
        title = _("Renew agreement {number} of {partnership}").format(
            number=self.agreement.sequence, partnership=self.agreement.partnership
        )
        return {
            "title": title,
            "form": agreement_form,
            "areas": areas,
            "agreement": self.agreement,
            "cancel_url": self.agreement.get_absolute_url(),
        }
