"""Language spans in the tagged PDF (#25): the document is zh-CN; a stretch of two or more
Latin-script words in a paragraph (an English name, a title in English) is a Span with /Lang
en, where it stands among the paragraph's text, one Span (one marked-content sequence) however
many lines it takes, with ActualText giving its words their spaces (drawn as gaps, not
glyphs). A single word, an abbreviation or a URL stays in the paragraph's language."""
import textwrap

import pdfplumber
import pikepdf
import pytest

from bulletin_cli import build

from .pdffacts import marked_content_faults, pdfinfo_struct, pdfua_problems, struct_tree

LONG = "The Liveable and Sustainable Cities for All Initiative of the United Nations Programme"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    d = tmp_path_factory.mktemp("lang")
    (d / "s.yaml").write_text(textwrap.dedent(f"""\
        masthead: {{title: 测试工作简报, issue: 1, publisher: 办公室, date: 2026-03-20}}
        articles:
          - title: 标题
            body:
              - 世界卫生组织（World Health Organization）发布年度报告，我市做法被收录。
              - 全市GDP增长5.2%，CT、MRI检查预约时间缩短，详见https://www.example.cn/report.html。
              - 代表团参加了{LONG}的交流活动。
              - （一）与Smart City Expo组委会对接；
              - （二）整理会议材料。
        """), encoding="utf-8")
    build(d / "s.yaml", d / "s.pdf")
    return d / "s.pdf"


def test_english_stretches_are_spans_in_english(built):
    tree = struct_tree(built)
    spans = tree.all("Span")
    assert [(s.text, s.lang) for s in spans] == [("World Health Organization", "en"), (LONG, "en"),
                                                 ("Smart City Expo", "en")]
    [lbody] = [b for b in tree.all("LBody") if b.kids]
    assert lbody.kids == [spans[2]]  # inside the list item's body
    assert any(p.text.startswith("全市GDP") and not p.kids for p in tree.all("P"))


def test_a_span_reads_where_it_stands_and_takes_two_lines_as_one(built):
    with pikepdf.open(built) as pdf:
        pages = [p.objgen for p in pdf.pages]
        sect = [s for s in pdf.Root.StructTreeRoot.K.K if s.S == "/Sect" and s.K[0].S == "/H1"][-1]
        first, _plain, long = [k for k in sect.K if k.S == "/P"][:3]
        kinds = ["Span" if isinstance(k, pikepdf.Dictionary) else "mcid" for k in first.K]
        assert kinds == ["mcid", "Span", "mcid"]
        span = next(k for k in long.K if isinstance(k, pikepdf.Dictionary))
        assert span.Lang == "en" and str(span.ActualText) == LONG
        mcid, page = int(span.K), pages.index(span.Pg.objgen)
        stream = pdf.pages[page].Contents.read_bytes()
    assert f"/Span <</MCID {mcid}>> BDC".encode() in stream  # its ActualText is in the tree only
    with pdfplumber.open(built) as pdf:
        chars = [c for c in pdf.pages[page].chars if c.get("mcid") == mcid]
    assert "".join(c["text"] for c in chars) == LONG.replace(" ", "")
    assert len({round(c["top"]) for c in chars}) == 2  # one sequence, on two lines


def test_pdfinfo_reads_the_paragraph_in_order(built):
    shown = pdfinfo_struct(built)
    at = shown.index('"世界卫生组织（"')
    assert shown[at:at + 4] == ['"世界卫生组织（"', "Span (inline)", '"WorldHealthOrganization"',
                                '"）发布年度报告，我市做法被收录。"']


def test_every_text_operator_is_in_marked_content_and_pdfua_finds_no_error(built):
    """Chinese and English share runs: one sequence each, opened and closed in the text object;
    the pdfua checker finds no error and runs every rule."""
    assert not marked_content_faults(built)
    assert pdfua_problems(built) == ([], [])
