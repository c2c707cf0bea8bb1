"""Page breaking as data: rows with glue, placed on pages of 22 grid lines."""
from bulletin_cli.layout.page import GRID_LINES, KEEP, NEXT, Row
from bulletin_cli.layout.paginate import paginate


def para(n):
    """Rows of an n-line paragraph glued as layout glues them (first two, last two)."""
    return [Row(draw=lambda *_: None, glue_next=KEEP if n > 1 and k in (0, n - 2) else 0)
            for k in range(n)]


def pages_of(rows, placed):
    index = {id(r): p for p, _, r in placed}
    return [index[id(r)] for r in rows]


def test_first_line_never_alone_at_the_foot():
    filler = para(GRID_LINES - 1)  # one line left on page 1
    p = para(4)
    placed = paginate(filler + p, 0)
    assert pages_of(p, placed) == [1, 1, 1, 1]


def test_last_line_never_alone_at_the_top():
    filler = para(GRID_LINES - 3)  # three lines left: a 4-line paragraph would leave its last alone
    p = para(4)
    placed = paginate(filler + p, 0)
    assert pages_of(p, placed) == [0, 0, 1, 1]


def test_heading_never_ends_a_page():
    filler = para(GRID_LINES - 1)
    heading = [Row(draw=lambda *_: None, glue_next=NEXT)]
    p = para(5)
    placed = paginate(filler + heading + p, 0)
    assert pages_of(heading, placed) == [1]


def test_title_keeps_two_lines_of_its_text():
    filler = para(GRID_LINES - 3)
    blank = [Row(None)]
    title = [Row(draw=lambda *_: None, glue_next=KEEP)]
    p = para(6)
    p[0].glue_next = KEEP
    placed = paginate(filler + blank + title + p, 0)
    assert pages_of(title, placed) == [1]
    # the blank line before the title is not carried to the top of the new page
    assert all(not r.blank for pg, line, r in placed if pg == 1 and line == 0)


def test_first_page_starts_below_the_masthead():
    placed = paginate(para(30), 8)
    assert placed[0][:2] == (0, 8)
    assert sum(1 for pg, _, _ in placed if pg == 0) == GRID_LINES - 8


def test_headline_entry_never_splits():
    """Entries glued WHOLE inside: the page ends before an entry rather than inside it, even
    where the only other break is inside a paragraph's first two lines."""
    from bulletin_cli.layout.page import WHOLE

    filler = [Row(draw=lambda *_: None, glue_next=KEEP) for _ in range(GRID_LINES - 2)]
    entry = [Row(draw=lambda *_: None, glue_next=WHOLE) for _ in range(2)] + [Row(draw=lambda *_: None)]
    placed = paginate(filler + entry + para(3), 0)
    assert pages_of(entry, placed) == [1, 1, 1]
