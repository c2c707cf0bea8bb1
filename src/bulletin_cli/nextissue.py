"""`bulletin new PATH --from PREVIOUS.yaml`: the text of the next issue of a series."""
from __future__ import annotations

import datetime as dt
import json
import os
from importlib import resources

from .i18n import _, language

PLACEHOLDER_ARTICLES = """\
articles:                                   # this issue's articles, in order
  - title: 在此填写第一篇文章标题            # a space between two characters marks where it may break
    # byline: 来源：                         # optional
    body: |                                 # paragraphs separated by a blank line
      在此填写正文第一段。

      第二段。
  # - title: 第二篇文章标题
  #   body: |
  #     正文。
"""
PLACEHOLDER_ARTICLES_ZH = """\
articles:                                   # 本期稿件，按顺序排列
  - title: 在此填写第一篇文章标题            # 两个汉字之间的空格表示可以在此转行
    # byline: 来源：                         # 可选
    body: |                                 # 各段之间空一行
      在此填写正文第一段。

      第二段。
  # - title: 第二篇文章标题
  #   body: |
  #     正文。
"""


TEMPLATE_DATE = "2026-01-15"  # the date template.yaml is written with


def template(date: dt.date, articles: str | None = None) -> str:
    """The commented template of a first issue, dated `date` (today's, unless --date says);
    commented in Chinese for a Chinese user (template.zh.yaml: the same keys and values, so the
    same pages); with `articles` (the spec's `articles:` list, articles.py) in place of the
    template's examples."""
    name = "template.zh.yaml" if language() == "zh" else "template.yaml"
    text = resources.files("bulletin_cli").joinpath(name).read_text("utf-8")
    text = text.replace(f"  date: {TEMPLATE_DATE}", f"  date: {date.isoformat()}", 1)
    if articles is not None:
        start, end = text.index("\narticles:") + 1, text.index("\ndistribution:") + 1
        text = text[:start] + articles + "\n" + text[end:]
    return text


def yaml_scalar(text: str) -> str:
    """`text` as a YAML scalar that reads back as written (articles.py writes its list with it)."""
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def next_issue(previous: str, target: str, date: dt.date, articles: str | None = None) -> str:
    """The next issue after `previous`: issue + 1, total_issue + 1 where present, `date`, the same
    `extends` (rewritten relative to `target`'s folder) or, without one, the same masthead,
    distribution and style; then `articles` (the spec's list) or placeholders to fill in. The
    previous spec must be valid (InputError otherwise), so what is carried over is known to build."""
    from yaml.nodes import ScalarNode  # the spec reader only for --from: `new` alone writes the template

    from .spec.reader import load

    loaded = load(previous)
    spec, own = loaded.spec, loaded.source.spec_file  # its own keys as it wrote them, not merged
    assert spec is not None and own.root is not None  # a valid issue
    text, top = own.raw, {k.value: (k, v) for k, v in own.root.value if isinstance(k, ScalarNode)}
    m = spec.masthead
    out = ["# " + _("第 {n} 期, written by `bulletin new --from {previous}`").format(
        n=m.issue + 1, previous=os.path.basename(previous)),
           "# " + _("fill in the articles below; bulletin build checks every field"), ""]
    extends = top.get("extends")
    if extends is not None and isinstance(extends[1], ScalarNode):
        series = os.path.join(os.path.dirname(previous), extends[1].value.strip())
        out.append(f"extends: {yaml_scalar(os.path.relpath(series, os.path.dirname(target) or '.'))}")
    out.append("masthead:")
    if extends is None:
        lines = m.title.split("\n")
        out.append(f"  title: {yaml_scalar(lines[0])}" if len(lines) == 1 else
                   "  title:\n" + "\n".join(f"    - {yaml_scalar(line)}" for line in lines))
        out.append(f"  publisher: {yaml_scalar(m.publisher)}")
        if m.marking:
            out.append(f"  marking: {yaml_scalar(m.marking)}")
    out.append(f"  issue: {m.issue + 1}")
    if m.total_issue:
        out.append(f"  total_issue: {m.total_issue + 1}")
    out.append(f"  date: {date.isoformat()}")
    for key in ("distribution", "style"):
        if key in top:  # as the previous issue wrote it, comments and all (a series' stays there)
            k, v = top[key]
            out.append(text[k.start_mark.index:v.end_mark.index].rstrip())
    placeholder = PLACEHOLDER_ARTICLES_ZH if language() == "zh" else PLACEHOLDER_ARTICLES
    return "\n".join(out) + "\n" + (articles or placeholder)
