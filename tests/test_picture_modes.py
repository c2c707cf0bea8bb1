"""Pictures printed as their files mean them, or refused at their key (issue 22): samples deeper
than 8 bits are scaled, not clipped; what has no agreed range is refused; every damaged file is
a located error, never a traceback; a huge picture is reported at its real size."""
from __future__ import annotations

import contextlib
import io
import struct
import warnings
import zlib

import pikepdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from bulletin_cli import build
from bulletin_cli.errors import InputError
from bulletin_cli.spec import images
from bulletin_cli.spec.images import PictureError, read_picture
from bulletin_cli.spec.reader import load_spec

HEAD = "masthead: {title: 测试工作简报, issue: 1, publisher: 测试办公室, date: 2026-03-01}\n"


def tiff(samples: int, bits: int, photometric: int, pixels: bytes, sample_format: int = 1) -> bytes:
    """A 2 x 2 uncompressed little-endian TIFF, as scanners and other tools write them (Pillow
    cannot write most of these)."""
    per_sample = {258: bits, 339: sample_format}
    n = 11
    arrays_at = 8 + 2 + 12 * n + 4  # the per-sample arrays, then the pixels
    pixels_at = arrays_at + (4 * samples if samples > 2 else 0)
    entries, arrays = [], b""
    for tag, kind, count, value in [(256, 4, 1, 2), (257, 4, 1, 2), (258, 3, samples, None), (259, 3, 1, 1),
                                    (262, 3, 1, photometric), (273, 4, 1, pixels_at), (277, 3, 1, samples),
                                    (278, 4, 1, 2), (279, 4, 1, len(pixels)), (284, 3, 1, 1),
                                    (339, 3, samples, None)]:
        if tag in per_sample:
            array = struct.pack(f"<{samples}H", *[per_sample[tag]] * samples)
            if samples > 2:
                value, arrays = arrays_at + len(arrays), arrays + array
            else:
                value = struct.unpack("<I", array.ljust(4, b"\0"))[0]
        entries.append(struct.pack("<HHII", tag, kind, count, value))
    return b"II*\x00" + struct.pack("<IH", 8, n) + b"".join(entries) + b"\0\0\0\0" + arrays + pixels


def png16(value: int) -> bytes:
    out = io.BytesIO()
    Image.frombytes("I;16", (4, 4), struct.pack("<H", value) * 16).save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize("name, data, grey", [
    ("16-bit grey PNG", png16(32768), 128),
    ("16-bit grey TIFF", tiff(1, 16, 1, struct.pack("<H", 32768) * 4), 128),
    ("12-bit grey TIFF", tiff(1, 12, 1, b"\x80\x08\x00" * 2), 128),  # two 12-bit samples in 3 bytes
    ("float TIFF", tiff(1, 32, 1, struct.pack("<f", 0.5) * 4, sample_format=3), 127),
], ids=lambda v: v if isinstance(v, str) else "")
def test_deep_grey_samples_are_scaled_to_8_bits(name, data, grey):
    picture = read_picture(data, name)
    assert picture.mode == "L" and set(picture.data) == {grey}, name


def test_a_lab_mid_grey_prints_with_black_ink_alone():
    picture = read_picture(tiff(3, 8, 8, bytes([128, 0, 0]) * 4), "lab.tif")  # a* = b* = 0: neutral
    assert picture.mode == "L" and 105 < picture.data[0] < 136  # grey throughout: DeviceGray


@pytest.mark.parametrize("data, kind", [
    (tiff(1, 32, 1, struct.pack("<I", 2**31) * 4), "32-bit"),
    (tiff(1, 16, 1, struct.pack("<h", 16384) * 4, sample_format=2), "signed"),
], ids=["32-bit", "signed"])
def test_integer_samples_without_an_agreed_range_are_refused_at_their_key(tmp_path, data, kind):
    (tmp_path / "p.tif").write_bytes(data)
    spec = tmp_path / "s.yaml"
    spec.write_text(HEAD + "articles:\n  - title: 一\n    body:\n      - {image: p.tif}\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_spec(spec)
    [p] = e.value.problems
    assert (p.line, p.path) == (5, "articles[1].body[1].image")
    assert f"p.tif: image has {kind} integer samples" in p.message and "16-bit" in p.message


def test_a_16_bit_png_prints_grey_in_the_pdf(tmp_path):
    (tmp_path / "p.png").write_bytes(png16(32768))
    spec = tmp_path / "s.yaml"
    spec.write_text(HEAD + "articles:\n  - title: 一\n    body:\n      - 正文。\n      - {image: p.png}\n",
                    encoding="utf-8")
    build(spec, tmp_path / "s.pdf")
    with pikepdf.open(tmp_path / "s.pdf") as pdf:
        [image] = [pikepdf.PdfImage(x) for page in pdf.pages for x in page.get_images().values()]
        assert image.colorspace == "/DeviceGray" and set(image.read_bytes()) == {128}  # not blank white


def test_a_huge_picture_is_reported_at_its_real_size():
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = chunk(b"IHDR", struct.pack(">IIBBBBB", 30000, 30000, 1, 0, 0, 0, 0))
    data = b"\x89PNG\r\n\x1a\n" + header + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b"")
    with pytest.raises(PictureError, match=r"30000 x 30000 pixels \(900 megapixels\)"):
        read_picture(data, "big.png")


def _exif(*entries: tuple[int, int, int, bytes], data: bytes = b"") -> bytes:
    """An EXIF block (for Pillow's save(exif=...)): one IFD of (tag, type, count, value or
    offset), then `data`, which offsets point into (it starts at 10 + 12 n + 4)."""
    ifd = struct.pack("<H", len(entries)) + b"".join(struct.pack("<HHI", *e[:3]) + e[3] for e in entries)
    return b"Exif\0\0II*\x00" + struct.pack("<I", 8) + ifd + b"\0\0\0\0" + data


@pytest.mark.parametrize("fmt", ["PNG", "TIFF", "JPEG"])
def test_an_exif_orientation_turns_the_picture_once(fmt):
    exif = Image.Exif()
    exif[0x0112] = 6  # turn 90° clockwise to view (Pillow itself turns a TIFF as it loads it)
    out = io.BytesIO()
    Image.new("L", (30, 20), 90).save(out, fmt, exif=exif.tobytes())
    picture = read_picture(out.getvalue(), f"x.{fmt}")
    assert (picture.width, picture.height) == (20, 30)


def test_a_damaged_exif_block_leaves_the_picture_readable():
    # Make (ASCII) written as a RATIONAL: Pillow's exif_transpose failed writing it back
    exif = _exif((0x0112, 3, 1, struct.pack("<HH", 6, 0)), (0x010F, 5, 1, struct.pack("<I", 38)),
                 data=struct.pack("<II", 1, 1))
    out = io.BytesIO()
    Image.new("RGB", (20, 10), (1, 2, 3)).save(out, "JPEG", exif=exif)
    picture = read_picture(out.getvalue(), "x.jpg")
    assert (picture.width, picture.height) == (10, 20)  # turned upright, as orientation 6 asks


def _seeds() -> list[bytes]:
    exif = Image.Exif()
    exif[0x0112], exif[0x011A], exif[0x010F] = 6, 72.5, "Canon"
    sub = exif.get_ifd(0x8769)
    sub[0x829A], sub[0x9003] = 0.004, "2020:01:01 00:00:00"
    out = []
    for fmt, kw in (("JPEG", {"exif": exif.tobytes()}), ("TIFF", {"exif": exif.tobytes()}),
                    ("TIFF", {"compression": "tiff_deflate"}), ("PNG", {}), ("GIF", {}), ("WEBP", {})):
        im = Image.new("RGB", (24, 16), (200, 30, 40))
        for x in range(24):
            im.putpixel((x, x % 16), (x * 10, 0, 255))
        data = io.BytesIO()
        im.save(data, fmt, **kw)
        out.append(data.getvalue())
    return out


SEEDS = _seeds()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(SEEDS) - 1),
       st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255), st.integers(0, 2)),
                min_size=1, max_size=6))
def test_every_mutated_file_is_read_or_refused(seed, edits):
    data = bytearray(SEEDS[seed])
    for where, value, how in edits:
        at = int(where * len(data))
        if how == 0:
            data[at] = value
        elif how == 1:
            del data[at:at + 1 + value % 8]
        else:
            data[at:at] = bytes([value]) * (1 + value % 4)
    with contextlib.suppress(PictureError), warnings.catch_warnings():
        warnings.simplefilter("error")  # and says nothing on the way (Pillow warns of damaged EXIF)
        read_picture(bytes(data), "fuzz")


def test_the_pictures_of_a_spec_share_one_budget_of_pixels(tmp_path, monkeypatch):
    """Fifty flat 49-megapixel PNGs are 160 KB each: each decodes within the per-picture limit,
    together they would take minutes and gigabytes."""
    monkeypatch.setattr(images, "MAX_TOTAL_PIXELS", 25_000)
    for k in range(3):
        Image.new("RGB", (100, 100), (k, 0, 0)).save(tmp_path / f"{k}.png")
    (tmp_path / "a.md").write_text("".join(f"![图]({k}.png)\n\n" for k in (0, 1, 0, 2)), encoding="utf-8")
    spec = tmp_path / "s.yaml"
    spec.write_text(HEAD + "articles:\n  - {title: 一, body_file: a.md}\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_spec(spec)
    [p] = e.value.problems  # the same picture twice counts once: the third distinct one is refused
    assert (p.file, p.line) == (str(tmp_path / "a.md"), 7)
    assert "2.png: with this image (0 megapixels) the bulletin's pictures add up to more than" in p.message
