"""Titles are broken once (issue 19): break_title returns each line measured and set, callers
place it as it is; a title the masthead tries at nine sizes, or a headline list tried at two,
is not broken again for what did not change, and no title line is broken a second time."""
from __future__ import annotations

from pathlib import Path

import pytest

from bulletin_cli import build
from bulletin_cli.layout.setter import Setter
from bulletin_cli.text import linebreak

ROOT = Path(__file__).resolve().parents[1]
LONG = "关于进一步加强和改进新时代城市精神文明建设工作" * 9
# a masthead too tall at the largest title: it is laid out again at smaller caps
STEPPING = f"""\
masthead:
  title: [{LONG[:120]}, {LONG[100:220]}]
  issue: 11
  publisher: 聊城市创城办
  date: 2021-12-31
  marking: 内部资料　注意保存　仅供领导参阅　不得翻印　请勿外传　阅后收回
articles:
  - title: 杨广平到第十网格督导创城工作
    body: 3月12日，市委常委杨广平到第十网格督导创城工作。
"""
SPECS = {"grid-10": "examples/grid-10.yaml", "headlines-21": "tests/fixtures/valid/headlines-21.yaml"}


def half(s: str, at: int = 0) -> float:
    return sum(1.0 if linebreak.is_full_width(c) else 0.5 for c in s)


@pytest.mark.parametrize("spec", ["headlines-21", "masthead stepping down", "grid-10"])
def test_each_title_is_broken_once_per_build(tmp_path, monkeypatch, spec):
    if spec == "masthead stepping down":
        path = tmp_path / "m.yaml"
        path.write_text(STEPPING, encoding="utf-8")
    else:
        path = ROOT / SPECS[spec]
    broken, asked, rebroken = {}, [0], []
    real_title, real_paragraph = linebreak.break_title, linebreak.break_paragraph
    real_lines = Setter.title_lines

    def break_title(text, width, measure, hints=True, **kw):
        broken[text, width, hints] = broken.get((text, width, hints), 0) + 1
        return real_title(text, width, measure, hints, **kw)

    def break_paragraph(text, width, measure, indent=0.0):
        if width == 10_000 and not text.replace(",", "").replace(".", "").replace("%", "").isdigit():
            rebroken.append(text)  # a title line set again (table numbers are set so on purpose)
        return real_paragraph(text, width, measure, indent)

    def title_lines(self, *args, **kw):
        asked[0] += 1
        return real_lines(self, *args, **kw)

    monkeypatch.setattr(linebreak, "break_title", break_title)
    monkeypatch.setattr(linebreak, "break_paragraph", break_paragraph)
    monkeypatch.setattr(Setter, "title_lines", title_lines)
    build(path, tmp_path / "out.pdf")
    assert broken and max(broken.values()) == 1, {k: n for k, n in broken.items() if n > 1}
    assert rebroken == []
    if spec != "grid-10":  # the masthead (nine caps) or the headline list (two sizes) asks again
        assert asked[0] > len(broken)


@pytest.mark.parametrize("title, width, hints", [
    ("聊城市技师学院 安排部署创城及文明校园创建工作", 20, True),
    ("全市各级各部门和广大干部认真贯彻党的二十届三中全会精神（2026年）", 12, True),
    ("《关于印发“十四五”规划》的通知 市委办公室", 9, False),
    ("详见 http://www.example.com/a/very/long/path?x=1&y=2 的通知", 10, True),
    ("　短标题 ", 20, False),
])
def test_a_title_line_is_its_text_set_alone(title, width, hints):
    """What callers used to do with each line (break it again, alone, at an endless width) is
    what break_title's lines hold: the same units at the same places."""
    lines = linebreak.break_title(title, width, half, hints)
    assert len(lines) > 1 or len(title) < 10
    for line in lines:
        alone = linebreak.break_paragraph(line.text, 10_000, half)
        assert line.items == (alone[0].items if alone else [])
        assert line.width == (alone[0].right if alone else 0.0)
