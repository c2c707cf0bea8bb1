"""Photos read and made ready for print: model.Picture from an image file's bytes (Pillow).

A print file carries no RGB: RGB photos become DeviceCMYK, greyscale ones DeviceGray, and a
CMYK (or greyscale) JPEG that needs no turning is kept byte for byte. The pixel count is read
from the header and refused above MAX_PIXELS before anything is decoded.
"""
from __future__ import annotations

import io
import warnings

from PIL import Image, ImageChops, ImageMath, ImageOps, UnidentifiedImageError

from ..model import Picture

MAX_PIXELS = 50_000_000
MAX_IMAGE_BYTES = 100 * 1024 * 1024
# Pillow's own guard warns above this and refuses above twice it; we refuse above it ourselves.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
FORMATS = ("JPEG", "PNG", "TIFF", "BMP", "GIF", "WEBP")
JPEG_QUALITY = 92
EXIF_ORIENTATION = 0x0112


class PictureError(Exception):
    """An image that cannot be used; str() says why, in words for the person who supplied it."""


def read_picture(data: bytes, source: str) -> Picture:
    """The picture in `data` (an image file's bytes), upright and in a print colour space."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # we say it better below
            im = Image.open(io.BytesIO(data), formats=FORMATS)
            w, h = im.size  # from the header: nothing is decoded yet
            if w * h > MAX_PIXELS:
                raise PictureError(f"image is {w} x {h} pixels ({w * h / 1e6:.0f} megapixels), more than "
                                   f"the {MAX_PIXELS // 1_000_000} megapixels allowed; scale it down")
            orientation = im.getexif().get(EXIF_ORIENTATION, 1)
            if im.format == "JPEG" and im.mode in ("CMYK", "L") and orientation == 1:
                im.load()  # decode once, so a truncated file is refused now, not by the printer
                return Picture(source, data, "jpeg", im.mode, w, h)
            im.load()
            fmt = im.format
            im = ImageOps.exif_transpose(im)
            im = _print_mode(im)
    except PictureError:
        raise
    except Image.DecompressionBombError:  # Pillow's own guard, at twice our limit
        raise PictureError(f"image has more than {2 * MAX_PIXELS // 1_000_000} megapixels, "
                           f"the limit is {MAX_PIXELS // 1_000_000}; scale it down") from None
    except UnidentifiedImageError:
        raise PictureError("not an image we can read (JPEG, PNG, TIFF, BMP, GIF or WebP)") from None
    except (OSError, SyntaxError, ValueError, EOFError, MemoryError) as e:
        raise PictureError(f"image is damaged or truncated: {e}") from None
    if fmt == "JPEG":  # a photo stays a JPEG; lossless sources (PNG, TIFF...) stay lossless
        out = io.BytesIO()
        im.save(out, "JPEG", quality=JPEG_QUALITY, optimize=False)
        return Picture(source, out.getvalue(), "jpeg", im.mode, im.width, im.height)
    return Picture(source, im.tobytes(), "raw", im.mode, im.width, im.height)


def _print_mode(im: Image.Image) -> Image.Image:
    """CMYK stays; greyscale becomes L; anything else RGB, then CMYK. Transparency is laid on
    white paper first."""
    if im.mode == "CMYK":
        return im
    grey = im.mode in ("1", "L", "LA", "I", "I;16", "F") or (
        im.mode == "P" and all(r == g == b for r, g, b in _palette(im)))
    if "A" in im.mode or im.mode == "P" or "transparency" in im.info:
        rgba = im.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        im = Image.alpha_composite(paper, rgba)
    if grey:
        return im.convert("L")
    return rgb_to_cmyk(im.convert("RGB"))


def rgb_to_cmyk(im: Image.Image) -> Image.Image:
    """Separation with full black generation: K = 1 - max(R, G, B), C = (max - R) / max, ...
    Neutral greys print with black ink alone and ink stays at most 300 % (Pillow's own
    convert("CMYK") sets no black at all: a black would be 300 % of C+M+Y and a muddy brown)."""
    r, g, b = im.split()
    top = ImageChops.lighter(ImageChops.lighter(r, g), b)  # max(R, G, B)
    c, m, y = (ImageMath.lambda_eval(lambda a: (a["top"] - a["ch"]) * 255 / a["top"], top=top, ch=ch)
               .convert("L") for ch in (r, g, b))  # a black pixel (max 0) divides to 0: K alone
    return Image.merge("CMYK", (c, m, y, ImageChops.invert(top)))


def _palette(im: Image.Image) -> list[tuple[int, int, int]]:
    pal = im.getpalette() or []
    return [tuple(pal[i:i + 3]) for i in range(0, len(pal) - 2, 3)]  # type: ignore[misc]
