"""Proofreading (校对): the marks a proofreader makes on Chinese text, found by pure functions.

Rules from GB/T 15834-2011 (标点符号用法) and GB/T 9704-2012, applied to Chinese text only:
a Latin word, a URL, an e-mail address or a number (3.14, 1,000, 21:00) keeps its ASCII marks.
Every rule is written here by hand rather than taken from autocorrect-py or zhlint: their
defaults put a space between Chinese and Latin letters or digits, which offices do not write
(3月12日, 5G网络), and a false alarm costs more than a miss: on the clean corpus
(tests/corpus) and the seed bulletin the check finds nothing.

Two layers:
- `proofread(text, field)`: one paragraph (or title) -> `Hit`s, positions in that text.
- `proofread_spec(text, source)` / `fix_spec(text, source)`: a spec file's text -> `Finding`s at
  file:line:column with the field path, and the fixed file text. Each character of a value is
  mapped back to the file it was written in: the spec's own, a series file it extends (the
  merged document of `spec.compose_spec`), a .md/.txt body file; a Word body file's text is
  placed at its paragraph. Plain and block scalars map through `spec.source_lines` (their source
  is their content), quoted scalars by re-scanning their escapes and folding here; a quoted
  scalar whose re-scan does not give back YAML's own value is reported at its start and never
  fixed. `fix_spec` edits only the file it is given: never a series file through an issue
  (that is `check --fix SERIES`), never a body file (fix it in the source document).
"""
from __future__ import annotations

import bisect
import difflib
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import InputError
from ..files import Unreadable, read_bounded
from ..model import Figure, Paragraph, Spec, Table
from ..spec import markup
from ..spec.bodyfile import INVISIBLE, MAX_TEXT_BYTES, MD_HEADING, printable
from ..spec.reader import (
    _BREAK,
    _PROPS,
    BOOL,
    KNOWN_KEYS,
    NULL,
    STR,
    Key,
    check_series,
    compose_spec,
    parse_spec,
    source_lines,
)
from ..text.linebreak import is_full_width

RULES = {  # rule id -> what it marks (README lists the same)
    "half-width-mark": "ASCII , ; : ? ! next to Chinese -> ，；：？！, and a . after Chinese -> 。",
    "half-width-bracket": "ASCII ( ) in Chinese text -> （）",
    "straight-quote": 'straight quotes in Chinese text -> “” ‘’',
    "ellipsis": "... / 。。。 -> ……",
    "dash": "-- / －－ / a single — between Chinese words -> ——",
    "space": "a space between two Chinese characters or next to a full-width mark",
    "doubled-mark": "，， 。。 、、 ；； ：： -> one",
    "mark-after-mark": "a mark that cannot follow another (，。) -> the stronger one",
    "doc-number": "document number year in [2018] / (2018) -> 〔2018〕 (GB/T 9704)",
    "full-width-alnum": "full-width digits and Latin letters -> half width",
    "unpaired": "an opening or closing mark without its partner in the paragraph (not fixed)",
    "crossed": "pairs that cross, as in “…（…”…） (not fixed)",
}

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f\u3007"
_FW_MARKS = frozenset("，。、；：？！“”‘’（）《》〈〉【】〔〕「」『』〖〗…—～")
_SPACES = " \u3000\u00a0\t"
_NUM = "〇零一二三四五六七八九十百千万两"
# URLs and e-mail addresses keep every ASCII mark; trailing marks belong to the sentence.
_LINK = re.compile(r"(?:(?:https?|ftp)://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+"
                   r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# GB/T 9704 document number: issuer code, year, serial, 号 (绍市教[2018]99号). A court case number
# (（2018）京01民终123号) puts the court's code after the year and keeps its parentheses.
_DOC_NUMBER = re.compile(rf"(?<=[{_HAN}])[\[［(（【]((?:19|20)\d\d)[\]］)）】](?=\d{{1,5}}号)")
# Where a space is meaningful: after 第X条/章/节 opening a paragraph or a sentence (a law's
# articles pasted into one paragraph), after a heading number opening a paragraph.
_ARTICLE_NO = re.compile(rf"(?:^|[。；：])第[{_NUM}\d]+[编篇章节条款]$")
_HEADING_NO = re.compile(rf"(?:[{_NUM}]+、|[（(][{_NUM}\d]+[）)]|\d+[.．、]|[①-⑳])")
_PROSE = re.compile(rf"[，。；？！]|[{_HAN}][,;?!]")  # a paragraph of sentences, not a heading
_ELLIPSIS = re.compile(r"\.{3,}|。{3,}|．{3,}|·{3,}")
_DASH = re.compile(r"-{2,}|－{2,}|(?<!—)—(?!—)")
_ALNUM = re.compile(r"[０-９Ａ-Ｚａ-ｚ]+(?:．[０-９]+)?")
_RANK = {"、": 0, "，": 1, "：": 2, "；": 2, "。": 3, "？": 3, "！": 3}  # the stronger mark stays
_PAUSE, _END = "，、；：。", "？！"
_PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "〔": "〕", "【": "】", "〈": "〉", "「": "」", "『": "』"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_LIST_NUMBER = re.compile(rf"(?:^|[；。，：\s])[{_NUM}\dA-Za-z]{{1,3}}$")  # 1） 一） number a list: no （
# Fields whose spaces are never marked: a title's space is a break hint, a byline and the
# masthead marking separate their parts with one (医务处　张明, 内部资料　注意保存).
_NO_SPACE_FIELDS = re.compile(r"(^|\.)(title|byline|marking)$|^headlines(\[|$)")


_HAN_CHAR = re.compile(f"[{_HAN}]")
_HAN_RUN = re.compile(f"[{_HAN}]+")
_HAN_RUN_BACK = re.compile(f"[{_HAN}]{{1,7}}")  # on a reversed slice: the run before a position


def is_han(ch: str) -> bool:
    return _HAN_CHAR.fullmatch(ch) is not None


def is_chinese(ch: str) -> bool:
    """A Han character or a full-width Chinese mark."""
    return ch in _FW_MARKS or is_han(ch)


class Hit(NamedTuple):
    """One mark in a text: characters [start, end) and what they become (None: report only)."""

    start: int
    end: int
    rule: str
    fix: str | None


def proofread(text: str, field: str = "", continued: bool = False) -> list[Hit]:
    """The marks in one paragraph (or title) of `field` (a spec path: it decides whether
    spaces may be marked). `continued`: the next paragraph opens with “ (a quotation over
    several paragraphs closes only in its last), so an open “ here is not unpaired."""
    char = lambda i: text[i] if 0 <= i < len(text) else ""  # noqa: E731
    masked = [False] * len(text)
    for m in _LINK.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in ".,;:!?'\")]":
            end -= 1
        masked[m.start():end] = [True] * (end - m.start())
    hits: list[Hit] = []
    for m in _DOC_NUMBER.finditer(text):
        hits.append(Hit(m.start(), m.end(), "doc-number", f"〔{m.group(1)}〕"))
        masked[m.start():m.end()] = [True] * (m.end() - m.start())

    def free(m: re.Match) -> bool:
        return not any(masked[m.start():m.end()])

    def near_chinese(start: int, end: int) -> bool:
        return is_chinese(char(start - 1)) or is_chinese(char(end))

    for m in filter(free, _ELLIPSIS.finditer(text)):
        if near_chinese(m.start(), m.end()):
            hits.append(Hit(m.start(), m.end(), "ellipsis", "……"))
    for m in filter(free, _DASH.finditer(text)):
        if m.group() == "—":
            if is_han(char(m.start() - 1)) and is_han(char(m.end())) and not _connector(text, m.start()):
                hits.append(Hit(m.start(), m.end(), "dash", "——"))
        elif m.group()[0] == "－" or near_chinese(m.start(), m.end()):
            hits.append(Hit(m.start(), m.end(), "dash", "——"))
    hits += _quotes(text, masked, '"', "“”", lambda i, j: _chinese_pair(text, i, j))
    # An apostrophe (Xi'an, don't) is no quote: hide it from the pairing.
    apostrophes = [c == "'" and _alnum(char(i - 1)) and _alnum(char(i + 1)) for i, c in enumerate(text)]
    hits += _quotes(text, [a or b for a, b in zip(masked, apostrophes)], "'", "‘’",
                    lambda i, j: any(is_han(c) for c in text[i + 1:j]))
    hits += _brackets(text, masked)
    for i, c in enumerate(text):
        if c in ",;:?!" and not masked[i]:
            if near_chinese(i, i + 1) or (is_chinese(_beside(text, i, -1)) and is_chinese(_beside(text, i, 1))):
                hits.append(Hit(i, i + 1, "half-width-mark", c.translate(_WIDEN)))
        elif c == "." and not masked[i] and is_han(char(i - 1)) and (is_chinese(char(i + 1)) or i + 1 == len(text)):
            hits.append(Hit(i, i + 1, "half-width-mark", "。"))  # 案件.原告 (3.14, 1. and U.S. stay)
    for m in filter(free, _ALNUM.finditer(text)):
        hits.append(Hit(m.start(), m.end(), "full-width-alnum", unicodedata.normalize("NFKC", m.group())))
    for m in re.finditer(r"([，。、；：])\1+", text):
        hits.append(Hit(m.start(), m.end(), "doubled-mark", m.group(1)))
    for m in re.finditer(f"(?=([{_PAUSE}{_END}][{_PAUSE}]|[{_PAUSE}][{_END}]))", text):
        a, b = m.group(1)
        if a != b:
            hits.append(Hit(m.start(), m.start() + 2, "mark-after-mark", a if _RANK[a] >= _RANK[b] else b))
    if not _NO_SPACE_FIELDS.search(field):
        hits += _spaces(text)
    hits += _pairs(text, continued)
    return _resolve(hits)


_WIDEN = str.maketrans(",;:?!", "，；：？！")
_ORDER = ["doc-number", "ellipsis", "dash", "straight-quote", "half-width-bracket", "half-width-mark",
          "full-width-alnum", "doubled-mark", "mark-after-mark", "space", "unpaired", "crossed"]


def _resolve(hits: list[Hit]) -> list[Hit]:
    """One mark per character: where rules overlap the earlier rule in _ORDER wins (。。。 is an
    ellipsis, not a doubled 。); the other is found again, if still wrong, once this is fixed."""
    taken: list[Hit] = []
    used: set[int] = set()
    for hit in sorted(hits, key=lambda h: (_ORDER.index(h.rule), h.start)):
        span = range(hit.start, hit.end)
        if used.isdisjoint(span):
            taken.append(hit)
            used.update(span)
    return sorted(taken)


def _beside(text: str, i: int, step: int) -> str:
    """The first character before (step -1) or after (step 1) index i that is not a space."""
    i += step
    while 0 <= i < len(text) and text[i] in _SPACES:
        i += step
    return text[i] if 0 <= i < len(text) else ""


def _alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _connector(text: str, at: int) -> bool:
    """A single — joining two names is GB/T 15834's 连接号 (中国—东盟, 北京—上海特别旅客快车,
    古猿—猿人), not a dash written short: the Han run on one side of it is at most six
    characters long (a name); a dash between two longer clauses is marked."""
    after = _HAN_RUN.match(text, at + 1)
    before = _HAN_RUN_BACK.match(text[max(0, at - 7):at][::-1])
    return (after is not None and len(after.group()) <= 6) or (before is not None and len(before.group()) <= 6)


def _chinese_pair(text: str, i: int, j: int) -> bool:
    inside = any(is_han(c) for c in text[i + 1:j])
    return inside or is_chinese(text[i - 1:i]) or is_chinese(text[j + 1:j + 2])


def _quotes(text: str, masked: list[bool], straight: str, curly: str, chinese) -> list[Hit]:
    """Straight quotes paired in reading order with the curly ones around them: the first of
    a pair opens, the next closes. A pair in Chinese text becomes “…” (or ‘…’); a straight
    quote left open at the end is reported, never guessed."""
    hits, opened = [], None  # opened: index of the quote that opened the current pair
    for i, c in enumerate(text):
        if masked[i] or c not in (straight, *curly):
            continue
        if opened is None:
            if c != curly[1]:
                opened = i
        elif c != curly[0]:
            if straight in (text[opened], c) and chinese(opened, i):
                hits += [Hit(k, k + 1, "straight-quote", q) for k, q in zip((opened, i), curly) if text[k] == straight]
            opened = None
        else:
            opened = i
    if opened is not None and text[opened] == straight and chinese(opened, len(text)):
        hits.append(Hit(opened, opened + 1, "straight-quote", None))
    return hits


def _brackets(text: str, masked: list[bool]) -> list[Hit]:
    """ASCII ( ) in Chinese text, converted as a pair so the two always match; f(x) stays."""
    hits, stack = [], []

    def chinese(i: int) -> bool:
        return is_chinese(text[i - 1:i]) or is_chinese(text[i + 1:i + 2])

    for i, c in enumerate(text):
        if masked[i] or c not in "()":
            continue
        if c == "(":
            stack.append(i)
        elif stack:
            j = stack.pop()
            before = text[j - 1:j]
            latin_call = _alnum(before)  # f(x), IPv6(a)
            if any(is_han(ch) for ch in text[j + 1:i]) or is_chinese(before) or (chinese(i) and not latin_call):
                hits += [Hit(j, j + 1, "half-width-bracket", "（"), Hit(i, i + 1, "half-width-bracket", "）")]
        elif chinese(i):
            hits.append(Hit(i, i + 1, "half-width-bracket", "）"))
    hits += [Hit(j, j + 1, "half-width-bracket", "（") for j in stack if chinese(j)]
    return hits


def _spaces(text: str) -> list[Hit]:
    """Spaces a proofreader strikes out: next to a full-width mark, or between two Han
    characters in a paragraph of sentences (a heading or a signature line spaces its parts)."""
    hits, prose = [], _PROSE.search(text) is not None
    for m in re.finditer(f"[{_SPACES}]+", text):
        left, right = text[m.start() - 1:m.start()], text[m.end():m.end() + 1]
        if not left or not right or _ARTICLE_NO.search(text, max(0, m.start() - 16), m.start()) \
                or _HEADING_NO.fullmatch(text, 0, m.start()):
            continue
        if left in _FW_MARKS or right in _FW_MARKS or (prose and is_han(left) and is_han(right)):
            hits.append(Hit(m.start(), m.end(), "space", ""))
    return hits


def _pairs(text: str, continued: bool) -> list[Hit]:
    """Opening and closing marks without their partner, and pairs that cross (report only)."""
    hits, stack = [], []  # stack: indices of open marks
    open_count = dict.fromkeys(_PAIRS, 0)
    for i, c in enumerate(text):
        if c in "‘’" and text[i - 1:i].isascii() and text[i - 1:i].isalpha():
            continue  # China’s: an apostrophe
        if c in _PAIRS:
            stack.append(i)
            open_count[c] += 1
        elif c in _CLOSERS:
            opener = _CLOSERS[c]
            if stack and text[stack[-1]] == opener:
                stack.pop()
                open_count[opener] -= 1
            elif open_count[opener]:  # “…（…”…）: marked once, at the ”; the （ still pairs
                hits.append(Hit(i, i + 1, "crossed", None))
                del stack[max(k for k, j in enumerate(stack) if text[j] == opener)]
                open_count[opener] -= 1
            elif not (c == "）" and _LIST_NUMBER.search(text, max(0, i - 4), i)):
                hits.append(Hit(i, i + 1, "unpaired", None))
    for j in stack:
        if not (continued and text[j] == "“"):
            hits.append(Hit(j, j + 1, "unpaired", None))
    return hits


# -- a spec file: every character of a value mapped back to the file ------------------------

_TEXT_KINDS = {"title", "text", "line", "line_list", "paragraph", "paragraphs", "names", "body", "label"}
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
            "r": "\r", "e": "\x1b", " ": " ", '"': '"', "\\": "\\", "/": "/", "N": "\x85", "_": "\xa0",
            "L": "\u2028", "P": "\u2029"}
_HEX = {"x": 2, "u": 4, "U": 8}


@dataclass
class _Piece:
    """Characters of a value and the span of the file they came from. `editable`: that span
    is these characters, written as themselves or as one escape (\" '' \u201c), so it may be
    replaced; not so a line break folded into a space, a join between lines, an unmapped value.
    A piece is one character, or a run of a line written as it prints (text == the file's span,
    character for character: most of a spec, read without a piece per character)."""

    text: str
    start: int | None  # None: not in the file (the join between two lines, an unmapped value)
    end: int | None
    editable: bool
    edited: bool = False


@dataclass
class _Unit:
    """One paragraph (or a whole title, a table cell) as the bulletin prints it, character by
    character, and the file its characters are in (a piece's start and end index that file)."""

    field: str
    pieces: list[_Piece]
    at: int  # where to point when a character has no place of its own (the value's start)
    file: str
    paragraph: int = 0  # in a Word file: the paragraph's number; its pieces have no place
    document: bool = False  # from a body file: never fixed here (fix it in the source document)

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)


@dataclass(frozen=True)
class Finding:
    """One proofreading mark in a spec file."""

    file: str
    line: int
    col: int
    field: str
    rule: str
    text: str  # the characters marked, as the bulletin prints them
    fix: str | None  # what they become; None: report only (unpaired, crossed)
    context: str  # the text around them
    fixed_context: str | None  # the same after the fix
    fixable: bool  # --fix can apply it (False: a line folded in a quoted scalar, it was not understood,
    #                 or it is in a body file)
    document: bool = False  # in a body file (.docx/.md/.txt): fixed in the source document, not by --fix

    def format(self) -> str:
        head = f"{self.file}:{self.line}:{self.col}: {self.field}: {self.rule}: {self.context}"
        if self.fix is None:
            return f"{head} (fix by hand)"
        why = " (fix it in the source document)" if self.document else " (fix by hand: not fixable in place)"
        return f"{head} → {self.fixed_context}" + ("" if self.fixable else why)

    def as_json(self) -> dict:
        return {"file": self.file, "line": self.line, "col": self.col, "field": self.field, "rule": self.rule,
                "text": self.text, "fix": self.fix, "context": self.context, "fixable": self.fixable}


def proofread_spec(text: str, source: str, spec: Spec | None = None) -> list[Finding]:
    """Every proofreading mark in the spec `text` (a spec that loads: check it first), at the
    place it was written: its own values, those it takes from series files, table cells, body
    files. `spec`: the spec loaded from `text`, whose Word body files are read already; without
    it, a spec with a Word body file is loaded again here."""
    reader = _Reader(text, source, spec)
    findings: dict[tuple, tuple] = {}  # a value reached twice through an alias is marked once
    files = {source: 0}  # the spec's own file first, then the others as the spec reaches them
    # one unit and the next at a time: all of a 1000-article spec's units at once, a piece per
    # character then, took 0.9 GB
    units = reader.units()
    unit, k = next(units, None), 0
    while unit is not None:
        after = next(units, None)
        files.setdefault(unit.file, len(files))
        following = after if after is not None and after.field == unit.field else None
        body, (owner, first_char) = unit.text, _layout(unit)
        for hit in proofread(body, unit.field, bool(following and following.text.startswith("“"))):
            line, col = reader.place(unit, owner, first_char, hit.start)
            finding = Finding(unit.file, line, col, unit.field, hit.rule,
                              body[hit.start:hit.end], hit.fix, _context(body, hit.start, hit.end),
                              None if hit.fix is None else _context(body, hit.start, hit.end, hit.fix),
                              hit.fix is not None and not unit.document and _editable(unit, owner, hit),
                              unit.document)
            # in order of file, line, then value (the cells of a Word table share its line), column
            order = (files[unit.file], line, k, col)
            # a value reached twice through an alias shares its place; the cells of a Word table
            # share the table's number: told apart by field
            same = (unit.file, line, col, hit.start, hit.rule, body, unit.field if unit.paragraph else "")
            findings.setdefault(same, (order, finding))
        unit, k = after, k + 1
    return [finding for _, finding in sorted(findings.values(), key=lambda f: f[0])]


def fix_spec(text: str, source: str) -> tuple[str, int]:
    """The spec text with every safe fix applied, and how many places changed. Only the
    characters concerned change: comments, key order, quoting and block scalars stay as they
    were. The result is read back: a value that would not read back as its fixed text (a plain
    ３ fixed to 3 would become a number) keeps its original; ValueError if the file would not
    (it never should: a guard, so that a file is never damaged)."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    text = text.removeprefix("\ufeff")
    reader = _Reader(text, source, documents=False)
    units = reader.own_units()
    for unit in units:
        _fix_unit(unit)
    left_out: set[int] = set()  # values (by where they start) whose fixes are not applied
    for _ in range(3):
        kept = [u for u in units if u.at not in left_out]
        edits = {(p.start, p.end): p.text for u in kept for p in u.pieces if p.edited}
        fixed = text
        for (start, end), new in sorted(edits.items(), reverse=True):  # type: ignore[type-var]
            fixed = fixed[:start] + new + fixed[end:]  # type: ignore[index,misc]
        wrong = _misread(fixed, source, kept, reader.composed.series) if edits else set()
        if not wrong:
            return bom + fixed, len(edits)
        left_out |= {u.at for u in units if u.field in wrong}
    raise ValueError(f"{source}: the fixes would not read back as written; nothing changed")


def _misread(fixed: str, source: str, units: list[_Unit], series: bool) -> set[str]:
    """The fields of the fixed text that do not read back as the units say they should."""
    try:
        check_series(fixed, source) if series else parse_spec(fixed, source)
    except InputError as e:
        paths = {p.path for p in e.problems}
        return {u.field for u in units} if "" in paths else paths
    expected: dict[str, list[str]] = {}
    for u in units:
        expected.setdefault(u.field, []).append(u.text)
    found: dict[str, list[str]] = {}
    for u in _Reader(fixed, source, documents=False).own_units():
        found.setdefault(u.field, []).append(u.text)
    return {f for f in expected.keys() | found.keys() if expected.get(f) != found.get(f)}


def unified_diff(before: str, after: str, name: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        f"{name}", f"{name} (fixed)"))


def _fix_unit(unit: _Unit) -> None:
    """Apply fixable hits until none is left (a fix can reveal another: ,, -> ，， -> ，). Each
    character its own piece first, so that each fix is an edit of its own characters."""
    unit.pieces = _characters(unit.pieces)
    for _ in range(10):
        body, owner, first_char = unit.text, *_layout(unit)
        hits = [h for h in proofread(body, unit.field) if h.fix is not None and _editable(unit, owner, h)]
        if not hits:
            return
        below = len(unit.pieces)  # pieces from here on were replaced in this round
        for hit in reversed(hits):  # from the end, so earlier positions stay valid
            i, j = owner[hit.start], owner[hit.end - 1]
            if j >= below:  # shares a piece with the hit just applied: next round
                continue
            lo, hi = first_char[i], first_char[j] + len(unit.pieces[j].text)
            new = body[lo:hit.start] + hit.fix + body[hit.end:hi]  # type: ignore[operator]
            unit.pieces[i:j + 1] = [_Piece(new, unit.pieces[i].start, unit.pieces[j].end, True, True)]
            below = i


def _layout(unit: _Unit) -> tuple[list[int], list[int]]:
    """For each character of the unit's text the index of its piece, and for each piece the
    index of its first character (pieces that were deleted to "" own no character)."""
    owner: list[int] = []
    first_char: list[int] = []
    for k, p in enumerate(unit.pieces):
        first_char.append(len(owner))
        owner += [k] * len(p.text)
    return owner, first_char


def _editable(unit: _Unit, owner: list[int], hit: Hit) -> bool:
    """Whether characters [start, end) can be edited in the file: every piece they touch
    editable and each following the other in the file with no gap. A fix never writes a
    character that would need an escape in any YAML style (\\ " '), so replacing an escape
    or a plain character by it is always safe."""
    pieces = unit.pieces[owner[hit.start]:owner[hit.end - 1] + 1]
    if any(p.start is None or not p.editable for p in pieces):
        return False
    return all(a.end == b.start for a, b in zip(pieces, pieces[1:]))


def _context(text: str, start: int, end: int, fix: str | None = None, width: int = 8) -> str:
    lo, hi = max(0, start - width), min(len(text), end + width)
    middle = text[start:end] if fix is None else fix
    shown = ("…" if lo else "") + text[lo:start] + middle + text[end:hi] + ("…" if hi < len(text) else "")
    return shown.replace("\n", "⏎")


class _Reader:
    """The text values a spec prints, as units, and the files they are in: the spec's own file,
    the series files it extends (through the merged document, so a value the issue overrides is
    not read), its body files. `documents`: read body files too (fixing never needs them)."""

    def __init__(self, text: str, source: str, spec: Spec | None = None, documents: bool = True):
        self.text, self.source, self.spec, self.documents = text, source, spec, documents
        self.composed = compose_spec(text, source)
        self.line_starts: dict[str, list[int]] = {}  # file -> index of each line's first character

    def units(self) -> Iterator[_Unit]:
        if self.composed.root is not None:
            yield from self._walk(self.composed.root, "", Key("section", keys=KNOWN_KEYS))

    def own_units(self) -> list[_Unit]:
        """The units written in the spec's own file: what fix_spec may edit."""
        return [u for u in self.units() if u.file == self.source and not u.document]

    def place(self, unit: _Unit, owner: list[int], first_char: list[int], offset: int) -> tuple[int, int]:
        """(line, column) of the unit's character at `offset`; in a Word file (paragraph, character)."""
        if unit.paragraph:
            return unit.paragraph, offset + 1
        first = unit.pieces[owner[offset]]
        within = offset - first_char[owner[offset]] if len(first.text) > 1 else 0  # into a run
        where = unit.at if first.start is None else first.start + within
        if unit.file not in self.line_starts:  # a YAML file: its lines end where YAML's do
            breaks = _BREAK.finditer(self.composed.texts[unit.file])
            self.line_starts[unit.file] = [0] + [m.end() for m in breaks]
        starts = self.line_starts[unit.file]
        line = bisect.bisect_right(starts, where)
        return line, where - starts[line - 1] + 1

    def _walk(self, node: Node, path: str, key: Key) -> Iterator[_Unit]:
        if key.kind in ("section", "articles") and key.keys:
            items = node.value if key.kind == "articles" and isinstance(node, SequenceNode) else [node]
            for i, item in enumerate(items, 1):
                where = f"{path}[{i}]" if key.kind == "articles" else path
                if not isinstance(item, MappingNode):
                    continue
                names = {k.value for k, _ in item.value if isinstance(k, ScalarNode)}
                for k, v in item.value:
                    sub = key.keys.get(k.value) if isinstance(k, ScalarNode) else None
                    if sub is not None and sub.kind == "body_file":
                        yield from self._body_file(v, where, i, titled="title" in names)
                    elif sub is not None:
                        yield from self._walk(v, f"{where}.{k.value}" if where else k.value, sub)
        elif key.kind == "cells" and isinstance(node, SequenceNode):
            for i, row in enumerate(node.value, 1):
                for j, cell in enumerate(row.value if isinstance(row, SequenceNode) else [], 1):
                    yield from self._walk(cell, f"{path}[{i}][{j}]", Key("line"))
        elif key.kind in _TEXT_KINDS:
            if isinstance(node, SequenceNode):
                for i, item in enumerate(node.value, 1):
                    # a body list's text items are paragraphs; of its image and table blocks, the
                    # captions and cells
                    if isinstance(item, MappingNode) and key.kind == "body":
                        yield from self._walk(item, f"{path}[{i}]", Key("section", keys=_BLOCK_TEXT))
                    else:
                        kind = "paragraphs" if key.kind == "body" else "line"
                        yield from self._walk(item, f"{path}[{i}]", Key(kind))
            elif isinstance(node, ScalarNode) and node.tag not in (NULL, BOOL):  # a number prints as written
                name = node.start_mark.name
                yield from _scalar_units(self.composed.texts[name], name, node, path, key.kind)

    def _body_file(self, node: Node, where: str, index: int, titled: bool) -> Iterator[_Unit]:
        """The units of `articles[index].body_file`, resolved as the loader resolves it; the
        file's own title unless the article has a `title`."""
        if not self.documents or not (isinstance(node, ScalarNode) and node.tag == STR):
            return
        # beside the file that wrote it (a series file's folder for a body file it names)
        path = os.path.join(os.path.dirname(node.start_mark.name), printable(node.value).strip())
        ext = os.path.splitext(path)[1].lower()
        if ext in (".md", ".txt"):
            yield from self._text_file(path, ext, where, titled)
        elif ext == ".docx":
            yield from self._word_file(where, index, titled)

    def _text_file(self, path: str, ext: str, where: str, titled: bool) -> Iterator[_Unit]:
        """A .md or .txt body, split into paragraphs as bodyfile reads it, every character
        mapped to its place in the file."""
        try:
            text = read_bounded(path, MAX_TEXT_BYTES, "body file").decode("utf-8-sig")
        except (Unreadable, UnicodeDecodeError):
            return  # the loader has said so
        starts, lines, at = [], [], 0
        for raw in text.splitlines(keepends=True):  # bodyfile's lines: str.splitlines
            content = raw.splitlines()[0]  # without its line break
            starts.append(at)
            lines.append(_line_pieces(content, at, False))
            at += len(raw)
        self.line_starts[path] = starts
        runs = _paragraph_runs(lines)
        if ext == ".txt" and len(runs) == 1:  # a .txt without blank lines: a paragraph a line
            runs = [[line] for line in runs[0]]
        for k, run in enumerate(runs):
            pieces = _join(run)
            if ext == ".md":
                printed = "".join(p.text for p in pieces)
                m = MD_HEADING.match(printed)
                if m and k == 0 and printed.startswith("# "):  # the file's title
                    if not titled:
                        yield _Unit(f"{where}.title", _cut(pieces, m.end()), 0, path, document=True)
                    continue
                pieces = _markup_text(pieces, MD_HEADING)
            if pieces:
                yield _Unit(f"{where}.body_file", pieces, 0, path, document=True)

    def _word_file(self, where: str, index: int, titled: bool) -> Iterator[_Unit]:
        """A Word body as the loader read it: each paragraph, caption and table cell at the
        paragraph's number (a table is one), its characters counted within it."""
        spec = self._loaded()
        if spec is None or index > len(spec.articles):
            return
        article, field = spec.articles[index - 1], f"{where}.body_file"

        def unit(name: str, text: str, at: int, file: str) -> _Unit:
            return _Unit(name, [_Piece(c, None, None, False) for c in text], 0, file, at, True)

        title_loc = spec.locs.get(f"{where}.title")
        if not titled and title_loc is not None:
            yield unit(f"{where}.title", article.title, title_loc.line, title_loc.file)
        for block in article.blocks:
            if isinstance(block, Paragraph):
                yield unit(field, block.text, block.loc.line, block.loc.file)
            elif isinstance(block, Figure) and block.caption:
                yield unit(f"{field}.caption", block.caption, block.loc.line, block.loc.file)
            elif isinstance(block, Table):
                for i, row in enumerate(block.rows, 1):
                    for j, cell in enumerate(row, 1):
                        if cell:
                            yield unit(f"{field}.table[{i}][{j}]", cell, block.loc.line, block.loc.file)

    def _loaded(self) -> Spec | None:
        if self.spec is None:
            try:
                self.spec = parse_spec(self.text, self.source)
            except InputError:
                return None
        return self.spec


# The text a body list's image and table blocks print: captions and cells.
_BLOCK_TEXT = {"caption": Key("text"), "table": Key("cells")}


def _scalar_units(text: str, file: str, node: ScalarNode, path: str, kind: str) -> Iterator[_Unit]:
    """Split a scalar into units the way spec.py reads it: a body's paragraphs each alone, a
    title's lines together ("\\n" between them), any other value as one line."""
    at = node.start_mark.index
    paragraphs = _paragraph_runs(_lines(text, node))
    if kind == "title" and node.style == "|":
        paragraphs = [[line] for p in paragraphs for line in p]
    joined = [_join(p) for p in paragraphs]
    if kind in ("paragraphs", "body"):  # a body's paragraphs: the text the inline syntax prints
        for pieces in joined:
            pieces = _markup_text(pieces, markup.SUBHEADING)
            if pieces:
                yield _Unit(path, pieces, at, file)
    elif kind == "paragraph":
        for pieces in joined:
            yield _Unit(path, pieces, at, file)
    elif kind == "title":
        newline = [_Piece("\n", None, None, False)]
        yield _Unit(path, [x for k, p in enumerate(joined) for x in (newline if k else []) + p], at, file)
    elif joined:
        yield _Unit(path, _join([line for p in paragraphs for line in p]), at, file)


def _paragraph_runs(lines: list[list[_Piece]]) -> list[list[list[_Piece]]]:
    """Lines (of pieces; [] a blank line) grouped into paragraphs: blank lines separate them."""
    paragraphs: list[list[list[_Piece]]] = [[]]
    for line in lines:
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]


def _markup_text(pieces: list[_Piece], heading: re.Pattern) -> list[_Piece]:
    """A paragraph written with the inline syntax, cut to what it prints: a photo's caption,
    a subheading without its `## `. (`**` marks stay: no rule reads an asterisk.)"""
    text = "".join(p.text for p in pieces)
    image = markup.IMAGE.fullmatch(text)
    if image:
        return _printed(_cut(pieces, image.start("caption"), image.end("caption")))
    m = heading.match(text)
    return _cut(pieces, m.end()) if m else pieces


def _cut(pieces: list[_Piece], start: int, end: int | None = None) -> list[_Piece]:
    """The pieces holding characters [start, end) of their text (a line's pieces before any fix)."""
    out, k = [], 0
    for p in _characters(pieces):
        if start <= k and (end is None or k < end):
            out.append(p)
        k += len(p.text)
    return out


def _characters(pieces: list[_Piece]) -> list[_Piece]:
    """The pieces with each run split into its characters."""
    if all(len(p.text) <= 1 for p in pieces):
        return pieces
    return [c for p in pieces for c in ([p] if len(p.text) <= 1 else  # type: ignore[operator]
            [_Piece(ch, p.start + k, p.start + k + 1, p.editable) for k, ch in enumerate(p.text)])]


def _line_pieces(line: str, at: int, editable: bool) -> list[_Piece]:
    """A source line (at index `at` of its file) as it prints (_printed): one run when nothing
    in it is cleaned away, which is nearly always, else a piece per character."""
    stripped = line.strip()
    if "\t" in stripped or INVISIBLE.search(stripped):
        return _printed([_Piece(c, at + k, at + k + 1, editable) for k, c in enumerate(line)])
    lead = len(line) - len(line.lstrip())
    return [_Piece(stripped, at + lead, at + lead + len(stripped), editable)] if stripped else []


def _printed(line: list[_Piece]) -> list[_Piece]:
    """A line's pieces as the bulletin prints them (bodyfile.printable, then stripped): what
    prints nothing becomes an empty piece (still in the file, so a fix across it removes it),
    a tab a space; spaces and empty pieces at either end go."""
    line = [_Piece("", p.start, p.end, p.editable) if INVISIBLE.fullmatch(p.text)
            else _Piece(" ", p.start, p.end, p.editable) if p.text == "\t" else p for p in line]
    while line and (not line[0].text or line[0].text.isspace()):
        line.pop(0)
    while line and (not line[-1].text or line[-1].text.isspace()):
        line.pop()
    return line


def _join(lines: list[list[_Piece]]) -> list[_Piece]:
    """spec._join on pieces: a space only between two narrow characters (it is in no file)."""
    out: list[_Piece] = []
    for line in lines:
        if out and not (is_full_width(out[-1].text[-1]) or is_full_width(line[0].text[0])):
            out.append(_Piece(" ", None, None, False))
        out += line
    return out


def _lines(text: str, node: ScalarNode) -> list[list[_Piece]]:
    """The scalar's printed lines as pieces of one character each ([] for a blank line)."""
    if node.style not in ('"', "'"):
        return [_line_pieces(stripped, at, True) for _, _, at, stripped in source_lines(text, node)]
    chars = _scan_quoted(text, node)
    if chars is None or "".join(c.text for c in chars) != node.value:  # not understood: never edited
        chars = [_Piece(c, None, None, False) for c in node.value]
    lines: list[list[_Piece]] = [[]]
    for c in chars:
        if c.text == "\n":
            lines.append([])
        else:
            lines[-1].append(c)
    # spec.py: each line of a quoted value a paragraph
    return [x for line in lines for x in (_printed(line), [])]


def _scan_quoted(text: str, node: ScalarNode) -> list[_Piece] | None:
    """Re-read a quoted scalar as PyYAML does (escapes, '' and line folding), keeping for each
    character of the value the span of the file it came from. None where it cannot follow."""
    i = node.start_mark.index
    i += _PROPS.match(text, i).end() - i  # type: ignore[union-attr]
    quote, out = text[i], []
    i += 1
    try:
        while True:
            c = text[i]
            if c == quote and quote == "'" and text[i + 1] == "'":
                out.append(_Piece("'", i, i + 2, True))
                i += 2
            elif c == quote:
                return out
            elif c == "\\" and quote == '"':
                e = text[i + 1]
                if e in _ESCAPES:
                    out.append(_Piece(_ESCAPES[e], i, i + 2, True))
                    i += 2
                elif e in _HEX:
                    n = _HEX[e]
                    out.append(_Piece(chr(int(text[i + 2:i + 2 + n], 16)), i, i + 2 + n, True))
                    i += 2 + n
                elif _BREAK.match(text, i + 1):  # an escaped line break joins the lines
                    i = _BREAK.match(text, i + 1).end()  # type: ignore[union-attr]
                    i = _blank_lines(text, i, out)
                else:
                    return None
            elif c in " \t" or _BREAK.match(text, i):
                j = i
                while text[j] in " \t":
                    j += 1
                brk = _BREAK.match(text, j)
                if brk is None:
                    out += [_Piece(text[k], k, k + 1, True) for k in range(i, j)]
                    i = j
                    continue
                first = brk.group() if brk.group() in "\u2028\u2029" else "\n"
                k = _blank_lines(text, brk.end(), blanks := [])
                if first != "\n":
                    out.append(_Piece(first, i, brk.end(), False))
                elif not blanks:
                    out.append(_Piece(" ", i, k, False))  # a single line break folds to a space
                out += blanks
                i = k
            else:
                out.append(_Piece(c, i, i + 1, True))
                i += 1
    except (IndexError, ValueError):
        return None


def _blank_lines(text: str, i: int, out: list[_Piece]) -> int:
    """Skip the indentation and blank lines after a line break in a quoted scalar; each blank
    line is a "\\n" of the value (YAML's folding). Returns where the next content starts."""
    while True:
        j = i
        while text[j] in " \t":
            j += 1
        brk = _BREAK.match(text, j)
        if brk is None:
            return j
        out.append(_Piece(brk.group() if brk.group() in "\u2028\u2029" else "\n", j, brk.end(), False))
        i = brk.end()
