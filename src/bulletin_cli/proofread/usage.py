"""Words official writing confuses, as a proofreader marks them (rule "word-usage"): a short
list checked against the 《现代汉语词典》 and the usage official documents follow, each with the
reason a proofreader writes in the margin. A mark, never a fix: the word may be a name, a quotation
or the other sense (截止日期 is right, 截止2023年底 is not), so its author decides.

Left out on purpose: 做出贡献 (both are written; the labour-dispute cases in tests/corpus write
做出贡献 and 作出合理解释), 权力/权利 and 必须/必需 (the sense decides, not the words around)."""
from __future__ import annotations

import re
from typing import NamedTuple

from ..i18n import N_, _
from .rules import Hit

RULE = "word-usage"
_DATE = (r"(?:\d{2,4}年|\d{1,2}月|[〇零一二三四五六七八九十]{2,4}年|"
         r"今年|本年|去年|上年|年底|年末|月底|目前|当前|发稿时)")


class Confusion(NamedTuple):
    pattern: re.Pattern  # group 1: the characters marked
    right: str  # what the proofreader writes instead
    why: str


def _c(pattern: str, right: str, why: str) -> Confusion:
    return Confusion(re.compile(pattern), right, why)


CONFUSIONS = [
    _c(rf"(截止)(?=\s*{_DATE})", "截至",
       N_("截至 (up to) before a time; 截止 (to end) takes no object: 截止日期")),
    _c(r"(布署)", "部署", N_("部署: 布署 is not a word")),
    _c(r"(签定)", "签订", N_("签订 (a contract, an agreement); 签定 is an old variant")),
    _c(r"(做出)(?=了?[^，。；：、]{0,4}?(?:决定|决策|部署|规定|批示|指示|判决|裁决|决议|结论|承诺|安排|解释|回应|处理决定|处分))",
       "作出", N_("作出 before an abstract object (决定, 部署, 批示 …) in official writing")),
    _c(r"(座落)", "坐落", N_("坐落: a building sits (坐), 座 is its measure word")),
    _c(r"(帐)(?=[户号目款单簿])", "账",
       N_("账 for money and accounts (账户, 账目); 帐 is a tent or curtain")),
    _c(r"(既使)", "即使", N_("即使 (even if)")),
    _c(r"(再接再励)", "再接再厉", N_("再接再厉: 厉 is 砺, to sharpen")),
    _c(r"(迫不急待)", "迫不及待", N_("迫不及待")),
    _c(r"(一愁莫展)", "一筹莫展", N_("一筹莫展: 筹 is a plan")),
    _c(r"(按步就班)", "按部就班", N_("按部就班: 部 is an order, not a step")),
    _c(r"(严励)(?=打击|查处|惩处|整治)", "严厉", N_("严厉打击: 厉 is severe; 励 is to encourage")),
    _c(r"(励行)(?=节约|法治)", "厉行", N_("厉行节约: 厉 is strict")),
    _c(r"(不径而走)", "不胫而走", N_("不胫而走: 胫 is the shin")),
    _c(r"(度过)(?=难关)", "渡过", N_("渡过难关 (crossing a difficulty); 度过 is for time: 度过春节")),
    _c(r"(反应)(?=问题|情况|诉求|意见)", "反映", N_("反映问题 (report); 反应 is a response")),
    _c(r"(招聘|寻人|招领)(启示)", "启事", N_("启事 (a notice); 启示 is an insight")),
]
_BY_TEXT = {}  # the marked text -> why (for the message)
for _conf in CONFUSIONS:
    _BY_TEXT.setdefault(_conf.right, _conf.why)


def usage_marks(text: str) -> list[Hit]:
    """The confusions in one paragraph: each a Hit whose fix is the suggestion, never applied."""
    hits = []
    for conf in CONFUSIONS:
        for m in conf.pattern.finditer(text):
            group = m.lastindex or 0
            hits.append(Hit(m.start(group), m.end(group), RULE, conf.right))
    return hits


def why(right: str) -> str:
    """The reason a proofreader gives for writing `right`."""
    reason = _BY_TEXT.get(right, "")
    return _(reason) if reason else ""
