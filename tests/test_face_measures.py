"""What layout places by a face's own measurements follows the face a role is given: the page
number's 一字线 stands 7 mm under the text block by the top of the dash in the number face, and
the masthead stacks its title on the title face's em box (issue 19: both were numbers measured
in one bundled file)."""
from __future__ import annotations

import shutil

import pdfplumber
import pytest

from bulletin_cli import build
from bulletin_cli.fonts.metrics import read_em_box
from bulletin_cli.fonts.resolve import bundled
from bulletin_cli.fonts.sfnt import face_tables, read_cmap, read_ink_top
from bulletin_cli.layout.page import BLOCK_BOTTOM, MM

from .fonts.make_test_fonts import TINY_SPEC, glyph_raised, typo_metrics

SPEC = TINY_SPEC.split("style:")[0]  # a masthead and one article, the bundled faces
DASH = "\u2014"


def _glyph(path, ch: str) -> int:
    return read_cmap(face_tables(path, 0, [b"cmap"])[b"cmap"])[ord(ch)]


def _build(tmp_path, name: str, fonts: dict[str, str]):
    spec = tmp_path / f"{name}.yaml"
    style = "".join(f"\n    {role}: {file}" for role, file in fonts.items())
    spec.write_text(SPEC + ("style:\n  fonts:" + style + "\n" if fonts else ""), encoding="utf-8")
    out = tmp_path / f"{name}.pdf"
    build(spec, out)
    return out


def test_bundled_faces_measure_what_layout_used_to_hard_code():
    """0.40 em (the dash top in number.ttf) and 0.88/0.12 (the em box) were these measurements."""
    number = bundled("number").path
    assert read_ink_top(number, 0, _glyph(number, DASH)) == 0.40
    for role in ("title", "body", "heading", "kai", "number", "fallback"):
        assert read_em_box(bundled(role).path) == (0.88, 0.12), role


def test_page_number_dash_top_follows_the_number_face(tmp_path):
    raised = glyph_raised(bundled("number").path, tmp_path / "raised.ttf", DASH, 200)
    assert read_ink_top(raised, 0, _glyph(raised, DASH)) == pytest.approx(0.60)
    for name, fonts, top in (("bundled", {}, 0.40), ("raised", {"number": raised.name}, 0.60)):
        with pdfplumber.open(_build(tmp_path, name, fonts)) as pdf:
            dashes = [c for c in pdf.pages[0].chars if c["text"] == DASH and c["matrix"][5] < BLOCK_BOTTOM]
        assert len(dashes) == 2, name  # — 1 —
        for c in dashes:  # the dash's top edge 7 mm under the text block, whatever its face
            assert c["matrix"][5] + top * c["size"] == pytest.approx(BLOCK_BOTTOM - 7 * MM, abs=0.01), name


def test_masthead_title_stands_on_the_title_face_em_box(tmp_path):
    """A title face whose em box reaches 0.80 up and 0.20 down (not 0.88 and 0.12): the title's
    baseline rises by 0.08 em; what follows the title stays, the em box being one em tall."""
    title = shutil.copy(bundled("title").path, tmp_path / "title.ttf")
    low = typo_metrics(bundled("title").path, tmp_path / "low.ttf", 800, -200)
    assert read_em_box(low) == (0.80, 0.20)
    baselines = {}
    for name, face in (("same", title.name), ("low", low.name)):
        with pdfplumber.open(_build(tmp_path, name, {"title": face})) as pdf:
            chars = pdf.pages[0].chars
        big = max(c["size"] for c in chars)
        baselines[name] = ({c["matrix"][5] for c in chars if c["size"] == big}, big,
                           sorted({round(c["matrix"][5], 3) for c in chars if c["size"] < 20}))
    (same,), size, rest = baselines["same"]
    (moved,), _, rest_low = baselines["low"]
    assert moved - same == pytest.approx(0.08 * size, abs=0.01)
    assert rest_low == rest
