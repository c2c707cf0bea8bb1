"""Lists in the structure tree (L, LI, Lbl, LBody): which paragraphs of an article are list
items and which list each belongs to. A spec has no list syntax: a list is what layout already
sets as one: the numbered paragraphs that do not read as headings (paragraphs.heading_ends:
（一）…； （二）…。), those numbered 1. or （1）, which layout sets in the body face whether they
read as headings or not (a Markdown or Word numbered list: 1.加强领导), and bulleted ones (a
Word file's List Bullet, a Markdown `- `, print ●).

Items numbered alike in a row make one list; an item numbered a level deeper (一、 > （一） >
1. > （1）, as GB/T 9704 orders them) opens a list inside the item before it. Bullets have no
place in that order: a bulleted item after numbered ones (or a numbered one after bullets) opens
a list of its own. Any other block (a paragraph, a heading, a photo, a table) ends every list."""
from __future__ import annotations

from ..model import Block, Paragraph
from .paragraphs import NUMBERED, item_label
from .roles import Elem

BULLETED = len(NUMBERED)  # item_label's level of a bullet


class Lists:
    """The lists open in one article's section, as its blocks come in reading order."""

    def __init__(self, sect: Elem):
        self.sect = sect
        self.open: list[tuple[int, Elem]] = []  # (level, L), outermost first

    def item(self, block: Block, heading_end: int | None) -> tuple[int, Elem, Elem] | None:
        """For a list item: (its label's length, its Lbl, its LBody), in the list it belongs to;
        None for any other block (which closes the lists)."""
        label = item_label(block.text) if isinstance(block, Paragraph) and not block.subheading else None
        if label and heading_end is not None and label[0] < BULLETED and NUMBERED[label[0]][1] != "body":
            label = None  # 一、 （一） set in their heading face: a heading (headinglevels.py)
        if label and block.text[label[1]:label[1] + 1].isdigit():
            label = None  # 1.5万人参加…: a decimal number, not the label 1.
        if label is None:
            self.open.clear()
            return None
        level, length = label
        if self.open and (level == BULLETED) != (self.open[-1][0] == BULLETED):
            self.open.clear()  # bullets and numbers never nest in each other
        while self.open and self.open[-1][0] > level:
            self.open.pop()
        if not self.open or self.open[-1][0] < level:
            # a deeper list belongs to the item before it: inside its LBody, after its text
            parent = self.open[-1][1].kids[-1].kids[-1] if self.open else self.sect
            self.open.append((level, parent.add("L")))
        li = self.open[-1][1].add("LI")
        return length, li.add("Lbl"), li.add("LBody")
