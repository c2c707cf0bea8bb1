"""Page numbers (页码): — N — in 4号 under the text block, outside on facing pages or centred."""
from __future__ import annotations

from .page import BLOCK_BOTTOM, BLOCK_W, LEFT, MM, SIZE_SMALL, Page
from .setter import Setter

DASH = "\u2014"  # 一字线, on both sides of the number


def number_pages(setter: Setter, pages: list[Page]) -> None:
    """Add its number to every page that carries anything (style.page_numbers: outside, center
    or none)."""
    mode = setter.spec.style.page_numbers
    if mode == "none":
        return
    size = SIZE_SMALL
    # the 一字线 sits 7 mm below the text block: its top edge (measured from the glyph's outline
    # in the face that draws it; 0.40 em above the baseline in the bundled number face), 7 mm down
    base = BLOCK_BOTTOM - 7 * MM - dash_top(setter) * size
    for p in pages:
        if not p.items:  # a blank page (the back of a duplex sheet) carries no number
            continue
        text = f"{DASH} {p.number} {DASH}"
        w = setter.text_width(text, "number", size)
        if mode == "center":
            x = LEFT + (BLOCK_W - w) / 2
        elif p.number % 2:
            x = LEFT + BLOCK_W - size - w
        else:
            x = LEFT + size
        p.items.extend(setter.plain_runs(text, "number", size, x, base, setter.spec.source,
                                         context="page numbers"))


def dash_top(setter: Setter) -> float:
    """How far the top of the 一字线 (U+2014) of the page numbers stands above their baseline, in
    em: its ink's top in the face that draws it, or, for a dash drawn blank or as a box, the
    centre of the number face's em box."""
    role = setter.role_for("number", DASH)
    top = setter.metrics.ink_top(role, DASH)
    return top if top is not None else setter.centre("number")
