"""The paragraph breaker walks each line once (running sums of advances): it must break exactly
where the plain definition does, which measures every candidate line again from its start."""
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin_cli.text.linebreak import break_allowed, break_paragraph, tokenize


def _widths(units, s, e):
    w = [u.width for u in units[s:e]]
    for k in range(s, e - 1):
        a, b = units[k], units[k + 1]
        if a.kind == "close" and b.kind in ("close", "open"):
            w[k - s] = 0.5
        elif a.kind == "open" and b.kind == "open":
            w[k + 1 - s] = 0.5
    return w


def _trim(units, s, e):
    while s < e and units[s].kind == "space":
        s += 1
    while e > s and units[e - 1].kind == "space":
        e -= 1
    return s, e


def fits(units, s, e, width):
    """The definition: the line units[s:e], trimmed, marks compressed, a closing mark at its end
    pushed in to half width if that is what it takes, is no wider than `width`."""
    s, e = _trim(units, s, e)
    w = _widths(units, s, e)
    if e > s and units[e - 1].kind == "close" and sum(w) > width + 1e-9:
        w[-1] = 0.5
    return sum(w) <= width + 1e-9


def reference_breaks(text, width, measure, indent):
    """Greedy breaks by the definition (before the runt rule): (line end indices, forced lines)."""
    units = tokenize(text, measure, width - indent if indent < width else width)
    allowed, relaxed = break_allowed(units), break_allowed(units, glue=False)
    breaks, forced, s = [], [], 0
    while s < len(units):
        w = width - (indent if not breaks else 0.0)
        e = s + 1
        while e <= len(units) and fits(units, s, e, w):
            e += 1
        longest = e - 1  # the last e that fitted
        ends = [b for b in range(s + 1, longest + 1) if allowed[b]] or \
            [b for b in range(s + 1, longest + 1) if relaxed[b]]
        if ends:
            e = ends[-1]
        else:
            e = max(s + 1, longest)
            forced.append(len(breaks))
        while e < len(units) and units[e].kind == "space":
            e += 1
        breaks.append(e)
        s = e
    return units, breaks, forced


def half(s, at=0):
    return 0.5 * len(s)


def odd(s, at=0):
    """Advances that are not multiples of a half cell, as real faces give."""
    return sum(0.37 + 0.11 * (ord(c) % 5) for c in s)


ALPHABET = list("中文排版规则测试的一是在不了有和人这") + list("，。、；：？！”’）》") + list("“‘（《「") \
    + ["——", "……", "⋯⋯"] + list("0123456789") + ["PM2.5", "6.3%", "ISO", "C919", " ", "  ", "abc",
                                                 "2021年", "56号", "第", "〔", "〕", "\u3000", "https://a.b/c-d"]


@settings(max_examples=300, deadline=None)
@given(
    parts=st.lists(st.sampled_from(ALPHABET), min_size=1, max_size=150),
    width=st.sampled_from([3, 5.5, 6, 9.5, 10, 17, 28, 40, 10_000]),
    indent=st.sampled_from([0.0, 2.0]),
    measure=st.sampled_from([half, odd]),
)
def test_breaks_as_the_definition_does(parts, width, indent, measure):
    text = "".join(parts)
    units, breaks, forced = reference_breaks(text, width, measure, indent)
    got = break_paragraph(text, width, measure, indent)
    starts = [0, *breaks[:-1]]
    want_ends = [units[b - 1].end if b > s else units[s].start for s, b in zip(starts, breaks)]
    # the runt rule may move the last break back, and only that one
    assert len(got) == len(breaks)
    assert [ln.end for ln in got[:-2]] == want_ends[:-2]
    assert [k for k, ln in enumerate(got) if ln.forced] == forced
    assert "".join(text[ln.start:ln.end] for ln in got) == text
    for ln in got:  # every line the breaker made fits by the definition
        k = next(i for i, u in enumerate(units) if u.start >= ln.start)
        e = next((i for i, u in enumerate(units) if u.start >= ln.end), len(units))
        assert ln.forced or fits(units, k, e, ln.width - ln.indent)
