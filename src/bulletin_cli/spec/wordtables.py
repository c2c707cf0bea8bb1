"""Word tables (w:tbl) as model.Table: rows of cell texts on the table's grid, read with a cap on
their cells."""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lxml import etree

from ..i18n import N_, _
from ..model import Loc, Table
from .printed import join_lines
from .wordpackage import W
from .wordtext import Text, blocks_in, number, unwrapped

if TYPE_CHECKING:
    from .word import Reader

MAX_TABLE_CELLS = 10_000  # as a table written in the spec (reader.MAX_TABLE_CELLS)


class WordTable:
    """A Word table as rows of cell texts on its grid: a cell spanning columns (gridSpan) or
    rows (vMerge) prints its text in its first grid cell and leaves the others empty."""

    def __init__(self, reader: Reader):
        self.reader = reader
        self.cells = 0
        self.merged = False

    def read(self, tbl: etree._Element, loc: Loc) -> Table | None:
        rows: list[list[str]] = []
        for tr in self.rows(tbl):
            row = self.row(tr, rows[-1] if rows else [])
            if row is None:
                return None
            rows.append(row)
        width = max((len(r) for r in rows), default=0)
        rows = [r + [""] * (width - len(r)) for r in rows if any(r)]
        if not rows or not width:
            return None
        if self.merged:
            self.reader.note(_("a table's merged cells are printed as separate cells, the text in the first"))
        if tbl.find(f".//{W}tc//{W}tbl") is not None:
            self.reader.note(_("a table inside a table cell is printed as text, row by row"))
        return Table(rows, loc, None, True)

    @staticmethod
    def rows(tbl: etree._Element) -> Iterator[etree._Element]:
        yield from (el for el in unwrapped(tbl) if el.tag == W + "tr")

    def row(self, tr: etree._Element, above: list[str]) -> list[str] | None:
        props = tr.find(W + "trPr")
        before = number(None if props is None else props.find(W + "gridBefore"),
                        N_("a row's skipped columns"), 0)
        row = [""] * self.room(max(0, before))
        for tc in (el for el in unwrapped(tr) if el.tag == W + "tc"):
            props = tc.find(W + "tcPr")
            span = number(None if props is None else props.find(W + "gridSpan"),
                          N_("a cell's column span"), 1)
            merge = None if props is None else props.find(W + "vMerge")
            # a cell merged into the one above it: printed empty (Word shows the text above); in
            # the first row there is nothing above, and Word shows it as a cell of its own
            below = (merge is not None and merge.get(W + "val", "continue") == "continue"
                     and len(above) > len(row))
            text = "" if below else self.text(tc)
            self.merged = self.merged or below or span > 1
            row += [text] + [""] * (self.room(max(1, span)) - 1)
            if self.cells > MAX_TABLE_CELLS:
                self.reader.problem(_("a table with more than {n:,} cells").format(n=MAX_TABLE_CELLS),
                                    _("split it, or put it in the spec as a picture"))
                return None
        return row

    def room(self, n: int) -> int:
        """Count n more cells; the caller stops once they are more than allowed."""
        n = min(n, MAX_TABLE_CELLS + 1)  # a span of 50,000,000 is never spelled out
        self.cells += n
        return n

    def text(self, tc: etree._Element) -> str:
        """A cell's paragraphs joined (a table inside it: its cells, row by row)."""
        texts = []
        for block in blocks_in(tc):
            if block.tag == W + "p":
                text, _notes = Text(self.reader.styles).walk(block).result()
                self.reader.checked(text)
                texts.append(text)
            elif block.tag == W + "tbl":
                texts += [self.text(cell) for tr in self.rows(block) for cell in unwrapped(tr)
                          if cell.tag == W + "tc"]
        return join_lines(t for t in texts if t)


