"""Bulletins nobody has seen: random articles made of real sentences, numbers, Latin and marks,
built and counted like the corpus. Every defect count must be zero."""
import json
import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin_cli import build

from .typesetting import count_defects

CORPUS = sorted((Path(__file__).parent / "corpus").glob("*.txt"))
SENTENCES = [s.strip() + "。" for p in CORPUS for s in p.read_text("utf-8").split("。")
             if 4 < len(s.strip()) < 120 and not s.lstrip().startswith("#") and "\n" not in s.strip()]
EXTRAS = ["“两个维护”", "《通知》", "（试行）", "——", "……", "PM2.5", "6.3%", "2026年", "GDP", "5G",
          "〔2024〕12号", "1/3", "C919", "第十一条", "：", "；", "、", "？", "！"]


@st.composite
def bulletins(draw):
    rnd = random.Random(draw(st.integers(0, 2**32)))
    articles = []
    for _ in range(draw(st.integers(1, 3))):
        paras = []
        for _ in range(rnd.randint(1, 6)):
            parts = [rnd.choice(SENTENCES).strip() for _ in range(rnd.randint(1, 5))]
            for _ in range(rnd.randint(0, 4)):
                k = rnd.randrange(len(parts))
                s = parts[k]
                cut = rnd.randrange(len(s) + 1)
                parts[k] = s[:cut] + rnd.choice(EXTRAS) + s[cut:]
            paras.append("".join(parts))
        title = rnd.choice(SENTENCES).strip("。 ")[:rnd.randint(6, 40)]
        articles.append((title, paras))
    return articles


def spec_text(articles) -> str:
    out = ["masthead: {title: 随机测试工作简报, issue: 3, publisher: 测试办公室, date: 2026-05-06}",
           "articles:"]
    for title, paras in articles:
        out.append(f"  - title: {json.dumps(title, ensure_ascii=False)}")
        out.append("    body: |")
        out.append("\n\n".join("      " + p for p in paras))
    out.append("distribution: {report_to: 各有关单位, copies: 30}")
    return "\n".join(out) + "\n"


@settings(max_examples=int(__import__("os").environ.get("UNSEEN_N", 25)), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(articles=bulletins())
def test_unseen_bulletins_set_without_defects(articles, tmp_path):
    """A failure shows the spec that failed (it used to be written into the repository)."""
    spec = tmp_path / "u.yaml"
    spec.write_text(spec_text(articles), encoding="utf-8")
    try:
        build(spec, tmp_path / "u.pdf")
    except Exception as e:
        e.add_note(f"the spec:\n{spec.read_text('utf-8')}")
        raise
    defects = {k: v for k, v in count_defects(tmp_path / "u.pdf", spec).items() if v}
    assert defects == {}, f"the spec:\n{spec.read_text('utf-8')}"


def test_a_line_short_by_a_chain_and_the_character_pulled_down_for_a_runt(tmp_path):
    """Found by an uncapped run (full_line_not_28): greedy, the line ends 得到新提 and the last
    line would be the runt 高……。 (…… never starts a line); 提 is pulled down to keep it
    company. The line before is then short by the chain and 提, which is right: the checker
    allowed only the one character."""
    para = ("人民币普惠小微贷款[50]余额29.4万亿元，增加、5.6万亿元。”“员工确认”一栏显示：“经说明，我已知悉"
            "《劳动合同法》上的权利和义务，现单位已经将我的工资、加班费、经济补偿结清，我与单位无其他任何争议。"
            "——社会文明程度得到新提高……。")
    spec = tmp_path / "u.yaml"
    spec.write_text(spec_text([("中等职业教育[71]", [para])]), encoding="utf-8")
    build(spec, tmp_path / "u.pdf")
    from .typesetting import body_lines, read_lines

    texts = [ln.text for ln in body_lines(read_lines(tmp_path / "u.pdf"))]
    assert texts[-2:] == ["清，我与单位无其他任何争议。——社会文明程度得到新", "提高……。"]
    assert {k: v for k, v in count_defects(tmp_path / "u.pdf", spec).items() if v} == {}
