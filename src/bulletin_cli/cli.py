"""The `bulletin` command: thin commands over the library, one place that maps errors to exits."""
from __future__ import annotations

import json
import os
import sys
import traceback
from importlib import resources
from pathlib import Path

import typer

from . import __version__
from .errors import BuildError, BulletinError, InputError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Plain click-style help: typer's rich help prints every flag as `--strict <bool>`, which
    # reads as if a value were needed.
    rich_markup_mode=None,
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
FONT_DIR = typer.Option(None, "--font-dir", metavar="DIR", help="Also look for font families here (repeatable).")
OFFICIAL = typer.Option(False, "--official-fonts",
                        help="Use the official faces (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312) where installed.")
DUPLEX = typer.Option(False, "--duplex", help="Print both sides: colophon on an even page, "
                     "even page count (as style.duplex: true).")
ROOT = typer.Option(None, "--root", metavar="DIR", help="Every file a spec names must lie under DIR (default: "
                    "$BULLETIN_ROOT, else the current folder, or the spec's own when it lies elsewhere).")


def _font_options(font_dir: list[Path] | None, official: bool):
    from .pipeline import FontOptions

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
    previous: Path | None = typer.Option(None, "--from", metavar="PREVIOUS",
                                            help="Write the issue after PREVIOUS.yaml: same series, number + 1."),
    date: str | None = typer.Option(None, "--date", metavar="YYYY-MM-DD",
                                       help="The new issue's date, with --from (default: today)."),
) -> None:
    """Write a commented issue spec that builds as it is (or the next issue of a series)."""
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a folder; give a file name such as {path / 'issue.yaml'}")
        if path.exists() and not path.is_file():  # reading a FIFO to back it up would wait forever
            raise InputError(f"{path}: is not a regular file (a pipe, socket or device); "
                             "give the name of a spec file to write")
        if path.exists() and not force:
            raise InputError(f"{path}: already exists; use --force to replace it (a .bak is kept)")
        if not path.parent.is_dir():
            raise InputError(f"{path}: folder {path.parent} does not exist")
        if previous is not None:
            text = _next_issue(previous, path, date)
        else:
            text = resources.files("bulletin_cli").joinpath("template.yaml").read_text("utf-8")
        from .output import backup, write_atomic

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


def _next_issue(previous: Path, path: Path, date: str | None) -> str:
    import datetime as dt

    from .nextissue import next_issue

    try:
        day = dt.date.fromisoformat(date) if date else dt.date.today()
    except ValueError:
        raise InputError(f"--date: expected a date like 2026-01-22, got '{date}'") from None
    return next_issue(str(previous), str(path), day)


@app.command()
def build(
    specs: list[str] = typer.Argument(..., metavar="SPEC...",
                                      help="Issue specs (YAML); a folder stands for its *.yaml; - reads standard input."),
    output: str | None = typer.Option(None, "-o", "--output", metavar="FILE",
                                         help="PDF to write for one SPEC (default: SPEC with .pdf); - writes it to standard output."),
    out_dir: Path | None = typer.Option(None, "--out-dir", metavar="DIR", help="Write each PDF into DIR, named after its spec."),
    formats: str | None = typer.Option(None, "--format", metavar="FORMATS",
                                          help="pdf, ofd, or pdf,ofd for both from one layout (default: from -o)."),
    jobs: int | None = typer.Option(None, "--jobs", "-j", min=1, metavar="N",
                                       help="Build in N worker processes (default: the number of cores)."),
    strict: bool = typer.Option(False, "--strict", help="Fail (exit 1, no PDF) if a character has no glyph."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON list, a record per spec (see README)."),
    font_dir: list[Path] | None = FONT_DIR,
    official: bool = OFFICIAL,
    duplex: bool = DUPLEX,
    marks: bool = typer.Option(False, "--marks", help="For the press: A4 plus 3 mm bleed, crop marks, "
                               "TrimBox and BleedBox."),
    pdfa: bool = typer.Option(False, "--pdfa", help="Write PDF/A-2b for archives (CMYK FOGRA39 output intent)."),
    root: Path | None = ROOT,
) -> None:
    """Build the PDF bulletin of each SPEC. Exit 2 if any spec is invalid, 1 if any build failed."""
    from . import batch
    from .output import STDOUT

    try:
        if as_json and output == STDOUT:
            raise InputError("-o - and --json both write to standard output; choose one")
        formats_asked = [f.strip().lower() for f in formats.split(",")] if formats else None
        planned = batch.plan(specs, output, out_dir, formats_asked)
    except BulletinError as e:
        _fail(e)
    try:
        with _Progress(planned, as_json) as progress:
            records = batch.run(planned, jobs or batch.default_jobs(), strict,
                                _font_options(font_dir, official), formats_asked, progress.done,
                                dict(duplex=duplex, marks=marks, pdfa=pdfa, root=root))
    except KeyboardInterrupt:  # the workers have stopped and removed their temp files
        typer.echo(f"interrupted: {progress.finished} of {len(planned)} specs built", err=True)
        raise typer.Exit(130) from None
    if as_json:
        typer.echo(json.dumps(records, ensure_ascii=False))
    raise typer.Exit(batch.exit_status(records))


@app.command()
def watch(
    spec: Path = typer.Argument(..., help="The issue spec (YAML) to rebuild on every change."),
    output: Path | None = typer.Option(None, "-o", "--output", metavar="FILE",
                                          help="PDF to write (default: SPEC with .pdf)."),
    strict: bool = typer.Option(False, "--strict", help="Fail (no PDF) if a character has no glyph."),
    font_dir: list[Path] | None = FONT_DIR,
    official: bool = OFFICIAL,
) -> None:
    """Rebuild SPEC whenever it, a file it extends or a font file it names changes (Ctrl-C stops)."""
    from .watch import watch as run_watch

    try:
        run_watch(spec, output, strict, _font_options(font_dir, official),
                  lambda line: typer.echo(line), lambda line: typer.echo(line, err=True))
    except KeyboardInterrupt:
        raise typer.Exit(0) from None


STDOUT_NAME = "-"  # build.STDOUT, without importing the pipeline for --help


class _Progress:
    """What `build` shows as specs finish: errors and warnings on stderr; `wrote ...` on stdout
    (stderr when the PDF itself goes to stdout; nothing with --json). On a terminal, a progress
    bar over several specs; otherwise, with --json, one plain line per spec on stderr."""

    def __init__(self, jobs, as_json: bool):
        self.jobs, self.as_json = jobs, as_json
        self.bar = None
        self.pages = self.finished = 0

    def __enter__(self):
        if len(self.jobs) > 1 and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("{task.fields[pages]} pages"), TimeElapsedColumn(),
                                TimeRemainingColumn(), console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("building", total=len(self.jobs), pages=0)
        return self

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()

    def _err(self, text: str) -> None:
        if self.bar is not None:
            self.bar.console.print(text, markup=False, highlight=False)
        else:
            typer.echo(text, err=True)

    def done(self, i: int, record: dict) -> None:
        self.finished += 1
        for e in record["errors"]:
            self._err(f"error: {e['text']}")
        for w in record["warnings"]:
            self._err(w if w.startswith("note: ") else f"warning: {w}")
        for out in record.get("outputs", []):
            line = f"wrote {out['output']} ({record['pages']} pages, {out['bytes'] / 1024:.0f} KB)"
            if self.as_json:
                if self.bar is None:
                    self._err(line)
            elif out["output"] == STDOUT_NAME or self.bar is not None:
                self._err(line)
            else:
                typer.echo(line)
        if record["status"] != "ok" and self.as_json and self.bar is None:
            self._err(f"{record['status']} {record['input']}")
        if self.bar is not None:
            self.pages += record["pages"]
            self.bar.update(self.task, advance=1, pages=self.pages, description=Path(record["input"]).name)


def _warn_missing(result) -> None:
    from .pipeline import missing_report

    if result.missing:
        distinct = len({m.char for m in result.missing})
        typer.echo(f"warning: {distinct} character(s) no font can draw, printed as boxes:", err=True)
        for line in missing_report(result.missing):
            typer.echo(line, err=True)


@app.command()
def check(
    specs: list[Path] = typer.Argument(..., help="Issue specs (or series files) to check."),
    strict: bool = typer.Option(False, "--strict",
                                help="Fail (exit 1) if a character has no glyph or a proofreading note remains."),
    fix: bool = typer.Option(False, "--fix", help="Apply the safe proofreading fixes to each spec in place "
                             "(the previous file is kept as .bak)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="With --fix: print the changes as a unified diff, "
                                 "write nothing."),
    font_dir: list[Path] | None = FONT_DIR,
    official: bool = OFFICIAL,
    duplex: bool = DUPLEX,
    root: Path | None = ROOT,
) -> None:
    """Validate specs, check every glyph, lay them out and proofread them, without writing a PDF.
    A series file (no articles) is validated and proofread."""
    if dry_run and not fix:
        _fail(InputError("--dry-run goes with --fix"))
    worst = 0
    for spec in specs:
        try:
            fonts = _font_options(font_dir, official)
            result, findings = _check_one(spec, strict, fonts, fix, dry_run, duplex, root)
        except BulletinError as e:
            worst = max(worst, _report(e))
            continue
        except Exception as e:
            worst = max(worst, _report(_unexpected(spec, e)))
            continue
        if result is not None:
            _notes(result.notes)
            _warn_missing(result)
        for finding in findings:
            typer.echo(f"warning: {finding.format()}", err=True)
        if fix:
            _notes(_elsewhere(findings, spec))
        notes = f", {len(findings)} proofreading notes" if findings else ""
        what = "a series file" if result is None else f"{result.pages} pages"
        # `check --fix -` writes the mended spec to stdout: the verdict goes to stderr then
        typer.echo(f"ok {spec} ({what}{notes})", err=str(spec) == "-" and fix and not dry_run)
        if strict and findings:
            worst = max(worst, 1)
    raise typer.Exit(worst)


def _check_one(spec: Path, strict: bool, fonts, fix: bool, dry_run: bool, duplex: bool, root: Path | None):
    """Check and proofread one spec, `-` (standard input) or a series file; with `fix` mend it:
    in place (a .bak kept), or for `-` the whole mended spec to standard output; with dry_run
    print the diff instead. (result, the marks left); result is None for a series file: a part
    of issues (no articles, even merged with what it extends), validated and proofread only."""
    from .batch import STDIN_NAME
    from .output import backup, write_atomic
    from .pipeline import check as run_check
    from .proofread.rules import fix_spec, proofread_spec, unified_diff
    from .spec.reader import check_series, compose_spec, parse_spec, read_spec_text

    stdin = str(spec) == "-"
    name = STDIN_NAME if stdin else str(spec)
    if stdin:
        try:
            text = sys.stdin.buffer.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            hint = "convert it first (iconv -f GB18030 -t UTF-8)"
            raise InputError(f"{STDIN_NAME}: not UTF-8; {hint}") from None
    else:
        text = read_spec_text(name)
    loaded, result = None, None
    if compose_spec(text, name, root).series:
        check_series(text, name, root)
    else:
        loaded = parse_spec(text, name, root)
        result = run_check(loaded, strict=strict, fonts=fonts, duplex=duplex)
    findings = proofread_spec(text, name, loaded)
    if not fix or not (findings or stdin):
        return result, findings
    before = text if stdin else spec.read_bytes().decode("utf-8")  # a file's BOM stays
    try:
        after, changed = fix_spec(before, name)
    except ValueError as e:  # the read-back guard: never write what would not read back
        raise BuildError(str(e)) from None
    if dry_run:
        typer.echo(unified_diff(before, after, name) if changed else "", nl=False)
    elif stdin:
        sys.stdout.buffer.write(after.encode("utf-8"))
        sys.stdout.flush()
    elif changed:
        kept = backup(spec)
        write_atomic(spec.resolve(), after.encode("utf-8"))  # a symlinked spec stays a link
        typer.echo(f"fixed {changed} places in {spec} (the previous file is kept as {kept})", err=True)
    return result, proofread_spec(after, name, loaded)  # a fix changes no body file: loaded still reads them


def _elsewhere(findings, spec: Path) -> list[str]:
    """What `check --fix SPEC` leaves because it edits SPEC only: marks in the series files it
    extends (shared by every issue: mended by `check --fix SERIES`) and in body files."""
    from .batch import STDIN_NAME

    name = STDIN_NAME if str(spec) == "-" else str(spec)
    files: dict[str, list] = {}
    for f in findings:
        if f.file != name and f.fix is not None:
            files.setdefault(f.file, []).append(f)
    return [f"{len(found)} proofreading notes in {file}: fix them in the source document" if found[0].document
            else f"{len(found)} proofreading notes in {file}, which {name} extends: "
                 f"bulletin check --fix {file} mends them" for file, found in files.items()]


@app.command()
def fonts(
    spec: Path | None = typer.Argument(None, help="A spec whose style.fonts to resolve (default: none)."),
    font_dir: list[Path] | None = FONT_DIR,
    official: bool = OFFICIAL,
    show_all: bool = typer.Option(False, "--all", help="List every font family found on this machine."),
    as_json: bool = typer.Option(False, "--json", help="Print the rows as JSON."),
) -> None:
    """Show which face draws each role, its file, licence and coverage of GB2312 and the 8105 list."""
    from .fonts import resolve as fontmod
    from .spec.reader import load_spec

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
    except Exception as e:  # as build and check: one line, exit 1, no traceback
        _fail(_unexpected(spec or Path("bulletin fonts"), e))
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
def schema(
    report: bool = typer.Option(False, "--report", help="The schema of `build --json`'s report instead."),
) -> None:
    """Print the JSON Schema of the spec (for editors: VS Code YAML's yaml.schemas)."""
    if report:
        from .batch import REPORT_SCHEMA as document
    else:
        from .schema import spec_schema

        document = spec_schema()
    typer.echo(json.dumps(document, ensure_ascii=False, indent=2))


def run() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
