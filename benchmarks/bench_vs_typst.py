"""bulletin beside Typst, same machine, same moment: every figure of issue 20 in one run. Not a
test: report the numbers, never assert them.

    pip install typst            # the rival; not a dependency of bulletin
    python benchmarks/bench_vs_typst.py [-n 5] [--jobs 2] [--articles 10,1000] [--no-max]

Rows (each a whole process, as a user meets it; wall, CPU and peak memory):
- the example issue in a new process, bulletin's font cache warm and emptied before each run,
  beside one Typst compile in a new process;
- 20 issues with `bulletin build DIR --jobs 2` beside the anchor's batch_typst.py (20 compiles
  through one reused compiler, one process);
- the cost of each added article: specs of N of the example's articles (cycled), CPU per
  article added between the smallest and the largest N, beside Typst on the same articles;
- the maximum spec of tools/bench_limits.py (9.9 MB, 1000 articles near 10 KB each), one run;
- the PDF size of the example beside Typst's.

Typst sets the anchor template (/work/shared/anchors/typst, or $TYPST_ANCHOR) in the faces
bulletin draws the same text with, so the two PDFs carry the same content in the same faces:
masthead and article titles in Noto Serif CJK SC Black (title.ttf), the list of articles in
WenKai Bulletin (kai.ttf), all else in FandolFang with Noto Serif CJK SC behind it (body.ttf,
fallback.ttf); only the template's page numbers stay in FandolFang (ours: number.ttf).

CPU is user + system time of every process of a run (getrusage of the children): on a machine
busy with other work, wall time waits for it and CPU time much less, so compare CPU when the
load average is high. Peak memory is the largest resident set of any one process of a run. Runs
start new processes with Python's compiled modules (.pyc) in place, as an installed bulletin has
them (PYTHONDONTWRITEBYTECODE is dropped for the runs).
"""
from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "liaocheng-11.yaml"
ANCHOR = Path(os.environ.get("TYPST_ANCHOR", "/work/shared/anchors/typst"))
FONTS = ROOT / "fonts"
sys.path.insert(0, str(ROOT / "tools"))

from bench_limits import max_spec  # noqa: E402  (tools/ is not a package)

# Runs one command as a child and prints its wall time, the peak RSS of it and its children,
# and their CPU time. argv[1] is a folder to empty first (the font cache), or "" for none.
MEASURE = (
    "import resource, shutil, subprocess, sys, time\n"
    "if sys.argv[1]: shutil.rmtree(sys.argv[1], ignore_errors=True)\n"
    "t = time.perf_counter()\n"
    "subprocess.run(sys.argv[2:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(time.perf_counter() - t, r.ru_maxrss, r.ru_utime + r.ru_stime)\n"
)

# The template's faces, replaced by those bulletin draws the same text with (see the docstring).
SAME_FACES = [
    ('#let serif = ("Noto Serif CJK SC",)', '#let serif = ("FandolFang R", "Noto Serif CJK SC")'),
    ('text(fill: red, weight: "bold", size: 26pt',
     'text(font: title-face, fill: red, weight: "black", size: 26pt'),
    ('text(fill: red, weight: "bold", size: 54pt',
     'text(font: title-face, fill: red, weight: "black", size: 54pt'),
    ('set text(font: sans, size: 18pt, weight: "bold")',
     'set text(font: title-face, size: 18pt, weight: "black")'),
    ("pad(left: 2em, a.title)", 'pad(left: 2em, text(font: ("WenKai Bulletin",), a.title))'),
]


@dataclass
class Figure:
    wall: float  # seconds, median of the runs
    cpu: float  # seconds, median
    mib: float  # the largest peak of any run

    def __str__(self) -> str:
        return f"{self.wall:6.2f} s {self.cpu:6.2f} s {self.mib:5.0f}"


def measure(cmd: list[str], n: int, env: dict, empty: Path | None = None) -> Figure:
    """Median wall and CPU seconds of n runs and the peak MiB seen in any; `empty` is emptied
    before each run."""
    walls, peaks, cpus = [], [], []
    for _ in range(max(1, n)):
        out = subprocess.run([sys.executable, "-c", MEASURE, str(empty or ""), *cmd], check=True,
                             capture_output=True, text=True, env=env).stdout.split()
        walls.append(float(out[0]))
        peaks.append(int(out[1]) / 1024)  # ru_maxrss is in KiB on Linux
        cpus.append(float(out[2]))
    return Figure(statistics.median(walls), statistics.median(cpus), max(peaks))


class Setup:
    """The specs, both sides, in one temporary folder; the commands that build them."""

    def __init__(self, tmp: Path, jobs: int):
        self.tmp, self.jobs = tmp, jobs
        self.typ = tmp / "typst"
        shutil.copytree(ANCHOR, self.typ)
        src = (self.typ / "bulletin.typ").read_text("utf-8")
        for old, new in SAME_FACES:
            assert old in src, f"the Typst template changed: {old!r} not found; update SAME_FACES"
            src = src.replace(old, new)
        src = src.replace("#let sans =", '#let title-face = ("Noto Serif CJK SC",)\n#let sans =', 1)
        (self.typ / "same.typ").write_text(src, "utf-8")
        self.seed_text = SEED.read_text("utf-8")
        self.anchor = yaml.safe_load((self.typ / "bulletin.yaml").read_text("utf-8"))
        self.cache = tmp / "cache"  # bulletin's own, emptied or kept as each row says
        dropped = ("PYTHONDONTWRITEBYTECODE", "BULLETIN_NO_CACHE")
        self.env = {k: v for k, v in os.environ.items() if k not in dropped}
        self.env.update(FONT_PATHS=str(FONTS), BULLETIN_CACHE_DIR=str(self.cache))

    def ours(self, spec: Path, out: Path) -> list[str]:
        return [sys.executable, "-m", "bulletin_cli", "build", str(spec), "-o", str(out)]

    def theirs(self, data: Path, out: Path) -> list[str]:
        """One Typst compile in a new process, the spec's YAML given as text (as batch_typst.py)."""
        code = ("import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]], "
                "sys_inputs={'yaml': open(sys.argv[4], encoding='utf-8').read()})")
        return [sys.executable, "-c", code, str(self.typ / "same.typ"), str(out), str(FONTS), str(data)]

    def batch(self, issues: int) -> tuple[list[str], list[str]]:
        ours, theirs = self.tmp / "ours", self.tmp / "theirs"
        (self.tmp / "out").mkdir()
        for d in (ours, theirs):
            d.mkdir()
        for i in range(1, issues + 1):
            (ours / f"v{i:02}.yaml").write_text(
                re.sub(r"(?m)^  issue: \d+", f"  issue: {i}", self.seed_text, count=1), encoding="utf-8")
            (theirs / f"v{i:02}.yaml").write_text(_dump({**self.anchor, "issue": i}), encoding="utf-8")
        # batch_typst.py sets the template it sits beside: give it the one with the same faces
        shutil.copy(self.typ / "same.typ", self.typ / "bulletin.typ")
        return ([sys.executable, "-m", "bulletin_cli", "build", str(ours), "--out-dir", str(self.tmp / "out"),
                 "--jobs", str(self.jobs)],
                [sys.executable, str(self.typ / "batch_typst.py"), str(theirs)])

    def articles(self, n: int) -> tuple[Path, Path]:
        """The example with n articles (its own, cycled), for both sides."""
        head, rest = self.seed_text.split("\narticles:\n", 1)
        body, tail = rest.split("\ndistribution:", 1)
        arts = ["  - title" + a for a in body.split("  - title")[1:]]  # as written: blocks stay blocks
        cycled = "".join(arts[k % len(arts)] for k in range(n))
        ours = f"{head}\narticles:\n{cycled}\ndistribution:{tail}"
        theirs = {**self.anchor, "articles": [self.anchor["articles"][k % len(self.anchor["articles"])]
                                              for k in range(n)]}
        a, b = self.tmp / f"articles-{n}.yaml", self.tmp / f"articles-{n}.typst.yaml"
        a.write_text(ours, encoding="utf-8")
        b.write_text(_dump(theirs), encoding="utf-8")
        return a, b

    def maximum(self) -> tuple[Path, Path]:
        """tools/bench_limits.py's maximum spec, and its articles for Typst (a body's
        paragraphs are its blank-line-separated blocks)."""
        text = max_spec()
        a, b = self.tmp / "max-spec.yaml", self.tmp / "max-spec.typst.yaml"
        a.write_text(text, encoding="utf-8")
        spec = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        arts = [{"title": x["title"], "paragraphs": [p.replace("\n", "") for p in x["body"].split("\n\n")]}
                for x in spec["articles"]]
        b.write_text(_dump({**self.anchor, "articles": arts}), encoding="utf-8")
        return a, b


def _dump(data: dict) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, allow_unicode=True, sort_keys=False, Dumper=dumper)


def run(args: argparse.Namespace, tmp: Path) -> tuple[list, list, dict]:
    """(rows of two figures, rows of per-article costs, PDF sizes)"""
    s = Setup(tmp, args.jobs)
    n, env = args.n, s.env
    one, typ_one = s.ours(SEED, tmp / "seed.pdf"), s.theirs(s.typ / "bulletin.yaml", tmp / "typst.pdf")
    for cmd in (one, typ_one):  # .pyc files, the OS file cache, the font cache
        subprocess.run(cmd, check=True, capture_output=True, env=env)
    t1 = measure(typ_one, n, env)
    rows = [("example issue, new process, cache warm", measure(one, n, env), t1),
            ("example issue, new process, cache emptied", measure(one, n, env, s.cache), t1)]
    sizes = {"bulletin": (tmp / "seed.pdf").stat().st_size, "Typst": (tmp / "typst.pdf").stat().st_size}
    many, typ_many = s.batch(args.issues)
    half = max(1, n // 2)
    rows.append((f"{args.issues} issues, --jobs {args.jobs}, cache warm", measure(many, half, env),
                 measure(typ_many, half, env)))
    costs = []
    counts = [int(k) for k in args.articles.split(",")]
    for k in counts:
        a, b = s.articles(k)
        reps = half if k <= 100 else 1
        costs.append((k, measure(s.ours(a, tmp / "a.pdf"), reps, env),
                      measure(s.theirs(b, tmp / "a.typst.pdf"), reps, env)))
    if not args.no_max:
        a, b = s.maximum()
        rows.append(("maximum spec (9.9 MB, 1000 articles), one run",
                     measure(s.ours(a, tmp / "m.pdf"), 1, env),
                     measure(s.theirs(b, tmp / "m.typst.pdf"), 1, env)))
    return rows, costs, sizes


def report(rows: list, costs: list, sizes: dict, load: tuple[float, float]) -> None:
    print(f"{datetime.date.today()}; {os.cpu_count()} cores, {platform.machine()}, "
          f"Python {sys.version.split()[0]}; load average {load[0]:.2f} at the start, "
          f"{load[1]:.2f} at the end")
    print(f"{'':47} {'bulletin: wall    CPU   MiB':>27}   {'Typst: wall    CPU   MiB':>26}"
          "   ratio: wall  CPU")
    for name, ours, theirs in rows:
        print(f"{name:47} {ours}   {theirs}   {ours.wall / theirs.wall:10.2f}x {ours.cpu / theirs.cpu:4.2f}x")
    for k, ours, theirs in costs:
        print(f"{f'{k} articles of the example':47} {ours}   {theirs}")
    if len(costs) > 1:
        (k0, o0, t0), (k1, o1, t1) = costs[0], costs[-1]
        per = [(x.cpu - y.cpu) / (k1 - k0) * 1000 for x, y in ((o1, o0), (t1, t0))]
        wall = [(x.wall - y.wall) / (k1 - k0) * 1000 for x, y in ((o1, o0), (t1, t0))]
        print(f"{f'each added article ({k0} -> {k1}), CPU / wall':47} {per[0]:5.1f} ms / {wall[0]:5.1f} ms"
              f"   {per[1]:5.1f} ms / {wall[1]:5.1f} ms   {per[0] / per[1]:.2f}x CPU")
    ours, theirs = sizes["bulletin"], sizes["Typst"]
    print(f"{'PDF size of the example, same faces':47} {ours / 1024:10.0f} KB   {theirs / 1024:10.0f} KB"
          f"   {ours / theirs:10.2f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=5, help="runs per measurement (median); the batch and the "
                    "article counts above 100 run fewer times")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--issues", type=int, default=20)
    ap.add_argument("--articles", default="10,1000", help="comma-separated article counts, smallest first")
    ap.add_argument("--no-max", action="store_true", help="skip the maximum spec (the longest row)")
    args = ap.parse_args()
    start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        rows, costs, sizes = run(args, Path(tmp))
    report(rows, costs, sizes, (start, os.getloadavg()[0]))


if __name__ == "__main__":
    main()
