"""Titles, headline entries, bylines, subheadings and the masthead break between words, never
inside a name: counted from the built PDFs of the seed, the examples, bulletins of long headlines
and of titles and subheadings taken from the corpus (issue #15)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bulletin_cli import build

from .helpers import CORPUS
from .wordbreaks import count_word_breaks

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "valid"
SPECS = [*sorted((ROOT / "examples").glob("*.yaml")),
         FIXTURES / "headlines-7.yaml", FIXTURES / "headlines-21.yaml"]


def corpus_sentences(txt: Path, count: int = 16) -> list[str]:
    """Sentences of a corpus text long enough to take two or three lines as a title or a
    subheading: real official wording, not made up to pass."""
    text = "".join(ln for ln in txt.read_text("utf-8").splitlines() if not ln.startswith("# "))
    sentences = [s.strip() for s in re.split(r"[。；！？\n]", text)]
    return [s for s in sentences if 27 <= len(s) <= 60 and not s.startswith(("（", "("))][:count]


def corpus_titles_spec(txt: Path, out_dir: Path, count: int = 16) -> Path:
    """A bulletin whose titles (and so headline entries) are sentences of a corpus text."""
    arts = "".join(f"  - title: {json.dumps(t, ensure_ascii=False)}\n    body: 正文。\n"
                   for t in corpus_sentences(txt, count))
    spec = out_dir / (txt.stem + "-titles.yaml")
    spec.write_text("masthead:\n  title: 语料标题排版测试工作简报\n  issue: 1\n  publisher: 测试办公室\n"
                    f"  date: 2026-01-01\narticles:\n{arts}", encoding="utf-8")
    return spec


def corpus_subheadings_spec(txt: Path, out_dir: Path, count: int = 16) -> Path:
    """A bulletin of one article whose `## subheadings` are sentences of a corpus text, each
    followed by a short paragraph."""
    body = "".join(f"      ## {s}\n\n      正文。\n\n" for s in corpus_sentences(txt, count))
    spec = out_dir / (txt.stem + "-subheadings.yaml")
    spec.write_text("masthead:\n  title: 语料小标题排版测试工作简报\n  issue: 1\n  publisher: 测试办公室\n"
                    f"  date: 2026-01-01\narticles:\n  - title: 小标题\n    body: |\n{body}",
                    encoding="utf-8")
    return spec


def _assert_breaks_between_words(spec: Path, out: Path, least: int) -> None:
    build(spec, out)
    found = count_word_breaks(out, spec)
    assert found["inside_word"] == [] and found["inside_name"] == []
    # the counter saw titles that did break: it is not passing for want of anything to check
    assert len(found["multi_line"]) >= least


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_titles_and_headlines_break_between_words(spec, tmp_path):
    least = {"headlines-7": 13, "headlines-21": 39}.get(spec.stem, 1)
    _assert_breaks_between_words(spec, tmp_path / "out.pdf", least)


@pytest.mark.parametrize("txt", CORPUS, ids=lambda p: p.stem)
def test_corpus_titles_break_between_words(txt, tmp_path):
    # (the corpus set as test_corpus sets it is counted there, on the PDF it builds anyway)
    _assert_breaks_between_words(corpus_titles_spec(txt, tmp_path), tmp_path / "t.pdf", 16)


@pytest.mark.parametrize("txt", CORPUS, ids=lambda p: p.stem)
def test_corpus_subheadings_break_between_words(txt, tmp_path):
    # (a sentence with digits or Latin letters may be narrow enough for one line)
    _assert_breaks_between_words(corpus_subheadings_spec(txt, tmp_path), tmp_path / "s.pdf", 8)
