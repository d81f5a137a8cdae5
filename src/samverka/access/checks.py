"""System checks of single sign-on (``samverka check``, also at start-up): settings a federation
or a provider would refuse, said before the first person tries to log in."""

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.db import DatabaseError

from samverka.access.saml import reachable_for_saml
from samverka.access.sso import saml_enabled, sso_institutions


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
        unscoped = _institutions_without_scopes()
        if unscoped:
            problems.append(
                Warning(
                    "Single sign-on takes any identity of the identity providers for these institutions, "
                    "which have no scopes: " + ", ".join(unscoped) + ". With a federation's metadata "
                    "(SWAMID), anyone of any member university could log in as their staff.",
                    hint="Give each institution its scopes (Institution.sso_scopes, e.g. umu.se).",
                    id="samverka.W003",
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


def _institutions_without_scopes() -> list[str]:
    """The short names of the SSO institutions without scopes (none before the database exists)."""
    try:
        return [institution.slug for institution in sso_institutions() if not institution.scopes]
    except DatabaseError:  # not migrated yet
        return []
