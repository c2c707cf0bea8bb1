"""A JPEG without what a camera or an editor wrote about it: a bulletin is posted online, and a
photo kept byte for byte would carry its EXIF (GPS position, camera serial number, time, a
thumbnail of the uncropped photo), XMP, IPTC, comments and phone trailers into the PDF and OFD.

A walk over the file's markers, nothing decoded or encoded: the tables, frame and scans are
copied as they are. Kept of the application segments: APP0 JFIF (which says the samples are
YCbCr), without the thumbnail it may hold, and APP14 Adobe (how CMYK and RGB samples are
stored). APP2 ICC_PROFILE goes too: the PDF says DeviceCMYK or DeviceGray under its FOGRA39
output intent (writers/pdf.py), which is what a reader goes by, so a profile in the file would
only contradict it (and weigh up to a megabyte). Everything after the end of the image goes.
"""
from __future__ import annotations

import re

SOI, EOI, SOS, APP0, APP14, COM = b"\xff\xd8", 0xD9, 0xDA, 0xE0, 0xEE, 0xFE
# Markers without a length: TEM and the restart markers RST0-7
STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})
# In a scan's data an FF is followed by 00 (a stuffed FF) or a restart marker; anything else
# starts the next marker
NEXT_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7]")
JFIF_HEAD = 12  # "JFIF\0", version, units, densities: then the thumbnail's size and pixels


def strip(data: bytes) -> bytes | None:
    """`data` without its metadata segments; None when it is not a JPEG whose markers can be
    walked to its end (the caller then encodes the decoded picture afresh)."""
    if not data.startswith(SOI):
        return None
    out, at = [SOI], 2
    while True:
        start = at
        while data[at:at + 1] == b"\xff":  # a marker, after any fill bytes
            at += 1
        if at == start or at >= len(data):
            return None
        marker, at = data[at], at + 1
        if marker == EOI:
            out.append(b"\xff\xd9")
            return b"".join(out)
        if marker in STANDALONE:
            out.append(bytes((0xFF, marker)))
            continue
        length = int.from_bytes(data[at:at + 2], "big")
        if length < 2 or at + length > len(data):
            return None
        kept = _kept(marker, data[at + 2:at + length])
        if kept is not None:
            out.append(bytes((0xFF, marker)) + (len(kept) + 2).to_bytes(2, "big") + kept)
        at += length
        if marker == SOS:  # the scan's data runs to the next marker
            found = NEXT_MARKER.search(data, at)
            if found is None:
                return None
            out.append(data[at:found.start()])
            at = found.start()


def _kept(marker: int, payload: bytes) -> bytes | None:
    """What of one segment stays: all but the application segments and comments."""
    if marker == APP0 and payload.startswith(b"JFIF\0") and len(payload) >= JFIF_HEAD + 2:
        return payload[:JFIF_HEAD] + b"\0\0"  # no thumbnail
    if marker == APP14 and payload.startswith(b"Adobe"):
        return payload
    if 0xE0 <= marker <= 0xEF or marker == COM:
        return None
    return payload
