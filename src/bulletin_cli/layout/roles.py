"""The structure a screen reader follows: what each drawn item *is* (a title, a paragraph, a
table cell, a photo) as a tree of elements in reading order, set by layout as it places items.

Writers turn it into a tagged PDF (writers/tags.py). Layout only labels what it draws: an item
points at its element (`elem`), and an element's children come in the order layout made them,
which is the reading order. An item with no element, or with ARTIFACT, is decoration (page
numbers, rules, leaders)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .page import Image, Link, Page, Row, Run


@dataclass(eq=False)
class Elem:
    """A structure element: `kind` is its PDF standard structure type (Document, Sect, H1, H2,
    P, L, LI, Lbl, LBody, TOC, TOCI, Link, Table, TR, TH, TD, Figure, Caption, Span)."""

    kind: str
    parent: Elem | None = field(default=None, repr=False)
    kids: list[Elem] = field(default_factory=list, repr=False)
    alt: str = ""  # a Figure's alternative text
    actual: str = ""  # replacement text: what the element's glyphs read as (ActualText; a Span's
    # is in the tree, its glyphs may take two lines; others' in their one marked-content sequence)
    scope: str = ""  # a TH's: Column or Row
    rows: int = 1  # a table cell's: the rows and columns it spans (a merged header cell)
    cols: int = 1
    describe: str = ""  # a Link's: what its annotation says it leads to (/Contents)
    lang: str = ""  # a Span's language, where it is not the document's (/Lang)

    def add(self, kind: str, **kw: str | int) -> Elem:
        kid = Elem(kind, self, **kw)
        self.kids.append(kid)
        return kid


ARTIFACT = Elem("Artifact")  # decoration drawn among content: the dot leaders of the headline list


# A run of Latin-script words (an English name, a title in English) in a Chinese text: two or
# more words, at least two of them of two letters or more. One word (GDP, CT, a URL) is read
# well enough in the document's language and is left to it.
LATIN = re.compile(r"[A-Za-z][\w'’&.\-]*(?:[ ,:]+[A-Za-z][\w'’&.\-]*)+", re.ASCII)
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


@dataclass(eq=False)
class Foreign:
    """A stretch of a text in another language: a Span with its /Lang in the element its
    glyphs are drawn in, made when that element is known (tag), once however many runs or
    lines the stretch takes."""

    lang: str
    text: str  # the stretch as written: its words' spaces are not drawn, so it reads so (ActualText)
    span: Elem | None = None

    def within(self, parent: Elem) -> Elem:
        if self.span is None:
            self.span = parent.add("Span", lang=self.lang, actual=self.text)
        return self.span


@dataclass(frozen=True, eq=False)
class Parts:
    """What a run belongs to when its glyphs belong to more than one element (a list item's
    label, 1. or （一）, set in one run with the text after it; a Latin name inside Chinese):
    (owner, start, end) for each range of glyphs, in order. Layout keeps the run whole (the
    page and the OFD are as before); the PDF writer marks a sequence per part. Before tag(),
    an owner may be None (the element the run's row is tagged with) or a Foreign stretch."""

    parts: tuple[tuple[Any, int, int], ...]


def foreign_stretches(text: str) -> list[tuple[int, int, Foreign]]:
    """The stretches of `text` in English (LATIN): (start, end, Foreign)."""
    return [(m.start(), m.end(), Foreign("en", m.group())) for m in LATIN.finditer(text)
            if len(LATIN_WORD.findall(m.group())) >= 2]


def foreign_owners(lines: list[list]) -> list[list | None]:
    """For text set as lines of placed units (linebreak.Placed: a title's, a caption's, a table
    cell's), the owners (for `own`) of each line's drawn glyphs: a Foreign for those in an English
    stretch, else None; None for a line with none. A stretch may go on across a line break (the
    break's space is read as one)."""
    text, starts = "", []
    for items in lines:
        text += " " if text else ""
        starts.append([])
        for it in items:
            starts[-1].append(len(text))
            text += it.text
    stretches = foreign_stretches(text)
    if not stretches:
        return [None] * len(lines)
    out: list[list | None] = []
    for items, at in zip(lines, starts):
        owners = [next((f for a, b, f in stretches if a <= s + j < b), None)
                  for it, s in zip(items, at) if it.kind != "space" for j in range(len(it.text))]
        out.append(owners if any(owners) else None)
    return out


def own(runs: list[Run], owners: list) -> None:
    """Give each run its glyphs' owners (`owners`: one per glyph of `runs`, in order; None for
    the row's element): the one owner all its glyphs share, else Parts."""
    at = 0
    for r in runs:
        mine = owners[at:at + len(r.text)]
        at += len(r.text)
        ranges: list[list] = []
        for k, o in enumerate(mine):
            if ranges and ranges[-1][0] is o:
                ranges[-1][2] = k + 1
            else:
                ranges.append([o, k, k + 1])
        r.elem = ranges[0][0] if len(ranges) == 1 else Parts(tuple(map(tuple, ranges)))


def _owner(o: Any, elem: Elem) -> Any:
    """An owner as the element it stands for, in a row tagged `elem`."""
    if o is None:
        return elem
    return o.within(elem) if isinstance(o, Foreign) else o


def tag(items: list, elem: Elem, image: Elem | None = None) -> list:
    """Give the runs (and links) among `items` that have no element yet `elem`, and the parts of
    a shared run (Parts, Foreign) that stand for it theirs; images get `image`. Returns `items`."""
    for it in items:
        if isinstance(it, Run) and isinstance(it.elem, Parts):
            it.elem = Parts(tuple((_owner(o, elem), a, b) for o, a, b in it.elem.parts))
        elif isinstance(it, Run) and isinstance(it.elem, Foreign):
            it.elem = it.elem.within(elem)
        elif isinstance(it, (Run, Link)) and it.elem is None:
            it.elem = elem
        elif isinstance(it, Image) and it.elem is None:
            it.elem = image or elem
    return items


def tag_row(row: Row, elem: Elem, image: Elem | None = None) -> Row:
    """Make the row tag what it draws with `elem` (a paragraph split across pages stays one
    element) and its images with `image`."""
    draw = row.draw
    if draw is None:
        return row

    def tagged(page: Page, top: float) -> None:
        n = len(page.items)
        draw(page, top)
        tag(page.items[n:], elem, image)

    row.draw = tagged
    return row


def tag_rows(rows: list[Row], elem: Elem) -> list[Row]:
    for r in rows:
        tag_row(r, elem)
    return rows


def tag_lines(items: list, parent: Elem) -> None:
    """A paragraph (P under `parent`) for each baseline of the untagged runs among `items`."""
    by_line: dict[float, Elem] = {}
    for it in items:
        if isinstance(it, Run) and it.elem is None:
            y = round(it.y, 2)
            if y not in by_line:
                by_line[y] = parent.add("P")
            it.elem = by_line[y]
