#!/usr/bin/env python3
"""Regenerate the bundled fonts in ``fonts/`` from Debian packages.

    python tools/make_fonts.py [--work DIR] [--jobs N] [--only FILE ...]

Run rarely, by a maintainer, on a Debian/Ubuntu machine with ``apt-get``
(``apt-get update`` done).  Neither the tests nor users run it.

Why this exists: reportlab embeds TrueType (``glyf``) outlines only, and the
free CJK faces we want (Noto CJK, Fandol) ship CFF outlines.  So each face is
cut down to the repertoire a Chinese bulletin needs and converted with
fontTools cu2qu.  Small files also parse much faster in reportlab (its cmap
parser is pure Python), which is what keeps a bulletin run quick.

Steps: ``apt-get download`` the packages -> pull only the font and licence
files out of the ``.deb`` files -> subset, convert CFF outlines and rename where
the licence asks (in parallel) -> write licence texts, ``README.md`` and a
summary table.

The output is reproducible: the ``head`` timestamps of the source fonts are
kept, so the same packages and the same fontTools give the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# The subset and CFF -> glyf steps are shared with users converting their own fonts
# (`python -m bulletin_cli.fonts.otf2ttf`), so both paths make the same outlines.
sys.path.insert(0, str(REPO / "src"))
from bulletin_cli.fonts.otf2ttf import cff_to_glyf, subset  # noqa: E402  (needs the path above)
from bulletin_cli.fonts.resolve import gb2312_chars  # noqa: E402  (one definition of the GB2312 set)

FONTS_DIR = REPO / "fonts"
TONGYONG_FILE = FONTS_DIR / "repertoire" / "tongyong-8105.txt"

NOTO_COPYRIGHT = "usr/share/doc/fonts-noto-cjk/copyright"
FANDOL_COPYING = "usr/share/doc/texlive-doc/fonts/fandol/COPYING.gz"
WENKAI_COPYRIGHT = "usr/share/doc/fonts-lxgw-wenkai/copyright"
WENKAI = "usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"

# Debian package -> files we need from it (paths inside the .deb, no leading "./").
PACKAGES: dict[str, list[str]] = {
    "fonts-noto-cjk": [
        "usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
        "usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
        NOTO_COPYRIGHT,
    ],
    "fonts-noto-cjk-extra": [
        "usr/share/fonts/opentype/noto/NotoSerifCJK-Black.ttc",
    ],
    "texlive-lang-chinese": [
        "usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf",
        FANDOL_COPYING,
    ],
    "fonts-lxgw-wenkai": [
        WENKAI,
        WENKAI_COPYRIGHT,
    ],
}


@dataclass(frozen=True)
class Face:
    out: str          # file name in fonts/
    role: str
    package: str
    member: str       # path inside the .deb
    index: int | None  # face index in a .ttc (2 = SC in Debian's Noto CJK .ttc files)
    licence: str      # licence file name in fonts/
    upstream: str
    wide: bool = False     # fallback: add all of CJK URO + Ext A + radicals
    # (family, PostScript name) for the subset: LXGW WenKai's licence reserves the names
    # "霞鹜" and "LXGW" for unmodified versions, and a subset is a modified version (OFL §3)
    rename: tuple[str, str] | None = None
    source_name: str = ""  # the source's name, where the file no longer carries it


FACES = [
    Face("title.ttf", "title (小标宋 stand-in)", "fonts-noto-cjk-extra",
         "usr/share/fonts/opentype/noto/NotoSerifCJK-Black.ttc", 2, "OFL.txt",
         "https://github.com/googlefonts/noto-cjk (Serif)"),
    Face("body.ttf", "body (仿宋)", "texlive-lang-chinese",
         "usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf", None,
         "GPL-3-with-font-exception.txt", "https://ctan.org/pkg/fandol"),
    Face("heading.ttf", "headings (黑体)", "fonts-noto-cjk",
         "usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2, "OFL.txt",
         "https://github.com/googlefonts/noto-cjk (Sans)"),
    # LXGW WenKai over AR PL KaitiM GB (issue #12, measured on a page of 楷体 headings): its
    # 、。，；： sit at the lower left as on the mainland (KaitiM's 。 centre 0.38 em, a visible gap),
    # it has all of 通用规范汉字表 (KaitiM 6,638 of 8105) and a visible .notdef (KaitiM's is blank).
    Face("kai.ttf", "楷体", "fonts-lxgw-wenkai", WENKAI, None, "OFL-WenKai.txt",
         "https://github.com/lxgw/LxgwWenKai", rename=("WenKai Bulletin", "WenKaiBulletin-Regular"),
         source_name="LXGW WenKai Regular, renamed WenKai Bulletin"),
    Face("fallback.ttf", "fallback for characters a face lacks", "fonts-noto-cjk",
         "usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2, "OFL.txt",
         "https://github.com/googlefonts/noto-cjk (Serif)", wide=True),
]

# Blocks added on top of 通用规范汉字表 and GB2312.  Only what a font really has
# ends up in its subset (the subsetter ignores the rest).
EXTRA_RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 (× ÷ ° § ·)
    (0x2000, 0x206F),  # General Punctuation (— … “ ” ‰ ※)
    (0x2100, 0x214F),  # Letterlike (℃ ℉ №)
    (0x2190, 0x22FF),  # arrows, maths operators
    (0x2460, 0x24FF),  # enclosed alphanumerics (① ⑴ ⒈)
    (0x2500, 0x257F),  # box drawing
    (0x2E3A, 0x2E3B),  # two-em / three-em dash (see FULLWIDTH_REMAP)
    (0x25A0, 0x26FF),  # geometric shapes, misc symbols (■ ◆ ★ ☆)
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3200, 0x32FF),  # enclosed CJK (㈠ ㊀)
    (0xFE10, 0xFE1F),  # vertical forms
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # full-width forms
]
WIDE_RANGES = [
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0x3400, 0x4DBF),  # Extension A (䑩 U+4469 ...)
    (0x2E80, 0x2FDF),  # radicals supplement, Kangxi radicals
]

# Noto CJK maps U+2014 EM DASH to a proportional, Latin-height glyph (0.89-0.95
# em); its full-width, CJK-centred form is only reachable through the GSUB
# 'fwid' feature, which reportlab never applies.  Chinese text types the 破折号
# as U+2014 U+2014 and expects exactly 2 em, so point U+2014 at the font's own
# 'fwid' alternate (the glyph Noto already uses for U+2015).  That glyph has
# side bearings, so "——" shows a small gap in Noto; the 'fwid' forms of
# U+2E3A/U+2E3B are one continuous 2-em/3-em line, which layout code may use
# instead of "——" in faces that have them.
FULLWIDTH_REMAP = [0x2014, 0x2E3A, 0x2E3B]


# ---------------------------------------------------------------- repertoire

def tongyong_chars() -> list[int]:
    text = TONGYONG_FILE.read_text(encoding="utf-8")
    chars = [ord(c) for c in text if not c.isspace()]
    if len(set(chars)) != 8105:
        sys.exit(f"error: {TONGYONG_FILE} has {len(set(chars))} distinct characters, expected 8105")
    return chars


def repertoire(wide: bool) -> set[int]:
    r = set(tongyong_chars()) | gb2312_chars()
    for lo, hi in EXTRA_RANGES + (WIDE_RANGES if wide else []):
        r.update(range(lo, hi + 1))
    return r


# ---------------------------------------------------------------- packages

def need_tool(name: str, why: str) -> None:
    if shutil.which(name) is None:
        sys.exit(f"error: `{name}` not found.\nhint: {why}")


def download(work: Path) -> dict[str, Path]:
    """apt-get download each package once; reuse .deb files already in work/debs."""
    debs = work / "debs"
    debs.mkdir(parents=True, exist_ok=True)
    found = {}
    for pkg in PACKAGES:
        have = sorted(debs.glob(f"{pkg}_*.deb"))
        if not have:
            print(f"downloading {pkg} ...", flush=True)
            r = subprocess.run(["apt-get", "download", pkg], cwd=debs,
                               capture_output=True, text=True)
            have = sorted(debs.glob(f"{pkg}_*.deb"))
            if r.returncode != 0 or not have:
                sys.exit(f"error: apt-get download {pkg} failed:\n{r.stderr.strip()}\n"
                         "hint: run `apt-get update` first; the packages are in Debian main.")
        found[pkg] = have[-1]
    return found


def deb_version(deb: Path) -> str:
    return subprocess.run(["dpkg-deb", "-f", str(deb), "Version"], check=True,
                          capture_output=True, text=True).stdout.strip()


def extract(deb: Path, members: list[str], dest: Path) -> None:
    """Stream the .deb's data tar and keep only `members`.

    Much faster than `dpkg-deb -x` on the 134 MB noto-cjk-extra, which would
    unpack every weight we never use.
    """
    wanted = set(members)
    if all((dest / m).exists() for m in wanted):
        return
    proc = subprocess.Popen(["dpkg-deb", "--fsys-tarfile", str(deb)], stdout=subprocess.PIPE)
    with tarfile.open(fileobj=proc.stdout, mode="r|") as tar:
        for info in tar:
            name = info.name.removeprefix("./")
            if name in wanted and info.isfile():
                target = dest / name
                target.parent.mkdir(parents=True, exist_ok=True)
                with tar.extractfile(info) as src, open(target, "wb") as dst:
                    shutil.copyfileobj(src, dst)
                wanted.discard(name)
    proc.wait()
    if wanted:
        sys.exit(f"error: {deb.name} lacks {sorted(wanted)}")


# ---------------------------------------------------------------- conversion

def load_face(path: Path, index: int | None):
    from fontTools.ttLib import TTCollection, TTFont
    if index is None:
        return TTFont(path, recalcTimestamp=False)
    font = TTCollection(path).fonts[index]
    font.recalcTimestamp = False
    return font


def fwid_alternates(font) -> dict[str, str]:
    """glyph -> full-width glyph, from the font's GSUB 'fwid' single substitutions."""
    if "GSUB" not in font:
        return {}
    gsub = font["GSUB"].table
    lookups = {i for fr in gsub.FeatureList.FeatureRecord if fr.FeatureTag == "fwid"
               for i in fr.Feature.LookupListIndex}
    mapping = {}
    for i in sorted(lookups):
        lookup = gsub.LookupList.Lookup[i]
        for st in lookup.SubTable:
            st = getattr(st, "ExtSubTable", st)  # unwrap Extension (type 7) lookups
            mapping.update(getattr(st, "mapping", {}) or {})
    return mapping


def remap_fullwidth(font, codepoints: list[int]) -> list[str]:
    """Point proportional code points at their whole-em 'fwid' glyph. Returns notes."""
    upm = font["head"].unitsPerEm
    hmtx = font["hmtx"]
    alt = fwid_alternates(font)
    notes = []
    for cp in codepoints:
        glyph = font.getBestCmap().get(cp)
        full = alt.get(glyph)
        if glyph is None or full is None:
            continue
        if hmtx[glyph][0] < hmtx[full][0] and hmtx[full][0] % upm == 0:
            for table in font["cmap"].tables:
                if table.isUnicode() and cp in table.cmap:
                    table.cmap[cp] = full
            notes.append(f"U+{cp:04X} {chr(cp)} now maps to the font's own full-width (`fwid`) glyph: "
                         f"{hmtx[glyph][0] / upm:.3f} em -> {hmtx[full][0] / upm:.3f} em")
    return notes


# Chinese sets quotes one em wide (GB/T 15834), the ink beside the text they enclose; a face
# with proportional quotes (LXGW WenKai: 0.35 em, from its Latin) would leave a gap inside
# “…” in every 楷体 line. Ink edge, in em: an opening quote's right edge, a closing one's left
# edge, where FandolFang and Noto put theirs.
QUOTE_INK = {0x201C: ("right", 0.9), 0x2018: ("right", 0.9), 0x201D: ("left", 0.1), 0x2019: ("left", 0.1)}


def full_width_quotes(font) -> list[str]:
    """Widen proportional “”‘’ to one em, moving the outline to QUOTE_INK. Returns notes."""
    if "glyf" not in font:
        return []
    upm, cmap, glyf, hmtx = font["head"].unitsPerEm, font.getBestCmap(), font["glyf"], font["hmtx"]
    notes = []
    for cp, (side, edge) in QUOTE_INK.items():
        name = cmap.get(cp)
        if (name is None or hmtx[name][0] >= upm or glyf[name].isComposite()
                or glyf[name].numberOfContours <= 0):
            continue
        g, old = glyf[name], hmtx[name][0]
        g.coordinates.translate((round(edge * upm) - (g.xMax if side == "right" else g.xMin), 0))
        g.recalcBounds(glyf)
        hmtx[name] = (upm, g.xMin)
        notes.append(f"U+{cp:04X} {chr(cp)} widened to one em ({old / upm:.2f} em -> 1.00 em), "
                     f"its ink's {side} edge at {edge:.1f} em")
    return notes


def mark_modified(font, what: str) -> None:
    """Append a note to the version string (name ID 5): the file is a modified version."""
    for rec in font["name"].names:
        if rec.nameID == 5:
            rec.string = f"{rec.toUnicode()}; {what}"


def rename(font, family: str, ps: str) -> None:
    """New family, full and PostScript names (IDs 1, 3, 4, 6; typographic 16/17 dropped)."""
    name = font["name"]
    name.names = [n for n in name.names if n.nameID not in (1, 2, 3, 4, 6, 16, 17)]
    for platform, encoding, lang in ((3, 1, 0x409), (1, 0, 0)):
        for nid, value in ((1, family), (2, "Regular"), (3, ps), (4, family), (6, ps)):
            name.setName(value, nid, platform, encoding, lang)


def face_notes(face: Face, src: Path) -> list[str]:
    """The changes build_face makes to a face's glyphs, without building it (for --only)."""
    font = load_face(src, face.index)
    return remap_fullwidth(font, FULLWIDTH_REMAP) + full_width_quotes(font)


def build_face(args: tuple[Face, Path, Path]) -> dict:
    face, src, out = args
    t0 = time.perf_counter()
    font = load_face(src, face.index)
    notes = remap_fullwidth(font, FULLWIDTH_REMAP) + full_width_quotes(font)
    subset(font, repertoire(face.wide))
    converted = "CFF " in font or "CFF2" in font
    if converted:
        cff_to_glyf(font)
    if face.rename:
        rename(font, *face.rename)
    mark_modified(font, "subset and converted to TrueType for bulletin" if converted
                  else "subset for bulletin")
    tmp = out.with_suffix(".tmp")
    font.save(tmp, reorderTables=True)
    os.replace(tmp, out)
    return {"out": face.out, "seconds": time.perf_counter() - t0, "notes": notes}


# ---------------------------------------------------------------- licences

def ofl_text(work: Path, fonts: list, copyright_path: str = NOTO_COPYRIGHT, stanza: str = "SIL-1.1",
             reserved: str = "") -> str:
    """Copyright notices from the fonts + the OFL 1.1 text from Debian's copyright file."""
    copyright_file = (work / "root" / copyright_path).read_text(encoding="utf-8")
    m = re.search(rf"^License: {re.escape(stanza)}\n((?: .*\n)+)", copyright_file, re.M)
    if not m:
        sys.exit(f"error: no 'License: {stanza}' stanza in {copyright_path}")
    # Debian copyright format: one leading space, a lone " ." is an empty line
    body = "\n".join("" if ln == " ." else ln[1:] for ln in m.group(1).splitlines())
    notices, descriptions = {}, set()
    for font in fonts:
        notices.setdefault(font["name"].getDebugName(0), []).append(font["name"].getDebugName(4))
        descriptions.add(font["name"].getDebugName(13))
    head = [f"{notice}  ({', '.join(names)})" for notice, names in notices.items()]
    return ("\n".join(head) + reserved + "\n\n" + "\n".join(sorted(descriptions)) + "\n\n"
            + body + "\n")


def write_licences(work: Path) -> None:
    from fontTools.ttLib import TTCollection
    root = work / "root"
    noto = [TTCollection(root / f.member, lazy=True).fonts[f.index]
            for f in FACES if f.licence == "OFL.txt"]
    (FONTS_DIR / "OFL.txt").write_text(ofl_text(work, noto), encoding="utf-8")
    # Fandol's own COPYING: GPL-3 with the font exception appended by the Fandol team
    (FONTS_DIR / "GPL-3-with-font-exception.txt").write_bytes(
        gzip.decompress((root / FANDOL_COPYING).read_bytes()))
    from fontTools.ttLib import TTFont
    (FONTS_DIR / "OFL-WenKai.txt").write_text(ofl_text(
        work, [TTFont(root / WENKAI, lazy=True)], WENKAI_COPYRIGHT, "OFL-1.1",
        "\nwith Reserved Font Names \"霞鹜\" and \"LXGW\" (Debian's copyright file for fonts-lxgw-wenkai).\n"
        "kai.ttf is a modified (subset) version, so it is renamed WenKai Bulletin."), encoding="utf-8")
    (FONTS_DIR / "ARPHIC-PUBLIC-LICENSE.txt").unlink(missing_ok=True)  # AR PL KaitiM GB: no longer shipped


# ---------------------------------------------------------------- report

def describe(path: Path) -> dict:
    from fontTools.ttLib import TTFont
    font = TTFont(path, lazy=True)
    cmap = set(font.getBestCmap())
    gb = gb2312_chars()
    gb_hanzi = {c for c in gb if 0x4E00 <= c <= 0x9FFF}
    upm = font["head"].unitsPerEm
    best = font.getBestCmap()

    def em(ch: str) -> str:
        return f"{font['hmtx'][best[ord(ch)]][0] / upm:.2f}" if ord(ch) in best else "–"

    os2, hhea = font["OS/2"], font["hhea"]
    return {
        "metrics": f"{upm} | {os2.sTypoAscender} / {os2.sTypoDescender} / {os2.sTypoLineGap} | "
                   f"{os2.usWinAscent} / {os2.usWinDescent} | "
                   f"{hhea.ascent} / {hhea.descent} / {hhea.lineGap} | "
                   + " | ".join(em(c) for c in "“，—0"),
        "glyphs": font["maxp"].numGlyphs,
        "cmap": len(cmap),
        "gb2312": len(cmap & gb),
        "gb2312_hanzi": len(cmap & gb_hanzi),
        "gb2312_missing": " ".join(f"U+{c:04X} {chr(c)}" for c in sorted(gb - cmap)) or "–",
        "latin1": len(cmap & set(range(0xA0, 0x100))),
        "notdef_blank": not getattr(font["glyf"][font.getGlyphOrder()[0]], "numberOfContours", 0)
        if "glyf" in font else None,
        "tongyong": len(cmap & set(tongyong_chars())),
        "bytes": path.stat().st_size,
        "version": font["name"].getDebugName(5).split(";")[0],
        "name": font["name"].getDebugName(4),
    }


README_HEAD = """\
# Bundled fonts

Generated by `python tools/make_fonts.py` (needs `apt-get`, `dpkg-deb` and fontTools;
takes 1-2 minutes on 2 cores). Do not edit these files by hand: change the script
and run it again. It also rewrites this README.

reportlab embeds TrueType (`glyf`) outlines only, so the CFF faces (Noto CJK,
Fandol) are **subset and converted** with fontTools cu2qu (max error 1 font
unit). The subsets keep no GSUB/GPOS, no vertical-writing metrics (`vhea`,
`vmtx`) and no hinting, since reportlab uses none of them. Vertical metrics (`OS/2` typo/win, `hhea`) are
those of the source fonts. The version string (name ID 5) of each converted file
says it is a modified version. LXGW WenKai is already TrueType: it is only subset,
and renamed **WenKai Bulletin**, as its licence reserves the names 霞鹜 and LXGW
for unmodified versions.

| file | role | source font, version | Debian package, version | licence | glyphs | cmap | size |
|---|---|---|---|---|---|---|---|
"""

README_TAIL = """
Total: {total}.

Coverage (characters in the cmap):

| file | GB2312, all {n_gb} | GB2312 hanzi, {n_gbh} | 通用规范汉字表, 8105 | Latin-1 U+00A0-00FF, 96 | GB2312 characters missing | .notdef |
|---|---|---|---|---|---|---|
{coverage}

Vertical metrics (font units) and some advance widths (em). reportlab draws
every face on the same baseline and takes line spacing from the paragraph's
`leading`, never from these values. It writes the `OS/2` typo ascender and
descender into the PDF font descriptor: 880 / -120 per 1000 in all five. Quotes and CJK punctuation are
full-width everywhere. Digits and Latin letters are proportional.

| file | units/em | OS/2 typo asc / desc / gap | OS/2 win asc / desc | hhea asc / desc / gap | “ | ， | — | 0 |
|---|---|---|---|---|---|---|---|---|
{metrics}

## Repertoire

`R` = 通用规范汉字表 (8105 characters, `repertoire/tongyong-8105.txt`, in the
official order: level 1 = 1-3500, level 2 = 3501-6500, level 3 = 6501-8105)
∪ everything the Python `gb2312` codec encodes (7,445) ∪ ASCII ∪ Latin-1
∪ U+2000-206F ∪ U+2100-214F ∪ U+2190-22FF ∪ U+2460-24FF ∪ U+2500-257F
∪ U+25A0-26FF ∪ U+2E3A-2E3B ∪ U+3000-303F ∪ U+3200-32FF ∪ U+FE10-FE1F ∪ U+FE30-FE4F
∪ U+FF00-FFEF. Each face gets only what it actually has: FandolFang covers the
GB2312 part only, so its 1,467 other 8105 characters (喆 堃 珺 ...) must come
from `fallback.ttf`. `fallback.ttf` adds all of CJK Unified Ideographs
(U+4E00-9FFF), Extension A (U+3400-4DBF) and the radicals (U+2E80-2FDF) that
Noto has, so rare names like 䑩 辿 瀍 堉 are covered.

The 8105 list was taken from the public plain-text list in the GitHub repository
`kitty-panics/cn-tables` (`通用规范汉字表.txt`) and checked: 8,105 distinct
characters, 196 outside the BMP, 6,638 in GB2312, and 125 GB2312 hanzi not in it.

A face draws its `.notdef` glyph for a character it lacks, and reportlab gives
no warning; where that glyph is blank, a missing character is simply invisible.
So bulletin routes every character a face lacks to `fallback.ttf`, and a
character its cmap maps to glyph 0 (`.notdef`) counts as lacking.
The GB2312 gaps are code-point choices: Python's `gb2312` codec maps A1AA to
U+2015 and A1A4 to U+30FB. FandolFang has the usual U+2014 and U+00B7 for these.

## Changes besides subsetting

{changes}

reportlab applies no OpenType features, so these remaps are the only way to get
the fonts' own full-width forms. In Noto the full-width dash has side bearings,
so "——" (2 × U+2014) shows a gap of about 0.14 em in the middle. The `fwid`
U+2E3A "⸺" is one continuous 2-em line, drawn at the same height. Layout code
may draw "⸺" for "——" in faces that have U+2E3A (the three Noto files), at the
cost of the extracted text reading U+2E3A. FandolFang's U+2014 spans the full
em, so "——" is continuous there.

## The 楷体 face

LXGW WenKai replaced AR PL KaitiM GB (issue #12). On a page of 楷体 headings
KaitiM set 、。；： toward the middle of the cell (ink centre 0.34-0.38 em from the
left, a visible gap after the character before), covered 6,638 of the 8105
characters and had a blank `.notdef`. WenKai's marks sit at the lower left
(ink centre at most 0.29 em), it covers all 8105, and its `.notdef` is a box.
Whatever face draws a role, bulletin takes a mark whose ink centre lies more than
0.33 em from the left of its cell from the body face (or the fallback) instead.

## Licences

* **Noto CJK** (title, heading, fallback): SIL Open Font License 1.1, `OFL.txt`
  (the copyright notices from the fonts + the licence text from Debian's
  `fonts-noto-cjk` copyright file). Noto CJK declares **no Reserved Font Name**,
  so modified (subset, converted) versions may keep their names. "Noto" is a
  trademark of Google (name ID 7), and that notice is kept. Documents made with
  the fonts are not covered by the OFL.
* **FandolFang** (body): GPL-3 with the GPL font exception,
  `GPL-3-with-font-exception.txt` (the `COPYING` file the Fandol team ships,
  which is the GPL-3 text with the exception appended). Debian's texlive
  `Licenses` file just says `fandol: gpl`, and the Fandol README says "GPL + GPL
  font exception". Because of the **font exception, PDFs that embed Fandol
  (or parts of it) are not covered by the GPL**. `body.ttf` itself is a
  modified version under GPL-3. Its corresponding source is
  `FandolFang-Regular.otf` (CTAN `fonts/fandol`, or Debian
  `texlive-lang-chinese`) plus `tools/make_fonts.py`.
* **LXGW WenKai** (kai): SIL Open Font License 1.1, `OFL-WenKai.txt` (the
  font's copyright notice + the licence text from Debian's `fonts-lxgw-wenkai`
  copyright file), with the Reserved Font Names "霞鹜" and "LXGW": the subset
  is renamed WenKai Bulletin (name IDs 1, 3, 4, 6); the copyright and licence
  records (IDs 0, 13, 14) are kept.

## Upstream sources

{upstream}
"""  # noqa: E501  (rows of a Markdown table cannot be broken)


def human(n: int) -> str:
    return f"{n / 1_000_000:.2f} MB"


def write_readme(stats: dict, versions: dict, changes: list[str]) -> None:
    rows, cov, ups, met = [], [], [], []
    for f in FACES:
        s = stats[f.out]
        rows.append(f"| `{f.out}` | {f.role} | {f.source_name or s['name']}, {s['version']} | "
                    f"`{f.package}` {versions[f.package]} | `{f.licence}` | "
                    f"{s['glyphs']:,} | {s['cmap']:,} | {human(s['bytes'])} |")
        cov.append(f"| `{f.out}` | {s['gb2312']:,} | {s['gb2312_hanzi']:,} | {s['tongyong']:,} | "
                   f"{s['latin1']} | {s['gb2312_missing']} | "
                   f"{'**blank**' if s['notdef_blank'] else 'box'} |")
        met.append(f"| `{f.out}` | {s['metrics']} |")
        ups.append(f"* `{f.out}`: {f.upstream}")
    total = sum(s["bytes"] for s in stats.values())
    gb = gb2312_chars()
    text = README_HEAD + "\n".join(rows) + "\n" + README_TAIL.format(
        total=human(total), n_gb=f"{len(gb):,}",
        n_gbh=f"{sum(0x4E00 <= c <= 0x9FFF for c in gb):,}", coverage="\n".join(cov),
        metrics="\n".join(met),
        changes="\n".join(changes) or "None.", upstream="\n".join(ups))
    (FONTS_DIR / "README.md").write_text(text, encoding="utf-8")


def reportlab_load_seconds(path: Path) -> float | None:
    try:
        from reportlab.pdfbase.ttfonts import TTFont
    except ImportError:
        return None
    t0 = time.perf_counter()
    TTFont(path.stem, str(path))
    return time.perf_counter() - t0


# ---------------------------------------------------------------- main

NUMBER_CHARS = [*range(0x20, 0x7F), 0xA0, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, *range(0xFF10, 0xFF1A)]


def cut_number_face(src: Path, out: Path) -> None:
    """number.ttf: the fallback's digits and dashes only (page numbers, 宋体 digits).

    Page numbers are on every page; parsing the 29,000-entry fallback just for them costs a
    build about 0.05-0.1 s, this 14 KB cut almost nothing."""
    from fontTools import subset as ftsubset
    from fontTools.ttLib import TTFont

    font = TTFont(src, recalcTimestamp=False)  # same input, same bytes
    opts = ftsubset.Options()
    opts.layout_features, opts.name_IDs, opts.notdef_outline, opts.glyph_names = [], ["*"], True, False
    sub = ftsubset.Subsetter(opts)
    sub.populate(unicodes=NUMBER_CHARS)
    sub.subset(font)
    # Its own PostScript name: the PDF names embedded fonts after it, and two files sharing
    # one (this cut and fallback.ttf) would need renaming at build time.
    for rec in font["name"].names:
        if rec.nameID == 6:
            rec.string = "NotoSerifCJKsc-Digits"
        elif rec.nameID in (3, 4):
            rec.string = "Noto Serif CJK SC Digits"
    font.save(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--work", type=Path,
                    default=Path(os.environ.get("TMPDIR", "/tmp")) / "bulletin-fontwork",
                    help="download/extract directory, reused between runs (default: %(default)s)")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                    help="parallel conversions (default: %(default)s)")
    ap.add_argument("--only", nargs="+", metavar="FILE", choices=[f.out for f in FACES],
                    help="rebuild only these files (e.g. kai.ttf); the others are kept as they "
                         "are, and the licences and README are still rewritten for all")
    args = ap.parse_args()

    need_tool("apt-get", "this script downloads Debian packages (fonts-noto-cjk, "
              "fonts-noto-cjk-extra, texlive-lang-chinese, fonts-lxgw-wenkai); "
              "run it on Debian/Ubuntu")
    need_tool("dpkg-deb", "install dpkg (it comes with every Debian/Ubuntu system)")
    try:
        import fontTools  # noqa: F401
    except ImportError:
        sys.exit("error: fontTools is not installed.\nhint: pip install fonttools")

    started = time.perf_counter()
    work = args.work.resolve()
    debs = download(work)
    versions = {pkg: deb_version(deb) for pkg, deb in debs.items()}
    root = work / "root"
    for pkg, deb in debs.items():
        print(f"extracting {deb.name}", flush=True)
        extract(deb, PACKAGES[pkg], root)

    FONTS_DIR.mkdir(exist_ok=True)
    jobs = [(f, root / f.member, FONTS_DIR / f.out) for f in FACES if not args.only or f.out in args.only]
    # Biggest job first so the two workers finish at about the same time.
    jobs.sort(key=lambda j: not j[0].wide)
    with multiprocessing.Pool(max(1, args.jobs)) as pool:
        results = pool.map(build_face, jobs, chunksize=1)
    built = {r["out"] for r in results}
    results += [{"out": f.out, "notes": face_notes(f, root / f.member)} for f in FACES if f.out not in built]
    cut_number_face(FONTS_DIR / "fallback.ttf", FONTS_DIR / "number.ttf")

    write_licences(work)

    stats = {f.out: describe(FONTS_DIR / f.out) for f in FACES}
    order = [f.out for f in FACES]
    results.sort(key=lambda r: order.index(r["out"]))
    changes = [f"* `{r['out']}`: {note}" for r in results for note in r["notes"]]
    write_readme(stats, versions, changes)

    seconds = {r["out"]: r["seconds"] for r in results if "seconds" in r}
    print(f"\n{'file':<14}{'glyphs':>8}{'cmap':>8}{'GB2312':>8}{'8105':>7}{'size':>10}"
          f"{'build s':>9}{'rl load s':>11}")
    for f in FACES:
        s = stats[f.out]
        load = reportlab_load_seconds(FONTS_DIR / f.out)
        build = f"{seconds[f.out]:.1f}" if f.out in seconds else "kept"
        print(f"{f.out:<14}{s['glyphs']:>8,}{s['cmap']:>8,}{s['gb2312']:>8,}{s['tongyong']:>7,}"
              f"{human(s['bytes']):>10}{build:>9}{load if load is None else f'{load:.3f}':>11}")
    for line in changes:
        print(line.replace("* ", "note: ", 1))
    total = sum(p.stat().st_size for p in FONTS_DIR.rglob("*") if p.is_file())
    print(f"\nwrote {FONTS_DIR} ({human(total)} in all) in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
