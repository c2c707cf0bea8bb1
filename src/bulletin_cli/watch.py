"""`bulletin watch SPEC`: rebuild whenever a file the build read changes (the spec, a series
file it extends, a body file, a picture, a font file it names); one line per build; an invalid
spec keeps the last good PDF (build never writes a failed one). Changes come from the operating
system (watchfiles: inotify, FSEvents, ...), not a polling loop."""
from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from pathlib import Path

from .errors import BulletinError, InputError
from .fonts.resolve import fonts_dir
from .i18n import _
from .options import BuildOptions
from .output import STDOUT, check_output, plan_outputs
from .pipeline import BuildResult, build
from .spec.reader import load
from .wording import counted


def watch(spec: Path, output: Path | None, options: BuildOptions,
          say: Callable[[str], None], err: Callable[[str], None]) -> None:
    """Build, then rebuild on every change, until interrupted (KeyboardInterrupt)."""
    import watchfiles

    _refuse_at_start(spec, output, options)
    files = {Path(os.path.abspath(spec))}
    while True:
        before = _signature(files)
        read, line = _build(spec, output, options, err)
        # the files this build read first, as they were when it ended: a save made once its line
        # is out must show as a change
        before |= _signature(read - before.keys())
        files |= read
        say(line)
        # Folders are watched, not files: editors save by writing a new file and renaming it
        # over the old one, which a watch on the old file would miss.
        wanted = {str(f) for f in files}
        folders = sorted({str(f.parent) for f in files if f.parent.is_dir()})
        def wanted_only(_change, path, wanted=wanted):
            return os.path.abspath(path) in wanted

        for changes in watchfiles.watch(*folders, watch_filter=wanted_only, debounce=200, step=50,
                                        rust_timeout=500, yield_on_timeout=True):
            # rebuild, then watch again: the spec may now extend or name other files. A save the
            # watch did not report (made while building, before the watch was set up) still shows
            # in the files' stat, compared on every quiet half second: no change is ever lost.
            if changes or _signature(set(before)) != before:
                break


def _refuse_at_start(spec: Path, output: Path | None, options: BuildOptions) -> None:
    """What no edit of the spec can mend ends the watch at once (InputError, exit 2) instead
    of an `invalid` line on every save: a spec that is not there (a typo), a folder or a pipe;
    outputs that cannot be written (--format, -o)."""
    if output is not None and str(output) == STDOUT:
        raise InputError(_("-o -: watch prints a line per build on standard output; give -o "
                           "FILE"))
    if not spec.is_file():
        from .spec.source import read_file

        read_file(os.fspath(spec))  # says why: no such file, a folder, a pipe
    for _fmt, out in plan_outputs(spec, output, options.formats):
        check_output(out, spec)


def _signature(files: set[Path]) -> dict[Path, tuple[int, int, int] | None]:
    out = {}
    for f in files:
        try:
            st = os.stat(f)
            out[f] = (st.st_mtime_ns, st.st_size, st.st_ino)
        except OSError:
            out[f] = None
    return out


def _build(spec: Path, output: Path | None, options: BuildOptions,
           err: Callable[[str], None]) -> tuple[set[Path], str]:
    """One build: the files it read, to watch (as far as it got), and its line."""
    started, stamp = time.perf_counter(), dt.datetime.now().strftime("%H:%M:%S")
    inputs: tuple[str, ...] = ()  # every file the build read (as far as it got, if it failed)
    try:
        loaded = load(str(spec), root=options.root)  # the root rule, as build's
        inputs = tuple(loaded.source.inputs)
        result = build(loaded, output, options)
    except BulletinError as e:
        for message in e.messages():
            err(_("error: {msg}").format(msg=message))
        line = (_("{time} invalid: {spec} (the last good PDF is kept)") if e.exit_code == 2 else
                _("{time} failed: {spec} (the last good PDF is kept)")).format(time=stamp, spec=spec)
        return _absolute(spec, inputs or getattr(e, "inputs", ())), line
    except OSError as e:
        line = _("{time} failed: {spec} (the last good PDF is kept)").format(
            time=stamp, spec=f"{e.filename or spec}: {e.strerror or e}")
        return _absolute(spec, inputs), line
    line = _("{time} built {what}").format(time=stamp, what=_built(result, time.perf_counter() - started))
    bundled = fonts_dir().resolve()
    named = {Path(os.path.abspath(f.split("#")[0])) for f in result.fonts.values()}
    return _absolute(spec, inputs) | {f for f in named if f.resolve().parent != bundled}, line


def _built(result: BuildResult, seconds: float) -> str:
    """`out.pdf (2 pages, 120 KB, 0.8 s)`; several formats: each file, their bytes together."""
    kb = sum(o.size for o in result.outputs) / 1024
    files = ", ".join(str(o.path) for o in result.outputs)
    return _("{files} ({pages}, {kb:.0f} KB, {seconds:.1f} s)").format(
        files=files, pages=counted(result.pages, "page"), kb=kb, seconds=seconds)


def _absolute(spec: Path, inputs: tuple[str, ...]) -> set[Path]:
    return {Path(os.path.abspath(f)) for f in (str(spec), *inputs)}
