"""Bytes a process makes once and keeps for the next bulletin: a batch worker writes one issue
after another with the same faces, and a face's subset made of the same glyphs as one written
before (the masthead's, the page numbers', the issues of one series) comes out the same bytes.
Kept, it is neither made nor compressed again; the PDF is the same byte for byte (zlib gives the
same bytes for the same input)."""
from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable


class Kept:
    """Bytes by key, up to `limit` bytes in all; the oldest go first."""

    def __init__(self, limit: int):
        self.items: dict[object, bytes] = {}
        self.size, self.limit = 0, limit

    def get(self, key: object, make: Callable[[], bytes]) -> bytes:
        out = self.items.get(key)
        if out is None:
            out = self.items[key] = make()
            self.size += len(out)
            while self.size > self.limit:
                self.size -= len(self.items.pop(next(iter(self.items))))
        return out


SUBSETS = Kept(32 << 20)  # a face's subset by (face, its characters): writers/pdf.py
COMPRESSED = Kept(32 << 20)  # Flate of a subset's bytes, by their digest


class KeptFlate:
    """A PDF stream filter (as reportlab's PDFZCompress: the same zlib call) that compresses
    each distinct content once per process."""

    pdfname = "FlateDecode"

    def encode(self, data: bytes) -> bytes:
        return COMPRESSED.get(hashlib.sha256(data).digest(), lambda: zlib.compress(data))


KEPT_FLATE = KeptFlate()
