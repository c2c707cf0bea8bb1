"""Set real titles where bulletin breaks titles and count the breaks that cut a unit (issue #21).

    python tools/title_meaning.py [--src OTHER/src] [--data tests/data/titles.txt] [--pairs N]

Each title of the data (its units in [brackets], see the file's header) is set, with the
break_title of --src (default: this tree's) and of /work/main's or --before's, at the widths
where bulletin breaks titles: an article title (2号, 20.1 cells), a headline entry (25 cells,
22 with page numbers), a subheading (26 cells after its indent) and the masthead title at its
smallest size (24 pt: 18.4 cells). Digits and Latin letters are set half width. It reports, for
each breaker: the multi-line settings, the breaks inside a unit, the settings whose lines
differ by more than half (the shortest line under half the longest), the lines of one or two
characters; then up to N titles whose lines moved, before | after.
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

from tests.test_title_meaning import DATA, WIDTHS, breaks, forced, inside, read_data, short_line  # noqa: E402

SET = """
import json, sys
sys.path.insert(0, sys.argv[1])
from bulletin_cli.text.linebreak import break_title
def half(s, at=0):
    return sum(1.0 if ord(c) > 0x2000 else 0.5 for c in s)
titles, widths = json.load(sys.stdin)
def texts(lines):  # break_title returns measured lines (TitleLine) on newer trees, strings before
    return [getattr(ln, 'text', ln) for ln in lines]
print(json.dumps([[texts(break_title(t, w, half)) for _, w in widths] for t in titles], ensure_ascii=False))
"""


def set_titles(src: str, titles: list[str]) -> list[list[list[str]]]:
    got = subprocess.run([sys.executable, "-c", SET, src], input=json.dumps([titles, WIDTHS]),
                         capture_output=True, text=True, check=True)
    return json.loads(got.stdout)


def cells(s: str) -> float:
    return sum(1.0 if ord(c) > 0x2000 else 0.5 for c in s)


def judge(data, settings) -> dict:
    found = {"settings": 0, "multi_line": 0, "inside_unit": [], "forced": 0, "uneven": [], "short_line": []}
    for (title, spans, _), per_width in zip(data, settings):
        for (where, width), lines in zip(WIDTHS, per_width):
            found["settings"] += 1
            if len(lines) < 2:
                continue
            found["multi_line"] += 1
            for b in breaks(title, lines):
                if inside(spans, b):
                    found["inside_unit"].append((where, " | ".join(lines)))
                    found["forced"] += forced(title, spans, width, len(lines))
            widths = [cells(x) for x in lines]
            if min(widths) < max(widths) / 2:
                found["uneven"].append((where, " | ".join(lines)))
            if any(short_line(x) for x in lines):
                found["short_line"].append((where, " | ".join(lines)))
    return found


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
        settings = set_titles(src, titles)
        found = judge(data, settings)
        results[label] = settings
        print(f"{label} ({src}): {len(titles)} titles, {found['settings']} settings, "
              f"{found['multi_line']} multi-line; breaks inside a unit {len(found['inside_unit'])} "
              f"({found['forced']} where no cut keeps every unit whole), "
              f"uneven {len(found['uneven'])}, lines of 1-2 characters {len(found['short_line'])}")
        if args.list:
            for k in ("inside_unit", "short_line"):
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
