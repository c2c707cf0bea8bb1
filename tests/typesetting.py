"""Counts of typesetting defects in a built bulletin, read from character boxes in the PDF.

Every count must be zero; the counters are shared by the seed test and the corpus test."""
from __future__ import annotations

import ctypes
import re
from collections import Counter

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from bulletin_cli.layout.page import BLOCK_BOTTOM, BLOCK_TOP, CELL, LEFT
from bulletin_cli.model import plain_title
from bulletin_cli.spec.reader import load_spec
from bulletin_cli.text.linebreak import (
    CLOSING,
    NO_END,
    NO_START,
    OPENING,
    break_allowed,
    is_full_width,
    tokenize,
)

from .pdffacts import RIGHT, PLine, body_lines, ends_at_right_edge, paragraph_final, read_lines

MARKS = CLOSING | OPENING
TRAILING_MARKS = "，。、；：？！”’）》」』…⋯—!),.:;?]}"  # half-width as pasted from the web too
# Marks GB/T 15834 §5.1.1-2 puts in the left of their cell (点号 居左下, ？！ 居左)
LEFT_MARKS = "、。，；：？！"
CENTRED = 0.33  # ink centre further from the cell's left edge than this, in em: a centred mark
NUMBERED = [re.compile(p) for p in (r"^[一二三四五六七八九十百]+、", r"^（[一二三四五六七八九十百]+）",
                                    r"^\d+[.．]", r"^（\d+）")]


def count_defects(pdf_path, spec_path=None) -> dict[str, list[str]]:
    """Defects by kind; with the spec the PDF was built from, its headline list is checked too."""
    lines = read_lines(pdf_path)
    inside = [ln for ln in lines if BLOCK_BOTTOM - 1 < ln.y < BLOCK_TOP]
    body = body_lines(lines)
    found: dict[str, list[str]] = {k: [] for k in (
        "forbidden_start", "forbidden_end", "short_of_edge", "runt", "outside_block",
        "full_line_not_28", "orphan", "widow", "title_at_foot", "overlap", "headline_split",
        "headline_indent", "item_in_heading_face", "centred_mark")}
    body_ids = {id(ln) for ln in body}

    def continues(k: int) -> bool:
        """Does the text of inside[k] go on in the next line (so a break ended this one)?"""
        nxt = inside[k + 1] if k + 1 < len(inside) else None
        if id(inside[k]) in body_ids:
            return nxt is not None and id(nxt) in body_ids and abs(nxt.x0 - LEFT) < 0.5
        return (nxt is not None and nxt.page == inside[k].page and nxt.size == inside[k].size
                and inside[k].y - nxt.y < 2.2 * nxt.size)

    for k, ln in enumerate(inside):
        # only a line that continues a paragraph or a title starts where a break put it; the
        # first character of a paragraph, headline or title is the author's
        if id(ln) in body_ids:
            starts_paragraph = abs(ln.x0 - LEFT) > 0.5
        else:
            prev = inside[k - 1] if k else None
            starts_paragraph = not (prev and prev.page == ln.page and prev.size == ln.size
                                    and prev.y - ln.y < 2.2 * ln.size)
        # a URL too long for a line breaks after / or before . (clreq: rather than overflow)
        url_start = ln.text[0] == "." and ln.text[1:2].isascii() and ln.text[1:2].isalnum()
        url_end = ln.text[-1] == "/" and ln.text[-2:-1].isascii() and ln.text[-2:-1] != " "
        if ln.text[0] in NO_START and not starts_paragraph and not url_start:
            found["forbidden_start"].append(ln.text)
        if ln.text[-1] in NO_END and not url_end and continues(k):
            found["forbidden_end"].append(ln.text)
        if ln.chars[0]["x0"] < LEFT - 0.5 or _ink_right(ln.chars[-1]) > RIGHT + 0.5:
            found["outside_block"].append(ln.text)
        # a narrow glyph (digit, Latin) whose advance runs into the next glyph: measured in one
        # face, drawn in another
        for a, b in zip(ln.chars, ln.chars[1:]):
            if not is_full_width(a["text"]) and b["x0"] < a["x1"] - 0.3:
                found["overlap"].append(ln.text)
                break
    for k, ln in enumerate(body):
        final = paragraph_final(body, k)
        if final:
            core = ln.text.rstrip(TRAILING_MARKS)
            if len(core) <= 1 and _continues_paragraph(ln):
                found["runt"].append(ln.text)
            continue
        if ln.x0 > LEFT + 2.5 * CELL:
            continue  # hanging headline lines
        if not ends_at_right_edge(ln):
            found["short_of_edge"].append(ln.text)
        full = all(is_full_width(c) for c in ln.text) and abs(ln.x0 - LEFT) < 0.5
        if full and not _holds_its_28(ln, body, k):
            found["full_line_not_28"].append(ln.text)
    _count_page_breaks(lines, body, found)
    if spec_path is not None:
        _count_headlines(inside, load_spec(spec_path).headline_list, found)
    _count_items(lines, body, found)
    _count_centred_marks(pdf_path, found)
    return found


def _count_headlines(inside: list[PLine], headlines: list[str], found: dict[str, list[str]]) -> None:
    """Each headline of the list: its lines on one page (headline_split), its first line two
    characters in and its continuation lines one more (headline_indent)."""
    k = 0
    for h in headlines:
        want = "".join(plain_title(h).split())
        while k < len(inside) and not (want.startswith(inside[k].text) and inside[k].size < 17):
            k += 1
        got, entry = "", []
        while k < len(inside) and len(got) < len(want) and want.startswith(got + inside[k].text):
            got += inside[k].text
            entry.append(inside[k])
            k += 1
        if got != want:
            found["headline_indent"].append(f"not found as lines of the list: {h}")
            continue
        if len({ln.page for ln in entry}) > 1:
            found["headline_split"].append(h)
        cell = CELL if entry[0].size > 15 else entry[0].size
        for j, ln in enumerate(entry):
            if abs(ln.x0 - (LEFT + (3 if j else 2) * cell)) > 0.5:
                found["headline_indent"].append(ln.text)


def _count_items(lines: list[PLine], body: list[PLine], found: dict[str, list[str]]) -> None:
    """A numbered paragraph set (beyond its number) in another face than the body's, when it is
    a list item: its numbered part has sentence punctuation or runs past its first line, or it
    or another paragraph of its run numbered alike ends with ；or ：."""
    titles = [(ln.page, -ln.y) for ln in lines if abs(ln.size - 22) < 0.1]
    start = min(titles, default=(0, 0.0))
    body = [ln for ln in body if (ln.page, -ln.y) > start]  # the headline list is not articles
    face = Counter(c["fontname"] for ln in body for c in ln.chars).most_common(1)
    if not face:
        return
    body_face = face[0][0]
    paras: list[list[PLine]] = []
    for ln in body:
        if abs(ln.x0 - LEFT - 2 * CELL) < 0.5 or not paras:
            paras.append([ln])
        else:
            paras[-1].append(ln)
    run: list[tuple[int | None, list[PLine]]] = []
    for p in [*paras, []]:
        text = "".join(ln.text for ln in p)
        kind = next((i for i, pat in enumerate(NUMBERED) if pat.match(text)), None)
        if run and (kind is None or kind != run[-1][0]):
            is_list = any("".join(ln.text for ln in q)[-1] in "；：" for _, q in run)
            for _, q in run:
                chars = [c for ln in q for c in ln.chars]
                span = ""
                for c in chars:
                    if c["fontname"] == body_face:
                        break
                    span += c["text"]
                number = NUMBERED[run[0][0]].match(span)
                if not span or not number or len(span) == number.end():
                    continue
                if is_list or any(c in "，；：？！" for c in span) or len(span) > len(q[0].text):
                    found["item_in_heading_face"].append(span)
            run = []
        if kind is not None:
            run.append((kind, p))


def _count_centred_marks(pdf_path, found: dict[str, list[str]]) -> None:
    """、。，；：？！ whose ink (the glyph's bounds, as the PDF renderer measures them) sits toward
    the middle of the cell rather than at its left: a face with Taiwan-style marks."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        for pno in range(len(pdf)):
            tp = pdf[pno].get_textpage()
            for i in range(tp.count_chars()):
                ch = tp.get_text_range(i, 1)
                if ch not in LEFT_MARKS:
                    continue
                left, _b, right, _t = tp.get_charbox(i)
                x, y = ctypes.c_double(), ctypes.c_double()
                pdfium_c.FPDFText_GetCharOrigin(tp.raw, i, x, y)
                size = pdfium_c.FPDFText_GetFontSize(tp.raw, i)
                if ((left + right) / 2 - x.value) / size > CENTRED:
                    name = ctypes.create_string_buffer(128)
                    pdfium_c.FPDFText_GetFontInfo(tp.raw, i, name, 128, None)
                    found["centred_mark"].append(f"page {pno + 1}: {ch} in {name.value.decode()}")
    finally:
        pdf.close()


def _count_page_breaks(lines: list[PLine], body: list[PLine], found: dict[str, list[str]]) -> None:
    """孤行: a paragraph's first line alone at the foot of a page (orphan), its last line alone
    at the top of the next (widow); a title with fewer than two lines of text under it."""
    pages = sorted({ln.page for ln in body})
    for p in pages:
        on_page = [k for k, ln in enumerate(body) if ln.page == p]
        first, last = on_page[0], on_page[-1]
        top = body[first]
        if abs(top.x0 - LEFT) < 0.5 and paragraph_final(body, first) and first > 0 \
                and body[first - 1].page == p - 1:
            found["widow"].append(top.text)
        foot = body[last]
        if foot.x0 > LEFT + 1.5 * CELL and not paragraph_final(body, last) and foot.x0 < LEFT + 2.5 * CELL:
            found["orphan"].append(foot.text)
    titles = [ln for ln in lines if abs(ln.size - 22) < 0.1]
    for t in titles:
        if any(o.page == t.page and o.y < t.y for o in titles):
            continue  # not a title's last line
        nxt = min(((o.page, -o.y) for o in titles if (o.page, -o.y) > (t.page, -t.y)),
                  default=(10**9, 0))
        after = [ln for ln in body if (t.page, -t.y) < (ln.page, -ln.y) < nxt]  # its own text
        here = [ln for ln in after if ln.page == t.page]
        # the title's text goes on to the next page after fewer than two lines under it
        if len(here) < 2 and len(after) > len(here):
            found["title_at_foot"].append(t.text)


def _ink_right(c: dict) -> float:
    """Where a glyph's cell ends: a closing mark at line end may be set in half a cell."""
    if is_full_width(c["text"]):
        return c["x0"] + (CELL / 2 if c["text"] in CLOSING else CELL)
    return c["x1"]


def _continues_paragraph(ln: PLine) -> bool:
    """A last line that starts at the margin (not a one-line paragraph, which is indented)."""
    return abs(ln.x0 - LEFT) < 0.5


def _holds_its_28(ln: PLine, body: list[PLine], k: int) -> bool:
    """A full line of Chinese takes 28 cells (adjacent marks share 1.5); it may fall short only
    by what the rules had to move down: the unbreakable chain that starts the next line (a
    character with its closing mark, ——, a number with its unit, 〔2020〕26号), or the
    characters pulled down to keep the paragraph's last line from being a runt."""
    nxt = body[k + 1].text if k + 1 < len(body) else ""
    pairs = sum(1 for a, b in zip(ln.text, ln.text[1:]) if a in MARKS and b in MARKS)
    short = 28 - (len(ln.text) - 0.5 * pairs)
    if short <= 0.5:
        return True
    chain = _first_chain(nxt)
    core = tokenize(nxt.rstrip(TRAILING_MARKS), lambda s, _at: 0.6 * len(s))
    runt_fixed = paragraph_final(body, k + 1) and (
        len(nxt.rstrip(TRAILING_MARKS)) <= 3 or sum(u.width for u in core) <= chain + 1.5)
    # a runt fixed by pulling down a character, or the chain before it (50万人|次。); at most
    # the whole of that last line: the chain that could not start it (高……。 after 新提|) and
    # the character pulled down to keep 高 company (新|提高……。)
    whole = sum(u.width for u in tokenize(nxt, lambda s, _at: 0.6 * len(s)))
    return short <= chain + 0.5 or (runt_fixed and short <= max(chain + 1.0, 2.0, whole) + 0.5)


def _first_chain(text: str) -> float:
    """Width in cells of the units before the first place a line may break in `text`."""
    units = tokenize(text, lambda s, _at: 0.6 * len(s))
    allowed = break_allowed(units)
    width = 0.0
    for i, u in enumerate(units):
        width += u.width
        if allowed[i + 1]:
            break
    return width
