"""Count titles broken inside a word or a name in built bulletins (issue #15), before and after.

    python tools/title_breaks.py [--src OTHER/src] [SPEC ...] [--corpus]

Builds each spec with the bulletin_cli found in --src (default: this tree's), then counts from
the PDF, with this tree's segmenter, the multi-line titles, headline entries, bylines,
subheadings and masthead lines and the line boundaries that fall inside a word or a name
(tests/wordbreaks.py). --corpus adds, per text of tests/corpus, the bulletins of its sentences
as titles and as subheadings that tests/test_title_words.py builds. Run with --src pointing at
an older checkout for "before".
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.test_corpus import CORPUS  # noqa: E402
from tests.test_title_words import SPECS, corpus_subheadings_spec, corpus_titles_spec  # noqa: E402
from tests.wordbreaks import count_word_breaks  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("specs", nargs="*", type=Path)
    ap.add_argument("--src", default=str(ROOT / "src"), help="the src/ folder whose bulletin_cli builds")
    ap.add_argument("--corpus", action="store_true")
    args = ap.parse_args()
    total = {"multi_line": 0, "inside_word": 0, "inside_name": 0}
    with tempfile.TemporaryDirectory() as tmp:
        specs = args.specs or list(SPECS)
        if args.corpus or not args.specs:
            specs += [make(t, Path(tmp)) for t in CORPUS
                      for make in (corpus_titles_spec, corpus_subheadings_spec)]
        for spec in specs:
            out = Path(tmp) / (spec.stem + ".pdf")
            code = (f"import sys; sys.path.insert(0, {args.src!r}); "
                    "from bulletin_cli import build; build(*sys.argv[1:])")
            subprocess.run([sys.executable, "-c", code, str(spec), str(out)], check=True)
            found = count_word_breaks(out, spec)
            for k in total:
                total[k] += len(found[k])
            print(f"{spec.name}: {len(found['multi_line'])} multi-line, "
                  f"{len(found['inside_word'])} inside a word, {len(found['inside_name'])} inside a name")
            for k in ("inside_word", "inside_name"):
                for t in found[k]:
                    print(f"    {k}: {t}")
    print(f"total: {total['multi_line']} multi-line, {total['inside_word']} inside a word, "
          f"{total['inside_name']} inside a name")


if __name__ == "__main__":
    main()
