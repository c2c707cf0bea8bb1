"""Print and archive (#9): colour, duplex, crop marks, metadata, outline, links, page labels,
reproducible bytes and PDF/A-2b, each read back from the PDF itself."""
import datetime as dt
import hashlib
import os
import shutil
import subprocess
import sys
import textwrap

import pdfplumber
import pikepdf
import pikepdf.pdfa
import pypdfium2
import pytest

from bulletin_cli import build, load_spec
from bulletin_cli.layout.page import BLOCK_BOTTOM, BLOCK_W, LEFT, MM, PAGE_H, PAGE_W, Anchor, Link, Run
from bulletin_cli.model import plain_title
from bulletin_cli.pipeline import compose
from bulletin_cli.writers.press import BLEED, SLUG

from .helpers import EXAMPLE, ROOT

SEED_TITLE = "聊城市创建全国文明城市工作简报 第11期"
PUBLISHER = "聊城市创建全国文明城市工作办公室"
ORIGIN = BLEED + SLUG  # where the trimmed page sits on a --marks sheet


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The seed built with each print option (and the plain build), once for this module."""
    d = tmp_path_factory.mktemp("print")
    out = {}
    for name, opts in {"plain": {}, "duplex": {"duplex": True}, "marks": {"marks": True},
                       "pdfa": {"pdfa": True},
                       "all": {"pdfa": True, "marks": True, "duplex": True}}.items():
        out[name] = d / f"{name}.pdf"
        build(EXAMPLE, out[name], **opts)
    return out


def _numbers(path) -> dict[int, tuple[str, float]]:
    """Printed page number per page: (text, x of its first glyph), from the 14 pt line below
    the text block."""
    found = {}
    with pdfplumber.open(path) as pdf:
        for i, page in enumerate(pdf.pages, 1):
            chars = [c for c in page.chars if c["matrix"][5] < BLOCK_BOTTOM - 10 and c["text"].strip()]
            if chars:
                chars.sort(key=lambda c: c["x0"])
                found[i] = ("".join(c["text"] for c in chars), chars[0]["x0"])
    return found


# ---- colour ------------------------------------------------------------------------------------

COLOUR_OPS = {"k", "K", "rg", "RG", "g", "G", "sc", "SC", "scn", "SCN", "cs", "CS"}
SEED_INKS = {(0, 0, 0, 1), (0, 1, 1, 0)}


def _colours(pdf: pikepdf.Pdf) -> tuple[set[str], set[tuple]]:
    """Colour operators used in every page's content, and the CMYK values they set."""
    ops, cmyk = set(), set()
    for page in pdf.pages:
        for operands, op in pikepdf.parse_content_stream(page):
            if str(op) in COLOUR_OPS:
                ops.add(str(op))
                if str(op) in ("k", "K"):
                    cmyk.add(tuple(float(v) for v in operands))
    return ops, cmyk


@pytest.mark.parametrize("name", ["plain", "duplex", "marks", "pdfa", "all"])
def test_every_colour_is_device_cmyk(builds, name):
    with pikepdf.open(builds[name]) as pdf:
        ops, cmyk = _colours(pdf)
        assert ops <= {"k", "K"}, ops  # no RGB, no gray, no colour space of its own
        expected = SEED_INKS | ({(1, 1, 1, 1)} if name in ("marks", "all") else set())
        assert cmyk == expected
        for obj in pdf.objects:  # no RGB colour space anywhere, nor an RGB annotation colour
            d = obj.stream_dict if isinstance(obj, pikepdf.Stream) else obj
            if isinstance(d, pikepdf.Dictionary):
                assert "/C" not in d or len(d.C) != 3
                assert not {str(v) for v in d.values()} & {"/DeviceRGB", "/CalRGB", "/DeviceGray"}
            if isinstance(obj, pikepdf.Stream) and obj.get("/N") is not None:
                assert int(obj.N) == 4  # the only ICC profile is the CMYK output intent


# ---- metadata ----------------------------------------------------------------------------------

def test_info_says_what_the_spec_says(builds):
    spec = load_spec(EXAMPLE)
    titles = [plain_title(a.title) for a in spec.articles]
    with pikepdf.open(builds["plain"]) as pdf:
        info = pdf.docinfo
        assert str(info.Title) == SEED_TITLE
        assert str(info.Author) == PUBLISHER
        assert SEED_TITLE.split()[0] in str(info.Subject) and "2021年3月15日" in str(info.Subject)
        assert str(info.Keywords).split("; ") == titles
        assert str(info.CreationDate) == str(info.ModDate) == "D:20210315000000+08'00'"
        assert str(pdf.Root.Lang) == "zh-CN"
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True


@pytest.mark.parametrize("name", ["plain", "pdfa"])
def test_xmp_says_the_same_as_info(builds, name):
    with pikepdf.open(builds[name]) as pdf:
        info, xmp = pdf.docinfo, pdf.open_metadata()
        assert "/Filter" not in pdf.Root.Metadata  # PDF/A: readable without decoding
        assert xmp["dc:title"] == str(info.Title)
        assert xmp["dc:creator"] == [str(info.Author)]
        assert xmp["dc:description"] == str(info.Subject)
        assert xmp["pdf:Keywords"] == str(info.Keywords)
        assert xmp["dc:subject"] == set(str(info.Keywords).split("; "))
        assert xmp["pdf:Producer"] == str(info.Producer)
        assert xmp["xmp:CreatorTool"] == str(info.Creator)
        created = dt.datetime.fromisoformat(xmp["xmp:CreateDate"])
        assert created == dt.datetime(2021, 3, 15, tzinfo=dt.timezone(dt.timedelta(hours=8)))
        assert xmp["xmp:ModifyDate"] == xmp["xmp:CreateDate"]
        assert xmp["dc:language"] == {"zh-CN"}
        assert xmp["xmpMM:DocumentID"].startswith("uuid:")
        assert ("pdfaid:part" in xmp) == (name == "pdfa")


# ---- outline, links, page labels ----------------------------------------------------------------

def _page_index(pdf, dest) -> int:
    return [p.objgen for p in pdf.pages].index(dest[0].objgen)


def _title_line(path, page_index: int, text: str, size: float = 22.0):
    """(top, baseline) of the line of `size` pt glyphs that starts with `text` on the page."""
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[page_index]
        chars = [c for c in page.chars if c["text"].strip() and abs(c["size"] - size) < 0.1]
        rows: dict[float, list] = {}
        for c in chars:
            rows.setdefault(round(c["matrix"][5], 1), []).append(c)
        for y, row in rows.items():
            row.sort(key=lambda c: c["x0"])
            if "".join(c["text"] for c in row).startswith(text):
                return max(page.height - c["top"] for c in row), y
    return None


def test_outline_has_an_entry_per_article_opened_at_its_title(builds):
    spec = load_spec(EXAMPLE)
    titles = [plain_title(a.title) for a in spec.articles]
    path = builds["plain"]
    with pikepdf.open(path) as pdf:
        assert pdf.Root.PageMode == "/UseOutlines"
        with pdf.open_outline() as outline:
            entries = [(e.title, e.destination) for e in outline.root]
        assert [t for t, _ in entries] == ["本期要目", *titles, "版记"]
        for title, dest in entries[1:-1]:
            page = _page_index(pdf, dest)
            found = _title_line(path, page, title[:4])  # a long title is broken into lines
            assert found, f"{title} is not on page {page + 1} where its bookmark points"
            top, _ = found
            assert str(dest[1]) == "/XYZ"
            # the view opens just above the title: its glyphs are below the top, within a line
            assert 0 <= float(dest[3]) - top < 29.0
        col_page = _page_index(pdf, entries[-1][1])
        assert col_page == len(pdf.pages) - 1
        assert _title_line(path, col_page, "报：", 14.0)


def test_each_headline_links_to_its_article(builds):
    spec = load_spec(EXAMPLE)
    path = builds["plain"]
    with pikepdf.open(path) as pdf:
        with pdf.open_outline() as outline:
            marks = {e.title: e.destination for e in outline.root}
        links = [a for a in pdf.pages[0].Annots if a.Subtype == "/Link"]
        assert len(links) == len(spec.headline_list)
        with pdfplumber.open(path) as doc:
            page = doc.pages[0]
            for link, headline in zip(links, spec.headline_list):
                x0, y0, x1, y1 = (float(v) for v in link.Rect)
                inside = "".join(c["text"] for c in page.chars
                                 if x0 <= c["x0"] and c["x1"] <= x1
                                 and y0 <= page.height - (c["top"] + c["bottom"]) / 2 <= y1).strip()
                assert inside == headline  # the link covers this entry's line, and only it
                target = marks[headline]
                assert link.Dest[0].objgen == target[0].objgen
                assert [float(v) for v in link.Dest[2:4]] == [float(v) for v in target[2:4]]
                assert int(link.F) & 4 and not int(link.F) & 2  # printable, not hidden
                assert [int(v) for v in link.Border] == [0, 0, 0]


def test_page_labels_match_printed_numbers(builds):
    for name in ("plain", "duplex"):
        path = builds[name]
        printed = _numbers(path)
        doc = pypdfium2.PdfDocument(path)
        try:
            labels = [doc.get_page_label(i) for i in range(len(doc))]
        finally:
            doc.close()
        assert labels == [str(i) for i in range(1, len(labels) + 1)]
        for page, (text, _) in printed.items():
            assert text.replace("—", "").strip() == labels[page - 1]


# ---- duplex ------------------------------------------------------------------------------------

def test_duplex_moves_the_colophon_to_the_back_of_the_sheet(builds):
    plain, duplex = _numbers(builds["plain"]), _numbers(builds["duplex"])
    assert len(plain) == 7  # the seed: colophon at the foot of page 7, a front page
    with pikepdf.open(builds["duplex"]) as pdf:
        n = len(pdf.pages)
        assert n == 8
        with pdf.open_outline() as outline:
            colophon = next(e.destination for e in outline.root if e.title == "版记")
        assert _page_index(pdf, colophon) == n - 1
    assert _title_line(builds["plain"], 6, "报：", 14.0)
    assert _title_line(builds["duplex"], 6, "报：", 14.0) is None  # no longer on page 7
    assert _title_line(builds["duplex"], 7, "报：", 14.0)
    for page, (text, x) in duplex.items():  # outer side: odd right, even left
        assert (x > LEFT + BLOCK_W / 2) == (page % 2 == 1), (page, text, x)
    assert sorted(duplex) == list(range(1, 9))


def test_check_counts_the_pages_the_duplex_build_makes(tmp_path):
    """`check --duplex` lays out what `build --duplex` prints: 8 pages for the seed, not 7."""
    def pages(*flags):
        p = subprocess.run([sys.executable, "-m", "bulletin_cli", "check", str(EXAMPLE), *flags],
                           capture_output=True, text=True)
        assert p.returncode == 0, p.stderr
        return p.stdout + p.stderr

    assert "(7 pages" in pages() and "(8 pages" in pages("--duplex")
    from bulletin_cli.pipeline import check

    assert check(EXAMPLE, duplex=True).pages == 8
    text = EXAMPLE.read_bytes()
    p = subprocess.run([sys.executable, "-m", "bulletin_cli", "check", "-", "--duplex"], input=text,
                       capture_output=True, cwd=EXAMPLE.parent)
    assert p.returncode == 0 and b"(8 pages" in p.stdout + p.stderr, p.stderr


def _spec_text(paragraphs: int, distribution: bool, duplex: bool = True) -> str:
    body = "\n\n".join(f"这是第{i}段正文，用来把版面推到不同的位置，检查版记落在哪一页。" * 3
                       for i in range(paragraphs))
    dist = textwrap.dedent("""\
        distribution:
          report_to: [市委常委, 市人大主任, 副主任, 市政府副市长, 市政协主席, 副主席, 市纪委副书记,
                      市创城指导委员会全体成员]
          copy_to: [各县（市、区）委, 市属开发区党工委, 市直各部门各单位党组（党委）, 驻聊各单位]
          send_to: [市创城办全体成员, 各网格工作组, 各县（市、区）创城办]
          copies: 260
        """) if distribution else ""
    return textwrap.dedent("""\
        masthead: {{title: 测试工作简报, issue: 3, publisher: 测试办公室, date: 2022-05-01}}
        articles:
          - title: 双面印刷测试
            body: |
        {}
        {}style: {{duplex: {}}}
        """).format(textwrap.indent(body, " " * 6), dist, "true" if duplex else "false")


def test_duplex_layout_for_every_length(tmp_path):
    """Whatever the length: an even page count, the colophon at the foot of the last (even)
    page, a page with nothing on it carries no number either, and a blank page is added before
    the colophon when it does not fit on the last page of text."""
    blank_before_colophon = padded = 0
    for n in range(1, 40, 2):
        for dist in (True, False):
            path = tmp_path / f"s{n}{dist}.yaml"
            path.write_text(_spec_text(n, dist), "utf-8")
            doc, _, _ = compose(load_spec(path))
            pages = doc.pages
            assert len(pages) % 2 == 0
            for p in pages:
                numbered = any(isinstance(it, Run) and it.y < BLOCK_BOTTOM - 10 for it in p.items)
                assert numbered == bool(p.items)
            anchors = [(p.number, it.key) for p in pages for it in p.items if isinstance(it, Anchor)]
            if dist:
                assert ("colophon" in {k for _, k in anchors})
                assert (len(pages), "colophon") in anchors
                if not pages[-2].items:
                    blank_before_colophon += 1
            elif not pages[-1].items:
                padded += 1
    assert blank_before_colophon and padded  # both cases really happened


def test_duplex_blank_page_in_the_pdf_is_blank(tmp_path):
    path = tmp_path / "one.yaml"
    path.write_text(_spec_text(1, False), "utf-8")
    out = tmp_path / "one.pdf"
    build(path, out)
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == 2
        back = pdf.pages[1]
        assert back.chars == [] and back.lines == [] and back.rects == []
    assert list(_numbers(out)) == [1] and _numbers(out)[1][0] == "—1—"


def test_style_duplex_and_the_flag_give_the_same_file(tmp_path):
    on = tmp_path / "on.yaml"
    off = tmp_path / "off.yaml"
    on.write_text(_spec_text(1, True, duplex=True), "utf-8")
    off.write_text(_spec_text(1, True, duplex=False), "utf-8")
    build(on, tmp_path / "on.pdf")
    build(off, tmp_path / "flag.pdf", duplex=True)
    build(off, tmp_path / "off.pdf")
    assert (tmp_path / "on.pdf").read_bytes() == (tmp_path / "flag.pdf").read_bytes()
    assert (tmp_path / "on.pdf").read_bytes() != (tmp_path / "off.pdf").read_bytes()


# ---- marks -------------------------------------------------------------------------------------

def test_marks_boxes(builds):
    with pikepdf.open(builds["marks"]) as pdf:
        for page in pdf.pages:
            media = [float(v) for v in page.MediaBox]
            trim = [float(v) for v in page.TrimBox]
            bleed = [float(v) for v in page.BleedBox]
            assert media == pytest.approx([0, 0, PAGE_W + 2 * ORIGIN, PAGE_H + 2 * ORIGIN], abs=1e-3)
            assert trim == pytest.approx([ORIGIN, ORIGIN, ORIGIN + PAGE_W, ORIGIN + PAGE_H], abs=1e-3)
            assert (trim[2] - trim[0]) / MM == pytest.approx(210, abs=1e-3)
            assert (trim[3] - trim[1]) / MM == pytest.approx(297, abs=1e-3)
            assert bleed == pytest.approx([trim[0] - 3 * MM, trim[1] - 3 * MM,
                                           trim[2] + 3 * MM, trim[3] + 3 * MM], abs=1e-3)
    with pikepdf.open(builds["plain"]) as pdf:
        assert "/TrimBox" not in pdf.pages[0]


def test_marks_keep_every_glyph_and_rule_in_place_relative_to_the_trim(builds):
    with pdfplumber.open(builds["plain"]) as a, pdfplumber.open(builds["marks"]) as b:
        assert len(a.pages) == len(b.pages)
        for pa, pb in zip(a.pages, b.pages):
            ca = [(c["text"], c["matrix"][4], c["matrix"][5]) for c in pa.chars]
            cb = [(c["text"], c["matrix"][4] - ORIGIN, c["matrix"][5] - ORIGIN) for c in pb.chars]
            assert [t for t, _, _ in ca] == [t for t, _, _ in cb]
            for (_, xa, ya), (_, xb, yb) in zip(ca, cb):
                assert xb == pytest.approx(xa, abs=1e-3) and yb == pytest.approx(ya, abs=1e-3)
            ink = [ln for ln in pb.lines if tuple(ln["stroking_color"]) != (1, 1, 1, 1)]
            assert len(ink) == len(pa.lines)
            for la, lb in zip(sorted(pa.lines, key=lambda r: (r["top"], r["x0"])),
                              sorted(ink, key=lambda r: (r["top"], r["x0"]))):
                assert lb["x0"] - ORIGIN == pytest.approx(la["x0"], abs=1e-3)
                assert lb["x1"] - ORIGIN == pytest.approx(la["x1"], abs=1e-3)
                assert (pb.height - lb["top"]) - ORIGIN == pytest.approx(pa.height - la["top"], abs=1e-3)


def test_crop_marks_in_registration_colour_outside_the_bleed(builds):
    with pdfplumber.open(builds["marks"]) as pdf:
        for page in pdf.pages:
            marks = [ln for ln in page.lines if tuple(ln["stroking_color"]) == (1, 1, 1, 1)]
            assert len(marks) == 8  # two at each corner
            x0, x1 = ORIGIN, ORIGIN + PAGE_W
            y0, y1 = ORIGIN, ORIGIN + PAGE_H
            for m in marks:
                lx0, lx1 = m["x0"], m["x1"]
                ly0, ly1 = page.height - m["bottom"], page.height - m["top"]
                assert lx0 >= 0 and lx1 <= page.width and ly0 >= 0 and ly1 <= page.height
                horizontal = abs(ly1 - ly0) < 0.01
                if horizontal:  # on the line of a trim edge, beyond the bleed
                    assert min(abs(ly0 - y0), abs(ly0 - y1)) < 1e-3
                    assert lx1 <= x0 - BLEED + 1e-3 or lx0 >= x1 + BLEED - 1e-3
                else:
                    assert min(abs(lx0 - x0), abs(lx0 - x1)) < 1e-3
                    assert ly1 <= y0 - BLEED + 1e-3 or ly0 >= y1 + BLEED - 1e-3


# ---- reproducible ------------------------------------------------------------------------------

def _cli_build(cwd, *args, env=None):
    run_env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    run_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "bulletin_cli", "build", *args], cwd=cwd,
                          env=run_env, capture_output=True, text=True)


@pytest.mark.parametrize("opts", [[], ["--pdfa", "--duplex"]])
def test_same_bytes_from_two_processes_in_two_folders(tmp_path, builds, opts):
    outs = []
    for folder in ("a", "b/deeper"):
        d = tmp_path / folder
        d.mkdir(parents=True)
        shutil.copy(EXAMPLE, d / "issue.yaml")
        r = _cli_build(d, "issue.yaml", "-o", "out.pdf", *opts)
        assert r.returncode == 0, r.stderr
        outs.append((d / "out.pdf").read_bytes())
    assert outs[0] == outs[1]
    in_process = builds["plain"] if not opts else None
    if in_process:
        assert outs[0] == in_process.read_bytes()


def test_file_id_follows_the_content(builds, tmp_path):
    ids = {}
    for name in ("plain", "duplex", "pdfa"):
        with pikepdf.open(builds[name]) as pdf:
            ids[name] = bytes(pdf.trailer.ID[0])
            assert bytes(pdf.trailer.ID[0]) == bytes(pdf.trailer.ID[1])
    assert len(set(ids.values())) == 3
    other = tmp_path / "other.yaml"
    other.write_text(EXAMPLE.read_text("utf-8").replace("issue: 11", "issue: 12"), "utf-8")
    build(other, tmp_path / "other.pdf")
    with pikepdf.open(tmp_path / "other.pdf") as pdf:
        assert bytes(pdf.trailer.ID[0]) != ids["plain"]


def test_source_date_epoch_sets_the_dates(tmp_path):
    shutil.copy(EXAMPLE, tmp_path / "issue.yaml")
    r = _cli_build(tmp_path, "issue.yaml", "--pdfa", env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert r.returncode == 0, r.stderr
    with pikepdf.open(tmp_path / "issue.pdf") as pdf:
        assert str(pdf.docinfo.CreationDate) == "D:20231114221320+00'00'"
        assert pdf.open_metadata()["xmp:CreateDate"] == "2023-11-14T22:13:20+00:00"
    r = _cli_build(tmp_path, "issue.yaml", "-o", "bad.pdf", env={"SOURCE_DATE_EPOCH": "yesterday"})
    assert r.returncode == 2
    assert "SOURCE_DATE_EPOCH" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "bad.pdf").exists()


# ---- PDF/A-2b ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["pdfa", "all"])
def test_pdfa_passes_pikepdfs_pdfa_checker(builds, name):
    with pikepdf.open(builds[name]) as pdf:
        report = pikepdf.pdfa.check(pdf, "2b")
        assert report.passed, report.findings
        assert report.output_intent == "CMYK"


def test_the_checker_fails_a_file_that_is_not_pdfa(builds):
    with pikepdf.open(builds["plain"]) as pdf:
        report = pikepdf.pdfa.check(pdf, "2b")
        assert not report.passed
        assert any("6.6.4" in f.rule for f in report.findings)  # no pdfaid in the XMP


def test_pdfa_requirements_one_by_one(builds):
    """The PDF/A-2b requirements checked directly, not only through pikepdf's checker."""
    icc_file = ROOT / "src" / "bulletin_cli" / "data" / "FOGRA39L_coated.icc"
    with pikepdf.open(builds["all"]) as pdf:
        xmp = pdf.open_metadata()
        assert (xmp["pdfaid:part"], xmp["pdfaid:conformance"]) == ("2", "B")
        assert "/Encrypt" not in pdf.trailer and len(pdf.trailer.ID) == 2
        intents = pdf.Root.OutputIntents
        assert len(intents) == 1 and intents[0].S == "/GTS_PDFA1"
        profile = intents[0].DestOutputProfile
        assert int(profile.N) == 4
        icc = profile.read_bytes()
        assert icc[16:20] == b"CMYK" and icc[12:16] == b"prtr"  # a CMYK output (printer) profile
        assert icc == icc_file.read_bytes()
        assert hashlib.sha256(icc).hexdigest().startswith("b35713ef")
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary):
                assert obj.get("/S") != "/Transparency" and "/SMask" not in obj
        for page in pdf.pages:
            assert "/Trans" not in page.obj and "/Group" not in page.obj
            for font in page.Resources.Font.values():
                assert "/FontFile2" in font.FontDescriptor and "/ToUnicode" in font
    assert (icc_file.parent / "FOGRA39L_coated.LICENSE.txt").read_text("utf-8").count("zlib/libpng")


def test_pdfa_and_marks_together_are_valid(builds):
    with pikepdf.open(builds["all"]) as pdf:
        assert "/TrimBox" in pdf.pages[0] and len(pdf.pages) % 2 == 0
        assert pikepdf.pdfa.check(pdf, "2b").passed


def test_cli_flags(tmp_path):
    shutil.copy(EXAMPLE, tmp_path / "issue.yaml")
    r = _cli_build(tmp_path, "issue.yaml", "--duplex", "--marks", "--pdfa", "-o", "x.pdf")
    assert r.returncode == 0, r.stderr
    with pikepdf.open(tmp_path / "x.pdf") as pdf:
        assert len(pdf.pages) == 8 and "/TrimBox" in pdf.pages[0] and "/OutputIntents" in pdf.Root


def test_layout_places_anchors_and_links_for_any_writer():
    doc, _, _ = compose(load_spec(EXAMPLE))
    anchors = [(p.number, it) for p in doc.pages for it in p.items if isinstance(it, Anchor)]
    links = [(p.number, it) for p in doc.pages for it in p.items if isinstance(it, Link)]
    keys = [a.key for _, a in anchors]
    assert keys == ["headlines", *[f"article-{k}" for k in range(1, 7)], "colophon"]
    assert [link.key for _, link in links] == [f"article-{k}" for k in range(1, 7)]
    for number, a in anchors:
        if a.key.startswith("article-"):
            page = doc.pages[number - 1]
            title_runs = [r for r in page.items if isinstance(r, Run) and r.size == 22.0]
            assert title_runs and all(r.y < a.y for r in title_runs)
            assert min(a.y - r.y for r in title_runs) < 29  # the anchor is at the title's line
    assert doc.keywords == tuple(plain_title(a.title) for a in load_spec(EXAMPLE).articles)
    assert doc.date == dt.date(2021, 3, 15)
