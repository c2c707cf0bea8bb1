"""The columns of a table: how wide each is, from what its cells hold, and where a number
stands in its cell (the numbers of a column right-aligned on their decimal points, centred).

Widths follow what a browser's automatic table layout does, as Word's "AutoFit to contents,
then to window" does too: each column has a natural width (its widest cell set on one line) and
a least width (its widest piece no line may break inside, a number whole); when the naturals fit
the measure they grow to fill it, else each column gets its least and the rest of the measure
is shared in proportion to what each still wants."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import linebreak
from .setter import Setter

CELL_PAD = 5.0  # left and right of a cell's text
# A table cell set as a number: 36, -1.5, 12,300, 98.6%, ９８ (fullwidth digits too).
NUMBER = re.compile(r"[-+−]?[0-9０-９][0-9０-９,，.．]*[%％‰]?")
_BLANK_MARK = re.compile(r"[-—－–/／]{1,2}")  # a cell with nothing to report: —, --, /
# What stands right of a number's decimal point (the point too), or its unit sign when it has none.
_TAIL = re.compile(r"[.．].*|[%％‰]$")
# Growing to fill the measure, a column of numbers takes this share of what a text column of its
# natural width takes: short numbers stay close together, the text columns get the room.
NUMBER_GROWTH = 0.5
LEAST_CHARS = 2  # a text column is never narrower than two characters and its padding


def is_number(text: str) -> bool:
    return bool(NUMBER.fullmatch(text))


def is_blank_mark(text: str) -> bool:
    """A cell that only says "nothing here" (—, -, /): centred, as an office sets it among numbers."""
    return bool(_BLANK_MARK.fullmatch(text))


@dataclass
class Columns:
    """The columns of one table: widths (pt, filling the measure) and, for each column, the widths
    (pt) its numbers take left of their decimal points (heads) and from them on (tails: 0 when
    its numbers are whole)."""

    widths: list[float]
    heads: list[float]
    tails: list[float]

    def number_x(self, c: int, left: float, width: float, tail: float) -> float:
        """Where a number `width` pt wide with `tail` pt from its point on starts in column c,
        whose left edge is at `left`. The numbers of a column stand right-aligned on their
        points, and that block of numbers is centred in the column, under its header: a short
        number at the far right of a wide cell reads as belonging to the next column."""
        c_heads, c_tails = self.heads[c], self.tails[c]
        point = left + (self.widths[c] - c_heads - c_tails) / 2 + c_heads
        return point - (width - tail)


def tail_width(setter: Setter, text: str, role: str, size: float) -> float:
    """The width (pt) of a number's decimal point and what follows it, or of its unit sign."""
    m = _TAIL.search(text)
    return setter.text_width(m.group(), role, size) if m else 0.0


def columns(setter: Setter, rows: list[list[str]], roles: list[str], numbers: list[list[bool]],
            size: float, measure: float) -> Columns:
    """The columns of a table of `rows` (each row set in its role; numbers[i][c]: that cell is a
    number, aligned on its point), filling `measure` pt."""
    ncols = len(rows[0])
    natural, heads, tails, grows = [], [], [], []
    for c in range(ncols):
        head = tail = wide = 0.0
        all_numbers = any(numbers[i][c] for i in range(len(rows)))
        for i, r in enumerate(rows):
            width = setter.text_width(r[c], roles[i], size)
            if numbers[i][c]:
                after = tail_width(setter, r[c], roles[i], size)
                head, tail = max(head, width - after), max(tail, after)
            else:
                wide = max(wide, width)
                all_numbers = all_numbers and not (r[c] and roles[i] == "body")
        natural.append(2 * CELL_PAD + max(wide, head + tail))
        heads.append(head)
        tails.append(tail)
        grows.append(NUMBER_GROWTH if all_numbers else 1.0)
    if sum(natural) <= measure:
        weight = [n * g for n, g in zip(natural, grows)]
        extra = measure - sum(natural)
        return Columns([n + extra * w / sum(weight) for n, w in zip(natural, weight)], heads, tails)
    # too wide on one line: each column's least width (measured only now: a table that fits,
    # most do, never breaks its cells into pieces)
    least = []
    for c, (n, h, t) in enumerate(zip(natural, heads, tails)):
        pieces = [_widest_piece(setter, r[c], roles[i], size) for i, r in enumerate(rows)
                  if r[c] and not numbers[i][c]]
        least.append(min(n, 2 * CELL_PAD + max([*pieces, h + t, LEAST_CHARS * size])))
    if sum(least) >= measure:  # even broken at every place it may be, the table is too wide: squeeze
        return Columns([m * measure / sum(least) for m in least], heads, tails)
    want = [n - m for n, m in zip(natural, least)]
    extra = measure - sum(least)
    return Columns([m + extra * w / sum(want) for m, w in zip(least, want)], heads, tails)


def _widest_piece(setter: Setter, text: str, role: str, size: float) -> float:
    """The width (pt) of the widest part of `text` no line may break inside (a word, a number
    with its unit, a character with the punctuation that may not be parted from it)."""
    measure = setter.measure(lambda _o: role, size, size)
    units = linebreak.tokenize(text, measure)
    allowed = linebreak.break_allowed(units)
    widest = piece = 0.0
    for i, u in enumerate(units):
        if i and allowed[i]:
            piece = 0.0
        piece += u.width
        widest = max(widest, piece)
    return widest * size
