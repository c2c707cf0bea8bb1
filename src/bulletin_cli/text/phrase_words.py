"""The classes of words that tell where a title's phrases begin and end (for text/phrases.py).

The lists are the function words and the recurring vocabulary of official titles, written for
this project (no outside dictionary): the verbs that start a predicate (召开, 调研, 督导), the
prepositions that open an adverbial (在, 围绕), the ends of organisation, title and meeting
names (…局, …书记, …会议), the words that start a noun phrase's scope (全市, 广大). A word
not listed is a noun: most of a title is.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from . import words

MARKS = frozenset("，。、；：？！“”‘’《》（）()〔〕【】—…·丨｜|/ 　,.;:?!")
BREAK_AFTER = frozenset("，。、；：？！”’》—…丨｜| 　,;:?!")  # a line may end after these
BREAK_BEFORE = frozenset("“‘《丨｜| 　")  # and a line may start with these
CLAUSE_CONJ = frozenset({"暨", "并", "并且", "同时", "以及", "进而", "从而"})
CONJ = CLAUSE_CONJ | {"和", "与", "及", "或", "同"}

_VERBS = """
召开 举行 举办 开展 部署 安排 推进 推动 加强 强化 深化 落实 做好 抓好 抓实 抓细
印发 出台 发布 启动 实施 完成 签订 签署 签约 调研 督导 检查 督查 督促 视察 考察
走访 慰问 看望 会见 会谈 座谈 出席 参加 参观 主持 讲授 讲话 强调 指出 要求 表示
提出 宣讲 传达 贯彻 研究 审议 通过 听取 观摩 迎接 获评 荣获 获得 入选 当选 实现
达到 突破 提升 提高 助力 赋能 打造 开工 竣工 投产 开幕 闭幕 开班 开讲 开通 揭牌
授牌 带队 率队 带领 带头 走进 调度 指导 对接 商谈 洽谈 交流 暗访 巡查 回复 反馈
收看 表彰 选举 投票 统筹 聚焦 坚持 筑牢 守牢 维护 保障 确保 推进会议 开启 亮相
集结 重走 接访 下访 下沉 攻坚 整治 学习贯彻 学习宣传贯彻 传达学习 作 召集 汇报
部署会 会商 分析 研判 走深走实 投身 投入 查看 守护 惠及 构建 取得 受到 保持 迈出 打赢 落地 见效
加大 高于 低于 扩大 如期 丰富多彩 有序推进 察看 督办 推介 宣传 见面 会晤 致辞
致信 批示 作出 出任 任 免去 增长 下降 增加 减少 超过 位列 跻身 领跑
"""
VERBS = frozenset(_VERBS.split())
MOTION_VERBS = frozenset({"深入", "亲临", "走进", "来到", "深入到"})  # with the place after, as 到 is
_ADVERBS = """
扎实 全力 持续 切实 积极 深入 全面 大力 加快 着力 进一步 认真 高效 有序 稳步 不断
坚决 再次 首次 集中 亲切 实地 现场 隆重 胜利 圆满 顺利 正式 联合 共同 率先 及时
迅速 全力以赴 应邀 专题 分别 连续 多次 再 又 亲临 一线 重点 全速 加速 合力 协同
携手 务实 奋力 勇于 主动 深度 精准
"""
ADVERBS = frozenset(_ADVERBS.split())
_PREPS = """
在 于 对 就 为 以 从 向 围绕 聚焦于 关于 按照 根据 通过 针对 面向 随着 由 经
把 将 被 据 到 赴 前往 来 自 当 给 替 凭 沿 依托 立足 对标 紧扣 紧盯
"""
PREPS = frozenset(_PREPS.split())
_LOCS = """
上 中 时 后 前 期间 之际 以来 来 方面 里 内 外 下 之后 之前 以后 以前 当中
之中 之时
"""
LOCS = frozenset(_LOCS.split())
MEASURES = "年月日号时点分次届批期个项名人家条款章节位岁元万亿千百倍成季度周天户所座份页篇部张台辆吨米亩"
TITLE_ENDS = ("书记", "市长", "县长", "区长", "镇长", "乡长", "省长", "州长", "主任", "局长", "部长", "厅长",
              "处长", "科长", "院长", "校长", "所长", "站长", "主席", "委员", "常委", "总理", "组长", "队长",
              "秘书长", "检察长", "会长", "行长", "董事长", "经理", "政委", "代表", "村长", "社长", "旗长")
SUFFIXES = frozenset({"同志", "一行", "等", "们", "县", "市", "区", "镇", "乡", "村", "州", "省", "旗"})
ORG_ENDS = ("局", "委", "办", "厅", "部", "院", "所", "处", "科", "室", "站", "中心", "办事处", "街道",
            "社区", "政府", "人大", "政协", "常委会", "委员会", "党委", "党组", "支部", "公司", "集团",
            "学校", "学院", "大学", "医院", "党校", "中心组", "调研组", "巡视组", "工作组", "督导组",
            "协会", "商会", "总会", "联合会", "专班", "领导小组", "小组", "安委会", "深改委", "财经委",
            "纪委", "监委", "法院", "检察院", "管委会", "党工委", "工委", "分局", "支队", "大队")
PLACE_ENDS = ("省", "市", "县", "区", "镇", "乡", "村", "州", "旗", "新区", "园区", "开发区")
_SCOPES = """
全市 全县 全区 全省 全国 全镇 全乡 全州 全体 各级 各地 各部门 广大 全党 全社会
全民 全旗 全军
"""
SCOPES = frozenset(_SCOPES.split())
_PEOPLE = """
人民 群众 干部 党员 职工 师生 居民 村民 农民 领导 领导干部 干部群众 党员干部 青年
妇女 学生 教师 老人 儿童 班子 四大班子 四家班子 主要领导 负责同志 主要负责同志 代表
委员 候选人 企业家
"""
PEOPLE = frozenset(_PEOPLE.split())
_HEADS = """
工作 会议 情况 问题 活动 建设 项目 专题会 专题会议 推进会 调度会 部署会 动员会
座谈会 大会 全会 培训班 读书班 讲座 论坛 仪式 开幕式 团拜会 洽谈会 联席会议 常务会议
常委会议 会 报告 方案 意见 通知 办法 决定 规划 纲要 公报 公告 党课 精神 任务 举措
措施 机制 体系 成果 成效 行动 工程 整治
"""
HEADS = frozenset(_HEADS.split())
_MEETINGS = """
会议 大会 全会 常委会 常委会议 常务会议 全体会议 代表大会 党代会 委员会 会
"""
MEETINGS = frozenset(_MEETINGS.split())
# Set phrases and campaign names read as one (the lexicon splits them).
_SET_PHRASES = """
树立和践行正确政绩观 群众身边不正之风和腐败问题 党章党规党纪 两优一先 新官不理旧账 四不两直
百千万工程 对标对表 山川大地 网络爬虫 防汛排涝 干部群众 学查改 习近平新时代中国特色社会主义思想
习近平总书记 党的二十大 中国式现代化 高质量发展 乡村振兴 全面从严治党 政府工作报告 新中国成立
营商环境 安全生产 生态环境 防汛减灾 防汛备汛 招商引资 历史矛盾纠纷 软弱涣散 快调快处 提质增效
民生实事 人居环境 高标准农田 多措并举 专项整治行动
"""
SET_PHRASES = tuple(_SET_PHRASES.split())
_NUM = "[0-9０-９.．]+|[〇零一二三四五六七八九十百千万亿两几]+"
NUMBER = re.compile(
    f"(?:第|近|约|超|逾|达|共|首|前|后|增长|下降|提高|增加|减少|成立|建党|建国|诞辰)?(?:{_NUM})"
    f"(?:(?:周年|季度|年度|个月|月份|小时|分钟|百分点|个百分点|[%‰％{MEASURES}])+(?:{_NUM})?)+"
    "(?:以来|来|余|多|左右|以上|以下)?"
    f"|(?:{_NUM})[%‰％]")
ORDINAL = re.compile(f"第(?:{_NUM})[届次批期号]")
_R = "[大对抓快早严真新强稳共提双防]"
_REPEAT = re.compile(f"({_R})(.)\\1(.)|({_R})(..)\\4(..)")  # 对标对表, 大排查大整治
# Verbs that name an activity inside a noun phrase when a head follows (整治工作, 推进会).
_NOMINAL_VERBS = """
整治 攻坚 推进 调度 部署 会商 分析 研判 整改 学习 交流 保障 提升 督导 检查 对接
表彰 考察 安排 研究 统筹 实施 建设 维护 落实 宣讲 巡查 指导 汇报 选举 下沉 接访
"""
NOMINAL_VERBS = frozenset(_NOMINAL_VERBS.split())


def fix_segments(ws: list[str]) -> list[str]:
    """Undo the lexicon's cuts that split a title from its office: 老干部局|长会议 is
    老干部|局长|会议 (a title inside a compound)."""
    out = list(ws)
    for k in range(len(out) - 1):
        w, nxt = out[k], out[k + 1]
        if len(w) > 1 and nxt.startswith("长") and (w[-1] + "长").endswith(TITLE_ENDS):
            out[k], out[k + 1] = w[:-1], w[-1] + "长"
            if len(nxt) > 1:
                out.insert(k + 2, nxt[1:])
    return [w for w in out if w]


_PARTIES = """
中国共产党 中共 共青团 中国致公党 民革 民盟 民建 民进 农工党 九三学社 台盟 自治区
"""
PARTIES = frozenset(_PARTIES.split())


def word_class(w: str) -> str:
    if w in PARTIES:
        return "org"
    if w[0] in MARKS:
        return "punct"
    if w in ("的", "之", "地"):
        return "de"
    if w in CONJ:
        return "conj"
    if w in PREPS:
        return "prep"
    if w in ADVERBS:
        return "adv"
    if w in VERBS:
        return "verb"
    if w in LOCS:
        return "loc"
    if w in SUFFIXES:
        return "suffix"
    if len(w) == 1 and w in MEASURES:
        return "measure"
    if w in SCOPES:
        return "scope"
    if w in PEOPLE:
        return "people"
    if NUMBER.fullmatch(w) or re.fullmatch(_NUM, w):
        return "num"
    if w.endswith(("干部", "群众", "人民", "党员", "职工")):
        return "people"  # 广大干部, not an organisation for its 部
    if w[:2] in ADVERBS and w[2:] in VERBS:
        return "verb"  # 认真贯彻, 扎实推进
    if w.endswith(TITLE_ENDS):
        return "title"
    if w in HEADS:
        return "head"
    if w.endswith(ORG_ENDS):
        return "org"
    if w.endswith(PLACE_ENDS) and len(w) > 1:
        return "place"
    return "n"


def classify(ws: list[str], names: Iterable[str] = ()) -> list[str]:
    """A class for each word; a person's name (a word of the names given or of the lexicon's,
    or a surname and one or two characters between a title and a verb) is "name"."""
    lex_names = words.lexicon().names
    tags = ["name" if (w in names or w in lex_names) else word_class(w) for w in ws]
    for k in range(len(ws)):
        nxt = tags[k + 1] if k + 1 < len(ws) else "punct"
        if tags[k] == "measure" and (k == 0 or tags[k - 1] != "num"):
            tags[k] = "n"  # 张 of 张东方, not of 三张
        elif tags[k] == "adv" and nxt not in ("verb", "adv", "prep"):
            tags[k] = "verb" if ws[k] in ("深入", "亲临", "加快") else "n"  # 专题 of 专题会, 深入乡镇
        elif tags[k] == "verb" and ws[k] in NOMINAL_VERBS and nxt in ("head", "org"):
            tags[k] = "n"  # 整治 of 整治工作
        elif ws[k] == "领导" and k + 1 < len(ws) and ws[k + 1].startswith("小组"):
            tags[k] = "org"  # 领导小组
    return tags


def find_names(toks: list[tuple[int, str]], tags: list[str]) -> list[tuple[int, int]]:
    """Token spans [k, j) that read as a person's name: a surname and one or two characters,
    after a title, at the start or after a mark, and before a verb, an adverb, a title or 同志."""
    spans = []
    k = 0
    while k < len(toks):
        before = tags[k - 1] if k else "punct"
        if before in ("title", "punct", "conj", "org", "place") and toks[k][1][0] in words.SURNAMES:
            found = None
            for j in range(k + 1, min(len(toks), k + 4) + 1):
                name = "".join(w for _, w in toks[k:j])
                longest = 4 if name[:2] in words.SURNAMES and len(name) > 2 else 3  # 欧阳文华
                if 2 <= len(name) <= longest and _follows_name(toks, tags, j) and all(
                        t not in ("verb", "punct", "title", "prep", "conj") for t in tags[k + 1 : j]):
                    found = (k, j)
            if found:
                spans.append(found)
                k = found[1]
                continue
        k += 1
    return spans


def _follows_name(toks: list[tuple[int, str]], tags: list[str], j: int) -> bool:
    if j == len(toks):
        return True
    w = toks[j][1]
    return (tags[j] in ("verb", "title", "suffix", "prep", "punct", "conj")
            or w in ADVERBS or w in VERBS or w in ("新年", "履新"))


def units(text: str, toks: list[tuple[int, str]], tags: list[str]) -> list[tuple[int, int]]:
    """Spans of text (start, end) a line never breaks inside: numbers with their measures,
    ordinals with their head (第十六届委员会), set phrases, names with their titles."""
    spans = [m.span() for m in NUMBER.finditer(text)]
    starts = {off: k for k, (off, _) in enumerate(toks)}
    for m in ORDINAL.finditer(text):
        k = starts.get(m.end())
        if k is not None and tags[k] in ("n", "head", "org", "people", "title", "scope"):
            end = toks[k][0] + len(toks[k][1])
            if tags[k] == "n" and k + 1 < len(toks) and (tags[k + 1] == "org" or toks[k + 1][1] in MEETINGS):
                end = toks[k + 1][0] + len(toks[k + 1][1])  # 第一次全体会议
            spans.append((m.start(), end))
    for phrase in SET_PHRASES:
        at = text.find(phrase)
        while at >= 0:
            spans.append((at, at + len(phrase)))
            at = text.find(phrase, at + 1)
    spans += [m.span() for m in _REPEAT.finditer(text) if _HANS.fullmatch(m.group())]
    for k, j in find_names(toks, tags):
        a = toks[k - 1][0] if k and tags[k - 1] == "title" else toks[k][0]
        b = toks[j - 1][0] + len(toks[j - 1][1])
        if j < len(toks) and tags[j] in ("title", "suffix"):
            b = toks[j][0] + len(toks[j][1])  # 王志强同志
        spans.append((a, b))
    return spans


_HANS = re.compile(r"[\u4e00-\u9fff]+")
_ASIDE = re.compile(r"（[^（）]{1,16}）|\([^()]{1,16}\)")


def asides(text: str) -> list[tuple[int, int]]:
    """Spans of text in round brackets, the brackets included (（扩大）, （潮南段）)."""
    return [m.span() for m in _ASIDE.finditer(text)]


def adverbials(toks: list[tuple[int, str]], tags: list[str]) -> list[tuple[int, int]]:
    """Spans of text from 在/于 to the place or time word that closes it (在…会议上, 在…时)."""
    spans = []
    for k, (off, w) in enumerate(toks):
        if tags[k] == "prep" and w in ("在", "于"):
            for j in range(k + 1, min(len(toks), k + 16)):
                if tags[j] == "loc":
                    spans.append((off, toks[j][0] + len(toks[j][1])))
                    break
                if tags[j] == "punct":
                    break
    return spans


def opens_adverbial(toks: list[tuple[int, str]], tags: list[str], k: int) -> bool:
    """Does the place or time word before token k close an adverbial opened by 在/于/从
    (在全市防汛工作会议上 | 强调)?"""
    for j in range(k - 2, max(-1, k - 16), -1):
        if tags[j] == "prep" and toks[j][1] in ("在", "于", "从", "自", "当", "对", "就"):
            return True
        if tags[j] in ("verb", "punct"):
            return False
    return False


def verb_inside(toks: list[tuple[int, str]], tags: list[str], k: int) -> bool:
    """Is the verb before token k part of a larger phrase, so that a break after it is not a
    verb | object one: after a preposition (围绕推进 | 黄河流域…), or its object closed by 的
    and a head, the verb then in a modifier (进一步做好 | 四季度经济工作的通知)?"""
    if k >= 2 and tags[k - 2] == "prep":
        return True
    for j in range(k, min(len(tags) - 1, k + 8)):
        if tags[j] == "de":
            return tags[j + 1] == "head"
        if tags[j] in ("verb", "punct", "prep", "conj"):
            return False
    return False


def noun_pair(a: str, ta: str, b: str, tb: str) -> float:
    """The bonus of a break between two words of a noun phrase."""
    from .phrases import INSIDE_NP, LOOSE, UNIT
    if ta == "scope" or tb in ("people", "title", "suffix"):
        return UNIT  # 全县 | 人民, 主要 | 领导, 区委 | 书记
    if (ta, tb) in (("title", "name"), ("name", "title")):
        return UNIT
    if (ta in ("place", "org", "n") and tb == "org") or (a in PARTIES and tb == "place"):
        return UNIT  # 县委 | 常委会, 技师 | 学院, 中国共产党 | 霍山县
    if tb == "place" and (len(b) <= 2 or len(a) == 1):
        return UNIT  # 梨 | 埠镇: a place name the lexicon does not know
    if ta == "num" and tb == "num":
        return UNIT / 1.5  # 2026年 | 第四次
    if ta == "org" and tb == "num" and b.endswith("届"):
        return INSIDE_NP  # 市委 | 十四届第234次常委会: the body and its term
    if tb == "num" and not b.startswith("第"):
        return LOOSE  # 市自然资源规划委员会 | 2026年第四次主任会议
    if ta == "place" and (tb == "place" or tb == "num"):
        return UNIT / 1.5  # 蚌埠市 | 龙子湖区, 霍山县 | 第十六届委员会: within a name, between its parts
    if ta == "n" and tb == "n" and len(a) == 2 and len(b) == 2:
        return INSIDE_NP - 5  # 防汛 | 排涝, 干部 | 群众: a compound of two words
    return INSIDE_NP
