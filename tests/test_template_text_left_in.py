"""A spec that still holds the template's sample articles or the placeholders `new --from`
writes is warned about at each place by `check` and `build`, and refused by --strict."""
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bulletin_cli.cli import app
from bulletin_cli.proofread.leftover import left_in

from .helpers import CORPUS, written_over

ROOT = Path(__file__).resolve().parents[1]
SERIES = ROOT / "tests" / "fixtures" / "proofread" / "series"
runner = CliRunner()


def notes_at(output: str) -> list[tuple[int, str]]:
    return [(int(m[1]), m[2]) for m in re.finditer(r":(\d+):\d+: ([\w.\[\]]+): template-text", output)]


def test_the_template_as_written_is_marked_and_refused_by_strict(tmp_path):
    spec = tmp_path / "x.yaml"
    runner.invoke(app, ["new", str(spec)])
    checked = runner.invoke(app, ["check", str(spec)])
    lines = spec.read_text("utf-8").splitlines()
    found = notes_at(checked.output)
    assert "articles[1].title" in {f for _, f in found}, checked.output
    assert all(any(w in lines[n - 1] for w in ("区", "督导", "网格", "本期")) for n, _ in found)
    assert len(found) == 6  # editor's note, two titles, three paragraphs
    built = runner.invoke(app, ["build", str(spec)])
    assert built.exit_code == 0 and notes_at(built.output) == found
    assert runner.invoke(app, ["check", "--strict", str(spec)]).exit_code == 1
    strict = runner.invoke(app, ["build", "--strict", str(spec), "-o", str(tmp_path / "s.pdf")])
    assert strict.exit_code == 1 and "template text left in" in strict.output
    assert not (tmp_path / "s.pdf").exists()


def test_the_placeholders_of_new_from_are_marked(tmp_path, monkeypatch):
    shutil.copytree(SERIES, tmp_path / "s")
    monkeypatch.chdir(tmp_path / "s")  # the series layout is read from its own folder (the root rule)
    nxt = tmp_path / "s" / "2026" / "w03.yaml"
    runner.invoke(app, ["new", str(nxt), "--from", str(tmp_path / "s" / "2026" / "w02.yaml")])
    found = notes_at(runner.invoke(app, ["check", str(nxt)]).output)
    lines = nxt.read_text("utf-8").splitlines()
    assert [lines[n - 1].split("#")[0].strip() for n, _ in found] == [
        "- title: 在此填写第一篇文章标题", "在此填写正文第一段。"]  # 第二段。: too short to tell
    assert runner.invoke(app, ["build", "--strict", str(nxt)]).exit_code == 1


def test_an_issue_written_over_the_template_is_not_marked(tmp_path):
    spec = tmp_path / "x.yaml"
    runner.invoke(app, ["new", str(spec)])
    text = written_over(spec.read_text("utf-8"))
    spec.write_text(text, "utf-8")
    assert notes_at(runner.invoke(app, ["check", str(spec)]).output) == []


@pytest.mark.parametrize("spec", sorted([*ROOT.glob("examples/*.yaml"),
                                         *ROOT.glob("tests/fixtures/valid/*.yaml")]), ids=lambda p: p.stem)
def test_no_example_or_fixture_is_marked(spec):
    assert notes_at(runner.invoke(app, ["check", str(spec)]).output) == []


def test_no_corpus_paragraph_is_marked():
    for txt in CORPUS:
        for para in txt.read_text("utf-8").split("\n\n"):
            assert not left_in(para.replace("\n", "").strip(), "articles[1].body"), para[:30]
