"""Documents as PDF (tagged PDF/UA, ``lib.pdf.Document``) or Word (python-docx), drawn by the same
layout code: a writer of either format has ``title``, ``marker``, ``heading``, ``paragraph``,
``table``, ``image``, ``page_break`` and ``bytes`` (governance agendas and minutes, follow-up reports).
What users typed is printed as plain text: never read as markup or as a template."""

import io
from collections.abc import Iterable, Sequence
from typing import Any

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from samverka.lib.pdf import Document
from samverka.lib.plaintext import plain
from samverka.lib.written import other_language

__all__ = ["FORMATS", "Document", "DocxWriter", "plain", "writer_for"]

FORMATS = ("pdf", "docx")

_WORD_LANGUAGE = {"sv": "sv-SE", "en": "en-GB"}
_TEXT_WIDTH_MM = 170


def _language(element: Any, code: str) -> None:
    """Set the language of a style's or run's text (``w:lang``)."""
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), code)
    element.get_or_add_rPr().append(lang)


def _word_field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (page number, number of pages) that Word fills in when it lays out the pages."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


class DocxWriter:
    """The parts of a document as a Word file (python-docx), A4 with the heading and page numbers."""

    def __init__(self, title: str, subtitle: str, language: str):
        self.doc = docx.Document()
        properties = self.doc.core_properties
        properties.title = plain(title)
        properties.author = "Samverka"
        properties.language = _WORD_LANGUAGE[language]
        normal = self.doc.styles["Normal"]
        normal.font.size = Pt(10.5)
        _language(normal.element, _WORD_LANGUAGE[language])
        self.language = language
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(20)
        section.top_margin, section.bottom_margin = Mm(18), Mm(18)
        header = section.header.paragraphs[0]
        header.add_run(plain(title)).bold = True
        if subtitle:
            section.header.add_paragraph(plain(subtitle))
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _word_field(footer, "PAGE")
        footer.add_run(" / ")
        _word_field(footer, "NUMPAGES")

    def title(self, text: str) -> None:
        """The kind of document, in Word's title style."""
        self.doc.add_paragraph(plain(text), style="Title")

    def marker(self, text: str) -> None:
        """A warning no reader can miss (a draft)."""
        run = self.doc.add_paragraph().add_run(plain(text))
        run.bold = True
        run.font.size = Pt(14)
        run.font.color.rgb = RGBColor(0xA0, 0, 0)

    def heading(self, text: str, level: int = 1) -> None:
        """A section (level 1) or an item (level 2), in Word's heading styles so its navigation works."""
        self._run(self.doc.add_heading("", level), text)

    def _run(self, paragraph: Paragraph, value: object) -> Run:
        """``value`` as a run of ``paragraph``, marked with its language where its words are in
        another language than the document's (Swedish minutes in the English version)."""
        text = plain(value)
        run = paragraph.add_run(text)
        if lang := other_language(text, self.language):
            _language(run._r, _WORD_LANGUAGE[lang])
        return run

    def paragraph(self, text: str, *, bold: bool = False) -> None:
        """Text as one run (line breaks kept); bold for a label over what follows."""
        self._run(self.doc.add_paragraph(), text).bold = bold

    def table(
        self,
        rows: Iterable[Sequence[object]],
        *,
        headings: Sequence[object] = (),
        widths: tuple[float, ...] | None = None,
        borders: bool = True,
    ) -> None:
        """Rows in columns of relative ``widths``; without borders for label–value pairs."""
        rows = list(rows)
        table = self.doc.add_table(rows=0, cols=len(headings or rows[0]))
        if borders:
            table.style = self.doc.styles["Table Grid"]
        if headings:
            row = table.add_row()
            row_properties = row._tr.get_or_add_trPr()
            repeat = OxmlElement("w:tblHeader")  # the headings repeat on every page the table runs over
            repeat.set(qn("w:val"), "true")
            row_properties.append(repeat)
            for cell, value in zip(row.cells, headings, strict=True):
                cell.paragraphs[0].add_run(plain(value)).bold = True
        for values in rows:
            for cell, value in zip(table.add_row().cells, values, strict=True):
                self._run(cell.paragraphs[0], value)
        if widths:
            table.autofit = False
            for column, width in zip(table.columns, widths, strict=True):
                for cell in column.cells:
                    cell.width = Mm(_TEXT_WIDTH_MM * width / sum(widths))
        self.doc.add_paragraph()  # Word joins two tables that touch

    def image(self, png: bytes, alt: str) -> None:
        """A picture (a chart) across the text width, with its text alternative (Word's alt text)."""
        shape = self.doc.add_picture(io.BytesIO(png), width=Mm(_TEXT_WIDTH_MM))
        shape._inline.docPr.set("descr", plain(alt))

    def page_break(self) -> None:
        """What follows begins a new page (after a cover)."""
        self.doc.add_page_break()  # type: ignore[no-untyped-call]  # python-docx has no types here

    def bytes(self) -> bytes:
        """The finished file."""
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def writer_for(fmt: str, title: str, subtitle: str, language: str) -> Document | DocxWriter:
    """The writer of the format: the layout code draws the same parts in either."""
    return Document(title, subtitle, language) if fmt == "pdf" else DocxWriter(title, subtitle, language)
