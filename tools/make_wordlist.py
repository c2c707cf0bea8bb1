"""Derive the word list that keeps titles from breaking inside a word (src/bulletin_cli/data/words.txt).

    pip install jieba && python tools/make_wordlist.py [--cut 3] [--check]

Run by a developer, not at build time of a bulletin: jieba's dictionary (349,046 entries, 5 MB,
about half a second to load) is too big to ship and to load for every build, and a title only
needs to know where its words end. The list keeps jieba's Chinese words of 2 to MAX_LEN
characters seen at least --cut times, its single characters (their cost decides between two
segmentations, 研究生|命 or 研究|生命), with each word's cost -ln(freq/total) rounded to half
units, as jieba's own dictionary-only segmentation weighs them. Added on top, as names that
never break: the leaders' names that official texts use (jieba knows only some: 蔡奇, 丁薛祥 and
李希 are missing); and as words, official terms that jieba lacks or splits (新中国, 创城).
--check prints how often the shipped list and full jieba (dictionary only, and with its HMM
that guesses unknown words such as names) disagree on where words end in tests/corpus.
"""
from __future__ import annotations

import argparse
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "bulletin_cli" / "data" / "words.txt"
MAX_LEN = 16  # jieba has a few longer entries, none a title needs whole
HAN = re.compile(r"[\u4e00-\u9fff\u3007]+")

# Names of party and state leaders, past and present, and of the models official texts hold up.
LEADERS = [
    "习近平", "李强", "赵乐际", "王沪宁", "蔡奇", "丁薛祥", "李希", "韩正", "李克强", "栗战书", "汪洋",
    "王岐山", "张德江", "俞正声", "刘云山", "张高丽", "胡锦涛", "温家宝", "吴邦国", "贾庆林", "李长春",
    "贺国强", "吴官正", "罗干", "曾庆红", "黄菊", "江泽民", "朱镕基", "李鹏", "李瑞环", "乔石", "李岚清",
    "尉健行", "刘华清", "胡耀邦", "赵紫阳", "华国锋", "叶剑英", "李先念", "陈云", "邓小平", "毛泽东",
    "周恩来", "刘少奇", "朱德", "任弼时", "董必武", "彭德怀", "陈毅", "贺龙", "刘伯承", "聂荣臻", "徐向前",
    "罗荣桓", "林伯渠", "张闻天", "瞿秋白", "李大钊", "陈独秀", "孙中山", "马兴瑞", "王毅", "尹力",
    "石泰峰", "刘国中", "李干杰", "李书磊", "李鸿忠", "何卫东", "何立峰", "张又侠", "张国清", "陈文清",
    "陈吉宁", "陈敏尔", "袁家军", "黄坤明", "王晨", "刘鹤", "许其亮", "孙春兰", "杨洁篪", "杨晓渡", "陈希",
    "陈全国", "胡春华", "郭声琨", "吴政隆", "谌贻琴", "王小洪", "王勇", "肖捷", "赵克志", "魏凤和", "王毅",
    "李源潮", "汪洋", "孟建柱", "范长龙", "马凯", "刘延东", "焦裕禄", "雷锋", "孔繁森", "杨善洲", "谷文昌",
    "王进喜", "钱学森", "袁隆平", "黄大年", "张桂梅", "廖俊波", "黄文秀", "邓稼先", "钟南山", "屠呦呦",
    "张富清", "杨靖宇", "赵一曼", "刘胡兰", "董存瑞", "黄继光", "邱少云", "方志敏", "李保国", "毛岸英",
    "罗阳"
]

# Terms of official prose that jieba's dictionary lacks or would cut (新|中国 in 新中国成立).
TERMS = [
    "新中国", "总书记", "党中央", "国务院", "全国人大", "全国政协", "人大常委会", "政协委员", "中央委员会",
    "政治局", "新时代", "中国式现代化", "高质量发展", "新发展理念", "新发展格局", "共同富裕", "乡村振兴",
    "全面从严治党", "党史学习教育", "主题教育", "两个确立", "两个维护", "四个意识", "四个自信", "十四五",
    "十五五", "一带一路", "粤港澳大湾区", "京津冀", "长三角", "放管服", "营商环境", "安全生产", "生态文明",
    "民营经济", "碳达峰", "碳中和", "创城", "文明城市", "文明单位", "文明校园", "网格员", "网格化",
    "督导组", "工作组", "党群服务中心", "新时代文明实践", "志愿服务", "基层治理", "疫情防控", "脱贫攻坚",
    "全面小康", "副书记", "副市长", "常务副市长", "副主任", "副主席", "副秘书长", "副总理", "副县长",
    "副区长", "副镇长", "副院长", "副校长"
]


def load_jieba() -> tuple[dict[str, int], int]:
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    freq: dict[str, int] = {}
    for line in path.read_text("utf-8").splitlines():
        word, f, *_ = line.split(" ")
        freq[word] = int(f)
    return freq, sum(freq.values())


def make(cut: int) -> str:
    freq, total = load_jieba()
    keep = {w: f for w, f in freq.items()
            if HAN.fullmatch(w) and len(w) <= MAX_LEN and (len(w) == 1 or f >= cut)}
    for t in TERMS:  # a term weighs like a common word: the segmentation takes it whole
        keep[t] = max(keep.get(t, 0), 1000)
    # one line per first character: a title only parses the lines of the characters it has
    by_first: dict[str, dict[str, int]] = {}
    for w, f in keep.items():
        by_first.setdefault(w[0], {})[w[1:]] = round(2 * math.log(total / f))
    names = sorted(set(LEADERS), key=LEADERS.index)
    head = (f"# bulletin word list, made by tools/make_wordlist.py from jieba's dict.txt "
            f"({len(freq)} entries) with --cut {cut}. Do not edit.\n"
            "# A line: first character, then pairs `rest cost` (the character alone: rest `=`);\n"
            "# cost = round(2*ln(total/frequency)). The line `name`: names that never break.\n")
    lines = ["name " + " ".join(names)]
    for first in sorted(by_first):
        words = sorted(by_first[first].items())
        lines.append(first + "".join(f" {rest or '='} {c}" for rest, c in words))
    return head + "\n".join(lines) + "\n"


def check() -> None:
    """How often the shipped list and full jieba disagree on word ends inside corpus sentences."""
    import jieba

    sys.path.insert(0, str(ROOT / "src"))
    from bulletin_cli.text import words

    jieba.setLogLevel(60)
    lex = words.lexicon()
    sentences = []
    for txt in sorted((ROOT / "tests" / "corpus").glob("*.txt")):
        sentences += [s for s in HAN.findall(txt.read_text("utf-8")) if len(s) >= 4]
    for hmm in (False, True):
        ours_inside = theirs_inside = both = 0
        for s in sentences:
            theirs = _inside(jieba.lcut(s, HMM=hmm))
            nb = words.no_break(s, lex)
            ours = {p for p in range(1, len(s)) if nb[p]}
            both += len(ours & theirs)
            ours_inside += len(ours - theirs)
            theirs_inside += len(theirs - ours)
        gaps = sum(len(s) - 1 for s in sentences)
        print(f"jieba {'with' if hmm else 'without'} HMM: {len(sentences)} runs, {gaps} gaps; "
              f"inside a word for both {both}, only for us {ours_inside}, only for jieba {theirs_inside}")


def _inside(tokens: list[str]) -> set[int]:
    out, at = set(), 0
    for t in tokens:
        out.update(range(at + 1, at + len(t)))
        at += len(t)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cut", type=int, default=3, help="keep words seen at least this often")
    ap.add_argument("--check", action="store_true", help="compare with full jieba on tests/corpus")
    args = ap.parse_args()
    if args.check:
        check()
        return
    text = make(args.cut)
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(text, "utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(text.encode())} bytes, {text.count(' ') // 2} words")


if __name__ == "__main__":
    main()
