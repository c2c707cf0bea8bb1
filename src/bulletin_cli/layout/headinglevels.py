"""What a body paragraph is in the structure tree: a heading at its level (H2 to H6 under the
article's H1), a quotation (BlockQuote: a Markdown `> `, set in 楷体), or a paragraph (P).
List items are lists.py's.

A heading is what layout sets as one: a subheading (`## `), a regulation's chapter heading
(第一编 > 第一章 > 第一节, centred in 黑体), and a numbered heading set in its heading face
(一、 in 黑体 > （一） in 楷体; a 1. or （1） is set in the body face and is a list item). Its
level follows from the headings before it, as a list's does: a heading ranked below the one
before it goes a level deeper, one ranked alike or above closes the deeper ones. So levels are
never skipped (H2 then H4), whichever ranks an article uses."""
from __future__ import annotations

from ..model import Paragraph
from .paragraphs import CHAPTER, NUMBERED, item_label

DIVISIONS = "编章节"  # a regulation's parts, largest first
FIRST_NUMBER = 1 + len(DIVISIONS)  # the rank of 一、; a plain subheading ranks 0, above all
DEEPEST = 6  # PDF's standard headings end at H6


def heading_rank(p: Paragraph, heading_end: int | None) -> int | None:
    """The paragraph's rank as a heading (0 a subheading, 1-3 编/章/节, 4-7 一、 to （1）),
    None when it is not one. `heading_end`: where its numbered heading ends (heading_ends)."""
    chapter = CHAPTER.match(p.text)
    if chapter:
        return 1 + DIVISIONS.index(chapter.group(1)[-1])
    label = item_label(p.text)
    level = label[0] if label and label[0] < len(NUMBERED) else None
    if level is not None and (p.subheading or (heading_end is not None and NUMBERED[level][1] != "body")):
        return FIRST_NUMBER + level
    return 0 if p.subheading else None


class HeadingLevels:
    """The headings open in one article, as its paragraphs come in reading order."""

    def __init__(self) -> None:
        self.open: list[int] = []  # the ranks of the headings over the next paragraph, outermost first

    def kind(self, p: Paragraph, heading_end: int | None) -> str:
        """The paragraph's structure type: H2-H6, BlockQuote (a quotation) or P."""
        rank = heading_rank(p, heading_end)
        if rank is None:
            return "BlockQuote" if p.kai else "P"
        while self.open and self.open[-1] >= rank:
            self.open.pop()
        self.open.append(rank)
        return f"H{min(1 + len(self.open), DEEPEST)}"
