"""Which font file draws each role: a bundled face, a file the spec names, or a face installed on
this machine and found by its family name.

reportlab embeds TrueType (`glyf`) outlines only and fails late and tersely on anything else, so
every font is checked here first and each problem is reported against the spec line that asked
for it. Finding a family needs the names inside the font files: a small `struct` reader takes
them (and the outline kind, and the cmap for coverage) from the sfnt tables directly, because
neither reportlab (slow: it parses whole fonts) nor fontTools (not a run-time dependency) fits.
What a folder scan finds is cached as JSON, so only the first lookup after fonts change pays;
what the writers derive from one face (cmap, advances, reportlab's parse) is cached the same way
(`through_cache`), so a build after the first one parses no font.

Nothing here imports reportlab: `metrics` measures and `pdf.Faces` draws with the files this
module chooses.
"""
from __future__ import annotations

import os
import struct
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TypeVar

from ..errors import InputError, Problem
from ..files import NotRegular, open_regular

if TYPE_CHECKING:
    import mmap
from ..model import ROLES, Spec
from ..spec.paths import spec_root

# The bundled free faces (fonts/README.md says where each comes from and under which licence).
BUNDLED = {
    "title": "title.ttf",  # Noto Serif CJK SC Black: 小标宋 stand-in
    "body": "body.ttf",  # FandolFang: 仿宋
    "heading": "heading.ttf",  # Noto Sans CJK SC Bold: 黑体
    "kai": "kai.ttf",  # LXGW WenKai, subset and renamed WenKai Bulletin: 楷体
    "number": "number.ttf",  # Noto Serif CJK SC cut to digits and dashes: 宋体 page numbers
    "fallback": "fallback.ttf",  # Noto Serif CJK SC, wide coverage
}
BUNDLED_FAMILY = {
    "title": "Noto Serif CJK SC Black",
    "body": "FandolFang",
    "heading": "Noto Sans CJK SC Bold",
    "kai": "WenKai Bulletin",
    "number": "Noto Serif CJK SC",
    "fallback": "Noto Serif CJK SC",
}
_OFL = "SIL Open Font License 1.1 (OFL.txt)"
BUNDLED_LICENCE = {  # as fonts/README.md states them; the files named sit beside the fonts
    "title": _OFL,
    "body": "GPL-3 with font exception (GPL-3-with-font-exception.txt)",
    "heading": _OFL,
    "kai": "SIL Open Font License 1.1 (OFL-WenKai.txt)",
    "number": _OFL,
    "fallback": _OFL,
}

# The faces GB/T 9704 offices use, by the names their font files carry (Chinese and English
# family names, and the PostScript names of the FounderType ones), best first. `fallback` has
# none: the official faces cover GB2312 only, and the bundled Noto fills the rest.
OFFICIAL = {
    "title": ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "FZXiaoBiaoSong-B05"),
    "body": ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "方正仿宋_GBK", "FZFangSong-Z02"),
    "heading": ("黑体", "SimHei", "方正黑体_GBK", "FZHei-B01"),
    "kai": ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "方正楷体_GBK", "FZKai-Z03"),
    "number": ("宋体", "SimSun", "新宋体", "NSimSun"),
}
OFFICIAL_LICENCE = "proprietary, installed on this machine"

FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")
GB2312_TOTAL = 7445
TONGYONG_TOTAL = 8105
CONVERT_HINT = ("convert it once to TrueType (needs `pip install fonttools`): "
                "python -m bulletin_cli.fonts.otf2ttf {src} OUT.ttf")


@dataclass(frozen=True)
class FontFile:
    path: Path
    index: int | str = 0  # face inside a .ttc: a number, or a PostScript name (reportlab takes both)
    source: str = "bundled"  # bundled | spec | installed
    family: str = ""
    licence: str | None = None  # where known

    def unusable(self, role: str, why: object) -> InputError:
        """The error for a chosen face that turns out unreadable when it is loaded."""
        where = "bundled font" if self.source == "bundled" else f"style.fonts.{role}"
        return InputError(f"{where}: cannot use {self.path}: {why}")


@dataclass
class Resolution:
    files: dict[str, FontFile]  # role -> face; what pdf.Faces takes
    notes: list[str] = field(default_factory=list)  # human lines, e.g. why an official face was not used


def fonts_dir() -> Path:
    """Bundled fonts: inside the installed package, or the repository's fonts/ when run from source."""
    packaged = Path(__file__).resolve().parent / "bundled"  # where the wheel puts them
    if (packaged / "body.ttf").exists():
        return packaged
    return Path(__file__).resolve().parents[3] / "fonts"


def bundled(role: str) -> FontFile:
    return FontFile(fonts_dir() / BUNDLED[role], 0, "bundled", BUNDLED_FAMILY[role], BUNDLED_LICENCE[role])


# ---- reading sfnt files ----------------------------------------------------------------------

class FontFormatError(ValueError):
    """The file is not a font this reader understands; the message says what it is instead."""


_TRUETYPE = (b"\x00\x01\x00\x00", b"true")  # sfnt versions of glyf fonts (the second is Apple's)
_NAME_IDS = (1, 2, 4, 6, 14, 16, 17)  # family, subfamily, full, PostScript, licence URL, typographic


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
        return {"index": self.index, "outlines": self.outlines, "fs_type": self.fs_type,
                "names": {str(k): list(v) for k, v in self.names.items()}}

    @classmethod
    def from_json(cls, path: Path, d: dict) -> Face:
        return cls(path, d["index"], d["outlines"], {int(k): tuple(v) for k, v in d["names"].items()},
                   d.get("fs_type", 0))


def _open(path: os.PathLike | str) -> BinaryIO:
    """Open a font file to read. A FIFO, socket or device named as a font is refused, never
    waited on: the open does not block, and what was opened is checked to be a regular file."""
    try:
        return open_regular(os.fspath(path))
    except NotRegular:
        raise FontFormatError("not a font file: it is a pipe, socket or device, not a regular file") from None


def _read(f: BinaryIO, offset: int, size: int) -> bytes:
    f.seek(offset)
    data = f.read(size)
    if len(data) != size:
        raise FontFormatError("the file is cut short (damaged or incompletely downloaded)")
    return data


def _face_offsets(f: BinaryIO) -> list[int]:
    head = f.read(12)
    tag = head[:4]
    if tag in (b"wOFF", b"wOF2"):
        raise FontFormatError("this is a WOFF web font, not a .ttf/.ttc file")
    if len(head) < 12:
        raise FontFormatError("not a font file (too short)")
    if tag == b"ttcf":
        count = struct.unpack(">I", head[8:12])[0]
        if not 0 < count <= 10_000:
            raise FontFormatError("damaged font collection header")
        return list(struct.unpack(f">{count}I", _read(f, 12, 4 * count)))
    if tag in _TRUETYPE or tag == b"OTTO":
        return [0]
    raise FontFormatError("not a TrueType/OpenType font file")


def _tables(f: BinaryIO, offset: int) -> tuple[bytes, dict[bytes, tuple[int, int]]]:
    """sfnt version and table tag -> (offset, length) of the face whose directory is at offset."""
    version, count = struct.unpack(">4sH", _read(f, offset, 6))
    if version not in _TRUETYPE and version != b"OTTO":
        raise FontFormatError("damaged font: a face has no valid header")
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
                raise FontFormatError("damaged font: its tables do not fit together") from None
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
            raise FontFormatError(f"damaged font: no {', '.join(missing)} table")
        size = os.fstat(f.fileno()).st_size
        if any(off + length > size for off, length in tables.values()):
            raise FontFormatError("damaged font: the file is cut short")
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
            raise FontFormatError("damaged font: its metrics do not match its glyphs")
        loca = struct.unpack_from(f">{n_glyphs + 1}{'I' if long_loca else 'H'}", table(b"loca"), 0)
    except struct.error:
        raise FontFormatError("damaged font: its header or glyph index is cut short") from None
    scale = 1 if long_loca else 2
    glyf, glyf_length = tables[b"glyf"]
    if loca[-1] * scale > glyf_length:
        raise FontFormatError("damaged font: its outlines (glyf table) are cut short")
    if any(b < a for a, b in zip(loca, loca[1:])):
        raise FontFormatError("damaged font: its glyph locations (loca table) are out of order")
    if any(g >= n_glyphs for g in read_cmap(table(b"cmap")).values()):
        raise FontFormatError("damaged font: its cmap names glyphs the font does not have")
    for gid in range(n_glyphs):
        start, end = glyf + loca[gid] * scale, glyf + loca[gid + 1] * scale
        if end > start and not _glyph_fits(data, start, end, n_glyphs):
            raise FontFormatError(f"damaged font: the outline of glyph {gid} is garbled")


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
        raise FontFormatError("damaged font: its cmap table is cut short") from None


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
            raise FontFormatError("damaged font: its glyph tables are cut short") from None
    return out


def _face_index(path: Path, index: int | str) -> int:
    if isinstance(index, int):
        return index
    for face in read_faces(path):
        if index in face.names.get(6, ()):
            return face.index
    raise FontFormatError(f"no face named {index} in {path}")


# ---- coverage --------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def gb2312_chars() -> frozenset[int]:
    """Every character the gb2312 codec encodes from rows A1-F7 x A1-FE (7,445)."""
    out = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.add(ord(bytes((hi, lo)).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return frozenset(out)


@lru_cache(maxsize=1)
def tongyong_chars() -> frozenset[int]:
    """通用规范汉字表 (8105), from the list shipped with the fonts."""
    text = (fonts_dir() / "repertoire" / "tongyong-8105.txt").read_text(encoding="utf-8")
    return frozenset(ord(c) for c in text if not c.isspace())


def coverage(path: Path, index: int | str = 0) -> dict[str, int]:
    chars = cmap_chars(Path(path), index)
    gb, ty = gb2312_chars(), tongyong_chars()
    return {"gb2312": len(chars & gb), "gb2312_total": len(gb),
            "tongyong": len(chars & ty), "tongyong_total": len(ty)}


# ---- where installed fonts live, and the cached index of them ----------------------------------

FONTCONFIG_FILES = (Path("/etc/fonts/fonts.conf"), Path("/etc/fonts/local.conf"))


def _fontconfig_dirs(confs: Sequence[Path] = FONTCONFIG_FILES) -> list[Path]:
    """The <dir> entries of fontconfig's main files (not the files they include: the folders
    of a stock setup are all in fonts.conf, and running fc-list would cost more than a scan)."""
    import xml.etree.ElementTree as ET  # only when a family is looked up

    out = []
    for conf in confs:
        try:
            root = ET.parse(conf).getroot()
        except (OSError, ET.ParseError):
            continue
        for el in root.iter("dir"):
            text = (el.text or "").strip()
            if not text:
                continue
            prefix = el.get("prefix", "")
            if prefix == "xdg":
                base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
                out.append(base / text)
            elif prefix == "relative":
                out.append(conf.parent / text)
            elif text.startswith("~") or os.path.isabs(text):
                out.append(Path(text).expanduser())
    return out


def system_font_folders() -> list[Path]:
    """The machine's font folders; none when BULLETIN_NO_SYSTEM_FONTS is set (tests, and builds
    that must not depend on what happens to be installed)."""
    if os.environ.get("BULLETIN_NO_SYSTEM_FONTS", "") not in ("", "0"):
        return []
    home = Path.home()
    out = [*_fontconfig_dirs(), home / ".local" / "share" / "fonts", home / ".fonts",
           Path("/usr/share/fonts"), Path("/usr/local/share/fonts")]
    if os.environ.get("WINDIR"):
        out.append(Path(os.environ["WINDIR"]) / "Fonts")
    if os.environ.get("LOCALAPPDATA"):
        out.append(Path(os.environ["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
    out += [Path("/Library/Fonts"), home / "Library" / "Fonts", Path("/System/Library/Fonts")]
    return out


def search_folders(font_dirs: Sequence[Path] = ()) -> list[Path]:
    """Where family names are looked up, first match wins: the caller's folders (--font-dir),
    then BULLETIN_FONT_PATH, then the system's. Only folders that exist, each once."""
    env = [Path(p).expanduser() for p in os.environ.get("BULLETIN_FONT_PATH", "").split(os.pathsep) if p]
    out, seen = [], set()
    for d in [*map(Path, font_dirs), *env, *system_font_folders()]:
        try:
            if not d.is_dir():
                continue
            key = os.path.normcase(os.path.realpath(d))
        except OSError:
            continue
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def cache_dir() -> Path:
    if os.environ.get("BULLETIN_CACHE_DIR"):
        return Path(os.environ["BULLETIN_CACHE_DIR"])
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "bulletin" / "Cache"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "bulletin"


INDEX_FILE = "fonts-index.json"
INDEX_VERSION = 2


def _walk(folder: Path) -> list[str]:
    """The folder's font files, sorted, depth first. Only regular files: a FIFO named x.ttf is
    skipped, never opened."""
    files: list[str] = []
    seen: set[str] = set()
    stack = [str(folder)]
    while stack:
        d = stack.pop()
        try:
            real = os.path.realpath(d)
            if real in seen:  # a symlink loop, or one folder reached twice
                continue
            seen.add(real)
            subdirs = []
            with os.scandir(d) as entries:
                for e in sorted(entries, key=lambda e: e.name):
                    if e.is_dir():
                        subdirs.append(e.path)
                    elif e.name.lower().endswith(FONT_SUFFIXES) and e.is_file():
                        files.append(e.path)
            stack += reversed(subdirs)
        except OSError:
            continue  # an unreadable folder hides its fonts, it does not stop the lookup
    return files


def file_stamp(st: os.stat_result) -> list[int]:
    """What says a file is unchanged: size, mtime and ctime (which os.utime cannot set back)."""
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns]


# A file changed within this long before it was indexed may change again with the same stamp
# (file times tick coarsely): its record is "racy" and its fingerprint is checked every time.
RACY_NS = 2_000_000_000


def _fingerprint(path: str) -> str:
    """A hash of the font's headers and table directories, which hold every table's checksum:
    two files with one fingerprint describe the same faces. Reads a few hundred bytes."""
    import hashlib

    digest = hashlib.sha1()
    with _open(path) as f:
        for offset in _face_offsets(f):
            count = struct.unpack(">H", _read(f, offset + 4, 2))[0]
            digest.update(_read(f, offset, 12 + 16 * count))
    return digest.hexdigest()


def _record_faces(record: object, path: str) -> list[Face] | None:
    """The faces an index record lists, or None if the record is not one this version wrote."""
    try:
        assert isinstance(record, dict) and record["path"] == path
        assert isinstance(record["stamp"], list) and isinstance(record["fingerprint"], str)
        if "error" in record:
            assert isinstance(record["error"], str)
            return []
        return [Face.from_json(Path(path), d) for d in record["faces"]]
    except (AssertionError, LookupError, TypeError, ValueError, AttributeError):
        return None


def _scan(files: list[str], old: object) -> tuple[list[dict], list[Face]]:
    """Index records for the files, and their faces. The index is a hint: a record is reused
    only if it is well formed and its file's stamp is unchanged (and not racy), or else its
    fingerprint is (a font touched, or copied back). Anything else is read again."""
    old_records = old.get("files") if isinstance(old, dict) else None
    previous = {r.get("path"): r for r in old_records if isinstance(r, dict)} if isinstance(old_records, list) else {}
    records, faces = [], []
    racy_since = time.time_ns() - RACY_NS
    for path in files:
        try:
            stamp = file_stamp(os.stat(path))
        except OSError:
            continue
        prev = previous.get(path)
        found = _record_faces(prev, path)
        fingerprint = None
        if found is not None and (prev["stamp"] != stamp or prev.get("racy")):  # type: ignore[index,union-attr]
            try:
                fingerprint = _fingerprint(path)
            except (OSError, FontFormatError):
                fingerprint = ""
            found = found if fingerprint == prev["fingerprint"] else None  # type: ignore[index]
        if found is not None:
            records.append({**prev, "stamp": stamp, "racy": stamp[2] >= racy_since})  # type: ignore[dict-item]
            faces += found
            continue
        record: dict = {"path": path, "stamp": stamp, "racy": stamp[2] >= racy_since, "fingerprint": "",
                        "faces": []}
        try:
            found = read_faces(Path(path))
            record["fingerprint"] = fingerprint or _fingerprint(path)
            record["faces"] = [face.to_json() for face in found]
            faces += found
        except (OSError, FontFormatError) as e:
            record["error"] = str(e)  # remembered, so a broken file is not re-read on every run
        records.append(record)
    return records, faces


def _load_cache(path: Path) -> dict:
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != INDEX_VERSION:
        return {}
    folders = data.get("folders")
    return folders if isinstance(folders, dict) else {}


def _save_cache(path: Path, folders: dict) -> None:
    import json

    _write_atomic(path, json.dumps({"version": INDEX_VERSION, "folders": folders}, ensure_ascii=False).encode())


def installed_faces(font_dirs: Sequence[Path] = ()) -> list[Face]:
    """Every face in the search folders, in search order (earlier folders first). Every file is
    stat'ed on each lookup (a font overwritten in place keeps its folder's mtime); only new or
    changed ones are read."""
    cache_file = cache_dir() / INDEX_FILE
    cached = _load_cache(cache_file)
    changed = False
    faces: list[Face] = []
    for folder in search_folders(font_dirs):
        key = os.path.abspath(folder)
        old = cached.get(key)
        records, found = _scan(_walk(folder), old)
        if not isinstance(old, dict) or old.get("files") != records:
            cached[key] = {"files": records}
            changed = True
        faces += found
    if changed:
        _save_cache(cache_file, {k: v for k, v in cached.items() if os.path.isdir(k)})
    return faces


# ---- what is derived from one face, kept between runs ------------------------------------------

FACES_DIR = "faces"  # inside cache_dir(): one file per face and kind of data
FACE_CACHE_VERSION = 1
T = TypeVar("T")


def cache_enabled() -> bool:
    """BULLETIN_NO_CACHE=1 turns the per-face cache off (to compare, or on a read-only home)."""
    return os.environ.get("BULLETIN_NO_CACHE", "") in ("", "0")


def through_cache(path: os.PathLike | str, index: int | str, kind: str,
                  build: Callable[[], tuple[T, object]], decode: Callable[[object], T]) -> T:
    """What `build` derives from one face of a font file, kept in the user cache folder. build()
    returns the value and a marshal-able payload; decode(payload) gives the value back.

    The cache is a hint, held to the index's rules: a record is used only if its file's stamp
    (size, mtime, ctime: an overwrite in place changes the ctime) and fingerprint (every table's
    checksum) are the file's now, and its payload's digest is right. Anything else, a record
    from another version or a malformed one, is built again and replaced; a cache that cannot
    be read or written only costs the parse. `kind` names the data, then the code that made it
    (e.g. "reportlab 4.2.0 ..."), so a record is never decoded by other code; a face keeps one
    record per name, which the next version's replaces (the folder does not grow with upgrades)."""
    import hashlib
    import marshal

    if not cache_enabled():
        return build()[0]
    try:
        real = os.path.realpath(path)
        head = [FACE_CACHE_VERSION, real, repr(index), kind, file_stamp(os.stat(real)), _fingerprint(real)]
    except (OSError, FontFormatError):
        return build()[0]  # the parser says what is wrong with the file
    name = hashlib.blake2b("\0".join([real, repr(index), kind.split()[0]]).encode(), digest_size=12).hexdigest()
    file = cache_dir() / FACES_DIR / f"{name}.{sys.implementation.cache_tag}"
    try:
        record_head, data, digest = marshal.loads(file.read_bytes())
        if record_head == head and hashlib.blake2b(data).digest() == digest:
            return decode(marshal.loads(data))
    except Exception:
        pass
    value, payload = build()
    try:
        data = marshal.dumps(payload)
    except ValueError:  # something in it marshal cannot keep: go without the cache
        return value
    _write_atomic(file, marshal.dumps((head, data, hashlib.blake2b(data).digest())))
    return value


@cache
def code_digest(*files: str) -> str:
    """A short digest of source files: part of a cache `kind`, so that records made by other code
    (another release, or an edited checkout) are never read as this code's. Once per process:
    it describes the code that was loaded, and every face a build loads asks for it."""
    import hashlib

    h = hashlib.blake2b(digest_size=8)
    for f in files:
        h.update(Path(f).read_bytes())
    return h.hexdigest()


def _write_atomic(path: Path, data: bytes) -> None:
    """Replace a cache file whole (readers see the old or the new one, never half); a cache that
    cannot be written only makes the next run slower."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass


# ---- matching names --------------------------------------------------------------------------

def name_key(name: str) -> str:
    """Names compare without case, spaces or width differences: 'fangsong_gb2312' = 'FangSong_GB2312'."""
    return "".join(unicodedata.normalize("NFKC", name).casefold().split())


def _match_tier(face: Face, key: str) -> int | None:
    """0: the family, full or PostScript name is `key`; 1: only the typographic family is (a
    sibling weight, e.g. Noto Serif CJK SC Black for 'Noto Serif CJK SC'); None: no match."""
    own, typographic = face.keys
    if key in own:
        return 0
    if key in typographic:
        return 1
    return None


def _spelled(face: Face, name: str) -> str:
    """`name` as the font itself spells it ('bulletin test fang' -> 'Bulletin Test Fang')."""
    key = name_key(name)
    return next((n for i in (1, 4, 6, 16) for n in face.names.get(i, ()) if name_key(n) == key), name)


# What fonts call their upright normal weight (DejaVu Sans says "Book"; Chinese fonts 常规).
REGULAR_STYLES = frozenset(name_key(s) for s in ("", "Regular", "Book", "Normal", "Roman", "Standard",
                                                 "常规", "標準", "标准", "正常"))


def find_family(name: str, faces: Sequence[Face]) -> list[Face]:
    """Faces named `name`, best first: usable outlines, exact name before sibling weight, the
    regular weight before other styles (unless the name asks for one: 'DejaVu Sans Bold' is the
    full name of that face alone), then search order."""
    key = name_key(name)
    ranked = []
    for order, face in enumerate(faces):
        tier = _match_tier(face, key)
        if tier is not None:
            usable = face.outlines == "glyf" and face.embeddable
            regular = name_key(face.style) in REGULAR_STYLES
            ranked.append(((not usable, tier, not regular, order), face))
    return [face for _, face in sorted(ranked, key=lambda r: r[0])]


def nearest_families(name: str, faces: Sequence[Face], n: int = 3) -> list[str]:
    import difflib

    names: dict[str, str] = {}
    for face in faces:
        for i in (16, 1, 4):
            for display in face.names.get(i, ()):
                names.setdefault(name_key(display), display)
    close = difflib.get_close_matches(name_key(name), list(names), n=n, cutoff=0.5)
    return [names[k] for k in close]


# ---- resolving a spec's fonts ------------------------------------------------------------------

class _Role:
    """Collects the problems of one role's value, placed at the spec line that wrote it."""

    def __init__(self, spec: Spec, role: str, problems: list[Problem]):
        loc = spec.style.font_locs.get(role)
        self.spec, self.role, self.problems = spec, role, problems
        self.line, self.col = (loc.line, loc.col) if loc else (0, 0)
        self.file = loc.file if loc else spec.source  # a series file the spec extends, maybe

    def fail(self, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.file, self.line, self.col, f"style.fonts.{self.role}",
                                     message, hint))


def _split_face(value: str) -> tuple[str, str | None]:
    """'fonts/simsun.ttc#1' -> ('fonts/simsun.ttc', '1'); a '#' elsewhere belongs to the name."""
    if "#" in value:
        base, frag = value.rsplit("#", 1)
        if base.lower().endswith(FONT_SUFFIXES):
            return base, frag.strip()
    return value, None


def _is_path(value: str) -> bool:
    base, _ = _split_face(value)
    return base.lower().endswith(FONT_SUFFIXES) or "/" in base or "\\" in base or base.startswith("~")


def _faces_list(faces: list[Face]) -> str:
    return ", ".join(f"#{f.index} {f.full_name}" for f in faces)


def _from_file(r: _Role, value: str, spec_dir: Path) -> FontFile | None:
    base, frag = _split_face(value)
    try:
        path = Path(base).expanduser()
        if not path.is_absolute():
            path = spec_dir / path
        if refused := spec_root(r.spec).refuses(path, "font file"):  # the root rule: spec/paths.py
            return r.fail(f"{value}: {refused}")
        if path.is_dir():
            return r.fail(f"{value} is a folder, not a font file",
                          "name a .ttf/.ttc file inside it, or pass the folder with --font-dir "
                          "and give the font's family name")
        if not path.exists():
            return r.fail(f"font file not found: {value} (looked for {path})",
                          "give a .ttf/.ttc path relative to the spec's folder, "
                          "or the family name of an installed font")
        faces = read_faces(path)
    except PermissionError:
        return r.fail(f"cannot read font file {value}: permission denied")
    except (OSError, RuntimeError) as e:  # a name too long, a symlink loop (RuntimeError: expanduser)
        return r.fail(f"cannot read font file {_short(value)}: {getattr(e, 'strerror', None) or e}")
    except FontFormatError as e:
        return r.fail(f"{value}: {e}", "give a TrueType .ttf or .ttc font file")
    if frag is None:
        face = faces[0]
    elif frag.isdigit():
        if int(frag) >= len(faces):
            n = len(faces)
            return r.fail(f"{value}: no face #{frag}: {path.name} has {n} face{'s' if n > 1 else ''} "
                          f"({_faces_list(faces)})",
                          f"number faces from 0, or name one: {base}#{faces[-1].name(6) or 0}")
        face = faces[int(frag)]
    else:
        key = name_key(frag)
        named = [f for f in faces if _match_tier(f, key) is not None]
        if not named:
            return r.fail(f"{value}: no face named {frag} in {path.name} (it has {_faces_list(faces)})",
                          "write the face number (#0) or its PostScript name")
        face = min(named, key=lambda f: _match_tier(f, key))
    if not _usable(r, face, value):
        return None
    return FontFile(path, face.index, "spec", face.full_name, _licence(face, installed=False))


def _short(value: str, n: int = 60) -> str:
    return value if len(value) <= n else value[:n] + "…"


def _is_file(path: Path) -> bool:
    """Path.is_file, false for a name the system cannot even look up (too long, say)."""
    try:
        return path.is_file()
    except OSError:
        return False


def _usable(r: _Role, face: Face, what: str) -> bool:
    """Whether reportlab can embed the face; if not, the role's problem says why."""
    if face.outlines == "CFF":
        r.fail(f"{what}: {face.path} has CFF (PostScript) outlines, which reportlab cannot embed",
               CONVERT_HINT.format(src=_where(face)) + f", then give OUT.ttf as style.fonts.{r.role}")
        return False
    if face.outlines != "glyf":
        r.fail(f"{what}: {face.path} has no TrueType outlines", "give a TrueType .ttf or .ttc font file")
        return False
    if not face.embeddable:
        r.fail(f"{what}: the licence of {face.path} forbids embedding it in documents "
               f"(OS/2 fsType {face.fs_type:#06x})", "choose another font")
        return False
    damage = _damage(face)
    if damage:
        named = what if Path(_split_face(what)[0]).name == face.path.name else f"{what} ({face.path})"
        r.fail(f"{named}: {damage}", DAMAGED_HINT)
        return False
    return True


DAMAGED_HINT = "the file is damaged: install or download it again, or choose another font"


def _damage(face: Face) -> str | None:
    """What is wrong with the face's outlines (check_outlines), or None when they hold together."""
    try:
        check_outlines(face.path, face.index)
    except FontFormatError as e:
        return str(e)
    except OSError as e:
        return f"cannot read it: {e.strerror or e}"
    return None


def _licence(face: Face, installed: bool) -> str | None:
    if any(_match_tier(face, name_key(n)) == 0 for names in OFFICIAL.values() for n in names):
        return OFFICIAL_LICENCE if installed else "proprietary"
    return face.name(14) or None  # the licence URL, when the font gives one


def _from_family(r: _Role, value: str, faces: Sequence[Face]) -> FontFile | None:
    found = find_family(value, faces)
    if not found:
        near = nearest_families(value, faces)
        hint = ("`bulletin fonts` lists the installed families; --font-dir DIR adds a folder; "
                "or give a .ttf/.ttc file path")
        if near:
            hint = f"nearest installed: {', '.join(near)}. {hint}"
        return r.fail(f"font family not found: {value}", hint)
    face = found[0]
    if not _usable(r, face, value):
        return None
    return FontFile(face.path, face.index, "installed", _spelled(face, value), _licence(face, installed=True))


def resolve(spec: Spec | None, font_dirs: Sequence[Path] = (), official: bool = False) -> Resolution:
    """Role -> font file: the spec's `style.fonts` (files, or installed families), then the
    official faces where asked for (`style.fonts: official` or `official=True`) and installed,
    then the bundled faces. Every problem with the spec's fonts is raised at once (InputError).

    Folders are scanned only when a family name or the official faces are asked for."""
    files = {role: bundled(role) for role in ROLES}
    notes: list[str] = []
    problems: list[Problem] = []
    bad_dirs = [Problem("", 0, 0, "", f"--font-dir {d}: a file, not a folder" if _is_file(Path(d))
                        else f"font folder not found: {d}",
                        "give the folder that holds the fonts (or name a font file in style.fonts)")
                for d in font_dirs if not Path(d).is_dir()]
    if bad_dirs:
        raise InputError(bad_dirs)

    index: list[Face] | None = None

    def installed() -> list[Face]:
        nonlocal index
        if index is None:
            index = installed_faces(font_dirs)
        return index

    asked = dict(spec.style.fonts) if spec else {}
    if spec:
        for role, value in asked.items():
            if role not in ROLES:
                continue
            r = _Role(spec, role, problems)
            spec_dir = Path(r.file).parent  # paths resolve against the file that wrote them
            if _is_path(value) or _is_file(spec_dir / value):
                chosen = _from_file(r, value, spec_dir)
            else:
                chosen = _from_family(r, value, installed())
            if chosen:
                files[role] = chosen
    if problems:
        raise InputError(problems)

    if official or (spec is not None and spec.style.official):
        for role, names in OFFICIAL.items():
            if role in asked:
                continue  # a face the spec names for the role wins over the official one
            chosen, note = _official(role, names, installed())
            notes.append(note)
            if chosen:
                files[role] = chosen

    for role, f in files.items():
        if f.source == "bundled" and not os.access(f.path, os.R_OK):
            raise InputError(f"bundled font for {role} is missing: {f.path} (reinstall bulletin)")
    return Resolution(files, notes)


def _official(role: str, names: Sequence[str], faces: Sequence[Face]) -> tuple[FontFile | None, str]:
    fallback = f"using bundled {BUNDLED_FAMILY[role]}"
    unusable = None
    for name in names:
        for face in find_family(name, faces):
            if face.outlines == "glyf" and face.embeddable:
                damage = _damage(face)
                if damage:  # the office's own face is broken: say so rather than quietly replace it
                    raise InputError([Problem("", 0, 0, "", f"official {role} face {name} at {_where(face)}: "
                                              f"{damage}", DAMAGED_HINT)])
                return (FontFile(face.path, face.index, "installed", _spelled(face, name), OFFICIAL_LICENCE),
                        f"{role}: {name} found: {_where(face)}")
            unusable = unusable or (name, face)
    if unusable:
        name, face = unusable
        why = ("has CFF outlines; " + CONVERT_HINT.format(src=_where(face)) + " into a --font-dir folder"
               if face.outlines == "CFF"
               else "cannot be embedded (licence or outlines)")
        return None, f"{role}: {name} at {_where(face)} {why}; {fallback}"
    return None, f"{role}: {names[0]} not found; {fallback}"


def _where(face: Face) -> str:
    multi = face.path.suffix.lower() in (".ttc", ".otc")
    return f"{face.path}#{face.index}" if multi else str(face.path)


# ---- what `bulletin fonts` shows ----------------------------------------------------------------


def report_rows(resolution: Resolution) -> list[dict]:
    """One row per role: what draws it, from where, under which licence, and how much of GB2312
    and 通用规范汉字表 it covers (reading the cmaps takes a few tens of ms)."""
    rows = []
    for role in ROLES:
        f = resolution.files[role]
        row: dict = {"role": role, "family": f.family, "file": str(f.path), "index": f.index,
                     "source": f.source, "licence": f.licence}
        try:
            row.update(coverage(f.path, f.index))
        except (OSError, FontFormatError):
            row.update(gb2312=None, gb2312_total=GB2312_TOTAL, tongyong=None,
                       tongyong_total=TONGYONG_TOTAL)
        rows.append(row)
    return rows


def installed_rows(font_dirs: Sequence[Path] = ()) -> list[dict]:
    """Every installed face, for `bulletin fonts --all`: family, style, file, whether usable."""
    rows = []
    for face in installed_faces(font_dirs):
        usable = face.outlines == "glyf" and face.embeddable
        why = "" if usable else ("CFF outlines: convert with python -m bulletin_cli.fonts.otf2ttf"
                                 if face.outlines == "CFF" else "cannot be embedded")
        rows.append({"family": face.family, "style": face.style, "names": _all_names(face),
                     "file": str(face.path), "index": face.index, "usable": usable, "why": why})
    return rows


def _all_names(face: Face) -> list[str]:
    return list(dict.fromkeys(n for i in (16, 1, 4) for n in face.names.get(i, ())))

