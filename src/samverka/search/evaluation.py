"""How good the search is: recall at 5, mean reciprocal rank and nDCG at 10 over a judged set of
queries on the demo's records (``samverka evaluate_search``; a floor in
``tests/search/test_evaluation.py``).

Each judged query is worded as a coordinator types it — definite and plural forms, parts of
compounds, hyphens, typos, synonyms, English for Swedish records — with the records a coordinator
would expect to find, named by kind and title. The search page shows the five best of each kind,
so a record's rank is its place among the hits of its kind:

- recall at 5: the share of the expected records found among the first five of their kind;
- reciprocal rank: one over the best rank of an expected record (0 if none is among the ten);
- nDCG at 10: the discounted gain of the expected records' ranks (1 / log2(rank + 1), ranks up to
  10), over the gain of the best possible ranking (each kind's expected records first).

A query that finds nothing is judged by the search the page offers instead (*Menade du …?*,
``search.typos``), as a coordinator would follow it.
"""

import math
from dataclasses import dataclass

from samverka.core.permissions import Policy
from samverka.search.domain import search
from samverka.search.registry import searchable_kinds
from samverka.search.typos import correction

K, DEPTH = 5, 10

EXAMS = [
    ("activity", "Examensarbete om skolskjutsar"),
    ("activity", "Examensarbete om cykelstråk i centrala Umeå"),
    ("activity", "Examensarbete om förskolans utemiljö"),
]
INTERNSHIPS = [
    ("activity", "Praktik vid stadsbyggnadskontoret"),
    ("activity", "Praktikplatser inom samhällsplanering"),
    ("activity", "Praktik i hyttfabrikens kvalitetsavdelning"),
    ("activity", "Praktik vid Curiosum"),
]
EHEALTH = [("activity", "Gästföreläsning om e-hälsa"), ("focusarea", "Digitalisering/E-hälsa")]
APPLICATIONS = [
    ("activity", "Ansökan Formas: grönytor i förtätad stad"),
    ("activity", "Ansökan Vinnova: klimatneutral stadsdel"),
]
SKILLS = [
    ("focusarea", "Kompetensförsörjning"),
    ("focusarea", "Strategisk kompetensförsörjning"),
    ("focusarea", "Kompetensförsörjning/kompetensutveckling"),
]
CYCLING = [("activity", "Examensarbete om cykelstråk i centrala Umeå")]
PAINT = [("activity", "Bildanalys av lackdefekter med djupinlärning")]
PRESCHOOL = [("activity", "Examensarbete om förskolans utemiljö")]
STEERING = [("body", "Styrgrupp Umeå kommun – Umeå universitet")]

# (what a coordinator types, what it is a case of, the records they expect)
EVAL_QUERIES: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("examensarbete", "word", EXAMS),
    ("examensarbetet", "definite form", EXAMS),
    ("exjobb", "synonym", EXAMS),
    ("exjobbet", "synonym, definite form", EXAMS),
    ("degree project", "English synonym", EXAMS),
    ("stråk", "compound part", CYCLING),
    ("cykelstråken", "plural definite form", CYCLING),
    ("cycling", "English synonym", CYCLING),
    ("praktik", "word", INTERNSHIPS),
    ("internship", "English", INTERNSHIPS),
    ("VFU", "synonym", INTERNSHIPS),
    ("e-hälsa", "hyphen", EHEALTH),
    ("ehälsa", "hyphen left out", EHEALTH),
    ("e-health", "English", EHEALTH),
    ("gästföreläsningen", "definite form", [("activity", "Gästföreläsning om e-hälsa")]),
    (
        "bioekonomin",
        "definite form",
        [("activity", "Förstudie om bioekonomi i Örnsköldsvik"), ("focusarea", "Bioekonomi")],
    ),
    ("Örnsköldvik", "typo", [("activity", "Förstudie om bioekonomi i Örnsköldsvik")]),
    (
        "Skelleftå kommun",
        "typo",
        [("partnership", "Skellefteå kommun"), ("organisation", "Skellefteå kommun")],
    ),
    ("kommmun", "typo", [("organisation", "Umeå kommun"), ("organisation", "Skellefteå kommun")]),
    (
        "kommunerna",
        "plural definite form",
        [("organisation", "Umeå kommun"), ("organisation", "Skellefteå kommun")],
    ),
    (
        "municipality",
        "English synonym",
        [("organisation", "Umeå kommun"), ("organisation", "Örnsköldsviks kommun")],
    ),
    (
        "hållbarheten",
        "definite form",
        [("focusarea", "Hållbar stadsutveckling"), ("focusarea", "Hållbart ledarskap")],
    ),
    (
        "stadsutvecklingen",
        "definite form",
        [
            ("focusarea", "Hållbar stadsutveckling"),
            ("agendaitem", "§ 3 Gemensam ansökan om hållbar stadsutveckling"),
        ],
    ),
    ("urban development", "English synonym", [("focusarea", "Hållbar stadsutveckling")]),
    ("ansökningarna", "plural definite form", [*APPLICATIONS, ("indicator", "Gemensamma ansökningar")]),
    ("grant application", "English synonym", APPLICATIONS),
    ("lackdefekterna", "plural definite form", PAINT),
    ("djupinlärningen", "definite form", PAINT),
    ("deep learning", "English", PAINT),
    ("defekter", "compound part", PAINT),
    ("paint defects", "English", PAINT),
    ("kvalitetsavdelningen", "definite form", [("activity", "Praktik i hyttfabrikens kvalitetsavdelning")]),
    ("avdelning", "compound part", [("activity", "Praktik i hyttfabrikens kvalitetsavdelning")]),
    (
        "artificiell intelligens",
        "phrase",
        [("focusarea", "AI – artificiell intelligens"), ("focusarea", "Artificiell Intelligens, AI")],
    ),
    ("vården", "definite form", [("activity", "Workshop om AI i vården")]),
    ("healthcare", "English synonym", [("activity", "Workshop om AI i vården")]),
    (
        "ledarskapet",
        "definite form",
        [("activity", "Seminarium om hållbart ledarskap"), ("focusarea", "Hållbart ledarskap")],
    ),
    ("seminarier", "plural", [("activity", "Seminarium om hållbart ledarskap")]),
    ("skolskjuts", "singular of a plural", [("activity", "Examensarbete om skolskjutsar")]),
    ("förskolan", "definite form", PRESCHOOL),
    ("preschool", "English synonym", PRESCHOOL),
    ("batterierna", "plural definite form", [("idea", "Återvinning av batterier i Skellefteå")]),
    ("återvinningen", "definite form", [("idea", "Återvinning av batterier i Skellefteå")]),
    (
        "samhället",
        "definite form, compound head",
        [
            ("newsitem", "En dag fylld av tankar om samhällsförändring"),
            ("focusarea", "Hållbar samhällsutveckling"),
        ],
    ),
    ("kompetensförsörjningen", "definite form", SKILLS),
    ("skills supply", "English synonym", SKILLS),
    ("styrgruppen", "definite form", STEERING),
    ("steering group", "English synonym", STEERING),
    ("justerare", "word", [("agendaitem", "§ 1 Mötets öppnande och val av justerare")]),
    ("Sandström", "name", [("person", "Anna Sandström Emmelin")]),
    ("klimatneutrala", "inflected adjective", [("activity", "Ansökan Vinnova: klimatneutral stadsdel")]),
    ("grönytorna", "plural definite form", [("activity", "Ansökan Formas: grönytor i förtätad stad")]),
    (
        "Volvos",
        "genitive",
        [("organisation", "AB Volvo (Volvokoncernen)"), ("organisation", "Volvo Lastvagnar AB")],
    ),
    (
        "ofrivilligt isolerade",
        "inflected words",
        [("newsitem", "De vill hjälpa unga ut ur ofrivillig isolering")],
    ),
]


@dataclass
class Row:
    text: str
    case: str
    searched: str  # the query, or the correction the page offered when it found nothing
    expected: list[tuple[str, str]]
    ranks: dict[tuple[str, str], int | None]  # each expected record's rank in its kind (to 10)

    @property
    def recall(self) -> float:
        return sum(1 for rank in self.ranks.values() if rank is not None and rank <= K) / len(self.expected)

    @property
    def reciprocal_rank(self) -> float:
        found = [rank for rank in self.ranks.values() if rank is not None]
        return 1 / min(found) if found else 0.0

    @property
    def ndcg(self) -> float:
        gain = sum(1 / math.log2(rank + 1) for rank in self.ranks.values() if rank is not None)
        per_kind: dict[str, int] = {}
        for kind, _title in self.expected:
            per_kind[kind] = per_kind.get(kind, 0) + 1
        ideal = sum(
            1 / math.log2(rank + 1) for count in per_kind.values() for rank in range(1, min(count, DEPTH) + 1)
        )
        return gain / ideal


@dataclass
class Evaluation:
    rows: list[Row]

    def mean(self, name: str) -> float:
        return sum(getattr(row, name) for row in self.rows) / len(self.rows)

    @property
    def recall(self) -> float:
        return self.mean("recall")

    @property
    def mrr(self) -> float:
        return self.mean("reciprocal_rank")

    @property
    def ndcg(self) -> float:
        return self.mean("ndcg")


def judge(policy: Policy, text: str, case: str, expected: list[tuple[str, str]]) -> Row:
    kinds = searchable_kinds()
    groups = search(policy, text, kinds=kinds, limit=DEPTH)
    searched = text
    if not groups and policy.membership is not None:
        corrected = correction(text, policy.membership.institution_id)
        if corrected:
            searched, groups = corrected, search(policy, corrected, kinds=kinds, limit=DEPTH)
    ranked = {group.kind.key: [str(hit.obj) for hit in group.hits] for group in groups}
    ranks = {}
    for kind, title in expected:
        titles = ranked.get(kind, [])
        ranks[(kind, title)] = titles.index(title) + 1 if title in titles else None
    return Row(text, case, searched, expected, ranks)


def evaluate(policy: Policy, queries=EVAL_QUERIES) -> Evaluation:
    return Evaluation([judge(policy, text, case, expected) for text, case, expected in queries])
