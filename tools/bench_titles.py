"""Measure what breaking titles and bylines costs: time and peak memory against length.

    python tools/bench_titles.py [--src OTHER/src] [--sizes 1000 2000 4000]

A byline of N characters (issue #14: 1000 -> 2.9 s, 2000 -> 13 s, 4000 -> 73 s and 313 MB
before the breaker was made linear), then 1000 titles of 200 characters, each broken as layout
breaks them (22 pt titles: 20.1 cells; bylines 16 pt: 28 cells), with the break_title of --src
(default: this tree's). --cold SPEC: what words cost a cold build of SPEC: fresh processes
build it, counting the CPU time spent in bulletin_cli.text.words (names, reading the list,
segmenting), median of -n. Not a test: numbers depend on the machine; report them.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def half(s: str, at: int = 0) -> float:
    return 0.5 * len(s)


def run(label: str, fn) -> None:
    t = time.perf_counter()
    fn()
    wall = time.perf_counter() - t
    tracemalloc.start()  # a second run for memory: tracing slows Python several times
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"{label}: {wall:.2f} s, peak {peak / 2**20:.1f} MB")


COLD = """
import sys, tempfile, time
sys.path.insert(0, {src!r})
from bulletin_cli import build
from bulletin_cli.layout import setter as layout
from bulletin_cli.text import linebreak
from bulletin_cli.text import words
spent = [0.0]

def timed(fn):
    def wrapper(*args, **kw):
        t = time.process_time()
        try:
            return fn(*args, **kw)
        finally:
            spent[0] += time.process_time() - t
    return wrapper

# everything words does in a build: finding the spec's names, reading the list, segmenting
layout.words.spec_names = timed(words.spec_names)
linebreak.words.lexicon = timed(words.lexicon)
linebreak.words.no_break = timed(words.no_break)
with tempfile.TemporaryDirectory() as tmp:
    t = time.process_time()
    build({spec!r}, tmp + "/out.pdf")
    print(time.process_time() - t, spent[0])
"""


def cold(spec: str, src: str, n: int) -> None:
    builds, spent = [], []
    for _ in range(n):
        out = subprocess.run([sys.executable, "-c", COLD.format(src=src, spec=spec)], check=True,
                             capture_output=True, text=True)
        b, w = map(float, out.stdout.split())
        builds.append(b)
        spent.append(w)
    print(f"cold build of {spec} (fresh processes, CPU time, median of {n}): build "
          f"{statistics.median(builds) * 1000:.0f} ms, of which word breaking "
          f"{statistics.median(spent) * 1000:.1f} ms (max {max(spent) * 1000:.1f} ms)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src", default=str(ROOT / "src"))
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 2000, 4000])
    ap.add_argument("--cold", metavar="SPEC", help="measure what words cost a cold build of SPEC")
    ap.add_argument("-n", type=int, default=15)
    ap.add_argument("--titles", type=int, default=1000, help="how many 200-character titles")
    args = ap.parse_args()
    if args.cold:
        cold(args.cold, args.src, args.n)
        return
    sys.path.insert(0, args.src)
    from bulletin_cli.text.linebreak import break_title

    byline = "市委宣传部　张明　李华　王芳　市政府办公室　欧阳文华　"
    for n in args.sizes:
        text = (byline * (n // len(byline) + 1))[:n]
        run(f"byline of {n} characters", lambda text=text: break_title(text, 28, half, hints=False))
    title = "全市广大党员干部群众认真学习领会习近平总书记重要讲话精神各项工作有序推进，" * 6
    run(f"{args.titles} titles of 200 characters",
        lambda: [break_title(title[:200], 20.1, half) for _ in range(args.titles)])


if __name__ == "__main__":
    main()
