"""Time and peak memory of specs at the input limits, each in a fresh process (not a test:
figures depend on the machine; report them, don't assert them).

    python tools/bench_limits.py [--only NAME] [--keep DIR] [--articles 100,300,1000]

max-spec: a 9.9 MB spec of 1000 articles (every article's body near 10 KB), checked and built;
with --articles, the first N articles of it (max-spec-N) for each N: cost against size.
unknown-keys: 300,000 unknown keys (only the first 100 problems are listed).
"""
from __future__ import annotations

import argparse
import functools
import resource  # noqa: F401  (Unix only, as the child's measurement: fail here, not in every child)
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "tests" / "corpus").glob("*.txt"))


def sentences() -> list[str]:
    out = []
    for path in CORPUS:
        for line in path.read_text("utf-8").splitlines():
            line = line.strip()
            if len(line) > 20 and not line.startswith("#"):
                out.append(line)
    return out


def max_spec(limit: int = 9_900_000, articles: int = 1000) -> str:
    head = ("masthead:\n  title: 聊城市创建全国文明城市工作简报\n  issue: 11\n"
            "  publisher: 聊城市创建全国文明城市工作办公室\n  date: 2021-03-15\narticles:\n")
    pool = sentences()
    per_article = (limit - len(head.encode())) // 1000
    parts, k = [head], 0
    for n in range(articles):
        body, size = [], 0
        while size < per_article - 400:
            s = pool[k % len(pool)]
            k += 1
            body.append("      " + s)
            size += len(s.encode()) + 8
        parts.append(f"  - title: 第{n + 1}篇 {pool[n % len(pool)][:20]}\n    body: |\n"
                     + "\n\n".join(body) + "\n")
    return "".join(parts)


def unknown_keys(n: int = 300_000) -> str:
    minimal = (ROOT / "tests" / "fixtures" / "valid" / "minimal.yaml").read_text("utf-8")
    return minimal + "".join(f"k{i}: 1\n" for i in range(n))


def measure(args: list[str]) -> tuple[float, float, int, str]:
    """Wall seconds, peak RSS (MB) and exit status of `bulletin ARGS` in a fresh process."""
    code = ("import resource, sys; from bulletin_cli.cli import run; sys.argv = ['bulletin', *sys.argv[1:]]\n"
            "try:\n    run()\nfinally:\n"
            "    print('MAXRSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)")
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    wall = time.perf_counter() - t
    rss = next(int(ln.split()[1]) for ln in p.stderr.splitlines() if ln.startswith("MAXRSS"))
    last = [ln for ln in p.stderr.splitlines() if not ln.startswith("MAXRSS")][-1:] or [p.stdout.strip()]
    return wall, rss / 1024, p.returncode, last[0][:100]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only")
    ap.add_argument("--keep")
    ap.add_argument("--articles", help="comma-separated article counts of max-spec to measure")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(a.keep or tmp)
        d.mkdir(parents=True, exist_ok=True)
        cases = {"max-spec": max_spec, "unknown-keys": unknown_keys}
        if a.articles:
            cases = {f"max-spec-{n}": functools.partial(max_spec, articles=int(n))
                     for n in a.articles.split(",")}
        for name, make in cases.items():
            if a.only and a.only != name:
                continue
            spec = d / f"{name}.yaml"
            spec.write_text(make(), encoding="utf-8")
            print(f"{name}: {spec.stat().st_size / 1e6:.1f} MB")
            for command in (["check", str(spec)], ["build", str(spec), "-o", str(d / f"{name}.pdf")]):
                wall, rss, code, last = measure(command)
                print(f"  {command[0]:5s} {wall:6.1f} s  peak {rss:6.0f} MB  exit {code}  {last}")
                if name == "unknown-keys":
                    break


if __name__ == "__main__":
    main()
