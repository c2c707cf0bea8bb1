"""English outside body paragraphs in the tagged PDF (#25): a stretch of English words in an
article's title (and its headline list entry), its byline, a subheading, a photo's or a table's
caption, a table cell or the note under a table is a Span with /Lang en (and its words' spaces
in ActualText) where it stands in its element, as in a paragraph (test_tagged_languages.py);
across a title's line break it is one Span. A header row repeated atop a later page is an
artifact and makes no second Span.

A heading with a Span has an array /K, which the pdfua checker (0.1.3) cannot read for its
heading rule (UA-14-001, see test_tagged_split_heading.py): the rule is skipped there, not
failed (`pdfua check` exits 0), and its own logic with that one function fixed finds every
heading not empty."""
import textwrap

import pdfplumber
import pikepdf
import pytest

from bulletin_cli import build

from .helpers import ROOT
from .pdffacts import empty_headings_mended, marked_content_faults, pdfua_problems, struct_tree

EXPO = "Smart City Expo World Congress"
LONG = "The Liveable and Sustainable Cities for All Initiative"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    d = tmp_path_factory.mktemp("english")
    (d / "p.jpg").write_bytes((ROOT / "examples" / "photos" / "inspection.jpg").read_bytes())
    rows = "".join(f"          - [第{k}组, 检查]\n" for k in range(1, 41))
    (d / "s.yaml").write_text(textwrap.dedent(f"""\
        masthead: {{title: 测试工作简报, issue: 1, publisher: 办公室, date: 2026-03-20}}
        articles:
          - title: 我市代表团参加{EXPO}交流活动
            byline: 本刊记者 John Smith
            body:
              - "## 关于Liveable Cities Programme的情况"
              - 代表团参加了交流活动。
              - {{image: p.jpg, caption: 代表团在Smart City Expo展台前合影}}
              - table: [[单位, 说明], [World Health Organization, 世界卫生组织], [市城管局, GDP]]
                caption: 参会单位（Participating Organizations）
                note: 数据来源：World Cities Summit官网。
          - title: 我市代表团参加{LONG}交流活动
            body:
              - table:
                  - [Inspection Team, 内容]
        """) + rows, encoding="utf-8")
    build(d / "s.yaml", d / "s.pdf")
    return d / "s.pdf"


@pytest.fixture(scope="module")
def tree(built):
    return struct_tree(built)


def _spans(node) -> list[tuple[str, str]]:
    return [(s.text, s.lang) for s in node.all("Span")]


def test_each_element_holds_its_english_as_a_span(tree):
    [sect] = [s for s in tree.kids if s.kind == "Sect" and s.kids[0].kind == "H1"
              and EXPO in s.kids[0].full_text()]
    by_kind = {k.kind: k for k in sect.kids}
    assert _spans(by_kind["H1"]) == [(EXPO, "en")]
    assert by_kind["H1"].text == "我市代表团参加交流活动"  # its own glyphs, the Span's apart
    assert _spans(sect.kids[1]) == [("John Smith", "en")]  # the byline
    assert _spans(by_kind["H2"]) == [("Liveable Cities Programme", "en")]
    assert _spans(by_kind["Caption"]) == [("Smart City Expo", "en")]
    table = by_kind["Table"]
    assert _spans(table.kids[0]) == [("Participating Organizations", "en")]  # its caption
    assert [_spans(td) for td in table.all("TD")] == [[("World Health Organization", "en")], [], [], []]
    note = sect.kids[sect.kids.index(table) + 1]  # the note under the table: a paragraph
    assert (note.kind, note.text) == ("P", "注：数据来源：官网。")
    assert _spans(note) == [("World Cities Summit", "en")]


def test_the_headline_lists_entries_hold_theirs_in_their_links(tree):
    [toc] = tree.all("TOC")
    assert [_spans(link) for link in toc.all("Link")] == [[(EXPO, "en")], [(LONG, "en")]]


def test_a_stretch_across_a_title_line_break_is_one_span(built, tree):
    [title] = [h for h in tree.all("H1") if "Initiative" in h.full_text()]
    assert _spans(title) == [(LONG, "en")]
    with pikepdf.open(built) as pdf:
        pages = [p.objgen for p in pdf.pages]
        [span] = [s for s in _elems(pdf.Root.StructTreeRoot.K)
                  if s.S == "/Span" and s.ActualText == LONG and s.P.S == "/H1"]
        mcid, page = int(span.K), pages.index(span.Pg.objgen)  # one marked-content sequence
    with pdfplumber.open(built) as pdf:
        chars = [c for c in pdf.pages[page].chars if c.get("mcid") == mcid]
    assert "".join(c["text"] for c in chars) == LONG.replace(" ", "")
    assert len({round(c["top"]) for c in chars}) > 1  # on more than one line


def test_a_repeated_header_row_makes_no_second_span(built, tree):
    with pdfplumber.open(built) as pdf:
        drawn = [p for p in pdf.pages if "InspectionTeam" in p.extract_text().replace(" ", "")]
    assert len(drawn) > 1  # the header row is drawn atop each page the table takes
    [table] = [t for t in tree.all("Table") if "Inspection Team" in t.full_text()]
    assert _spans(table) == [("Inspection Team", "en")]
    head = table.kids[0]  # Table > THead > TR > TH: the header row once, in its THead
    assert head.kind == "THead" and head.kids[0].kids[0].kind == "TH"


def _elems(e):
    yield e
    kids = e.get("/K")
    for k in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/StructElem":
            yield from _elems(k)


def test_every_text_operator_is_in_marked_content_and_pdfua_finds_no_error(built):
    assert not marked_content_faults(built)
    errors, skipped = pdfua_problems(built)
    assert not errors and skipped in ([], ["UA-14-001"])


def test_the_heading_rule_finds_every_heading_not_empty_with_its_integer_test_fixed(built, monkeypatch):
    assert empty_headings_mended(built, monkeypatch) == []
