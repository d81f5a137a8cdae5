"""Accessible PDF documents: HTML drawn by WeasyPrint as tagged PDF/UA-1, hyphenated in its language.

A document is built part by part (``title``, ``heading``, ``paragraph``, ``table``, ...), rendered
through one template (``core/pdf_document.html``: what users typed is escaped, so any value prints
as typed, ``plain``) and laid out by WeasyPrint. The result carries a structure tree (headings,
paragraphs, tables with header cells, figures with their text alternative) in reading order, the
document's language and title, and Swedish or English hyphenation (Pyphen), so narrow table
columns break words at syllables with a hyphen. Nothing is fetched: the only resources are
``data:`` images.
"""

import base64
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.template.loader import render_to_string
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from samverka.lib.plaintext import plain
from samverka.lib.written import other_language

PDF_VARIANT = "pdf/ua-1"
# Web and e-mail addresses: broken where they must be, but never with a hyphen, which would make
# them another address.
ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[^\s@<>()]+@[^\s@<>()]+\.\w+")


def _text(value: object, language: str) -> SafeString:
    """A value as it prints (``plain``), escaped, with its addresses kept from hyphenation, and in a
    ``<span lang>`` when its words are in another language than the document's (so it is
    hyphenated by its own language's rules)."""
    text, pieces, last = plain(value), [], 0
    for match in ADDRESS.finditer(text):
        pieces += [
            escape(text[last : match.start()]),
            format_html('<span class="address">{}</span>', match[0]),
        ]
        last = match.end()
    pieces.append(escape(text[last:]))
    html = "".join(pieces)
    if lang := other_language(text, language):
        html = f'<span lang="{lang}">{html}</span>'  # lang is "sv" or "en", from settings.LANGUAGES
    return mark_safe(html)  # noqa: S308 - every piece is escaped above


class Document:
    """An A4 document with its title (and subtitle) at the top of every page and page numbers below."""

    def __init__(self, title: str, subtitle: str = "", language: str = "sv"):
        self.doc_title, self.subtitle, self.language = plain(title), plain(subtitle), language
        self.parts: list[dict[str, Any]] = []

    def _add(self, kind: str, **values: Any) -> None:
        self.parts.append({"kind": kind, **values})

    def title(self, text: str) -> None:
        """The kind of document, largest on the first page."""
        self._add("title", text=_text(text, self.language))

    def marker(self, text: str) -> None:
        """A warning no reader can miss (a draft)."""
        self._add("marker", text=_text(text, self.language))

    def heading(self, text: str, level: int = 1) -> None:
        """A section (level 1) or an item (level 2), one level below the title (the one h1);
        never the last line of a page."""
        self._add("heading", text=_text(text, self.language), level=min(level + 1, 6))

    def paragraph(self, text: str, *, bold: bool = False) -> None:
        """Text that wraps and keeps its line breaks; bold for a label kept with what follows."""
        self._add("paragraph", text=_text(text, self.language), bold=bold)

    def table(
        self,
        rows: Iterable[Sequence[object]],
        *,
        headings: Sequence[object] = (),
        widths: Sequence[float] | None = None,
        borders: bool = True,
    ) -> None:
        """Rows in columns of relative ``widths``; the headings repeat on every page the table runs over.

        Without headings, the first cell of each row heads its row (label–value pairs).
        """
        total = sum(widths) if widths else 0
        self._add(
            "table",
            rows=[[_text(value, self.language) for value in row] for row in rows],
            headings=[_text(value, self.language) for value in headings],
            widths=[f"{100 * width / total:.2f}%" for width in widths] if widths else [],
            borders=borders,
        )

    def image(self, png: bytes, alt: str) -> None:
        """A picture (a chart) across the text width, with its text alternative."""
        source = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
        self._add("image", src=source, alt=plain(alt))

    def page_break(self) -> None:
        """What follows begins a new page (after a cover)."""
        self._add("page_break")

    def html(self) -> str:
        """The document as the HTML that is laid out (shown by tests and useful when styling)."""
        return render_to_string(
            "core/pdf_document.html",
            {
                "title": self.doc_title,
                "subtitle": self.subtitle,
                "language": self.language,
                "parts": self.parts,
            },
        )

    def bytes(self) -> bytes:
        """The finished file."""
        from weasyprint import HTML  # noqa: PLC0415 - slow import: 0.6 s and Pango, only to make a PDF
        from weasyprint.urls import URLFetcher  # noqa: PLC0415 - slow import: as above

        data_only = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)  # never the network or disk
        made: bytes = HTML(string=self.html(), url_fetcher=data_only).write_pdf(pdf_variant=PDF_VARIANT)
        return made
