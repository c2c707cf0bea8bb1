"""Measure reading a spec: composing it (PyYAML in Python, or libyaml's parser under the same
composer), the whole load (spec.reader.load), and a whole build, on a generated issue of N
articles. Median of R rounds, in-process.

    python tools/bench_reader.py [-n 100] [-r 5]

Not a test: numbers depend on the machine; report them, don't assert them.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def spec_text(articles: int) -> str:
    head = ("masthead:\n  title: 创城工作简报\n  issue: 1\n  publisher: 市创城办\n  date: 2021-03-15\n"
            "articles:\n")
    para = "市创城办到各社区督导检查创城工作进展情况，并提出要求。" * 6
    body = "\n\n".join(f"      {para}" for _ in range(8))
    return head + "".join(f"  - title: 第{k}篇 关于全面推进城市管理工作的通知\n    byline: 市创城办 张明\n"
                          f"    body: |\n{body}\n" for k in range(articles))


def median(f, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=100, help="articles")
    ap.add_argument("-r", type=int, default=5, help="rounds")
    args = ap.parse_args()
    from bulletin_cli.pipeline import build
    from bulletin_cli.spec import nodes
    from bulletin_cli.spec.reader import load, load_text
    from bulletin_cli.spec.source import File

    text = spec_text(args.n)
    print(f"{args.n} articles, {len(text):,} characters")
    fast = nodes.CParser
    with tempfile.TemporaryDirectory() as tmp:
        spec, out = Path(tmp) / "s.yaml", Path(tmp) / "s.pdf"
        spec.write_text(text, encoding="utf-8")
        build(spec, out)  # warm-up: fonts from the cache, modules imported
        for label, parser in (("PyYAML (Python)", None), ("libyaml parser", fast)):
            if parser is None and fast is None:
                continue
            nodes.CParser = parser
            compose = median(lambda: nodes._compose(File.of_text(text, "s.yaml")), args.r)
            loaded = median(lambda: load_text(text, "s.yaml"), args.r)
            whole = median(lambda: build(load(str(spec)), out), args.r)
            print(f"{label:16s} compose {compose * 1000:7.1f} ms   load {loaded * 1000:7.1f} ms   "
                  f"build {whole * 1000:7.0f} ms   (compose: {compose / whole:5.1%} of the build)")
        nodes.CParser = fast


if __name__ == "__main__":
    main()
