import resource
import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from samverka.benchmark.generator import (
    SIZES,
    GenerationError,
    check_can_generate,
    delete_generated,
    generate,
)


class Command(BaseCommand):
    help = (
        "Generate realistic synthetic data (small, university or national size) in new institutions "
        "marked as generated, beside the demo and real data; --delete removes it again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=list(SIZES), help="How much to generate.")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same day: same data (default 1).")
        parser.add_argument(
            "--delete", action="store_true", help="Remove all generated data (and nothing else) and stop."
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, size=None, seed=1, delete=False, no_progress=False, **options):
        if delete:
            removed = delete_generated()
            self.stdout.write(f"Removed {removed} generated institution(s) and everything in them.")
            return
        if size is None:
            raise CommandError("Choose --size {} (or --delete).".format("|".join(SIZES)))
        try:
            chosen = check_can_generate(size)
        except GenerationError as exc:
            raise CommandError(str(exc)) from exc
        total = chosen.activities + chosen.people + chosen.organisations
        with tqdm(
            total=total, unit=" rows", unit_scale=True, file=sys.stderr, disable=no_progress, desc=size
        ) as bar:
            result = generate(size, seed=seed, advance=bar.update)
        peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        counts = ", ".join(f"{n:,} {name}".replace(",", " ") for name, n in result.counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {size} (seed {seed}) in {result.seconds:.1f} s, peak memory {peak_mib:.0f} MiB: "
                f"{len(result.institutions)} institution(s), {counts}."
            )
        )
        first = result.institutions[0]
        self.stdout.write(f"Largest generated institution: {first.slug}.")
        if result.username:
            self.stdout.write(
                f"Log in as '{result.username}' (coordinator of {first.slug}), password 'samverka-demo'; "
                f"serve its public pages with SAMVERKA_PUBLIC_INSTITUTION={first.slug}."
            )
