"""Many specs in one call: which specs, built where, in how many worker processes, and the one
report (a record per spec, in the order given) that scripts read.

A worker process keeps the faces it parsed (pdf.py, metrics.py cache them per process), so fonts
are parsed once per worker, not once per spec. Faces are named by file and face, never by load
order, so a spec's bytes do not depend on which worker built it or what it built before.
"""
from __future__ import annotations

import os
import signal
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import BulletinError, InputError, Problem
from .pipeline import FontOptions, missing_report

if TYPE_CHECKING:
    from concurrent.futures import Future

STDIN = "-"  # as a SPEC: the spec is read from standard input (as -o, build.STDOUT)
STDIN_NAME = "<stdin>"


@dataclass(frozen=True)
class Job:
    """One spec to build: where it comes from (a path, or the text read from stdin) and where to."""

    input: str  # as the report names it: the path given, or "-"
    output: str | None  # a path, "-" for stdout, or None: beside the spec, named after it
    text: str | None = None  # the spec itself when it came from stdin


def expand(specs: list[str]) -> list[str]:
    """The spec files named: a folder stands for its *.yaml files (sorted by name)."""
    out: list[str] = []
    for s in specs:
        p = Path(s)
        if s != STDIN and p.is_dir():
            found = sorted(str(f) for f in p.iterdir() if f.suffix == ".yaml" and f.is_file())
            if not found:
                raise InputError(f"{s}: folder holds no .yaml spec")
            out += found
        else:
            out.append(s)
    return out


def plan(specs: list[str], output: str | None, out_dir: Path | None,
         formats: list[str] | None = None) -> list[Job]:
    """Each spec with its output: -o for a single spec, else in --out-dir, else beside the spec."""
    names = expand(specs)
    if names.count(STDIN) > 1:
        raise InputError("'-' (the spec on standard input) can be given only once")
    if output is not None and len(names) > 1:
        raise InputError(f"-o names one output but {len(names)} specs were given; use --out-dir DIR")
    if output == STDIN and formats and len(set(formats)) > 1:  # "-" as -o is standard output
        raise InputError(f"-o - writes one file to standard output, but --format asks for "
                         f"{','.join(formats)}; choose one format, or give -o FILE")
    if output is not None and out_dir is not None:
        raise InputError("give either -o or --out-dir, not both")
    if out_dir is not None and not out_dir.is_dir():
        raise InputError(f"{out_dir}: --out-dir folder does not exist")
    if STDIN in names and output is None and out_dir is None:
        raise InputError("a spec read from standard input needs -o FILE (or -o -) or --out-dir DIR")
    text = sys.stdin.read() if STDIN in names else None
    suffix = ".ofd" if formats == ["ofd"] else ".pdf"  # several formats: build names each one
    jobs = []
    for name in names:
        if output is not None:
            out: str | None = output
        elif out_dir is not None:
            stem = "stdin" if name == STDIN else Path(name).stem
            out = str(out_dir / f"{stem}{suffix}")
        else:
            out = None
        jobs.append(Job(name, out, text if name == STDIN else None))
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
            raise InputError(f"{first[1]} and {job.input} would both be written to {out}; "
                             "build them into different --out-dir folders, or rename one")


def build_one(job: Job, strict: bool, fonts: FontOptions, formats: list[str] | None = None,
              press: dict[str, bool] | None = None) -> dict[str, Any]:
    """Build one spec and describe the outcome as a report record; never raises for bad input.
    press: build()'s print options (duplex, marks, pdfa), the same for every spec of a call."""
    from .pipeline import build
    from .spec.reader import parse_spec

    started = time.perf_counter()
    record: dict[str, Any] = {"input": job.input, "output": job.output or str(Path(job.input).with_suffix(".pdf")),
                              "status": "ok", "pages": 0, "bytes": 0, "seconds": 0.0, "warnings": [], "errors": []}
    try:
        root = (press or {}).get("root")  # a spec from stdin reads files under the same root
        spec = parse_spec(job.text, STDIN_NAME, root) if job.text is not None else job.input
        result = build(spec, job.output, strict=strict, fonts=fonts, formats=formats, **(press or {}))
    except BulletinError as e:
        record.update(status="invalid" if isinstance(e, InputError) else "failed", errors=_errors(e, job))
    except OSError as e:
        where = getattr(e, "filename", None) or job.output or job.input
        record.update(status="failed", errors=[_error(Problem(str(where), 0, 0, "", e.strerror or str(e)))])
    except Exception as e:  # our bug: reported for this spec; the other specs still get built
        if os.environ.get("BULLETIN_DEBUG"):
            traceback.print_exc()
        message = f"internal error, please report it: {type(e).__name__}: {e}"
        record.update(status="failed", errors=[_error(Problem(job.input, 0, 0, "", message))])
    else:
        warnings = [f"note: {n}" for n in result.notes]
        if result.missing:
            distinct = len({m.char for m in result.missing})
            warnings.append(f"{distinct} character(s) no font can draw, printed as boxes:\n"
                            + "\n".join(missing_report(result.missing)))
        if result.proofreading:
            warnings.append(f"note: {len(result.proofreading)} proofreading notes; see bulletin check {job.input}")
        record.update(
            output=str(result.output), pages=result.pages, bytes=result.size, warnings=warnings,
            outputs=[{"format": fmt, "output": str(out), "bytes": size} for fmt, out, size in result.outputs],
            missing=[{"char": m.char, "codepoint": f"U+{ord(m.char):04X}", "where": m.where,
                      "context": m.context} for m in result.missing],
            fonts=result.fonts, notes=result.notes,
            proofreading=[f.as_json() for f in result.proofreading])
    record["seconds"] = round(time.perf_counter() - started, 3)
    return record


def _errors(e: BulletinError, job: Job) -> list[dict[str, Any]]:
    problems = getattr(e, "problems", None) or [Problem(job.input, 0, 0, "", str(e))]
    return [_error(p if p.file else Problem(job.input, 0, 0, p.path, p.message, p.hint)) for p in problems]


def _error(p: Problem) -> dict[str, Any]:
    return {"file": p.file, "line": p.line or None, "column": p.col or None, "field": p.path or None,
            "message": p.message, "hint": p.hint, "text": p.format()}


def exit_status(records: list[dict[str, Any]]) -> int:
    statuses = {r["status"] for r in records}
    return 2 if "invalid" in statuses else 1 if "failed" in statuses else 0


_building = False  # in a worker process: whether a spec is being built right now


def _worker_init() -> None:
    # Ctrl-C reaches the workers from the terminal and from the parent (run). The first stops
    # the spec being built (its temp file is removed as the exception unwinds); another must
    # not cut that short, and an idle worker has nothing to stop (it just exits at shutdown).
    def stop(signum, frame):
        if _building:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            raise KeyboardInterrupt

    signal.signal(signal.SIGINT, stop)


def _build_in_worker(job: Job, strict: bool, fonts: FontOptions, formats: list[str] | None,
                     press: dict[str, bool] | None) -> dict[str, Any]:
    global _building
    _building = True
    try:
        return build_one(job, strict, fonts, formats, press)
    except KeyboardInterrupt:
        return {"input": job.input, "output": job.output, "status": "failed", "pages": 0, "bytes": 0,
                "seconds": 0.0, "warnings": [], "errors": [_error(Problem(job.input, 0, 0, "", "interrupted"))]}
    finally:
        _building = False


def run(jobs: list[Job], workers: int, strict: bool, fonts: FontOptions, formats: list[str] | None,
        done: Callable[[int, dict[str, Any]], None], press: dict[str, bool] | None = None) -> list[dict[str, Any]]:
    """Build every job; call done(i, record) as each finishes; return records in job order.
    One worker builds in this process; more build in worker processes."""
    records: list[dict[str, Any] | None] = [None] * len(jobs)
    if workers <= 1 or len(jobs) == 1:
        for i, job in enumerate(jobs):
            records[i] = build_one(job, strict, fonts, formats, press)
            done(i, records[i])
        return records  # type: ignore[return-value]
    from concurrent.futures import ProcessPoolExecutor, as_completed  # only with workers

    pool = ProcessPoolExecutor(max_workers=min(workers, len(jobs)), initializer=_worker_init)
    try:
        futures: dict[Future, int] = {pool.submit(_build_in_worker, job, strict, fonts, formats, press): i
                                      for i, job in enumerate(jobs)}
        for future in as_completed(futures):
            i = futures[future]
            records[i] = future.result()
            done(i, records[i])
    except BaseException:
        # Ctrl-C (or anything else): nothing new starts, and running builds are told to stop,
        # each removing its own temp file, before this process exits.
        for p in list(getattr(pool, "_processes", {}).values()):
            try:
                os.kill(p.pid, signal.SIGINT)
            except OSError:
                pass
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return records  # type: ignore[return-value]


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


_LOCATION = {"type": ["integer", "null"], "minimum": 1}
REPORT_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "bulletin build --json report",
    "description": "One record per spec, in the order the specs were given (a folder: its *.yaml by name).",
    "type": "array",
    "items": {
        "type": "object",
        "required": ["input", "output", "status", "pages", "bytes", "seconds", "warnings", "errors"],
        "properties": {
            "input": {"type": "string", "description": "the spec as given; - for standard input"},
            "output": {"type": ["string", "null"], "description": "the PDF; - for standard output"},
            "status": {"enum": ["ok", "invalid", "failed"],
                       "description": "invalid: bad input (exit 2); failed: could not be built (exit 1)"},
            "pages": {"type": "integer", "minimum": 0},
            "bytes": {"type": "integer", "minimum": 0},
            "seconds": {"type": "number", "minimum": 0},
            "warnings": {"type": "array", "items": {"type": "string"},
                         "description": "notes on fonts, characters printed as boxes, proofreading"},
            "errors": {"type": "array", "items": {
                "type": "object",
                "required": ["file", "line", "column", "field", "message"],
                "properties": {
                    "file": {"type": "string"}, "line": _LOCATION, "column": _LOCATION,
                    "field": {"type": ["string", "null"], "description": "e.g. articles[2].title"},
                    "message": {"type": "string"}, "hint": {"type": ["string", "null"]},
                    "text": {"type": "string", "description": "the whole message, as printed on stderr"},
                }}},
            "missing": {"type": "array", "description": "ok only: characters no font can draw",
                        "items": {"type": "object", "properties": {
                            "char": {"type": "string"}, "codepoint": {"type": "string"},
                            "where": {"type": "string"}, "context": {"type": "string"}}}},
            "fonts": {"type": "object", "description": "ok only: role -> font file drawn with",
                      "additionalProperties": {"type": "string"}},
            "notes": {"type": "array", "items": {"type": "string"}},
            "proofreading": {"type": "array", "items": {"type": "object"}},
            "outputs": {"type": "array", "description": "ok only: every file written (see --format)",
                        "items": {"type": "object", "required": ["format", "output", "bytes"], "properties": {
                            "format": {"enum": ["pdf", "ofd"]}, "output": {"type": "string"},
                            "bytes": {"type": "integer", "minimum": 0}}}},
        },
    },
}
