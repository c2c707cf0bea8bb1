"""The seam between layout and the writers: metrics read from the font files (no reportlab),
runs that carry every glyph's position, writers that draw exactly those positions and refuse a
page item they do not know, and the text dump that shows a layout without any writer."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass

import pdfplumber
import pytest

from bulletin_cli import load_spec
from bulletin_cli.errors import BuildError
from bulletin_cli.fonts.metrics import Metrics, read_face
from bulletin_cli.fonts.resolve import bundled
from bulletin_cli.layout import dump as dumpmod
from bulletin_cli.layout.compose import Composer
from bulletin_cli.layout.page import BLOCK_TOP, PITCH, SIZE_BODY, Run
from bulletin_cli.model import ROLES
from bulletin_cli.pipeline import compose

from .helpers import EXAMPLE
from .pdffacts import em_centre


@pytest.fixture(scope="module")
def seed_doc():
    doc, metrics, _ = compose(load_spec(EXAMPLE))
    return doc, metrics


def parse_dump(text: str) -> list[dict]:
    out = []
    for line in text.splitlines():
        page, kind, *rest = line.split(" ")
        if kind == "run":
            x, y, role, size, color, *words = rest
            out.append({"page": int(page), "kind": kind, "x": float(x), "y": float(y), "role": role,
                            "size": float(size), "color": color, "text": " ".join(words)})
        elif kind == "rule":
            x0, x1, y, thickness, color = rest
            out.append({"page": int(page), "kind": kind, "x0": float(x0), "x1": float(x1), "y": float(y),
                            "thickness": float(thickness), "color": color})
    return out


# ---- metrics ---------------------------------------------------------------------------------

@pytest.mark.parametrize("role", ROLES)
def test_advances_equal_reportlabs_string_width(role):
    """Layout measures without reportlab; reportlab must agree to the last bit, or a PDF's
    string would not end where layout thinks (every character the face maps, ASCII, and code
    points it lacks, which take glyph 0's width)."""
    from reportlab.pdfbase.ttfonts import TTFont

    f = bundled(role)
    rl = TTFont(f"seam-test-{role}", str(f.path), subfontIndex=f.index)
    metrics = Metrics({role: f})
    chars = sorted(set(rl.face.charToGlyph) | set(range(0x20, 0x3100, 7)) | {0x20, 0xA0, 0xE000})
    assert len(chars) > 100
    wrong = [hex(c) for c in chars if metrics.advance(role, chr(c)) != rl.stringWidth(chr(c), 1.0)]
    assert wrong == []
    text = "".join(map(chr, chars[:300]))
    assert metrics.advance(role, text) == rl.stringWidth(text, 1.0)


def test_a_character_mapped_to_notdef_is_not_covered(tmp_path):
    """A cmap entry pointing at glyph 0 draws a box: layout must take such a character from
    the fallback face instead."""
    from fontTools.ttLib import TTFont

    font = TTFont(bundled("number").path)
    for table in font["cmap"].tables:
        table.cmap[ord("Q")] = ".notdef"
    path = tmp_path / "notdef.ttf"
    font.save(path)
    face = read_face(path)
    assert face.cmap[ord("Q")] == 0
    assert not face.covers("Q") and face.covers("1")
    files = {role: bundled(role) for role in ROLES}
    files["number"] = files["number"].__class__(path, 0, "spec")
    composer = Composer(load_spec(EXAMPLE), Metrics(files))
    assert composer.setter.role_for("number", "Q") == "fallback"
    assert composer.setter.role_for("number", "1") == "number"


def test_laying_out_and_checking_import_no_pdf_library():
    code = ("import sys; from bulletin_cli.pipeline import check; r = check(sys.argv[1]); "
            "assert r.pages == 7, r.pages; "
            "assert 'reportlab' not in sys.modules and 'bulletin_cli.writers.pdf' not in sys.modules; "
            "print('ok')")
    p = subprocess.run([sys.executable, "-c", code, str(EXAMPLE)], capture_output=True, text=True)
    assert p.returncode == 0 and p.stdout.strip() == "ok", p.stderr


# ---- runs carry positions, the PDF draws them ---------------------------------------------

def test_run_needs_a_position_for_every_glyph():
    assert Run([1.0, 2.0], 0.0, "ab", "body", 16.0).x == 1.0
    with pytest.raises(ValueError):
        Run([1.0], 0.0, "ab", "body", 16.0)


def test_pdf_draws_every_glyph_where_layout_put_it(seed_pdf, seed_doc):
    doc, _ = seed_doc
    with pdfplumber.open(seed_pdf[0]) as pdf:
        assert len(pdf.pages) == len(doc.pages)
        for page, ppage in zip(doc.pages, pdf.pages):
            placed = [(ch, x, r.y) for r in page.items if isinstance(r, Run)
                      for ch, x in zip(r.text, r.xs)]
            drawn = [(c["text"], c["matrix"][4], c["matrix"][5]) for c in ppage.chars]
            assert [p[0] for p in placed] == [d[0] for d in drawn]
            worst = max(max(abs(p[1] - d[1]), abs(p[2] - d[2])) for p, d in zip(placed, drawn))
            assert worst < 0.01, f"page {page.number}: a glyph is {worst:.3f} pt off"


# ---- unknown page items ----------------------------------------------------------------------

@dataclass
class Photo:  # a page item no writer knows yet
    x: float = 0.0


def _pdf(doc, metrics):
    from bulletin_cli.writers.pdf import render

    return render(doc, metrics.files)


def _ofd(doc, metrics):
    from bulletin_cli.writers.ofd import render

    return render(doc, metrics.files)


def _dump(doc, metrics):
    return dumpmod.dump(doc)


@pytest.mark.parametrize("writer", [_pdf, _ofd, _dump], ids=["pdf", "ofd", "dump"])
def test_an_unknown_page_item_is_an_error_in_every_writer(writer):
    doc, metrics, _ = compose(load_spec(EXAMPLE))
    doc.pages[1].items.insert(3, Photo())
    with pytest.raises(BuildError, match="Photo"):
        writer(doc, metrics)


# ---- the layout read from its dump -----------------------------------------------------------

def test_dump_shows_the_masthead_on_page_one(seed_doc):
    items = parse_dump(dumpmod.dump(seed_doc[0]))
    first = [it for it in items if it["page"] == 1]
    red_runs = [it for it in first if it["kind"] == "run" and it["color"] == "red"]
    assert "".join(it["text"] for it in red_runs) == "聊城市创建全国文明城市工作简报"
    assert {it["role"] for it in red_runs} == {"title"}
    (rule,) = [it for it in first if it["kind"] == "rule"]
    assert rule["color"] == "red"
    assert all(it["y"] > rule["y"] for it in red_runs)
    headlines = [it for it in first if it["kind"] == "run" and it["role"] == "kai"]
    assert headlines and all(it["y"] < rule["y"] for it in headlines)


def test_dump_every_page_has_its_number_and_body_lines_sit_on_the_grid(seed_doc):
    doc, _ = seed_doc
    items = parse_dump(dumpmod.dump(doc))
    for n in range(1, len(doc.pages) + 1):
        numbers = [it["text"] for it in items if it["page"] == n and it["kind"] == "run"
                   and it["role"] == "number"]
        assert numbers == [f"—{n}—"]
    body = [it for it in items if it["kind"] == "run" and it["role"] == "body"
            and it["size"] == SIZE_BODY and (it["page"] > 1 or it["y"] < 500)]  # not the masthead
    assert len(body) > 100
    for it in body:
        line = (BLOCK_TOP - it["y"] - em_centre() * SIZE_BODY) / PITCH - 0.5
        assert line == pytest.approx(round(line), abs=0.01), it
