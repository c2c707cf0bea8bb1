"""The fonts installed on this machine: where they live (--font-dir folders, BULLETIN_FONT_PATH,
fontconfig's folders, the usual system and user folders) and every face in them, by its names.

Looking a family up needs the names inside every font file there. What a folder scan finds is
kept as JSON in the cache folder (fonts-index.json), so only the first lookup after fonts
change reads font files: every file is stat'ed each time, and only a new or changed one
(stamp and fingerprint, as cache.py checks a face record) is read again.
"""
from __future__ import annotations

import contextlib
import os
import re
import time
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from .cache import cache_dir, file_stamp, fingerprint, write_atomic
from .sfnt import FONT_SUFFIXES, Face, FontFormatError, read_faces

FONTCONFIG_FILES = (Path("/etc/fonts/fonts.conf"), Path("/etc/fonts/local.conf"))
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_DIR = re.compile(r"<dir(?P<attrs>\s[^>]*)?>(?P<text>[^<]*)</dir\s*>")
_PREFIX = re.compile(r"""\bprefix\s*=\s*(["'])(.*?)\1""")


def _fontconfig_dirs(confs: Sequence[Path] = FONTCONFIG_FILES) -> list[Path]:
    """The <dir> entries of fontconfig's main files (not the files they include: the folders
    of a stock setup are all in fonts.conf, and running fc-list would cost more than a scan).
    Read with two regular expressions, not an XML parser: importing xml.etree took 15 ms of
    every build (the official faces are looked for by default), and a <dir> element is plain."""
    out = []
    for conf in confs:
        try:
            text = _COMMENT.sub("", conf.read_text("utf-8", errors="replace"))
        except OSError:
            continue
        for m in _DIR.finditer(text):
            value = _unescape(m.group("text")).strip()
            prefix = _PREFIX.search(m.group("attrs") or "")
            prefix = prefix.group(2) if prefix else ""
            if not value:
                continue
            if prefix == "xdg":
                base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
                out.append(base / value)
            elif prefix == "relative":
                out.append(conf.parent / value)
            elif value.startswith("~") or os.path.isabs(value):
                out.append(Path(value).expanduser())
    return out


def _unescape(text: str) -> str:
    """XML's five entities (a font folder's name with & or < in it): what the parser did."""
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
        text = text.replace(entity, char)
    return text


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


INDEX_FILE = "fonts-index.json"
# 3: each face's name keys, as name_key made them under this Unicode version
INDEX_VERSION = f"3 unicode {unicodedata.unidata_version}"


def _walk(folder: Path) -> list[tuple[str, os.stat_result]]:
    """The folder's font files and their stats, sorted, depth first. Only regular files: a FIFO
    named x.ttf is skipped, never opened. The stats come with the listing on Windows (os.stat
    opens each file there: a tenth of a second for a system font folder), from one stat each
    elsewhere."""
    files: list[tuple[str, os.stat_result]] = []
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
                        with contextlib.suppress(OSError):  # gone since the listing
                            files.append((e.path, e.stat()))
            stack += reversed(subdirs)
        except OSError:
            continue  # an unreadable folder hides its fonts, it does not stop the lookup
    return files



# A file changed within this long before it was indexed may change again with the same stamp
# (file times tick coarsely): its record is "racy" and its fingerprint is checked every time.
RACY_NS = 2_000_000_000


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


def _scan(files: list[tuple[str, os.stat_result]], old: object) -> tuple[list[dict], list[Face]]:
    """Index records for the files, and their faces. The index is a hint: a record is reused
    only if it is well formed and its file's stamp is unchanged (and not racy), or else its
    fingerprint is (a font touched, or copied back). Anything else is read again."""
    old_records = old.get("files") if isinstance(old, dict) else None
    if not isinstance(old_records, list):
        old_records = []
    previous = {r.get("path"): r for r in old_records if isinstance(r, dict)}
    records, faces = [], []
    racy_since = time.time_ns() - RACY_NS
    for path, st in files:
        stamp = file_stamp(st)
        prev = previous.get(path)
        found = _record_faces(prev, path)
        printed = None  # the file's fingerprint, once read
        if found is not None and (prev["stamp"] != stamp or prev.get("racy")):  # type: ignore[index,union-attr]
            try:
                printed = fingerprint(path)
            except (OSError, FontFormatError):
                printed = ""
            found = found if printed == prev["fingerprint"] else None  # type: ignore[index]
        if found is not None:
            records.append({**prev, "stamp": stamp, "racy": stamp[2] >= racy_since})  # type: ignore[dict-item]
            faces += found
            continue
        record: dict = {"path": path, "stamp": stamp, "racy": stamp[2] >= racy_since, "fingerprint": "",
                        "faces": []}
        try:
            found = read_faces(Path(path))
            record["fingerprint"] = printed or fingerprint(path)
            record["faces"] = [face.to_json() for face in found]
            faces += found
        except (OSError, FontFormatError) as e:
            record["error"] = str(e)  # remembered, so a broken file is not re-read on every run
        records.append(record)
    return records, faces


def _load_index(path: Path) -> dict:
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != INDEX_VERSION:
        return {}
    folders = data.get("folders")
    return folders if isinstance(folders, dict) else {}


def _save_index(path: Path, folders: dict) -> None:
    import json

    index = {"version": INDEX_VERSION, "folders": folders}
    write_atomic(path, json.dumps(index, ensure_ascii=False).encode())


def installed_faces(font_dirs: Sequence[Path] = ()) -> list[Face]:
    """Every face in the search folders, in search order (earlier folders first). Every file is
    stat'ed on each lookup (a font overwritten in place keeps its folder's mtime); only new or
    changed ones are read."""
    cache_file = cache_dir() / INDEX_FILE
    cached = _load_index(cache_file)
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
        _save_index(cache_file, {k: v for k, v in cached.items() if os.path.isdir(k)})
    return faces
