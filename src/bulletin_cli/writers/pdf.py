"""The only module that speaks reportlab: loads the faces and writes the PDF bytes.

Layout measured with `metrics` and placed every glyph; this writer only draws what it is given."""
from __future__ import annotations

import hashlib
import io
import os
import struct
import sys
from fnmatch import fnmatch
from functools import cached_property
from typing import ClassVar
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.lib.colors import CMYKColor
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTEncoding, TTFError, TTFNameBytes, TTFont, TTFontFace, TTFOpenFile
from reportlab.pdfgen import canvas

from .. import __version__
from ..errors import BuildError
from ..fonts import metrics, sfnt
from ..fonts.cache import code_digest, load_face
from ..fonts.metrics import FaceMetrics, Metrics
from ..fonts.resolve import FontFile, fonts_dir
from ..i18n import _
from ..layout.page import BLACK, PAGE_H, PAGE_W, RED, Anchor, Document, Image, Link, Rule, Run, VRule
from ..layout.roles import Elem, Parts
from ..model import Picture
from . import kept
from . import metadata as meta
from .press import MARK_WIDTH, Sheet
from .tags import ARTIFACT_OPEN, CLOSE, Name, Ref, Tagger

CODE = sys._getframe().f_code  # this module's compiled code, which keys its face cache records

# Print needs pure process colours: red is M+Y, black is K only (a press would turn RGB black
# into four inks on thin strokes). Crop marks are in registration colour: on every plate.
COLORS = {RED: CMYKColor(0, 1, 1, 0), BLACK: CMYKColor(0, 0, 0, 1)}
REGISTRATION = CMYKColor(1, 1, 1, 1)

# The CMYK output intent of PDF/A files (data/FOGRA39L_coated.LICENSE.txt says where it is from).
ICC_PROFILE = "FOGRA39L_coated.icc"
OUTPUT_CONDITION = ("FOGRA39", "Coated FOGRA39 (ISO 12647-2:2004/Amd 1)")


# Parsed faces for the whole process: each file is parsed and registered once, however many
# bulletins (or roles) use it. _LOADED finds a file's face by where it is; _BY_NAME shares one
# face between copies of one font, so a name has one registered object.
_LOADED: dict[tuple, TTFont] = {}
_BY_NAME: dict[bytes, TTFont] = {}


def _load(f: FontFile, role: str) -> TTFont:
    shared = Metrics({role: f}).face(role)  # the cmap and advances layout measured with
    kind = f"reportlab {reportlab.Version} {code_digest(CODE, metrics.CODE, sfnt.CODE)}"
    try:
        return load_face(f.path, f.index, kind, lambda: _parsed(f, shared),
                         lambda payload: _restored(f, shared, payload), _LOADED)
    except (TTFError, OSError) as e:
        raise f.unusable(role, e) from None


def _registered(font: TTFont, identity: str) -> TTFont:
    """The face registered with reportlab under a name of its own, or the one registered before
    for another path to the same face.

    Names reach the PDF (BaseFont, FontDescriptor, ToUnicode, a comment per font), so they come
    from the face itself, never from the order faces were loaded in: a spec gives the same
    bytes alone, after another spec, or in any batch worker. reportlab's registry hands out the
    first font registered under a PostScript name in place of any later one, so two files with
    one name (a user's converted Noto Serif SC beside the bundled fallback, or two cuts of one
    face) must differ: every face but the bundled ones (whose names are distinct) carries its
    `identity` in its name, even a copy of a bundled file."""
    name = b"%s-%s" % (font.face.name, identity.encode()) if identity else font.face.name
    if name in _BY_NAME:
        return _BY_NAME[name]  # another path to the same face: one registered object
    font.fontName, font.face.name = f"bulletin-{name.decode('latin-1')}", name
    pdfmetrics.registerFont(font)
    _BY_NAME[name] = font
    return font


# What reportlab derives from a face it derives from all of it: names and metrics, the whole
# cmap both ways, every glyph's advance and location. That takes 0.1-0.2 s per CJK face, and
# even restoring it all from a cache costs more than the few hundred glyphs a bulletin draws.
# So a face's record (fonts.cache.load_face) keeps only reportlab's small facts (names, ascent,
# flags, bbox...), and the face answers the rest from what is shared or cheap to read:
# - charToGlyph is the cmap `metrics` read for layout (one per face and process), patched
#   where reportlab reads the font otherwise (a format 4 cmap's U+FFFF, say);
# - a character's width is metrics' advance of its glyph, the same float reportlab computes;
# - hmetrics and glyphPos are read from the font's bytes for the glyphs a subset takes;
# - charWidths and glyphToChar, which drawing never reads, are built only when asked for.
# The face answers as reportlab's own parse does (tests/test_lean_faces.py asks both), so the
# PDF is the same byte for byte, and the records are a few KB instead of 0.5 MB.
_NOT_KEPT = ("_ttf_data", "_pdfScale", "filename", "charToGlyph", "glyphToChar", "charWidths", "hmetrics",
             "glyphPos")
_UNNAMED = "bulletin-unnamed"  # _load names it after its face
_USHORT, _ULONG, _PAIR = struct.Struct(">H"), struct.Struct(">L"), struct.Struct(">HH")


class _Face(TTFontFace):
    """A TTFontFace made from a record and the shared metrics instead of by parsing the file."""

    _widths: tuple[float, ...]  # metrics' advances by glyph, 1/1000 em

    def makeSubset(self, subset: list[int]) -> bytes:
        """reportlab's subset of these characters, made once per face and glyph list (the face
        lives as long as the process: _LOADED)."""
        return kept.SUBSETS.get((self, tuple(subset)), lambda: super(_Face, self).makeSubset(subset))

    def addSubsetObjects(self, doc: pdfdoc.PDFDocument, fontname: str, subset: list[int]):
        ref = super().addSubsetObjects(doc, fontname, subset)
        stream = doc.idToObject[f"fontFile:{self.filename}({fontname})"]
        if stream.filters:  # Flate, compressed once per subset's bytes
            stream.filters = [kept.KEPT_FLATE]
        return ref

    def getCharWidth(self, code: int) -> float:
        gid = self.charToGlyph.get(code, 0)
        return self._widths[gid if gid < len(self._widths) else 0]

    @cached_property
    def charWidths(self) -> dict[int, float]:  # only stringWidth reads it
        return {code: self.getCharWidth(code) for code in self.charToGlyph}

    @cached_property
    def glyphToChar(self) -> dict[int, list[int]]:  # only shaping reads it
        out: dict[int, list[int]] = {}
        for code, gid in self.charToGlyph.items():
            out.setdefault(gid, []).append(code)
        return out


class _Hmtx:
    """reportlab's hmetrics list, (advance, left side bearing) by glyph, read from `hmtx` when
    asked. As extractInfo fills it: both unsigned, and past the last full metric the advance is
    the last one scaled to 1/1000 em (which makeSubset then truncates)."""

    def __init__(self, face: TTFontFace):
        self.data, self.at, self.n = face._ttf_data, face.table["hmtx"]["offset"], face.numGlyphs
        self.full = _USHORT.unpack_from(self.data, face.table["hhea"]["offset"] + 34)[0]
        self.last = face._pdfScale(_USHORT.unpack_from(self.data, self.at + 4 * (self.full - 1))[0])

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, gid: int) -> tuple[float, int]:
        if not 0 <= gid < self.n:
            raise IndexError(gid)
        if gid < self.full:
            return _PAIR.unpack_from(self.data, self.at + 4 * gid)
        return self.last, _USHORT.unpack_from(self.data, self.at + 4 * self.full + 2 * (gid - self.full))[0]


class _Loca:
    """reportlab's glyphPos list, where each glyph starts in `glyf`, read from `loca` when asked."""

    def __init__(self, face: TTFontFace):
        self.data, self.at, self.n = face._ttf_data, face.table["loca"]["offset"], face.numGlyphs + 1
        short = _USHORT.unpack_from(self.data, face.table["head"]["offset"] + 50)[0] == 0
        self.entry, self.size, self.scale = (_USHORT, 2, 2) if short else (_ULONG, 4, 1)

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, gid: int) -> int:
        if not 0 <= gid < self.n:
            raise IndexError(gid)
        return self.entry.unpack_from(self.data, self.at + self.size * gid)[0] * self.scale


def _parsed(f: FontFile, shared: FaceMetrics) -> tuple[TTFont, object]:
    """reportlab's parse of the face, made into the registered lean face, and its record."""
    parsed = TTFont(_UNNAMED, str(f.path), subfontIndex=f.index).face
    state = {k: v for k, v in parsed.__dict__.items() if k not in _NOT_KEPT}
    names = {k: v.ustr for k, v in state.items() if isinstance(v, TTFNameBytes)}
    state = {k: v for k, v in state.items() if k not in names}
    ours, theirs = shared.cmap, parsed.charToGlyph
    patch = {code: gid for code, gid in theirs.items() if ours.get(code) != gid}
    dropped = [code for code in ours if code not in theirs]
    payload = (state, names, patch, dropped, _identity(f, parsed._ttf_data))
    return _restored(f, shared, payload, parsed._ttf_data), payload


def _restored(f: FontFile, shared: FaceMetrics, payload: object, data: bytes | None = None) -> TTFont:
    """The registered face made from a record (and the file's bytes, read unless given)."""
    state, names, patch, dropped, identity = payload  # type: ignore[misc]
    if not (isinstance(state, dict) and isinstance(names, dict) and isinstance(patch, dict)
            and isinstance(identity, str)):
        raise TypeError("not a face's record")
    face = _Face.__new__(_Face)
    face.__dict__.update(state)
    face.__dict__.update({k: TTFNameBytes(text.encode("utf-8")) for k, text in names.items()})
    if data is None:
        face.filename, file = TTFOpenFile(str(f.path))  # as TTFontFile.readFile does
        with file:
            data = file.read()
    else:
        face.filename = str(f.path)
    face._ttf_data = data
    mult = 1000 / face.unitsPerEm  # as TTFontFile.extractInfo scales
    face._pdfScale = (lambda x: x) if face.unitsPerEm == 1000 else (lambda x: x * mult)
    face.charToGlyph = shared.cmap
    if patch or dropped:  # reportlab reads this cmap otherwise: its own reading, for its subsets
        face.charToGlyph = dict(shared.cmap)  # (a copy in C: 0.1 ms where a comprehension takes 2)
        for code in dropped:
            del face.charToGlyph[code]
        face.charToGlyph.update(patch)
    face._widths = shared.widths
    face.hmetrics, face.glyphPos = _Hmtx(face), _Loca(face)
    font = TTFont.__new__(TTFont)  # what TTFont.__init__ sets beside the face
    font.fontName, font.face, font.encoding = _UNNAMED, face, TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(_UNNAMED, glob) for glob in rl_config.unShapedFontGlob)
    return _registered(font, identity)


def _identity(f: FontFile, data: bytes) -> str:
    """A short hash of a face that is not bundled: its file's bytes and its index in a
    collection ("" for a bundled face). The record keeps it: hashing a 10 MB file takes ~10 ms."""
    if os.path.dirname(os.path.realpath(f.path)) == os.path.realpath(fonts_dir()):
        return ""
    who = hashlib.blake2b(data, digest_size=16)
    who.update(str(f.index).encode())
    return who.hexdigest()[:6]


class Faces:
    """Role -> parsed TrueType face for drawing, loaded on first use (the fallback often is never
    needed). A file is parsed once per process, whichever roles use it."""

    def __init__(self, files: dict[str, FontFile]):
        self.files = files
        self._by_role: dict[str, TTFont] = {}

    def font(self, role: str) -> TTFont:
        if role not in self._by_role:
            self._by_role[role] = _load(self.files[role], role)
        return self._by_role[role]

    def name(self, role: str) -> str:
        return self.font(role).fontName


def render(doc: Document, files: dict[str, FontFile], *, sheet: Sheet | None = None,
           pdfa: bool = False, pdfua: bool = False) -> bytes:
    """Draw the laid-out pages (on press sheets with crop marks when `sheet` is given; as
    PDF/A-2b when `pdfa`; declaring PDF/UA-1 when `pdfua`). The same document gives the same
    bytes: dates and the file ID come from the spec (metadata.py), never from the clock or the
    machine."""
    faces = Faces(files)
    facts = _facts(doc, faces, sheet, pdfa, pdfua)
    a85, rl_config.useA85 = rl_config.useA85, 0  # see _draw: binary streams
    try:
        return _draw(doc, faces, facts, sheet, pdfa, pdfua)
    finally:
        rl_config.useA85 = a85  # reportlab's setting, as it was for whoever else uses it


# How the PDF is encoded; reportlab's defaults make readable PDF source, not a small file:
# - every stream but the XMP is compressed (Flate) and nothing more: reportlab wraps each in
#   ASCII85 besides (rl_config.useA85), a quarter more bytes once compressed. The setting is
#   read while streams are written, so it holds from the first page to the last byte.
# - a face's subsets number the glyphs from 1 as they come (ASCII_READABLE = 0): reportlab's
#   default (rl_config.ttfAsciiReadable) reserves codes 32-127 of a face's first subset for
#   ASCII, putting its ~95 glyphs into every face's first subset whether drawn or not, and the
#   Chinese characters at codes 128-255, each written as a 4-byte escape in the page text.
# Pages look the same (the same glyphs at the same places); the ToUnicode maps keep the text.
ASCII_READABLE = 0


def _draw(doc: Document, faces: Faces, facts: meta.Facts, sheet: Sheet | None, pdfa: bool,
          pdfua: bool) -> bytes:
    c = canvas.Canvas(
        io.BytesIO(),  # never written to: getpdfdata below
        pagesize=(sheet.width, sheet.height) if sheet else (PAGE_W, PAGE_H),
        enforceColorSpace="cmyk",
        initialFontName=faces.name("body"),  # otherwise reportlab references an unembedded Helvetica
        initialFontSize=16,
        invariant=1,
        pageCompression=1,
        lang=doc.lang,
    )
    if sheet:
        c.setTrimBox(sheet.trim)
        c.setBleedBox(sheet.bleed)
    _describe(c, facts, pdfa, pdfua)
    selects: dict[tuple, str] = {}  # the operators that select a subset at a size, made once
    tagger = Tagger(doc.structure or Elem("Document"), len(doc.pages))
    tagger.origin = sheet.origin if sheet else 0.0
    try:
        for page in doc.pages:
            if sheet:
                _draw_marks(c, sheet)
                c.translate(sheet.origin, sheet.origin)  # only moved: positions on the trim stay exact
            _PageWriter(c, faces, selects, tagger).draw(page.items)
            c.showPage()
            _compress_last_page(c)
            _tag_last_page(c, tagger.end_page())
        _label_pages(c, [p.number for p in doc.pages])
        for p in c._doc.Pages.pages:  # reportlab writes an empty /Trans on every page
            p.Trans = None
        _mark_document(c, tagger)
        # the bytes save() would write, without its two copies (file and getvalue): 40 MB at
        # the peak of a 6,000-page spec
        return c.getpdfdata()
    except BuildError:
        raise
    except Exception as e:  # reportlab failing on laid-out data is our bug, not the user's input
        raise BuildError(_("could not write the PDF: {name}: {e}").format(name=type(e).__name__, e=e)) from e


def _compress_last_page(c: canvas.Canvas) -> None:
    """The page just shown, its content stream compressed now rather than when the PDF is
    written: reportlab keeps every page's operators as text until then (~17 KB a page, 0.1 GB
    for a 6,000-page spec). The stream is the one reportlab would write, with its filter named
    in its dictionary, which tells reportlab the content is encoded already."""
    page = c._doc.Pages.pages[-1]
    if page.stream:
        flate = pdfdoc.PDFArray([pdfdoc.PDFName(pdfdoc.PDFZCompress.pdfname)])
        page.Contents = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"Filter": flate}),
                                         pdfdoc.PDFZCompress.encode(page.stream))
        page.Contents.__Comment__ = "page stream"
        page.stream = None


def _tag_last_page(c: canvas.Canvas, key: int) -> None:
    """The page just shown: its key in the ParentTree; annotations in structure order."""
    page = c._doc.Pages.pages[-1]
    page.StructParents, page.Tabs = key, pdfdoc.PDFName("S")
    page.__NoDefault__ = [*page.__NoDefault__, "StructParents", "Tabs"]  # keys reportlab doesn't know


def _mark_document(c: canvas.Canvas, tagger: Tagger) -> None:
    """The structure tree (tags.py says what it holds), and the catalog saying the file is tagged."""
    d = c._doc
    tree, elems = tagger.objects()
    made = [pdfdoc.PDFDictionary({}) for _ in range(len(elems) + 1)]
    refs = [d.Reference(obj) for obj in made]  # the tree, then the elements: parents come first

    def pdf(v):
        if isinstance(v, Ref):
            if v.kind == "page":
                return pdfdoc.PDFObjectReference(d.Pages.pages[v.key].__InternalName__)
            return d.refAnnotation(v.key) if v.kind == "annot" else refs[0 if v.kind == "tree" else v.key + 1]
        if isinstance(v, Name):
            return pdfdoc.PDFName(v)
        if isinstance(v, str):
            return pdfdoc.PDFString(v)
        if isinstance(v, dict):
            return pdfdoc.PDFDictionary({k: pdf(x) for k, x in v.items()})
        return pdfdoc.PDFArray([pdf(x) for x in v]) if isinstance(v, list) else v

    for obj, value in zip(made, [tree, *elems]):
        obj.dict.update(pdf(value).dict)
    cat = d.Catalog
    cat.StructTreeRoot = refs[0]
    cat.MarkInfo = pdfdoc.PDFDictionary({"Marked": pdfdoc.PDFtrue})
    cat.__NoDefault__ = [*cat.__NoDefault__, "StructTreeRoot", "MarkInfo"]


def _facts(doc: Document, faces: Faces, sheet: Sheet | None, pdfa: bool, pdfua: bool) -> meta.Facts:
    # The ID covers everything drawn and said, and the faces by PostScript name (not by path:
    # the same fonts installed elsewhere give the same file).
    fonts = sorted((role, faces.font(role).face.name) for role in doc.roles_used)
    digest = meta.content_digest(doc.pages, doc.title, doc.author, doc.subject, doc.keywords,
                                 doc.date, fonts, sheet, pdfa, *(["PDF/UA-1"] if pdfua else []))
    return meta.Facts(doc.title, doc.author, doc.subject, doc.keywords, doc.lang,
                      meta.created(doc.date), f"bulletin {__version__}",
                      f"bulletin {__version__} (reportlab)", digest)


class _Stamp:
    """reportlab's TimeStamp, at the spec's time instead of the clock's."""

    def __init__(self, t):
        off = int(t.utcoffset().total_seconds()) // 60
        self.t, self.lt = t.timestamp(), t.timetuple()
        self.YMDhms = tuple(self.lt)[:6]
        self.dhh, self.dmm = off // 60, off % 60
        self.tzname = t.tzname()


def _describe(c: canvas.Canvas, f: meta.Facts, pdfa: bool, pdfua: bool) -> None:
    """Info dictionary, XMP, viewer preferences, file ID; PDF/A: the CMYK output intent."""
    c.setTitle(f.title)
    c.setAuthor(f.author)
    c.setSubject(f.subject)
    c.setKeywords(f.keyword_text)
    c.setCreator(f.creator)
    c.setProducer(f.producer)
    c.setViewerPreference("DisplayDocTitle", "true")
    c.showOutline()
    d = c._doc
    d._timeStamp = _Stamp(f.created)
    d.signature = hashlib.md5(f.digest, usedforsecurity=False)  # the file ID
    cat = d.Catalog
    cat.Metadata = pdfdoc.PDFStream(
        pdfdoc.PDFDictionary({"Type": pdfdoc.PDFName("Metadata"), "Subtype": pdfdoc.PDFName("XML")}),
        meta.xmp_packet(f, "2B" if pdfa else None, pdfua))  # no filter: PDF/A wants the XMP readable
    if pdfa:
        from importlib import resources  # only PDF/A carries the profile

        icc = resources.files("bulletin_cli").joinpath("data", ICC_PROFILE).read_bytes()
        profile = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"N": 4}), icc, filters=[pdfdoc.PDFZCompress])
        ident, info = OUTPUT_CONDITION
        cat.OutputIntents = pdfdoc.PDFArray([pdfdoc.PDFDictionary({
            "Type": pdfdoc.PDFName("OutputIntent"), "S": pdfdoc.PDFName("GTS_PDFA1"),
            "OutputConditionIdentifier": pdfdoc.PDFString(ident), "Info": pdfdoc.PDFString(info),
            "RegistryName": pdfdoc.PDFString("http://www.color.org"),
            "DestOutputProfile": d.Reference(profile),
        })])
        cat.__NoDefault__ = [*cat.__NoDefault__, "OutputIntents"]  # a key reportlab doesn't know


def _label_pages(c: canvas.Canvas, numbers: list[int]) -> None:
    """Page labels = the printed numbers: one decimal range per run of consecutive numbers.
    (Direct dictionaries: reportlab's addPageLabel makes them indirect, which pikepdf's PDF/A
    checker does not accept.)"""
    nums: list = []
    for i, n in enumerate(numbers):
        if i == 0 or n != numbers[i - 1] + 1:
            nums += [i, pdfdoc.PDFDictionary({"S": pdfdoc.PDFName("D"), "St": n})]
    c._doc.Catalog.PageLabels = pdfdoc.PDFDictionary({"Nums": pdfdoc.PDFArray(nums)})


def _draw_marks(c: canvas.Canvas, sheet: Sheet) -> None:
    c._code.append(ARTIFACT_OPEN)
    c.setStrokeColor(REGISTRATION)
    c.setLineWidth(MARK_WIDTH)
    for x0, y0, x1, y1 in sheet.marks:
        c.line(x0, y0, x1, y1)
    c._code.append(CLOSE)


class _TaggedLink(pdfdoc.LinkAnnotation):
    """A link annotation that points back into the structure tree (its StructParent)."""

    permitted = (*pdfdoc.LinkAnnotation.permitted, "StructParent")


class _PageWriter:
    """Draws one page's items. Graphics go straight into the page; runs gather in one text
    object drawn after them, so text is never hidden under a rule or a picture."""

    def __init__(self, c: canvas.Canvas, faces: Faces, selects: dict[tuple, str], tagger: Tagger):
        self.c, self.faces, self.selects, self.tagger = c, faces, selects, tagger
        self.tx = c.beginText()
        self.has_text = False
        self.font = self.color = self.spacing = None
        self.marked: object = CLOSE  # the element whose sequence is open in the text object

    def draw(self, items: list) -> None:
        for item in items:
            draw = self.DRAW.get(type(item))
            if draw is None:
                raise BuildError(_("the PDF writer cannot draw a {name} page item").format(
                    name=type(item).__name__))
            draw(self, item)
        if self.has_text:
            self.tx._code.append(CLOSE)
            self.c.drawText(self.tx)

    def mark(self, elem) -> None:
        """Runs of one element share a marked-content sequence: a new one opens when it changes."""
        if elem is not self.marked:
            code = self.tx._code
            if self.marked is not CLOSE:
                code.append(CLOSE)
            code.append(self.tagger.open(elem))
            self.marked = elem

    def image(self, im: Image) -> None:
        self.c._code.append(self.tagger.open(im.elem))
        self.tagger.place(im.elem, im.x, im.y, im.width, im.height)
        self.c.drawImage(_image_reader(im.picture), im.x, im.y, im.width, im.height)
        self.c._code.append(CLOSE)

    def rule(self, r: Rule) -> None:
        self.line(r.x0, r.y, r.x1, r.y, r.thickness, r.color)

    def vrule(self, r: VRule) -> None:
        self.line(r.x, r.y0, r.x, r.y1, r.thickness, r.color)

    def line(self, x0: float, y0: float, x1: float, y1: float, thickness: float, color: str) -> None:
        self.c._code.append(ARTIFACT_OPEN)
        self.c.setStrokeColor(COLORS[color])
        self.c.setLineWidth(thickness)
        self.c.line(x0, y0, x1, y1)
        self.c._code.append(CLOSE)

    def run(self, r: Run) -> None:
        # a run whose glyphs belong to several elements (roles.Parts): a sequence for each
        parts = r.elem.parts if isinstance(r.elem, Parts) else ((r.elem, 0, len(r.text)),)
        self.mark(parts[0][0])
        tx, self.has_text = self.tx, True
        if (r.role, r.size) != self.font:
            tx.setFont(self.faces.name(r.role), r.size)
            self.font = (r.role, r.size)
        if r.color != self.color:
            tx.setFillColor(COLORS[r.color])
            self.color = r.color
        if r.spacing != self.spacing:
            tx.setCharSpace(r.spacing)
            self.spacing = r.spacing
        # Each font subset gets its own string, placed where layout put its first glyph: readers
        # disagree on whether character spacing follows the last glyph of a string, so no string
        # relies on it. The operators are those textOut writes for a chunk of one subset (Tm as
        # setTextOrigin writes it on a bottom-up canvas), minus its work this writer does not
        # need: splitting the text again, and measuring it to move a cursor the next Tm moves
        # anyway (layout placed every glyph).
        font, doc = self.faces.font(r.role), self.c._doc
        if doc not in font.state:  # the face's subsets in this PDF, numbered as ASCII_READABLE says
            font._asciiReadable = ASCII_READABLE  # splitString reads the face's, not the state's
            font._assignState(doc, asciiReadable=ASCII_READABLE)
        for k, (elem, start, end) in enumerate(parts):
            if k:
                self.mark(elem)
            self.show(font, r, start, end)

    def show(self, font: TTFont, r: Run, start: int, end: int) -> None:
        """Glyphs start..end of the run, each subset's string at its first glyph's place."""
        tx, doc, i = self.tx, self.c._doc, start
        code = tx._code
        for subset, encoded in font.splitString(r.text[start:end], doc):
            code.append(f"1 0 0 1 {fp_str(r.xs[i], r.y)} Tm")
            if subset != tx._curSubset:
                code.append(self.select(font, subset))
                tx._curSubset = subset
            code.append(f"({escapePDF(encoded)}) Tj")
            i += len(encoded)

    def select(self, font: TTFont, subset: int) -> str:
        """The operators that make `subset` of `font` current at the text object's size."""
        tx = self.tx
        key = (font.fontName, subset, tx._fontsize, tx._leading)
        if key not in self.selects:  # getSubsetInternalName also adds the face to the PDF
            name = font.getSubsetInternalName(subset, self.c._doc)
            self.selects[key] = f"{name} {fp_str(tx._fontsize)} Tf {fp_str(tx._leading)} TL"
        return self.selects[key]

    def anchor(self, a: Anchor) -> None:
        self.c.bookmarkHorizontal(a.key, 0, a.y)
        self.c.addOutlineEntry(a.label, a.key)

    def link(self, ln: Link) -> None:
        # F 4: printable, as PDF/A wants of every annotation; no border, nothing drawn. What
        # linkRect does, with the annotation's place in the structure tree and a description.
        c = self.c
        name = f"link{len(self.tagger.links)}"
        kw = {"Rect": c._absRect(ln.rect, 1), "Contents": ln.elem.describe if ln.elem else "",
              "Destination": c._bookmarkReference(ln.key), "F": 4, "Border": pdfdoc.PDFArray([0, 0, 0])}
        key = self.tagger.link(name, ln.elem)
        if key is not None:
            kw["StructParent"] = key
        c._addAnnotation(_TaggedLink(**kw), name)

    # one entry per page item type: an unknown one is an error
    DRAW: ClassVar[dict] = {Image: image, Rule: rule, VRule: vrule, Run: run, Anchor: anchor, Link: link}


def _image_reader(pic: Picture) -> ImageReader:
    """A JPEG goes into the PDF as it is (DCTDecode); raw samples are compressed (FlateDecode).
    Either way the colour space is the picture's own, DeviceCMYK or DeviceGray. reportlab
    names each image by a digest of its pixels, so a picture drawn twice is embedded once."""
    from PIL import Image as PILImage

    if pic.encoding == "jpeg":
        return ImageReader(io.BytesIO(pic.data))
    return ImageReader(PILImage.frombytes(pic.mode, (pic.width, pic.height), pic.data))
