"""The OFD writer (GB/T 33190-2016, 版式文档): the laid-out pages as an OFD package.

It draws exactly what layout placed, like the PDF writer, and shares nothing with it but the
Document: every glyph at its run position (one TextCode per run, DeltaX between glyphs), rules
as stroked PathObjects, colours in one CMYK colour space, pages 210 x 297 mm. The package:

    OFD.xml                      DocInfo (title, author, subject, keywords, date) and the root
    Doc_0/Document.xml           page area, resources, pages, outline (one entry per article)
    Doc_0/PublicRes.xml          the CMYK colour space and the fonts
    Doc_0/DocumentRes.xml        the pictures (MultiMedia)
    Doc_0/Res/font_N.ttf         each face cut to the glyphs the bulletin uses
    Doc_0/Res/image_N.jpg|.tif|.png  each picture once, CMYK or grey as the PDF has it
    Doc_0/Pages/Page_N/Content.xml  glyphs, rules, pictures, and the headline entries' links

OFD measures in millimetres from the top left corner; layout in points from the bottom left.
Same Document -> same bytes: fixed zip timestamps and entry order, ids in drawing order.
"""
from __future__ import annotations

import hashlib
import io
import itertools
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from typing import ClassVar

from .. import __version__
from ..errors import BuildError
from ..fonts.resolve import FontFile
from ..fonts.sfnt import read_faces
from ..i18n import _
from ..layout.page import BLACK, PAGE_H, PAGE_W, RED, Anchor, Document, Image, Link, Page, Rule, Run, VRule
from ..model import Picture
from .metadata import xml_text

NS = "http://www.ofdspec.org/2016"
ET.register_namespace("ofd", NS)
PT = 25.4 / 72  # mm per point

# CMYK components at 8 bits: red is M+Y, black is K only (as in the PDF)
CMYK = {RED: "0 255 255 0", BLACK: "0 0 0 255"}
ZIP_TIME = (2000, 1, 1, 0, 0, 0)  # every entry's timestamp: the bytes do not depend on the clock


def _mm(v: float) -> str:
    """A length in mm as OFD text: 3 decimals (1 µm), no trailing zeros."""
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _el(parent: ET.Element | None, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    for value in (text or "", *attrs.values()):  # ElementTree writes any character, even invalid XML
        xml_text(value)
    name = f"{{{NS}}}{tag}"
    e = ET.Element(name, attrs) if parent is None else ET.SubElement(parent, name, attrs)
    if text is not None:
        e.text = text
    return e


def _xml(root: ET.Element) -> bytes:
    declaration = b'<?xml version="1.0" encoding="UTF-8"?>\n'
    return declaration + ET.tostring(root, encoding="utf-8", xml_declaration=False)


@dataclass
class _Ids:
    """OFD object ids: one counter for the whole document (ST_ID), MaxUnitID is the last."""

    last: int = 0

    def next(self) -> str:
        self.last += 1
        return str(self.last)


class _Fonts:
    """One Font resource per font file (and face) that draws something, with the characters
    it draws, so each can be cut to what it needs."""

    def __init__(self, files: dict[str, FontFile], ids: _Ids):
        self.files, self.ids = files, ids
        self.by_file: dict[tuple[str, int | str], str] = {}  # (path, face) -> id
        self.chars: dict[str, set[str]] = {}  # id -> characters drawn
        self.face: dict[str, FontFile] = {}  # id -> file

    def id_for(self, role: str, text: str) -> str:
        f = self.files[role]
        key = (str(f.path), f.index)
        if key not in self.by_file:
            fid = self.by_file[key] = self.ids.next()
            self.chars[fid], self.face[fid] = set(), f
        fid = self.by_file[key]
        self.chars[fid].update(text)
        return fid


class _Pictures:
    """One MultiMedia resource per distinct picture, however often it is drawn and from however
    many Picture objects (the same photo named in the spec and in a Word file): as the PDF,
    whose images reportlab names by a digest of their pixels."""

    def __init__(self, ids: _Ids):
        self.ids = ids
        self.by_picture: dict[tuple, tuple[str, Picture]] = {}  # content -> (resource id, picture)
        self.seen: dict[int, tuple] = {}  # id(picture) -> its content key, computed once

    def id_for(self, pic: Picture) -> str:
        if id(pic) not in self.seen:
            digest = hashlib.sha256(pic.data).digest()
            self.seen[id(pic)] = (pic.encoding, pic.mode, pic.width, pic.height, digest)
        key = self.seen[id(pic)]
        if key not in self.by_picture:
            self.by_picture[key] = (self.ids.next(), pic)
        return self.by_picture[key][0]


def _picture_file(pic: Picture) -> tuple[str, str, bytes]:
    """(format, suffix, bytes) of a picture as a file: a JPEG as it is; raw CMYK samples as a
    deflated TIFF, raw grey ones as a PNG (both lossless, both without a timestamp)."""
    if pic.encoding == "jpeg":
        return "JPEG", "jpg", pic.data
    from PIL import Image as PILImage

    im = PILImage.frombytes(pic.mode, (pic.width, pic.height), pic.data)
    out = io.BytesIO()
    if pic.mode == "CMYK":
        im.save(out, "TIFF", compression="tiff_adobe_deflate")
        return "TIFF", "tif", out.getvalue()
    im.save(out, "PNG", optimize=False)
    return "PNG", "png", out.getvalue()


class _PageWriter:
    """One page's Content.xml: one layer, page items drawn in their order."""

    def __init__(self, page: Page, ids: _Ids, fonts: _Fonts, cmyk: str, pictures: _Pictures):
        self.ids, self.fonts, self.cmyk, self.pictures = ids, fonts, cmyk, pictures
        self.root = _el(None, "Page")
        self.layer = _el(_el(self.root, "Content"), "Layer", ID=ids.next())
        self.anchors: list[Anchor] = []  # outline entries and link targets on this page
        self.links: list[tuple[str, ET.Element]] = []  # (anchor key, Goto awaiting its Dest)
        for item in page.items:
            draw = self.DRAW.get(type(item))
            if draw is None:
                raise BuildError(_("the OFD writer cannot draw a {name} page item").format(
                    name=type(item).__name__))
            draw(self, item)

    def run(self, r: Run) -> None:
        # The box holds the glyphs: from a fifth of an em left of the first to an em and a fifth
        # past the last glyph's origin, an em above the baseline to 0.4 em below it.
        size = r.size * PT
        pad = 0.2 * size
        left = r.xs[0] * PT - pad
        base = (PAGE_H - r.y) * PT
        xs = [round(x * PT - left, 3) for x in r.xs]  # rounded once: deltas never accumulate error
        width = xs[-1] + size + pad
        obj = _el(self.layer, "TextObject", ID=self.ids.next(),
                  Boundary=f"{_mm(left)} {_mm(base - size)} {_mm(width)} {_mm(1.4 * size)}",
                  Font=self.fonts.id_for(r.role, r.text), Size=_mm(size))
        _el(obj, "FillColor", ColorSpace=self.cmyk, Value=CMYK[r.color])
        code = _el(obj, "TextCode", r.text, X=_mm(xs[0]), Y=_mm(size))
        if len(xs) > 1:
            code.set("DeltaX", " ".join(_mm(b - a) for a, b in itertools.pairwise(xs)))

    def rule(self, r: Rule) -> None:
        self.line(r.x0, r.y, r.x1, r.y, r.thickness, r.color)

    def vrule(self, r: VRule) -> None:
        self.line(r.x, r.y1, r.x, r.y0, r.thickness, r.color)

    def line(self, x0: float, y0: float, x1: float, y1: float, thickness: float, color: str) -> None:
        """A horizontal or vertical line from (x0, y0) to (x1, y1) (pt, y up), its Boundary the
        box its stroke covers."""
        t = thickness * PT
        left, top = min(x0, x1) * PT, (PAGE_H - max(y0, y1)) * PT
        width, height = abs(x1 - x0) * PT, abs(y1 - y0) * PT
        dx, dy = (0.0, t / 2) if height == 0 else (t / 2, 0.0)  # half the stroke, across the line
        obj = _el(self.layer, "PathObject", ID=self.ids.next(),
                  Boundary=f"{_mm(left - dx)} {_mm(top - dy)} {_mm(width + 2 * dx)} {_mm(height + 2 * dy)}",
                  LineWidth=_mm(t))
        _el(obj, "StrokeColor", ColorSpace=self.cmyk, Value=CMYK[color])
        _el(obj, "AbbreviatedData", f"M {_mm(dx)} {_mm(dy)} L {_mm(dx + width)} {_mm(dy + height)}")

    def image(self, im: Image) -> None:
        w, h = im.width * PT, im.height * PT
        _el(self.layer, "ImageObject", ID=self.ids.next(),
            Boundary=f"{_mm(im.x * PT)} {_mm((PAGE_H - im.y) * PT - h)} {_mm(w)} {_mm(h)}",
            CTM=f"{_mm(w)} 0 0 {_mm(h)} 0 0", ResourceID=self.pictures.id_for(im.picture))

    def anchor(self, a: Anchor) -> None:
        self.anchors.append(a)

    def link(self, ln: Link) -> None:
        # An invisible path over the headline entry whose click action goes to the article:
        # every graphic unit may carry Actions (GB/T 33190 CT_GraphicUnit), and a plain object
        # needs no Annotations part. The target may be on a later page, not written yet: its
        # Dest is filled in by render() once every page has its ID.
        x0, y0, x1, y1 = ln.rect
        w, h = (x1 - x0) * PT, (y1 - y0) * PT
        obj = _el(self.layer, "PathObject", ID=self.ids.next(), Stroke="false", Fill="false",
                  Boundary=f"{_mm(x0 * PT)} {_mm((PAGE_H - y1) * PT)} {_mm(w)} {_mm(h)}")
        goto = _el(_el(_el(obj, "Actions"), "Action", Event="CLICK"), "Goto")
        _el(obj, "AbbreviatedData", f"M 0 0 L {_mm(w)} 0 L {_mm(w)} {_mm(h)} L 0 {_mm(h)} C")
        self.links.append((ln.key, goto))

    # one entry per page item type: an unknown one is an error
    DRAW: ClassVar[dict] = {Run: run, Rule: rule, VRule: vrule, Image: image, Anchor: anchor, Link: link}


def render(doc: Document, files: dict[str, FontFile]) -> bytes:
    """The OFD package of a laid-out Document, as bytes."""
    ids = _Ids()
    cmyk = ids.next()
    fonts = _Fonts(files, ids)
    pictures = _Pictures(ids)
    pages, writers = [], []
    for page in doc.pages:
        pid = ids.next()
        writers.append(_PageWriter(page, ids, fonts, cmyk, pictures))
        pages.append((pid, writers[-1].root))
    parts: list[tuple[str, bytes]] = []

    font_files = {fid: f"font_{fid}.ttf" for fid in fonts.face}
    res = _el(None, "Res", BaseLoc="Res")
    _el(_el(res, "ColorSpaces"), "ColorSpace", ID=cmyk, Type="CMYK", BitsPerComponent="8")
    if font_files:
        font_list = _el(res, "Fonts")
        for fid, name in font_files.items():
            ps, family = _names(fonts.face[fid])
            _el(_el(font_list, "Font", ID=fid, FontName=ps, FamilyName=family), "FontFile", name)
    public = _xml(res)
    doc_res = _el(None, "Res", BaseLoc="Res")
    image_files = []
    if pictures.by_picture:
        media = _el(doc_res, "MultiMedias")
        for rid, pic in pictures.by_picture.values():
            fmt, suffix, data = _picture_file(pic)
            name = f"image_{rid}.{suffix}"
            _el(_el(media, "MultiMedia", ID=rid, Type="Image", Format=fmt), "MediaFile", name)
            image_files.append((f"Doc_0/Res/{name}", data))
    document_res = _xml(doc_res)

    # the same outline as the PDF's: layout's anchors (headline list, articles, colophon)
    entries = [(a, k) for k, w in enumerate(writers) for a in w.anchors]
    targets = {a.key: (a, k) for a, k in entries}
    for w in writers:
        for key, goto in w.links:
            _dest(goto, pages[targets[key][1]][0], targets[key][0])
    root = _el(None, "Document")
    common = _el(root, "CommonData")
    _el(common, "MaxUnitID", str(ids.last))
    _el(_el(common, "PageArea"), "PhysicalBox", f"0 0 {_mm(PAGE_W * PT)} {_mm(PAGE_H * PT)}")
    _el(common, "PublicRes", "PublicRes.xml")
    _el(common, "DocumentRes", "DocumentRes.xml")
    _el(common, "DefaultCS", cmyk)
    page_list = _el(root, "Pages")
    for k, (pid, _content) in enumerate(pages):
        _el(page_list, "Page", ID=pid, BaseLoc=f"Pages/Page_{k}/Content.xml")
    if entries:
        outlines = _el(root, "Outlines")
        for a, k in entries:
            action = _el(_el(_el(outlines, "OutlineElem", Title=a.label), "Actions"), "Action", Event="CLICK")
            _dest(_el(action, "Goto"), pages[k][0], a)
    document = _xml(root)

    contents = [(f"Doc_0/Pages/Page_{k}/Content.xml", _xml(content))
                for k, (_pid, content) in enumerate(pages)]
    # a stable identifier of this document: the same pages give the same DocID
    digest = hashlib.md5(document + b"".join(data for _, data in contents)).hexdigest()
    parts.append(("OFD.xml", _ofd_xml(doc, digest)))
    parts.append(("Doc_0/Document.xml", document))
    parts.append(("Doc_0/PublicRes.xml", public))
    parts.append(("Doc_0/DocumentRes.xml", document_res))
    for fid, name in font_files.items():
        parts.append((f"Doc_0/Res/{name}", _subset(fonts.face[fid], fonts.chars[fid])))
    parts += image_files
    parts += contents
    return _zip(parts)


def _dest(goto: ET.Element, page_id: str, a: Anchor) -> None:
    """Where a Goto lands: the anchor's page, scrolled to the top of its title's line."""
    _el(goto, "Dest", Type="XYZ", PageID=page_id, Left="0", Top=_mm((PAGE_H - a.y) * PT))


def _ofd_xml(doc: Document, doc_id: str) -> bytes:
    root = _el(None, "OFD", Version="1.0", DocType="OFD")
    body = _el(root, "DocBody")
    info = _el(body, "DocInfo")
    _el(info, "DocID", doc_id)
    _el(info, "Title", doc.title)
    _el(info, "Author", doc.author)
    _el(info, "Subject", doc.subject or doc.title)
    if doc.date is not None:
        _el(info, "CreationDate", doc.date.isoformat())
    if doc.keywords:
        words = _el(info, "Keywords")
        for w in doc.keywords:
            _el(words, "Keyword", w)
    _el(info, "Creator", "bulletin")
    _el(info, "CreatorVersion", __version__)
    _el(body, "DocRoot", "Doc_0/Document.xml")
    return _xml(root)


def _zip(parts: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data, compresslevel=9)
    return buf.getvalue()


def _names(f: FontFile) -> tuple[str, str]:
    """PostScript and family name of a face, as the file spells them."""
    faces = read_faces(f.path)
    face = next((x for x in faces if f.index in (x.index, *x.names.get(6, ()))), faces[0])
    return face.name(6) or f.path.stem, face.family


def _subset(f: FontFile, chars: set[str]) -> bytes:
    """The face cut to the characters it draws (and .notdef): a TrueType file for the package.

    fontTools is imported here only: an OFD needs a font file per face, and cutting one out of
    a 5-13 MB CJK face is what its subsetter does (the PDF writer's subsets are reportlab's own
    and not files)."""
    import logging

    from fontTools import subset
    from fontTools.ttLib import TTCollection, TTFont

    # fontTools logs what it drops (an old 'mort' table, padding after 'glyf'): not the user's concern
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    opened = None  # lazy: the file stays open until closed (left to the GC, a ResourceWarning)
    try:
        if f.path.suffix.lower() in (".ttc", ".otc"):
            opened = coll = TTCollection(str(f.path), lazy=True)
            index = f.index if isinstance(f.index, int) else 0
            font = coll.fonts[index]
        else:
            opened = font = TTFont(str(f.path), recalcTimestamp=False, lazy=True)
        font.recalcTimestamp = False  # the head table keeps the file's dates: same input, same bytes
        font.recalcBBoxes = False  # the glyphs are copied as they are, not decoded and re-encoded
        opts = subset.Options()
        opts.hinting = True  # keep the instructions: removing them recompiles every glyph (slow)
        opts.layout_features = []
        opts.layout_closure = False
        opts.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "vhea", "vmtx", "VORG", "DSIG",
                             "morx", "kern", "hdmx", "LTSH", "VDMX"]
        opts.prune_unicode_ranges = False
        opts.recalc_bounds = False
        opts.recalc_max_context = False
        opts.name_IDs = ["*"]
        opts.name_languages = ["*"]
        sub = subset.Subsetter(opts)
        sub.populate(text="".join(sorted(chars)))
        sub.subset(font)
        out = io.BytesIO()
        font.save(out)
        return out.getvalue()
    except Exception as e:  # a face layout could read but fontTools cannot cut is our problem
        raise BuildError(_("could not embed {path} in the OFD: {name}: {e}").format(
            path=f.path, name=type(e).__name__, e=e)) from e
    finally:
        if opened is not None:
            opened.close()
