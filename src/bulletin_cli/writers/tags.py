"""The tagged PDF's two halves, which must agree (ISO 32000-1 §14.7-14.8): the marked-content
operators around what each page draws, and the structure tree that points at them.

The PDF writer asks `Tagger` for the operator that opens each sequence as it draws (an MCID per
page, in drawing order, owned by the item's element from layout/roles.py; or an artifact), then,
once every page is drawn, for the tree: each element a dictionary with its kids in reading
order, the ParentTree mapping each page's MCIDs and each link annotation back to their elements.
The tree comes as plain values (dicts, lists, Name, Ref) the writer turns into reportlab's
objects; this module knows the PDF's structure, not reportlab."""
from __future__ import annotations

from dataclasses import dataclass

from ..layout.roles import ARTIFACT, Elem

ARTIFACT_OPEN = "/Artifact BMC"
CLOSE = "EMC"


class Name(str):
    """A PDF name (/S, /Type...) among the plain values of the tree."""


@dataclass(frozen=True)
class Ref:
    """A reference to an object of the PDF: ("elem", i), ("page", k), ("annot", name), ("tree", 0)."""

    kind: str
    key: object = 0


def _text(s: str) -> str:
    """A PDF text string for a content stream's property list: UTF-16BE with its BOM, in hex."""
    return "<" + ("\ufeff" + s).encode("utf-16-be").hex().upper() + ">"


class Tagger:
    """MCIDs and link keys of one PDF as it is drawn, and its structure tree once it is."""

    def __init__(self, root: Elem, pages: int):
        self.root = root
        self.page_owners: list[list[Elem]] = []  # by page: the element that owns MCID i
        self.owners: list[Elem] = []  # the page being drawn
        self.content: dict[int, list] = {}  # id(elem) -> its (page, MCID)s and inline kids, in order
        self.links: list[tuple[str, Elem, int]] = []  # (annotation name, Link element, page)
        self.first_link_key = pages  # ParentTree keys: 0..pages-1 the pages, then each link
        self.origin = 0.0  # where the page's own origin lies on the sheet drawn (crop marks)
        self.boxes: dict[int, list[float]] = {}  # id(Figure) -> its photo's box on the page

    def open(self, elem: Elem | None) -> str:
        """The operator that opens a marked-content sequence for `elem` on the current page."""
        if elem is None or elem is ARTIFACT:
            return ARTIFACT_OPEN
        mcid = len(self.owners)
        self.owners.append(elem)
        inline = elem.kind == "Span"  # its ActualText is in the tree (roles.Elem.actual)
        if inline and id(elem) not in self.content and elem.parent is not None:
            # an inline element reads where it is drawn among its parent's own content
            self.content.setdefault(id(elem.parent), []).append(elem)
        self.content.setdefault(id(elem), []).append((len(self.page_owners), mcid))
        actual = f" /ActualText {_text(elem.actual)}" if elem.actual and not inline else ""
        return f"/{elem.kind} <</MCID {mcid}{actual}>> BDC"

    def place(self, elem: Elem | None, x: float, y: float, width: float, height: float) -> None:
        """Where a photo lies (a Figure's BBox, which ISO 32000 asks of an illustration)."""
        if elem is not None:
            o = self.origin
            self.boxes[id(elem)] = [round(v, 2) for v in (x + o, y + o, x + o + width, y + o + height)]

    def link(self, name: str, elem: Elem | None) -> int | None:
        """The StructParent key of a link annotation named `name` on the current page."""
        if elem is None:
            return None
        self.links.append((name, elem, len(self.page_owners)))
        return self.first_link_key + len(self.links) - 1

    def end_page(self) -> int:
        """Close the current page's MCIDs; return the page's StructParents key."""
        self.page_owners.append(self.owners)
        self.owners = []
        return len(self.page_owners) - 1

    def objects(self) -> tuple[dict, list[dict]]:
        """The StructTreeRoot and the StructElems (Ref("elem", i) is the i-th) as plain values:
        dicts, lists, ints, str (text strings), Name and Ref, for the PDF writer to make objects of."""
        order = list(self._walk(self.root))
        index = {id(e): i for i, e in enumerate(order)}
        objr: dict[int, list] = {}
        for name, elem, page in self.links:
            objr.setdefault(id(elem), []).append({"Type": Name("OBJR"), "Obj": Ref("annot", name),
                                                  "Pg": Ref("page", page)})
        elems = [self._elem(e, Ref("tree") if e.parent is None else Ref("elem", index[id(e.parent)]),
                            index, objr.get(id(e), [])) for e in order]
        nums: list = []
        for k, owners in enumerate(self.page_owners):
            nums += [k, [Ref("elem", index[id(e)]) for e in owners]]
        for j, (_name, elem, _page) in enumerate(self.links):
            nums += [self.first_link_key + j, Ref("elem", index[id(elem)])]
        tree = {"Type": Name("StructTreeRoot"), "K": Ref("elem", 0), "ParentTree": {"Nums": nums},
                "ParentTreeNextKey": self.first_link_key + len(self.links)}
        return tree, elems

    def _walk(self, e: Elem):
        """The elements with something drawn in them (an element whose rows were never drawn
        has nothing to point at), parents before their kids."""
        drawn = [k for k in e.kids if self._drawn(k)]
        yield e
        for k in drawn:
            yield from self._walk(k)

    def _drawn(self, e: Elem) -> bool:
        return id(e) in self.content or any(self._drawn(k) for k in e.kids)

    def _elem(self, e: Elem, parent: Ref, index: dict[int, int], objects: list) -> dict:
        """An element's dictionary: its parent, its content (MCIDs, on its first page; marked
        content references elsewhere) with its inline kids among it, then its other kids, then
        the annotations it owns."""
        out: dict = {"Type": Name("StructElem"), "S": Name(e.kind), "P": parent}
        content = self.content.get(id(e), [])
        marks = [c for c in content if isinstance(c, tuple)]
        kids: list = []
        if marks:
            first = marks[0][0]
            out["Pg"] = Ref("page", first)
        for c in content:
            if isinstance(c, Elem):
                kids.append(Ref("elem", index[id(c)]))
            else:
                page, mcid = c
                kids.append(mcid if page == first else
                            {"Type": Name("MCR"), "Pg": Ref("page", page), "MCID": mcid})
        kids += [Ref("elem", index[id(k)]) for k in e.kids if id(k) in index and k not in content]
        kids += objects
        if kids:
            out["K"] = kids[0] if len(kids) == 1 else kids
        if e.alt:
            out["Alt"] = e.alt
        if e.lang:
            out["Lang"] = e.lang
        if e.actual and (not content or e.kind == "Span"):
            out["ActualText"] = e.actual
        if e.scope:
            out["A"] = {"O": Name("Table"), "Scope": Name(e.scope)}
        if e.rows > 1 or e.cols > 1:  # a merged cell (PDF 1.7 Table 347: RowSpan, ColSpan)
            out["A"] = {**out.get("A", {"O": Name("Table")}), "RowSpan": e.rows, "ColSpan": e.cols}
        if id(e) in self.boxes:
            out["A"] = {"O": Name("Layout"), "BBox": self.boxes[id(e)]}
        return out
