"""Word files that would sink a build, or lose what they hold (issue 22): each is read within
its caps, printed whole, or refused (or noted) at its paragraph. The .docx files are written
here, part by part, as Word and other tools write them."""
from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile

import pdfplumber
import pytest
from PIL import Image

from bulletin_cli import build
from bulletin_cli.errors import InputError
from bulletin_cli.model import Figure, Paragraph, Table
from bulletin_cli.spec import images, word, wordpackage, wordtables
from bulletin_cli.spec.reader import load_spec

HEAD = "masthead: {title: 测试工作简报, issue: 1, publisher: 测试办公室, date: 2026-03-01}\n"
NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:v="urn:schemas-microsoft-com:vml" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STYLES = f"""<w:styles {NS}>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>
<w:style w:type="paragraph" w:styleId="ListNumber"><w:name w:val="List Number"/>
  <w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
</w:styles>"""
NUMBERING = f"""<w:numbering {NS}>
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""


def p(text: str, props: str = "", run_props: str = "") -> str:
    rpr = f"<w:rPr>{run_props}</w:rPr>" if run_props else ""
    return f"<w:p><w:pPr>{props}</w:pPr><w:r>{rpr}<w:t>{text}</w:t></w:r></w:p>"


def docx(body: str, media: dict[str, bytes] | None = None, doctype: str = "") -> bytes:
    """A Word file: `body` the content of w:body; media: relationship id -> PNG/JPEG bytes."""
    media = media or {}
    rels = "".join(f'<Relationship Id="{rid}" Type="{REL}/image" Target="media/{rid}.png"/>' for rid in media)
    rels += (f'<Relationship Id="rSt" Type="{REL}/styles" Target="styles.xml"/>'
             f'<Relationship Id="rNu" Type="{REL}/numbering" Target="numbering.xml"/>'
             f'<Relationship Id="rX" Type="{REL}/image" Target="https://example.org/x.png" '
             'TargetMode="External"/>')
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                   'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr("_rels/.rels", f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" '
                   f'Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/_rels/document.xml.rels", f'<Relationships xmlns="{pkg}">{rels}</Relationships>')
        z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?>{doctype}'
                   f'<w:document {NS}><w:body>{body}</w:body></w:document>')
        z.writestr("word/styles.xml", STYLES)
        z.writestr("word/numbering.xml", NUMBERING)
        for rid, data in media.items():
            z.writestr(f"word/media/{rid}.png", data)
    return out.getvalue()


def tc(text: str, props: str = "") -> str:
    """A table cell of one paragraph; props: what goes in its w:tcPr."""
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{p(text)}</w:tc>"


def tbl(*rows: str) -> str:
    return "<w:tbl>" + "".join(f"<w:tr>{row}</w:tr>" for row in rows) + "</w:tbl>"


def png(w: int = 40, h: int = 30) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (w, h), (200, 30, 40)).save(out, "PNG")
    return out.getvalue()


def blip(rid: str) -> str:
    return (f'<w:p><w:r><w:drawing><wp:inline><a:graphic><a:graphicData><a:blip r:embed="{rid}"/>'
            '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>')


def spec_of(tmp_path, data: bytes):
    (tmp_path / "a.docx").write_bytes(data)
    spec = tmp_path / "s.yaml"
    spec.write_text(HEAD + "articles:\n  - {title: 一, body_file: a.docx}\n", encoding="utf-8")
    return spec


def loaded(tmp_path, body: str, **kw):
    return load_spec(spec_of(tmp_path, docx(body, **kw)))


def refused(tmp_path, body: str | bytes, **kw) -> list:
    data = body if isinstance(body, bytes) else docx(body, **kw)
    with pytest.raises(InputError) as e:
        load_spec(spec_of(tmp_path, data))
    return e.value.problems


# ---- what sinks a build ------------------------------------------------------------------------

def _lying(size: int) -> bytes:
    """A Word file whose document.xml inflates to `size` bytes but whose zip says 1,000."""
    data = bytearray(docx(p("正文。") + "<!--" + " " * size + "-->"))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("word/document.xml")
    data[info.header_offset + 22:info.header_offset + 26] = struct.pack("<I", 1000)  # the local header
    at = bytes(data).index(b"PK\x01\x02")  # the central directory: one record per entry
    while not data[at + 46:].startswith(b"word/document.xml"):
        at += 46 + sum(struct.unpack("<HHH", data[at + 28:at + 34]))
    data[at + 24:at + 28] = struct.pack("<I", 1000)
    return bytes(data)


def test_a_zip_that_lies_about_its_sizes_is_never_inflated_whole(tmp_path):
    data = _lying(60_000_000)
    tracemalloc.start()
    try:
        body = word.read_docx(data, "a.docx", "articles[1].body_file")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "damaged Word document" in body.problems[0].message
    assert peak < 20_000_000  # inflated in a stream, never all 60 MB at once
    assert "damaged Word document" in refused(tmp_path, data)[0].message  # at the spec's key


def test_what_a_file_really_unpacks_to_is_counted(tmp_path, monkeypatch):
    monkeypatch.setattr(wordpackage, "MAX_UNPACKED", 200_000)
    [problem] = refused(tmp_path, p("正文。") + "<!--" + " " * 300_000 + "-->")
    assert "unpacks to more than" in problem.message


@pytest.mark.parametrize("row", [
    '<w:tc><w:tcPr><w:gridSpan w:val="50000000"/></w:tcPr>' + p("宽") + "</w:tc>",
    "<w:tc>" + p("格") + "</w:tc>" * 1 + ("<w:tc>" + p("格") + "</w:tc>") * 10_050,
])
def test_spans_and_cells_are_capped_as_the_spec_s_tables(tmp_path, row):
    problems = refused(tmp_path, p("正文。") + f"<w:tbl><w:tr>{row}</w:tr></w:tbl>")
    assert [(x.line, x.message) for x in problems] == [(2, "a table with more than 10,000 cells")]


def test_an_xml_part_is_held_to_a_size_and_a_count_of_elements(tmp_path, monkeypatch):
    monkeypatch.setattr(wordpackage, "MAX_XML_BYTES", 100_000)  # a flood of comments: 7 bytes each
    [problem] = refused(tmp_path, p("正文。") + "<!---->" * 20_000)
    assert "document.xml is 0 MB of XML, more than the 0 MB allowed" in problem.message
    monkeypatch.setattr(wordpackage, "MAX_ELEMENTS", 1000)
    [problem] = refused(tmp_path, p("正文。") + "<w:p/>" * 1000)
    assert "holds more than 1,000 XML elements" in problem.message


def test_rows_are_capped_too(tmp_path, monkeypatch):
    monkeypatch.setattr(wordtables, "MAX_TABLE_CELLS", 500)
    rows = ("<w:tr><w:tc>" + p("格") + "</w:tc></w:tr>") * 501
    [problem] = refused(tmp_path, p("正文。") + f"<w:tbl>{rows}</w:tbl>")
    assert problem.message == "a table with more than 500 cells"


def test_paragraphs_are_capped(tmp_path, monkeypatch):
    monkeypatch.setattr(word, "MAX_BLOCKS", 1000)
    [problem] = refused(tmp_path, p("正文。") + "<w:p/>" * 1000)
    assert problem.message == "more than 1,000 paragraphs and tables"


def test_a_picture_used_n_times_is_decoded_once_and_stored_once(tmp_path, monkeypatch):
    calls = []
    read = images.read_picture
    monkeypatch.setattr(images, "read_picture", lambda *args: calls.append(args[1]) or read(*args))
    spec = loaded(tmp_path, p("正文。") + blip("rP") * 8, media={"rP": png()})
    figures = [b for b in spec.articles[0].blocks if isinstance(b, Figure)]
    assert len(figures) == 8 and calls == [f"{tmp_path / 'a.docx'}:word/media/rP.png"]
    build(spec, tmp_path / "a.ofd")
    with zipfile.ZipFile(tmp_path / "a.ofd") as z:
        assert len([n for n in z.namelist() if "/Res/image_" in n]) == 1


# ---- what was dropped without a word ------------------------------------------------------------

def test_paragraphs_inside_content_controls_are_printed(tmp_path):
    spec = loaded(tmp_path, p("前文。") + f"<w:sdt><w:sdtPr/><w:sdtContent>{p('控件里的段落。')}"
                  f"<w:sdt><w:sdtContent>{p('嵌套控件。')}</w:sdtContent></w:sdt></w:sdtContent></w:sdt>")
    assert [b.text for b in spec.articles[0].blocks] == ["前文。", "控件里的段落。", "嵌套控件。"]


def test_word_numbering_is_printed_and_feeds_the_heading_rules(tmp_path):
    first, second = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>', \
        '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>'
    listed = '<w:pStyle w:val="ListNumber"/>'
    body = (p("总体情况", first) + p("主要做法", second) + p("工作成效", second) + p("下步打算", first)
            + p("第一项。", listed) + p("第二项。", listed))
    spec = loaded(tmp_path, body)
    assert [b.text for b in spec.articles[0].blocks] == [
        "一、总体情况", "（一）主要做法", "（二）工作成效", "二、下步打算", "1.第一项。", "2.第二项。"]
    build(spec, tmp_path / "a.pdf")
    with pdfplumber.open(tmp_path / "a.pdf") as pdf:
        chars = pdf.pages[0].chars
    face = {c["text"]: c["fontname"].split("+")[-1] for c in chars}
    assert face["总"] == "NotoSansCJKsc-Bold" and face["主"] == "WenKaiBulletin-Regular"  # 黑体, 楷体


def test_a_numbered_heading_style_is_numbered_not_an_unnumbered_subheading(tmp_path):
    numbered = '<w:pStyle w:val="Heading2"/><w:numPr><w:numId w:val="1"/></w:numPr>'
    spec = loaded(tmp_path, p("正文。") + p("做法", numbered))
    heading = spec.articles[0].blocks[1]
    assert heading.text == "一、做法" and not heading.subheading


def test_symbols_print_or_are_noted(tmp_path):
    body = ('<w:p><w:r><w:t>完成</w:t><w:sym w:font="宋体" w:char="2605"/>'
            '<w:sym w:font="Wingdings" w:char="F0FC"/></w:r></w:p>')
    spec = loaded(tmp_path, body)
    assert spec.articles[0].blocks[0].text == "完成★"
    assert any("paragraph 1: 1 symbol(s) of a symbol font (Wingdings F0FC)" in n for n in spec.notes)


def test_vml_pictures_are_printed(tmp_path):
    vml = '<w:p><w:r><w:pict><v:shape><v:imagedata r:id="rP"/></v:shape></w:pict></w:r></w:p>'
    spec = loaded(tmp_path, p("正文。") + vml, media={"rP": png()})
    assert isinstance(spec.articles[0].blocks[1], Figure)


def test_an_embedded_document_and_hidden_text_are_noted(tmp_path):
    body = p("正文。") + '<w:altChunk r:id="rX"/>' + p("看不见的字", run_props="<w:vanish/>") + p("后文。")
    spec = loaded(tmp_path, body)
    assert [b.text for b in spec.articles[0].blocks] == ["正文。", "后文。"]
    notes = "\n".join(spec.notes)
    assert "paragraph 2: an embedded document (altChunk) is not printed" in notes
    assert "1 run(s) of hidden text not printed" in notes


def test_an_entity_word_never_writes_is_a_problem_at_its_paragraph_and_reads_nothing(tmp_path):
    doctype = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    [problem] = refused(tmp_path, p("正文。") + p("前&xxe;后"), doctype=doctype)
    assert (problem.line, problem.path) == (2, "articles[1].body_file")
    assert "entity reference &xxe;" in problem.message and "root:" not in problem.format()


# ---- bad values: located, never an internal error ----------------------------------------------

@pytest.mark.parametrize("body, line, message", [
    (p("正文。") + tbl(tc("格", '<w:gridSpan w:val="abc"/>')), 2,
     "a cell's column span is 'abc', not a number"),
    (p("正文。") + p("粗", run_props='<w:b w:val="maybe"/>'), 2, "bold (b) is 'maybe', not true or false"),
    (p("正文\u0080。"), 1, "control character U+0080 is not allowed"),
])
def test_a_bad_value_is_a_problem_at_its_paragraph(tmp_path, body, line, message):
    [problem] = refused(tmp_path, body)
    assert problem.line == line and problem.message.startswith(message), problem.message


def test_merged_cells_in_the_first_row_and_long_chains_read(tmp_path):
    first = tc("首行", "<w:vMerge/>") + tc("乙")  # merged with the cell above: there is none
    chain = [tc("", "<w:vMerge/>") + tc("续")] * 1500
    spec = loaded(tmp_path, p("正文。") + tbl(first, *chain))
    table = spec.articles[0].blocks[1]
    assert isinstance(table, Table) and table.rows[0] == ["首行", "乙"] and table.rows[1] == ["", "续"]
    assert len(table.rows) == 1501
    assert any("merged cells are printed as separate cells" in n for n in spec.notes)


def test_text_of_a_table_inside_a_cell_is_printed(tmp_path):
    inner = "<w:tbl><w:tr><w:tc>" + p("内表") + "</w:tc></w:tr></w:tbl>"
    spec = loaded(tmp_path, p("正文。") + f"<w:tbl><w:tr><w:tc>{p('外表')}{inner}</w:tc></w:tr></w:tbl>")
    assert spec.articles[0].blocks[1].rows == [["外表内表"]]
    assert isinstance(spec.articles[0].blocks[0], Paragraph)


def test_a_password_protected_or_strict_file_says_what_it_is(tmp_path):
    [problem] = refused(tmp_path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    assert "protected by a password" in problem.message and "remove the password" in problem.hint
    strict = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx(p("正文。")))) as z, zipfile.ZipFile(strict, "w") as out:
        for name in z.namelist():
            out.writestr(name, z.read(name).replace(b"schemas.openxmlformats.org/wordprocessingml/2006/main",
                                                    b"purl.oclc.org/ooxml/wordprocessingml/main"))
    [problem] = refused(tmp_path, strict.getvalue())
    assert problem.message.endswith("a Strict Open XML document, which we cannot read")
