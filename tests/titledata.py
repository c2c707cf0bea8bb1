"""The real titles of tests/data/titles.txt and what is counted when they are set (issue #21):
breaks inside a unit (the data's [brackets]), uneven settings, lines of one or two characters.
Shared by the title tests and tools/title_meaning.py."""
from __future__ import annotations

import itertools
import re
from pathlib import Path

from bulletin_cli.text.linebreak import break_allowed, tokenize
from bulletin_cli.text.linebreak import break_title as break_into_lines

DATA = Path(__file__).parent / "data" / "titles.txt"
# (where, width in cells) as layout/compose.py breaks titles: an article title (2号), a
# headline entry (without and with page numbers), a subheading, the masthead title at 24 pt
WIDTHS = [("title", 156 / 25.4 * 72 / 22), ("headline", 25.0), ("headline+pages", 22.0),
          ("subheading", 26.0), ("masthead", 156 / 25.4 * 72 / 24)]
MARKS = "，。、；：？！“”‘’《》（）()—…·丨｜| 　"


def break_title(*args, **kw) -> list[str]:
    """The text of each line the title breaker makes."""
    return [ln.text for ln in break_into_lines(*args, **kw)]


def half(s: str, at: int = 0) -> float:
    return sum(1.0 if ord(c) > 0x2000 else 0.5 for c in s)


def read_data(path: Path = DATA) -> list[tuple[str, list[tuple[int, int]], str]]:
    """(title, spans of its units, source) for each title of the data."""
    out = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        marked, _, source = line.partition("\t")
        title, spans = "", []
        for m in re.finditer(r"\[([^\]]*)\]|[^\[]+", marked):
            if m.group(1) is not None:
                spans.append((len(title), len(title) + len(m.group(1))))
                title += m.group(1)
            else:
                title += m.group()
        out.append((title, spans, source))
    return out


def breaks(title: str, lines: list[str]) -> list[int]:
    """Offsets in `title` where the lines after the first start (the author's spaces, which
    break_title drops, skipped)."""
    out, at = [], 0
    for k, line in enumerate(lines):
        seen = 0
        while at < len(title) and title[at].isspace():
            at += 1
        if k:
            out.append(at)
        while seen < len(line) and at < len(title):
            if not title[at].isspace() or line[seen].isspace():
                seen += 1
            at += 1
    return out


def short_line(line: str) -> bool:
    return len([c for c in line if c not in MARKS]) <= 2


def inside(spans: list[tuple[int, int]], b: int) -> bool:
    return any(a < b < e for a, e in spans)


def whole_cuts(title: str, spans: list[tuple[int, int]], width: float, nlines: int):
    """Every cut of `title` into nlines lines that fit, keep every unit whole and leave no line
    of one or two characters (none where the author's spaces decide)."""
    if " " in title or "\u3000" in title:
        return
    units = tokenize(title, half)
    allowed = break_allowed(units)
    cuts = [units[i].start for i in range(1, len(units)) if allowed[i] and not inside(spans, units[i].start)]
    for combo in itertools.combinations(cuts, nlines - 1):
        lines = [title[a:b] for a, b in itertools.pairwise([0, *combo, len(title)])]
        if all(half(x) <= width + 1e-9 and not short_line(x) for x in lines):
            yield lines


def forced(title: str, spans: list[tuple[int, int]], width: float, nlines: int) -> bool:
    """No cut into nlines lines keeps every unit whole (whole_cuts): a break inside a unit is
    then not the breaker's."""
    return next(whole_cuts(title, spans, width, nlines), None) is None


def uneven(lines: list[str]) -> bool:
    """The shortest line under half the longest (a name alone over a long predicate)."""
    widths = [half(x) for x in lines]
    return len(lines) > 1 and min(widths) < max(widths) / 2


def even_cut(title: str, spans: list[tuple[int, int]], width: float, nlines: int) -> bool:
    """Some cut keeping every unit whole (whole_cuts) is not uneven: balance was to be had."""
    return any(not uneven(lines) for lines in whole_cuts(title, spans, width, nlines))


def judge(data, settings: list[list[list[str]]]) -> dict:
    """The counts of `settings` (for each title of `data`, its lines at each of WIDTHS): every
    setting, the multi-line ones, the breaks inside a unit (and how many of them no cut could
    avoid), the uneven settings (and how many of them an even cut keeping every unit whole
    could have avoided), the lines of one or two characters, and the balance: the mean of
    shortest / longest line over the multi-line settings."""
    found = {"settings": 0, "multi_line": 0, "inside_unit": [], "forced": 0, "uneven": [],
             "even_possible": 0, "short_line": [], "balance": 0.0}
    ratios = []
    for (title, spans, _), per_width in zip(data, settings):
        for (where, width), lines in zip(WIDTHS, per_width):
            found["settings"] += 1
            if len(lines) < 2:
                continue
            found["multi_line"] += 1
            for b in breaks(title, lines):
                if inside(spans, b):
                    found["inside_unit"].append((where, " | ".join(lines)))
                    found["forced"] += forced(title, spans, width, len(lines))
            widths = [half(x) for x in lines]
            ratios.append(min(widths) / max(widths))
            if uneven(lines):
                found["uneven"].append((where, " | ".join(lines)))
                found["even_possible"] += even_cut(title, spans, width, len(lines))
            if any(short_line(x) for x in lines):
                found["short_line"].append((where, " | ".join(lines)))
    found["balance"] = sum(ratios) / max(len(ratios), 1)
    return found
