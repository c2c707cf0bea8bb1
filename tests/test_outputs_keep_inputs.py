"""An output never replaces a file the build reads (issue 22): the series file, a body file, a
picture, a font named by path; through a symlink or a hard link too."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from PIL import Image

from bulletin_cli.fonts.resolve import fonts_dir

SERIES = "masthead: {title: 测试工作简报, publisher: 测试办公室}\nstyle:\n  fonts: {body: fonts/mine.ttf}\n"
ISSUE = """\
extends: ../series.yaml
masthead: {issue: 1, date: 2026-03-01}
articles:
  - {title: 一, body_file: body.txt}
  - title: 二
    body:
      - 正文。
      - {image: photo.png}
"""


@pytest.fixture
def issue(tmp_path, monkeypatch):
    (tmp_path / "fonts").mkdir()
    (tmp_path / "2026").mkdir()
    shutil.copy(fonts_dir() / "body.ttf", tmp_path / "fonts" / "mine.ttf")
    (tmp_path / "series.yaml").write_text(SERIES, encoding="utf-8")
    (tmp_path / "2026" / "body.txt").write_text("正文。\n", encoding="utf-8")
    Image.new("RGB", (60, 40), (200, 30, 40)).save(tmp_path / "2026" / "photo.png")
    spec = tmp_path / "2026" / "w01.yaml"
    spec.write_text(ISSUE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return spec


def build(*args):
    p = subprocess.run([sys.executable, "-m", "bulletin_cli", "build", *map(str, args)],
                       capture_output=True, text=True, timeout=120)
    assert "Traceback" not in p.stderr, p.stderr
    return p


@pytest.mark.parametrize("out", ["series.yaml", "2026/body.txt", "2026/photo.png", "fonts/mine.ttf"])
def test_an_output_that_is_an_input_is_refused_and_the_input_kept(issue, out):
    before = (issue.parent.parent / out).read_bytes()
    p = build(issue, "-o", out, "--format", "pdf")
    assert p.returncode == 2
    assert f": {out}: output would overwrite " in p.stderr and "a file this build reads" in p.stderr
    assert (issue.parent.parent / out).read_bytes() == before


def test_through_a_symlink_or_a_hard_link_too(issue, tmp_path):
    os.symlink(tmp_path / "series.yaml", tmp_path / "link.pdf")
    os.link(tmp_path / "2026" / "body.txt", tmp_path / "hard.pdf")
    for out in ("link.pdf", "hard.pdf"):
        p = build(issue, "-o", out)
        assert p.returncode == 2 and "a file this build reads" in p.stderr
    assert (tmp_path / "series.yaml").read_text("utf-8") == SERIES
    assert build(issue, "-o", "other.pdf").returncode == 0
