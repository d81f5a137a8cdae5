"""The policy layer: the one place that decides who may do what to which records.

A role is a list of grants. A grant allows some actions on some kinds of
record (model labels such as ``activities.activity``) within a reach: every
record of the member's institution, the records of the partnerships the
membership reaches, or the records the user created. Nothing else in the code
compares roles: views, forms, filters, menus and templates ask a ``Policy``.

- ``allows(action, model)``: may the user do this to some record of the kind
  (menus, buttons, the first check of every view)?
- ``scope(queryset, action)``: the records the user may do it to (every list,
  every record fetched by id: another partnership's record answers 404).
- ``permits(action, obj)``: may the user do it to this record, saved or not
  (the edit and delete buttons, and the last check before a save).
- ``allows_merging(model)`` / ``permits_merging(survivor, duplicate)``: merging
  duplicates is "change" on the record kept and "delete" on the one merged into it.

The rules themselves are ``GRANTS``: the grants every role has on every kind
(``_common_grants``), on the kinds of a trait (``core.registry.Trait``: a
partnership's records, records the authority keeps, contacts, one side's
records), and those each kind adds for a role in its app's ``records.py``
(``RecordKind.grants``: what a partner representative sees of governance, the
ideas staff send in). docs/access.md explains them for people.
"""

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal, cast

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q
from django.http import HttpRequest

from samverka.core import registry
from samverka.core.models import Institution, Membership, Role
from samverka.core.registry import Reach, Trait
from samverka.core.tenancy import current_membership

Action = Literal[
    "view", "view_internal", "add", "change", "delete", "approve", "invite", "administer", "handle"
]
# A record, or its model class, of a kind the grants name: what they read of it beyond Model
# (``partnership_path``, ``created_by_id``, ``objects``) is the kind's own, so it is Any here.
Record = Any
RecordModel = Any


@dataclass(frozen=True)
class Grant:
    actions: frozenset[str]
    kinds: frozenset[str] | None  # model labels; None: every kind
    reach: Reach
    only: tuple[tuple[str, object], ...] = ()  # field values the records must also have
    exclude: frozenset[str] = frozenset()  # kinds left out of ``kinds``

    def covers(self, action: str, model: type[models.Model] | None) -> bool:
        if action not in self.actions:
            return False
        if model is None:
            return True
        label = model._meta.label_lower
        if (self.kinds is not None and label not in self.kinds) or label in self.exclude:
            return False
        return self.reach is not Reach.PARTNERSHIPS or getattr(model, "partnership_path", None) is not None


def _grant(
    actions: str,
    kinds: frozenset[str] | None,
    reach: Reach,
    *,
    exclude: frozenset[str] = frozenset(),
    **only: object,
) -> Grant:
    return Grant(frozenset(actions.split()), kinds, reach, tuple(sorted(only.items())), exclude)


EVERY_KIND = None
INSTITUTION, PARTNERSHIPS, OWN = Reach.INSTITUTION, Reach.PARTNERSHIPS, Reach.OWN


def _with(trait: Trait) -> frozenset[str]:
    return frozenset(kind.label for kind in registry.kinds() if trait in kind.traits)


def _common_grants() -> dict[str, tuple[Grant, ...]]:
    """What each role may do to every kind, or to the kinds of a trait (``core.registry.Trait``)."""
    # One side's records (the mutual-benefit assessment): no grant of every kind covers them.
    sided = _with(Trait.SIDED)
    # Records the authority keeps: only an administrator deletes them, giving a reason.
    kept = _with(Trait.KEPT)
    in_partnership = _with(Trait.IN_PARTNERSHIP)
    reads = (_grant("view view_internal", EVERY_KIND, INSTITUTION, exclude=sided),)
    return {
        Role.ADMIN: (
            _grant(
                "view view_internal add change delete approve invite administer handle",
                EVERY_KIND,
                INSTITUTION,
                exclude=sided,
            ),
        ),
        Role.COORDINATOR: (
            _grant("view view_internal add change invite handle", EVERY_KIND, INSTITUTION, exclude=sided),
            _grant("delete", EVERY_KIND, INSTITUTION, exclude=kept | sided),
        ),
        # Reads like staff; writes the records of their partnerships, and the contacts.
        Role.PARTNERSHIP_COORDINATOR: (
            *reads,
            _grant("add change", in_partnership, PARTNERSHIPS),
            _grant("delete", in_partnership, PARTNERSHIPS, exclude=kept),
            _grant("add change", _with(Trait.CONTACT), INSTITUTION),
        ),
        Role.MANAGEMENT: (_grant("view view_internal approve", EVERY_KIND, INSTITUTION, exclude=sided),),
        Role.STAFF: reads,
        Role.VIEWER: reads,
        # A partner representative sees only what the kinds grant them (``RecordKind.grants``).
        Role.PARTNER: (),
    }


def _composed_grants() -> dict[str, tuple[Grant, ...]]:
    """The roles' common grants, then those each kind adds for a role."""
    grants = {role: list(common) for role, common in _common_grants().items()}
    for kind in registry.kinds():
        for role, allowed in kind.grants.items():
            grants[role].extend(
                Grant(rule.actions, frozenset({kind.label}), rule.reach, rule.only) for rule in allowed
            )
    return {role: tuple(role_grants) for role, role_grants in grants.items()}


class _Grants(Mapping[str, tuple[Grant, ...]]):
    """role -> its grants, composed once from the registry when first read (the apps' records.py
    are loaded by then)."""

    @cached_property
    def _grants(self) -> dict[str, tuple[Grant, ...]]:
        return _composed_grants()

    def __getitem__(self, role: str) -> tuple[Grant, ...]:
        return self._grants[role]

    def __iter__(self) -> Iterator[str]:
        return iter(self._grants)

    def __len__(self) -> int:
        return len(self._grants)


GRANTS: Mapping[str, tuple[Grant, ...]] = _Grants()


def _is_many(model: type[models.Model], path: str) -> bool:
    return (
        path != "pk"
        and "__" not in path
        and bool(model._meta.get_field(path.removesuffix("_id")).many_to_many)
    )


def value_at(obj: object, path: str) -> Any:
    """The value at a field path of ``obj``, following relations as a query would
    (``"meeting__body__partnership_id"``); None where a link on the way is empty."""
    for name in path.split("__"):
        try:
            obj = getattr(obj, name)
        except ObjectDoesNotExist:  # a required link not set yet (an unsaved record)
            return None
        if obj is None:
            return None
    return obj


class Policy:
    """What one member may do; built once per request (``policy_for``)."""

    def __init__(self, membership: Membership | None):
        self.membership = membership
        self.grants = GRANTS.get(membership.role, ()) if membership is not None else ()

    @property
    def institution(self) -> Institution | None:
        return self.membership.institution if self.membership is not None else None

    def allows(self, action: Action, model: type[models.Model] | None = None) -> bool:
        return any(grant.covers(action, model) for grant in self.grants)

    @property
    def sees_internal(self) -> bool:
        """Internal notes, criteria assessments and the change history."""
        return self.allows("view_internal")

    @cached_property
    def partnership_ids(self) -> frozenset[int]:
        """The partnerships the membership reaches (for grants of reach PARTNERSHIPS).

        A partnership coordinator reaches the partnerships named in the
        membership; a partner representative those the partnership's kind says
        (``partner_reach`` in partnerships/records.py: those their organisation is
        party to, until the partnership ends).
        """
        membership = self.membership
        if membership is None:
            return frozenset()
        if membership.role == Role.PARTNER:
            if membership.organisation_id is None:
                return frozenset()
            # The partnership's kind declares it (``RecordKind.partner_reach``).
            partner_reach = cast(Callable[..., Any], registry.partnership_kind().partner_reach)
            queryset = partner_reach(membership)
        else:
            queryset = membership.partnerships.filter(institution=membership.institution_id)
        return frozenset(queryset.values_list("pk", flat=True))

    def _member(self) -> Membership:
        """The membership, asked only once a grant is found or of a member: a policy without one has
        no grants."""
        return cast(Membership, self.membership)

    def _condition(self, grant: Grant, model: RecordModel) -> Q:
        only = Q(**dict(grant.only))
        if grant.reach is INSTITUTION:
            return only
        if grant.reach is OWN:
            return only & Q(created_by=self._member().user_id)
        path = model.partnership_path
        if _is_many(model, path):
            linked = model.objects.filter(**{f"{path}__in": self.partnership_ids}).values("pk")
            return only & Q(pk__in=linked)
        return only & Q(**{f"{path}__in": self.partnership_ids})

    def reaches_all(self, action: Action, model: type[models.Model]) -> bool:
        """May the user ``action`` every record of the kind in the institution (no narrower scope)?"""
        return any(
            grant.covers(action, model) and grant.reach is INSTITUTION and not grant.only
            for grant in self.grants
        )

    def scope(self, queryset: models.QuerySet[Any], action: Action = "view") -> models.QuerySet[Any]:
        """The records of ``queryset`` the user may ``action``: always within the institution."""
        model = queryset.model
        grants = [grant for grant in self.grants if grant.covers(action, model)]
        if not grants:
            return queryset.none()
        queryset = queryset.filter(institution=self._member().institution_id)
        conditions = [self._condition(grant, model) for grant in grants]
        if any(not condition for condition in conditions):  # an empty Q: the whole institution
            return queryset
        combined = Q()
        for condition in conditions:
            combined |= condition
        return queryset.filter(combined)

    def _reaches(self, grant: Grant, obj: Record) -> bool:
        if any(value_at(obj, name) != value for name, value in grant.only):
            return False
        if grant.reach is INSTITUTION:
            return True
        if grant.reach is OWN:
            return obj.created_by_id is not None and obj.created_by_id == self._member().user_id
        path = type(obj).partnership_path
        if _is_many(type(obj), path):
            return obj.pk is not None and bool(
                set(getattr(obj, path).values_list("pk", flat=True)) & self.partnership_ids
            )
        return value_at(obj, path) in self.partnership_ids

    def permits(self, action: Action, obj: Record) -> bool:
        """May the user ``action`` this record (an unsaved one for "add")?"""
        if self.membership is None or obj.institution_id != self.membership.institution_id:
            return False
        return any(grant.covers(action, type(obj)) and self._reaches(grant, obj) for grant in self.grants)

    def may_add(self, model: type[models.Model], **links: object) -> bool:
        """May the user add a record of ``model`` with these links (``body=…``): the "add" buttons
        of a record's page, asked of the record as it would be made."""
        return self.permits("add", model(institution_id=self._member().institution_id, **links))

    def allows_merging(self, model: type[models.Model]) -> bool:
        """May the user merge duplicate records of ``model`` at all: change the one kept and
        delete the other (``directory.domain.merge``)?"""
        return self.allows("change", model) and self.allows("delete", model)

    def permits_merging(self, survivor: models.Model, duplicate: models.Model) -> bool:
        """May the user merge ``duplicate`` into ``survivor``: "change" on the one kept, "delete"
        on the one merged into it."""
        return (
            type(survivor) is type(duplicate)
            and self.permits("change", survivor)
            and self.permits("delete", duplicate)
        )

    def partnership_choices(self, action: Action, model: type[models.Model]) -> models.QuerySet[models.Model]:
        """The partnerships a record of ``model`` may belong to when the user may ``action`` it."""
        partnership: RecordModel = registry.partnership_kind().model
        queryset: models.QuerySet[models.Model] = partnership.objects.in_institution(
            self._member().institution_id
        )
        reaches = {grant.reach for grant in self.grants if grant.covers(action, model)}
        if reaches & {INSTITUTION, OWN}:
            return queryset
        if PARTNERSHIPS in reaches:
            return queryset.filter(pk__in=self.partnership_ids)
        return queryset.none()


def policy_for(request: HttpRequest) -> Policy:
    """The signed-in member's policy, built once per request."""
    # Kept on the request, as ``tenancy.current_membership`` keeps the membership: an attribute
    # HttpRequest does not declare.
    if not hasattr(request, "_samverka_policy"):
        request._samverka_policy = Policy(current_membership(request))  # type: ignore[attr-defined]
    policy: Policy = request._samverka_policy  # type: ignore[attr-defined]
    return policy
