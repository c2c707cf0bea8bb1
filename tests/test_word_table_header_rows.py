"""A Word table's header is the rows Word repeats atop each page (Table Properties > Row >
"Repeat as header row at the top of each page": w:trPr/w:tblHeader), one or several; a table
with none keeps its first row. Every header row is set in 黑体 and repeated atop each page the
table continues onto; in the structure tree the header rows are a THead, read once."""
import io

import docx
import pdfplumber
import pikepdf
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from bulletin_cli import build
from bulletin_cli.model import Table
from bulletin_cli.spec.reader import load_spec

from .helpers import ARTICLES_HEAD, HEADING_FACE

HEADS = [["网格", "发现问题", "整改情况", "整改率"], ["名称", "件", "件", "%"]]


def _repeat(row) -> None:
    """Mark a python-docx row as a header row, as Word does."""
    row._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))


def _word(path, body_rows=45, marked=(0, 1)) -> None:
    doc = docx.Document()
    doc.add_paragraph("网格整改情况", style="Title")
    doc.add_paragraph("各网格整改情况如下。")
    table = doc.add_table(rows=len(HEADS) + body_rows, cols=4)
    texts = HEADS + [[f"第{i}网格", str(i * 7), str(i * 6), f"{i % 10}.{i % 7}"]
                     for i in range(1, body_rows + 1)]
    for row, cells in zip(table.rows, texts):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    for i in marked:
        _repeat(table.rows[i])
    doc.add_paragraph("表后的文字。")
    out = io.BytesIO()
    doc.save(out)
    path.write_bytes(out.getvalue())


def _spec(tmp_path, **kw):
    _word(tmp_path / "a.docx", **kw)
    spec = tmp_path / "s.yaml"
    spec.write_text(ARTICLES_HEAD + "  - body_file: a.docx\n", encoding="utf-8")
    return spec


def _table(spec) -> Table:
    (table,) = [b for b in load_spec(spec).articles[0].blocks if isinstance(b, Table)]
    return table


def test_the_rows_word_repeats_are_the_header(tmp_path):
    assert _table(_spec(tmp_path, body_rows=3)).header == 2
    assert _table(_spec(tmp_path, body_rows=3, marked=())).header == 1  # none marked: the first row
    assert _table(_spec(tmp_path, body_rows=3, marked=(1,))).header == 1  # Word repeats only leading rows


def test_both_header_rows_open_every_part_in_heiti(tmp_path):
    spec = _spec(tmp_path)
    build(spec, tmp_path / "t.pdf")
    parts = 0
    with pdfplumber.open(tmp_path / "t.pdf") as pdf:
        for page in pdf.pages:
            rules = [ln for ln in page.lines
                     if ln["top"] == ln["bottom"] and ln["stroking_color"] == (0, 0, 0, 1)]  # not the red one
            if not rules:
                continue
            parts += 1
            top = min(ln["top"] for ln in rules)
            words = page.extract_words(extra_attrs=["fontname"])
            inside = sorted((w for w in words if w["top"] > top), key=lambda w: (round(w["top"]), w["x0"]))
            assert [w["text"] for w in inside[:8]] == HEADS[0] + HEADS[1]
            assert {w["fontname"].split("+")[1] for w in inside[:8]} == {HEADING_FACE}
            assert inside[8]["text"].startswith("第") and HEADING_FACE not in inside[8]["fontname"]
    assert parts >= 2


def test_the_header_rows_are_one_thead_read_once(tmp_path):
    spec = _spec(tmp_path)
    build(spec, tmp_path / "t.pdf")
    with pikepdf.open(tmp_path / "t.pdf") as pdf:
        elems = [o for o in pdf.objects
                 if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == "/StructElem"]
        (thead,) = [e for e in elems if e.get("/S") == "/THead"]
        (tbody,) = [e for e in elems if e.get("/S") == "/TBody"]
        assert [tr.S for tr in thead.K] == ["/TR", "/TR"]
        assert all(th.S == "/TH" for tr in thead.K for th in tr.K)
        assert len(list(tbody.K)) == 45
        assert sum(e.get("/S") == "/TH" for e in elems) == 8  # the repeated rows are artifacts


def test_a_cell_merged_down_a_whole_table_brings_at_most_three_rows_into_the_header():
    from bulletin_cli.spec.wordtables import GridCell, header_spans

    first = [GridCell(0, 1, False), GridCell(1, 1, False)]
    merged = [GridCell(0, 1, True), GridCell(1, 1, False)]  # the first cell merged into the one above
    column = [first] + [merged] * 50
    assert header_spans(column, 1) == (3, {(0, 0): (3, 1)})


def test_a_table_all_of_header_rows_builds_a_valid_tagged_pdf(tmp_path):
    spec = _spec(tmp_path, body_rows=0)
    assert _table(spec).header == 2
    build(spec, tmp_path / "t.pdf", pdfua=True)
    with pikepdf.open(tmp_path / "t.pdf") as pdf:
        kinds = [o.get("/S") for o in pdf.objects if isinstance(o, pikepdf.Dictionary)]
        assert kinds.count("/THead") == 1 and "/TBody" not in kinds
    pdfua = pytest.importorskip("pdfua")
    assert not pdfua.validate(str(tmp_path / "t.pdf")).findings
