"""Issue #26: half-width marks pasted from the web (的; ) count as the marks they stand for, and
a list's last item is an item by its siblings, read back from the PDF."""
import pdfplumber

from bulletin_cli import build

from .pdffacts import read_lines

# 3 + 23 + 1 characters and a ; : the 2-cell indent leaves 26 cells on the first line
RUNT_ITEM = "（二）违法批准在城市绿线范围内进行建设并且擅自改变规划用途和性质的;"
ITEMS = [
    "（一）违法调整城市绿线和批准占用城市绿线范围内用地的;",
    RUNT_ITEM,
    "（三）未按照规定审查建设工程项目附属绿化工程设计方案的;",
    "（四）其他玩忽职守、滥用职权、徇私舞弊的行为。",
]
SIBLINGS = [
    "（一）加强组织领导，各单位主要负责同志要亲自抓、负总责。",
    "（二）强化督促检查，对工作不力的要严肃问责。",
    "（三）其他有关事项。",
]


def spec(tmp_path, paragraphs):
    body = "\n\n".join(paragraphs)
    text = ("masthead:\n  title: 市城市管理局工作简报\n  issue: 4\n  publisher: 市城市管理局办公室\n"
            "  date: 2026-06-30\narticles:\n  - title: 条例节选\n    body: |\n"
            + "".join(f"      {ln}\n" if ln else "\n" for ln in body.split("\n")))
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    pdf = tmp_path / "s.pdf"
    build(path, pdf)
    return pdf


def faces(pdf, text):
    with pdfplumber.open(pdf) as doc:
        chars = [c for p in doc.pages for c in p.chars if c["text"].strip()]
    s = "".join(c["text"] for c in chars)
    i = s.index(text)
    return {c["fontname"].split("+", 1)[1] for c in chars[i:i + len(text)]}


def test_an_ascii_semicolon_does_not_leave_a_runt(tmp_path):
    lines = read_lines(spec(tmp_path, ITEMS))
    assert not any(ln.text in ("的;", "的；") for ln in lines)
    k = next(i for i, ln in enumerate(lines) if ln.text.startswith("（二）"))
    assert lines[k + 1].text.endswith("的;") and len(lines[k + 1].text) >= 3


def test_the_last_item_of_a_half_width_list_is_an_item(tmp_path):
    pdf = spec(tmp_path, ITEMS)
    assert faces(pdf, "（四）其他玩忽职守") == faces(pdf, "（一）违法调整")


def test_a_heading_alone_among_items_is_their_last_item(tmp_path):
    pdf = spec(tmp_path, ["工作要求如下。", *SIBLINGS])
    assert faces(pdf, "（三）其他有关事项。") == faces(pdf, "（一）加强组织领导")


def test_a_run_in_heading_keeps_its_face(tmp_path):
    pdf = spec(tmp_path, ["（一）指导思想。坚持以人民为中心，统筹推进各项工作。",
                          "（二）基本原则，坚持问题导向和目标导向相统一。"])
    assert faces(pdf, "（一）指导思想。") != faces(pdf, "坚持以人民")


def test_half_width_brackets_number_a_heading_and_a_list_alike(tmp_path):
    pdf = spec(tmp_path, ["(一)总体要求", "会议强调，要统筹推进各项工作。",
                          "(一)违法调整城市绿线的;", "(二)其他行为。"])
    heading, body = faces(pdf, "总体要求"), faces(pdf, "会议强调")
    assert heading != body  # (一) is （一）: its heading in 楷体
    assert faces(pdf, "(二)其他行为。") == body  # the last item of a ;-list


def test_a_second_list_numbered_from_one_again_is_a_run_of_its_own(tmp_path):
    pdf = spec(tmp_path, ["(一)违法调整城市绿线的;", "(二)其他行为。",
                          "（一）指导思想。坚持以人民为中心，统筹推进各项工作。"])
    assert faces(pdf, "（一）指导思想。") != faces(pdf, "坚持以人民")  # a run-in heading
