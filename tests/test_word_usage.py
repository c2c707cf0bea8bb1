"""Words official writing confuses (截止/截至, 布署, 签定, 做出决定 …): marked as a proofreader marks
them, each case and its rule in tests/data/word_usage.tsv; never fixed; no false alarm on the
corpus, the seed bulletin or the examples."""
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bulletin_cli.cli import app
from bulletin_cli.proofread.marks import proofread_spec
from bulletin_cli.proofread.rules import proofread
from bulletin_cli.proofread.usage import CONFUSIONS, RULE
from bulletin_cli.spec.reader import load

from .helpers import CORPUS

ROOT = Path(__file__).resolve().parents[1]
SEED = Path("/work/shared/seed/000_65fcf2bd8eebf98f.txt")
DATA = ROOT / "tests" / "data" / "word_usage.tsv"
ROWS = [line.split("\t") for line in DATA.read_text("utf-8").splitlines()
        if line and not line.startswith("#")]


def usage(text):
    return [(text[h.start:h.end], h.fix) for h in proofread(text, "articles[1].body") if h.rule == RULE]


@pytest.mark.parametrize("wrong, marked, right_word, right, rule", ROWS, ids=[r[1] + r[2] for r in ROWS])
def test_a_confusion_is_marked_and_its_right_form_is_not(wrong, marked, right_word, right, rule):
    assert rule and usage(wrong) == [(marked, right_word)]
    assert usage(right) == []


def test_every_confusion_has_its_case():
    assert {c.right for c in CONFUSIONS} <= {r[2] for r in ROWS}


def test_no_false_alarm_on_the_corpus_seed_and_examples():
    texts = [p.read_text("utf-8") for p in [*CORPUS, *([SEED] if SEED.exists() else [])]]
    checked = sum(map(len, texts))
    assert checked > 70_000
    assert [u for t in texts for para in t.split("\n") for u in usage(para)] == []
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        assert [f for f in proofread_spec(load(str(example))) if f.rule == RULE] == []


HEAD = "masthead:\n  title: 测试工作简报\n  issue: 1\n  publisher: 测试办公室\n  date: 2026-01-01\n"


def test_check_says_it_at_its_place_and_fix_leaves_it(tmp_path):
    spec = tmp_path / "x.yaml"
    text = HEAD + "articles:\n  - title: 标题\n    body: 截止2023年底,双方签定协议。\n"
    spec.write_text(text, "utf-8")
    out = CliRunner().invoke(app, ["check", str(spec)]).output
    assert f"{spec}:8:11: articles[1].body: word-usage: 截止2023年底,双… → 截至2023年底,双…" in out
    assert "(check it: 截至 (up to) before a time" in out
    assert (f"{spec}:8:22: articles[1].body: word-usage: …023年底,双方签定协议。 → "
            "…023年底,双方签订协议。") in out
    assert "3 proofreading notes" in out
    CliRunner().invoke(app, ["check", "--fix", str(spec)])
    assert "截止2023年底，双方签定协议。" in spec.read_text("utf-8")  # only the comma was fixed
