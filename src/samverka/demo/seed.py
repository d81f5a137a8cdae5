"""The facts of the seed page (Umeå University's partnership page), as data.

Everything here is stated in ``shared/seeds/000_*.txt`` except where a
comment says otherwise. English texts are our translations.
"""

import datetime

INSTITUTION = {
    "slug": "umu",
    "name_sv": "Umeå universitet",
    "name_en": "Umeå University",
    "website": "https://www.umu.se",
    "public_introduction_sv": (
        "Umeå universitet ingår i ett antal långsiktiga samarbeten, strategiska partnerskap. "
        "Målet med dessa är dels att nå ömsesidig utveckling och dels att höja kvaliteten på "
        "universitetets forskning och utbildning. Att arbeta tillsammans kan också bidra till "
        "bättre förståelse för samhällets behov – och till lösningar på dess utmaningar."
    ),
    "public_introduction_en": (
        "Umeå University is part of a number of long-term collaborations, strategic partnerships. "
        "Their aim is both to achieve mutual development and to raise the quality of the "
        "university's research and education. Working together can also contribute to a better "
        "understanding of society's needs – and to solutions to its challenges."
    ),
}

PARENT_ORGANISATIONS = [
    # The seed speaks of "Volvokoncernens hyttfabrik": Volvo Lastvagnar belongs to the Volvo Group.
    {
        "name": "AB Volvo (Volvokoncernen)",
        "type": "company",
        "website": "https://www.volvogroup.com",
    },
]

PARTNERSHIPS = [
    {
        "slug": "region-vasterbotten",
        "organisation": {"name": "Region Västerbotten", "type": "region"},
        "title_sv": "Region Västerbotten",
        "title_en": "Region Västerbotten",
        "start": (datetime.date(2019, 1, 1), "month"),
        "purpose_sv": "Att identifiera och lösa gemensamma samhällsutmaningar.",
        "purpose_en": "To identify and solve shared societal challenges.",
        "description_sv": (
            "I januari 2019 ingick Umeå universitet ett strategiskt partnerskap med Region "
            "Västerbotten för att identifiera och lösa gemensamma samhällsutmaningar.\n\n"
            "Genom partnerskapet vill vi bland annat bidra till regionens utveckling och "
            "kompetensförsörjning. Men också underlätta för nya samarbeten och skapa kännedom om "
            "våra organisationer, om vad vi gör och om våra gemensamma satsningar – såväl i som "
            "utanför Västerbotten."
        ),
        "description_en": (
            "In January 2019 Umeå University entered into a strategic partnership with Region "
            "Västerbotten to identify and solve shared societal challenges.\n\n"
            "Through the partnership we want, among other things, to contribute to the region's "
            "development and competence supply, but also to make new collaborations easier and to "
            "make our organisations, what we do and our joint initiatives known – both in and "
            "outside Västerbotten."
        ),
        "focus_areas": [
            ("Kompetensförsörjning", "Competence supply"),
            ("Digitalisering/E-hälsa", "Digitalisation/e-health"),
            ("AI – artificiell intelligens", "AI – artificial intelligence"),
            ("Forskningsinfrastruktur", "Research infrastructure"),
        ],
    },
    {
        "slug": "skelleftea-kommun",
        "organisation": {"name": "Skellefteå kommun", "type": "municipality"},
        "title_sv": "Skellefteå kommun",
        "title_en": "Skellefteå Municipality",
        "start": (datetime.date(2020, 12, 1), "month"),
        "purpose_sv": "Att hitta och utveckla långsiktiga former för samverkan.",
        "purpose_en": "To find and develop long-term forms of collaboration.",
        "description_sv": (
            "I december 2020 ingick Umeå universitet ett strategiskt partnerskap med Skellefteå "
            "kommun, i syfte att hitta och utveckla långsiktiga former för samverkan. Tillsammans "
            "har vi identifierat tre fokusområden där våra organisationer kan stärka varandra.\n\n"
            "För Umeå universitets del är målet med partnerskapet att höja kvaliteten på forskning "
            "och utbildning – och att ge forskare och lärare en tydligare ingång för samverkan med "
            "kommunens alla verksamheter. Genom att gemensamt fokusera på samhällets behov kan vi "
            "bidra till att lösa dess utmaningar."
        ),
        "description_en": (
            "In December 2020 Umeå University entered into a strategic partnership with Skellefteå "
            "Municipality, to find and develop long-term forms of collaboration. Together we have "
            "identified three focus areas where our organisations can strengthen each other.\n\n"
            "For Umeå University, the aim of the partnership is to raise the quality of research "
            "and education – and to give researchers and teachers a clearer way in to collaborate "
            "with all of the municipality's services. By focusing together on society's needs we "
            "can help to solve its challenges."
        ),
        "focus_areas": [
            ("Strategisk kompetensförsörjning", "Strategic competence supply"),
            ("Hållbar samhällsutveckling", "Sustainable community development"),
            ("Artificiell Intelligens, AI", "Artificial intelligence, AI"),
        ],
    },
    {
        "slug": "umea-kommun",
        "organisation": {"name": "Umeå kommun", "type": "municipality"},
        "title_sv": "Umeå kommun",
        "title_en": "Umeå Municipality",
        "start": (datetime.date(2018, 1, 1), "month"),
        "purpose_sv": (
            "Samverkan från forskning och utbildning till innovation och kompetensförsörjning "
            "inom samtliga av Umeå universitets vetenskapsområden."
        ),
        "purpose_en": (
            "Collaboration from research and education to innovation and competence supply in all "
            "of Umeå University's disciplinary domains."
        ),
        "description_sv": (
            "Sedan januari 2018 har Umeå universitet ett strategiskt partnerskap med Umeå kommun. "
            "Inledningsvis är fyra områden särskilt prioriterade.\n\n"
            "Samverkan med Umeå kommun kan emellertid omfatta allt från forskning och utbildning "
            "till innovation och kompetensförsörjning inom samtliga av Umeå universitets "
            "vetenskapsområden."
        ),
        "description_en": (
            "Since January 2018 Umeå University has had a strategic partnership with Umeå "
            "Municipality. To begin with, four areas have particular priority.\n\n"
            "Collaboration with Umeå Municipality can, however, cover everything from research and "
            "education to innovation and competence supply in all of Umeå University's "
            "disciplinary domains."
        ),
        "focus_areas": [
            ("Hållbar stadsutveckling", "Sustainable urban development"),
            ("Curiosum", "Curiosum"),
            (
                "Kompetensförsörjning/kompetensutveckling",
                "Competence supply/competence development",
            ),
            ("Digital utveckling och AI", "Digital development and AI"),
        ],
    },
    {
        "slug": "volvo-lastvagnar",
        "organisation": {
            "name": "Volvo Lastvagnar AB",
            "type": "company",
            "parent": "AB Volvo (Volvokoncernen)",
        },
        "title_sv": "Volvo Lastvagnar",
        "title_en": "Volvo Trucks",
        "start": (datetime.date(2015, 1, 1), "year"),
        "purpose_sv": (
            "Att nå ömsesidigt utbyte och att matcha Volvos långsiktiga utmaningar med starka "
            "forsknings- och utbildningsområden vid Umeå universitet."
        ),
        "purpose_en": (
            "To achieve mutual exchange and to match Volvo's long-term challenges with strong "
            "research and education areas at Umeå University."
        ),
        "description_sv": (
            "Umeå universitet har sedan 2015 ett strategiskt partnerskap med Volvo Lastvagnar AB.\n\n"
            "Volvokoncernens hyttfabrik i Umeå är Norrlands största verkstadsindustri. En stor del "
            "av produktionen bygger på avancerade robotar och datoriserade övervakningssystem. "
            "Dessutom fungerar anläggningen i Umeå som en introduktionsfabrik för nya tekniker och "
            "material inom pressning, hyttmontering och ytbehandling. Det gör att Volvos främsta "
            "kompetens inom dessa områden finns i Umeå – och att strategiska satsningar på forskning "
            "och utveckling koncentreras hit.\n\n"
            "Vår samverkan med Volvo Lastvagnar omfattar emellertid både forskning och utbildning. "
            "Till exempel i form av examensarbeten, praktikplatser, gemensamma forskningsprojekt och "
            "-ansökningar, seminarier och workshops. Tanken är att nå ömsesidigt utbyte och att "
            "matcha Volvos långsiktiga utmaningar med starka forsknings- och utbildningsområden vid "
            "Umeå universitet.\n\n"
            "Ett av de större samarbetsprojekten inom partnerskapet heter FIQA och rör automatisk "
            "kvalitetskontroll av målade karosser."
        ),
        "description_en": (
            "Since 2015 Umeå University has had a strategic partnership with Volvo Lastvagnar AB "
            "(Volvo Trucks).\n\n"
            "The Volvo Group's cab plant in Umeå is the largest engineering industry in Norrland. "
            "Much of its production relies on advanced robots and computerised monitoring systems. "
            "The Umeå plant is also an introduction plant for new techniques and materials in "
            "pressing, cab assembly and surface treatment. This means that Volvo's foremost "
            "competence in these areas is in Umeå – and that strategic investment in research and "
            "development is concentrated here.\n\n"
            "Our collaboration with Volvo Trucks covers both research and education, for example "
            "degree projects, internships, joint research projects and applications, seminars and "
            "workshops. The idea is to achieve mutual exchange and to match Volvo's long-term "
            "challenges with strong research and education areas at Umeå University.\n\n"
            "One of the larger joint projects in the partnership is called FIQA and concerns "
            "automatic quality control of painted car bodies."
        ),
        "focus_areas": [
            ("Hållbart ledarskap", "Sustainable leadership"),
            ("Hållbart arbetsliv och hälsa", "Sustainable working life and health"),
            ("Hållbar produktion och teknik", "Sustainable production and technology"),
        ],
        "collaboration_forms": [
            "degree-project",
            "internship",
            "joint-research-project",
            "joint-application",
            "seminar",
            "workshop",
        ],
    },
    {
        "slug": "ornskoldsviks-kommun",
        "organisation": {"name": "Örnsköldsviks kommun", "type": "municipality"},
        "title_sv": "Örnsköldsviks kommun",
        "title_en": "Örnsköldsvik Municipality",
        "start": (datetime.date(2019, 4, 1), "month"),
        "purpose_sv": (
            "Att kunna identifiera och lösa gemensamma samhällsutmaningar, tillföra varandra "
            "nyttig kompetens och höja kvaliteten i våra respektive verksamheter."
        ),
        "purpose_en": (
            "To identify and solve shared societal challenges, to bring each other useful "
            "competence and to raise the quality of our respective operations."
        ),
        "description_sv": (
            "I april 2019 ingick Umeå universitet ett strategiskt partnerskap med Örnsköldsviks "
            "kommun för att kunna identifiera och lösa gemensamma samhällsutmaningar, tillföra "
            "varandra nyttig kompetens och höja kvaliteten i våra respektive verksamheter.\n\n"
            "I och med partnerskapet utvecklar vi en strukturerad modell med tydliga vägar för att "
            "tillvarata nya idéer, möjliggöra synergier och snabbt kunna komma igång med samverkan. "
            "Till exempel inom forskning, utbildning, innovation, kompetensförsörjning eller andra "
            "områden som bägge parter kommer överens om."
        ),
        "description_en": (
            "In April 2019 Umeå University entered into a strategic partnership with Örnsköldsvik "
            "Municipality to identify and solve shared societal challenges, bring each other "
            "useful competence and raise the quality of our respective operations.\n\n"
            "With the partnership we are developing a structured model with clear paths for taking "
            "up new ideas, enabling synergies and getting collaboration started quickly – for "
            "example in research, education, innovation, competence supply or other areas that "
            "both parties agree on."
        ),
        "focus_areas": [
            ("Bioekonomi", "Bioeconomy"),
            ("Kommunal hälso- och sjukvård", "Municipal health and social care"),
            ("Hållbar tillväxt", "Sustainable growth"),
        ],
    },
]

FIQA = {
    "title_sv": "FIQA – Finish Inspection and Quality Analysis",
    "title_en": "FIQA – Finish Inspection and Quality Analysis",
    "description_sv": "Automatisk kvalitetskontroll av målade karosser.",
    "description_en": "Automatic quality control of painted car bodies.",
    "type": "joint-research-project",
    "partnership": "volvo-lastvagnar",
}

# The seed lists the five as "Kontaktpersoner för partnerskapen" without saying who
# coordinates which partnership, so they coordinate all of them. The seed's e-mail links
# have no visible address; these follow the university's firstname.lastname pattern.
COORDINATORS = [
    ("Anna", "Sandström Emmelin", "090-786 60 21", "anna.sandstrom.emmelin@umu.se"),
    ("Katarina", "Henriksson", "090-786 93 62", "katarina.henriksson@umu.se"),
    ("Johanna", "Gardeström", "090-786 99 27", "johanna.gardestrom@umu.se"),
    ("Annika", "Nordstrand", "090-786 68 83", "annika.nordstrand@umu.se"),
    ("Martin", "Englund", "090-786 68 29", "martin.englund@umu.se"),
]
COORDINATOR_TITLE = ("Projektsamordnare", "Project coordinator")

# The seed's news items carry no dates; these are placeholders in the seed's order.
NEWS = [
    {
        "title_sv": "Kraftfull kickoff för partnerskapet med Skellefteå kommun",
        "title_en": "A powerful kick-off for the partnership with Skellefteå Municipality",
        "summary_sv": (
            "Nu börjar samarbetsplaner ta form inom områdena kompetensförsörjning, hållbar "
            "samhällsutveckling och AI."
        ),
        "summary_en": (
            "Collaboration plans are now taking shape in competence supply, sustainable community "
            "development and AI."
        ),
        "published_on": datetime.date(2021, 3, 1),
        "partnerships": ["skelleftea-kommun"],
    },
    {
        "title_sv": "De vill hjälpa unga ut ur ofrivillig isolering",
        "title_en": "They want to help young people out of involuntary isolation",
        "summary_sv": (
            "Forskaren Frida Jonsson och Umeå kommun samarbetar för att hitta sätt att stötta "
            "hemmasittande ungdomar."
        ),
        "summary_en": (
            "The researcher Frida Jonsson and Umeå Municipality work together to find ways of "
            "supporting young people who stay at home from school."
        ),
        "published_on": datetime.date(2021, 2, 1),
        "partnerships": ["umea-kommun"],
    },
    {
        "title_sv": "En dag fylld av tankar om samhällsförändring",
        "title_en": "A day full of thoughts about social change",
        "summary_sv": (
            "Digitalisering, hälsa och hållbarhet i stad och skola präglade partnerskapsdagen med "
            "Umeå kommun."
        ),
        "summary_en": (
            "Digitalisation, health and sustainability in town and school marked the partnership "
            "day with Umeå Municipality."
        ),
        "published_on": datetime.date(2021, 1, 1),
        "partnerships": ["umea-kommun"],
    },
]

# Sample activities: NOT from the seed; made up so the workspace has something to show.
# Each is stored with is_sample=True and says so on its page.
SAMPLE_ACTIVITIES = [
    (
        "volvo-lastvagnar",
        "degree-project",
        "Bildanalys av lackdefekter med djupinlärning",
        "Image analysis of paint defects with deep learning",
        "Hållbar produktion och teknik",
        datetime.date(2024, 1, 15),
        2,
        None,
        "fiqa",
    ),
    (
        "volvo-lastvagnar",
        "joint-application",
        "Gemensam ansökan: uppföljning av FIQA",
        "Joint application: FIQA follow-up",
        "Hållbar produktion och teknik",
        datetime.date(2024, 9, 1),
        None,
        4500000,
        "fiqa",
    ),
    (
        "volvo-lastvagnar",
        "internship",
        "Praktik i hyttfabrikens kvalitetsavdelning",
        "Internship in the cab plant's quality department",
        "Hållbar produktion och teknik",
        datetime.date(2025, 6, 2),
        3,
        None,
        None,
    ),
    (
        "volvo-lastvagnar",
        "seminar",
        "Seminarium om hållbart ledarskap",
        "Seminar on sustainable leadership",
        "Hållbart ledarskap",
        datetime.date(2025, 3, 12),
        None,
        None,
        None,
    ),
    (
        "region-vasterbotten",
        "workshop",
        "Workshop om AI i vården",
        "Workshop on AI in health care",
        "AI – artificiell intelligens",
        datetime.date(2025, 2, 20),
        None,
        None,
        None,
    ),
    (
        "region-vasterbotten",
        "guest-lecture",
        "Gästföreläsning om e-hälsa",
        "Guest lecture on e-health",
        "Digitalisering/E-hälsa",
        datetime.date(2025, 10, 8),
        None,
        None,
        None,
    ),
    (
        "skelleftea-kommun",
        "internship",
        "Praktikplatser inom samhällsplanering",
        "Internships in community planning",
        "Hållbar samhällsutveckling",
        datetime.date(2025, 8, 18),
        4,
        None,
        None,
    ),
    (
        "umea-kommun",
        "seminar",
        "Partnerskapsdag med Umeå kommun",
        "Partnership day with Umeå Municipality",
        "Hållbar stadsutveckling",
        datetime.date(2024, 11, 14),
        None,
        None,
        None,
    ),
    (
        "ornskoldsviks-kommun",
        "joint-research-project",
        "Förstudie om bioekonomi i Örnsköldsvik",
        "Pilot study on the bioeconomy in Örnsköldsvik",
        "Bioekonomi",
        datetime.date(2025, 4, 1),
        None,
        600000,
        None,
    ),
]
SAMPLE_NOTE_SV = "Exempeldata för demonstrationen – inte från källdokumenten."
SAMPLE_NOTE_EN = "Sample data for the demo – not from the source documents."

DEMO_PASSWORD = "samverka-demo"  # noqa: S105 - documented demo password, never in production
DEMO_USERS = [
    # (username, first name, last name, role, superuser, reach: partnership slug or None)
    ("samordnare", "Demo", "Samordnare", "coordinator", False, None),
    ("ledning", "Demo", "Ledning", "management", False, None),
    ("admin", "Demo", "Administratör", "admin", True, None),
    # One of each role that reaches one partnership, and a staff member.
    ("partnerskap", "Demo", "Partnerskapssamordnare", "partnership_coordinator", False, "umea-kommun"),
    ("medarbetare", "Demo", "Medarbetare", "staff", False, None),
    ("partner", "Demo", "Umeå kommun", "partner", False, "umea-kommun"),
]

# Governance of the Umeå kommun partnership: made up for the demo (the seed names no partner-side
# people), with "Demo" people whose e-mail addresses the demo accounts share, so "My actions" works.
GOVERNANCE_PARTNERSHIP = "umea-kommun"
DEMO_PEOPLE = [
    # (first name, last name, side, e-mail, demo account)
    ("Demo", "Ledning", "university", "demo.ledning@example.se", "ledning"),
    ("Demo", "Samordnare", "university", "demo.samordnare@example.se", "samordnare"),
    ("Demo", "Kommunrepresentant", "partner", "demo.partner@example.se", "partner"),
]
DEMO_BODIES = [
    # (kind code, Swedish name, English name, level, [(person's last name, role)])
    (
        "steering-group",
        "Styrgrupp Umeå kommun – Umeå universitet",
        "Steering group Umeå Municipality – Umeå University",
        1,
        [("Ledning", "chair"), ("Kommunrepresentant", "vice_chair"), ("Sandström Emmelin", "secretary")],
    ),
    (
        "coordination-group",
        "Samordningsgrupp Umeå kommun",
        "Coordination group Umeå Municipality",
        2,
        [("Samordnare", "member")],
    ),
]
DEMO_AGENDA = [
    # (title, expected outcome, minutes)
    (
        "Mötets öppnande och val av justerare",
        "information",
        "Kommunrepresentanten valdes att justera protokollet.",
    ),
    (
        "Uppföljning av fokusområdena 2026",
        "discussion",
        "Samordnarna redovisade årets aktiviteter per fokusområde. Gruppen diskuterade fler examensarbeten.",
    ),
    (
        "Gemensam ansökan om hållbar stadsutveckling",
        "decision",
        "Förslaget om en gemensam ansökan föredrogs.",
    ),
]
DEMO_DECISION = "Styrgruppen beslutar att ta fram en gemensam ansökan om hållbar stadsutveckling."
DEMO_ACTIONS = [
    # (title, owner's last name, days from today)
    ("Ta fram utkast till gemensam ansökan", "Samordnare", -10),
    ("Föreslå kommunens kontaktpersoner för examensarbeten", "Kommunrepresentant", 20),
]

# Follow-up of the Umeå kommun partnership: made up for the demo. Years are relative to the
# current one (0 this year, -1 last year), so the demo's figures stay current.
DEMO_FOLLOW_UP_ACTIVITIES = [
    # (collaboration form, Swedish title, English title, focus area, years back, month, students,
    #  funding, granted)
    (
        "degree-project",
        "Examensarbete om cykelstråk i centrala Umeå",
        "Degree project on cycle routes in central Umeå",
        "Hållbar stadsutveckling",
        0,
        2,
        2,
        None,
        None,
    ),
    (
        "degree-project",
        "Examensarbete om skolskjutsar",
        "Degree project on school transport",
        "Hållbar stadsutveckling",
        0,
        3,
        1,
        None,
        None,
    ),
    (
        "internship",
        "Praktik vid stadsbyggnadskontoret",
        "Internship at the city planning office",
        "Kompetensförsörjning/kompetensutveckling",
        0,
        1,
        3,
        None,
        None,
    ),
    (
        "joint-application",
        "Ansökan Vinnova: klimatneutral stadsdel",
        "Vinnova application: a climate-neutral district",
        "Hållbar stadsutveckling",
        0,
        2,
        None,
        4_000_000,
        True,
    ),
    (
        "joint-application",
        "Ansökan Formas: grönytor i förtätad stad",
        "Formas application: green space in a denser city",
        "Hållbar stadsutveckling",
        0,
        4,
        None,
        None,
        False,
    ),
    (
        "degree-project",
        "Examensarbete om förskolans utemiljö",
        "Degree project on pre-school outdoor space",
        "Hållbar stadsutveckling",
        -1,
        9,
        2,
        None,
        None,
    ),
    ("internship", "Praktik vid Curiosum", "Internship at Curiosum", "Curiosum", -1, 5, 2, None, None),
]
DEMO_GOALS = [
    # (whose goal, focus area or None, Swedish title, English title,
    #  [(ready-made indicator, {years back: (target, value entered by hand or None)})])
    (
        "joint",
        None,
        "Fler studenter gör examensarbete och praktik i kommunen",
        "More students do degree projects and internships with the municipality",
        [
            ("students-in-projects-and-internships", {-1: (6, None), 0: (12, None)}),
            ("degree-projects", {-1: (2, None), 0: (6, None)}),
        ],
    ),
    (
        "joint",
        "Hållbar stadsutveckling",
        "Gemensamma ansökningar om forskning för hållbar stadsutveckling",
        "Joint research applications for sustainable urban development",
        [("joint-applications", {0: (3, None)}), ("granted-applications", {0: (1, None)})],
    ),
    (
        "university",
        None,
        "Samverkan bidrar till forskningens finansiering",
        "Collaboration contributes to research funding",
        [("vr-income-from-society", {-1: (2_000_000, 2_350_000), 0: (2_500_000, None)})],
    ),
    (
        "partner",
        None,
        "Kommunen får tillgång till aktuell forskning i planeringen",
        "The municipality has current research at hand in its planning",
        [("meetings-held", {0: (4, None)})],
    ),
]
DEMO_RESOURCES = [
    # (party, level or None, unit's name or None, purpose, kind, committed, used)
    ("university", 1, None, "Samordnare på 50 %", "fte", 0.5, 0.5),
    ("university", None, None, "Medel för gemensamma seminarier", "money", 150_000, 90_000),
    ("partner", 1, None, "Kommunens samordnare på 50 %", "fte", 0.5, 0.4),
    ("partner", 2, "Stadsbyggnadskontoret", "Handledning av examensarbeten", "hours", 300, 120),
    ("partner", None, None, "Lokaler för partnerskapsdagen", "in_kind", 40_000, 40_000),
]
# The governance partnership's partner's own units: (name, kind, part of)
DEMO_PARTNER_UNITS = [
    ("Stadsbyggnadskontoret", "division", None),
    ("Översiktsplanering", "section", "Stadsbyggnadskontoret"),
    ("För- och grundskoleförvaltningen", "division", None),
]
# The units that meet in each governance body (DEMO_BODIES, in order), both sides.
DEMO_BODY_UNITS = [
    [],
    [
        "Teknisk-naturvetenskapliga fakulteten",
        "Arkitekthögskolan",
        "Stadsbyggnadskontoret",
        "Översiktsplanering",
    ],
]
DEMO_ASSESSMENT_PARTNER = (4, "Partnerskapet har gett oss tillgång till forskning och rekryteringsvägar.")
DEMO_ASSESSMENT_UNIVERSITY = (3, "Samverkan har gett studenterna verklighetsnära examensarbeten.")
DEMO_REPORT = {
    # the annual report of last year (approved) and of this year (a draft), Swedish narrative
    "summary": "Partnerskapet har fördjupats inom hållbar stadsutveckling och kompetensförsörjning.",
    "highlights": "En gemensam ansökan till Vinnova beviljades. "
    "Fler studenter gjorde examensarbete i kommunen.",
    "challenges": "Det tar tid att hitta handledare på kommunens förvaltningar.",
    "next_year": "Gemensam utlysning av examensarbeten och en partnerskapsdag om Curiosum.",
}
