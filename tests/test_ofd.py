"""The OFD writer, checked from the outside: the package read back by an independent reader from
PyPI (ofdkit: text, structure, where each run starts and ends), and its XML compared glyph by
glyph with the PDF built from the same layout. A second reader, easyofd, redraws it as a PDF in
tools/check_ofd_easyofd.py (outside the suite: it brings onnxruntime and PyMuPDF)."""
from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

import pdfplumber
import pytest

from bulletin_cli import build, load_spec
from bulletin_cli.model import plain_title

from .helpers import EXAMPLE, ROOT, run

NS = {"ofd": "http://www.ofdspec.org/2016"}
PT = 25.4 / 72


@pytest.fixture(scope="module")
def seed_ofd(tmp_path_factory):
    out = tmp_path_factory.mktemp("ofd") / "seed.ofd"
    result = build(EXAMPLE, out)
    return out, result


@pytest.fixture(scope="module")
def package(seed_ofd):
    with zipfile.ZipFile(seed_ofd[0]) as z:
        return {name: z.read(name) for name in z.namelist()}


def xml(package, name) -> ET.Element:
    return ET.fromstring(package[name])


def ofd_glyphs(package, page: int) -> list[tuple[str, float, float]]:
    """(char, x, baseline y) in mm from the top left, read from a page's TextObjects."""
    out = []
    root = xml(package, f"Doc_0/Pages/Page_{page}/Content.xml")
    for obj in root.iter(f"{{{NS['ofd']}}}TextObject"):
        bx, by, _w, _h = map(float, obj.get("Boundary").split())
        for code in obj.findall("ofd:TextCode", NS):
            x, y = bx + float(code.get("X")), by + float(code.get("Y"))
            deltas = [float(d) for d in (code.get("DeltaX") or "").split()]
            for k, ch in enumerate(code.text):
                out.append((ch, x, y))
                if k < len(deltas):
                    x += deltas[k]
    return out


def pdf_glyphs(path, scale: float = 1 / PT) -> list[list[tuple[str, float, float]]]:
    """Per page: (char, x, baseline y) in mm from the top left, from a PDF's text (`scale`: PDF
    units per mm)."""
    pages = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            h = float(page.height)
            pages.append([(c["text"], c["matrix"][4] / scale, (h - c["matrix"][5]) / scale)
                          for c in page.chars])
    return pages


# ---- the package ---------------------------------------------------------------------------

def test_package_parts_in_a_fixed_order_with_fixed_times(seed_ofd):
    with zipfile.ZipFile(seed_ofd[0]) as z:
        infos = z.infolist()
    names = [i.filename for i in infos]
    pages = seed_ofd[1].pages
    fonts = [n for n in names if n.startswith("Doc_0/Res/")]
    assert names == ["OFD.xml", "Doc_0/Document.xml", "Doc_0/PublicRes.xml", "Doc_0/DocumentRes.xml",
                     *fonts, *[f"Doc_0/Pages/Page_{k}/Content.xml" for k in range(pages)]]
    assert len(fonts) == 4  # title, body, kai, number faces
    assert {i.date_time for i in infos} == {(2000, 1, 1, 0, 0, 0)}


def test_same_spec_same_bytes(seed_ofd, tmp_path):
    again = tmp_path / "again.ofd"
    build(load_spec(ROOT / "examples" / "hospital-7.yaml"), tmp_path / "other.ofd")  # state in between
    build(EXAMPLE, again)
    assert again.read_bytes() == seed_ofd[0].read_bytes()


def test_pages_are_a4_in_millimetres(package):
    box = xml(package, "Doc_0/Document.xml").find("ofd:CommonData/ofd:PageArea/ofd:PhysicalBox", NS).text
    assert box == "0 0 210 297"


def test_doc_info_from_the_spec(seed_ofd):
    import ofdkit

    spec = load_spec(EXAMPLE)
    mh = spec.masthead
    with ofdkit.open(seed_ofd[0]) as doc:
        info = doc.info
    assert info.title == f"{mh.title} 第{mh.issue}期"
    assert info.author == mh.publisher
    assert mh.title in info.subject and "2021年3月15日" in info.subject
    assert info.creation_date == "2021-03-15"
    assert list(info.keywords) == [plain_title(a.title) for a in spec.articles]
    assert re.fullmatch(r"[0-9a-f]{32}", info.doc_id)


# ---- read back by ofdkit ---------------------------------------------------------------------

def test_ofdkit_reads_every_page_and_every_article_in_order(seed_ofd, seed_pdf):
    import ofdkit

    spec = load_spec(EXAMPLE)
    with ofdkit.open(seed_ofd[0]) as doc:
        assert doc.warnings == []
        assert len(doc.pages) == seed_pdf[1].pages == 7
        assert all(p.box == (0.0, 0.0, 210.0, 297.0) for p in doc.pages)
        # the pages' text without the page numbers (— 1 —) a paragraph may run across
        text = "".join(re.sub(r"\s|—\d+—", "", page.text()) for page in doc.pages)
        masthead = "".join(r.text for r in doc.pages[0].runs[:2])
    assert masthead == spec.masthead.title
    pos = 0
    for art in spec.articles:
        for piece in [plain_title(art.title), *(p.text for p in art.paragraphs)]:
            found = text.find(re.sub(r"\s", "", piece), pos)
            assert found >= 0, f"not found in order: {piece[:20]}…"
            pos = found + len(piece)


def test_ofdkit_places_every_run_where_the_pdf_draws_it(seed_ofd, seed_pdf):
    """ofdkit applies Boundary, CTM, X/Y and DeltaX by its own reading of GB/T 33190: each run it
    reads starts at the PDF's glyph, and ends there too (ofdkit counts the last character of a
    run one size wide when it is full width). The independent read-back of positions that the
    test extra carries; easyofd's redraw is tools/check_ofd_easyofd.py."""
    import unicodedata

    import ofdkit

    pdf = pdf_glyphs(seed_pdf[0])
    ended = 0
    with ofdkit.open(seed_ofd[0]) as doc:
        for k, page in enumerate(doc.pages):
            runs, at = page.runs, 0
            assert "".join(r.text for r in runs) == "".join(c for c, _, _ in pdf[k]), f"page {k + 1}"
            for run in runs:
                first, last = pdf[k][at], pdf[k][at + len(run.text) - 1]
                at += len(run.text)
                assert (run.x, run.y) == pytest.approx(first[1:], abs=0.1), (k + 1, run.text)
                if unicodedata.east_asian_width(run.text[-1]) in "WF":
                    assert run.x + run.width - run.size == pytest.approx(last[1], abs=0.1), (k + 1, run.text)
                    ended += 1
    assert ended > 100


# ---- fonts and colours ----------------------------------------------------------------------

def test_every_font_is_embedded_referenced_and_draws_its_text(package):
    from fontTools.ttLib import TTFont

    res = xml(package, "Doc_0/PublicRes.xml")
    base = res.get("BaseLoc")
    fonts = {f.get("ID"): f for f in res.findall("ofd:Fonts/ofd:Font", NS)}
    drawn: dict[str, set[str]] = {fid: set() for fid in fonts}
    for name, data in package.items():
        if name.endswith("Content.xml"):
            for obj in ET.fromstring(data).iter(f"{{{NS['ofd']}}}TextObject"):
                assert obj.get("Font") in fonts
                drawn[obj.get("Font")].update("".join(c.text for c in obj.findall("ofd:TextCode", NS)))
    assert all(drawn.values()), "a font resource nothing uses"
    for fid, font in fonts.items():
        path = f"Doc_0/{base}/{font.find('ofd:FontFile', NS).text}"
        face = TTFont(io.BytesIO(package[path]))
        assert "glyf" in face and face["name"].getDebugName(6) == font.get("FontName")
        cmap = face.getBestCmap()
        assert all(cmap.get(ord(ch)) for ch in drawn[fid]), font.get("FontName")
        assert len(package[path]) < 400_000  # cut to what the bulletin uses, not the whole face


def test_colours_are_one_cmyk_space_red_masthead_and_black_text(package):
    res = xml(package, "Doc_0/PublicRes.xml")
    spaces = res.findall("ofd:ColorSpaces/ofd:ColorSpace", NS)
    assert [(s.get("Type"), s.get("BitsPerComponent")) for s in spaces] == [("CMYK", "8")]
    cmyk = spaces[0].get("ID")
    assert xml(package, "Doc_0/Document.xml").find("ofd:CommonData/ofd:DefaultCS", NS).text == cmyk
    seen = {}
    for name, data in package.items():
        if not name.endswith("Content.xml"):
            continue
        for el in ET.fromstring(data).iter():
            if el.tag.endswith("Color"):
                assert el.get("ColorSpace") == cmyk
                seen.setdefault(el.get("Value"), set()).add((name.split("/")[2], el.tag.split("}")[1]))
    assert set(seen) == {"0 0 0 255", "0 255 255 0"}  # K only, and M+Y
    assert seen["0 255 255 0"] == {("Page_0", "FillColor"), ("Page_0", "StrokeColor")}  # masthead


def test_rules_are_stroked_paths(package, seed_pdf):
    page = xml(package, "Doc_0/Pages/Page_0/Content.xml")
    paths = [p for p in page.findall(".//ofd:PathObject", NS) if p.get("Stroke") != "false"]
    assert len(paths) == 1  # the red rule; the invisible paths are the headline links
    (rule,) = paths
    x, y, w, h = map(float, rule.get("Boundary").split())
    assert float(rule.get("LineWidth")) == pytest.approx(0.75, abs=0.001)
    assert (x, w) == pytest.approx((28, 156), abs=0.001)
    assert rule.find("ofd:AbbreviatedData", NS).text.split()[0] == "M"
    with pdfplumber.open(seed_pdf[0]) as pdf:
        (line,) = [ln for ln in pdf.pages[0].lines if ln["stroking_color"] == (0, 1, 1, 0)]
    assert y + h / 2 == pytest.approx((float(pdf.pages[0].height) - line["y0"]) * PT, abs=0.01)


# ---- positions ------------------------------------------------------------------------------

def test_every_glyph_sits_where_the_pdf_puts_it(package, seed_pdf):
    pdf = pdf_glyphs(seed_pdf[0])
    worst = 0.0
    for k, page in enumerate(pdf):
        ofd = ofd_glyphs(package, k)
        assert [c for c, _, _ in ofd] == [c for c, _, _ in page]
        worst = max([worst, *(max(abs(a[1] - b[1]), abs(a[2] - b[2])) for a, b in zip(ofd, page))])
    assert worst < 0.1, f"a glyph is {worst:.3f} mm from its place in the PDF"


def test_outline_has_every_article_at_its_title(package, seed_ofd):
    spec = load_spec(EXAMPLE)
    root = xml(package, "Doc_0/Document.xml")
    page_ids = [p.get("ID") for p in root.findall("ofd:Pages/ofd:Page", NS)]
    elems = root.findall("ofd:Outlines/ofd:OutlineElem", NS)
    titles = [plain_title(a.title) for a in spec.articles]
    assert [e.get("Title") for e in elems] == ["本期要目", *titles, "版记"]  # as the PDF's outline
    for e in elems[1:-1]:
        dest = e.find("ofd:Actions/ofd:Action/ofd:Goto/ofd:Dest", NS)
        k = page_ids.index(dest.get("PageID"))
        title = [g for g in ofd_glyphs(package, k) if g[0] == e.get("Title")[0]]
        top = float(dest.get("Top"))
        assert any(0 < y - top < 12 for _, _, y in title), e.get("Title")  # just above its baseline


def test_each_headline_links_to_its_article_like_the_pdf(package, seed_pdf):
    """The headline entries are clickable in the OFD too: an invisible path over each entry
    (where the PDF has its link annotation) whose click goes where the article's outline entry
    goes."""
    import pikepdf

    root = xml(package, "Doc_0/Document.xml")
    outline = {e.find("ofd:Actions/ofd:Action/ofd:Goto/ofd:Dest", NS).attrib.get("PageID") + " "
               + e.find("ofd:Actions/ofd:Action/ofd:Goto/ofd:Dest", NS).get("Top"): e.get("Title")
               for e in root.findall("ofd:Outlines/ofd:OutlineElem", NS)}
    page = xml(package, "Doc_0/Pages/Page_0/Content.xml")
    links = [p for p in page.findall(".//ofd:PathObject", NS) if p.get("Stroke") == "false"]
    assert len(links) == 6 and all(p.get("Fill") == "false" for p in links)
    gone_to = []
    for p in links:
        (action,) = p.findall("ofd:Actions/ofd:Action", NS)
        assert action.get("Event") == "CLICK" and next(iter(p)).tag.endswith("Actions")  # schema order
        dest = action.find("ofd:Goto/ofd:Dest", NS)
        gone_to.append(outline[f"{dest.get('PageID')} {dest.get('Top')}"])
    titles = [plain_title(a.title) for a in load_spec(EXAMPLE).articles]
    assert gone_to == titles  # in headline order, each to its own article
    with pikepdf.open(seed_pdf[0]) as pdf:
        h = float(pdf.pages[0].mediabox[3])
        rects = [[float(v) for v in a.Rect] for a in pdf.pages[0].Annots if a.Subtype == "/Link"]
    for p, (x0, y0, x1, y1) in zip(links, sorted(rects, key=lambda r: -r[3])):
        assert [float(v) for v in p.get("Boundary").split()] == pytest.approx(
            [x0 * PT, (h - y1) * PT, (x1 - x0) * PT, (y1 - y0) * PT], abs=0.01)


# ---- the command ----------------------------------------------------------------------------

def test_format_pdf_and_ofd_from_one_build(tmp_path, seed_ofd, seed_pdf):
    import json

    p = run("build", EXAMPLE, "-o", tmp_path / "12.pdf", "--format", "pdf,ofd", "--json")
    assert p.returncode == 0, p.stderr
    [got] = json.loads(p.stdout)  # build --json: a record per spec
    assert [(o["format"], o["output"]) for o in got["outputs"]] == [
        ("pdf", str(tmp_path / "12.pdf")), ("ofd", str(tmp_path / "12.ofd"))]
    assert (tmp_path / "12.ofd").read_bytes() == seed_ofd[0].read_bytes()
    assert (tmp_path / "12.pdf").read_bytes() == seed_pdf[0].read_bytes()
    assert got["outputs"][1]["bytes"] == (tmp_path / "12.ofd").stat().st_size


def test_an_ofd_name_chooses_ofd(tmp_path):
    p = run("build", EXAMPLE, "-o", tmp_path / "x.ofd")
    assert p.returncode == 0, p.stderr
    assert "wrote" in p.stdout and zipfile.is_zipfile(tmp_path / "x.ofd")
    assert zipfile.ZipFile(tmp_path / "x.ofd").namelist()[0] == "OFD.xml"


@pytest.mark.parametrize("args, message", [
    (["--format", "xps"], "--format: unknown format xps"),
    (["--format", "ofd", "-o", "{tmp}/x.pdf"], "--format ofd writes OFD, but the name ends in .pdf"),
])
def test_bad_format_is_a_usage_error(tmp_path, args, message):
    p = run("build", EXAMPLE, *[a.format(tmp=tmp_path) for a in args])
    assert p.returncode == 2 and message in p.stderr and "Traceback" not in p.stderr
    assert list(tmp_path.iterdir()) == []


def test_several_formats_never_go_into_one_stream(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    p = run("build", EXAMPLE, "-o", fifo, "--format", "pdf,ofd")
    assert p.returncode == 2 and "cannot both go into one device or pipe" in p.stderr
    assert sorted(x.name for x in tmp_path.iterdir()) == ["pipe"]


def test_a_failing_writer_leaves_every_output_as_it_was(tmp_path, monkeypatch):
    from bulletin_cli.errors import BuildError
    from bulletin_cli.writers import ofd

    old = tmp_path / "12.pdf"
    old.write_bytes(b"previous")

    def broken(doc, files):
        raise BuildError("the OFD writer failed")

    monkeypatch.setattr(ofd, "render", broken)
    with pytest.raises(BuildError):
        build(EXAMPLE, old, formats=["pdf", "ofd"])
    assert old.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["12.pdf"]


def test_ofd_writer_needs_no_pdf_library(tmp_path):
    code = ("import sys; from bulletin_cli import build; build(sys.argv[1], sys.argv[2]); "
            "assert 'reportlab' not in sys.modules and 'bulletin_cli.writers.pdf' not in sys.modules; "
            "print('ok')")
    p = subprocess.run([sys.executable, "-c", code, str(EXAMPLE), str(tmp_path / "x.ofd")],
                       capture_output=True, text=True)
    assert p.returncode == 0 and p.stdout.strip() == "ok", p.stderr


def test_a_spec_font_from_a_collection_and_the_fallback_are_embedded(tmp_path):
    """Faces from a .ttc (the second face) and from the fallback for the characters the body
    face lacks: each is its own font file, and each draws exactly its characters."""
    from fontTools.ttLib import TTFont

    from .fonts.make_test_fonts import LACKING, TINY_SPEC
    from .fonts.make_test_fonts import build as build_fonts

    made = build_fonts(tmp_path / "fonts")
    spec = tmp_path / "spec.yaml"
    spec.write_text(TINY_SPEC.split("style:")[0] + f"style:\n  fonts:\n    body: {made['tiny.ttf']}\n"
                    f"    kai: {made['pair.ttc']}#1\n", encoding="utf-8")
    result = build(spec, tmp_path / "tiny.ofd")
    assert result.fonts["kai"].endswith("pair.ttc#1") and "fallback" in result.fonts
    with zipfile.ZipFile(tmp_path / "tiny.ofd") as z:
        package = {name: z.read(name) for name in z.namelist()}
    res = xml(package, "Doc_0/PublicRes.xml")
    names = {f.get("ID"): f.get("FontName") for f in res.findall("ofd:Fonts/ofd:Font", NS)}
    assert {"BulletinTestFang", "BulletinTestKai", "NotoSerifCJKsc-Regular"} <= set(names.values())
    drawn: dict[str, str] = {}
    for name, data in package.items():
        if name.endswith("Content.xml"):
            for obj in ET.fromstring(data).iter(f"{{{NS['ofd']}}}TextObject"):
                drawn[names[obj.get("Font")]] = drawn.get(names[obj.get("Font")], "") + "".join(
                    c.text for c in obj.findall("ofd:TextCode", NS))
    assert set(LACKING) <= set(drawn["NotoSerifCJKsc-Regular"])
    assert not set(LACKING) & set(drawn["BulletinTestFang"])
    for f in res.findall("ofd:Fonts/ofd:Font", NS):
        face = TTFont(io.BytesIO(package[f"Doc_0/Res/{f.find('ofd:FontFile', NS).text}"]))
        assert all(face.getBestCmap().get(ord(c)) for c in drawn[f.get("FontName")])


def test_pictures_are_image_objects_where_the_pdf_draws_them(tmp_path):
    """examples/grid-10.yaml has a photo and a Word article with a picture: each becomes one
    MultiMedia file (CMYK or grey, as in the PDF) drawn by an ImageObject at the PDF's box."""
    from PIL import Image as PILImage

    spec = ROOT / "examples" / "grid-10.yaml"
    result = build(spec, tmp_path / "g.pdf", formats=["pdf", "ofd"])
    with zipfile.ZipFile(tmp_path / "g.ofd") as z:
        package = {name: z.read(name) for name in z.namelist()}
    res = xml(package, "Doc_0/DocumentRes.xml")
    media = {m.get("ID"): m for m in res.findall("ofd:MultiMedias/ofd:MultiMedia", NS)}
    assert media and all(m.get("Type") == "Image" for m in media.values())
    placed = []
    for k in range(result.pages):
        for obj in xml(package, f"Doc_0/Pages/Page_{k}/Content.xml").iter(f"{{{NS['ofd']}}}ImageObject"):
            m = media[obj.get("ResourceID")]
            im = PILImage.open(io.BytesIO(package[f"Doc_0/Res/{m.find('ofd:MediaFile', NS).text}"]))
            assert im.mode in ("CMYK", "L")
            placed.append((k, tuple(map(float, obj.get("Boundary").split()))))
    with pdfplumber.open(tmp_path / "g.pdf") as pdf:
        drawn = [(k, (i["x0"] * PT, i["top"] * PT, (i["x1"] - i["x0"]) * PT, (i["bottom"] - i["top"]) * PT))
                 for k, page in enumerate(pdf.pages) for i in page.images]
    assert len(placed) == len(drawn) >= 2
    for (k, box), (pk, pbox) in zip(placed, drawn):
        assert k == pk and box == pytest.approx(pbox, abs=0.1)


@pytest.mark.parametrize("mode, fmt", [("CMYK", "TIFF"), ("L", "PNG")])
def test_a_raw_picture_is_stored_losslessly_and_the_same_every_time(mode, fmt):
    from PIL import Image as PILImage

    from bulletin_cli.model import Picture
    from bulletin_cli.writers.ofd import _picture_file

    pic = Picture("x.png", bytes((i * 7) % 256 for i in range(40 * 30 * len(mode))), "raw", mode, 40, 30)
    got, again = _picture_file(pic), _picture_file(pic)
    assert got == again and got[0] == fmt
    im = PILImage.open(io.BytesIO(got[2]))
    assert (im.mode, im.size, im.tobytes()) == (mode, (40, 30), pic.data)
