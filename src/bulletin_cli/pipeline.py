"""Spec -> PDF/OFD files: the pipeline load -> resolve fonts -> lay out -> render -> write atomically.
What a build is asked for comes as one BuildOptions; what it did comes back as one BuildResult."""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BuildError, InputError, Problem
from .fonts import resolve as fontmod
from .fonts.metrics import Metrics
from .i18n import _
from .layout.compose import Composer
from .layout.page import Document, MissingGlyph, StandIn
from .model import Figure, Spec
from .options import BuildOptions
from .output import check_output, plan_outputs, write_output
from .proofread.leftover import RULE as TEMPLATE_TEXT
from .proofread.marks import Finding, proofread_spec
from .spec.paths import find_root
from .spec.reader import Loaded, load

__all__ = ["BuildOptions", "BuildResult", "Output", "build", "check", "compose", "missing_report", "render"]


@dataclass(frozen=True)
class Output:
    """One file a build wrote."""

    format: str  # "pdf" or "ofd"
    path: Path  # "-" for standard output
    size: int  # bytes written


@dataclass
class BuildResult:
    """What a build made: the page count, the files written, the faces drawn with."""

    pages: int
    outputs: list[Output] = field(default_factory=list)  # each file written, in --format's order; check: none
    missing: list[MissingGlyph] = field(default_factory=list)
    fonts: dict[str, str] = field(default_factory=dict)  # role -> file (#face in a .ttc) drawn with
    faces: dict[str, dict[str, str]] = field(default_factory=dict)  # role -> family, source, file
    stand_ins: list[StandIn] = field(default_factory=list)  # characters another role's face drew
    notes: list[str] = field(default_factory=list)  # which faces were chosen, and why
    proofreading: list[Finding] = field(default_factory=list)  # marks a proofreader would make
    inputs: tuple[str, ...] = ()  # every file the build read (model.Spec.inputs)

    @property
    def output(self) -> Path | None:
        """The first file written; None when nothing was (check)."""
        return self.outputs[0].path if self.outputs else None

    @property
    def size(self) -> int:
        return self.outputs[0].size if self.outputs else 0


def compose(spec: Spec, options: BuildOptions = BuildOptions()) -> tuple[Document, Metrics, list[str]]:
    """Lay out a spec with its fonts: the document, the faces' metrics, notes on font choices."""
    resolution = fontmod.resolve(spec, options.font_dirs, options.official)
    faces = Metrics(resolution.files)
    # what body files could not carry over, photos printing below 150 dpi, then font choices
    doc = Composer(spec, faces).compose()
    return doc, faces, [*spec.notes, *doc.notes, *resolution.notes]


def build(spec: Spec | Loaded | str | os.PathLike, output: str | os.PathLike | None = None,
          options: BuildOptions = BuildOptions(), **changes) -> BuildResult:
    """Build the bulletin (PDF, OFD or both from one layout; see plan_outputs) into `output`
    (default: beside the spec). `changes` change single options: build(spec, out, duplex=True).
    Every file is rendered before the first is written, so a failing writer leaves all outputs
    as they were."""
    options = options.but(**changes)
    spec, findings = _load(spec, options)
    left = [f for f in findings if f.rule == TEMPLATE_TEXT]
    if options.strict and left:
        raise BuildError("\n".join([_("template text left in (--strict):"), *map(Finding.format, left)]))
    outs = plan_outputs(spec.source, output, options.formats)
    for _fmt, out in outs:
        check_output(out, Path(spec.source), spec.inputs)  # never replace a file it reads
    doc, faces, notes = _lay_out(spec, options)
    rendered = [(fmt, out, render(fmt, doc, faces.files, options)) for fmt, out in outs]
    for _fmt, out, data in rendered:
        write_output(out, data)
    return _result(doc, faces, notes, findings, [Output(fmt, out, len(data)) for fmt, out, data in rendered],
                   spec.inputs)


def render(fmt: str, doc: Document, files, options: BuildOptions = BuildOptions()) -> bytes:
    """The bytes of one format. A writer's library is imported only when that format is made.
    Crop marks and PDF/A are the PDF's: an OFD is for the screen and the archive as it is."""
    if fmt == "ofd":
        from .writers import ofd

        return ofd.render(doc, files)
    from .writers import pdf
    from .writers.press import press_sheet

    return pdf.render(doc, files, sheet=press_sheet() if options.marks else None, pdfa=options.pdfa,
                      pdfua=options.pdfua)


def check(spec: Spec | Loaded | str | os.PathLike, options: BuildOptions = BuildOptions(),
          **changes) -> BuildResult:
    """Validate, check every glyph and lay the bulletin out, without writing anything. Of the
    options, those that change the layout count (duplex changes the page count it reports)."""
    options = options.but(**changes)
    spec, findings = _load(spec, options)
    doc, faces, notes = _lay_out(spec, options)
    return _result(doc, faces, notes, findings, [], spec.inputs)


def _load(spec: Spec | Loaded | str | os.PathLike, options: BuildOptions) -> tuple[Spec, list[Finding]]:
    """The spec (printed both sides if duplex), and the proofreading marks in its files (none
    for a Spec built in code). A path is read here ("-": standard input); a spec read already
    (spec.reader.load) is proofread from the source it was read from."""
    findings = []
    if not isinstance(spec, Spec):  # one read: the marks point into the text that was loaded
        loaded = spec if isinstance(spec, Loaded) else load(os.fsdecode(spec), root=options.root)
        spec = loaded.spec  # type: ignore[assignment]  # load() without series: never None
        findings = proofread_spec(loaded)
    elif options.root is not None:  # read already; its fonts are read under this root too
        spec = dataclasses.replace(spec, root=find_root(spec.source, options.root).folder)
    if options.duplex:
        spec = dataclasses.replace(spec, style=dataclasses.replace(spec.style, duplex=True))
    if options.pdfua:
        _check_accessible(spec)
    return spec, findings


def _check_accessible(spec: Spec) -> None:
    """--pdfua: every photo needs words a screen reader can say for it (PDF/UA-1 7.3)."""
    problems = [Problem(fig.loc.file, fig.loc.line, fig.loc.col, f"articles[{n}].body",
                        _("--pdfua: the photo {source} has neither caption nor alt text").format(
                            source=fig.picture.source),
                        _("add alt: (what the photo shows) to its block, or a caption"), "pdfua.no-alt")
                for n, art in enumerate(spec.articles, 1) for fig in art.blocks
                if isinstance(fig, Figure) and not (fig.alt or fig.caption)]
    if problems:
        raise InputError(problems)


def _lay_out(spec: Spec, options: BuildOptions):
    doc, faces, notes = compose(spec, options)
    if options.strict and doc.missing:
        raise BuildError("\n".join([_("characters no font can draw (--strict):"),
                                    *missing_report(doc.missing)]))
    return doc, faces, notes


def _result(doc: Document, faces, notes: list[str], findings: list[Finding],
            outputs: list[Output], spec_inputs: tuple[str, ...]) -> BuildResult:
    used, named, notes = {}, {}, list(notes)
    for role in sorted(doc.roles_used):
        f = faces.files[role]
        used[role] = f"{f.path}#{f.index}" if f.index else str(f.path)
        named[role] = {"family": f.family or f.path.name, "source": f.source, "file": used[role]}
        if f.source != "bundled":  # say which of the user's faces drew the bulletin
            notes.append(_("{role}: drawn with {family} ({file})").format(
                role=role, family=f.family or f.path.name, file=used[role]))
    return BuildResult(len(doc.pages), outputs, doc.missing, used, named, doc.stand_ins, notes, findings,
                       spec_inputs)


def missing_report(missing: list[MissingGlyph], limit: int = 10) -> list[str]:
    """Up to `limit` distinct missing characters with code point and place, then 'and N others'."""
    seen: dict[str, MissingGlyph] = {}
    for m in missing:
        seen.setdefault(m.char, m)
    lines = [_("  {char} U+{code:04X} at {where} ({context})").format(
        char=m.char, code=ord(m.char), where=m.where, context=m.context) for m in list(seen.values())[:limit]]
    if len(seen) > limit:
        lines.append(_("  and {n} others").format(n=len(seen) - limit))
    return lines
