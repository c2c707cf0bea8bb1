"""Convert a CFF-outline font (.otf, or one face of a .ttc/.otc) to a TrueType .ttf.

    python -m bulletin_cli.fonts.otf2ttf IN.otf OUT.ttf
    python -m bulletin_cli.fonts.otf2ttf NotoSerifCJK-Regular.ttc#2 NotoSerifSC.ttf --subset

reportlab embeds TrueType (`glyf`) outlines only. This is fontTools' otf2ttf recipe: each cubic
CFF outline becomes quadratic TrueType contours (cu2qu, at most 1 font unit off). Names are kept,
so the converted file is still found by its family name. A whole CJK face takes about a minute
and several hundred MB; `--subset` keeps only what bulletins set (GB2312, 通用规范汉字表 8105,
ASCII, Latin-1, punctuation), which takes ~15 s and gives a file that also loads faster.

Needs fontTools (`pip install fonttools`, or `pip install 'bulletin-cli[convert]'`); it is not
needed to build bulletins, so it is imported only here, and only when converting.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..i18n import N_, _

CU2QU_MAX_ERR = 1.0  # font units; measured < 1/1000 em bounds deviation

# What `--subset` keeps besides GB2312 and the 8105 list: what a bulletin's text uses.
BULLETIN_RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 (× ÷ ° § ·)
    (0x2000, 0x206F),  # General Punctuation (— … “ ” ‰ ※)
    (0x2100, 0x214F),  # Letterlike (℃ №)
    (0x2460, 0x24FF),  # enclosed alphanumerics (① ⑴ ⒈)
    (0x2E3A, 0x2E3B),  # two-em / three-em dash
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3200, 0x32FF),  # enclosed CJK (㈠ ㊀)
    (0xFF00, 0xFFEF),  # full-width forms
]

NEED_FONTTOOLS = N_("fontTools is not installed; converting fonts needs it: pip install fonttools")


class ConvertError(Exception):
    """A conversion that cannot be done; the message says why and what to do."""


def _fonttools():
    try:
        from fontTools import ttLib
    except ImportError:
        raise ConvertError(_(NEED_FONTTOOLS)) from None
    return ttLib


def subset(font, unicodes: set[int]) -> None:
    """Cut the font to `unicodes`, dropping what reportlab never uses (layout features, vertical
    metrics, glyph names), keeping every name record (copyright, licence, version)."""
    from fontTools import subset as ftsubset

    opts = ftsubset.Options()
    opts.layout_features = []  # reportlab ignores GSUB/GPOS; '*' nearly doubles the glyphs
    opts.name_IDs = ["*"]  # keep copyright, licence, version, designer ...
    opts.name_languages = ["*"]
    opts.name_legacy = True
    opts.notdef_outline = True  # a visible box beats an invisible hole
    opts.glyph_names = False  # post format 3: names are useless and big
    # VORG only exists for CFF; vertical metrics are never used (horizontal
    # text); GSUB/GPOS/GDEF are left empty by layout_features=[] above.
    opts.drop_tables += ["VORG", "vhea", "vmtx", "GSUB", "GPOS", "GDEF"]
    sub = ftsubset.Subsetter(opts)
    sub.populate(unicodes=unicodes)
    sub.subset(font)


def cff_to_glyf(font, max_err: float = CU2QU_MAX_ERR) -> None:
    """Replace CFF outlines by quadratic glyf outlines (fontTools Snippets/otf2ttf.py)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()  # a CFF2 (variable) font draws its default instance
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        # PostScript contours run counter-clockwise, TrueType ones clockwise
        glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyphs[name] = pen.glyph()

    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    font["loca"] = newTable("loca")
    for tag in ("CFF ", "CFF2", "VORG"):  # VORG is CFF-only
        if tag in font:
            del font[tag]
    glyf.compile(font)  # computes each glyph's bounds

    # TrueType rasterisers and reportlab take lsb from hmtx: it must equal xMin
    hmtx = font["hmtx"]
    for name, g in glyphs.items():
        hmtx[name] = (hmtx[name][0], getattr(g, "xMin", 0))

    maxp = font["maxp"] = newTable("maxp")  # CFF fonts carry the 6-byte maxp 0.5
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(order)
    maxp.maxZones = 1
    for attr in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)

    post = font["post"]
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def bulletin_repertoire() -> set[int]:
    from .resolve import gb2312_chars, tongyong_chars

    chars = set(gb2312_chars()) | set(tongyong_chars())
    for lo, hi in BULLETIN_RANGES:
        chars.update(range(lo, hi + 1))
    return chars


def split_source(arg: str) -> tuple[Path, int | str | None]:
    """'fonts.ttc#2' -> (fonts.ttc, 2); 'fonts.ttc#NotoSerifCJKsc-Regular' -> (…, the name)."""
    if "#" in arg and not Path(arg).exists():
        base, frag = arg.rsplit("#", 1)
        return Path(base), int(frag) if frag.isdigit() else frag
    return Path(arg), None


def load(src: Path, face: int | str | None = None):
    """The face to convert, as a fontTools TTFont (face: number or PostScript name in a .ttc)."""
    ttLib = _fonttools()
    try:
        with open(src, "rb") as f:
            collection = f.read(4) == b"ttcf"
        if not collection:
            if face not in (None, 0):
                raise ConvertError(_("{src} holds one face; drop #{face}").format(src=src, face=face))
            return ttLib.TTFont(src)
        fonts = ttLib.TTCollection(src).fonts
    except OSError as e:
        raise ConvertError(_("cannot read {src}: {why}").format(src=src, why=e.strerror or e)) from None
    except ttLib.TTLibError as e:
        raise ConvertError(_("{src} is not a font fontTools can read: {why}").format(src=src, why=e)) \
            from None
    names = [f["name"].getDebugName(6) for f in fonts]
    listing = ", ".join(f"#{i} {n}" for i, n in enumerate(names))
    if face is None:
        if len(fonts) > 1:
            raise ConvertError(_("{src} is a collection of {n} faces ({faces}); choose one: {src}#N").format(
                src=src, n=len(fonts), faces=listing))
        return fonts[0]
    if isinstance(face, str):
        if face not in names:
            raise ConvertError(_("no face named {face} in {src} ({faces})").format(
                face=face, src=src, faces=listing))
        return fonts[names.index(face)]
    if face >= len(fonts):
        raise ConvertError(_("no face #{face} in {src} ({faces})").format(face=face, src=src, faces=listing))
    return fonts[face]


def convert(src: Path, out: Path, face: int | str | None = None, keep: set[int] | None = None) -> None:
    """Write `out`: the face of `src` with TrueType outlines (cut to `keep` code points if given)."""
    font = load(src, face)
    if "glyf" in font:
        raise ConvertError(_("{src} already has TrueType outlines: use it as it is").format(src=src)
                           + (f" ({src}#{face})" if face is not None else ""))
    if "CFF " not in font and "CFF2" not in font:
        raise ConvertError(_("{src} has no outlines to convert (neither CFF nor glyf)").format(src=src))
    if "CFF2" in font:  # variation data would no longer match the static outlines
        for tag in ("fvar", "avar", "gvar", "HVAR", "VVAR", "MVAR", "STAT", "cvar"):
            if tag in font:
                del font[tag]
    if keep is not None:
        subset(font, keep)
    cff_to_glyf(font)
    tmp = out.with_name(f".{out.name}.tmp")
    try:
        font.save(tmp)
        os.replace(tmp, out)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise ConvertError(_("cannot write {out}: {why}").format(out=out, why=e.strerror or e)) from None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m bulletin_cli.fonts.otf2ttf",
        description=_("Convert a CFF-outline font (.otf, .ttc/.otc face) to TrueType for bulletin."))
    ap.add_argument("source", help=_("IN.otf, or IN.ttc#N / IN.ttc#PostScriptName for one face"))
    ap.add_argument("output", type=Path, help="OUT.ttf")
    ap.add_argument("--subset", action="store_true",
                    help=_("keep only GB2312, 通用规范汉字表 8105, ASCII, Latin-1 and punctuation "
                           "(much faster, smaller, loads faster)"))
    args = ap.parse_args(argv)
    src, face = split_source(args.source)
    if args.output.suffix.lower() != ".ttf":
        print(_("error: {output}: the output should be a .ttf file").format(
            output=args.output), file=sys.stderr)
        return 2
    if args.output.exists() and args.output.resolve() == src.resolve():
        print(_("error: the output would overwrite the input"), file=sys.stderr)
        return 2
    try:
        convert(src, args.output, face, bulletin_repertoire() if args.subset else None)
    except ConvertError as e:
        print(_("error: {e}").format(e=e), file=sys.stderr)
        return 2 if str(e) != _(NEED_FONTTOOLS) else 1
    print(_("wrote {output}").format(output=args.output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
