"""Of two cuts about as good for meaning, a title takes the more even one: no name or place
alone on a first line when a verb | object cut balances the lines; but balance never buys a
cut inside a unit or a phrase (tools/title_meaning.py reports the same counts)."""
from __future__ import annotations

from bulletin_cli.text import phrases

from .titledata import WIDTHS, break_title, half, judge, read_data

# tools/title_meaning.py on tests/data/titles.txt: 266 uneven settings before, 207 after
UNEVEN_AT_MOST = 207
ARTICLE, MASTHEAD = WIDTHS[0][1], WIDTHS[-1][1]


def test_real_titles_hold_their_counts():
    data = read_data()
    found = judge(data, [[break_title(t, w, half) for _, w in WIDTHS] for t, _, _ in data])
    assert len(found["inside_unit"]) == found["forced"], found["inside_unit"][:5]
    assert not found["short_line"], found["short_line"][:5]
    assert len(found["uneven"]) <= UNEVEN_AT_MOST, len(found["uneven"])


def test_a_name_alone_gives_way_to_an_even_verb_object_cut():
    assert break_title("张旗会率队督导生态环境问题整治情况工作", MASTHEAD, half) == [
        "张旗会率队督导", "生态环境问题整治情况工作"]
    assert break_title("区委书记张晓铿专题调研滨海旅游路（潮南段）规划建设工作", ARTICLE, half) == [
        "区委书记张晓铿专题调研", "滨海旅游路（潮南段）规划建设工作"]
    # 加快 before its object is a verb: two clauses, not 关于全面推进 | 乡村振兴加快…
    assert break_title("关于全面推进乡村振兴加快农业农村现代化的意见", ARTICLE, half) == [
        "关于全面推进乡村振兴", "加快农业农村现代化的意见"]


def test_balance_never_buys_a_cut_inside_a_phrase():
    # every other cut is inside the adverbial 在督导…时: the short first line stays
    assert break_title("孟景伟在督导学习教育查摆问题整改整治工作时强调", ARTICLE, half) == [
        "孟景伟", "在督导学习教育查摆问题整改整治工作时强调"]
    # 围绕推进… is one prepositional phrase
    got = break_title("市政协召开专题协商会围绕推进黄河流域生态保护和高质量发展建言献策", 25, half)
    assert got[0] == "市政协召开专题协商会"


def test_a_verb_inside_a_larger_phrase_is_no_verb_object_cut():
    text = "市政府办公室印发进一步做好四季度经济工作的通知"
    bonus = phrases.boundary_bonus(text)
    assert bonus[text.index("进一步")] == phrases.OBJECT  # 印发 | its object
    assert bonus[text.index("四季度")] < phrases.LOOSE  # 做好 | …的通知: inside the object
    assert break_title(text, ARTICLE, half) == ["市政府办公室印发", "进一步做好四季度经济工作的通知"]


def test_an_aside_in_brackets_and_a_body_with_its_term_read_whole():
    text = "叠彩区召开生态环境（漓江流域水质提升）专题推进会"
    bonus = phrases.boundary_bonus(text)
    at = text.index("（")
    assert all(bonus[p] <= phrases.INSIDE_NP for p in range(at + 1, text.index("）") + 1))
    text = "曾平治主持召开市委十四届第234次常委会（扩大）会议"
    assert phrases.boundary_bonus(text)[text.index("十四届")] <= phrases.INSIDE_NP
