import functools
from typing import Any, cast

from django.apps import apps
from django.conf import settings
from django.db import models
from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

from samverka.core import registry
from samverka.core.permissions import Action, policy_for
from samverka.core.tenancy import current_membership


def _menu() -> list[tuple[str, str, Action, type[models.Model] | None]]:
    """(address, label, action, model) of the workspace's main menu, from the apps' records.py
    (``core.registry``): the caller shows only what the user may do."""
    return _menu_in(get_language(), get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


@functools.lru_cache(maxsize=64)
def _menu_in(
    language: str | None, prefix: str, urlconf: str
) -> list[tuple[str, str, Action, type[models.Model] | None]]:
    """The menu made once per language and address prefix (the arguments are the key: ``reverse``
    and the labels read them from the request), not on every page (issue 25: 9 % of a kept list)."""
    return [
        (
            reverse(entry.url_name, urlconf=urlconf),
            str(entry.label),
            cast(Action, entry.action),  # MenuEntry keeps it a str: an action of the policy
            apps.get_model(entry.kind) if entry.kind else None,
        )
        for entry in registry.menu()
    ]


def workspace(request: HttpRequest) -> dict[str, Any]:
    """The signed-in member, their policy and the main menu of the workspace."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    membership = current_membership(request)
    if membership is None:
        return {"membership": None, "nav_items": []}
    policy = policy_for(request)
    items = [(url, label) for url, label, action, model in _menu() if policy.allows(action, model)]
    # The page itself is "page"; a page within a section (a record of the list) marks its section
    # "true": the longest menu address the page's address starts with. The start page (the
    # menu's first line) has an address that begins every workspace address, so it is current
    # only on itself.
    start = _menu()[0][0]
    matches = [url for url, _label in items if request.path.startswith(url) and url != start]
    section = max(matches, key=len, default=None)
    nav = [
        {
            "url": url,
            "label": label,
            "current": "page" if url == request.path else ("true" if url == section else ""),
        }
        for url, label in items
    ]
    return {"membership": membership, "policy": policy, "nav_items": nav}
