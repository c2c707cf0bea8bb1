"""Rare characters the body face lacks come from the face closest to it that has them (楷, else
the Song fallback): drawn, not boxes, on the body's baseline and at its size."""
import pdfplumber
import pypdfium2
import pytest
from PIL import ImageFont

from bulletin_cli import build
from bulletin_cli.fonts.resolve import fonts_dir

RARE = "䑩辿瀍堉"
IN_KAI = "辿瀍堉"  # 䑩 (Ext-A) is not in the 楷 subset: the Song fallback draws it
SPEC = f"""\
masthead: {{title: 测试工作简报, issue: 1, publisher: 测试办公室, date: 2026-01-01}}
articles:
  - title: 生僻字
    body: |
      地名中有{RARE}等字，正文照常排版。
"""
SCALE = 4  # render at 288 dpi


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    d = tmp_path_factory.mktemp("rare")
    (d / "r.yaml").write_text(SPEC, encoding="utf-8")
    build(d / "r.yaml", d / "r.pdf")
    with pdfplumber.open(d / "r.pdf") as pdf:
        chars = [c for c in pdf.pages[0].chars if c["size"] == 16]
        height = pdf.pages[0].height
    image = pypdfium2.PdfDocument(str(d / "r.pdf"))[0].render(scale=SCALE).to_pil().convert("L")
    return chars, image, height


def test_rare_characters_use_the_closest_face_on_the_body_baseline(built):
    chars, _, _ = built
    first = next(c for c in chars if c["text"] == RARE[0])
    line = [c for c in chars if abs(c["top"] - first["top"]) < 8]
    assert "".join(c["text"] for c in line).startswith("地名中有" + RARE)
    base = {round(c["matrix"][5], 2) for c in line}
    assert len(base) == 1  # one baseline
    for c in line:
        face = c["fontname"].split("+", 1)[1]
        if c["text"] in IN_KAI:
            assert face == "WenKaiBulletin-Regular", c["text"]
        elif c["text"] in RARE:
            assert face == "NotoSerifCJKsc-Regular", c["text"]
        else:
            assert face == "FandolFang-Regular", c["text"]
        assert c["size"] == 16


@pytest.mark.parametrize("ch", list(RARE))
def test_rare_character_is_drawn_not_a_box(built, ch):
    chars, image, _ = built
    c = next(c for c in chars if c["text"] == ch)
    crop = image.crop((int(c["x0"] * SCALE), int(c["top"] * SCALE),
                       int((c["x0"] + 16) * SCALE), int(c["bottom"] * SCALE)))
    ink = crop.point(lambda v: 255 if v < 128 else 0).getbbox()
    assert ink, f"{ch} left no ink"
    # the drawn ink has the size of the real glyph, not of the .notdef box
    font = ImageFont.truetype(str(fonts_dir() / ("kai.ttf" if ch in IN_KAI else "fallback.ttf")), 16 * SCALE)
    gx0, gy0, gx1, gy1 = font.getbbox(ch)
    assert abs((ink[2] - ink[0]) - (gx1 - gx0)) <= 0.15 * (gx1 - gx0) + 2
    assert abs((ink[3] - ink[1]) - (gy1 - gy0)) <= 0.15 * (gy1 - gy0) + 2
    notdef = font.getbbox("\uffff")
    assert (gx1 - gx0, gy1 - gy0) != (notdef[2] - notdef[0], notdef[3] - notdef[1])
