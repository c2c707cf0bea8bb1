"""本期要目, the headline list on page 1: each headline broken like a title, its continuation
lines hung one em further in than its first, linked to its article, and (style.headline_pages)
dot leaders to the article's page number."""
from __future__ import annotations

import math

from ..errors import InputError, Problem
from ..i18n import _
from ..model import Spec, plain_title
from ..text import linebreak
from ..wording import counted
from .page import BLACK, BLOCK_W, CELL, LEFT, PITCH, SIZE_BODY, SIZE_SMALL, WHOLE, Link, Page, Row
from .roles import ARTIFACT, Elem, foreign_owners, own, tag, tag_rows
from .setter import Setter
from .titles import title_rows

# Entries start two characters in; continuation lines hang one more (a hanging indent tells one
# entry from the next without a bullet glyph); the tightest leading, in em.
LIST_INDENT, LIST_HANG, LIST_LEADING_MIN = 2.0, 1.0, 1.45
TOC_ROOM = 3.0  # cells kept at the right of each headline for leaders and a page number

# (indent in cells, placed units, where written, its glyphs' owners where English is among them)
ListLine = tuple[float, list[linebreak.Placed], str, list | None]


class Headlines:
    """The headline list of one build. `article_pages` is filled in once the pages are known
    (before any row is drawn): the page number of each article."""

    def __init__(self, setter: Setter, article_pages: list[int], parent: Elem | None = None):
        self.setter = setter
        self.spec: Spec = setter.spec
        self.article_pages = article_pages
        self.parent = parent or Elem("Document")  # where its label and its TOC go (roles.py)
        self.toc: Elem | None = None
        self.entry_elems: dict[int, Elem] = {}  # entry -> the element its lines are tagged with

    def entry_elem(self, n: int, key: str | None) -> Elem:
        """Headline n's element: a TOCI, its text inside a Link when it links to its article."""
        if n not in self.entry_elems:
            if self.toc is None:
                self.toc = self.parent.add("TOC")
            item = self.toc.add("TOCI")
            headline = self.spec.headline_list[n]
            self.entry_elems[n] = item if key is None else item.add("Link", describe=headline)
        return self.entry_elems[n]

    def rows(self, room: int) -> list[Row]:
        """The list's rows: on the grid when the list fits the `room` lines left on page 1; else
        tighter leading, then 4号; else it runs on, on the grid, never split inside an entry."""
        spec = self.spec
        rows: list[Row] = []
        if spec.style.headline_pages and len(spec.headline_list) != len(spec.articles):
            raise InputError([Problem(spec.source, 0, 0, "style.headline_pages",
                                      _("page numbers need one headline per article: {count}, "
                                        "{count2}").format(
                                            count=counted(len(spec.headline_list), 'headline'),
                                            count2=counted(len(spec.articles), 'article')),
                                      _("list one headline per article, or leave headlines out"),
                                          code="layout.does-not-fit")])
        if spec.style.headline_label:
            rows += tag_rows(title_rows(self.setter, spec.style.headline_label, "heading", SIZE_BODY,
                                        self.setter.where("style.headline_label"), "headlines"),
                             self.parent.add("P"))
            room -= len(rows)
        for n, key in enumerate(self.keys()):  # the entries' elements, in the list's place
            self.entry_elem(n, key)
        entries = self.entries(SIZE_BODY, CELL)
        lines = sum(len(e) for e in entries)
        if lines > room > 0:
            for size, cell in ((SIZE_BODY, CELL), (SIZE_SMALL, SIZE_SMALL)):
                if size != SIZE_BODY:
                    entries = self.entries(size, cell)
                    lines = sum(len(e) for e in entries)
                pitch = min(room * PITCH / lines, PITCH)
                if pitch >= LIST_LEADING_MIN * size:
                    return rows + self.tight_block(entries, size, cell, pitch)
            entries = self.entries(SIZE_BODY, CELL)
        for n, (entry, key) in enumerate(zip(entries, self.keys())):
            for k, line in enumerate(entry):
                toc = n if k == len(entry) - 1 else None

                def draw(page: Page, top: float, line=line, key=key, toc=toc, n=n) -> None:
                    self.draw_line(page, top - PITCH / 2, line, SIZE_BODY, CELL, PITCH, key, toc, n)

                rows.append(Row(draw, glue_next=WHOLE if k < len(entry) - 1 else 0))
        return rows

    def keys(self) -> list[str | None]:
        """The anchor each headline entry links to: its article's title (None: no article)."""
        return [None if t is None else f"article-{t + 1}" for t in _headline_targets(self.spec)]

    def entries(self, size: float, cell: float) -> list[list[ListLine]]:
        """Each headline as its lines."""
        setter = self.setter
        width = BLOCK_W / cell - LIST_INDENT - LIST_HANG - (TOC_ROOM if self.spec.style.headline_pages else 0)
        out = []
        written = "headlines[{}]" if self.spec.headlines is not None else "articles[{}].title"
        for n, h in enumerate(self.spec.headline_list, 1):
            where = setter.where(written.format(n))
            lines = setter.title_lines(h, "kai", size, cell, width)
            foreign = foreign_owners([line.items for line in lines])  # English in it: a Span (roles.py)
            out.append([(LIST_INDENT + (LIST_HANG if k else 0.0), line.items, where, foreign[k])
                        for k, line in enumerate(lines)])
        return out

    def draw_line(self, page: Page, yc: float, line: ListLine, size: float, cell: float, pitch: float,
                  key: str | None, toc: int | None = None, entry: int = 0) -> None:
        """One line of headline `entry`; the line's whole width, one pitch high, links to `key`.
        The last line of headline `toc` also gets dot leaders to its article's page number at the
        right edge (style.headline_pages)."""
        setter = self.setter
        indent, items, where, owners = line
        base = yc - setter.centre("kai") * size
        elem = self.entry_elem(entry, key)
        runs = setter.line_runs(items, LEFT + indent * cell, base, size, cell, lambda _o: "kai", BLACK,
                                where, "headlines")
        if owners:
            own(runs, owners)
        if key is not None:
            runs.append(Link((LEFT, yc - pitch / 2, LEFT + BLOCK_W, yc + pitch / 2), key))
        page.items.extend(tag(runs, elem))
        if toc is None or not self.spec.style.headline_pages:
            return
        number = str(self.article_pages[toc])
        right = LEFT + BLOCK_W
        w = setter.text_width(number, "number", size)
        page.items.extend(tag(setter.plain_runs(number, "number", size, right - w, base, where,
                                                context="headlines"), elem))
        end = LEFT + indent * cell + ((items[-1].x + items[-1].width) * cell if items else 0.0)
        step = size / 2  # dots on one pitch from the block's left edge: they line up down the list
        first = math.ceil((end + size / 2 - LEFT) / step)
        last = math.floor((right - w - size / 2 - LEFT) / step) - 1
        role = setter.drawn_role("number", ".", where, "headlines")
        adv = setter.advance(role, ".") * size
        dots = [(LEFT + k * step + (step - adv) / 2, ".", role, adv) for k in range(first, last + 1)]
        page.items.extend(tag(setter.runs(dots, base, size, BLACK), ARTIFACT))

    def tight_block(self, entries: list[list[ListLine]], size: float, cell: float, pitch: float) -> list[Row]:
        """The whole list drawn from its first grid line at `pitch`, over as many grid lines as
        it covers (glued: the list fits page 1 whole)."""
        lines = [(line, key, n) for n, (entry, key) in enumerate(zip(entries, self.keys())) for line in entry]

        last = {sum(len(e) for e in entries[:n + 1]) - 1: n for n in range(len(entries))}  # line -> headline

        def draw(page: Page, top: float) -> None:
            for k, (line, key, n) in enumerate(lines):
                self.draw_line(page, top - (k + 0.5) * pitch, line, size, cell, pitch, key, last.get(k), n)

        rows = [Row(draw, glue_next=WHOLE)]
        covered = math.ceil(len(lines) * pitch / PITCH - 1e-6)
        rows += [Row(lambda _p, _y: None, glue_next=WHOLE) for _ in range(covered - 1)]
        rows[-1].glue_next = 0
        return rows


def _headline_targets(spec: Spec) -> list[int | None]:
    """The article (index) each headline entry stands for: by position when the list is the
    titles or as long as the articles, else the article whose title the entry repeats."""
    headlines = spec.headline_list
    if spec.headlines is None or len(headlines) == len(spec.articles):
        return list(range(len(headlines)))
    titles = [plain_title(a.title) for a in spec.articles]
    return [titles.index(h) if h in titles else None for h in headlines]
