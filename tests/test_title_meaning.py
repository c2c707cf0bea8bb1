"""Titles break where the meaning allows (issue #21): the phrase scores, and the real titles
of tests/data/titles.txt set at every width where bulletin breaks a title."""
from __future__ import annotations

import pytest

from bulletin_cli.text import phrases

from .titledata import WIDTHS, break_title, breaks, forced, half, inside, read_data, short_line

# ---- the phrase scores, one kind of unit each ----------------------------------------------

# (text, unit, the highest score a break inside the unit may have): a number, a name and a
# title are kept whole as units; a modifier with its head, an institution and a set phrase at
# least as firmly as a cut inside a word (FORCED)
KINDS = [
    # a number with its measure and time word
    ("全市各级各部门近三年来扎实推进各项工作", "近三年来", phrases.UNIT),
    ("全市地区生产总值2026年增长8.6%实现良好开局", "增长8.6%", phrases.UNIT),
    ("市十七届人大常委会召开第二十三次会议审议有关事项", "第二十三次会议", phrases.UNIT),
    # a modifier with its head
    ("全县人民积极投身城区防汛排涝工作", "全县人民", phrases.FORCED),
    ("全省干部群众深入学习贯彻全会精神", "全省干部群众", phrases.FORCED),
    ("全县人民积极投身城区防汛排涝工作", "防汛排涝", phrases.FORCED),
    # an institution or document name
    ("李克强在市政府工作报告中指出，五年来扩大国内有效需求", "市政府工作报告", phrases.FORCED),
    ("古楼街道办事处开展创城志愿服务活动", "街道办事处", phrases.FORCED),
    ("市委常委会召开会议研究部署防汛工作", "市委常委会", phrases.FORCED),
    ("全市老干部局长会议在市委党校召开", "局长", phrases.FORCED),
    ("中国共产党霍山县第十六届委员会举行第一次全体会议", "霍山县第十六届委员会", phrases.FORCED),
    # a person with the title before or after
    ("市委书记王志强调研督导城区防汛排涝工作", "市委书记王志强", phrases.UNIT),
    ("王志强同志到第十三网格督导创城工作", "王志强同志", phrases.UNIT),
    ("市人大常委会副主任欧阳文华到农贸市场督导检查", "欧阳文华", phrases.UNIT),
    # a set phrase
    ("对标对表抓好山川大地生态修复各项任务", "对标对表", phrases.FORCED),
    ("对标对表抓好山川大地生态修复各项任务", "山川大地", phrases.FORCED),
    ("严厉打击网络爬虫非法获取公民个人信息行为", "网络爬虫", phrases.FORCED),
]


@pytest.mark.parametrize("text, unit, highest", KINDS)
def test_no_break_inside_a_unit_of_each_kind(text, unit, highest):
    bonus = phrases.boundary_bonus(text)
    at = text.index(unit)
    assert all(bonus[p] <= highest for p in range(at + 1, at + len(unit))), unit


def test_after_a_dash_the_subtitle_breaks_before_its_subject_or_after_its_clause():
    text = "奋进新征程 建功新时代——新中国成立75周年成就展在京开幕"
    bonus = phrases.boundary_bonus(text)
    at = text.index("新中国")
    assert bonus[at] >= phrases.PUNCT  # right after the dash
    assert all(bonus[p] <= phrases.FORCED for p in range(at + 1, text.index("成就展")))


def test_phrase_boundaries_score_above_the_words_of_a_phrase():
    text = "市委书记王志强在全市防汛工作会议上强调要压紧压实防汛责任"
    bonus = phrases.boundary_bonus(text)
    assert bonus[text.index("在全市")] >= phrases.CLAUSE  # subject | adverbial
    assert bonus[text.index("强调")] >= phrases.CLAUSE  # adverbial 在…上 | verb
    assert bonus[text.index("会议上")] < 0  # inside the adverbial


def test_the_comma_beats_an_even_break_inside_a_number():
    title = "李克强在市政府工作报告中指出，五年来扩大国内有效需求"
    assert break_title(title, 20, half) == ["李克强在市政府工作报告中指出，", "五年来扩大国内有效需求"]


def test_no_line_of_one_or_two_characters():
    for title in ("中国致公党重庆市北碚区第六次代表大会召开", "何斌调研城市建设及全国文明城市创建工作"):
        assert all(not short_line(x) for x in break_title(title, 18.4, half)), title


def test_the_authors_space_still_wins():
    got = break_title("全县人民积极投身城区防汛 排涝工作取得阶段性成效", 20, half)
    assert got[0].endswith("防汛")


# ---- the real titles -----------------------------------------------------------------------

def test_real_titles_break_inside_no_unit_a_breaker_could_keep_and_leave_no_short_line():
    data = read_data()
    assert len(data) >= 300
    unforced, short = [], []
    for title, spans, _ in data:
        for where, width in WIDTHS:
            lines = break_title(title, width, half)
            if len(lines) < 2:
                continue
            short += [(where, lines) for x in lines if short_line(x)]
            if any(inside(spans, b) for b in breaks(title, lines)) and not forced(
                    title, spans, width, len(lines)):
                unforced.append((where, lines))
    assert not unforced, unforced[:5]
    assert not short, short[:5]


def test_the_data_marks_what_its_header_says():
    data = read_data()
    titles = [t for t, _, _ in data]
    assert len(set(titles)) == len(titles)
    assert all(source for _, _, source in data)
    assert sum(len(spans) for _, spans, _ in data) > len(data)  # most titles have units
