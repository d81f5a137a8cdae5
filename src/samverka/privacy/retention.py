"""Whose retention has run out: the one place the retention rules of personal data are applied.

People (``expired_people``):

- *while taking part*: kept while the person has a current coordinator
  assignment, and for ``SAMVERKA_RETENTION_YEARS`` after the last of their
  activities, assignments and edits;
- *until a date*: kept until ``retain_until``;
- *for the archive*: never anonymised. Signatories of agreements (a public
  record) are kept whatever their rule says.

The submitter of an idea (``expired_submitters``): their name, organisation,
e-mail and phone are kept while the idea is open, and for
``SAMVERKA_RETENTION_YEARS`` after it was realised or declined.

The rules are one query: the database finds the few people whose time has
run out, whatever the size of the directory.
"""

import datetime
from dataclasses import dataclass
from typing import cast

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import DateField, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.activities.models import Activity
from samverka.directory.models import Person, Retention
from samverka.ideas.models import OPEN_STAGES, Idea
from samverka.partnerships.models import Agreement, CoordinatorAssignment

LONG_AGO = datetime.date(1900, 1, 1)  # stands for "never" when taking the latest of several days


@dataclass(frozen=True)
class Expired:
    person: Person
    reason: str  # why, for the list people read
    since: datetime.date  # the day the retention ran out


def _latest(queryset, day):
    """The latest ``day`` (a date expression) of one person's rows, as a subquery; LONG_AGO if none."""
    latest = queryset.annotate(day=day).order_by(F("day").desc(nulls_last=True)).values("day")[:1]
    return Coalesce(Subquery(latest, output_field=DateField()), Value(LONG_AGO))


def expired_people(institution=None, today: datetime.date | None = None) -> list[Expired]:
    today = today or timezone.localdate()
    years = settings.SAMVERKA_RETENTION_YEARS
    person = OuterRef("pk")
    assignments = CoordinatorAssignment.objects.filter(person=person)
    people = (
        Person.objects.filter(anonymised_at__isnull=True)
        .exclude(retention=Retention.ARCHIVE)
        .exclude(Exists(Agreement.signatories.through.objects.filter(person=person)))
        .annotate(
            current=Exists(assignments.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))),
            last_involved=Greatest(
                _latest(Activity.objects.filter(people=person), Coalesce("ends_on", "starts_on")),
                _latest(assignments, F("ends_on")),
                TruncDate("updated_at"),
                output_field=DateField(),
            ),
        )
        .filter(
            Q(retention=Retention.UNTIL_DATE, retain_until__lt=today)
            | Q(
                retention=Retention.WHILE_ACTIVE,
                current=False,
                last_involved__lt=today - relativedelta(years=years),
            )
        )
        .order_by("last_name", "first_name", "pk")
    )
    if institution is not None:
        people = people.in_institution(institution)
    found = []
    for row in people:
        if row.retention == Retention.UNTIL_DATE:
            reason = _("kept until {date}").format(date=row.retain_until)
            found.append(Expired(row, reason, cast(datetime.date, row.retain_until)))  # set: UNTIL_DATE
        else:
            reason = _("last involved {date}, kept {years} years").format(date=row.last_involved, years=years)
            found.append(Expired(row, reason, row.last_involved + relativedelta(years=years)))
    return found


@dataclass(frozen=True)
class ExpiredSubmitter:
    idea: Idea
    reason: str
    since: datetime.date


def expired_submitters(institution=None, today: datetime.date | None = None) -> list[ExpiredSubmitter]:
    """Closed ideas whose submitter's contact details have been kept their time."""
    today = today or timezone.localdate()
    years = settings.SAMVERKA_RETENTION_YEARS
    ideas = (
        Idea.objects.exclude(stage__in=OPEN_STAGES)
        .filter(stage_since__date__lt=today - relativedelta(years=years))
        .exclude(**dict.fromkeys(Idea.submitter_fields, ""))
        .order_by("stage_since", "pk")
    )
    if institution is not None:
        ideas = ideas.in_institution(institution)
    found = []
    for idea in ideas:
        closed = timezone.localtime(idea.stage_since).date()
        reason = _("{stage} {date}, kept {years} years").format(
            stage=idea.get_stage_display(), date=closed, years=years
        )
        found.append(ExpiredSubmitter(idea, reason, closed + relativedelta(years=years)))
    return found
