"""The `bulletin` command: thin commands over the library. Each command parses its flags (the
options a build takes are declared once, below, and become one BuildOptions), calls one core
function, and returns an exit status; `_command` alone turns that, or an error, into the exit."""
from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
import traceback
from pathlib import Path
from typing import Annotated

import typer
from typer._click.exceptions import NoSuchOption

from . import clitext
from .errors import BuildError, BulletinError, InputError
from .i18n import _
from .options import BuildOptions, parse_formats
from .wording import counted

clitext.install()
app = typer.Typer(
    cls=clitext.Group,
    context_settings={"help_option_names": ["-h", "--help"]},
    # --install-completion / --show-completion: typer's completion for bash, zsh, fish and
    # PowerShell; it costs no import (typer loads it anyway) and offers commands, flags and files
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Plain click-style help: typer's rich help prints every flag as `--strict <bool>`, which
    # reads as if a value were needed.
    rich_markup_mode=None,
    help=_("Compose Chinese work bulletins (工作简报) from a YAML spec into print-ready A4 PDF or "
           "OFD.\n\nExit status: 0 done, 1 the build could not be completed, 2 bad input or "
           "usage."),
)

class _Command(clitext.Command):
    """A command whose usage line names its arguments as their help does (SPEC..., [SPEC]; not
    typer's {spec}), and which suggests an option only for a likely typo of its name (click
    compares with the dashes, so --bogus was offered --jobs)."""

    def collect_usage_pieces(self, ctx) -> list[str]:
        return [p.strip("{}") for p in super().collect_usage_pieces(ctx)]

    def parse_args(self, ctx, args):
        try:
            return super().parse_args(ctx, args)
        except NoSuchOption as e:
            import difflib

            names = {o[2:]: o for p in self.params for o in getattr(p, "opts", []) if o.startswith("--")}
            close = difflib.get_close_matches(e.option_name.lstrip("-"), names, cutoff=0.75)
            e.possibilities = [names[n] for n in close]
            raise


def _command_of(summary: str, text: str):
    """app.command with _Command, a summary for the command list (click cuts the help's first
    sentence at 45 characters with "...") and its help (given here, not as the docstring, so
    that it goes through the catalog)."""
    return app.command(cls=_Command, short_help=summary, help=text)


STDOUT_NAME = "-"  # output.STDOUT: as -o, standard output


def _report(err: BulletinError) -> int:
    for msg in err.messages():
        typer.echo(_("error: {msg}").format(msg=msg), err=True)
    return err.exit_code


def _command(body):
    """The one place where a command's outcome becomes the exit status: the body returns a
    status (None: 0) or raises a BulletinError, printed as `error: ...` without a traceback."""

    @functools.wraps(body)
    def command(*args, **kwargs):
        try:
            status = body(*args, **kwargs)
        except BulletinError as e:
            status = _report(e)
        raise typer.Exit(status or 0)

    return command


def _unexpected(spec: Path, e: Exception) -> BulletinError:
    """An exception nothing expected is our bug: one line naming the spec, never a traceback
    (BULLETIN_DEBUG=1 shows it), and the other specs of a `check` still get checked."""
    if os.environ.get("BULLETIN_DEBUG"):
        traceback.print_exc()
    return BulletinError(_("{spec}: internal error, please report it: {name}: {e}").format(
        spec=spec, name=type(e).__name__, e=e))


# The options of a build, declared once so that build, check, watch and fonts mean the same by
# them; _options() makes the one BuildOptions from them.
# Their placeholders (SPEC, FILE, DIR) are the user's words, as the messages name them
# (请用 -o 文件, --out-dir 文件夹); N and YYYY-MM-DD read the same in every language.
Strict = Annotated[bool, typer.Option(
    "--strict", help=_("Fail (exit 1, nothing written) if a character has no glyph (check: "
                       "also if a proofreading note remains)."))]
FontDirs = Annotated[list[Path] | None, typer.Option(
    "--font-dir", metavar=_("DIR"), help=_("Also look for font families here (repeatable)."))]
Official = Annotated[bool | None, typer.Option(
    "--official-fonts/--bundled-fonts",
    help=_("The official faces (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312, 宋体) are used where "
           "installed (the default); --official-fonts also says which are missing. --bundled-fonts: only "
           "the bundled faces, the same bytes on every machine."))]
Formats = Annotated[str | None, typer.Option(
    "--format", metavar=_("FORMATS"), help=_("pdf, ofd, or pdf,ofd for both from one layout "
                                          "(default: from -o)."))]
Duplex = Annotated[bool, typer.Option(
    "--duplex", help=_("Print both sides: colophon on an even page, even page count (as "
                       "style.duplex: true)."))]
Marks = Annotated[bool, typer.Option(
    "--marks", help=_("For the press: A4 plus 3 mm bleed, crop marks, TrimBox and BleedBox."))]
PdfA = Annotated[bool, typer.Option(
    "--pdfa", help=_("Write PDF/A-2b for archives (CMYK FOGRA39 output intent)."))]
Root = Annotated[Path | None, typer.Option(
    "--root", metavar=_("DIR"), help=_("Every file a spec names must lie under DIR (default: "
                                    "$BULLETIN_ROOT, else the current folder, or the spec's "
                                    "own when it lies elsewhere)."))]
PdfUa = Annotated[bool, typer.Option(
    "--pdfua", help=_("Declare PDF/UA-1 (accessible PDF); refuses a photo with neither "
                      "caption: nor alt:."))]


def _options(strict: bool = False, font_dir: list[Path] | None = None, official: bool | None = None,
             formats: str | None = None, duplex: bool = False, marks: bool = False,
             pdfa: bool = False, pdfua: bool = False, root: Path | None = None) -> BuildOptions:
    return BuildOptions(strict=strict, font_dirs=tuple(font_dir or ()), official=official,
                        formats=parse_formats(formats), duplex=duplex, marks=marks, pdfa=pdfa, pdfua=pdfua,
                        root=root)


def _notes(notes: list[str]) -> None:
    for note in notes:
        typer.echo(_("note: {note}").format(note=note), err=True)


@app.callback()
def main() -> None:
    """-V/--version and -h/--help are clitext's, on every command."""


@_command_of(_("Write a new issue spec from the template, or the issue after --from."),
             _("Write a commented issue spec that builds as it is (or the next issue of a series)."))
@_command
def new(
    path: Path = typer.Argument(..., metavar=_("PATH"),
        help=_("Where to write the new spec (e.g. issue-12.yaml).")),
    force: bool = typer.Option(False, "--force", help=_("Replace an existing file (kept as "
                                                        ".bak).")),
    previous: Path | None = typer.Option(
        None, "--from", metavar=_("PREVIOUS"),
        help=_("Write the issue after PREVIOUS.yaml: same series, number + 1.")),
    date: str | None = typer.Option(None, "--date", metavar="YYYY-MM-DD",
                                    help=_("The new issue's date (default: today).")),
    articles: list[Path] | None = typer.Option(
        None, "--articles", metavar=_("FOLDER|FILE"),
        help=_("An article per .docx/.md/.txt (or .doc/.wps/.rtf/.odt) file of FOLDER, in name order "
               "(repeatable: files one by one).")),
    as_json: bool = typer.Option(False, "--json", help=_("Print what was taken from each file as JSON.")),
) -> None:
    _may_write_spec(path, force)
    day = _issue_date(date)
    taken, listed = None, None
    if articles:
        from .articles import articles_yaml, take_all

        taken = take_all([str(a) for a in articles], str(path))
        listed = articles_yaml(taken)
    if previous is not None:
        from .nextissue import next_issue

        text = next_issue(str(previous), str(path), day, listed)
    else:
        from .nextissue import template

        text = template(day, listed)
    from .output import backup, write_atomic

    try:
        kept = None
        if path.exists() and path.read_bytes() != text.encode("utf-8"):  # the template needs no copy
            kept = backup(path)  # never over a .bak holding something else: .bak.1, .bak.2, …
        write_atomic(path, text.encode("utf-8"))
    except OSError as e:
        raise InputError(_("{path}: cannot write: {strerror}").format(
            path=path, strerror=e.strerror)) from None
    if kept:
        typer.echo(_("kept the previous {path} as {kept}").format(path=path, kept=kept), err=True)
    if as_json:
        _echo_json({"wrote": str(path), "articles": [t.data() for t in taken or []]})
        return
    for article in taken or []:
        typer.echo(article.line())
    if taken:
        from .articles import outside_root

        for note in outside_root(taken, str(path)):
            typer.echo(note, err=True)
    typer.echo(_("wrote {path}; build it with: bulletin build {path}").format(path=path))


def _may_write_spec(path: Path, force: bool) -> None:
    if path.is_dir():
        raise InputError(_("{path}: is a folder; give a file name such as {n}").format(
            path=path, n=path / 'issue.yaml'))
    if path.exists() and not path.is_file():  # reading a FIFO to back it up would wait forever
        raise InputError(_("{path}: is not a regular file (a pipe, socket or device); give the "
                           "name of a spec file to write").format(path=path))
    if path.exists() and not force:
        raise InputError(_("{path}: already exists; use --force to replace it (a .bak is kept)").format(
            path=path))
    # A folder that does not exist yet is made (write_atomic), as scaffolding tools and -o do;
    # one that is a file is named here, not as the system's "Not a directory"
    if path.parent.exists() and not path.parent.is_dir():
        raise InputError(_("{path}: {parent} is a file, not a folder").format(path=path, parent=path.parent))


def _issue_date(date: str | None):
    import datetime as dt

    try:
        return dt.date.fromisoformat(date) if date else dt.date.today()
    except ValueError:
        raise InputError(_("--date: expected a date like 2026-01-22, got '{date}'").format(
            date=date)) from None


@_command_of(_("Build the PDF (or OFD) of each spec."),
             _("Build the PDF bulletin of each SPEC. Exit 2 if any spec is invalid, 1 if any build failed."))
@_command
def build(
    specs: list[str] = typer.Argument(
        ..., metavar=_("SPEC..."),
        help=_("Issue specs (YAML); a folder stands for its *.yaml; - reads standard input.")),
    output: str | None = typer.Option(
        None, "-o", "--output", metavar=_("FILE"),
        help=_("PDF (.pdf) or OFD (.ofd) to write for one SPEC (default: SPEC with .pdf); - "
               "writes it to standard output.")),
    out_dir: Path | None = typer.Option(
        None, "--out-dir", metavar=_("DIR"), help=_("Write each PDF into DIR, named after its "
                                                 "spec.")),
    formats: Formats = None,
    jobs: int | None = typer.Option(None, "--jobs", "-j", min=1, metavar="N",
                                    help=_("Build in N worker processes (default: the number "
                                           "of cores).")),
    strict: Strict = False,
    as_json: bool = typer.Option(
        False, "--json", help=_("Print one JSON list, a record per spec (see README).")),
    font_dir: FontDirs = None,
    official: Official = None,
    duplex: Duplex = False,
    marks: Marks = False,
    pdfa: PdfA = False,
    pdfua: PdfUa = False,
    root: Root = None,
) -> int:
    from . import batch
    from .report import exit_status

    options = _options(strict, font_dir, official, formats, duplex, marks, pdfa, pdfua, root)
    if as_json and output == STDOUT_NAME:
        raise InputError(_("-o - and --json both write to standard output; choose one"))
    planned = batch.plan(specs, output, out_dir, options.formats)
    try:
        with _Progress(planned, as_json) as progress:
            reports = batch.run(planned, jobs or batch.default_jobs(), options, progress.done)
    except batch.Interrupted as e:  # the workers have stopped and removed their temp files
        typer.echo(_("interrupted: {built} of {n} specs built").format(
            built=e.built, n=len(planned)), err=True)
        return 130
    if as_json:
        _echo_json([r.as_json() for r in reports])
    return exit_status(reports)


@_command_of(_("Rebuild a spec's PDF whenever its files change."),
             _("Rebuild SPEC whenever it or any file its build reads changes (Ctrl-C stops)."))
@_command
def watch(
    spec: Path = typer.Argument(..., metavar=_("SPEC"),
        help=_("The issue spec (YAML) to rebuild on every change.")),
    output: Path | None = typer.Option(None, "-o", "--output", metavar=_("FILE"),
                                       help=_("PDF (.pdf) or OFD (.ofd) to write (default: "
                                              "SPEC with .pdf).")),
    formats: Formats = None,
    strict: Strict = False,
    font_dir: FontDirs = None,
    official: Official = None,
    duplex: Duplex = False,
    marks: Marks = False,
    pdfa: PdfA = False,
    pdfua: PdfUa = False,
    root: Root = None,
) -> None:
    from .watch import watch as run_watch

    options = _options(strict, font_dir, official, formats, duplex, marks, pdfa, pdfua, root)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how a watch ends: exit 0
        run_watch(spec, output, options, typer.echo, lambda line: typer.echo(line, err=True))


class _Progress:
    """What `build` shows as specs finish: errors and warnings on stderr; `wrote ...` on stdout
    (stderr when the PDF itself goes to stdout; nothing with --json). On a terminal, a progress
    bar over several specs; otherwise, with --json, one plain line per spec on stderr."""

    def __init__(self, jobs, as_json: bool):
        self.jobs, self.as_json = jobs, as_json
        self.bar = None
        self.pages = 0

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
                                TextColumn(counted(2, "page").replace("2", "{task.fields[pages]}", 1)),
                                TimeElapsedColumn(),
                                TimeRemainingColumn(), console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task(_("building"), total=len(self.jobs), pages=0)
        return self

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()

    def _err(self, text: str) -> None:
        if self.bar is not None:
            self.bar.console.print(text, markup=False, highlight=False)
        else:
            typer.echo(text, err=True)

    def done(self, i: int, report) -> None:
        """Show one SpecReport as its spec finishes."""
        for problem in report.errors:
            self._err(_("error: {msg}").format(msg=problem.format()))
        note = _("note: {note}").format(note="")  # report.warnings says notes as notes
        for w in report.warnings:
            self._err(w if w.startswith(note) else _("warning: {text}").format(text=w))
        pages = report.result.pages if report.result else 0
        for out in report.result.outputs if report.result else []:
            self._wrote(_("wrote {path} ({pages}, {kb:.0f} KB)").format(
                path=out.path, pages=counted(pages, "page"), kb=out.size / 1024), str(out.path))
        if report.status != "ok" and self.as_json and self.bar is None:
            self._err((_("invalid {spec}") if report.status == "invalid" else _("failed {spec}")).format(
                spec=report.input))
        if self.bar is not None:
            self.pages += pages
            self.bar.update(self.task, advance=1, pages=self.pages, description=Path(report.input).name)

    def _wrote(self, line: str, output: str) -> None:
        if self.as_json:
            if self.bar is None:
                self._err(line)
        elif output == STDOUT_NAME or self.bar is not None:
            self._err(line)
        else:
            typer.echo(line)


@_command_of(_("Validate and proofread specs without writing; --fix mends them."),
             _("Validate specs, check every glyph, lay them out and proofread them, without writing a "
               "PDF. A series file (no articles) is validated and proofread."))
@_command
def check(
    specs: list[Path] = typer.Argument(..., metavar=_("SPEC..."),
        help=_("Issue specs (or series files) to check.")),
    strict: Strict = False,
    fix: bool = typer.Option(False, "--fix", help=_("Apply the safe proofreading fixes to each "
                                                    "spec in place (the previous file is kept "
                                                    "as .bak).")),
    dry_run: bool = typer.Option(False, "--dry-run", help=_("With --fix: print the changes as "
                                                            "a unified diff, write nothing.")),
    font_dir: FontDirs = None,
    official: Official = None,
    duplex: Duplex = False,
    root: Root = None,
) -> int:
    if dry_run and not fix:
        raise InputError(_("--dry-run goes with --fix"))
    options = _options(strict, font_dir, official, duplex=duplex, root=root)
    return max([_check_and_say(spec, options, fix, dry_run) for spec in specs])


def _check_and_say(spec: Path, options: BuildOptions, fix: bool, dry_run: bool) -> int:
    """Check one spec and say what became of it; its exit status."""
    from .report import missing_warning

    try:
        result, findings = _check_one(spec, options, fix, dry_run)
    except BulletinError as e:
        return _report(e)
    except Exception as e:
        return _report(_unexpected(spec, e))
    if result is not None:
        _notes(result.notes)
        if result.missing:
            typer.echo(_("warning: {missing_warning}").format(
                missing_warning=missing_warning(result.missing)), err=True)
    for finding in findings:
        typer.echo(_("warning: {text}").format(text=finding.format()), err=True)
    if fix:
        _notes(_elsewhere(findings, spec))
    notes = _(", {count}").format(count=counted(len(findings), "proofreading note")) if findings else ""
    what = _("a series file") if result is None else counted(result.pages, "page")
    # `check --fix -` writes the mended spec to stdout: the verdict goes to stderr then
    typer.echo(_("ok {spec} ({what}{notes})").format(spec=spec, what=what, notes=notes),
               err=str(spec) == "-" and fix and not dry_run)
    return 1 if options.strict and findings else 0


def _check_one(spec: Path, options: BuildOptions, fix: bool, dry_run: bool):
    """Check and proofread one spec, `-` (standard input) or a series file; with `fix` mend it:
    in place (a .bak kept), or for `-` the whole mended spec to standard output; with dry_run
    print the diff instead. (result, the marks left); result is None for a series file: a part
    of issues (no articles, even merged with what it extends), validated and proofread only."""
    from .output import stdout_bytes
    from .pipeline import check as run_check
    from .proofread.fix import fix_spec, unified_diff, write_fixed
    from .proofread.marks import proofread_spec
    from .spec.reader import load

    stdin = str(spec) == "-"
    # the one read: checked, proofread and fixed from it
    loaded = load(str(spec), series=True, root=options.root)
    result = None if loaded.spec is None else run_check(loaded, options)
    findings = proofread_spec(loaded) if result is None else result.proofreading
    if not fix or not (findings or stdin):
        return result, findings
    try:
        fixed = fix_spec(loaded)
    except ValueError as e:  # the read-back guard: never write what would not read back
        raise BuildError(str(e)) from None
    if dry_run:
        before = loaded.source.spec_file.written
        typer.echo(unified_diff(before, fixed.text, loaded.source.name) if fixed.changed else "", nl=False)
    elif stdin:
        stdout_bytes("check --fix -").write(fixed.text.encode("utf-8"))
        sys.stdout.flush()
    elif fixed.changed:
        kept = write_fixed(spec, loaded, fixed)
        typer.echo(_("fixed {count} in {spec} (the previous file is kept as {kept})").format(
            count=counted(fixed.changed, 'place'), spec=spec, kept=kept),
                   err=True)
    return result, findings if fixed.loaded is loaded else proofread_spec(fixed.loaded)


def _elsewhere(findings, spec: Path) -> list[str]:
    """What `check --fix SPEC` leaves because it edits SPEC only: marks in the series files it
    extends (shared by every issue: mended by `check --fix SERIES`) and in body files."""
    from .spec.source import STDIN_NAME

    name = STDIN_NAME if str(spec) == "-" else str(spec)
    files: dict[str, list] = {}
    for f in findings:
        if f.file != name and f.fix is not None:
            files.setdefault(f.file, []).append(f)
    return [(_("{count} in {file}: fix them in the source document") if found[0].document else
             _("{count} in {file}, which {name} extends: bulletin check --fix {file} mends them")).format(
                 count=counted(len(found), "proofreading note"), file=file, name=name)
            for file, found in files.items()]


@_command_of(_("Show the face, licence and coverage of each font role."),
             _("Show which face draws each role, its file, licence and coverage of GB2312 and the 8105 "
               "list."))
@_command
def fonts(
    spec: Path | None = typer.Argument(None, metavar=_("[SPEC]"),
        help=_("A spec whose style.fonts to resolve (default: none).")),
    font_dir: FontDirs = None,
    official: Official = None,
    show_all: bool = typer.Option(False, "--all", help=_("List every font family found on this "
                                                         "machine.")),
    as_json: bool = typer.Option(False, "--json", help=_("Print the rows as JSON.")),
    root: Root = None,
) -> None:
    try:
        options = _options(font_dir=font_dir, official=official, root=root)
        columns, rows, notes = _font_rows(spec, options, show_all)
    except BulletinError:
        raise
    except Exception as e:  # as build and check: one line, exit 1, no traceback
        raise _unexpected(spec or Path("bulletin fonts"), e) from None
    if as_json:
        _echo_json({"fonts": rows, "notes": notes}, default=str)
        return
    from .fonttable import print_table

    print_table(columns, rows)
    _notes(notes)


def _font_rows(spec: Path | None, options: BuildOptions, show_all: bool):
    """(columns, rows, notes) for `bulletin fonts`: every installed family, or the roles' faces."""
    from .fonts import resolve as fontmod
    from .spec.reader import load_spec

    if show_all:
        columns = ["family", "style", "file", "index", "usable", "why"]
        return columns, fontmod.installed_rows(options.font_dirs), []
    loaded = load_spec(spec, root=options.root) if spec else None
    resolution = fontmod.resolve(loaded, options.font_dirs, options.official)
    rows = fontmod.report_rows(resolution)
    for r in rows:
        r["GB2312"] = f"{r['gb2312']}/{r['gb2312_total']}"
        r["8105"] = f"{r['tongyong']}/{r['tongyong_total']}"
    return ["role", "family", "source", "file", "licence", "GB2312", "8105"], rows, resolution.notes


@_command_of(_("Print the JSON Schema of the spec, for editors."),
             _("Print the JSON Schema of the spec (for editors: VS Code YAML's yaml.schemas)."))
def schema(
    report: bool = typer.Option(False, "--report", help=_("The schema of `build --json`'s "
                                                          "report instead.")),
) -> None:
    if report:
        from .report import REPORT_SCHEMA as document
    else:
        from .schema import spec_schema

        document = spec_schema()
    _echo_json(document, indent=2)


def _echo_json(document, **how) -> None:
    """JSON on standard output: its Chinese as it is when the output is UTF-8, else escaped
    (\\uXXXX, the same JSON), so that the bytes mean the same to whatever reads them. A GBK
    console and 𪚥 ended in a traceback, and `--json > report.json` on Chinese Windows (where
    a redirected output is in the ANSI code page) wrote GBK that a JSON reader takes for UTF-8."""
    import codecs

    try:
        utf8 = codecs.lookup(getattr(sys.stdout, "encoding", None) or "utf-8").name == "utf-8"
    except LookupError:
        utf8 = False
    typer.echo(json.dumps(document, ensure_ascii=not utf8, **how))


def _forgiving_output() -> None:
    """What a console cannot encode is shown escaped (\\U0002a6a5 for 𪚥 on a GBK console),
    never an error: standard error does so by default, standard output is made to. Bytes
    written to standard output (-o -) go through its buffer and are not touched."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):  # replaced, or closed (>&-)
            stream.reconfigure(errors="backslashreplace")


def run() -> None:
    if getattr(sys, "frozen", False):  # a frozen app (PyInstaller): a batch's workers start here
        import multiprocessing

        multiprocessing.freeze_support()  # a worker runs its task and exits instead of the CLI
    _forgiving_output()
    try:
        app()
    except KeyboardInterrupt:
        typer.echo(_("interrupted"), err=True)
        sys.exit(130)
