"""bulletin beside Typst, same machine, same moment: the seed issue built cold (a whole process
each time) and a 20-issue batch, with wall time ratios and peak memory. Not a test: report the
numbers, never assert them.

    pip install typst            # the rival; not a dependency of bulletin
    python benchmarks/bench_vs_typst.py [-n 5] [--jobs 2]

Typst sets /work/shared/anchors/typst/bulletin.typ (or $TYPST_ANCHOR) with the bundled fonts;
its batch is batch_typst.py: 20 compiles through one reused compiler in one process.
Peak memory is the largest resident set of any process of the run (getrusage of the children).

"Cold" is reported both ways: with bulletin's font cache (fonts.through_cache) emptied before
every run, as on a machine's very first build or after the fonts changed, and warm, as every
later build. Both start a new process each time, with Python's compiled modules (.pyc) in
place, as an installed bulletin has them (PYTHONDONTWRITEBYTECODE is dropped for the runs).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "liaocheng-11.yaml"
ANCHOR = Path(os.environ.get("TYPST_ANCHOR", "/work/shared/anchors/typst"))
FONTS = ROOT / "fonts"

# Runs one command as a child and prints its wall time and the peak RSS of it and its children.
# argv[1] is a folder to empty first (the font cache), or "" for none.
MEASURE = (
    "import resource, shutil, subprocess, sys, time\n"
    "if sys.argv[1]: shutil.rmtree(sys.argv[1], ignore_errors=True)\n"
    "t = time.perf_counter()\n"
    "subprocess.run(sys.argv[2:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(time.perf_counter() - t, r.ru_maxrss, r.ru_utime + r.ru_stime)\n"
)


def measure(cmd: list[str], n: int, env: dict, empty: Path | None = None) -> tuple[float, float, float]:
    """Median wall seconds of n runs, the peak MiB seen in any of them, and the median CPU
    seconds (user + system, all processes: on a busy machine wall time waits for other work,
    CPU time much less); `empty` is emptied before each run."""
    walls, peaks, cpus = [], [], []
    for _ in range(n):
        out = subprocess.run([sys.executable, "-c", MEASURE, str(empty or ""), *cmd], check=True,
                             capture_output=True, text=True, env=env).stdout.split()
        walls.append(float(out[0]))
        peaks.append(int(out[1]) / 1024)  # ru_maxrss is in KiB on Linux
        cpus.append(float(out[2]))
    return statistics.median(walls), max(peaks), statistics.median(cpus)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=5, help="runs per measurement (median)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--issues", type=int, default=20)
    args = ap.parse_args()
    load = os.getloadavg()[0]
    bulletin = [sys.executable, "-m", "bulletin_cli"]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        typ = tmp / "typst"
        shutil.copytree(ANCHOR, typ)
        ours, theirs = tmp / "ours", tmp / "theirs"
        (tmp / "out").mkdir()
        ours.mkdir()
        theirs.mkdir()
        seed_text = SEED.read_text("utf-8")
        typ_text = (typ / "bulletin.yaml").read_text("utf-8")
        for i in range(1, args.issues + 1):
            ours_text = re.sub(r"(?m)^  issue: \d+", f"  issue: {i}", seed_text, count=1)
            (ours / f"v{i:02}.yaml").write_text(ours_text, encoding="utf-8")
            theirs_text = re.sub(r"(?m)^issue: \d+", f"issue: {i}", typ_text, count=1)
            (theirs / f"v{i:02}.yaml").write_text(theirs_text, encoding="utf-8")
        typst_one = [sys.executable, "-c",
                     "import sys, typst; "
                     "typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]])",
                     str(typ / "bulletin.typ"), str(tmp / "typst.pdf"), str(FONTS)]
        cache = tmp / "cache"  # bulletin's own, emptied or kept as each row says
        env = {k: v for k, v in os.environ.items()
               if k not in ("PYTHONDONTWRITEBYTECODE", "BULLETIN_NO_CACHE")}
        env.update(FONT_PATHS=str(FONTS), BULLETIN_CACHE_DIR=str(cache))
        rows = []
        subprocess.run([*bulletin, "build", str(SEED), "-o", str(tmp / "warm.pdf")], check=True,
                       capture_output=True, env=env)  # .pyc files, the OS file cache, the font cache
        subprocess.run(typst_one, check=True, capture_output=True, env=env)
        one = [*bulletin, "build", str(SEED), "-o", str(tmp / "seed.pdf")]
        t1 = measure(typst_one, args.n, env)
        rows.append(("seed issue, new process, font cache empty", measure(one, args.n, env, cache), t1))
        rows.append(("seed issue, new process, font cache warm", measure(one, args.n, env), t1))
        many = [*bulletin, "build", str(ours), "--out-dir", str(tmp / "out"), "--jobs", str(args.jobs)]
        half = max(1, args.n // 2)
        tn = measure([sys.executable, str(typ / "batch_typst.py"), str(theirs)], half, env)
        what = f"{args.issues} issues, --jobs {args.jobs}"
        rows.append((f"{what}, font cache empty", measure(many, half, env, cache), tn))
        rows.append((f"{what}, font cache warm", measure(many, half, env), tn))
    print(f"machine: {os.cpu_count()} cores, {sys.platform}, Python {sys.version.split()[0]}; "
          f"Typst: one compile per process / {args.issues} compiles through one compiler")
    print(f"load average at the start: {load:.2f} (a busy machine stretches wall times, CPU times less)")
    print(f"{'':45} {'bulletin':>9} {'Typst':>7} {'ratio':>6} {'CPU: bulletin':>14} {'Typst':>6} {'ratio':>6}"
          f" {'MiB: bulletin':>14} {'Typst':>6}")
    for name, (bw, bm, bc), (tw, tm, tc) in rows:
        print(f"{name:45} {bw:8.2f}s {tw:6.2f}s {bw / tw:5.2f}x {bc:13.2f}s {tc:5.2f}s {bc / tc:5.2f}x"
              f" {bm:14.0f} {tm:6.0f}")


if __name__ == "__main__":
    main()
