"""The signed-in user's own account: two-factor authentication and log-out everywhere."""

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import TemplateView
from django.views.generic.edit import FormView
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken

from samverka.access import sessions, twofactor
from samverka.access.account_forms import CodeForm
from samverka.access.events import record_account_event
from samverka.core.models import Membership


class AccountView(LoginRequiredMixin, TemplateView):
    template_name = "access/account.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            email_language=Membership.objects.filter(user=user).values_list("language", flat=True).first(),
            languages=settings.LANGUAGES,
            device=twofactor.confirmed_device(user),
            required=twofactor.is_required(user),
            session_count=sessions.active_session_count(user),
            tokens=AuthToken.objects.filter(user=user).order_by("-created"),
        )
        return context


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("workspace:start")


class CodeStepView(LoginRequiredMixin, FormView):
    """A page that asks for a code from the user's authenticator."""

    form_class = CodeForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["device"] = self.device
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["next"] = _next_url(self.request)
        return context


class TwoFactorVerifyView(CodeStepView):
    """The second step of a log-in for a user with an authenticator."""

    template_name = "access/two_factor_verify.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.device = twofactor.confirmed_device(request.user)
        if self.device is None:
            return HttpResponseRedirect(reverse("account:two-factor-setup"))
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        twofactor.finish_log_in(self.request)
        return HttpResponseRedirect(_next_url(self.request))


class TwoFactorSetupView(CodeStepView):
    """Set up an authenticator: scan the QR code (or type the key), then give one code."""

    template_name = "access/two_factor_setup.html"
    SESSION_DEVICE = "samverka_new_totp_device"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if twofactor.session_state(request) == twofactor.VERIFY:
            # A user who already has an authenticator proves it before replacing it.
            return HttpResponseRedirect(reverse("account:two-factor-verify"))
        device_id = request.session.get(self.SESSION_DEVICE)
        self.device = TOTPDevice.objects.filter(pk=device_id, user=request.user, confirmed=False).first()
        if self.device is None:
            self.device = twofactor.new_device(request.user)
            request.session[self.SESSION_DEVICE] = self.device.pk
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        qr = segno.make(self.device.config_url, error="m")
        context.update(
            qr_svg=mark_safe(qr.svg_inline(scale=5, dark="#000", light="#fff", omitsize=False)),  # noqa: S308 - made by segno
            key=twofactor.readable_key(self.device),
            required=twofactor.is_required(self.request.user),
        )
        return context

    def form_valid(self, form):
        twofactor.confirm_device(self.request, self.device)
        self.request.session.pop(self.SESSION_DEVICE, None)
        record_account_event(self.request, self.request.user, "two_factor_on")
        messages.success(
            self.request, _("Two-factor authentication is on. Keep your phone at hand when you log in.")
        )
        return HttpResponseRedirect(_next_url(self.request))


class TwoFactorRemoveView(LoginRequiredMixin, View):
    def post(self, request):
        if twofactor.is_required(request.user):
            messages.error(
                request, _("Administrators must use two-factor authentication; it cannot be turned off.")
            )
        else:
            twofactor.remove_devices(request.user)
            record_account_event(request, request.user, "two_factor_off")
            messages.success(request, _("Two-factor authentication is off."))
        return HttpResponseRedirect(reverse("account:overview"))


class LogoutEverywhereView(LoginRequiredMixin, View):
    """End every session of the user, on every device, this one included."""

    def post(self, request):
        user = request.user
        count = sessions.end_all_sessions(user)
        record_account_event(request, user, "logged_out_everywhere", changes={"sessions": {"after": count}})
        logout(request)
        message = ngettext(
            "You were logged out everywhere ({count} session ended).",
            "You were logged out everywhere ({count} sessions ended).",
            count,
        )
        messages.success(request, message.format(count=count))
        return HttpResponseRedirect(reverse("login"))


class EmailLanguageView(LoginRequiredMixin, View):
    """The language Samverka e-mails the user in (core.mail.language_for), for every institution."""

    def post(self, request):
        language = request.POST.get("language", "")
        if language not in dict(settings.LANGUAGES):
            messages.error(request, _("Choose Swedish or English."))
        else:
            Membership.objects.filter(user=request.user).update(language=language)
            messages.success(request, _("Samverka's e-mail to you is now in the language you chose."))
        return HttpResponseRedirect(reverse("account:overview"))


class ApiTokenCreateView(LoginRequiredMixin, View):
    """A new personal API token, shown once: only its hash is kept (django-rest-knox)."""

    def post(self, request):
        name = request.POST.get("name", "").strip()[:60]
        _instance, token = AuthToken.objects.create(user=request.user)
        record_account_event(request, request.user, "token_created", changes={"name": {"after": name}})
        response = render(request, "access/api_token.html", {"token": token, "name": name})
        response["Cache-Control"] = "no-store"
        return response


class ApiTokenRevokeView(LoginRequiredMixin, View):
    def post(self, request, digest):
        deleted, _kinds = AuthToken.objects.filter(user=request.user, digest=digest).delete()
        if deleted:
            record_account_event(request, request.user, "token_revoked")
            messages.success(
                request, _("The API token was revoked; programs using it are refused from now on.")
            )
        return HttpResponseRedirect(reverse("account:overview"))
