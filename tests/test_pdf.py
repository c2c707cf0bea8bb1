"""The built seed bulletin, checked as facts read back from the PDF."""
import itertools
import re

import pikepdf
import pytest

from bulletin_cli import build, load_spec
from bulletin_cli.layout.page import BLOCK_BOTTOM, BLOCK_TOP, CELL, LEFT, MM, PAGE_H, PAGE_W
from bulletin_cli.model import plain_title
from bulletin_cli.text.linebreak import CLOSING, NO_END, NO_START, OPENING, is_full_width

from .helpers import EXAMPLE
from .pdffacts import RIGHT, body_lines, ends_at_right_edge, paragraph_final, read_lines

RED = (0, 1, 1, 0)
BLACK = (0, 0, 0, 1)


@pytest.fixture(scope="module")
def lines(seed_pdf):
    return read_lines(seed_pdf[0])


def test_pages_are_a4(seed_pdf):
    with pikepdf.open(seed_pdf[0]) as pdf:
        assert len(pdf.pages) == seed_pdf[1].pages >= 2
        for page in pdf.pages:
            box = [float(v) for v in page.mediabox]
            assert box == pytest.approx([0, 0, PAGE_W, PAGE_H], abs=0.01)


def test_every_font_is_embedded_and_subset(seed_pdf):
    with pikepdf.open(seed_pdf[0]) as pdf:
        seen = set()
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                name = str(font.BaseFont)
                seen.add(name)
                assert re.match(r"^/[A-Z]{6}\+", name), f"{name} is not a subset"
                assert "/FontFile2" in font.FontDescriptor, f"{name} is not embedded"
                assert "Helvetica" not in name
        assert len(seen) >= 4  # title, body, kai (headlines), number faces at least


def test_text_is_the_specs_text_in_order(seed_pdf, lines):
    spec = load_spec(EXAMPLE)
    inside = [ln for ln in lines if ln.y > BLOCK_BOTTOM - 1]  # not the page numbers
    text = "".join(ln.text for ln in inside).replace(" ", "")
    pos = 0
    expected = [spec.masthead.publisher, *spec.headline_list]
    for art in spec.articles:
        expected.append(plain_title(art.title))
        expected += [p.text for p in art.paragraphs]
    for piece in expected:
        found = text.find(piece.replace(" ", ""), pos)
        assert found >= 0, f"not found in order: {piece[:20]}…"
        pos = found + len(piece)
    body_chars = sum(len(p.text) for a in spec.articles for p in a.paragraphs)
    assert body_chars > 2800


def test_masthead_title_is_red_and_everything_else_black(lines):
    first = [ln for ln in lines if ln.page == 1]
    red = [c for ln in first for c in ln.chars if tuple(c["non_stroking_color"]) == RED]
    assert "".join(c["text"] for c in red) == "聊城市创建全国文明城市工作简报"
    for ln in lines:
        for c in ln.chars:
            assert tuple(c["non_stroking_color"]) in (RED, BLACK), c["text"]


def test_no_rgb_or_gray_colour_operator_anywhere(seed_pdf):
    with pikepdf.open(seed_pdf[0]) as pdf:
        ops = set()
        for page in pdf.pages:
            for _, op in pikepdf.parse_content_stream(page):
                ops.add(str(op))
    assert not ops & {"rg", "RG", "g", "G", "sc", "scn", "SC", "SCN"}
    assert {"k", "K"} <= ops


def test_masthead_rule_is_red_and_block_wide(seed_pdf):
    import pdfplumber

    with pdfplumber.open(seed_pdf[0]) as pdf:
        rules = [ln for ln in pdf.pages[0].lines if tuple(ln["stroking_color"]) == RED]
    assert len(rules) == 1
    assert rules[0]["x0"] == pytest.approx(LEFT, abs=0.1)
    assert rules[0]["x1"] == pytest.approx(RIGHT, abs=0.1)


def test_colophon_sits_at_the_foot_of_the_last_page(seed_pdf, lines):
    import pdfplumber

    last = max(ln.page for ln in lines)
    text = "".join(ln.text for ln in lines if ln.page == last)
    assert "报：" in text and "发：" in text and "共印260份" in text.replace(" ", "")
    assert "报：" not in "".join(ln.text for ln in lines if ln.page != last)
    with pdfplumber.open(seed_pdf[0]) as pdf:
        rules = pdf.pages[-1].lines
    ys = sorted(PAGE_H - r["top"] for r in rules)
    assert ys[0] == pytest.approx(BLOCK_BOTTOM, abs=0.2)  # last rule on the text block's bottom
    widths = sorted({round(r["linewidth"] / MM, 2) for r in rules})
    assert widths == [0.25, 0.35]
    for r in rules:
        assert r["x0"] == pytest.approx(LEFT, abs=0.1) and r["x1"] == pytest.approx(RIGHT, abs=0.1)


def test_page_numbers_outer_side_one_character_in(lines):
    pages = max(ln.page for ln in lines)
    for p in range(1, pages + 1):
        nums = [ln for ln in lines if ln.page == p and ln.y < BLOCK_BOTTOM]
        assert len(nums) == 1
        num = nums[0]
        assert num.text.replace(" ", "") == f"—{p}—"
        # the number line hangs 7 mm below the text block: its em box starts there
        baseline = num.chars[0]["matrix"][5]
        assert BLOCK_BOTTOM - 7 * MM - 14 < baseline < BLOCK_BOTTOM - 7 * MM
        if p % 2:
            assert num.chars[-1]["x1"] == pytest.approx(RIGHT - 14, abs=0.5)
        else:
            assert num.chars[0]["x0"] == pytest.approx(LEFT + 14, abs=0.5)


def test_no_forbidden_line_starts_or_ends(lines):
    inside = [ln for ln in lines if BLOCK_BOTTOM - 1 < ln.y < BLOCK_TOP]
    assert len(inside) > 100
    for ln in inside:
        assert ln.text[0] not in NO_START, ln.text
        assert ln.text[-1] not in NO_END, ln.text


def test_body_lines_are_justified_and_hold_28_characters(lines):
    body = body_lines(lines)
    full = 0
    for k, ln in enumerate(body):
        assert ln.chars[-1]["x1"] <= RIGHT + 0.5, ln.text  # nothing past the margin
        if paragraph_final(body, k) or ln.x0 > LEFT + 2.5 * CELL:
            continue  # last lines, and headline lines that hang
        assert ends_at_right_edge(ln), (ln.text, RIGHT - ln.chars[-1]["x0"])
        if all(is_full_width(c) for c in ln.text) and abs(ln.x0 - LEFT) < 0.5:
            full += 1
            nxt = body[k + 1].text
            # 27 only where the 28th character had to go down: it would have ended the line as an
            # opening mark, it carries a closing mark with it, it starts ——/……, or it keeps the
            # paragraph's last line from holding a single character
            pushed_out = nxt[0] in NO_END or nxt[1:2] in NO_START or nxt[:2] in ("——", "……")
            runt_fixed = paragraph_final(body, k + 1) and len(nxt.rstrip("，。、；：？！”’）》")) <= 3
            # cells taken: adjacent marks such as ”，“ share 1.5 cells
            marks = CLOSING | OPENING
            pairs = sum(1 for a, b in zip(ln.text, ln.text[1:]) if a in marks and b in marks)
            cells = len(ln.text) - 0.5 * pairs
            short = 28 - cells
            assert short <= 0.5 or (short <= 1.5 and pushed_out) or (short <= 2.5 and runt_fixed), ln.text
    assert full > 60


def test_same_spec_gives_identical_bytes(seed_pdf, tmp_path):
    again = tmp_path / "again.pdf"
    build(EXAMPLE, again)
    assert again.read_bytes() == seed_pdf[0].read_bytes()


def test_seed_has_no_typesetting_defects(seed_pdf):
    from .typesetting import count_defects

    assert {k: v for k, v in count_defects(seed_pdf[0], EXAMPLE).items() if v} == {}


def test_second_example_has_no_typesetting_defects(tmp_path):
    """A made-up issue with every key, headings, Latin, numbers, a URL: zero defects too."""
    from .typesetting import count_defects

    out = tmp_path / "h.pdf"
    build(EXAMPLE.parent / "hospital-7.yaml", out)
    assert {k: v for k, v in count_defects(out, EXAMPLE.parent / "hospital-7.yaml").items() if v} == {}


def test_masthead_title_lines_fit_the_text_block(tmp_path):
    """A long title wraps at a readable size, an explicit newline splits it, Latin is not torn."""
    import pdfplumber

    for title, lines in (("关于进一步加强和改进全市机关干部作风建设工作情况的通报与总结汇编材料", 2),
                         ("聊城市创城办\\n创城动态", 2), ("Liaocheng Civilised City Bulletin", 1)):
        spec = tmp_path / "m.yaml"
        spec.write_text(f'masthead: {{title: "{title}", issue: 1, publisher: 办公室, date: 2026-01-01}}\n'
                        "articles:\n  - title: 标题\n    body: 正文。\n", encoding="utf-8")
        build(spec, tmp_path / "m.pdf")
        with pdfplumber.open(tmp_path / "m.pdf") as pdf:
            red = [c for c in pdf.pages[0].chars if tuple(c["non_stroking_color"]) == RED]
        rows = {round(c["top"]) for c in red}
        assert len(rows) == lines, title
        assert min(c["size"] for c in red) >= 24
        assert min(c["x0"] for c in red) >= LEFT - 0.5 and max(c["x1"] for c in red) <= RIGHT + 0.5
        if title.startswith("Liao"):
            gaps = sorted(b["x0"] - a["x1"] for a, b in itertools.pairwise(red))
            assert gaps[len(gaps) // 2] < 0.5  # letters set solid, not spread
            assert gaps[-1] < 0.35 * red[0]["size"]  # the widest gap is a word space


def test_a_colophon_taller_than_a_page_is_refused(tmp_path):
    from bulletin_cli.errors import InputError

    names = "，".join(f"第{k}协作单位" for k in range(400))
    spec = tmp_path / "c.yaml"
    spec.write_text("masthead: {title: 测试工作简报, issue: 1, publisher: 办公室, date: 2026-01-01}\n"
                    "articles:\n  - title: 标题\n    body: 正文。\n"
                    f"distribution: {{report_to: '{names}'}}\n", encoding="utf-8")
    with pytest.raises(InputError, match="colophon needs") as e:
        build(spec, tmp_path / "c.pdf")
    assert (e.value.problems[0].line, e.value.problems[0].col) == (5, 15)  # at the distribution
    assert not (tmp_path / "c.pdf").exists()


def test_every_missing_glyph_is_placed_at_its_line_and_column(tmp_path):
    """Headline characters were placed only at the file: `at x.yaml (headlines)`."""
    spec = tmp_path / "g.yaml"
    spec.write_text("masthead: {title: 测试工作简报, issue: 1, publisher: 办公室😀, date: 2026-01-01}\n"
                    "headlines:\n  - 第一条\n  - 第二条😀\n"
                    "articles:\n  - title: 标题\n    byline: 来源😀\n    body: 正文😀。\n"
                    "distribution: {report_to: 各单位😀}\nstyle: {headline_label: 要目😀}\n",
                    encoding="utf-8")
    result = build(spec, tmp_path / "g.pdf")
    assert sorted((m.where, m.context) for m in result.missing) == sorted([
        (f"{spec}:1:48", "masthead"), (f"{spec}:4:5", "headlines"), (f"{spec}:7:13", "标题"),
        (f"{spec}:8:11", "标题"), (f"{spec}:9:27", "colophon"), (f"{spec}:10:25", "headlines")])


@pytest.mark.parametrize("title, lines", [
    ("聊城市创建全国文明城市工作简报", ["聊城市创建全国文明城市", "工作简报"]),
    ("环境保护督察工作动态", ["环境保护督察", "工作动态"]),
    ("测试工作简报", ["测试工作简报"]),  # a short name stays whole, not 测试工作 over 简报
    ("教育局简报", ["教育局简报"]),
    ("聊城市创城办\n创城动态", ["聊城市创城办", "创城动态"]),
    ("聊城市\n创城办\n创城动态", ["聊城市", "创城办", "创城动态"]),  # every line its own
])
def test_masthead_title_splits_off_the_bulletin_word(title, lines):
    from bulletin_cli.layout.masthead import masthead_title

    got = masthead_title(title)
    assert [t.text for t in got] == lines
    assert [t.largest for t in got] == [26.0] * (len(lines) - 1) + [64.0]
