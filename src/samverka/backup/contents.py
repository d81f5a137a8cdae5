"""What an institution's archive holds: its models, found from the schema, and what is left out and why.

Every model with a foreign key to ``core.Institution`` is in the archive
unless ``LEFT_OUT`` names it with a reason; so are the users the records
refer to and the auto-created many-to-many tables of those models. A model
added later is therefore moved without anyone remembering to list it, and
``tests/backup/test_backup.py`` fails for a model that refers to the institution,
its users or its records in a way the archive cannot carry.
"""

import functools
import graphlib
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from modeltranslation.translator import NotRegistered, translator

from samverka.core.models import Institution

INSTITUTION = "core.institution"
USER = "auth.user"

# The user's identity, as a member of the institution needs it in another installation.
# Installation-wide privileges (is_staff, is_superuser, groups, permissions) are the
# target installation's decision and are not moved.
USER_FIELDS = (
    "username",
    "first_name",
    "last_name",
    "email",
    "is_active",
    "password",
    "date_joined",
    "last_login",
)

# Models that refer to the institution or its users but are not moved, and why (docs/backup.md).
LEFT_OUT = {
    "search.searchentry": "derived from the records: rebuilt for the institution after the import",
    "access.usersession": "sign-ins to the source installation: users sign in again",
    "access.externalidentity": (
        "bound to the source installation's OpenID Connect client: the account is found again by "
        "its e-mail address at the first log-in (an account made by single sign-on, docs/access.md)"
    ),
    "knox.authtoken": "API tokens are secrets of the source installation: users make new ones",
    "otp_totp.totpdevice": "two-factor secrets are not moved: users set up two-factor authentication again",
    "admin.logentry": "the Django admin's log of the source installation, not the institution's audit trail",
    "governance.calendarfeed": "calendar addresses are secrets of the source installation: made anew",
}

# (content type field, object id field) of records that point at any kind of record: they load
# after every other kind, when each has its new ids.
GENERIC_REFERENCES = {"core.auditentry": ("content_type", "object_id")}

# Unique secrets that cannot be taken twice in one installation: a copy imported beside its
# original (``--slug``) gets a fresh, unguessable value, so only the original's links work.
FRESH_WHEN_TAKEN = {"access.invitation": "token_digest"}


def label(model: type[models.Model]) -> str:
    """A model's name in the archive: ``app_label.model``."""
    return model._meta.label_lower


def translated_base_fields(model: type[models.Model]) -> frozenset[str]:
    """Fields whose value modeltranslation derives from the per-language fields (``title`` of ``title_sv``).

    The archive holds the per-language fields; the derived one is written again on import.
    """
    try:
        return frozenset(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return frozenset()


@dataclass(frozen=True)
class Kind:
    """One model as the archive holds it: which columns, references and links."""

    model: type[models.Model]
    institution_field: str | None  # the foreign key that selects the institution's rows

    @property
    def label(self) -> str:
        return label(self.model)

    @property
    def member(self) -> str:
        return f"records/{self.label}.jsonl"

    @functools.cached_property
    def fields(self) -> list[models.Field]:
        """The concrete columns written, without the primary key, the institution and derived fields."""
        if self.label == USER:
            return [self.model._meta.get_field(name) for name in USER_FIELDS]
        derived = translated_base_fields(self.model)
        return [
            field
            for field in self.model._meta.concrete_fields
            if not field.primary_key and field.name != self.institution_field and field.name not in derived
        ]

    @functools.cached_property
    def many_to_many(self) -> list[models.ManyToManyField]:
        return [] if self.label == USER else list(self.model._meta.many_to_many)

    def dependencies(self) -> set[str]:
        """Labels of the archived models this one refers to (not itself: trees load in two passes)."""
        targets = {INSTITUTION} if self.institution_field else set()
        targets |= {label(f.related_model) for f in self.fields if f.is_relation}
        targets |= {label(f.related_model) for f in self.many_to_many}
        targets.discard(self.label)
        targets.discard(label(ContentType))
        return targets


def _institution_field(model: type[models.Model]) -> str | None:
    names = [
        f.name
        for f in model._meta.concrete_fields
        if f.is_relation and f.many_to_one and f.related_model is Institution
    ]
    return names[0] if len(names) == 1 else None


def refers_to_institution(model: type[models.Model]) -> bool:
    return any(
        f.is_relation and f.related_model is Institution and f.concrete for f in model._meta.get_fields()
    )


def archived_kinds() -> list[Kind]:
    """The institution, its users and every institution model in an order that loads each after what it
    refers to; ``ImproperlyConfigured`` for a model the archive cannot carry."""
    kinds = {INSTITUTION: Kind(Institution, None), USER: Kind(get_user_model(), None)}
    for model in apps.get_models():
        if model is Institution or label(model) in LEFT_OUT or not refers_to_institution(model):
            continue
        field = _institution_field(model)
        if field is None:
            raise ImproperlyConfigured(
                f"{label(model)} must have exactly one foreign key to the institution."
            )
        kinds[label(model)] = Kind(model, field)
    for kind in kinds.values():
        if kind.label == USER:
            continue
        unknown = kind.dependencies() - set(kinds)
        if unknown:
            raise ImproperlyConfigured(
                f"{kind.label} refers to {', '.join(sorted(unknown))}, which the archive does not hold: "
                "move it too or list it in samverka.backup.contents.LEFT_OUT."
            )
        for field in kind.many_to_many:
            if not field.remote_field.through._meta.auto_created:
                raise ImproperlyConfigured(f"{kind.label}.{field.name} has its own through model.")
    graph = {name: (kind.dependencies() if name != USER else set()) for name, kind in kinds.items()}
    for name in GENERIC_REFERENCES.keys() & graph.keys():
        graph[name] = set(kinds) - {name}
    order = graphlib.TopologicalSorter(graph)
    return [kinds[name] for name in order.static_order()]
