"""Spec -> PDF file: the pipeline load -> resolve fonts -> lay out -> render -> write atomically."""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import fonts as fontmod
from .errors import BuildError, InputError
from .layout import Composer, Document, MissingGlyph
from .metrics import Metrics
from .model import Spec
from .spec import load_spec

TMP_SUFFIX = ".bulletin-partial"  # a killed build's leftover says what it is; the next build removes it


@dataclass
class BuildResult:
    output: Path | None  # None when nothing was written (check)
    pages: int
    size: int  # bytes
    missing: list[MissingGlyph] = field(default_factory=list)
    fonts: dict[str, str] = field(default_factory=dict)  # role -> file (#face in a .ttc) drawn with
    notes: list[str] = field(default_factory=list)  # which faces were chosen, and why


@dataclass(frozen=True)
class FontOptions:
    """Where to look for fonts beyond the bundled ones (the CLI's --font-dir, --official-fonts)."""

    font_dirs: tuple[Path, ...] = ()
    official: bool = False


def compose(spec: Spec, fonts: FontOptions = FontOptions()) -> tuple[Document, Metrics, list[str]]:
    """Lay out a spec with its fonts: the document, the faces' metrics, notes on font choices."""
    resolution = fontmod.resolve(spec, fonts.font_dirs, fonts.official)
    faces = Metrics(resolution.files)
    return Composer(spec, faces).compose(), faces, resolution.notes


def default_output(spec_path: str | os.PathLike) -> Path:
    return Path(spec_path).with_suffix(".pdf")


def build(
    spec: Spec | str | os.PathLike,
    output: str | os.PathLike | None = None,
    *,
    strict: bool = False,
    fonts: FontOptions = FontOptions(),
) -> BuildResult:
    """Build the bulletin. With strict, characters no font can draw fail the build (BuildError)."""
    if not isinstance(spec, Spec):
        spec = load_spec(spec)
    out = Path(output) if output is not None else default_output(spec.source)
    check_output(out, Path(spec.source))
    doc, faces, notes = _lay_out(spec, strict, fonts)
    from .pdf import render  # reportlab is imported only when a PDF is really written

    data = render(doc, faces.files)
    write_atomic(out, data)
    return _result(out, len(data), doc, faces, notes)


def check(spec: Spec | str | os.PathLike, *, strict: bool = False,
          fonts: FontOptions = FontOptions()) -> BuildResult:
    """Validate, check every glyph and lay the bulletin out, without writing anything."""
    if not isinstance(spec, Spec):
        spec = load_spec(spec)
    doc, faces, notes = _lay_out(spec, strict, fonts)
    return _result(None, 0, doc, faces, notes)


def _lay_out(spec: Spec, strict: bool, fonts: FontOptions):
    doc, faces, notes = compose(spec, fonts)
    if strict and doc.missing:
        raise BuildError("\n".join(["characters no font can draw (--strict):", *missing_report(doc.missing)]))
    return doc, faces, notes


def _result(out: Path | None, size: int, doc: Document, faces, notes: list[str]) -> BuildResult:
    used, notes = {}, list(notes)
    for role in sorted(doc.roles_used):
        f = faces.files[role]
        used[role] = f"{f.path}#{f.index}" if f.index else str(f.path)
        if f.source != "bundled":  # say which of the user's faces drew the bulletin
            notes.append(f"{role}: drawn with {f.family or f.path.name} ({used[role]})")
    return BuildResult(out, len(doc.pages), size, doc.missing, used, notes)


def check_output(out: Path, spec_path: Path) -> None:
    """Refuse outputs that cannot be written or would destroy the input, before any work."""
    if out.is_dir():
        raise InputError(f"{out}: output path is a folder; give a file name such as {out / 'bulletin.pdf'}")
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"{out}: output folder {parent} does not exist")
    if out.exists() and spec_path.exists() and out.resolve() == spec_path.resolve():
        raise InputError(f"{out}: output would overwrite the spec itself; choose another -o")
    if not os.access(parent, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise InputError(f"{out}: output is not writable")


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target and rename it into place: a failed or killed
    build never leaves a half-written PDF, and the previous one stays as it was."""
    parent = path.parent if str(path.parent) else Path(".")
    for stale in parent.glob(f".{path.name}.*{TMP_SUFFIX}"):
        stale.unlink(missing_ok=True)
    fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=TMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def missing_report(missing: list[MissingGlyph], limit: int = 10) -> list[str]:
    """Up to `limit` distinct missing characters with code point and place, then 'and N others'."""
    seen: dict[str, MissingGlyph] = {}
    for m in missing:
        seen.setdefault(m.char, m)
    lines = [f"  {m.char} U+{ord(m.char):04X} at {m.where} ({m.context})" for m in list(seen.values())[:limit]]
    if len(seen) > limit:
        lines.append(f"  and {len(seen) - limit} others")
    return lines
