"""PDF files read back as their readers get them: the text in reading order, and the structure tree
that a screen reader follows (what a PDF/UA checker reads first)."""

import io
import itertools
from dataclasses import dataclass, field

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

HYPHEN = "\u2010"  # what the layout puts where it breaks a word at the end of a line


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page, as extracted (hyphenated line ends as printed)."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def pdf_text(data: bytes) -> str:
    """The whole text, with words broken at line ends joined again."""
    return "\n".join(pdf_pages(data)).replace(HYPHEN + "\n", "")


@dataclass
class Element:
    """One element of the structure tree: its type (``H1``, ``P``, ``Table``, ``TH``, ``Figure``…)."""

    role: str
    alt: str | None = None
    attributes: dict = field(default_factory=dict)
    children: list["Element"] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def roles(self) -> list[str]:
        return [element.role for element in self.walk()]


def _element(node) -> Element | None:
    node = node.get_object()
    if not isinstance(node, DictionaryObject) or "/S" not in node:
        return None  # marked content or an object reference: the leaves
    attributes = node.get("/A")
    attributes = attributes.get_object() if attributes is not None else {}
    if isinstance(attributes, ArrayObject):
        attributes = {k: v for a in attributes for k, v in a.get_object().items()}
    element = Element(
        str(node["/S"])[1:],
        str(node["/Alt"]) if "/Alt" in node else None,
        {str(k): v for k, v in attributes.items()},
    )
    kids = node.get("/K")
    kids = kids.get_object() if kids is not None else []
    for kid in kids if isinstance(kids, ArrayObject) else [kids]:
        if hasattr(kid, "get_object") and (child := _element(kid)) is not None:
            element.children.append(child)
    return element


@dataclass
class TaggedPdf:
    """What the document's catalogue says of it, and its structure tree."""

    marked: bool
    language: str | None
    title: str | None
    shows_title: bool
    tree: Element | None
    pages: int


def tagged_pdf(data: bytes) -> TaggedPdf:
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"].get_object()
    mark_info = root.get("/MarkInfo", {})
    preferences = root.get("/ViewerPreferences", {})
    tree = None
    if "/StructTreeRoot" in root:
        tree = Element("StructTreeRoot")
        kids = root["/StructTreeRoot"].get_object().get("/K")
        kids = kids.get_object() if kids is not None else []
        for kid in kids if isinstance(kids, ArrayObject) else [kids]:
            if (child := _element(kid)) is not None:
                tree.children.append(child)
    return TaggedPdf(
        marked=bool(mark_info.get("/Marked")),
        language=str(root["/Lang"]) if "/Lang" in root else None,
        title=reader.metadata.title if reader.metadata else None,
        shows_title=bool(preferences.get("/DisplayDocTitle")),
        tree=tree,
        pages=len(reader.pages),
    )


def assert_accessible_pdf(data: bytes, *, language: str, title: str) -> TaggedPdf:
    """What PDF/UA asks first of a document, as far as its structure tree shows it: tagged, in its
    language, its title shown, headings that start at H1 and skip no level, tables whose data cells
    name their header cells, and pictures with a text alternative."""
    pdf = tagged_pdf(data)
    assert pdf.marked and pdf.tree is not None, "not a tagged PDF"
    assert (pdf.language, pdf.title, pdf.shows_title) == (language, title, True)
    assert [e.role for e in pdf.tree.children] == ["Document"]
    levels = [int(e.role[1]) for e in pdf.tree.walk() if e.role in {"H1", "H2", "H3", "H4", "H5", "H6"}]
    assert levels and levels[0] == 1, levels
    assert all(later <= earlier + 1 for earlier, later in itertools.pairwise(levels)), levels
    for table in (e for e in pdf.tree.walk() if e.role == "Table"):
        cells = [e for e in table.walk() if e.role in {"TH", "TD"}]
        assert any(cell.role == "TH" for cell in cells), "a table without header cells"
        assert all("/Headers" in cell.attributes for cell in cells if cell.role == "TD")
    assert all(e.alt for e in pdf.tree.walk() if e.role == "Figure"), "a picture without a text alternative"
    return pdf
