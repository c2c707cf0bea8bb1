"""The line breaker as a pure function: one small case per rule, then properties over random text."""
import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin_cli.text.linebreak import (
    NO_END,
    NO_START,
    break_paragraph,
    break_title,
    tokenize,
)


def half(s: str, at: int = 0) -> float:
    """Narrow characters are half a cell in these tests."""
    return 0.5 * len(s)


def lines(text, width, indent=0.0):
    return [ln.text for ln in break_paragraph(text, width, half, indent)]


def title_texts(*args, **kw) -> list[str]:
    """The text of each line break_title makes."""
    return [ln.text for ln in break_title(*args, **kw)]


def test_fills_lines_of_exactly_width_characters():
    text = "一二三四五六七八九十" * 3
    assert lines(text, 10) == ["一二三四五六七八九十"] * 3


def test_first_line_indent_takes_two_cells():
    assert lines("一二三四五六七八九十一二", 10, indent=2) == ["一二三四五六七八", "九十一二"]


@pytest.mark.parametrize("mark", list("，。、；：？！）》」』”’"))
def test_closing_mark_never_starts_a_line(mark):
    # the mark would be the 11th cell: with no slack to push it in, a character moves down with it
    got = lines("一二三四五六七八九十" + mark + "甲乙丙", 10)
    assert got == ["一二三四五六七八九", "十" + mark + "甲乙丙"]


@pytest.mark.parametrize("mark", list("（《「『“‘"))
def test_opening_mark_never_ends_a_line(mark):
    got = lines("一二三四五六七八九" + mark + "甲乙丙", 10)
    assert got == ["一二三四五六七八九", mark + "甲乙丙"]


def test_push_in_before_push_out():
    # 8 hanzi + "ab" (1 cell) + 。 = 10 cells... make it 9.5 + 。 so the mark fits at half width
    text = "一二三四五六七八a" + "。" + "甲乙"
    got = break_paragraph(text, 9, half)
    assert [ln.text for ln in got] == ["一二三四五六七八a。", "甲乙"]
    first = got[0]
    assert first.items[-1].width == 0.5  # the line-end mark was set half width
    assert first.right == pytest.approx(9.0)


@pytest.mark.parametrize("pair", ["——", "……"])
def test_two_em_marks_never_split_nor_start_a_line(pair):
    got = lines("一二三四五六七八九" + pair + "甲乙", 10)
    assert got == ["一二三四五六七八", "九" + pair + "甲乙"]


@pytest.mark.parametrize(
    "run",
    ["2021", "6.3%", "PM2.5", "C919", "1/3", "1,000.5", "688238亿元", "56号"],
)
def test_numbers_and_latin_stay_whole(run):
    # put the run where a naive breaker would split it
    prefix = "一二三四五六七八"
    got = lines(prefix + run + "甲乙丙丁", 9.5)
    assert any(run in ln for ln in got), got


def test_document_number_stays_whole():
    got = lines("一二三四五六七〔2019〕56号文件", 10)
    assert any("〔2019〕56号" in ln for ln in got), got


def test_long_url_breaks_at_slash_rather_than_overflowing():
    url = "https://www.example.gov.cn/zhengce/content/2021-03/13/content_5592681.htm"
    got = break_paragraph("见" + url + "。", 12, half)
    for ln in got:
        assert ln.right <= 12 + 1e-9
    assert "".join(ln.text for ln in got) == "见" + url + "。"
    assert got[0].text.endswith("/") or got[1].text.startswith(".")


def test_adjacent_marks_take_one_and_a_half_cells():
    got = break_paragraph("他说：“好。”我们走。", 30, half)
    items = {(it.text, it.width) for it in got[0].items}
    assert ("。", 0.5) in items and ("”", 1.0) in items
    assert ("：", 0.5) in items and ("“", 1.0) in items


def test_lone_mid_line_mark_keeps_its_full_cell():
    got = break_paragraph("一二，三四。五六", 30, half)
    assert [it.width for it in got[0].items if it.text in "，。"] == [1.0, 1.0]


def test_non_final_lines_are_justified_to_the_edge():
    text = "2021年3月12日，市人大常委会副主任杨广平带领督导组到第十网格督导创城工作。"
    got = break_paragraph(text, 10, half)
    for ln in got[:-1]:
        assert ln.right == pytest.approx(10.0)
    assert got[-1].right != pytest.approx(10.0) or len(got[-1].items) == 10


def test_justification_never_opens_inside_two_em_marks():
    got = break_paragraph("一二三——四五六七", 9.5, half)
    for ln in got:
        for it in ln.items:
            if it.text == "——":
                assert it.width == 2.0


def test_single_character_last_line_is_avoided():
    # 10 + 1 characters: the last line would hold one character; one more comes down to it
    got = lines("一二三四五六七八九十甲。", 10)
    assert got == ["一二三四五六七八九", "十甲。"]


def test_spaces_typed_by_the_author_are_kept_and_break_spaces_dropped():
    got = break_paragraph("使用 Python 语言", 30, half)
    assert got[0].text == "使用 Python 语言"
    got = break_paragraph("一二三四五六七八 abc def", 10, half)
    assert got[0].text == "一二三四五六七八 abc"  # visible text has no trailing space
    assert got[1].text == "def"


def test_title_breaks_at_the_authors_hint_and_balances():
    assert title_texts("聊城市技师学院 安排部署创城及文明校园创建工作", 20, half) == [
        "聊城市技师学院", "安排部署创城及文明校园创建工作"]
    assert title_texts("短标题 不断开", 20, half) == ["短标题不断开"]
    got = title_texts("全市上下要进一步统一思想提高认识狠抓工作落实", 20, half)
    assert [len(x) for x in got] == [12, 10]  # between the clauses; 11|11 would cut 思想, a word


def test_tokenize_makes_units():
    kinds = [(u.text, u.kind) for u in tokenize("“PM2.5”——超标……", half)]
    assert kinds == [("“", "open"), ("PM2.5", "latin"), ("”", "close"), ("——", "pair"),
                     ("超", "han"), ("标", "han"), ("……", "pair")]


# ---- properties -------------------------------------------------------------------------------

ALPHABET = list("中文排版规则测试的一是在不了有和人这") + list("，。、；：？！”’）》") + list("“‘（《") \
    + ["——", "……"] + list("0123456789") + ["PM2.5", "6.3%", "ISO", "C919", " ", "abc", "2021年", "\u3000"]
WHOLE_RUNS = re.compile(r"[A-Za-z0-9]+(?:[.%]+[A-Za-z0-9]+)*%*")


@settings(max_examples=int(__import__("os").environ.get("HYPO_N", 400)), deadline=None)
@given(
    parts=st.lists(st.sampled_from(ALPHABET), min_size=1, max_size=120),
    width=st.integers(min_value=6, max_value=40),
    indent=st.sampled_from([0.0, 2.0]),
)
def test_properties(parts, width, indent):
    text = "".join(parts)
    got = break_paragraph(text, width, half, indent)
    # a Latin run that, with the marks bound to it, is wider than a line must break somewhere
    # a rule forbids (inside, where a URL may, or beside a mark); it excuses its lines
    overlong = [m.span() for m in WHOLE_RUNS.finditer(text) if half(m.group()) + 2 > width - indent]

    def inside_overlong(pos):
        return any(a < pos < b for a, b in overlong)

    # joining the lines gives back the input
    assert "".join(text[ln.start:ln.end] for ln in got) == text
    assert got[0].start == 0 and got[-1].end == len(text)
    for k, ln in enumerate(got):
        vis = ln.text
        if not vis:
            continue
        # nothing runs past the right edge
        assert ln.right <= width + 1e-6, (vis, ln.right)
        if k < len(got) - 1 and not ln.forced:
            # prohibitions hold wherever the text leaves a legal choice (a run of marks longer
            # than the line is the only excuse, and these widths are far wider)
            if not inside_overlong(got[k + 1].start) and not inside_overlong(got[k + 1].start - 1):
                assert vis[-1] not in NO_END, vis
            assert not vis.endswith("—") or vis.endswith("——")
            nxt = got[k + 1].text
            if nxt and not inside_overlong(got[k + 1].start) and not inside_overlong(got[k + 1].start - 1):
                assert nxt[0] not in NO_START, (vis, nxt)
            # non-final lines are exactly full when they hold more than one unit
            if len(ln.items) > 1:
                assert ln.right == pytest.approx(width), (vis, ln.right)
    # no whole run (number, Latin word) is split between lines
    for m in WHOLE_RUNS.finditer(text):
        a, b = m.span()
        if (a, b) in overlong:
            continue
        assert any(ln.start <= a and b <= ln.end for ln in got), (m.group(), [ln.text for ln in got])


@pytest.mark.parametrize("title, expected", [
    # verb | object is a phrase boundary too, and here the even one
    ("聊城市技师学院安排部署创城及文明校园创建工作", ["聊城市技师学院安排部署", "创城及文明校园创建工作"]),
    ("聊城职业技术学院安排部署创城及文明校园创建工作",
     ["聊城职业技术学院", "安排部署创城及文明校园创建工作"]),
    ("何宪卓到第十三网格督导创城工作情况汇报会议纪要",
     ["何宪卓到第十三网格", "督导创城工作情况汇报会议纪要"]),
])
def test_title_breaks_at_phrase_boundaries_without_hints(title, expected):
    assert title_texts(title, 20, half) == expected


def test_title_never_leaves_one_character_alone():
    got = title_texts("一二三四五六七八九十一二三四五六七八九十一", 20, half)
    assert min(len(x) for x in got) >= 2


def test_ideographic_space_is_dropped_at_a_break_and_at_paragraph_start():
    got = break_paragraph("　　一二三四五六七八九　十一二", 10, half, indent=2)
    assert [ln.text for ln in got] == ["一二三四五六七八", "九　十一二"]
    assert got[0].items[0].x == 2.0  # the typed 　　 did not add to the indent
    got = break_paragraph("一二三四五六七八九十　甲乙丙", 10, half)
    assert [ln.text for ln in got] == ["一二三四五六七八九十", "甲乙丙"]


@pytest.mark.parametrize("tail", ["的；", "营……", "局。", "的：", "行——"])
def test_one_character_and_its_marks_never_end_a_paragraph_alone(tail):
    """A list item (（一）…的；) as much as any paragraph: 26 cells after the indent, then the tail."""
    text = "（一）违法调整城市绿线和批准占用城市绿线范围以内用地" + tail
    assert len(text) - len(tail) == 26
    out = lines(text, 28, indent=2.0)
    assert len(out) == 2 and len(out[-1].rstrip("；。：…—")) >= 2


# ---- titles break between words (issue #15) ---------------------------------------------------

def _boundaries(lines: list[str]) -> list[int]:
    return list(itertools.accumulate(len(x) for x in lines))[:-1]


@pytest.mark.parametrize("title, width, word", [
    ("全市各级各部门和广大干部认真贯彻党的二十届三中全会精神", 26, "认真"),
    ("全市广大党员干部群众认真学习领会习近平总书记重要讲话精神各项工作有序推进", 20, "习近平"),
    ("全市各界人士以多种形式庆祝新中国成立七十五周年活动丰富多彩", 26, "新中国"),
    ("市粮食和物资储备局强化储备管理保障国家粮食安全受到市委市政府表彰", 20, "保障"),
])
def test_title_breaks_between_words_where_an_even_cut_would_split_one(title, width, word):
    got = title_texts(title, width, half)
    assert len(got) == 2 and all(half(x) <= width for x in got)
    at = title.index(word)
    assert not any(at < b < at + len(word) for b in _boundaries(got)), got


def test_title_never_breaks_inside_a_name_the_spec_gives():
    title = "市人大常委会副主任欧阳文华到农贸市场督导检查"
    assert "欧阳文华" in title_texts(title, 20, half)[0]  # read as a name after its title (#21)
    got = title_texts(title, 20, half, names={"欧阳文华"})
    assert "欧阳文华" in got[0], got


def test_an_uneven_break_between_words_beats_an_even_one_inside_a_word():
    # the name covers the middle: the only breaks left leave lines of 6 and 18
    title = "广大干部群众认真学习领会习近平总书记重要讲话"
    got = title_texts(title, 20, half, names={"认真学习领会习近平总书记重要讲话"})
    assert got == ["广大干部群众", "认真学习领会习近平总书记重要讲话"]


def test_the_authors_hint_wins_even_inside_a_word():
    got = title_texts("全市各级各部门和广大干部认 真贯彻党的二十届三中全会精神", 26, half)
    assert got == ["全市各级各部门和广大干部认", "真贯彻党的二十届三中全会精神"]


def test_a_word_longer_than_the_line_still_breaks():
    name = "甲乙丙丁戊己庚辛壬癸" * 3
    got = title_texts(name, 20, half, names={name})
    assert "".join(got) == name and all(half(x) <= 20 for x in got)


def test_title_breaking_work_grows_linearly_with_the_length(monkeypatch):
    """A byline or label of N characters: the breaker weighs O(N) candidate lines (it weighed
    O(N^3) before: 4000 characters took 73 s). Counted, not timed."""
    from bulletin_cli.text import linebreak

    calls = []
    real = linebreak._TitleCuts.line_width
    monkeypatch.setattr(linebreak._TitleCuts, "line_width",
                        lambda self, i, j: calls.append(1) or real(self, i, j))
    work = []
    for n in (1170, 2340, 4680):  # whole periods of the text and the line: alike at every length
        calls.clear()
        text = ("市委宣传部　张明　李华　王芳　" * n)[:n]
        got = title_texts(text, 26, half, hints=False)
        assert "".join(got).replace("\u3000", "") == text.replace("\u3000", "")
        work.append(len(calls))
    assert work[1] < 2.3 * work[0] and work[2] < 2.3 * work[1], work
