"""Enumerate the project's URLconf so tests cover every page, including future ones."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

INTERNAL_NAMESPACES = {
    "workspace",
    "partnerships",
    "directory",
    "activities",
    "news",
    "interactions",
    "access",
    "privacy",
    "search",
    "imports",
    "governance",
    "followup",
    "ideas",
}
PUBLIC_NAMESPACES = {"public"}
# The signed-in user's own account, with or without a membership.
ACCOUNT_NAMESPACES = {"account"}
# The installation's administrators (superusers) only (tests/access/test_institutions.py).
INSTALLATION_NAMESPACES = {"installation"}
# The REST API: the policy layer as in the workspace (tests/api/test_api.py, tests/core/test_access.py).
API_NAMESPACES = {"api"}
API_OPEN_NAMES = {"api:schema", "api:docs"}  # the description of the API, for anyone
# Pages outside the workspace, each with a reason.
OPEN_NAMES = {
    "healthz",  # monitoring
    "set_language",  # language switch for everyone
    "login",
    "logout",
    "home",  # redirect to the public list
    "accept-invitation",  # the invitation's token is the key (tests/access/test_invitations.py)
    # a forgotten password: the e-mailed link's token is the key (tests/access/test_passwords.py)
    "password-reset",
    "password-reset-done",
    "password-reset-confirm",
    "password-reset-complete",
    # calendar programs cannot log in: the feed's secret token is the key
    # (tests/governance/test_governance_calendar.py)
    "calendar-feed",
    "partnership-calendar-feed",
    # single sign-on: the identity provider's signed answer is the key (tests/access/test_sso.py)
    "saml2_login",
    "saml2_acs",
    "saml2_metadata",
    "oidc_authentication_init",
    "oidc_authentication_callback",
    "oidc_logout",
}


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    namespace: str
    view_class: type | None
    takes_pk: bool
    model: type | None  # given to as_view() or set on the class
    pattern: str = ""

    @property
    def model_name(self) -> str | None:
        return self.model._meta.model_name if self.model is not None else None

    @property
    def action(self) -> str:
        return getattr(self.view_class, "required_action", "view")


def _walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            yield from _walk(entry.url_patterns, entry.namespace or namespace)
        elif isinstance(entry, URLPattern):
            yield namespace, entry


def routes() -> list[Route]:
    found = {}
    for namespace, pattern in _walk(get_resolver().url_patterns):
        if not pattern.name:
            continue
        name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        found[name] = Route(
            name=name,
            namespace=namespace,
            view_class=getattr(pattern.callback, "view_class", None),
            takes_pk="pk" in pattern.pattern.converters or "(?P<pk>" in str(pattern.pattern),
            pattern=str(pattern.pattern),
            model=getattr(pattern.callback, "view_initkwargs", {}).get("model")
            or getattr(getattr(pattern.callback, "view_class", None), "model", None)
            or getattr(getattr(getattr(pattern.callback, "cls", None), "queryset", None), "model", None),
        )
    return sorted(found.values(), key=lambda r: r.name)


def api_routes() -> list[Route]:
    """The resources' lists and records (read, change, delete); their actions: ``api_action_routes``."""
    return [
        r
        for r in routes()
        if r.namespace in API_NAMESPACES
        and r.name not in API_OPEN_NAMES
        and r.name.endswith(("-list", "-detail"))
    ]


def api_action_routes() -> list[Route]:
    """More actions on a record, e.g. ``api:organisation-merge`` (POST only)."""
    return [
        r
        for r in routes()
        if r.namespace in API_NAMESPACES and r.name not in API_OPEN_NAMES and r not in api_routes()
    ]


def internal_routes() -> list[Route]:
    return [r for r in routes() if r.namespace in INTERNAL_NAMESPACES]
