"""The PDF documents' layout (lib/pdf.py): words broken at their syllables with a hyphen in the
document's language, and nothing loaded from outside the document. Each kind of document is read
back as tagged PDF in its own app's tests (agenda, minutes, briefing, annual report, a person's data)."""

import pyphen
import pytest
from weasyprint.urls import FatalURLFetchingError

from samverka.lib.pdf import Document
from tests.pdf import HYPHEN, assert_accessible_pdf, pdf_pages, pdf_text

WORDS = {
    "sv": "lärosätet bedöms kompetensförsörjningen samverkansavtalet verksamhetsplanen",
    "en": "municipalities collaboration correction responsibilities",
}


def broken_words(text: str) -> list[tuple[str, list[int]]]:
    """Each word broken at line ends: the whole word, and where it was broken."""
    found = []
    for token in text.replace(HYPHEN + "\n", "|").split():
        if "|" in token:
            pieces = token.split("|")
            found.append(("".join(pieces), [sum(map(len, pieces[:n])) for n in range(1, len(pieces))]))
    return found


@pytest.mark.parametrize("language", ["sv", "en"])
def test_narrow_columns_break_words_at_their_syllables_with_a_hyphen(language):
    document = Document("Ordlista", "", language)
    document.title("Ordlista")
    document.table([(WORDS[language], "–")], headings=("Ord", "Not"), widths=(1, 7))
    data = document.bytes()
    text = pdf_pages(data)[0]
    breaks = broken_words(text)
    assert breaks, text  # a 20 mm column cannot hold these words unbroken
    syllables = pyphen.Pyphen(lang=language)
    for word, at in breaks:
        assert word in WORDS[language].split(), (word, text)  # the pieces make the word again
        assert set(at) <= set(syllables.positions(word)), (word, at)  # broken where the language allows
    assert WORDS[language] in " ".join(pdf_text(data).split())
    assert_accessible_pdf(data, language=language, title="Ordlista")


def test_addresses_wrap_inside_their_column_without_a_hyphen():
    address = "https://samverka.example-university.se/" + "a" * 120
    email = "anna.alund-ostergaard@kommun.example.se"
    document = Document("Adresser", "", "sv")
    document.title("Adresser")
    document.table([(address, "x"), (f"E-post {email}.", "y")], headings=("Adress", "Not"), widths=(1, 6))
    text = pdf_pages(document.bytes())[0]
    assert max(len(line) for line in text.splitlines()) < len(email)  # wrapped, not cut off or spilled
    assert address in text.replace("\n", "")  # a hyphen added would make it another address
    assert email in text.replace("\n", "")


def test_a_document_loads_nothing_from_outside_itself():
    document = Document("Bild", "", "sv")
    document.title("Bild")
    document.parts.append({"kind": "image", "src": "file:///etc/hostname", "alt": "värdnamnet"})
    with pytest.raises(FatalURLFetchingError, match="file:///etc/hostname"):
        document.bytes()
