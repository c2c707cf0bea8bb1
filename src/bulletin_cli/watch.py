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

from .errors import BulletinError
from .fonts.resolve import fonts_dir
from .pipeline import FontOptions, build
from .spec.reader import load


def watch(spec: Path, output: Path | None, strict: bool, fonts: FontOptions,
          say: Callable[[str], None], err: Callable[[str], None]) -> None:
    """Build, then rebuild on every change, until interrupted (KeyboardInterrupt)."""
    import watchfiles

    files = {Path(os.path.abspath(spec))}
    while True:
        before = _signature(files)
        read, line = _build(spec, output, strict, fonts, err)
        # the files this build read first, as they were when it ended: a save made once its line
        # is out must show as a change
        before |= _signature(read - before.keys())
        files |= read
        say(line)
        # Folders are watched, not files: editors save by writing a new file and renaming it
        # over the old one, which a watch on the old file would miss.
        wanted = {str(f) for f in files}
        folders = sorted({str(f.parent) for f in files if f.parent.is_dir()})
        for changes in watchfiles.watch(*folders, watch_filter=lambda _, p, w=wanted: os.path.abspath(p) in w,
                                        debounce=200, step=50, rust_timeout=500, yield_on_timeout=True):
            # rebuild, then watch again: the spec may now extend or name other files. A save the
            # watch did not report (made while building, before the watch was set up) still shows
            # in the files' stat, compared on every quiet half second: no change is ever lost.
            if changes or _signature(set(before)) != before:
                break


def _signature(files: set[Path]) -> dict[Path, tuple[int, int, int] | None]:
    out = {}
    for f in files:
        try:
            st = os.stat(f)
            out[f] = (st.st_mtime_ns, st.st_size, st.st_ino)
        except OSError:
            out[f] = None
    return out


def _build(spec: Path, output: Path | None, strict: bool, fonts: FontOptions,
           err: Callable[[str], None]) -> tuple[set[Path], str]:
    """One build: the files it read, to watch (as far as it got), and its line."""
    started, stamp = time.perf_counter(), dt.datetime.now().strftime("%H:%M:%S")
    inputs: tuple[str, ...] = ()  # every file the build read (as far as it got, if it failed)
    try:
        loaded = load(str(spec))
        inputs = tuple(loaded.source.inputs)
        result = build(loaded, output, strict=strict, fonts=fonts)
    except BulletinError as e:
        for message in e.messages():
            err(f"error: {message}")
        line = f"{stamp} {'invalid' if e.exit_code == 2 else 'failed'}: {spec} (the last good PDF is kept)"
        return _absolute(spec, inputs or getattr(e, "inputs", ())), line
    except OSError as e:
        line = f"{stamp} failed: {e.filename or spec}: {e.strerror or e} (the last good PDF is kept)"
        return _absolute(spec, inputs), line
    seconds = time.perf_counter() - started
    line = (f"{stamp} built {result.output} ({result.pages} pages, {result.size / 1024:.0f} KB, "
            f"{seconds:.1f} s)")
    bundled = fonts_dir().resolve()
    named = {Path(os.path.abspath(f.split("#")[0])) for f in result.fonts.values()}
    return _absolute(spec, inputs) | {f for f in named if f.resolve().parent != bundled}, line


def _absolute(spec: Path, inputs: tuple[str, ...]) -> set[Path]:
    return {Path(os.path.abspath(f)) for f in (str(spec), *inputs)}
