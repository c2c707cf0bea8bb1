"""A photo in a bulletin carries no camera metadata (spec/jpegstrip.py): its EXIF (GPS position,
camera serial), XMP, IPTC, ICC profile, comments and what a phone appends after the image are
gone from the PDF's image stream and the OFD's picture file, and the pixels are the same: the
scan data is copied untouched, so the stream is the very bytes of the same photo without them."""
from __future__ import annotations

import io
import struct
import zipfile

import pikepdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from bulletin_cli import build
from bulletin_cli.spec import jpegstrip
from bulletin_cli.spec.images import read_picture

from .helpers import MASTHEAD

SERIAL, COMMENT, WHO = b"SN-4242-XYZ", b"taken at home", b"Zhang San"
GPS = struct.pack(">6I", 39, 1, 54, 1, 55, 2)  # 39 deg 54' 27.5": the latitude as EXIF writes it
TRAILER = b"SEFH\0\0\0\x01phone's own data"  # what some phones append after the image
SECRETS = [b"Exif", SERIAL, GPS, COMMENT, WHO, b"xmpmeta", b"Photoshop 3.0", b"ICC_PROFILE", b"SEFH"]


def exif(orientation: int = 1) -> bytes:
    e = Image.Exif()
    e[0x010F], e[0x0112] = "SecretCam", orientation  # Make, Orientation
    e.get_ifd(0x8769)[0xA431] = SERIAL.decode()  # BodySerialNumber
    e.get_ifd(0x8825).update({1: "N", 2: (39.0, 54.0, 27.5), 3: "E", 4: (116.0, 23.0, 29.1)})
    return e.tobytes()


def segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + (len(payload) + 2).to_bytes(2, "big") + payload


def clean_jpeg(mode: str, size=(48, 32), **save) -> bytes:
    """A photo as Pillow writes it, without metadata: a gradient in every channel."""
    w, h = size
    count = len(Image.new(mode, (1, 1)).getbands())
    im = Image.merge(mode, [Image.frombytes("L", size, bytes((x * 5 + y * 3 + 40 * b) % 256
                                                             for y in range(h) for x in range(w)))
                            for b in range(count)])
    out = io.BytesIO()
    im.save(out, "JPEG", quality=90, **save)
    return out.getvalue()


def dirty(clean: bytes, orientation: int = 1, icc: bool = True) -> bytes:
    """`clean` with what cameras, editors and phones add: EXIF, XMP, IPTC, ICC, a comment, a
    trailer after the end of the image."""
    added = [segment(0xE1, exif(orientation)),
             segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><dc:creator>" + WHO + b"</dc:creator>"),
             segment(0xED, b"Photoshop 3.0\08BIM\x04\x04\0\0\0\0\0\x0d\x1c\x02\x50\0\x09" + WHO),
             segment(0xFE, COMMENT)]
    if icc:  # a fake profile: for a kept CMYK or grey photo the PDF never reads it
        added.append(segment(0xE2, b"ICC_PROFILE\0\x01\x01" + bytes(200)))
    return clean[:2] + b"".join(added) + clean[2:] + TRAILER


def pdf_image_streams(path) -> list[bytes]:
    with pikepdf.open(path) as pdf:
        return [xo.read_raw_bytes() for page in pdf.pages
                for xo in page.Resources.get("/XObject", {}).values() if xo.Subtype == "/Image"]


def build_with(tmp_path, name: str, data: bytes, suffix: str = "pdf"):
    (tmp_path / f"{name}.jpg").write_bytes(data)
    spec = tmp_path / f"{name}.yaml"
    spec.write_text(MASTHEAD + f"  - title: 一\n    body:\n      - 正文。\n      - {{image: {name}.jpg}}\n",
                    encoding="utf-8")
    out = tmp_path / f"{name}.{suffix}"
    build(spec, out)
    return out


@pytest.mark.parametrize("mode", ["CMYK", "L", "RGB"])
def test_the_pdf_image_is_the_photo_without_its_metadata(tmp_path, mode):
    clean = clean_jpeg(mode)
    (stream,) = pdf_image_streams(build_with(tmp_path, "dirty", dirty(clean, icc=mode != "RGB")))
    for secret in SECRETS:
        assert secret not in stream, secret
    assert stream.endswith(b"\xff\xd9")
    (same,) = pdf_image_streams(build_with(tmp_path, "clean", clean))
    assert stream == same  # scans untouched: the same bytes as the photo that never had metadata


@pytest.mark.parametrize("mode", ["CMYK", "L"])
def test_a_kept_photo_decodes_to_the_same_pixels(tmp_path, mode):
    photo = dirty(clean_jpeg(mode))
    with pikepdf.open(build_with(tmp_path, "p", photo)) as pdf:
        (xo,) = [xo for xo in pdf.pages[0].Resources.XObject.values() if xo.Subtype == "/Image"]
        shown = pikepdf.PdfImage(xo).as_pil_image()
    original = Image.open(io.BytesIO(photo))
    assert shown.mode == original.mode == mode and shown.tobytes() == original.tobytes()


def test_the_ofd_picture_file_carries_no_metadata(tmp_path):
    photo = dirty(clean_jpeg("CMYK"))
    with zipfile.ZipFile(build_with(tmp_path, "p", photo, "ofd")) as z:
        (name,) = [n for n in z.namelist() if n.endswith(".jpg")]
        data = z.read(name)
    for secret in SECRETS:
        assert secret not in data, secret
    assert data == jpegstrip.strip(clean_jpeg("CMYK"))


@pytest.mark.parametrize("mode", ["L", "RGB"])
def test_a_turned_photo_stays_turned_and_loses_its_exif(mode):
    photo = dirty(clean_jpeg(mode, (48, 32)), orientation=6, icc=False)  # 6: turn 90 deg clockwise
    picture = read_picture(photo, "turned.jpg")
    assert (picture.width, picture.height) == (32, 48)
    for secret in SECRETS:
        assert secret not in picture.data, secret
    shown = Image.open(io.BytesIO(picture.data))
    assert shown.size == (32, 48) and "exif" not in shown.info
    upright = Image.open(io.BytesIO(photo)).transpose(Image.Transpose.ROTATE_270).convert("L")
    # the first column of the photo is now its top row (within JPEG's loss)
    top, expected = shown.convert("L").crop((0, 0, 32, 1)).tobytes(), upright.crop((0, 0, 32, 1)).tobytes()
    assert max(abs(a - b) for a, b in zip(top, expected)) < 40


@pytest.mark.parametrize("save", [{"progressive": True}, {"restart_marker_blocks": 2}, {"subsampling": 0},
                                  {"progressive": True, "restart_marker_rows": 1}], ids=str)
def test_every_kind_of_scan_is_copied_whole(save):
    """Progressive photos (several scans, tables between them) and restart markers inside a scan."""
    clean = clean_jpeg("RGB", (64, 40), **save)
    bare = jpegstrip.strip(dirty(clean))
    assert bare == clean
    assert Image.open(io.BytesIO(bare)).tobytes() == Image.open(io.BytesIO(clean)).tobytes()


def test_a_jfif_thumbnail_goes_and_adobe_stays():
    thumbnail = b"JFIF\0\x01\x02\x01\0\x48\0\x48\x02\x01" + b"\xaa" * 6  # a 2 x 1 RGB thumbnail
    clean = clean_jpeg("CMYK")  # Pillow writes Adobe's segment: CMYK samples stored inverted
    bare = jpegstrip.strip(clean[:2] + segment(0xE0, thumbnail) + clean[2:])
    assert bare == clean[:2] + segment(0xE0, thumbnail[:12] + b"\0\0") + clean[2:]
    assert b"Adobe" in bare and b"\xaa" * 6 not in bare


@pytest.mark.parametrize("damage", [lambda d: d[:-2], lambda d: d[:30], lambda d: b"\xff\xd8\x00" + d[2:]],
                         ids=["no end marker", "cut short", "no marker"])
def test_markers_that_cannot_be_walked_are_none(damage):
    assert jpegstrip.strip(damage(clean_jpeg("L"))) is None


def test_a_kept_photo_whose_markers_cannot_be_walked_is_encoded_afresh():
    photo = dirty(clean_jpeg("L"))
    scan = photo.index(b"\xff\xda")
    photo = photo[:scan] + b"\x12\x34" + photo[scan:]  # stray bytes before a marker: libjpeg skips them
    picture = read_picture(photo, "odd.jpg")
    assert picture.encoding == "jpeg" and (picture.width, picture.height) == (48, 32)
    for secret in SECRETS:
        assert secret not in picture.data, secret


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=64), st.integers(min_value=0, max_value=2000), st.binary(max_size=8))
def test_any_bytes_are_walked_or_refused_never_raise(head, at, patch):
    """A damaged file is walked to None (encoded afresh), never an exception."""
    base = dirty(clean_jpeg("L", (16, 8)))
    at = at % len(base)
    for data in (head, base[:at] + patch + base[at + len(patch):], base[:at]):
        out = jpegstrip.strip(data)
        assert out is None or (out.startswith(b"\xff\xd8") and out.endswith(b"\xff\xd9"))


@pytest.mark.parametrize("mode", ["L", "RGB"])
def test_a_photo_with_a_second_picture_after_it_stays_a_jpeg(mode):
    """MPO (a phone's or camera's JPEG with a preview or depth map appended, said in APP2 MPF)
    was printed as lossless samples, many times the photo's size; now its first picture, a JPEG."""
    out = io.BytesIO()
    first = Image.open(io.BytesIO(clean_jpeg(mode)))
    first.save(out, "MPO", save_all=True, append_images=[Image.new(mode, (16, 8))], quality=90)
    assert Image.open(io.BytesIO(out.getvalue())).format == "MPO"
    picture = read_picture(out.getvalue(), "phone.jpg")
    assert picture.encoding == "jpeg" and (picture.width, picture.height) == (48, 32)
    assert b"MPF" not in picture.data and picture.data.count(b"\xff\xd8") == 1


def test_a_photo_pasted_into_a_word_file_carries_none_either(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("正文。")
    d.add_picture(io.BytesIO(dirty(clean_jpeg("L"))))
    d.save(tmp_path / "a.docx")
    spec = tmp_path / "s.yaml"
    spec.write_text(MASTHEAD + "  - {title: 一, body_file: a.docx}\n", encoding="utf-8")
    build(spec, tmp_path / "s.pdf")
    (stream,) = pdf_image_streams(tmp_path / "s.pdf")
    assert stream == clean_jpeg("L")
