"""Deterministic synthetic data at realistic and national scale (``samverka generate``).

Everything is made through the project's own models, in new institutions
marked ``is_generated`` (the demo and real data are never touched), in
streamed batches so memory stays bounded whatever the size. The same seed on
the same day gives the same data.

The shape follows real data: a few institutions, and within each a few
partnerships, hold most activities (Zipf-like weights); large joint projects
(like the seed's FIQA) have hundreds of sub-activities; dates spread over a
dozen years with more in recent ones.
"""

import datetime
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify
from stdnum import luhn

from samverka.activities.domain import ensure_standard_activity_types
from samverka.activities.models import Activity, ActivityStatus, ActivityType
from samverka.benchmark import vocabulary as words
from samverka.core.cache import invalidate_institution
from samverka.core.models import Institution, Membership, Role
from samverka.demo.seed import DEMO_PASSWORD
from samverka.directory.models import Organisation, OrganisationType, Person, Side, Unit, UnitKind
from samverka.lib.dbstats import refresh_statistics
from samverka.lib.orgnumber import normalise_orgnumber
from samverka.partnerships.models import (
    Agreement,
    AgreementType,
    CoordinatorAssignment,
    Criterion,
    CriterionStatus,
    DatePrecision,
    FocusArea,
    Partnership,
    PartnershipCriterion,
    PartnershipStatus,
)
from samverka.search.domain import rebuild as rebuild_search_index
from samverka.search.synonyms import ensure_standard_synonyms

BATCH = 5000
# How strongly activities concentrate: weight of the k-th institution / partnership is 1/k^s.
INSTITUTION_SKEW = 0.6
PARTNERSHIP_SKEW = 1.6
STANDALONE_SHARE = 0.1  # activities with a partner organisation but no partnership
HISTORY_YEARS = 12
GENERATED_USERNAME = "gen-samordnare"


@dataclass(frozen=True)
class Size:
    """One named size of generated data (all institutions together)."""

    name: str
    institutions: int
    partnerships: int  # per institution
    activities: int
    people: int
    organisations: int


SIZES: dict[str, Size] = {
    "small": Size("small", institutions=1, partnerships=8, activities=1_000, people=400, organisations=200),
    "university": Size(
        "university", institutions=1, partnerships=40, activities=50_000, people=10_000, organisations=5_000
    ),
    "national": Size(
        "national",
        institutions=40,
        partnerships=40,
        activities=1_000_000,
        people=200_000,
        organisations=50_000,
    ),
}


class GenerationError(Exception):
    """A reason the generator refuses to run; nothing has been written."""


@dataclass
class Quota:
    """What one generated institution receives of the size's totals."""

    index: int
    activities: int
    people: int
    organisations: int
    partnerships: int


@dataclass
class Result:
    institutions: list[Institution]
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    username: str | None = None


def generated_institutions() -> models.QuerySet[Institution]:
    return Institution.objects.filter(is_generated=True)


def skewed_split(total: int, parts: int, skew: float, minimum: int = 0) -> list[int]:
    """Split ``total`` into ``parts`` shares with weights 1/k^skew (largest first), summing exactly."""
    if parts <= 0:
        return []
    weights = [1 / (k**skew) for k in range(1, parts + 1)]
    scale = sum(weights)
    spare = total - minimum * parts
    if spare < 0:
        raise ValueError("total is smaller than parts × minimum")
    raw = [spare * w / scale for w in weights]
    shares = [int(r) for r in raw]
    # Largest remainders get the units lost to rounding, so the shares add up to the total.
    for k in sorted(range(parts), key=lambda k: raw[k] - shares[k], reverse=True)[: spare - sum(shares)]:
        shares[k] += 1
    return [share + minimum for share in shares]


def plan(size: Size) -> list[Quota]:
    """The quota of each institution: the first (largest) gets the most of everything."""
    n = size.institutions
    activities = skewed_split(size.activities, n, INSTITUTION_SKEW)
    people = skewed_split(size.people, n, INSTITUTION_SKEW, minimum=min(200, size.people // n))
    organisations = skewed_split(
        size.organisations, n, INSTITUTION_SKEW, minimum=min(2 * size.partnerships, size.organisations // n)
    )
    return [
        Quota(k, activities[k], people[k], organisations[k], size.partnerships)
        for k in range(size.institutions)
    ]


def orgnumber(prefix: str, serial: int) -> str:
    """A valid organisation number: ``prefix`` + serial (9 digits in all) + the Luhn check digit."""
    body = f"{prefix}{serial:0{9 - len(prefix)}d}"
    if len(body) != 9:
        raise ValueError("serial too large for its prefix")
    return normalise_orgnumber(body + luhn.calc_check_digit(body))


def _batched(items: Iterator, size: int = BATCH) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class InstitutionBuilder:
    """Builds one generated institution with its directory, partnerships and activities."""

    def __init__(self, quota: Quota, seed: int, today: datetime.date, advance: Callable[[int], None]):
        self.quota = quota
        self.rng = random.Random(f"{seed}:{quota.index}")  # noqa: S311 - made-up data, not secrets
        self.today = today
        self.advance = advance
        self.counts: dict[str, int] = {}

    # --- helpers ------------------------------------------------------------
    def _count(self, name: str, n: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + n

    def _date_between(self, start: datetime.date, end: datetime.date, recent_bias: float = 0.6):
        span = max((end - start).days, 0)
        return start + datetime.timedelta(days=int(span * self.rng.random() ** recent_bias))

    def _name(self, english: bool = False) -> tuple[str, str]:
        first = self.rng.choice(words.ENGLISH_FIRST_NAMES if english else words.SWEDISH_FIRST_NAMES)
        last = self.rng.choice(words.ENGLISH_LAST_NAMES if english else words.SWEDISH_LAST_NAMES)
        return first, last

    # --- the institution ------------------------------------------------------
    def build(self) -> Institution:
        town = words.TOWNS[self.quota.index % len(words.TOWNS)]
        serial = self.quota.index // len(words.TOWNS)
        suffix = f" {serial + 1}" if serial else ""
        self.institution = Institution.objects.create(
            slug=f"gen-{self.quota.index + 1:02d}-{slugify(town)}",
            name_sv=f"Högskolan i {town}{suffix} (genererad)",
            name_en=f"{town}{suffix} University (generated)",
            website=f"https://{slugify(town)}.example.se/",
            is_generated=True,
        )
        self.domain = f"{slugify(town)}.example.se"
        ensure_standard_activity_types(self.institution)
        ensure_standard_synonyms(self.institution)
        self.types = {t.code: t for t in ActivityType.objects.in_institution(self.institution)}
        self.units()
        self.organisations()
        self.people()
        self.partnerships()
        self.activities()
        return self.institution

    def units(self) -> None:
        rng, subjects = self.rng, list(words.SUBJECTS)
        rng.shuffle(subjects)
        faculties = [
            Unit(institution=self.institution, kind=UnitKind.FACULTY, name_sv=sv, name_en=en)
            for sv, en in (
                ("Medicinska fakulteten", "Faculty of Medicine"),
                ("Teknisk-naturvetenskapliga fakulteten", "Faculty of Science and Technology"),
                ("Samhällsvetenskapliga fakulteten", "Faculty of Social Sciences"),
                ("Humanistiska fakulteten", "Faculty of Arts"),
            )
        ]
        Unit.objects.bulk_create(faculties)
        departments = [
            Unit(
                institution=self.institution,
                kind=UnitKind.DEPARTMENT,
                name_sv=f"Institutionen för {sv}",
                name_en=f"Department of {en}",
                parent=faculties[k % len(faculties)],
            )
            for k, (sv, en) in enumerate(subjects)
        ]
        Unit.objects.bulk_create(departments)
        self.unit_ids = [u.pk for u in departments]
        self._count("units", len(faculties) + len(departments))

    def organisations(self) -> None:
        """Regions and municipalities first (partnership candidates), then companies and others."""
        rng, inst = self.rng, self.institution
        total = self.quota.organisations
        public_bodies = [(name, OrganisationType.REGION, "2321") for name in words.REGIONS] + [
            (f"{town} kommun", OrganisationType.MUNICIPALITY, "2120") for town in words.TOWNS
        ]
        rng.shuffle(public_bodies)
        public_bodies = public_bodies[: max(total // 10, 1)]
        rows: list[Organisation] = []
        for serial, (name, kind, prefix) in enumerate(public_bodies):
            rows.append(
                Organisation(institution=inst, name=name, type=kind, org_number=orgnumber(prefix, serial))
            )
        for serial, name in enumerate(words.AGENCIES[: max(0, min(len(words.AGENCIES), total // 50))]):
            rows.append(
                Organisation(
                    institution=inst,
                    name=name,
                    type=OrganisationType.AGENCY,
                    org_number=orgnumber("2021", serial),
                )
            )
        Organisation.objects.bulk_create(rows)
        self.advance(len(rows))
        self.org_ids = [o.pk for o in rows]
        self.org_names = {o.pk: o.name for o in rows}
        self.candidate_orgs = [o.pk for o in rows if o.type != OrganisationType.AGENCY]

        def others() -> Iterator[Organisation]:
            for serial in range(total - len(rows)):
                if rng.random() < 0.9:
                    family = rng.choice(words.SWEDISH_LAST_NAMES)
                    name = f"{family} {rng.choice(words.COMPANY_WORDS)} {rng.choice(words.COMPANY_FORMS)}"
                    kind, prefix = OrganisationType.COMPANY, "55"
                else:
                    name = f"{rng.choice(words.TOWNS)} {rng.choice(words.NON_PROFITS).lower()}"
                    kind, prefix = OrganisationType.NON_PROFIT, "80"
                number = orgnumber(prefix, serial) if rng.random() < 0.95 else ""
                yield Organisation(
                    institution=inst,
                    name=name,
                    type=kind,
                    org_number=number,
                    website=f"https://{slugify(name)}.example.se/" if rng.random() < 0.5 else "",
                )

        companies: list[int] = []
        for batch in _batched(others()):
            Organisation.objects.bulk_create(batch)
            for org in batch:
                self.org_ids.append(org.pk)
                if len(self.candidate_orgs) < 4 * self.quota.partnerships:
                    self.candidate_orgs.append(org.pk)
                    self.org_names[org.pk] = org.name
                if org.type == OrganisationType.COMPANY:
                    companies.append(org.pk)
            self.advance(len(batch))
        # One company in ten belongs to a group (a company made earlier).
        groups = companies[: max(len(companies) // 50, 1)]
        children = [pk for pk in companies[len(groups) :] if rng.random() < 0.1]
        for batch in _batched(iter(children)):
            parent_of = {pk: rng.choice(groups) for pk in batch}
            Organisation.objects.bulk_update(
                [Organisation(pk=pk, parent_id=parent) for pk, parent in parent_of.items()],
                ["parent"],
                batch_size=500,
            )
        self._count("organisations", total)

    def people(self) -> None:
        rng, inst = self.rng, self.institution
        self.university_people: list[int] = []
        self.partner_people: dict[int, list[int]] = {}

        def make() -> Iterator[Person]:
            for _ in range(self.quota.people):
                english = rng.random() < 0.08
                first, last = self._name(english)
                address = slugify(f"{first}.{last}").replace("-", ".")
                if rng.random() < 0.55:
                    title_sv, title_en = rng.choice(words.UNIVERSITY_TITLES)
                    yield Person(
                        institution=inst,
                        first_name=first,
                        last_name=last,
                        side=Side.UNIVERSITY,
                        unit_id=rng.choice(self.unit_ids),
                        title_sv=title_sv,
                        title_en=title_en,
                        email=f"{address}@{self.domain}",
                        phone=f"090-{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                    )
                else:
                    title_sv, title_en = rng.choice(words.PARTNER_TITLES)
                    # Partnership candidates get most people, as they do in reality.
                    pool = self.candidate_orgs if rng.random() < 0.5 else self.org_ids
                    yield Person(
                        institution=inst,
                        first_name=first,
                        last_name=last,
                        side=Side.PARTNER,
                        organisation_id=rng.choice(pool),
                        title_sv=title_sv,
                        title_en=title_en,
                        email=f"{address}@partner.example.se",
                    )

        for batch in _batched(make()):
            Person.objects.bulk_create(batch)
            for person in batch:
                if person.side == Side.UNIVERSITY:
                    self.university_people.append(person.pk)
                else:
                    self.partner_people.setdefault(person.organisation_id, []).append(person.pk)
            self.advance(len(batch))
        self._count("people", self.quota.people)

    def partnerships(self) -> None:
        rng, inst, today = self.rng, self.institution, self.today
        statuses = [
            (PartnershipStatus.ACTIVE, 70),
            (PartnershipStatus.UNDER_REVIEW, 10),
            (PartnershipStatus.NEGOTIATING, 8),
            (PartnershipStatus.PROSPECTIVE, 5),
            (PartnershipStatus.ENDED, 7),
        ]
        chosen = rng.sample(self.candidate_orgs, min(self.quota.partnerships, len(self.candidate_orgs)))
        self.partnership_rows: list[dict] = []
        slugs: set[str] = set()
        for order, org_id in enumerate(chosen):
            # The largest partnerships (first in order, most activities) are the active ones.
            status = (
                PartnershipStatus.ACTIVE
                if order < 5
                else rng.choices([s for s, _ in statuses], [w for _, w in statuses])[0]
            )
            title = self.org_names[org_id]
            slug = base = slugify(title)[:70] or "partnerskap"
            n = 2
            while slug in slugs:
                slug, n = f"{base}-{n}", n + 1
            slugs.add(slug)
            start = datetime.date(
                rng.randint(today.year - HISTORY_YEARS, today.year - 1), rng.randint(1, 12), 1
            )
            theme_sv, theme_en = rng.choice(words.THEMES)
            partnership = Partnership.objects.create(
                institution=inst,
                title_sv=title,
                title_en=title,
                slug=slug,
                status=status,
                start_date=start,
                start_precision=rng.choice(list(DatePrecision.values)),
                next_review_date=today + datetime.timedelta(days=rng.randint(-30, 720)),
                purpose_sv=f"Partnerskapet samlar {title} och lärosätet kring {theme_sv.lower()}.",
                purpose_en=f"{title} and the university work together on {theme_en.lower()}.",
                public_description_sv=f"Samverkan inom {theme_sv.lower()}, utbildning och forskning.",
                public_description_en=f"Collaboration on {theme_en.lower()}, education and research.",
                published=status in (PartnershipStatus.ACTIVE, PartnershipStatus.UNDER_REVIEW)
                and rng.random() < 0.8,
                order=order,
            )
            extra = rng.sample(self.org_ids, rng.choice([0, 0, 0, 1, 2]))
            partnership.organisations.set({org_id, *extra})
            partnership.units.set(rng.sample(self.unit_ids, rng.randint(2, 5)))
            partnership.collaboration_forms.set(
                [t.pk for t in rng.sample(list(self.types.values()), rng.randint(3, 7))]
            )
            agreement = self._agreements(partnership)
            focus_areas = self._focus_areas(partnership, agreement)
            PartnershipCriterion.objects.bulk_create(
                PartnershipCriterion(
                    institution=inst,
                    partnership=partnership,
                    criterion=code,
                    status=rng.choice(list(CriterionStatus.values)),
                )
                for code in Criterion.values
            )
            for k, person_id in enumerate(rng.sample(self.university_people, rng.randint(1, 2))):
                title_sv, title_en = words.COORDINATOR_TITLES[k % 2]
                CoordinatorAssignment.objects.create(
                    institution=inst,
                    person_id=person_id,
                    partnership=partnership,
                    role_title_sv=title_sv,
                    role_title_en=title_en,
                    starts_on=start,
                    order=k,
                )
            self.partnership_rows.append(
                {
                    "id": partnership.pk,
                    "start": start,
                    # An ended partnership has no activities after its last agreement.
                    "end": agreement.ends_on if status == PartnershipStatus.ENDED else None,
                    "org": org_id,
                    "focus_areas": focus_areas,
                }
            )
        for k, person_id in enumerate(rng.sample(self.university_people, 2)):
            Person.objects.filter(pk=person_id).update(is_public=True)
            CoordinatorAssignment.objects.create(
                institution=inst,
                person_id=person_id,
                role_title_sv="Samordnare strategiska partnerskap",
                role_title_en="Coordinator of strategic partnerships",
                order=k,
            )
        self._count("partnerships", len(chosen))

    def _agreements(self, partnership: Partnership) -> Agreement:
        rng, start = self.rng, partnership.start_date
        sequence, agreement = 1, None
        while True:
            years = rng.choice([2, 3, 4])
            ends = datetime.date(start.year + years, start.month, 1) - datetime.timedelta(days=1)
            agreement = Agreement.objects.create(
                institution=self.institution,
                partnership=partnership,
                sequence=sequence,
                type=AgreementType.LETTER_OF_INTENT
                if sequence == 1 and rng.random() < 0.3
                else AgreementType.PARTNERSHIP_AGREEMENT,
                signed_on=start - datetime.timedelta(days=rng.randint(1, 60)),
                starts_on=start,
                ends_on=ends,
                review_on=ends - datetime.timedelta(days=180),
                registry_number=f"FS 1.6.2-{rng.randint(100, 9999)}-{start.year % 100:02d}",
            )
            self._count("agreements", 1)
            if ends >= self.today or partnership.status == PartnershipStatus.ENDED:
                return agreement
            start, sequence = ends + datetime.timedelta(days=1), sequence + 1

    def _focus_areas(self, partnership: Partnership, agreement: Agreement) -> list[int]:
        themes = self.rng.sample(words.THEMES, self.rng.randint(3, 6))
        rows = FocusArea.objects.bulk_create(
            FocusArea(
                institution=self.institution,
                partnership=partnership,
                agreement=agreement,
                name_sv=sv,
                name_en=en,
                description_sv=f"Gemensamma insatser inom {sv.lower()}.",
                description_en=f"Joint work on {en.lower()}.",
                order=k,
            )
            for k, (sv, en) in enumerate(themes)
        )
        self._count("focus areas", len(rows))
        return [f.pk for f in rows]

    # --- activities ---------------------------------------------------------
    def activities(self) -> None:
        rng, today = self.rng, self.today
        total = self.quota.activities
        partnered = total - int(total * STANDALONE_SHARE)
        shares = skewed_split(partnered, len(self.partnership_rows), PARTNERSHIP_SKEW)
        codes = list(words.ACTIVITY_MIX)
        code_weights = [words.ACTIVITY_MIX[c][0] for c in codes]
        earliest = datetime.date(today.year - HISTORY_YEARS, 1, 1)
        horizon = today + datetime.timedelta(days=365)
        # Large joint projects (FIQA-like) of the biggest partnerships: created first, so
        # sub-activities can point at them.
        parents: dict[int, list[int]] = {}
        for row, share in zip(self.partnership_rows, shares, strict=True):
            if share >= 200:
                made = [
                    self._activity("joint-research-project", row, earliest, horizon, funding=True)
                    for _ in range(max(1, share // 2000))
                ]
                Activity.objects.bulk_create(made)
                parents[row["id"]] = [a.pk for a in made]
                self.advance(len(made))
                self._count("activities", len(made))

        def make() -> Iterator[Activity]:
            for row, share in zip(self.partnership_rows, shares, strict=True):
                own_parents = parents.get(row["id"], [])
                for _ in range(share - len(own_parents)):
                    activity = self._activity(rng.choices(codes, code_weights)[0], row, earliest, horizon)
                    if own_parents and rng.random() < 0.3:
                        activity.parent_id = rng.choice(own_parents)
                    yield activity
            for _ in range(total - partnered):
                yield self._activity(rng.choices(codes, code_weights)[0], None, earliest, horizon)

        people_through = Activity.people.through
        orgs_through = Activity.organisations.through
        units_through = Activity.units.through
        for batch in _batched(make()):
            Activity.objects.bulk_create(batch)
            people, orgs, units = [], [], []
            for activity in batch:
                org_id = activity._generated_org
                partner_pool = self.partner_people.get(org_id, [])
                chosen = {rng.choice(self.university_people)}
                if rng.random() < 0.4:
                    chosen.add(rng.choice(self.university_people))
                people += [people_through(activity_id=activity.pk, person_id=p) for p in chosen]
                if partner_pool and rng.random() < 0.6:
                    people.append(people_through(activity_id=activity.pk, person_id=rng.choice(partner_pool)))
                orgs.append(orgs_through(activity_id=activity.pk, organisation_id=org_id))
                if rng.random() < 0.7:
                    units.append(units_through(activity_id=activity.pk, unit_id=rng.choice(self.unit_ids)))
            people_through.objects.bulk_create(people)
            orgs_through.objects.bulk_create(orgs)
            units_through.objects.bulk_create(units)
            self._count("activities", len(batch))
            self._count("activity links", len(people) + len(orgs) + len(units))
            self.advance(len(batch))

    def _activity(self, code, row, earliest, horizon, funding: bool = False) -> Activity:
        rng = self.rng
        start_floor = max(earliest, row["start"]) if row else earliest
        if row and row["end"]:
            horizon = min(horizon, row["end"])
        starts = self._date_between(start_floor, horizon)
        low, high = words.ACTIVITY_MIX[code][1]
        ends = starts + datetime.timedelta(days=rng.randint(low, high))
        if ends < self.today:
            status = ActivityStatus.CANCELLED if rng.random() < 0.03 else ActivityStatus.COMPLETED
        elif starts <= self.today:
            status = ActivityStatus.ONGOING
        else:
            status = ActivityStatus.PLANNED
        topic_sv, topic_en = rng.choice(words.TOPICS)
        prefix_sv, prefix_en = words.ACTIVITY_TITLES[code]
        activity_type = self.types[code]
        students = None
        if activity_type.counts_students:
            students = rng.randint(10, 30) if code == "commissioned-education" else rng.randint(1, 2)
        money = None
        if funding or code in ("joint-research-project", "joint-application"):
            money = rng.randrange(200_000, 30_000_000, 10_000)
        activity = Activity(
            institution=self.institution,
            type=activity_type,
            title_sv=f"{prefix_sv}: {topic_sv}",
            title_en=f"{prefix_en}: {topic_en}",
            description_sv=f"{prefix_sv} om {topic_sv}." if rng.random() < 0.3 else "",
            description_en=f"{prefix_en} on {topic_en}." if rng.random() < 0.3 else "",
            partnership_id=row["id"] if row else None,
            focus_area_id=rng.choice(row["focus_areas"]) if row and rng.random() < 0.8 else None,
            status=status,
            starts_on=starts,
            ends_on=ends,
            student_count=students,
            funding_sek=money,
        )
        activity._generated_org = row["org"] if row else rng.choice(self.org_ids)
        return activity


def check_can_generate(size_name: str) -> Size:
    """The size to generate, or a clear refusal (unknown size, generated data already there)."""
    if size_name not in SIZES:
        raise GenerationError("Unknown size {!r}: choose one of {}.".format(size_name, ", ".join(SIZES)))
    existing = generated_institutions().count()
    if existing:
        raise GenerationError(
            f"The database already holds generated data ({existing} generated institution(s)). "
            "Run 'samverka generate --delete' to remove it first; nothing was changed."
        )
    return SIZES[size_name]


def generate(size_name: str, *, seed: int = 1, advance: Callable[[int], None] = lambda n: None) -> Result:
    """Generate ``size_name`` into new institutions marked as generated; refuse if some exist."""
    size = check_can_generate(size_name)
    started = time.monotonic()
    today = timezone.localdate()
    result = Result(institutions=[])
    for quota in plan(size):
        builder = InstitutionBuilder(quota, seed, today, advance)
        with transaction.atomic():
            result.institutions.append(builder.build())
        rebuild_search_index([result.institutions[-1].pk])  # bulk inserts send no signals
        for name, n in builder.counts.items():
            result.counts[name] = result.counts.get(name, 0) + n
    if not settings.PRODUCTION:
        result.username = _bench_user(result.institutions[0])
    for institution in result.institutions:
        invalidate_institution(institution.pk)  # bulk inserts send no signals
    refresh_statistics(connection, vacuum=True)
    result.seconds = time.monotonic() - started
    return result


def _bench_user(institution: Institution) -> str:
    """A coordinator of the largest generated institution (development only), for ``samverka bench``."""
    user, created = get_user_model().objects.get_or_create(username=GENERATED_USERNAME)
    if created or not user.has_usable_password():
        user.set_password(DEMO_PASSWORD)
        user.save()
    Membership.objects.update_or_create(
        user=user, defaults={"institution": institution, "role": Role.COORDINATOR}
    )
    return GENERATED_USERNAME


def institution_tables() -> list[tuple[str, str]]:
    """(table, SQL condition on institution ids) of everything that belongs to an institution.

    Found from the models, so records of later areas are deleted too: each
    model with an ``institution`` foreign key, and the many-to-many tables of those models.
    """
    tables: list[tuple[str, str]] = []
    for model in apps.get_models():
        try:
            fk = model._meta.get_field("institution")
        except FieldDoesNotExist:  # models without an institution are not ours to delete
            continue
        if not (fk.many_to_one and fk.related_model is Institution):
            continue
        table = model._meta.db_table
        for m2m in model._meta.local_many_to_many:
            through = m2m.remote_field.through._meta
            column = m2m.m2m_column_name()
            tables.append(
                (through.db_table, f"{column} IN (SELECT id FROM {table} WHERE institution_id IN ({{ids}}))"),  # noqa: S608
            )
        tables.append((table, "institution_id IN ({ids})"))
    return tables


@transaction.atomic
def delete_generated() -> int:
    """Remove every generated institution and all it holds, with plain deletes (no per-row loading)."""
    ids = list(generated_institutions().values_list("pk", flat=True))
    if not ids:
        return 0
    id_list = ",".join(str(int(pk)) for pk in ids)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table, condition in institution_tables():
            cursor.execute(
                # Table and column names come from the models, ids are integers.
                f"DELETE FROM {connection.ops.quote_name(table)} WHERE {condition.format(ids=id_list)}"  # noqa: S608
            )
    get_user_model().objects.filter(username=GENERATED_USERNAME).delete()
    Institution.objects.filter(pk__in=ids).delete()
    return len(ids)
