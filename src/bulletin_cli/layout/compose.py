"""Spec -> pages of placed text runs and rules (PDF coordinates, points), no PDF library here.
The page model and the grid are in page.py."""
from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable
from typing import NamedTuple, Protocol

from ..errors import InputError, Problem
from ..model import Block, Figure, Paragraph, Spec, Table, plain_title
from ..text import linebreak, words
from .page import (
    BLACK,
    BLOCK_BOTTOM,
    BLOCK_H,
    BLOCK_TOP,
    BLOCK_W,
    CELL,
    DASH_TOP,
    EM_CENTER,
    GRID_CHARS,
    GRID_LINES,
    KEEP,
    LEFT,
    MM,
    NEXT,
    PITCH,
    RED,
    RULE_THICK,
    RULE_THIN,
    SIZE_BODY,
    SIZE_SMALL,
    SIZE_TITLE,
    WHOLE,
    Anchor,
    Document,
    Image,
    Link,
    MissingGlyph,
    Page,
    Row,
    Rule,
    Run,
)
from .paginate import paginate

# GB/T 15834 §5.1.1-2: 、。，；： sit at the lower left of their cell, ？！ at the left. A face whose
# ink centre for one of them lies further right than this (in em) centres it, Taiwan style.
LEFT_MARKS = frozenset("、。，；：？！")
MARK_CENTRE_MAX = 0.33


RULE_MASTHEAD = 0.75 * MM
MASTHEAD_SMALLEST = 24.0  # a masthead title line is broken rather than set under 小一 ...
# ... unless the whole masthead would then take more than MASTHEAD_MAX_LINES of page 1's grid:
# then the title steps down through these caps (to 3号) before the spec is refused.
MASTHEAD_MAX_LINES = 14
TITLE_CAPS = (64.0, 36.0, 30.0, 26.0, 24.0, 22.0, 20.0, 18.0, 16.0)
MASTHEAD_HINTS = {
    "title": "shorten the title, or break it into fewer lines",
    "marking": "a marking is a line or two (内部资料　注意保存): shorten it",
    "publisher": "give the issuing office's name alone: shorten the publisher",
}
PUBLISHER_LEADING = 1.5  # baseline to baseline of a publisher wrapped beside the date, in em
# 本期要目: entries start two characters in; continuation lines hang one more (a hanging indent
# tells one entry from the next without a bullet glyph); the tightest leading, in em.
LIST_INDENT, LIST_HANG, LIST_LEADING_MIN = 2.0, 1.0, 1.45

# Photos and tables (sizes in points)
FIGURE_PAD = 0.3 * PITCH  # space above a photo and below its caption
FIGURE_GAP = 6.0  # between a photo and its caption (a table's caption and the table)
CAPTION_PITCH = 22.0  # line pitch of 4号 captions and table text, as in the colophon
TABLE_PITCH = 20.0
TABLE_PAD = 4.0  # above and below a table row's text
CELL_PAD = 5.0  # left and right of a cell's text
MIN_DPI = 150  # below this a printed photo looks blurred
TOC_ROOM = 3.0  # cells kept at the right of each headline for leaders and a page number

# Numbered paragraphs, and the face GB/T 9704 sets a numbered heading in (others: the body face).
NUMBERED = [
    (re.compile(r"^[一二三四五六七八九十百]+、"), "heading"),  # 一、 黑体
    (re.compile(r"^（[一二三四五六七八九十百]+）"), "kai"),  # （一） 楷体
    (re.compile(r"^\d+[.．]"), "body"),  # 1.
    (re.compile(r"^（\d+）"), "body"),  # （1）
]
# A numbered part reads as a heading when it is a short phrase: no sentence punctuation inside,
# ending at 。 or at the end of the paragraph, on the first line. Otherwise it is a list item.
SENTENCE_MARKS = frozenset("，；：？！")
HEADING_MAX = GRID_CHARS - 2
# Regulations (the style of the official law texts): 第一章　总则 centred in 黑体 with a line's
# space around it; 第一条 labelled in 黑体 and a full-width space, the article in the body face.
CHAPTER = re.compile(r"^(第[一二三四五六七八九十百零〇\d]+[编章节])[ \u3000]*([^。，；：？！]{0,20})$")
ARTICLE_LABEL = re.compile(r"^(第[一二三四五六七八九十百零〇\d]+条(?:之[一二三四五六七八九十])?)[ \u3000]*")


class Metrics(Protocol):
    """What layout needs to know about fonts: coverage and advance widths (em at size 1)."""

    def covers(self, role: str, ch: str) -> bool: ...

    def ink(self, role: str, ch: str) -> tuple[float, float] | None: ...

    def advance(self, role: str, text: str) -> float: ...



class Composer:
    """Turns a Spec into a Document with a given Metrics; keeps the per-build state."""

    def __init__(self, spec: Spec, metrics: Metrics):
        self.spec = spec
        self.m = metrics
        self.missing: list[MissingGlyph] = []
        self.notes: list[str] = []
        self.article_first_rows: list[Row] = []  # each article's first row, to find its page
        self.article_pages: list[int] = []  # each article's page number, once paginated
        self.roles_used: set[str] = set()
        self._face: dict[tuple[str, str], tuple[str, bool]] = {}
        self._advance: dict[tuple[str, str], float] = {}
        self._missing_at: set[tuple[str, str]] = set()
        # persons the spec names (bylines, 来源 lines, those its paragraphs quote): a title,
        # headline or byline never breaks inside them
        self.names = words.Names(words.spec_names([a.byline for a in spec.articles if a.byline],
                                                  [p.text for a in spec.articles for p in a.paragraphs]))

    # ---- fonts -------------------------------------------------------------------------------
    def face(self, role: str, ch: str) -> str:
        """The role whose face draws `ch`: its own, else the fallback (else its own: a box)."""
        return self._choose(role, ch)[0]

    def _choose(self, role: str, ch: str) -> tuple[str, bool]:
        """(face that draws ch, whether no face has it), decided once per build."""
        key = (role, ch)
        if key not in self._face:
            alt = None
            if ch in LEFT_MARKS and not self.mark_left(role, ch):
                # a face with Taiwan-style marks: take them from one in the mainland position
                alt = next((r for r in ("body", "fallback") if r != role and self.mark_left(r, ch)), None)
            if alt:
                self._face[key] = (alt, False)
            elif ch in " \u3000" or self.m.covers(role, ch):
                self._face[key] = (role, False)
            elif self.m.covers("fallback", ch):
                self._face[key] = ("fallback", False)
            else:
                self._face[key] = (role, True)
        return self._face[key]

    def mark_left(self, role: str, ch: str) -> bool:
        """Does `role`'s face draw the mark `ch` in the left of its cell (GB/T 15834)?"""
        ink = self.m.ink(role, ch) if self.m.covers(role, ch) else None
        return ink is not None and (ink[0] + ink[1]) / 2 <= MARK_CENTRE_MAX

    def advance(self, face: str, ch: str) -> float:
        key = (face, ch)
        if key not in self._advance:
            self._advance[key] = self.m.advance(face, ch)
        return self._advance[key]

    def drawn_face(self, role: str, ch: str, where: str, context: str) -> str:
        """face(), for a glyph really drawn: one no face has is recorded once per place."""
        face, missing = self._choose(role, ch)
        if missing and (ch, where) not in self._missing_at:
            self._missing_at.add((ch, where))
            self.missing.append(MissingGlyph(ch, where, context))
        return face

    def measure(self, role_at: Callable[[int], str], size: float, cell: float) -> linebreak.Measure:
        """Width of narrow text in cells, in the faces that will draw it (by offset)."""

        def width(text: str, at: int) -> float:
            return sum(self.advance(self.face(role_at(at + k), c), c)
                       for k, c in enumerate(text)) * size / cell

        return width

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
        glyphs: list[tuple[float, str, str, float]] = []
        offset = 0
        for it in items:
            role = role_at(offset)
            offset += len(it.text)
            pen = x0 + it.x * cell
            for ch in it.text:
                face = self.drawn_face(role, ch, where, context)
                adv = self.advance(face, ch) * size
                if it.kind != "space":
                    glyphs.append((pen, ch, face, adv))
                pen += adv
        return self.runs(glyphs, y, size, color)

    def runs(self, glyphs: list[tuple[float, str, str, float]], y: float, size: float,
             color: str) -> list[Run]:
        """Merge glyphs (x, char, face, advance) into runs: a glyph joins the run before it when
        it sits exactly where that run's constant spacing puts it."""
        runs: list[Run] = []
        prev_end = 0.0  # x where the previous glyph ended
        for x, ch, face, adv in glyphs:
            self.roles_used.add(face)
            r = runs[-1] if runs else None
            if r is not None and r.role == face:
                gap = x - prev_end
                if len(r.text) == 1 and abs(gap) < 5 * size:
                    r.spacing = gap
                if abs(gap - r.spacing) < 0.005:
                    r.text += ch
                    r.xs.append(x)
                    prev_end = x + adv
                    continue
            runs.append(Run([x], y, ch, face, size, color))
            prev_end = x + adv
        return runs

    # ---- blocks ------------------------------------------------------------------------------
    def paragraph_rows(
        self,
        text: str,
        role_at: Callable[[int], str],
        where: str,
        context: str,
    ) -> list[Row]:
        """A paragraph on the body grid: 28 cells, the first line indented two."""
        measure = self.measure(role_at, SIZE_BODY, CELL)
        lines = linebreak.break_paragraph(text, GRID_CHARS, measure, indent=2.0)
        rows = []
        for k, ln in enumerate(lines):
            # the line becomes its runs now, on baseline 0: a row keeps only what the page
            # will hold, not the breaker's units (they took 3/4 of a huge spec's memory)
            runs = self.line_runs(ln.items, LEFT, 0.0, SIZE_BODY, CELL,
                                  lambda off, start=ln.start: role_at(start + off), where=where, context=context)
            # keep a paragraph's first two and last two lines together (no orphans or widows)
            glue = len(lines) > 1 and (k == 0 or k == len(lines) - 2)
            rows.append(Row(_lowered(runs, 0.5 * PITCH + EM_CENTER * SIZE_BODY), glue_next=KEEP if glue else 0))
        return rows

    def title_rows(self, text: str, role: str, size: float, where: str, context: str,
                   centred: bool = True, hints: bool = True) -> list[Row]:
        """A title broken into balanced lines between words, at phrase boundaries, centred; or,
        for a subheading, set like the paragraphs around it (on the body grid, its first line two
        characters in) but broken as a title is, all its lines within the first line's width."""
        cell = size if centred else CELL
        indent = 0.0 if centred else 2.0
        measure = self.measure(lambda _o: role, size, cell)
        rows = []
        for k, line_text in enumerate(linebreak.break_title(text, BLOCK_W / cell - indent, measure,
                                                            hints, names=self.names)):
            lines = linebreak.break_paragraph(line_text, 10_000, measure)
            items = lines[0].items if lines else []
            w = (items[-1].x + items[-1].width) * cell if items else 0.0

            def draw(page: Page, top: float, items=items, w=w, first=k == 0) -> None:
                base = top - 0.5 * PITCH - EM_CENTER * size
                x0 = LEFT + (BLOCK_W - w) / 2 if centred else LEFT + (indent * CELL if first else 0.0)
                page.items.extend(self.line_runs(items, x0, base, size, cell, lambda _o: role,
                                                 BLACK, where, context))

            rows.append(Row(draw, glue_next=KEEP))
        return rows

    def headline_rows(self, room: int) -> list[Row]:
        """本期要目: each headline broken like a title, its continuation lines hung one em further
        in than its first, and never split across pages. On the grid when the list fits the
        `room` lines left on page 1; else tighter leading, then 4号; else it runs on, on the grid."""
        spec = self.spec
        rows: list[Row] = []
        if spec.style.headline_pages and len(spec.headline_list) != len(spec.articles):
            raise InputError([Problem(spec.source, 0, 0, "style.headline_pages",
                                      f"page numbers need one headline per article: {len(spec.headline_list)} "
                                      f"headlines, {len(spec.articles)} articles",
                                      "list one headline per article, or leave headlines out")])
        if spec.style.headline_label:
            rows += self.title_rows(spec.style.headline_label, "heading", SIZE_BODY,
                                    self.where("style.headline_label"), "headlines")
            room -= len(rows)
        entries = self.headline_entries(SIZE_BODY, CELL)
        lines = sum(len(e) for e in entries)
        if lines > room > 0:
            for size, cell in ((SIZE_BODY, CELL), (SIZE_SMALL, SIZE_SMALL)):
                if size != SIZE_BODY:
                    entries = self.headline_entries(size, cell)
                    lines = sum(len(e) for e in entries)
                pitch = min(room * PITCH / lines, PITCH)
                if pitch >= LIST_LEADING_MIN * size:
                    return rows + self.tight_block(entries, size, cell, pitch)
            entries = self.headline_entries(SIZE_BODY, CELL)
        for n, (entry, key) in enumerate(zip(entries, self.headline_keys())):
            for k, (indent, items, where) in enumerate(entry):
                toc = n if k == len(entry) - 1 else None

                def draw(page: Page, top: float, indent=indent, items=items, where=where, key=key,
                         toc=toc) -> None:
                    self.draw_list_line(page, top - PITCH / 2, indent, items, SIZE_BODY, CELL, where,
                                        PITCH, key, toc)

                rows.append(Row(draw, glue_next=WHOLE if k < len(entry) - 1 else 0))
        return rows

    def headline_keys(self) -> list[str | None]:
        """The anchor each headline entry links to: its article's title (None: no article)."""
        return [None if t is None else f"article-{t + 1}" for t in _headline_targets(self.spec)]

    def headline_entries(self, size: float, cell: float) -> list[list[tuple[float, list, str]]]:
        """Each headline as its lines: (indent in cells, placed units, where it was written)."""
        measure = self.measure(lambda _o: "kai", size, cell)
        width = BLOCK_W / cell - LIST_INDENT - LIST_HANG - (TOC_ROOM if self.spec.style.headline_pages else 0)
        out = []
        written = "headlines[{}]" if self.spec.headlines is not None else "articles[{}].title"
        for n, h in enumerate(self.spec.headline_list, 1):
            entry, where = [], self.where(written.format(n))
            for k, text in enumerate(linebreak.break_title(h, width, measure, names=self.names)):
                lines = linebreak.break_paragraph(text, 10_000, measure)
                entry.append((LIST_INDENT + (LIST_HANG if k else 0.0), lines[0].items if lines else [], where))
            out.append(entry)
        return out

    def draw_list_line(self, page: Page, yc: float, indent: float, items: list, size: float,
                       cell: float, where: str, pitch: float, key: str | None, toc: int | None = None) -> None:
        """One line of a headline entry; the line's whole width, one pitch high, links to `key`.
        The last line of headline `toc` also gets dot leaders to its article's page number at the
        right edge (style.headline_pages)."""
        base = yc - EM_CENTER * size
        page.items.extend(self.line_runs(items, LEFT + indent * cell, base, size, cell, lambda _o: "kai",
                                         BLACK, where, "headlines"))
        if key is not None:
            page.items.append(Link((LEFT, yc - pitch / 2, LEFT + BLOCK_W, yc + pitch / 2), key))
        if toc is None or not self.spec.style.headline_pages:
            return
        number = str(self.article_pages[toc])
        right = LEFT + BLOCK_W
        w = self.text_width(number, "number", size)
        page.items.extend(self.plain_runs(number, "number", size, right - w, base, where,
                                          context="headlines"))
        end = LEFT + indent * cell + ((items[-1].x + items[-1].width) * cell if items else 0.0)
        step = size / 2  # dots on one pitch from the block's left edge: they line up down the list
        first = math.ceil((end + size / 2 - LEFT) / step)
        last = math.floor((right - w - size / 2 - LEFT) / step) - 1
        face = self.drawn_face("number", ".", where, "headlines")
        adv = self.advance(face, ".") * size
        dots = [(LEFT + k * step + (step - adv) / 2, ".", face, adv) for k in range(first, last + 1)]
        page.items.extend(self.runs(dots, base, size, BLACK))

    def tight_block(self, entries, size: float, cell: float, pitch: float) -> list[Row]:
        """The whole list drawn from its first grid line at `pitch`, over as many grid lines as
        it covers (glued: the list fits page 1 whole)."""
        lines = [(line, key) for entry, key in zip(entries, self.headline_keys()) for line in entry]

        last = {sum(len(e) for e in entries[:n + 1]) - 1: n for n in range(len(entries))}  # line -> headline

        def draw(page: Page, top: float) -> None:
            for k, ((indent, items, where), key) in enumerate(lines):
                self.draw_list_line(page, top - (k + 0.5) * pitch, indent, items, size, cell, where,
                                    pitch, key, last.get(k))

        rows = [Row(draw, glue_next=WHOLE)]
        covered = math.ceil(len(lines) * pitch / PITCH - 1e-6)
        rows += [Row(lambda _p, _y: None, glue_next=WHOLE) for _ in range(covered - 1)]
        rows[-1].glue_next = 0
        return rows

    def article_rows(self, room: int = GRID_LINES) -> list[Row]:
        """Everything after the masthead, as grid lines; `room`: the lines left on page 1."""
        spec = self.spec
        rows: list[Row] = []
        if spec.headline_list:
            rows += self.headline_rows(room)
            _anchored(rows[0], "headlines", spec.style.headline_label or "本期要目")
        if spec.editor_note:
            if rows:
                rows.append(Row(None))
            label = "编者按："
            note = spec.editor_note
            note_rows = self.paragraph_rows(
                label + note.text,
                lambda off: "heading" if off < len(label) else "kai",
                str(note.loc), "editor's note",
            )
            _anchored(note_rows[0], "editor-note", "编者按")
            rows += note_rows
        for n, art in enumerate(spec.articles, 1):
            if rows:
                rows.append(Row(None))
            ctx = plain_title(art.title)
            first = len(rows)
            title = self.title_rows(art.title, "title", SIZE_TITLE, self.where(f"articles[{n}].title"), ctx)
            _anchored(title[0], f"article-{n}", ctx)
            self.article_first_rows.append(title[0])
            rows += title
            if art.byline:
                rows += self.title_rows(art.byline, "kai", SIZE_BODY, self.where(f"articles[{n}].byline"), ctx,
                                        hints=False)
            body: list[Row] = []
            headings = dict(zip(map(id, art.paragraphs), _heading_ends([p.text for p in art.paragraphs])))
            for block in art.blocks:
                body += self.block_rows(block, ctx, headings.get(id(block)))
            if body:  # a title stays with at least two lines of its body
                body[0].glue_next = KEEP
            rows += body
            for r in rows[first:]:  # a photo floats only within its article's rows
                r.article = n
        return rows

    def block_rows(self, block: Block, ctx: str, heading_end: int | None = None) -> list[Row]:
        """The rows of one body block: a paragraph (a subheading, a chapter heading), a photo or
        a table. `heading_end`: where a paragraph's numbered heading ends (see _heading_ends)."""
        if isinstance(block, Paragraph):
            p = block
            if p.subheading:  # ## 小标题: the heading face, kept with what follows
                return self.title_rows(p.text, "heading", SIZE_BODY, str(p.loc), ctx, centred=False)
            chapter = CHAPTER.match(p.text)
            if chapter:
                text = "\u3000".join(g for g in chapter.groups() if g)
                return [Row(None), *self.title_rows(text, "heading", SIZE_BODY, str(p.loc), ctx, hints=False),
                        Row(None, KEEP)]
            text, roles = _paragraph_roles(p.text, heading_end)
            rows = self.paragraph_rows(text, _with_bold(roles, p.bold, len(text) - len(p.text)), str(p.loc), ctx)
            if len(rows) == 1 and heading_end is not None:
                rows[-1].glue_next = NEXT  # a heading never ends a page
            return rows
        if isinstance(block, Figure):
            return [self.figure_row(block, ctx)]
        if isinstance(block, Table):
            return self.table_rows(block, ctx)
        raise TypeError(f"no layout for a {type(block).__name__} block")

    def caption_lines(self, text: str, where: str, ctx: str) -> list[tuple[list[linebreak.Placed], float]]:
        """A caption in 楷体 4号 broken like a title: (placed units, width) per line."""
        measure = self.measure(lambda _o: "kai", SIZE_SMALL, SIZE_SMALL)
        out = []
        for line_text in linebreak.break_title(text, BLOCK_W / SIZE_SMALL, measure, False):
            items = linebreak.break_paragraph(line_text, 10_000, measure)[0].items
            out.append((items, (items[-1].x + items[-1].width) * SIZE_SMALL if items else 0.0))
        return out

    def caption_runs(self, lines, top: float, where: str, ctx: str) -> list[Run]:
        runs = []
        for j, (items, w) in enumerate(lines):
            base = top - (j + 0.5) * CAPTION_PITCH - EM_CENTER * SIZE_SMALL
            runs += self.line_runs(items, LEFT + (BLOCK_W - w) / 2, base, SIZE_SMALL, SIZE_SMALL,
                                   lambda _o: "kai", BLACK, where, ctx)
        return runs

    def figure_row(self, fig: Figure, ctx: str) -> Row:
        """A photo scaled to its share of the text block's width (and never taller than a page
        leaves room for, with two lines of text before it), centred, its caption under it."""
        where = str(fig.loc)
        caption = self.caption_lines(fig.caption, where, ctx) if fig.caption else []
        below = (FIGURE_GAP + len(caption) * CAPTION_PITCH) if caption else 0.0
        pic = fig.picture
        w = BLOCK_W * fig.width
        h = w * pic.height / pic.width
        tallest = BLOCK_H - 2 * PITCH - 2 * FIGURE_PAD - below
        if h > tallest:
            h, w = tallest, tallest * pic.width / pic.height
        dpi = pic.width / (w / 72)
        if dpi < MIN_DPI:
            self.notes.append(f"{where}: photo {pic.source} prints at {dpi:.0f} dpi, below {MIN_DPI} "
                              f"(blurred in print): use a larger image")
        height = FIGURE_PAD + h + below + FIGURE_PAD

        def draw(page: Page, top: float) -> None:
            img_top = top - FIGURE_PAD
            page.items.append(Image(LEFT + (BLOCK_W - w) / 2, img_top - h, w, h, pic))
            page.items.extend(self.caption_runs(caption, img_top - h - FIGURE_GAP, where, ctx))

        return Row(draw, lines=height / PITCH, grid=False, floats=True)

    def table_rows(self, table: Table, ctx: str) -> list[Row]:
        """A table across the text block: one row per table row, the header repeated atop every
        page the table continues on, thin rules between rows."""
        where = str(table.loc)
        size = SIZE_SMALL
        ncols = len(table.rows[0])
        faces = ["heading" if table.header and i == 0 else "body" for i in range(len(table.rows))]
        widths = self.column_widths(table.rows, faces, size)
        rows: list[Row] = []
        if table.caption:
            caption = self.caption_lines(table.caption, where, ctx)

            def draw_caption(page: Page, top: float) -> None:
                page.items.extend(self.caption_runs(caption, top - FIGURE_GAP, where, ctx))

            rows.append(Row(draw_caption, KEEP, (FIGURE_GAP + len(caption) * CAPTION_PITCH) / PITCH,
                            grid=True))
        header: Row | None = None
        body: list[Row] = []
        for i, cells in enumerate(table.rows):
            role = faces[i]
            measure = self.measure(lambda _o, role=role: role, size, size)
            set_cells = []
            for c, text in enumerate(cells):
                room = (widths[c] - 2 * CELL_PAD) / size
                if _NUMBER.fullmatch(text) and i >= (1 if table.header else 0):
                    lines = linebreak.break_paragraph(text, 10_000, measure)  # a number stays whole
                    align = "right"
                else:
                    lines = linebreak.break_paragraph(text, room, measure) if text else []
                    align = "centre" if role == "heading" else "left"
                set_cells.append((lines, align))
            n = max([len(lines) for lines, _ in set_cells] + [1])
            height = n * TABLE_PITCH + 2 * TABLE_PAD
            if height > BLOCK_H - PITCH:
                raise InputError([Problem(table.loc.file, table.loc.line, table.loc.col, "table",
                                          f"row {i + 1} of the table is taller than a page")])

            def draw(page: Page, top: float, set_cells=set_cells, height=height, role=role) -> None:
                page.items.append(Rule(LEFT, LEFT + BLOCK_W, top, RULE_THIN))
                page.items.append(Rule(LEFT, LEFT + BLOCK_W, top - height, RULE_THIN))
                x = LEFT
                for c, (lines, align) in enumerate(set_cells):
                    for j, ln in enumerate(lines):
                        items = ln.items
                        w = (items[-1].x + items[-1].width) * size if items else 0.0
                        x0 = {"left": x + CELL_PAD, "right": x + widths[c] - CELL_PAD - w,
                              "centre": x + (widths[c] - w) / 2}[align]
                        base = top - TABLE_PAD - (j + 0.5) * TABLE_PITCH - EM_CENTER * size
                        page.items.extend(self.line_runs(items, x0, base, size, size,
                                                         lambda _o: role, BLACK, where, ctx))
                    x += widths[c]

            row = Row(draw, 0, height / PITCH, grid=False, header=header)
            if table.header and i == 0:
                header = row
                row.glue_next = KEEP  # a header never ends a page
            else:
                body.append(row)
            rows.append(row)
        # A page never ends on a table's first body row nor starts with its last one alone:
        # a row cut off from the rest of its table reads as a stray line (as a paragraph keeps
        # two lines at either end). A table of one or two body rows stays whole.
        for r in body[:1] + body[-2:-1]:
            r.glue_next = KEEP
        if rows:
            rows[-1].glue_next = 0
        return rows

    def column_widths(self, rows: list[list[str]], faces: list[str], size: float) -> list[float]:
        """Column widths filling the text block: each column's widest cell set on one line, scaled
        to fit; a column is never narrower than it needs for its longest number or three
        characters, so wide text columns give way first."""
        ncols = len(rows[0])
        natural = [2 * CELL_PAD + max(self.text_width(r[c], faces[i], size) for i, r in enumerate(rows))
                   for c in range(ncols)]
        least = [min(n, 2 * CELL_PAD + max(
            [3 * size] + [self.text_width(r[c], faces[i], size) for i, r in enumerate(rows)
                          if _NUMBER.fullmatch(r[c])])) for c, n in enumerate(natural)]
        if sum(natural) <= BLOCK_W:
            return [n * BLOCK_W / sum(natural) for n in natural]
        if sum(least) >= BLOCK_W:
            return [n * BLOCK_W / sum(least) for n in least]
        extra = BLOCK_W - sum(least)  # shared in proportion to what each column still wants
        want = [n - m for n, m in zip(natural, least)]
        return [m + extra * wt / sum(want) for m, wt in zip(least, want)]

    # ---- masthead ----------------------------------------------------------------------------
    def masthead(self, page: Page) -> int:
        """Draw the masthead on page 1; return how many grid lines it takes.

        Every element is measured against the space it has: the marking wraps under itself;
        the publisher steps down to 4号 beside the date, then wraps there; a title line too long
        for one line breaks into balanced lines; and the whole title steps down in size until
        the masthead leaves page 1 MASTHEAD_MAX_LINES at most, else the spec is refused."""
        for cap in TITLE_CAPS:
            used, draws, heights = self._masthead_at(cap)
            if used <= MASTHEAD_MAX_LINES:
                for draw in draws:
                    page.items.extend(draw())
                return used
        # blame the part that takes the most room: a marking or publisher of a page is no title's fault
        part = max(heights, key=heights.__getitem__)
        loc = self.spec.locs.get(f"masthead.{part}")
        raise InputError([Problem(self.spec.source, loc.line if loc else 0, loc.col if loc else 0,
                                  f"masthead.{part}", f"the masthead needs {used} of page 1's {GRID_LINES} "
                                  f"lines even with its title at {TITLE_CAPS[-1]:.0f} pt (at most "
                                  f"{MASTHEAD_MAX_LINES}); the {part} takes {heights[part] / PITCH:.0f}",
                                  MASTHEAD_HINTS[part])])

    def _masthead_at(self, cap: float) -> tuple[int, list[Callable[[], list[Run | Rule]]], dict[str, float]]:
        """Grid lines the masthead takes with its title at most `cap` pt, what draws it, and the
        height (pt) its marking, title and publisher take."""
        mh = self.spec.masthead
        where = {k: self.where(f"masthead.{k}") for k in ("marking", "title", "issue", "publisher", "date")}
        draws: list[Callable[[], list]] = []
        y = BLOCK_TOP
        heights = {}
        for line in self.wrapped(mh.marking or "", "heading", SIZE_BODY, BLOCK_W) or [""]:
            base = y - 0.5 * PITCH - EM_CENTER * SIZE_BODY
            draws.append(lambda line=line, base=base: self.plain_runs(line, "heading", SIZE_BODY, LEFT, base,
                                                                      where["marking"]))
            y -= PITCH
        heights["marking"], top = BLOCK_TOP - y, y
        for group in masthead_title(mh.title):
            space = group.space
            for line, size in self.fit_masthead_line(group.text, min(group.largest, cap),
                                                     min(MASTHEAD_SMALLEST, cap)):
                y -= space * PITCH + 0.88 * size
                draws.append(lambda line=line, size=size, y=y, gap=group.max_gap:
                             self.spread_runs(line, "title", size, y, RED, gap, where["title"]))
                y -= 0.12 * size
                space = 0.15
        heights["title"] = top - y
        # 第 N 期 （总第 N 期）
        issue = f"第 {mh.issue} 期" + (f"（总第 {mh.total_issue} 期）" if mh.total_issue else "")
        y -= 0.5 * PITCH + 0.88 * SIZE_BODY
        w = self.text_width(issue, "body", SIZE_BODY)
        draws.append(lambda y=y: self.plain_runs(issue, "body", SIZE_BODY, LEFT + (BLOCK_W - w) / 2, y,
                                                 where["issue"]))
        y -= 0.12 * SIZE_BODY
        # publisher left, date right on the publisher's last line, each one character in
        date = f"{mh.date.year}年{mh.date.month}月{mh.date.day}日"
        wd = self.text_width(date, "body", SIZE_BODY)
        room = BLOCK_W - 3 * CELL - wd  # left of the date, one character clear of it
        # 3号 as the date; 4号 if that keeps it on one line; else 3号 over balanced lines
        size = SIZE_SMALL if self.text_width(mh.publisher, "body", SIZE_BODY) > room >= \
            self.text_width(mh.publisher, "body", SIZE_SMALL) else SIZE_BODY
        y -= 0.6 * PITCH
        top = y
        for k, line in enumerate(self.wrapped(mh.publisher, "body", size, room)):
            y -= (0.88 if k == 0 else PUBLISHER_LEADING) * size
            draws.append(lambda line=line, y=y, size=size: self.plain_runs(line, "body", size, LEFT + CELL, y,
                                                                           where["publisher"]))
        draws.append(lambda y=y: self.plain_runs(date, "body", SIZE_BODY, LEFT + BLOCK_W - CELL - wd, y,
                                                 where["date"]))
        heights["publisher"] = top - y
        rule_y = y - 0.12 * SIZE_BODY - 4 * MM
        draws.append(lambda: [Rule(LEFT, LEFT + BLOCK_W, rule_y, RULE_MASTHEAD, RED)])
        return math.ceil((BLOCK_TOP - rule_y + 0.3 * PITCH) / PITCH), draws, heights

    def where(self, path: str) -> str:
        """Where the spec wrote the value at `path` (FILE:LINE:COL), or just the file."""
        loc = self.spec.locs.get(path)
        return str(loc) if loc else self.spec.source

    def wrapped(self, text: str, role: str, size: float, width: float) -> list[str]:
        """`text` broken into balanced lines no wider than `width` pt, set solid at `size`."""
        if not text:
            return []
        if self.text_width(text, role, size) <= width:
            return [text]
        measure = self.measure(lambda _o: role, size, size)
        return linebreak.break_title(text, width / size, measure, hints=False, names=self.names)

    def text_width(self, text: str, role: str, size: float) -> float:
        return sum(
            size if linebreak.is_full_width(c) else self.advance(self.face(role, c), c) * size
            for c in text
        )

    def plain_runs(self, text: str, role: str, size: float, x: float, y: float, where: str,
                   color: str = BLACK, gap: float = 0.0, context: str = "masthead") -> list[Run]:
        """A short line set solid from x (masthead parts, page numbers, the colophon's labels)."""
        glyphs = []
        for ch in text:
            face = self.drawn_face(role, ch, where, context)
            glyph = self.advance(face, ch) * size
            if ch != " ":
                glyphs.append((x, ch, face, glyph))
            x += (size if linebreak.is_full_width(ch) else glyph) + gap
        return self.runs(glyphs, y, size, color)

    def fit_masthead_line(self, text: str, largest: float, smallest: float) -> list[tuple[str, float]]:
        """The size that makes `text` fill the text block (at most `largest`); a title too long
        to stay readable on one line (under `smallest`) is broken into balanced lines."""
        size = min(largest, BLOCK_W / max(self.text_width(text, "title", 1.0), 1e-6))
        if size >= smallest:
            return [(text, size)]
        size = smallest
        measure = self.measure(lambda _o: "title", size, size)
        return [(line, min(size, BLOCK_W / self.text_width(line, "title", 1.0)))
                for line in linebreak.break_title(text, BLOCK_W / size, measure, names=self.names)]

    def spread_runs(self, text: str, role: str, size: float, y: float, color: str,
                    max_gap: float, where: str) -> list[Run]:
        """A masthead line letter-spaced to fill the text block (at most max_gap em per gap);
        text with Latin letters or digits is centred as it is: spacing would tear its words."""
        w = self.text_width(text, role, size)
        n = len(text)
        if not all(linebreak.is_full_width(c) for c in text):
            max_gap = 0.0
        gap = min(max_gap * size, (BLOCK_W - w) / (n - 1)) if n > 1 else 0.0
        gap = max(gap, 0.0)
        total = w + gap * (n - 1)
        return self.plain_runs(text, role, size, LEFT + (BLOCK_W - total) / 2, y, where, color, gap)

    # ---- colophon ----------------------------------------------------------------------------
    def colophon(self) -> tuple[float, Callable[[Page], None]] | None:
        """Height (pt) of the colophon and a function drawing it on the foot of a page."""
        d = self.spec.distribution
        if d is None:
            return None
        size, pitch, pad = SIZE_SMALL, 22.0, 5.0
        width_cells = (BLOCK_W - 2 * size) / size
        measure = self.measure(lambda _o: "body", size, size)
        blocks: list[list[linebreak.Line]] = []
        labels = []
        wheres = []
        for label, key in (("报：", "report_to"), ("送：", "copy_to"), ("发：", "send_to")):
            value = getattr(d, key)
            if value:
                lines = linebreak.break_paragraph(value, width_cells - 2, measure)
                blocks.append(lines)
                labels.append(label)
                wheres.append(self.where(f"distribution.{key}"))
        has_copies = d.copies is not None
        if not blocks and not has_copies:
            return None
        heights = [len(b) * pitch + 2 * pad for b in blocks]
        if has_copies:
            heights.append(pitch + 2 * pad)
        total = sum(heights)
        src = self.spec.source
        if total > BLOCK_H:
            loc = self.spec.locs.get("distribution")
            raise InputError([Problem(src, loc.line if loc else 0, loc.col if loc else 0, "distribution",
                                      f"the colophon needs {total / MM:.0f} mm, more than the "
                                      f"{BLOCK_H / MM:.0f} mm text block of a page",
                                      "shorten the 报/送/发 lists, e.g. name groups of offices")])

        def draw(page: Page) -> None:
            y = BLOCK_BOTTOM + total
            page.items.append(Anchor("colophon", "版记", y))
            n_el = len(heights)
            for k, h in enumerate(heights):
                page.items.append(
                    Rule(LEFT, LEFT + BLOCK_W, y, RULE_THICK if k == 0 else RULE_THIN))
                top = y - pad
                if k < len(blocks):
                    for j, ln in enumerate(blocks[k]):
                        base = top - j * pitch - 0.5 * pitch - EM_CENTER * size
                        if j == 0:
                            page.items.extend(self.plain_runs(labels[k], "body", size,
                                                              LEFT + size, base, src,
                                                              context="colophon"))
                        page.items.extend(self.line_runs(ln.items, LEFT + 3 * size, base, size,
                                                         size, lambda _o: "body", where=wheres[k],
                                                         context="colophon"))
                else:
                    text = f"共印 {d.copies} 份"
                    base = top - 0.5 * pitch - EM_CENTER * size
                    w = self.text_width(text, "body", size)
                    page.items.extend(self.plain_runs(text, "body", size,
                                                      LEFT + BLOCK_W - size - w, base, src,
                                                      context="colophon"))
                y -= h
                if k == n_el - 1:
                    page.items.append(Rule(LEFT, LEFT + BLOCK_W, y, RULE_THICK))

        return total, draw

    # ---- pages -------------------------------------------------------------------------------
    def compose(self) -> Document:
        pages = [Page(1)]
        first_row = self.masthead(pages[0])
        rows = self.article_rows(GRID_LINES - first_row)
        placements = paginate(rows, first_row)
        del rows
        page_of = {id(r): p for p, _, r in placements}
        self.article_pages = [page_of[id(r)] + 1 for r in self.article_first_rows]
        last = placements[-1] if placements else (0, first_row - 1, Row(None))
        for k, (page_no, line_no, row) in enumerate(placements):
            placements[k] = None  # a drawn row is let go: its runs now live on the page only
            while len(pages) < page_no + 1:
                pages.append(Page(len(pages) + 1))
            if row.draw:
                row.draw(pages[page_no], BLOCK_TOP - line_no * PITCH)
        for page in pages:  # table rows share the rule between them: draw it once
            seen: set[tuple] = set()
            page.items = [it for it in page.items if not isinstance(it, Rule)
                          or ((key := (it.x0, it.x1, round(it.y, 3), it.thickness)) not in seen
                          and not seen.add(key))]
        duplex = self.spec.style.duplex
        col = self.colophon()
        if col:
            height, draw = col
            used = (last[1] + last[2].lines) * PITCH if last[0] == len(pages) - 1 else 0.0
            on_page = len(pages)  # number of the page the colophon goes on
            if used + height + 0.5 * PITCH > BLOCK_H:  # keep half a line clear above the rule
                on_page += 1
            if duplex and on_page % 2:  # printed both sides, the colophon closes the back page
                on_page += 1
            while len(pages) < on_page:
                pages.append(Page(len(pages) + 1))
            draw(pages[-1])
        if duplex and len(pages) % 2:  # a sheet has two sides: the last one stays blank
            pages.append(Page(len(pages) + 1))
        self.page_numbers(pages)
        spec, mh = self.spec, self.spec.masthead
        issue = f"第{mh.issue}期" + (f"（总第{mh.total_issue}期）" if mh.total_issue else "")
        date = f"{mh.date.year}年{mh.date.month}月{mh.date.day}日"
        return Document(pages, f"{mh.title} 第{mh.issue}期", mh.publisher, self.missing,
                        self.roles_used, subject=f"{mh.title} {issue}，{mh.publisher}，{date}",
                        keywords=tuple(plain_title(a.title) for a in spec.articles), date=mh.date,
                        notes=self.notes)

    def page_numbers(self, pages: list[Page]) -> None:
        mode = self.spec.style.page_numbers
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
            w = self.text_width(text, "number", size)
            if mode == "center":
                x = LEFT + (BLOCK_W - w) / 2
            elif p.number % 2:
                x = LEFT + BLOCK_W - size - w
            else:
                x = LEFT + size
            p.items.extend(self.plain_runs(text, "number", size, x, base, self.spec.source,
                                           context="page numbers"))


def _lowered(runs: list[Run], drop: float) -> Callable[[Page, float], None]:
    """Draw runs set on baseline 0 with their baseline `drop` below the top of the row."""

    def draw(page: Page, top: float) -> None:
        page.items.extend(dataclasses.replace(r, y=top - drop) for r in runs)

    return draw


def _anchored(row: Row, key: str, label: str) -> None:
    """Make the row also place an Anchor at the top of its grid line when it is drawn."""
    draw = row.draw

    def with_anchor(page: Page, top: float) -> None:
        page.items.append(Anchor(key, label, top))
        draw(page, top)

    row.draw = with_anchor


def _headline_targets(spec: Spec) -> list[int | None]:
    """The article (index) each headline entry stands for: by position when the list is the
    titles or as long as the articles, else the article whose title the entry repeats."""
    headlines = spec.headline_list
    if spec.headlines is None or len(headlines) == len(spec.articles):
        return list(range(len(headlines)))
    titles = [plain_title(a.title) for a in spec.articles]
    return [titles.index(h) if h in titles else None for h in headlines]


def _heading_ends(texts: list[str]) -> list[int | None]:
    """For each paragraph, where its numbered heading ends (None: not a heading). A numbered
    paragraph is a list item when its numbered part does not read as a heading, and so is every
    paragraph of a run numbered alike in which one item ends with ；or ： (（一）…；（二）…。)."""
    kinds = [next((k for k, (pat, _) in enumerate(NUMBERED) if pat.match(t)), None) for t in texts]
    ends = [_heading_end(t) if k is not None else None for t, k in zip(texts, kinds)]
    i = 0
    while i < len(texts):
        j = i + 1
        while j < len(texts) and kinds[i] is not None and kinds[j] == kinds[i]:
            j += 1
        if any(t.rstrip()[-1:] in "；：" for t in texts[i:j]) and kinds[i] is not None:
            ends[i:j] = [None] * (j - i)
        i = j
    return ends


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


def _with_bold(roles: Callable[[int], str], bold: tuple[tuple[int, int], ...], shift: int) -> Callable[[int], str]:
    """**Emphasis** in the heading face over the paragraph's own roles. `shift`: characters the
    paragraph's text gained before the emphasis (a regulation label's full-width space)."""
    if not bold:
        return roles
    inside = set().union(*(range(a + shift, b + shift) for a, b in bold))
    return lambda off: "heading" if off in inside else roles(off)


# A table cell right-aligned as a number: 36, -1.5, 12,300, 98.6%, ９８ (fullwidth digits too).
_NUMBER = re.compile(r"[-+−]?[0-9０-９][0-9０-９,，.．]*[%％‰]?")


class TitleLine(NamedTuple):
    """One line of the masthead title as the author wrote it, and how it may be set."""

    text: str
    largest: float  # pt
    max_gap: float  # letter-spacing allowed, in em
    space: float  # above it, in grid lines


def masthead_title(title: str) -> list[TitleLine]:
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
    return ([TitleLine(t, 26.0, 0.3, 0.4 if k == 0 else 0.15) for k, t in enumerate(upper)]
            + [TitleLine(big, 64.0, 1.0, 0.3)])
