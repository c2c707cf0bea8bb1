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

import re

from lxml import etree

from ..errors import Problem
from ..i18n import N_, _
from ..model import Figure, Loc, Paragraph, Picture
from . import bodyfile, images
from .bodyfile import BODY_HINT, Body, Pictures
from .printed import unprintable
from .wordnum import Numbering
from .wordpackage import NS, RESAVE, WORD, Package, Refused, W
from .wordtables import WordTable, captioned
from .wordtext import Damaged, Styles, Text, blocks_in

MAX_BLOCKS = 20_000  # paragraphs and tables of a body
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


def read_docx(data: bytes, shown: str, field_path: str, pictures: Pictures | None = None) -> Body:
    """The body of a Word file; problems name `shown` (the path as written) and a paragraph.
    Its pictures are decoded through `pictures`, the spec's (within its budget of pixels)."""
    try:
        package = Package(data)
        document = package.document()
        reader = Reader(package, shown, field_path, pictures or Pictures())
    except Refused as e:
        return Body(problems=[Problem(shown, 0, 0, field_path, *e.args, code=WORD)])
    return reader.read(document)


class Reader:
    """One document's body, read block by block into a Body."""

    def __init__(self, package: Package, shown: str, field_path: str, pictures: Pictures):
        self.package, self.shown, self.field_path, self.pictures = package, shown, field_path, pictures
        rels = package.rels(package.main)
        self.rels = rels

        def part(kind: str) -> etree._Element | None:
            name = next((t for k, t, ext in rels.values() if k.endswith("/" + kind) and not ext), None)
            return None if name is None else package.xml(name)

        self.styles = Styles(part("styles"))
        self.numbering = Numbering(part("numbering"), self.styles)
        self.decoded: dict[str, Picture | images.PictureError] = {}  # part name -> picture, decoded once
        self.body = Body()
        self.captions: list[Paragraph] = []  # paragraphs in Word's Caption style (题注), not a picture's
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
        body.blocks = captioned(body.blocks, self.captions)
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
            table = WordTable(self).read(el, loc)
            if table:
                body.blocks.append(table)
            return None, text_seen
        props = el.find(W + "pPr")
        style_el = None if props is None else props.find(W + "pStyle")
        sid = self.styles.paragraph(None if style_el is None else style_el.get(W + "val"))
        style = self.styles.names.get(sid, "")
        words = Text(self.styles).walk(el)
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
            # Word's Caption style by its name (题注 where WPS names it so) or its id, which a
            # renamed or translated style keeps
            if (_CAPTION_STYLES.match(style) or sid == "Caption") and not words.pictures:
                self.captions.append(body.blocks[-1])
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


