"""Template text left in a spec: the sample articles of template.yaml (`bulletin new`) and the
placeholders `bulletin new --from` writes (在此填写…) build as they are, so a bulletin could go
out with them. A value that prints exactly a sample text, or holds a placeholder, is marked at
its place (rule "template-text", never fixed: only its author knows what goes there)."""
from __future__ import annotations

import functools
from importlib import resources

import yaml

RULE = "template-text"
PLACEHOLDER = "在此填写"  # every placeholder nextissue writes says where to write
# Only what an issue writes anew each time: its masthead, distribution and style may well stay
# as the template has them. A short sample (a table cell 项目, a subheading 督导要求, a
# placeholder 第二段。) may well be an issue's own words: only longer ones are told.
_SAMPLE_FIELDS = ("articles", "editor_note", "headlines")
_SHORTEST = 8


@functools.cache
def sample_texts() -> frozenset[str]:
    """Every text the template and the placeholders print in an issue's own parts (read with
    PyYAML alone: the template is no spec of the user's, and nothing here needs its places)."""
    from ..nextissue import PLACEHOLDER_ARTICLES

    template = resources.files("bulletin_cli").joinpath("template.yaml").read_text("utf-8")
    texts: set[str] = set()
    for doc in (yaml.safe_load(template), yaml.safe_load(PLACEHOLDER_ARTICLES)):
        texts.update(_texts(doc.get("editor_note")))
        for article in doc.get("articles") or []:
            texts.update(_texts(article.get("title")))
            texts.update(_texts(article.get("body")))
    return frozenset(t for t in texts if len(t) >= _SHORTEST)


def _texts(value) -> list[str]:
    """The paragraphs of a text value, or of a body list's text items."""
    if isinstance(value, list):
        return [t for item in value if isinstance(item, str) for t in _texts(item)]
    if not isinstance(value, str):
        return []
    return [p.strip().lstrip("#").strip() for p in value.split("\n\n") if p.strip()]


def _sample_field(field: str) -> bool:
    return field.startswith(_SAMPLE_FIELDS) and ".table" not in field


def left_in(text: str, field: str) -> bool:
    """Whether a unit's printed text is template text left in."""
    return _sample_field(field) and (PLACEHOLDER in text or text.strip() in sample_texts())
