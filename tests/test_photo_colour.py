"""RGB photos are separated to CMYK through the FOGRA39 profile of the PDF/A output intent
(Pillow's ImageCms), not by a formula: skin keeps its cyan; a grey photo prints in black alone."""
from __future__ import annotations

import io

import pikepdf
import pytest
from PIL import Image, ImageCms

from bulletin_cli import build
from bulletin_cli.spec import pixels
from bulletin_cli.spec.images import read_picture

from .helpers import MASTHEAD

SKIN = (200, 160, 140)
SPEC = MASTHEAD + """  - title: 一
    body:
      - 正文。
      - {image: skin.png, caption: 肤色}
      - {image: grey.jpg, caption: 灰色照片}
"""


def _png(colours, **save) -> bytes:
    im = Image.new("RGB", (len(colours), 1))
    im.putdata(colours)
    out = io.BytesIO()
    im.save(out, "PNG", **save)
    return out.getvalue()


def _percent(picture) -> list[tuple[int, ...]]:
    data = picture.data
    return [tuple(round(v / 2.55) for v in data[i:i + 4]) for i in range(0, len(data), 4)]


def test_skin_prints_about_c23_m39_y44_k4_in_the_pdf(tmp_path):
    Image.new("RGB", (40, 30), SKIN).save(tmp_path / "skin.png")
    Image.new("RGB", (40, 30), (90, 90, 90)).save(tmp_path / "grey.jpg", quality=95)
    (tmp_path / "s.yaml").write_text(SPEC, encoding="utf-8")
    build(tmp_path / "s.yaml", tmp_path / "s.pdf")
    with pikepdf.open(tmp_path / "s.pdf") as pdf:
        xobjects = [xo for page in pdf.pages for xo in page.Resources.get("/XObject", {}).values()]
        found = [pikepdf.PdfImage(xo) for xo in xobjects if xo.Subtype == "/Image"]
        skin, grey = sorted(found, key=lambda im: str(im.colorspace))
        assert skin.colorspace == "/DeviceCMYK" and grey.colorspace == "/DeviceGray"
        c, m, y, k = (round(v / 2.55) for v in skin.read_bytes()[:4])
    assert abs(c - 23) <= 2 and abs(m - 39) <= 2 and abs(y - 44) <= 2 and abs(k - 4) <= 2, (c, m, y, k)


def test_the_press_profile_separates_primaries_and_neutrals():
    colours = [(255, 0, 0), (255, 255, 255), (0, 0, 0), SKIN]
    red, white, black, skin = _percent(read_picture(_png(colours), "colours.png"))
    assert red[0] <= 2 and red[1] >= 90 and red[2] >= 95 and red[3] <= 2
    assert white == (0, 0, 0, 0)
    assert black[3] == 100 and sum(black) <= 330  # rich black, within the press's total ink
    assert skin[0] >= 20  # the formula printed skin without any cyan (C0 M20 Y30 K22)


def test_a_photo_grey_throughout_prints_in_black_alone():
    picture = read_picture(_png([(0, 0, 0), (128, 128, 128), (255, 255, 255)]), "grey.png")
    assert (picture.mode, list(picture.data)) == ("L", [0, 128, 255])


@pytest.mark.parametrize("profile", [
    ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
    b"not an ICC profile at all",
    ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB")).tobytes(),  # not an RGB one
], ids=["sRGB", "damaged", "not-RGB"])
def test_an_embedded_profile_is_used_or_else_srgb(profile):
    plain = read_picture(_png([SKIN, (20, 90, 200)]), "plain.png")
    tagged = read_picture(_png([SKIN, (20, 90, 200)], icc_profile=profile), "tagged.png")
    assert tagged.mode == "CMYK"
    assert [abs(a - b) <= 1 for a, b in zip(tagged.data, plain.data)] == [True] * 8


def test_the_transform_is_built_once_per_source_profile():
    pixels._to_press.cache_clear()
    for colour in (SKIN, (10, 200, 30), (250, 250, 10)):
        read_picture(_png([colour, (0, 0, 0)]), "p.png")
    assert pixels._to_press.cache_info().currsize == 1
