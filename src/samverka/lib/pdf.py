"""Readable PDF documents with fpdf2, in a font that has every character of Swedish and more."""

from pathlib import Path

from fpdf import FPDF

# Debian's fonts-dejavu-core (installed by `make install`): Unicode, so any name prints.
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


class Document(FPDF):
    """An A4 document with a heading on every page and page numbers in the footer."""

    def __init__(self, title: str, subtitle: str = ""):
        super().__init__(format="A4")
        self.doc_title, self.subtitle = title, subtitle
        self.set_title(title)
        self.set_creator("Samverka")
        if (FONT_DIR / "DejaVuSans.ttf").exists():
            self.add_font("body", "", str(FONT_DIR / "DejaVuSans.ttf"))
            self.add_font("body", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
            self.unicode = True
        else:  # without the font, the PDF core font: Latin-1 only, other characters become "?"
            self.unicode = False
        self.family = "body" if self.unicode else "helvetica"
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(20, 18, 20)
        self.add_page()

    def text_of(self, value: object) -> str:
        text = "" if value is None else str(value)
        return text if self.unicode else text.encode("latin-1", "replace").decode("latin-1")

    def header(self) -> None:
        self.set_font(self.family, "B", 9)
        self.cell(0, 6, self.text_of(self.doc_title), new_x="LMARGIN", new_y="NEXT")
        if self.subtitle:
            self.set_font(self.family, "", 9)
            self.cell(0, 5, self.text_of(self.subtitle), new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(self.family, "", 8)
        self.cell(0, 6, f"{self.page_no()} / {{nb}}", align="C")

    def heading(self, text: str, level: int = 1) -> None:
        if self.will_page_break(25):  # a heading never ends a page without a line of what it heads
            self.add_page()
        self.ln(2)
        self.set_font(self.family, "B", 15 if level == 1 else 12)
        self.multi_cell(0, 8 if level == 1 else 7, self.text_of(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def paragraph(self, text: str, *, bold: bool = False) -> None:
        self.set_font(self.family, "B" if bold else "", 10)
        self.multi_cell(0, 5.5, self.text_of(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def data_table(
        self,
        rows: list[tuple[str, ...]],
        *,
        headings: tuple[str, ...] = (),
        col_widths: tuple[float, ...] | None = None,
        borders: bool = True,
    ) -> None:
        """Rows of plain text in columns that wrap long text; the headings repeat on a new page.

        Cell text is never read as markup, so what users typed prints as typed.
        """
        self.set_font(self.family, "", 9)
        with self.table(
            col_widths=col_widths,
            first_row_as_headings=bool(headings),
            borders_layout="SINGLE_TOP_LINE" if borders else "NONE",
            text_align="LEFT",
            v_align="TOP",
            line_height=5,
            padding=(1, 1.5),
            markdown=False,
        ) as table:
            for values in [headings, *rows] if headings else rows:
                row = table.row()
                for value in values:
                    row.cell(self.text_of(value))
        self.ln(2)

    def facts(self, rows: list[tuple[str, str]]) -> None:
        """Label–value pairs, one per line."""
        for label, value in rows:
            self.set_font(self.family, "B", 10)
            self.multi_cell(0, 5.5, self.text_of(label), new_x="LMARGIN", new_y="NEXT")
            self.set_font(self.family, "", 10)
            self.multi_cell(0, 5.5, self.text_of(value) or "–", new_x="LMARGIN", new_y="NEXT")
            self.ln(1)

    def bytes(self) -> bytes:
        return bytes(self.output())
