"""Small fonts for tests/test_fonts.py, made at test time with fontTools (nothing binary is kept
in the repository). Run it by hand to look at them:

    python tests/fonts/make_test_fonts.py OUTDIR

The TrueType ones are cut from the bundled faces to the few characters of TINY_SPEC, minus
LACKING, so a build with them must draw those from the fallback face.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "fonts"

TINY_SPEC = """\
masthead:
  title: 测试工作简报
  issue: 1
  publisher: 测试办公室
  date: 2024-05-06
articles:
  - title: 测试文章
    body: 今天开会讨论工作，安排下一步。
style:
  fonts:
    body: {body}
"""
# Every character TINY_SPEC sets in the body face, with the digits of the issue and date lines.
BODY_TEXT = "第1期测试办公室2024年5月6日今天开会讨论工作，安排下一步。0123456789 "
LACKING = "讨论"  # cut out of the test body face: the fallback must draw them

FANG = "Bulletin Test Fang"  # family names of the faces made here
KAI = "Bulletin Test Kai"
CFF = "Bulletin Test CFF"


def _ps(family: str) -> str:
    return family.replace(" ", "")


def rename(font, family: str, ps: str, chinese: str | None = None) -> None:
    """Give the font new family / full / PostScript names (name IDs 1, 3, 4, 6; no 16/17)."""
    name = font["name"]
    name.names = [n for n in name.names if n.nameID not in (1, 2, 3, 4, 6, 16, 17)]
    for platform, encoding, lang in ((3, 1, 0x409), (1, 0, 0)):
        for nid, value in ((1, family), (2, "Regular"), (3, ps), (4, family), (6, ps)):
            name.setName(value, nid, platform, encoding, lang)
    if chinese:
        for nid in (1, 4):
            name.setName(chinese, nid, 3, 1, 0x804)


def cut(src: Path, chars: str, family: str, chinese: str | None = None):
    """The bundled face `src` cut to `chars` and renamed."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(src)
    opts = subset.Options()
    opts.layout_features, opts.name_IDs, opts.notdef_outline = [], ["*"], True
    sub = subset.Subsetter(opts)
    sub.populate(unicodes={ord(c) for c in chars})
    sub.subset(font)
    rename(font, family, _ps(family), chinese)
    return font


def cff_font(family: str = CFF, chars: str = "测试"):
    """A CFF-outline (.otf) font drawing a square for each of `chars`."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen

    names = [".notdef", *(f"uni{ord(c):04X}" for c in chars)]
    fb = FontBuilder(1000, isTTF=False)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({ord(c): f"uni{ord(c):04X}" for c in chars})
    outlines = {}
    for n in names:
        pen = T2CharStringPen(1000, None)
        pen.moveTo((100, -100))
        pen.lineTo((100, 800))
        pen.lineTo((900, 800))
        pen.lineTo((900, -100))
        pen.closePath()
        outlines[n] = pen.getCharString()
    fb.setupCFF(_ps(family), {"FullName": family}, outlines, {})
    fb.setupHorizontalMetrics(dict.fromkeys(names, (1000, 100)))
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": family, "styleName": "Regular", "psName": _ps(family)})
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    fb.setupPost()
    return fb.font


def glyph_raised(src: Path, dest: Path, ch: str, units: int) -> Path:
    """`src` saved as `dest` with the outline of `ch` moved `units` font units up."""
    from fontTools.ttLib import TTFont

    font = TTFont(src)
    glyf = font["glyf"]
    glyph = glyf[font.getBestCmap()[ord(ch)]]
    glyph.coordinates.translate((0, units))
    glyph.recalcBounds(glyf)
    font.save(dest)
    return dest


def typo_metrics(src: Path, dest: Path, ascender: int, descender: int) -> Path:
    """`src` saved as `dest` with other OS/2 typo ascender and descender (its em box), in font units."""
    from fontTools.ttLib import TTFont

    font = TTFont(src)
    font["OS/2"].sTypoAscender, font["OS/2"].sTypoDescender = ascender, descender
    font.save(dest)
    return dest


def build(dest: Path) -> dict[str, Path]:
    """Write the test fonts into `dest`; returns name -> path."""
    from fontTools.ttLib import TTCollection, TTFont

    dest.mkdir(parents=True, exist_ok=True)
    body_chars = "".join(c for c in BODY_TEXT if c not in LACKING)
    out = {name: dest / name for name in
           ("tiny.ttf", "pair.ttc", "cff.otf", "mixed.ttc", "corrupt.ttf", "truncated.ttf")}

    cut(BUNDLED / "body.ttf", body_chars, FANG).save(out["tiny.ttf"])
    cut(BUNDLED / "kai.ttf", body_chars, KAI).save(dest / "kai-part.ttf")
    cff_font().save(out["cff.otf"])

    pair = TTCollection()
    pair.fonts = [TTFont(out["tiny.ttf"]), TTFont(dest / "kai-part.ttf")]
    pair.save(out["pair.ttc"])
    mixed = TTCollection()  # a CFF face first, then a TrueType one
    mixed.fonts = [TTFont(out["cff.otf"]), TTFont(out["tiny.ttf"])]
    mixed.save(out["mixed.ttc"])
    (dest / "kai-part.ttf").unlink()

    out["corrupt.ttf"].write_bytes(b"This is a text file, not a font.\n" * 40)
    out["truncated.ttf"].write_bytes(out["tiny.ttf"].read_bytes()[:300])

    # A stand-in for the proprietary 仿宋_GB2312, in a folder of its own (used as --font-dir)
    official = dest / "official"
    official.mkdir(exist_ok=True)
    out["fangsong"] = official / "fake-fangsong.ttf"
    cut(BUNDLED / "body.ttf", body_chars, "FangSong_GB2312", chinese="仿宋_GB2312").save(out["fangsong"])
    return out


if __name__ == "__main__":
    for name, path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "test-fonts")).items():
        print(f"{name}: {path}")


def _table(data: bytes, tag: bytes) -> tuple[int, int, int]:
    """(directory record offset, table offset, table length) of `tag` in a single-face sfnt."""
    import struct

    for i in range(struct.unpack_from(">H", data, 4)[0]):
        rec = 12 + 16 * i
        t, _checksum, offset, length = struct.unpack_from(">4sIII", data, rec)
        if t == tag:
            return rec, offset, length
    raise KeyError(tag)


def damaged(src: Path, kind: str) -> bytes:
    """`src` (a TrueType font) with its outlines damaged, its `name` table left whole, so it
    reads as a font until its glyphs are embedded."""
    import random
    import struct

    from fontTools.ttLib import TTFont

    data = bytearray(src.read_bytes())
    font = TTFont(src)
    _rec, glyf, glyf_len = _table(data, b"glyf")
    _rec, loca, _loca_len = _table(data, b"loca")
    scale = 2 if font["head"].indexToLocFormat == 0 else 4
    unit, factor = (">H", 2) if scale == 2 else (">I", 1)
    offsets = [struct.unpack_from(unit, data, loca + scale * g)[0] * factor
               for g in range(font["maxp"].numGlyphs + 1)]
    used = font.getGlyphID(font.getBestCmap()[ord("工")])  # a glyph every test spec draws
    start = glyf + offsets[used]
    if kind == "glyf cut short":  # the directory says glyf ends early; the bytes are still there
        rec = _table(data, b"glyf")[0]
        struct.pack_into(">I", data, rec + 12, glyf_len // 3)
    elif kind == "glyf garbled":
        rnd = random.Random(14)
        data[glyf:glyf + glyf_len] = bytes(rnd.randrange(256) for _ in range(glyf_len))
    elif kind == "composite of a missing glyph":
        struct.pack_into(">hhhhhHH", data, start, -1, 0, 0, 100, 100, 0x0000, 60000)
    elif kind == "loca out of order":
        struct.pack_into(">H" if scale == 2 else ">I", data, loca + scale * used,
                         (offsets[-1] // (2 if scale == 2 else 1)))
    elif kind == "cmap past the last glyph":
        _rec, cmap, cmap_len = _table(data, b"cmap")
        table = bytes(data[cmap:cmap + cmap_len])
        n = font["maxp"].numGlyphs
        # every format 4 segment's delta made to land far beyond the glyphs
        count = struct.unpack_from(">H", table, 2)[0]
        for i in range(count):
            _p, _e, off = struct.unpack_from(">HHI", table, 4 + 8 * i)
            if struct.unpack_from(">H", table, off)[0] == 4:
                seg = struct.unpack_from(">H", table, off + 6)[0] // 2
                for k in range(seg - 1):
                    struct.pack_into(">H", data, cmap + off + 16 + 4 * seg + 2 * k, (n + 1000) & 0xFFFF)
                    struct.pack_into(">H", data, cmap + off + 16 + 6 * seg + 2 * k, 0)
    elif kind == "hmtx cut short":
        rec = _table(data, b"hmtx")[0]
        struct.pack_into(">I", data, rec + 12, 2)
    else:
        raise ValueError(kind)
    return bytes(data)


DAMAGE = ("glyf cut short", "glyf garbled", "composite of a missing glyph", "loca out of order",
          "cmap past the last glyph", "hmtx cut short")
