"""Issue #12: the headline list, numbered items, regulations, runts and mark positions, checked
on bulletins written for it (tests/fixtures/valid/) and read back from the PDF."""
import itertools
from pathlib import Path

import pdfplumber
import pytest

from bulletin_cli import build
from bulletin_cli.layout.page import CELL, LEFT

from .pdffacts import read_lines
from .typesetting import count_defects

VALID = Path(__file__).parent / "fixtures" / "valid"
WRITTEN = ["digest-7.yaml", "report-21.yaml", "regulation.yaml"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = {}
    for name in WRITTEN:
        pdf = tmp_path_factory.mktemp("ts") / (name + ".pdf")
        build(VALID / name, pdf)
        out[name] = pdf
    return out


@pytest.mark.parametrize("name", WRITTEN)
def test_written_bulletins_have_no_defects(built, name):
    assert {k: v for k, v in count_defects(built[name], VALID / name).items() if v} == {}


def chars_of(pdf_path):
    with pdfplumber.open(pdf_path) as pdf:
        return [(pno, c) for pno, p in enumerate(pdf.pages, 1) for c in p.chars if c["text"].strip()]


def test_seven_two_line_headlines_stay_on_page_one(built):
    """15 lines of headlines do not fit the grid under the masthead: the list tightens its
    leading and stays whole on page 1, each headline on two lines, the second hung one em in."""
    page1 = [ln for ln in read_lines(built["digest-7.yaml"]) if ln.page == 1 and ln.size == 16]
    firsts = [ln for ln in page1 if abs(ln.x0 - LEFT - 2 * CELL) < 0.5]
    hung = [ln for ln in page1 if abs(ln.x0 - LEFT - 3 * CELL) < 0.5]
    lines = sorted(firsts + hung, key=lambda ln: -ln.y)
    assert len(firsts) == 7 and len(hung) == 7
    pitches = {round(a.y - b.y, 1) for a, b in itertools.pairwise(lines)}
    assert max(pitches) < 28.9  # tighter than the 28.99 pt grid


def test_long_list_runs_on_with_whole_entries(built):
    pages = {p for p, c in chars_of(built["report-21.yaml"]) if c["text"] == "市" and c["size"] == 16}
    assert {1, 2} <= pages  # 21 headlines: more than page 1 holds even at 4号


def face_of(pdf_path, text):
    chars = chars_of(pdf_path)
    s = "".join(c["text"] for _, c in chars)
    i = s.index(text)
    return {c["fontname"].split("+", 1)[1] for _, c in chars[i:i + len(text)]}


def test_list_items_are_body_face_and_regulation_labels_black(built):
    pdf = built["regulation.yaml"]
    body = face_of(pdf, "为了促进城市绿化事业的发展")
    heading = face_of(pdf, "第一条")
    assert body != heading
    assert face_of(pdf, "（一）违法调整城市绿线和批准占用城市绿线范围内用地的；") == body
    assert face_of(pdf, "（四）其他玩忽职守、滥用职权、徇私舞弊的行为。") == body  # last item of a ；-list
    assert face_of(pdf, "一、提高认识。") == heading  # a real heading keeps its face
    assert face_of(pdf, "二、加强宣传，营造氛围。") == body  # runs on as a sentence: an item


def test_chapter_heading_is_centred_with_a_line_around_it(built):
    lines = read_lines(built["regulation.yaml"])
    k = next(i for i, ln in enumerate(lines) if ln.text == "第二章规划和建设")
    ch = lines[k]
    mid = (ch.chars[0]["x0"] + ch.chars[-1]["x1"]) / 2
    assert abs(mid - (LEFT + 156 * 72 / 25.4 / 2)) < 1.0
    assert ch.chars[3]["x0"] - ch.chars[2]["x1"] > 10  # the full-width space after 第二章
    above, below = lines[k - 1], lines[k + 1]
    assert above.y - ch.y > 50 and ch.y - below.y > 50  # a blank grid line on either side
    label = next(ln for ln in lines if ln.text.startswith("第四条"))
    assert label.chars[4]["x0"] - label.chars[2]["x1"] > 1.5 * CELL  # 第四条　城市…


def test_list_steps_down_to_small_four_before_running_on(tmp_path):
    """Twelve headlines of 27 characters: two lines each at 3号 (24 lines, too many for page 1
    even at the tightest leading), one line each at 4号: the list is set at 4号 on page 1."""
    heads = [f"市政府召开第{n}次常务会议研究部署安全生产和防汛抗旱工作" for n in "一二三四五六七八九十甲乙"]
    assert {len(h) for h in heads} == {27}
    spec = tmp_path / "s.yaml"
    spec.write_text(
        "masthead: {title: 测试工作简报, issue: 1, publisher: 测试办公室, date: 2026-01-01}\n"
        "articles:\n"
        + "".join(f"  - title: {h}\n    body: 会议研究部署了有关工作，要求各地各部门认真抓好落实。\n"
                  for h in heads)
        + "style: {headline_label: 本期要目}\n", encoding="utf-8")
    build(spec, tmp_path / "s.pdf")
    lines = [ln for ln in read_lines(tmp_path / "s.pdf") if ln.text in heads]
    assert len(lines) == 12 and {(ln.page, ln.size) for ln in lines} == {(1, 14.0)}
    assert {k: v for k, v in count_defects(tmp_path / "s.pdf", spec).items() if v} == {}


@pytest.mark.parametrize("name", WRITTEN)
def test_no_two_lines_overlap(built, name):
    """Lines of the text block never run into each other: the headline list under its label,
    at any leading, sits on its own lines."""
    lines = [ln for ln in read_lines(built[name]) if ln.size <= 22]  # not the masthead's title
    for a in lines:
        for b in lines:
            if a is b or a.page != b.page or not a.y - b.y >= 0:
                continue
            apart = a.chars[-1]["x1"] < b.x0 or b.chars[-1]["x1"] < a.x0
            assert apart or a.y - b.y >= 0.9 * max(a.size, b.size), (a.text, b.text)
