"""A table that continues onto the next page repeats its header row there, at the top of the
second part, in 黑体, ruled as the first part is; the structure tree has the header's cells once
(the repeated row is an artifact: PDF/UA reads content repeated for pagination once, and a
table holds at most one THead)."""
import pdfplumber
import pikepdf
import pytest

from bulletin_cli import build

from .helpers import HEADING_FACE

HEADER = ["网格", "负责人", "发现问题", "整改率"]


def _spec(tmp_path):
    rows = "".join(f"          - [第{i}网格, 张三, {i * 7}, {i % 10}.{i % 7}%]\n" for i in range(1, 46))
    spec = tmp_path / "s.yaml"
    spec.write_text(f"""\
masthead: {{title: 测试工作简报, issue: 1, publisher: 测试办公室, date: 2026-03-01}}
headlines: []
articles:
  - title: 长表
    body:
      - 表前的文字。
      - table:
          - [{", ".join(HEADER)}]
{rows}        caption: 各网格整改情况
        note: 数据截至3月19日。
      - 表后的文字。
""", encoding="utf-8")
    return spec


def test_the_second_part_opens_with_the_header(tmp_path):
    build(_spec(tmp_path), tmp_path / "t.pdf")
    parts = 0
    with pdfplumber.open(tmp_path / "t.pdf") as pdf:
        for page in pdf.pages[1:]:
            rules = [ln for ln in page.lines if ln["top"] == ln["bottom"]]
            if not rules:
                continue
            parts += 1
            top = min(ln["top"] for ln in rules)  # the part's top rule
            words = page.extract_words(extra_attrs=["fontname"])
            inside = sorted((w for w in words if w["top"] > top), key=lambda w: (round(w["top"]), w["x0"]))
            assert [w["text"] for w in inside[:4]] == HEADER  # the first words under the rule
            assert {w["fontname"].split("+")[1] for w in inside[:4]} == {HEADING_FACE}
            assert inside[0]["top"] - top < 15  # right under the rule, not further down the page
            assert not [w for w in words if w["top"] < top and w["text"] in HEADER]
            verticals = [ln for ln in page.lines if ln["x0"] == ln["x1"]]
            assert len({round(ln["x0"], 2) for ln in verticals}) == len(HEADER) + 1  # the grid goes on
    assert parts >= 1


def test_the_header_is_tagged_once_and_the_note_follows_the_table(tmp_path):
    build(_spec(tmp_path), tmp_path / "t.pdf")
    with pikepdf.open(tmp_path / "t.pdf") as pdf:
        elems = [o for o in pdf.objects
                 if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == "/StructElem"]
        assert sum(e.get("/S") == "/TH" for e in elems) == len(HEADER)
        assert sum(e.get("/S") == "/TD" for e in elems) == 45 * len(HEADER)
        (table,) = [e for e in elems if e.get("/S") == "/Table"]
        kids = list(table.P.K)
        after = kids[[k.objgen for k in kids].index(table.objgen) + 1]
        assert after.S == "/P"  # the note: a paragraph right after the table, not one of its rows
        assert table.K[0].S == "/Caption"  # the caption: the table's first kid


@pytest.mark.parametrize("style", ["grid", "three-line"])
def test_the_pdfua_checker_accepts_a_split_table(tmp_path, style):
    pdfua = pytest.importorskip("pdfua")
    spec = _spec(tmp_path)
    spec.write_text(spec.read_text(encoding="utf-8") + f"style: {{tables: {style}}}\n", encoding="utf-8")
    build(spec, tmp_path / "t.pdf", pdfua=True)
    assert not pdfua.validate(str(tmp_path / "t.pdf")).findings
