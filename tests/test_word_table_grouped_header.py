"""A grouped header, as offices make them in Word: 「2025年 | 2026年」 each merged over its two
sub-columns (gridSpan), 地区 merged down both header rows (vMerge). The merged cells span their
columns and rows in print (centred in them, no rule through them), both rows are the header
(the cell merged down brings the second in) and repeat atop the next page, and the tagged PDF
says the spans (ColSpan, RowSpan) of header cells tagged once."""
import io

import docx
import pdfplumber
import pikepdf
import pytest

from bulletin_cli import build
from bulletin_cli.model import Table
from bulletin_cli.spec.reader import load_spec

from .helpers import ARTICLES_HEAD

BODY_ROWS = 40


def _spec(tmp_path, style="grid"):
    doc = docx.Document()
    doc.add_paragraph("各区整改情况", style="Title")
    table = doc.add_table(rows=2 + BODY_ROWS, cols=5)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "地区"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "2025年"
    table.cell(0, 3).merge(table.cell(0, 4)).text = "2026年"
    for c, text in enumerate(["上半年", "下半年", "上半年", "下半年"], 1):
        table.cell(1, c).text = text
    for r in range(2, 2 + BODY_ROWS):
        for c, text in enumerate([f"第{r - 1}区", str(r * 3), str(r * 4), str(r * 5), str(r * 6)]):
            table.cell(r, c).text = text
    out = io.BytesIO()
    doc.save(out)
    (tmp_path / "a.docx").write_bytes(out.getvalue())
    spec = tmp_path / "s.yaml"
    spec.write_text(ARTICLES_HEAD + f"  - body_file: a.docx\nstyle: {{tables: {style}}}\n", encoding="utf-8")
    return spec


def _words(page, text):
    return [w for w in page.extract_words() if w["text"] == text]


def test_the_merged_header_cells_are_read_as_spans(tmp_path):
    (table,) = [b for b in load_spec(_spec(tmp_path)).articles[0].blocks if isinstance(b, Table)]
    assert table.header == 2
    assert table.spans == {(0, 0): (2, 1), (0, 1): (1, 2), (0, 3): (1, 2)}
    assert table.rows[0] == ["地区", "2025年", "", "2026年", ""]


def test_the_merged_cells_span_their_columns_and_rows_on_every_page(tmp_path):
    result = build(_spec(tmp_path), tmp_path / "t.pdf")
    assert not [n for n in result.notes if "merged" in n]  # printed as merged: nothing to say
    parts = 0
    with pdfplumber.open(tmp_path / "t.pdf") as pdf:
        for page in pdf.pages:
            verticals = [ln for ln in page.lines if ln["x0"] == ln["x1"]]
            if not verticals:
                continue
            parts += 1
            xs = sorted({round(ln["x0"], 2) for ln in verticals})
            assert len(xs) == 6
            top = min(ln["top"] for ln in verticals)
            (y2025,) = _words(page, "2025年")
            assert (y2025["x0"] + y2025["x1"]) / 2 == pytest.approx((xs[1] + xs[3]) / 2, abs=0.5)
            # no column rule through 2025年's cell: the rule between its sub-columns starts under it
            inner = [ln for ln in verticals if round(ln["x0"], 2) == xs[2]]
            assert min(ln["top"] for ln in inner) > y2025["bottom"]
            halves = _words(page, "上半年")
            assert len(halves) == 2 and all(h["top"] > y2025["bottom"] for h in halves)
            (area,) = _words(page, "地区")  # in the middle of both rows, level with neither row's text
            assert y2025["bottom"] < (area["top"] + area["bottom"]) / 2 < halves[0]["top"]
            rules = [ln for ln in page.lines
                     if ln["top"] == ln["bottom"] and ln["x0"] < area["x0"] < ln["x1"]]
            assert not [ln for ln in rules if area["top"] < ln["top"] < area["bottom"] + 8]
            assert top < area["top"]
    assert parts >= 2


def test_the_spans_are_tagged_and_the_pdfua_checker_accepts_them(tmp_path):
    build(_spec(tmp_path), tmp_path / "t.pdf", pdfua=True)
    with pikepdf.open(tmp_path / "t.pdf") as pdf:
        heads = [o for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and o.get("/S") == "/TH"]
        spans = sorted((int(h.A.get("/RowSpan", 1)), int(h.A.get("/ColSpan", 1))) for h in heads)
        assert spans == [(1, 1)] * 4 + [(1, 2), (1, 2), (2, 1)]  # 7 header cells, each once
    pdfua = pytest.importorskip("pdfua")
    assert not pdfua.validate(str(tmp_path / "t.pdf")).findings


def test_a_three_line_table_rules_each_group_short_under_it(tmp_path):
    build(_spec(tmp_path, "three-line"), tmp_path / "t.pdf")
    with pdfplumber.open(tmp_path / "t.pdf") as pdf:
        page = pdf.pages[0]
        (y2025,) = _words(page, "2025年")
        (y2026,) = _words(page, "2026年")
        (halves, *_) = _words(page, "上半年")
        under = [ln for ln in page.lines
                 if ln["top"] == ln["bottom"] and y2025["bottom"] < ln["top"] < halves["top"]]
        assert len(under) == 2  # one under each group, not across 地区
        left, right = sorted(under, key=lambda ln: ln["x0"])
        assert left["x0"] < y2025["x0"] and y2025["x1"] < left["x1"] < right["x0"] < y2026["x0"]
