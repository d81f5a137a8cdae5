"""Sample expertise profiles and ideas for the demo of matchmaking, as data.

NOT from the seed and not real people: everything here was written for the demo and for the
evaluation of the matching. The units are Umeå University's real faculties, departments and
centres, but the people in them, their e-mail addresses (example.se) and their profiles are
made up. The unit profiles are short sample texts, not the units' own descriptions.

``EVAL_IDEAS`` is the labelled evaluation set: ideas, needs and challenges worded the way a
partner's staff or the public would write them, each with the profiles a knowledgeable
coordinator would suggest first. The ideas deliberately use other inflected forms and compounds
than the profiles' keywords ("återvinning av batterier" against "batteriåtervinning"), so that
stemming and compound splitting matter, but they always share stems or compound parts with the
profiles they expect.
"""

# (name, kind, parent's name or None). Kinds as in directory.models.UnitKind.
DEMO_UNITS = [
    ("Humanistiska fakulteten", "faculty", None),
    ("Medicinska fakulteten", "faculty", None),
    ("Samhällsvetenskapliga fakulteten", "faculty", None),
    ("Teknisk-naturvetenskapliga fakulteten", "faculty", None),
    ("Institutionen för idé- och samhällsstudier", "department", "Humanistiska fakulteten"),
    ("Institutionen för språkstudier", "department", "Humanistiska fakulteten"),
    ("Institutionen för folkhälsa och klinisk medicin", "department", "Medicinska fakulteten"),
    ("Institutionen för omvårdnad", "department", "Medicinska fakulteten"),
    ("Handelshögskolan vid Umeå universitet", "department", "Samhällsvetenskapliga fakulteten"),
    ("Institutionen för geografi", "department", "Samhällsvetenskapliga fakulteten"),
    ("Institutionen för informatik", "department", "Samhällsvetenskapliga fakulteten"),
    ("Institutionen för kostvetenskap", "department", "Samhällsvetenskapliga fakulteten"),
    ("Institutionen för socialt arbete", "department", "Samhällsvetenskapliga fakulteten"),
    ("Pedagogiska institutionen", "department", "Samhällsvetenskapliga fakulteten"),
    ("Arkitekthögskolan", "department", "Teknisk-naturvetenskapliga fakulteten"),
    ("Institutionen för datavetenskap", "department", "Teknisk-naturvetenskapliga fakulteten"),
    (
        "Institutionen för ekologi, miljö och geovetenskap",
        "department",
        "Teknisk-naturvetenskapliga fakulteten",
    ),
    ("Institutionen för kemi", "department", "Teknisk-naturvetenskapliga fakulteten"),
    (
        "Institutionen för matematik och matematisk statistik",
        "department",
        "Teknisk-naturvetenskapliga fakulteten",
    ),
    (
        "Institutionen för naturvetenskapernas och matematikens didaktik",
        "department",
        "Teknisk-naturvetenskapliga fakulteten",
    ),
    (
        "Institutionen för tillämpad fysik och elektronik",
        "department",
        "Teknisk-naturvetenskapliga fakulteten",
    ),
    # University-wide centres, under no faculty.
    ("TAIGA – Centre for Transdisciplinary AI", "centre", None),
    ("Várdduo – Centrum för samisk forskning", "centre", None),
]

# Short names for the units used below, to keep the profiles readable.
_CS = "Institutionen för datavetenskap"
_INFORMATICS = "Institutionen för informatik"
_NURSING = "Institutionen för omvårdnad"
_PUBLIC_HEALTH = "Institutionen för folkhälsa och klinisk medicin"
_EDUCATION = "Pedagogiska institutionen"
_SCIENCE_EDUCATION = "Institutionen för naturvetenskapernas och matematikens didaktik"
_BUSINESS = "Handelshögskolan vid Umeå universitet"
_CHEMISTRY = "Institutionen för kemi"
_PHYSICS_ELECTRONICS = "Institutionen för tillämpad fysik och elektronik"
_ARCHITECTURE = "Arkitekthögskolan"
_GEOGRAPHY = "Institutionen för geografi"
_ECOLOGY = "Institutionen för ekologi, miljö och geovetenskap"
_HISTORY = "Institutionen för idé- och samhällsstudier"
_SOCIAL_WORK = "Institutionen för socialt arbete"
_LANGUAGES = "Institutionen för språkstudier"
_MATHEMATICS = "Institutionen för matematik och matematisk statistik"
_FOOD = "Institutionen för kostvetenskap"
_TAIGA = "TAIGA – Centre for Transdisciplinary AI"
_VARDDUO = "Várdduo – Centrum för samisk forskning"

DEMO_PROFILES = [
    # --- AI, machine learning, computer vision
    {
        "external_id": "umu-p-001",
        "kind": "person",
        "name": "Henrik Wallgren",
        "title": "Professor i datavetenskap",
        "unit": _CS,
        "email": "henrik.wallgren@example.se",
        "keywords": (
            "maskininlärning, artificiell intelligens, förklarbar AI, explainable AI, beslutsstöd, "
            "responsible AI"
        ),
        "description": (
            "Forskar om maskininlärning och om hur AI-system kan redovisa grunderna för sina förslag "
            "för dem som använder dem. Leder projekt om ansvarsfull AI och beslutsstöd tillsammans "
            "med offentliga verksamheter och industrin, och undervisar på civilingenjörsprogrammet."
        ),
        "languages": "svenska, engelska",
    },
    {
        "external_id": "umu-p-002",
        "kind": "person",
        "name": "Sofia Bergkvist",
        "title": "Universitetslektor i datavetenskap",
        "unit": _CS,
        "email": "sofia.bergkvist@example.se",
        "keywords": (
            "datorseende, computer vision, bildanalys, djupinlärning, industriell kvalitetskontroll, "
            "automated visual inspection, robotik"
        ),
        "description": (
            "Works on computer vision and deep learning for automatic inspection in manufacturing, "
            "such as finding surface defects in images from production lines. Supervises degree "
            "projects with industry and has collaborated with the cab plant in Umeå."
        ),
        "languages": "svenska, engelska",
    },
    {
        "external_id": "umu-p-003",
        "kind": "person",
        "name": "Elin Norrby",
        "title": "Biträdande universitetslektor i informatik",
        "unit": _INFORMATICS,
        "email": "elin.norrby@example.se",
        "keywords": (
            "AI i offentlig sektor, automatiserade beslut, algorithmic decision-making, "
            "digital förvaltning, e-government, AI governance"
        ),
        "description": (
            "Studerar hur kommuner och regioner inför AI och automatiserade beslut i handläggningen, "
            "och vad det betyder för rättssäkerhet och förtroende. Samarbetar med socialtjänst och "
            "förvaltningar i Västerbotten."
        ),
        "languages": "svenska, engelska",
    },
    # --- E-health and digital health
    {
        "external_id": "umu-p-004",
        "kind": "person",
        "name": "Karin Öberg",
        "title": "Professor i informatik",
        "unit": _INFORMATICS,
        "email": "karin.oberg@example.se",
        "keywords": (
            "e-hälsa, digital hälsa, vårdinformatik, patientportaler, användarcentrerad design, "
            "invånartjänster"
        ),
        "description": (
            "Forskar om hur digitala tjänster i vården utformas och används av patienter och "
            "vårdpersonal, bland annat journal via nätet och egenmonitorering. Leder följeforskning "
            "av regionens satsningar på e-hälsa."
        ),
        "languages": "svenska, engelska",
    },
    {
        "external_id": "umu-p-005",
        "kind": "person",
        "name": "Linnea Holmström",
        "title": "Universitetslektor i omvårdnad",
        "unit": _NURSING,
        "email": "linnea.holmstrom@example.se",
        "keywords": "distansvård, videomöten, glesbygdsvård, primärvård, telehealth, egenvård",
        "description": (
            "Forskar om hur distansvård och videomöten fungerar för patienter och sjuksköterskor i "
            "glesbygd, särskilt i Västerbottens inland. Samarbetar med hälsocentraler och "
            "kommunernas hemsjukvård."
        ),
        "languages": "svenska, engelska",
    },
    {
        "external_id": "umu-p-006",
        "kind": "person",
        "name": "Oskar Lundmark",
        "title": "Forskare",
        "unit": _PUBLIC_HEALTH,
        "email": "oskar.lundmark@example.se",
        "keywords": (
            "medicinsk bildanalys, AI-baserad diagnostik, kliniskt beslutsstöd, radiologi, "
            "deep learning, hälsodata"
        ),
        "description": (
            "Develops deep learning methods that support clinicians in reading medical images, for "
            "example in radiology and screening. Works with the region's health care on how AI tools "
            "can be validated and introduced safely."
        ),
        "languages": "engelska, svenska",
    },
    # --- Elderly care and nursing
    {
        "external_id": "umu-p-007",
        "kind": "person",
        "name": "Birgitta Sjölander",
        "title": "Professor i omvårdnad",
        "unit": _NURSING,
        "email": "birgitta.sjolander@example.se",
        "keywords": (
            "äldreomsorg, demensvård, hemsjukvård, vårdpersonal, palliativ vård, personcentrerad omsorg"
        ),
        "description": (
            "Forskar om vård och omsorg av äldre med demenssjukdom, både i särskilt boende och i "
            "ordinärt boende med hemsjukvård. Samarbetar med kommunerna om personcentrerat "
            "arbetssätt och kompetensutveckling för omsorgspersonal."
        ),
        "languages": "svenska, engelska",
    },
    {
        "external_id": "umu-p-008",
        "kind": "person",
        "name": "Emma Vikström",
        "title": "Universitetslektor i omvårdnad",
        "unit": _NURSING,
        "email": "emma.vikstrom@example.se",
        "keywords": (
            "välfärdsteknik, trygghetslarm, sensorteknik, kvarboende, ageing in place, digital tillsyn"
        ),
        "description": (
            "Studerar hur välfärdsteknik som digital tillsyn och trygghetslarm påverkar äldres "
            "vardag, integritet och självständighet. Utvärderar tillsammans med kommunernas "
            "omsorgsverksamheter införandet av ny teknik i hemmet."
        ),
        "languages": "svenska, engelska",
    },
    # --- Public health, working life and health
    {
        "external_id": "umu-p-009",
        "kind": "person",
        "name": "Per Nyberg",
        "title": "Professor i folkhälsovetenskap",
        "unit": _PUBLIC_HEALTH,
        "email": "per.nyberg@example.se",
        "keywords": (
            "folkhälsa, social epidemiologi, health inequalities, levnadsvanor, befolkningsstudier, "
            "hälsofrämjande arbete"
        ),
        "description": (
            "Studies how living conditions and lifestyle shape health inequalities in northern "
            "Sweden, using long-running population studies. Works with the region on public health "
            "reporting and the follow-up of health promotion."
        ),
        "languages": "svenska, engelska",
    },
    {
        "external_id": "umu-p-010",
        "kind": "person",
        "name": "Malin Forsgren",
        "title": "Universitetslektor i folkhälsovetenskap",
        "unit": _PUBLIC_HEALTH,
        "email": "malin.forsgren@example.se",
        "keywords": (
            "arbetsliv och hälsa, företagshälsovård, stress, occupational health, skiftarbete, friskfaktorer"
        ),
        "description": (
            "Forskar om hur organisation, ledning och skiftarbete påverkar anställdas hälsa i "
            "industrin och i välfärden. Samarbetar med företagshälsovården och arbetsgivare om "
            "friskfaktorer i arbetet."
        ),
        "languages": "svenska, engelska",
    },
    # --- Competence supply and lifelong learning
    {
        "external_id": "umu-p-011",
        "kind": "person",
        "name": "Gunilla Åkesson",
        "title": "Professor i pedagogik",
        "unit": _EDUCATION,
        "email": "gunilla.akesson@example.se",
        "keywords": (
            "livslångt lärande, vuxenutbildning, kompetensutveckling, yrkesutbildning, validering, "
            "lifelong learning"
        ),
        "description": (
            "Forskar om vuxnas lärande i arbetslivet och om hur kommunal vuxenutbildning och "
            "yrkeshögskola kan möta arbetsmarknadens behov. Samarbetar med kommuner och regionen om "
            "validering och omställning för anställda."
        ),
        "languages": "svenska, engelska",
    },
    {
        "external_id": "umu-p-012",
        "kind": "person",
        "name": "Fredrik Hedlund",
        "title": "Universitetslektor i företagsekonomi",
        "unit": _BUSINESS,
        "email": "fredrik.hedlund@example.se",
        "keywords": (
            "kompetensförsörjning, personalförsörjning, rekrytering, regional arbetsmarknad, "
            "employer branding, attraktiva arbetsgivare"
        ),
        "description": (
            "Forskar om hur offentliga arbetsgivare i glest befolkade regioner rekryterar och "
            "behåller medarbetare, bland annat inom vård och skola. Medverkar i regionens arbete "
            "med strategisk kompetensförsörjning."
        ),
        "languages": "svenska, engelska",
    },
    # --- Mathematics and science education, teacher education
    {
        "external_id": "umu-p-013",
        "kind": "person",
        "name": "Ida Marklund",
        "title": "Universitetslektor i matematikdidaktik",
        "unit": _SCIENCE_EDUCATION,
        "email": "ida.marklund@example.se",
        "keywords": (
            "matematikdidaktik, problemlösning, mathematics education, grundskolan, "
            "lärarfortbildning, matematikundervisning"
        ),
        "description": (
            "Forskar om problemlösning och resonemang i matematikundervisningen på låg- och "
            "mellanstadiet. Leder kompetensutvecklingsprojekt för lärare tillsammans med "
            "kommunernas skolförvaltningar."
        ),
        "languages": "svenska, engelska",
    },
    {
        "external_id": "umu-p-014",
        "kind": "person",
        "name": "Anders Westerlund",
        "title": "Professor i naturvetenskapernas didaktik",
        "unit": _SCIENCE_EDUCATION,
        "email": "anders.westerlund@example.se",
        "keywords": (
            "science education, naturvetenskaplig undervisning, teknikdidaktik, programmering i "
            "skolan, STEM, elevers intresse"
        ),
        "description": (
            "Researches science and technology teaching in compulsory school, including how "
            "programming is taught and how pupils' interest in science develops. Leads a regional "
            "network for science teaching with schools and the Curiosum science centre."
        ),
        "languages": "svenska, engelska",
    },
    {
        "external_id": "umu-p-015",
        "kind": "person",
        "name": "Camilla Renström",
        "title": "Universitetslektor i pedagogik",
        "unit": _EDUCATION,
        "email": "camilla.renstrom@example.se",
        "keywords": (
            "lärarutbildning, verksamhetsförlagd utbildning, skolutveckling, läraryrket, "
            "professional development, rektorers ledarskap"
        ),
        "description": (
            "Forskar om hur lärare utvecklas i yrket och om hur skolhuvudmän kan bygga långsiktig "
            "skolutveckling tillsammans med forskare. Samordnar partnerskolor för "
            "lärarutbildningens verksamhetsförlagda delar i regionen."
        ),
        "languages": "svenska, engelska",
    },
    # --- Batteries, energy and electrification
    {
        "external_id": "umu-p-016",
        "kind": "person",
        "name": "Erik Tjärnberg",
        "title": "Professor i kemi",
        "unit": _CHEMISTRY,
        "email": "erik.tjarnberg@example.se",
        "keywords": (
            "batteriåtervinning, battery recycling, litiumjonbatterier, batterimaterial, "
            "elektrokemi, energy storage"
        ),
        "description": (
            "Leads research on materials for lithium-ion batteries and on recovering lithium, nickel "
            "and cobalt from spent cells. Works with the battery industry in Skellefteå on "
            "recycling processes and on training engineers."
        ),
        "languages": "svenska, engelska",
    },
    {
        "external_id": "umu-p-017",
        "kind": "person",
        "name": "Sara Lidén",
        "title": "Forskare i kemi",
        "unit": _CHEMISTRY,
        "email": "sara.liden@example.se",
        "keywords": (
            "metallåtervinning, hydrometallurgi, cirkulär ekonomi, kritiska råmaterial, gruvavfall, "
            "urban mining"
        ),
        "description": (
            "Utvecklar hydrometallurgiska processer för att utvinna metaller ur gruvavfall, "
            "elektronikskrot och kasserade battericeller. Arbetar med cirkulär ekonomi tillsammans "
            "med gruv- och batteriindustrin i Skelleftefältet."
        ),
        "languages": "svenska, engelska, finska",
    },
    {
        "external_id": "umu-p-018",
        "kind": "person",
        "name": "Magnus Edlund",
        "title": "Universitetslektor i energiteknik",
        "unit": _PHYSICS_ELECTRONICS,
        "email": "magnus.edlund@example.se",
        "keywords": (
            "energisystem, elektrifiering, energilagring, smarta elnät, solenergi, efterfrågeflexibilitet"
        ),
        "description": (
            "Forskar om hur lokala energisystem med solkraft, batterilager och elbilsladdning kan "
            "styras för att minska belastningen på elnätet. Samarbetar med energibolag och "
            "fastighetsägare i Skellefteå och Umeå."
        ),
        "languages": "svenska, engelska",
    },
    {
        "external_id": "umu-p-019",
        "kind": "person",
        "name": "Viktor Granlund",
        "title": "Doktorand i energiteknik",
        "unit": _PHYSICS_ELECTRONICS,
        "email": "viktor.granlund@example.se",
        "keywords": (
            "laddinfrastruktur, elbilsladdning, elektrifierade transporter, tunga fordon, "
            "charging infrastructure, elnätsplanering"
        ),
        "description": (
            "PhD student studying how the charging of electric cars and heavy trucks affects local "
            "power grids, and how charging infrastructure can be planned in housing areas and "
            "depots. Collaborates with Volvo Trucks and the municipal energy company in Skellefteå."
        ),
        "languages": "engelska, svenska",
    },
    # --- Urban development, planning, architecture, mobility
    {
        "external_id": "umu-p-020",
        "kind": "person",
        "name": "Helena Björklund",
        "title": "Professor i arkitektur",
        "unit": _ARCHITECTURE,
        "email": "helena.bjorklund@example.se",
        "keywords": (
            "stadsplanering, hållbar stadsutveckling, urban design, offentliga rum, "
            "medborgardialog, förtätning"
        ),
        "description": (
            "Forskar om hur städer i norr kan förtätas och planeras för ett varmare och blötare "
            "klimat, med plats för dagvatten och grönska. Leder arkitektstudenternas projektkurser "
            "i samarbete med kommunernas planeringsavdelningar."
        ),
        "languages": "svenska, engelska",
    },
    {
        "external_id": "umu-p-021",
        "kind": "person",
        "name": "Mattias Nordlander",
        "title": "Universitetslektor i kulturgeografi",
        "unit": _GEOGRAPHY,
        "email": "mattias.nordlander@example.se",
        "keywords": (
            "regional utveckling, landsbygdsutveckling, befolkningsförändring, samhällsplanering, "
            "glesbygd, flyttmönster"
        ),
        "description": (
            "Forskar om flyttningar, service och demografisk utveckling på landsbygden och i mindre "
            "orter i Norrland. Samarbetar med Region Västerbotten och kommunerna om "
            "planeringsunderlag och regionala analyser."
        ),
        "languages": "svenska, engelska",
    },
    {
        "external_id": "umu-p-022",
        "kind": "person",
        "name": "Lisa Engström",
        "title": "Forskare i kulturgeografi",
        "unit": _GEOGRAPHY,
        "email": "lisa.engstrom@example.se",
        "keywords": "mobilitet, cykling, transportplanering, tillgänglighet, GIS, active travel",
        "description": (
            "Studies everyday mobility, walking and cycling, and how access to services differs "
            "between urban and rural areas, using GIS and travel surveys. Works with Umeå "
            "Municipality on the planning of cycle routes."
        ),
        "languages": "engelska, svenska, tyska",
    },
    {
        "external_id": "umu-p-023",
        "kind": "person",
        "name": "Tobias Rydberg",
        "title": "Universitetslektor i arkitektur",
        "unit": _ARCHITECTURE,
        "email": "tobias.rydberg@example.se",
        "keywords": (
            "träbyggande, trähus, cirkulärt byggande, klimatneutrala byggnader, timber architecture, återbruk"
        ),
        "description": (
            "Forskar och undervisar om arkitektur i trä och om hur byggnader kan utformas för "
            "återbruk och låg klimatpåverkan. Har samarbetat med Skellefteå kommun kring "
            "trähusbyggande i stadskärnan."
        ),
        "languages": "svenska, engelska",
    },
    # --- Water, environment, climate, forest, bioeconomy
    {
        "external_id": "umu-p-024",
        "kind": "person",
        "name": "Ulrika Hägglund",
        "title": "Professor i ekologi",
        "unit": _ECOLOGY,
        "email": "ulrika.hagglund@example.se",
        "keywords": (
            "limnologi, vattenkvalitet, brunifiering, sjöar och vattendrag, freshwater ecology, "
            "miljöövervakning"
        ),
        "description": (
            "Forskar om hur klimat och markanvändning påverkar sjöar och vattendrag i norra Sverige, "
            "bland annat brunifiering till följd av ökande halter av löst organiskt kol. Samarbetar "
            "med kommuner och länsstyrelsen om övervakning av ytvatten."
        ),
        "languages": "svenska, engelska",
    },
    {
        "external_id": "umu-p-025",
        "kind": "person",
        "name": "Niklas Burman",
        "title": "Universitetslektor i miljökemi",
        "unit": _CHEMISTRY,
        "email": "niklas.burman@example.se",
        "keywords": "dricksvatten, vattenrening, water treatment, miljögifter, PFAS, humusämnen",
        "description": (
            "Forskar om rening av dricksvatten och om hur humusämnen och miljögifter som PFAS "
            "påverkar reningsprocessen. Samarbetar med de kommunala vattenverken i Umeå och "
            "Skellefteå."
        ),
        "languages": "svenska, engelska",
    },
    {
        "external_id": "umu-p-026",
        "kind": "person",
        "name": "Therese Lindahl",
        "title": "Forskare i naturgeografi",
        "unit": _ECOLOGY,
        "email": "therese.lindahl@example.se",
        "keywords": (
            "klimatanpassning, översvämningsrisk, extremväder, klimatförändringar, hydrologi, riskbedömning"
        ),
        "description": (
            "Forskar om hur kraftig nederbörd och snösmältning påverkar flödena i norrländska älvar "
            "och vad det innebär för bebyggelsen. Stöttar kommuner med kartläggning av risker i "
            "klimatanpassningsarbetet."
        ),
        "languages": "svenska, engelska",
    },
    {
        "external_id": "umu-p-027",
        "kind": "person",
        "name": "Daniel Ekman",
        "title": "Forskare i skogsekologi",
        "unit": _ECOLOGY,
        "email": "daniel.ekman@example.se",
        "keywords": (
            "skogsbruk, skogsekologi, boreal forest, biologisk mångfald, kolinlagring, forest bioeconomy"
        ),
        "description": (
            "Studies how forestry affects biodiversity and carbon storage in the boreal forest, and "
            "how forest management can balance timber production with other values. Works with "
            "forest owners and the bioeconomy cluster in Örnsköldsvik."
        ),
        "languages": "svenska, engelska",
    },
    {
        "external_id": "umu-p-028",
        "kind": "person",
        "name": "Åsa Grönlund",
        "title": "Universitetslektor i teknisk kemi",
        "unit": _CHEMISTRY,
        "email": "asa.gronlund@example.se",
        "keywords": (
            "bioraffinaderi, biomassa, lignocellulosa, skogsråvara, biobaserade material, grön kemi"
        ),
        "description": (
            "Utvecklar processer som omvandlar lignocellulosa till kemikalier, bränslen och "
            "biobaserade material. Samarbetar med bioraffinaderiet i Örnsköldsvik och med "
            "processindustrin i regionen."
        ),
        "languages": "svenska, engelska",
    },
    # --- Tourism and cultural heritage
    {
        "external_id": "umu-p-029",
        "kind": "person",
        "name": "Kristina Lövgren",
        "title": "Universitetslektor i turismvetenskap",
        "unit": _GEOGRAPHY,
        "email": "kristina.lovgren@example.se",
        "keywords": (
            "turismvetenskap, besöksnäring, naturturism, turistdestinationer, destinationsutveckling, "
            "friluftsliv, tourism studies"
        ),
        "description": (
            "Forskar om hur små orter i Norrlands inland kan utveckla hållbar turism året runt och "
            "vad turismen betyder för lokalsamhället. Samarbetar med kommuner och företag i "
            "besöksnäringen."
        ),
        "languages": "svenska, engelska, norska",
    },
    {
        "external_id": "umu-p-030",
        "kind": "person",
        "name": "Olof Hedman",
        "title": "Forskare i arkeologi",
        "unit": _HISTORY,
        "email": "olof.hedman@example.se",
        "keywords": "kulturarv, industrihistoria, industriminnen, arkeologi, museer, cultural heritage",
        "description": (
            "Forskar om industrins och gruvbrytningens kulturarv i Västerbotten och om hur "
            "lämningarna kan bevaras och användas i besöksverksamhet. Samarbetar med museer och "
            "hembygdsföreningar."
        ),
        "languages": "svenska, engelska",
    },
    # --- Social work, integration, Sami languages
    {
        "external_id": "umu-p-031",
        "kind": "person",
        "name": "Marie Sundqvist",
        "title": "Professor i socialt arbete",
        "unit": _SOCIAL_WORK,
        "email": "marie.sundqvist@example.se",
        "keywords": "integration, nyanlända, migration, etablering, refugee reception, civilsamhälle",
        "description": (
            "Researches refugee reception and integration in small municipalities, with a focus on "
            "how newly arrived families settle and find work. Collaborates with municipalities and "
            "civil society organisations in Västerbotten."
        ),
        "languages": "svenska, engelska, spanska",
    },
    {
        "external_id": "umu-p-032",
        "kind": "person",
        "name": "Ellen Stenlund",
        "title": "Universitetslektor i samiska",
        "unit": _LANGUAGES,
        "email": "ellen.stenlund@example.se",
        "keywords": (
            "samiska, sydsamiska, språkrevitalisering, language revitalisation, minoritetsspråk, "
            "modersmålsundervisning"
        ),
        "description": (
            "Forskar om revitalisering av sydsamiska och umesamiska och om hur samiska kan "
            "undervisas i förskola och skola. Utbildar lärare i samiska och samarbetar med "
            "Sametinget och de samiska förvaltningskommunerna."
        ),
        "languages": "svenska, sydsamiska, engelska",
    },
    # --- Business: logistics, entrepreneurship, leadership
    {
        "external_id": "umu-p-033",
        "kind": "person",
        "name": "Patrik Lindgren",
        "title": "Universitetslektor i företagsekonomi",
        "unit": _BUSINESS,
        "email": "patrik.lindgren@example.se",
        "keywords": (
            "logistik, supply chain management, försörjningskedjor, inköp, offentlig upphandling, transport"
        ),
        "description": (
            "Researches logistics and purchasing in the public sector, for example how "
            "municipalities organise the distribution of food and goods and their public "
            "procurement. Works with companies in the region on more resilient supply chains."
        ),
        "languages": "engelska, svenska",
    },
    {
        "external_id": "umu-p-034",
        "kind": "person",
        "name": "Hanna Wiklund",
        "title": "Professor i företagsekonomi",
        "unit": _BUSINESS,
        "email": "hanna.wiklund@example.se",
        "keywords": (
            "entreprenörskap, innovation, småföretag, startups, regionala innovationssystem, "
            "företagsutveckling"
        ),
        "description": (
            "Forskar om hur nya och små företag växer i regioner utanför storstäderna och vilken "
            "roll universitet och kommuner spelar i innovationssystemen. Leder kurser i "
            "entreprenörskap och samarbetar med inkubatorer i Umeå och Skellefteå."
        ),
        "languages": "svenska, engelska",
    },
    {
        "external_id": "umu-p-035",
        "kind": "person",
        "name": "Mikael Ståhlberg",
        "title": "Universitetslektor i företagsekonomi",
        "unit": _BUSINESS,
        "email": "mikael.stahlberg@example.se",
        "keywords": (
            "hållbart ledarskap, chefskap, organisationsförändring, arbetsmiljö, "
            "leadership development, industriell organisation"
        ),
        "description": (
            "Forskar om chefers arbetsvillkor och om hur chefer på olika nivåer driver förändring i "
            "industri och offentlig sektor. Har ett långvarigt samarbete med Volvo Lastvagnar i "
            "Umeå om ledarutveckling."
        ),
        "languages": "svenska, engelska",
    },
    # --- Statistics and data analysis, food and nutrition
    {
        "external_id": "umu-p-036",
        "kind": "person",
        "name": "Jenny Almqvist",
        "title": "Professor i matematisk statistik",
        "unit": _MATHEMATICS,
        "email": "jenny.almqvist@example.se",
        "keywords": (
            "statistik, befolkningsprognoser, tidsserieanalys, forecasting, data analysis, "
            "statistisk modellering"
        ),
        "description": (
            "Develops statistical methods for forecasting and time series, with applications in "
            "demography, energy and health data. Helps municipalities and the region to build and "
            "evaluate population projections."
        ),
        "languages": "svenska, engelska",
    },
    {
        "external_id": "umu-p-037",
        "kind": "person",
        "name": "Rebecka Holm",
        "title": "Universitetslektor i kostvetenskap",
        "unit": _FOOD,
        "email": "rebecka.holm@example.se",
        "keywords": (
            "skolmåltider, school meals, matsvinn, food waste, måltidskvalitet, nutrition, barns matvanor"
        ),
        "description": (
            "Researches meals in schools and elderly care: what children and older people eat, how "
            "meals are planned and how food waste can be reduced. Works with municipal meal services "
            "on menus and staff training."
        ),
        "languages": "svenska, engelska",
    },
    # --- Units
    {
        "external_id": "umu-u-001",
        "kind": "unit",
        "name": _CS,
        "title": "",
        "unit": _CS,
        "email": "datavetenskap@example.se",
        "keywords": (
            "datavetenskap, computing science, artificiell intelligens, maskininlärning, "
            "image analysis, robotik, programvaruteknik"
        ),
        "description": (
            "Institutionen forskar och undervisar inom bland annat AI, maskininlärning, bildanalys, "
            "robotik och distribuerade system. Samverkar med industri och offentlig sektor genom "
            "examensarbeten, uppdragsutbildning och gemensamma forskningsprojekt."
        ),
        "languages": "svenska, engelska",
    },
    {
        "external_id": "umu-u-002",
        "kind": "unit",
        "name": _TAIGA,
        "title": "",
        "unit": _TAIGA,
        "email": "taiga@example.se",
        "keywords": (
            "artificiell intelligens, AI och samhälle, trustworthy AI, tvärvetenskap, AI ethics, AI policy"
        ),
        "description": (
            "Umeå University's centre for transdisciplinary AI brings together researchers from all "
            "faculties who study AI and its consequences for society, law and public services. A "
            "natural first contact for partners who want to explore AI in their organisation."
        ),
        "languages": "engelska, svenska",
    },
    {
        "external_id": "umu-u-003",
        "kind": "unit",
        "name": _ARCHITECTURE,
        "title": "",
        "unit": _ARCHITECTURE,
        "email": "",
        "keywords": (
            "arkitektur, stadsbyggnad, hållbar stadsutveckling, landskapsarkitektur, träbyggande, "
            "architecture"
        ),
        "description": (
            "Arkitekthögskolan utbildar arkitekter och forskar om arkitektur, stadsbyggnad och "
            "landskap i ett nordligt klimat. Studenternas projektkurser görs ofta i samarbete med "
            "kommuner och fastighetsägare i regionen."
        ),
        "languages": "svenska, engelska",
    },
    {
        "external_id": "umu-u-004",
        "kind": "unit",
        "name": _NURSING,
        "title": "",
        "unit": _NURSING,
        "email": "omvardnad@example.se",
        "keywords": "omvårdnad, nursing, äldreomsorg, distansvård, sjuksköterskeutbildning, vårdvetenskap",
        "description": (
            "Institutionen utbildar sjuksköterskor och specialistsjuksköterskor och forskar om bland "
            "annat äldres vård och omsorg, distansvård och palliativ vård. Samverkar nära med "
            "regionen och länets kommuner."
        ),
        "languages": "svenska, engelska",
    },
    {
        "external_id": "umu-u-005",
        "kind": "unit",
        "name": _FOOD,
        "title": "",
        "unit": _FOOD,
        "email": "",
        "keywords": (
            "kostvetenskap, food and meal science, måltidskunskap, nutrition, kostekonomi, hållbar mat"
        ),
        "description": (
            "Institutionen utbildar kostekonomer, dietister och lärare i hem- och konsumentkunskap "
            "och forskar om mat, måltider och hälsa. Samverkar med kommunernas måltidsverksamheter "
            "och med livsmedelsföretag."
        ),
        "languages": "svenska, engelska",
    },
    {
        "external_id": "umu-u-006",
        "kind": "unit",
        "name": _BUSINESS,
        "title": "",
        "unit": _BUSINESS,
        "email": "handelshogskolan@example.se",
        "keywords": (
            "företagsekonomi, nationalekonomi, statistik, entreprenörskap, ledarskap, logistik, "
            "business administration"
        ),
        "description": (
            "Umeå School of Business, Economics and Statistics educates economists and researches "
            "management, leadership, entrepreneurship, logistics and regional economics. Partners "
            "meet the school through degree projects, executive education and joint research."
        ),
        "languages": "engelska, svenska",
    },
    {
        "external_id": "umu-u-007",
        "kind": "unit",
        "name": _VARDDUO,
        "title": "",
        "unit": _VARDDUO,
        "email": "vardduo@example.se",
        "keywords": (
            "samisk forskning, Sami research, urfolksforskning, indigenous studies, samiska språk, renskötsel"
        ),
        "description": (
            "Várdduo gathers Umeå University's research on Sami society, languages and culture and "
            "works with Sami organisations and schools. A natural first contact for questions on "
            "Sami education, language and research."
        ),
        "languages": "engelska, svenska, nordsamiska",
    },
    {
        "external_id": "umu-u-008",
        "kind": "unit",
        "name": _ECOLOGY,
        "title": "",
        "unit": _ECOLOGY,
        "email": "",
        "keywords": (
            "ekologi, miljövetenskap, geovetenskap, limnologi, klimatförändringar, miljöövervakning, "
            "vattenvård, ecology"
        ),
        "description": (
            "Institutionen forskar och undervisar om ekosystem på land och i vatten, om klimat och "
            "om geovetenskap, med särskild inriktning på nordliga och arktiska miljöer. Samverkar "
            "med kommuner, länsstyrelser och myndigheter om miljöövervakning och vattenvård."
        ),
        "languages": "svenska, engelska",
    },
]

# The labelled evaluation set. "expected": the profiles a knowledgeable coordinator would
# suggest first, best first.
EVAL_IDEAS = [
    {
        "title": "Återvinning av batterier i Skellefteå",
        "description": (
            "När batterifabriken växer vill kommunen veta hur batterier från elbilar och industrin "
            "kan återvinnas när de är förbrukade, och vilka metaller som kan användas igen. Vi söker "
            "forskare som kan hjälpa oss förstå vad det betyder för miljöarbetet och för ett mer "
            "cirkulärt näringsliv."
        ),
        "partnership": "skelleftea-kommun",
        "expected": ["umu-p-016", "umu-p-017"],
    },
    {
        "title": "Trygghet för äldre personer i hemtjänsten",
        "description": (
            "Vi vill pröva sensorer och digitala larm så att äldre personer med hemtjänst kan bo "
            "kvar hemma längre och känna sig trygga. Vem på universitetet forskar om teknik i "
            "omsorgen om de äldre?"
        ),
        "partnership": "region-vasterbotten",
        "expected": ["umu-p-008", "umu-p-007", "umu-u-004"],
    },
    {
        "title": "Brunt vatten i sjöarna",
        "description": (
            "Flera av sjöarna i kommunen har fått allt brunare vatten de senaste åren. Vi undrar vad "
            "det beror på, hur det påverkar fisken och dricksvattnet, och hur vi borde följa "
            "vattnets kvalitet framöver."
        ),
        "partnership": "umea-kommun",
        "expected": ["umu-p-024", "umu-p-025", "umu-u-008"],
    },
    {
        "title": "Skyfall och översvämningar i centrala Skellefteå",
        "description": (
            "Kraftigare regn och högre flöden i älven gör att staden måste anpassas till ett "
            "förändrat klimat. Vi söker forskare som kan bedöma riskerna och ge råd om hur nya "
            "bostadsområden bör planeras."
        ),
        "partnership": "skelleftea-kommun",
        "expected": ["umu-p-026", "umu-p-020"],
    },
    {
        "title": "Personal till vården i inlandet",
        "description": (
            "Hur kan vi säkra tillgången på personal i vård och omsorg när många går i pension? Vi "
            "vill utveckla kompetensen hos redan anställda genom vidareutbildning och locka nya "
            "medarbetare till regionens mindre orter."
        ),
        "partnership": "region-vasterbotten",
        "expected": ["umu-p-012", "umu-p-011"],
    },
    {
        "title": "Stöd till lärare i matematik",
        "description": (
            "Många elever i årskurs 4–6 tappar intresset för matte, och våra lärare efterfrågar "
            "fortbildning i hur man undervisar med problemlösande uppgifter. Finns det forskare som "
            "vill samarbeta med våra skolor?"
        ),
        "partnership": "umea-kommun",
        "expected": ["umu-p-013", "umu-p-015"],
    },
    {
        "title": "AI support for case handling in social services",
        "description": (
            "We want to explore whether artificial intelligence could help the municipality's social "
            "services sort incoming applications and suggest decisions. The decisions must be "
            "possible to explain and to appeal, so we need researchers who know both the technology "
            "and public administration."
        ),
        "partnership": "skelleftea-kommun",
        "expected": ["umu-p-003", "umu-p-001", "umu-u-002"],
    },
    {
        "title": "Camera-based inspection of painted cab surfaces",
        "description": (
            "Our paint shop wants to detect defects on painted cab surfaces automatically with "
            "cameras instead of manual visual checks. We are looking for people who can help us "
            "analyse the images and train models that recognise different kinds of defects."
        ),
        "partnership": "volvo-lastvagnar",
        "expected": ["umu-p-002", "umu-u-001"],
    },
    {
        "title": "Vård på distans för invånare i inlandet",
        "description": (
            "Invånarna i inlandskommunerna har långt till närmaste hälsocentral. Regionen vill "
            "utveckla digitala besök och mätningar som patienterna gör själva hemma, och behöver "
            "forskare som kan utvärdera hur patienter och personal upplever det."
        ),
        "partnership": "region-vasterbotten",
        "expected": ["umu-p-005", "umu-p-004", "umu-u-004"],
    },
    {
        "title": "Nya produkter av sågspån och bark",
        "description": (
            "Industrin i Örnsköldsvik vill ta vara på sågspån, bark och andra restprodukter från "
            "skogsindustrin och göra något mer värdefullt av dem än att elda upp dem. Vilka forskare "
            "kan hjälpa till att förädla restråvaran till kemiska produkter eller nya material?"
        ),
        "partnership": "ornskoldsviks-kommun",
        "expected": ["umu-p-028"],
    },
    {
        "title": "Less waste in school dining rooms",
        "description": (
            "We want to reduce the amount of food thrown away in our school restaurants and get more "
            "pupils to eat their lunch. Are there researchers who study meals at school and children's "
            "food choices?"
        ),
        "partnership": "umea-kommun",
        "expected": ["umu-p-037", "umu-u-005"],
    },
    {
        "title": "Sami languages in our schools",
        "description": (
            "We want to offer more teaching in the Sami languages in the county's schools and need "
            "help to develop teaching materials and to train teachers. Who at the university works "
            "with revitalising Sami?"
        ),
        "partnership": "region-vasterbotten",
        "expected": ["umu-p-032", "umu-u-007"],
    },
    {
        "title": "Solel och laddning i bostadsområden",
        "description": (
            "Det kommunala bostadsbolaget vill lagra el från solceller på taken och styra "
            "förbrukningen smartare när allt fler boende laddar sina elbilar i garagen. Vi behöver "
            "kunskap om hur effekttopparna i det lokala nätet kan hållas nere."
        ),
        "partnership": "skelleftea-kommun",
        "expected": ["umu-p-018", "umu-p-019"],
    },
    {
        "title": "Supporting refugee families in a small town",
        "description": (
            "Our association helps families who have come to Sweden as refugees to settle in a small "
            "inland town. We would like to work with researchers on how the municipality and local "
            "associations can support them in finding jobs and learning Swedish."
        ),
        "partnership": None,
        "expected": ["umu-p-031"],
    },
    {
        "title": "Ledare och hälsa i produktionen",
        "description": (
            "Vi vill stärka våra arbetsledare i produktionen så att de kan leda förändringsarbete "
            "utan att medarbetarnas hälsa blir lidande. Vem forskar om hållbara arbetsplatser och om "
            "ledare i industrin?"
        ),
        "partnership": "volvo-lastvagnar",
        "expected": ["umu-p-035", "umu-p-010"],
    },
    {
        "title": "Hur många barn behöver förskoleplats?",
        "description": (
            "Kommunen behöver bättre prognoser för hur befolkningen i olika stadsdelar och byar "
            "kommer att förändras de närmaste tio åren, till exempel hur många barn som behöver "
            "plats i förskolan. Vem kan hjälpa oss att ta fram och utvärdera sådana beräkningar?"
        ),
        "partnership": "umea-kommun",
        "expected": ["umu-p-036", "umu-p-021"],
    },
    {
        "title": "Gruvhistorien som besöksmål",
        "description": (
            "Vi vill göra de gamla gruvmiljöerna runt Skellefteå mer kända och locka fler turister "
            "och skolklasser. Vi söker forskare som kan hjälpa oss att berätta platsernas historia "
            "och utveckla besöken på ett sätt som bevarar miljöerna."
        ),
        "partnership": None,
        "expected": ["umu-p-030", "umu-p-029"],
    },
    # Needs as partners really write them (issue 24): generic words ("minska", "utveckla",
    # "kommun", "forskning"), the institution's own place names, words of another meaning in a
    # profile ("tunga lyft" against "tunga fordon"), English against Swedish keywords.
    {
        "title": "Minska matsvinnet i skolkök",
        "description": (
            "Vi behöver hjälp att minska matsvinnet i skolkök. Umeå kommun vill utveckla arbetet i "
            "våra skolor och söker forskning om vad som fungerar."
        ),
        "partnership": "umea-kommun",
        "expected": ["umu-p-037", "umu-u-005"],
    },
    {
        "title": "Tunga lyft i hemtjänsten",
        "description": (
            "Personalen i hemtjänsten gör tunga lyft varje dag och många blir sjukskrivna. Hur kan vi "
            "minska belastningen och förbättra arbetsmiljön för vårdpersonalen i Umeå?"
        ),
        "partnership": "umea-kommun",
        "expected": ["umu-p-010", "umu-p-007"],
    },
    {
        "title": "Forest residues as new materials",
        "description": (
            "A company near Örnsköldsvik wants to turn forest residues into new bio-based materials "
            "and green chemicals. Who at the university works on this?"
        ),
        "partnership": "ornskoldsviks-kommun",
        "expected": ["umu-p-028", "umu-p-027"],
    },
    {
        "title": "Exjobb om att cykla till jobbet",
        "description": (
            "Vi vill ha exjobb om hur fler kan cykla till jobbet i Skellefteå även på vintern, och "
            "vad kommunen kan göra för att utveckla cykelvägarna."
        ),
        "partnership": "skelleftea-kommun",
        "expected": ["umu-p-022"],
    },
    {
        "title": "Nyanlända på arbetsmarknaden",
        "description": (
            "Regionen vill utveckla hur nyanlända kommer in på arbetsmarknaden i Västerbotten och "
            "vill ha hjälp av forskning om etablering och rekrytering."
        ),
        "partnership": "region-vasterbotten",
        "expected": ["umu-p-031", "umu-p-012"],
    },
    {
        "title": "Brown drinking water after heavy rain",
        "description": (
            "After heavy rain the drinking water in our lakes turns brown. The municipality needs "
            "research on water treatment and on why the water is getting browner."
        ),
        "partnership": "umea-kommun",
        "expected": ["umu-p-025", "umu-p-024"],
    },
]
