"""The colophon (版记) at the foot of the last page: 报/送/发 and 共印 N 份 between rules, thick
at its top and bottom."""
from __future__ import annotations

from ..errors import InputError, Problem
from ..i18n import _
from ..text import linebreak
from .page import (
    BLOCK_BOTTOM,
    BLOCK_H,
    BLOCK_W,
    LEFT,
    MM,
    PITCH,
    RULE_THICK,
    RULE_THIN,
    SIZE_SMALL,
    Anchor,
    Page,
    Rule,
)
from .setter import Setter

SIZE, LINE_PITCH, PAD = SIZE_SMALL, 22.0, 5.0  # 4号 on a 22 pt pitch, 5 pt inside each rule
LABELS = (("报：", "report_to"), ("送：", "copy_to"), ("发：", "send_to"))


class Colophon:
    """The colophon of one spec, its lists broken into lines: `height` (pt) and what draws it."""

    def __init__(self, setter: Setter):
        self.setter = setter
        d = setter.spec.distribution
        self.copies = d.copies if d is not None else None
        width_cells = (BLOCK_W - 2 * SIZE) / SIZE
        measure = setter.measure(lambda _o: "body", SIZE, SIZE)
        # (label, lines, where written) of each list given
        self.blocks: list[tuple[str, list[linebreak.Line], str]] = []
        for label, key in LABELS if d is not None else ():
            value = getattr(d, key)
            if value:
                self.blocks.append((label, linebreak.break_paragraph(value, width_cells - 2, measure),
                                    setter.where(f"distribution.{key}")))
        self.heights = [len(lines) * LINE_PITCH + 2 * PAD for _, lines, _ in self.blocks]
        if self.copies is not None:
            self.heights.append(LINE_PITCH + 2 * PAD)
        self.height = sum(self.heights)
        if self.height > BLOCK_H:
            spec = setter.spec
            loc = spec.locs.get("distribution")
            raise InputError([Problem(spec.source, loc.line if loc else 0, loc.col if loc else 0,
                                      "distribution", _("the colophon needs {n:.0f} mm, more "
                                                        "than the {n2:.0f} mm text block of a "
                                                        "page").format(n=self.height / MM, n2=BLOCK_H / MM),
                                      _("shorten the 报/送/发 lists, e.g. name groups of offices"),
                                          code="layout.does-not-fit")])

    @property
    def empty(self) -> bool:
        return not self.heights

    def draw(self, page: Page) -> None:
        """Draw the colophon on the foot of `page`'s text block."""
        setter, src = self.setter, self.setter.spec.source
        centre = setter.centre("body")
        y = BLOCK_BOTTOM + self.height
        page.items.append(Anchor("colophon", "版记", y))
        n_el = len(self.heights)
        for k, h in enumerate(self.heights):
            page.items.append(
                Rule(LEFT, LEFT + BLOCK_W, y, RULE_THICK if k == 0 else RULE_THIN))
            top = y - PAD
            if k < len(self.blocks):
                label, lines, where = self.blocks[k]
                for j, ln in enumerate(lines):
                    base = top - j * LINE_PITCH - 0.5 * LINE_PITCH - centre * SIZE
                    if j == 0:
                        page.items.extend(setter.plain_runs(label, "body", SIZE, LEFT + SIZE, base, src,
                                                            context="colophon"))
                    page.items.extend(setter.line_runs(ln.items, LEFT + 3 * SIZE, base, SIZE, SIZE,
                                                       lambda _o: "body", where=where, context="colophon"))
            else:
                text = f"共印 {self.copies} 份"
                base = top - 0.5 * LINE_PITCH - centre * SIZE
                w = setter.text_width(text, "body", SIZE)
                page.items.extend(setter.plain_runs(text, "body", SIZE, LEFT + BLOCK_W - SIZE - w, base, src,
                                                    context="colophon"))
            y -= h
            if k == n_el - 1:
                page.items.append(Rule(LEFT, LEFT + BLOCK_W, y, RULE_THICK))


def add_colophon(setter: Setter, pages: list[Page], used: float, duplex: bool) -> None:
    """Draw the colophon (if the spec has one) at the foot of the last page, or of a new page
    when it does not fit under the `used` points of the last; printed duplex, on a back page."""
    if setter.spec.distribution is None:
        return
    colophon = Colophon(setter)
    if colophon.empty:
        return
    on_page = len(pages)  # number of the page the colophon goes on
    if used + colophon.height + 0.5 * PITCH > BLOCK_H:  # keep half a line clear above the rule
        on_page += 1
    if duplex and on_page % 2:  # printed both sides, the colophon closes the back page
        on_page += 1
    while len(pages) < on_page:
        pages.append(Page(len(pages) + 1))
    colophon.draw(pages[-1])
