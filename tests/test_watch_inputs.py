"""Every file a build reads is known (Spec.inputs), and `watch` rebuilds when any of them changes:
a body file or a picture as well as the spec and its series file."""
import shutil
from pathlib import Path

import pytest
from PIL import Image

from bulletin_cli.errors import InputError
from bulletin_cli.fonts.resolve import fonts_dir
from bulletin_cli.spec.reader import load_spec

from .procs import built, watching

BODY = "第一段。\n\n![图注](../photos/a.png)\n"
SERIES = """\
masthead:
  title: 创城工作简报
  publisher: 某区创城办
style:
  fonts: {body: fonts/mybody.ttf}
"""
ISSUE = """\
extends: ../series/series.yaml
masthead: {issue: 2, date: 2026-01-22}
articles:
  - title: 第一篇
    body_file: 稿件/一.md
  - title: 第二篇
    body:
      - 正文。
      - image: photos/b.png
"""


def _files(tmp_path: Path) -> Path:
    (tmp_path / "series" / "fonts").mkdir(parents=True)
    shutil.copy(fonts_dir() / "body.ttf", tmp_path / "series" / "fonts" / "mybody.ttf")
    (tmp_path / "series" / "series.yaml").write_text(SERIES, encoding="utf-8")
    for folder in ("2026/稿件", "2026/photos"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "2026" / "稿件" / "一.md").write_text(BODY, encoding="utf-8")
    for name in ("a.png", "b.png"):
        Image.new("L", (40, 30), 128).save(tmp_path / "2026" / "photos" / name)
    spec = tmp_path / "2026" / "w02.yaml"
    spec.write_text(ISSUE, encoding="utf-8")
    return spec


def test_a_spec_knows_every_file_it_read(tmp_path):
    spec = _files(tmp_path)
    # the series lies beside 2026/: the folder that holds both is the root (issue 22)
    inputs = [Path(p).resolve() for p in load_spec(spec, root=tmp_path).inputs]
    assert inputs == [spec.resolve(), *(tmp_path / p for p in (
        "series/series.yaml", "series/fonts/mybody.ttf", "2026/稿件/一.md", "2026/photos/a.png",
        "2026/photos/b.png"))]


def test_an_invalid_spec_still_says_what_it_read(tmp_path):
    spec = _files(tmp_path)
    spec.write_text(ISSUE.replace("2026-01-22", "2026-02-30"), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_spec(spec, root=tmp_path)
    assert {Path(p).name for p in info.value.inputs} == {
        "w02.yaml", "series.yaml", "mybody.ttf", "一.md", "a.png", "b.png"}


def test_watch_rebuilds_when_a_body_file_or_a_picture_changes(tmp_path):
    spec = _files(tmp_path)
    pdf = spec.with_suffix(".pdf")
    with watching(spec, cwd=tmp_path) as out:  # run from the series layout's folder
        built(out)
        first = pdf.read_bytes()
        (tmp_path / "2026" / "稿件" / "一.md").write_text("第一段，改过。\n\n![图注](../photos/a.png)\n",
                                                      encoding="utf-8")
        built(out)  # the body file changed
        second = pdf.read_bytes()
        assert second != first
        Image.new("L", (40, 30), 30).save(tmp_path / "2026" / "photos" / "b.png")
        built(out)  # a picture changed
        assert pdf.read_bytes() != second
