"""Set real titles where bulletin breaks titles and count the breaks that cut a unit (issue #21)
and the uneven settings.

    python tools/title_meaning.py [--src OTHER/src] [--data tests/data/titles.txt] [--pairs N]

Each title of the data (its units in [brackets], see the file's header) is set, with the
break_title of --src (default: this tree's) and of /work/main's or --before's, at the widths
where bulletin breaks titles: an article title (2号, 20.1 cells), a headline entry (25 cells,
22 with page numbers), a subheading (26 cells after its indent) and the masthead title at its
smallest size (24 pt: 18.4 cells). Digits and Latin letters are set half width. It reports, for
each breaker: the multi-line settings, the breaks inside a unit (and those no cut avoids), the
uneven settings (the shortest line under half the longest; and those where an even cut keeping
every unit whole existed), the balance (the mean shortest / longest line of the multi-line
settings), the lines of one or two characters, the CPU time per title (its five settings, the
lexicon loaded); then up to N titles whose lines moved, before | after.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.titledata import DATA, WIDTHS, judge, read_data  # noqa: E402

SET = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from bulletin_cli.text.linebreak import break_title
def half(s, at=0):
    return sum(1.0 if ord(c) > 0x2000 else 0.5 for c in s)
titles, widths = json.load(sys.stdin)
def texts(lines):  # break_title returns measured lines (TitleLine) on newer trees, strings before
    return [getattr(ln, 'text', ln) for ln in lines]
break_title(titles[0] * 3, 10, half)  # the lexicon is read once, before the clock starts
best = float('inf')
for _ in range(3):  # the least CPU time of three rounds: the machine is shared
    start = time.process_time()
    got = [[texts(break_title(t, w, half)) for _, w in widths] for t in titles]
    best = min(best, time.process_time() - start)
print(json.dumps([got, best / len(titles)], ensure_ascii=False))
"""


def set_titles(src: str, titles: list[str]) -> tuple[list[list[list[str]]], float]:
    """The lines of each title at each width, and the seconds per title, by src's breaker."""
    got = subprocess.run([sys.executable, "-c", SET, src], input=json.dumps([titles, WIDTHS]),
                         capture_output=True, text=True, check=True)
    settings, seconds = json.loads(got.stdout)
    return settings, seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src", default=str(ROOT / "src"))
    ap.add_argument("--before", default="/work/main/src", help="the src/ of the breaker to compare with")
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--pairs", type=int, default=10)
    ap.add_argument("--list", action="store_true", help="list every break inside a unit")
    args = ap.parse_args()
    data = read_data(args.data)
    titles = [t for t, _, _ in data]
    results = {}
    for label, src in (("before", args.before), ("after", args.src)):
        settings, seconds = set_titles(src, titles)
        found = judge(data, settings)
        results[label] = settings
        print(f"{label} ({src}): {len(titles)} titles, {found['settings']} settings, "
              f"{found['multi_line']} multi-line; breaks inside a unit {len(found['inside_unit'])} "
              f"({found['forced']} where no cut keeps every unit whole), "
              f"uneven {len(found['uneven'])} ({found['even_possible']} where an even cut keeps every "
              f"unit whole), balance {found['balance']:.3f}, lines of 1-2 characters "
              f"{len(found['short_line'])}; {seconds * 1e3:.2f} ms per title")
        if args.list:
            for k in ("inside_unit", "uneven", "short_line"):
                for where, text in found[k]:
                    print(f"    {k} [{where}] {text}")
    shown = 0
    print(f"titles whose article title setting moved, before -> after (first {args.pairs}):")
    for (_title, _, source), old, new in zip(data, results["before"], results["after"]):
        if old[0] != new[0] and shown < args.pairs:  # the article title's setting
            print(f"  {' | '.join(old[0])}\n    -> {' | '.join(new[0])}   ({source})")
            shown += 1


if __name__ == "__main__":
    main()
