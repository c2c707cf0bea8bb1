"""Tables across the text block in 4号, as an office sets them: the caption over the table (表题在上,
黑体, centred), one row of the page per table row (never split), the header rows in 黑体 centred
and repeated atop every page the table continues on, text cells left, the numbers of a column right-aligned on
their decimal points, a note line under it (注：…). Ruled as `style.tables` asks: a full grid,
or three lines (三线表: above the table, under its header, below it, on each page it spans)."""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError, Problem
from ..i18n import _
from ..model import NOTE_MARKS, Table
from ..text import linebreak
from .columns import CELL_PAD, Columns, columns, is_blank_mark, is_number, tail_width
from .figures import CAPTION_PITCH, FIGURE_GAP, caption_lines, caption_runs
from .page import (
    BLACK,
    BLOCK_H,
    BLOCK_W,
    KEEP,
    LEFT,
    MM,
    PITCH,
    RULE_THIN,
    SIZE_SMALL,
    Page,
    Row,
    Rule,
    VRule,
)
from .roles import ARTIFACT, Elem, foreign_owners, own, tag, tag_row
from .setter import Setter
from .tablespans import Spans, spans_of

TABLE_PITCH = 20.0
TABLE_PAD = 4.0  # above and below a table row's text
NOTE_GAP = 4.0  # between a table's last rule and its note
# A three-line table's top and bottom rules: 1.5 pt against the 0.7 pt rule under its header, as
# Word's 三线表 sets them (1½ and ¾ 磅), so the three read as two kinds.
OUTER_RULE = 0.5 * MM
# The share of a page a header may take and still be repeated atop each page: a taller one
# would leave the rows under it too little room on every page, so it is set once.
MAX_REPEATED = 1 / 3

# A cell's lines and how they stand: "left", "centre", or "number" (on its decimal point: columns.py)
SetCell = tuple[list[linebreak.Line], str]
Box = tuple[float, float]  # a cell's width and height (pt): a merged cell's take its columns' and rows'


@dataclass(frozen=True)
class _Ruling:
    """What a row leaves out of a table's rules, for its header's merged cells: the column edges
    inside a cell (inner), the columns whose rule above or below runs through a cell spanning rows
    (open_above, open_below), and the columns [c0, c1) of the cells grouping others below them
    (a three-line table's short rule under each: groups); last_head: the thin rule under it."""

    last_head: bool
    inner: set[int]
    open_above: set[int]
    open_below: set[int]
    groups: list[tuple[int, int]]


def table_rows(setter: Setter, table: Table, ctx: str, parent: Elem | None = None) -> list[Row]:
    """The rows of a table (its caption and note kept with it), tagged as a Table in `parent`
    (roles.py), the note a paragraph after it."""
    where = str(table.loc)
    parent = parent or Elem("Document")
    elem = parent.add("Table")
    size = SIZE_SMALL
    heads = min(table.header, len(table.rows))
    roles = ["heading" if i < heads else "body" for i in range(len(table.rows))]
    numbers = [[role == "body" and is_number(t) for t in r] for r, role in zip(table.rows, roles)]
    spans = spans_of(table, heads)
    cols = columns(setter, spans.measured(table.rows), roles, numbers, size, BLOCK_W)
    rules = _Rules(setter.spec.style.tables, cols.widths)
    boxes, set_rows, heights = _set_rows(setter, table, roles, numbers, cols.widths, spans)
    repeat = sum(heights[:heads]) <= MAX_REPEATED * BLOCK_H  # a header taller is not repeated
    rows: list[Row] = []
    if table.caption:
        rows.append(tag_row(_caption_row(setter, table.caption, where, ctx), elem.add("Caption")))
    header: list[Row] = []
    body: list[Row] = []
    # the header rows in a THead, the others in a TBody (PDF/UA: TH cells read as the heads of
    # the columns under them); a table without a header: its rows right in it
    groups = (elem, elem) if not heads else (elem.add("THead"),
                                             elem.add("TBody") if heads < len(table.rows) else elem)
    for i, (role, height) in enumerate(zip(roles, heights)):
        tr = groups[i >= heads].add("TR")
        kind = "TH" if role == "heading" else "TD"
        cell_elems = [None if box is None else tr.add(kind, scope="Column" if kind == "TH" else "",
                                                      rows=spans.extent(i, c)[0], cols=spans.extent(i, c)[1])
                      for c, box in enumerate(boxes[i])]
        ruling = _Ruling(i == heads - 1, spans.inner_edges(i), spans.open_below(i - 1) if i else set(),
                         spans.open_below(i), spans.groups(i, heads))
        draw = _row_drawer(setter, _Cells(set_rows[i], cols, cell_elems, boxes[i], ruling), height, role,
                           rules, where, ctx)
        # a table without a caption starts on a grid line, as text does: one right after another
        # table is not drawn onto its last rule
        repeated = tuple(header) if i >= heads and repeat else ()
        row = Row(draw, 0, height / PITCH, grid=not rows, header=repeated)
        if i < heads:
            header.append(row)
            row.glue_next = KEEP  # a header never ends a page, nor parts from its other rows
        else:
            body.append(row)
        rows.append(row)
    # A page never ends on a table's first body row nor starts with its last one alone:
    # a row cut off from the rest of its table reads as a stray line (as a paragraph keeps
    # two lines at either end). A table of one or two body rows stays whole.
    for r in body[:1] + body[-2:-1]:
        r.glue_next = KEEP
    if table.note:
        rows[-1].glue_next = KEEP  # the note never opens a page: it goes with the table's last row
        rows.append(tag_row(_note_row(setter, table.note, where, ctx), parent.add("P")))
    rows[-1].glue_next = 0
    return rows


def _caption_row(setter: Setter, text: str, where: str, ctx: str) -> Row:
    """The caption over the table: 黑体 4号, centred, the table right under its last line."""
    caption = caption_lines(setter, text, "heading")

    def draw(page: Page, top: float) -> None:
        page.items.extend(caption_runs(setter, caption, top - FIGURE_GAP, where, ctx, "heading"))

    return Row(draw, KEEP, (FIGURE_GAP + len(caption) * CAPTION_PITCH) / PITCH, grid=True)


def _note_row(setter: Setter, text: str, where: str, ctx: str) -> Row:
    """The note under the table (注：…), in the body's face at 4号, flush with the table's left
    edge, its later lines hanging under the text after 注： (a note written without it gets one)."""
    size = SIZE_SMALL
    text = text.removeprefix(next((m for m in NOTE_MARKS if text.startswith(m)), ""))
    measure = setter.measure(lambda _o: "body", size, size)
    (mark,) = linebreak.break_paragraph("注：", BLOCK_W / size, measure)
    hang = mark.right * size
    lines = linebreak.break_paragraph(text, (BLOCK_W - hang) / size, measure)
    centre = setter.centre("body")

    foreign = [None, *foreign_owners([ln.items for ln in lines])]  # English in it: a Span (roles.py)

    def draw(page: Page, top: float) -> None:
        for j, (x, ln) in enumerate([(LEFT, mark)] + [(LEFT + hang, ln) for ln in lines]):
            base = top - NOTE_GAP - (max(0, j - 1) + 0.5) * CAPTION_PITCH - centre * size
            runs = setter.line_runs(ln.items, x, base, size, size, lambda _o: "body", BLACK, where, ctx)
            if foreign[j]:
                own(runs, foreign[j])
            page.items.extend(runs)

    return Row(draw, 0, (NOTE_GAP + len(lines) * CAPTION_PITCH) / PITCH, grid=False)


def _set_rows(setter: Setter, table: Table, roles: list[str], numbers: list[list[bool]],
              widths: list[float], spans: Spans) -> tuple[list[list[Box | None]], list[list[SetCell]],
                                                          list[float]]:
    """Each row's cells set, each cell's box (its width and the height of the rows it spans;
    None for a grid cell a merged cell covers), and each row's height: as many lines as its
    tallest cell, a merged cell's lines shared by the rows it spans (the last one grows if not)."""
    set_rows, lines = [], []
    for i, cells in enumerate(table.rows):
        room = [sum(widths[c:c + spans.extent(i, c)[1]]) for c in range(len(cells))]
        set_rows.append(_set_cells(setter, cells, roles[i], room, numbers[i]))
        alone = [len(ln) for c, (ln, _a) in enumerate(set_rows[i]) if spans.extent(i, c)[0] == 1]
        lines.append(max([*alone, 1]))
    heights = [n * TABLE_PITCH + 2 * TABLE_PAD for n in lines]
    for (r, c), (n, _m) in spans.cells.items():
        short = len(set_rows[r][c][0]) * TABLE_PITCH + 2 * TABLE_PAD - sum(heights[r:r + n])
        if short > 0:
            heights[r + n - 1] += -(-short // TABLE_PITCH) * TABLE_PITCH
    for i, height in enumerate(heights):
        if height > BLOCK_H - PITCH:
            raise InputError([Problem(table.loc.file, table.loc.line, table.loc.col, "table",
                                      _("row {n} of the table is taller than a page").format(n=i + 1),
                                      code="layout.does-not-fit")])
    boxes = [[None if (i, c) in spans.covered else
              (sum(widths[c:c + spans.extent(i, c)[1]]), sum(heights[i:i + spans.extent(i, c)[0]]))
              for c in range(len(cells))] for i, cells in enumerate(table.rows)]
    return boxes, set_rows, heights


def _set_cells(setter: Setter, cells: list[str], role: str, widths: list[float],
               numbers: list[bool]) -> list[SetCell]:
    """A table row's cells broken into lines within their columns; a number stays whole and
    stands on its decimal point, a header cell or a lone dash (nothing to report) is centred,
    other text set left."""
    size = SIZE_SMALL
    measure = setter.measure(lambda _o, role=role: role, size, size)
    set_cells = []
    for c, text in enumerate(cells):
        room = (widths[c] - 2 * CELL_PAD) / size
        if numbers[c]:
            lines = linebreak.break_paragraph(text, 10_000, measure)  # a number stays whole
            align = "number"
        else:
            lines = linebreak.break_paragraph(text, room, measure) if text else []
            align = "centre" if role == "heading" or is_blank_mark(text) else "left"
        set_cells.append((lines, align))
    return set_cells


class _Rules:
    """The rules of one table, drawn row by row. A grid rules every cell all round: a rule above
    and below each row, and at each column edge one rule the height of the table's part on a
    page. Three lines rule the part's top (thick) and bottom (thick) and under its header (thin).
    What spans the part (column rules, the bottom rule) follows its last row down as rows are
    drawn."""

    def __init__(self, style: str, widths: list[float]):
        self.grid = style == "grid"
        self.xs = [LEFT + sum(widths[:c]) for c in range(len(widths) + 1)]
        self.bottoms: dict[int, Rule] = {}  # page number -> the rule under the table's part on it
        # page number -> the column rules of that part (None: an edge inside a merged cell of the
        # row drawn last: the rule stops there and starts again under it)
        self.columns: dict[int, list[VRule | None]] = {}

    def draw(self, page: Page, top: float, height: float, ruling: _Ruling) -> None:
        x0, x1, bottom = self.xs[0], self.xs[-1], top - height
        if self.grid:  # row rules, and column rules drawn down the part as its rows are added
            half = RULE_THIN / 2  # a column rule covers the corners the row rules leave open
            page.items += [Rule(a, b, top, RULE_THIN) for a, b in self._spans(ruling.open_above)]
            page.items += [Rule(a, b, bottom, RULE_THIN) for a, b in self._spans(ruling.open_below)]
            columns = self.columns.setdefault(page.number, [None] * len(self.xs))
            for e, x in enumerate(self.xs):
                if e in ruling.inner:
                    columns[e] = None
                    continue
                if columns[e] is None:
                    columns[e] = VRule(x, 0, top + half, RULE_THIN)
                    page.items.append(columns[e])
                columns[e].y0 = bottom - half
            return
        below = self.bottoms.get(page.number)
        if below is None:  # the table's first row on this page
            self.bottoms[page.number] = below = Rule(x0, x1, bottom, OUTER_RULE)
            page.items += [Rule(x0, x1, top, OUTER_RULE), below]
        below.y = bottom
        if ruling.last_head:
            page.items.append(Rule(x0, x1, bottom, RULE_THIN))
        # under a header cell grouping the sub-columns below it, a rule as wide as the group,
        # a little short of its ends so that two groups side by side read as two
        page.items += [Rule(self.xs[a] + CELL_PAD / 2, self.xs[b] - CELL_PAD / 2, bottom, RULE_THIN)
                       for a, b in ruling.groups]

    def _spans(self, skip: set[int]) -> list[tuple[float, float]]:
        """The stretches (x0, x1) of a row rule that leaves out the columns in `skip`."""
        out: list[tuple[float, float]] = []
        for c in range(len(self.xs) - 1):
            if c in skip:
                continue
            if out and out[-1][1] == self.xs[c]:
                out[-1] = (out[-1][0], self.xs[c + 1])
            else:
                out.append((self.xs[c], self.xs[c + 1]))
        return out


class _Cells:
    """A row's set cells, the table's columns, the elements that tag the cells, each cell's box
    (None: covered by a merged cell), and what the row leaves out of the rules."""

    def __init__(self, set_cells: list[SetCell], cols: Columns, elems: list[Elem | None],
                 boxes: list[Box | None], ruling: _Ruling):
        self.set_cells, self.cols, self.elems, self.boxes, self.ruling = set_cells, cols, elems, boxes, ruling


def _row_drawer(setter: Setter, cells: _Cells, height: float, role: str, rules: _Rules, where: str,
                ctx: str):
    """What draws a table row: its rules, each cell's lines in its column, tagged as its cell
    the first time; a header drawn again atop a later page is an artifact (PDF/UA: content
    repeated for pagination is not read twice; a table has at most one THead)."""
    size, centre = SIZE_SMALL, setter.centre(role)
    widths = cells.cols.widths
    drawn = []

    def draw(page: Page, top: float) -> None:
        rules.draw(page, top, height, cells.ruling)
        x = LEFT
        for c, (lines, align) in enumerate(cells.set_cells):
            box = cells.boxes[c]
            if box is None:
                x += widths[c]
                continue
            # a cell of fewer lines than its row (or rows) stands in the middle of it (垂直居中);
            # English in it a Span of its cell (roles.py), not in a header repeated as an artifact
            rows = (box[1] - 2 * TABLE_PAD) / TABLE_PITCH
            below = top - TABLE_PAD - (rows - len(lines)) * TABLE_PITCH / 2
            foreign = [None] * len(lines) if drawn else foreign_owners([ln.items for ln in lines])
            for j, ln in enumerate(lines):
                items = ln.items
                w = (items[-1].x + items[-1].width) * size if items else 0.0
                if align == "number":
                    x0 = cells.cols.number_x(c, x, w, tail_width(setter, ln.text, role, size))
                else:
                    x0 = x + CELL_PAD if align == "left" else x + (box[0] - w) / 2
                base = below - (j + 0.5) * TABLE_PITCH - centre * size
                runs = setter.line_runs(items, x0, base, size, size, lambda _o: role, BLACK, where, ctx)
                if foreign[j]:
                    own(runs, foreign[j])
                page.items.extend(tag(runs, ARTIFACT if drawn else cells.elems[c]))
            x += widths[c]
        drawn.append(True)

    return draw
