"""Article bodies as blocks (model.Paragraph, Figure, Table): from the spec's text with its inline
syntax (markup.py), and from body files: .txt, .md and Word .docx (python-docx).

Everything that reads a file happens here, while the spec is loaded, so a bad photo or Word file
is a located spec error and layout stays a pure function of data. Problems are collected, not
raised, so one run reports all of them.
"""
from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..errors import Problem
from ..files import Unreadable, read_bounded
from ..model import Block, Figure, Loc, Paragraph, Picture, Table
from . import images, markup
from .printed import TextLines, join_lines, printable, text_of
from .source import NotText, decode

MAX_TEXT_BYTES = 10 * 1024 * 1024
MAX_DOCX_BYTES = 50 * 1024 * 1024
MAX_DOCX_UNPACKED = 300 * 1024 * 1024  # a zip bomb is refused before python-docx unpacks it
Locate = Callable[[int], tuple[int, int]]  # offset in a paragraph -> (line, column) in its file
_TITLE_STYLES = re.compile(r"^(Title|标题|Heading 1|标题 1)$", re.I)
_HEADING_STYLES = re.compile(r"^(Heading|标题|Subtitle|副标题)", re.I)
_CAPTION_STYLES = re.compile(r"^(Caption|题注)$", re.I)
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


class Pictures:
    """Every image of one spec, read once by real path: a photo used twice is one Picture, so
    the PDF embeds it once."""

    def __init__(self) -> None:
        self._read: dict[str, Picture | images.PictureError] = {}
        self.paths: list[str] = []  # every picture file read (or tried), as resolved

    def get(self, path: str, shown: str) -> Picture:
        key = os.path.realpath(path)
        if path not in self.paths:
            self.paths.append(path)
        if key not in self._read:
            try:
                self._read[key] = images.load_picture(path, shown)
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
            body.problems.append(Problem(file, *locate(offset), field_path, message, hint))
            continue
        if not parsed.text and parsed.kind != "image":  # `****`: marks around nothing
            body.problems.append(Problem(file, line, col, field_path, "the paragraph prints nothing",
                                         "write the text between the ** marks, or delete them"))
            continue
        if parsed.kind == "image":
            try:
                picture = pictures.get(os.path.join(base_dir, parsed.path), parsed.path)
            except images.PictureError as e:
                at = locate(text.index("](") + 2)
                body.problems.append(Problem(file, *at, field_path, f"{parsed.path}: {e}"))
                continue
            body.blocks.append(Figure(picture, parsed.text or None, 1.0, loc))
        else:
            body.blocks.append(Paragraph(parsed.text, loc, parsed.bold, parsed.kind == "subheading"))
    return body


def read_body_file(path: str, shown: str, field_path: str, pictures: Pictures) -> Body:
    """The blocks of a .docx, .md or .txt file; problems name `shown` (the path as written)."""
    ext = os.path.splitext(path)[1].lower()
    if ext not in (".docx", ".md", ".txt"):
        hint = "save a .doc as .docx in Word (File > Save as)" if ext == ".doc" else None
        return _refused(shown, field_path, "a body file must be .docx, .md or .txt", hint)
    try:
        data = read_bounded(path, MAX_DOCX_BYTES if ext == ".docx" else MAX_TEXT_BYTES, "body file")
    except Unreadable as e:
        return _refused(shown, field_path, str(e))
    if ext == ".docx":
        return _docx(data, shown, field_path)
    try:
        text = TextLines.read(decode(data, ext).removeprefix("\ufeff"))
    except NotText as e:
        message, hint, line, col = e.args
        return Body(problems=[Problem(shown, line, col, field_path, message, hint)])
    if ext == ".txt":
        body = _txt(text, shown)
    else:
        body = _md(text, shown, field_path, os.path.dirname(path), pictures)
    body.lines = text
    return body


def _refused(shown: str, field_path: str, message: str, hint: str | None = None) -> Body:
    return Body(problems=[Problem(shown, 0, 0, field_path, message, hint)])


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
        paragraph, _ = located_paragraph(run)
        body.blocks.append(Paragraph(paragraph, Loc(shown, run[0][0], run[0][1])))
    return body


def _md(text: TextLines, shown: str, field_path: str, base_dir: str, pictures: Pictures) -> Body:
    """Markdown as far as the body syntax goes: a first `# heading` is the title, other
    headings are subheadings, **bold**, ![caption](image) paragraphs; the rest is text."""
    paragraphs, title, title_loc = [], None, None
    for k, run in enumerate(_runs(text)):
        joined, locate = located_paragraph(run)
        m = MD_HEADING.match(joined)
        if m and k == 0 and joined.startswith("# "):
            title = joined[m.end():].strip()
            title_loc = Loc(shown, *locate(m.end()))
            continue
        if m:
            joined = "## " + joined[m.end():]
            locate = _shifted(locate, m.end() - 3)
        paragraphs.append((joined, locate))
    body = text_blocks(paragraphs, shown, field_path, base_dir, pictures)
    body.title, body.title_loc = title, title_loc
    return body


def _shifted(locate: Locate, by: int) -> Locate:
    return lambda offset: locate(offset + by)


# ---- Word ----------------------------------------------------------------------------------------
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
# What Word documents may hold that a bulletin cannot print: (XPath, note once found).
_NOT_CARRIED = [
    (".//w:txbxContent", "{n} text box(es) not printed: copy their text into the body"),
    (".//w:ins | .//w:del | .//w:moveFrom | .//w:moveTo",
     "{n} tracked change(s): printed as if accepted; accept or reject them in Word to be sure"),
    (".//w:commentReference", "{n} comment(s) not printed"),
    (".//w:footnoteReference | .//w:endnoteReference", "{n} footnote(s) or endnote(s) not printed"),
    (".//m:oMath", "{n} equation(s) not printed"),
    (".//c:chart", "{n} chart(s) not printed: paste them as pictures"),
    (".//w:tbl//a:blip", "{n} picture(s) inside tables not printed: put them between paragraphs"),
]
# Runs that are printed: not deleted text, not inside a text box (reported above).
_RUNS = ".//w:r[not(ancestor::w:del) and not(ancestor::w:moveFrom) and not(ancestor::w:txbxContent)]"
_BLIPS = ".//a:blip[not(ancestor::w:txbxContent)]"


def _docx(data: bytes, shown: str, field_path: str) -> Body:
    import io

    import docx  # python-docx; imported only when a Word file is read
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph
    from docx.text.run import Run

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            unpacked = sum(i.file_size for i in z.infolist())
        if unpacked > MAX_DOCX_UNPACKED:
            return _refused(shown, field_path, f"Word file unpacks to {unpacked >> 20} MB, more than "
                            f"the {MAX_DOCX_UNPACKED >> 20} MB allowed")
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError) as e:
        return _refused(shown, field_path, f"not a Word document (.docx) we can read: {e}",
                        "open it in Word and save it again as .docx")
    except Exception as e:  # a malformed part inside a valid zip: lxml or python-docx errors
        return _refused(shown, field_path, f"damaged Word document: {type(e).__name__}: {e}",
                        "open it in Word and save it again as .docx")
    body = Body()
    root = document.element.body
    for xpath, note in _NOT_CARRIED:
        n = len(root.xpath(xpath))
        if n:
            body.notes.append(f"{shown}: " + note.format(n=n))
    part = document.part
    number = 0
    text_seen = False
    caption_for: Figure | None = None  # a picture waiting for its caption paragraph

    def picture(rid: str, at: Loc) -> Picture | None:
        target = part.related_parts.get(rid)
        name = f"{shown}:{getattr(target, 'partname', rid)}".replace(":/", ":")
        if target is None:
            body.notes.append(f"{shown}: paragraph {at.line}: a linked (not embedded) picture is not printed")
            return None
        try:
            return images.read_picture(target.blob, name)
        except images.PictureError as e:
            body.problems.append(Problem(shown, at.line, 0, field_path, f"picture {name}: {e}"))
            return None

    for item in document.iter_inner_content():
        if isinstance(item, DocxTable):
            number += 1
            table = _docx_table(item, Loc(shown, number, 0), body, shown)
            if table:
                body.blocks.append(table)
            caption_for = None
            continue
        assert isinstance(item, DocxParagraph)
        number += 1
        loc = Loc(shown, number, 0)
        style = item.style.name if item.style is not None else ""
        runs = [Run(r, item) for r in item._p.xpath(_RUNS)]
        text, bold = _docx_text(runs)
        blips = item._p.xpath(_BLIPS)
        if caption_for is not None and text and not blips and (
                _CAPTION_STYLES.match(style) or text.startswith("图")):
            caption_for.caption = text  # the caption Word puts under a picture
            caption_for = None
            continue
        caption_for = None
        if text and not text_seen and not blips and body.title is None and _TITLE_STYLES.match(style):
            body.title, body.title_loc = text, loc
            continue
        if text:
            text_seen = True
            heading = bool(_HEADING_STYLES.match(style))
            body.blocks.append(Paragraph(text, loc, () if heading else bold, heading))
        for blip in blips:
            pic = picture(blip.get(R_EMBED, ""), loc)
            if pic is not None:
                fig = Figure(pic, None, 1.0, loc, _alt_text(blip))
                body.blocks.append(fig)
                caption_for = fig
    return body


def _alt_text(blip) -> str | None:
    """A picture's alternative text as Word keeps it (Alt Text: its drawing's docPr descr)."""
    found = blip.xpath("ancestor::wp:inline/wp:docPr/@descr | ancestor::wp:anchor/wp:docPr/@descr")
    return (str(found[0]).strip() or None) if found else None


def _docx_text(runs) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A Word paragraph's text and its bold spans (adjacent bold runs merged)."""
    text, spans = "", []
    for run in runs:
        part = printable(run.text).replace("\n", "")
        if not part:
            continue
        bold = run.bold if run.bold is not None else bool(run.style is not None and run.style.font.bold)
        if bold and part.strip():
            start = len(text)
            if spans and spans[-1][1] == start:
                start = spans.pop()[0]
            spans.append((start, len(text) + len(part)))
        text += part
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    spans = [(max(0, a - lead), min(len(stripped), b - lead)) for a, b in spans]
    return stripped, tuple((a, b) for a, b in spans if b > a)


def _docx_table(table, loc: Loc, body: Body, shown: str) -> Table | None:
    rows: list[list[str]] = []
    merged = False
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell repeats: print its text once
                merged = True
                cells.append("")
                continue
            seen.add(id(cell._tc))
            texts = [printable(p.text).strip() for p in cell.paragraphs]
            cells.append(join_lines(t for t in texts if t))
        rows.append(cells)
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows if any(r)]
    if not rows or not width:
        return None
    if merged:
        body.notes.append(f"{shown}: paragraph {loc.line}: a table's merged cells are printed as "
                          "separate cells, the text in the first")
    if table._tbl.xpath(".//w:tbl"):
        body.notes.append(f"{shown}: paragraph {loc.line}: a table inside a table cell is printed as text")
    return Table(rows, loc, None, True)
