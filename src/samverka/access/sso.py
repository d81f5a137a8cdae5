"""Single sign-on: SAML 2.0 (SWAMID and other federations) and OpenID Connect (e.g. Microsoft Entra ID).

Both end in ``apply_identity``: the identity provider says who the person is
and their affiliation (eduPersonAffiliation, or a claim of OIDC), and a user
of the SSO institution without a membership gets one with the role the
affiliation maps to (``SAMVERKA_SSO_AFFILIATION_ROLES``). A membership that
exists is left as it is: roles given by an administrator win. An affiliation
that maps to no role gives no access.
"""

import logging
import shutil
from pathlib import Path

import jwt
import requests
import saml2
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from djangosaml2.backends import Saml2Backend
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import SPConfig

from samverka.core.audit import action_name, record_event
from samverka.core.models import Institution, Membership, Role

# When several affiliations map to roles, the one that may do most is given.
ROLE_ORDER: list[str] = [
    Role.VIEWER,
    Role.STAFF,
    Role.MANAGEMENT,
    Role.PARTNERSHIP_COORDINATOR,
    Role.COORDINATOR,
    Role.ADMIN,
]
logger = logging.getLogger(__name__)
SAML_ATTRIBUTES = ["eduPersonPrincipalName", "mail", "displayName", "givenName", "sn", "eduPersonAffiliation"]


def sso_institution() -> Institution | None:
    queryset = Institution.objects.order_by("pk")
    if settings.SAMVERKA_SSO_INSTITUTION:
        queryset = queryset.filter(slug=settings.SAMVERKA_SSO_INSTITUTION)
    return queryset.first()


def role_for(affiliations) -> str | None:
    """The role an identity's affiliations give; "staff@umu.se" counts as "staff"."""
    mapping = settings.SAMVERKA_SSO_AFFILIATION_ROLES
    roles = {role for role in (mapping.get(a.split("@", 1)[0].strip().lower()) for a in affiliations) if role}
    return max(roles, key=ROLE_ORDER.index) if roles else None


def apply_identity(user, *, affiliations, via: str) -> Membership | None:
    institution = sso_institution()
    if institution is None:
        return None
    existing = Membership.objects.filter(user=user, institution=institution).first()
    role = role_for(affiliations)
    if existing is not None or role is None:
        return existing
    membership = Membership.objects.create(user=user, institution=institution, role=role)
    record_event(
        institution=institution,
        actor=None,
        action=action_name(membership, "created"),
        obj=membership,
        changes={
            "role": {"before": None, "after": str(Role(role).label)},
            "via": {"before": None, "after": via},
            "affiliation": {"before": None, "after": sorted(affiliations)},
        },
    )
    return membership


# --- SAML 2.0 ------------------------------------------------------------------


def saml_enabled() -> bool:
    return bool(settings.SAMVERKA_SAML_IDP_METADATA)


def saml_config(request=None) -> SPConfig:
    """The service provider's configuration, from the settings (djangosaml2's SAML_CONFIG_LOADER)."""
    if not saml_enabled():
        raise Http404("SAML is not configured")
    base = settings.SAMVERKA_BASE_URL.rstrip("/")
    config = {
        "xmlsec_binary": shutil.which("xmlsec1"),
        "entityid": f"{base}/saml2/metadata/",
        "allow_unknown_attributes": True,
        "attribute_map_dir": str(Path(saml2.__file__).parent / "attributemaps"),
        "service": {
            "sp": {
                "name": "Samverka",
                "endpoints": {
                    "assertion_consumer_service": [(f"{base}/saml2/acs/", BINDING_HTTP_POST)],
                    "single_logout_service": [(f"{base}/saml2/ls/", BINDING_HTTP_REDIRECT)],
                },
                "required_attributes": ["eduPersonPrincipalName"],
                "optional_attributes": [a for a in SAML_ATTRIBUTES if a != "eduPersonPrincipalName"],
                "want_assertions_signed": True,
                "want_response_signed": False,
                "authn_requests_signed": True,
                "allow_unsolicited": False,
            }
        },
        "metadata": {"local": [settings.SAMVERKA_SAML_IDP_METADATA]},
        "key_file": settings.SAMVERKA_SAML_KEY_FILE,
        "cert_file": settings.SAMVERKA_SAML_CERT_FILE,
        "encryption_keypairs": [
            {"key_file": settings.SAMVERKA_SAML_KEY_FILE, "cert_file": settings.SAMVERKA_SAML_CERT_FILE}
        ],
        "organization": {"name": [("Samverka", "sv")], "url": [(base, "sv")]},
    }
    sp_config = SPConfig()
    sp_config.load(config)
    return sp_config


class SamlBackend(Saml2Backend):
    """Users by eduPersonPrincipalName; names and e-mail from the assertion; the role by affiliation."""

    def clean_user_main_attribute(self, main_attribute):
        return str(main_attribute).strip().lower()

    def _update_user(self, user, attributes, attribute_mapping, force_save=False):
        user = super()._update_user(user, attributes, attribute_mapping, force_save=force_save)
        display = (attributes.get("displayName") or [""])[0]
        if display and not (user.first_name or user.last_name):
            first, _space, last = display.partition(" ")
            user.first_name, user.last_name = first[:150], last[:150]
            user.save(update_fields=["first_name", "last_name"])
        apply_identity(user, affiliations=attributes.get("eduPersonAffiliation", []), via="saml")
        return user


# --- OpenID Connect -------------------------------------------------------------


def oidc_enabled() -> bool:
    return bool(settings.OIDC_RP_CLIENT_ID and settings.OIDC_OP_AUTHORIZATION_ENDPOINT)


class OidcBackend(OIDCAuthenticationBackend):
    """Users by the provider's e-mail claim (else "sub"); the role by the ``SAMVERKA_OIDC_ROLE_CLAIM``."""

    def get_username(self, claims):
        return (claims.get("email") or claims.get("sub") or "").strip().lower()

    def filter_users_by_claims(self, claims):
        username = self.get_username(claims)
        return self.UserModel.objects.filter(username=username) if username else self.UserModel.objects.none()

    def _apply_claims(self, user, claims):
        user.email = claims.get("email", user.email) or user.email
        user.first_name = (claims.get("given_name") or user.first_name or "")[:150]
        user.last_name = (claims.get("family_name") or user.last_name or "")[:150]
        if not (user.first_name or user.last_name) and claims.get("name"):
            user.first_name, _space, user.last_name = claims["name"].partition(" ")
        user.save()
        values = claims.get(settings.SAMVERKA_OIDC_ROLE_CLAIM) or []
        apply_identity(user, affiliations=[values] if isinstance(values, str) else list(values), via="oidc")
        return user

    def create_user(self, claims):
        user = self.UserModel.objects.create_user(self.get_username(claims))
        return self._apply_claims(user, claims)

    def update_user(self, user, claims):
        return self._apply_claims(user, claims)

    def get_payload_data(self, token, key):
        """The ID token's claims once its signature and time are checked, and only if it was
        issued to Samverka (the library leaves the audience unchecked)."""
        payload = super().get_payload_data(token, key)
        audience = payload.get("aud")
        if self.OIDC_RP_CLIENT_ID not in (audience if isinstance(audience, list) else [audience]):
            raise SuspiciousOperation("The ID token was issued to another client.")
        return payload

    def retrieve_matching_jwk(self, token):
        """The provider's key that signed ``token``: the one its ``kid`` names or, when the token
        names none (RFC 7515 lets it, and providers with one key omit it), the provider's only
        signing key of the token's algorithm. The library's own lookup failed with a KeyError."""
        header = jwt.get_unverified_header(token)
        response = requests.get(
            self.OIDC_OP_JWKS_ENDPOINT,
            verify=self.get_settings("OIDC_VERIFY_SSL", True),
            timeout=self.get_settings("OIDC_TIMEOUT", None),
            proxies=self.get_settings("OIDC_PROXY", None),
        )
        response.raise_for_status()
        keys = [
            key
            for key in response.json().get("keys", [])
            if key.get("use", "sig") == "sig" and key.get("alg", header.get("alg")) == header.get("alg")
        ]
        if "kid" in header:
            keys = [key for key in keys if key.get("kid") == header["kid"]]
        if len(keys) != 1:
            raise SuspiciousOperation(f"{len(keys)} keys of the provider match the ID token's header.")
        return jwt.PyJWK(keys[0])


class OidcStartView(OIDCAuthenticationRequestView):
    """Send the browser to the OpenID Connect provider (404 when OIDC is not configured)."""

    def get(self, request):
        if not oidc_enabled():
            raise Http404("OpenID Connect is not configured")
        return super().get(request)


class OidcCallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer: a refused, broken or unverifiable answer (a token without a key
    id, expired or badly signed, a provider out of reach) leads back to the log-in page with a
    message, never to a server error."""

    def get(self, request):
        if not oidc_enabled():
            raise Http404("OpenID Connect is not configured")
        try:
            return super().get(request)
        except (
            SuspiciousOperation,
            jwt.InvalidTokenError,
            requests.RequestException,
            KeyError,
            ValueError,
        ) as exc:
            logger.warning("OpenID Connect log-in refused: %s: %s", type(exc).__name__, exc)
            return self.login_failure()

    def login_failure(self):
        messages.error(
            self.request,
            _(
                "Logging in with your organisation's account did not succeed. "
                "Try again, or ask your administrator."
            ),
        )
        return HttpResponseRedirect(reverse("login"))
