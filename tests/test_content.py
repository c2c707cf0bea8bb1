"""Photos, tables, emphasis, subheadings and Word files: from the spec to facts in the PDF."""
from __future__ import annotations

import io
import os
import sys

import pdfplumber
import pikepdf
import pytest
from PIL import Image, ImageFile

from bulletin_cli import build
from bulletin_cli.errors import InputError
from bulletin_cli.layout.page import BLOCK_BOTTOM, BLOCK_TOP, BLOCK_W, LEFT, MM, PAGE_H, PITCH
from bulletin_cli.model import Figure, Paragraph, Table
from bulletin_cli.spec.markup import MarkupError, parse
from bulletin_cli.spec.reader import load_spec

from .helpers import ROOT, run

HEADING, BODY, KAI = "NotoSansCJKsc-Bold", "FandolFang-Regular", "WenKaiBulletin-Regular"
HEAD = """\
masthead: {title: 测试工作简报, issue: 1, publisher: 测试办公室, date: 2026-03-01}
headlines: []
articles:
"""


def photo(w=1200, h=800, mode="RGB", color=(200, 30, 40)) -> Image.Image:
    im = Image.new(mode, (w, h), color)
    return im


def save(im: Image.Image, path, fmt=None, **kw):
    im.save(path, fmt, **kw)
    return path


def spec_file(tmp_path, articles: str, name="s.yaml"):
    p = tmp_path / name
    p.write_text(HEAD + articles, encoding="utf-8")
    return p


def fonts_of(chars, text):
    s = "".join(c["text"] for c in chars)
    i = s.index(text)
    return {c["fontname"].split("+", 1)[1] for c in chars[i:i + len(text)]}


# ---- the inline syntax ----------------------------------------------------------------------------

def test_inline_syntax():
    p = parse("今天**重点**检查了\\*\\*三处\\![地方。")
    assert (p.kind, p.text, p.bold) == ("paragraph", "今天重点检查了**三处![地方。", ((2, 4),))
    assert parse("## 案情回顾") == parse("##　案情回顾")  # an ideographic space works too
    assert parse("## 案情回顾").kind == "subheading" and parse("## 案情回顾").text == "案情回顾"
    img = parse("![督导组检查](photos/a b.jpg)")
    assert (img.kind, img.text, img.path) == ("image", "督导组检查", "photos/a b.jpg")
    assert parse("\\![不是图](x.jpg)").kind == "paragraph"
    assert parse("##不是小标题").kind == "paragraph"  # "## " needs its space, as in Markdown
    with pytest.raises(MarkupError) as e:
        parse("一二**三四")
    assert e.value.args[1] == 2  # points at the opening **
    with pytest.raises(MarkupError) as e:
        parse("见下图![图](a.jpg)")
    assert e.value.args[1] == 3


def test_body_forms_load_to_blocks(tmp_path):
    (tmp_path / "photos").mkdir()
    save(photo(), tmp_path / "photos" / "a.jpg")
    spec = load_spec(spec_file(tmp_path, """\
  - title: 一
    body: |
      第一段**加粗**文字。

      ## 小标题

      ![图注](photos/a.jpg)
  - title: 二
    body:
      - 文字。
      - {image: photos/a.jpg, caption: 同一张图, width: 60%}
      - table: [[项目, 数量], [甲, 12], [乙, ~]]
        header: false
"""))
    a, b = spec.articles
    assert [type(x) for x in a.blocks] == [Paragraph, Paragraph, Figure]
    assert a.blocks[0].bold == ((3, 5),) and a.blocks[1].subheading
    assert a.blocks[2].caption == "图注" and a.blocks[2].width == 1.0
    assert b.blocks[1].width == pytest.approx(0.6)
    assert b.blocks[1].picture is a.blocks[2].picture  # read once
    assert b.blocks[2].rows == [["项目", "数量"], ["甲", "12"], ["乙", ""]] and not b.blocks[2].header
    assert [p.text for p in a.paragraphs] == ["第一段加粗文字。", "小标题"]


# ---- located errors ------------------------------------------------------------------------------

def _bad_jpeg(path):
    data = io.BytesIO()
    photo().save(data, "JPEG")
    path.write_bytes(data.getvalue()[:600])  # header intact, image data cut off


@pytest.mark.parametrize("case, body, where, message", [
    ("corrupt", "![图](p.jpg)", (6, 12), "articles[1].body: p.jpg: image is damaged or truncated"),
    ("missing", "![图](nothere.jpg)", (6, 12), "articles[1].body: nothere.jpg: no such image file"),
    ("not image", "![图](p.jpg)", (6, 12), "articles[1].body: p.jpg: not an image we can read"),
    ("huge", "![图](p.png)", (6, 12), "articles[1].body: p.png: image is 8000 x 6500 pixels"),
    ("fifo", "![图](p.jpg)", (6, 12), "articles[1].body: p.jpg: is not a regular file"),
    ("unclosed", "一二**三四", (6, 9), "articles[1].body: ** starts bold text that is never closed"),
    ("inline image", "见下图![图](p.jpg)", (6, 10), "articles[1].body: an image must be a paragraph"),
])
def test_bad_images_and_syntax_are_located(tmp_path, case, body, where, message):
    if case == "corrupt":
        _bad_jpeg(tmp_path / "p.jpg")
    elif case == "not image":
        (tmp_path / "p.jpg").write_bytes(b"GIF89a but not really" * 10)
    elif case == "huge":  # 52 megapixels, a few KB on disk: refused from the header
        save(Image.new("1", (8000, 6500)), tmp_path / "p.png")
    elif case == "fifo":
        os.mkfifo(tmp_path / "p.jpg")
    spec = spec_file(tmp_path, f"  - title: 一\n    body: |\n      {body}\n")
    p = run("build", spec)
    assert p.returncode == 2
    first = p.stderr.splitlines()[0].removeprefix("error: ")
    assert first.startswith(f"{spec}:{where[0]}:{where[1]}: {message}"), p.stderr
    assert not (tmp_path / "s.pdf").exists()


def test_oversized_image_is_never_decoded(tmp_path, monkeypatch):
    save(Image.new("1", (8000, 6500)), tmp_path / "p.png")
    spec = spec_file(tmp_path, "  - title: 一\n    body:\n      - {image: p.png}\n")

    def never(self):
        raise AssertionError("the decoder ran")

    monkeypatch.setattr(ImageFile.ImageFile, "load", never)
    with pytest.raises(InputError) as e:
        load_spec(spec)
    (problem,) = e.value.problems
    assert (problem.line, problem.col, problem.path) == (6, 17, "articles[1].body[1].image")
    assert "50 megapixels" in problem.message


@pytest.mark.parametrize("article, where, message", [
    ("  - title: 一\n    body:\n      - {image: p.jpg, width: 5%}\n", (6, 31),
     "articles[1].body[1].width: expected a width from 10% to 100%"),
    ("  - title: 一\n    body:\n      - table: [[a, b], [c]]\n", (6, 25),
     "articles[1].body[1].table[2]: row has 1 cells, the first row has 2"),
    ("  - title: 一\n    body:\n      - {caption: 无图}\n", (6, 9),
     "articles[1].body[1]: a body block needs an image: or a table: key"),
    ("  - title: 一\n    body: 正文\n    body_file: a.txt\n", (4, 5),
     "articles[1]: give either body or body_file, not both"),
    ("  - body_file: a.txt\n", (4, 5), "articles[1]: missing required key 'title'"),
    ("  - {title: 一, body_file: a.pdf}\n", (4, 27), "articles[1].body_file: a.pdf: a body file must be"),
    ("  - {title: 一, body_file: bad.docx}\n", (4, 27),
     "articles[1].body_file: bad.docx: not a Word document"),
    ("  - {title: 一, body_file: none.md}\n", (4, 27), "articles[1].body_file: none.md: no such body file"),
    ("  - {title: 一, body_file: b.md}\n", (3, 3), "articles[1].body_file: ** starts bold text"),
])
def test_bad_blocks_and_body_files_are_located(tmp_path, article, where, message):
    save(photo(), tmp_path / "p.jpg")
    (tmp_path / "a.txt").write_text("正文。\n", encoding="utf-8")
    (tmp_path / "a.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "bad.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "b.md").write_text("# 标题\n\n正文**没有关上。\n", encoding="utf-8")
    spec = spec_file(tmp_path, article)
    with pytest.raises(InputError) as e:
        load_spec(spec)
    problem = e.value.problems[0]
    expected_file = str(tmp_path / "b.md") if "b.md" in article else str(spec)
    assert (problem.file, problem.line, problem.col) == (expected_file, *where), problem.format()
    assert problem.format().split(": ", 1)[1].startswith(message), problem.format()


# ---- photos in the PDF ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def photo_pdf(tmp_path_factory):
    d = tmp_path_factory.mktemp("photos")
    save(photo(1200, 800), d / "rgb.jpg", quality=90)
    save(photo(1000, 700, "L", 90), d / "grey.png")
    save(photo(800, 600, "CMYK", (0, 0, 0, 0)), d / "cmyk.jpg")
    turned = photo(400, 200)  # stored landscape, EXIF says: turn 90° clockwise to view
    exif = Image.Exif()
    exif[0x0112] = 6
    save(turned, d / "turned.jpg", exif=exif)
    save(photo(300, 200), d / "small.jpg")
    spec = spec_file(d, """\
  - title: 照片
    body: |
      导语**加粗的话**，再接正文。

      ![督导组在第十网格检查](rgb.jpg)

      ## 小标题一

      正文。

      ![第二张灰度图](grey.png)
  - title: 同一张图再用一次
    body:
      - {image: rgb.jpg, caption: 六成宽, width: 60%}
      - {image: cmyk.jpg, caption: 印刷用CMYK, width: 50%}
      - {image: turned.jpg, caption: 竖图, width: 20%}
      - {image: small.jpg, caption: 小图}
""")
    out = d / "s.pdf"
    result = build(spec, out)
    return d, out, result


def _images(path):
    """(page, x0, top, width, height, object id, colour space, pixel width, pixel height)"""
    with pikepdf.open(path) as pdf:
        xobjects = {}
        for pno, page in enumerate(pdf.pages, 1):
            for name, xo in page.Resources.get("/XObject", {}).items():
                xobjects[(pno, name[1:])] = (xo.objgen, str(xo.ColorSpace), int(xo.Width), int(xo.Height))
    with pdfplumber.open(path) as pdf:
        return [(pno, im["x0"], im["top"], im["width"], im["height"], *xobjects[(pno, im["name"])])
                for pno, page in enumerate(pdf.pages, 1) for im in page.images]


def test_photos_are_sized_centred_and_print_ready(photo_pdf):
    d, out, result = photo_pdf
    found = _images(out)
    assert len(found) == 6
    full, grey, sixty, _cmyk, turned, _small = found
    # full width of the text block, height by the aspect ratio, DeviceCMYK
    assert full[3] == pytest.approx(BLOCK_W, abs=0.01)
    assert full[4] == pytest.approx(BLOCK_W * 800 / 1200, abs=0.01)
    assert full[1] == pytest.approx(LEFT, abs=0.01)
    assert full[6:] == ("/DeviceCMYK", 1200, 800)
    assert grey[6:] == ("/DeviceGray", 1000, 700)
    # width: 60% of the block, centred; the same file is embedded once
    assert sixty[3] == pytest.approx(0.6 * BLOCK_W, abs=0.01)
    assert sixty[1] + sixty[3] / 2 == pytest.approx(LEFT + BLOCK_W / 2, abs=0.01)
    assert sixty[5] == full[5]
    # EXIF orientation honoured: a 400 x 200 file stored sideways prints 200 wide, 400 high
    assert turned[7:] == (200, 400) and turned[4] == pytest.approx(2 * turned[3], abs=0.01)
    with pikepdf.open(out) as pdf:
        spaces = {str(o.get("/ColorSpace")) for o in pdf.objects
                  if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"}
        assert spaces == {"/DeviceCMYK", "/DeviceGray"}  # no RGB in the file
        kept = next(o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Width") == 800)
        assert kept.read_raw_bytes() == (d / "cmyk.jpg").read_bytes()  # a CMYK JPEG is kept as it is
    assert sum("dpi" in n for n in result.notes) == 1  # only the 300-pixel photo is below 150 dpi
    assert any("small.jpg prints at 49 dpi, below 150" in n for n in result.notes)


def test_caption_sits_under_its_photo_on_the_same_page(photo_pdf):
    _, out, _ = photo_pdf
    found = _images(out)
    with pdfplumber.open(out) as pdf:
        for caption, (pno, _x0, top, _w, h, *_rest) in zip(
                ["督导组在第十网格检查", "第二张灰度图", "六成宽", "印刷用CMYK", "竖图"], found):
            chars = pdf.pages[pno - 1].chars
            text = "".join(c["text"] for c in chars)
            assert caption in text, f"caption {caption} not on page {pno}"
            i = text.index(caption)
            cap = chars[i:i + len(caption)]
            cjk = [c for c in cap if c["text"].strip() and ord(c["text"]) > 0x2e80]
            assert {c["fontname"].split("+")[1] for c in cjk} == {KAI}
            assert all(abs(c["size"] - 14) < 0.01 for c in cap)
            assert 0 < cap[0]["top"] - (top + h) < 20  # just under the photo
            middle = (cap[0]["x0"] + cap[-1]["x1"]) / 2
            assert middle == pytest.approx(LEFT + BLOCK_W / 2, abs=1.0)  # centred


def test_emphasis_and_subheadings_in_the_heading_face(photo_pdf):
    _, out, _ = photo_pdf
    with pdfplumber.open(out) as pdf:
        chars = [c for p in pdf.pages for c in p.chars]
    assert fonts_of(chars, "加粗的话") == {HEADING}
    assert fonts_of(chars, "导语") == {BODY} and fonts_of(chars, "再接正文") == {BODY}
    assert fonts_of(chars, "小标题一") == {HEADING}
    assert "**" not in "".join(c["text"] for c in chars)


# ---- tables ----------------------------------------------------------------------------------------

def test_long_table_repeats_its_header_and_reads_in_order(tmp_path):
    rows = "\n".join(f"          - [第{i}网格, 张三, {i * 7}, {i * 6}, {i * 6 * 100 // (i * 7)}%]"
                     for i in range(1, 41))
    spec = spec_file(tmp_path, f"""\
  - title: 长表
    body:
      - 下表列出各网格情况，**请对照检查**。
      - table:
          - [网格, 负责人, 发现问题, 已整改, 整改率]
{rows}
        caption: 各网格整改情况
      - 表后的文字。
""")
    build(spec, tmp_path / "t.pdf")
    header = ["网格", "负责人", "发现问题", "已整改", "整改率"]
    seen, pages_with_header = [], []
    with pdfplumber.open(tmp_path / "t.pdf") as pdf:
        for pno, page in enumerate(pdf.pages, 1):
            words = [w for w in page.extract_words(extra_attrs=["size"]) if abs(w["size"] - 14) < 0.01
                     and w["bottom"] < PAGE_H - BLOCK_BOTTOM]  # not the page number
            texts = [w["text"] for w in words]
            if texts[:5] == header or (header[0] in texts and texts[texts.index(header[0]):][:5] == header):
                pages_with_header.append(pno)
                k = texts.index(header[0])
                header_words = words[k:k + 5]
                assert {c["fontname"].split("+")[1] for c in page.chars
                        if any(c["x0"] >= w["x0"] - .1 and c["x1"] <= w["x1"] + .1
                               and abs(c["top"] - w["top"]) < 1 for w in header_words)} == {HEADING}
                seen += [t for t in texts[k + 5:] if t != "共印"]
            rules = [ln for ln in page.lines if abs(ln["linewidth"] - 0.25 * MM) < 0.01
                     and ln["y0"] == ln["y1"]]  # the column rules of the grid aside
            if pno in pages_with_header:  # thin rules across the whole block
                assert len(rules) > 5 and all(abs(r["x1"] - r["x0"] - BLOCK_W) < 0.01 for r in rules)
    assert len(pages_with_header) >= 2  # the table continues, header repeated
    cells = seen
    expected = [c for i in range(1, 41) for c in (f"第{i}网格", "张三", str(i * 7), str(i * 6),
                                                      f"{i * 6 * 100 // (i * 7)}%")]
    assert cells[:len(expected)] == expected


def test_numbers_right_aligned_and_table_spans_the_block(tmp_path):
    spec = spec_file(tmp_path, """\
  - title: 表
    body:
      - table: [[项目, 数量], [甲类问题, 12], [乙类问题, 1234]]
""")
    build(spec, tmp_path / "t.pdf")
    with pdfplumber.open(tmp_path / "t.pdf") as pdf:
        page = pdf.pages[0]
        words = {w["text"]: w for w in page.extract_words()}
        lines = [ln for ln in page.lines if abs(ln["linewidth"] - 0.25 * MM) < 0.01 and ln["y0"] == ln["y1"]]
    assert words["12"]["x1"] == pytest.approx(words["1234"]["x1"], abs=0.01)  # right-aligned
    assert words["甲类问题"]["x0"] == pytest.approx(words["乙类问题"]["x0"], abs=0.01)  # text left
    assert all(ln["x0"] == pytest.approx(LEFT, abs=0.01)
               and ln["x1"] == pytest.approx(LEFT + BLOCK_W, abs=0.01) for ln in lines)
    assert len(lines) == 4  # above, under the header, between the rows, below: drawn once each


# ---- Word files ------------------------------------------------------------------------------------

def _docx(picture: bytes) -> bytes:
    """The example's Word article (tools/make_example_files.py) plus what a bulletin cannot print:
    a tracked insertion and deletion, a footnote, a text box and a comment."""
    import docx
    from docx.oxml import parse_xml

    sys.path.insert(0, str(ROOT / "tools"))
    from make_example_files import article_docx

    doc = docx.Document(io.BytesIO(article_docx(picture)))
    p = doc.paragraphs[3]  # 网格建立“巡查—交办—整改—回访”闭环机制……
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    for xml in (f'<w:ins {w} w:id="1" w:author="a"><w:r><w:t>插入的话。</w:t></w:r></w:ins>',
                f'<w:del {w} w:id="2" w:author="a"><w:r><w:delText>删掉的话。</w:delText></w:r></w:del>',
                f'<w:r {w}><w:footnoteReference w:id="1"/></w:r>',
                f'<w:r {w} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox>'
                '<w:txbxContent><w:p><w:r><w:t>文本框里的字</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>'):
        p._p.append(parse_xml(xml))
    doc.add_comment(doc.paragraphs[1].runs, text="请核实", author="审核")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_word_article(tmp_path):
    jpg = io.BytesIO()
    photo(900, 600, color=(20, 120, 60)).save(jpg, "JPEG")
    (tmp_path / "a.docx").write_bytes(_docx(jpg.getvalue()))
    spec = spec_file(tmp_path, "  - body_file: a.docx\n")
    result = build(spec, tmp_path / "w.pdf")
    notes = "\n".join(result.notes)
    for what in ("1 text box(es) not printed", "tracked change(s): printed as if accepted",
                 "1 comment(s) not printed", "1 footnote(s) or endnote(s) not printed"):
        assert what in notes
    with pdfplumber.open(tmp_path / "w.pdf") as pdf:
        chars = [c for p in pdf.pages for c in p.chars]
        text = "".join(c["text"] for c in chars)
        title = "第十网格推行“街长制”破解背街小巷管理难题"  # the Title paragraph is the title,
        assert text.count(title) == 1  # not printed again as a paragraph
        assert {round(c["size"]) for c in chars if c["text"] == "破"} == {22}  # set as an article title
        assert fonts_of(chars, "由网格员担任街长，每日巡查不少于两次") == {HEADING}  # the bold run
        assert fonts_of(chars, "今年以来") == {BODY}
        assert fonts_of(chars, "主要做法") == {HEADING}  # Heading 2 -> subheading
        assert "插入的话。" in text and "删掉的话" not in text and "文本框里的字" not in text
        caption = "街长带领志愿者清理背街小巷卫生死角"  # the Caption paragraph under the picture
        assert fonts_of(chars, caption) == {KAI}
        # the table, row by row and whole: three rows are never split (two would be alone)
        assert "月份发现问题已整改一月126120二月9898三月8787" in text
        (image,) = [im for p in pdf.pages for im in p.images]
        assert image["width"] == pytest.approx(BLOCK_W, abs=0.01)


def test_markdown_and_text_body_files(tmp_path):
    (tmp_path / "稿件").mkdir()
    save(photo(), tmp_path / "稿件" / "p.jpg")
    (tmp_path / "稿件" / "a.md").write_text(
        "# 文件里的标题\n\n第一段，\n接着写**重点**。\n\n## 做法\n\n![图注](p.jpg)\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("第一行是一段。\n第二行**不是粗体**。\n", encoding="utf-8")
    spec = load_spec(spec_file(tmp_path, "  - body_file: 稿件/a.md\n  - {title: 文本, body_file: b.txt}\n"))
    md, txt = spec.articles
    assert md.title == "文件里的标题"
    assert [type(b).__name__ for b in md.blocks] == ["Paragraph", "Paragraph", "Figure"]
    assert md.blocks[0].text == "第一段，接着写重点。" and md.blocks[0].bold == ((7, 9),)
    assert md.blocks[0].loc.line == 3 and md.blocks[1].subheading
    # printed as written
    assert [p.text for p in txt.paragraphs] == ["第一行是一段。", "第二行**不是粗体**。"]


# ---- the paginator -----------------------------------------------------------------------------------

def _para(n, article=1):
    from bulletin_cli.layout.page import KEEP, Row

    return [Row(lambda *_: None, KEEP if n > 1 and k in (0, n - 2) else 0, article=article) for k in range(n)]


def test_a_photo_floats_the_text_after_it_fills_the_page_and_it_opens_the_next():
    from bulletin_cli.layout.page import GRID_LINES, Row
    from bulletin_cli.layout.paginate import paginate

    before, figure, after = _para(GRID_LINES - 4), Row(lambda *_: None, lines=7.4, grid=False,
                                                       floats=True, article=1), _para(6)
    where = {id(r): (p, line) for p, line, r in paginate([*before, figure, *after], 0)}
    assert where[id(figure)] == (1, 0)  # atop the next page, whole
    # the text after it fills the four lines left: the paragraph's last two lines keep together
    assert [where[id(r)] for r in after] == [(0, 18), (0, 19), (0, 20), (0, 21), (1, 8), (1, 9)]
    # 7.4 lines of photo: the text on that page resumes on the next grid line, 8


def test_a_photo_never_waits_past_its_article():
    from bulletin_cli.layout.page import GRID_LINES, Row
    from bulletin_cli.layout.paginate import paginate

    first, figure = _para(GRID_LINES - 4), Row(lambda *_: None, lines=7.4, grid=False, floats=True, article=1)
    rest, gap, second = _para(2), Row(None), _para(3, article=2)
    where = {id(r): (p, line) for p, line, r in paginate([*first, figure, *rest, gap, *second], 0)}
    assert [where[id(r)] for r in rest] == [(0, 18), (0, 19)]  # its article's text fills in
    assert where[id(figure)] == (1, 0)  # the next article's text does not: the page ends there
    assert where[id(gap)] == (1, 8) and where[id(second[0])] == (1, 9)


def test_photos_keep_their_order_when_one_waits():
    from bulletin_cli.layout.page import GRID_LINES, Row
    from bulletin_cli.layout.paginate import paginate

    text = _para(GRID_LINES - 3)
    big = Row(lambda *_: None, lines=7.4, grid=False, floats=True, article=1)
    small = Row(lambda *_: None, lines=1.5, grid=False, floats=True, article=1)  # would fit page 1
    after = _para(4)
    where = {id(r): (p, line) for p, line, r in paginate([*text, big, small, *after], 0)}
    assert where[id(big)] == (1, 0) and where[id(small)] == (1, 7.4)
    assert where[id(after[0])] == (0, 19)


def test_table_header_repeats_atop_a_continued_page():
    from bulletin_cli.layout.page import GRID_LINES, KEEP, Row
    from bulletin_cli.layout.paginate import paginate

    header = Row(lambda *_: None, KEEP, lines=0.9, grid=False)
    body = [Row(lambda *_: None, lines=0.9, grid=False, header=(header,)) for _ in range(40)]
    placed = paginate([header, *body], 0)
    pages = {}
    for p, line, r in placed:
        pages.setdefault(p, []).append((line, r))
    assert len(pages) == 2
    assert pages[1][0][1] is header and pages[1][0][0] == 0
    assert all(line + r.lines <= GRID_LINES + 1e-6 for pg in pages.values() for line, r in pg)
    assert sum(r is not header for p in pages.values() for _, r in p) == 40


# ---- the example ---------------------------------------------------------------------------------------

def test_example_with_photo_table_emphasis_and_word_article(tmp_path):
    example = ROOT / "examples" / "grid-10.yaml"
    spec = load_spec(example)
    assert any(isinstance(b, Figure) for a in spec.articles for b in a.blocks)
    assert any(isinstance(b, Table) for a in spec.articles for b in a.blocks)
    assert any(p.bold for a in spec.articles for p in a.paragraphs)
    word = spec.articles[-1]
    assert word.blocks[0].loc.file.endswith("第十网格.docx")
    result = build(example, tmp_path / "g.pdf")
    assert result.notes == []
    with pdfplumber.open(tmp_path / "g.pdf") as pdf:
        assert sum(len(p.images) for p in pdf.pages) == 2
        chars = [c for p in pdf.pages for c in p.chars]
        assert fonts_of(chars, "对发现的问题当场交办、限时整改") == {HEADING}
        for page in pdf.pages:  # everything inside the text block, nothing under the page number
            for im in page.images:
                assert im["top"] >= PAGE_H - BLOCK_TOP - 0.01 and im["bottom"] <= PAGE_H - BLOCK_BOTTOM + 0.01
    assert PITCH > 0


def test_the_example_photo_floats_to_page_2_and_page_1_is_filled(tmp_path):
    """grid-10: the photo does not fit under article 1's first paragraph; the article's text
    after it fills page 1 down to its last grid line, the photo and its caption open page 2."""
    from bulletin_cli.layout.figures import FIGURE_GAP, FIGURE_PAD

    from .pdffacts import body_lines, read_lines

    out = tmp_path / "g.pdf"
    build(ROOT / "examples" / "grid-10.yaml", out)
    page1 = [ln for ln in body_lines(read_lines(out)) if ln.page == 1]
    # the last body line sits on the last grid line: its baseline less than a line above the bottom
    assert BLOCK_BOTTOM < page1[-1].y < BLOCK_BOTTOM + PITCH
    assert page1[-1].text.endswith("改不到位不销号。")  # the text that followed the photo
    with pdfplumber.open(out) as pdf:
        assert pdf.pages[0].images == []
        (im,) = pdf.pages[1].images
        assert im["top"] == pytest.approx(PAGE_H - BLOCK_TOP + FIGURE_PAD, abs=0.05)  # atop the block
        caption = [c for c in pdf.pages[1].chars if c["fontname"].endswith(KAI)
                   and c["top"] < im["bottom"] + FIGURE_GAP + 22]
        assert "".join(c["text"] for c in caption) == "督导组在第十网格背街小巷检查环境卫生"
        assert all(c["top"] > im["bottom"] for c in caption)  # under it, on the same page
        text = [c for c in pdf.pages[1].chars if c["top"] < im["top"]]
        assert text == []  # nothing above the photo on page 2


def test_headline_pages_lists_each_article_with_leaders_and_its_page(tmp_path):
    from .pdffacts import RIGHT, em_centre, read_lines

    out = tmp_path / "g.pdf"
    build(ROOT / "examples" / "grid-10.yaml", out)
    lines = read_lines(out)
    titles = ["区领导带队督导第十网格创城工作", "各网格三月份问题整改情况通报",
              "第十网格推行“街长制”破解背街小巷管理难题"]
    for title in titles:
        (entry,) = [ln for ln in lines
                    if ln.page == 1 and ln.text.startswith(title) and abs(ln.size - 16) < 0.1]
        dots, number = entry.text[len(title):-1], entry.text[-1]
        assert len(dots) >= 4 and set(dots) == {"."}
        assert entry.chars[-1]["x1"] == pytest.approx(RIGHT, abs=0.05)  # the number ends at the right edge
        # the article's title (22 pt, possibly over two lines) starts on that page
        pages = [ln.page for ln in lines if abs(ln.size - 22) < 0.1 and title.startswith(ln.text)]
        assert pages and pages[0] == int(number)
        baseline = entry.chars[0]["matrix"][5]
        line = (BLOCK_TOP - baseline - em_centre("kai") * 16) / PITCH - 0.5  # on the body grid
        assert line == pytest.approx(round(line), abs=0.01)
    dot_x = {round(c["x0"], 2) for ln in lines if ln.page == 1 for c in ln.chars if c["text"] == "."}
    pitch = 8.0  # half of 16 pt: leaders line up down the list
    assert all(((x - LEFT) / pitch) % 1 == pytest.approx((next(iter(dot_x)) - LEFT) / pitch % 1, abs=0.01)
               for x in dot_x)



def test_a_table_never_leaves_one_row_alone_at_a_page_break(tmp_path):
    """A page neither ends on a table's first body row (under its header) nor starts with its
    last row alone: wherever the break falls, each page holding a part of the table holds at
    least two of its rows (and the header above them)."""
    rows = "\n".join(f"          - [第{i}网格, {i * 7}]" for i in range(1, 13))
    seen_split = set()
    for lead in range(1, 27):  # lines of text before the table: the break moves row by row
        spec = spec_file(tmp_path, f"""\
  - title: 表格分页
    body:
      - {"表前的文字。" * (lead * 14 // 6)}
      - table:
          - [网格, 发现问题]
{rows}
""")
        build(spec, tmp_path / "t.pdf")
        per_page = []
        with pdfplumber.open(tmp_path / "t.pdf") as pdf:
            for page in pdf.pages:
                texts = [w["text"] for w in page.extract_words()]
                per_page.append((sum(t.startswith("第") and t.endswith("网格") for t in texts),
                                 "网格" in texts))
        parts = [(n, head) for n, head in per_page if n]
        assert sum(n for n, _ in parts) == 12
        assert all(n >= 2 and head for n, head in parts), (lead, per_page)
        seen_split.add(len(parts))
    assert seen_split == {1, 2}  # some layouts split the table, some keep it whole
