"""Ready-made indicators: what Swedish universities report about collaboration.

The first seven are the Swedish Research Council's indicators for following up
collaboration and societal impact (Vetenskapsrådet, "Indikatorer för uppföljning
av samverkan och samhällspåverkan inom utbildning och forskning", 2019, dnr
3.1-2019-05769); the others are the usual counts of the collaboration forms.
Figures the records cannot hold (income, co-publications …) are entered by hand
per year with their source.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from samverka.activities.models import ActivityType
from samverka.core.display import StrOrPromise
from samverka.core.models import Institution
from samverka.followup.models import Measure

COUNT = ""  # a count needs no unit (the measure says "number of …"), in either language
VR_2019 = _("Swedish Research Council 2019")
USUAL = _("Usual follow-up")


@dataclass(frozen=True)
class IndicatorTemplate:
    code: str
    group: StrOrPromise
    name_sv: str
    name_en: str
    description_sv: str
    description_en: str
    measure: str
    unit: str
    activity_types: tuple[str, ...] = ()


TEMPLATES: tuple[IndicatorTemplate, ...] = (
    IndicatorTemplate(
        "vr-income-from-society",
        VR_2019,
        "Intäkter till forskning och forskarutbildning från omgivande samhälle",
        "Income for research and doctoral education from society",
        "Externa intäkter från företag, offentlig sektor och organisationer utanför akademin. "
        "Källa: ekonomisystemet.",
        "External income from companies, the public sector and organisations outside academia. "
        "Source: the finance system.",
        Measure.MANUAL,
        "SEK",
    ),
    IndicatorTemplate(
        "vr-innovation-collaboration",
        VR_2019,
        "Innovationssamarbete",
        "Innovation collaboration",
        "Till exempel avtal om nyttiggörande, licenser och gemensamma patentansökningar.",
        "E.g. agreements on utilisation, licences and joint patent applications.",
        Measure.MANUAL,
        COUNT,
    ),
    IndicatorTemplate(
        "vr-adjunct-staff",
        VR_2019,
        "Adjungerad personal",
        "Adjunct staff",
        "Adjungerade professorer och lärare från partnern.",
        "Adjunct professors and teachers from the partner.",
        Measure.ACTIVITIES,
        COUNT,
        ("adjunct-professor",),
    ),
    IndicatorTemplate(
        "vr-doctoral-students-outside",
        VR_2019,
        "Doktorander med anställning utanför högskolan",
        "Doctoral students employed outside higher education",
        "Industri- och kommundoktorander som påbörjat sin utbildning under året.",
        "Industrial and municipal PhD students who started in the year.",
        Measure.ACTIVITIES,
        COUNT,
        ("industrial-phd",),
    ),
    IndicatorTemplate(
        "vr-co-publications",
        VR_2019,
        "Sampublicering med aktörer utanför akademin",
        "Co-publications with organisations outside academia",
        "Vetenskapliga publikationer med minst en författare från partnern. Källa: publikationsdatabasen.",
        "Scientific publications with at least one author from the partner. "
        "Source: the publication database.",
        Measure.MANUAL,
        COUNT,
    ),
    IndicatorTemplate(
        "vr-impact-through-education",
        VR_2019,
        "Samhällspåverkan genom utbildning",
        "Societal impact through education",
        "Till exempel examinerade som anställts hos partnern. Källa: uppföljning av alumner.",
        "E.g. graduates employed by the partner. Source: alumni follow-up.",
        Measure.MANUAL,
        COUNT,
    ),
    IndicatorTemplate(
        "vr-impact-through-open-access",
        VR_2019,
        "Samhällspåverkan genom öppen tillgång",
        "Societal impact through open access",
        "Andel av de gemensamma publikationerna som är öppet tillgängliga.",
        "Share of the joint publications that are openly available.",
        Measure.MANUAL,
        "%",
    ),
    IndicatorTemplate(
        "degree-projects",
        USUAL,
        "Examensarbeten",
        "Degree projects",
        "Examensarbeten hos eller tillsammans med partnern som startat under året.",
        "Degree projects with the partner started in the year.",
        Measure.ACTIVITIES,
        COUNT,
        ("degree-project",),
    ),
    IndicatorTemplate(
        "students-in-projects-and-internships",
        USUAL,
        "Studenter i examensarbeten och praktik",
        "Students in degree projects and internships",
        "Summan av antalet studenter i examensarbeten och praktikperioder som startat under året.",
        "The number of students in degree projects and internships started in the year.",
        Measure.STUDENTS,
        COUNT,
        ("degree-project", "internship"),
    ),
    IndicatorTemplate(
        "internships",
        USUAL,
        "Praktikplatser",
        "Internships",
        "Praktikperioder hos partnern som startat under året.",
        "Internships with the partner started in the year.",
        Measure.ACTIVITIES,
        COUNT,
        ("internship",),
    ),
    IndicatorTemplate(
        "joint-projects",
        USUAL,
        "Gemensamma forskningsprojekt",
        "Joint research projects",
        "Gemensamma forskningsprojekt som startat under året.",
        "Joint research projects started in the year.",
        Measure.ACTIVITIES,
        COUNT,
        ("joint-research-project",),
    ),
    IndicatorTemplate(
        "joint-applications",
        USUAL,
        "Gemensamma ansökningar",
        "Joint grant applications",
        "Gemensamma ansökningar om externa medel under året.",
        "Joint applications for external funding in the year.",
        Measure.APPLICATIONS,
        COUNT,
    ),
    IndicatorTemplate(
        "granted-applications",
        USUAL,
        "Beviljade gemensamma ansökningar",
        "Granted joint applications",
        "De gemensamma ansökningar under året som beviljats.",
        "The joint applications of the year that were granted.",
        Measure.GRANTED,
        COUNT,
    ),
    IndicatorTemplate(
        "project-funding",
        USUAL,
        "Finansiering av gemensamma projekt",
        "Funding of joint projects",
        "Summan av finansieringen av gemensamma forskningsprojekt som startat under året.",
        "The funding of joint research projects started in the year.",
        Measure.FUNDING,
        "SEK",
        ("joint-research-project",),
    ),
    IndicatorTemplate(
        "meetings-held",
        USUAL,
        "Genomförda möten i partnerskapets organ",
        "Meetings held by the partnership's bodies",
        "Möten i styrgrupper, ledningsgrupper och arbetsgrupper under året.",
        "Meetings of steering, management and working groups in the year.",
        Measure.MEETINGS,
        COUNT,
    ),
)
BY_CODE = {template.code: template for template in TEMPLATES}


def template_initial(code: str, institution: Institution) -> dict[str, Any]:
    """A new indicator's form values from the ready-made indicator ``code`` ({} if none has it)."""
    template = BY_CODE.get(code)
    if template is None:
        return {}
    types = ActivityType.objects.in_institution(institution).filter(code__in=template.activity_types)
    return {
        "template": template.code,
        "name_sv": template.name_sv,
        "name_en": template.name_en,
        "description_sv": template.description_sv,
        "description_en": template.description_en,
        "measure": template.measure,
        "unit": template.unit,
        "activity_types": list(types.values_list("pk", flat=True)),
    }


def template_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The ready-made indicators grouped by source, named in the current language."""
    english = (get_language() or "sv").startswith("en")
    groups: dict[str, list[tuple[str, str]]] = {}
    for template in TEMPLATES:
        groups.setdefault(str(template.group), []).append(
            (template.code, template.name_en if english else template.name_sv)
        )
    return list(groups.items())
