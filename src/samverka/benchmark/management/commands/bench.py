import os
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samverka.benchmark.loadtest import BenchError, format_report, run
from samverka.benchmark.results import comparison_table, markdown_tables, p95_chart


class Command(BaseCommand):
    help = (
        "Measure a running Samverka (on this machine only) with a fixed set of requests: median, p95, "
        "max and requests/s alone and at 2 × workers, SQL queries per page, the framework floor."
    )

    def add_arguments(self, parser):
        parser.add_argument("--base", help="e.g. http://127.0.0.1:8000 (loopback only)")
        parser.add_argument("--user", help="a coordinator to measure the workspace pages as")
        parser.add_argument("--password", default=os.environ.get("SAMVERKA_BENCH_PASSWORD", ""))
        parser.add_argument("--json", type=Path, help="write the full results to this file")
        parser.add_argument("--label", default="", help="name of the data set, e.g. national")
        parser.add_argument("--repeat", type=int, default=30, help="requests per page alone (1–1000)")
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")),
            help="the server's worker processes; the concurrent runs use twice as many clients",
        )  # fmt: skip
        parser.add_argument(
            "--threads", type=int, default=int(os.environ.get("SAMVERKA_THREADS", "4")),
            help="the server's threads per worker (the bare floor is served alike)",
        )  # fmt: skip
        parser.add_argument("--mixed", type=int, default=2000, help="requests in the mixed read load")
        parser.add_argument(
            "--time-limit", type=float, default=900, help="stop measuring after so many seconds"
        )
        parser.add_argument(
            "--chart", type=Path, metavar="SVG",
            help="instead of measuring: draw the p95 chart from the JSON files given as arguments",
        )  # fmt: skip
        parser.add_argument(
            "--tables", action="store_true",
            help="instead of measuring: print the Markdown tables of the JSON files given as arguments",
        )  # fmt: skip
        parser.add_argument(
            "--compare", action="store_true",
            help="instead of measuring: compare two JSON files given as arguments, before and after",
        )  # fmt: skip
        parser.add_argument(
            "files", nargs="*", type=Path, help="JSON results (with --chart, --tables or --compare)"
        )

    def handle(self, *args, **options):
        base, user, password = options["base"], options["user"], options["password"]
        repeat, workers, chart, files = (
            options["repeat"],
            options["workers"],
            options["chart"],
            options["files"],
        )
        if chart or options["tables"] or options["compare"]:
            if not files:
                raise CommandError("--chart, --tables and --compare need the JSON result files to draw from.")
            missing = [str(f) for f in files if not f.exists()]
            if missing:
                raise CommandError("No such result file: {}".format(", ".join(missing)))
            if options["compare"]:
                if len(files) != 2:
                    raise CommandError("--compare needs two result files: before, then after.")
                self.stdout.write(comparison_table(*files))
                return
            if options["tables"]:
                self.stdout.write(markdown_tables(files))
            if chart:
                chart.write_text(p95_chart(files))
                self.stdout.write(f"Wrote {chart}.")
            return
        if not base:
            raise CommandError("--base is required, e.g. --base http://127.0.0.1:8000")
        if not 1 <= repeat <= 1000:
            raise CommandError("--repeat must be between 1 and 1000.")
        if not 1 <= workers <= 64:
            raise CommandError("--workers must be between 1 and 64.")
        if user and not password:
            raise CommandError("--user needs --password (or SAMVERKA_BENCH_PASSWORD).")
        try:
            report = run(
                base.rstrip("/"),
                username=user,
                password=password,
                repeat=repeat,
                workers=workers,
                threads=options["threads"],
                mixed_requests=max(options["mixed"], 1),
                time_limit=options["time_limit"],
                label=options["label"],
                progress=lambda line: print(line, file=sys.stderr, flush=True),
            )
        except BenchError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(format_report(report))
        if options["json"]:
            options["json"].write_text(report.to_json())
            self.stdout.write(f"Results written to {options['json']}.")
