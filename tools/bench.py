"""Measure `bulletin build` as a user meets it: whole process, wall clock, median of N runs.

    python tools/bench.py [SPEC] [-n 9]

Also reports, in-process, how long loading the faces the seed draws takes, from the font
cache (fonts.cache.through_cache, as every build after the first) and parsed by reportlab (as the
first build, or with BULLETIN_NO_CACHE=1). Not a test: numbers depend on the machine; report
them, don't assert them.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("spec", nargs="?", default=str(ROOT / "examples" / "liaocheng-11.yaml"))
    ap.add_argument("-n", type=int, default=9)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "bench.pdf"
        cmd = [sys.executable, "-m", "bulletin_cli", "build", args.spec, "-o", str(out)]
        subprocess.run(cmd, check=True, capture_output=True)  # warm-up
        walls = []
        for _ in range(args.n):
            t = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            walls.append(time.perf_counter() - t)
        size = out.stat().st_size

    sys.path.insert(0, str(ROOT / "src"))
    from bulletin_cli import load_spec
    from bulletin_cli.fonts import metrics
    from bulletin_cli.fonts.resolve import resolve
    from bulletin_cli.pipeline import compose
    from bulletin_cli.writers import pdf
    from bulletin_cli.writers.pdf import Faces

    spec = load_spec(args.spec)
    regs: dict[str, list[float]] = {"from the font cache": [], "parsed by reportlab": []}
    for how, times in regs.items():
        os.environ["BULLETIN_NO_CACHE"] = "1" if how.startswith("parsed") else ""
        for _ in range(args.n):
            pdf._LOADED.clear()  # the process-wide faces would make every round after the first free
            pdf._BY_NAME.clear()
            metrics._PARSED.clear()  # the writer's faces share the metrics' cmap and advances
            faces = Faces(resolve(spec).files)
            t = time.perf_counter()
            for role in ("title", "body", "heading", "number"):
                faces.font(role)
            times.append(time.perf_counter() - t)
    resolves = []
    for _ in range(args.n):  # choosing the bundled faces must look at no font folder
        t = time.perf_counter()
        resolve(None)
        resolves.append(time.perf_counter() - t)
    doc, _, _ = compose(spec)
    print(f"spec: {args.spec}")
    print(f"pages: {len(doc.pages)}  pdf: {size / 1024:.0f} KB")
    print(f"whole process: median {statistics.median(walls):.3f} s "
          f"(min {min(walls):.3f}, max {max(walls):.3f}, n={args.n})")
    for how, times in regs.items():
        print(f"loading the 4 faces the seed draws, {how} (in-process): "
              f"median {statistics.median(times):.3f} s")
    print(f"resolving the bundled faces (in-process): median {statistics.median(resolves) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
