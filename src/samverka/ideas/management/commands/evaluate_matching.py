"""``samverka evaluate_matching``: precision and recall at 5, MRR and nDCG at 10 of the matchmaking
on the demo's labelled ideas."""

from django.core.management.base import BaseCommand, CommandError

from samverka.core.models import Institution
from samverka.demo.expertise import EVAL_IDEAS
from samverka.ideas.domain.evaluation import evaluate, verdicts
from samverka.ideas.models import SuggestionFeedback


class Command(BaseCommand):
    help = (
        "Rank the expertise profiles for each idea of the demo's labelled set (demo/expertise.py) and "
        "print precision and recall at 5 and the mean reciprocal rank (load the demo first: samverka demo)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--institution", default="umu", help="The institution's short name (umu).")
        parser.add_argument("--verbose-rows", action="store_true", help="Each idea with its first five.")

    def handle(self, *, institution, verbose_rows, **options):
        found = Institution.objects.filter(slug=institution).first()
        if found is None:
            raise CommandError(f"No institution {institution!r}: load the demo with `samverka demo`.")
        result = evaluate(found, EVAL_IDEAS)
        if verbose_rows:
            for title, expected, top in result.rows:
                self.stdout.write(f"{title}\n  expected {', '.join(expected)}\n  ranked   {', '.join(top)}")
        best = sum(min(len(idea["expected"]), result.k) for idea in EVAL_IDEAS) / (result.k * len(EVAL_IDEAS))
        judged = verdicts(SuggestionFeedback.objects.filter(institution=found), k=result.k)
        if judged.judged:
            self.stdout.write(
                f"coordinators' verdicts: {judged.accepted} of {judged.judged} suggestions accepted; "
                f"of the first {result.k}: {judged.accepted_top} of {judged.judged_top}"
            )
        self.stdout.write(
            f"{len(EVAL_IDEAS)} labelled ideas: precision at {result.k} {result.precision:.2f} "
            f"(best possible {best:.2f}), recall at {result.k} {result.recall:.2f}, "
            f"mean reciprocal rank {result.reciprocal_rank:.2f}, nDCG at 10 {result.ndcg:.2f}"
        )
