"""Real official prose (tests/corpus/, public domain) set as bulletins: every defect count is zero."""
from pathlib import Path

import pytest

from bulletin_cli import build

from .typesetting import count_defects
from .wordbreaks import count_word_breaks

CORPUS = sorted((Path(__file__).parent / "corpus").glob("*.txt"))


def corpus_spec(txt: Path, out_dir: Path) -> Path:
    paras = [p.strip() for p in txt.read_text("utf-8").split("\n\n")]
    paras = [p.replace("\n", "") for p in paras if p and not p.startswith("# ")]
    body = "\n\n".join("      " + p for p in paras)
    spec = out_dir / (txt.stem + ".yaml")
    spec.write_text(
        "masthead:\n  title: 语料排版测试工作简报\n  issue: 1\n  publisher: 测试办公室\n"
        "  date: 2026-01-01\narticles:\n"
        f"  - title: {paras[0][:40]}\n    body: |\n{body}\n"
        "distribution:\n  report_to: 各有关单位\n  copies: 1\n",
        encoding="utf-8",
    )
    return spec


def test_corpus_is_big_enough():
    chars = sum(len(p.read_text("utf-8")) for p in CORPUS)
    assert chars >= 30_000


@pytest.mark.parametrize("txt", CORPUS, ids=lambda p: p.stem)
def test_corpus_sets_without_defects(txt, tmp_path):
    spec = corpus_spec(txt, tmp_path)
    result = build(spec, tmp_path / "out.pdf")
    assert result.pages >= 2
    defects = {k: v for k, v in count_defects(tmp_path / "out.pdf", spec).items() if v}
    assert defects == {}
    breaks = count_word_breaks(tmp_path / "out.pdf", spec)
    assert breaks["inside_word"] == breaks["inside_name"] == []
