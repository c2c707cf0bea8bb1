"""Article bodies as blocks (model.Paragraph, Figure, Table): from the spec's text with its inline
syntax (markup.py), and from body files: .txt, .md and Word .docx (word.py).

Everything that reads a file happens here, while the spec is loaded, so a bad photo or Word file
is a located spec error and layout stays a pure function of data. Problems are collected, not
raised, so one run reports all of them.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..errors import Problem
from ..files import Unreadable
from ..i18n import N_, _
from ..model import Block, Figure, Loc, Paragraph, Picture
from . import images, markup, paths, soffice
from .printed import TextLines, join_lines, text_of, unprintable
from .source import UTF8, NotText, decode, read_as_note

MAX_TEXT_BYTES = 10 * 1024 * 1024
MAX_DOCX_BYTES = 50 * 1024 * 1024
MAX_BODY_CHARS = 200_000  # printed characters of one body file, as a body written in the spec
BODY_HINT = N_("is it really one article? Split it into several files")
Locate = Callable[[int], tuple[int, int]]  # offset in a paragraph -> (line, column) in its file
MD_HEADING = re.compile(r"#{1,6}[ \t\u3000]+(?=\S)")


@dataclass
class Body:
    """What a body (text or file) turned into."""

    blocks: list[Block] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    title: str | None = None  # a body file's own title (first heading), if it has one
    title_loc: Loc | None = None  # where it was written (a Word file: its paragraph number)
    notes: list[str] = field(default_factory=list)  # what could not be carried over
    lines: TextLines | None = None  # a .md or .txt file's text as read (proofreading reads it)
    doc_title: str | None = None  # a Word file's Title in its document properties (File > Info)


class Pictures:
    """Every image of one spec, read once by real path: a photo used twice is one Picture, so
    the PDF embeds it once. `root`: the folder the spec may read (paths.py), images and body
    files alike. All the pictures of a spec (named in it, in a .md, in a Word file) share one
    budget of pixels: fifty pictures of 49 megapixels each, 160 KB apiece as flat PNGs, would
    take a minute and gigabytes each few."""

    def __init__(self, root: paths.Root | None = None) -> None:
        self.root = root or paths.find_root(None)
        self._read: dict[str, Picture | images.PictureError] = {}
        self.paths: list[str] = []  # every picture file read (or tried), as resolved
        self.room = images.MAX_TOTAL_PIXELS  # pixels the spec's pictures may still decode to

    def decode(self, data: bytes, shown: str) -> Picture:
        """The picture in an image file's bytes, counted against the spec's budget."""
        picture = images.read_picture(data, shown, self.room)
        self.room -= picture.width * picture.height
        return picture

    def get(self, path: str, shown: str) -> Picture:
        key = os.path.realpath(path)
        if path not in self.paths:
            self.paths.append(path)
        if key not in self._read:
            try:
                data = self.root.read(path, images.MAX_IMAGE_BYTES, N_("image file"))
                self._read[key] = self.decode(data, shown)
            except Unreadable as e:
                self._read[key] = images.PictureError(str(e))
            except images.PictureError as e:
                self._read[key] = e
        found = self._read[key]
        if isinstance(found, images.PictureError):
            raise found
        return found


def located_paragraph(lines: list[tuple[int, int, str]]) -> tuple[str, Locate]:
    """Lines (line, col, text) of one paragraph joined, and where each offset of it was written."""
    starts: list[tuple[int, int, int]] = []  # (offset in the joined text, line, col)
    text = ""
    for line, col, part in lines:
        joined = join_lines([text, part]) if text else part
        starts.append((len(joined) - len(part), line, col))
        text = joined

    def locate(offset: int) -> tuple[int, int]:
        at, line, col = next(s for s in reversed(starts) if s[0] <= offset) if starts else (0, 0, 0)
        return line, col + max(0, offset - at)

    return text, locate


def text_blocks(paragraphs: Iterable[tuple[str, Locate]], file: str, field_path: str, base_dir: str,
                pictures: Pictures) -> Body:
    """Paragraphs written with the inline syntax -> blocks; images resolve against base_dir."""
    body = Body()
    for text, locate in paragraphs:
        line, col = locate(0)
        loc = Loc(file, line, col)
        try:
            parsed = markup.parse(text)
        except markup.MarkupError as e:
            message, offset, hint = e.args
            body.problems.append(Problem(file, *locate(offset), field_path, message, hint, "body.markup"))
            continue
        if not parsed.text and parsed.kind != "image":  # `****`: marks around nothing
            body.problems.append(Problem(file, line, col, field_path, _("the paragraph prints "
                                                                        "nothing"),
                                         _("write the text between the ** marks, or delete them"),
                                         "body.markup"))
            continue
        if parsed.kind == "image":
            try:
                picture = pictures.get(os.path.join(base_dir, parsed.path), parsed.path)
            except images.PictureError as e:
                at = locate(text.index("](") + 2)
                body.problems.append(Problem(file, *at, field_path, f"{parsed.path}: {e}",
                    code="image.unreadable"))
                continue
            body.blocks.append(Figure(picture, parsed.text or None, 1.0, loc))
        else:
            body.blocks.append(Paragraph(parsed.text, loc, parsed.bold, parsed.kind == "subheading"))
    return body


def read_body_file(path: str, shown: str, field_path: str, pictures: Pictures) -> Body:
    """The blocks of a .docx, .md or .txt file; problems name `shown` (the path as written)."""
    ext = os.path.splitext(path)[1].lower()
    if ext not in (".docx", ".md", ".txt", *soffice.SUFFIXES):
        kinds = " ".join(soffice.SUFFIXES)
        return _refused(shown, field_path, _("a body file must be .docx, .md or .txt, or a Word file "
                                             "LibreOffice converts ({kinds})").format(kinds=kinds))
    word_file = ext == ".docx" or ext in soffice.SUFFIXES
    try:
        data = pictures.root.read(path, MAX_DOCX_BYTES if word_file else MAX_TEXT_BYTES, N_("body file"))
        if ext in soffice.SUFFIXES:
            data = soffice.as_docx(data, ext)
    except Unreadable as e:
        return _refused(shown, field_path, str(e))
    except soffice.Unconverted as e:
        return _refused(shown, field_path, *e.args)
    if word_file:
        from . import docprops, word  # lxml: imported only when a Word file is read

        body = word.read_docx(data, shown, field_path, pictures)
        body.doc_title = docprops.core_title(data)
        return body
    try:
        text, encoding = decode(data, ext)
        text = text.removeprefix("\ufeff")
    except NotText as e:
        message, hint, line, col = e.args
        return Body(problems=[Problem(shown, line, col, field_path, message, hint, "file.encoding")])
    refused = _unprintable_text(text, shown, field_path)
    if refused:
        return refused
    lines = TextLines.read(text)
    if ext == ".txt":
        body = _txt(lines, shown)
    else:
        body = _md(lines, shown, field_path, os.path.dirname(path), pictures)
    body.lines = lines
    if encoding != UTF8:
        body.notes.insert(0, read_as_note(shown, encoding))
    return body


def _unprintable_text(text: str, shown: str, field_path: str) -> Body | None:
    """A .md or .txt body too long, or holding a character no text may hold (at its line and
    column: \\v, \\f and \\x1c-\\x1e end a line there, as \\n does); None when it may be printed."""
    if len(text) > MAX_BODY_CHARS:
        return _refused(shown, field_path, _("holds {n:,} characters, more than the "
                                             "{max_body_chars:,} a body may hold").format(
                                                 n=len(text), max_body_chars=MAX_BODY_CHARS), _(BODY_HINT))
    for n, line in enumerate(text.splitlines(), 1):
        bad = unprintable(line)
        if bad:
            return Body(problems=[Problem(shown, n, bad[0] + 1, field_path, bad[1], bad[2],
                "spec.unprintable")])
    return None


def title_problems(body: Body, field_path: str, limit: int) -> list[Problem]:
    """A body file's title, when it is the article's, is held to a title line's `limit`: a
    20,000-character first heading printed as 83 pages of title."""
    if body.title is None or body.title_loc is None or len(body.title) <= limit:
        return []
    at = body.title_loc
    message = _("title too long: {n:,} characters (at most {limit})").format(n=len(body.title), limit=limit)
    return [Problem(at.file, at.line, at.col, field_path, message,
                    _("the file's first heading is the article's title: shorten it, or give the "
                      "article a title: of its own"), "spec.too-long")]


def _refused(shown: str, field_path: str, message: str, hint: str | None = None) -> Body:
    return Body(problems=[Problem(shown, 0, 0, field_path, message, hint, "body.unreadable")])


def _runs(text: TextLines) -> list[list[tuple[int, int, str]]]:
    """Blank-line separated paragraphs of (line, column, printed text of the line)."""
    runs: list[list[tuple[int, int, str]]] = [[]]
    for n, line in enumerate(text.lines, 1):
        if line:
            runs[-1].append((n, line[0].start - text.starts[n - 1] + 1, text_of(line)))  # type: ignore[operator]
        elif runs[-1]:
            runs.append([])
    return [r for r in runs if r]


def _txt(text: TextLines, shown: str) -> Body:
    """Plain text, printed as it is (no inline syntax): blank lines separate paragraphs; a file
    without any blank line (what Word's "plain text" export writes) has one paragraph a line."""
    runs = _runs(text)
    if len(runs) == 1:
        runs = [[ln] for ln in runs[0]]
    body = Body()
    for run in runs:
        paragraph, _where = located_paragraph(run)
        body.blocks.append(Paragraph(paragraph, Loc(shown, run[0][0], run[0][1])))
    return body


def _md(text: TextLines, shown: str, field_path: str, base_dir: str, pictures: Pictures) -> Body:
    """Markdown, read by a CommonMark parser (mdbody.py): a first `# heading` is the title."""
    from .mdbody import MarkdownReader  # markdown-it: imported only when a .md file is read

    read = MarkdownReader(text.text, shown, field_path, base_dir, pictures).read()
    return Body(read.blocks, read.problems, read.title, read.title_loc, read.notes)


def without_repeats(blocks: list[Block], title: str | None, byline: str | None) -> list[Block]:
    """A body file's blocks without the paragraphs that repeat the article's title (when it is the
    first paragraph) or its byline (the first paragraph after that, or the last): a Word file
    usually opens with its title and a source line (来源：…, （××供稿）), which the spec's
    title and byline print above the body already. Spaces do not count (in a title a space marks
    where it may break); a body that would be left empty is left whole."""
    out = list(blocks)

    def repeats(i: int, text: str | None) -> bool:
        block = out[i] if text and out else None
        return isinstance(block, Paragraph) and "".join(block.text.split()) == "".join(text.split())  # type: ignore[union-attr]

    if len(out) > 1 and repeats(0, title):
        out.pop(0)
    if len(out) > 1:
        at = 0 if repeats(0, byline) else -1 if repeats(-1, byline) else None
        if at is not None:
            out.pop(at)
    return out
