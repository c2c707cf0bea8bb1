"""Proofreading (校对): the marks a proofreader makes on Chinese text, found by pure functions.

Rules from GB/T 15834-2011 (标点符号用法) and GB/T 9704-2012, applied to Chinese text only:
a Latin word, a URL, an e-mail address or a number (3.14, 1,000, 21:00) keeps its ASCII marks.
Every rule is written here by hand rather than taken from autocorrect-py or zhlint: their
defaults put a space between Chinese and Latin letters or digits, which offices do not write
(3月12日, 5G网络), and a false alarm costs more than a miss: on the clean corpus
(tests/corpus) and the seed bulletin the check finds nothing.

`proofread(text, field)`: one paragraph (or title) -> `Hit`s, positions in that text. A spec's
text comes to it through units.py (what the spec prints, mapped to its files); marks.py places
the hits in the files, fix.py applies the fixes to the spec's own file.
"""
from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

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
    "word-usage": "words official writing confuses: 截止/截至 before a date, 布署, 签定 … (usage.py; "
                  "suggested, not fixed)",
}
SUGGESTED = frozenset({"word-usage"})  # rules whose fix is only a suggestion: never applied

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
_PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "〔": "〕", "【": "】", "〈": "〉", "「": "」",
          "『": "』"}
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


def proofread(text: str, field: str = "", continued: bool = False, revealed: bool = True) -> list[Hit]:
    """The marks in one paragraph (or title) of `field` (a spec path: it decides whether
    spaces may be marked). `continued`: the next paragraph opens with “ (a quotation over
    several paragraphs closes only in its last), so an open “ here is not unpaired.
    `revealed`: also the marks that only the fixes reveal (`"我不服"...`: the ellipsis is marked
    once its neighbour is a Chinese quote), so that every place `--fix` changes is reported."""
    from .usage import usage_marks  # usage.py builds on Hit

    hits = _marks(text, field, continued)
    found = _revealed(text, field, continued, hits) if revealed else []
    return _resolve(hits + found + usage_marks(text))


def applied(hit: Hit) -> bool:
    """Whether `check --fix` applies the hit (a suggestion, a by-hand mark: never)."""
    return hit.fix is not None and hit.rule not in SUGGESTED


def _revealed(text: str, field: str, continued: bool, hits: list[Hit]) -> list[Hit]:
    """Marks found, fix after fix, on characters the fixes leave as they were, placed back in
    `text` (fix.py's loop finds the same, a round at a time)."""
    known = {(h.start, h.end, h.rule) for h in hits}
    found: list[Hit] = []
    current, origin = text, list(range(len(text)))  # each character's index in text; -1: a fix wrote it
    for _ in range(5):
        parts: list[str] = []
        places: list[int] = []
        at = 0
        for h in hits:
            if applied(h):
                parts.append(current[at:h.start] + h.fix)
                places += origin[at:h.start] + [-1] * len(h.fix)
                at = h.end
        if not parts:
            break
        current, origin = "".join(parts) + current[at:], places + origin[at:]
        hits = _marks(current, field, continued)
        added = [Hit(origin[h.start], origin[h.end - 1] + 1, h.rule, h.fix) for h in hits
                 if min(origin[h.start:h.end]) >= 0]
        added = [h for h in added if (h.start, h.end, h.rule) not in known]
        if not added:
            break
        known |= {(h.start, h.end, h.rule) for h in added}
        found += added
    return found


def _marks(text: str, field: str, continued: bool) -> list[Hit]:
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

    hits += [Hit(m.start(), m.end(), "ellipsis", "……")
             for m in filter(free, _ELLIPSIS.finditer(text)) if near_chinese(m.start(), m.end())]
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
            if near_chinese(i, i + 1) or (is_chinese(_beside(text, i, -1))
                                          and is_chinese(_beside(text, i, 1))):
                hits.append(Hit(i, i + 1, "half-width-mark", c.translate(_WIDEN)))
        elif c == "." and not masked[i] and is_han(char(i - 1)) and (
                is_chinese(char(i + 1)) or i + 1 == len(text)):
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
          "full-width-alnum", "doubled-mark", "mark-after-mark", "space", "unpaired", "crossed",
          "word-usage"]


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
    return any(run is not None and len(run.group()) <= 6 for run in (after, before))


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
                hits += [Hit(k, k + 1, "straight-quote", q)
                         for k, q in zip((opened, i), curly) if text[k] == straight]
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
            if any(is_han(ch) for ch in text[j + 1:i]) or is_chinese(before) or (
                    chinese(i) and not latin_call):
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
    hits += [Hit(j, j + 1, "unpaired", None) for j in stack if not (continued and text[j] == "“")]
    return hits
