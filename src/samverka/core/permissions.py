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

The rules themselves are ``GRANTS``, readable as a table; docs/access.md
explains them for people.
"""

import enum
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q

from samverka.core.models import Membership, Role
from samverka.core.tenancy import current_membership

Action = Literal[
    "view", "view_internal", "add", "change", "delete", "approve", "invite", "administer", "handle"
]


class Reach(enum.Enum):
    INSTITUTION = "institution"  # every record of the member's institution
    PARTNERSHIPS = "partnerships"  # records of the partnerships the membership reaches
    OWN = "own"  # records the user created


@dataclass(frozen=True)
class Grant:
    actions: frozenset[str]
    kinds: frozenset[str] | None  # model labels; None: every kind
    reach: Reach
    only: tuple[tuple[str, object], ...] = ()  # field values the records must also have
    exclude: frozenset[str] = frozenset()  # kinds left out of ``kinds``

    def covers(self, action: str, model) -> bool:
        if action not in self.actions:
            return False
        if model is None:
            return True
        label = model._meta.label_lower
        if (self.kinds is not None and label not in self.kinds) or label in self.exclude:
            return False
        return self.reach is not Reach.PARTNERSHIPS or getattr(model, "partnership_path", None) is not None


def _grant(actions: str, kinds: frozenset[str] | None, reach: Reach, *, exclude=frozenset(), **only) -> Grant:
    return Grant(frozenset(actions.split()), kinds, reach, tuple(sorted(only.items())), exclude)


EVERY_KIND = None
PARTNERSHIP = frozenset({"partnerships.partnership"})
ACTIVITY = frozenset({"activities.activity"})
# A partnership's governance: its bodies and their members, meetings and what is minuted.
GOVERNANCE_PARTS = ("body", "bodymember", "meeting", "agendaitem", "attendance", "decision", "actionitem")
# A partnership's follow-up: its goals and their indicators, the resources the parties earmark.
FOLLOW_UP_PARTS = ("goal", "indicator", "indicatoryear", "resourcecommitment")
# An idea and the contacts brokered for it (the university's own). Its changes of stage and the
# verdicts on its suggestions are recorded by handling it, never written directly.
IDEA_PARTS = ("idea", "ideacontact")
# "handle" an idea: move it through the pipeline's stages, accept or reject its suggestions, turn
# it into an activity.
IDEA = frozenset({"ideas.idea"})
# The records that belong to one partnership, below the partnership itself.
PARTNERSHIP_RECORDS = frozenset(
    {
        "partnerships.agreement",
        "partnerships.focusarea",
        "partnerships.partnershipcriterion",
        "partnerships.coordinatorassignment",
        "activities.activity",
        *(f"governance.{name}" for name in GOVERNANCE_PARTS),
        *(f"followup.{name}" for name in FOLLOW_UP_PARTS),
        "followup.annualreport",
        *(f"ideas.{name}" for name in IDEA_PARTS),
    }
)
# Each side's mutual-benefit assessment: a side sees its own drafts, the other side's only once
# submitted (``_side``); so no grant of every kind covers them.
ASSESSMENT = frozenset({"followup.assessment"})
ANSWER = frozenset({"followup.assessmentanswer"})
SIDED = ASSESSMENT | ANSWER
FOLLOW_UP_VIEW = frozenset(f"followup.{name}" for name in FOLLOW_UP_PARTS)
INVITATION = frozenset({"access.invitation"})
IMPORTS = frozenset({"imports.importjob"})
# Records a public authority keeps (they may carry a registry number, diarienummer):
# only an administrator deletes them, giving a reason that goes into the audit trail.
ARCHIVED = frozenset({"partnerships.agreement"})
CONTACTS = frozenset({"directory.organisation", "directory.person"})
# What a partner representative sees of the partnerships their organisation is party to.
PARTNER_VIEW = frozenset(
    {"partnerships.partnership", "partnerships.focusarea", "activities.activity", "news.newsitem"}
)
# Their partnership's governance: the bodies, their members and actions at once; a meeting and
# what is minuted of it once its documents are sent out (``Meeting.documents_released``).
PARTNER_GOVERNANCE = frozenset({"governance.body", "governance.bodymember"})
# An action arises from a meeting (and shows its item and decision) or stands alone.
PARTNER_ACTION = frozenset({"governance.actionitem"})
PARTNER_MEETING = frozenset({"governance.meeting"})
PARTNER_MINUTES = frozenset(
    {"governance.agendaitem", "governance.attendance", "governance.decision", "governance.minutesversion"}
)

INSTITUTION, PARTNERSHIPS, OWN = Reach.INSTITUTION, Reach.PARTNERSHIPS, Reach.OWN


def _side(actions: str, reach: Reach, side: str) -> tuple[Grant, ...]:
    """``actions`` on the ``side``'s own assessments (drafts too), and to see the other side's once
    submitted."""
    return (
        _grant(actions, ASSESSMENT, reach, side=side),
        _grant(actions, ANSWER, reach, assessment__side=side),
        _grant("view", ASSESSMENT, reach, status="submitted"),
        _grant("view", ANSWER, reach, assessment__status="submitted"),
    )


# What a partner representative may write of their partnerships' follow-up: their own goals with
# the indicators of them, the resources their organisation earmarks, their side's assessment.
_PARTNER_FOLLOW_UP = (
    _grant("view", FOLLOW_UP_VIEW, PARTNERSHIPS),
    _grant("add change delete", frozenset({"followup.goal"}), PARTNERSHIPS, owner="partner"),
    _grant("add change delete", frozenset({"followup.indicator"}), PARTNERSHIPS, goal__owner="partner"),
    _grant(
        "add change delete",
        frozenset({"followup.indicatoryear"}),
        PARTNERSHIPS,
        indicator__goal__owner="partner",
    ),
    _grant("add change delete", frozenset({"followup.resourcecommitment"}), PARTNERSHIPS, party="partner"),
    *_side("view add change delete", PARTNERSHIPS, "partner"),
    # the annual report once approved, and every approved version of it
    _grant("view", frozenset({"followup.annualreport"}), PARTNERSHIPS, status="approved"),
    _grant("view", frozenset({"followup.reportversion"}), PARTNERSHIPS),
)
_STAFF = (
    _grant("view view_internal", EVERY_KIND, INSTITUTION, exclude=SIDED),
    *_side("view view_internal", INSTITUTION, "university"),
    _grant("add", ACTIVITY | IMPORTS | IDEA, INSTITUTION),  # an import adds only what its rows' forms allow
    _grant("change delete", ACTIVITY | IMPORTS, OWN),
    _grant("change delete", IDEA, OWN, stage="new"),  # their own idea, until a coordinator takes it up
)

GRANTS: dict[str, tuple[Grant, ...]] = {
    Role.ADMIN: (
        _grant(
            "view view_internal add change delete approve invite administer handle",
            EVERY_KIND,
            INSTITUTION,
            exclude=SIDED,
        ),
        *_side("view view_internal add change delete", INSTITUTION, "university"),
    ),
    Role.COORDINATOR: (
        _grant("view view_internal add change invite handle", EVERY_KIND, INSTITUTION, exclude=SIDED),
        _grant("delete", EVERY_KIND, INSTITUTION, exclude=ARCHIVED | SIDED),
        *_side("view view_internal add change delete", INSTITUTION, "university"),
    ),
    Role.PARTNERSHIP_COORDINATOR: (
        *_STAFF,
        _grant("change", PARTNERSHIP, PARTNERSHIPS),
        _grant("invite", INVITATION, PARTNERSHIPS),
        _grant("add change", PARTNERSHIP_RECORDS, PARTNERSHIPS),
        _grant("delete", PARTNERSHIP_RECORDS, PARTNERSHIPS, exclude=ARCHIVED),
        _grant("add change", CONTACTS, INSTITUTION),
        *_side("add change delete", PARTNERSHIPS, "university"),
        _grant("handle", IDEA, PARTNERSHIPS),
    ),
    Role.MANAGEMENT: (
        _grant("view view_internal approve", EVERY_KIND, INSTITUTION, exclude=SIDED),
        *_side("view view_internal", INSTITUTION, "university"),
    ),
    Role.STAFF: _STAFF,
    Role.VIEWER: (
        _grant("view view_internal", EVERY_KIND, INSTITUTION, exclude=SIDED),
        *_side("view view_internal", INSTITUTION, "university"),
    ),
    Role.PARTNER: (
        _grant("view", PARTNER_VIEW - {"news.newsitem"}, PARTNERSHIPS),
        _grant("view", frozenset({"news.newsitem"}), PARTNERSHIPS, published=True),
        _grant("view", PARTNER_GOVERNANCE, PARTNERSHIPS),
        _grant("view", PARTNER_MEETING, PARTNERSHIPS, documents_released=True),
        _grant("view", PARTNER_MINUTES | PARTNER_ACTION, PARTNERSHIPS, meeting__documents_released=True),
        _grant("view", PARTNER_ACTION, PARTNERSHIPS, meeting=None),
        *_PARTNER_FOLLOW_UP,
        # the ideas of their partnerships and how they move on; they send in new ones
        _grant("view", IDEA | frozenset({"ideas.stagechange"}), PARTNERSHIPS),
        _grant("add", IDEA, PARTNERSHIPS),
    ),
}


def _is_many(model, path: str) -> bool:
    return path != "pk" and "__" not in path and model._meta.get_field(path.removesuffix("_id")).many_to_many


def value_at(obj, path: str):
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
    def institution(self):
        return self.membership.institution if self.membership is not None else None

    def allows(self, action: Action, model=None) -> bool:
        return any(grant.covers(action, model) for grant in self.grants)

    @property
    def sees_internal(self) -> bool:
        """Internal notes, criteria assessments and the change history."""
        return self.allows("view_internal")

    @cached_property
    def partnership_ids(self) -> frozenset[int]:
        """The partnerships the membership reaches (for grants of reach PARTNERSHIPS).

        A partnership coordinator reaches the partnerships named in the
        membership; a partner representative those their organisation is party
        to, until the partnership ends.
        """
        membership = self.membership
        if membership is None:
            return frozenset()
        if membership.role == Role.PARTNER:
            if membership.organisation_id is None:
                return frozenset()
            partnership = apps.get_model("partnerships", "Partnership")
            queryset = (
                partnership.objects.in_institution(membership.institution_id)
                .filter(organisations=membership.organisation_id)
                .exclude(status="ended")
            )
        else:
            queryset = membership.partnerships.filter(institution=membership.institution_id)
        return frozenset(queryset.values_list("pk", flat=True))

    def _condition(self, grant: Grant, model) -> Q:
        only = Q(**dict(grant.only))
        if grant.reach is INSTITUTION:
            return only
        if grant.reach is OWN:
            return only & Q(created_by=self.membership.user_id)
        path = model.partnership_path
        if _is_many(model, path):
            linked = model.objects.filter(**{f"{path}__in": self.partnership_ids}).values("pk")
            return only & Q(pk__in=linked)
        return only & Q(**{f"{path}__in": self.partnership_ids})

    def reaches_all(self, action: Action, model) -> bool:
        """May the user ``action`` every record of the kind in the institution (no narrower scope)?"""
        return any(
            grant.covers(action, model) and grant.reach is INSTITUTION and not grant.only
            for grant in self.grants
        )

    def scope(self, queryset: models.QuerySet, action: Action = "view") -> models.QuerySet:
        """The records of ``queryset`` the user may ``action``: always within the institution."""
        model = queryset.model
        grants = [grant for grant in self.grants if grant.covers(action, model)]
        if not grants:
            return queryset.none()
        queryset = queryset.filter(institution=self.membership.institution_id)
        conditions = [self._condition(grant, model) for grant in grants]
        if any(not condition for condition in conditions):  # an empty Q: the whole institution
            return queryset
        combined = Q()
        for condition in conditions:
            combined |= condition
        return queryset.filter(combined)

    def _reaches(self, grant: Grant, obj) -> bool:
        if any(value_at(obj, name) != value for name, value in grant.only):
            return False
        if grant.reach is INSTITUTION:
            return True
        if grant.reach is OWN:
            return obj.created_by_id is not None and obj.created_by_id == self.membership.user_id
        path = type(obj).partnership_path
        if _is_many(type(obj), path):
            return obj.pk is not None and bool(
                set(getattr(obj, path).values_list("pk", flat=True)) & self.partnership_ids
            )
        return value_at(obj, path) in self.partnership_ids

    def permits(self, action: Action, obj) -> bool:
        """May the user ``action`` this record (an unsaved one for "add")?"""
        if self.membership is None or obj.institution_id != self.membership.institution_id:
            return False
        return any(grant.covers(action, type(obj)) and self._reaches(grant, obj) for grant in self.grants)

    def may_add(self, model, **links) -> bool:
        """May the user add a record of ``model`` with these links (``body=…``): the "add" buttons
        of a record's page, asked of the record as it would be made."""
        return self.permits("add", model(institution_id=self.membership.institution_id, **links))

    def allows_merging(self, model) -> bool:
        """May the user merge duplicate records of ``model`` at all: change the one kept and
        delete the other (``directory.domain.merge``)?"""
        return self.allows("change", model) and self.allows("delete", model)

    def permits_merging(self, survivor, duplicate) -> bool:
        """May the user merge ``duplicate`` into ``survivor``: "change" on the one kept, "delete"
        on the one merged into it."""
        return (
            type(survivor) is type(duplicate)
            and self.permits("change", survivor)
            and self.permits("delete", duplicate)
        )

    def partnership_choices(self, action: Action, model):
        """The partnerships a record of ``model`` may belong to when the user may ``action`` it."""
        partnership = apps.get_model("partnerships", "Partnership")
        queryset = partnership.objects.in_institution(self.membership.institution_id)
        reaches = {grant.reach for grant in self.grants if grant.covers(action, model)}
        if reaches & {INSTITUTION, OWN}:
            return queryset
        if PARTNERSHIPS in reaches:
            return queryset.filter(pk__in=self.partnership_ids)
        return queryset.none()


def policy_for(request) -> Policy:
    """The signed-in member's policy, built once per request."""
    if not hasattr(request, "_samverka_policy"):
        request._samverka_policy = Policy(current_membership(request))
    return request._samverka_policy
