"""`style.tables: grid | three-line`: read from the spec, grid when left out, a wrong value refused
at its key with the closest word, and the JSON Schema agreeing with the loader."""
import jsonschema
import pytest

from bulletin_cli.schema import spec_schema
from bulletin_cli.spec.reader import load_spec

from .helpers import run

SPEC = """\
masthead: {title: 测试工作简报, issue: 1, publisher: 测试办公室, date: 2026-03-01}
articles:
  - title: 表
    body:
      - table: [[项目, 数量], [甲, 1]]
"""


def _spec(tmp_path, style: str = ""):
    p = tmp_path / "s.yaml"
    p.write_text(SPEC + (f"style:\n  tables: {style}\n" if style else ""), encoding="utf-8")
    return p


@pytest.mark.parametrize(("written", "read"), [("", "grid"), ("grid", "grid"), ("three-line", "three-line"),
                                                ("Three-Line", "three-line")])
def test_the_value_is_read(tmp_path, written, read):
    assert load_spec(_spec(tmp_path, written)).style.tables == read


@pytest.mark.parametrize(("written", "message", "hint"), [
    ("threeline", "style.tables: expected one of grid, three-line, got 'threeline'",
     "did you mean 'three-line'?"),
    ("yes", "style.tables: expected one of grid, three-line, got a boolean", "write grid or three-line"),
])
def test_a_wrong_value_is_refused_at_its_key(tmp_path, written, message, hint):
    spec = _spec(tmp_path, written)
    p = run("build", spec, "-o", tmp_path / "x.pdf")
    assert p.returncode == 2
    assert f"{spec}:7:11: {message}" in p.stderr and hint in p.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_the_schema_takes_what_the_loader_takes():
    check = jsonschema.Draft202012Validator(spec_schema())
    doc = {"masthead": {"title": "简报", "issue": 1, "publisher": "办", "date": "2026-03-01"},
           "articles": [{"title": "表", "body": "正文"}]}
    for value, ok in (("grid", True), ("three-line", True), ("THREE-LINE", True), ("lines", False)):
        assert check.is_valid({**doc, "style": {"tables": value}}) is ok
