"""Tagged PDF (#25): every text operator in marked content, a structure tree that reads in order
with the right types, what PDF/UA-1 asks of the catalog and the links, --pdfua, each read back
from the PDF with pikepdf (and the pdfua checker where it is installed)."""
import re
import shutil
import subprocess
import sys
import textwrap

import pdfplumber
import pikepdf
import pytest

from bulletin_cli import build, load_spec
from bulletin_cli.model import Figure, Table, plain_title

from .helpers import ROOT
from .pdffacts import marked_content_faults, marked_texts

EXAMPLES = ["liaocheng-11", "grid-10", "hospital-7"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    d = tmp_path_factory.mktemp("tagged")
    out = {}
    for name in EXAMPLES:
        out[name] = d / f"{name}.pdf"
        build(ROOT / "examples" / f"{name}.yaml", out[name])
    out["marks"] = d / "marks.pdf"  # crop marks and a photo moved with the page
    build(ROOT / "examples" / "grid-10.yaml", out["marks"], marks=True, duplex=True)
    out["ua"] = d / "ua.pdf"
    build(ROOT / "examples" / "grid-10.yaml", out["ua"], pdfua=True, pdfa=True)
    return out


@pytest.mark.parametrize("name", [*EXAMPLES, "marks", "ua"])
def test_no_text_is_shown_outside_marked_content(built, name):
    assert not marked_content_faults(built[name])


def _tree(pdf: pikepdf.Pdf, texts: dict) -> list[tuple[str, str]]:
    """(type, text) of each structure element with content of its own, in tree order. An
    element's text: its ActualText, else its Alt, else the characters its MCIDs mark."""
    pages = {page.objgen: k for k, page in enumerate(pdf.pages)}
    out: list[tuple[str, str]] = []

    def walk(e, page):
        kids = e.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
        page = pages[e.Pg.objgen] if "/Pg" in e else page
        own = ""
        for k in kids:
            if isinstance(k, int):
                own += texts.get((page, k), "")
            elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR":
                own += texts.get((pages[k.Pg.objgen], int(k.MCID)), "")
        text = str(e.get("/ActualText", "")) or str(e.get("/Alt", "")) or own
        if text or "/Alt" in e:
            out.append((str(e.S)[1:], text))
        for k in kids:
            if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/StructElem":
                walk(k, page)

    walk(pdf.Root.StructTreeRoot.K, 0)
    return out


def read_tree(path) -> list[tuple[str, str]]:
    with pikepdf.open(path) as pdf:
        return _tree(pdf, marked_texts(path))


def test_the_tree_reads_as_the_spec_in_order_with_its_types(built):
    """grid-10: a photo (markdown, with its caption), subheadings, a table with a caption and a
    header row, and an article from a Word file."""
    spec = load_spec(ROOT / "examples" / "grid-10.yaml")
    tree = read_tree(built["grid-10"])
    mh = spec.masthead
    assert tree[:4] == [("H1", mh.title), ("P", f"第{mh.issue}期（总第{mh.total_issue}期）"),
                        ("P", mh.publisher), ("P", f"{mh.date.year}年{mh.date.month}月{mh.date.day}日")]
    assert [t for kind, t in tree if kind == "Link"] == [plain_title(a.title) + str(n) for n, a in
                                                          zip([1, 2, 3], spec.articles)]
    assert [t for kind, t in tree if kind == "H1"][1:] == [plain_title(a.title) for a in spec.articles]
    subheadings = [p.text for a in spec.articles for p in a.paragraphs if p.subheading]
    assert [t for kind, t in tree if kind == "H2"] == subheadings
    figures = [b for a in spec.articles for b in a.blocks if isinstance(b, Figure)]
    assert [t for kind, t in tree if kind == "Figure"] == [f.alt or f.caption for f in figures]
    tables = [b for a in spec.articles for b in a.blocks if isinstance(b, Table)]
    assert [t for kind, t in tree if kind == "TH"] == [c for t in tables if t.header for c in t.rows[0]]
    cells = [c for t in tables for r in t.rows[t.header:] for c in r]
    assert [t for kind, t in tree if kind == "TD"] == cells
    body = "".join(t for kind, t in tree if kind == "P")
    for a in spec.articles:  # every paragraph, in order, not one character left out or doubled
        for p in (p for p in a.paragraphs if not p.subheading):
            assert p.text in body
    kinds = [k for k, _ in tree]
    assert kinds.index("Figure") + 1 == kinds.index("Caption")  # the caption follows its photo


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_article_is_a_section_with_its_title_as_h1(built, name):
    spec = load_spec(ROOT / "examples" / f"{name}.yaml")
    with pikepdf.open(built[name]) as pdf:
        doc = pdf.Root.StructTreeRoot.K
        assert doc.S == "/Document"
        kinds = [[kid.S for kid in (k.K if isinstance(k.K, pikepdf.Array) else [k.K])]
                 for k in doc.K if k.S == "/Sect"]
        # the masthead's section has the bulletin's title as its heading, each article's opens
        # with its title; the editor's note's and the colophon's have none
        assert kinds[0].count("/H1") == 1
        assert [k[0] for k in kinds[1:]].count("/H1") == len(spec.articles)
        assert sum(k.count("/H1") for k in kinds) == len(spec.articles) + 1
    tree = read_tree(built[name])
    assert "".join(t for k, t in tree if k == "H1").startswith(spec.masthead.title.replace("\n", ""))
    assert not any(re.search(r"—\s*\d+\s*—", t) for _, t in tree), "page numbers are decoration"


@pytest.mark.parametrize("name", [*EXAMPLES, "ua"])
def test_catalog_pages_and_links_say_what_pdf_ua_asks(built, name):
    with pikepdf.open(built[name]) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == "zh-CN"
        assert root.ViewerPreferences.DisplayDocTitle is True
        tree = root.StructTreeRoot
        nums = list(tree.ParentTree.Nums)
        parents = dict(zip(nums[::2], nums[1::2]))
        links = 0
        for k, page in enumerate(pdf.pages):
            assert page.StructParents == k and page.Tabs == "/S"
            for annot in page.get("/Annots", []):
                links += 1
                assert str(annot.Contents)
                owner = parents[int(annot.StructParent)]
                assert owner.S == "/Link"
                assert any(isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR"
                           and kid.Obj.objgen == annot.objgen for kid in owner.K)
        assert links
        assert int(tree.ParentTreeNextKey) == max(parents) + 1


def test_the_masthead_title_reads_without_its_letter_spacing(built):
    """Its glyphs are set apart (简　报); its heading's sequence says what they read as."""
    title = "聊城市创建全国文明城市工作简报"
    with pikepdf.open(built["liaocheng-11"]) as pdf:
        assert pdf.Root.StructTreeRoot.K.K[0].K[0].S == "/H1"
        stream = pdf.pages[0].Contents.read_bytes()
    actual = ("\ufeff" + title).encode("utf-16-be").hex().upper().encode()
    assert b"/H1 <</MCID 0 /ActualText <" + actual + b">>> BDC" in stream
    with pdfplumber.open(built["liaocheng-11"]) as pdf:
        assert "".join(c["text"] for c in pdf.pages[0].chars if c.get("mcid") == 0) == title


@pytest.mark.parametrize("name", [*EXAMPLES, "marks", "ua"])
def test_the_pdfua_checker_finds_no_error(built, name):
    pdfua = pytest.importorskip("pdfua")
    report = pdfua.validate(str(built[name]))
    errors = [f for f in report.findings if f.severity == pdfua.Severity.ERROR]
    assert not errors, errors
    assert not report.skipped, report.skipped  # a rule that could not run said nothing
    if name == "ua":
        assert not report.findings, report.findings


def test_without_pdfua_the_xmp_claims_nothing(built):
    with pikepdf.open(built["grid-10"]) as pdf:
        assert b"pdfuaid" not in pdf.Root.Metadata.read_bytes()


def test_pdfua_refuses_a_photo_with_nothing_to_say_for_it(tmp_path):
    shutil.copy(ROOT / "examples" / "photos" / "inspection.jpg", tmp_path / "p.jpg")
    spec = tmp_path / "s.yaml"
    spec.write_text(textwrap.dedent("""\
        masthead: {title: 测试工作简报, issue: 1, publisher: 办公室, date: 2026-03-20}
        articles:
          - title: 标题
            body:
              - 正文。
              - image: p.jpg
        """), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "bulletin_cli", "build", "--pdfua", str(spec)],
                         capture_output=True, text=True)
    assert run.returncode == 2, run.stderr
    assert f"{spec}:6:" in run.stderr and "alt" in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "s.pdf").exists()
    spec.write_text(spec.read_text(encoding="utf-8").replace("image: p.jpg", "{image: p.jpg, alt: 督导现场}"),
                    encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "bulletin_cli", "build", "--pdfua", str(spec)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert ("Figure", "督导现场") in read_tree(tmp_path / "s.pdf")


@pytest.mark.parametrize("name", ["grid-10", "marks"])
def test_each_figure_has_the_box_of_its_photo(built, name):
    with pikepdf.open(built[name]) as pdf:
        pages = {page.objgen: k for k, page in enumerate(pdf.pages)}
        figures = []

        def walk(e):
            if e.get("/S") == "/Figure":
                figures.append((pages[e.Pg.objgen], [float(v) for v in e.A.BBox]))
            kids = e.get("/K")
            for k in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/StructElem":
                    walk(k)

        walk(pdf.Root.StructTreeRoot.K)
    with pdfplumber.open(built[name]) as pdf:
        drawn = [(k, [im["x0"], float(page.height) - im["bottom"], im["x1"], float(page.height) - im["top"]])
                 for k, page in enumerate(pdf.pages) for im in page.images]
    assert figures and len(figures) == len(drawn)
    for (page, box), (page_drawn, box_drawn) in zip(figures, drawn):
        assert page == page_drawn and box == pytest.approx(box_drawn, abs=0.01)


def test_a_word_pictures_alt_text_is_its_figures(tmp_path):
    import docx

    doc = docx.Document()
    doc.add_paragraph("正文。")
    doc.add_picture(str(ROOT / "examples" / "photos" / "inspection.jpg"))
    doc.inline_shapes[0]._inline.docPr.set("descr", "督导组查看背街小巷")
    doc.add_picture(str(ROOT / "examples" / "photos" / "inspection.jpg"))  # no alt text
    doc.save(tmp_path / "a.docx")
    spec = tmp_path / "s.yaml"
    spec.write_text("masthead: {title: 测试工作简报, issue: 1, publisher: 办公室, date: 2026-03-20}\n"
                    "articles:\n  - {title: 标题, body_file: a.docx}\n", encoding="utf-8")
    figures = [b for b in load_spec(spec).articles[0].blocks if isinstance(b, Figure)]
    assert [f.alt for f in figures] == ["督导组查看背街小巷", None]
