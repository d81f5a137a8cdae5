"""Bilingual word lists the generator builds realistic records from.

Names of people, towns and counties come from Faker's Swedish and English
providers; the partnership domain's own words (subjects, themes, titles) are here.
"""

from faker.providers.address.sv_SE import Provider as SwedishAddresses
from faker.providers.person.en_GB import Provider as EnglishPeople
from faker.providers.person.sv_SE import Provider as SwedishPeople

SWEDISH_FIRST_NAMES = tuple(SwedishPeople.first_names_female) + tuple(SwedishPeople.first_names_male)
SWEDISH_LAST_NAMES = tuple(SwedishPeople.last_names)
ENGLISH_FIRST_NAMES = tuple(EnglishPeople.first_names_female) + tuple(EnglishPeople.first_names_male)
ENGLISH_LAST_NAMES = tuple(EnglishPeople.last_names)
TOWNS = tuple(SwedishAddresses.cities)


def _region(county: str) -> str:
    """ "Västerbottens län" → "Region Västerbotten"."""
    name = county.removesuffix(" län")
    if name.endswith("s") and not name.endswith("ss"):
        name = name[:-1]
    return f"Region {name}"


REGIONS = tuple(_region(county) for county in SwedishAddresses.states)

# (Swedish, English) pairs.
SUBJECTS = (
    ("datavetenskap", "computing science"),
    ("folkhälsa och klinisk medicin", "public health and clinical medicine"),
    ("tillämpad fysik och elektronik", "applied physics and electronics"),
    ("ekologi, miljö och geovetenskap", "ecology, environment and geoscience"),
    ("kemi", "chemistry"),
    ("psykologi", "psychology"),
    ("socialt arbete", "social work"),
    ("kultur- och medievetenskaper", "culture and media studies"),
    ("geografi", "geography"),
    ("nationalekonomi", "economics"),
    ("företagsekonomi", "business administration"),
    ("statistik", "statistics"),
    ("matematik och matematisk statistik", "mathematics and mathematical statistics"),
    ("omvårdnad", "nursing"),
    ("odontologi", "odontology"),
    ("pedagogik", "education"),
    ("språkstudier", "language studies"),
    ("juridik", "law"),
    ("arkitektur", "architecture"),
    ("design", "design"),
    ("idrottsmedicin", "sports medicine"),
    ("molekylärbiologi", "molecular biology"),
    ("skoglig resurshushållning", "forest resource management"),
    ("statsvetenskap", "political science"),
)

THEMES = (
    ("Hälsa och välfärd", "Health and welfare"),
    ("Hållbar samhällsutveckling", "Sustainable community development"),
    ("Digitalisering", "Digitalisation"),
    ("Kompetensförsörjning", "Competence supply"),
    ("Energi och klimat", "Energy and climate"),
    ("Life science", "Life science"),
    ("Skola och lärande", "School and learning"),
    ("Kultur och kreativa näringar", "Culture and creative industries"),
    ("Innovation och entreprenörskap", "Innovation and entrepreneurship"),
    ("Grön omställning", "Green transition"),
    ("Samhällsplanering", "Urban and regional planning"),
    ("Jämlik vård", "Equal care"),
    ("Fordon och transporter", "Vehicles and transport"),
    ("Batterier och elektrifiering", "Batteries and electrification"),
    ("Attraktiv arbetsgivare", "Attractive employer"),
)

TOPICS = (
    ("digital vård i glesbygd", "digital care in sparsely populated areas"),
    ("återvinning av batterimaterial", "recycling of battery materials"),
    ("vätgas i tunga transporter", "hydrogen in heavy transport"),
    ("psykisk hälsa hos unga", "mental health among young people"),
    ("AI-stöd i socialtjänsten", "AI support in social services"),
    ("cirkulära byggmaterial", "circular building materials"),
    ("klimatanpassning av kommuner", "climate adaptation of municipalities"),
    ("äldres självständighet i hemmet", "older people's independence at home"),
    ("kompetensförsörjning i industrin", "competence supply in industry"),
    ("hållbara livsmedelskedjor", "sustainable food chains"),
    ("medborgardialog", "citizen dialogue"),
    ("trafiksäkerhet", "road safety"),
    ("datadriven stadsplanering", "data-driven urban planning"),
    ("förebyggande tandvård", "preventive dental care"),
    ("flerspråkighet i förskolan", "multilingualism in preschool"),
    ("skogens kolbalans", "the carbon balance of forests"),
    ("elektrifierade arbetsmaskiner", "electrified work machines"),
    ("cybersäkerhet i offentlig sektor", "cyber security in the public sector"),
    ("besöksnäringens utveckling", "development of the visitor economy"),
    ("integration på arbetsmarknaden", "integration in the labour market"),
    ("prediktivt underhåll", "predictive maintenance"),
    ("ledarskap i vården", "leadership in health care"),
    ("hållbar gruvdrift", "sustainable mining"),
    ("rörelse och hälsa i skolan", "physical activity and health at school"),
    ("samhällsbyggnad i växande städer", "community building in growing towns"),
    ("dricksvattenkvalitet", "drinking-water quality"),
    ("kvalitet i äldreomsorgen", "quality in elderly care"),
    ("lärares arbetsmiljö", "teachers' working environment"),
    ("energieffektiva fastigheter", "energy-efficient buildings"),
    ("förarstöd i lastbilar", "driver assistance in trucks"),
    ("social hållbarhet i bostadsområden", "social sustainability in housing areas"),
    ("biobaserade material", "bio-based materials"),
    ("kulturarv och digitalisering", "cultural heritage and digitalisation"),
    ("akutsjukvårdens flöden", "patient flows in emergency care"),
    ("idrott för alla", "sport for everyone"),
    ("kompetensutveckling för lärare", "professional development for teachers"),
    ("smarta elnät", "smart grids"),
    ("produktionslogistik", "production logistics"),
    ("samverkan mellan vård och skola", "collaboration between care and school"),
    ("upphandling för innovation", "procurement for innovation"),
)

# Titles of people; (Swedish, English).
UNIVERSITY_TITLES = (
    ("Professor", "Professor"),
    ("Universitetslektor", "Senior lecturer"),
    ("Biträdande universitetslektor", "Assistant professor"),
    ("Forskare", "Researcher"),
    ("Doktorand", "PhD student"),
    ("Adjunkt", "Lecturer"),
    ("Forskningsingenjör", "Research engineer"),
    ("Prefekt", "Head of department"),
    ("Dekan", "Dean"),
    ("Samverkansrådgivare", "Collaboration adviser"),
)
PARTNER_TITLES = (
    ("Utvecklingsstrateg", "Development strategist"),
    ("Verksamhetschef", "Head of operations"),
    ("HR-chef", "Head of HR"),
    ("Teknikchef", "Chief technology officer"),
    ("Kommundirektör", "Municipal chief executive"),
    ("Regiondirektör", "Regional chief executive"),
    ("Projektledare", "Project manager"),
    ("Utredare", "Analyst"),
    ("Forsknings- och utvecklingschef", "Head of research and development"),
    ("Enhetschef", "Unit manager"),
)
COORDINATOR_TITLES = (("Projektsamordnare", "Project coordinator"), ("Samordnare", "Coordinator"))

COMPANY_WORDS = (
    "Norrlands",
    "Bygg",
    "Energi",
    "Teknik",
    "Data",
    "Skog",
    "Verkstad",
    "Konsult",
    "Gruv",
    "Fastighets",
    "Logistik",
    "Vård",
    "Livsmedels",
    "Miljö",
    "Kraft",
    "Fordon",
    "System",
    "Design",
)
COMPANY_FORMS = ("AB", "AB", "AB", "HB", "Group AB")
AGENCIES = (
    "Trafikverket",
    "Skatteverket",
    "Försäkringskassan",
    "Arbetsförmedlingen",
    "Naturvårdsverket",
    "Länsstyrelsen",
    "Polismyndigheten",
    "Skolverket",
)
NON_PROFITS = ("Idrottsförbund", "Folkbildningsförbund", "Hembygdsförening", "Stiftelse", "Kulturförening")

# Titles of activities per collaboration form: (Swedish prefix, English prefix).
ACTIVITY_TITLES = {
    "degree-project": ("Examensarbete", "Degree project"),
    "internship": ("Praktik", "Internship"),
    "joint-research-project": ("Forskningsprojekt", "Research project"),
    "joint-application": ("Ansökan", "Application"),
    "seminar": ("Seminarium", "Seminar"),
    "workshop": ("Workshop", "Workshop"),
    "guest-lecture": ("Gästföreläsning", "Guest lecture"),
    "adjunct-professor": ("Adjungerad professor", "Adjunct professor"),
    "industrial-phd": ("Industridoktorand", "Industrial PhD student"),
    "commissioned-education": ("Uppdragsutbildning", "Commissioned education"),
    "study-visit": ("Studiebesök", "Study visit"),
    "other": ("Samverkan", "Collaboration"),
}

# How common each collaboration form is, and how long one lasts (days, min–max).
ACTIVITY_MIX = {
    "degree-project": (24, (90, 180)),
    "internship": (14, (30, 120)),
    "guest-lecture": (14, (0, 0)),
    "seminar": (10, (0, 1)),
    "workshop": (9, (0, 2)),
    "study-visit": (6, (0, 0)),
    "joint-research-project": (6, (365, 1460)),
    "joint-application": (5, (30, 120)),
    "commissioned-education": (5, (60, 365)),
    "industrial-phd": (2, (1460, 1825)),
    "adjunct-professor": (1, (730, 1460)),
    "other": (4, (0, 90)),
}
