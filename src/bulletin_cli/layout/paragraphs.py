"""Body paragraphs on the grid: 28 cells a line, the first indented two; numbered headings
(一、 （一） 1. （1）), a regulation's 第一章 and 第一条, and **emphasis** in their faces."""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from ..model import Paragraph
from ..text import linebreak
from .page import CELL, GRID_CHARS, KEEP, LEFT, NEXT, PITCH, SIZE_BODY, Page, Row, Run
from .roles import Elem, Foreign, foreign_stretches, own
from .setter import Setter
from .titles import title_rows

# Numbered paragraphs, and the face GB/T 9704 sets a numbered heading in (others: the body face).
NUMBERED = [
    (re.compile(r"^[一二三四五六七八九十百]+、"), "heading"),  # 一、 黑体
    (re.compile(r"^[（(][一二三四五六七八九十百]+[）)]"), "kai"),  # （一） 楷体; (一) as pasted
    (re.compile(r"^\d+[.．]"), "body"),  # 1.
    (re.compile(r"^[（(]\d+[）)]"), "body"),  # （1）
]
# A numbered part reads as a heading when it is a short phrase: no sentence punctuation inside,
# ending at 。 or at the end of the paragraph, on the first line. Otherwise it is a list item.
SENTENCE_MARKS = frozenset("，；：？！,;:?!")  # half-width as pasted from the web, too
LIST_ENDS = "；：;:"  # an item ending so is one of a list (（一）…；（二）…。)
# A bulleted item: Word's List Bullet prints ● (spec/wordnum.py), or one typed as a list is.
BULLET = re.compile(r"^[●•▪■◆◇○◦➢►]")
HEADING_MAX = GRID_CHARS - 2
# Regulations (the style of the official law texts): 第一章　总则 centred in 黑体 with a line's
# space around it; 第一条 labelled in 黑体 and a full-width space, the article in the body face.
CHAPTER = re.compile(r"^(第[一二三四五六七八九十百零〇\d]+[编章节])[ \u3000]*([^。，；：？！]{0,20})$")
ARTICLE_LABEL = re.compile(r"^(第[一二三四五六七八九十百零〇\d]+条(?:之[一二三四五六七八九十])?)[ \u3000]*")


def paragraph_rows(setter: Setter, text: str, role: str, role_at: Callable[[int], str], where: str,
                   context: str, label: tuple[int, Elem, Elem] | None = None) -> list[Row]:
    """A paragraph on the body grid: 28 cells, the first line indented two. Each character is
    set in the face of role_at(offset); the lines stand on the grid as `role`'s face does.
    `label`: the (length, owner, rest) of a part the paragraph starts with that is an element
    of its own: a list item's label (its Lbl; the rest the LBody's), a run-in heading (its H).
    A stretch in English is a Span of its own (roles.foreign_stretches)."""
    measure = setter.measure(role_at, SIZE_BODY, CELL)
    lines = linebreak.break_paragraph(text, GRID_CHARS, measure, indent=2.0)
    stretches = foreign_stretches(text)
    drop = 0.5 * PITCH + setter.centre(role) * SIZE_BODY
    rows = []
    for k, ln in enumerate(lines):
        # the line becomes its runs now, on baseline 0: a row keeps only what the page
        # will hold, not the breaker's units (they took 3/4 of a huge spec's memory)
        runs = setter.line_runs(ln.items, LEFT, 0.0, SIZE_BODY, CELL,
                                lambda off, start=ln.start: role_at(start + off),
                                where=where, context=context)
        owners = _glyph_owners(text, ln, stretches, label)
        if owners:
            own(runs, owners)
        # keep a paragraph's first two and last two lines together (no orphans or widows)
        glue = len(lines) > 1 and (k == 0 or k == len(lines) - 2)
        rows.append(Row(_lowered(runs, drop), glue_next=KEEP if glue else 0))
    return rows


def body_paragraph_rows(setter: Setter, p: Paragraph, ctx: str, heading_end: int | None,
                        label: tuple[int, Elem, Elem] | None = None) -> list[Row]:
    """An article's paragraph: a subheading, a chapter heading, or text whose numbered heading
    (see heading_ends) ends at `heading_end`; a list item's `label` as paragraph_rows takes it."""
    if p.subheading:  # ## 小标题: the heading face, kept with what follows
        return title_rows(setter, p.text, "heading", SIZE_BODY, str(p.loc), ctx, centred=False)
    chapter = CHAPTER.match(p.text)
    if chapter:
        text = "\u3000".join(g for g in chapter.groups() if g)
        return [Row(None), *title_rows(setter, text, "heading", SIZE_BODY, str(p.loc), ctx, hints=False),
                Row(None, KEEP)]
    text, roles = _paragraph_roles(p.text, heading_end)
    if p.kai:  # a quotation: 楷体 throughout (its **emphasis** still 黑体)
        roles = lambda _off: "kai"  # noqa: E731
    roles = _with_bold(roles, p.bold, len(text) - len(p.text))
    rows = paragraph_rows(setter, text, "body", roles, str(p.loc), ctx, label)
    if len(rows) == 1 and heading_end is not None:
        rows[-1].glue_next = NEXT  # a heading never ends a page
    return rows


def _glyph_owners(text: str, ln: linebreak.Line, stretches: list[tuple[int, int, Foreign]],
                  label: tuple[int, Elem, Elem] | None) -> list | None:
    """Who owns each glyph the line draws, in order (roles.own): the label's glyphs the Lbl, a
    stretch in English its Foreign, the rest None (the element the row is tagged with). None
    when the row's element owns them all."""
    if not (stretches or label):
        return None
    owners: list = []
    at = ln.start  # the line's items are the paragraph's characters from its start, in order
    for it in ln.items:
        for _ in it.text:
            if it.kind != "space":
                owner = label[1] if label and at < label[0] else None
                owners.append(owner or next((f for a, b, f in stretches if a <= at < b), None))
            at += 1
    return owners if any(o is not None for o in owners) else None


def _lowered(runs: list[Run], drop: float) -> Callable[[Page, float], None]:
    """Draw runs set on baseline 0 with their baseline `drop` below the top of the row."""

    def draw(page: Page, top: float) -> None:
        page.items.extend(dataclasses.replace(r, y=top - drop) for r in runs)

    return draw


def heading_ends(texts: list[str]) -> list[int | None]:
    """For each paragraph, where its numbered heading ends (None: not a heading). A numbered
    paragraph is a list item when its numbered part does not read as a heading, and so is every
    paragraph of a run numbered alike in which one item ends with ；or ： (（一）…；（二）…。).
    Items are decided by their siblings: in a run numbered alike where one member is an item,
    a member that is a heading and nothing else (（四）其他…的行为。) is the list's item too; a
    run-in heading with text after it (（一）指导思想。坚持…) stays a heading."""
    kinds = [next((k for k, (pat, _) in enumerate(NUMBERED) if pat.match(t)), None) for t in texts]
    ends = [_heading_end(t) if k is not None else None for t, k in zip(texts, kinds)]
    i = 0
    while i < len(texts):
        j = i + 1
        while j < len(texts) and kinds[i] is not None and kinds[j] == kinds[i] and not _first(texts[j]):
            j += 1  # a run ends where the numbering starts again (a second list's （一）)
        if kinds[i] is not None and any(t.rstrip()[-1:] in LIST_ENDS for t in texts[i:j]):
            ends[i:j] = [None] * (j - i)
        elif kinds[i] is not None and j - i > 1 and None in ends[i:j]:
            ends[i:j] = [None if e is not None and e >= len(t.rstrip()) else e
                         for t, e in zip(texts[i:j], ends[i:j])]
        i = j
    return ends


def item_label(text: str) -> tuple[int, int] | None:
    """A numbered or bulleted paragraph's label: (its level, 0 for 一、 to 3 for （1）, 4 for a
    bullet; its length in characters). None: the paragraph has none."""
    for level, (pat, _) in enumerate(NUMBERED):
        m = pat.match(text)
        if m:
            return level, m.end()
    m = BULLET.match(text)
    return (len(NUMBERED), m.end()) if m else None


def _first(text: str) -> bool:
    """Is the paragraph numbered 一 or 1 (（一） 1. (1)): the first of a run?"""
    return text.lstrip("（(")[:1] in ("一", "1") and not text.lstrip("（(")[1:2].isdigit()


def _heading_end(text: str) -> int | None:
    end = text.find("。")
    end = len(text) if end < 0 else end + 1
    if end > HEADING_MAX or any(c in SENTENCE_MARKS for c in text[:end]):
        return None
    return end


def _paragraph_roles(text: str, heading_end: int | None) -> tuple[str, Callable[[int], str]]:
    """A body paragraph's text and the role of each character: a numbered heading in its face,
    a regulation's 第N条 label in 黑体, the rest (and list items, number and all) in the body face."""
    label = ARTICLE_LABEL.match(text)
    if label:
        n = len(label.group(1))
        return label.group(1) + "\u3000" + text[label.end():], lambda off: "heading" if off < n else "body"
    role = next((r for pat, r in NUMBERED if pat.match(text)), "body")
    if heading_end is None or role == "body":
        return text, lambda _off: "body"
    return text, lambda off: role if off < heading_end else "body"


def _with_bold(roles: Callable[[int], str], bold: tuple[tuple[int, int], ...],
               shift: int) -> Callable[[int], str]:
    """**Emphasis** in the heading face over the paragraph's own roles. `shift`: characters the
    paragraph's text gained before the emphasis (a regulation label's full-width space)."""
    if not bold:
        return roles
    inside = set().union(*(range(a + shift, b + shift) for a, b in bold))
    return lambda off: "heading" if off in inside else roles(off)
