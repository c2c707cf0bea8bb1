"""A table's caption over it (表题在上), centred, in 黑体; its note under it (注：…). A spec gives them
as caption: and note:; a Word file as the paragraph right before the table that reads 表1 … (as
Insert Caption writes it) and the one right after it that begins 注：. Both are proofread."""
import io

import docx
import pdfplumber
import pytest

from bulletin_cli import build
from bulletin_cli.layout.page import BLOCK_W, LEFT
from bulletin_cli.model import Loc, Paragraph, Table
from bulletin_cli.spec.reader import load_spec
from bulletin_cli.spec.tableparts import with_table_parts

from .helpers import ARTICLES_HEAD, BODY_FACE, HEADING_FACE, run


def _read(pdf_path):
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        rules = sorted(ln["top"] for ln in page.lines if ln["top"] == ln["bottom"]
                       and ln["stroking_color"] == (0, 0, 0, 1))  # the table's rules, not the red one
        return page.chars, rules


def _chars_of(chars, text):
    s = "".join(c["text"] for c in chars)
    i = s.index(text)
    return chars[i:i + len(text)]


def test_caption_above_the_table_centred_in_heiti(tmp_path):
    spec = tmp_path / "s.yaml"
    spec.write_text(ARTICLES_HEAD + """\
  - title: 表
    body:
      - 表前的文字。
      - table: [[项目, 数量], [甲, 1], [乙, 2]]
        caption: 各网格整改情况
        note: 数据截至3月19日。
      - 表后的文字。
""", encoding="utf-8")
    build(spec, tmp_path / "t.pdf")
    chars, rules = _read(tmp_path / "t.pdf")
    caption = _chars_of(chars, "各网格整改情况")
    assert {c["fontname"].split("+")[1] for c in caption} == {HEADING_FACE}
    assert max(c["bottom"] for c in caption) < rules[0]  # over the table's top rule
    assert rules[0] - max(c["bottom"] for c in caption) < 10  # and right over it
    middle = (caption[0]["x0"] + caption[-1]["x1"]) / 2
    assert middle == pytest.approx(LEFT + BLOCK_W / 2, abs=0.5)
    note = _chars_of(chars, "注：数据截至3月19日。")  # 注： added to a note written without it
    assert min(c["top"] for c in note) > rules[-1]  # under the table's bottom rule
    assert note[0]["x0"] == pytest.approx(LEFT, abs=0.05)
    assert {c["fontname"].split("+")[1] for c in note} == {BODY_FACE}
    after = _chars_of(chars, "表后的文字。")
    assert after[0]["top"] > note[0]["bottom"]


def test_a_note_written_with_its_mark_keeps_one(tmp_path):
    spec = tmp_path / "s.yaml"
    spec.write_text(ARTICLES_HEAD + "  - title: 表\n    body:\n      - table: [[项目, 数量], [甲, 1]]\n"
                    "        note: 注：单位为个。\n", encoding="utf-8")
    build(spec, tmp_path / "t.pdf")
    text = "".join(c["text"] for c in _read(tmp_path / "t.pdf")[0])
    assert "注：单位为个。" in text and "注：注" not in text


def _word(path, note="注：整改率按已整改数计算。"):
    doc = docx.Document()
    doc.add_paragraph("网格整改情况", style="Title")
    doc.add_paragraph("各网格整改情况如下。")
    doc.add_paragraph("表1 各网格整改情况", style="Caption")
    table = doc.add_table(rows=2, cols=2)
    cells = [*table.rows[0].cells, *table.rows[1].cells]
    for cell, text in zip(cells, ["网格", "整改率", "第一网格", "94.1%"]):
        cell.text = text
    doc.add_paragraph(note)
    doc.add_paragraph("注：这一段不是表注，是正文。")
    out = io.BytesIO()
    doc.save(out)
    path.write_bytes(out.getvalue())


def test_a_word_paragraph_after_a_table_beginning_zhu_is_its_note(tmp_path):
    _word(tmp_path / "a.docx")
    spec = tmp_path / "s.yaml"
    spec.write_text(ARTICLES_HEAD + "  - body_file: a.docx\n", encoding="utf-8")
    (table,) = [b for b in load_spec(spec).articles[0].blocks if isinstance(b, Table)]
    assert (table.caption, table.note) == ("表1 各网格整改情况", "注：整改率按已整改数计算。")
    build(spec, tmp_path / "t.pdf")
    chars, rules = _read(tmp_path / "t.pdf")
    caption = _chars_of(chars, "表1各网格整改情况")  # pdfplumber drops the space
    assert max(c["bottom"] for c in caption) < rules[0]
    assert {c["fontname"].split("+")[1] for c in caption} == {HEADING_FACE}
    note = _chars_of(chars, table.note)
    assert min(c["top"] for c in note) > rules[-1] and note[0]["x0"] == pytest.approx(LEFT, abs=0.05)
    assert "注：这一段不是表注，是正文。" in "".join(c["text"] for c in chars)  # the next one is text


def test_only_a_short_labelled_paragraph_before_a_table_is_its_caption():
    loc = Loc("a.docx", 1, 0)

    def parts(before: str, after: str) -> list:
        return with_table_parts([Paragraph(before, loc), Table([["a"]], loc), Paragraph(after, loc)])

    for caption in ("表1 各网格整改情况", "表格 2 整改进度", "附表3：名单", "表一　统计", "Table 4 Cases"):
        blocks = parts(caption, "注：单位为个。")
        assert len(blocks) == 1 and (blocks[0].caption, blocks[0].note) == (caption, "注：单位为个。")
    for text in ("表彰先进集体", "表1" + "说明" * 40, "各网格整改情况如下。"):
        blocks = parts(text, "注意：这是正文。")
        assert [type(b) for b in blocks] == [Paragraph, Table, Paragraph] and blocks[1].caption is None


def test_a_note_is_proofread_at_its_place(tmp_path):
    spec = tmp_path / "s.yaml"
    spec.write_text(ARTICLES_HEAD + "  - title: 表\n    body:\n      - table: [[项目, 数量], [甲, 1]]\n"
                    "        note: 数据截至3月19日,由区创城办汇总。\n", encoding="utf-8")
    p = run("check", spec)
    assert f"{spec}:7:24: articles[1].body[1].note: half-width-mark" in p.stderr, p.stderr
    _word(tmp_path / "a.docx", note="注：整改率按已整改数计算,保留一位小数。")
    spec.write_text(ARTICLES_HEAD + "  - body_file: a.docx\n", encoding="utf-8")
    p = run("check", spec)
    assert "articles[1].body_file.note: half-width-mark" in p.stderr, p.stderr


def test_a_long_note_hangs_under_its_text(tmp_path):
    spec = tmp_path / "s.yaml"
    long = "数据截至3月19日，由区创城办汇总，整改率按已整改数除以发现问题数计算，保留一位小数，下同。"
    spec.write_text(ARTICLES_HEAD + "  - title: 表\n    body:\n      - table: [[项目, 数量], [甲, 1]]\n"
                    f"        note: \"注:{long}\"\n", encoding="utf-8")
    build(spec, tmp_path / "t.pdf")
    chars, rules = _read(tmp_path / "t.pdf")
    note = [c for c in chars if rules[-1] < c["top"] < rules[-1] + 100 and c["text"].strip()]  # not — 1 —
    lines = sorted({round(c["top"]) for c in note})
    assert len(lines) == 2 and "".join(c["text"] for c in note) == "注：" + long
    first, second = ([c for c in note if round(c["top"]) == top] for top in lines)
    assert first[0]["x0"] == pytest.approx(LEFT, abs=0.05)
    assert second[0]["x0"] == pytest.approx(first[2]["x0"], abs=0.05)  # under the text, not under 注
