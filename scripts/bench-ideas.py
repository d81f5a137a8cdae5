"""Time the matchmaking among many profiles: `python scripts/bench-ideas.py [PROFILES] [REPEAT]`.

Builds, in a throwaway test database, 20,000 expertise profiles (by default) written from the
generator's vocabulary over 30 departments, 5,000 past activities with 4,000 of the profiles'
people taking part in two each, plus the demo's 45 profiles and its labelled ideas
(``demo.expertise``). Then prints, for the labelled ideas: the seconds to build the index
(the first suggestion after the records change), the median and worst seconds of the
suggestions once it is built, the whole idea page, the memory the index takes, and the
precision at 5 of the labelled set among all the profiles. Results: docs/ideas.md.
"""

import os
import random
import statistics
import sys
import time
import tracemalloc

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverka.settings")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from samverka.activities.domain import ensure_standard_activity_types  # noqa: E402
from samverka.activities.models import Activity, ActivityType  # noqa: E402
from samverka.benchmark.vocabulary import SUBJECTS, SWEDISH_FIRST_NAMES, SWEDISH_LAST_NAMES, THEMES, TOPICS  # noqa: E402
from samverka.core.models import Institution, Membership  # noqa: E402
from samverka.core.permissions import Policy  # noqa: E402
from samverka.demo import expertise  # noqa: E402
from samverka.directory.models import Person, Unit  # noqa: E402
from samverka.ideas.domain import matching  # noqa: E402
from samverka.ideas.domain.evaluation import evaluate  # noqa: E402
from samverka.ideas.domain.suggestions import suggest  # noqa: E402
from samverka.ideas.models import ExpertProfile, Idea  # noqa: E402
from samverka.partnerships.models import Partnership  # noqa: E402

TITLES = ("Professor", "Universitetslektor", "Biträdande lektor", "Forskare", "Doktorand", "Adjunkt")
SENTENCES = (
    "Forskar om {topic} med fokus på {theme}.",
    "Undervisar i {subject} och handleder examensarbeten om {topic}.",
    "Researches {topic_en} together with municipalities and companies.",
    "Leder projekt inom {theme} och samverkar kring {topic}.",
    "Teaches {subject_en} and works on {topic_en}.",
)


def build(profiles: int):
    rng = random.Random(2026)  # noqa: S311 - made-up data, the same every run
    institution = Institution.objects.create(name="Bänk", slug="bench-ideas")
    ensure_standard_activity_types(institution)
    types = list(ActivityType.objects.in_institution(institution))
    units = [
        Unit.objects.create(institution=institution, name_sv=f"Institutionen för {sv}", kind="department")
        for sv, _en in SUBJECTS
    ]
    for name, kind, _parent in expertise.DEMO_UNITS:
        units.append(Unit.objects.create(institution=institution, name_sv=name, kind=kind))
    by_name = {unit.name_sv: unit for unit in units}
    partnership = Partnership.objects.create(institution=institution, title_sv="Partnerskap", slug="p")
    # the generator's own vocabulary (the demo's keywords would make thousands of twins of the
    # labelled experts, which no university has)
    keywords = sorted({sv for sv, _en in TOPICS} | {en for _sv, en in TOPICS} | {sv for sv, _en in SUBJECTS})
    people = Person.objects.bulk_create(
        [
            Person(
                institution=institution,
                first_name=rng.choice(SWEDISH_FIRST_NAMES),
                last_name=rng.choice(SWEDISH_LAST_NAMES),
                side="university",
            )
            for _n in range(min(4000, profiles))
        ],
        batch_size=2000,
    )
    rows = []
    for n in range(profiles):
        subject, subject_en = rng.choice(SUBJECTS)
        topic, topic_en = rng.choice(TOPICS)
        theme = rng.choice(THEMES)[0]
        text = " ".join(
            sentence.format(
                topic=topic, topic_en=topic_en, theme=theme.lower(), subject=subject, subject_en=subject_en
            )
            for sentence in rng.sample(SENTENCES, 2)
        )
        rows.append(
            ExpertProfile(
                institution=institution,
                name=f"{rng.choice(SWEDISH_FIRST_NAMES)} {rng.choice(SWEDISH_LAST_NAMES)}",
                title=rng.choice(TITLES),
                unit=rng.choice(units),
                person=people[n] if n < len(people) else None,
                keywords=", ".join(rng.sample(keywords, 5)),
                description=text,
                languages="svenska, engelska",
                external_id=f"gen-{n}",
            )
        )
    for data in expertise.DEMO_PROFILES:
        values = {key: value for key, value in data.items() if key != "unit"}
        rows.append(ExpertProfile(institution=institution, unit=by_name[data["unit"]], **values))
    ExpertProfile.objects.bulk_create(rows, batch_size=2000)
    activities = Activity.objects.bulk_create(
        [
            Activity(
                institution=institution,
                partnership=partnership,
                type=rng.choice(types),
                title_sv=f"{rng.choice(TOPICS)[0].capitalize()} {n}",
                description_sv=rng.choice(THEMES)[0],
            )
            for n in range(5000)
        ],
        batch_size=2000,
    )
    through = Activity.people.through
    through.objects.bulk_create(
        [
            through(activity_id=activity.pk, person_id=person.pk)
            for person in people
            for activity in rng.sample(activities, 2)
        ],
        batch_size=5000,
    )
    user = get_user_model().objects.create_user("bench-coordinator", password="bench")  # noqa: S106
    membership = Membership.objects.create(institution=institution, user=user, role="coordinator")
    ideas = [
        Idea.objects.create(
            institution=institution,
            title=data["title"],
            description=data["description"],
            partnership=partnership,
        )
        for data in expertise.EVAL_IDEAS
    ]
    return institution, membership, user, ideas


def main(profiles: int, repeat: int) -> None:
    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        institution, membership, user, ideas = build(profiles)
        print(f"built {ExpertProfile.objects.count()} profiles in {time.perf_counter() - started:.1f} s")
        policy = Policy(membership)
        matching.clear_cache()
        started = time.perf_counter()
        suggest(ideas[0], policy)
        cold = time.perf_counter() - started
        matching.clear_cache()
        tracemalloc.start()
        suggest(ideas[0], policy)
        _size, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        held = sum(
            sum(docs.nbytes + weights.nbytes for docs, weights in index.postings)
            for _stamp, index in matching._cache.values()
        )
        print(f"first suggestions (indexes built): {cold:.2f} s; peak {peak / 2**20:.0f} MiB while building")
        print(f"postings held: {held / 2**20:.1f} MiB")
        times = []
        for _round in range(repeat):
            for idea in ideas:
                started = time.perf_counter()
                suggest(idea, policy)
                times.append(time.perf_counter() - started)
        print(
            f"suggestions, index built ({len(times)} ideas): median {statistics.median(times):.3f} s, "
            f"worst {max(times):.3f} s"
        )
        profile = ExpertProfile.objects.filter(institution=institution).first()
        profile.keywords += ", ny kunskap"
        profile.save()  # the records change: the held index ranks while a new one is built
        started = time.perf_counter()
        suggest(ideas[1], policy)
        after_change = time.perf_counter() - started
        started = time.perf_counter()
        matching.wait_for_rebuilds()
        rebuilt = time.perf_counter() - started
        print(
            f"suggestions just after a profile changed: {after_change:.3f} s "
            f"(the new index was ready {rebuilt:.1f} s later, built in the background)"
        )
        client = Client()
        client.force_login(user)
        client.get(ideas[0].get_absolute_url())  # the first request of the process (templates, session)
        page_times = []
        for idea in ideas:
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                if client.get(idea.get_absolute_url()).status_code != 200:
                    raise SystemExit(f"the page of idea {idea.pk} did not open")
                page_times.append(time.perf_counter() - started)
        print(
            f"idea page: median {statistics.median(page_times):.3f} s, worst {max(page_times):.3f} s, "
            f"{len(queries)} queries"
        )
        result = evaluate(institution, expertise.EVAL_IDEAS)
        count = ExpertProfile.objects.count()
        print(
            f"labelled set among {count} profiles: precision at 5 {result.precision:.2f}, "
            f"recall at 5 {result.recall:.2f}, mean reciprocal rank {result.reciprocal_rank:.2f}"
        )
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000, int(sys.argv[2]) if len(sys.argv) > 2 else 3)
