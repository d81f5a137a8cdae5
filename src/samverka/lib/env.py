"""Typed readers of environment variables that fail loudly on bad values."""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_pairs(name: str, default: dict[str, str]) -> dict[str, str]:
    """``key:value,key:value`` as a dict, e.g. ``employee:staff,faculty:staff``."""
    raw = os.environ.get(name)
    if raw is None:
        return dict(default)
    pairs = {}
    for item in env_list(name, []):
        key, colon, value = item.partition(":")
        if not (colon and key.strip() and value.strip()):
            raise ImproperlyConfigured(f"{name} must be key:value pairs separated by commas, not {item!r}")
        pairs[key.strip().lower()] = value.strip()
    return pairs
