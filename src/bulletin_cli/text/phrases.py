"""Where a title may break by meaning: a score for a line break before each character.

A word boundary is not a meaning boundary (issue #21). A typesetter breaks a title at its
punctuation first, then between phrases: before the predicate (王志强 | 调研督导防汛工作), after
an opening adverbial (在全市防汛工作会议上 | 强调), before a clause joined by 暨 or 并, a little
less between a verb and its object (王轶讲授 | 树立和践行正确政绩观学习教育专题党课); and
never inside a unit kept whole: a number with its measure (近三年来, 第二十三次, 2026年), an
institution with its parts (市委常委会, 街道办事处), a title with its holder (市委书记王志强,
王志强同志), a modifier with its head (全县人民, 防汛排涝), a set phrase (对标对表).

The analysis is a small phrase grammar over the words of the shipped lexicon (words.segment):
each word gets a coarse class (phrase_words.classify: verb, preposition, organisation, title,
number, ...), the words are read into noun phrases and the rest, and each boundary between two
words is scored by the classes on its two sides. Pure functions; the lexicon is the only data.

`cut_scores(text, names)` gives, for each offset, (bonus, weight): the bonus is in cells, as
the line breaker weighs evenness (a break inside a unit costs more than any unevenness a line
can have; punctuation is worth about half a line of unevenness), the weight counts a cut inside
a word (1) or a name (1000), exactly as words.no_break did.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from . import phrase_words as pw
from . import words

# Bonuses in cells (the title breaker adds them to how far each line is from the even width).
PUNCT = 10.0  # after ，、：；！？ and ”》, before “《, after ——
CLAUSE = 9.0  # subject | predicate, adverbial | verb, before 暨/并
# verb | object: both lines whole (王轶讲授 | 树立和践行…专题党课), a little below the subject |
# predicate boundary, so that the more even of the two wins (not a name alone on a line)
OBJECT = 3.0
LOOSE = 0.0  # between words no rule knows, after 的, a speaker | 强调：
COORD = -4.0  # before 和/与/及 inside a noun phrase
IN_ADVERBIAL = -10.0  # inside 在…上/时: one phrase, broken only where its parts are
SERIAL = -20.0  # between two verbs of one predicate (调研 | 督导), adverb | verb
INSIDE_NP = -30.0  # between a modifier and its head
UNIT = -60.0  # inside a unit kept whole
EDGE = -200.0  # a line of one or two characters
FORCED = -40.0  # at or under this a cut counts as one inside a word

_DIGITS = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?[%‰％]?|[A-Za-z]+(?:[.\-][A-Za-z0-9]+)*")
_HAN = re.compile(r"[\u3400-\u9fff\u3007]+")


def tokens(text: str, names: Iterable[str] = ()) -> list[tuple[int, str]]:
    """(offset, word) covering text: Chinese runs segmented by the lexicon, digit and Latin
    runs whole, every other character alone (—— and …… as one)."""
    lex = words.lexicon()
    names = names if isinstance(names, words.Names) else words.Names(names)
    out: list[tuple[int, str]] = []
    i, n = 0, len(text)
    while i < n:
        m = _HAN.match(text, i)
        if m:
            at = i
            for w in pw.fix_segments(words.segment(m.group(), lex, names)):
                out.append((at, w))
                at += len(w)
            i = m.end()
            continue
        m = _DIGITS.match(text, i)
        if m:
            out.append((i, m.group()))
            i = m.end()
            continue
        j = i + 2 if text[i] in "—…" and text[i + 1 : i + 2] == text[i] else i + 1
        out.append((i, text[i:j]))
        i = j
    return out


def cut_scores(text: str, names: Iterable[str] = ()) -> list[tuple[float, int]]:
    """For each offset 0..len(text): (bonus in cells, weight) of a line break before it."""
    names = names if isinstance(names, words.Names) else words.Names(names)
    inside = words.no_break(text, words.lexicon(), names)
    bonus = boundary_bonus(text, names)
    # a cut inside a unit or leaving a line of two characters weighs as one inside a word:
    # the breaker then tries one line more before it cuts one (weights are compared first)
    weight = [{words.FREE: 0, words.WORD: 1, words.NAME: 1000}[k] + (b <= FORCED)
              for k, b in zip(inside, bonus)]
    return list(zip(bonus, weight))


def boundary_bonus(text: str, names: Iterable[str] = ()) -> list[float]:
    """For each offset 0..len(text): how good a line break before text[offset] is, in cells
    (negative: it falls inside a phrase or a unit)."""
    toks = tokens(text, names)
    tags = pw.classify([w for _, w in toks], names)
    n = len(text)
    bonus = [UNIT] * (n + 1)  # inside a token: the word weight speaks, and a unit too
    for k in range(1, len(toks)):
        bonus[toks[k][0]] = _between(toks, tags, k)
    for a, b in pw.adverbials(toks, tags):
        for p in range(a + 1, b):
            bonus[p] = min(bonus[p], IN_ADVERBIAL)  # 在督导 | 学习教育…时: the adverbial is one phrase
    for a, b in pw.asides(text):
        for p in range(a + 1, b):
            bonus[p] = min(bonus[p], INSIDE_NP)  # （漓江流域水质提升）: an aside is read whole
    for a, b in pw.units(text, toks, tags):
        for p in range(a + 1, b):
            bonus[p] = min(bonus[p], UNIT)
    # no line of one or two characters (marks do not count: 局。 is a line of one)
    core = [p for p, ch in enumerate(text) if not (ch in pw.MARKS or ch.isspace())]
    if len(core) > 4:
        for p in range(n + 1):
            if p <= core[2] or p > core[-3]:
                bonus[p] = EDGE
    bonus[0] = bonus[n] = 0.0
    return bonus


def _between(toks: list[tuple[int, str]], tags: list[str], k: int) -> float:
    """The bonus of a break between token k-1 and token k."""
    a, b = toks[k - 1][1], toks[k][1]
    ta, tb = tags[k - 1], tags[k]
    if ta == "punct":
        return PUNCT if a[-1] in pw.BREAK_AFTER else UNIT
    if tb == "punct":
        return PUNCT if b[0] in pw.BREAK_BEFORE else UNIT
    if tb in ("de", "loc", "measure", "suffix"):
        return UNIT  # 的, 上/中/时, 年/次 and 同志 never start a line
    if ta == "de":
        return LOOSE
    if tb == "conj":
        if ta == "verb" and b in ("和", "与", "及"):
            return SERIAL  # 加强 | 和改进: one predicate
        verb_after = k + 1 < len(tags) and tags[k + 1] in ("verb", "adv")
        return CLAUSE if b in pw.CLAUSE_CONJ and (b != "并" or verb_after) else COORD
    if ta in ("conj", "prep"):
        return UNIT  # 和, 在, 到 never end a line
    if ta == "adv":
        return SERIAL
    if tb == "verb":
        said = k + 1 < len(tags) and tags[k + 1] == "punct"  # 指出，/ 强调： stays with its speaker
        return SERIAL if ta == "verb" else LOOSE if said else CLAUSE
    if tb in ("prep", "adv"):
        return CLAUSE if ta != "verb" else OBJECT  # 印发 | 进一步做好…的通知
    if ta == "loc":
        return CLAUSE if pw.opens_adverbial(toks, tags, k) else INSIDE_NP
    if ta == "verb":  # 深入 | 乡镇 as 到 | 乡镇; 围绕推进 | 黄河流域…: inside a phrase
        return IN_ADVERBIAL if a in pw.MOTION_VERBS or pw.verb_inside(toks, tags, k) else OBJECT
    if tb == "scope" and ta in ("n", "head"):
        return CLAUSE  # …硬措施 | 全市生产安全事故…: a scope word starts a new subject
    return pw.noun_pair(a, ta, b, tb)
