"""Invitations in the workspace, and the page where an invited partner representative accepts."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from django.views.generic.edit import FormView

from samverka.access.domain import (
    InvitationError,
    accept_invitation,
    end_access,
    find_invitation,
    send_invitation,
    withdraw_invitation,
)
from samverka.access.forms import AccountForm, InvitationForm
from samverka.access.models import Invitation, InvitationState
from samverka.access.sso import oidc_enabled, saml_enabled
from samverka.core.models import Membership, Role
from samverka.core.views import RecordFormMixin, WorkspaceMixin
from samverka.directory.models import Person
from samverka.lib.textmatch import record_id
from samverka.partnerships.models import Partnership


class InvitationListView(WorkspaceMixin, TemplateView):
    """Invitations sent, and the partner representatives who have access (and until when)."""

    model = Invitation
    required_action = "invite"
    template_name = "access/invitation_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        invitations = self.scoped(Invitation, "invite").select_related(
            "partnership", "organisation", "created_by"
        )
        organisations = Partnership.organisations.through.objects.filter(
            partnership__in=self.policy.partnership_choices("invite", Invitation)
        ).values("organisation")
        representatives = (
            Membership.objects.filter(
                institution=self.institution, role=Role.PARTNER, organisation__in=organisations
            )
            .in_force(timezone.localdate())
            .select_related("user", "organisation")
            .order_by("organisation__name", "user__last_name", "user__first_name")
        )
        context.update(
            invitations=invitations[:200],
            representatives=representatives,
            can_end_access=self.policy.allows("invite", Membership),
            pending=InvitationState.PENDING,
        )
        return context


class InvitationCreateView(WorkspaceMixin, RecordFormMixin, FormView):
    """Invite a person at a partner organisation; ``?partnership=`` and ``?person=`` fill the form in."""

    model = Invitation
    required_action = "invite"
    form_class = InvitationForm

    def get_initial(self):
        initial = {"language": self.request.LANGUAGE_CODE}
        partnership = record_id(self.request.GET.get("partnership"))
        if partnership is not None:
            choices = self.policy.partnership_choices("invite", Invitation)
            if (found := choices.filter(pk=partnership).first()) is not None:
                initial["partnership"] = found.pk
                if (only := list(found.organisations.all()[:2])) and len(only) == 1:
                    initial["organisation"] = only[0]
        person = record_id(self.request.GET.get("person"))
        if person is not None and (found := self.scoped(Person).filter(pk=person).first()) is not None:
            initial.update(name=str(found), email=found.email)
            if found.organisation_id:
                initial["organisation"] = found.organisation
        return initial

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Invitation(institution=self.institution)
        return kwargs

    def form_valid(self, form):
        if refused := self.refuse_unless_permitted(form):
            return refused
        request = self.request

        def accept_url(token):
            return request.build_absolute_uri(reverse("accept-invitation", args=[token]))

        invitation = send_invitation(form.instance, actor=request.user, accept_url=accept_url)
        days = settings.SAMVERKA_INVITATION_DAYS
        message = ngettext(
            "The invitation was sent to {email}. The link works once, for {days} day.",
            "The invitation was sent to {email}. The link works once, for {days} days.",
            days,
        )
        messages.success(request, message.format(email=invitation.email, days=days))
        return HttpResponseRedirect(reverse("access:invitation-list"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Invite a partner representative")
        context["cancel_url"] = reverse("access:invitation-list")
        return context


class InvitationWithdrawView(WorkspaceMixin, View):
    model = Invitation
    required_action = "invite"

    def post(self, request, pk):
        invitation = self.get_permitted(Invitation, pk, "invite")
        try:
            withdraw_invitation(invitation, actor=request.user)
        except InvitationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("The invitation to {email} was withdrawn.").format(email=invitation.email)
            )
        return HttpResponseRedirect(reverse("access:invitation-list"))


class EndAccessView(WorkspaceMixin, View):
    """End a partner representative's access today (kept in the trail, never deleted)."""

    model = Membership
    required_action = "invite"

    def post(self, request, pk):
        membership = self.get_permitted(Membership, pk, "invite")
        if membership.role != Role.PARTNER:
            messages.error(request, _("Only a partner representative's access is ended here."))
        else:
            end_access(membership, actor=request.user)
            messages.success(request, _("{user} no longer has access.").format(user=membership.user))
        return HttpResponseRedirect(reverse("access:invitation-list"))


class AcceptInvitationView(View):
    """The page an invitation's link opens: make an account (or use the signed-in one) and get access.

    Open to everyone who has the link; the token is the only key. A used,
    withdrawn or expired link says so and changes nothing.
    """

    template_name = "access/accept.html"

    def dispatch(self, request, token):
        self.invitation = find_invitation(token)
        if self.invitation is None or self.invitation.state != InvitationState.PENDING:
            return render(
                request, "access/invitation_unusable.html", {"invitation": self.invitation}, status=410
            )
        return super().dispatch(request, token)

    def existing_user(self):
        User = get_user_model()
        return User.objects.filter(username__iexact=self.invitation.email).first()

    def page(self, request, form=None, status=200):
        context = {
            "invitation": self.invitation,
            "form": form,
            "existing": not request.user.is_authenticated and self.existing_user() is not None,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, token):
        return self.page(
            request, None if request.user.is_authenticated else AccountForm(email=self.invitation.email)
        )

    def post(self, request, token):
        if request.user.is_authenticated:
            user, form = request.user, None
        else:
            if self.existing_user() is not None:
                return self.page(request, None, status=409)
            form = AccountForm(request.POST, email=self.invitation.email)
            if not form.is_valid():
                return self.page(request, form, status=400)
            user = None
        try:
            with transaction.atomic():
                if user is None:
                    user = form.save()
                accept_invitation(self.invitation, user)
        except InvitationError as error:
            messages.error(request, " ".join(error.messages))
            return self.page(request, form, status=409)
        if not request.user.is_authenticated:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _("Welcome! You now see the partnerships of {organisation}.").format(
                organisation=self.invitation.organisation
            ),
        )
        return HttpResponseRedirect(reverse("workspace:start"))


accept_invitation_view = never_cache(AcceptInvitationView.as_view())


class LoginView(auth_views.LoginView):
    """Log-in with a local account, or (when configured) through the university's identity provider."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(saml_enabled=saml_enabled(), oidc_enabled=oidc_enabled())
        return context
