"""Whose retention has run out: the one place the retention rules of people are applied.

- *while taking part*: kept while the person has a current coordinator
  assignment, and for ``SAMVERKA_RETENTION_YEARS`` after the last of their
  activities, assignments and edits;
- *until a date*: kept until ``retain_until``;
- *for the archive*: never anonymised. Signatories of an agreement (a public
  record) are kept whatever their rule says.
"""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import Exists, Max, OuterRef, Q
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from samverka.activities.models import Activity
from samverka.directory.models import Person, Retention
from samverka.partnerships.models import Agreement, CoordinatorAssignment


@dataclass(frozen=True)
class Expired:
    person: Person
    reason: str  # why, for the list people read
    since: datetime.date  # the day the retention ran out


def _last_activity_day(person_ref):
    activities = Activity.objects.filter(people=person_ref).values("people")
    return activities.annotate(last=Max(Coalesce("ends_on", "starts_on"))).values("last")[:1]


def expired_people(institution=None, today: datetime.date | None = None) -> list[Expired]:
    from django.utils.translation import gettext as _

    today = today or timezone.localdate()
    years = settings.SAMVERKA_RETENTION_YEARS
    people = Person.objects.filter(anonymised_at__isnull=True).exclude(retention=Retention.ARCHIVE)
    if institution is not None:
        people = people.in_institution(institution)
    current_assignment = CoordinatorAssignment.objects.filter(person=OuterRef("pk")).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    )
    signatory = Agreement.signatories.through.objects.filter(person=OuterRef("pk"))
    people = people.exclude(Exists(signatory)).annotate(
        current=Exists(current_assignment),
        last_activity=_last_activity_day(OuterRef("pk")),
        last_assignment=Max("coordinator_assignments__ends_on"),
        last_edit=TruncDate("updated_at"),
    )
    found = []
    for person in people.order_by("last_name", "first_name", "pk"):
        if person.retention == Retention.UNTIL_DATE:
            if person.retain_until and person.retain_until < today:
                found.append(
                    Expired(
                        person, _("kept until {date}").format(date=person.retain_until), person.retain_until
                    )
                )
            continue
        if person.current:
            continue
        last = max(day for day in (person.last_activity, person.last_assignment, person.last_edit) if day)
        ends = last + relativedelta(years=years)
        if ends < today:
            found.append(
                Expired(
                    person, _("last involved {date}, kept {years} years").format(date=last, years=years), ends
                )
            )
    return found
