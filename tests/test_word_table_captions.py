"""A Word table's caption is the paragraph in Word's Caption style (题注) right above it, or
right below it, whatever its words (as well as a short paragraph labelled 表1 …); it prints
once, over the table. Its caption and its note are proofread at their own paragraph numbers."""
import io

import docx
import pdfplumber

from bulletin_cli import build
from bulletin_cli.model import Paragraph, Table
from bulletin_cli.spec.reader import load_spec

from .helpers import ARTICLES_HEAD, HEADING_FACE, run


def _table(doc, texts=("网格", "整改率", "第一网格", "94.1%")) -> None:
    table = doc.add_table(rows=2, cols=2)
    for cell, text in zip([*table.rows[0].cells, *table.rows[1].cells], texts):
        cell.text = text


def _spec(tmp_path, fill) -> object:
    doc = docx.Document()
    doc.add_paragraph("网格整改情况", style="Title")
    doc.add_paragraph("整改情况如下。")
    fill(doc)
    doc.add_paragraph("表后的文字。")
    out = io.BytesIO()
    doc.save(out)
    (tmp_path / "a.docx").write_bytes(out.getvalue())
    spec = tmp_path / "s.yaml"
    spec.write_text(ARTICLES_HEAD + "  - body_file: a.docx\n", encoding="utf-8")
    return spec


def _blocks(spec) -> list:
    return load_spec(spec).articles[0].blocks


def test_a_caption_styled_paragraph_above_is_the_caption_printed_once_over_the_table(tmp_path):
    def fill(doc):
        doc.add_paragraph("各网格整改情况", style="Caption")  # no 表1 label: the style says it
        _table(doc)

    spec = _spec(tmp_path, fill)
    (table,) = [b for b in _blocks(spec) if isinstance(b, Table)]
    assert table.caption == "各网格整改情况"
    build(spec, tmp_path / "t.pdf")
    with pdfplumber.open(tmp_path / "t.pdf") as pdf:
        page = pdf.pages[0]
        text = "".join(c["text"] for c in page.chars)
        top = min(ln["top"] for ln in page.lines
                  if ln["top"] == ln["bottom"] and ln["stroking_color"] == (0, 0, 0, 1))  # not the red rule
        caption = [w for w in page.extract_words(extra_attrs=["fontname"]) if w["text"] == "各网格整改情况"]
    assert text.count("各网格整改情况") == 1
    assert caption[0]["bottom"] < top and HEADING_FACE in caption[0]["fontname"]


def test_a_caption_styled_paragraph_below_a_table_is_its_caption(tmp_path):
    def fill(doc):
        _table(doc)
        doc.add_paragraph("表1 各网格整改情况", style="Caption")

    blocks = _blocks(_spec(tmp_path, fill))
    (table,) = [b for b in blocks if isinstance(b, Table)]
    assert table.caption == "表1 各网格整改情况"
    assert "表1 各网格整改情况" not in [b.text for b in blocks if isinstance(b, Paragraph)]


def test_a_caption_between_two_tables_is_the_second_ones_and_a_figure_caption_no_tables(tmp_path):
    def fill(doc):
        _table(doc)
        doc.add_paragraph("表2 整改进度", style="Caption")
        _table(doc)
        doc.add_paragraph("图1 整改现场", style="Caption")

    blocks = _blocks(_spec(tmp_path, fill))
    first, second = [b for b in blocks if isinstance(b, Table)]
    assert (first.caption, second.caption) == (None, "表2 整改进度")
    assert "图1 整改现场" in [b.text for b in blocks if isinstance(b, Paragraph)]


def test_caption_and_note_are_proofread_at_their_own_paragraphs(tmp_path):
    def fill(doc):  # paragraphs: 1 title, 2 text, 3 caption, 4 table, 5 note
        doc.add_paragraph("各网格整改情况,按整改率排列", style="Caption")
        _table(doc)
        doc.add_paragraph("注：整改率按已整改数计算,保留一位小数。")

    spec = _spec(tmp_path, fill)
    p = run("check", spec)
    assert "a.docx:3:" in p.stderr and "articles[1].body_file.caption: half-width-mark" in p.stderr, p.stderr
    assert "a.docx:5:" in p.stderr and "articles[1].body_file.note: half-width-mark" in p.stderr, p.stderr


def test_the_caption_style_is_known_by_its_id_when_renamed(tmp_path):
    def fill(doc):
        doc.styles["Caption"].name = "表格标题"  # the id stays Caption
        doc.add_paragraph("各网格整改情况", style="表格标题")
        _table(doc)

    (table,) = [b for b in _blocks(_spec(tmp_path, fill)) if isinstance(b, Table)]
    assert table.caption == "各网格整改情况"
