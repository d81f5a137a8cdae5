"""The PDF documents' layout (lib/pdf.py): words broken at their syllables with a hyphen in the
document's language (a text in the other language by its own rules), and nothing loaded from
outside the document; a Word file marks a text in the other language. Each kind of document is read
back as tagged PDF in its own app's tests (agenda, minutes, briefing, annual report, a person's data)."""

import io

import docx
import pyphen
import pytest
from docx.oxml.ns import qn
from weasyprint.urls import FatalURLFetchingError

from samverka.lib.pdf import Document
from samverka.lib.writers import DocxWriter
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


def test_a_text_in_the_other_language_is_marked_in_word_and_hyphenated_by_its_own_rules_in_pdf():
    swedish = "Styrgruppen fastställer verksamhetsplanen för kompetensförsörjningen."
    document = Document("Minutes", "", "en")
    document.title("Minutes")
    document.paragraph(swedish)
    document.paragraph("The steering group met.")
    html = document.html()
    assert f'<p><span lang="sv">{swedish}</span></p>' in html
    assert "<p>The steering group met.</p>" in html
    word = DocxWriter("Minutes", "", "en")
    word.heading("§ 2 Verksamhetsplanen")
    word.paragraph(swedish)
    word.paragraph("The steering group met.")
    runs = [p.runs[0] for p in docx.Document(io.BytesIO(word.bytes())).paragraphs if p.runs]
    languages = {run.text: run._r.rPr.find(qn("w:lang")) for run in runs}
    assert languages[swedish].get(qn("w:val")) == "sv-SE"
    assert languages["§ 2 Verksamhetsplanen"].get(qn("w:val")) == "sv-SE"
    assert languages["The steering group met."] is None  # in the document's own language (its style's)
