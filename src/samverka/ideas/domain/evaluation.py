"""How good the matchmaking is: precision at k over a labelled set of ideas.

A labelled idea names the profiles (by their id in the research information system) a
knowledgeable coordinator would contact first. Precision at 5 is the share of the five best
ranked profiles that are among them, averaged over the ideas; recall at 5 the share of the right
profiles found among the five, the mean reciprocal rank how high the first right one comes, and
nDCG at 10 the discounted gain of the right profiles' ranks (1 / log2(rank + 1)) over the best.
``samverka evaluate_matching`` prints them for the demo's set (``demo.expertise.EVAL_IDEAS``),
and ``verdicts`` counts what the coordinators accepted of what was suggested (the statistics page).
"""

import math
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from samverka.core.models import Institution
from samverka.ideas.domain.matching import Need, vocabulary
from samverka.ideas.domain.suggestions import rank_profiles
from samverka.ideas.models import ExpertProfile, SuggestionFeedback, Verdict
from samverka.partnerships.models import Partnership

DEPTH = 10  # nDCG's depth


@dataclass
class Evaluation:
    k: int
    precision: float
    recall: float
    reciprocal_rank: float
    rows: list[tuple[str, list[str], list[str]]]  # (title, expected, ranked first k)
    ndcg: float = 0.0  # at 10: the expected profiles' discounted gain over the best possible


@dataclass
class Verdicts:
    """What the coordinators said of the suggestions (``SuggestionFeedback``): the ranking as used."""

    judged: int
    accepted: int
    judged_top: int  # of the first ``k``
    accepted_top: int

    @property
    def precision(self) -> float | None:
        """The share of the judged suggestions among the first k that were accepted."""
        return self.accepted_top / self.judged_top if self.judged_top else None


def verdicts(feedback: QuerySet[SuggestionFeedback], k: int = 5) -> Verdicts:
    """``feedback``: the verdicts to count (those on the ideas a page shows)."""
    figures = feedback.aggregate(
        judged=Count("pk"),
        accepted=Count("pk", filter=Q(verdict=Verdict.ACCEPTED)),
        judged_top=Count("pk", filter=Q(rank__lte=k)),
        accepted_top=Count("pk", filter=Q(rank__lte=k, verdict=Verdict.ACCEPTED)),
    )
    return Verdicts(**figures)


def evaluate(institution: Institution, labelled: list[dict[str, Any]], k: int = 5) -> Evaluation:
    ids = dict(ExpertProfile.objects.filter(institution=institution).values_list("pk", "external_id"))
    partnerships: dict[Any, int] = dict(
        Partnership.objects.filter(institution=institution).values_list("slug", "pk")
    )
    words = vocabulary(institution.pk)
    precision = recall = reciprocal = ndcg = 0.0
    rows = []
    for idea in labelled:
        need = Need(idea["title"], idea["description"])
        partnership = partnerships.get(idea.get("partnership"))
        ranked = [ids[match.key] for match in rank_profiles(institution.pk, need, partnership, words=words)]
        expected = set(idea["expected"])
        top = ranked[:k]
        hits = len(expected & set(top))
        precision += hits / k
        recall += hits / len(expected)
        first = next((number for number, key in enumerate(ranked, start=1) if key in expected), None)
        reciprocal += 1 / first if first else 0.0
        gain = sum(
            1 / math.log2(rank + 1) for rank, key in enumerate(ranked[:DEPTH], start=1) if key in expected
        )
        ndcg += gain / sum(1 / math.log2(rank + 1) for rank in range(1, min(len(expected), DEPTH) + 1))
        rows.append((idea["title"], sorted(expected), top))
    count = max(1, len(labelled))
    return Evaluation(k, precision / count, recall / count, reciprocal / count, rows, ndcg / count)
