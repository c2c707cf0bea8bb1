"""Spec -> PDF/OFD files: the pipeline load -> resolve fonts -> lay out -> render -> write atomically."""
from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BuildError
from .fonts import resolve as fontmod
from .fonts.metrics import Metrics
from .layout.compose import Composer, Document, MissingGlyph
from .model import Spec
from .output import check_output, plan_outputs, spec_inputs, write_output
from .proofread.rules import Finding, proofread_spec
from .spec.paths import find_root
from .spec.reader import parse_spec, read_spec_text


@dataclass
class BuildResult:
    output: Path | None  # None when nothing was written (check); the first file of several
    pages: int
    size: int  # bytes of `output`
    missing: list[MissingGlyph] = field(default_factory=list)
    fonts: dict[str, str] = field(default_factory=dict)  # role -> file (#face in a .ttc) drawn with
    notes: list[str] = field(default_factory=list)  # which faces were chosen, and why
    proofreading: list[Finding] = field(default_factory=list)  # marks a proofreader would make
    outputs: list[tuple[str, Path, int]] = field(default_factory=list)  # (format, file, bytes) written


@dataclass(frozen=True)
class FontOptions:
    """Where to look for fonts beyond the bundled ones (the CLI's --font-dir, --official-fonts)."""

    font_dirs: tuple[Path, ...] = ()
    official: bool = False


def compose(spec: Spec, fonts: FontOptions = FontOptions()) -> tuple[Document, Metrics, list[str]]:
    """Lay out a spec with its fonts: the document, the faces' metrics, notes on font choices."""
    resolution = fontmod.resolve(spec, fonts.font_dirs, fonts.official)
    faces = Metrics(resolution.files)
    # what body files could not carry over, photos printing below 150 dpi, then font choices
    doc = Composer(spec, faces).compose()
    return doc, faces, [*spec.notes, *doc.notes, *resolution.notes]


def build(
    spec: Spec | str | os.PathLike,
    output: str | os.PathLike | None = None,
    *,
    strict: bool = False,
    fonts: FontOptions = FontOptions(),
    formats: Sequence[str] | None = None,
    duplex: bool = False,
    marks: bool = False,
    pdfa: bool = False,
    root: Path | None = None,
) -> BuildResult:
    """Build the bulletin (PDF, OFD or both from one layout; see plan_outputs). With strict,
    characters no font can draw fail the build (BuildError). Every file is rendered before the
    first is written, so a failing writer leaves all outputs as they were.
    duplex: as `style.duplex: true`; marks (PDF): press sheets with bleed and crop marks;
    pdfa: the PDF as PDF/A-2b; root: the folder every file the spec names must lie under
    (default: spec.paths.find_root)."""
    spec, findings = _load(spec, duplex, root)
    outs = plan_outputs(spec.source, output, formats)
    for _fmt, out in outs:
        check_output(out, Path(spec.source), spec_inputs(spec))
    doc, faces, notes = _lay_out(spec, strict, fonts)
    rendered = [(fmt, out, render(fmt, doc, faces.files, marks=marks, pdfa=pdfa)) for fmt, out in outs]
    for _fmt, out, data in rendered:
        write_output(out, data)
    result = _result(outs[0][1], len(rendered[0][2]), doc, faces, notes, findings)
    result.outputs = [(fmt, out, len(data)) for fmt, out, data in rendered]
    return result


def render(fmt: str, doc: Document, files, *, marks: bool = False, pdfa: bool = False) -> bytes:
    """The bytes of one format. A writer's library is imported only when that format is made.
    Crop marks and PDF/A are the PDF's: an OFD is for the screen and the archive as it is."""
    if fmt == "ofd":
        from .writers import ofd

        return ofd.render(doc, files)
    from .writers import pdf
    from .writers.press import press_sheet

    return pdf.render(doc, files, sheet=press_sheet() if marks else None, pdfa=pdfa)


def check(spec: Spec | str | os.PathLike, *, strict: bool = False,
          fonts: FontOptions = FontOptions(), duplex: bool = False, root: Path | None = None) -> BuildResult:
    """Validate, check every glyph and lay the bulletin out, without writing anything. duplex and
    root as in build(): duplex changes the page count the check reports."""
    spec, findings = _load(spec, duplex, root)
    doc, faces, notes = _lay_out(spec, strict, fonts)
    return _result(None, 0, doc, faces, notes, findings)


def _load(spec: Spec | str | os.PathLike, duplex: bool = False,
          root: Path | None = None) -> tuple[Spec, list[Finding]]:
    """The spec (printed both sides if duplex), and the proofreading marks in its file (none
    for a Spec built in code)."""
    findings = []
    if not isinstance(spec, Spec):  # one read: the marks point into the text that was loaded
        source = os.fsdecode(spec)
        text = read_spec_text(source)
        spec = parse_spec(text, source, root=root)
        findings = proofread_spec(text, source, spec)
    elif root is not None:  # read already; its fonts are read under this root too
        spec = dataclasses.replace(spec, root=find_root(spec.source, root).folder)
    if duplex:
        spec = dataclasses.replace(spec, style=dataclasses.replace(spec.style, duplex=True))
    return spec, findings


def _lay_out(spec: Spec, strict: bool, fonts: FontOptions):
    doc, faces, notes = compose(spec, fonts)
    if strict and doc.missing:
        raise BuildError("\n".join(["characters no font can draw (--strict):", *missing_report(doc.missing)]))
    return doc, faces, notes


def _result(out: Path | None, size: int, doc: Document, faces, notes: list[str],
            findings: list[Finding]) -> BuildResult:
    used, notes = {}, list(notes)
    for role in sorted(doc.roles_used):
        f = faces.files[role]
        used[role] = f"{f.path}#{f.index}" if f.index else str(f.path)
        if f.source != "bundled":  # say which of the user's faces drew the bulletin
            notes.append(f"{role}: drawn with {f.family or f.path.name} ({used[role]})")
    return BuildResult(out, len(doc.pages), size, doc.missing, used, notes, findings)


def missing_report(missing: list[MissingGlyph], limit: int = 10) -> list[str]:
    """Up to `limit` distinct missing characters with code point and place, then 'and N others'."""
    seen: dict[str, MissingGlyph] = {}
    for m in missing:
        seen.setdefault(m.char, m)
    lines = [f"  {m.char} U+{ord(m.char):04X} at {m.where} ({m.context})" for m in list(seen.values())[:limit]]
    if len(seen) > limit:
        lines.append(f"  and {len(seen) - limit} others")
    return lines
