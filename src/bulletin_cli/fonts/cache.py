"""The user's cache folder, and what is kept in it between runs: per face, what is derived from
a font file (`load_face`: metrics' cmap and advances, the PDF writer's facts about the face),
and the index of installed fonts (installed.py). A cached record is a hint, never trusted: it
is used only while its file's stamp (size, mtime, ctime) and fingerprint (every table's
checksum) are the file's now, and it is replaced whole (write_atomic), so no reader sees half
of one.
"""
from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import CodeType
from typing import TypeVar

from .sfnt import FontFormatError, directories


def cache_dir() -> Path:
    if os.environ.get("BULLETIN_CACHE_DIR"):
        return Path(os.environ["BULLETIN_CACHE_DIR"])
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "bulletin" / "Cache"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "bulletin"


def file_stamp(st: os.stat_result) -> list[int]:
    """What says a file is unchanged: size, mtime and ctime (which os.utime cannot set back)."""
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def fingerprint(path: str) -> str:
    """A hash of the font's headers and table directories, which hold every table's checksum:
    two files with one fingerprint describe the same faces. Reads a few hundred bytes."""
    import hashlib

    return hashlib.sha1(directories(path)).hexdigest()


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
        head = [FACE_CACHE_VERSION, real, repr(index), kind, file_stamp(os.stat(real)), fingerprint(real)]
    except (OSError, FontFormatError):
        return build()[0]  # the parser says what is wrong with the file
    name = hashlib.blake2b("\0".join([real, repr(index), kind.split()[0]]).encode(), digest_size=12)
    file = cache_dir() / FACES_DIR / f"{name.hexdigest()}.{sys.implementation.cache_tag}"
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
    write_atomic(file, marshal.dumps((head, data, hashlib.blake2b(data).digest())))
    return value


def load_face(path: os.PathLike | str, index: int | str, kind: str, build: Callable[[], tuple[T, object]],
              decode: Callable[[object], T], loaded: dict[tuple, T]) -> T:
    """What is derived from one face, made once per process and once for all runs: `loaded`
    keeps it for this process, by the file's real path, face and stamp (so a font overwritten in
    place while `bulletin watch` runs is read again), and through_cache keeps it between runs.
    Every loader of faces (metrics, the PDF writer) goes through here. Raises OSError when the
    file cannot be stat'ed, and whatever build() raises."""
    key = (os.path.realpath(path), index, *file_stamp(os.stat(path)))
    if key not in loaded:
        loaded[key] = through_cache(path, index, kind, build, decode)
    return loaded[key]


@cache
def code_digest(*codes: CodeType) -> str:
    """A short digest of modules' compiled code: part of a cache `kind`, so that records made by
    other code (another release, or an edited checkout) are never read as this code's. Once per
    process: it describes the code that was loaded, and every face a build loads asks for it.

    A module hands in its own code object (`CODE = sys._getframe().f_code` at its top level),
    never its .py file: a frozen application (PyInstaller) or a sourceless install has none, and
    asking the loader for the code again would compile the module twice where no .pyc is kept.
    What a module does counts (its bytecode, names and constants); comments and line numbers
    do not."""
    import hashlib

    h = hashlib.blake2b(digest_size=8)
    for code in codes:
        _digest_code(code, h)
    return h.hexdigest()


def _digest_code(code: CodeType, h) -> None:
    h.update(code.co_code)
    h.update(repr((code.co_names, code.co_varnames, code.co_freevars, code.co_cellvars, code.co_argcount,
                   code.co_posonlyargcount, code.co_kwonlyargcount, code.co_flags)).encode())
    for const in code.co_consts:
        if isinstance(const, CodeType):
            _digest_code(const, h)
        else:
            h.update(_stable_repr(const).encode())


def _stable_repr(value: object) -> str:
    """repr, but the same in every process: a frozenset constant (`x in {"a", "b"}`) iterates
    in the order of its string hashes, which PYTHONHASHSEED changes from run to run."""
    if isinstance(value, frozenset):
        return "frozenset(" + ",".join(sorted(map(_stable_repr, value))) + ")"
    if isinstance(value, tuple):
        return "(" + ",".join(map(_stable_repr, value)) + ")"
    return repr(value)


def write_atomic(path: Path, data: bytes) -> None:
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

