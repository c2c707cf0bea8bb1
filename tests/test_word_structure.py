"""Word's structure as Word writes it (files made with python-docx, not hand-written XML): the
numbers of List Number paragraphs and of numbered headings print and feed the 一、/（一）/1.
heading rules; paragraphs, runs, tables and numbered items inside content controls print."""
from __future__ import annotations

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from bulletin_cli import build

from .helpers import MASTHEAD
from .pdffacts import read_lines

SPEC = MASTHEAD + "  - body_file: a.docx\n"
HEADINGS = f"""<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum>"""


def _in_control(*elements) -> None:
    """Wrap the elements (siblings, in order) in one content control (w:sdt)."""
    sdt = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="正文"/></w:sdtPr>'
                    '<w:sdtContent/></w:sdt>')
    elements[0].addprevious(sdt)
    for el in elements:
        sdt.find(qn("w:sdtContent")).append(el)


def _document(by_style: bool) -> Document:
    """Headings numbered 一、/（一） through numPr on each paragraph, or through the heading styles
    (as Word links a multilevel list to them); List Number items; content controls."""
    doc = Document()
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(HEADINGS))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    num_pr = '<w:numPr {}><w:ilvl w:val="{}"/><w:numId w:val="90"/></w:numPr>'
    if by_style:
        for name, level in (("Heading 1", 0), ("Heading 2", 1)):
            doc.styles[name].element.get_or_add_pPr().append(parse_xml(num_pr.format(nsdecls("w"), level)))

    def heading(text, level):
        p = doc.add_heading(text, level=level)
        if not by_style:
            p._p.get_or_add_pPr().append(parse_xml(num_pr.format(nsdecls("w"), level - 1)))

    doc.add_paragraph("网格化管理工作情况", style="Title")
    doc.add_paragraph("今年以来，全区网格化管理工作扎实推进。")
    heading("主要做法", 1)
    heading("健全机制", 2)
    doc.add_paragraph("建立问题清单、责任清单和整改清单。", style="List Number")
    doc.add_paragraph("每周通报整改进度。", style="List Number")
    heading("强化督查", 2)
    inside = [doc.add_paragraph("控件里的第一段。")._p, doc.add_paragraph("控件里的第二段。")._p]
    _in_control(*inside)
    p = doc.add_paragraph("行内")
    p._p.append(parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtContent><w:r><w:t>控件文字</w:t></w:r>'
                          '</w:sdtContent></w:sdt>'))
    p.add_run("之后。")
    _in_control(doc.add_paragraph("控件里的编号项。", style="List Number")._p)
    heading("下步打算", 1)
    doc.add_paragraph("确保测评前全部整改到位。")
    return doc


@pytest.mark.parametrize("by_style", [False, True], ids=["numPr", "heading-styles"])
def test_word_numbers_print_and_numbered_headings_take_their_faces(tmp_path, by_style):
    _document(by_style).save(tmp_path / "a.docx")
    (tmp_path / "s.yaml").write_text(SPEC, encoding="utf-8")
    build(tmp_path / "s.yaml", tmp_path / "s.pdf")
    lines = read_lines(tmp_path / "s.pdf")
    texts = [ln.text for ln in lines]
    for expected in ("一、主要做法", "（一）健全机制", "1.建立问题清单、责任清单和整改清单。",
                     "2.每周通报整改进度。", "（二）强化督查", "控件里的第一段。", "控件里的第二段。",
                     "行内控件文字之后。", "3.控件里的编号项。", "二、下步打算"):
        assert expected in texts, (expected, texts)

    def face(text):
        (line,) = [ln for ln in lines if ln.text == text]
        return {c["fontname"].split("+", 1)[1] for c in line.chars}

    body, kai, hei = face("控件里的第一段。"), face("（一）健全机制"), face("一、主要做法")
    assert len(body) == len(kai) == len(hei) == 1 and len(body | kai | hei) == 3  # 仿宋, 楷体, 黑体
    assert face("二、下步打算") == hei and face("（二）强化督查") == kai
    assert face("2.每周通报整改进度。") == body
