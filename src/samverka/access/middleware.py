from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse

from samverka.access import twofactor

# Pages a half-signed-in session may open: finishing the log-in, leaving, the language.
OPEN = {"account:two-factor-verify", "account:two-factor-setup", "logout", "set_language", "healthz"}


class SecondFactorMiddleware:
    """A session whose password is checked but whose second factor is not yet given goes nowhere else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and (state := twofactor.session_state(request)) != twofactor.OK:
            try:
                name = resolve(request.path_info).view_name
            except Resolver404:
                name = ""
            if name not in OPEN:
                target = (
                    "account:two-factor-verify" if state == twofactor.VERIFY else "account:two-factor-setup"
                )
                query = urlencode({"next": request.get_full_path()})
                return HttpResponseRedirect(f"{reverse(target)}?{query}")
        return self.get_response(request)
