"""Many specs in one call: which specs, built where, in how many worker processes, and the one
report (a record per spec, in the order given) that scripts read.

A worker process keeps the faces it parsed (pdf.py, metrics.py cache them per process), so fonts
are parsed once per worker, not once per spec. Faces are named by file and face, never by load
order, so a spec's bytes do not depend on which worker built it or what it built before.
"""
from __future__ import annotations

import contextlib
import os
import signal
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import BulletinError, InputError, Problem
from .i18n import _
from .options import BuildOptions
from .output import existing_folder, stdout_bytes
from .report import SpecReport
from .spec.source import STDIN, read_stdin_spec

if TYPE_CHECKING:
    from concurrent.futures import Future


@dataclass(frozen=True)
class Job:
    """One spec to build: where it comes from (a path, or the bytes read from stdin) and where to."""

    input: str  # as the report names it: the path given, or "-"
    output: str | None  # a path, "-" for stdout, or None: beside the spec, named after it
    data: bytes | None = None  # the spec's bytes when it came from stdin (decoded by the reader)


def expand(specs: list[str]) -> list[str]:
    """The spec files named: a folder stands for its *.yaml files (sorted by name)."""
    out: list[str] = []
    for s in specs:
        p = Path(s)
        if s != STDIN and p.is_dir():
            found = sorted(str(f) for f in p.iterdir() if f.suffix == ".yaml" and f.is_file())
            if not found:
                raise InputError(_("{s}: folder holds no .yaml spec").format(s=s))
            out += found
        else:
            out.append(s)
    return out


def plan(specs: list[str], output: str | None, out_dir: Path | None,
         formats: Sequence[str] | None = None) -> list[Job]:
    """Each spec with its output: -o for a single spec, else in --out-dir, else beside the spec."""
    names = expand(specs)
    if names.count(STDIN) > 1:
        raise InputError(_("'-' (the spec on standard input) can be given only once"))
    if output is not None and len(names) > 1:
        raise InputError(_("-o names one output but {n} specs were given; use --out-dir DIR").format(
            n=len(names)))
    if output == STDIN and formats and len(set(formats)) > 1:  # "-" as -o is standard output
        raise InputError(_("-o - writes one file to standard output, but --format asks for "
                           "{names}; choose one format, or give -o FILE").format(names=','.join(formats)))
    if output == STDIN:
        stdout_bytes("-o -")  # refused up front when the shell closed it (>&-)
    if output is not None and out_dir is not None:
        raise InputError(_("give either -o or --out-dir, not both"))
    if out_dir is not None:
        existing_folder(out_dir, "--out-dir")  # made when the first output is written
    if STDIN in names and output is None and out_dir is None:
        raise InputError(_("a spec read from standard input needs -o FILE (or -o -) or "
                           "--out-dir DIR"))
    data = read_stdin_spec() if STDIN in names else None  # bounded; read before any worker starts
    suffix = ".ofd" if tuple(formats or ()) == ("ofd",) else ".pdf"  # several formats: build names each one
    jobs = []
    for name in names:
        if output is not None:
            out: str | None = output
        elif out_dir is not None:
            stem = "stdin" if name == STDIN else Path(name).stem
            out = str(out_dir / f"{stem}{suffix}")
        else:
            out = None
        jobs.append(Job(name, out, data if name == STDIN else None))
    _refuse_shared_outputs(jobs, suffix)
    return jobs


def _refuse_shared_outputs(jobs: list[Job], suffix: str) -> None:
    """Two different specs planned into one file (a/issue.yaml and b/issue.yaml in one
    --out-dir): the second would replace the first's without a word, both reported 'wrote'."""
    seen: dict[str, tuple[str, str]] = {}
    for job in jobs:
        out = job.output or str(Path(job.input).with_suffix(suffix))
        if out == STDIN:
            continue
        spec = job.input if job.input == STDIN else os.path.realpath(job.input)
        first = seen.setdefault(os.path.realpath(out), (spec, job.input))
        if first[0] != spec:
            raise InputError(_("{value} and {input} would both be written to {out}; build them "
                               "into different --out-dir folders, or rename one").format(
                                   value=first[1], input=job.input, out=out))


def build_one(job: Job, options: BuildOptions) -> SpecReport:
    """Build one spec and describe the outcome; never raises for bad input."""
    from .pipeline import build
    from .spec.reader import load

    started = time.perf_counter()
    planned = job.output or str(Path(job.input).with_suffix(".pdf"))
    try:
        # a spec from standard input is loaded here (to be proofread like a file), under the same root
        spec = load(STDIN, job.data, root=options.root) if job.data is not None else job.input
        result = build(spec, job.output, options)
    except BulletinError as e:
        return SpecReport.refused(job.input, planned, e, time.perf_counter() - started)
    except OSError as e:
        where = getattr(e, "filename", None) or job.output or job.input
        problem = Problem(str(where), 0, 0, "", e.strerror or str(e), code="output.unwritable")
    except Exception as e:  # our bug: reported for this spec; the other specs still get built
        if os.environ.get("BULLETIN_DEBUG"):
            traceback.print_exc()
        problem = Problem(job.input, 0, 0, "", _("internal error, please report it: {name}: {e}").format(
            name=type(e).__name__, e=e), code="internal")
    else:
        return SpecReport.built(job.input, result, time.perf_counter() - started)
    return SpecReport(job.input, planned, "failed", errors=[problem], seconds=time.perf_counter() - started)


# In a worker process: whether a spec is being built right now, and whether Ctrl-C has come
# (after which the worker starts nothing new: the jobs already queued to it are not built).
_building = False
_stopping = False


def _worker_init(sigint_ignored: bool) -> None:
    """A worker stops as the batch does. Started with Ctrl-C ignored (a shell's `&` job), the
    whole batch ignores it: a worker that took it back would fail its spec while the parent
    carried on. Otherwise Ctrl-C reaches the workers from the terminal and from the parent
    (run): the first stops the spec being built (its temp file is removed as the exception
    unwinds); another must not cut that short."""
    if sigint_ignored:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        return

    def stop(signum, frame):
        global _stopping
        _stopping = True
        if _building:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            raise KeyboardInterrupt

    def writing() -> None:  # files are being replaced: finish them and say so, then stop
        global _building
        _building = False

    from . import output

    output.on_write = writing
    signal.signal(signal.SIGINT, stop)


def _build_in_worker(job: Job, options: BuildOptions) -> SpecReport:
    global _building
    interrupted = SpecReport(job.input, job.output, "failed",
                             errors=[Problem(job.input, 0, 0, "", _("interrupted"), code="interrupted")])
    if _stopping:
        return interrupted
    _building = True
    try:
        return build_one(job, options)
    except KeyboardInterrupt:
        return interrupted
    finally:
        _building = False


class Interrupted(KeyboardInterrupt):
    """Ctrl-C stopped a batch after `built` specs were built (their files written)."""

    def __init__(self, built: int):
        super().__init__(built)
        self.built = built


def run(jobs: list[Job], workers: int, options: BuildOptions,
        done: Callable[[int, SpecReport], None]) -> list[SpecReport]:
    """Build every job; call done(i, report) as each finishes; return the reports in job order.
    One worker builds in this process; more build in worker processes. Ctrl-C raises
    Interrupted, once done() has heard of every spec built before the workers stopped."""
    if workers <= 1 or len(jobs) == 1:
        reports: list[SpecReport] = []
        try:
            for i, job in enumerate(jobs):
                reports.append(build_one(job, options))
                done(i, reports[i])
        except KeyboardInterrupt:
            raise Interrupted(sum(r.status == "ok" for r in reports)) from None
        return reports
    from concurrent.futures import ProcessPoolExecutor, as_completed  # only with workers

    ignored = signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    pool = ProcessPoolExecutor(max_workers=min(workers, len(jobs)), initializer=_worker_init,
                               initargs=(ignored,))
    futures: dict[Future, int] = {}
    shown: set[int] = set()
    try:
        futures = {pool.submit(_build_in_worker, job, options): i for i, job in enumerate(jobs)}
        for future in as_completed(futures):
            done(futures[future], future.result())
            shown.add(futures[future])
    except BaseException as e:
        # Ctrl-C (or anything else): nothing new starts, and running builds are told to stop,
        # each removing its own temp file, before this process exits.
        _stop(pool)
        if isinstance(e, KeyboardInterrupt):
            raise Interrupted(_built_meanwhile(futures, shown, done)) from None
        raise
    pool.shutdown(wait=True)
    return [f.result() for f in sorted(futures, key=futures.__getitem__)]


def _stop(pool) -> None:
    for p in list(getattr(pool, "_processes", {}).values()):
        with contextlib.suppress(OSError):  # gone already
            os.kill(p.pid, signal.SIGINT)
    pool.shutdown(wait=True, cancel_futures=True)


def _built_meanwhile(futures: dict[Future, int], shown: set[int],
                     done: Callable[[int, SpecReport], None]) -> int:
    """After Ctrl-C: how many specs were built (their files written), counted from what the
    workers returned, not from what was shown; done() hears of those it has not yet."""
    built = 0
    for future, i in futures.items():
        finished = future.done() and not future.cancelled() and future.exception() is None
        if finished and future.result().status == "ok":
            built += 1
            if i not in shown:
                done(i, future.result())
    return built


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


