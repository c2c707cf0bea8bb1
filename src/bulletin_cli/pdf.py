"""The only module that speaks reportlab: loads faces, answers metrics, writes the PDF bytes."""
from __future__ import annotations

import io
import os

from reportlab.lib.colors import CMYKColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen import canvas

from . import __version__
from .errors import BuildError, InputError
from .fonts import FontFile
from .layout import BLACK, PAGE_H, PAGE_W, RED, Document, Rule, Run

# Print needs pure process colours: red is M+Y, black is K only (a press would turn RGB black
# into four inks on thin strokes).
COLORS = {RED: CMYKColor(0, 1, 1, 0), BLACK: CMYKColor(0, 0, 0, 1)}


# Parsed faces for the whole process, by file: each is parsed and registered once, however many
# bulletins (or roles) use it.
_LOADED: dict[tuple[str, int | str, int, int], TTFont] = {}
_FACE_NAMES: dict[bytes, tuple[str, int | str]] = {}  # PostScript name in use -> (file, face)


def _load(f: FontFile, role: str) -> TTFont:
    try:
        st = os.stat(f.path)
        key = (os.path.realpath(f.path), f.index, st.st_mtime_ns, st.st_size)
        if key in _LOADED:
            return _LOADED[key]
        font = TTFont(f"bulletin-{len(_LOADED)}-{f.path.stem}", str(f.path), subfontIndex=f.index)
    except (TTFError, OSError) as e:
        where = "bundled font" if f.source == "bundled" else f"style.fonts.{role}"
        raise InputError(f"{where}: cannot use {f.path}: {e}") from None
    # The PDF names each embedded font after its PostScript name (BaseFont, FontDescriptor,
    # ToUnicode), and reportlab's registry hands out the first font registered under a name in
    # place of any later one. Two files with one name (a user's converted Noto Serif SC beside
    # the bundled fallback, or two cuts of one face) would then draw with the wrong file's
    # glyphs, or clash in the PDF. So a later file's name gets a suffix.
    base, n = bytes(font.face.name), 1
    while _FACE_NAMES.setdefault(font.face.name, key[:2]) != key[:2]:
        n += 1
        font.face.name = b"%s-%d" % (base, n)
    pdfmetrics.registerFont(font)
    _LOADED[key] = font
    return font


class Faces:
    """Role -> parsed TrueType face, loaded on first use (the fallback often is never needed).

    Implements layout.Metrics. A file is parsed once per process, whichever roles use it.
    """

    def __init__(self, files: dict[str, FontFile]):
        self.files = files
        self._by_role: dict[str, TTFont] = {}
        self._cmaps: dict[str, dict[int, int]] = {}

    def font(self, role: str) -> TTFont:
        if role not in self._by_role:
            self._by_role[role] = _load(self.files[role], role)
        return self._by_role[role]

    def name(self, role: str) -> str:
        return self.font(role).fontName

    def covers(self, role: str, ch: str) -> bool:
        if role not in self._cmaps:
            self._cmaps[role] = self.font(role).face.charToGlyph
        return ord(ch) in self._cmaps[role]

    def advance(self, role: str, text: str) -> float:
        return self.font(role).stringWidth(text, 1.0)


def render(doc: Document, faces: Faces) -> bytes:
    """Draw the laid-out pages; deterministic bytes for the same input (invariant mode)."""
    buf = io.BytesIO()
    c = canvas.Canvas(
        buf,
        pagesize=(PAGE_W, PAGE_H),
        enforceColorSpace="cmyk",
        initialFontName=faces.name("body"),  # otherwise reportlab references an unembedded Helvetica
        initialFontSize=16,
        invariant=1,
        pageCompression=1,
        lang="zh-CN",
    )
    c.setTitle(doc.title)
    c.setAuthor(doc.author)
    c.setSubject(doc.title)
    c.setCreator(f"bulletin {__version__}")
    c.setProducer(f"bulletin {__version__} (reportlab)")
    try:
        for page in doc.pages:
            _draw_page(c, page.items, faces)
            c.showPage()
        c.save()
    except Exception as e:  # reportlab failing on laid-out data is our bug, not the user's input
        raise BuildError(f"could not write the PDF: {type(e).__name__}: {e}") from e
    return buf.getvalue()


def _draw_page(c: canvas.Canvas, items: list, faces: Faces) -> None:
    rules = [it for it in items if isinstance(it, Rule)]
    runs = [it for it in items if isinstance(it, Run)]
    for r in rules:
        c.setStrokeColor(COLORS[r.color])
        c.setLineWidth(r.thickness)
        c.line(r.x0, r.y, r.x1, r.y)
    if not runs:
        return
    tx = c.beginText()
    font = color = spacing = None
    for r in runs:
        if (r.role, r.size) != font:
            tx.setFont(faces.name(r.role), r.size)
            font = (r.role, r.size)
        if r.color != color:
            tx.setFillColor(COLORS[r.color])
            color = r.color
        if r.spacing != spacing:
            tx.setCharSpace(r.spacing)
            spacing = r.spacing
        # Each font subset gets its own positioned string: readers disagree on whether character
        # spacing follows the last glyph of a string, so no string relies on it.
        x = r.x
        for chunk in _subset_chunks(faces.font(r.role), r.text, c._doc):
            tx.setTextOrigin(x, r.y)
            tx.textOut(chunk)
            x += faces.font(r.role).stringWidth(chunk, r.size) + r.spacing * len(chunk)
    c.drawText(tx)


def _subset_chunks(font: TTFont, text: str, doc) -> list[str]:
    """Split text where reportlab switches between its 256-glyph subsets of the font."""
    out, i = [], 0
    for _subset, encoded in font.splitString(text, doc):
        out.append(text[i : i + len(encoded)])
        i += len(encoded)
    return out
