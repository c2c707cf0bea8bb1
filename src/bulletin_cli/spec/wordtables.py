"""Word tables (w:tbl) as model.Table: rows of cell texts on the table's grid, read with a cap on
their cells."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from lxml import etree

from ..i18n import N_, _
from ..model import Block, Loc, Paragraph, Table
from .printed import join_lines
from .wordpackage import W
from .wordtext import Text, blocks_in, number, on_off, unwrapped

if TYPE_CHECKING:
    from .word import Reader

# A caption Word's Insert Caption writes under a picture: never a table's, whatever its style.
FIGURE_LABEL = re.compile(r"(?:图|figure)\s*[0-9０-９一二三四五六七八九十]", re.I)
MAX_TABLE_CELLS = 10_000
# Rows a header cell merged down may bring into the header: a grouped header has two or three
# levels; a cell merged down a whole table is a column of the body, not a header.
MAX_HEADER_ROWS = 3  # as a table written in the spec (reader.MAX_TABLE_CELLS)


class GridCell(NamedTuple):
    """Where a cell of a Word row stands on the table's grid."""

    col: int  # its first grid column
    span: int  # the grid columns it covers (gridSpan)
    below: bool  # merged into the cell above it (vMerge continue): printed empty


class WordTable:
    """A Word table as rows of cell texts on its grid. Its header is the rows Word repeats atop
    each page (w:tblHeader, the leading rows that have it), else its first row; a header cell
    spanning columns (gridSpan) or rows (vMerge) spans them in print, a row a header cell is
    merged down into joining the header. Elsewhere a merged cell prints its text in its first
    grid cell and leaves the others empty (noted)."""

    def __init__(self, reader: Reader):
        self.reader = reader
        self.cells = 0

    def read(self, tbl: etree._Element, loc: Loc) -> Table | None:
        rows: list[list[str]] = []
        grids: list[list[GridCell]] = []
        marked: list[bool] = []
        for tr in self.rows(tbl):
            read = self.row(tr, rows[-1] if rows else [])
            if read is None:
                return None
            rows.append(read[0])
            grids.append(read[1])
            props = tr.find(W + "trPr")
            marked.append(bool(props is not None and on_off(props.find(W + "tblHeader"), N_("a header row"))))
        width = max((len(r) for r in rows), default=0)
        kept = [i for i, r in enumerate(rows) if any(r)]
        if not kept or not width:
            return None
        rows = [rows[i] + [""] * (width - len(rows[i])) for i in kept]
        grids = [grids[i] for i in kept]
        heads = next((k for k, i in enumerate(kept) if not marked[i]), len(kept)) or 1
        heads, spans = header_spans(grids, heads)
        if any(c.span > 1 or c.below for row in grids[heads:] for c in row):
            self.reader.note(_("a table's merged cells are printed as separate cells, the text in the first"))
        if tbl.find(f".//{W}tc//{W}tbl") is not None:
            self.reader.note(_("a table inside a table cell is printed as text, row by row"))
        return Table(rows, loc, None, heads, spans=spans)

    @staticmethod
    def rows(tbl: etree._Element) -> Iterator[etree._Element]:
        yield from (el for el in unwrapped(tbl) if el.tag == W + "tr")

    def row(self, tr: etree._Element, above: list[str]) -> tuple[list[str], list[GridCell]] | None:
        props = tr.find(W + "trPr")
        before = number(None if props is None else props.find(W + "gridBefore"),
                        N_("a row's skipped columns"), 0)
        row = [""] * self.room(max(0, before))
        grid = []
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
            grid.append(GridCell(len(row), max(1, span), below))
            row += [text] + [""] * (self.room(max(1, span)) - 1)
            if self.cells > MAX_TABLE_CELLS:
                self.reader.problem(_("a table with more than {n:,} cells").format(n=MAX_TABLE_CELLS),
                                    _("split it, or put it in the spec as a picture"))
                return None
        return row, grid

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




Spans = dict[tuple[int, int], tuple[int, int]]  # as model.Table.spans


def header_spans(grids: list[list[GridCell]], heads: int) -> tuple[int, Spans]:
    """The header's rows and its merged cells: (row, column) of a cell's first grid cell ->
    (rows, columns) it covers. A header cell merged down into the row below it brings that row
    into the header (地区 over both rows of a 「2025年 | 2026年」 header)."""
    spans: Spans = {}
    origin: dict[int, tuple[int, int]] = {}  # first grid column -> the cell above it that starts there
    r = 0
    while r < min(heads, len(grids)):
        here = {}
        for cell in grids[r]:
            top = origin.get(cell.col) if cell.below else None
            if top is not None and spans.get(top, (1, 1))[1] == cell.span:
                rows, cols = spans.get(top, (1, 1))
                spans[top] = (rows + 1, cols)
                here[cell.col] = top
            else:
                if cell.span > 1:
                    spans[(r, cell.col)] = (1, cell.span)
                here[cell.col] = (r, cell.col)
        r += 1
        origin = here
        pulled = r == heads and r < min(len(grids) - 1, MAX_HEADER_ROWS)
        if pulled and any(c.below and c.col in origin for c in grids[r]):
            heads += 1
    return heads, spans


def captioned(blocks: list[Block], captions: list[Paragraph]) -> list[Block]:
    """`blocks` with each paragraph of `captions` (Word's Caption style, 题注) right above a table
    without a caption, else right below one, moved into it as its caption, so it is printed once,
    over the table. Above comes first (表题在上): a caption between two tables is the second's."""
    styled = {id(p) for p in captions if not FIGURE_LABEL.match(p.text)}
    out = list(blocks)
    k = 0
    while k < len(out):
        if id(out[k]) in styled:
            near = [out[j] for j in (k + 1, k - 1) if 0 <= j < len(out)]
            table = next((t for t in near if isinstance(t, Table) and not t.caption), None)
            if table is not None:
                paragraph = out.pop(k)
                table.caption, table.caption_loc = paragraph.text, paragraph.loc
                continue
        k += 1
    return out
