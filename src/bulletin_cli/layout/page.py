"""The page model layout produces and writers draw: page items in PDF coordinates (points, y up),
pages, the Document, and the grid every part of the layout sets its lines on.

Geometry follows GB/T 9704-2012: A4, 天头 37 mm, 订口 28 mm, text block 156 x 225 mm, a grid of
22 lines x 28 characters. Body text sits on that grid on every page so lines back each other up
when printed duplex; titles, headlines and the colophon take whole grid lines too.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, MutableSequence
from dataclasses import dataclass, field, fields
from typing import Any

from ..model import Picture

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
LEFT, TOP = 28 * MM, 37 * MM
BLOCK_W, BLOCK_H = 156 * MM, 225 * MM
GRID_LINES, GRID_CHARS = 22, 28
PITCH = BLOCK_H / GRID_LINES  # 28.99 pt
CELL = BLOCK_W / GRID_CHARS  # 15.79 pt: a 16 pt glyph on a 156/28 mm advance
BLOCK_TOP = PAGE_H - TOP
BLOCK_BOTTOM = BLOCK_TOP - BLOCK_H

SIZE_BODY = 16.0  # 3号
SIZE_TITLE = 22.0  # 2号, article titles
SIZE_SMALL = 14.0  # 4号: colophon, page numbers, publisher line

RED = "red"  # CMYK 0/100/100/0
BLACK = "black"  # CMYK 0/0/0/100

RULE_THICK = 0.35 * MM
RULE_THIN = 0.25 * MM


@dataclass(slots=True)  # no __dict__: a 6,000-page spec holds ~270,000 runs
class Run:
    """Glyphs of one face on one baseline: glyph k of `text` has its origin at (xs[k], y).

    Writers draw every glyph at its xs: nothing is measured again after layout. The glyphs of a
    run are evenly set, each `spacing` beyond the advance of the one before it (PDF Tc), so a
    writer may draw the run as one string with character spacing."""

    xs: MutableSequence[float]  # array("d") from the setter: a 6,000-page spec holds millions
    y: float
    text: str
    role: str
    size: float
    color: str = BLACK
    spacing: float = 0.0
    elem: Any = field(default=None, repr=False, compare=False)  # roles.Elem: what it is (None: decoration)

    def __post_init__(self) -> None:
        if len(self.xs) != len(self.text):
            raise ValueError(f"a run of {len(self.text)} glyphs needs as many positions, not {len(self.xs)}")

    @property
    def x(self) -> float:
        return self.xs[0]

    def __repr__(self) -> str:
        """The dataclass's repr, xs written as a list: writers/metadata.py digests the reprs of
        the items, so the file ID stays what it was before xs became an array."""
        shown = (f"{f.name}={list(self.xs) if f.name == 'xs' else getattr(self, f.name)!r}"
                 for f in fields(self) if f.repr)
        return f"Run({', '.join(shown)})"


@dataclass
class Rule:
    """A horizontal line from x0 to x1 at height y."""

    x0: float
    x1: float
    y: float
    thickness: float
    color: str = BLACK


@dataclass
class VRule:
    """A vertical line at x from y0 up to y1 (a table's column rule)."""

    x: float
    y0: float
    y1: float
    thickness: float
    color: str = BLACK


@dataclass
class Image:
    """A picture drawn into the box with lower-left corner (x, y)."""

    x: float
    y: float
    width: float
    height: float
    picture: Picture
    elem: Any = field(default=None, repr=False, compare=False)  # roles.Elem: the Figure


@dataclass
class Anchor:
    """A place readers jump to: an outline entry named `label`, opening the page at height y
    (the top of the title's grid line). Writers turn it into a bookmark (PDF) or an outline (OFD)."""

    key: str
    label: str
    y: float


@dataclass
class Link:
    """A clickable area (x0, y0, x1, y1) that jumps to the Anchor with `key`."""

    rect: tuple[float, float, float, float]
    key: str
    elem: Any = field(default=None, repr=False, compare=False)  # roles.Elem: the Link element


@dataclass
class Page:
    """One page's drawn items, in drawing order."""

    number: int
    items: list[Run | Rule | VRule | Image | Anchor | Link] = field(default_factory=list)


@dataclass
class MissingGlyph:
    """A character no face of its role can draw, and where it stands."""

    char: str
    where: str  # FILE:LINE
    context: str  # the article title or the part of the bulletin


@dataclass
class StandIn:
    """Characters set in `role` but drawn by another role's face, which has them (`drawn`: the
    official face's bundled twin, or the closest style, or the fallback), at `where`."""

    where: str
    role: str
    drawn: str
    chars: list[str]


@dataclass
class Document:
    """The laid-out bulletin: its pages and what the file says about itself."""

    pages: list[Page]
    title: str
    author: str
    missing: list[MissingGlyph]
    roles_used: set[str]
    # what the file says about itself (PDF Info and XMP, OFD DocInfo)
    subject: str = ""
    keywords: tuple[str, ...] = ()  # the article titles
    date: dt.date | None = None  # the date: the file's creation date
    lang: str = "zh-CN"
    notes: list[str] = field(default_factory=list)  # warnings about the content (low-resolution photos)
    structure: Any = None  # roles.Elem: the Document element, the tree in reading order
    stand_ins: list[StandIn] = field(default_factory=list)  # what was drawn by another role's face


@dataclass
class Row:
    """A unit of the flowing part: a grid line of text, or a block with a height of its own (a
    photo with its caption, a table row), which is never split. What to draw, and whether it
    must stay with the next."""

    draw: Callable[[Page, float], None] | None  # draw(page, top_y); None = blank line
    glue_next: int = 0  # how strongly it keeps with the next row: 0, NEXT or KEEP
    lines: float = 1.0  # height in grid lines; a block's may be fractional
    grid: bool = True  # starts on a grid line (text); a block starts where the row before ends
    header: tuple[Row, ...] = ()  # a table's header rows, repeated above this row atop a new page
    carry: int = 8  # rows before it that may go to the next page with it when it does not fit
    floats: bool = False  # a photo: when it does not fit, the text after it fills the page first
    article: int = 0  # the article (1, 2, ...) it belongs to; 0: none (masthead, headlines, spacing)

    @property
    def blank(self) -> bool:
        """A spacing line: dropped at the top of a page."""
        return self.draw is None



WHOLE = 3  # glue inside a headline entry: broken only where no other break is possible
KEEP = 2  # glue that keeps a paragraph's first or last two lines, or a title with its text
NEXT = 1  # glue that keeps a heading with what follows: given up before KEEP when a page is full
