"""The `bulletin` command: thin commands over the library, one place that maps errors to exits."""
from __future__ import annotations

import json
import os
import sys
import traceback
from importlib import resources
from pathlib import Path
from typing import Optional

import typer

from . import __version__
from .errors import BuildError, BulletinError, InputError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Compose Chinese work bulletins (工作简报) from a YAML spec into print-ready A4 PDF.\n\n"
    "Exit status: 0 done, 1 the build could not be completed, 2 bad input or usage.",
)


def _report(err: BulletinError) -> int:
    for msg in err.messages():
        typer.echo(f"error: {msg}", err=True)
    return err.exit_code


def _fail(err: BulletinError) -> None:
    raise typer.Exit(_report(err))


def _unexpected(spec: Path, e: Exception) -> BulletinError:
    """An exception nothing expected is our bug: one line naming the spec, never a traceback
    (BULLETIN_DEBUG=1 shows it), and the other specs of a `check` still get checked."""
    if os.environ.get("BULLETIN_DEBUG"):
        traceback.print_exc()
    return BulletinError(f"{spec}: internal error, please report it: {type(e).__name__}: {e}")


# Options shared by build, check and fonts: declared once so they mean the same everywhere.
FONT_DIR = typer.Option(None, "--font-dir", help="Also look for font families here (repeatable).")
OFFICIAL = typer.Option(False, "--official-fonts",
                        help="Use the official faces (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312) where installed.")


def _font_options(font_dir: list[Path] | None, official: bool):
    from .build import FontOptions

    return FontOptions(tuple(font_dir or ()), official)


def _notes(notes: list[str]) -> None:
    for note in notes:
        typer.echo(f"note: {note}", err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"bulletin {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    pass


@app.command()
def new(
    path: Path = typer.Argument(..., help="Where to write the new spec (e.g. issue-12.yaml)."),
    force: bool = typer.Option(False, "--force", help="Replace an existing file (kept as .bak)."),
) -> None:
    """Write a commented issue spec that builds as it is."""
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a folder; give a file name such as {path / 'issue.yaml'}")
        if path.exists() and not force:
            raise InputError(f"{path}: already exists; use --force to replace it (a .bak is kept)")
        if not path.parent.is_dir():
            raise InputError(f"{path}: folder {path.parent} does not exist")
        text = resources.files("bulletin_cli").joinpath("template.yaml").read_text("utf-8")
        from .build import backup, write_atomic

        kept = None
        if path.exists() and path.read_bytes() != text.encode("utf-8"):  # the template needs no copy
            kept = backup(path)  # never over a .bak holding something else: .bak.1, .bak.2, …
        write_atomic(path, text.encode("utf-8"))
    except BulletinError as e:
        _fail(e)
    except OSError as e:
        _fail(InputError(f"{path}: cannot write: {e.strerror}"))
    if kept:
        typer.echo(f"kept the previous {path} as {kept}", err=True)
    typer.echo(f"wrote {path}; build it with: bulletin build {path}")


@app.command()
def build(
    spec: Path = typer.Argument(..., help="The issue spec (YAML)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output",
                                          help="File to write (default: SPEC with .pdf; a .ofd name writes OFD)."),
    formats: Optional[str] = typer.Option(None, "--format",
                                          help="pdf, ofd, or pdf,ofd for both from one layout (default: from -o)."),
    strict: bool = typer.Option(False, "--strict", help="Fail (exit 1, no file) if a character has no glyph."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as one JSON object."),
    font_dir: Optional[list[Path]] = FONT_DIR,
    official: bool = OFFICIAL,
    duplex: bool = typer.Option(False, "--duplex", help="Print both sides: colophon on an even page, "
                                "even page count (as style.duplex: true)."),
    marks: bool = typer.Option(False, "--marks", help="For the press: A4 plus 3 mm bleed, crop marks, "
                               "TrimBox and BleedBox."),
    pdfa: bool = typer.Option(False, "--pdfa", help="Write PDF/A-2b for archives (CMYK FOGRA39 output intent)."),
) -> None:
    """Build the bulletin from SPEC: a PDF, an OFD (GB/T 33190), or both."""
    from .build import build as run_build

    try:
        result = run_build(spec, output, strict=strict, fonts=_font_options(font_dir, official),
                           formats=[f.strip().lower() for f in formats.split(",")] if formats else None,
                           duplex=duplex, marks=marks, pdfa=pdfa)
    except BulletinError as e:
        _fail(e)
    except OSError as e:
        _fail(BulletinError(f"{getattr(e, 'filename', '') or spec}: {e.strerror or e}"))
    except Exception as e:
        _fail(_unexpected(spec, e))
    _notes(result.notes)
    _warn_missing(result)
    if result.proofreading:  # one line: the marks themselves are check's business
        typer.echo(f"note: {len(result.proofreading)} proofreading notes; see bulletin check {spec}", err=True)
    if as_json:
        typer.echo(json.dumps({
            "output": str(result.output), "pages": result.pages, "bytes": result.size,
            "missing": [{"char": m.char, "codepoint": f"U+{ord(m.char):04X}", "where": m.where,
                         "context": m.context} for m in result.missing],
            "fonts": result.fonts, "notes": result.notes,
            "proofreading": [f.as_json() for f in result.proofreading],
            "outputs": [{"format": fmt, "output": str(out), "bytes": size} for fmt, out, size in result.outputs],
        }, ensure_ascii=False))
    else:
        for _fmt, out, size in result.outputs:
            typer.echo(f"wrote {out} ({result.pages} pages, {size / 1024:.0f} KB)")


def _warn_missing(result) -> None:
    from .build import missing_report

    if result.missing:
        distinct = len({m.char for m in result.missing})
        typer.echo(f"warning: {distinct} character(s) no font can draw, printed as boxes:", err=True)
        for line in missing_report(result.missing):
            typer.echo(line, err=True)


@app.command()
def check(
    specs: list[Path] = typer.Argument(..., help="Issue specs to check."),
    strict: bool = typer.Option(False, "--strict",
                                help="Fail (exit 1) if a character has no glyph or a proofreading note remains."),
    fix: bool = typer.Option(False, "--fix", help="Apply the safe proofreading fixes to each spec in place "
                             "(the previous file is kept as .bak)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="With --fix: print the changes as a unified diff, "
                                 "write nothing."),
    font_dir: Optional[list[Path]] = FONT_DIR,
    official: bool = OFFICIAL,
) -> None:
    """Validate specs, check every glyph, lay them out and proofread them, without writing a PDF."""
    from .build import check as run_check

    if dry_run and not fix:
        _fail(InputError("--dry-run goes with --fix"))
    worst = 0
    for spec in specs:
        try:
            result = run_check(spec, strict=strict, fonts=_font_options(font_dir, official))
            findings = _fix(spec, dry_run) if fix and result.proofreading else result.proofreading
        except BulletinError as e:
            worst = max(worst, _report(e))
            continue
        except Exception as e:
            worst = max(worst, _report(_unexpected(spec, e)))
            continue
        _notes(result.notes)
        _warn_missing(result)
        for finding in findings:
            typer.echo(f"warning: {finding.format()}", err=True)
        notes = f", {len(findings)} proofreading notes" if findings else ""
        typer.echo(f"ok {spec} ({result.pages} pages{notes})")
        if strict and findings:
            worst = max(worst, 1)
    raise typer.Exit(worst)


def _fix(spec: Path, dry_run: bool):
    """Apply the safe fixes to the spec file (or print them as a diff); the marks left (that
    --fix would leave, with --dry-run)."""
    from .build import backup, write_atomic
    from .proofread import fix_spec, proofread_spec, unified_diff

    data = spec.read_bytes()
    before = data.decode("utf-8")
    try:
        after, changed = fix_spec(before, str(spec))
    except ValueError as e:  # the read-back guard: never write what would not read back
        raise BuildError(str(e)) from None
    if changed and dry_run:
        typer.echo(unified_diff(before, after, str(spec)), nl=False)
    elif changed:
        kept = backup(spec)
        write_atomic(spec.resolve(), after.encode("utf-8"))  # a symlinked spec stays a link
        typer.echo(f"fixed {changed} places in {spec} (the previous file is kept as {kept})", err=True)
    return proofread_spec(after, str(spec))


@app.command()
def fonts(
    spec: Optional[Path] = typer.Argument(None, help="A spec whose style.fonts to resolve (default: none)."),
    font_dir: Optional[list[Path]] = FONT_DIR,
    official: bool = OFFICIAL,
    show_all: bool = typer.Option(False, "--all", help="List every font family found on this machine."),
    as_json: bool = typer.Option(False, "--json", help="Print the rows as JSON."),
) -> None:
    """Show which face draws each role, its file, licence and coverage of GB2312 and the 8105 list."""
    from . import fonts as fontmod
    from .spec import load_spec

    options = _font_options(font_dir, official)
    try:
        if show_all:
            rows = fontmod.installed_rows(options.font_dirs)
            columns = ["family", "style", "file", "index", "usable", "why"]
            notes: list[str] = []
        else:
            resolution = fontmod.resolve(load_spec(spec) if spec else None, options.font_dirs, options.official)
            rows = fontmod.report_rows(resolution)
            notes = resolution.notes
            for r in rows:
                r["GB2312"] = f"{r['gb2312']}/{r['gb2312_total']}"
                r["8105"] = f"{r['tongyong']}/{r['tongyong_total']}"
            columns = ["role", "family", "source", "file", "licence", "GB2312", "8105"]
    except BulletinError as e:
        _fail(e)
    if as_json:
        typer.echo(json.dumps({"fonts": rows, "notes": notes}, ensure_ascii=False, default=str))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(*columns, show_lines=False)
    for r in rows:
        shown = dict(r)
        if r.get("source") == "bundled":
            shown["file"] = Path(str(r["file"])).name  # bundled: fonts/README.md says the rest
        if r.get("licence"):
            shown["licence"] = str(r["licence"]).split(" (")[0]
        table.add_row(*("" if shown.get(c) is None else str(shown[c]) for c in columns))
    console = Console(soft_wrap=False, width=None if sys.stdout.isatty() else 160)
    console.print(table)
    _notes(notes)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the spec (for editors: VS Code YAML's yaml.schemas)."""
    from .schema import spec_schema

    typer.echo(json.dumps(spec_schema(), ensure_ascii=False, indent=2))


def run() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
