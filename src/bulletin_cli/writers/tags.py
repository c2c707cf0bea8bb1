"""The tagged PDF's two halves, which must agree (ISO 32000-1 §14.7-14.8): the marked-content
operators around what each page draws, and the structure tree that points at them.

The PDF writer asks `Tagger` for the operator that opens each sequence as it draws (an MCID per
page, in drawing order, owned by the item's element from layout/roles.py; or an artifact), then,
once every page is drawn, for the tree as reportlab PDF objects: each element a dictionary with
its kids in reading order, the ParentTree mapping each page's MCIDs and each link annotation back
to their elements. Only PDF objects here; the operators are plain text for the page stream."""
from __future__ import annotations

from reportlab.pdfbase import pdfdoc

from ..layout.roles import ARTIFACT, Elem

ARTIFACT_OPEN = "/Artifact BMC"
CLOSE = "EMC"


def _text(s: str) -> str:
    """A PDF text string for a content stream's property list: UTF-16BE with its BOM, in hex."""
    return "<" + ("\ufeff" + s).encode("utf-16-be").hex().upper() + ">"


class Tagger:
    """MCIDs and link keys of one PDF as it is drawn, and its structure tree once it is."""

    def __init__(self, root: Elem, pages: int):
        self.root = root
        self.page_owners: list[list[Elem]] = []  # by page: the element that owns MCID i
        self.owners: list[Elem] = []  # the page being drawn
        self.content: dict[int, list[tuple[int, int]]] = {}  # id(elem) -> (page, MCID)...
        self.links: list[tuple[str, Elem, int]] = []  # (annotation name, Link element, page)
        self.first_link_key = pages  # ParentTree keys: 0..pages-1 the pages, then each link

    def open(self, elem: Elem | None) -> str:
        """The operator that opens a marked-content sequence for `elem` on the current page."""
        if elem is None or elem is ARTIFACT:
            return ARTIFACT_OPEN
        mcid = len(self.owners)
        self.owners.append(elem)
        self.content.setdefault(id(elem), []).append((len(self.page_owners), mcid))
        actual = f" /ActualText {_text(elem.actual)}" if elem.actual else ""
        return f"/{elem.kind} <</MCID {mcid}{actual}>> BDC"

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

    def write(self, d: pdfdoc.PDFDocument, pages: list, annotation_ref) -> pdfdoc.PDFObjectReference:
        """The structure tree as objects of reportlab's document `d`; `pages`: its page objects,
        `annotation_ref(name)`: a reference to an annotation. Returns the StructTreeRoot."""
        page_refs = [pdfdoc.PDFObjectReference(p.__InternalName__) for p in pages]
        tree = pdfdoc.PDFDictionary({"Type": pdfdoc.PDFName("StructTreeRoot")})
        tree_ref = d.Reference(tree)
        dicts: dict[int, pdfdoc.PDFDictionary] = {}
        refs: dict[int, pdfdoc.PDFObjectReference] = {}
        order = list(self._walk(self.root))
        for e in order:
            dicts[id(e)] = pdfdoc.PDFDictionary({"Type": pdfdoc.PDFName("StructElem"),
                                                 "S": pdfdoc.PDFName(e.kind)})
            refs[id(e)] = d.Reference(dicts[id(e)])
        obj_refs: dict[int, list] = {}
        for name, elem, page in self.links:
            obj_refs.setdefault(id(elem), []).append(pdfdoc.PDFDictionary({
                "Type": pdfdoc.PDFName("OBJR"), "Obj": annotation_ref(name), "Pg": page_refs[page]}))
        for e in order:
            self._fill(dicts[id(e)], e, tree_ref if e.parent is None else refs[id(e.parent)], refs,
                       page_refs, obj_refs.get(id(e), []))
        nums: list = []
        for k, owners in enumerate(self.page_owners):
            nums += [k, pdfdoc.PDFArray([refs[id(e)] for e in owners])]
        for j, (_name, elem, _page) in enumerate(self.links):
            nums += [self.first_link_key + j, refs[id(elem)]]
        tree.dict.update({"K": refs[id(self.root)],
                          "ParentTree": pdfdoc.PDFDictionary({"Nums": pdfdoc.PDFArray(nums)}),
                          "ParentTreeNextKey": self.first_link_key + len(self.links)})
        return tree_ref

    def _walk(self, e: Elem):
        """The elements with something drawn in them (an element whose rows were never drawn
        has nothing to point at), parents before their kids."""
        drawn = [k for k in e.kids if self._drawn(k)]
        yield e
        for k in drawn:
            yield from self._walk(k)

    def _drawn(self, e: Elem) -> bool:
        return id(e) in self.content or any(self._drawn(k) for k in e.kids)

    def _fill(self, out: pdfdoc.PDFDictionary, e: Elem, parent, refs: dict, page_refs: list,
              objects: list) -> None:
        """An element's dictionary: its parent, its content (MCIDs, on its first page; marked
        content references elsewhere), then its kids, then the annotations it owns."""
        out.dict["P"] = parent
        content = self.content.get(id(e), [])
        kids: list = []
        if content:
            first = content[0][0]
            out.dict["Pg"] = page_refs[first]
            kids += [mcid if page == first else pdfdoc.PDFDictionary({
                "Type": pdfdoc.PDFName("MCR"), "Pg": page_refs[page], "MCID": mcid})
                for page, mcid in content]
        kids += [refs[id(k)] for k in e.kids if id(k) in refs]
        kids += objects
        if kids:
            out.dict["K"] = kids[0] if len(kids) == 1 else pdfdoc.PDFArray(kids)
        if e.alt:
            out.dict["Alt"] = pdfdoc.PDFString(e.alt)
        if e.actual and not content:
            out.dict["ActualText"] = pdfdoc.PDFString(e.actual)
        if e.scope:
            out.dict["A"] = pdfdoc.PDFDictionary({"O": pdfdoc.PDFName("Table"),
                                                  "Scope": pdfdoc.PDFName(e.scope)})


