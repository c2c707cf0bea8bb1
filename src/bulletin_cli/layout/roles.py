"""The structure a screen reader follows: what each drawn item *is* (a title, a paragraph, a
table cell, a photo) as a tree of elements in reading order, set by layout as it places items.

Writers turn it into a tagged PDF (writers/tags.py). Layout only labels what it draws: an item
points at its element (`elem`), and an element's children come in the order layout made them,
which is the reading order. An item with no element, or with ARTIFACT, is decoration (page
numbers, rules, leaders)."""
from __future__ import annotations

from dataclasses import dataclass, field

from .page import Image, Link, Page, Row, Run


@dataclass(eq=False)
class Elem:
    """A structure element: `kind` is its PDF standard structure type (Document, Sect, H1, H2,
    P, L, LI, Lbl, LBody, TOC, TOCI, Link, Table, TR, TH, TD, Figure, Caption, Span)."""

    kind: str
    parent: Elem | None = field(default=None, repr=False)
    kids: list[Elem] = field(default_factory=list, repr=False)
    alt: str = ""  # a Figure's alternative text
    actual: str = ""  # replacement text: what the element's glyphs read as (ActualText)
    scope: str = ""  # a TH's: Column or Row
    describe: str = ""  # a Link's: what its annotation says it leads to (/Contents)

    def add(self, kind: str, **kw: str) -> Elem:
        kid = Elem(kind, self, **kw)
        self.kids.append(kid)
        return kid


ARTIFACT = Elem("Artifact")  # decoration drawn among content: the dot leaders of the headline list


@dataclass(frozen=True, eq=False)
class Split:
    """What a run belongs to when two elements share it: its first `n` glyphs are `head`'s (a
    list item's label, 1. or （一）, set in one run with the text after it), the rest `tail`'s.
    Layout keeps the run whole (the page and the OFD are as before); the PDF writer marks two
    sequences."""

    head: Elem
    n: int
    tail: Elem

    def parts(self, length: int) -> tuple[tuple[Elem, int, int], ...]:
        """(element, start, end) of the glyphs of a run `length` glyphs long, in order."""
        return (self.head, 0, self.n), (self.tail, self.n, length)


def tag_label(runs: list[Run], n: int, label: Elem, body: Elem) -> None:
    """The first `n` glyphs of `runs` (a list item's first line) are its label: a run within it
    is `label`'s, the run the label ends inside is split between `label` and `body`."""
    for r in runs:
        if n <= 0:
            return
        r.elem = label if len(r.text) <= n else Split(label, n, body)
        n -= len(r.text)


def tag(items: list, elem: Elem, image: Elem | None = None) -> list:
    """Give the runs (and links) among `items` that have no element yet `elem`; images get `image`.
    Returns `items`."""
    for it in items:
        if isinstance(it, (Run, Link)) and it.elem is None:
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
