"""What the tagged PDF costs: each spec's PDF size and build time, wall and CPU (the best of
--repeat builds in one process, after one to warm the face cache; CPU time is the steadier on a
busy machine). Not a test: report the numbers, never assert.

    python benchmarks/bench_tags.py [--repeat 15] [--untagged] [SPEC ...]

The examples and the regulation fixture (the one with lists) by default. --untagged writes the
PDF with no marked content and no structure tree (layout still labels what it draws): what the
writer's tags cost, in this version. The size of a PDF from before tags, its src first on the
path:

    git archive b7ce70a^ src fonts | tar -x -C /tmp/untagged
    PYTHONPATH=/tmp/untagged/src python benchmarks/bench_tags.py
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPECS = [*sorted((ROOT / "examples").glob("*.yaml")), ROOT / "tests/fixtures/valid/regulation.yaml"]


def untagged() -> None:
    """The PDF writer without its tags: no marked-content operators, no tree, no page keys."""
    from bulletin_cli.writers import pdf

    pdf.Tagger.open = lambda self, elem: ""
    pdf.ARTIFACT_OPEN = pdf.CLOSE = ""
    pdf._tag_last_page = lambda c, key: None
    pdf._mark_document = lambda c, tagger: None


def measure(spec: Path, out: Path, repeat: int) -> tuple[int, float, float]:
    from bulletin_cli import build

    build(spec, out)  # warms the face cache and the process's parsed faces
    wall = cpu = float("inf")
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        build(spec, out)
        wall, cpu = min(wall, time.perf_counter() - t), min(cpu, time.process_time() - c)
    return out.stat().st_size, wall, cpu


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--untagged", action="store_true", help="the PDF writer without its tags")
    ap.add_argument("specs", nargs="*", type=Path, default=SPECS)
    args = ap.parse_args()
    import bulletin_cli

    if args.untagged:
        untagged()
    print(f"bulletin_cli from {Path(bulletin_cli.__file__).parent}{' (untagged)' * args.untagged}")
    print(f"{'spec':<16} {'PDF bytes':>10} {'wall ms':>8} {'CPU ms':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for spec in args.specs:
            size, wall, cpu = measure(spec, Path(tmp) / "out.pdf", args.repeat)
            print(f"{spec.stem:<16} {size:>10,} {wall * 1000:>8.1f} {cpu * 1000:>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
