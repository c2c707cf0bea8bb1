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
from dataclasses import dataclass

from . import sfnt
from .cache import code_digest, load_face
from .resolve import FontFile
from .sfnt import FontFormatError, face_tables, ink_extents, read_cmap


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
        raise FontFormatError(f"damaged font: no {', '.join(missing)} table")
    try:
        upm = struct.unpack_from(">H", t[b"head"], 18)[0]
        n_metrics = struct.unpack_from(">H", t[b"hhea"], 34)[0]
        n_glyphs = struct.unpack_from(">H", t[b"maxp"], 4)[0]
        advances = struct.unpack_from(f">{n_metrics * 2}H", t[b"hmtx"], 0)[::2]
    except struct.error:
        raise FontFormatError("damaged font: its metrics tables are cut short") from None
    if not upm or not n_metrics:
        raise FontFormatError("damaged font: no units per em or no horizontal metrics")
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
    return code_digest(__file__, sfnt.__file__)  # read_face and read_cmap live in these two


def _payload(face: FaceMetrics) -> tuple[FaceMetrics, object]:
    return face, (face.cmap, face.widths)


def _from_payload(payload: object) -> FaceMetrics:
    cmap, widths = payload  # type: ignore[misc]
    if not (isinstance(cmap, dict) and isinstance(widths, tuple)):
        raise TypeError("not a face's metrics")
    return FaceMetrics(cmap, widths)


class Metrics:
    """Role -> face metrics, loaded on first use (the fallback is often never needed).
    Implements layout.Metrics."""

    def __init__(self, files: dict[str, FontFile]):
        self.files = files
        self._by_role: dict[str, FaceMetrics] = {}

    def face(self, role: str) -> FaceMetrics:
        if role not in self._by_role:
            self._by_role[role] = _load(self.files[role], role)
        return self._by_role[role]

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
