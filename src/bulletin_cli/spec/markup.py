"""The small inline syntax of an article body, one paragraph at a time (pure; no files).

    **粗体**            emphasis, set in the heading face
    ## 案情回顾          an unnumbered subheading (the whole paragraph)
    ![图注](photos/x.jpg)   a photo with its caption (the whole paragraph)
    \\*\\*  \\![          the characters themselves
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..i18n import N_, _

IMAGE = re.compile(r"!\[(?P<caption>[^\]]*)\]\((?P<path>[^)]*)\)")
SUBHEADING = re.compile(r"##[ \t\u3000]+(?=\S)")
ESCAPES = {"\\*\\*": "**", "\\![": "!["}
ESCAPE_HINT = N_(r"write \*\* or \![ for the characters themselves")


class MarkupError(Exception):
    """args: (message, offset of the offending mark in the paragraph, hint)."""


@dataclass
class Parsed:
    """One paragraph of marked-up text, its marks taken out."""

    kind: str  # "paragraph" | "subheading" | "image"
    text: str  # paragraph/subheading text without marks; an image's caption
    bold: tuple[tuple[int, int], ...] = ()
    path: str = ""  # an image's file, as written


def parse(text: str) -> Parsed:
    """One paragraph's text (lines already joined) -> what it is, marks removed."""
    m = IMAGE.fullmatch(text)
    if m:
        path = m.group("path").strip()
        if not path:
            raise MarkupError(_("an image needs a file: ![caption](photos/file.jpg)"), m.start("path"), None)
        caption, _spans = _inline(m.group("caption").strip(), m.start("caption"))
        return Parsed("image", caption, path=path)
    m = SUBHEADING.match(text)
    if m:
        heading, _spans = _inline(text[m.end():], m.end())
        return Parsed("subheading", heading)
    body, bold = _inline(text, 0)
    return Parsed("paragraph", body, bold)


def _inline(text: str, base: int) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Resolve escapes and ** pairs: (plain text, bold spans in it)."""
    if "**" not in text and "\\" not in text and "![" not in text:
        return text, ()  # nothing to resolve: most paragraphs (the loop costs ~4 µs a character)
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    opened: tuple[int, int] | None = None  # (offset in the output, offset in the paragraph)
    i = 0
    while i < len(text):
        esc = next((e for e in ESCAPES if text.startswith(e, i)), None)
        if esc:
            out.append(ESCAPES[esc])
            length += len(ESCAPES[esc])
            i += len(esc)
        elif text.startswith("**", i):
            if opened is None:
                opened = (length, base + i)
            else:
                if length > opened[0]:
                    spans.append((opened[0], length))
                opened = None
            i += 2
        elif text.startswith("![", i) and IMAGE.match(text, i):
            raise MarkupError(_("an image must be a paragraph of its own (blank lines around it)"),
                              base + i, _(ESCAPE_HINT))
        else:
            out.append(text[i])
            length += 1
            i += 1
    if opened is not None:
        raise MarkupError(_("** starts bold text that is never closed"), opened[1],
                          _("close it with ** in the same paragraph, or {hint}").format(hint=_(ESCAPE_HINT)))
    return "".join(out), tuple(spans)
