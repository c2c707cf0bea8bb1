"""Chinese line breaking and justification: a pure function from text to placed lines.

Units of measure are "cells": one cell is the advance of a full-width character on the grid
(GB/T 9704: 156 mm / 28). Characters that are not full-width (digits, Latin) are measured by a
callback `measure(text, offset)` in cells (the offset in the paragraph tells which face sets
them: a heading's start may be in another face than the rest), so this module needs no font
and no PDF library.

The rules follow the W3C *Requirements for Chinese Text Layout* (clreq) and GB/T 15834:
- 禁则: no line starts with a closing mark or 点号, none ends with an opening mark;
  `——` and `……` are single units; numbers, Latin words and their units stay whole.
- 先挤进，后推出: a closing mark that would start the next line is first pulled onto this
  line by setting it half width; only if that fails is a character pushed down.
- Adjacent marks (`。”`, `）（`, `《“`) are set in 1.5 cells; a lone mark keeps its full cell.
- Every line but the last is justified by spreading the slack evenly over the gaps between
  units (never inside a Latin word, a number, `——` or `……`).
- A paragraph never ends with a line holding a single character (孤字).
"""
from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..model import BREAK_HINT
from . import phrases

# Marks whose glyph sits in the left half of the cell (blank right half): 点号 and closing brackets.
CLOSING = frozenset("，。、；：？！）］｝〕〉》」』】〗〙”’．")
# Marks whose glyph sits in the right half (blank left half).
OPENING = frozenset("（［｛〔〈《「『【〖〘“‘")
# Half-width marks as pasted from the web (的; 行为.): for every rule they are the marks they stand
# for, closing marks that never start a line and make no line worth more (a runt's 的; ).
HALF_CLOSING = frozenset("!),.:;?]}")
# Never at line start: clreq basic set, plus %‰℃′″, the connectors and the solidus.
NO_START = CLOSING | HALF_CLOSING | frozenset("…‥—～·・‧%‰℃′″°/／-–～")
# Never at line end: opening marks, currency signs, the solidus (GB-style level).
NO_END = OPENING | frozenset("([{$￥＄£¥/／")
# Marks that may trail a paragraph's last character without making the line worth more (…… ——).
TRAILING = "…⋯—"
# A number binds to the measure word or unit written right after it (688238亿元, 56号, 6.3%).
UNIT_CHARS = frozenset("亿万千百元角号年月日时秒岁个次位名人家项条款章节期届批件台辆吨米克"
                       "升亩倍成度天周户所座份页篇部本张")
# Where an overlong Latin run (a URL) may break: after these characters.
URL_BREAK_AFTER = frozenset("/-?&=#_")

# A Latin word or a number, with its decimal point, thousands separators, sign and unit.
_LATIN = re.compile(
    r"(?:[+\-±$￥](?=\d))?[A-Za-z0-9]+(?:[.,:/\-_'@&+?=#~%]+[A-Za-z0-9]+)*[%‰℃°]*"
)
_FULL_WIDTH_AMBIGUOUS = frozenset("“”‘’—…‥※§№")


# Unit and Placed are made once per character and never changed after: slots and a plain
# __init__, as a frozen dataclass's (object.__setattr__ per field) took 4 times as long.
@dataclass(slots=True)
class Unit:
    """An atom of line breaking: nothing breaks inside it."""

    text: str
    start: int  # offset in the paragraph
    width: float  # natural width in cells
    kind: str  # han | open | close | pair | latin | space | other
    tight: bool = False  # no justification space before it (the rest of a split URL)

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(slots=True)
class Placed:
    """A unit drawn on a line: `x` is where its glyphs start, in cells from the line start."""

    text: str
    x: float
    width: float  # the width it occupies after compression
    kind: str


@dataclass
class Line:
    """One line of a broken paragraph: the units placed on it and what it covers."""

    start: int  # slice of the paragraph this line covers (end includes a dropped break space)
    end: int
    items: list[Placed]
    width: float  # the measure available to this line (after the indent)
    indent: float
    last: bool  # the paragraph's last line: set flush left, not justified
    forced: bool = False  # no legal break fitted: a rule was broken rather than the margin

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.items)

    @property
    def right(self) -> float:
        """Where the ink of the line ends, in cells from the line start."""
        return self.items[-1].x + self.items[-1].width if self.items else self.indent


def is_full_width(ch: str) -> bool:
    return ch in _FULL_WIDTH_AMBIGUOUS or unicodedata.east_asian_width(ch) in "WF"


Measure = Callable[[str, int], float]  # (text, offset in the paragraph) -> width in cells


def tokenize(text: str, measure: Measure, width: float = float("inf")) -> list[Unit]:
    """Split a paragraph into units; Latin runs wider than `width` are split where URLs may break."""
    units: list[Unit] = []
    append, kinds = units.append, _CHAR_KINDS
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        kind = kinds.get(ch) or _char_kind(ch)
        if kind in _FULL_KINDS:  # most of a Chinese text: one full-width character, one unit
            append(Unit(ch, i, 1.0, kind))
            i += 1
        elif kind == "narrow":
            m = _LATIN.match(text, i)
            if m:
                units.extend(_latin_units(m.group(), i, measure, width))
                i = m.end()
            else:
                append(Unit(ch, i, measure(ch, i), "other"))
                i += 1
        else:
            i = _special_unit(text, i, measure, units)
    return units


def _special_unit(text: str, i: int, measure: Measure, units: list[Unit]) -> int:
    """The unit at text[i], one of —…⋯, a space or an ideographic space; where the next starts."""
    ch, n = text[i], len(text)
    if ch in "—…⋯" and i + 1 < n and text[i + 1] == ch:
        units.append(Unit(text[i : i + 2], i, 2.0, "pair"))
        return i + 2
    if ch == " ":
        j = i
        while j < n and text[j] == " ":
            j += 1
        units.append(Unit(text[i:j], i, measure(" ", i), "space"))  # never doubled
        return j
    if ch == "\u3000":
        # an ideographic space keeps its cell inside a line, but like any space it is
        # dropped where a line breaks (and before a paragraph's first character: the
        # indent is ours; authors who typed 　　 would otherwise get four cells)
        units.append(Unit(ch, i, 1.0, "space"))
    elif is_full_width(ch):
        units.append(Unit(ch, i, 1.0, "han"))  # — …: the marks are neither opening nor closing
    else:
        units.append(Unit(ch, i, measure(ch, i), "other"))  # ⋯ alone
    return i + 1


# What a character is to tokenize: a full-width unit of its own (han, open, close), the start of
# a narrow run ("narrow": Latin, digits, other), or one _special_unit makes. Found once per
# character (east_asian_width is slow), for as many characters as a text is likely to hold.
_FULL_KINDS = frozenset(("han", "open", "close"))
_CHAR_KINDS: dict[str, str] = {}


def _char_kind(ch: str) -> str:
    if ch in "—…⋯ \u3000":
        kind = "special"
    elif is_full_width(ch):
        kind = "open" if ch in OPENING else "close" if ch in CLOSING else "han"
    else:
        kind = "narrow"
    if len(_CHAR_KINDS) < 20_000:
        _CHAR_KINDS[ch] = kind
    return kind


def _latin_units(run: str, start: int, measure: Measure, width: float) -> list[Unit]:
    whole = measure(run, start)
    if whole <= width:
        return [Unit(run, start, whole, "latin")]
    # Too long for any line (a URL): break after / - ? & = # _ or before a dot, else anywhere.
    pieces, cur = [], ""
    for k, ch in enumerate(run):
        if cur and ch == ".":
            pieces.append(cur)
            cur = ""
        cur += ch
        if ch in URL_BREAK_AFTER and k + 1 < len(run):
            pieces.append(cur)
            cur = ""
    pieces.append(cur)
    units, off = [], start
    for p in pieces:
        chunks = [p] if measure(p, off) <= width else list(p)
        for c in chunks:
            units.append(Unit(c, off, measure(c, off), "latin", tight=off != start))
            off += len(c)
    return units


def break_allowed(units: list[Unit], glue: bool = True) -> list[bool]:
    """allowed[i]: may a line break fall between units[i-1] and units[i]? (index 0 unused)

    Without `glue`, only the punctuation prohibitions count: the fallback when a number
    bound to its unit words is longer than the line."""
    n = len(units)
    ok = [False] * (n + 1)
    spaced = any(u.kind == "space" for u in units)
    if spaced:
        prev_vis, next_vis = _visible_neighbours(units)
    b = units[0] if units else None
    for i in range(1, n):
        a, b = b, units[i]
        if spaced and (a.kind == "space" or b.kind == "space"):
            # a break at a space: the visible neighbours must still allow it (“ never ends a line)
            prev, nxt = prev_vis[i], next_vis[i]
            ok[i] = not ((prev and prev.text[-1] in NO_END) or (nxt and nxt.text[0] in NO_START))
        elif b.tight:
            ok[i] = True  # inside an overlong URL, where it may break
        else:
            ok[i] = not (
                b.text[0] in NO_START
                or a.text[-1] in NO_END
                or (glue and b.text in UNIT_CHARS and _bound_to_number(units, i))
                # 第11期, 〔2019〕56号
                or (glue and a.text in "第〕" and b.kind == "latin" and b.text[0].isdigit())
            )
    ok[n] = True
    return ok


def _visible_neighbours(units: list[Unit]) -> tuple[list[Unit | None], list[Unit | None]]:
    """The nearest visible (non-space) unit before each boundary and from it on, in one pass each."""
    n = len(units)
    prev_vis: list[Unit | None] = [None] * (n + 1)
    for i in range(1, n + 1):
        u = units[i - 1]
        prev_vis[i] = u if u.kind != "space" else prev_vis[i - 1]
    next_vis: list[Unit | None] = [None] * (n + 1)
    for i in range(n - 1, -1, -1):
        u = units[i]
        next_vis[i] = u if u.kind != "space" else next_vis[i + 1]
    return prev_vis, next_vis


def _bound_to_number(units: list[Unit], i: int) -> bool:
    """Is units[i] one of at most two unit characters right after a number (56号, 688238亿元)?"""
    for j in (i - 1, i - 2):
        if j < 0:
            return False
        if units[j].kind == "latin":
            return units[j].text[-1].isdigit() and all(
                units[k].text in UNIT_CHARS for k in range(j + 1, i + 1)
            )
    return False


def _widths(units: list[Unit], s: int, e: int) -> list[float]:
    """Widths of units[s:e] set as one line, adjacent marks compressed to 1.5 cells."""
    w = [u.width for u in units[s:e]]
    for k in range(s, e - 1):
        a, b = units[k], units[k + 1]
        if a.kind == "close" and b.kind in ("close", "open"):
            w[k - s] = 0.5  # 。” and ）（ : drop the blank right half of the first
        elif a.kind == "open" and b.kind == "open":
            w[k + 1 - s] = 0.5  # 《“ : drop the blank left half of the second
    return w


def _trim(units: list[Unit], s: int, e: int) -> tuple[int, int]:
    """Drop break spaces at both ends of a line."""
    while s < e and units[s].kind == "space":
        s += 1
    while e > s and units[e - 1].kind == "space":
        e -= 1
    return s, e


def _line_widths(units: list[Unit], s: int, e: int, width: float) -> list[float]:
    """Widths of units[s:e] (already trimmed) set as one line `width` cells wide: adjacent marks
    compressed and, if the line is too long otherwise, a closing mark at its end set half
    width (push-in, 先挤进)."""
    w = _widths(units, s, e)
    if e > s and units[e - 1].kind == "close" and sum(w) > width + 1e-9:
        w[-1] = 0.5
    return w


def _fits(units: list[Unit], s: int, e: int, width: float) -> bool:
    s, e = _trim(units, s, e)
    return sum(_line_widths(units, s, e, width)) <= width + 1e-9


def break_paragraph(
    text: str,
    width: float,
    measure: Measure,
    indent: float = 0.0,
) -> list[Line]:
    """Break one paragraph into justified lines `width` cells wide, the first indented."""
    units = tokenize(text, measure, width - indent if indent < width else width)
    if not units:
        return []
    allowed = break_allowed(units)
    relaxed: list[bool] | None = None  # made only when a number bound to its units is too long
    n = len(units)
    breaks: list[int] = []
    forced: set[int] = set()
    s = 0
    while s < n:
        w = width - (indent if not breaks else 0.0)
        longest = _fitting_end(units, s, w)
        e = _last_allowed(allowed, s, longest)
        if e is None:
            relaxed = relaxed or break_allowed(units, glue=False)
            e = _last_allowed(relaxed, s, longest)
        if e is None:
            # A chain of marks that cannot be broken legally is longer than the line: breaking a
            # rule is the lesser harm than running into the margin (clreq allows it as a last
            # resort); a single unit wider than the line goes on a line of its own.
            e = max(s + 1, longest)
            forced.add(len(breaks))
        while e < n and units[e].kind == "space":
            e += 1  # a break space belongs to the line it ends
        breaks.append(e)
        s = e
    _avoid_runt(units, allowed, breaks, width, indent)
    lines = _place(units, breaks, width, indent)
    for k in forced:
        lines[k].forced = True
    return lines


def _last_allowed(allowed: list[bool], s: int, longest: int) -> int | None:
    """The furthest allowed break after s up to `longest` (greedy), or None."""
    for e in range(longest, s, -1):
        if allowed[e]:
            return e
    return None


def _fitting_end(units: list[Unit], s: int, width: float) -> int:
    """The greedy walk: the largest e such that units[s:e'] fits for every e' in (s, e]; s when
    not even the first unit fits. What `_fits` says of each line, found in one pass over the
    line: the width is summed as the units come, in the order `sum` adds them (so each line's
    width is the same float), a unit's width fixed once the unit after it is known (a closing
    mark before another mark is compressed only then)."""
    limit, n = width + 1e-9, len(units)
    ts = s
    while ts < n and units[ts].kind == "space":
        ts += 1  # leading spaces are trimmed: the line is empty (width 0) until ts
    if limit < 0:
        return s
    if ts == n:
        return n
    done = 0.0  # the widths of the line's units before its last visible one, summed
    li = ts  # the line's last visible unit; its width, with no unit after it on the line:
    last_w = units[ts].width
    if last_w > limit and not (units[ts].kind == "close" and limit >= 0.5):
        return ts
    for e in range(ts + 1, n):
        u = units[e]
        if u.kind == "space":
            continue  # spaces at the end are trimmed: the line and its width stay as they were
        after = units[li + 1]  # the unit after the last visible one, now inside the line
        done += 0.5 if units[li].kind == "close" and after.kind in ("close", "open") else last_w
        for k in range(li + 1, e):
            done += units[k].width  # spaces between them
        li, last_w = e, (0.5 if u.kind == "open" and units[e - 1].kind == "open" else u.width)
        if done + last_w > limit and not (u.kind == "close" and done + 0.5 <= limit):
            return e
    return n


def _is_runt(units: list[Unit], s: int, e: int) -> bool:
    """A last line holding one character, maybe with marks after it (孤字: 局。 的； 营……)."""
    core = [u for u in units[s:e] if _counts(u) and u.text.strip(TRAILING)]
    return len(core) == 1 and len(core[0].text) == 1 and core[0].kind in ("han", "other")


def _counts(u: Unit) -> bool:
    """Does the unit count as a character of its line (not a closing mark, half-width or not)?"""
    return u.kind not in ("close", "space") and not (u.kind == "other" and u.text in HALF_CLOSING)


def _avoid_runt(units, allowed, breaks, width, indent) -> None:
    if len(breaks) < 2:
        return
    first = breaks[-3] if len(breaks) >= 3 else 0
    last_start = breaks[-2]
    if not _is_runt(units, last_start, breaks[-1]):
        return
    w_prev = width - (indent if len(breaks) == 2 else 0.0)
    for b in range(last_start - 1, first, -1):
        if not allowed[b]:
            continue
        s, e = _trim(units, first, b)
        if e <= s or not _fits(units, b, breaks[-1], width):
            return
        if _fits(units, first, b, w_prev):
            breaks[-2] = b
        return


def _place(units: list[Unit], breaks: list[int], width: float, indent: float) -> list[Line]:
    lines: list[Line] = []
    tight = any(u.tight for u in units)
    s = 0
    for k, b in enumerate(breaks):
        last = k == len(breaks) - 1
        ind = indent if k == 0 else 0.0
        ts, te = _trim(units, s, b)
        avail = width - ind
        w = _line_widths(units, ts, te, avail)
        slack = avail - sum(w)
        # justification space goes before every unit but the first, not before the rest of a
        # split URL; a line made only of pieces of a split URL is letter-spaced
        gaps = sum(not u.tight for u in units[ts + 1 : te]) if tight else te - ts - 1
        spread = not gaps
        if spread:
            gaps = te - ts - 1
        per_gap = slack / gaps if (not last and gaps and slack > 1e-9) else 0.0
        items, x = [], ind
        for i, (u, wi) in enumerate(zip(units[ts:te], w)):
            if i and (spread or not u.tight):
                x += per_gap
            if u.kind == "open" and wi < u.width:
                # An opening mark set half width loses its blank left half: draw it half a cell left.
                items.append(Placed(u.text, x - (u.width - wi), wi, u.kind))
            else:
                items.append(Placed(u.text, x, wi, u.kind))
            x += wi
        start = units[s].start
        end = units[b - 1].end if b > s else start
        lines.append(Line(start, end, items, width, ind, last))
        s = b
    return lines


@dataclass(frozen=True)
class TitleLine:
    """One line of a broken title: its text (the author's break hints taken out), and that text
    set alone on a line, flush left and not justified: units at x cells from the line's start.
    Callers place the line as it is; nothing is measured or broken again."""

    text: str
    items: list[Placed]

    @property
    def width(self) -> float:
        """Where the line's ink ends, in cells from its start."""
        return self.items[-1].x + self.items[-1].width if self.items else 0.0


def break_title(text: str, width: float, measure: Measure, hints: bool = True, *,
                names: Iterable[str] = ()) -> list[TitleLine]:
    """Break a centred title into balanced lines, between words, each set alone.

    An explicit newline always breaks. Otherwise a space between two Chinese characters is the
    author's hint for where the title may break (it is not printed); without hints the break
    goes between two words (never inside a word or one of `names`, the persons the spec
    names), where the lines come out most even, never leaving one character alone. With
    hints=False (a byline) spaces are text, kept as written.
    """
    if "\n" in text:
        return [ln for part in text.split("\n")
                for ln in break_title(part, width, measure, hints, names=names)]
    plain = BREAK_HINT.sub("", text) if hints else text
    units = tokenize(plain, measure, width)
    whole = not any(u.tight for u in units)  # no Latin run too long for a line was split
    total = sum(u.width for u in units)
    if total <= width + 1e-9 or len(units) < 2:
        return [_alone(plain, units if whole else None, measure)]
    bounds = _title_bounds(text, plain, units, width, hints, names)
    if bounds is None:  # no way into that many lines (a chain too long for one): break greedily
        return [_alone(ln.text, None, measure) for ln in break_paragraph(plain, width, measure)]
    return [_alone(plain[units[a].start : units[b - 1].end].strip(), units[a:b] if whole else None, measure)
            for a, b in itertools.pairwise(bounds)]


def _title_bounds(text: str, plain: str, units: list[Unit], width: float, hints: bool,
                  names: Iterable[str]) -> list[int] | None:
    """Where the lines of a title too long for one start: [0, cut, ..., len(units)], indices of
    units; None if no cut into the fewest lines (or one more) fits."""
    hint_at, removed = set(), 0  # offsets in `plain` where the author's hints were
    for m in BREAK_HINT.finditer(text) if hints else ():
        hint_at.add(m.start() - removed)
        removed += m.end() - m.start()
    scores = phrases.cut_scores(plain, names)  # the lexicon is read only for a title that breaks
    cuts = [(1000.0, 0) if u.start in hint_at else scores[u.start]  # the author's hint wins
            for u in units]
    titled = _TitleCuts(units, break_allowed(units), width, cuts)
    best = None
    for nlines in (titled.fewest_lines, titled.fewest_lines + 1):
        got = titled.cut(nlines)
        if got is not None and (best is None or got[0] < best[0]):
            best = got
        if best is not None and best[0] == 0:
            break  # a break between words at the fewest lines: one more line is not better
    return None if best is None else [0, *best[1], len(units)]


SHORT_LINE = 8.0  # under phrases.CLAUSE - LOOSE: no short line outweighs a phrase boundary
_ALONE = 10_000  # the measure of a line set alone: nothing is pushed in, nothing justified


def _alone(text: str, units: list[Unit] | None, measure: Measure) -> TitleLine:
    """`text` set alone on a line. `units`: the title's units the line holds, used as they are
    when they are the units `text` is made of (so the line is measured once); else (a Latin run
    split for the title's width is whole again on a line of its own) the text is tokenized."""
    s, e = _trim(units, 0, len(units)) if units else (0, 0)
    if units is None or "".join(u.text for u in units[s:e]) != text.strip(" \u3000"):
        units = tokenize(text, measure, _ALONE)
    if not units:
        return TitleLine(text, [])
    return TitleLine(text, _place(units, [len(units)], _ALONE, 0.0)[0].items)


def _uneven(w: float, target: float) -> float:
    """A title line's cost in cells: its distance from the even width, and up to SHORT_LINE more
    under two thirds of it (of two lines, the shorter under half the longer), so that of two
    cuts about as good for meaning the even one wins (张旗会率队督导 | 生态环境…, not 张旗会 | …)."""
    return abs(target - w) + min(SHORT_LINE, 6.0 * max(0.0, target * 2 / 3 - w))


class _TitleCuts:
    """Cuts of a title's units into a given number of lines by dynamic programming.

    A line from unit i to unit j must fit `width` and not be a runt; its cost is, in order:
    the weight of cutting inside words (CUT_WEIGHT), then how uneven it is (_uneven) less
    the phrase bonus of its cut (ties go to more bonus). Line k can only end where the k lines
    so far and the lines left can hold the text, a window about one line wide, and a line
    holds about `width` units: the work grows linearly with the length of the title."""

    def __init__(self, units: list[Unit], allowed: list[bool], width: float,
                 cuts: list[tuple[float, int]]):
        self.units, self.allowed, self.width, self.cuts = units, allowed, width, cuts
        n = len(units)
        w = _widths(units, 0, n)  # adjacent marks compressed as if on one line
        self.prefix = [0.0]
        self.core = [0]  # units that count for a runt: not closing marks, not spaces
        for u, wi in zip(units, w):
            self.prefix.append(self.prefix[-1] + wi)
            self.core.append(self.core[-1] + _counts(u))
        self.fewest_lines = max(1, int(-(-(self.prefix[-1] - 1e-9) // width)))

    def line_width(self, i: int, j: int) -> float:
        """The width of units[i:j] set as one line, as _widths measures it, in O(1): the
        compression across the line's two ends does not happen."""
        u, n = self.units, len(self.units)
        w = self.prefix[j] - self.prefix[i]
        if j < n and u[j - 1].kind == "close" and u[j].kind in ("close", "open"):
            w += u[j - 1].width - 0.5
        if i > 0 and u[i - 1].kind == "open" and u[i].kind == "open":
            w += u[i].width - 0.5
        return w

    def runt(self, i: int, j: int) -> bool:
        return self.core[j] - self.core[i] == 1 and _is_runt(self.units, i, j)

    def cut(self, nlines: int) -> tuple[int, list[int]] | None:
        """(weight of the cuts inside words, cut indices) of the best cut into nlines lines."""
        n, width, prefix = len(self.units), self.width, self.prefix
        target = prefix[-1] / nlines
        # rows[k][j] = ((weight, cost, -bonus), i): units[:j] in k lines, the last from i
        rows: list[dict[int, tuple[tuple[float, float, float], int]]] = [{0: ((0, 0.0, 0.0), -1)}]
        for k in range(1, nlines + 1):
            lo = prefix[-1] - (nlines - k) * width - 1e-9  # what the later lines cannot hold
            hi = k * width + 1e-9
            ends = ([j for j in range(max(1, bisect.bisect_left(prefix, lo)),
                                      min(n, bisect.bisect_right(prefix, hi)))
                     if self.allowed[j]] if k < nlines else [n])
            row = {}
            starts = sorted(rows[k - 1].items())
            start_at = [prefix[i] for i, _ in starts]
            for j in ends:
                # only the lines from i to j that can fit: prefix[i] >= prefix[j] - width
                for i, (key, _) in starts[bisect.bisect_left(start_at, prefix[j] - width - 1e-9):]:
                    if i >= j:
                        break
                    w = self.line_width(i, j)
                    if w > width + 1e-9 or self.runt(i, j):
                        continue
                    bonus, weight = self.cuts[i] if i else (0.0, 0)
                    cand = (key[0] + weight, key[1] + _uneven(w, target) - bonus, key[2] - bonus)
                    if j not in row or cand < row[j][0]:
                        row[j] = (cand, i)
            rows.append(row)
        if n not in rows[nlines]:
            return None
        cuts, j = [], n
        for k in range(nlines, 0, -1):
            j = rows[k][j][1]
            cuts.append(j)
        cuts = cuts[::-1][1:]  # drop the 0 the first line starts at
        return int(rows[nlines][n][0][0]), cuts
