"""The press sheet around a trimmed page (`--marks`): bleed, slug and crop marks, in points.

Pure geometry, no PDF library: the writer makes each page this sheet, moves the page's content
by `origin` (a translation only, so every position relative to the trim stays exact), sets the
boxes and strokes the marks in registration colour.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..layout.page import MM, PAGE_H, PAGE_W

BLEED = 3 * MM  # what a print shop asks for beyond the trim
SLUG = 10 * MM  # room beyond the bleed for the marks
MARK_GAP = BLEED  # marks start outside the bleed, so a slightly shifted cut never shows them
MARK_LEN = 8 * MM
MARK_WIDTH = 0.25  # pt, a hairline


@dataclass(frozen=True)
class Sheet:
    """A press sheet: its size, where the trimmed page sits on it, its boxes and marks."""

    width: float
    height: float
    origin: float  # where the trimmed page's lower left corner sits on the sheet (x = y)
    trim: tuple[float, float, float, float]
    bleed: tuple[float, float, float, float]
    marks: tuple[tuple[float, float, float, float], ...]  # line segments x0, y0, x1, y1


def press_sheet(page_w: float = PAGE_W, page_h: float = PAGE_H) -> Sheet:
    o = BLEED + SLUG
    x0, y0, x1, y1 = o, o, o + page_w, o + page_h
    marks = []
    for x, dx in ((x0, -1), (x1, 1)):
        for y, dy in ((y0, -1), (y1, 1)):
            near, far = MARK_GAP, MARK_GAP + MARK_LEN
            marks.append((x + dx * near, y, x + dx * far, y))  # along the horizontal trim edge
            marks.append((x, y + dy * near, x, y + dy * far))  # along the vertical trim edge
    return Sheet(page_w + 2 * o, page_h + 2 * o, o, (x0, y0, x1, y1),
                 (x0 - BLEED, y0 - BLEED, x1 + BLEED, y1 + BLEED), tuple(marks))
