"""Rows -> pages: where each row of the flowing part goes, keeping glued rows together and
letting photos float to the top of the next page."""
from __future__ import annotations

import math

from .page import BLOCK_TOP, GRID_LINES, KEEP, NEXT, PITCH, Page, Row, Rule

LOOKBACK = Row.carry  # rows a page may give up to keep glued rows together


def paginate(rows: list[Row], first_row: int) -> list[tuple[int, float, Row]]:
    """Place rows on pages of GRID_LINES lines: (page index, grid line on page where it starts, row).

    Text rows start on a grid line; a block (photo, table row) starts where the row before it
    ends, and is never split. When the next row does not fit, the page ends at the latest
    boundary within its last LOOKBACK rows whose glue is weakest: unglued first, then a
    heading's, and only if nothing else is possible inside a paragraph's first or last two
    lines, and last of all inside a headline entry. What follows that boundary moves to the
    next page with the row (unless together they would not fit a page). A blank row at the top
    of a page is dropped; a table row atop a new page gets its table's header above it.

    A photo is a float, as typesetters set one: when it does not fit, the text of its article
    that follows it fills the page, and the photo (with its caption) opens the next page. It
    never waits past its article: when the article ends first, the page ends there, so the
    photo stays beside its article's text. Floats keep their order.
    """
    pages: list[list[Row]] = [[]]
    waiting: list[Row] = []  # floats for the top of the next page, in order

    def floats_on_top() -> list[Row]:
        top: list[Row] = []
        for f in waiting:
            if top and not _fits([*top, f], 0):
                break
            top.append(f)
        return top

    def open_page(rows_after: list[Row]) -> None:
        """A new page: the waiting floats that fit on it first, then `rows_after`."""
        top = floats_on_top()
        del waiting[: len(top)]
        pages.append([*top, *rows_after])

    for row in rows:
        while waiting and row.article != waiting[0].article:
            open_page([])  # the float's article ended on this page: the float opens the next
        page = pages[-1]
        if row.blank and not page:
            continue
        if waiting and row.floats:
            waiting.append(row)  # a later photo never passes one that waits
            continue
        if _fits([*page, row], first_row if len(pages) == 1 else 0):
            page.append(row)
            continue
        if row.floats and page:
            waiting.append(row)  # the text after it fills this page
            continue
        cut = _best_cut(page, row.carry)
        tail = page[cut:]
        del page[cut:]
        while tail and tail[0].blank:
            tail.pop(0)
        new = _with_header([*tail, row] if not (row.blank and not tail) else tail)
        if not _fits([*floats_on_top(), *new], 0):
            page += tail  # the row alone needs the whole page: what was before stays
            new = _with_header([row])
            if waiting and not _fits([*floats_on_top(), *new], 0):
                open_page([])  # the floats on a page of their own, the row after them
        open_page(new)
    while waiting:
        open_page([])
    placed = []
    for p, page in enumerate(pages):
        for start, r in zip(_starts(page, first_row if p == 0 else 0), page):
            placed.append((p, start, r))
    return placed


def _starts(page: list[Row], first: int) -> list[float]:
    """Where each row of a page starts, in grid lines from the top of the text block."""
    out, at = [], float(first)
    for r in page:
        if r.grid:
            at = math.ceil(at - 1e-6)
        out.append(at)
        at += r.lines
    return out


def _fits(page: list[Row], first: int) -> bool:
    return not page or _starts(page, first)[-1] + page[-1].lines <= GRID_LINES + 1e-6


def _with_header(page: list[Row]) -> list[Row]:
    return [*page[0].header, *page] if page else page


def _best_cut(page: list[Row], lookback: int = LOOKBACK) -> int:
    """Index where the next page starts: page[i-1].glue_next is the glue across that boundary."""
    for level in (0, NEXT, KEEP):
        for i in range(len(page), max(0, len(page) - lookback), -1):
            if page[i - 1].glue_next <= level:
                return i
    return len(page)


def draw_rows(pages: list[Page], placements: list[tuple[int, float, Row]], first_row: int) -> float:
    """Draw each placed row on its page, adding pages as they are needed, and return the height
    (pt) the rows take on the last page. A drawn row is let go from `placements`: its runs live
    on the page only."""
    last = placements[-1] if placements else (0, first_row - 1, Row(None))
    for k, (page_no, line_no, row) in enumerate(placements):
        placements[k] = None  # a drawn row is let go: its runs now live on the page only
        while len(pages) < page_no + 1:
            pages.append(Page(len(pages) + 1))
        if row.draw:
            row.draw(pages[page_no], BLOCK_TOP - line_no * PITCH)
    for page in pages:  # table rows share the rule between them: draw it once
        seen: set[tuple] = set()
        page.items = [it for it in page.items if not isinstance(it, Rule)
                      or ((key := (it.x0, it.x1, round(it.y, 3), it.thickness)) not in seen
                      and not seen.add(key))]
    return (last[1] + last[2].lines) * PITCH if last[0] == len(pages) - 1 else 0.0
