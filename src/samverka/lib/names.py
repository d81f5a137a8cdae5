"""A person's full name as a list writes it, split into first and last name.

Swedish names often have two given names and two surnames ("Anna Maria Lönn
Wahlqvist"), so neither "first word" nor "last word" is right. The split
takes, in this order:

1. "Efternamn, Förnamn": the comma decides.
2. The longest run of leading words that are common given names (each part
   of a hyphenated name, "Per-Olof", counts), leaving at least one word for
   the surname: "Anna Maria | Lönn Wahlqvist".
3. Otherwise the first word is the first name and the rest the surname
   ("Ingrid | von Essen"; particles belong to the surname).

The import's report shows every split it made, so a wrong one is seen and
corrected in the file (with separate first- and last-name columns).
"""

import re

# Given names common in Sweden (Statistics Sweden's most frequent first names of men and women,
# and the second names they are often paired with); a name outside the list is not refused,
# it only ends the run of given names.
GIVEN_NAMES = frozenset(
    """
    ada adam agnes albin alexander alexandra alfred alice alma amanda anders andreas ann anna
    anne anneli annika anton arne arvid astrid barbro benjamin bengt bertil birgitta bo bodil
    britt britta camilla carin carina carl caroline cecilia charlotta charlotte christer
    christian christina dan daniel david ebba edvard elin elisabet elisabeth ella ellen elsa emil
    emelie emma erik erika eva evelina fanny felicia filip fredrik frida gabriel gerd gunilla
    gunnar gustav gustaf göran hampus hanna hannes hans helen helena henrik hugo håkan ida inga
    inger ingrid isak jakob jan jenny jesper joakim johan johanna john jonas jonathan josefin
    josefine julia jörgen kajsa karin karl katarina kerstin kent kenneth kim klara kristian
    kristina kristoffer lars lena leo lina linda linnea linn lisa liv louise lovisa ludvig lukas
    magdalena magnus malin margareta maria marie marianne markus martin mathias mats mattias
    max mikael mia moa monica monika mona nils niklas nicklas nina olle olof oskar oscar ola
    patrik per peter petra pia rebecka robert roger rolf rune sara sebastian simon siv sofia
    sofie solveig stefan sten stina susanne sven svante sverker thomas tobias tomas torbjörn
    ulf ulla ulrika ulrik viktor viktoria vilhelm wilhelm william åsa åke örjan
    """.split()  # noqa: SIM905 - a word list reads best as words
)
PARTICLES = frozenset({"von", "af", "de", "van", "der", "la", "le", "di", "da"})


def _is_given(word: str) -> bool:
    parts = [part for part in re.split(r"[-‐]", word.casefold()) if part]
    return bool(parts) and all(part in GIVEN_NAMES for part in parts)


def split_full_name(full_name: str) -> tuple[str, str]:
    """(first name, last name) of ``full_name``; ("", name) for a single word."""
    text = " ".join(full_name.split())
    if "," in text:
        last, _comma, first = text.partition(",")
        return first.strip(), last.strip()
    words = text.split(" ")
    if len(words) < 2:
        return "", text
    given = 1
    while given < len(words) - 1 and _is_given(words[given]) and words[given].casefold() not in PARTICLES:
        given += 1
    if not _is_given(words[0]):
        given = 1
    return " ".join(words[:given]), " ".join(words[given:])
