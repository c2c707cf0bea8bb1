"""Photos read and made ready for print: model.Picture from an image file's bytes (Pillow).

A print file carries no RGB: RGB photos become DeviceCMYK, greyscale ones DeviceGray, and a
CMYK (or greyscale) JPEG that needs no turning is kept byte for byte. The pixel count is read
from the header and refused above MAX_PIXELS before anything is decoded. Samples deeper than
8 bits are scaled to 8 over the range their file gives them (a 16-bit grey of 32768 is a mid
grey, a float of 0.5 too); what has no such range (32-bit or signed integers) is refused.

Every file is either read or refused with a PictureError: a damaged file can make Pillow raise
anything (TypeError, struct.error, ... found by fuzzing), and all of it means "damaged".
"""
from __future__ import annotations

import warnings
import zlib

from ..i18n import N_, _
from ..model import Picture

MAX_PIXELS = 50_000_000
# All the pictures of one spec: six of the largest, or forty 12-megapixel phone photos
MAX_TOTAL_PIXELS = 300_000_000
MAX_IMAGE_BYTES = 100 * 1024 * 1024
FORMATS = ("JPEG", "PNG", "TIFF", "BMP", "GIF", "WEBP")
JPEG_QUALITY = 92
EXIF_ORIENTATION = 0x0112
TIFF_BITS, TIFF_SAMPLE_FORMAT = 258, 339
DEEP_GREY = ("I;16", "I;16L", "I;16B", "I;16N", "I")
WMF_HEADERS = (b"\x01\x00\x09\x00\x00\x03", b"\x02\x00\x09\x00\x00\x03")  # in memory, on disk: version 3
# A Word file's EMF or WMF picture (images.Metafile), noted by spec/word.py
IN_WORD = N_("picture {name}: picture format {kind} cannot be embedded: save it as PNG in Word")
SAVE_AS = N_("save it as an 8-bit or 16-bit picture (JPEG, PNG or TIFF)")


class PictureError(Exception):
    """An image that cannot be used; str() says why, in words for the person who supplied it."""


class Metafile(PictureError):
    """A Windows drawing (EMF, WMF: a chart pasted from Excel). Pillow draws one only on Windows,
    at screen resolution, so a bulletin would print blurred, and differently by where it is
    built: it is refused everywhere, and a Word file's is left out with a note (spec/word.py)."""

    def __init__(self, kind: str):
        super().__init__(_("picture format {kind} cannot be embedded: save it as PNG").format(kind=kind))
        self.kind = kind


def metafile_kind(data: bytes) -> str | None:
    """"EMF" or "WMF" for a Windows metafile (or its gzipped .emz/.wmz), else None."""
    if data.startswith(b"\x1f\x8b"):  # .emz, .wmz: the head of what is inside
        try:
            data = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, 64)
        except zlib.error:
            return None
    if data[:4] == b"\x01\x00\x00\x00" and data[40:44] == b" EMF":  # EMR_HEADER, its signature
        return "EMF"
    if data[:4] == b"\xd7\xcd\xc6\x9a" or data[:6] in WMF_HEADERS:  # placeable (Aldus) header, or bare
        return "WMF"
    return None


def read_picture(data: bytes, source: str, room: int = MAX_TOTAL_PIXELS) -> Picture:
    """The picture in `data` (an image file's bytes), upright and in a print colour space.
    `room`: the pixels the spec's pictures may still decode to (bodyfile.Pictures counts them)."""
    kind = metafile_kind(data)
    if kind:
        raise Metafile(kind)
    with warnings.catch_warnings():
        # Pillow warns of what it skips in a damaged file (EXIF, TIFF tags): the user hears of
        # the file from us, or not at all when the picture is whole
        warnings.simplefilter("ignore")
        from . import pixels  # Pillow is imported with the first picture a spec names

        return pixels.read(data, source, room)
