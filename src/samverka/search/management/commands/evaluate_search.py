"""``samverka evaluate_search``: recall at 5, MRR and nDCG at 10 of the search on the judged queries."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from samverka.core.models import Institution, Membership, Role
from samverka.core.permissions import Policy
from samverka.search.evaluation import DEPTH, EVAL_QUERIES, K, evaluate


class Command(BaseCommand):
    help = (
        "Search the demo's records with each judged query (search/evaluation.py) as a coordinator "
        "and print recall at 5, the mean reciprocal rank and nDCG at 10 (load the demo first: samverka demo)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--institution", default="umu", help="The institution's short name (umu).")
        parser.add_argument("--verbose-rows", action="store_true", help="Each query with its expected ranks.")

    def handle(self, *, institution, verbose_rows, **options):
        found = Institution.objects.filter(slug=institution).first()
        if found is None:
            raise CommandError(f"No institution {institution!r}: load the demo with `samverka demo`.")
        policy = Policy(Membership(institution=found, role=Role.ADMIN))
        with translation.override("sv"):
            result = evaluate(policy)
        if verbose_rows:
            for row in result.rows:
                ranks = ", ".join(f"{title} {rank or '–'}" for (_kind, title), rank in row.ranks.items())
                via = f" (as “{row.searched}”)" if row.searched != row.text else ""
                self.stdout.write(f"{row.text}{via} [{row.case}]: {ranks}")
        self.stdout.write(
            f"{len(EVAL_QUERIES)} judged queries: recall at {K} {result.recall:.3f}, "
            f"mean reciprocal rank {result.mrr:.3f}, nDCG at {DEPTH} {result.ndcg:.3f}"
        )
