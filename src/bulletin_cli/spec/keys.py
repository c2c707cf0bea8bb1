"""What a spec may hold: its keys, the kind of value each takes, and the limits on sizes.

This table is the one description of the spec: the converter (convert.py) validates against it,
proofreading (proofread/) walks it to find the text a spec prints, schema.py turns it into a JSON
Schema. A new key is added here first, then its converter if its kind is new."""
from __future__ import annotations

from typing import NamedTuple

from yaml.nodes import MappingNode, Node, SequenceNode

from ..i18n import _
from ..model import ROLES
from ..wording import quoted

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ARTICLES = 1000
MAX_STRING_CHARS = 200_000
MAX_TITLE_LINE_CHARS = 200
MAX_ALIASES = 100
MAX_PROBLEMS = 100  # problems reported one by one; the rest are counted
MAX_COUNT = 999_999  # issue numbers and copies: a number wider than that is a typo
MAX_BYLINE_CHARS = 200  # a byline or headline label is a line or two, never a page
MAX_EXPANDED_NODES = 100_000  # values a document may expand to through its aliases
# Values (keys, list items, texts) a spec file may hold, counted while YAML composes them: the
# largest spec within the other limits (1000 articles of 10 KB) has about 5,000, and 300,000
# unknown keys would cost PyYAML 25 s and 670 MB before any check could refuse them.
MAX_NODES = 200_000
MAX_TABLE_CELLS = 10_000
# Series files one spec may extend, one through the other: a series has one or two levels (a
# county's, under it a bureau's); a chain of hundreds is a generated mistake.
MAX_SERIES_FILES = 20
PAGE_NUMBERS = ("outer", "center", "none")
TABLE_STYLES = ("grid", "three-line")  # a full grid (the default), or 三线表


class Key(NamedTuple):
    """One allowed key. `kind` names its converter (convert.py, blocks.py):
    section: mapping of `keys` | articles: non-empty list of mappings of `keys`
    fonts: mapping of `keys` (font roles), or the word "official" -> Fonts (names, where, official)
    text: string, lines joined | line: text of at most MAX_TITLE_LINE_CHARS characters
    label: text of at most MAX_BYLINE_CHARS characters (a byline: a line or two)
    title: text or list of lines, the author's breaks kept as "\\n" | line_list: list of `line`
    paragraph: text as one Paragraph | paragraphs: Paragraphs separated by blank lines
    body: text with the inline syntax of markup.py, or a list of blocks (text, image, table)
    body_file: path of a .docx/.md/.txt file -> bodyfile.Body | image: path of an image -> Picture
    cells: list of rows, each a list of cells (text or numbers) | flag: true/false
    percent: "60%" or 60, of the text block's width -> a fraction
    names: text or list of text, joined with "，" | count: whole number >= 1
    date: YAML date, "2021-3-15", "2021/3/15" or "2021年3月15日" | page_numbers: one of PAGE_NUMBERS
    table_style: one of TABLE_STYLES
    """

    kind: str
    required: bool = False
    keys: dict[str, Key] | None = None


KNOWN_KEYS: dict[str, Key] = {
    "masthead": Key("section", True, {
        "title": Key("title", True), "issue": Key("count", True), "total_issue": Key("count"),
        "publisher": Key("text", True), "date": Key("date", True), "marking": Key("text"),
    }),
    "editor_note": Key("paragraph"),
    "headlines": Key("line_list"),
    "articles": Key("articles", True, {  # title unless body_file has one; body or body_file
        "title": Key("title"), "byline": Key("label"), "body": Key("body"), "body_file": Key("body_file"),
    }),
    "distribution": Key("section", False, {
        "report_to": Key("names"), "copy_to": Key("names"), "send_to": Key("names"), "copies": Key("count"),
    }),
    "style": Key("section", False, {
        "fonts": Key("fonts", False, {role: Key("text") for role in ROLES}),
        "page_numbers": Key("page_numbers"), "headline_label": Key("label"), "headline_pages": Key("flag"),
        "duplex": Key("flag"), "tables": Key("table_style"),
    }),
    "extends": Key("text"),  # a series file merged under this one: series.py
}
# The mappings a body list may hold besides text, told apart by their first key.
BLOCK_KEYS: dict[str, dict[str, Key]] = {
    "image": {"image": Key("image", True), "caption": Key("text"), "alt": Key("text"),
              "width": Key("percent")},
    "table": {"table": Key("cells", True), "caption": Key("text"), "header": Key("flag"),
              "note": Key("text")},
}
# The kinds whose values are text a bulletin prints (what proofreading reads).
TEXT_KINDS = frozenset({"title", "text", "line", "line_list", "paragraph", "paragraphs", "names", "body",
                        "label"})

_T = "tag:yaml.org,2002:"
STR, INT, BOOL, NULL, TIMESTAMP = (_T + t for t in ("str", "int", "bool", "null", "timestamp"))
MERGE = _T + "merge"
ALLOWED_TAGS = {STR, INT, BOOL, NULL, TIMESTAMP} | {_T + t for t in ("float", "value", "seq", "map")}


def short_tag(tag: str) -> str:
    return tag.replace(_T, "!!")


def describe(node: Node | None) -> str:
    """A value as a message names it: "a mapping", "nothing", "'2021-13-01'"."""
    if isinstance(node, (MappingNode, SequenceNode)):
        return _("a mapping") if isinstance(node, MappingNode) else _("a list")
    if node is None or node.tag == NULL:
        return _("nothing")
    if node.tag == BOOL:
        return _("a boolean")
    return quoted(f"{node.value[:40]}…" if len(node.value) > 40 else node.value)
