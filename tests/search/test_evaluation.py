"""The search's judged queries (``search.evaluation``) on the demo, as a regression floor: the
figures in docs/data.md may rise, never fall below these. Not a timed test."""

import pytest
from django.utils import translation

from samverka.core.models import Membership, Role
from samverka.core.permissions import Policy
from samverka.demo.loader import load_demo
from samverka.search.evaluation import EVAL_QUERIES, evaluate

pytestmark = pytest.mark.django_db


def test_the_judged_queries_are_at_least_forty_of_every_case():
    assert len(EVAL_QUERIES) >= 40
    cases = " ".join(case for _text, case, _expected in EVAL_QUERIES)
    for case in ("definite form", "plural", "compound part", "hyphen", "typo", "synonym", "English"):
        assert case in cases, case


def test_every_judged_query_finds_its_records_in_the_first_five():
    institution = load_demo(with_users=False)
    with translation.override("sv"):
        result = evaluate(Policy(Membership(institution=institution, role=Role.ADMIN)))
    missed = [
        (row.text, title)
        for row in result.rows
        for (_k, title), rank in row.ranks.items()
        if not rank or rank > 5
    ]
    assert missed == []
    assert result.recall == 1.0  # the target is 0.9
    assert result.mrr >= 0.95
    assert result.ndcg >= 0.95
