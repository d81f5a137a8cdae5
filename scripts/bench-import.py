"""Write the import benchmark's files: `python scripts/bench-import.py DIR [ROWS]` (default 100 000 rows).

Writes DIR/organisations.csv (ROWS organisations with valid, distinct
organisation numbers, as Swedish Excel saves CSV: semicolons, Windows-1252)
and DIR/people.xlsx (ROWS people, each at one of those organisations, with
an e-mail address). Time the import with the commands in docs/data.md
("How fast"); the results are there.
"""

import csv
import sys
from pathlib import Path

import openpyxl
from stdnum.se import orgnr

TYPES = ("företag", "kommun", "region", "myndighet", "förening")
FIRST = ("Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Sara", "Anders", "Eva", "Per")
LAST = ("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson")


def org_numbers(count: int):
    """Distinct valid organisation numbers (Luhn), written as offices do: 559000-0005."""
    base = 559000000
    while count:
        digits = str(base)
        for check in range(10):
            if orgnr.is_valid(digits + str(check)):
                yield f"{digits[:6]}-{digits[6:]}{check}"
                count -= 1
                break
        base += 1


def main(directory: str, rows: int) -> None:
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    numbers = list(org_numbers(rows))
    with open(out / "organisations.csv", "w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["Namn", "Organisationsnummer", "Typ", "Webbplats"])
        for index, number in enumerate(numbers):
            name = f"Företag {index} i Västerbotten AB"
            writer.writerow([name, number, TYPES[index % 5], f"foretag{index}.se"])
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Kontakter")
    sheet.append(["Förnamn", "Efternamn", "E-post", "Telefon", "Organisation"])
    for index in range(rows):
        first, last = FIRST[index % 10], LAST[index % 8]
        sheet.append([first, f"{last} {index}", f"{first}.{last}{index}@example.se".lower(), "090-786 50 00",
                      numbers[index]])  # fmt: skip
    workbook.save(out / "people.xlsx")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 100_000)
