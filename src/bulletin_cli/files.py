"""Reading the files a spec names (photos, body files) and the spec itself without surprises:
only regular files (a FIFO or a device would block or never end), never more than a limit; and
the one reader of standard input."""
from __future__ import annotations

import os
import stat
import sys
from typing import BinaryIO

from .i18n import _


class Unreadable(Exception):
    """A file that cannot be read; str() says why, for the person who named it."""


def read_bounded(path: str, limit: int, kind: str) -> bytes:
    """The bytes of the regular file at `path`, refused when larger than `limit`.
    `kind` names the file in messages ("image", "body file": N_-marked, translated here)."""
    article = "an" if kind[0] in "aeiou" else "a"
    kind = _(kind)
    try:
        if not os.path.exists(path):
            raise FileNotFoundError
        if os.path.isdir(path):
            raise Unreadable((_("is a folder, not an {kind}") if article == "an" else
                              _("is a folder, not a {kind}")).format(kind=kind))
        if not os.path.isfile(path):
            raise Unreadable(_("is not a regular file (a pipe or a device?), cannot be used as {kind}")
                             .format(kind=kind))
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except FileNotFoundError:
        raise Unreadable(_("no such {kind}").format(kind=kind)) from None
    except OSError as e:
        raise Unreadable(_("cannot read the {kind}: {why}").format(kind=kind, why=e.strerror or e)) from None
    if len(data) > limit:
        raise Unreadable(_("{kind} is larger than {mb} MB, the limit").format(kind=kind, mb=limit >> 20))
    return data


def read_stdin(limit: int) -> bytes:
    """Standard input as bytes, at most `limit` + 1 of them (one more than allowed tells the caller
    it was too long without reading a gigabyte first). Bytes, never text: decoding is the
    reader's, so that a spec gets the same message whichever way it came in."""
    stream = getattr(sys.stdin, "buffer", None)  # None: closed (>&-) or no binary side
    if stream is None:
        return b"" if sys.stdin is None else sys.stdin.read(limit + 1).encode("utf-8", "surrogateescape")
    chunks, size = [], 0
    while size <= limit:
        chunk = stream.read(min(1 << 20, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


class NotRegular(OSError):
    """A pipe, socket or device where a file was asked for."""


def open_regular(path: str) -> BinaryIO:
    """Open a file to read, never waiting on it: a FIFO with no writer would block the open and
    a device never ends, so the open does not block and what it opened must be a regular file."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegular(_("is not a regular file (a pipe, socket or device)"))
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
