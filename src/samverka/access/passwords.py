"""Passwords of local accounts: change one's own, reset a forgotten one by e-mail, and an
administrator sending a reset link (docs/access.md).

Django's own views and tokens do the work (a link works once, for
``PASSWORD_RESET_TIMEOUT``, and no longer after the password or the last log-in
changed); Samverka adds the e-mail (``core/mail.py``, in the language of the
page it was asked from), a rate limit per address and per e-mail address, the
audit trail, and lifting a log-in lock-out once the new password is set.
Accounts that log in by single sign-on have no password, and get no link.
"""

from axes.utils import reset as reset_lockouts
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from samverka.access.events import record_account_event
from samverka.core import mail
from samverka.core.audit import client_address
from samverka.core.forms import TextRulesMixin
from samverka.core.ratelimit import Limit

# How many reset links one address (IP) and one e-mail address may ask for in an hour.
RESET_LIMITS = {
    "ip": Limit("password-reset-ip", 10, 60 * 60),
    "email": Limit("password-reset-email", 3, 60 * 60),
}


def reset_link(user) -> str:
    """The absolute, single-use link that sets a new password for ``user``."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return mail.absolute(reverse("password-reset-confirm", args=[uid, token]))


def send_reset_link(user, *, language: str) -> None:
    with translation.override(language):
        context = {
            "user": user,
            "url": reset_link(user),
            "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
            "login_url": mail.absolute(reverse("login")),
        }
        subject = _("A new password for Samverka")
        text = render_to_string("access/password_reset_email.txt", context)
    mail.send(to=[user.email], subject=subject, text=text, language=language)


def _over_limit(kind: str, value: str) -> bool:
    return not RESET_LIMITS[kind].count(value)


class ResetForm(TextRulesMixin, PasswordResetForm):
    """Django's form, sending Samverka's e-mail to each active account with a password."""

    def save(self, *, request, **kwargs):
        for user in self.get_users(self.cleaned_data["email"]):
            send_reset_link(user, language=translation.get_language())
            # asked by whoever typed the address: no one is signed in
            record_account_event(request, user, "password_reset_asked", actor=request.user)


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a link by e-mail. The answer is the same whether the address has an account or
    not (no one learns who has one); too many asks from one place or for one address are refused."""

    form_class = ResetForm
    template_name = "access/password_reset_form.html"
    success_url = reverse_lazy("password-reset-done")

    def form_valid(self, form):
        address = client_address(self.request) or "unknown"
        if _over_limit("ip", address) or _over_limit("email", form.cleaned_data["email"]):
            return render(
                self.request,
                "access/password_reset_form.html",
                {"form": form, "too_many": True},
                status=429,
            )
        form.save(request=self.request)
        return super(auth_views.PasswordResetView, self).form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "access/password_reset_confirm.html"
    success_url = reverse_lazy("password-reset-complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.user
        reset_lockouts(username=user.get_username())  # a locked-out person can log in at once
        record_account_event(self.request, user, "password_reset", actor=user)
        return response


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "access/password_reset_done.html"


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "access/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change one's own password (the old one first). Other sessions of the account end; this
    one stays signed in."""

    template_name = "core/record_form.html"
    success_url = reverse_lazy("account:overview")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_usable_password():
            messages.info(
                request,
                _("You log in with your organisation's account: Samverka keeps no password of yours."),
            )
            return HttpResponseRedirect(reverse("account:overview"))
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        record_account_event(self.request, form.user, "password_changed")
        messages.success(
            self.request, _("Your password was changed. Other sessions of your account were logged out.")
        )
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=_("Change your password"), cancel_url=reverse("account:overview"))
        return context
