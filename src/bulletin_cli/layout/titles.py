"""Titles on the grid: an article's title and byline, a subheading, a chapter heading, the
headline list's label. Each is broken into balanced lines between words and takes whole grid
lines, kept with what follows."""
from __future__ import annotations

from .page import BLACK, BLOCK_W, CELL, KEEP, LEFT, PITCH, Page, Row
from .roles import foreign_owners, own
from .setter import Setter


def title_rows(setter: Setter, text: str, role: str, size: float, where: str, context: str,
               centred: bool = True, hints: bool = True) -> list[Row]:
    """A title broken into balanced lines between words, at phrase boundaries, centred; or,
    for a subheading, set like the paragraphs around it (on the body grid, its first line two
    characters in) but broken as a title is, all its lines within the first line's width."""
    cell = size if centred else CELL
    indent = 0.0 if centred else 2.0
    centre = setter.centre(role)
    rows = []
    lines = setter.title_lines(text, role, size, cell, BLOCK_W / cell - indent, hints)
    foreign = foreign_owners([line.items for line in lines])  # English in it: a Span (roles.py)
    for k, line in enumerate(lines):

        def draw(page: Page, top: float, items=line.items, w=line.width * cell, first=k == 0,
                 owners=foreign[k]) -> None:
            base = top - 0.5 * PITCH - centre * size
            x0 = LEFT + (BLOCK_W - w) / 2 if centred else LEFT + (indent * CELL if first else 0.0)
            runs = setter.line_runs(items, x0, base, size, cell, lambda _o: role, BLACK, where, context)
            if owners:
                own(runs, owners)
            page.items.extend(runs)

        rows.append(Row(draw, glue_next=KEEP))
    return rows
