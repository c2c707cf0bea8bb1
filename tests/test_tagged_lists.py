"""Lists in the tagged PDF (#25): the numbered paragraphs layout sets as list items, and
bulleted ones, are L / LI / Lbl / LBody, the label's glyphs in the Lbl and the rest in the
LBody; a deeper numbering is a list inside the item before it; headings stay headings
(test_tagged_headings.py). Read
back from the PDF (pikepdf for the tree, pdfplumber for the text each MCID marks) and with
poppler's pdfinfo -struct-text where it is installed."""
import textwrap

import pytest

from bulletin_cli import build

from .helpers import word_body
from .pdffacts import SNode, marked_content_faults, pdfinfo_struct, pdfua_problems, struct_tree

MASTHEAD = "masthead: {title: 测试工作简报, issue: 1, publisher: 办公室, date: 2026-03-20}\n"


def _article(tree: SNode) -> SNode:
    """The section of the one article, titled 标题."""
    [sect] = [s for s in tree.kids if s.kind == "Sect" and s.kids[0].text == "标题"]
    return sect


def _items(lst: SNode) -> list[tuple[str, str]]:
    """(label, body text without nested lists) of each item of a list."""
    out = []
    for li in lst.kids:
        assert li.kind == "LI" and [k.kind for k in li.kids] == ["Lbl", "LBody"]
        lbl, body = li.kids
        assert not lbl.kids
        out.append((lbl.text, body.text))
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    d = tmp_path_factory.mktemp("lists")
    (d / "s.yaml").write_text(MASTHEAD + textwrap.dedent("""\
        articles:
          - title: 标题
            body:
              - 主要做法如下：
              - （一）加强组织领导，成立工作专班；
              - （二）强化督导检查，重点是：
              - 1.背街小巷环境卫生；
              - 2.农贸市场经营秩序。
              - （三）严格考核问责，一月一通报。
              - 全区上下形成合力。
              - （一）指导思想。坚持问题导向，边查边改。
              - ● 公益广告
              - ● 门前三包
        """), encoding="utf-8")
    build(d / "s.yaml", d / "s.pdf")
    return d / "s.pdf"


@pytest.fixture(scope="module")
def tree(built) -> SNode:
    return struct_tree(built)


def test_numbered_items_are_a_list_with_their_labels_apart(tree):
    sect = _article(tree)
    assert [k.kind for k in sect.kids] == ["H1", "P", "L", "P", "H2", "P", "L"]  # 全区… （一）指导思想。…
    outer = sect.kids[2]
    assert _items(outer) == [("（一）", "加强组织领导，成立工作专班；"), ("（二）", "强化督导检查，重点是："),
                             ("（三）", "严格考核问责，一月一通报。")]
    assert not outer.kids[0].kids[1].kids and not outer.kids[2].kids[1].kids


def test_a_deeper_numbering_is_a_list_inside_the_item_before_it(tree):
    second_body = _article(tree).kids[2].kids[1].kids[1]
    [inner] = second_body.kids
    assert inner.kind == "L"
    assert _items(inner) == [("1.", "背街小巷环境卫生；"), ("2.", "农贸市场经营秩序。")]


def test_a_run_in_heading_is_a_heading_its_text_a_paragraph_and_bullets_are_a_list(tree):
    sect = _article(tree)
    assert (sect.kids[4].kind, sect.kids[4].text) == ("H2", "（一）指导思想。")
    assert (sect.kids[5].kind, sect.kids[5].text) == ("P", "坚持问题导向，边查边改。")
    assert _items(sect.kids[6]) == [("●", "公益广告"), ("●", "门前三包")]


def test_a_word_files_numbered_and_bulleted_paragraphs_are_lists(tmp_path):
    pytest.importorskip("docx")
    numbered = [(t, "List Number") for t in ["加强组织领导；", "强化督导检查；", "严格考核问责。"]]
    bulleted = [(t, "List Bullet") for t in ["背街小巷", "农贸市场"]]
    spec = word_body(tmp_path, [("主要做法如下：", None), *numbered, *bulleted])
    build(spec, tmp_path / "s.pdf")
    sect = _article(struct_tree(tmp_path / "s.pdf"))
    assert [k.kind for k in sect.kids] == ["H1", "P", "L", "L"]
    assert _items(sect.kids[2]) == [("1.", "加强组织领导；"), ("2.", "强化督导检查；"),
                                    ("3.", "严格考核问责。")]
    assert _items(sect.kids[3]) == [("●", "背街小巷"), ("●", "农贸市场")]


def test_pdfinfo_reads_the_list_in_order(built):
    lines = pdfinfo_struct(built)
    at = lines.index('"（一）"')
    assert lines[at - 2:at + 3] == ["LI (block)", "Lbl (block)", '"（一）"', "LBody (block)",
                                    '"加强组织领导，成立工作专班；"']


def test_every_text_operator_is_in_marked_content_and_pdfua_finds_no_error(built):
    """A label shares its run with the text after it: one sequence each, opened and closed in
    the text object; the pdfua checker finds no error and runs every rule."""
    assert not marked_content_faults(built)
    assert pdfua_problems(built) == ([], [])
