"""`bulletin schema` accepts what the loader accepts, an issue that `extends:` a series file
included (its masthead's title and publisher come from the series file), and the issue that
`bulletin new --from` writes after one."""
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from bulletin_cli.cli import app
from bulletin_cli.errors import InputError
from bulletin_cli.schema import spec_schema
from bulletin_cli.spec.reader import load_spec
from bulletin_cli.spec.source import decode

ROOT = Path(__file__).resolve().parents[1]
SPECS = sorted([*ROOT.glob("examples/*.yaml"), *ROOT.glob("tests/fixtures/*/*.yaml"),
                *ROOT.glob("tests/fixtures/proofread/series/2026/*.yaml")])
SERIES_ISSUE = ROOT / "tests" / "fixtures" / "proofread" / "series" / "2026" / "w02.yaml"


def schema_errors(path: Path) -> list[str]:
    text = decode(path.read_bytes())[0].removeprefix("\ufeff")  # as the loader reads it (GB18030 too)
    doc = yaml.load(text, Loader=yaml.BaseLoader)  # dates as text
    return [e.message for e in jsonschema.Draft202012Validator(spec_schema()).iter_errors(_numbers(doc))]


def _numbers(value):
    """BaseLoader reads every scalar as text; an editor reads 12 as a number, true as a boolean."""
    if isinstance(value, dict):
        return {k: _numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_numbers(v) for v in value]
    return yaml.safe_load(value) if value in ("true", "false") or value.isdigit() else value


def loads(path: Path) -> bool:
    try:
        load_spec(path)
        return True
    except InputError:
        return False


@pytest.mark.parametrize("path", [p for p in SPECS if loads(p)], ids=lambda p: p.relative_to(ROOT).as_posix())
def test_the_schema_accepts_every_spec_the_loader_accepts(path):
    assert schema_errors(path) == []


def test_an_issue_that_extends_a_series_file_passes(tmp_path):
    assert "extends" in SERIES_ISSUE.read_text("utf-8") and loads(SERIES_ISSUE)
    assert schema_errors(SERIES_ISSUE) == []


def test_the_issue_new_from_writes_passes(tmp_path, monkeypatch):
    import shutil

    shutil.copytree(SERIES_ISSUE.parent.parent, tmp_path / "s")
    monkeypatch.chdir(tmp_path / "s")  # the series layout is read from its own folder (the root rule)
    nxt = tmp_path / "s" / "2026" / "w03.yaml"
    result = CliRunner().invoke(app, ["new", str(nxt), "--from", str(tmp_path / "s" / "2026" / "w02.yaml")])
    assert result.exit_code == 0, result.output
    assert "extends:" in nxt.read_text("utf-8")
    assert loads(nxt) and schema_errors(nxt) == []


def test_without_extends_the_masthead_is_still_required(tmp_path):
    spec = tmp_path / "x.yaml"
    spec.write_text("masthead:\n  issue: 2\n  date: 2026-01-01\n"
                    "articles:\n  - title: 标题\n    body: 正文。\n", "utf-8")
    assert not loads(spec)
    assert any("title" in e for e in schema_errors(spec))
