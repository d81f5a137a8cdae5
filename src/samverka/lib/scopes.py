"""Scopes of federated identities: the domain after the "@" in ``employee@umu.se`` or
``anna@umu.se``, by which an identity provider says whose the identity is."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# A DNS name of two labels or more (SWAMID's scopes are the institutions' domains).
_SCOPE = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def split_scopes(text: str) -> list[str]:
    """The scopes written in ``text``, separated by spaces, commas or line breaks, lower case."""
    return [scope for scope in re.split(r"[\s,;]+", (text or "").strip().lower()) if scope]


def validate_scopes(text: str) -> None:
    wrong = [scope for scope in split_scopes(text) if not _SCOPE.match(scope)]
    if wrong:
        raise ValidationError(
            _("Not a domain: %(scopes)s. Write the domains of the scopes, e.g. umu.se."),
            params={"scopes": ", ".join(wrong)},
            code="invalid_scope",
        )


def scope_of(value: str) -> str | None:
    """The scope of a scoped value (``employee@umu.se`` → ``umu.se``), None when it has none."""
    _name, at, scope = (value or "").strip().rpartition("@")
    return scope.lower() if at and scope else None


def unscoped(value: str) -> str:
    """The value without its scope, lower case (``Employee@umu.se`` → ``employee``)."""
    name, at, _scope = (value or "").strip().rpartition("@")
    return (name if at else value).strip().lower()
