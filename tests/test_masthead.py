"""The masthead measured against its space (issue 14): a long publisher, a long marking, a
title of three lines or of two very long ones. Checked in the PDF itself: every masthead
character is there, inside the text block, over no other, and above the red rule."""
from __future__ import annotations

import re

import pdfplumber
import pytest

from bulletin_cli import build
from bulletin_cli.errors import InputError
from bulletin_cli.layout.masthead import MASTHEAD_MAX_LINES
from bulletin_cli.layout.page import BLOCK_W, LEFT, PAGE_H

RED = (0, 1, 1, 0)
LONG = "关于进一步加强和改进新时代城市精神文明建设工作" * 9  # 216 characters: cut to 200 below


def spec_text(title: str = "聊城市创建全国文明城市工作简报", publisher: str = "聊城市创城办",
              marking: str | None = None) -> str:
    marking_line = f"  marking: {marking}\n" if marking else ""
    return (f"masthead:\n  title: {title}\n  issue: 11\n  total_issue: 125\n  publisher: {publisher}\n"
            f"  date: 2021-12-31\n{marking_line}articles:\n  - title: 杨广平到第十网格督导创城工作\n"
            "    body: 3月12日，市委常委杨广平到第十网格督导创城工作。\n")


CASES = {
    "publisher of 23": {"publisher": "中共聊城市委创建全国文明城市工作领导小组办公室"},
    "publisher of 60": {"publisher": "中共聊城市委宣传部、聊城市精神文明建设委员会办公室、" * 2
                        + "聊城市创城办联合"},
    "marking of 40": {"marking": "内部资料　注意保存　仅供领导参阅　不得翻印　请勿外传　阅后收回" * 1},
    "marking of 60": {"marking": "内部资料注意保存" * 7 + "仅供参阅"},
    "title of three lines (|)": {"title": "|\n    聊城市\n    创建全国文明城市\n    工作简报"},
    "title of three lines (list)": {"title": "[聊城市, 创建全国文明城市领导小组, 工作简报]"},
    "title of two 120-character lines": {"title": f"[{LONG[:120]}, {LONG[100:220]}]"},
}


def masthead_texts(case: dict) -> list[str]:
    title = case.get("title", "聊城市创建全国文明城市工作简报")
    if title.startswith("|"):
        lines = title.split("\n")[1:]
    elif title.startswith("["):
        lines = title[1:-1].split(", ")
    else:
        lines = [title]
    return [t.strip() for t in lines] + ["第11期（总第125期）", case.get("publisher", "聊城市创城办"),
                                         "2021年12月31日", *([case["marking"]] if "marking" in case else [])]


def overlap(a: dict, b: dict, tolerance: float = 0.3) -> bool:
    return (min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > tolerance
            and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > tolerance)


@pytest.mark.parametrize("name", CASES)
def test_the_masthead_fits_its_space(tmp_path, name):
    spec = tmp_path / "m.yaml"
    spec.write_text(spec_text(**CASES[name]), encoding="utf-8")
    result = build(spec, tmp_path / "m.pdf")
    assert result.missing == []  # a line break of the title once printed as a box (U+000A)
    with pdfplumber.open(tmp_path / "m.pdf") as pdf:
        page = pdf.pages[0]
        rules = [ln for ln in page.lines + page.rects if tuple(ln.get("stroking_color") or ()) == RED]
        assert len(rules) == 1, "the red rule under the masthead"
        rule_top = PAGE_H - rules[0]["y0"] - 2  # pdfplumber's top, from the page's top
        chars = [c for c in page.chars if c["text"].strip()]
    above = [c for c in chars if c["bottom"] < rule_top]
    below = [c for c in chars if c["top"] > rule_top]
    assert len(above) + len(below) == len(chars), "a character crosses the red rule"
    text = "".join(c["text"] for c in above)
    for piece in masthead_texts(CASES[name]):
        assert piece.replace("　", "").replace(" ", "") in text.replace(" ", ""), piece
    for c in chars:
        assert c["x0"] >= LEFT - 0.5 and c["x1"] <= LEFT + BLOCK_W + 0.5, f"{c['text']} off the text block"
        assert c["top"] >= 0 and c["bottom"] <= PAGE_H
    for i, a in enumerate(above):
        for b in above[i + 1:]:
            assert not overlap(a, b), f"{a['text']} over {b['text']}"
    assert below and min(c["top"] for c in below) > rule_top  # the text follows on page 1


def test_a_masthead_too_tall_for_page_one_is_refused_at_the_title(tmp_path):
    spec = tmp_path / "m.yaml"
    spec.write_text(spec_text(title=f"[{LONG[:200]}, {LONG[10:210]}]"), encoding="utf-8")
    with pytest.raises(InputError) as e:
        build(spec, tmp_path / "m.pdf")
    [p] = e.value.problems
    assert (p.file, p.line, p.col, p.path) == (str(spec), 2, 10, "masthead.title")
    assert p.message.startswith("the masthead needs ") and f"(at most {MASTHEAD_MAX_LINES})" in p.message
    assert not (tmp_path / "m.pdf").exists()


@pytest.mark.parametrize("field", ["publisher", "marking"])
def test_a_wrapped_publisher_or_marking_never_breaks_inside_a_name_the_spec_gives(tmp_path, field):
    """They wrapped between words but knew no names: 田中|俊 (the byline names 田中俊)."""
    value = "聊城市创建全国文明城市田中俊同志工作室宣传组联合编印" * (1 if field == "publisher" else 2)
    text = spec_text(**{field: value}).replace("    body:", "    byline: 记者 田中俊\n    body:")
    spec = tmp_path / "m.yaml"
    spec.write_text(text, encoding="utf-8")
    build(spec, tmp_path / "m.pdf")
    with pdfplumber.open(tmp_path / "m.pdf") as pdf:
        words = pdf.pages[0].extract_words(keep_blank_chars=True, x_tolerance=40, y_tolerance=2)
    lines = [w["text"].replace(" ", "") for w in words]
    held = [ln for ln in lines if "田中" in ln or "中俊" in ln]
    assert len(held) >= 2 - (field == "publisher") and all("田中俊" in ln for ln in held), lines
    assert sum(ln.count("田中俊") for ln in lines) >= text.count("田中俊") - 1  # the byline is on page 1 too
    wrapped = [ln for ln in lines if ln and ln in value]
    assert len(wrapped) >= 2, lines  # it did wrap


@pytest.mark.parametrize("field, line, col", [("marking", 7, 12), ("publisher", 5, 14)])
def test_a_masthead_too_tall_because_of_its_marking_or_publisher_blames_that(tmp_path, field, line, col):
    """A marking or publisher of a page was refused at masthead.title, with a hint to shorten
    the title: the user looked for the fault in the wrong place."""
    spec = tmp_path / "m.yaml"
    spec.write_text(spec_text(**{field: "内部资料注意保存聊城市创城办" * 200}), encoding="utf-8")
    with pytest.raises(InputError) as e:
        build(spec, tmp_path / "m.pdf")
    [p] = e.value.problems
    assert (p.file, p.line, p.col, p.path) == (str(spec), line, col, f"masthead.{field}")
    assert re.search(rf"\(at most {MASTHEAD_MAX_LINES}\); the {field} takes \d+$", p.message), p.message
    assert field in p.hint and "title" not in p.hint
    assert not (tmp_path / "m.pdf").exists()
