"""Users and roles: an institution's administrator sees every membership and sets role, reach and period."""

import django_filters
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic.edit import FormView

from samverka.access.domain import save_membership
from samverka.access.events import record_account_event
from samverka.access.forms import MembershipForm
from samverka.access.passwords import send_reset_link
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
    template_name = "access/membership_form.html"

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
        context.update(membership=self.object, member=user)
        return context


class MembershipPasswordLinkView(WorkspaceMixin, View):
    """An administrator sends a member a link to set a new password (one who forgot it, or was
    locked out); it is mailed to the member, never shown to the administrator."""

    model = Membership
    required_action = "administer"

    def post(self, request, pk):
        membership = self.get_permitted(Membership, pk, "administer")
        user = membership.user
        if not user.email or not user.is_active:
            messages.error(request, _("{user} has no e-mail address to send a link to.").format(user=user))
        else:
            send_reset_link(user, language=request.LANGUAGE_CODE)
            record_account_event(request, user, "password_link_sent", actor=request.user)
            messages.success(
                request,
                _("A link to set a new password was sent to {email}. It works once.").format(
                    email=user.email
                ),
            )
        return HttpResponseRedirect(reverse("access:membership-edit", args=[membership.pk]))
