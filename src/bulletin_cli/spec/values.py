"""The converters of one-line values (convert.KINDS): numbers, dates, flags, widths, labels and
lists of names. Each takes (converter, node, path, key), reports a problem at the node and
returns None, or returns the value."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import TYPE_CHECKING

from yaml.nodes import Node, ScalarNode, SequenceNode

from ..i18n import N_, _
from .keys import (
    BOOL,
    INT,
    MAX_BYLINE_CHARS,
    MAX_COUNT,
    MAX_TITLE_LINE_CHARS,
    PAGE_NUMBERS,
    STR,
    TABLE_STYLES,
    TIMESTAMP,
    Key,
    describe,
)

if TYPE_CHECKING:
    from .convert import Converter

_DATE = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:(?:[Tt]|\s+)\d{1,2}:\d\d.*)?"  # time: see _TIME
                   r"|(\d{4})年(\d{1,2})月(\d{1,2})日?")
_INT = re.compile(r"[-+]?[0-9][0-9_]*")
# A time after the date is not printed, but it must be a time: 25:00 is a typing mistake
_TIME = re.compile(r"(?:[Tt]|\s+)(\d{1,2}):(\d\d)(?::(\d\d))?")


def short(conv: Converter, node: Node, path: str, lines: list[str]) -> bool:
    """Whether every line of a title (or headline) fits MAX_TITLE_LINE_CHARS; reported if not."""
    longest = max(map(len, lines))
    if longest > MAX_TITLE_LINE_CHARS:
        conv.report(node, path, _("title line too long: {n:,} characters (at most {limit})").format(
                                      n=longest, limit=MAX_TITLE_LINE_CHARS),
                    _("break it into lines with | or a list of lines"), code="spec.too-long")
    return longest <= MAX_TITLE_LINE_CHARS


def label(conv: Converter, node: Node, path: str, key: Key) -> str | None:
    text = conv.text(node, path, key)
    if text is not None and len(text) > MAX_BYLINE_CHARS:
        return conv.report(node, path, _("too long: {n:,} characters (at most "
                                         "{max_byline_chars})").format(
                                             n=len(text), max_byline_chars=MAX_BYLINE_CHARS),
                           _("a byline or label is a line or two; put the rest in the body"),
                               code="spec.too-long")
    return text


def line_list(conv: Converter, node: Node, path: str, key: Key) -> list[str] | None:
    if not isinstance(node, SequenceNode):
        return conv.report(node, path, _("expected a list of strings, got {found}").format(
            found=describe(node)), code="spec.wrong-value")
    if not node.value:
        return []  # headlines: [] asks for no headline list
    return conv.items(node, path, "line")


def names(conv: Converter, node: Node, path: str, key: Key) -> str | None:
    if isinstance(node, SequenceNode):
        found = conv.items(node, path, N_("text"))
        return None if found is None else "，".join(found)
    return conv.text(node, path, key, N_("text or a list of strings"))


def count(conv: Converter, node: Node, path: str, key: Key) -> int | None:
    # Numbers written as text ("11", fullwidth １１) are accepted: people quote them.
    written = unicodedata.normalize("NFKC", node.value).strip() if isinstance(node, ScalarNode) else ""
    if node.tag not in (INT, STR) or not _INT.fullmatch(written):
        return conv.report(node, path, _("expected a whole number, got {found}").format(found=describe(node)),
            code="spec.wrong-value")
    digits = written.replace("_", "").lstrip("+-0")
    if len(digits) > len(str(MAX_COUNT)) or (not written.startswith("-") and int(digits or 0) > MAX_COUNT):
        return conv.report(node, path, _("too large: {found} (at most {max_count:,})").format(
            found=describe(node), max_count=MAX_COUNT), code="spec.too-many")
    value = int(written.replace("_", ""))
    return value if value >= 1 else conv.report(node, path, _("must be at least 1"), code="spec.wrong-value")


def date(conv: Converter, node: Node, path: str, key: Key) -> dt.date | None:
    # YAML's own date type only covers 2021-03-15; people also write 2021-3-5 and 2021年3月5日.
    written = unicodedata.normalize("NFKC", node.value).strip() if isinstance(node, ScalarNode) else ""
    m = _DATE.fullmatch(written) if node.tag in (STR, TIMESTAMP) else None
    if not m:
        return conv.report(node, path, _("expected a date like 2021-03-15, got {found}").format(
            found=describe(node)), code="spec.wrong-value")
    y, _sep, mo, d, y2, mo2, d2 = m.groups()
    time = _TIME.match(written, m.end(4)) if d else None
    try:
        if time:
            second = int(time[3] or 0)
            dt.time(int(time[1]), int(time[2]), 59 if second == 60 else second)  # :60 a leap second
        return dt.date(int(y or y2), int(mo or mo2), int(d or d2))
    except ValueError:
        return conv.report(node, path, _("not a real date: {written}").format(written=written),
            code="spec.wrong-value")


def page_numbers(conv: Converter, node: Node, path: str, key: Key) -> str | None:
    return _one_of(conv, node, path, key, PAGE_NUMBERS, _("write none for no numbers"))


def table_style(conv: Converter, node: Node, path: str, key: Key) -> str | None:
    return _one_of(conv, node, path, key, TABLE_STYLES, _("write grid or three-line"))


def _one_of(conv: Converter, node: Node, path: str, key: Key, choices: tuple[str, ...],
            if_bool: str) -> str | None:
    """One of `choices`, in any case; a misspelt one gets the closest as a hint, a boolean
    (`page_numbers: off`) `if_bool`."""
    expected = _("one of {names}").format(names=", ".join(choices))
    if isinstance(node, ScalarNode) and node.tag == BOOL:
        return conv.report(node, path, _("expected {expected}, got a boolean").format(expected=expected),
                           if_bool, code="spec.wrong-value")
    value = (conv.text(node, path, key, expected) or "").lower()
    if value and value not in choices:
        import difflib  # only for a misspelt value

        close = difflib.get_close_matches(value, choices, n=1)
        hint = _("did you mean '{key}'?").format(key=close[0]) if close else None
        got = _("expected {expected}, got '{value}'").format(expected=expected, value=value)
        conv.report(node, path, got, hint, code="spec.wrong-value")
    return value if value in choices else None


def flag(conv: Converter, node: Node, path: str, key: Key) -> bool | None:
    if not (isinstance(node, ScalarNode) and node.tag == BOOL):
        return conv.report(node, path, _("expected true or false, got {found}").format(found=describe(node)),
            code="spec.wrong-value")
    return node.value.lower() in ("true", "yes", "on", "y")


def percent(conv: Converter, node: Node, path: str, key: Key) -> float | None:
    written = node.value.strip() if isinstance(node, ScalarNode) and node.tag != BOOL else ""
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*[%％]?", unicodedata.normalize("NFKC", written))
    value = float(m.group(1)) if m else 0.0
    if not m or not 10 <= value <= 100:
        return conv.report(node, path, _("expected a width from 10% to 100% of the text block, "
                                         "got {found}").format(found=describe(node)), code="spec.wrong-value")
    return value / 100
