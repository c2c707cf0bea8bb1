"""Setting text in the bulletin's faces: which role's face draws each glyph, how far it advances,
and glyphs merged into runs. Every part of the layout sets its text through one Setter per build.

A *role* is the part of the bulletin a face sets ("body", "title", "heading", "kai", "number",
"fallback"); layout asks the fonts about a role's face through RoleMetrics and never reads a
font file itself.
"""
from __future__ import annotations

from array import array
from collections.abc import Callable
from typing import Protocol

from ..i18n import _
from ..model import Spec, twin
from ..text import linebreak, words
from .page import BLACK, MissingGlyph, Run

# GB/T 15834 §5.1.1-2: 、。，；： sit at the lower left of their cell, ？！ at the left. A face whose
# ink centre for one of them lies further right than this (in em) centres it, Taiwan style.
LEFT_MARKS = frozenset("、。，；：？！")
MARK_CENTRE_MAX = 0.33

# A character a role's face lacks is drawn by the face closest to it in style, then by the wide
# Song fallback: 仿宋 → 楷 → 宋, 楷 → 仿宋 → 宋, 黑 and 宋 → the fallback (the bundled 黑体 and
# 小标宋 cover the 8105 list; the bundled 仿宋, FandolFang, lacks 1,467 of them, the 楷 none).
# A role drawn by an official face (仿宋_GB2312 covers GB2312 only) has the bundled face of its
# style next, its twin: 仿宋_GB2312 → bundled 仿宋 → 楷 (and its twin) → 宋.
CLOSEST = {"body": ("kai",), "kai": ("body",)}
STYLE = {"body": "仿宋", "kai": "楷体", "heading": "黑体", "title": "小标宋", "number": "宋体",
         "fallback": "宋体"}

Glyph = tuple[float, str, str, float]  # (x, character, role whose face draws it, advance)


class RoleMetrics(Protocol):
    """What layout asks of the fonts about the face of a role: coverage, ink, advance widths,
    the em box's ascent and descent and the top of a glyph's ink (em at size 1), all measured in
    the face itself. fonts.metrics.Metrics answers it."""

    def has(self, role: str) -> bool: ...  # a face is given for the role (twins: only some)

    def covers(self, role: str, ch: str) -> bool: ...

    def ink(self, role: str, ch: str) -> tuple[float, float] | None: ...

    def advance(self, role: str, text: str) -> float: ...

    def em_box(self, role: str) -> tuple[float, float]: ...

    def ink_top(self, role: str, ch: str) -> float | None: ...


class Setter:
    """Sets the text of one build: chooses the face of each glyph (once per role and character),
    measures text for the line breaker, records the glyphs no face has, turns placed text into
    runs. Also holds the persons the spec names: a title, headline or byline never breaks inside
    them."""

    def __init__(self, spec: Spec, metrics: RoleMetrics):
        self.spec = spec
        self.metrics = metrics
        self.missing: list[MissingGlyph] = []
        self.roles_used: set[str] = set()
        self._role: dict[tuple[str, str], tuple[str, bool]] = {}
        self._advance: dict[tuple[str, str], float] = {}
        self._missing_at: set[tuple[str, str]] = set()
        # characters drawn by another face than their role's, by place: (where, role, drawn) -> chars
        self.stand_ins: dict[tuple[str, str, str], list[str]] = {}
        self._titles: dict[tuple, list[linebreak.TitleLine]] = {}
        # persons the spec names (bylines, 来源 lines, those its paragraphs quote)
        self.names = words.Names(words.spec_names([a.byline for a in spec.articles if a.byline],
                                                  [p.text for a in spec.articles for p in a.paragraphs]))

    def where(self, path: str) -> str:
        """Where the spec wrote the value at `path` (FILE:LINE:COL), or just the file."""
        loc = self.spec.locs.get(path)
        return str(loc) if loc else self.spec.source

    # ---- which face draws a glyph ------------------------------------------------------------
    def role_for(self, role: str, ch: str) -> str:
        """The role whose face draws `ch` set in `role`: its own, else the fallback (else its
        own: a box)."""
        return self._choose(role, ch)[0]

    def _choose(self, role: str, ch: str) -> tuple[str, bool]:
        """(role whose face draws ch, whether no face has it), decided once per build."""
        key = (role, ch)
        if key not in self._role:
            alt = None
            if ch in LEFT_MARKS and not self.mark_left(role, ch):
                # a face with Taiwan-style marks: take them from one in the mainland position
                alt = next((r for r in ("body", "fallback") if r != role and self.mark_left(r, ch)), None)
            if alt:
                self._role[key] = (alt, False)
            elif ch in " \u3000" or self.metrics.covers(role, ch):
                self._role[key] = (role, False)
            else:
                drawn = next((r for r in self._stand_ins(role) if self.metrics.covers(r, ch)), None)
                self._role[key] = (drawn, False) if drawn else (role, True)
        return self._role[key]

    def _stand_ins(self, role: str) -> list[str]:
        """The roles whose faces draw what `role`'s face lacks, nearest in style first."""
        near = [r for base in (role, *CLOSEST.get(role, ())) for r in (base, twin(base))]
        return [r for r in (*near, "fallback") if r != role and self.metrics.has(r)]

    def mark_left(self, role: str, ch: str) -> bool:
        """Does `role`'s face draw the mark `ch` in the left of its cell (GB/T 15834)?"""
        ink = self.metrics.ink(role, ch) if self.metrics.covers(role, ch) else None
        return ink is not None and (ink[0] + ink[1]) / 2 <= MARK_CENTRE_MAX

    def advance(self, role: str, ch: str) -> float:
        """Advance of `ch` in the face of `role` (the role that draws it), em at size 1."""
        key = (role, ch)
        if key not in self._advance:
            self._advance[key] = self.metrics.advance(role, ch)
        return self._advance[key]

    def drawn_role(self, role: str, ch: str, where: str, context: str) -> str:
        """role_for(), for a glyph really drawn: one no face has is recorded once per place."""
        drawn, missing = self._choose(role, ch)
        if missing and (ch, where) not in self._missing_at:
            self._missing_at.add((ch, where))
            self.missing.append(MissingGlyph(ch, where, context))
        elif drawn != role and ch not in LEFT_MARKS:  # a mark's position is a choice, not a lack
            chars = self.stand_ins.setdefault((where or self.spec.source, role, drawn), [])
            if ch not in chars:
                chars.append(ch)
        return drawn

    def stand_in_notes(self) -> list[str]:
        """A note per place where characters were drawn by another face than their role's."""
        return [_("{where}: {chars} not in the official {style} face ({role}); drawn in the bundled "
                  "{style} face").format(where=where, chars="、".join(chars), style=STYLE.get(role, role),
                                         role=role)
                if drawn == twin(role) else
                _("{where}: {chars} not in the {style} face ({role}); "
                  "drawn in the {other} face ({drawn})").format(
                    where=where, chars="、".join(chars), style=STYLE.get(role, role), role=role,
                    other=STYLE.get(drawn.partition(".")[0], drawn), drawn=drawn)
                for (where, role, drawn), chars in self.stand_ins.items()]

    # ---- measuring ---------------------------------------------------------------------------
    def measure(self, role_at: Callable[[int], str], size: float, cell: float) -> linebreak.Measure:
        """Width of narrow text in cells, in the faces that will draw it (by offset)."""

        def width(text: str, at: int) -> float:
            return sum(self.advance(self.role_for(role_at(at + k), c), c)
                       for k, c in enumerate(text)) * size / cell

        return width

    def title_lines(self, text: str, role: str, size: float, cell: float, width: float,
                    hints: bool = True, names: bool = True) -> list[linebreak.TitleLine]:
        """`text` broken as a title (linebreak.break_title) into lines `width` cells wide, in
        `role`'s face at `size` on cells of `cell` pt; with `names`, never inside a person the
        spec names. Broken once per build: the masthead tries its title at up to nine sizes,
        the headline list its entries at two, and what did not change is not broken again."""
        key = (text, role, size, cell, width, hints, names)
        if key not in self._titles:
            measure = self.measure(lambda _o: role, size, cell)
            self._titles[key] = linebreak.break_title(text, width, measure, hints,
                                                      names=self.names if names else ())
        return self._titles[key]

    def em_box(self, role: str) -> tuple[float, float]:
        """(ascent, descent) of the role's face in em: its em box above and below the baseline."""
        return self.metrics.em_box(role)

    def centre(self, role: str) -> float:
        """Height of the centre of the role's em box above the baseline, in em: a line set in
        that face stands centred on its grid line when its baseline is this far below the
        line's middle."""
        ascent, descent = self.metrics.em_box(role)
        return (ascent - descent) / 2

    def text_width(self, text: str, role: str, size: float) -> float:
        """Width (pt) of `text` set solid: a full-width character takes `size`."""
        return sum(
            size if linebreak.is_full_width(c) else self.advance(self.role_for(role, c), c) * size
            for c in text
        )

    # ---- runs --------------------------------------------------------------------------------
    def line_runs(
        self,
        items: list[linebreak.Placed],
        x0: float,
        y: float,
        size: float,
        cell: float,
        role_at: Callable[[int], str],
        color: str = BLACK,
        where: str = "",
        context: str = "",
    ) -> list[Run]:
        """Turn placed units into runs: the glyphs of each unit at their places, merged where
        they are evenly spaced in one face (one PDF string with character spacing)."""
        glyphs: list[Glyph] = []
        offset = 0
        for it in items:
            role = role_at(offset)
            offset += len(it.text)
            pen = x0 + it.x * cell
            for ch in it.text:
                drawn = self.drawn_role(role, ch, where, context)
                adv = self.advance(drawn, ch) * size
                if it.kind != "space":
                    glyphs.append((pen, ch, drawn, adv))
                pen += adv
        return self.runs(glyphs, y, size, color)

    def plain_runs(self, text: str, role: str, size: float, x: float, y: float, where: str,
                   color: str = BLACK, gap: float = 0.0, context: str = "masthead") -> list[Run]:
        """A short line set solid from x (masthead parts, page numbers, the colophon's labels)."""
        glyphs = []
        for ch in text:
            drawn = self.drawn_role(role, ch, where, context)
            glyph = self.advance(drawn, ch) * size
            if ch != " ":
                glyphs.append((x, ch, drawn, glyph))
            x += (size if linebreak.is_full_width(ch) else glyph) + gap
        return self.runs(glyphs, y, size, color)

    def runs(self, glyphs: list[Glyph], y: float, size: float, color: str) -> list[Run]:
        """Merge glyphs into runs: a glyph joins the run before it when it sits exactly where
        that run's constant spacing puts it."""
        runs: list[Run] = []
        prev_end = 0.0  # x where the previous glyph ended
        for x, ch, role, adv in glyphs:
            self.roles_used.add(role)
            r = runs[-1] if runs else None
            if r is not None and r.role == role:
                gap = x - prev_end
                if len(r.text) == 1 and abs(gap) < 5 * size:
                    r.spacing = gap
                if abs(gap - r.spacing) < 0.005:
                    r.text += ch
                    r.xs.append(x)
                    prev_end = x + adv
                    continue
            runs.append(Run(array("d", (x,)), y, ch, role, size, color))  # 8 bytes a glyph, not 32
            prev_end = x + adv
        return runs
