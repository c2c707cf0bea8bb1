"""Page numbers (页码): — N — in 4号 under the text block, outside on facing pages or centred."""
from __future__ import annotations

from .page import BLOCK_BOTTOM, BLOCK_W, DASH_TOP, LEFT, MM, SIZE_SMALL, Page
from .setter import Setter


def number_pages(setter: Setter, pages: list[Page]) -> None:
    """Add its number to every page that carries anything (style.page_numbers: outside, center
    or none)."""
    mode = setter.spec.style.page_numbers
    if mode == "none":
        return
    size = SIZE_SMALL
    # the 一字线 sits 7 mm below the text block: its top edge, 0.40 em above the baseline
    # in the number face (measured from the glyph's outline), 7 mm down
    base = BLOCK_BOTTOM - 7 * MM - DASH_TOP * size
    for p in pages:
        if not p.items:  # a blank page (the back of a duplex sheet) carries no number
            continue
        text = f"— {p.number} —"
        w = setter.text_width(text, "number", size)
        if mode == "center":
            x = LEFT + (BLOCK_W - w) / 2
        elif p.number % 2:
            x = LEFT + BLOCK_W - size - w
        else:
            x = LEFT + size
        p.items.extend(setter.plain_runs(text, "number", size, x, base, setter.spec.source,
                                         context="page numbers"))
