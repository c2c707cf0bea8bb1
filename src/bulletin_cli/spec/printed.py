"""The text a value prints, each character mapped to where it was written: the one reading of
every text a bulletin prints, shared by the converter (convert.py, bodyfile.py), which keeps the
text, and by proofreading (proofread/), which needs each character's place to report and fix it.

A value is read as `Line`s of `Piece`s. Plain and block scalars are read from the file itself:
they have no escapes, so the source is the content, while YAML's folding would put a space
between two Chinese lines and forget where each line was. Quoted scalars are re-read here as
YAML reads them (escapes, '' and line folding), keeping each character's span; where that
re-reading does not give YAML's own value, the value is taken as YAML gives it, unmapped. The
lines of one paragraph join as `join_lines` joins them: a space only between two narrow
characters. A .md or .txt body file is read into lines the same way (TextLines).
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from yaml.nodes import ScalarNode

from ..i18n import N_, _
from .source import BREAK

# Characters pasted from web pages and chat apps that print nothing: zero-width spaces and
# joiners, the BOM, soft hyphens, variation selectors.
INVISIBLE = re.compile("[\u00ad\u034f\u180e\u200b-\u200d\u2060-\u2064\ufeff\ufe00-\ufe0f"
                       "\U000e0100-\U000e01ef]")
# Characters no text may hold, wherever it comes from (spec, .txt, .md, .docx): controls other
# than tab and line breaks, surrogates and the non-characters U+FFFE/U+FFFF print nothing and make
# the OFD's XML and the PDF's XMP packet invalid; bidi controls reorder how a line reads.
CONTROL = re.compile("[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFFFE\uFFFF]")
BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
BIDI_HINT = N_("it reorders how the text reads (pasted from a web page?): delete it")
NUL_HINT = N_("a text file holds no NUL: is it UTF-16, or not text at all? Re-save it as UTF-8 text")
VALUE_BREAK = re.compile("[\n\x85\u2028\u2029]")  # in a value: a new paragraph (\n \N \L \P)
_PROPS = re.compile(r"(?:[!&]\S*(?:\s+|$))*")  # a node's tag and anchor, which its span starts with
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
            "r": "\r", "e": "\x1b", " ": " ", '"': '"', "\\": "\\", "/": "/", "N": "\x85", "_": "\xa0",
            "L": "\u2028", "P": "\u2029"}
_HEX = {"x": 2, "u": 4, "U": 8}


def printable(text: str) -> str:
    """Text as it prints: what prints nothing (INVISIBLE) dropped, a tab made a space. The one
    cleaning of every text a bulletin prints: spec values, table cells, .docx/.md/.txt bodies,
    once `unprintable` (CONTROL, BIDI) has found nothing in them."""
    return INVISIBLE.sub("", text).replace("\t", " ")


def char_message(ch: str) -> str:
    if ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F:
        return _("control character U+{code:04X} is not allowed").format(code=ord(ch))
    return _("character U+{code:04X} is not allowed").format(code=ord(ch))


def bidi_message(ch: str) -> str:
    return _("bidi control character U+{code:04X} is not allowed").format(code=ord(ch))


def unprintable(text: str) -> tuple[int, str, str | None] | None:
    """Where the first character `text` may not hold is (offset), why, and a hint; None if none."""
    m = CONTROL.search(text)
    if m:
        return m.start(), char_message(m.group()), _(NUL_HINT) if m.group() == "\0" else None
    m = BIDI.search(text)
    if m:
        return m.start(), bidi_message(m.group()), _(BIDI_HINT)
    return None


def join_lines(parts: Iterable[str]) -> str:
    """Join the lines of one paragraph: no space where either side is a wide (CJK)
    character, one space between two narrow ones (Latin letters, digits)."""
    from ..text.linebreak import is_full_width

    out: list[str] = []
    for part in parts:
        if out and not (is_full_width(out[-1][-1]) or is_full_width(part[0])):
            out.append(" ")
        out.append(part)
    return "".join(out)


@dataclass(slots=True)
class Piece:
    """Characters of a value and the span of the file they came from. `editable`: that span
    is these characters, written as themselves or as one escape (\\" '' \\u201c), so it may be
    replaced; not so a line break folded into a space, a join between lines, an unmapped value.
    A piece is one character, or a run of a line written as it prints (text == the file's span,
    character for character: most of a spec, read without a piece per character)."""

    text: str
    start: int | None  # None: not in the file (the join between two lines, an unmapped value)
    end: int | None
    editable: bool
    edited: bool = False


Line = list[Piece]  # one printed line, stripped; [] a blank line, which ends a paragraph


def text_of(pieces: Iterable[Piece]) -> str:
    return "".join(p.text for p in pieces)


def join(lines: Iterable[Line]) -> Line:
    """join_lines on pieces: the space between two narrow characters is in no file."""
    from ..text.linebreak import is_full_width

    out: Line = []
    for line in lines:
        if out and not (is_full_width(out[-1].text[-1]) or is_full_width(line[0].text[0])):
            out.append(Piece(" ", None, None, False))
        out += line
    return out


def paragraphs(lines: Iterable[Line]) -> list[list[Line]]:
    """Lines grouped into paragraphs: blank lines separate them."""
    out: list[list[Line]] = [[]]
    for line in lines:
        if line:
            out[-1].append(line)
        elif out[-1]:
            out.append([])
    return [p for p in out if p]


def scalar_lines(text: str, node: ScalarNode) -> list[Line]:
    """The printed lines of a scalar written in the file `text` (the text YAML composed)."""
    if node.style not in ('"', "'"):
        return [_line_pieces(raw, at, True) for at, raw in _source_lines(text, node)]
    lines = _quoted_lines(text, node)
    if lines is None:  # not understood: the value as YAML gives it, never edited
        lines = [[Piece(c, None, None, False) for c in part] for part in VALUE_BREAK.split(node.value)]
        lines = [x for line in lines for x in ([], as_printed(line))][1:]
    return lines


@dataclass
class TextLines:
    """A .md or .txt body's text as printed lines (str.splitlines: as a text editor counts them),
    each piece's span an index into `text`."""

    text: str
    lines: list[Line]
    starts: list[int]  # where each line starts

    @classmethod
    def read(cls, text: str) -> TextLines:
        lines, starts, at = [], [], 0
        for raw in text.splitlines(keepends=True):
            starts.append(at)
            lines.append(_line_pieces(raw.splitlines()[0], at, False))  # without its line break
            at += len(raw)
        return cls(text, lines, starts)

    def position(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, index) or 1
        return line, index - self.starts[line - 1] + 1


def _source_lines(text: str, node: ScalarNode) -> list[tuple[int, str]]:
    """A plain or block scalar's lines, read from the file `text` itself: (index in `text` of the
    line's first character, the line). The node's tag and anchor and a block's | or > header line
    are skipped."""
    start, end = node.start_mark.index, node.end_mark.index
    breaks = list(BREAK.finditer(text, start, end))
    spans = zip([start] + [m.end() for m in breaks], [m.start() for m in breaks] + [end])
    out: list[tuple[int, str]] = []
    content, header = False, node.style in ("|", ">")
    for first, last in spans:
        raw = text[first:last]
        if not content:  # the span starts with the tag and anchor, then a block's | or > header
            props = _PROPS.match(raw).end()  # type: ignore[union-attr]
            raw, first = raw[props:], first + props
            if header and raw.strip():
                header = False
                continue
        content = content or bool(raw.strip())
        out.append((first, raw))
    return out


def _line_pieces(line: str, at: int, editable: bool) -> Line:
    """A source line (at index `at` of its file) as it prints (as_printed): one run when nothing
    in it is cleaned away, which is nearly always, else a piece per character."""
    stripped = line.strip()
    if "\t" in stripped or INVISIBLE.search(stripped):
        return as_printed([Piece(c, at + k, at + k + 1, editable) for k, c in enumerate(line)])
    lead = len(line) - len(line.lstrip())
    return [Piece(stripped, at + lead, at + lead + len(stripped), editable)] if stripped else []


def as_printed(line: Line) -> Line:
    """A line's pieces as the bulletin prints them (printable, then stripped): what prints
    nothing becomes an empty piece (still in the file, so a fix across it removes it), a tab a
    space; spaces and empty pieces at either end go."""
    line = [Piece("", p.start, p.end, p.editable) if INVISIBLE.fullmatch(p.text)
            else Piece(" ", p.start, p.end, p.editable) if p.text == "\t" else p for p in line]
    while line and (not line[0].text or line[0].text.isspace()):
        line.pop(0)
    while line and (not line[-1].text or line[-1].text.isspace()):
        line.pop()
    return line


_FOLD = Piece("", None, None, False)  # in a scanned quoted scalar: a source line ended here


def _quoted_lines(text: str, node: ScalarNode) -> list[Line] | None:
    """A quoted scalar's printed lines: a line for each source line (joined into a paragraph as
    join_lines joins them, without the space YAML's folding puts between two Chinese lines); a
    blank line or a \\n \\N \\L \\P escape starts a new paragraph; an escaped line break joins
    two lines with nothing between. None where the re-reading does not give YAML's value."""
    begin = _PROPS.match(text, node.start_mark.index).end() + 1  # type: ignore[union-attr]
    inside = text[begin:node.end_mark.index - 1]
    if inside == node.value and not BREAK.search(inside):  # one line, no escape: most quoted values
        return [_line_pieces(inside, begin, True)]
    scanned = _scan_quoted(text, begin)
    if scanned is None or "".join(" " if p is _FOLD else p.text for p in scanned) != node.value:
        return None
    lines: list[Line] = [[]]
    for p in scanned:
        if p is _FOLD:
            lines.append([])
        elif VALUE_BREAK.fullmatch(p.text):
            lines += [[], []]
        else:
            lines[-1].append(p)
    return [as_printed(line) for line in lines]


def _scan_quoted(text: str, i: int) -> list[Piece] | None:
    """Re-read a quoted scalar whose text starts at `i` (after its quote) as PyYAML does
    (escapes, '' and line folding), keeping for each character of the value the span of the file
    it came from; a single line break folded into a space is _FOLD. None where it cannot follow."""
    quote, out = text[i - 1], []
    try:
        while True:
            c = text[i]
            if c == quote and quote == "'" and text[i + 1] == "'":
                out.append(Piece("'", i, i + 2, True))
                i += 2
            elif c == quote:
                return out
            elif c == "\\" and quote == '"':
                e = text[i + 1]
                if e in _ESCAPES:
                    out.append(Piece(_ESCAPES[e], i, i + 2, True))
                    i += 2
                elif e in _HEX:
                    n = _HEX[e]
                    out.append(Piece(chr(int(text[i + 2:i + 2 + n], 16)), i, i + 2 + n, True))
                    i += 2 + n
                elif BREAK.match(text, i + 1):  # an escaped line break joins the lines
                    i = BREAK.match(text, i + 1).end()  # type: ignore[union-attr]
                    i = _blank_lines(text, i, out)
                else:
                    return None
            elif c in " \t" or BREAK.match(text, i):
                j = i
                while text[j] in " \t":
                    j += 1
                brk = BREAK.match(text, j)
                if brk is None:
                    out += [Piece(text[k], k, k + 1, True) for k in range(i, j)]
                    i = j
                    continue
                first = brk.group() if brk.group() in "\u2028\u2029" else "\n"
                k = _blank_lines(text, brk.end(), blanks := [])
                if first != "\n":
                    out.append(Piece(first, i, brk.end(), False))
                elif not blanks:
                    out.append(_FOLD)  # a single line break folds to a space in YAML's value
                out += blanks
                i = k
            else:
                out.append(Piece(c, i, i + 1, True))
                i += 1
    except (IndexError, ValueError):
        return None


def _blank_lines(text: str, i: int, out: list[Piece]) -> int:
    """Skip the indentation and blank lines after a line break in a quoted scalar; each blank
    line is a "\\n" of the value (YAML's folding). Returns where the next content starts."""
    while True:
        j = i
        while text[j] in " \t":
            j += 1
        brk = BREAK.match(text, j)
        if brk is None:
            return j
        out.append(Piece(brk.group() if brk.group() in "\u2028\u2029" else "\n", j, brk.end(), False))
        i = brk.end()
