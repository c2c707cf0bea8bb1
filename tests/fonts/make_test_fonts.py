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
    fb.setupHorizontalMetrics({n: (1000, 100) for n in names})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": family, "styleName": "Regular", "psName": _ps(family)})
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    fb.setupPost()
    return fb.font


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
