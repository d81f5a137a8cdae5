"""SAML 2.0 service provider (SWAMID and other federations), on djangosaml2 and pysaml2.

The metadata is what a federation operator registers (docs/install.md): the
organisation in Swedish and English, ``mdui`` names, description and privacy
statement, technical, support and security contacts, the entity categories the
identity providers release attributes by, and SHA-256 algorithms only. It
advertises no single logout: logging out of Samverka ends the Samverka session
only (docs/access.md).
"""

import logging
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import saml2
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from djangosaml2.backends import Saml2Backend
from djangosaml2.middleware import SamlSessionMiddleware
from djangosaml2.views import LoginView as Saml2LoginView
from saml2 import BINDING_HTTP_POST, md
from saml2.config import SPConfig
from saml2.extension import algsupport
from saml2.metadata import entity_descriptor
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from samverka.access.sso import apply_identity, saml_enabled, sso_institution
from samverka.lib.scopes import scope_of

logger = logging.getLogger(__name__)

# What the service provider asks for: REFEDS Research & Scholarship's attribute bundle.
REQUIRED_ATTRIBUTES = ["eduPersonPrincipalName"]
OPTIONAL_ATTRIBUTES = ["mail", "displayName", "givenName", "sn", "eduPersonScopedAffiliation"]
# Algorithms the metadata declares and the service provider uses: SHA-256 only.
DIGEST_ALGORITHMS = {DIGEST_SHA256}
SIGNING_ALGORITHMS = {
    SIG_RSA_SHA256,
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
    "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1",
}
SECURITY_CONTACT_TYPE = "http://refeds.org/metadata/contactType/security"
REMD = "http://refeds.org/metadata"


def _both_languages(make) -> dict[str, str]:
    """``make()`` in Swedish and in English."""
    texts = {}
    for language in ("sv", "en"):
        with translation.override(language):
            texts[language] = str(make())
    return texts


def _contact(kind: str, value: str) -> dict | None:
    """A pysaml2 contact from "Name <address>" or an address."""
    if not value:
        return None
    name, _lt, address = value.rpartition("<")
    address = address.rstrip(">").strip() if _lt else value.strip()
    contact = {
        "contact_type": "other" if kind == "security" else kind,
        "email_address": [f"mailto:{address}"],
    }
    if name.strip():
        contact["given_name"] = name.strip()
    return contact


def metadata_settings() -> dict:
    """The parts of the metadata an installation sets, with the SSO institution's own name and
    website as the organisation unless the settings say otherwise."""
    base = settings.SAMVERKA_BASE_URL.rstrip("/")
    institution = sso_institution()
    own_name = {
        language: institution and getattr(institution, f"name_{language}", "") for language in ("sv", "en")
    }  # the name's translations (django-modeltranslation)
    name = {
        "sv": settings.SAMVERKA_SAML_ORGANIZATION_NAME_SV or own_name["sv"] or "Samverka",
        "en": settings.SAMVERKA_SAML_ORGANIZATION_NAME_EN or own_name["en"] or own_name["sv"] or "Samverka",
    }
    url = settings.SAMVERKA_SAML_ORGANIZATION_URL or (institution and institution.website) or base
    privacy = {}
    for language in ("sv", "en"):
        with translation.override(language):
            privacy[language] = base + reverse("public:privacy-notice")
    return {
        "organization": name,
        "organization_url": url,
        "display_name": _both_languages(
            lambda: _("Samverka – %(organisation)s") % {"organisation": name[translation.get_language()]}
        ),
        "description": _both_languages(
            lambda: _(
                "The university's system for its strategic partnerships with regions, "
                "municipalities and companies: agreements, governance and follow-up."
            )
        ),
        "privacy": privacy,
        "contacts": [
            contact
            for contact in (
                _contact("technical", settings.SAMVERKA_SAML_TECHNICAL_CONTACT),
                _contact("support", settings.SAMVERKA_SAML_SUPPORT_CONTACT),
                _contact("security", settings.SAMVERKA_SAML_SECURITY_CONTACT),
            )
            if contact
        ],
    }


def saml_config(request=None, parts: dict | None = None) -> SPConfig:
    """The service provider's configuration, from the settings (djangosaml2's SAML_CONFIG_LOADER);
    ``parts``: the ``metadata_settings`` already read."""
    if not saml_enabled():
        raise Http404("SAML is not configured")
    base = settings.SAMVERKA_BASE_URL.rstrip("/")
    parts = parts or metadata_settings()
    languages = ("sv", "en")
    config = {
        "xmlsec_binary": shutil.which("xmlsec1"),
        "entityid": f"{base}/saml2/metadata/",
        "allow_unknown_attributes": True,
        "attribute_map_dir": str(Path(saml2.__file__).parent / "attributemaps"),
        "signing_algorithm": SIG_RSA_SHA256,
        "digest_algorithm": DIGEST_SHA256,
        "service": {
            "sp": {
                "name": parts["display_name"]["en"],
                "name_id_format": [saml2.saml.NAMEID_FORMAT_TRANSIENT],
                "endpoints": {
                    "assertion_consumer_service": [(f"{base}/saml2/acs/", BINDING_HTTP_POST)],
                },
                "required_attributes": REQUIRED_ATTRIBUTES,
                "optional_attributes": OPTIONAL_ATTRIBUTES,
                "want_assertions_signed": True,
                "want_response_signed": False,
                "authn_requests_signed": True,
                "allow_unsolicited": False,
                "ui_info": {
                    "display_name": [
                        {"text": parts["display_name"][lang], "lang": lang} for lang in languages
                    ],
                    "description": [{"text": parts["description"][lang], "lang": lang} for lang in languages],
                    "information_url": [{"text": base + "/", "lang": lang} for lang in languages],
                    "privacy_statement_url": [
                        {"text": parts["privacy"][lang], "lang": lang} for lang in languages
                    ],
                },
            }
        },
        "metadata": {"local": [settings.SAMVERKA_SAML_IDP_METADATA]},
        "key_file": settings.SAMVERKA_SAML_KEY_FILE,
        "cert_file": settings.SAMVERKA_SAML_CERT_FILE,
        "encryption_keypairs": [
            {"key_file": settings.SAMVERKA_SAML_KEY_FILE, "cert_file": settings.SAMVERKA_SAML_CERT_FILE}
        ],
        "organization": {
            "name": [(parts["organization"][lang], lang) for lang in languages],
            "display_name": [(parts["organization"][lang], lang) for lang in languages],
            "url": [(parts["organization_url"], lang) for lang in languages],
        },
        "contact_person": parts["contacts"],
        "entity_category": list(settings.SAMVERKA_SAML_ENTITY_CATEGORIES),
    }
    sp_config = SPConfig()
    sp_config.load(config)
    return sp_config


def metadata_xml() -> str:
    """The service provider's metadata as the federation registers it."""
    if not saml_enabled():
        raise Http404("SAML is not configured")
    parts = metadata_settings()
    descriptor = entity_descriptor(saml_config(parts=parts))
    for service in descriptor.spsso_descriptor.attribute_consuming_service:  # names in both languages
        service.service_name = [
            md.ServiceName(text=parts["display_name"][lang], lang=lang) for lang in ("sv", "en")
        ]
        service.service_description = [
            md.ServiceDescription(text=parts["description"][lang], lang=lang) for lang in ("sv", "en")
        ]
    extensions = descriptor.extensions
    if extensions is not None:  # SHA-256 only: pysaml2 lists every algorithm xmlsec1 knows
        extensions.extension_elements = [
            element
            for element in extensions.extension_elements
            if not (
                (
                    element.tag == algsupport.DigestMethod.c_tag
                    and element.attributes["Algorithm"] not in DIGEST_ALGORITHMS
                )
                or (
                    element.tag == algsupport.SigningMethod.c_tag
                    and element.attributes["Algorithm"] not in SIGNING_ALGORITHMS
                )
            )
        ]
    for contact in descriptor.contact_person:
        if contact.contact_type == "other":  # the security contact (REFEDS)
            contact.extension_attributes[f"{{{REMD}}}contactType"] = SECURITY_CONTACT_TYPE
    return str(descriptor)


def metadata_view(request):
    return HttpResponse(metadata_xml(), content_type="application/samlmetadata+xml")


def reachable_for_saml() -> bool:
    """Can the identity provider's answer come back with the SAML cookie? Browsers keep a
    ``SameSite=None`` cookie only over HTTPS or on this computer (http://localhost, ``make run``)."""
    address = urlsplit(settings.SAMVERKA_BASE_URL)
    return address.scheme == "https" or address.hostname in ("localhost", "127.0.0.1", "::1")


class SamlLoginView(Saml2LoginView):
    """Start a log-in at the identity provider, or, when its answer could not come back
    (``reachable_for_saml``), say so at once rather than fail on the way back."""

    def get(self, request, *args, **kwargs):
        if not saml_enabled():
            raise Http404("SAML is not configured")
        if not reachable_for_saml():
            logger.warning("SAML log-in needs SAMVERKA_BASE_URL at https (or on localhost).")
            messages.error(
                request,
                _(
                    "Logging in with your organisation's account needs an encrypted connection "
                    "(https). Open Samverka at its https address, or ask your administrator."
                ),
            )
            return HttpResponseRedirect(reverse("login"))
        return super().get(request, *args, **kwargs)


class SamlCookieMiddleware(SamlSessionMiddleware):
    """djangosaml2's SAML session cookie, always ``Secure``: browsers drop a ``SameSite=None``
    cookie without it, and accept a ``Secure`` one over plain HTTP on localhost (``make run``)."""

    def process_response(self, request, response):
        response = super().process_response(request, response)
        cookie = response.cookies.get(self.cookie_name)
        if cookie is not None:
            cookie["secure"] = True
        return response


class SamlBackend(Saml2Backend):
    """Users by eduPersonPrincipalName; names and e-mail from the assertion; the institution by
    the principal name's scope and the role by the affiliations of that scope (``access/sso.py``)."""

    def clean_user_main_attribute(self, main_attribute):
        return str(main_attribute).strip().lower()

    def _update_user(self, user, attributes, attribute_mapping, force_save=False):
        user = super()._update_user(user, attributes, attribute_mapping, force_save=force_save)
        display = (attributes.get("displayName") or [""])[0]
        if display and not (user.first_name or user.last_name):
            first, _space, last = display.partition(" ")
            user.first_name, user.last_name = first[:150], last[:150]
            user.save(update_fields=["first_name", "last_name"])
        principal = (attributes.get("eduPersonPrincipalName") or [""])[0]
        affiliations = [
            *attributes.get("eduPersonScopedAffiliation", []),
            *attributes.get("eduPersonAffiliation", []),
        ]
        apply_identity(user, affiliations=affiliations, via="saml", scope=scope_of(principal))
        return user
