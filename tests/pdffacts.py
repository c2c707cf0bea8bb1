"""Facts read back from a built PDF: characters with positions, fonts and colours, grouped into
the lines a reader sees. Shared by the PDF tests and the typesetting counters."""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass

import pdfplumber

from bulletin_cli.layout.page import BLOCK_BOTTOM, BLOCK_TOP, BLOCK_W, CELL, LEFT
from bulletin_cli.text.linebreak import is_full_width

RIGHT = LEFT + BLOCK_W


def em_centre(role: str = "body") -> float:
    """The centre of a bundled face's em box above the baseline, in em (0.38 in all of them): a
    line on the grid has its baseline that far below the middle of its grid line, per pt of size."""
    from bulletin_cli.fonts.metrics import read_em_box
    from bulletin_cli.fonts.resolve import bundled

    ascent, descent = read_em_box(bundled(role).path)
    return (ascent - descent) / 2


@dataclass
class PLine:
    page: int  # 1-based
    y: float  # the baseline, in PDF coordinates (up)
    size: float
    chars: list[dict]

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)

    @property
    def x0(self) -> float:
        return self.chars[0]["x0"]

    @property
    def last_x0(self) -> float:
        return self.chars[-1]["x0"]


def read_lines(path) -> list[PLine]:
    """The PDF's text lines, top to bottom on each page. Reading a PDF with pdfplumber is most of
    the time of a typesetting test (a second a page, pdfminer being pure Python) and counters
    read one file in turn (count_defects, then count_word_breaks): the last two files read are
    kept, known by their identity on disk, so a file rewritten in place is read again."""
    st = os.stat(path)
    return list(_read_lines(os.path.realpath(path), st.st_ino, st.st_size, st.st_mtime_ns))


@functools.lru_cache(maxsize=2)
def _read_lines(path: str, *_identity) -> list[PLine]:
    out: list[PLine] = []
    with pdfplumber.open(path) as pdf:
        for pno, page in enumerate(pdf.pages, 1):
            rows: dict[tuple[float, float], list[dict]] = {}
            for ch in page.chars:
                if not ch["text"].strip():
                    continue
                # group by baseline: faces differ in descent, so their boxes' bottoms differ
                key = (round(ch["matrix"][5], 0), round(ch["size"], 1))
                rows.setdefault(key, []).append(ch)
            for (y, size), chars in sorted(rows.items(), key=lambda kv: (-kv[0][0], kv[0][1])):
                chars.sort(key=lambda c: c["x0"])
                out.append(PLine(pno, y, size, chars))
    return out


def body_lines(lines: list[PLine]) -> list[PLine]:
    """Lines of 16 pt body text inside the text block (not masthead, titles or page numbers)."""
    return [
        ln for ln in lines
        if abs(ln.size - 16) < 0.1 and BLOCK_BOTTOM - 1 < ln.y < BLOCK_TOP
        and all(abs(c["size"] - 16) < 0.1 for c in ln.chars)
    ]


def paragraph_final(lines: list[PLine], k: int) -> bool:
    """A body line ends its paragraph when the next body line starts indented (or none follows)."""
    if k + 1 >= len(lines):
        return True
    nxt = lines[k + 1]
    return nxt.x0 > LEFT + 1.5 * CELL


def ends_at_right_edge(ln: PLine, tol: float = 0.3) -> bool:
    """The ink of the line ends at the right edge of the text block: a full-width glyph's cell
    (or a half-width mark's half cell) ends there, or a narrow glyph's advance does."""
    c = ln.chars[-1]
    if is_full_width(c["text"]):  # a full-width glyph drawn on a grid cell
        return abs(RIGHT - c["x0"] - CELL) < tol or abs(RIGHT - c["x0"] - CELL / 2) < tol
    return abs(RIGHT - c["x1"]) < tol


@dataclass
class SNode:
    """A structure element read back: its type, the text of its own marked content (its
    ActualText where it has one), its /Lang, its kids in order."""

    kind: str
    text: str
    lang: str
    kids: list[SNode]

    def all(self, kind: str) -> list[SNode]:
        """Every element of this type in the subtree, in reading order."""
        here = [self] if self.kind == kind else []
        return here + [n for k in self.kids for n in k.all(kind)]

    def full_text(self) -> str:
        """Its own text, then its kids', in reading order (content comes before kids here)."""
        return self.text + "".join(k.full_text() for k in self.kids)


SHOW_TEXT = {"Tj", "TJ", "'", '"'}


def marked_content_faults(path) -> list[str]:
    """What breaks the rule that every text operator sits in marked content, page by page: text
    shown outside a sequence, sequences that cross a text object's end, open or unopened
    sequences, a first page that shows no text (nothing was checked)."""
    import pikepdf

    faults = []
    with pikepdf.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            depth, shown, at_bt = 0, 0, []
            for operands, op in pikepdf.parse_content_stream(page):
                op = str(op)
                if op in ("BDC", "BMC"):
                    depth += 1
                elif op == "EMC":
                    depth -= 1
                    if depth < 0:
                        faults.append(f"page {number}: EMC without a sequence to close")
                elif op == "BT":
                    at_bt.append(depth)
                elif op == "ET" and at_bt.pop() != depth:  # one opened in a text object closes in it
                    faults.append(f"page {number}: marked content crosses ET")
                elif op in SHOW_TEXT:
                    shown += 1
                    if depth <= 0:
                        faults.append(f"page {number}: {op} {operands} outside marked content")
            if depth:
                faults.append(f"page {number}: a sequence left open")
            if number == 1 and not shown:
                faults.append("page 1 shows no text")
    return faults


def marked_texts(path) -> dict[tuple[int, int], str]:
    """The characters each marked-content sequence holds: (page index, MCID) -> text."""
    texts: dict[tuple[int, int], str] = {}
    with pdfplumber.open(path) as pdf:
        for k, page in enumerate(pdf.pages):
            for ch in page.chars:
                if ch.get("mcid") is not None:
                    texts[(k, ch["mcid"])] = texts.get((k, ch["mcid"]), "") + ch["text"]
    return texts


def pdfinfo_struct(path) -> list[str]:
    """poppler's `pdfinfo -struct-text`, line by line, stripped (the test is skipped where
    poppler is not installed)."""
    import shutil
    import subprocess

    import pytest

    if not shutil.which("pdfinfo"):
        pytest.skip("poppler's pdfinfo is not installed")
    shown = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True)
    return [ln.strip() for ln in shown.stdout.splitlines()]


def pdfua_problems(path) -> tuple[list, list[str]]:
    """The pdfua checker's ERROR findings on a PDF and the ids of the rules it could not run
    (the test is skipped where the checker is not installed)."""
    import pytest

    pdfua = pytest.importorskip("pdfua")
    report = pdfua.validate(str(path))
    return ([f for f in report.findings if f.severity == pdfua.Severity.ERROR],
            [o.rule_id for o in report.skipped])


def struct_tree(path) -> SNode:
    """The PDF's structure tree from its Document element, each element with the characters
    its MCIDs mark (pdfplumber's mcid per character)."""
    import pikepdf

    texts = marked_texts(path)
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: k for k, page in enumerate(pdf.pages)}

        def node(e, page: int) -> SNode:
            kids = e.get("/K")
            kids = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
            page = pages[e.Pg.objgen] if "/Pg" in e else page
            own, elems = "", []
            for k in kids:
                if isinstance(k, int):
                    own += texts.get((page, k), "")
                elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR":
                    own += texts.get((pages[k.Pg.objgen], int(k.MCID)), "")
                elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/StructElem":
                    elems.append(node(k, page))
            return SNode(str(e.S)[1:], str(e.get("/ActualText", "")) or own, str(e.get("/Lang", "")), elems)

        return node(pdf.Root.StructTreeRoot.K, 0)


def empty_headings_mended(path, monkeypatch) -> list:
    """The pdfua checker's heading rule (UA-14-001: headings not empty) run on a PDF with its one
    bug mended: pdfua 0.1.3's as_integer raises on an array /K (a heading split across pages,
    or with a Span in it), so the checker skips the rule there (test_tagged_split_heading.py)."""
    import pytest

    pytest.importorskip("pdfua")
    from pdfua.document import PdfDocument
    from pdfua.rules import structure

    monkeypatch.setattr(structure, "as_integer", lambda v: int(v) if isinstance(v, int) else None)
    with PdfDocument.open(str(path)) as doc:
        return list(structure.EmptyHeadingRule().check(doc))
