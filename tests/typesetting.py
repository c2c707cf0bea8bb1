"""Counts of typesetting defects in a built bulletin, read from character boxes in the PDF.

Every count must be zero; the counters are shared by the seed test and the corpus test."""
from __future__ import annotations

from bulletin_cli.layout import BLOCK_BOTTOM, BLOCK_TOP, CELL, LEFT
from bulletin_cli.linebreak import CLOSING, NO_END, NO_START, OPENING, break_allowed, is_full_width, tokenize

from .pdffacts import RIGHT, PLine, body_lines, ends_at_right_edge, paragraph_final, read_lines

MARKS = CLOSING | OPENING
TRAILING_MARKS = "，。、；：？！”’）》」』"


def count_defects(pdf_path) -> dict[str, list[str]]:
    lines = read_lines(pdf_path)
    inside = [ln for ln in lines if BLOCK_BOTTOM - 1 < ln.y < BLOCK_TOP]
    body = body_lines(lines)
    found: dict[str, list[str]] = {k: [] for k in (
        "forbidden_start", "forbidden_end", "short_of_edge", "runt", "outside_block",
        "full_line_not_28", "orphan", "widow", "title_at_foot", "overlap")}
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
        if all(is_full_width(c) for c in ln.text) and abs(ln.x0 - LEFT) < 0.5:
            if not _holds_its_28(ln, body, k):
                found["full_line_not_28"].append(ln.text)
    _count_page_breaks(lines, body, found)
    return found


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
    runt_fixed = paragraph_final(body, k + 1) and len(nxt.rstrip(TRAILING_MARKS)) <= 3
    return short <= _first_chain(nxt) + 0.5 or (short <= 2.5 and runt_fixed)


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
