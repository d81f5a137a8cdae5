"""Suggestions for an idea: the people and units to contact and the past activities it resembles
(ranked by ``matching``), and the coordinator's verdict on each.

A verdict is taken on what the system suggests now: the view sends which suggestion, and its rank,
score and reasons are looked up again here, never taken from the request. Accepting a person or a
unit makes it a contact of the idea (``IdeaContact``); every verdict is kept
(``SuggestionFeedback``) to evaluate the ranking.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from samverka.activities.models import Activity
from samverka.core.audit import action_name, record_event
from samverka.core.domain.records import Actor, StepRefused
from samverka.core.domain.steps import Step, record_step
from samverka.core.permissions import Policy
from samverka.directory.models import Unit
from samverka.ideas.domain.matching import (
    Boost,
    Index,
    Match,
    Need,
    Reason,
    Vocabulary,
    activity_index,
    profile_index,
    vocabulary,
)
from samverka.ideas.models import ExpertProfile, Idea, IdeaContact, ProfileKind, SuggestionFeedback, Verdict

PEOPLE, UNITS, ACTIVITIES = 8, 5, 5
# What the coordinators said of the idea's suggestions: (kind, record id) → verdict.
Verdicts = dict[tuple[str, int], str]
CANDIDATES = 60  # profiles ranked before people and units are told apart
UNIT_SHARE = 0.5  # of a matching person's score that goes to their unit
PEOPLE_PER_UNIT = 3  # people counted for a unit
PARTNERSHIP_BOOST = 1.15  # for records of the idea's partnership
REASONS_SHOWN = 6  # matched words named per suggestion


@dataclass
class Suggestion:
    kind: str  # "person", "unit" or "activity"
    record: Any  # ExpertProfile (a person), Unit or Activity
    score: float
    rank: int
    reasons: list[Any] = field(default_factory=list)
    profile: ExpertProfile | None = None  # a unit's own profile
    people: list[Any] = field(default_factory=list)  # a unit's matching people
    in_partnership: bool = False
    verdict: str | None = None
    semantic: float | None = None  # the cosine similarity, with an embedding back end

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.record.pk}"

    def reason_text(self) -> str:
        parts = [str(reason) for reason in self.reasons[:REASONS_SHOWN]]
        if self.semantic is not None and self.semantic > 0:
            parts.append(_("similar in meaning ({similarity})").format(similarity=f"{self.semantic:.2f}"))
        if self.people:
            parts.append(_("matching people: {names}").format(names=", ".join(p.name for p in self.people)))
        return "; ".join(parts)


def idea_need(idea: Idea) -> Need:
    """What an idea is matched by: its title, which says most, its description and focus area."""
    focus = idea.focus_area.name if idea.focus_area is not None else ""
    return Need(idea.title, f"{idea.description}\n{focus}")


def _boost(index: Index, partnership_id: int | None) -> Boost | None:
    hits = index.by_partnership.get(partnership_id) if partnership_id is not None else None

    def boost(scores: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        scores[hits] *= PARTNERSHIP_BOOST
        return scores

    return boost if hits else None


def rank_profiles(
    institution_id: int,
    need: Need | str,
    partnership_id: int | None = None,
    limit: int = CANDIDATES,
    words: Vocabulary | None = None,
) -> list[Match]:
    """``words``: the institution's vocabulary, when the caller has it at hand."""
    index = profile_index(institution_id)
    words = words or vocabulary(institution_id)
    return index.rank(need, limit, boost=_boost(index, partnership_id), vocabulary=words)


def suggest(idea: Idea, policy: Policy) -> dict[str, list[Suggestion]]:
    """{"people": …, "units": …, "activities": …} for an idea, as far as the user may see them."""
    need = idea_need(idea)
    words = vocabulary(idea.institution_id)
    matches = rank_profiles(idea.institution_id, need, idea.partnership_id, words=words)
    profiles = (
        policy.scope(ExpertProfile.objects.all()).select_related("unit").in_bulk([m.key for m in matches])
    )
    verdicts = _verdicts(idea)
    people: list[Suggestion] = []
    unit_scores: dict[int, float] = defaultdict(float)
    unit_people: dict[int, list[ExpertProfile]] = defaultdict(list)
    unit_reasons: dict[int, list[Reason]] = {}
    unit_profiles: dict[int, ExpertProfile] = {}
    for match in matches:
        profile = profiles.get(match.key)
        if profile is None:
            continue
        if profile.kind == ProfileKind.UNIT:
            unit_scores[profile.unit_id] += match.score
            unit_reasons[profile.unit_id] = match.reasons
            unit_profiles[profile.unit_id] = profile
            continue
        if len(people) < PEOPLE:
            people.append(
                Suggestion(
                    "person",
                    profile,
                    match.score,
                    len(people) + 1,
                    match.reasons,
                    verdict=verdicts.get(("profile", profile.pk)),
                    semantic=match.semantic,
                )
            )
        if profile.unit_id and len(unit_people[profile.unit_id]) < PEOPLE_PER_UNIT:
            unit_people[profile.unit_id].append(profile)
            unit_scores[profile.unit_id] += UNIT_SHARE * match.score
    units = policy.scope(Unit.objects.all()).in_bulk(list(unit_scores))
    ranked_units = sorted((uid for uid in unit_scores if uid in units), key=lambda uid: -unit_scores[uid])
    unit_suggestions = [
        Suggestion(
            "unit",
            units[uid],
            round(unit_scores[uid], 3),
            number,
            unit_reasons.get(uid, []),
            profile=unit_profiles.get(uid),
            people=unit_people[uid],
            verdict=verdicts.get(("unit", uid)),
        )
        for number, uid in enumerate(ranked_units[:UNITS], start=1)
    ]
    return {
        "people": people,
        "units": unit_suggestions,
        "activities": _activities(idea, need, words, policy, verdicts),
    }


def _activities(
    idea: Idea, need: Need, words: Vocabulary, policy: Policy, verdicts: Verdicts
) -> list[Suggestion]:
    index = activity_index(idea.institution_id)
    linked = frozenset(idea.activities.values_list("pk", flat=True))
    matches = index.rank(
        need, ACTIVITIES * 4, exclude=linked, boost=_boost(index, idea.partnership_id), vocabulary=words
    )
    visible = (
        policy.scope(Activity.objects.all())
        .select_related("partnership", "type")
        .in_bulk([m.key for m in matches])
    )
    found = [m for m in matches if m.key in visible][:ACTIVITIES]
    return [
        Suggestion(
            "activity",
            visible[m.key],
            m.score,
            number,
            m.reasons,
            in_partnership=idea.partnership_id is not None
            and visible[m.key].partnership_id == idea.partnership_id,
            verdict=verdicts.get(("activity", m.key)),
            semantic=m.semantic,
        )
        for number, m in enumerate(found, start=1)
    ]


def _verdicts(idea: Idea) -> Verdicts:
    verdicts: Verdicts = {}
    for profile_id, unit_id, activity_id, verdict in idea.feedback.values_list(
        "profile_id", "unit_id", "activity_id", "verdict"
    ):
        key = (
            ("profile", profile_id)
            if profile_id
            else ("unit", unit_id)
            if unit_id
            else ("activity", activity_id)
        )
        verdicts[key] = verdict
    return verdicts


class SuggestionGone(StepRefused):
    """The record is no longer among the suggestions (the records changed since the page was read)."""


def find(suggestions: dict[str, list[Suggestion]], key: str) -> Suggestion:
    for group in suggestions.values():
        for suggestion in group:
            if suggestion.key == key:
                return suggestion
    raise SuggestionGone(_("This is no longer among the suggestions: reload the page."))


@transaction.atomic
def judge(
    idea: Idea, key: str, verdict: str, *, policy: Policy, actor: Actor, expected_version: int
) -> SuggestionFeedback:
    """Accept or reject one of the idea's current suggestions (``key``: "person-12", "unit-3",
    "activity-40"). Accepting a person or unit makes it a contact of the idea."""
    if verdict not in Verdict.values:
        raise StepRefused(_("Accept or reject the suggestion."))
    with record_step(idea, expected_version, actor=actor, verb=f"suggestion_{verdict}") as step:
        feedback = _judge(step, key, verdict, policy=policy, actor=actor)
    return feedback


def _judge(step: Step[Idea], key: str, verdict: str, *, policy: Policy, actor: Actor) -> SuggestionFeedback:
    current = step.current
    suggestion = find(suggest(current, policy), key)
    if suggestion.verdict is not None:
        raise StepRefused(_("This suggestion has already been judged."))
    target = {
        "person": {"profile": suggestion.record},
        "unit": {"unit": suggestion.record},
        "activity": {"activity": suggestion.record},
    }[suggestion.kind]
    try:
        with transaction.atomic():
            feedback = SuggestionFeedback.objects.create(
                institution=current.institution,
                idea=current,
                verdict=verdict,
                rank=suggestion.rank,
                score=suggestion.score,
                reasons=suggestion.reason_text(),
                created_by=actor,
                **target,
            )
    except IntegrityError:
        raise StepRefused(_("This suggestion has already been judged.")) from None
    if verdict == Verdict.ACCEPTED and suggestion.kind != "activity":
        _make_contact(current, suggestion, actor)
    step.save()
    step.changes = {"suggestion": {"before": None, "after": f"{suggestion.record} ({suggestion.rank})"}}
    return feedback


def _make_contact(idea: Idea, suggestion: Suggestion, actor: Actor) -> IdeaContact:
    if suggestion.kind == "person":
        profile = suggestion.record
        links = {"profile": profile, "person": profile.person, "unit": profile.unit}
    else:
        links = {"profile": suggestion.profile, "unit": suggestion.record}
    contact = IdeaContact.objects.create(
        institution=idea.institution, idea=idea, note=suggestion.reason_text(), created_by=actor, **links
    )
    record_event(
        institution=idea.institution,
        actor=actor,
        action=action_name(contact, "created"),
        obj=contact,
        changes=None,
    )
    return contact
