"""Users and roles: an institution's administrator sees every membership and sets role, reach and period."""

import django_filters
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic.edit import FormView

from samverka.access.domain import save_membership
from samverka.access.forms import MembershipForm
from samverka.core.display import Column
from samverka.core.filters import InstitutionFilterSet
from samverka.core.models import Membership, Role
from samverka.core.views import RecordListView, WorkspaceMixin


class MembershipFilter(InstitutionFilterSet):
    search_fields = (
        "user__username",
        "user__first_name",
        "user__last_name",
        "user__email",
        "organisation__name",
    )

    role = django_filters.ChoiceFilter(label=gettext_lazy("Role"), choices=Role.choices)
    o = django_filters.OrderingFilter(
        fields=(("user__last_name", "name"), ("role", "role"), ("valid_until", "valid_until"))
    )

    class Meta:
        model = Membership
        fields = ["q", "role"]


class MembershipListView(RecordListView):
    model = Membership
    required_action = "administer"
    filterset_class = MembershipFilter
    title = gettext_lazy("Users and roles")
    columns = (
        Column("user", gettext_lazy("User"), "name", link=True),
        Column("role", gettext_lazy("Role"), "role"),
        Column("partnerships", gettext_lazy("Partnerships")),
        Column("organisation", gettext_lazy("Organisation")),
        Column("valid_until", gettext_lazy("Access until"), "valid_until"),
    )

    def base_queryset(self):
        return (
            super()
            .base_queryset()
            .select_related("user", "organisation")
            .prefetch_related("partnerships")
            .order_by("user__last_name", "user__first_name")
        )


class MembershipUpdateView(WorkspaceMixin, FormView):
    model = Membership
    required_action = "administer"
    form_class = MembershipForm
    template_name = "core/record_form.html"

    def get_form_kwargs(self):
        self.object = self.get_permitted(Membership, self.kwargs["pk"], "administer")
        kwargs = super().get_form_kwargs()
        kwargs.update(instance=self.object, institution=self.institution)
        return kwargs

    def form_valid(self, form):
        membership = save_membership(form, actor=self.request.user)
        messages.success(self.request, _("The access of {user} was saved.").format(user=membership.user))
        return HttpResponseRedirect(reverse("access:membership-list"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.object.user
        context["title"] = _("Access of {user}").format(user=user.get_full_name() or user.get_username())
        context["cancel_url"] = reverse("access:membership-list")
        return context
