"""Headings in the tagged PDF (#25): what layout sets as a heading is one in the tree, under the
article's H1. A regulation's chapter headings (第一章　总则) and the numbered headings set in their
heading face (一、 in 黑体, （一） in 楷体) are headings, a level deeper for each rank below the
heading before them, never skipping one; a numbered heading with text after it in its paragraph
(一、提高认识。各单位要…) is a heading followed by a paragraph. Read back from the PDF (pikepdf
and pdfplumber), with poppler's pdfinfo -struct-text and the pdfua checker."""
import textwrap

import pytest

from bulletin_cli import build

from .helpers import ROOT
from .pdffacts import SNode, marked_content_faults, pdfinfo_struct, pdfua_problems, struct_tree

MASTHEAD = "masthead: {title: 测试工作简报, issue: 1, publisher: 办公室, date: 2026-03-20}\n"


def _sections(tree: SNode) -> dict[str, SNode]:
    """Each article's section by its title."""
    return {s.kids[0].text: s for s in tree.kids if s.kind == "Sect" and s.kids and s.kids[0].kind == "H1"}


def _kids(sect: SNode) -> list[tuple[str, str]]:
    return [(k.kind, k.text) for k in sect.kids]


@pytest.fixture(scope="module")
def regulation(tmp_path_factory):
    out = tmp_path_factory.mktemp("reg") / "r.pdf"
    build(ROOT / "tests/fixtures/valid/regulation.yaml", out)
    return out


@pytest.fixture(scope="module")
def ranks(tmp_path_factory):
    d = tmp_path_factory.mktemp("ranks")
    (d / "s.yaml").write_text(MASTHEAD + textwrap.dedent("""\
        articles:
          - title: 标题
            body:
              - "## 基本情况"
              - 一、提高认识
              - （一）组织集中宣传。在全市范围内开展集中宣传活动。
              - （二）开展业务培训。
              - 二、严格执法
              - "## 下一步打算"
              - 全区上下形成合力。
          - title: 另一篇
            body:
              - （一）先有二级标题
              - 一、再有一级标题
              - 正文。
        """), encoding="utf-8")
    build(d / "s.yaml", d / "s.pdf")
    return d / "s.pdf"


def test_a_regulations_chapters_are_headings_its_articles_paragraphs(regulation):
    sect = _sections(struct_tree(regulation))["市城市绿化条例（节选）"]
    heads = [(k.kind, k.text) for k in sect.kids if k.kind.startswith("H")]
    # the full-width space between number and name is a gap on the page, not a glyph
    assert heads == [("H1", "市城市绿化条例（节选）"), ("H2", "第一章总则"), ("H2", "第二章规划和建设"),
                     ("H2", "第三章保护和管理")]
    kinds = [k.kind for k in sect.kids]
    assert kinds[:3] == ["H1", "H2", "P"] and kinds.count("L") == 2  # its （一）…； lists stay lists


def test_numbered_headings_in_their_face_are_headings_and_run_in_text_a_paragraph(regulation):
    sect = _sections(struct_tree(regulation))["市城市管理局召开城市绿化条例贯彻落实推进会"]
    kids = _kids(sect)
    assert kids[2:4] == [("H2", "一、提高认识。"),
                            ("P", "各单位要把贯彻落实条例作为当前的一项重要任务，切实抓紧抓好。")]
    assert kids[5:7] == [("H3", "（一）组织集中宣传。"),
                            ("P", "6月下旬至7月上旬，在全市范围内组织开展条例集中宣传活动。")]
    assert kids[9][0] == "H2" and kids[9][1] == "三、严格执法。"
    assert kids[4][0] == "L"  # 二、加强宣传，营造氛围。…: not set as a heading, a list item


def test_levels_follow_the_ranks_before_them_and_skip_none(ranks):
    sects = _sections(struct_tree(ranks))
    assert _kids(sects["标题"]) == [
        ("H1", "标题"), ("H2", "基本情况"), ("H3", "一、提高认识"), ("H4", "（一）组织集中宣传。"),
        ("P", "在全市范围内开展集中宣传活动。"), ("H4", "（二）开展业务培训。"), ("H3", "二、严格执法"),
        ("H2", "下一步打算"), ("P", "全区上下形成合力。")]
    # a rank above the heading before it closes it: H2 then H2, not H3 then H2
    assert _kids(sects["另一篇"]) == [("H1", "另一篇"), ("H2", "（一）先有二级标题"),
                                         ("H2", "一、再有一级标题"), ("P", "正文。")]


def test_pdfinfo_reads_the_run_in_heading_then_its_paragraph(regulation):
    shown = pdfinfo_struct(regulation)
    at = shown.index('"一、提高认识。"')
    assert shown[at - 1:at + 3] == ["H2 (block)", '"一、提高认识。"', "P (block)",
                                    '"各单位要把贯彻落实条例作为当前的一项重要任务，切实抓紧抓好。"']


@pytest.mark.parametrize("name", ["regulation", "ranks"])
def test_every_text_operator_is_in_marked_content_and_pdfua_finds_no_error(name, request):
    """A run-in heading shares its first line's runs with its paragraph: one sequence each; the
    pdfua checker runs every rule (each heading's /K is its one MCID) and finds no error."""
    built = request.getfixturevalue(name)
    assert not marked_content_faults(built)
    assert pdfua_problems(built) == ([], [])
