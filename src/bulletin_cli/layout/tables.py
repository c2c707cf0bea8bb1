"""Tables across the text block in 4号: one row of the page per table row (never split), the
header repeated atop every page the table continues on, thin rules between rows, numbers
right-aligned."""
from __future__ import annotations

import re

from ..errors import InputError, Problem
from ..i18n import _
from ..model import Table
from ..text import linebreak
from .figures import CAPTION_PITCH, FIGURE_GAP, caption_lines, caption_runs
from .page import (
    BLACK,
    BLOCK_H,
    BLOCK_W,
    KEEP,
    LEFT,
    PITCH,
    RULE_THIN,
    SIZE_SMALL,
    Page,
    Row,
    Rule,
)
from .roles import ARTIFACT, Elem, tag, tag_row
from .setter import Setter

TABLE_PITCH = 20.0
TABLE_PAD = 4.0  # above and below a table row's text
CELL_PAD = 5.0  # left and right of a cell's text
# A table cell right-aligned as a number: 36, -1.5, 12,300, 98.6%, ９８ (fullwidth digits too).
_NUMBER = re.compile(r"[-+−]?[0-9０-９][0-9０-９,，.．]*[%％‰]?")

SetCell = tuple[list[linebreak.Line], str]  # a cell's lines and its alignment: left, right, centre


def table_rows(setter: Setter, table: Table, ctx: str, parent: Elem | None = None) -> list[Row]:
    """The rows of a table (and of its caption, kept with the table), tagged as a Table in
    `parent` (roles.py)."""
    where = str(table.loc)
    elem = (parent or Elem("Document")).add("Table")
    size = SIZE_SMALL
    roles = ["heading" if table.header and i == 0 else "body" for i in range(len(table.rows))]
    widths = column_widths(setter, table.rows, roles, size)
    rows: list[Row] = []
    if table.caption:
        caption = caption_lines(setter, table.caption)

        def draw_caption(page: Page, top: float) -> None:
            page.items.extend(caption_runs(setter, caption, top - FIGURE_GAP, where, ctx))

        rows.append(tag_row(Row(draw_caption, KEEP, (FIGURE_GAP + len(caption) * CAPTION_PITCH) / PITCH,
                        grid=True), elem.add("Caption")))
    header: Row | None = None
    body: list[Row] = []
    for i, cells in enumerate(table.rows):
        role = roles[i]
        set_cells = _set_cells(setter, cells, role, widths, number_ok=i >= (1 if table.header else 0))
        n = max([len(lines) for lines, _ in set_cells] + [1])
        height = n * TABLE_PITCH + 2 * TABLE_PAD
        if height > BLOCK_H - PITCH:
            raise InputError([Problem(table.loc.file, table.loc.line, table.loc.col, "table",
                                      _("row {n} of the table is taller than a page").format(n=i + 1),
                                          code="layout.does-not-fit")])
        tr = elem.add("TR")
        kind = "TH" if role == "heading" else "TD"
        cell_elems = [tr.add(kind, scope="Column" if kind == "TH" else "") for _ in cells]
        row = Row(_row_drawer(setter, set_cells, widths, height, role, where, ctx, cell_elems), 0,
                  height / PITCH, grid=False, header=header)
        if table.header and i == 0:
            header = row
            row.glue_next = KEEP  # a header never ends a page
        else:
            body.append(row)
        rows.append(row)
    # A page never ends on a table's first body row nor starts with its last one alone:
    # a row cut off from the rest of its table reads as a stray line (as a paragraph keeps
    # two lines at either end). A table of one or two body rows stays whole.
    for r in body[:1] + body[-2:-1]:
        r.glue_next = KEEP
    if rows:
        rows[-1].glue_next = 0
    return rows


def _set_cells(setter: Setter, cells: list[str], role: str, widths: list[float],
               number_ok: bool) -> list[SetCell]:
    """A table row's cells broken into lines within their columns; a number (not in the header)
    stays whole and is right-aligned, a header cell centred, other text set left."""
    size = SIZE_SMALL
    measure = setter.measure(lambda _o, role=role: role, size, size)
    set_cells = []
    for c, text in enumerate(cells):
        room = (widths[c] - 2 * CELL_PAD) / size
        if _NUMBER.fullmatch(text) and number_ok:
            lines = linebreak.break_paragraph(text, 10_000, measure)  # a number stays whole
            align = "right"
        else:
            lines = linebreak.break_paragraph(text, room, measure) if text else []
            align = "centre" if role == "heading" else "left"
        set_cells.append((lines, align))
    return set_cells


def _row_drawer(setter: Setter, set_cells: list[SetCell], widths: list[float], height: float,
                role: str, where: str, ctx: str, cells: list[Elem]):
    """What draws a table row: its rules above and below, each cell's lines in its column, tagged
    as `cells` the first time; a header drawn again atop a later page is decoration."""
    size, centre = SIZE_SMALL, setter.centre(role)
    drawn = []

    def draw(page: Page, top: float) -> None:
        page.items.append(Rule(LEFT, LEFT + BLOCK_W, top, RULE_THIN))
        page.items.append(Rule(LEFT, LEFT + BLOCK_W, top - height, RULE_THIN))
        x = LEFT
        for c, (lines, align) in enumerate(set_cells):
            for j, ln in enumerate(lines):
                items = ln.items
                w = (items[-1].x + items[-1].width) * size if items else 0.0
                x0 = {"left": x + CELL_PAD, "right": x + widths[c] - CELL_PAD - w,
                      "centre": x + (widths[c] - w) / 2}[align]
                base = top - TABLE_PAD - (j + 0.5) * TABLE_PITCH - centre * size
                page.items.extend(tag(setter.line_runs(items, x0, base, size, size, lambda _o: role, BLACK,
                                                       where, ctx), ARTIFACT if drawn else cells[c]))
            x += widths[c]
        drawn.append(True)

    return draw


def column_widths(setter: Setter, rows: list[list[str]], roles: list[str], size: float) -> list[float]:
    """Column widths filling the text block: each column's widest cell set on one line, scaled
    to fit; a column is never narrower than it needs for its longest number or three
    characters, so wide text columns give way first."""
    ncols = len(rows[0])
    natural = [2 * CELL_PAD + max(setter.text_width(r[c], roles[i], size) for i, r in enumerate(rows))
               for c in range(ncols)]
    least = [min(n, 2 * CELL_PAD + max(
        [3 * size] + [setter.text_width(r[c], roles[i], size) for i, r in enumerate(rows)
                      if _NUMBER.fullmatch(r[c])])) for c, n in enumerate(natural)]
    if sum(natural) <= BLOCK_W:
        return [n * BLOCK_W / sum(natural) for n in natural]
    if sum(least) >= BLOCK_W:
        return [n * BLOCK_W / sum(least) for n in least]
    extra = BLOCK_W - sum(least)  # shared in proportion to what each column still wants
    want = [n - m for n, m in zip(natural, least)]
    return [m + extra * wt / sum(want) for m, wt in zip(least, want)]
