"""A person's organisations over time (``Affiliation``) and the one rule that keeps the main one in
step with ``Person.organisation``.

Whatever saves a person through ``core.domain.records`` (the form, the API, an import) runs the
hooks below: the person's main organisation has an open affiliation with their title as the role
and their department there; when the main organisation changes, the affiliation with the one
before ends yesterday and the new one starts today, so a move leaves its history. Other and
former places are affiliations of their own, entered on the person's page.
"""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from samverka.core.domain.records import Actor
from samverka.directory.models import Affiliation, Organisation, Person

# The main organisation a person had when their save began: read before it, used after it.
_BEFORE = "_organisation_before_save"


def current(on: datetime.date | None = None) -> Q:
    """Affiliations in force on ``on`` (today): not ended before it."""
    day = on or timezone.localdate()
    return Q(ends_on__isnull=True) | Q(ends_on__gte=day)


def remember_organisation(person: Person, *, creating: bool, actor: Actor) -> None:
    """``before_save`` of people: note the main organisation as stored, before the change."""
    before = None
    if not creating:
        before = Person.objects.filter(pk=person.pk).values_list("organisation_id", flat=True).first()
    setattr(person, _BEFORE, before)


def follow_main_organisation(person: Person, *, creating: bool, actor: Actor) -> None:
    """``after_save`` of people: the main organisation's affiliation is open and says the title
    and department; the one of a main organisation left behind ends yesterday."""
    today = timezone.localdate()
    before = getattr(person, _BEFORE, None)
    if before and before != person.organisation_id:
        left = Affiliation.objects.filter(current(today), person=person, organisation_id=before)
        # begun today: a correction of the same day, not a period of its own
        left.filter(starts_on__gte=today).delete()
        left.update(ends_on=today - datetime.timedelta(days=1), updated_at=timezone.now())
    if person.organisation_id is None:
        return
    title = person.title_sv or person.title_en  # type: ignore[attr-defined]  # django-modeltranslation's
    role = (title or "")[:200]
    main = Affiliation.objects.filter(current(today), person=person, organisation_id=person.organisation_id)
    if (affiliation := main.order_by("-starts_on", "-id").first()) is None:
        Affiliation.objects.create(
            institution_id=person.institution_id,
            person=person,
            organisation_id=person.organisation_id,
            role=role,
            department=person.organisation_unit,
            starts_on=None if creating else today,
            created_by=actor if actor is not None and actor.is_authenticated else None,
        )
    elif (affiliation.role, affiliation.department) != (role, person.organisation_unit):
        affiliation.role, affiliation.department = role, person.organisation_unit
        affiliation.save(update_fields=["role", "department", "updated_at"])


def people_of(organisation: Organisation) -> tuple[QuerySet[Person], QuerySet[Affiliation]]:
    """The organisation's people now (its main one, or an affiliation in force) and its former
    affiliations (ended, of people no longer there)."""
    in_force = Affiliation.objects.filter(current(), organisation=organisation)
    now = Person.objects.filter(Q(organisation=organisation) | Q(pk__in=in_force.values("person"))).order_by(
        "last_name", "first_name", "id"
    )
    former = (
        Affiliation.objects.filter(organisation=organisation, ends_on__lt=timezone.localdate())
        .exclude(person__in=now.values("pk"))
        .select_related("person")
        .order_by("-ends_on", "-id")
    )
    return now, former


def places_text(person_ids: list[int]) -> dict[int, str]:
    """{person: the organisations, roles and departments of their affiliations, now and before}, so
    the search finds a person by any organisation they belong or belonged to (one query)."""
    found: dict[int, list[str]] = {}
    rows = Affiliation.objects.filter(person__in=person_ids).values_list(
        "person_id", "organisation__name", "role", "department"
    )
    for person_id, *words in rows:
        found.setdefault(person_id, []).extend(word for word in words if word)
    return {person_id: " ".join(words) for person_id, words in found.items()}
