"""Load the seed's institution, partnerships, coordinators and news (idempotent).

Existing records are found by their natural keys and left as they are, so
running the demo again never duplicates or overwrites anything.
"""

import datetime
import itertools

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from samverka.activities.domain import ensure_standard_activity_types
from samverka.activities.models import Activity, ActivityStatus, ActivityType
from samverka.core.models import Institution, Membership, Role
from samverka.demo import expertise, seed
from samverka.directory.domain.affiliations import follow_main_organisation
from samverka.directory.models import Organisation, Person, Side, Unit
from samverka.followup.domain.assessments import answer_rows, record_answers, submit_assessment
from samverka.followup.domain.report import approve_report
from samverka.followup.domain.templates import template_initial
from samverka.followup.models import (
    AnnualReport,
    Assessment,
    Goal,
    Indicator,
    IndicatorYear,
    ResourceCommitment,
)
from samverka.governance.domain import ensure_standard_body_types
from samverka.governance.domain.meetings import approve_minutes, number_decision
from samverka.governance.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Body,
    BodyMember,
    BodyType,
    Decision,
    Meeting,
)
from samverka.ideas.models import ExpertProfile, Idea, IdeaSource, Stage, StageChange
from samverka.news.models import NewsItem
from samverka.partnerships.models import (
    Agreement,
    AgreementType,
    CoordinatorAssignment,
    FocusArea,
    Partnership,
    PartnershipStatus,
)
from samverka.search.domain import rebuild as rebuild_search_index
from samverka.search.synonyms import ensure_standard_synonyms


@transaction.atomic
def load_demo(*, with_users: bool) -> Institution:
    institution, _ = Institution.objects.get_or_create(
        slug=seed.INSTITUTION["slug"],
        defaults={k: v for k, v in seed.INSTITUTION.items() if k != "slug"},
    )
    ensure_standard_activity_types(institution)
    ensure_standard_synonyms(institution)
    types = {t.code: t for t in ActivityType.objects.in_institution(institution)}
    organisations = {}
    for data in seed.PARENT_ORGANISATIONS:
        organisations[data["name"]] = _organisation(institution, data, organisations)
    partnerships = {}
    for order, data in enumerate(seed.PARTNERSHIPS):
        partnerships[data["slug"]] = _partnership(institution, data, order, organisations, types)
    _coordinators(institution)
    _news(institution, partnerships)
    _activities(institution, partnerships, types)
    ensure_standard_body_types(institution)
    if with_users:
        _users(institution, partnerships)
    _expertise(institution)
    _governance(institution, partnerships[seed.GOVERNANCE_PARTNERSHIP], with_users=with_users)
    _follow_up(institution, partnerships[seed.GOVERNANCE_PARTNERSHIP], types)
    _ideas(institution, partnerships)
    rebuild_search_index([institution.pk])  # focus areas are made in bulk
    return institution


def _organisation(institution, data, known) -> Organisation:
    org, _ = Organisation.objects.get_or_create(
        institution=institution,
        name=data["name"],
        defaults={
            "type": data["type"],
            "website": data.get("website", ""),
            "parent": known.get(data.get("parent")),
        },
    )
    return org


def _partnership(institution, data, order, organisations, types) -> Partnership:
    start_date, precision = data["start"]
    partnership, created = Partnership.objects.get_or_create(
        institution=institution,
        slug=data["slug"],
        defaults={
            "title_sv": data["title_sv"],
            "title_en": data["title_en"],
            "status": PartnershipStatus.ACTIVE,
            "start_date": start_date,
            "start_precision": precision,
            "purpose_sv": data["purpose_sv"],
            "purpose_en": data["purpose_en"],
            "public_description_sv": data["description_sv"],
            "public_description_en": data["description_en"],
            "published": True,
            "order": order,
        },
    )
    if not created:
        return partnership
    org = _organisation(institution, data["organisation"], organisations)
    partnership.organisations.add(org)
    partnership.collaboration_forms.set([types[code] for code in data.get("collaboration_forms", [])])
    # "ingick ett strategiskt partnerskap" in the seed: the first agreement starts then.
    Agreement.objects.create(
        institution=institution,
        partnership=partnership,
        sequence=1,
        type=AgreementType.PARTNERSHIP_AGREEMENT,
        starts_on=start_date,
    )
    FocusArea.objects.bulk_create(
        FocusArea(
            institution=institution,
            partnership=partnership,
            name_sv=name_sv,
            name_en=name_en,
            order=index,
        )
        for index, (name_sv, name_en) in enumerate(data["focus_areas"])
    )
    return partnership


def _coordinators(institution) -> None:
    title_sv, title_en = seed.COORDINATOR_TITLE
    for order, (first, last, phone, email) in enumerate(seed.COORDINATORS):
        person, _ = Person.objects.get_or_create(
            institution=institution,
            first_name=first,
            last_name=last,
            defaults={
                "title_sv": title_sv,
                "title_en": title_en,
                "side": Side.UNIVERSITY,
                "phone": phone,
                "email": email,
                "is_public": True,
            },
        )
        CoordinatorAssignment.objects.get_or_create(
            institution=institution,
            person=person,
            partnership=None,
            defaults={"role_title_sv": title_sv, "role_title_en": title_en, "order": order},
        )


def _news(institution, partnerships) -> None:
    for data in seed.NEWS:
        item, created = NewsItem.objects.get_or_create(
            institution=institution,
            title_sv=data["title_sv"],
            defaults={
                "title_en": data["title_en"],
                "summary_sv": data["summary_sv"],
                "summary_en": data["summary_en"],
                "published_on": data["published_on"],
                "published": True,
            },
        )
        if created:
            item.partnerships.set([partnerships[slug] for slug in data["partnerships"]])


def _activities(institution, partnerships, types) -> None:
    volvo = partnerships[seed.FIQA["partnership"]]
    fiqa, _ = Activity.objects.get_or_create(
        institution=institution,
        title_sv=seed.FIQA["title_sv"],
        defaults={
            "title_en": seed.FIQA["title_en"],
            "description_sv": seed.FIQA["description_sv"],
            "description_en": seed.FIQA["description_en"],
            "type": types[seed.FIQA["type"]],
            "partnership": volvo,
            "status": ActivityStatus.ONGOING,
        },
    )
    if fiqa.organisations.count() == 0:
        fiqa.organisations.set(volvo.organisations.all())
    for (
        slug,
        code,
        title_sv,
        title_en,
        area,
        start,
        students,
        funding,
        parent,
    ) in seed.SAMPLE_ACTIVITIES:
        partnership = partnerships[slug]
        Activity.objects.get_or_create(
            institution=institution,
            title_sv=title_sv,
            defaults={
                "title_en": title_en,
                "description_sv": seed.SAMPLE_NOTE_SV,
                "description_en": seed.SAMPLE_NOTE_EN,
                "type": types[code],
                "partnership": partnership,
                "focus_area": partnership.focus_areas.get(name_sv=area),
                "starts_on": start,
                "status": ActivityStatus.COMPLETED if start.year < 2025 else ActivityStatus.ONGOING,
                "student_count": students,
                "funding_sek": funding,
                "parent": fiqa if parent == "fiqa" else None,
                "is_sample": True,
            },
        )


def _users(institution, partnerships) -> None:
    """The demo accounts: one per role; the scoped roles reach one partnership (``seed.DEMO_USERS``)."""
    if settings.PRODUCTION:
        raise RuntimeError("Demo accounts are never created in production mode.")
    User = get_user_model()
    for username, first, last, role, superuser, reach in seed.DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "is_staff": superuser,
                "is_superuser": superuser,
            },
        )
        if created:
            user.set_password(seed.DEMO_PASSWORD)
            user.save(update_fields=["password"])
        membership, created = Membership.objects.get_or_create(
            user=user, institution=institution, defaults={"role": role}
        )
        if created and role == Role.PARTNERSHIP_COORDINATOR:
            membership.partnerships.set([partnerships[reach]])
        if created and role == Role.PARTNER:
            membership.organisation = partnerships[reach].organisations.get()
            membership.save(update_fields=["organisation"])


def _governance(institution, partnership, *, with_users: bool) -> None:
    """A steering group and a coordination group of one partnership, an earlier meeting with approved
    minutes, a decision and actions, and a coming meeting whose documents are due (made once)."""
    if Body.objects.filter(partnership=partnership).exists():
        return
    people = {}
    for first, last, side, email, username in seed.DEMO_PEOPLE:
        people[last], created = Person.objects.get_or_create(
            institution=institution,
            first_name=first,
            last_name=last,
            defaults={
                "side": side,
                "email": email,
                "organisation": partnership.organisations.first() if side == Side.PARTNER else None,
                "notes": "Exempelperson för demonstrationen.",
            },
        )
        if created:  # their organisation as an affiliation, as a person saved on a page has it
            follow_main_organisation(people[last], creating=True, actor=None)
        if with_users:
            get_user_model().objects.filter(username=username, email="").update(email=email)
    people["Sandström Emmelin"] = Person.objects.get(institution=institution, last_name="Sandström Emmelin")
    partner = partnership.organisations.first()
    units = {unit.name: unit for unit in Unit.objects.in_institution(institution).own()}
    for name, kind, parent in seed.DEMO_PARTNER_UNITS:
        units[name] = Unit.objects.create(
            institution=institution, organisation=partner, name=name, kind=kind, parent=units.get(parent)
        )
    bodies = []
    for (code, name_sv, name_en, level, seats), unit_names in zip(
        seed.DEMO_BODIES, seed.DEMO_BODY_UNITS, strict=True
    ):
        body = Body.objects.create(
            institution=institution,
            partnership=partnership,
            type=BodyType.objects.get(institution=institution, code=code),
            name_sv=name_sv,
            name_en=name_en,
            level=level,
            cadence="fyra gånger per år",
        )
        BodyMember.objects.bulk_create(
            BodyMember(institution=institution, body=body, person=people[last], role=role)
            for last, role in seats
        )
        body.units.set([units[name] for name in unit_names])
        bodies.append(body)
    steering = bodies[0]
    today = timezone.localdate()
    at_one = timezone.make_aware(datetime.datetime.combine(today, datetime.time(13, 0)))
    earlier = Meeting.objects.create(
        institution=institution,
        body=steering,
        starts_at=at_one - datetime.timedelta(days=45),
        place="Universitetsförvaltningen, Umeå",
        documents_released=True,
    )
    items = [
        AgendaItem.objects.create(
            institution=institution,
            meeting=earlier,
            number=number,
            title=title,
            outcome=outcome,
            minutes=minutes,
        )
        for number, (title, outcome, minutes) in enumerate(seed.DEMO_AGENDA, start=1)
    ]
    Attendance.objects.bulk_create(
        Attendance(institution=institution, meeting=earlier, person=seat.person)
        for seat in steering.members.select_related("person")
    )
    decision = Decision(
        institution=institution, meeting=earlier, agenda_item=items[-1], text=seed.DEMO_DECISION
    )
    number_decision(decision)
    decision.save()
    for title, owner, days in seed.DEMO_ACTIONS:
        ActionItem.objects.create(
            institution=institution,
            body=steering,
            meeting=earlier,
            decision=decision,
            title=title,
            owner=people[owner],
            due_on=today + datetime.timedelta(days=days),
        )
    approve_minutes(
        earlier, adjusters=[people["Kommunrepresentant"]], actor=None, expected_version=earlier.version
    )
    coming = Meeting.objects.create(
        institution=institution,
        body=steering,
        starts_at=at_one + datetime.timedelta(days=10),
        place="Umeå stadshus",
    )
    AgendaItem.objects.create(
        institution=institution, meeting=coming, number=1, title="Lägesrapport om den gemensamma ansökan"
    )


def _follow_up(institution, partnership, types) -> None:
    """Goals with ready-made indicators and targets, activities they count, resources of both
    parties, and last year's assessments of both sides with this year's university draft (made once)."""
    if Goal.objects.filter(partnership=partnership).exists():
        return
    this_year = timezone.localdate().year
    for (
        code,
        title_sv,
        title_en,
        area,
        back,
        month,
        students,
        funding,
        granted,
    ) in seed.DEMO_FOLLOW_UP_ACTIVITIES:
        activity = Activity.objects.create(
            institution=institution,
            type=types[code],
            title_sv=title_sv,
            title_en=title_en,
            description_sv=seed.SAMPLE_NOTE_SV,
            description_en=seed.SAMPLE_NOTE_EN,
            partnership=partnership,
            focus_area=partnership.focus_areas.get(name_sv=area),
            starts_on=datetime.date(this_year + back, month, 1),
            status=ActivityStatus.ONGOING if back == 0 else ActivityStatus.COMPLETED,
            student_count=students,
            funding_sek=funding,
            granted=granted,
            is_sample=True,
        )
        activity.organisations.set(partnership.organisations.all())
    for order, (owner, area, title_sv, title_en, indicators) in enumerate(seed.DEMO_GOALS):
        goal = Goal.objects.create(
            institution=institution,
            partnership=partnership,
            focus_area=partnership.focus_areas.get(name_sv=area) if area else None,
            owner=owner,
            title_sv=title_sv,
            title_en=title_en,
            order=order,
        )
        for index, (template, years) in enumerate(indicators):
            values = template_initial(template, institution)
            forms = values.pop("activity_types")
            indicator = Indicator.objects.create(institution=institution, goal=goal, order=index, **values)
            indicator.activity_types.set(forms)
            IndicatorYear.objects.bulk_create(
                IndicatorYear(
                    institution=institution,
                    indicator=indicator,
                    year=this_year + back,
                    target=target,
                    value=value,
                    source="Ekonomisystemet (exempel)" if value is not None else "",
                )
                for back, (target, value) in years.items()
            )
    ResourceCommitment.objects.bulk_create(
        ResourceCommitment(
            institution=institution,
            partnership=partnership,
            party=party,
            year=this_year,
            level=level,
            unit=partnership.organisations.get().units.get(name=unit) if unit else None,
            purpose=purpose,
            kind=kind,
            committed=committed,
            used=used,
        )
        for party, level, unit, purpose, kind, committed, used in seed.DEMO_RESOURCES
    )
    for side, year, submitted in (
        (Side.PARTNER, this_year - 1, True),
        (Side.UNIVERSITY, this_year - 1, True),
        (Side.UNIVERSITY, this_year, False),
    ):
        rating, comment = (
            seed.DEMO_ASSESSMENT_PARTNER if side == Side.PARTNER else seed.DEMO_ASSESSMENT_UNIVERSITY
        )
        assessment = Assessment.objects.create(
            institution=institution, partnership=partnership, year=year, side=side, summary=comment
        )
        answers = {key: (rating, "") for key, _s, _a in answer_rows(assessment)}
        if not submitted:  # this year's is begun, not finished
            answers = dict(list(answers.items())[:1])
        record_answers(assessment, answers, {}, actor=None)
        if submitted:
            submit_assessment(assessment, actor=None, expected_version=assessment.version)
    for year in (this_year - 1, this_year):
        report = AnnualReport.objects.create(
            institution=institution, partnership=partnership, year=year, **seed.DEMO_REPORT
        )
        if year < this_year:
            approve_report(report, registry_number="UMU 2.1.1-100-26", actor=None, expected_version=1)


def _expertise(institution) -> None:
    """The sample units and expertise profiles (``demo.expertise``), as an import would bring them."""
    units = {}
    for name, kind, parent in expertise.DEMO_UNITS:
        units[name], _ = Unit.objects.update_or_create(
            institution=institution, name=name, defaults={"kind": kind, "parent": units.get(parent)}
        )
    for data in expertise.DEMO_PROFILES:
        values = {key: value for key, value in data.items() if key not in ("external_id", "unit")}
        ExpertProfile.objects.update_or_create(
            institution=institution,
            external_id=data["external_id"],
            defaults={**values, "unit": units[data["unit"]]},
        )


# (evaluation idea, stage, days since it came in, days in its stage, source)
DEMO_IDEA_STAGES = [
    (0, Stage.MATCHED, 40, 12, IdeaSource.PARTNER),
    (1, Stage.ASSESSING, 75, 60, IdeaSource.PUBLIC),
    (2, Stage.NEW, 3, 3, IdeaSource.PUBLIC),
    (4, Stage.IN_PROGRESS, 120, 30, IdeaSource.STAFF),
    (6, Stage.DECLINED, 90, 70, IdeaSource.PUBLIC),
    (8, Stage.NEW, 1, 1, IdeaSource.STAFF),
]
DEMO_DECLINE_REASON = "Behovet täcks redan av ett pågående projekt med regionen; vi hör av oss om det ändras."


def _ideas(institution, partnerships) -> None:
    """A few of the evaluation set's ideas as ideas in the pipeline, at different stages."""
    now = timezone.now()
    flow = [Stage.NEW, Stage.ASSESSING, Stage.MATCHED, Stage.IN_PROGRESS]
    for number, stage, age, in_stage, source in DEMO_IDEA_STAGES:
        data = expertise.EVAL_IDEAS[number]
        received = now - datetime.timedelta(days=age)
        idea, created = Idea.objects.get_or_create(
            institution=institution,
            title=data["title"],
            defaults={
                "description": data["description"],
                "partnership": partnerships.get(data["partnership"]),
                "source": source,
                "stage": stage,
                "stage_since": now - datetime.timedelta(days=in_stage),
                "decline_reason": DEMO_DECLINE_REASON if stage == Stage.DECLINED else "",
                "submitter_name": "" if source == IdeaSource.STAFF else "Exempel Exempelsson",
                "submitter_email": "" if source == IdeaSource.STAFF else "exempel@example.se",
                "consent": source != IdeaSource.STAFF,
            },
        )
        if not created:
            continue
        Idea.objects.filter(pk=idea.pk).update(created_at=received)
        path = flow[: flow.index(stage) + 1] if stage in flow else [Stage.NEW, Stage.ASSESSING, stage]
        steps = len(path) - 1
        for step, (before, after) in enumerate(itertools.pairwise(path), start=1):
            at = (
                now - datetime.timedelta(days=in_stage)
                if step == steps
                else received + ((now - datetime.timedelta(days=in_stage) - received) * step / steps)
            )
            StageChange.objects.create(
                institution=institution,
                idea=idea,
                from_stage=before,
                to_stage=after,
                changed_at=at,
                note=DEMO_DECLINE_REASON if after == Stage.DECLINED else "",
            )
