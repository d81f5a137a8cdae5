"""Single sign-on: what an identity provider's word gives a person in Samverka.

SAML 2.0 (SWAMID and other federations, ``access/saml.py``) and OpenID Connect
(e.g. Microsoft Entra ID, ``access/oidc.py``) both end in ``apply_identity``:
the identity provider says who the person is, under which scope (the domain of
``anna@umu.se``), and their affiliations (``employee@umu.se``, or an app role).

- The institution is the one whose scopes (``Institution.sso_scopes``) hold the
  identity's scope; an identity of a scope no institution has gets no
  membership. ``SAMVERKA_SSO_INSTITUTION`` narrows the choice to one
  institution; an institution without scopes takes its provider's word for
  every identity (one institution, one identity provider of its own).
- Only affiliations of the institution's scopes count: ``employee@other.se`` is
  not Umeå's employee. Affiliations without a scope (``eduPersonAffiliation``,
  app roles) are the identity's own and count.
- A user without a membership of that institution gets one with the role the
  affiliations map to (``SAMVERKA_SSO_AFFILIATION_ROLES``, the most capable
  wins). A membership that exists is left as it is: roles given by an
  administrator win. An affiliation that maps to no role gives no access.
"""

import logging
from collections.abc import Iterable

from django.conf import settings

from samverka.core.audit import action_name, record_event
from samverka.core.models import Institution, Membership, Role
from samverka.lib.scopes import scope_of, unscoped

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


def saml_enabled() -> bool:
    return bool(settings.SAMVERKA_SAML_IDP_METADATA)


def oidc_enabled() -> bool:
    return bool(
        settings.OIDC_RP_CLIENT_ID
        and (settings.SAMVERKA_OIDC_DISCOVERY_URL or settings.OIDC_OP_AUTHORIZATION_ENDPOINT)
    )


def sso_institutions() -> list[Institution]:
    queryset = Institution.objects.order_by("pk")
    if settings.SAMVERKA_SSO_INSTITUTION:
        queryset = queryset.filter(slug=settings.SAMVERKA_SSO_INSTITUTION)
    return list(queryset)


def sso_institution() -> Institution | None:
    """The institution single sign-on speaks for when nothing narrows it (the service provider's
    organisation in SAML metadata; every identity of an OpenID Connect provider)."""
    institutions = sso_institutions()
    return institutions[0] if institutions else None


def institution_for(scope: str | None) -> Institution | None:
    """The institution an identity of ``scope`` belongs to (None: no scope, as OpenID Connect)."""
    institutions = sso_institutions()
    if scope is None:
        return institutions[0] if institutions else None
    for institution in institutions:
        if scope in institution.scopes:
            return institution
    # One institution without scopes (named, or the installation's only one) takes its identity
    # provider's word; samverka check warns when that provider is a federation's (W003).
    if len(institutions) == 1 and not institutions[0].scopes:
        return institutions[0]
    return None


def affiliations_of(institution: Institution, values: Iterable[str], *, scope: str | None) -> set[str]:
    """The affiliations among ``values`` that speak for ``institution``, without their scopes:
    a scoped one only under the institution's scopes (or, when it has none, the identity's own)."""
    allowed = institution.scopes or ({scope} if scope else set())
    kept = set()
    for value in values:
        value_scope = scope_of(value)
        if value_scope is None or not allowed or value_scope in allowed:
            kept.add(unscoped(value))
    return kept


def role_for(affiliations: Iterable[str]) -> str | None:
    """The role the affiliations give (``staff``, ``employee``, ``Samverka.Coordinator``; without
    scopes, in any case)."""
    mapping = {name.strip().lower(): role for name, role in settings.SAMVERKA_SSO_AFFILIATION_ROLES.items()}
    roles = {role for role in (mapping.get(a.strip().lower()) for a in affiliations) if role}
    return max(roles, key=ROLE_ORDER.index) if roles else None


def apply_identity(
    user, *, affiliations: Iterable[str], via: str, scope: str | None = None
) -> Membership | None:
    """Give ``user`` the membership the identity provider's word gives (see the module)."""
    values = list(affiliations)
    institution = institution_for(scope)
    if institution is None:
        logger.info(
            "A %s identity of the scope %s belongs to no institution of this installation.", via, scope
        )
        return None
    existing = Membership.objects.filter(user=user, institution=institution).first()
    counted = affiliations_of(institution, values, scope=scope)
    role = role_for(counted)
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
            "affiliation": {"before": None, "after": sorted(values)},
        },
    )
    return membership
