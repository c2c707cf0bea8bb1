"""Word's automatic numbering (numbering.xml): the label each numbered paragraph shows.

Word does not store "1." or "一、" in the text of a List Number or numbered-heading paragraph;
it counts them when it draws the page. A bulletin must print them (and the 一、/（一） heading
rules of layout need them), so they are counted here as Word counts: per abstract list, a level
restarting the levels below it, a list instance's startOverride restarting it once.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from lxml import etree

from ..model import BULLET
from .printed import printable

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LEVELS = 9
CHINESE_DIGITS = "零一二三四五六七八九"
LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
PARENTHESIZED = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
FULL_STOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"


class Level(NamedTuple):
    fmt: str  # w:numFmt: decimal, chineseCounting, bullet, ...
    text: str  # w:lvlText: "%1.", "（%1）", "%1、"
    start: int
    legal: bool  # w:isLgl: every level's number in decimal


def _int(el: etree._Element | None, default: int) -> int:
    value = None if el is None else el.get(W + "val")
    return int(value) if value is not None and re.fullmatch(r"-?\d{1,6}", value) else default


def _level(lvl: etree._Element) -> Level:
    fmt, text = lvl.find(W + "numFmt"), lvl.find(W + "lvlText")
    return Level("decimal" if fmt is None else fmt.get(W + "val", "decimal"),
                 "" if text is None else text.get(W + "val", ""),
                 _int(lvl.find(W + "start"), 0), lvl.find(W + "isLgl") is not None)


class Numbering:
    """The lists of one document, and the counters of those already numbered."""

    def __init__(self, root: etree._Element | None, styles):
        self.styles = styles
        self.abstract: dict[str, dict[int, Level]] = {}
        self.style_link: dict[str, str] = {}  # abstract list -> the numbering style it stands for
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, Level]]] = {}
        for a in [] if root is None else root.iter(W + "abstractNum"):
            aid = a.get(W + "abstractNumId", "")
            self.abstract[aid] = {_ilvl(lvl): _level(lvl) for lvl in a.iter(W + "lvl")}
            link = a.find(W + "numStyleLink")
            if link is not None:
                self.style_link[aid] = link.get(W + "val", "")
        for num in [] if root is None else root.iter(W + "num"):
            starts, levels = {}, {}
            for override in num.iter(W + "lvlOverride"):
                ilvl = _ilvl(override)
                if override.find(W + "startOverride") is not None:
                    starts[ilvl] = _int(override.find(W + "startOverride"), 0)
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
            aid = num.find(W + "abstractNumId")
            aid = "" if aid is None else aid.get(W + "val", "")
            self.nums[num.get(W + "numId", "")] = (aid, starts, levels)
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()

    def levels(self, num_id: str) -> tuple[str, dict[int, Level]]:
        """The abstract list a list instance counts in, and its levels (through numbering
        styles, which point to another list instance: followed a bounded number of times)."""
        aid, _, overrides = self.nums[num_id]
        for _ in range(LEVELS):
            link = self.style_link.get(aid)
            if not link:
                break
            num_el, _ = self.styles.numbering_of(link)
            linked = None if num_el is None else num_el.get(W + "val")
            if linked not in self.nums or self.nums[linked][0] == aid:
                break
            aid = self.nums[linked][0]
        return aid, {**self.abstract.get(aid, {}), **overrides}

    def label(self, props: etree._Element | None, style_id: str) -> str:
        """The label of a paragraph (its w:pPr, its style), counting it; "" when unnumbered."""
        num_pr = None if props is None else props.find(W + "numPr")
        num_el = None if num_pr is None else num_pr.find(W + "numId")
        lvl_el = None if num_pr is None else num_pr.find(W + "ilvl")
        style_num, style_lvl = self.styles.numbering_of(style_id)
        num_el = style_num if num_el is None else num_el
        lvl_el = style_lvl if lvl_el is None else lvl_el
        num_id = None if num_el is None else num_el.get(W + "val")
        if num_id not in self.nums:  # none, "0" (numbering taken off), or a list that is not there
            return ""
        ilvl = min(max(_int(lvl_el, 0), 0), LEVELS - 1)
        aid, levels = self.levels(num_id)
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(aid, [None] * LEVELS)
        if num_id not in self.started:  # a list instance that restarts the list where it begins
            self.started.add(num_id)
            for k, start in self.nums[num_id][1].items():
                if 0 <= k < LEVELS:
                    counters[k] = start - 1
        level = levels[ilvl]
        counters[ilvl] = level.start if counters[ilvl] is None else counters[ilvl] + 1
        counters[ilvl + 1:] = [None] * (LEVELS - ilvl - 1)
        if level.fmt == "bullet":
            return printable(bullet(level.text)).strip()

        def value(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            at = levels.get(k)
            n = counters[k] if counters[k] is not None else (at.start if at else 1)
            return format_number(n, "decimal" if level.legal or at is None else at.fmt)

        return printable(re.sub(r"%([1-9])", value, level.text)).strip()


def _ilvl(el: etree._Element) -> int:
    value = el.get(W + "ilvl", "")
    return int(value) if value.isdigit() and len(value) < 3 else -1


def bullet(text: str) -> str:
    """A bullet's character: one from a symbol font's private range prints as BULLET."""
    return "".join(BULLET if 0xE000 <= ord(c) <= 0xF8FF else c for c in text)


def format_number(n: int, fmt: str) -> str:
    """A list counter as Word draws it in numbering format `fmt`; decimal where the format has
    no way to write n (a ⑳ is the last circled number)."""
    if n < 0:
        return str(n)
    small = {"decimalEnclosedCircle": CIRCLED, "decimalEnclosedCircleChinese": CIRCLED,
             "decimalEnclosedParen": PARENTHESIZED, "decimalEnclosedFullstop": FULL_STOP,
             "ideographTraditional": HEAVENLY_STEMS, "ideographZodiac": EARTHLY_BRANCHES}
    if fmt in small:
        return small[fmt][n - 1] if 1 <= n <= len(small[fmt]) else str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "koreanCounting"):
        return chinese(n, CHINESE_DIGITS, "十百千") if 0 < n < 10000 else str(n)
    if fmt == "chineseLegalSimplified":
        return chinese(n, LEGAL_DIGITS, "拾佰仟") if 0 < n < 10000 else str(n)
    if fmt in ("ideographDigital", "japaneseDigitalTenThousand", "taiwaneseDigital"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperRoman", "lowerRoman") and 0 < n < 4000:
        return roman(n) if fmt == "upperRoman" else roman(n).lower()
    if fmt in ("upperLetter", "lowerLetter") and n > 0:
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)  # Word: Y, Z, AA, BB, ...
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt == "none":
        return ""
    return str(n)


def chinese(n: int, digits: str, units: str) -> str:
    """1-9999 in Chinese counting: 十, 十一, 二十, 一百零一, 一千零一十."""
    out, zero = "", False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = n // power % 10
        if d:
            if zero and out:
                out += digits[0]
            out += ("" if d == 1 and power == 10 and n < 20 else digits[d]) + unit
            zero = False
        elif out:
            zero = True
    return out


def roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out
