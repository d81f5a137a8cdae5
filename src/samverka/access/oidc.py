"""OpenID Connect relying party (e.g. Microsoft Entra ID), on mozilla-django-oidc.

- The provider is described by its discovery document
  (``SAMVERKA_OIDC_DISCOVERY_URL``: issuer, endpoints), read when a log-in
  needs it and kept for an hour; or by its issuer and endpoints one by one.
- The claims are the validated ID token's (signature, time, audience, nonce
  and issuer checked), completed by the userinfo response when the provider
  has one: Entra ID sends app roles (``roles``) in the ID token only.
- An account is the provider's subject (issuer + ``sub``, ``ExternalIdentity``),
  not the e-mail address, which an organisation may change or give to
  someone else.
"""

import hashlib
import logging
from dataclasses import dataclass

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from samverka.access.models import ExternalIdentity
from samverka.access.sso import apply_identity, oidc_enabled

logger = logging.getLogger(__name__)
DISCOVERY_CACHE_SECONDS = 60 * 60
# What ends a log-in on the log-in page with a message rather than a server error.
REFUSALS = (SuspiciousOperation, jwt.InvalidTokenError, requests.RequestException, KeyError, ValueError)


@dataclass(frozen=True)
class Provider:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    userinfo_endpoint: str
    jwks_uri: str


def provider() -> Provider:
    """The provider's issuer and endpoints (see the module). Raises ``requests.RequestException``
    or ``ValueError`` when its discovery document cannot be read or is not one."""
    url = settings.SAMVERKA_OIDC_DISCOVERY_URL
    if not url:
        return Provider(
            issuer=settings.SAMVERKA_OIDC_ISSUER,
            authorization_endpoint=settings.OIDC_OP_AUTHORIZATION_ENDPOINT,
            token_endpoint=settings.OIDC_OP_TOKEN_ENDPOINT,
            userinfo_endpoint=settings.OIDC_OP_USER_ENDPOINT,
            jwks_uri=settings.OIDC_OP_JWKS_ENDPOINT,
        )
    key = "oidc-discovery:" + hashlib.sha256(url.encode()).hexdigest()
    document = cache.get(key)
    if document is None:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
        missing = [
            name
            for name in ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")
            if not isinstance(document.get(name), str)
        ]
        if missing:
            raise ValueError(f"The discovery document lacks {', '.join(missing)}.")
        cache.set(key, document, DISCOVERY_CACHE_SECONDS)
    return Provider(
        issuer=settings.SAMVERKA_OIDC_ISSUER or document["issuer"],
        authorization_endpoint=document["authorization_endpoint"],
        token_endpoint=document["token_endpoint"],
        userinfo_endpoint=document.get("userinfo_endpoint") or "",
        jwks_uri=document["jwks_uri"],
    )


class OidcBackend(OIDCAuthenticationBackend):
    """Accounts by the provider's subject; names, e-mail and the role from the claims."""

    def __init__(self, *args, **kwargs) -> None:
        # Every log-in (a password one too) asks every backend: nothing is read from the
        # provider until a log-in with it needs it (``authenticate``).
        self.UserModel = get_user_model()
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None
        self.provider: Provider | None = None

    def authenticate(self, request, **kwargs):
        if request is None or not oidc_enabled() or not {"code", "state"} <= request.GET.keys():
            return None
        self.provider = provider()
        self.OIDC_OP_TOKEN_ENDPOINT = self.provider.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = self.provider.userinfo_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = self.provider.jwks_uri
        return super().authenticate(request, **kwargs)

    def get_payload_data(self, token, key):
        """The ID token's claims once its signature and time are checked, and only if the
        configured provider issued it to Samverka (the library checks neither)."""
        payload = super().get_payload_data(token, key)
        audience = payload.get("aud")
        if self.OIDC_RP_CLIENT_ID not in (audience if isinstance(audience, list) else [audience]):
            raise SuspiciousOperation("The ID token was issued to another client.")
        if not self.provider or not self.provider.issuer or payload.get("iss") != self.provider.issuer:
            raise SuspiciousOperation("The ID token was issued by another provider.")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        """The ID token's claims (``payload``, validated), completed by the userinfo response."""
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            userinfo = super().get_userinfo(access_token, id_token, payload)
            if userinfo.get("sub") != payload.get("sub"):
                raise SuspiciousOperation("The userinfo response is about someone else.")
            claims = {**userinfo, **claims}
        return claims

    def verify_claims(self, claims):
        return bool(claims.get("sub")) and bool(claims.get("iss"))

    def filter_users_by_claims(self, claims):
        users = self.UserModel.objects.filter(
            external_identities__issuer=claims["iss"], external_identities__subject=claims["sub"]
        )
        if users:
            return users
        # An account made by single sign-on before accounts were keyed by the subject (its user
        # name is the e-mail address and it has no password), taken over once.
        unusable = UNUSABLE_PASSWORD_PREFIX  # made without a password
        return self.UserModel.objects.filter(
            username=self.get_username(claims), password__startswith=unusable, external_identities=None
        ).exclude(username="")

    def get_username(self, claims):
        return (claims.get("email") or claims.get("preferred_username") or "").strip().lower()

    def _apply_claims(self, user, claims):
        user.email = (claims.get("email") or user.email or "")[:254]
        user.first_name = (claims.get("given_name") or user.first_name or "")[:150]
        user.last_name = (claims.get("family_name") or user.last_name or "")[:150]
        if not (user.first_name or user.last_name) and claims.get("name"):
            first, _space, last = claims["name"].partition(" ")
            user.first_name, user.last_name = first[:150], last[:150]
        user.save()
        ExternalIdentity.objects.get_or_create(user=user, issuer=claims["iss"], subject=claims["sub"])
        values = claims.get(settings.SAMVERKA_OIDC_ROLE_CLAIM) or []
        apply_identity(user, affiliations=[values] if isinstance(values, str) else list(values), via="oidc")
        return user

    @transaction.atomic
    def create_user(self, claims):
        username = self.get_username(claims)
        if not username or self.UserModel.objects.filter(username=username).exists():
            digest = hashlib.sha256(f"{claims['iss']} {claims['sub']}".encode()).hexdigest()[:16]
            username = f"oidc-{digest}"
        user = self.UserModel.objects.create_user(username)
        return self._apply_claims(user, claims)

    @transaction.atomic
    def update_user(self, user, claims):
        return self._apply_claims(user, claims)

    def retrieve_matching_jwk(self, token):
        """The provider's key that signed ``token``: the one its ``kid`` names or, when the token
        names none (RFC 7515 lets it, and providers with one key omit it), the provider's only
        signing key of the token's algorithm. The library's own lookup failed with a KeyError."""
        header = jwt.get_unverified_header(token)
        response = requests.get(self.OIDC_OP_JWKS_ENDPOINT, timeout=settings.OIDC_TIMEOUT)
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


def _failure(request):
    messages.error(
        request,
        _(
            "Logging in with your organisation's account did not succeed. "
            "Try again, or ask your administrator."
        ),
    )
    return HttpResponseRedirect(reverse("login"))


class OidcStartView(OIDCAuthenticationRequestView):
    """Send the browser to the OpenID Connect provider (404 when OIDC is not configured)."""

    def get(self, request):
        if not oidc_enabled():
            raise Http404("OpenID Connect is not configured")
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider().authorization_endpoint
        except (requests.RequestException, ValueError) as exc:
            logger.warning(
                "The OpenID Connect provider's discovery document: %s: %s", type(exc).__name__, exc
            )
            return _failure(request)
        return super().get(request)


class OidcCallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer: a refused, broken or unverifiable answer (a token without a key
    id, expired, badly signed or from another issuer, a provider out of reach) leads back to the
    log-in page with a message, never to a server error."""

    def get(self, request):
        if not oidc_enabled():
            raise Http404("OpenID Connect is not configured")
        try:
            return super().get(request)
        except REFUSALS as exc:
            logger.warning("OpenID Connect log-in refused: %s: %s", type(exc).__name__, exc)
            return self.login_failure()

    def login_failure(self):
        return _failure(self.request)
