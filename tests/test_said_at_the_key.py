"""What a spec writes is printed or refused at its key, never dropped without a word, and each
refusal says what is wrong in the author's terms."""
from pathlib import Path

import pytest

from bulletin_cli.errors import InputError, Problem
from bulletin_cli.spec.reader import load_spec, parse_spec

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = (ROOT / "tests" / "fixtures" / "valid" / "minimal.yaml").read_text(encoding="utf-8")
BODY = "    body: 3月12日，市委常委杨广平到第十网格督导创城工作。\n"


PUBLISHER = "  publisher: 聊城市创建全国文明城市工作办公室\n"


def refused(spec: Path) -> list[Problem]:
    with pytest.raises(InputError) as info:
        load_spec(spec)
    return info.value.problems


def problems(text: str) -> list[Problem]:
    with pytest.raises(InputError) as info:
        parse_spec(text, "t.yaml")
    return info.value.problems


def with_body(body: str) -> str:
    assert BODY in MINIMAL
    return MINIMAL.replace(BODY, body)


def test_a_table_of_empty_cells_is_refused_at_its_key():
    text = with_body("    body:\n      - 正文。\n      - table: [[~, \"\"], [\"\\u200b\", ~]]\n")
    [p] = problems(text)
    assert (p.path, p.line, p.col) == ("articles[1].body[2].table", 10, 16)
    assert "every cell is empty" in p.message


def test_an_empty_row_says_it_needs_a_cell():
    """`table: [[]]` said "expected a row: a list of cells, got a list"."""
    [p] = problems(with_body("    body:\n      - table: [[]]\n"))
    assert p.path == "articles[1].body[1].table[1]" and p.message == "a row needs at least one cell"


@pytest.mark.parametrize("paragraph", ["****", "## ****"])
def test_a_paragraph_that_prints_nothing_is_refused_where_it_is(paragraph):
    text = with_body(f"    body: |\n      第一段。\n\n      {paragraph}\n")
    [p] = problems(text)
    assert (p.path, p.line, p.col, p.message) == ("articles[1].body", 11, 7, "the paragraph prints nothing")


def test_a_paragraph_of_marks_in_a_markdown_body_file_is_refused_in_the_file(tmp_path):
    (tmp_path / "a.md").write_text("# 标题\n\n正文。\n\n[](http://example.com)\n", encoding="utf-8")
    spec = tmp_path / "s.yaml"
    title = "  - title: 杨广平到第十网格督导创城工作\n"
    untitled = with_body("    body_file: a.md\n").replace(title, "  -\n")
    spec.write_text(untitled, encoding="utf-8")
    [p] = refused(spec)
    assert (p.file, p.line, p.message) == (str(tmp_path / "a.md"), 5, "the paragraph prints nothing")


def chain(folder: Path, length: int) -> Path:
    """An issue extending s0.yaml, which extends s1.yaml, ... up to the last, which has the publisher."""
    for k in range(length - 1):
        (folder / f"s{k}.yaml").write_text(f"extends: s{k + 1}.yaml\n", encoding="utf-8")
    (folder / f"s{length - 1}.yaml").write_text("masthead: {publisher: 某办}\n", encoding="utf-8")
    spec = folder / "issue.yaml"
    spec.write_text("extends: s0.yaml\n" + MINIMAL.replace(PUBLISHER, ""), encoding="utf-8")
    return spec


def test_a_long_chain_of_series_files_says_what_it_is(tmp_path):
    """2,000 series files extending each other ended in "the YAML is nested too deeply"."""
    [p] = refused(chain(tmp_path, 2000))
    assert p.message.startswith("too many series files: more than 20") and p.path == "extends"
    assert p.file == str(tmp_path / "s19.yaml")  # where the chain went past the limit


def test_a_short_chain_of_series_files_still_merges(tmp_path):
    loaded = load_spec(chain(tmp_path, 20))
    assert loaded.masthead.publisher == "某办" and len(loaded.extends) == 20
