"""Markdown's lists and quotations in the tagged PDF (#25): a `1. ` list (nested: （1）) and a
`- ` list are L / LI / Lbl / LBody as a Word file's numbered and bulleted paragraphs are, even
when each item is a short phrase that would read as a numbered heading (layout sets 1. and （1）
in the body face, as it sets list items); a `> ` quotation, set in 楷体, is a BlockQuote."""
import textwrap

import pytest

from bulletin_cli import build

from .helpers import word_body
from .pdffacts import SNode, marked_content_faults, pdfinfo_struct, pdfua_problems, struct_tree

MASTHEAD = "masthead: {title: 测试工作简报, issue: 1, publisher: 办公室, date: 2026-03-20}\n"
BODY = """\
    # 标题

    主要做法如下：

    1. 加强组织领导
    2. 强化督导检查
       1. 背街小巷
       2. 农贸市场
    3. 严格考核问责

    > 城市管理应该像绣花一样精细。

    - 公益广告
    - 门前三包
    """


def _items(lst: SNode) -> list[tuple[str, str]]:
    assert lst.kind == "L"
    return [(li.kids[0].text, li.kids[1].text) for li in lst.kids]


def _article(path) -> SNode:
    [sect] = [s for s in struct_tree(path).kids if s.kind == "Sect" and s.kids[0].text == "标题"]
    return sect


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    d = tmp_path_factory.mktemp("md")
    (d / "a.md").write_text(textwrap.dedent(BODY), encoding="utf-8")
    (d / "s.yaml").write_text(MASTHEAD + "articles:\n  - {body_file: a.md}\n", encoding="utf-8")
    build(d / "s.yaml", d / "s.pdf")
    return d / "s.pdf"


def test_a_markdown_numbered_list_of_phrases_is_a_list_with_its_nested_one(built):
    sect = _article(built)
    assert [k.kind for k in sect.kids] == ["H1", "P", "L", "BlockQuote", "L"]
    numbered = sect.kids[2]
    assert _items(numbered) == [("1.", "加强组织领导"), ("2.", "强化督导检查"), ("3.", "严格考核问责")]
    [inner] = numbered.kids[1].kids[1].kids
    assert _items(inner) == [("（1）", "背街小巷"), ("（2）", "农贸市场")]
    assert _items(sect.kids[4]) == [("●", "公益广告"), ("●", "门前三包")]


def test_a_quotation_is_a_blockquote(built):
    quote = _article(built).kids[3]
    assert (quote.kind, quote.text, quote.kids) == ("BlockQuote", "城市管理应该像绣花一样精细。", [])


def test_a_word_lists_phrases_are_list_items_too(tmp_path):
    pytest.importorskip("docx")
    build(word_body(tmp_path, [("加强组织领导", "List Number"), ("强化督导检查", "List Number")]),
          tmp_path / "s.pdf")
    sect = _article(tmp_path / "s.pdf")
    assert [k.kind for k in sect.kids] == ["H1", "L"]
    assert _items(sect.kids[1]) == [("1.", "加强组织领导"), ("2.", "强化督导检查")]


def test_pdfinfo_reads_the_quotation_and_the_first_item(built):
    shown = pdfinfo_struct(built)
    at = shown.index('"城市管理应该像绣花一样精细。"')
    assert shown[at - 1].startswith("BlockQuote")
    at = shown.index('"1."')
    assert shown[at - 2:at + 3] == ["LI (block)", "Lbl (block)", '"1."', "LBody (block)", '"加强组织领导"']


def test_every_text_operator_is_in_marked_content_and_pdfua_finds_no_error(built):
    assert not marked_content_faults(built)
    assert pdfua_problems(built) == ([], [])


def test_a_paragraph_that_starts_with_a_decimal_number_is_no_list_item(tmp_path):
    (tmp_path / "s.yaml").write_text(MASTHEAD + textwrap.dedent("""\
        articles:
          - title: 标题
            body:
              - 1.5万人参加活动。
              - 2.3亿元投入整治，成效明显。
        """), encoding="utf-8")
    build(tmp_path / "s.yaml", tmp_path / "s.pdf")
    sect = _article(tmp_path / "s.pdf")
    assert [(k.kind, k.text) for k in sect.kids[1:]] == [("P", "1.5万人参加活动。"),
                                                         ("P", "2.3亿元投入整治，成效明显。")]
