"""Reading sfnt font files (.ttf .ttc .otf .otc) with `struct`: each face's names, outline kind
and embedding bits, raw tables, the cmap, a check that the outlines hold together, and where a
glyph's ink lies. Only the bytes asked for are read, never a whole 20 MB font: neither
reportlab (it parses whole fonts) nor fontTools (not a run-time dependency) fits that.

Everything else in fonts/ reads font files through this module; nothing here knows about roles,
folders or caches.
"""
from __future__ import annotations

import itertools
import os
import struct
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from ..files import NotRegular, open_regular
from ..i18n import _

if TYPE_CHECKING:
    import mmap

CODE = sys._getframe().f_code  # this module's compiled code, which keys its face cache records

FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")


class FontFormatError(ValueError):
    """The file is not a font this reader understands; the message says what it is instead."""


_TRUETYPE = (b"\x00\x01\x00\x00", b"true")  # sfnt versions of glyf fonts (the second is Apple's)
_NAME_IDS = (1, 2, 4, 6, 14, 16, 17)  # family, subfamily, full, PostScript, licence URL, typographic


def name_key(name: str) -> str:
    """Names compare without case, spaces or width differences: 'fangsong_gb2312' = 'FangSong_GB2312'."""
    return "".join(unicodedata.normalize("NFKC", name).casefold().split())


@dataclass(frozen=True)
class Face:
    """One face of a font file, as far as choosing it needs: names, outline kind, embedding."""

    path: Path
    index: int
    outlines: str  # glyf | CFF | none
    names: dict[int, tuple[str, ...]]  # name ID -> distinct strings, English ones first
    fs_type: int = 0  # OS/2 embedding permissions

    def name(self, *ids: int) -> str:
        return next((self.names[i][0] for i in ids if self.names.get(i)), "")

    @property
    def family(self) -> str:
        return self.name(16, 1) or self.path.stem

    @property
    def style(self) -> str:
        return self.name(17, 2)

    @property
    def full_name(self) -> str:
        return self.name(4, 1, 6) or self.path.stem

    @cached_property
    def keys(self) -> tuple[frozenset[str], frozenset[str]]:
        """name_key of its (family, full and PostScript names), and of its typographic family."""
        own = {name_key(n) for i in (1, 4, 6) for n in self.names.get(i, ())}
        for family, style in ((1, 2), (16, 17)):  # 'DejaVu Sans Book', whose full name lacks "Book"
            own |= {name_key(f + s) for f in self.names.get(family, ()) for s in self.names.get(style, ())}
        return frozenset(own), frozenset(name_key(n) for n in self.names.get(16, ()))

    @property
    def embeddable(self) -> bool:
        # reportlab's own test (ttfonts.py): restricted licence, or no subsetting / bitmap only
        return not (self.fs_type == 0x0002 or self.fs_type & 0x0300)

    def to_json(self) -> dict:
        own, typographic = self.keys
        return {"index": self.index, "outlines": self.outlines, "fs_type": self.fs_type,
                "names": {str(k): list(v) for k, v in self.names.items()},
                "keys": [sorted(own), sorted(typographic)]}

    @classmethod
    def from_json(cls, path: Path, d: dict) -> Face:
        face = cls(path, d["index"], d["outlines"], {int(k): tuple(v) for k, v in d["names"].items()},
                   d.get("fs_type", 0))
        # the keys as the index recorded them: normalising every name of every installed face
        # again was most of a lookup among a Windows font folder's hundreds of faces
        own, typographic = d["keys"]
        face.__dict__["keys"] = (frozenset(own), frozenset(typographic))
        return face


def _open(path: os.PathLike | str) -> BinaryIO:
    """Open a font file to read. A FIFO, socket or device named as a font is refused, never
    waited on: the open does not block, and what was opened is checked to be a regular file."""
    try:
        return open_regular(os.fspath(path))
    except NotRegular:
        raise FontFormatError(
            _("not a font file: it is a pipe, socket or device, not a regular file")) from None


def _read(f: BinaryIO, offset: int, size: int) -> bytes:
    f.seek(offset)
    data = f.read(size)
    if len(data) != size:
        raise FontFormatError(_("the file is cut short (damaged or incompletely downloaded)"))
    return data


def _face_offsets(f: BinaryIO) -> list[int]:
    head = f.read(12)
    tag = head[:4]
    if tag in (b"wOFF", b"wOF2"):
        raise FontFormatError(_("this is a WOFF web font, not a .ttf/.ttc file"))
    if len(head) < 12:
        raise FontFormatError(_("not a font file (too short)"))
    if tag == b"ttcf":
        count = struct.unpack(">I", head[8:12])[0]
        if not 0 < count <= 10_000:
            raise FontFormatError(_("damaged font collection header"))
        return list(struct.unpack(f">{count}I", _read(f, 12, 4 * count)))
    if tag in _TRUETYPE or tag == b"OTTO":
        return [0]
    raise FontFormatError(_("not a TrueType/OpenType font file"))


def _tables(f: BinaryIO, offset: int) -> tuple[bytes, dict[bytes, tuple[int, int]]]:
    """sfnt version and table tag -> (offset, length) of the face whose directory is at offset."""
    version, count = struct.unpack(">4sH", _read(f, offset, 6))
    if version not in _TRUETYPE and version != b"OTTO":
        raise FontFormatError(_("damaged font: a face has no valid header"))
    raw = _read(f, offset + 12, 16 * count)
    tables = {}
    for i in range(count):
        tag, _checksum, toff, length = struct.unpack_from(">4sIII", raw, 16 * i)
        tables[tag] = (toff, length)
    return version, tables


# Two-byte encodings that Windows name/cmap records store as 16-bit units (old Chinese fonts
# carry their Chinese names as GBK in platform 3, encoding 3).
_WIN_CODECS = {3: "gbk", 4: "big5", 5: "euc_kr", 6: "johab"}
_MAC_CODECS = {0: "mac_roman", 1: "shift_jis", 2: "big5", 3: "euc_kr", 25: "gbk"}


def _decode_name(platform: int, encoding: int, raw: bytes) -> str | None:
    try:
        if platform == 0 or (platform == 3 and encoding in (0, 1, 10)):
            return raw.decode("utf-16-be")
        if platform == 3 and encoding in _WIN_CODECS:
            units = struct.unpack(f">{len(raw) // 2}H", raw[: len(raw) // 2 * 2])
            data = b"".join(u.to_bytes(2, "big") if u > 0xFF else bytes((u,)) for u in units if u)
            return data.decode(_WIN_CODECS[encoding])
        if platform == 1 and encoding in _MAC_CODECS:
            return raw.decode(_MAC_CODECS[encoding])
    except (UnicodeDecodeError, struct.error):
        pass
    return None


def _read_names(data: bytes) -> dict[int, tuple[str, ...]]:
    _fmt, count, strings = struct.unpack_from(">HHH", data, 0)
    found: dict[int, list[tuple[int, str]]] = {}
    for i in range(count):
        platform, encoding, lang, name_id, length, off = struct.unpack_from(">6H", data, 6 + 12 * i)
        if name_id not in _NAME_IDS:
            continue
        text = _decode_name(platform, encoding, data[strings + off: strings + off + length])
        text = text.strip("\x00 \t") if text else None
        if text:
            english = (platform == 3 and lang == 0x409) or (platform == 1 and lang == 0)
            found.setdefault(name_id, []).append((0 if english else 1, text))
    out = {}
    for name_id, items in found.items():
        items.sort(key=lambda it: it[0])  # stable: English first, then the file's order
        out[name_id] = tuple(dict.fromkeys(t for _, t in items))
    return out


def read_faces(path: Path) -> list[Face]:
    """Every face in a .ttf/.otf/.ttc/.otc: names, outline kind, embedding bits.

    Reads only the headers and the `name` and `OS/2` tables (a few KB of a 20 MB font).
    Raises OSError when the file cannot be read, FontFormatError when it is not a usable font."""
    faces = []
    with _open(path) as f:
        for index, offset in enumerate(_face_offsets(f)):
            try:
                version, tables = _tables(f, offset)
                names: dict[int, tuple[str, ...]] = {}
                if b"name" in tables:
                    noff, nlen = tables[b"name"]
                    names = _read_names(_read(f, noff, nlen))
                fs_type = 0
                if b"OS/2" in tables and tables[b"OS/2"][1] >= 10:
                    fs_type = struct.unpack(">H", _read(f, tables[b"OS/2"][0] + 8, 2))[0]
            except struct.error:
                raise FontFormatError(_("damaged font: its tables do not fit together")) from None
            if b"glyf" in tables and version != b"OTTO":
                outlines = "glyf"
            elif version == b"OTTO" or b"CFF " in tables or b"CFF2" in tables:
                outlines = "CFF"
            else:
                outlines = "none"
            faces.append(Face(Path(path), index, outlines, names, fs_type))
    return faces


def face_tables(path: Path, index: int | str, tags: Sequence[bytes]) -> dict[bytes, bytes]:
    """The raw bytes of the named sfnt tables of one face (those it has), read without parsing
    the rest of the file."""
    index = _face_index(path, index)
    with _open(path) as f:
        offsets = _face_offsets(f)
        _version, tables = _tables(f, offsets[index])
        return {tag: _read(f, *tables[tag]) for tag in tags if tag in tables}


_OUTLINE_TABLES = (b"head", b"maxp", b"hhea", b"hmtx", b"loca", b"glyf", b"cmap")
_SHORT, _USHORT, _PART = struct.Struct(">h"), struct.Struct(">H"), struct.Struct(">HH")


def check_outlines(path: Path, index: int | str = 0) -> None:
    """Raise FontFormatError if the face's outline tables do not hold together. A font whose
    names read fine but whose glyphs are cut short or garbled would otherwise pass every check
    and fail deep inside reportlab while the PDF is written, naming no font. Checks what
    embedding reads: the metrics, that each glyph lies inside `glyf` and in order, that the
    cmap names only glyphs there are, and each glyph's header (a simple glyph's instructions
    fit in it; a composite's parts are real glyphs and end inside it). The file is mapped,
    not read: a 30,000-glyph face takes about 0.1 s."""
    import mmap

    index = _face_index(path, index)
    with _open(path) as f:
        _version, tables = _tables(f, _face_offsets(f)[index])
        missing = [tag.decode() for tag in _OUTLINE_TABLES if tag not in tables]
        if missing:
            raise FontFormatError(_("damaged font: no {tables} table").format(tables=", ".join(missing)))
        size = os.fstat(f.fileno()).st_size
        if any(off + length > size for off, length in tables.values()):
            raise FontFormatError(_("damaged font: the file is cut short"))
        with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
            _check_outlines(data, tables)


def _check_outlines(data: mmap.mmap, tables: dict[bytes, tuple[int, int]]) -> None:
    def table(tag: bytes) -> bytes:
        off, length = tables[tag]
        return data[off:off + length]

    try:
        long_loca = struct.unpack_from(">h", table(b"head"), 50)[0] == 1
        n_glyphs = struct.unpack_from(">H", table(b"maxp"), 4)[0]
        n_metrics = struct.unpack_from(">H", table(b"hhea"), 34)[0]
        if not 0 < n_metrics <= n_glyphs or tables[b"hmtx"][1] < 4 * n_metrics:
            raise FontFormatError(_("damaged font: its metrics do not match its glyphs"))
        loca = struct.unpack_from(f">{n_glyphs + 1}{'I' if long_loca else 'H'}", table(b"loca"), 0)
    except struct.error:
        raise FontFormatError(_("damaged font: its header or glyph index is cut short")) from None
    scale = 1 if long_loca else 2
    glyf, glyf_length = tables[b"glyf"]
    if loca[-1] * scale > glyf_length:
        raise FontFormatError(_("damaged font: its outlines (glyf table) are cut short"))
    if any(b < a for a, b in itertools.pairwise(loca)):
        raise FontFormatError(_("damaged font: its glyph locations (loca table) are out of order"))
    if any(g >= n_glyphs for g in read_cmap(table(b"cmap")).values()):
        raise FontFormatError(_("damaged font: its cmap names glyphs the font does not have"))
    for gid in range(n_glyphs):
        start, end = glyf + loca[gid] * scale, glyf + loca[gid + 1] * scale
        if end > start and not _glyph_fits(data, start, end, n_glyphs):
            raise FontFormatError(_("damaged font: the outline of glyph {gid} is garbled").format(gid=gid))


def _glyph_fits(data: mmap.mmap, start: int, end: int, n_glyphs: int) -> bool:
    try:
        contours = _SHORT.unpack_from(data, start)[0]
        if contours >= 0:
            return start + 12 + 2 * contours + _USHORT.unpack_from(data, start + 10 + 2 * contours)[0] <= end
        if contours != -1:
            return False
        at, more = start + 10, True
        while more:
            flags, part = _PART.unpack_from(data, at)
            if part >= n_glyphs:
                return False
            at += 4 + (4 if flags & 0x0001 else 2)  # arguments: words or bytes
            at += 2 if flags & 0x0008 else 4 if flags & 0x0040 else 8 if flags & 0x0080 else 0  # scale
            more = bool(flags & 0x0020)
        return at <= end
    except struct.error:
        return False


def cmap_chars(path: Path, index: int | str = 0) -> set[int]:
    """Code points the face maps to a real glyph (not .notdef)."""
    data = face_tables(path, index, [b"cmap"]).get(b"cmap")
    return {c for c, g in read_cmap(data).items() if g} if data else set()


def read_cmap(data: bytes) -> dict[int, int]:
    """Code point -> glyph index from a Unicode cmap table (format 4 or 12; format 12 wins, since
    only it reaches beyond the BMP). Code points mapped to glyph 0 (.notdef) are kept as 0."""
    try:
        _v, count = struct.unpack_from(">HH", data, 0)
        best: tuple[int, int] | None = None  # (format, offset)
        for i in range(count):
            platform, encoding, off = struct.unpack_from(">HHI", data, 4 + 8 * i)
            unicode = (platform == 0 and encoding != 5) or (platform == 3 and encoding in (1, 10))
            if not unicode:
                continue
            fmt = struct.unpack_from(">H", data, off)[0]
            if fmt in (4, 12) and (best is None or fmt > best[0]):
                best = (fmt, off)
        if best is None:
            return {}
        return _cmap12(data, best[1]) if best[0] == 12 else _cmap4(data, best[1])
    except struct.error:
        raise FontFormatError(_("damaged font: its cmap table is cut short")) from None


def _cmap4(data: bytes, off: int) -> dict[int, int]:
    seg = struct.unpack_from(">H", data, off + 6)[0] // 2
    ends = struct.unpack_from(f">{seg}H", data, off + 14)
    starts = struct.unpack_from(f">{seg}H", data, off + 16 + 2 * seg)
    deltas = struct.unpack_from(f">{seg}H", data, off + 16 + 4 * seg)
    ranges_at = off + 16 + 6 * seg
    ranges = struct.unpack_from(f">{seg}H", data, ranges_at)
    out: dict[int, int] = {}
    for i, (start, end, delta, ro) in enumerate(zip(starts, ends, deltas, ranges)):
        if start > end or start == 0xFFFF:
            continue
        if ro == 0:  # glyph = c + delta (mod 65536)
            out.update((c, (c + delta) & 0xFFFF) for c in range(start, end + 1))
        else:
            glyphs = struct.unpack_from(f">{end - start + 1}H", data, ranges_at + 2 * i + ro)
            out.update((c, (g + delta) & 0xFFFF if g else 0) for c, g in zip(range(start, end + 1), glyphs))
    return out


def _cmap12(data: bytes, off: int) -> dict[int, int]:
    groups = struct.unpack_from(">I", data, off + 12)[0]
    out: dict[int, int] = {}
    for i in range(groups):
        start, end, glyph = struct.unpack_from(">III", data, off + 16 + 12 * i)
        out.update((c, glyph + c - start) for c in range(start, end + 1))
    return out


def ink_extents(path: Path, index: int | str, chars: str,
                glyph_of: dict[int, int] | None = None) -> dict[str, tuple[float, float] | None]:
    """Where each character's ink starts and ends across its advance (0 = the left edge, 1 = the
    advance), from the glyph's bounding box in `glyf`; None for a blank glyph, an unmapped
    character or a face without TrueType outlines. Reads the cmap (unless the caller has it
    already: `glyph_of`, code point -> glyph) and a few bytes of the rest."""
    if glyph_of is None:
        data = face_tables(path, index, [b"cmap"]).get(b"cmap")
        glyph_of = read_cmap(data) if data else {}
    out: dict[str, tuple[float, float] | None] = dict.fromkeys(chars)
    with open(path, "rb") as f:
        _version, tables = _tables(f, _face_offsets(f)[_face_index(path, index)])
        if not all(t in tables for t in (b"head", b"hhea", b"hmtx", b"loca", b"glyf")):
            return out
        try:
            long_loca = struct.unpack(">h", _read(f, tables[b"head"][0] + 50, 2))[0] == 1
            n_metrics = struct.unpack(">H", _read(f, tables[b"hhea"][0] + 34, 2))[0]
            size, fmt = (4, ">2I") if long_loca else (2, ">2H")
            for ch in chars:
                gid = glyph_of.get(ord(ch), 0)
                if not gid:
                    continue
                start, end = struct.unpack(fmt, _read(f, tables[b"loca"][0] + size * gid, 2 * size))
                if not long_loca:
                    start, end = 2 * start, 2 * end
                if end <= start:
                    continue  # no outline: a blank glyph
                x_min, _y, x_max = struct.unpack(">3h", _read(f, tables[b"glyf"][0] + start + 2, 6))
                at = tables[b"hmtx"][0] + 4 * min(gid, n_metrics - 1)
                advance = struct.unpack(">H", _read(f, at, 2))[0]
                if advance:
                    out[ch] = (x_min / advance, x_max / advance)
        except struct.error:
            raise FontFormatError(_("damaged font: its glyph tables are cut short")) from None
    return out


def read_ink_top(path: os.PathLike, index: int | str, glyph: int) -> float | None:
    """How far the ink of a glyph reaches above the baseline, in em: yMax of its box in `glyf`.
    None for glyph 0, a blank glyph or a face without TrueType outlines. Reads a few bytes, not
    the outlines."""
    if not glyph:
        return None
    with open(path, "rb") as f:
        _version, tables = _tables(f, _face_offsets(f)[_face_index(path, index)])
        if not all(t in tables for t in (b"head", b"loca", b"glyf")):
            return None
        try:
            head = _read(f, tables[b"head"][0], 54)
            upm, long_loca = struct.unpack_from(">H", head, 18)[0], struct.unpack_from(">h", head, 50)[0] == 1
            size, fmt = (4, ">2I") if long_loca else (2, ">2H")
            start, end = struct.unpack(fmt, _read(f, tables[b"loca"][0] + size * glyph, 2 * size))
            if not long_loca:
                start, end = 2 * start, 2 * end
            if end <= start or not upm:
                return None  # no outline: a blank glyph
            return struct.unpack(">h", _read(f, tables[b"glyf"][0] + start + 8, 2))[0] / upm
        except struct.error:
            raise FontFormatError(_("damaged font: its glyph tables are cut short")) from None


def _face_index(path: Path, index: int | str) -> int:
    if isinstance(index, int):
        return index
    for face in read_faces(path):
        if index in face.names.get(6, ()):
            return face.index
    raise FontFormatError(_("no face named {name} in {path}").format(name=index, path=path))


def directories(path: os.PathLike | str) -> bytes:
    """The header and table directory of every face in the file: they hold every table's
    checksum, so two files with the same directories describe the same faces. A few hundred bytes."""
    out = []
    with _open(path) as f:
        for offset in _face_offsets(f):
            count = struct.unpack(">H", _read(f, offset + 4, 2))[0]
            out.append(_read(f, offset, 12 + 16 * count))
    return b"".join(out)
