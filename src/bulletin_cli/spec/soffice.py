"""Word files of other kinds (.doc, .wps, .rtf, .odt) as .docx, converted by LibreOffice.

`soffice --headless --convert-to docx` runs in a temporary folder, on a copy of the bytes that
were read (so what is converted is what the root rule allowed), with its own profile (a
LibreOffice the user has open is never disturbed, and never answers in its place) and a time
limit. The .docx it writes is then read as any .docx is (word.py). Each conversion is kept in the
user cache folder under the digest of the file's bytes, so a weekly build does not start
LibreOffice again for a file it has converted; an edited file has another digest.
"""
from __future__ import annotations

import glob
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from ..i18n import _

SUFFIXES = (".doc", ".wps", ".rtf", ".odt")
TIME_LIMIT = 60  # seconds for one conversion (LibreOffice's first start takes a few)
CONVERTED_DIR = "converted"  # inside the user cache folder: <digest>.docx
# Where LibreOffice installs itself when it is not on PATH (Windows, macOS, its own Linux packages)
USUAL_PLACES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    "/opt/libreoffice*/program/soffice",
)


def save_as_docx() -> str:
    return _("open it in Word or WPS and save it as .docx (另存为 .docx)")


class Unconverted(Exception):
    """The file could not be converted. args: (message, hint)."""


def find_soffice() -> str | None:
    """LibreOffice's soffice: on PATH (soffice, libreoffice), else where it usually installs."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for place in USUAL_PLACES:
        found = sorted(glob.glob(place))
        if found:
            return found[-1]  # the newest of /opt/libreoffice7.6, /opt/libreoffice24.2
    return None


def as_docx(data: bytes, ext: str) -> bytes:
    """The .docx LibreOffice makes of `data` (a file ending in `ext`), from the cache when it has
    been converted before; Unconverted when LibreOffice is missing or fails."""
    from ..fonts.cache import cache_dir, cache_enabled, write_atomic

    kept = cache_dir() / CONVERTED_DIR / f"{hashlib.sha256(data).hexdigest()}.docx"
    if cache_enabled() and kept.is_file():
        try:
            return kept.read_bytes()
        except OSError:
            pass  # converted again below
    docx = _convert(data, ext)
    if cache_enabled():
        write_atomic(kept, docx)
    return docx


def _convert(data: bytes, ext: str) -> bytes:
    soffice = find_soffice()
    if soffice is None:
        missing = _("a {ext} file needs LibreOffice to be read, and it is not installed").format(ext=ext)
        raise Unconverted(missing, _("install LibreOffice (libreoffice.org), or {save_as}").format(
            save_as=save_as_docx()))
    with tempfile.TemporaryDirectory(prefix="bulletin-soffice-") as tmp:
        source = Path(tmp, "article" + ext)
        source.write_bytes(data)
        out = Path(tmp, "out")
        command = [soffice, f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}", "--headless",
                   "--norestore", "--convert-to", "docx", "--outdir", str(out), str(source)]
        said = _run(command)
        result = out / "article.docx"
        if not result.is_file():
            last = said.strip().splitlines()[-1:] or [_("it wrote no .docx")]
            raise Unconverted(_("LibreOffice could not convert it: {said}").format(said=last[0][:200]),
                              save_as_docx())
        return result.read_bytes()


def _run(command: list[str]) -> str:
    """Run LibreOffice within the time limit; what it said (stdout and stderr). soffice starts
    soffice.bin as a child: at the limit the whole process group (Windows: tree) is ended."""
    posix = sys.platform != "win32"
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, start_new_session=posix)
    except OSError as e:
        raise Unconverted(_("cannot start LibreOffice ({path}): {error}").format(
            path=command[0], error=e.strerror or e), save_as_docx()) from None
    try:
        said, _unused = process.communicate(timeout=TIME_LIMIT)
    except subprocess.TimeoutExpired:
        if posix:
            os.killpg(process.pid, signal.SIGKILL)
        else:  # soffice.exe's soffice.bin too: the tree
            subprocess.run(["taskkill", "/T", "/F", "/PID", str(process.pid)], capture_output=True)
        process.communicate()
        raise Unconverted(_("LibreOffice took more than {n} seconds to convert it").format(n=TIME_LIMIT),
                          save_as_docx()) from None
    return said.decode("utf-8", "replace")
