"""Word bodies (.docx) read with lxml: paragraphs, bold runs, headings, numbering, tables and
pictures as bodyfile.Body.

Read here rather than through python-docx, because a Word file is input from anywhere and python-docx
trusts it: it inflates a zip entry whole (a 3 MB file claiming 1 KB inflated to 2 GB), scans every style
on each paragraph's style lookup (4,000 paragraphs: a minute), follows merged cells by recursion, and
raises on a bad attribute value. Here every part is inflated as a stream against a running count, every
count (XML elements, paragraphs, table cells) has a cap, styles are looked up in dicts, each picture
part is decoded once, and a bad value is a problem at its paragraph. Nothing is dropped silently: what
cannot be printed is a note (or a problem) naming its paragraph.

Paragraph numbers count the body's paragraphs and tables (a table is one), as Word's own
"paragraph N" would, including those inside content controls.
"""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from urllib.parse import unquote

from lxml import etree

from ..errors import Problem
from ..i18n import N_, _
from ..model import Figure, Loc, Paragraph, Picture, Table
from . import bodyfile, images
from .bodyfile import BODY_HINT, Body, Pictures
from .printed import join_lines, printable, unprintable
from .wordnum import Numbering

MAX_UNPACKED = 300 * 1024 * 1024  # bytes inflated from one file, counted as they come
MAX_ENTRIES = 10_000  # zip entries: a Word file has a few dozen
MAX_XML_BYTES = 64 * 1024 * 1024  # one XML part (a 100-page report's document.xml: ~5 MB)
MAX_ELEMENTS = 1_000_000  # XML elements in one part (a 100-page report has ~200,000)
MAX_BLOCKS = 20_000  # paragraphs and tables of a body
MAX_TABLE_CELLS = 10_000  # as a table written in the spec (reader.MAX_TABLE_CELLS)
RESAVE, WORD = N_("open it in Word and save it again as .docx"), "body.word"  # WORD: Problem.code

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "v": "urn:schemas-microsoft-com:vml",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}
W, R, A, V, MC = (f"{{{NS[k]}}}" for k in ("w", "r", "a", "v", "mc"))
PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
OFFICE_DOCUMENT = "/officeDocument"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: .doc, or an encrypted .docx
STRICT = "purl.oclc.org/ooxml/wordprocessingml"  # ISO 29500 Strict: other namespaces throughout
_TITLE_STYLES = re.compile(r"^(Title|标题|Heading 1|标题 1)$", re.I)
_HEADING_STYLES = re.compile(r"^(Heading|标题|Subtitle|副标题)", re.I)
_CAPTION_STYLES = re.compile(r"^(Caption|题注)$", re.I)
# What Word documents may hold that a bulletin cannot print: (XPath, note once found).
_NOT_CARRIED = [
    (".//w:txbxContent", N_("{n} text box(es) not printed: copy their text into the body")),
    (".//w:ins | .//w:del | .//w:moveFrom | .//w:moveTo",
     N_("{n} tracked change(s): printed as if accepted; accept or reject them in Word to be sure")),
    (".//w:commentReference", N_("{n} comment(s) not printed")),
    (".//w:footnoteReference | .//w:endnoteReference", N_("{n} footnote(s) or endnote(s) not printed")),
    (".//m:oMath", N_("{n} equation(s) not printed")),
    (".//c:chart", N_("{n} chart(s) not printed: paste them as pictures")),
    (".//w:tbl//a:blip | .//w:tbl//v:imagedata",
     N_("{n} picture(s) inside tables not printed: put them between paragraphs")),
    (".//w:object", N_("{n} embedded object(s) (an Excel sheet, a Visio drawing...) not printed: "
                       "paste them as pictures")),
    (".//w:r[w:rPr/w:vanish[not(@w:val) or @w:val='1' or @w:val='true' or @w:val='on']]",
     N_("{n} run(s) of hidden text not printed (Word does not print them either)")),
]
# Inside a paragraph, what is not its printed text: deleted text, text boxes (noted above), the
# older copy of content Word also wrote in a newer form (mc:Fallback), field instructions.
_SKIP = {W + "del", W + "moveFrom", W + "txbxContent", MC + "Fallback", W + "pPr", W + "rPr",
         W + "instrText", W + "delText"}
# Blocks a body (or a cell) holds inside wrappers: content controls and custom XML.
_WRAPPERS = {W + "sdt": W + "sdtContent", W + "customXml": None, W + "smartTag": None}


class Refused(Exception):
    """A Word file that cannot be read at all. args: (message, hint)."""


class Damaged(Exception):
    """A value Word never writes, found at a paragraph: the file was not saved by Word."""


def read_docx(data: bytes, shown: str, field_path: str, pictures: Pictures | None = None) -> Body:
    """The body of a Word file; problems name `shown` (the path as written) and a paragraph.
    Its pictures are decoded through `pictures`, the spec's (within its budget of pixels)."""
    try:
        package = _Package(data)
        document = package.document()
        reader = _Reader(package, shown, field_path, pictures or Pictures())
    except Refused as e:
        return Body(problems=[Problem(shown, 0, 0, field_path, *e.args, code=WORD)])
    return reader.read(document)


def on_off(el: etree._Element | None, what: str) -> bool | None:
    """An ST_OnOff property (w:b, w:vanish): None when absent; Damaged for a value Word never writes."""
    if el is None:
        return None
    value = el.get(W + "val")
    if value is None or value in ("true", "1", "on"):
        return True
    if value in ("false", "0", "off"):
        return False
    raise Damaged(_("{what} ({tag}) is '{value}', not true or false").format(
        what=_(what), tag=el.tag.split("}")[1], value=value[:20]))


def number(el: etree._Element | None, what: str, default: int) -> int:
    """A whole-number attribute w:val (gridSpan, ilvl...); Damaged when it is not one."""
    value = None if el is None else el.get(W + "val")
    if value is None:
        return default
    if not re.fullmatch(r"-?\d{1,9}", value.strip()):
        raise Damaged(_("{what} is '{value}', not a number").format(what=_(what), value=value[:20]))
    return int(value)


class _Package:
    """The zip, each part inflated as a stream and counted; XML parsed safely and counted."""

    PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             remove_comments=True, remove_pis=True, huge_tree=False)

    def __init__(self, data: bytes):
        if data.startswith(OLE):  # what Word writes for a .doc, and for a .docx with a password
            raise Refused(_("an old Word .doc, or a .docx protected by a password: not a .docx we can read"),
                          _("in Word, remove the password (File > Info > Protect Document), save as .docx"))
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            entries = self.zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
            raise Refused(_("not a Word document (.docx) we can read: {why}").format(why=e),
                          _(RESAVE)) from None
        if len(entries) > MAX_ENTRIES:
            raise Refused(_("Word file holds {n:,} parts, more than the {limit:,} allowed").format(
                n=len(entries), limit=MAX_ENTRIES), _(RESAVE))
        self.entries = {e.filename.lower(): e for e in entries}
        self.unpacked = 0

    def blob(self, name: str) -> bytes | None:
        """The bytes of part `name` (no leading /), None if there is none. The count runs over
        what is really inflated: a size the zip declares is never trusted."""
        entry = self.entries.get(name.lower())
        if entry is None:
            return None
        out = bytearray()
        try:
            with self.zip.open(entry) as f:
                while chunk := f.read(1 << 16):
                    self.unpacked += len(chunk)
                    if self.unpacked > MAX_UNPACKED:
                        raise Refused(_("Word file unpacks to more than the {mb} MB allowed").format(
                            mb=MAX_UNPACKED >> 20),
                            _("is it really an article? Large pictures can be made smaller in Word"))
                    out += chunk
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as e:
            raise Refused(_("damaged Word document: {part}: {why}").format(part=name, why=e),
                          _(RESAVE)) from None
        return bytes(out)

    def xml(self, name: str) -> etree._Element | None:
        data = self.blob(name)
        if data is None:
            return None
        if len(data) > MAX_XML_BYTES:
            raise Refused(_("Word file: {part} is {mb} MB of XML, more than the {limit} MB allowed").format(
                part=name, mb=len(data) >> 20, limit=MAX_XML_BYTES >> 20), _(BODY_HINT))
        try:
            # counted before the tree is built (5 million empty paragraphs, or comments, would
            # take GBs), each element dropped once counted, so the count itself takes no memory
            events = etree.iterparse(io.BytesIO(data), events=("end",), resolve_entities=False,
                                     no_network=True, load_dtd=False, huge_tree=False,
                                     remove_comments=True, remove_pis=True)
            for count, (_event, el) in enumerate(events, 1):
                if count > MAX_ELEMENTS:
                    raise Refused(_("Word file: {part} holds more than {limit:,} XML elements").format(
                        part=name, limit=MAX_ELEMENTS), _(BODY_HINT))
                el.clear()
                while el.getprevious() is not None:
                    del el.getparent()[0]
            return etree.fromstring(data, self.PARSER)
        except etree.XMLSyntaxError as e:
            raise Refused(_("damaged Word document: {part}: {why}").format(part=name, why=e),
                          _(RESAVE)) from None

    def rels(self, part: str) -> dict[str, tuple[str, str, bool]]:
        """Relationship id -> (type, target part name, external) of `part` ("" for the package)."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        out = {}
        for rel in [] if root is None else root.iter(PACKAGE_RELS):
            target = unquote(rel.get("Target", ""))
            external = rel.get("TargetMode") == "External"
            if not external:
                target = posixpath.normpath(target.lstrip("/") if target.startswith("/")
                                            else posixpath.join(folder, target)).lstrip("/")
            out[rel.get("Id", "")] = (rel.get("Type", ""), target, external)
        return out

    def document(self) -> etree._Element:
        main = next((t for kind, t, external in self.rels("").values()
                     if kind.endswith(OFFICE_DOCUMENT) and not external), "word/document.xml")
        root = self.xml(main)
        body = None if root is None else root.find(W + "body")
        if root is not None and body is None and STRICT in root.tag:
            raise Refused(_("a Strict Open XML document, which we cannot read"),
                          _("in Word, save it as Word Document (.docx), not Strict Open XML"))
        if body is None:
            raise Refused(_("not a Word document (.docx) we can read: it has no document body"), _(RESAVE))
        self.main = main
        return body


class _Styles:
    """Style names, their bold, their numbering, and the defaults, looked up by id in dicts."""

    def __init__(self, root: etree._Element | None):
        self.names: dict[str, str] = {}
        self.bold: dict[str, bool | None] = {}
        self.numbering: dict[str, tuple[etree._Element | None, etree._Element | None]] = {}
        self.based_on: dict[str, str] = {}
        self.default = {"paragraph": "", "character": ""}
        for style in [] if root is None else root.iter(W + "style"):
            sid, kind = style.get(W + "styleId", ""), style.get(W + "type", "paragraph")
            name = style.find(W + "name")
            self.names[sid] = "" if name is None else name.get(W + "val", "")
            try:
                self.bold[sid] = on_off(style.find(f"{W}rPr/{W}b"), N_("bold"))
            except Damaged:
                self.bold[sid] = None  # a style's bad value: as if unset (Word ignores it too)
            num = style.find(f"{W}pPr/{W}numPr")
            if num is not None:
                self.numbering[sid] = (num.find(W + "numId"), num.find(W + "ilvl"))
            based = style.find(W + "basedOn")
            if based is not None:
                self.based_on[sid] = based.get(W + "val", "")
            if style.get(W + "default") in ("1", "true", "on") and kind in self.default:
                self.default[kind] = self.default[kind] or sid

    def paragraph(self, sid: str | None) -> str:
        """A paragraph style's id: the one given if it exists, else the default."""
        return sid if sid in self.names else self.default["paragraph"]

    def run_bold(self, sid: str | None) -> bool:
        return bool(self.bold.get(sid if sid in self.names else self.default["character"]))

    def numbering_of(self, sid: str) -> tuple[etree._Element | None, etree._Element | None]:
        """The numbering a paragraph style gives, through the styles it is based on."""
        seen = set()
        while sid and sid not in seen:
            seen.add(sid)
            if sid in self.numbering:
                return self.numbering[sid]
            sid = self.based_on.get(sid, "")
        return None, None


def blocks_in(parent: etree._Element) -> Iterator[etree._Element]:
    """The paragraphs, tables and embedded documents of a body or cell, in reading order, also
    those inside content controls (w:sdt) and custom XML."""
    for child in parent:
        tag = child.tag
        if tag in (W + "p", W + "tbl", W + "altChunk"):
            yield child
        elif tag in _WRAPPERS:
            inner = child.find(_WRAPPERS[tag]) if _WRAPPERS[tag] else child
            if inner is not None:
                yield from blocks_in(inner)


class _Text:
    """One paragraph's printed text, its bold spans and its pictures, read in one walk."""

    def __init__(self, styles: _Styles):
        self.styles = styles
        self.parts: list[str] = []
        self.spans: list[tuple[int, int]] = []
        self.length = 0
        self.pictures: list[str] = []  # relationship ids, in order
        self.alts: list[str | None] = []  # each picture's Alt Text (its drawing's docPr descr)
        self.symbols: list[str] = []  # w:sym that name a symbol font's private character

    def walk(self, el: etree._Element) -> _Text:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == W + "r":
                self.run(child)
            elif tag == MC + "AlternateContent":
                choice = child.find(MC + "Choice")
                if choice is not None:
                    self.walk(choice)
            else:
                self.walk(child)
        return self

    def run(self, r: etree._Element) -> None:
        props = r.find(W + "rPr")
        if props is not None and on_off(props.find(W + "vanish"), N_("hidden")):
            return  # hidden text (noted once for the file)
        bold = None if props is None else on_off(props.find(W + "b"), N_("bold"))
        if bold is None:
            style = None if props is None else props.find(W + "rStyle")
            bold = self.styles.run_bold(None if style is None else style.get(W + "val"))
        text = []
        for child in r:
            tag = child.tag
            if tag == W + "t":
                text.append(_t_text(child))
            elif tag in (W + "tab", W + "ptab"):
                text.append(" ")
            elif tag == W + "noBreakHyphen":
                text.append("-")
            elif tag == W + "sym":
                text.append(self.symbol(child))
            elif tag in (W + "drawing", W + "pict", MC + "AlternateContent"):
                self.picture_ids(child)
        self.add("".join(text), bold)

    def symbol(self, sym: etree._Element) -> str:
        """A w:sym's character. A symbol font's own (U+F000-U+F0FF: Wingdings, Symbol) means
        nothing without that font: reported, not printed."""
        code = sym.get(W + "char", "")
        value = int(code, 16) if re.fullmatch(r"[0-9A-Fa-f]{1,6}", code) else -1
        if value < 0x20 or 0xD800 <= value <= 0xF8FF or value > 0x10FFFF:
            self.symbols.append(f"{sym.get(W + 'font', '?')} {code}")
            return ""
        return chr(value)

    def picture_ids(self, el: etree._Element) -> None:
        """Pictures drawn in a run: DrawingML (a:blip) and VML (v:imagedata), not those in a
        text box or in the older copy Word keeps for old readers (mc:Fallback)."""
        for found in el.iter(A + "blip", V + "imagedata"):
            if any(a.tag in (W + "txbxContent", MC + "Fallback") for a in found.iterancestors()):
                continue
            rid = found.get(R + "embed") if found.tag == A + "blip" else found.get(R + "id")
            self.pictures.append(rid or "")
            self.alts.append(_alt_text(found))

    def add(self, part: str, bold: bool) -> None:
        part = printable(part)
        if not part:
            return
        if bold and part.strip():
            start = self.length
            if self.spans and self.spans[-1][1] == start:
                start = self.spans.pop()[0]
            self.spans.append((start, self.length + len(part)))
        self.parts.append(part)
        self.length += len(part)

    def result(self, label: str = "") -> tuple[str, tuple[tuple[int, int], ...]]:
        """The text, stripped, with its numbering label before it, and its bold spans."""
        text = "".join(self.parts)
        stripped = text.strip()
        lead = len(text) - len(text.lstrip())
        spans = [(max(0, a - lead), min(len(stripped), b - lead)) for a, b in self.spans]
        if label and stripped:
            joined = join_lines([label, stripped])
            shift = len(joined) - len(stripped)
            stripped, spans = joined, [(a + shift, b + shift) for a, b in spans]
        return stripped, tuple((a, b) for a, b in spans if b > a)


def _t_text(t: etree._Element) -> str:
    """A w:t's text. An entity reference Word never writes (&xxe;, from a DTD) stays a node
    in the tree, cutting the text: it is a problem at its paragraph, the text around it kept."""
    text = t.text or ""
    for child in t:
        if isinstance(child, etree._Entity):
            raise Damaged(_("the text holds an entity reference {name} that Word never writes").format(
                name=child.text))
        text += child.tail or ""
    return text


class _Reader:
    """One document's body, read block by block into a Body."""

    def __init__(self, package: _Package, shown: str, field_path: str, pictures: Pictures):
        self.package, self.shown, self.field_path, self.pictures = package, shown, field_path, pictures
        rels = package.rels(package.main)
        self.rels = rels

        def part(kind: str) -> etree._Element | None:
            name = next((t for k, t, ext in rels.values() if k.endswith("/" + kind) and not ext), None)
            return None if name is None else package.xml(name)

        self.styles = _Styles(part("styles"))
        self.numbering = Numbering(part("numbering"), self.styles)
        self.decoded: dict[str, Picture | images.PictureError] = {}  # part name -> picture, decoded once
        self.body = Body()
        self.number = 0
        self.chars = 0  # printed so far

    def read(self, document: etree._Element) -> Body:
        body = self.body
        try:
            for xpath, note in _NOT_CARRIED:
                n = len(document.xpath(xpath, namespaces=NS))
                if n:
                    body.notes.append(f"{self.shown}: " + _(note).format(n=n))
            text_seen = False
            caption_for: Figure | None = None  # a picture waiting for its caption paragraph
            for block in blocks_in(document):
                self.number += 1
                if self.number > MAX_BLOCKS:
                    self.problem(_("more than {n:,} paragraphs and tables").format(n=MAX_BLOCKS),
                                 _("is it really an article? Split it into several files"))
                    break
                try:
                    caption_for, text_seen = self.block(block, caption_for, text_seen)
                except Damaged as e:
                    self.problem(_("{e}: the file was not saved by Word").format(e=e), _(RESAVE))
        except Refused as e:
            body.problems.append(Problem(self.shown, 0, 0, self.field_path, *e.args, code=WORD))
        return body

    def problem(self, message: str, hint: str | None = None) -> None:
        self.body.problems.append(Problem(self.shown, self.number, 0, self.field_path, message, hint, WORD))

    def note(self, message: str) -> None:
        self.body.notes.append(_("{shown}: paragraph {number}: {message}").format(
            shown=self.shown, number=self.number, message=message))

    def block(self, el: etree._Element, caption_for: Figure | None,
              text_seen: bool) -> tuple[Figure | None, bool]:
        body, loc = self.body, Loc(self.shown, self.number, 0)
        if el.tag == W + "altChunk":
            self.note(_("an embedded document (altChunk) is not printed: open the file in Word "
                        "and save it again, which makes it part of the text"))
            return None, text_seen
        if el.tag == W + "tbl":
            table = _Table(self).read(el, loc)
            if table:
                body.blocks.append(table)
            return None, text_seen
        props = el.find(W + "pPr")
        style_el = None if props is None else props.find(W + "pStyle")
        sid = self.styles.paragraph(None if style_el is None else style_el.get(W + "val"))
        style = self.styles.names.get(sid, "")
        words = _Text(self.styles).walk(el)
        label = self.numbering.label(props, sid)
        text, bold = words.result(label)
        self.checked(text)
        if words.symbols:
            self.note(_("{n} symbol(s) of a symbol font ({names}) not printed: insert them as "
                        "characters (Insert > Symbol, a Unicode font)").format(
                            n=len(words.symbols), names=', '.join(words.symbols[:3])))
        if caption_for is not None and text and not words.pictures and (
                _CAPTION_STYLES.match(style) or text.startswith("图")):
            caption_for.caption = text  # the caption Word puts under a picture
            return None, text_seen
        if text and not (text_seen or words.pictures or body.title) and _TITLE_STYLES.match(style):
            body.title, body.title_loc = text, loc
            return None, text_seen
        if text:
            # a numbered heading is printed as the numbering rules set it (一、 黑体, （一） 楷体)
            heading = bool(_HEADING_STYLES.match(style)) and not label
            body.blocks.append(Paragraph(text, loc, () if heading else bold, heading))
        for rid, alt in zip(words.pictures, words.alts):
            picture = self.picture(rid)
            if picture is not None:
                caption_for = Figure(picture, None, 1.0, loc, alt)
                body.blocks.append(caption_for)
        return caption_for, text_seen or bool(text)

    def checked(self, text: str) -> None:
        """Refuse what no text may hold; count what is printed against MAX_BODY_CHARS."""
        bad = unprintable(text)
        if bad:
            raise Damaged(_("{why} (at character {n})").format(why=bad[1], n=bad[0] + 1))
        self.chars += len(text)
        if self.chars > bodyfile.MAX_BODY_CHARS:
            raise Refused(_("holds more than the {limit:,} characters a body may hold").format(
                limit=bodyfile.MAX_BODY_CHARS), _(BODY_HINT))

    def picture(self, rid: str) -> Picture | None:
        target, external = self.rels.get(rid, ("", "", True))[1:]  # not `_, …`: that is gettext's
        if external or not target:
            self.note(_("a linked (not embedded) picture is not printed"))
            return None
        if target not in self.decoded:
            name, blob = f"{self.shown}:{target}", self.package.blob(target)
            try:
                if blob is None:
                    raise images.PictureError(_("the picture is missing from the file"))
                self.decoded[target] = self.pictures.decode(blob, name)
            except images.PictureError as e:
                self.decoded[target] = e
                if isinstance(e, images.Metafile):  # a drawing: noted, and the article prints
                    self.note(_(images.IN_WORD).format(name=target, kind=e.kind))
                else:
                    self.problem(_("picture {name}: {e}").format(name=name, e=e))
        return self.decoded[target] if isinstance(self.decoded[target], Picture) else None


class _Table:
    """A Word table as rows of cell texts on its grid: a cell spanning columns (gridSpan) or
    rows (vMerge) prints its text in its first grid cell and leaves the others empty."""

    def __init__(self, reader: _Reader):
        self.reader = reader
        self.cells = 0
        self.merged = False

    def read(self, tbl: etree._Element, loc: Loc) -> Table | None:
        rows: list[list[str]] = []
        for tr in self.rows(tbl):
            row = self.row(tr, rows[-1] if rows else [])
            if row is None:
                return None
            rows.append(row)
        width = max((len(r) for r in rows), default=0)
        rows = [r + [""] * (width - len(r)) for r in rows if any(r)]
        if not rows or not width:
            return None
        if self.merged:
            self.reader.note(_("a table's merged cells are printed as separate cells, the text in the first"))
        if tbl.find(f".//{W}tc//{W}tbl") is not None:
            self.reader.note(_("a table inside a table cell is printed as text, row by row"))
        return Table(rows, loc, None, True)

    @staticmethod
    def rows(tbl: etree._Element) -> Iterator[etree._Element]:
        yield from (el for el in _unwrapped(tbl) if el.tag == W + "tr")

    def row(self, tr: etree._Element, above: list[str]) -> list[str] | None:
        props = tr.find(W + "trPr")
        before = number(None if props is None else props.find(W + "gridBefore"),
                        N_("a row's skipped columns"), 0)
        row = [""] * self.room(max(0, before))
        for tc in (el for el in _unwrapped(tr) if el.tag == W + "tc"):
            props = tc.find(W + "tcPr")
            span = number(None if props is None else props.find(W + "gridSpan"),
                          N_("a cell's column span"), 1)
            merge = None if props is None else props.find(W + "vMerge")
            # a cell merged into the one above it: printed empty (Word shows the text above); in
            # the first row there is nothing above, and Word shows it as a cell of its own
            below = (merge is not None and merge.get(W + "val", "continue") == "continue"
                     and len(above) > len(row))
            text = "" if below else self.text(tc)
            self.merged = self.merged or below or span > 1
            row += [text] + [""] * (self.room(max(1, span)) - 1)
            if self.cells > MAX_TABLE_CELLS:
                self.reader.problem(_("a table with more than {n:,} cells").format(n=MAX_TABLE_CELLS),
                                    _("split it, or put it in the spec as a picture"))
                return None
        return row

    def room(self, n: int) -> int:
        """Count n more cells; the caller stops once they are more than allowed."""
        n = min(n, MAX_TABLE_CELLS + 1)  # a span of 50,000,000 is never spelled out
        self.cells += n
        return n

    def text(self, tc: etree._Element) -> str:
        """A cell's paragraphs joined (a table inside it: its cells, row by row)."""
        texts = []
        for block in blocks_in(tc):
            if block.tag == W + "p":
                text, _notes = _Text(self.reader.styles).walk(block).result()
                self.reader.checked(text)
                texts.append(text)
            elif block.tag == W + "tbl":
                texts += [self.text(cell) for tr in self.rows(block) for cell in _unwrapped(tr)
                          if cell.tag == W + "tc"]
        return join_lines(t for t in texts if t)


def _unwrapped(el: etree._Element) -> Iterator[etree._Element]:
    """The children of a table or row, those inside content controls and custom XML too."""
    for child in el:
        if child.tag in _WRAPPERS:
            inner = child.find(_WRAPPERS[child.tag]) if _WRAPPERS[child.tag] else child
            if inner is not None:
                yield from _unwrapped(inner)
        else:
            yield child


def _alt_text(found: etree._Element) -> str | None:
    """A picture's alternative text as Word keeps it (Alt Text: the descr of its drawing's
    wp:docPr), for the tagged PDF's Figure; None for a VML picture or a drawing without one."""
    for above in found.iterancestors():
        if above.tag.endswith(("}inline", "}anchor")):
            for child in above:
                if isinstance(child.tag, str) and child.tag.endswith("}docPr"):
                    return (child.get("descr") or "").strip() or None
            return None
    return None
