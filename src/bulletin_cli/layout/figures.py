"""Photos with their captions, and the captions of tables: a caption is set in 4号, broken like a
title, centred: a photo's in 楷体 under it, a table's in 黑体 over it (表题在上)."""
from __future__ import annotations

from ..i18n import _
from ..model import Figure
from ..text import linebreak
from .page import (
    BLACK,
    BLOCK_H,
    BLOCK_W,
    LEFT,
    PITCH,
    SIZE_SMALL,
    Image,
    Page,
    Row,
    Run,
)
from .roles import foreign_owners, own
from .setter import Setter

FIGURE_PAD = 0.3 * PITCH  # space above a photo and below its caption
FIGURE_GAP = 6.0  # between a photo and its caption (a table's caption and the table)
CAPTION_PITCH = 22.0  # line pitch of 4号 captions and table text, as in the colophon
MIN_DPI = 150  # below this a printed photo looks blurred

CaptionLine = tuple[list[linebreak.Placed], float]  # (placed units, width in pt)


def caption_lines(setter: Setter, text: str, role: str = "kai") -> list[CaptionLine]:
    """A caption in 4号 of `role`'s face broken like a title: (placed units, width) per line."""
    lines = setter.title_lines(text, role, SIZE_SMALL, SIZE_SMALL, BLOCK_W / SIZE_SMALL,
                               hints=False, names=False)
    return [(line.items, line.width * SIZE_SMALL) for line in lines]


def caption_runs(setter: Setter, lines: list[CaptionLine], top: float, where: str, ctx: str,
                 role: str = "kai") -> list[Run]:
    """The caption's lines centred in the text block, the first `top` below its top."""
    runs, centre = [], setter.centre(role)
    foreign = foreign_owners([items for items, _w in lines])  # English in it: a Span (roles.py)
    for j, (items, w) in enumerate(lines):
        base = top - (j + 0.5) * CAPTION_PITCH - centre * SIZE_SMALL
        line = setter.line_runs(items, LEFT + (BLOCK_W - w) / 2, base, SIZE_SMALL, SIZE_SMALL,
                                lambda _o: role, BLACK, where, ctx)
        if foreign[j]:
            own(line, foreign[j])
        runs += line
    return runs


def figure_row(setter: Setter, fig: Figure, ctx: str, notes: list[str]) -> Row:
    """A photo scaled to its share of the text block's width (and never taller than a page
    leaves room for, with two lines of text before it), centred, its caption under it. A photo
    that prints blurred is noted in `notes`."""
    where = str(fig.loc)
    caption = caption_lines(setter, fig.caption) if fig.caption else []
    below = (FIGURE_GAP + len(caption) * CAPTION_PITCH) if caption else 0.0
    pic = fig.picture
    w = BLOCK_W * fig.width
    h = w * pic.height / pic.width
    tallest = BLOCK_H - 2 * PITCH - 2 * FIGURE_PAD - below
    if h > tallest:
        h, w = tallest, tallest * pic.width / pic.height
    dpi = pic.width / (w / 72)
    if dpi < MIN_DPI:
        notes.append(_("{where}: photo {source} prints at {dpi:.0f} dpi, below {min_dpi} "
                       "(blurred in print): use a larger image").format(
                           where=where, source=pic.source, dpi=dpi, min_dpi=MIN_DPI))
    height = FIGURE_PAD + h + below + FIGURE_PAD

    def draw(page: Page, top: float) -> None:
        img_top = top - FIGURE_PAD
        page.items.append(Image(LEFT + (BLOCK_W - w) / 2, img_top - h, w, h, pic))
        page.items.extend(caption_runs(setter, caption, img_top - h - FIGURE_GAP, where, ctx))

    return Row(draw, lines=height / PITCH, grid=False, floats=True)
