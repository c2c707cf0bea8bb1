"""Where a table's text stands, read back from the PDF: the header in 黑体 centred in its column,
text cells left, the numbers of a column on one decimal point, and columns as wide as what they
hold (a column of short numbers stays narrow, a long text column gives way first)."""
import itertools

import pdfplumber
import pytest

from bulletin_cli import build
from bulletin_cli.layout.columns import CELL_PAD
from bulletin_cli.layout.page import BLOCK_W, LEFT

from .helpers import ARTICLES_HEAD, BODY_FACE, HEADING_FACE

HEAD = ARTICLES_HEAD + """\
  - title: 表
    body:
"""


def _page(tmp_path, table: str):
    spec = tmp_path / "s.yaml"
    spec.write_text(HEAD + table, encoding="utf-8")
    build(spec, tmp_path / "t.pdf")
    with pdfplumber.open(tmp_path / "t.pdf") as pdf:
        page = pdf.pages[0]
        edges = sorted({round(ln["x0"], 2) for ln in page.lines if ln["x0"] == ln["x1"]})
        return page.chars, page.extract_words(extra_attrs=["fontname"]), edges


TABLE = """\
      - table:
          - [项目, 数量, 整改率]
          - [甲类问题, 12.5, 94.1%]
          - [乙类问题, 3, 100%]
          - [丙, 120.25, 9.75%]
"""


def test_header_centred_in_heiti_text_left(tmp_path):
    _chars, words, edges = _page(tmp_path, TABLE)
    by_text = {w["text"]: w for w in words}
    for c, text in enumerate(["项目", "数量", "整改率"]):
        w = by_text[text]
        assert (w["x0"] + w["x1"]) / 2 == pytest.approx((edges[c] + edges[c + 1]) / 2, abs=0.05)
        assert w["fontname"].split("+")[1] == HEADING_FACE
    for text in ("甲类问题", "乙类问题", "丙"):  # text cells set left, one cell pad in
        assert by_text[text]["x0"] == pytest.approx(edges[0] + CELL_PAD, abs=0.05)
        assert by_text[text]["fontname"].split("+")[1] == BODY_FACE


def test_numbers_of_a_column_stand_on_one_decimal_point(tmp_path):
    chars, words, edges = _page(tmp_path, TABLE)
    by_text = {w["text"]: w for w in words}
    rows = sorted({round(by_text[t]["top"], 1) for t in ("甲类问题", "乙类问题", "丙")})

    def point_x(x_from: float, x_to: float, top: float) -> float:
        """Where the decimal point stands (a whole number: the right of its last digit)."""
        cell = [c for c in chars if x_from < c["x0"] < x_to and abs(round(c["top"], 1) - top) < 2]
        dots = [c for c in cell if c["text"] == "."]
        digits = [c for c in cell if c["text"].isdigit()]
        return dots[0]["x0"] if dots else max(c["x1"] for c in digits)

    for c in (1, 2):
        points = [point_x(edges[c], edges[c + 1], top) for top in rows]
        assert max(points) - min(points) < 0.05, points
    # the block of numbers centred in its column, as its header is
    numbers = [by_text[t] for t in ("12.5", "3", "120.25")]
    left, right = min(w["x0"] for w in numbers), max(w["x1"] for w in numbers)
    assert (left + right) / 2 == pytest.approx((edges[1] + edges[2]) / 2, abs=0.5)


def test_a_column_of_short_numbers_stays_narrow(tmp_path):
    _chars, _words, edges = _page(tmp_path, """\
      - table:
          - [单位, 件数]
          - [区委办公室, 3]
          - [区政府办公室, 12]
""")
    widths = [b - a for a, b in itertools.pairwise(edges)]
    assert sum(widths) == pytest.approx(BLOCK_W, abs=0.05) and edges[0] == pytest.approx(LEFT, abs=0.05)
    assert widths[1] < widths[0] / 2


def test_a_long_text_column_gives_way_and_numbers_stay_whole(tmp_path):
    long = "对照测评体系逐项查摆问题并建立问题清单、责任清单和整改清单，每周通报整改进度" * 2
    _chars, words, edges = _page(tmp_path, f"""\
      - table:
          - [事项, 发现问题（个）, 整改率]
          - [{long}, 1286, 89.7%]
""")
    texts = [w["text"] for w in words]
    assert "1286" in texts and "89.7%" in texts  # each on one line
    widths = [b - a for a, b in itertools.pairwise(edges)]
    assert widths[0] > widths[1] > 0 and widths[0] > widths[2] > 0


def test_a_dash_for_nothing_to_report_is_centred(tmp_path):
    _chars, words, edges = _page(tmp_path, """\
      - table:
          - [项目, 数量, 说明]
          - [甲类问题, 12, 已整改]
          - [乙类问题, —, —]
""")
    dashes = sorted((w for w in words if w["text"] == "—"), key=lambda w: w["x0"])
    for c, dash in zip((1, 2), dashes):
        assert (dash["x0"] + dash["x1"]) / 2 == pytest.approx((edges[c] + edges[c + 1]) / 2, abs=0.05)
    assert {w["text"]: w for w in words}["已整改"]["x0"] == pytest.approx(edges[2] + CELL_PAD, abs=0.05)
