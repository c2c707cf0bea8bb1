"""Measure what breaking titles and bylines costs: time and peak memory against length.

    python tools/bench_titles.py [--src OTHER/src] [--sizes 1000 2000 4000]

A byline of N characters (issue #14: 1000 -> 2.9 s, 2000 -> 13 s, 4000 -> 73 s and 313 MB
before the breaker was made linear), then 1000 titles of 200 characters, each broken as layout
breaks them (22 pt titles: 20.1 cells; bylines 16 pt: 28 cells), with the break_title of --src
(default: this tree's). Not a test: numbers depend on the machine; report them.
"""
from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def half(s: str, at: int = 0) -> float:
    return 0.5 * len(s)


def run(label: str, fn) -> None:
    tracemalloc.start()
    t = time.perf_counter()
    fn()
    wall = time.perf_counter() - t
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"{label}: {wall:.2f} s, peak {peak / 2**20:.1f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src", default=str(ROOT / "src"))
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 2000, 4000])
    args = ap.parse_args()
    sys.path.insert(0, args.src)
    from bulletin_cli.linebreak import break_title

    byline = "市委宣传部　张明　李华　王芳　市政府办公室　欧阳文华　"
    for n in args.sizes:
        text = (byline * (n // len(byline) + 1))[:n]
        run(f"byline of {n} characters", lambda text=text: break_title(text, 28, half, hints=False))
    title = "全市广大党员干部群众认真学习领会习近平总书记重要讲话精神各项工作有序推进，" * 6
    run("1000 titles of 200 characters", lambda: [break_title(title[:200], 20.1, half) for _ in range(1000)])


if __name__ == "__main__":
    main()
