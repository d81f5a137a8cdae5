"""A national partnership list of 76 rows and 22 universities, as offices keep it: invented but
realistic, with every awkward case (several partners in a cell separated by |, ; or a line
break; organisations recurring in later rows; English and Swedish type labels; since as a
year, a month or a day; full names with two given names or two surnames; several web pages).

    python -m tests.imports.partnership_list DIR   # writes DIR/partnerskap.csv (Windows-1252,
                                                   # semicolons) and DIR/partnerskap.xlsx

docs/onboarding.md measures a new institution's import of it.
"""

import csv
import sys
from pathlib import Path

import openpyxl

HEADERS = [
    "Lärosäte",
    "Partner",
    "Typ av partner",
    "Sedan",
    "Avtalet löper till",
    "Fokusområden",
    "Syfte",
    "Purpose (en)",
    "Kontaktperson",
    "Titel kontaktperson",
    "Källa",
]
UNIVERSITIES = [
    ("Umeå universitet", "umu.se"),
    ("Luleå tekniska universitet", "ltu.se"),
    ("Mittuniversitetet", "miun.se"),
    ("Högskolan Dalarna", "du.se"),
    ("Karlstads universitet", "kau.se"),
    ("Linnéuniversitetet", "lnu.se"),
    ("Linköpings universitet", "liu.se"),
    ("Lunds universitet", "lu.se"),
    ("Göteborgs universitet", "gu.se"),
    ("Chalmers tekniska högskola", "chalmers.se"),
    ("Högskolan i Gävle", "hig.se"),
    ("Mälardalens universitet", "mdu.se"),
    ("Örebro universitet", "oru.se"),
    ("Uppsala universitet", "uu.se"),
    ("Stockholms universitet", "su.se"),
    ("Kungliga Tekniska högskolan", "kth.se"),
    ("Södertörns högskola", "sh.se"),
    ("Högskolan i Skövde", "his.se"),
    ("Högskolan Väst", "hv.se"),
    ("Malmö universitet", "mau.se"),
    ("Blekinge tekniska högskola", "bth.se"),
    ("Högskolan Kristianstad", "hkr.se"),
]
# (partner cell, type cell): regions, municipalities, companies, agencies, non-profits, other HEIs
PARTNERS = [
    ("Region Västerbotten", "region"),
    ("Skellefteå kommun", "Kommun"),
    ("Region Norrbotten", "Region"),
    ("Region Kalmar län | Region Kronoberg", "region"),
    ("Umeå kommun", "municipality"),
    ("Region Jämtland Härjedalen", "county council"),
    ("Sundsvalls kommun; Östersunds kommun", "kommun"),
    ("Region Dalarna", "region"),
    ("Falu kommun", "kommun"),
    ("Region Värmland", "Region"),
    ("Karlstads kommun", "kommun"),
    ("Växjö kommun\nKalmar kommun", "municipality"),
    ("Region Östergötland", "region"),
    ("Saab AB", "company"),
    ("Region Skåne", "region"),
    ("IKEA of Sweden AB", "business"),
    ("Västra Götalandsregionen", "region"),
    ("Volvo Personvagnar AB", "företag"),
    ("Region Gävleborg", "region"),
    ("Sandvik AB", "company"),
    ("Region Västmanland | Region Sörmland", "region"),
    ("Region Örebro län", "region"),
    ("Region Uppsala", "region"),
    ("Stockholms stad", "kommun"),
    ("Trafikverket", "myndighet"),
    ("Huddinge kommun", "kommun"),
    ("Skövde kommun", "kommun"),
    ("Trollhättans stad", "municipality"),
    ("Malmö stad", "kommun"),
    ("Region Blekinge", "region"),
    ("Kristianstads kommun", "kommun"),
    ("Norrlandsfonden | Nordlig Energi AB", "non-profit | business"),
    ("RISE Research Institutes of Sweden", "research institute"),
    ("Sveriges lantbruksuniversitet", "other HEI"),
    ("Idéburen organisation Coompanion", "idéburen organisation"),
]
AREAS = [
    "Hälsa och välfärd",
    "Kompetensförsörjning/kompetensutveckling",
    "Innovation och företagande",
    "Hållbar samhällsutveckling",
    "Digitalisering",
    "Energiomställning",
    "Batterier och elektrifiering",
    "Livslångt lärande",
    "Besöksnäring",
    "Skog och bioekonomi",
]
PEOPLE = [
    ("Anna Maria Lönn Wahlqvist", "Samverkansstrateg"),
    ("Per-Olof Svensson", "Projektsamordnare"),
    ("Andersson, Lena", "Samverkansrådgivare"),
    ("Karl Johan Karlsson", "Strategisk rådgivare"),
    ("Ingrid von Essen", "Samverkanschef"),
    ("Eva Lind Bergström", "Verksamhetsutvecklare"),
    ("Mohammed Al-Sayed", "Innovationsrådgivare"),
    ("Sara Nilsson", ""),
]
SINCE = ["2015", "2019-01", "januari 2020", "2018-09-01", "2021", "2017-03", "2016", "since 2022"]
ENDS = ["2027", "2026-12-31", "", "2028-06", "2025", ""]
ROWS = 76


def rows() -> list[list[str]]:
    """The list's rows, the same every time: every university has some, Umeå universitet 15."""
    made = []
    for index in range(ROWS):
        university, domain = UNIVERSITIES[0] if index % 6 == 0 else UNIVERSITIES[index % len(UNIVERSITIES)]
        partner, kind = PARTNERS[index % len(PARTNERS)]
        areas = [AREAS[(index + step) % len(AREAS)] for step in range(1 + index % 3)]
        person, title = PEOPLE[index % len(PEOPLE)]
        first_partner = partner.replace(";", "|").replace("\n", "|").split("|")[0].strip()
        slug = first_partner.lower().replace(" ", "-").replace("ä", "a").replace("å", "a").replace("ö", "o")
        links = f"https://www.{domain}/samverkan/{slug}/"
        if index % 5 == 0:
            links += f" https://www.{domain}/en/collaboration/{slug}/"
        made.append(
            [
                university,
                partner,
                kind,
                SINCE[index % len(SINCE)],
                ENDS[index % len(ENDS)],
                (" | " if index % 2 else ";").join(areas),
                f"Att tillsammans med {first_partner} stärka {areas[0].lower()} i regionen.",
                f"To strengthen {areas[0].lower()} in the region with {first_partner}." if index % 3 else "",
                person,
                title,
                links,
            ]
        )
    return made


def write(directory: Path) -> tuple[Path, Path]:
    """The list as Swedish Excel saves CSV (Windows-1252, semicolons) and as .xlsx."""
    directory.mkdir(parents=True, exist_ok=True)
    csv_path, xlsx_path = directory / "partnerskap.csv", directory / "partnerskap.xlsx"
    with open(csv_path, "w", encoding="cp1252", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows([HEADERS, *rows()])
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in [HEADERS, *rows()]:
        sheet.append([int(cell) if cell.isdigit() else cell for cell in row])
    workbook.save(xlsx_path)
    return csv_path, xlsx_path


if __name__ == "__main__":
    for path in write(Path(sys.argv[1] if len(sys.argv) > 1 else ".")):
        print(path)
