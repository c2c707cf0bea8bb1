"""Spec -> Document: the pages of placed text runs, rules and photos (PDF coordinates, points),
no PDF library here. The masthead is drawn on page 1, everything after it becomes rows on the
grid (the headline list, the editor's note, each article's title, byline and blocks), rows are
paginated and drawn, then the colophon and the page numbers."""
from __future__ import annotations

from ..model import Article, Block, Figure, Paragraph, Spec, Table, plain_title
from .colophon import add_colophon
from .figures import figure_row
from .headinglevels import HeadingLevels
from .headlines import Headlines
from .lists import Lists
from .masthead import draw_masthead
from .numbering import number_pages
from .page import GRID_LINES, KEEP, SIZE_BODY, SIZE_TITLE, Anchor, Document, Page, Row, StandIn
from .paginate import draw_rows, paginate
from .paragraphs import body_paragraph_rows, heading_ends, paragraph_rows
from .roles import Elem, tag_lines, tag_row, tag_rows
from .setter import RoleMetrics, Setter
from .tables import table_rows
from .titles import title_rows


class Composer:
    """Turns a Spec into a Document with the fonts' measurements (RoleMetrics)."""

    def __init__(self, spec: Spec, metrics: RoleMetrics):
        self.spec = spec
        self.setter = Setter(spec, metrics)
        self.notes: list[str] = []  # about the content (low-resolution photos)
        self.article_first_rows: list[Row] = []  # each article's first row, to find its page
        self.article_pages: list[int] = []  # each article's page number, once paginated
        self.structure = Elem("Document")  # what each drawn item is, in reading order (roles.py)

    def compose(self) -> Document:
        spec, setter = self.spec, self.setter
        pages = [Page(1)]
        first_row = draw_masthead(setter, pages[0], self.structure.add("Sect"))
        rows = self.article_rows(GRID_LINES - first_row)
        placements = paginate(rows, first_row)
        del rows
        page_of = {id(r): p for p, _, r in placements}
        self.article_pages[:] = [page_of[id(r)] + 1 for r in self.article_first_rows]
        used = draw_rows(pages, placements, first_row)
        duplex = spec.style.duplex
        drawn = [len(p.items) for p in pages]
        add_colophon(setter, pages, used, duplex)
        colophon = self.structure.add("Sect")
        for k, p in enumerate(pages):
            tag_lines(p.items[drawn[k] if k < len(drawn) else 0:], colophon)
        if duplex and len(pages) % 2:  # a sheet has two sides: the last one stays blank
            pages.append(Page(len(pages) + 1))
        number_pages(setter, pages)
        mh = spec.masthead
        issue = f"第{mh.issue}期" + (f"（总第{mh.total_issue}期）" if mh.total_issue else "")
        date = f"{mh.date.year}年{mh.date.month}月{mh.date.day}日"
        self.notes += setter.stand_in_notes()
        return Document(pages, f"{mh.title} 第{mh.issue}期", mh.publisher, setter.missing,
                        setter.roles_used, subject=f"{mh.title} {issue}，{mh.publisher}，{date}",
                        keywords=tuple(plain_title(a.title) for a in spec.articles), date=mh.date,
                        notes=self.notes, structure=self.structure,
                        stand_ins=[StandIn(*key, chars) for key, chars in setter.stand_ins.items()])

    def article_rows(self, room: int = GRID_LINES) -> list[Row]:
        """Everything after the masthead, as grid lines; `room`: the lines left on page 1."""
        spec, setter = self.spec, self.setter
        rows: list[Row] = []
        if spec.headline_list:
            rows += Headlines(setter, self.article_pages, self.structure).rows(room)
            _anchored(rows[0], "headlines", spec.style.headline_label or "本期要目")
        if spec.editor_note:
            if rows:
                rows.append(Row(None))
            label = "编者按："
            note = spec.editor_note
            note_rows = paragraph_rows(setter, label + note.text, "kai",
                                       lambda off: "heading" if off < len(label) else "kai",
                                       str(note.loc), "editor's note")
            tag_rows(note_rows, self.structure.add("Sect").add("P"))
            _anchored(note_rows[0], "editor-note", "编者按")
            rows += note_rows
        for n, art in enumerate(spec.articles, 1):
            if rows:
                rows.append(Row(None))
            first = len(rows)
            rows += self.article(n, art, self.structure.add("Sect"))
            for r in rows[first:]:  # a photo floats only within its article's rows
                r.article = n
        return rows

    def article(self, n: int, art: Article, sect: Elem) -> list[Row]:
        """Article `n`'s rows: its title (an outline entry), byline and body, tagged in `sect`."""
        setter = self.setter
        ctx = plain_title(art.title)
        title = title_rows(setter, art.title, "title", SIZE_TITLE, setter.where(f"articles[{n}].title"), ctx)
        tag_rows(title, sect.add("H1"))
        _anchored(title[0], f"article-{n}", ctx)
        self.article_first_rows.append(title[0])
        rows = title
        if art.byline:
            byline = title_rows(setter, art.byline, "kai", SIZE_BODY, setter.where(f"articles[{n}].byline"),
                                ctx, hints=False)
            rows += tag_rows(byline, sect.add("P"))
        body: list[Row] = []
        headings = dict(zip(map(id, art.paragraphs), heading_ends([p.text for p in art.paragraphs])))
        lists, levels = Lists(sect), HeadingLevels()
        for block in art.blocks:
            heading = headings.get(id(block))
            item = lists.item(block, heading)
            kind = levels.kind(block, heading) if isinstance(block, Paragraph) and not item else None
            body += self.block_rows(block, ctx, heading, sect, item, kind)
        if body:  # a title stays with at least two lines of its body
            body[0].glue_next = KEEP
        return rows + body

    def block_rows(self, block: Block, ctx: str, heading_end: int | None = None,
                   sect: Elem | None = None, item: tuple[int, Elem, Elem] | None = None,
                   kind: str | None = None) -> list[Row]:
        """The rows of one body block: a paragraph (a list item: `item` from lists.Lists; else
        a `kind` from headinglevels.HeadingLevels: a heading, a quotation or P; no `kind`: the
        paragraph's as if it were the article's only one), a photo or a table, tagged in
        `sect`. `heading_end`: where a paragraph's numbered heading ends (see heading_ends)."""
        sect = sect or Elem("Sect")
        if item:
            rows = body_paragraph_rows(self.setter, block, ctx, heading_end, item)
            return tag_rows(rows, item[2])  # the LBody: all but the label's glyphs
        if isinstance(block, Paragraph) and kind is None:
            kind = HeadingLevels().kind(block, heading_end)
        if isinstance(block, Paragraph) and _run_in(block, kind, heading_end):
            # 一、提高认识。各单位要…: the heading's glyphs its own, the text after it a P
            head = (heading_end, sect.add(kind), sect.add("P"))
            return tag_rows(body_paragraph_rows(self.setter, block, ctx, heading_end, head), head[2])
        if isinstance(block, Paragraph):
            return tag_rows(body_paragraph_rows(self.setter, block, ctx, heading_end), sect.add(kind))
        if isinstance(block, Figure):
            figure = sect.add("Figure", alt=block.alt or block.caption or "")
            caption = sect.add("Caption") if block.caption else figure
            return [tag_row(figure_row(self.setter, block, ctx, self.notes), caption, figure)]
        if isinstance(block, Table):
            return table_rows(self.setter, block, ctx, sect)
        raise TypeError(f"no layout for a {type(block).__name__} block")


def _run_in(p: Paragraph, kind: str | None, heading_end: int | None) -> bool:
    """Is the paragraph a numbered heading with text after it in the same paragraph?"""
    return (kind is not None and kind[0] == "H" and not p.subheading and heading_end is not None
            and heading_end < len(p.text.rstrip()))


def _anchored(row: Row, key: str, label: str) -> None:
    """Make the row also place an Anchor at the top of its grid line when it is drawn."""
    draw = row.draw

    def with_anchor(page: Page, top: float) -> None:
        page.items.append(Anchor(key, label, top))
        draw(page, top)

    row.draw = with_anchor
