"""`check` reports every place `check --fix` changes, and `--fix` changes only places `check`
reports: the characters the fixes change are exactly those the fixable notes cover, on every
spec the project holds and on texts where one fix reveals another."""
import copy
import difflib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bulletin_cli.cli import app
from bulletin_cli.proofread import fix
from bulletin_cli.proofread.rules import applied, proofread
from bulletin_cli.proofread.units import Units
from bulletin_cli.spec.reader import load, load_text

from .helpers import CORPUS, corpus_spec

ROOT = Path(__file__).resolve().parents[1]
SPECS = sorted([*ROOT.glob("examples/*.yaml"), *ROOT.glob("tests/fixtures/valid/*.yaml"),
                *ROOT.glob("tests/fixtures/proofread/**/*.yaml")])
HEAD = "masthead:\n  title: 测试工作简报\n  issue: 1\n  publisher: 测试办公室\n  date: 2026-01-01\n"
# one fix revealing another: a quote made Chinese makes the ellipsis after it Chinese, a comma
# made full width makes the one after it a doubled mark, a bracket's space beside a full-width mark
REVEALING = ['当事人说"我不服"...', "会议指出,,要求落实", '他说"好" ,然后', "案件(一)...",
             '"同意"--反对', "内容 ,如下", "甲,。乙"]


def changed_and_noted(loaded):
    """For each unit of the spec's own file: (the characters --fix changes, those the fixable
    notes cover), as positions in the unit's text."""
    for unit in Units(loaded, documents=False).own():
        before = unit.text
        owner, _ = unit.layout()
        noted = {i for h in proofread(before, unit.field) if applied(h)
                 and unit.editable(owner, h.start, h.end) for i in range(h.start, h.end)}
        fixed = copy.deepcopy(unit)
        fix._fix_unit(fixed)
        ops = difflib.SequenceMatcher(None, before, fixed.text, autojunk=False).get_opcodes()
        changed = {i for tag, i1, i2, _, _ in ops if tag != "equal" for i in range(i1, i2)}
        yield unit.field, before, changed, noted


def assert_same(loaded):
    for field, text, changed, noted in changed_and_noted(loaded):
        assert changed <= noted, (field, text, sorted(changed - noted))
        assert noted <= changed or not changed - noted, (field, text)


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_fix_changes_what_check_reports_in_every_spec(spec):
    assert_same(load(str(spec), series=True))


@pytest.mark.parametrize("txt", CORPUS, ids=lambda p: p.stem)
def test_fix_changes_what_check_reports_in_the_corpus(txt, tmp_path):
    assert_same(load(str(corpus_spec(txt, tmp_path)), series=True))


@pytest.mark.parametrize("text", REVEALING)
def test_a_fix_that_reveals_another_is_reported(text):
    loaded = load_text(HEAD + f"articles:\n  - title: 标题\n    body: '{text}'\n", "x.yaml")
    (_, _, changed, noted), = [u for u in changed_and_noted(loaded) if u[0].endswith("body")]
    assert changed and changed == noted


def test_check_counts_the_ellipsis_fix_changes(tmp_path):
    spec = tmp_path / "x.yaml"
    spec.write_text(HEAD + "articles:\n  - title: 标题\n    body: 当事人说\"我不服\"...\n", "utf-8")
    checked = CliRunner().invoke(app, ["check", str(spec)])
    assert "3 proofreading notes" in checked.output, checked.output
    fixed = CliRunner().invoke(app, ["check", "--fix", str(spec)])
    assert "fixed 3 places" in fixed.output
    assert "当事人说“我不服”……" in spec.read_text("utf-8")
