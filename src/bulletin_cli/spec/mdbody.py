r"""A Markdown body file (.md) as blocks, read by a real CommonMark parser (markdown-it-py) with
GitHub's tables, mapped onto what a bulletin prints; nothing prints as markup:

    # 标题 (the file's first block)      the article's title
    ## 小标题 (any other heading)         a subheading, as the spec's `## `
    **strong**                          emphasis in 黑体, as the spec's `**`
    *emphasis*, `code`, [link](url)     their text only (GB/T 9704 has no italic; 楷体 is a heading face)
    1. item (nested: （1）)              a paragraph numbered 1. (（1）), the office's list forms
    - item                              a paragraph of its own marked ●, as a Word bullet prints
    > quote                             paragraphs in 楷体, as an editor's note (按语) is set
    | table |                           a table block, its first row the header
    ![caption](photo.jpg)               a photo block (a paragraph around it is split there)
    HTML, code blocks                   their text
    --- (a rule), a picture in a cell   not printed: named in a note of the build

An unclosed `**` and a paragraph that prints nothing are problems at their file:line:col.

The spec's own `body:` text keeps its small syntax (markup.py): there `1. ` at a paragraph's
start is a numbered paragraph the heading rules read, not a list, `*` and `>` are characters,
and no escape but `\*\*` and `\![` exists; reading it as Markdown would change the pages of
existing specs.
"""
from __future__ import annotations

import html
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import unquote

from ..errors import Problem
from ..i18n import _
from ..model import BULLET, Figure, Loc, Paragraph, Table
from . import images
from .keys import MAX_TABLE_CELLS
from .printed import join_lines, printable

FULL_WIDTH_HEADING = re.compile(r"(#{1,6})\u3000+(?=\S)")  # `#　标题`: CommonMark wants a space
TAG = re.compile(r"<[^>]*>")
LINE_BREAKS = re.compile("[\x85\u2028\u2029]")  # line ends for str.splitlines, not for CommonMark


@cache
def _parser():  # built once per process
    from markdown_it import MarkdownIt

    # text_join off: an escaped \* stays a text_special token, so a `**` left in a text token
    # is one the parser could not pair (an unclosed bold), not one the author escaped
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable("text_join")


@dataclass
class _Inline:
    """One paragraph's printed text being built: characters, which of them are strong."""

    chars: list[str] = field(default_factory=list)
    strong: list[bool] = field(default_factory=list)
    depth: int = 0  # strong marks open
    broken: bool = False  # a line ended before the next text

    def add(self, text: str) -> None:
        text = printable(text)
        if self.broken and text.strip():  # lines join as the spec's lines join (join_lines)
            while self.chars and self.chars[-1].isspace():
                self.chars.pop()
                self.strong.pop()
            text = text.lstrip()
            if self.chars:
                text = join_lines([self.chars[-1], text])[1:]
            self.broken = False
        self.chars += text
        self.strong += [self.depth > 0] * len(text)

    def take(self) -> tuple[str, tuple[tuple[int, int], ...]]:
        text = "".join(self.chars)
        lead = len(text) - len(text.lstrip())
        text, strong = text.strip(), self.strong[lead:lead + len(text.strip())]
        spans, start = [], None
        for k, s in enumerate([*strong, False]):
            if s and start is None:
                start = k
            elif not s and start is not None:
                spans.append((start, k))
                start = None
        self.chars, self.strong, self.broken = [], [], False
        return text, tuple(spans)


class MarkdownReader:
    """Walks the parser's tokens once, making blocks; problems name the file:line:col."""

    def __init__(self, text: str, shown: str, field_path: str, base_dir: str, pictures) -> None:
        self.lines = text.splitlines()
        self.shown, self.field_path, self.base_dir, self.pictures = shown, field_path, base_dir, pictures
        self.blocks: list = []
        self.problems: list[Problem] = []
        self.notes: list[str] = []  # what is not printed (Body.notes: the build names it)
        self.title: str | None = None
        self.title_loc: Loc | None = None
        self.lists: list[list] = []  # [ordered, next number] of each open list
        self.quotes = 0
        self.label = ""  # a list item's number or mark, for its first paragraph
        self.tokens = _parser().parse(LINE_BREAKS.sub("\n", text))

    def read(self) -> MarkdownReader:
        tokens, i = self.tokens, 0
        while i < len(tokens):
            i = self._block(tokens, i) + 1
        return self

    def _block(self, tokens: list, i: int) -> int:
        """Handle the token at i; returns the index of the last token it used."""
        t = tokens[i]
        kind = t.type
        if kind in ("heading_open", "paragraph_open"):
            self._text(tokens[i + 1], kind == "heading_open", first=i == 0 and t.tag in ("h1", "p"))
            return i + 2
        if kind in ("bullet_list_open", "ordered_list_open"):
            self.lists.append([kind == "ordered_list_open", int(t.attrGet("start") or 1)])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_open":
            self.label = self._item_label()
        elif kind in ("blockquote_open", "blockquote_close"):
            self.quotes += 1 if kind == "blockquote_open" else -1
        elif kind == "table_open":
            return self._table(tokens, i)
        elif kind == "hr":
            mark = self.lines[t.map[0]].strip()  # as written (the token's markup is not)
            self._note(t.map[0] + 1, _("a horizontal rule ({mark}) is not printed").format(mark=mark))
        elif kind in ("fence", "code_block", "html_block"):
            text = t.content if kind != "html_block" else html.unescape(TAG.sub("", t.content))
            first = t.map[0] + (2 if kind == "fence" else 1)  # a fence's text starts under its ```
            for k, line in enumerate(text.splitlines()):
                if printable(line).strip():
                    self.blocks.append(Paragraph(printable(line).strip(), self._loc(first + k, line),
                                                 kai=self.quotes > 0))
        return i

    def _item_label(self) -> str:
        ordered, number = self.lists[-1]
        if not ordered:
            return BULLET
        self.lists[-1][1] += 1
        depth = sum(1 for o, _ in self.lists if o)
        return f"{number}." if depth == 1 else f"（{number}）"

    def _text(self, inline, heading: bool, first: bool) -> None:
        """A paragraph or heading: paragraphs (split around a photo), photos, or the title."""
        line = inline.map[0] + 1
        loc = self._loc(line, inline.content.split("\n", 1)[0])
        label, self.label = self.label, ""
        problems_before = len(self.problems)
        parts = list(self._parts(inline.children or [], line))
        if not parts and inline.content.strip() and len(self.problems) == problems_before:
            self._problem(line, "", _("the paragraph prints nothing"),
                          _("write its text, or delete the marks"))
        for part in parts:
            if isinstance(part, Figure):
                self.blocks.append(part)
                continue
            text, strong = part
            m = None if heading else FULL_WIDTH_HEADING.match(text)
            if m:
                heading, first = True, first and len(m.group(1)) == 1
                text, strong = text[m.end():], tuple((a - m.end(), b - m.end()) for a, b in strong)
            if heading and first and not self.blocks and self.title is None:
                self.title, self.title_loc = text, loc
            elif text:
                labelled = join_lines([label, text]) if label and not heading else text
                shift = len(labelled) - len(text)
                self.blocks.append(Paragraph(labelled, loc,
                                             tuple((a + shift, b + shift) for a, b in strong),
                                             subheading=heading, kai=self.quotes > 0 and not heading))
            label = ""

    def _parts(self, children: list, line: int, photos: bool = True) -> Iterator[tuple[str, tuple] | Figure]:
        """An inline run's printed text, split where a photo stands (`photos`; else a picture
        prints its caption: in a table cell, a caption)."""
        built = _Inline()
        for c in children:
            if c.type == "image" and not photos:
                self._note(line, _("a picture inside a table prints its caption only: put it between "
                                   "paragraphs"))
                built.add(self._plain(c.children or [], line))
            elif c.type == "image":
                if built.chars:
                    yield built.take()
                figure = self._figure(c, line)
                if figure:
                    yield figure
            elif c.type == "text" and "**" in c.content:
                self._problem(line, "**", _("** starts bold text that is never closed"),
                              _(r"close it with ** in the same paragraph, or write \*\* for the characters"))
                built.add(c.content)
            elif c.type in ("text", "text_special", "code_inline"):
                built.add(c.content)
            elif c.type in ("softbreak", "hardbreak"):
                built.broken = True
            elif c.type in ("strong_open", "strong_close"):
                built.depth += 1 if c.type == "strong_open" else -1
        if built.chars:
            yield built.take()

    def _plain(self, children: list, line: int) -> str:
        """An inline run's text, no photo in it (a cell, a caption)."""
        return "".join(part[0] for part in self._parts(children, line, photos=False))  # type: ignore[index]

    def _figure(self, image, line: int) -> Figure | None:
        written = unquote(image.attrGet("src") or "")
        text = self._plain(image.children or [], line)
        if not written.strip():
            self._problem(line, "](", _("an image needs a file: ![caption](photos/file.jpg)"))
            return None
        try:
            picture = self.pictures.get(os.path.join(self.base_dir, written), written)
        except images.PictureError as e:
            self._problem(line, written, f"{written}: {e}")
            return None
        return Figure(picture, text or None, 1.0, Loc(self.shown, *self._where(line, written or "![")))

    def _table(self, tokens: list, i: int) -> int:
        """A table's rows of cell text (the first row its header); returns table_close's index."""
        loc, rows = self._loc(tokens[i].map[0] + 1, "|"), []
        while tokens[i].type != "table_close":
            t = tokens[i]
            if t.type == "tr_open":
                rows.append([])
            elif t.type == "inline":
                rows[-1].append(self._plain(t.children or [], t.map[0] + 1))
            i += 1
        if sum(map(len, rows)) > MAX_TABLE_CELLS:
            limit = MAX_TABLE_CELLS
            self._problem(loc.line, "", _("too many cells (at most {limit:,})").format(limit=limit))
        elif any(any(row) for row in rows):
            self.blocks.append(Table(rows, loc))
        return i

    def _loc(self, line: int, text: str) -> Loc:
        """Where `text` starts on the file's line `line` (its first column when not found)."""
        return Loc(self.shown, line, self._col(line, text))

    def _col(self, line: int, text: str) -> int:
        source = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        at = source.find(text) if text else -1
        return at + 1 if at >= 0 else len(source) - len(source.lstrip()) + 1

    def _where(self, line: int, mark: str, last: bool = False) -> tuple[int, int]:
        """Where the first (or `last`) `mark` of the paragraph that starts on `line` is: (line,
        column); the paragraph's start when it holds none."""
        found = (line, self._col(line, ""))
        for k in range(line, min(len(self.lines), line + 500) + 1):
            source = self.lines[k - 1]
            if not source.strip():
                break
            if mark and mark in source:
                found = (k, (source.rfind(mark) if last else source.find(mark)) + 1)
                if not last:
                    break
        return found

    def _note(self, line: int, message: str) -> None:
        where = _("{file}: line {line}").format(file=self.shown, line=line)
        self.notes.append(f"{where}: {message}")

    def _problem(self, line: int, mark: str, message: str, hint: str | None = None) -> None:
        """A problem at the last `mark` of the paragraph that starts on `line`."""
        at = self._where(line, mark, last=True)
        self.problems.append(Problem(self.shown, *at, self.field_path, message, hint))
