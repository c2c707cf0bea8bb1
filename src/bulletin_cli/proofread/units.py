"""The text a loaded spec prints, as units (a paragraph, a title, a table cell) whose every
character is mapped back to the file it was written in: the spec's own, a series file it extends
(through the merged document, so a value the issue overrides is not read), a .md/.txt body file;
a Word body file's text is placed at its paragraph.

Nothing is read again here: the units come from the spec's one source map (spec.reader.Loaded),
each value's lines as spec.printed reads them for printing, so what is proofread is what prints.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..model import Figure, Paragraph, Table
from ..spec import markup
from ..spec.bodyfile import MD_HEADING
from ..spec.keys import BOOL, KNOWN_KEYS, NULL, STR, TEXT_KINDS, Key
from ..spec.printed import Line, Piece, TextLines, as_printed, join, paragraphs, scalar_lines, text_of
from ..spec.reader import Loaded

# Where a Markdown link or picture leads ](url "title"): the page prints none of it.
MD_DESTINATION = re.compile(r'\]\((?:<[^>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+"[^"]*")?\)')
# The text a body list's image and table blocks print: captions, cells and notes.
_BLOCK_TEXT = {"caption": Key("text"), "table": Key("cells"), "note": Key("text")}


@dataclass
class Unit:
    """One paragraph (or a whole title, a table cell) as the bulletin prints it, character by
    character, and the file its characters are in (a piece's start and end index that file)."""

    field: str
    pieces: list[Piece]
    at: int  # where to point when a character has no place of its own (the value's start)
    file: str
    paragraph: int = 0  # in a Word file: the paragraph's number; its pieces have no place
    document: bool = False  # from a body file: never fixed here (fix it in the source document)

    @property
    def text(self) -> str:
        return text_of(self.pieces)

    def layout(self) -> tuple[list[int], list[int]]:
        """For each character of the text the index of its piece, and for each piece the index
        of its first character (pieces that were deleted to "" own no character)."""
        owner: list[int] = []
        first_char: list[int] = []
        for k, p in enumerate(self.pieces):
            first_char.append(len(owner))
            owner += [k] * len(p.text)
        return owner, first_char

    def editable(self, owner: list[int], start: int, end: int) -> bool:
        """Whether characters [start, end) can be edited in the file: every piece they touch
        editable and each following the other in the file with no gap. A fix never writes a
        character that would need an escape in any YAML style (\\ " '), so replacing an escape
        or a plain character by it is always safe."""
        pieces = self.pieces[owner[start]:owner[end - 1] + 1]
        if any(p.start is None or not p.editable for p in pieces):
            return False
        return all(a.end == b.start for a, b in itertools.pairwise(pieces))


class Units:
    """The units of a loaded spec, in the order its document holds them. `documents`: body files
    too (fixing never needs them)."""

    def __init__(self, loaded: Loaded, documents: bool = True):
        self.source, self.spec = loaded
        self.documents = documents

    def __iter__(self) -> Iterator[Unit]:
        if self.source.root is not None:
            yield from self._walk(self.source.root, "", Key("section", keys=KNOWN_KEYS))

    def own(self) -> list[Unit]:
        """The units written in the spec's own file: what a fix may edit."""
        return [u for u in self if u.file == self.source.name and not u.document]

    def place(self, unit: Unit, owner: list[int], first_char: list[int], offset: int) -> tuple[int, int]:
        """(line, column) of the unit's character at `offset`; in a Word file (paragraph, character)."""
        if unit.paragraph:
            return unit.paragraph, offset + 1
        first = unit.pieces[owner[offset]]
        within = offset - first_char[owner[offset]] if len(first.text) > 1 else 0  # into a run
        where = unit.at if first.start is None else first.start + within
        file = self.source.files.get(unit.file) or self.source.bodies[unit.file]
        return file.position(where)

    def _walk(self, node: Node, path: str, key: Key) -> Iterator[Unit]:
        if key.kind in ("section", "articles") and key.keys:
            items = node.value if key.kind == "articles" and isinstance(node, SequenceNode) else [node]
            for i, item in enumerate(items, 1):
                if isinstance(item, MappingNode):
                    where = f"{path}[{i}]" if key.kind == "articles" else path
                    yield from self._mapping(item, where, i, key.keys)
        elif key.kind == "cells" and isinstance(node, SequenceNode):
            for i, row in enumerate(node.value, 1):
                for j, cell in enumerate(row.value if isinstance(row, SequenceNode) else [], 1):
                    yield from self._walk(cell, f"{path}[{i}][{j}]", Key("line"))
        elif key.kind in TEXT_KINDS:
            if isinstance(node, SequenceNode):
                for i, item in enumerate(node.value, 1):
                    # a body list's text items are paragraphs; of its image and table blocks, the
                    # captions, cells and notes
                    if isinstance(item, MappingNode) and key.kind == "body":
                        yield from self._walk(item, f"{path}[{i}]", Key("section", keys=_BLOCK_TEXT))
                    else:
                        kind = "paragraphs" if key.kind == "body" else "line"
                        yield from self._walk(item, f"{path}[{i}]", Key(kind))
            elif isinstance(node, ScalarNode) and node.tag not in (NULL, BOOL):  # a number prints as written
                yield from _scalar_units(self._lines(node), node.start_mark.name, node, path, key.kind)

    def _lines(self, node: ScalarNode) -> list[Line]:
        return scalar_lines(self.source.files[node.start_mark.name].text, node)

    def _mapping(self, node: MappingNode, where: str, index: int, keys: dict[str, Key]) -> Iterator[Unit]:
        names = {k.value for k, _ in node.value if isinstance(k, ScalarNode)}
        for k, v in node.value:
            sub = keys.get(k.value) if isinstance(k, ScalarNode) else None
            if sub is not None and sub.kind == "body_file":
                yield from self._body_file(v, where, index, titled="title" in names)
            elif sub is not None:
                yield from self._walk(v, f"{where}.{k.value}" if where else k.value, sub)

    def _body_file(self, node: Node, where: str, index: int, titled: bool) -> Iterator[Unit]:
        """The units of `articles[index].body_file` as the loader read it; the file's own title
        unless the article has a `title`."""
        if not self.documents or not (isinstance(node, ScalarNode) and node.tag == STR):
            return
        written = text_of(join(line for line in self._lines(node) if line))
        path = self.source.path_at(node, written)  # where the loader found it
        if path in self.source.bodies:
            yield from _text_file(self.source.bodies[path], path, where, titled)
        elif path.lower().endswith(".docx"):
            yield from self._word_file(where, index, titled)

    def _word_file(self, where: str, index: int, titled: bool) -> Iterator[Unit]:
        """A Word body as the loader read it: each paragraph, caption and table cell at the
        paragraph's number (a table is one), its characters counted within it."""
        if self.spec is None or index > len(self.spec.articles):
            return
        article, field = self.spec.articles[index - 1], f"{where}.body_file"

        def unit(name: str, text: str, at: int, file: str) -> Unit:
            return Unit(name, [Piece(c, None, None, False) for c in text], 0, file, at, True)

        title_loc = self.spec.locs.get(f"{where}.title")
        if not titled and title_loc is not None:
            yield unit(f"{where}.title", article.title, title_loc.line, title_loc.file)
        for block in article.blocks:
            if isinstance(block, Paragraph):
                yield unit(field, block.text, block.loc.line, block.loc.file)
            elif isinstance(block, Figure) and block.caption:
                yield unit(f"{field}.caption", block.caption, block.loc.line, block.loc.file)
            elif isinstance(block, Table):  # its caption and note at their own paragraphs' numbers
                for name, text, loc in (("caption", block.caption, block.caption_loc),
                                        ("note", block.note, block.note_loc)):
                    if text:
                        at = loc or block.loc
                        yield unit(f"{field}.{name}", text, at.line, at.file)
                for i, row in enumerate(block.rows, 1):
                    for j, cell in enumerate(row, 1):
                        if cell:
                            yield unit(f"{field}.table[{i}][{j}]", cell, block.loc.line, block.loc.file)


def _text_file(text: TextLines, path: str, where: str, titled: bool) -> Iterator[Unit]:
    """A .md or .txt body, split into paragraphs as bodyfile reads it."""
    runs = paragraphs(text.lines)
    md = path.lower().endswith(".md")
    if not md and len(runs) == 1:  # a .txt without blank lines: a paragraph a line
        runs = [[line] for line in runs[0]]
    for k, run in enumerate(runs):
        pieces = join(run)
        if md:
            printed = text_of(pieces)
            m = MD_HEADING.match(printed)
            if m and k == 0 and printed.startswith("# "):  # the file's title
                if not titled:
                    yield Unit(f"{where}.title", cut(pieces, m.end()), 0, path, document=True)
                continue
            pieces = _markup_text(pieces, MD_HEADING)
            pieces = _without(pieces, MD_DESTINATION)  # [链接](…) prints 链接
        if pieces:
            yield Unit(f"{where}.body_file", pieces, 0, path, document=True)


def _scalar_units(lines: list[Line], file: str, node: ScalarNode, path: str, kind: str) -> Iterator[Unit]:
    """Split a scalar into units the way the spec is read: a body's paragraphs each alone, a
    title's lines together ("\\n" between them), any other value as one line."""
    at = node.start_mark.index
    runs = paragraphs(lines)
    if kind == "title" and node.style == "|":
        runs = [[line] for p in runs for line in p]
    joined = [join(p) for p in runs]
    if kind in ("paragraphs", "body"):  # a body's paragraphs: the text the inline syntax prints
        for pieces in joined:
            pieces = _markup_text(pieces, markup.SUBHEADING)
            if pieces:
                yield Unit(path, pieces, at, file)
    elif kind == "paragraph":
        for pieces in joined:
            yield Unit(path, pieces, at, file)
    elif kind == "title":
        newline = [Piece("\n", None, None, False)]
        yield Unit(path, [x for k, p in enumerate(joined) for x in (newline if k else []) + p], at, file)
    elif joined:
        yield Unit(path, join(line for p in runs for line in p), at, file)


def _markup_text(pieces: list[Piece], heading: re.Pattern) -> list[Piece]:
    """A paragraph written with the inline syntax, cut to what it prints: a photo's caption,
    a subheading without its `## `. (`**` marks stay: no rule reads an asterisk.)"""
    text = text_of(pieces)
    image = markup.IMAGE.fullmatch(text)
    if image:
        return as_printed(cut(pieces, image.start("caption"), image.end("caption")))
    m = heading.match(text)
    return cut(pieces, m.end()) if m else pieces


def _without(pieces: list[Piece], pattern: re.Pattern) -> list[Piece]:
    """The pieces without the characters `pattern` matches."""
    spans = [m.span() for m in pattern.finditer(text_of(pieces))]
    if not spans:
        return pieces
    out, k = [], 0
    for p in characters(pieces):
        if not any(a <= k < b for a, b in spans):
            out.append(p)
        k += len(p.text)
    return out


def cut(pieces: list[Piece], start: int, end: int | None = None) -> list[Piece]:
    """The pieces holding characters [start, end) of their text (a line's pieces before any fix)."""
    out, k = [], 0
    for p in characters(pieces):
        if start <= k and (end is None or k < end):
            out.append(p)
        k += len(p.text)
    return out


def characters(pieces: list[Piece]) -> list[Piece]:
    """The pieces with each run split into its characters."""
    if all(len(p.text) <= 1 for p in pieces):
        return pieces
    return [c for p in pieces for c in ([p] if len(p.text) <= 1 else  # type: ignore[operator]
            [Piece(ch, p.start + k, p.start + k + 1, p.editable) for k, ch in enumerate(p.text)])]
