"""Font metrics for layout, read from the font files themselves: which characters a face draws
and how far each advances. No PDF library here, so layout (and `bulletin check`) measure without
knowing which writer will draw, and every writer draws at the places measured here.

Advances reproduce reportlab's own arithmetic (width in 1/1000 em = advance * 1000 / unitsPerEm,
a character the face lacks takes glyph 0's width, U+0020 and U+00A0 share a width), so a PDF
reportlab draws and an OFD drawn from the same runs agree glyph for glyph.
"""
from __future__ import annotations

import os
import struct
import sys
from dataclasses import dataclass

from ..i18n import _
from . import sfnt
from .cache import code_digest, load_face
from .resolve import FontFile
from .sfnt import FontFormatError, face_tables, ink_extents, read_cmap

CODE = sys._getframe().f_code  # this module's compiled code, which keys its face cache records


@dataclass(frozen=True)
class FaceMetrics:
    """One face: code point -> glyph, glyph -> advance in 1/1000 em."""

    cmap: dict[int, int]
    widths: tuple[float, ...]  # by glyph index

    def covers(self, ch: str) -> bool:
        """A real glyph: a character mapped to glyph 0 (.notdef) draws a box, so it is not covered."""
        return bool(self.cmap.get(ord(ch)))

    def width(self, code: int) -> float:
        """Advance of one character in 1/1000 em (glyph 0's for a character the face lacks)."""
        gid = self.cmap.get(code, 0)
        return self.widths[gid if gid < len(self.widths) else 0]


def read_face(path: os.PathLike, index: int | str = 0) -> FaceMetrics:
    """Parse cmap, head, hhea, maxp and hmtx of one face. Raises OSError or FontFormatError."""
    t = face_tables(path, index, [b"cmap", b"head", b"hhea", b"maxp", b"hmtx"])
    missing = [tag.decode() for tag in (b"cmap", b"head", b"hhea", b"maxp", b"hmtx") if tag not in t]
    if missing:
        raise FontFormatError(_("damaged font: no {tables} table").format(tables=", ".join(missing)))
    try:
        upm = struct.unpack_from(">H", t[b"head"], 18)[0]
        n_metrics = struct.unpack_from(">H", t[b"hhea"], 34)[0]
        n_glyphs = struct.unpack_from(">H", t[b"maxp"], 4)[0]
        advances = struct.unpack_from(f">{n_metrics * 2}H", t[b"hmtx"], 0)[::2]
    except struct.error:
        raise FontFormatError(_("damaged font: its metrics tables are cut short")) from None
    if not upm or not n_metrics:
        raise FontFormatError(_("damaged font: no units per em or no horizontal metrics"))
    # reportlab scales each advance by one factor, computed once (the same float every time)
    mult = 1000 / upm
    scaled = [a if upm == 1000 else a * mult for a in advances]
    scaled += [scaled[-1]] * (n_glyphs - n_metrics)  # the last advance repeats (monospaced tail)
    cmap = read_cmap(t[b"cmap"])
    for a, b in ((0x20, 0xA0), (0xA0, 0x20)):  # a space and a no-break space are one glyph
        if a in cmap:
            cmap[b] = cmap[a]
            break
    return FaceMetrics(cmap, tuple(scaled))


# Each file is parsed once per process, however many bulletins or roles use it, and once for
# all runs while it stays the same (cache.load_face): reading a CJK cmap takes ~20 ms. The PDF
# writer's faces share these FaceMetrics (pdf._Face draws with this very cmap dict and these
# widths), so nothing may change a FaceMetrics' cmap once it is loaded.
_PARSED: dict[tuple, FaceMetrics] = {}


def _load(f: FontFile, role: str) -> FaceMetrics:
    try:
        return load_face(f.path, f.index, f"metrics {_code()}", lambda: _payload(read_face(f.path, f.index)),
                         _from_payload, _PARSED)
    except (OSError, FontFormatError) as e:
        raise f.unusable(role, e) from None


def _code() -> str:
    return code_digest(CODE, sfnt.CODE)  # read_face and read_cmap live in these two


def _payload(face: FaceMetrics) -> tuple[FaceMetrics, object]:
    return face, (face.cmap, face.widths)


def _from_payload(payload: object) -> FaceMetrics:
    cmap, widths = payload  # type: ignore[misc]
    if not (isinstance(cmap, dict) and isinstance(widths, tuple)):
        raise TypeError("not a face's metrics")
    return FaceMetrics(cmap, widths)


# ---- measurements of a face that layout places by -------------------------------------------
# A face's em box (where lines stand on the grid, how the masthead stacks its lines) and the top
# of a glyph's ink (the page number's 一字线): read from the face itself, so they follow whatever
# face a role is given (style.fonts).
ADOBE_CJK_EM_BOX = (0.88, 0.12)  # the convention CJK faces follow, for a face whose tables say nothing


def read_em_box(path: os.PathLike, index: int | str = 0) -> tuple[float, float]:
    """(ascent, descent) of a face's em box, in em above and below the baseline: the OS/2 typo
    ascender and descender (in a CJK face the ideographic em box, by the OpenType spec: 880 and
    -120 per 1000 in all the bundled faces), else hhea's. Raises OSError or FontFormatError."""
    t = face_tables(path, index, [b"head", b"OS/2", b"hhea"])
    try:
        upm = struct.unpack_from(">H", t[b"head"], 18)[0]
        for tag, at in ((b"OS/2", 68), (b"hhea", 4)):
            if tag in t and len(t[tag]) >= at + 4:
                ascent, descent = struct.unpack_from(">hh", t[tag], at)
                if upm and ascent > 0 >= descent:
                    return ascent / upm, -descent / upm
    except (KeyError, struct.error):
        raise FontFormatError(_("damaged font: no head table, or one cut short")) from None
    return ADOBE_CJK_EM_BOX


class Metrics:
    """Role -> face metrics, loaded on first use (the fallback is often never needed).
    Implements layout.setter.RoleMetrics."""

    def __init__(self, files: dict[str, FontFile]):
        self.files = files
        self._by_role: dict[str, FaceMetrics] = {}
        self._em_box: dict[str, tuple[float, float]] = {}
        self._ink_top: dict[tuple[str, str], float | None] = {}

    def face(self, role: str) -> FaceMetrics:
        if role not in self._by_role:
            self._by_role[role] = _load(self.files[role], role)
        return self._by_role[role]

    def has(self, role: str) -> bool:
        return role in self.files

    def covers(self, role: str, ch: str) -> bool:
        return self.face(role).covers(ch)

    def ink(self, role: str, ch: str) -> tuple[float, float] | None:
        """Where the glyph's ink starts and ends across its advance (0..1); None if blank."""
        f = self.files[role]
        try:
            return ink_extents(f.path, f.index, ch, self.face(role).cmap)[ch]  # a CJK cmap: ~20 ms to read
        except (OSError, FontFormatError) as e:
            raise f.unusable(role, e) from None

    def advance(self, role: str, text: str) -> float:
        """Width of text at size 1 (em), summed as reportlab's stringWidth sums it."""
        width = self.face(role).width
        return 0.001 * sum(width(ord(c)) for c in text)

    def em_box(self, role: str) -> tuple[float, float]:
        """(ascent, descent) of the role's face, in em (read_em_box), read once."""
        if role not in self._em_box:
            f = self.files[role]
            try:
                self._em_box[role] = read_em_box(f.path, f.index)
            except (OSError, FontFormatError) as e:
                raise f.unusable(role, e) from None
        return self._em_box[role]

    def ink_top(self, role: str, ch: str) -> float | None:
        """How far the ink of `ch` in the role's face reaches above the baseline, in em; None
        if the face draws it blank or not at all (read_ink_top), read once."""
        key = (role, ch)
        if key not in self._ink_top:
            f = self.files[role]
            try:
                self._ink_top[key] = sfnt.read_ink_top(f.path, f.index, self.face(role).cmap.get(ord(ch), 0))
            except (OSError, FontFormatError) as e:
                raise f.unusable(role, e) from None
        return self._ink_top[key]
