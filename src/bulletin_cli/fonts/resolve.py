"""Which font file draws each role: a bundled face, a file the spec names, or a face installed on
this machine and found by its family name (installed.py); and what `bulletin fonts` says about
the choice (coverage of GB2312 and 通用规范汉字表).

reportlab embeds TrueType (`glyf`) outlines only and fails late and tersely on anything else, so
every font is checked here first (sfnt.py reads it) and each problem is reported against the
spec line that asked for it. The official faces are looked for by default (their names in the
folder index, installed.py); `--bundled-fonts` reads no font folder at all.

Nothing here imports reportlab: `metrics` measures and `pdf.Faces` draws with the files this
module chooses.
"""
from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from ..errors import InputError, Problem
from ..i18n import N_, _, ngettext
from ..model import ROLES, Spec, twin
from ..spec.paths import spec_root
from . import sfnt
from .cache import code_digest, through_cache
from .installed import installed_faces
from .sfnt import (
    FONT_SUFFIXES,
    Face,
    FontFormatError,
    check_outlines,
    cmap_chars,
    name_key,
    read_faces,
)

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

GB2312_TOTAL = 7445
TONGYONG_TOTAL = 8105
CONVERT_HINT = N_("convert it once to TrueType (needs `pip install fonttools`): "
                  "python -m bulletin_cli.fonts.otf2ttf {src} OUT.ttf")


@dataclass(frozen=True)
class FontFile:
    """One face a role is drawn with: a file, and the face inside it."""

    path: Path
    index: int | str = 0  # face inside a .ttc: a number, or a PostScript name (reportlab takes both)
    source: str = "bundled"  # bundled | spec | installed
    family: str = ""
    licence: str | None = None  # where known

    def unusable(self, role: str, why: object) -> InputError:
        """The error for a chosen face that turns out unreadable when it is loaded."""
        where = _("bundled font") if self.source == "bundled" else f"style.fonts.{role}"
        return InputError(_("{where}: cannot use {path}: {why}").format(where=where, path=self.path, why=why),
                          code="font.unusable")


@dataclass
class Resolution:
    """The face chosen for each role, and why an official face was passed over."""

    files: dict[str, FontFile]  # role -> face; what pdf.Faces takes
    notes: list[str] = field(default_factory=list)  # human lines, e.g. why an official face was not used


@cache  # where this code was loaded from does not move
def fonts_dir() -> Path:
    """Bundled fonts: inside the installed package, or the repository's fonts/ when run from source."""
    packaged = Path(__file__).resolve().parent / "bundled"  # where the wheel puts them
    if (packaged / "body.ttf").exists():
        return packaged
    return Path(__file__).resolve().parents[3] / "fonts"


def bundled(role: str) -> FontFile:
    return FontFile(fonts_dir() / BUNDLED[role], 0, "bundled", BUNDLED_FAMILY[role], BUNDLED_LICENCE[role])


# ---- matching names --------------------------------------------------------------------------


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

    def fail(self, message: str, hint: str | None = None, code: str = "font.unusable") -> None:
        self.problems.append(Problem(self.file, self.line, self.col, f"style.fonts.{self.role}",
                                     message, hint, code))


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
        if refused := spec_root(r.spec).refuses(path, N_("font file")):  # the root rule: spec/paths.py
            return r.fail(f"{value}: {refused}", code="font.unusable")
        if path.is_dir():
            return r.fail(_("{value} is a folder, not a font file").format(value=value),
                          _("name a .ttf/.ttc file inside it, or pass the folder with "
                            "--font-dir and give the font's family name"), code="font.not-found")
        if not path.exists():
            return r.fail(_("font file not found: {value} (looked for {path})").format(
                value=value, path=path),
                          _("give a .ttf/.ttc path relative to the spec's folder, or the "
                            "family name of an installed font"), code="font.not-found")
        faces = read_faces(path)
    except PermissionError:
        return r.fail(_("cannot read font file {value}: permission denied").format(value=value),
            code="font.unreadable")
    except (OSError, RuntimeError) as e:  # a name too long, a symlink loop (RuntimeError: expanduser)
        return r.fail(_("cannot read font file {name}: {value}").format(
            name=_short(value), value=getattr(e, 'strerror', None) or e), code="font.unreadable")
    except FontFormatError as e:
        return r.fail(f"{value}: {e}", _("give a TrueType .ttf or .ttc font file"), code="font.unusable")
    if frag is None:
        face = faces[0]
    elif frag.isdigit():
        if int(frag) >= len(faces):
            n = len(faces)
            has = ngettext("{name} has {n} face", "{name} has {n} faces", n).format(name=path.name, n=n)
            return r.fail(_("{value}: no face #{frag}: {has} ({faces})").format(
                                value=value, frag=frag, has=has, faces=_faces_list(faces)),
                          _("number faces from 0, or name one: {base}#{value}").format(
                              base=base, value=faces[-1].name(6) or 0), code="font.unusable")
        face = faces[int(frag)]
    else:
        key = name_key(frag)
        named = [f for f in faces if _match_tier(f, key) is not None]
        if not named:
            return r.fail(_("{value}: no face named {frag} in {name} (it has {faces_list})").format(
                value=value, frag=frag, name=path.name, faces_list=_faces_list(faces)),
                          _("write the face number (#0) or its PostScript name"), code="font.unusable")
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
        r.fail(_("{what}: {path} has CFF (PostScript) outlines, which reportlab cannot embed").format(
            what=what, path=face.path),
               _("{convert}, then give OUT.ttf as style.fonts.{role}").format(
                   convert=_(CONVERT_HINT).format(src=_where(face)), role=r.role), code="font.unusable")
        return False
    if face.outlines != "glyf":
        r.fail(_("{what}: {path} has no TrueType outlines").format(
            what=what, path=face.path), _("give a TrueType .ttf or "
                                                                  ".ttc font file"), code="font.unusable")
        return False
    if not face.embeddable:
        r.fail(_("{what}: the licence of {path} forbids embedding it in documents (OS/2 fsType "
                 "{fs_type:#06x})").format(
                     what=what, path=face.path, fs_type=face.fs_type), _("choose another font"),
                         code="font.unusable")
        return False
    damage = _damage(face)
    if damage:
        named = what if Path(_split_face(what)[0]).name == face.path.name else f"{what} ({face.path})"
        r.fail(f"{named}: {damage}", _(DAMAGED_HINT), code="font.unusable")
        return False
    return True


DAMAGED_HINT = N_("the file is damaged: install or download it again, or choose another font")


def _damage(face: Face) -> str | None:
    """What is wrong with the face's outlines (check_outlines), or None when they hold together.
    The verdict is kept in the face cache: the official faces are checked on every build, and
    checking them took ~80 ms of each (10 ms for a 7,600-glyph face, 26 ms for 29,000 glyphs)."""

    def check() -> tuple[str, str]:
        try:
            check_outlines(face.path, face.index)
        except FontFormatError as e:
            return str(e), str(e)
        return "", ""

    try:
        verdict = through_cache(face.path, face.index, f"outlines {code_digest(sfnt.CODE)}", check,
                                _verdict)
    except OSError as e:
        return _("cannot read it: {why}").format(why=e.strerror or e)
    return verdict or None


def _verdict(payload: object) -> str:
    if not isinstance(payload, str):
        raise TypeError("not an outline check's verdict")
    return payload


def _licence(face: Face, installed: bool) -> str | None:
    if any(_match_tier(face, name_key(n)) == 0 for names in OFFICIAL.values() for n in names):
        return OFFICIAL_LICENCE if installed else "proprietary"
    return face.name(14) or None  # the licence URL, when the font gives one


def _from_family(r: _Role, value: str, faces: Sequence[Face]) -> FontFile | None:
    found = find_family(value, faces)
    if not found:
        near = nearest_families(value, faces)
        hint = _("`bulletin fonts` lists the installed families; --font-dir DIR adds a folder; "
                 "or give a .ttf/.ttc file path")
        if near:
            hint = _("nearest installed: {names}. {hint}").format(names=", ".join(near), hint=hint)
        return r.fail(_("font family not found: {value}").format(value=value), hint, code="font.not-found")
    face = found[0]
    if not _usable(r, face, value):
        return None
    return FontFile(face.path, face.index, "installed", _spelled(face, value), _licence(face, installed=True))


def resolve(spec: Spec | None, font_dirs: Sequence[Path] = (), official: bool | None = None) -> Resolution:
    """Role -> font file: the spec's `style.fonts` (files, or installed families), then the
    official faces where installed, then the bundled faces. Every problem with the spec's fonts
    is raised at once (InputError).

    `official`: None (the default) takes the official faces that are installed and says nothing
    of those that are not (unless `style.fonts: official` asks); True (`--official-fonts`) says,
    role by role, which were found and which bundled face stands in; False (`--bundled-fonts`)
    never looks, so the bytes do not depend on the machine. A role drawn by an official face
    gets the bundled face of its style as its twin (`twin(role)`), to draw what the official
    face lacks.

    Folders are scanned unless the spec names files only and `official` is False."""
    files = {role: bundled(role) for role in ROLES}
    notes: list[str] = []
    problems: list[Problem] = []
    bad_dirs = [Problem("", 0, 0, "", _("--font-dir {folder}: a file, not a folder").format(folder=d)
                        if _is_file(Path(d)) else _("font folder not found: {folder}").format(folder=d),
                        _("give the folder that holds the fonts (or name a font file in "
                          "style.fonts)"), "font.not-found")
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

    if official is not False:
        said = official or (spec is not None and spec.style.official)
        candidates = _official_candidates(installed())
        for role, names in OFFICIAL.items():
            if role in asked:
                continue  # a face the spec names for the role wins over the official one
            chosen, note, unusable = _official(role, names, candidates)
            if said or unusable:  # one installed but unusable is said even unasked: how to mend it
                notes.append(note)
            if chosen:
                files[twin(role)], files[role] = files[role], chosen

    for role, f in files.items():
        if f.source == "bundled" and not os.access(f.path, os.R_OK):
            raise InputError(_("bundled font for {role} is missing: {path} (reinstall bulletin)").format(
                role=role, path=f.path))
    return Resolution(files, notes)


_OFFICIAL_KEYS = frozenset(name_key(n) for names in OFFICIAL.values() for n in names)


def _official_candidates(faces: Sequence[Face]) -> list[Face]:
    """The faces bearing an official name, in search order: a Windows font folder holds hundreds
    of faces, and looking each official name up among them all took most of the lookup."""
    return [f for f in faces if f.keys[0] & _OFFICIAL_KEYS or f.keys[1] & _OFFICIAL_KEYS]


def _official(role: str, names: Sequence[str], faces: Sequence[Face]) -> tuple[FontFile | None, str, bool]:
    """The official face for `role` (None if none is usable), the note on it, and whether one
    was found that cannot be used."""
    fallback = _("using bundled {family}").format(family=BUNDLED_FAMILY[role])
    unusable = None
    for name in names:
        for face in find_family(name, faces):
            if face.outlines == "glyf" and face.embeddable:
                damage = _damage(face)
                if damage:  # the office's own face is broken: say so rather than quietly replace it
                    raise InputError([Problem("", 0, 0, "", _("official {role} face {name} at "
                                                              "{where}: {damage}").format(
                                                                  role=role, name=name, where=_where(face),
                                                                  damage=damage), _(DAMAGED_HINT),
                                              "font.damaged")])
                return (FontFile(face.path, face.index, "installed", _spelled(face, name), OFFICIAL_LICENCE),
                        _("{role}: {name} found: {where}").format(role=role, name=name, where=_where(face)),
                        False)
            unusable = unusable or (name, face)
    if unusable:
        name, face = unusable
        why = (_("has CFF outlines; {convert} into a --font-dir folder").format(
            convert=_(CONVERT_HINT).format(src=_where(face))) if face.outlines == "CFF"
               else _("cannot be embedded (licence or outlines)"))
        return None, _("{role}: {name} at {where} {why}; {fallback}").format(
            role=role, name=name, where=_where(face), why=why, fallback=fallback), True
    return None, _("{role}: {name} not found; {fallback}").format(role=role, name=names[0],
                                                                  fallback=fallback), False


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


@lru_cache(maxsize=1)
def gb2312_chars() -> frozenset[int]:
    """Every character the gb2312 codec encodes from rows A1-F7 x A1-FE (7,445)."""
    out = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):  # an unassigned code point
                out.add(ord(bytes((hi, lo)).decode("gb2312")))
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
