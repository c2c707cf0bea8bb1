"""The Pillow half of spec/images.py: decoding a picture, turning it upright and into print
colours. Imported with the first picture a spec names, so a spec without one never loads Pillow."""
from __future__ import annotations

import io
from functools import cache, lru_cache
from importlib import resources

from PIL import Image, ImageChops, UnidentifiedImageError

from ..i18n import _
from ..model import Picture
from . import jpegstrip
from .images import (
    DEEP_GREY,
    EXIF_ORIENTATION,
    FORMATS,
    JPEG_QUALITY,
    MAX_PIXELS,
    MAX_TOTAL_PIXELS,
    SAVE_AS,
    TIFF_BITS,
    TIFF_SAMPLE_FORMAT,
    PictureError,
)

# Pillow's own guard warns above this and refuses above twice it; we refuse above it ourselves.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
# EXIF orientation -> the turn that makes the picture upright (as ImageOps.exif_transpose, which
# also rewrites the EXIF block, and fails on a damaged one: we only need the pixels)
UPRIGHT = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
           4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE,
           6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE, 8: Image.Transpose.ROTATE_90}
# A phone's or camera's photo with a second picture after it (a preview, a depth map: MPF) is
# MPO to Pillow; its first picture is the photo, and stays a JPEG (jpegstrip drops the rest)
JPEGS = ("JPEG", "MPO")
PRESS_PROFILE = "FOGRA39L_coated.icc"  # in bulletin_cli/data: the PDF/A output intent's (writers/pdf.py)

def read(data: bytes, source: str, room: int) -> Picture:
    """images.read_picture's work, once Pillow is wanted: decode, turn upright, print colours."""
    try:
        im = _open(data, room)
        im.load()  # decoded now, so a truncated file is refused now, not by the printer
        orientation = _orientation(im)  # after loading: Pillow turns a TIFF upright as it loads it
        if im.format in JPEGS and im.mode in ("CMYK", "L") and orientation == 1:
            bare = jpegstrip.strip(data)  # the photo as it is, but for what it says of itself
            if bare is not None:
                return Picture(source, bare, "jpeg", im.mode, *im.size)
        fmt, icc = im.format, im.info.get("icc_profile")
        im = _print_mode(im.transpose(UPRIGHT[orientation]) if orientation in UPRIGHT else im, icc)
    except PictureError:
        raise
    except Exception as e:  # whatever a damaged file makes the decoder raise
        raise PictureError(_("image is damaged or truncated: {why}").format(why=e)) from None
    if fmt in JPEGS:  # a photo stays a JPEG; lossless sources (PNG, TIFF...) stay lossless
        out = io.BytesIO()
        im.save(out, "JPEG", quality=JPEG_QUALITY, optimize=False)
        encoded = out.getvalue()  # Pillow writes the source's comment back: strip it again
        return Picture(source, jpegstrip.strip(encoded) or encoded, "jpeg", im.mode, im.width, im.height)
    return Picture(source, im.tobytes(), "raw", im.mode, im.width, im.height)


def _open(data: bytes, room: int) -> Image.Image:
    """The image with its header read, nothing decoded; refused above MAX_PIXELS, or above the
    `room` left in the spec's budget."""
    try:
        im = Image.open(io.BytesIO(data), formats=FORMATS)
    except Image.DecompressionBombError:  # Pillow's own guard, at twice our limit: say the real size
        im = _unguarded(data)
    except UnidentifiedImageError:
        raise PictureError(_("not an image we can read (JPEG, PNG, TIFF, BMP, GIF or WebP)")) from None
    w, h = im.size
    if w * h > MAX_PIXELS:
        raise PictureError(_("image is {w} x {h} pixels ({mp:,.0f} megapixels), more than "
                             "the {limit} megapixels allowed; scale it down").format(
                                 w=w, h=h, mp=w * h / 1e6, limit=MAX_PIXELS // 1_000_000))
    if w * h > room:
        raise PictureError(_("with this image ({mp:,.0f} megapixels) the bulletin's pictures add "
                             "up to more than the {limit} megapixels allowed; scale them down").format(
                                 mp=w * h / 1e6, limit=MAX_TOTAL_PIXELS // 1_000_000))
    return im


def _unguarded(data: bytes) -> Image.Image:
    """The image opened without Pillow's pixel guard: only its header is read, to report its size."""
    guard, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
    try:
        return Image.open(io.BytesIO(data), formats=FORMATS)
    finally:
        Image.MAX_IMAGE_PIXELS = guard


def _orientation(im: Image.Image) -> int:
    """The EXIF orientation (1: upright). A damaged EXIF block says nothing: the pixels still are."""
    try:
        value = im.getexif().get(EXIF_ORIENTATION, 1)
    except Exception:
        return 1
    return value if isinstance(value, int) and value in UPRIGHT else 1


def _print_mode(im: Image.Image, icc: bytes | None = None) -> Image.Image:
    """CMYK stays; greyscale becomes L; anything else RGB, then CMYK. Transparency is laid on
    white paper first. Deep samples are scaled to 8 bits, never clipped."""
    if im.mode == "CMYK":
        return im
    if im.mode in DEEP_GREY:
        return im.convert("I").point(_scale(_grey_bits(im)), "L")
    if im.mode == "F":  # float samples: 0 is black, 1 is white (and beyond 1, still white)
        return im.point(lambda v: v * 255).convert("L")
    grey = im.mode in ("1", "L", "LA", "La") or (
        im.mode in ("P", "PA") and all(r == g == b for r, g, b in _palette(im)))
    if "A" in im.mode or "a" in im.mode or im.mode == "P" or "transparency" in im.info:
        rgba = im.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        im = Image.alpha_composite(paper, rgba)
    if grey:
        return im.convert("L")
    return rgb_to_cmyk(im.convert("RGB"), icc)


def _grey_bits(im: Image.Image) -> int:
    """How many bits a deep grey image's samples have: 16, or what its TIFF says (12-bit
    scanners); refused when they have no range to scale from (signed or 32-bit integers)."""
    tags = getattr(im, "tag_v2", None) or {}
    bits, signed = tags.get(TIFF_BITS, 16), tags.get(TIFF_SAMPLE_FORMAT, 1)
    bits = bits[0] if isinstance(bits, tuple) else bits
    signed = signed[0] if isinstance(signed, tuple) else signed
    if not isinstance(bits, int) or not 8 < bits <= 16 or signed not in (1, None):
        kind = _("signed") if signed == 2 else f"{bits}-bit"
        raise PictureError(_("image has {kind} integer samples, which print in no agreed way; {hint}").format(
            kind=kind, hint=_(SAVE_AS)))
    return bits


@cache
def _scale(bits: int) -> list[int]:
    """A lookup table from samples of `bits` bits to 8, rounded: its top is white."""
    top = (1 << bits) - 1
    return [min(255, (v * 255 + top // 2) // top) for v in range(65536)]


def rgb_to_cmyk(im: Image.Image, icc: bytes | None = None) -> Image.Image:
    """Separation through the FOGRA39 profile the PDF/A output intent names (offset on coated
    paper), from the photo's own RGB profile (`icc`, e.g. a camera's Adobe RGB) or else sRGB.
    Perceptual intent: a photo's colours outside the press's gamut are pulled in smoothly,
    keeping their gradation (ICC's intent for pictures; this profile's tables give the in-gamut
    colours, skin among them, the same under either intent). Skin (200, 160, 140) prints
    C23 M39 Y44 K4, where the former formula (full black generation) made it C0 M20 Y30 K22.
    A photo that is grey throughout prints as grey: black ink alone."""
    r, g, b = im.split()
    if not ImageChops.difference(r, g).getbbox() and not ImageChops.difference(g, b).getbbox():
        return r
    from PIL import ImageCms

    return ImageCms.applyTransform(im, _to_press(icc))


@lru_cache(maxsize=8)
def _to_press(icc: bytes | None):
    """The transform from `icc` (an RGB profile; None or unusable: sRGB) to FOGRA39, built once
    per process and source profile (~15 ms each)."""
    from PIL import ImageCms

    press = ImageCms.ImageCmsProfile(io.BytesIO(
        resources.files("bulletin_cli").joinpath("data", PRESS_PROFILE).read_bytes()))
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            if source.profile.xcolor_space == "RGB ":
                return ImageCms.buildTransform(source, press, "RGB", "CMYK", ImageCms.Intent.PERCEPTUAL)
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a damaged or odd profile: the picture is still sRGB's, as a browser reads it
    return ImageCms.buildTransform(ImageCms.createProfile("sRGB"), press, "RGB", "CMYK",
                                   ImageCms.Intent.PERCEPTUAL)


def _palette(im: Image.Image) -> list[tuple[int, int, int]]:
    pal = im.getpalette() or []
    return [tuple(pal[i:i + 3]) for i in range(0, len(pal) - 2, 3)]  # type: ignore[misc]
