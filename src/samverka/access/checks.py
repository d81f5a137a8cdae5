"""System checks of single sign-on (``samverka check``, also at start-up): settings a federation
or a provider would refuse, said before the first person tries to log in."""

from django.conf import settings
from django.core.checks import Error, Warning, register

from samverka.access.saml import reachable_for_saml
from samverka.access.sso import saml_enabled


@register("samverka")
def sso_settings(app_configs, **kwargs):
    problems = []
    if saml_enabled():
        if not (settings.SAMVERKA_SAML_TECHNICAL_CONTACT or settings.SAMVERKA_SAML_SUPPORT_CONTACT):
            problems.append(
                Warning(
                    "The SAML metadata names no technical or support contact; SWAMID requires one.",
                    hint="Set SAMVERKA_SAML_TECHNICAL_CONTACT (a function address, not a person's).",
                    id="samverka.W001",
                )
            )
        if not reachable_for_saml():
            problems.append(
                Warning(
                    "SAML log-in needs SAMVERKA_BASE_URL at https (or on localhost): browsers drop the "
                    "SAML exchange's cookie over plain HTTP elsewhere.",
                    hint=f"SAMVERKA_BASE_URL is {settings.SAMVERKA_BASE_URL}.",
                    id="samverka.W002",
                )
            )
    if settings.OIDC_RP_CLIENT_ID and not settings.SAMVERKA_OIDC_DISCOVERY_URL:
        missing = [
            name
            for name, value in (
                ("SAMVERKA_OIDC_ISSUER", settings.SAMVERKA_OIDC_ISSUER),
                ("SAMVERKA_OIDC_AUTHORIZATION_ENDPOINT", settings.OIDC_OP_AUTHORIZATION_ENDPOINT),
                ("SAMVERKA_OIDC_TOKEN_ENDPOINT", settings.OIDC_OP_TOKEN_ENDPOINT),
                ("SAMVERKA_OIDC_JWKS_ENDPOINT", settings.OIDC_OP_JWKS_ENDPOINT),
            )
            if not value
        ]
        if missing:
            problems.append(
                Error(
                    "OpenID Connect has a client id but no provider: " + ", ".join(missing) + " missing.",
                    hint="Set SAMVERKA_OIDC_DISCOVERY_URL (…/.well-known/openid-configuration) instead.",
                    id="samverka.E001",
                )
            )
    return problems
