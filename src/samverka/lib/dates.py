"""Periods with a start and an end date: an end never comes before its start."""

import datetime

from django.db.models import CheckConstraint, F, Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PERIOD_MESSAGE = _("The end date cannot be before the start date.")


def period_constraint(name: str, start: str = "starts_on", end: str = "ends_on") -> CheckConstraint:
    """The database's guard of the rule; either date may be unknown."""
    return CheckConstraint(
        condition=Q(**{f"{end}__isnull": True})
        | Q(**{f"{start}__isnull": True})
        | Q(**{f"{end}__gte": F(start)}),
        name=name,
    )


def period_errors(
    start: datetime.date | None, end: datetime.date | None, field: str = "ends_on"
) -> dict[str, str | Promise]:
    """The same rule for forms: an error at the end date, or nothing."""
    if start and end and end < start:
        return {field: PERIOD_MESSAGE}
    return {}
