"""Real official prose (tests/corpus/, public domain) set as bulletins: every defect count is zero."""
import pytest

from bulletin_cli import build

from .helpers import CORPUS, corpus_spec
from .typesetting import count_defects
from .wordbreaks import count_word_breaks


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
