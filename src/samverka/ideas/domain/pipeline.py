"""The pipeline of ideas: taking one in, moving it through the stages, and telling people.

The rules, in one place:

- An idea is taken in (``take_in``) from the workspace, the API or the public form. Its source
  follows from who sent it (a partner representative, the university's staff, the public), the
  submitter gets a receipt with a private link to follow it, and the coordinators of the
  suggested partnership (else the institution's coordinators) are told of it.
- ``move_idea`` moves it to another stage: to "realised" only once an activity is linked to it,
  to "declined" only with a reason (at least ``MIN_REASON`` characters), which the submitter is
  told. Every move is recorded (``StageChange``: who, when, from, to) and the submitter is told.
- An open idea that has stayed in its stage longer than the institution's ``idea_stuck_days`` is
  stuck (``stuck_since``).
"""

import datetime
import hashlib
import secrets
from collections.abc import Iterable

from django import forms
from django.conf import settings
from django.db import transaction
from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from samverka.activities.models import Activity
from samverka.core import mail
from samverka.core.display import StrOrPromise
from samverka.core.domain.records import (
    Actor,
    Requester,
    StepRefused,
    create_record,
    required_reason,
)
from samverka.core.domain.steps import record_step
from samverka.core.models import Institution, Membership, Role
from samverka.core.permissions import Policy
from samverka.ideas.models import OPEN_STAGES, Idea, IdeaSource, Stage, StageChange
from samverka.partnerships.models import CoordinatorAssignment


class IdeaStateError(StepRefused):
    """A move that does not fit the idea (the stage it is in, or realised with no activity)."""


def receipt_secret() -> tuple[str, str]:
    """A new secret for the receipt's link, and the hash kept of it."""
    secret = secrets.token_urlsafe(24)
    return secret, receipt_hash(secret)


def receipt_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def by_receipt(secret: str) -> Idea | None:
    """The idea a receipt's link follows, or None."""
    if not secret or len(secret) > 64:
        return None
    return Idea.objects.filter(receipt_hash=receipt_hash(secret)).select_related("partnership").first()


def source_of(membership: Membership | None) -> str:
    if membership is not None and membership.role == Role.PARTNER:
        return IdeaSource.PARTNER
    return IdeaSource.STAFF


@transaction.atomic
def take_in(
    form: "forms.ModelForm[Idea]", *, institution: Institution, actor: Requester, source: str, language: str
) -> tuple[Idea, str]:
    """Save a new idea from a valid form, send its receipt and tell the coordinators.

    A signed-in submitter's name and e-mail are taken from their account where the form leaves
    them empty. Returns the idea and the secret of its receipt's link."""
    idea = form.instance
    idea.source = source
    idea.language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    if actor is not None and actor.is_authenticated:
        idea.submitter_name = idea.submitter_name or actor.get_full_name() or actor.get_username()
        idea.submitter_email = idea.submitter_email or actor.email
    secret, idea.receipt_hash = receipt_secret()
    idea.stage, idea.stage_since = Stage.NEW, timezone.now()
    idea = create_record(form, institution=institution, actor=actor if source != IdeaSource.PUBLIC else None)
    transaction.on_commit(lambda: _send_receipt(idea, secret))
    transaction.on_commit(lambda: _tell_coordinators(idea))
    return idea, secret


def status_url(idea: Idea, secret: str) -> str:
    with override(idea.language):
        return f"{settings.SAMVERKA_BASE_URL}{reverse('public:idea-status', args=[secret])}"


def _send_receipt(idea: Idea, secret: str) -> None:
    if not idea.submitter_email:
        return
    if idea.source == IdeaSource.PUBLIC:
        url = status_url(idea, secret)
    else:  # a member follows it in the workspace
        url = f"{settings.SAMVERKA_BASE_URL}{idea.get_absolute_url()}"
    with override(idea.language):
        subject = _("We have received your idea ({reference})").format(reference=idea.reference)
        # No words of the submission are quoted: the public form must not send anyone's text to
        # an address someone else typed.
        body = _(
            "Thank you for your idea. It has been given the number {reference} and a coordinator "
            "will look at it.\n\nYou are told by e-mail when it moves on, and can follow it here:\n{url}"
        ).format(reference=idea.reference, url=url)
    mail.send(to=[idea.submitter_email], subject=subject, text=body, language=idea.language)


def coordinator_addresses(idea: Idea) -> list[str]:
    """Who is told of a new idea: the current coordinators of its partnership with an e-mail
    address, else the coordinators of every partnership (a central office), else the
    institution's coordinators."""
    today = timezone.localdate()
    current = (
        CoordinatorAssignment.objects.filter(institution=idea.institution_id)
        .exclude(ends_on__lt=today)
        .exclude(starts_on__gt=today)
        .select_related("person")
    )
    addresses = []
    for partnership_id in (idea.partnership_id, None) if idea.partnership_id else (None,):
        addresses = [a.person.email for a in current.filter(partnership=partnership_id) if a.person.email]
        if addresses:
            return sorted(set(addresses))
    members = Membership.objects.filter(
        institution=idea.institution_id, role=Role.COORDINATOR, user__is_active=True
    ).select_related("user")
    return sorted({m.user.email for m in members if m.user.email})


def _tell_coordinators(idea: Idea) -> None:
    addresses = coordinator_addresses(idea)
    languages = mail.languages_for(addresses, institution=idea.institution_id)
    for address in addresses:  # one message each: no one sees the others' addresses
        language = languages[address]
        with override(language):
            subject = _("New {kind}: {title}").format(kind=idea.get_kind_display(), title=idea.title)
            body = _("“{title}” ({source}) has come in:\n{url}").format(
                title=idea.title,
                source=idea.get_source_display(),
                url=f"{settings.SAMVERKA_BASE_URL}{idea.get_absolute_url()}",
            )
        mail.send(to=[address], subject=subject, text=body, language=language)


DECLINE_REASON = gettext_lazy("Say in a few words (at least 10 characters) why the idea is declined.")
NEEDS_ACTIVITY = gettext_lazy("Link the activities the idea led to before marking it realised.")


@transaction.atomic
def move_idea(idea: Idea, *, to_stage: str, actor: Actor, expected_version: int, note: str = "") -> Idea:
    """Move an idea to another stage (the module's rules); recorded, and the submitter told."""
    with record_step(idea, expected_version, actor=actor, verb="moved") as step:
        current = step.current
        if to_stage not in Stage.values:
            raise IdeaStateError(_("Choose one of the stages."))
        if to_stage == current.stage:
            raise IdeaStateError(_("The idea is already in this stage."))
        if to_stage == Stage.REALISED and not current.activities.exists():
            raise IdeaStateError(NEEDS_ACTIVITY)
        note = required_reason(note) if to_stage == Stage.DECLINED else (note or "").strip()
        now, before = timezone.now(), current.stage
        # saved, the idea is indexed again: the decline's reason is searched
        step.save(stage=to_stage, stage_since=now, decline_reason=note if to_stage == Stage.DECLINED else "")
        StageChange.objects.create(
            institution=current.institution,
            idea=current,
            from_stage=before,
            to_stage=to_stage,
            changed_at=now,
            note=note,
            created_by=actor if actor is not None and actor.is_authenticated else None,
        )
        step.changes = {"stage": {"before": before, "after": to_stage}}
        if note:
            step.changes["note"] = {"before": None, "after": note}
    transaction.on_commit(lambda: _tell_submitter(current))
    return current


def _tell_submitter(idea: Idea) -> None:
    if not idea.submitter_email:
        return
    with override(idea.language):
        subject = _("Your idea {reference} is now: {stage}").format(
            reference=idea.reference, stage=idea.get_stage_display()
        )
        body = _("Your idea {reference} has moved to the stage “{stage}”.").format(
            reference=idea.reference, stage=idea.get_stage_display()
        )
        if idea.stage == Stage.DECLINED:
            body += "\n\n" + _("The reason: {reason}").format(reason=idea.decline_reason)
    mail.send(to=[idea.submitter_email], subject=subject, text=body, language=idea.language)


@transaction.atomic
def link_new_activity(
    idea: Idea, form: "forms.ModelForm[Activity]", *, institution: Institution, actor: Actor
) -> Activity:
    """Save a new activity from a valid form as one the idea led to (the step to "realised")."""
    with record_step(idea, None, actor=actor, verb="activity_linked") as step:
        activity: Activity = create_record(form, institution=institution, actor=actor)
        idea.activities.add(activity)
        step.save()
        step.changes = {"activities": {"before": None, "after": str(activity)}}
    return activity


def shown_note(change: StageChange, policy: Policy) -> str:
    """A move's note as the user may read it: the university's people every note, others (a
    partner representative) only a decline's reason, which the submitter is told anyway."""
    if policy.sees_internal or change.to_stage == Stage.DECLINED:
        return change.note
    return ""


# --- time in the stages ---------------------------------------------------------------------


def stuck_since(institution: Institution) -> datetime.datetime:
    """An open idea in its stage since before this is stuck."""
    return timezone.now() - datetime.timedelta(days=institution.idea_stuck_days)


def with_stuck(ideas: QuerySet[Idea], institution: Institution) -> QuerySet[Idea]:
    """``ideas`` annotated ``stuck`` (``is_stuck``, in the database)."""
    return ideas.annotate(
        stuck=Case(
            When(stage__in=OPEN_STAGES, stage_since__lt=stuck_since(institution), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def waiting_ideas(ideas: QuerySet[Idea], institution: Institution) -> QuerySet[Idea]:
    """The ideas of ``ideas`` that wait for a coordinator: new ones, and open ones stuck in their
    stage; the longest waiting first, each marked ``stuck``."""
    waiting = Q(stage=Stage.NEW) | Q(stage__in=OPEN_STAGES, stage_since__lt=stuck_since(institution))
    return (
        with_stuck(ideas.filter(waiting), institution)
        .select_related("partnership")
        .order_by("stage_since", "pk")
    )


def is_stuck(idea: Idea, threshold: datetime.datetime) -> bool:
    return idea.stage in OPEN_STAGES and idea.stage_since < threshold


def time_in_stages(
    idea: Idea, changes: Iterable[StageChange], now: datetime.datetime | None = None
) -> list[tuple[StrOrPromise, datetime.timedelta | None]]:
    """(stage label, time spent) in the order the idea went through them, the current stage last
    (up to ``now``; None for a realised or declined idea's last stage, where it stays); a stage
    visited twice counts each visit."""
    now = now or timezone.now()
    spans: list[tuple[str, datetime.timedelta | None]] = []
    stage, since = Stage.NEW, idea.created_at
    for change in changes:
        spans.append((stage, change.changed_at - since))
        stage, since = change.to_stage, change.changed_at
    spans.append((stage, now - since if stage in OPEN_STAGES else None))
    return [(Stage(stage).label, spent) for stage, spent in spans]
