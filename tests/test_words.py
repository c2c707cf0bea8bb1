"""The word list and segmenter that keep titles from breaking inside words and names."""
from pathlib import Path

import pytest

from bulletin_cli import build
from bulletin_cli.text import words
from bulletin_cli.text.words import FREE, NAME, WORD, Lexicon

FIXTURES = Path(__file__).parent / "fixtures" / "valid"


@pytest.mark.parametrize("text, word", [
    ("习近平总书记", "习近平"), ("五年来如期打赢", "如期"), ("深入实施创新", "实施"),
    ("扩大国内有效", "国内"), ("保障国家", "保障"), ("认真贯彻", "认真"), ("问题挑战", "挑战"),
    ("新中国成立", "新中国"), ("建设作出重要", "作出"), ("山川大地", "山川"), ("健全网络", "网络"),
])
def test_the_issues_words_are_units(text, word):
    nb = words.no_break(text, words.lexicon())
    at = text.index(word)
    assert all(nb[p] != FREE for p in range(at + 1, at + len(word)))
    assert nb[at] == FREE or at == 0


@pytest.mark.parametrize("number", ["第二百二十九条", "三百三十八", "第一", "一千零八十"])
def test_a_number_in_chinese_is_a_unit(number):
    text = f"实施刑法{number}规定"
    nb = words.no_break(text, words.lexicon())
    at = text.index(number)
    assert all(nb[p] != FREE for p in range(at + 1, at + len(number)))


def test_leaders_names_are_names_and_spec_names_too():
    nb = words.no_break("习近平总书记", words.lexicon())
    assert nb[1] == nb[2] == NAME and nb[3] == FREE and nb[4] == WORD
    # 田中俊 is no word the list knows; given as a name it never breaks
    text = "副市长田中俊带领督导组"
    assert words.no_break(text, words.lexicon())[4:6] != [NAME, NAME]
    assert words.no_break(text, words.lexicon(), {"田中俊"})[4:6] == [NAME, NAME]


def test_names_come_from_bylines_source_lines_and_quoted_persons():
    assert words.spec_names(["医务处　张明"], []) == {"张明"}
    assert words.spec_names(["记者 王明 通讯员 李红"], []) == {"王明", "李红"}
    assert words.spec_names(["来源：市创城办"], []) == set()
    assert words.spec_names([], ["（来源：聊城日报 记者 欧阳文华）"]) == {"欧阳文华"}
    paras = ["3月12日，副市长、市创城第十二网格工作组组长田中俊带领督导组到第十二网格。",
             "杨广平强调，要高标准严要求。", "何宪卓一行先后到新区街道。"]
    assert words.spec_names([], paras) == {"田中俊", "杨广平", "何宪卓"}
    case = ["某甲诉张某：张某于2020年6月入职某快递公司，李某某、欧阳某作证。"]  # 某快递公司 is no person
    assert words.spec_names([], case) == {"张某", "李某某", "欧阳某"}


def test_lexicon_finds_every_line_by_binary_search():
    data = "# made up\nname 甲乙丙\n".encode() + "\n".join(
        f"{chr(0x4E00 + k)} = {k} {chr(0x4E01 + k)} 1" for k in range(0, 200, 3)).encode() + b"\n"
    lex = Lexicon(data)
    assert lex.names == {"甲乙丙"}
    for k in range(200):
        got = lex.starting(chr(0x4E00 + k))
        assert got == (({"=": k, chr(0x4E01 + k): 1}, 2) if k % 3 == 0 else ({}, 1))
    assert lex.starting("a") == lex.starting("\U0002A700") == ({}, 1)


def test_the_list_is_read_only_when_a_title_breaks(tmp_path):
    words.lexicon.cache_clear()
    build(FIXTURES / "minimal.yaml", tmp_path / "m.pdf")  # every title fits on one line
    assert words.lexicon.cache_info().currsize == 0
    build(FIXTURES / "headlines-7.yaml", tmp_path / "h.pdf")
    assert words.lexicon.cache_info().currsize == 1
