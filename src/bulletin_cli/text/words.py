"""Where Chinese words and names end: the places a title may break.

A title breaks only between words (习近平总书记 never as 习近|平总书记). The words come from a
compact list shipped with the package (data/words.txt, derived from jieba's dictionary by
tools/make_wordlist.py): each word with a cost, -ln of its frequency, so the segmentation is
the cheapest way to cover the text with words, as jieba's own dictionary mode does. Names are
units a break never enters: the leaders' names in the list and those a spec names (its
bylines, `来源：` lines, the persons its paragraphs quote), which the caller passes in.

`lexicon()` reads the list once, when a title first needs breaking (a build whose titles all
fit on one line never reads it); `no_break` and `spec_names` are pure.
"""
from __future__ import annotations

import functools
import mmap
import re
from collections.abc import Iterable
from pathlib import Path

FREE, WORD, NAME = 0, 1, 2  # what a break at a position would cut: nothing, a word, a name
WORDS_FILE = Path(__file__).parents[1] / "data" / "words.txt"
NAME_COST = -100  # a name is always read as one unit where it occurs


class Lexicon:
    """The word list, kept as the file's bytes: the line of a character is found by binary
    search (lines are sorted) and parsed the first time a title holds that character, so a
    build pays for the characters its titles have, not for the 300,000 words."""

    def __init__(self, data: bytes | mmap.mmap):
        self._data = data
        self._parsed: dict[str, tuple[dict[str, int], int]] = {}
        self.unknown = 40  # a character the list lacks: rarer than any it has
        self.names: frozenset[str] = frozenset()
        at = 0
        while True:  # the header lines: comments, `name 习近平 …`
            end = data.find(b"\n", at)
            head, _, rest = data[at:end].decode("utf-8").partition(" ")
            if head == "name":
                self.names = frozenset(rest.split(" "))
            elif head != "#":
                break
            at = end + 1
        self._body = at
        self.name_lengths = frozenset(len(nm) for nm in self.names)

    def starting(self, ch: str) -> tuple[dict[str, int], int]:
        """Words starting with `ch`: (what follows ch (`=` for ch alone) -> cost, -ln(frequency);
        the length of the longest)."""
        got = self._parsed.get(ch)
        if got is None:
            parts = self._line(ch.encode("utf-8")).decode("utf-8").split(" ")[1:]
            table = dict(zip(parts[::2], map(int, parts[1::2])))
            got = self._parsed[ch] = (table, 1 + max((len(r) for r in table if r != "="), default=0))
        return got

    def _line(self, key: bytes) -> bytes:
        """The line starting with `key` + space (UTF-8 keeps code point order), or b""."""
        data, lo, hi = self._data, self._body, len(self._data)
        while lo < hi:  # lo and hi are line starts
            start = max(lo, data.rfind(b"\n", 0, (lo + hi) // 2) + 1)
            end = data.find(b"\n", start)
            end = len(data) if end < 0 else end
            head = data[start : data.find(b" ", start, end)]
            if head == key:
                return data[start:end]
            if key < head:
                hi = start
            else:
                lo = end + 1
        return b""


@functools.cache
def lexicon() -> Lexicon:
    # mapped, not read: a build touches the few pages holding its titles' characters
    with open(WORDS_FILE, "rb") as f:
        return Lexicon(mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ))


class Names(frozenset):
    """The names a spec gives, with their lengths, made once per build: a spec quoting a person
    in every paragraph names thousands, and copying them for each title made the cost of a
    build grow with titles x names."""

    def __new__(cls, names: Iterable[str] = ()):
        self = super().__new__(cls, names)
        self.lengths = frozenset(len(nm) for nm in self)
        return self


def segment(text: str, lex: Lexicon, names: Iterable[str] = ()) -> list[str]:
    """The cheapest cover of `text` by words (a character not in any word is one on its own)."""
    names = names if isinstance(names, Names) else Names(names)
    name_lengths = sorted(lex.name_lengths | names.lengths)
    n = len(text)
    # best[i]: cost of text[i:] and where its first word ends; filled from the end (linear:
    # each position tries at most as many lengths as its character's longest word has)
    best: list[tuple[float, int]] = [(0.0, n)] * (n + 1)
    for i in range(n - 1, -1, -1):
        table, longest = lex.starting(text[i])
        cand = (table.get("=", lex.unknown) + best[i + 1][0], i + 1)
        for j in range(i + 2, min(n, i + longest) + 1):
            c = table.get(text[i + 1 : j])
            if c is not None and c + best[j][0] < cand[0]:
                cand = (c + best[j][0], j)
        for k in name_lengths:
            if i + k <= n and ((s := text[i : i + k]) in names or s in lex.names):
                cand = (NAME_COST + best[i + k][0], i + k)  # a name wins over any word
        best[i] = cand
    words, i = [], 0
    while i < n:
        j = best[i][1]
        words.append(text[i:j])
        i = j
    return words


def no_break(text: str, lex: Lexicon, names: Iterable[str] = ()) -> list[int]:
    """For each offset 0..len(text): FREE if a line may break before text[offset], WORD if that
    would cut a word, NAME if it would cut a name."""
    names = names if isinstance(names, Names) else Names(names)
    out = [FREE] * (len(text) + 1)
    at = 0
    for w in segment(text, lex, names):
        kind = NAME if w in names or w in lex.names else WORD
        for p in range(at + 1, at + len(w)):
            out[p] = kind
        at += len(w)
    for m in NUMERAL.finditer(text):  # 第二百二十九条 is one number: not 第二|百二十九条
        for p in range(m.start() + 1, m.end()):
            out[p] = max(out[p], WORD)
    return out


# A number written in Chinese, with the 第 of an ordinal: the list knows only its small pieces.
NUMERAL = re.compile("第?[〇零一二三四五六七八九十百千万亿]{2,}|第[〇零一二三四五六七八九十百千万亿]")


# ---- the persons a spec names -----------------------------------------------------------------
_HAN = "\u4e00-\u9fff"
# Common surnames (the hundred most frequent, and the two-character ones official texts meet).
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
    "向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌"
    "毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦"
    "麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩"
    "明佘池乐匡钮屠鞠"
) | {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "公孙", "慕容", "尉迟", "长孙", "宇文"}
# A person's name said with what they do: 杨广平强调 / 组长杨广平带领 / 何宪卓一行.
_SAYS = re.compile("强调|指出|要求|表示|一行|带领|主持|出席|讲话|介绍|提出|希望|认为|说|同志")
# Labels around names in a byline or a 来源 line, and what ends an organisation's name.
_LABELS = re.compile(r"^(?:来源|作者|撰稿|供稿|审核|摄影|编辑|责任编辑|执笔|记者|通讯员|实习生)+[：:]?")
_ORG_END = ("办", "室", "局", "委", "部", "院", "处", "科", "站", "所", "中心", "社区", "街道", "报",
            "台", "网", "组", "会", "厅", "校", "馆", "队", "司", "行", "村", "镇", "县", "区", "市", "省")
_SOURCE = re.compile(r"(?:来源|作者|撰稿|供稿|记者|通讯员)[：:]?([^。；\n]{1,60})")
_HAN_RUN = re.compile(f"[{_HAN}]+")
_HAN_TAIL = re.compile(f"[{_HAN}]*$")


def _is_name(s: str) -> bool:
    """Two to four Chinese characters that read as surname + given name. A word read as a name
    (严格 in 严格要求) does no harm: a title breaks inside neither."""
    if not (2 <= len(s) <= 4 and _HAN_RUN.fullmatch(s)) or s.endswith(_ORG_END):
        return False
    # four characters only with a two-character surname (欧阳文华), not 高标准严 of 高标准严要求
    return s[:2] in SURNAMES or (len(s) < 4 and s[0] in SURNAMES)


def byline_names(byline: str) -> set[str]:
    """The persons in a byline or a 来源 line: its parts that read as names (市委宣传部 张三 李四)."""
    out = set()
    for part in re.split(r"[\s\u3000、，,；;（）()/／|｜]+", byline):
        part = _LABELS.sub("", part)
        if _is_name(part):
            out.add(part)
    return out


def spec_names(bylines: Iterable[str], paragraphs: Iterable[str]) -> set[str]:
    """Names a spec gives: in its bylines, in `来源：`/`记者` lines of its text, the persons its
    paragraphs quote (杨广平强调, 组长田中俊带领) and those a case keeps anonymous (张某): a title
    naming them never breaks them."""
    out: set[str] = set()
    for b in bylines:
        out |= byline_names(b)
    for p in paragraphs:
        out |= _anonymous(p)
        for m in _SOURCE.finditer(p):
            out |= byline_names(m.group(1))
        for m in _SAYS.finditer(p):
            before = p[max(0, m.start() - 4) : m.start()]
            run = _HAN_TAIL.search(before).group()
            # most names have three characters, then two (组长杨广平: 杨广平, not 长杨广平)
            for k in (3, 2, 4):
                if len(run) >= k and _is_name(run[-k:]):
                    out.add(run[-k:])
                    break
    return out


def _anonymous(text: str) -> set[str]:
    """Persons a case report keeps anonymous: 张某, 李某某, 欧阳某 (the usage of courts and of the
    labour and supervision offices whose typical cases bulletins reprint). A scan for 某, not a
    pattern: a regular expression of the surnames takes 3 ms to compile, a cold build's cost."""
    out = set()
    at = text.find("某")
    while at >= 0:
        end = at + (2 if text.startswith("某某", at) else 1)
        for k in (2, 1):
            if at >= k and text[at - k : at] in SURNAMES:
                out.add(text[at - k : end])
                break
        at = text.find("某", end)
    return out
