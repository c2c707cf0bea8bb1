"""--root (issue 22) means the same on every command that reads a spec: build (a file, or specs
piped to standard input in a batch), check, fonts, check --fix (whose read-back reads under the same
root) and watch; and BuildOptions.root holds a Spec built in code to it when fonts are read."""
from __future__ import annotations

import shutil

import pytest

from bulletin_cli import build
from bulletin_cli.errors import InputError
from bulletin_cli.fonts.resolve import fonts_dir
from bulletin_cli.options import BuildOptions
from bulletin_cli.spec.reader import parse_spec

from .helpers import run
from .procs import built, watching

SERIES = "masthead: {title: 测试工作简报, publisher: 测试办公室}\n"
ISSUE = """\
extends: ../series/series.yaml
masthead: {issue: 1, date: 2026-03-01}
articles:
  - title: 一
    body: 正文，，一段。
"""


@pytest.fixture
def layout(tmp_path):
    """The README's series layout: series/ beside 2026/, run from 2026/ (so only --root lets the
    issue read its series file)."""
    (tmp_path / "series").mkdir()
    (tmp_path / "2026").mkdir()
    (tmp_path / "series" / "series.yaml").write_text(SERIES, encoding="utf-8")
    spec = tmp_path / "2026" / "w01.yaml"
    spec.write_text(ISSUE, encoding="utf-8")
    return spec


@pytest.mark.parametrize("command", [["build"], ["check"], ["fonts", "--json"]])
def test_without_root_the_series_beside_is_outside_and_with_it_is_read(layout, tmp_path, command):
    here = layout.parent
    p = run(*command, layout, cwd=here)
    assert p.returncode == 2 and "extends: " in p.stderr and "is outside" in p.stderr
    p = run(*command, layout, "--root", tmp_path, cwd=here)
    assert p.returncode == 0, p.stderr


def test_a_batch_from_standard_input_reads_under_root(layout, tmp_path):
    text = ISSUE.replace("../series/series.yaml", str(tmp_path / "series" / "series.yaml"))
    p = run("build", "-", "-o", "out.pdf", cwd=layout.parent, stdin=text)
    assert p.returncode == 2 and "is outside" in p.stderr
    p = run("build", "-", "-o", "out.pdf", "--root", tmp_path, cwd=layout.parent, stdin=text)
    assert p.returncode == 0 and (layout.parent / "out.pdf").exists(), p.stderr


def test_check_fix_reads_the_fixed_text_back_under_the_same_root(layout, tmp_path):
    p = run("check", "--fix", layout, "--root", tmp_path, cwd=layout.parent)
    assert p.returncode == 0, p.stderr
    assert "正文，一段。" in layout.read_text(encoding="utf-8")  # the doubled comma mended


def test_watch_takes_root_too(layout, tmp_path):
    with watching(layout, "--root", tmp_path, cwd=layout.parent) as out:
        built(out)
    assert layout.with_suffix(".pdf").exists()


def test_build_options_root_holds_a_spec_built_in_code(tmp_path):
    (tmp_path / "fonts").mkdir()
    shutil.copy(fonts_dir() / "body.ttf", tmp_path / "fonts" / "mine.ttf")
    (tmp_path / "issue").mkdir()
    text = ("masthead: {title: 测试工作简报, issue: 1, publisher: 测试办公室, date: 2026-03-01}\n"
            f"style:\n  fonts: {{body: {tmp_path / 'fonts' / 'mine.ttf'}}}\n"
            "articles:\n  - {title: 一, body: 正文。}\n")
    spec = parse_spec(text, str(tmp_path / "issue" / "s.yaml"), root=tmp_path)  # the font is read later
    with pytest.raises(InputError, match="is outside"):
        build(spec, tmp_path / "a.pdf", BuildOptions(root=tmp_path / "issue"))
    assert build(spec, tmp_path / "b.pdf", BuildOptions(root=tmp_path)).outputs
