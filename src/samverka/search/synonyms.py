"""The synonyms a search expands to: the institution's list (``Synonym``), which begins with a
Swedish–English starting set for the field (collaboration forms, kinds of partner, common focus
areas) and is the institution's to change."""

from functools import lru_cache

from samverka.core.models import Institution
from samverka.search.models import Synonym
from samverka.search.text import synonym_map

STANDARD_SYNONYMS: tuple[str, ...] = (
    # collaboration forms (DESIGN.md's glossary)
    "exjobb, examensarbete, degree project, thesis project",
    "praktik, VFU, verksamhetsförlagd utbildning, internship, work placement",
    "uppdragsutbildning, commissioned education, contract education",
    "gästföreläsning, gästföreläsare, guest lecture, guest lecturer",
    "adjungerad professor, adjungerad, adjunct professor",
    "industridoktorand, industrial PhD student, industrial doctoral student",
    "studiebesök, study visit",
    "seminarium, seminar",
    "gemensam ansökan, ansökan, ansökning, grant application, joint application",
    "forskningsprojekt, research project",
    "samverkan, collaboration, cooperation, engagement",
    "partnerskap, partnership",
    "avsiktsförklaring, letter of intent",
    "avtal, agreement, contract",
    "styrgrupp, steering group, steering committee",
    # kinds of partner
    "kommun, municipality, local authority",
    "region, landsting, county council",
    "myndighet, agency, government agency",
    "företag, bolag, company, business",
    "näringsliv, industry, business sector",
    "förening, ideell organisation, non-profit, association",
    "lärosäte, universitet, högskola, university, higher education institution",
    # common focus areas
    "hållbarhet, hållbar utveckling, sustainability, sustainable development",
    "digitalisering, digitalisation, digitalization",
    "e-hälsa, digital hälsa, e-health, digital health",
    "vård, hälso- och sjukvård, healthcare, health care",
    "hälsa, folkhälsa, health, public health",
    "klimat, climate",
    "energi, energy",
    "skog, forest, forestry",
    "skogsråvara, skogsrester, forest residues, forest raw material",
    "matsvinn, food waste",
    "skolmåltider, skolmat, skolkök, school meals",
    "kompetensförsörjning, skills supply, talent supply",
    "kompetensutveckling, competence development, professional development",
    "livslångt lärande, lifelong learning",
    "stadsutveckling, samhällsplanering, urban development, urban planning",
    "kollektivtrafik, public transport",
    "cykel, cykling, bicycle, cycling",
    "vätgas, hydrogen",
    "äldreomsorg, elderly care",
    "arbetsmiljö, arbetshälsa, arbetsliv och hälsa, work environment, occupational health",
    "socialtjänst, social services",
    "skola, school",
    "förskola, preschool",
    "lärare, teacher",
    "sjuksköterska, nurse",
    "turism, besöksnäring, tourism",
    "jämställdhet, gender equality",
    "integration, inkludering, inclusion",
    "landsbygd, rural areas, countryside",
)


def ensure_standard_synonyms(institution: Institution) -> None:
    """Give an institution the starting set once: one with synonyms of its own keeps its list."""
    if Synonym.objects.in_institution(institution).exists():
        return
    Synonym.objects.bulk_create(Synonym(institution=institution, words=words) for words in STANDARD_SYNONYMS)


def synonyms_of(institution_id: int) -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    """{a term as its words: the other terms of its group} of the institution's list: one query of a
    short list, the map made once for each version of it."""
    return _map(
        tuple(
            Synonym.objects.filter(institution=institution_id).order_by("pk").values_list("words", flat=True)
        )
    )


@lru_cache(maxsize=64)
def _map(lists: tuple[str, ...]) -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    return synonym_map(Synonym(words=words).terms for words in lists)
