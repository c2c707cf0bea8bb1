"""The masthead (版头) on page 1: the marking, the title in red, 第 N 期, the publisher and the
date, and the red rule under them. Every element is measured against the space it has."""
from __future__ import annotations

import math
from collections.abc import Callable
from typing import NamedTuple

from ..errors import InputError, Problem
from ..i18n import N_, _
from ..text import linebreak
from .page import (
    BLOCK_TOP,
    BLOCK_W,
    CELL,
    GRID_LINES,
    LEFT,
    MM,
    PITCH,
    RED,
    SIZE_BODY,
    SIZE_SMALL,
    Page,
    Rule,
    Run,
)
from .roles import Elem, tag
from .setter import Setter

RULE_MASTHEAD = 0.75 * MM
MASTHEAD_SMALLEST = 24.0  # a masthead title line is broken rather than set under 小一 ...
# ... unless the whole masthead would then take more than MASTHEAD_MAX_LINES of page 1's grid:
# then the title steps down through these caps (to 3号) before the spec is refused.
MASTHEAD_MAX_LINES = 14
TITLE_CAPS = (64.0, 36.0, 30.0, 26.0, 24.0, 22.0, 20.0, 18.0, 16.0)
MASTHEAD_HINTS = {
    "title": N_("shorten the title, or break it into fewer lines"),
    "marking": N_("a marking is a line or two (内部资料　注意保存): shorten it"),
    "publisher": N_("give the issuing office's name alone: shorten the publisher"),
}
PUBLISHER_LEADING = 1.5  # baseline to baseline of a publisher wrapped beside the date, in em

Draw = Callable[[], list[Run | Rule]]


class MastheadLine(NamedTuple):
    """One line of the masthead title as the author wrote it, and how it may be set."""

    text: str
    largest: float  # pt
    max_gap: float  # letter-spacing allowed, in em
    space: float  # above it, in grid lines


def masthead_title(title: str) -> list[MastheadLine]:
    """The masthead title's lines: those its author wrote (with | or a list), or a long title
    ending in 工作简报 (or 简报, 动态, 快报...) with that word on its own line. The last line is
    set large; the ones above it at most 26 pt."""
    if "\n" in title:
        lines = [t.strip() for t in title.split("\n") if t.strip()]
    else:
        lines = [title]
        for suffix in ("工作简报", "工作动态", "简报", "动态", "快报", "专报", "通讯", "信息"):
            if title.endswith(suffix):
                # a short name stays whole (测试工作简报), rather than 测试工作 over 简报
                lines = [title[: -len(suffix)], suffix] if len(title) - len(suffix) >= 4 else [title]
                break
    *upper, big = lines
    return ([MastheadLine(t, 26.0, 0.3, 0.4 if k == 0 else 0.15) for k, t in enumerate(upper)]
            + [MastheadLine(big, 64.0, 1.0, 0.3)])


def draw_masthead(setter: Setter, page: Page, parent: Elem | None = None) -> int:
    """Draw the masthead on page 1; return how many grid lines it takes.

    The marking wraps under itself; the publisher steps down to 4号 beside the date, then wraps
    there; a title line too long for one line breaks into balanced lines; and the whole title
    steps down in size until the masthead leaves page 1 MASTHEAD_MAX_LINES at most, else the
    spec is refused. `parent`: the structure element its lines go in (roles.py)."""
    masthead = _Masthead(setter)
    for cap in TITLE_CAPS:
        used, draws, heights = masthead.at(cap)
        if used <= MASTHEAD_MAX_LINES:
            for draw in draws:
                items = draw()
                if parent is not None:
                    _tag_line(items, parent)
                page.items.extend(items)
            return used
    # blame the part that takes the most room: a marking or publisher of a page is no title's fault
    part = max(heights, key=heights.__getitem__)
    spec = setter.spec
    loc = spec.locs.get(f"masthead.{part}")
    raise InputError([Problem(spec.source, loc.line if loc else 0, loc.col if loc else 0,
                              f"masthead.{part}", _("the masthead needs {used} of page 1's "
                                                    "{grid_lines} lines even with its title at "
                                                    "{value:.0f} pt (at most "
                                                    "{masthead_max_lines}); the {part} takes "
                                                    "{n:.0f}").format(
                                                        used=used, grid_lines=GRID_LINES,
                                                        value=TITLE_CAPS[-1],
                                                        masthead_max_lines=MASTHEAD_MAX_LINES, part=part,
                                                        n=heights[part] / PITCH),
                              _(MASTHEAD_HINTS[part]), code="layout.does-not-fit")])


def _tag_line(items: list, parent: Elem) -> None:
    """A masthead line's role: the title's lines make one heading, which reads as its characters
    (ActualText) without the spaces its letter-spacing shows between them; any other line is a
    paragraph. The red rule stays decoration."""
    runs = [it for it in items if isinstance(it, Run)]
    if not runs:
        return
    if runs[0].role != "title":
        tag(runs, parent.add("P"))
        return
    heading = parent.kids[-1] if parent.kids and parent.kids[-1].kind == "H1" else parent.add("H1")
    heading.actual += "".join(r.text for r in runs)
    tag(runs, heading)


class _Masthead:
    """The masthead of one spec, laid out with its title at a given cap."""

    def __init__(self, setter: Setter):
        self.setter = setter
        self.where = {k: setter.where(f"masthead.{k}")
                      for k in ("marking", "title", "issue", "publisher", "date")}

    def at(self, cap: float) -> tuple[int, list[Draw], dict[str, float]]:
        """Grid lines the masthead takes with its title at most `cap` pt, what draws it, and the
        height (pt) its marking, title and publisher take."""
        setter, where = self.setter, self.where
        mh = setter.spec.masthead
        draws: list[Draw] = []
        y = BLOCK_TOP
        heights = {}
        # each line stands on the em box of its face: its ascent above the baseline, its descent below
        (title_up, title_down), (body_up, body_down) = setter.em_box("title"), setter.em_box("body")
        for line in self.wrapped(mh.marking or "", "heading", SIZE_BODY, BLOCK_W) or [""]:
            base = y - 0.5 * PITCH - setter.centre("heading") * SIZE_BODY
            draws.append(lambda line=line, base=base: setter.plain_runs(line, "heading", SIZE_BODY, LEFT,
                                                                        base, where["marking"]))
            y -= PITCH
        heights["marking"], top = BLOCK_TOP - y, y
        for group in masthead_title(mh.title):
            space = group.space
            for line, size in self.fit_title_line(group.text, min(group.largest, cap),
                                                  min(MASTHEAD_SMALLEST, cap)):
                y -= space * PITCH + title_up * size
                draws.append(lambda line=line, size=size, y=y, gap=group.max_gap:
                             self.spread_runs(line, "title", size, y, RED, gap, where["title"]))
                y -= title_down * size
                space = 0.15
        heights["title"] = top - y
        # 第 N 期 （总第 N 期）
        issue = f"第 {mh.issue} 期" + (f"（总第 {mh.total_issue} 期）" if mh.total_issue else "")
        y -= 0.5 * PITCH + body_up * SIZE_BODY
        w = setter.text_width(issue, "body", SIZE_BODY)
        draws.append(lambda y=y: setter.plain_runs(issue, "body", SIZE_BODY, LEFT + (BLOCK_W - w) / 2, y,
                                                   where["issue"]))
        y -= body_down * SIZE_BODY
        y, heights["publisher"] = self.publisher_and_date(y, draws)
        rule_y = y - body_down * SIZE_BODY - 4 * MM
        draws.append(lambda: [Rule(LEFT, LEFT + BLOCK_W, rule_y, RULE_MASTHEAD, RED)])
        return math.ceil((BLOCK_TOP - rule_y + 0.3 * PITCH) / PITCH), draws, heights

    def publisher_and_date(self, y: float, draws: list[Draw]) -> tuple[float, float]:
        """The publisher left, the date right on the publisher's last line, each one character
        in, below `y`: the baseline of their last line and the height they take."""
        setter, where = self.setter, self.where
        mh = setter.spec.masthead
        date = f"{mh.date.year}年{mh.date.month}月{mh.date.day}日"
        wd = setter.text_width(date, "body", SIZE_BODY)
        room = BLOCK_W - 3 * CELL - wd  # left of the date, one character clear of it
        # 3号 as the date; 4号 if that keeps it on one line; else 3号 over balanced lines
        size = SIZE_SMALL if setter.text_width(mh.publisher, "body", SIZE_BODY) > room >= \
            setter.text_width(mh.publisher, "body", SIZE_SMALL) else SIZE_BODY
        y -= 0.6 * PITCH
        top = y
        ascent = setter.em_box("body")[0]
        for k, line in enumerate(self.wrapped(mh.publisher, "body", size, room)):
            y -= (ascent if k == 0 else PUBLISHER_LEADING) * size
            draws.append(lambda line=line, y=y, size=size: setter.plain_runs(line, "body", size, LEFT + CELL,
                                                                             y, where["publisher"]))
        draws.append(lambda y=y: setter.plain_runs(date, "body", SIZE_BODY, LEFT + BLOCK_W - CELL - wd, y,
                                                   where["date"]))
        return y, top - y

    def wrapped(self, text: str, role: str, size: float, width: float) -> list[str]:
        """`text` broken into balanced lines no wider than `width` pt, set solid at `size`."""
        setter = self.setter
        if not text:
            return []
        if setter.text_width(text, role, size) <= width:
            return [text]
        return [line.text for line in setter.title_lines(text, role, size, size, width / size, hints=False)]

    def fit_title_line(self, text: str, largest: float, smallest: float) -> list[tuple[str, float]]:
        """The size that makes `text` fill the text block (at most `largest`); a title too long
        to stay readable on one line (under `smallest`) is broken into balanced lines."""
        setter = self.setter
        size = min(largest, BLOCK_W / max(setter.text_width(text, "title", 1.0), 1e-6))
        if size >= smallest:
            return [(text, size)]
        size = smallest
        return [(line.text, min(size, BLOCK_W / setter.text_width(line.text, "title", 1.0)))
                for line in setter.title_lines(text, "title", size, size, BLOCK_W / size)]

    def spread_runs(self, text: str, role: str, size: float, y: float, color: str,
                    max_gap: float, where: str) -> list[Run]:
        """A masthead line letter-spaced to fill the text block (at most max_gap em per gap);
        text with Latin letters or digits is centred as it is: spacing would tear its words."""
        setter = self.setter
        w = setter.text_width(text, role, size)
        n = len(text)
        if not all(linebreak.is_full_width(c) for c in text):
            max_gap = 0.0
        gap = min(max_gap * size, (BLOCK_W - w) / (n - 1)) if n > 1 else 0.0
        gap = max(gap, 0.0)
        total = w + gap * (n - 1)
        return setter.plain_runs(text, role, size, LEFT + (BLOCK_W - total) / 2, y, where, color, gap)
