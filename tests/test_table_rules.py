"""How a table is ruled, read back from the PDF with pdfplumber: a full grid by default (a
column rule at every column edge, the height of the table), three lines (三线表) when
`style.tables: three-line` asks: 1.5 pt above and below, 0.7 pt under the header, no column rule,
and each part of a table split across pages closed by its own rules."""
import itertools
import xml.etree.ElementTree as ET
import zipfile

import pdfplumber
import pytest

from bulletin_cli import build
from bulletin_cli.layout.page import BLOCK_W, LEFT, MM, RULE_THIN
from bulletin_cli.layout.tables import OUTER_RULE

from .helpers import ARTICLES_HEAD

HEAD = ARTICLES_HEAD + """\
  - title: 表
    body:
      - 表前的文字。
      - table:
          - [项目, 数量, 比例]
"""


def _built(tmp_path, rows: int, style: str = "") -> list:
    body = "".join(f"          - [第{i}项问题, {i * 3}, {i}.5%]\n" for i in range(1, rows + 1))
    spec = tmp_path / "s.yaml"
    style = f"style: {{tables: {style}}}\n" if style else ""
    spec.write_text(HEAD + body + "      - 表后的文字。\n" + style, encoding="utf-8")
    build(spec, tmp_path / "t.pdf")
    with pdfplumber.open(tmp_path / "t.pdf") as pdf:  # the black rules: the masthead's is red
        return [([ln for ln in page.lines if ln["stroking_color"] == (0, 0, 0, 1)], page.extract_words())
                for page in pdf.pages]


def _vertical(lines):
    return [ln for ln in lines if ln["x0"] == pytest.approx(ln["x1"])]


def _horizontal(lines):
    return [ln for ln in lines if ln["top"] == pytest.approx(ln["bottom"])]


def test_grid_rules_every_column_edge_the_height_of_the_table(tmp_path):
    ((lines, words),) = _built(tmp_path, 3)
    rows = sorted({round(ln["top"], 2) for ln in _horizontal(lines)})
    assert len(rows) == 5  # above the header, under it, between the rows, below the last
    columns = sorted({round(ln["x0"], 2) for ln in _vertical(lines)})
    assert len(columns) == 4 and columns[0] == pytest.approx(LEFT, abs=0.01)
    assert columns[-1] == pytest.approx(LEFT + BLOCK_W, abs=0.01)
    for x in columns:  # each column edge ruled from the table's top rule to its bottom rule
        spans = sorted((ln["top"], ln["bottom"]) for ln in _vertical(lines) if round(ln["x0"], 2) == x)
        assert spans[0][0] <= rows[0] and spans[-1][1] >= rows[-1]
        assert all(b[0] <= a[1] + 0.01 for a, b in itertools.pairwise(spans))  # no gap between rows
    cells = {w["text"]: w for w in words}
    for text in ("项目", "数量", "比例", "第1项问题", "3", "1.5%"):  # every cell between two rules
        assert any(a < cells[text]["x0"] and cells[text]["x1"] < b for a, b in itertools.pairwise(columns))
    assert all(ln["linewidth"] == pytest.approx(RULE_THIN, abs=0.01) for ln in lines)


def test_three_lines_and_no_column_rule(tmp_path):
    ((lines, _words),) = _built(tmp_path, 3, "three-line")
    assert _vertical(lines) == []
    rules = sorted(_horizontal(lines), key=lambda ln: ln["top"])
    assert [round(ln["linewidth"] / MM, 2) for ln in rules] == [0.5, 0.25, 0.5]
    assert all((ln["x0"], ln["x1"]) == pytest.approx((LEFT, LEFT + BLOCK_W), abs=0.01) for ln in rules)


def test_each_part_of_a_split_three_line_table_is_closed(tmp_path):
    pages = _built(tmp_path, 40, "three-line")
    parts = [_horizontal(lines) for lines, words in pages if any(w["text"] == "项目" for w in words)]
    assert len(parts) >= 2
    for rules in parts:  # on every page: 1.5 pt above, 0.7 pt under the (repeated) header, 1.5 pt below
        rules = sorted(rules, key=lambda ln: ln["top"])
        widths = [ln["linewidth"] for ln in rules]
        assert widths == pytest.approx([OUTER_RULE, RULE_THIN, OUTER_RULE], abs=0.01)


def test_the_ofd_draws_the_column_rules_where_the_pdf_does(tmp_path):
    ((lines, _words),) = _built(tmp_path, 3)
    build(tmp_path / "s.yaml", tmp_path / "t.ofd")
    with zipfile.ZipFile(tmp_path / "t.ofd") as z:
        page = ET.fromstring(z.read("Doc_0/Pages/Page_0/Content.xml"))
    ns = {"ofd": "http://www.ofdspec.org/2016"}
    boxes = [[float(v) for v in p.get("Boundary").split()] for p in page.findall(".//ofd:PathObject", ns)
             if p.get("Stroke") != "false"]
    # a column rule's box: as wide as the stroke, its middle on the rule (mm, y down)
    columns = sorted((x + w / 2, y, y + h) for x, y, w, h in boxes if w < h)
    pdf = sorted((ln["x0"], ln["top"], ln["bottom"]) for ln in _vertical(lines))
    assert len(columns) == len(pdf) > 0
    for (x, top, bottom), (px, ptop, pbottom) in zip(columns, pdf):
        assert (x, top, bottom) == pytest.approx((px / MM, ptop / MM, pbottom / MM), abs=0.01)
