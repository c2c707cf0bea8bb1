"""Read an issue spec (YAML) into `model.Spec`, reporting every problem in it at once.

We never call `yaml.safe_load`. The document is *composed* into YAML nodes, which keep
their line and column, then checked against KNOWN_KEYS and converted by hand. That way
every problem points at its place in the file, no tag can ever construct an object, and
aliases are bounded before anything expands them.

Paths in messages look like `masthead.date` or `articles[2].title`; articles are counted
from 1, as someone reading the file counts them.
"""
from __future__ import annotations

import bisect
import datetime as dt
import difflib
import os
import re
import unicodedata
from typing import Any, NamedTuple

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import InputError, Problem
from .model import ROLES, Article, Distribution, Loc, Masthead, Paragraph, Spec, Style

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ARTICLES = 1000
MAX_STRING_CHARS = 200_000
MAX_TITLE_LINE_CHARS = 200
MAX_ALIASES = 100
MAX_EXPANDED_NODES = 100_000  # values a document may expand to through its aliases
PAGE_NUMBERS = ("outer", "center", "none")


class Key(NamedTuple):
    """One allowed key. `kind` names the converter (`_<kind>` on _Checker):
    section: mapping of `keys` | articles: non-empty list of mappings of `keys`
    fonts: mapping of `keys` (font roles) or the word "official"
    text: one string, lines joined | line: text of at most MAX_TITLE_LINE_CHARS
    title: text or list of lines, breaks kept | line_list: non-empty list of `line`
    paragraph: text as one Paragraph | paragraphs: blank-line separated Paragraphs
    names: text or list of text joined with "，" | count: whole number >= 1
    date: YAML date or "2021-03-15" / "2021年3月15日" | page_numbers: one of PAGE_NUMBERS
    """

    kind: str
    required: bool = False
    keys: dict[str, Key] | None = None


KNOWN_KEYS: dict[str, Key] = {
    "masthead": Key("section", True, {
        "title": Key("line", True),
        "issue": Key("count", True),
        "total_issue": Key("count"),
        "publisher": Key("text", True),
        "date": Key("date", True),
        "marking": Key("text"),
    }),
    "editor_note": Key("paragraph"),
    "headlines": Key("line_list"),
    "articles": Key("articles", True, {
        "title": Key("title", True),
        "byline": Key("text"),
        "body": Key("paragraphs", True),
    }),
    "distribution": Key("section", False, {
        "report_to": Key("names"),
        "copy_to": Key("names"),
        "send_to": Key("names"),
        "copies": Key("count"),
    }),
    "style": Key("section", False, {
        "fonts": Key("fonts", False, {role: Key("text") for role in ROLES}),
        "page_numbers": Key("page_numbers"),
        "headline_label": Key("text"),
    }),
}

_T = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, TIMESTAMP = (_T + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
_ALLOWED_TAGS = {STR, INT, FLOAT, BOOL, NULL, TIMESTAMP, _T + "value", _T + "seq", _T + "map"}
# Characters PyYAML refuses anywhere in a stream (its Reader.NON_PRINTABLE).
_NON_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
# The same, as they can still reach a value through double-quoted escapes ("\a", "\x07").
_BAD_IN_VALUE = re.compile("[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFFFE\uFFFF]")
_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")  # what PyYAML counts as a line break
_PROPS = re.compile(r"(?:[!&]\S*(?:\s+|$))*")  # a node's tag/anchor, which its span starts with
_DATE = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:(?:[Tt]|\s+)\d{1,2}:\d\d.*)?|(\d{4})年(\d{1,2})月(\d{1,2})日?")
_INT = re.compile(r"[-+]?[0-9][0-9_]*")
_MAPPING_HINT = "the spec must be a mapping of keys (masthead, articles, ...)"


def load_spec(path: str | os.PathLike) -> Spec:
    """Read and check the spec file at `path`; raise InputError listing every problem."""
    source = os.fsdecode(path)

    def refuse(message: str, hint: str | None = None, line: int = 0, col: int = 0) -> InputError:
        return InputError([Problem(source, line, col, "", message, hint)])

    try:
        with open(source, "rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)  # never read more than the limit
    except FileNotFoundError:
        raise refuse("no such file") from None
    except IsADirectoryError:
        raise refuse("is a directory, not a spec file") from None
    except OSError as e:
        raise refuse(f"cannot read the file: {e.strerror or e}") from None
    if len(data) > MAX_FILE_BYTES:
        raise refuse(f"file is larger than {MAX_FILE_BYTES // 2**20} MB, the limit for a spec")
    resave = ("re-save it as UTF-8, e.g. in Notepad: File > Save as > Encoding: UTF-8, "
              "or: iconv -f GB18030 -t UTF-8 in.yaml > out.yaml")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise refuse("file is UTF-16, not UTF-8", resave.replace("GB18030", "UTF-16"))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # UTF-8 BOM, as Windows Notepad writes it
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line_start = data.rfind(b"\n", 0, e.start) + 1
        line = data.count(b"\n", 0, e.start) + 1
        col = len(data[line_start:e.start].decode("utf-8", "replace")) + 1
        try:  # Chinese Windows tools save GBK by default: say so, it is the usual cause
            gbk = re.search("[\u4e00-\u9fff]", data.decode("gb18030")) is not None
        except UnicodeDecodeError:
            gbk = False
        if gbk:
            raise refuse("file is not UTF-8 (looks like GBK/GB18030, what Chinese Windows tools "
                         "save by default)", resave, line, col) from None
        raise refuse("file is not UTF-8 text", resave, line, col) from None
    return parse_spec(text, source)


def parse_spec(text: str, source: str) -> Spec:
    """Check the spec given as text; `source` names it in messages and becomes Spec.source."""
    source = str(source)
    text = text.removeprefix("\ufeff")
    if len(text) > MAX_FILE_BYTES:
        raise InputError([Problem(source, 0, 0, "", f"spec is larger than {MAX_FILE_BYTES // 2**20} MB, the limit")])
    return _Checker(text, source).run()


class _Refused(Exception):
    def __init__(self, message: str, node_or_mark: Any):
        super().__init__(message)
        self.where = node_or_mark


class _Loader(yaml.SafeLoader):
    """A SafeLoader used only to compose (never construct), counting aliases as it goes so
    that a document made of aliases is refused before it is even fully read."""

    def __init__(self, text: str):
        super().__init__(text)
        self.aliases = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise _Refused(f"too many aliases: more than {MAX_ALIASES} in one spec", self.peek_event().start_mark)
        return super().compose_node(parent, index)


class _Checker:
    """One spec text: compose it, survey every node, then one validation pass that converts."""

    def __init__(self, text: str, source: str):
        self.source = source
        self.problems: list[Problem] = []
        # PyYAML refuses control characters with an unlocated error. Swap each for U+FFFD
        # (same length, so every mark stays right) and report it ourselves, with its field.
        self.bad_at: list[int] = []
        self.bad_char: dict[int, str] = {}
        for m in _NON_PRINTABLE.finditer(text):
            self.bad_at.append(m.start())
            self.bad_char[m.start()] = m.group()
        self.text = _NON_PRINTABLE.sub("\ufffd", text) if self.bad_at else text
        self.claimed: set[int] = set()
        self.refused: set[int] = set()  # ids of nodes already reported for their tag
        self.line_starts = [0] + [m.end() for m in _BREAK.finditer(self.text)]

    def run(self) -> Spec:
        spec = None
        try:
            root = self._compose()
            if root is not None and self._survey(root):
                spec = self._spec(root)
        except RecursionError:
            self.problems.append(Problem(self.source, 0, 0, "", "the YAML is nested too deeply"))
        stray = [i for i in self.bad_at if i not in self.claimed]
        if stray:  # bad characters outside any value we read: in a key, a comment, ...
            self._at(stray[0], "", _char_message(self.bad_char[stray[0]]))
        if self.problems or spec is None:
            problems = list(dict.fromkeys(self.problems))  # aliases can make a value report twice
            raise InputError(sorted(problems, key=lambda p: (p.line, p.col)) or
                             [Problem(self.source, 0, 0, "", _MAPPING_HINT)])
        return spec

    # -- reporting ------------------------------------------------------------------

    def _at(self, where: Node | Any | int | None, path: str, message: str, hint: str | None = None) -> None:
        """Record a problem at a node, a YAML mark, a text index, or nowhere (None)."""
        if isinstance(where, Node):
            where = where.start_mark
        if isinstance(where, int):
            line = bisect.bisect_right(self.line_starts, where)
            col = where - self.line_starts[line - 1] + 1
        elif where is not None:
            line, col = where.line + 1, where.column + 1
        else:
            line = col = 0
        self.problems.append(Problem(self.source, line, col, path, message, hint))

    def _loc(self, node: Node) -> Loc:
        return Loc(self.source, node.start_mark.line + 1, node.start_mark.column + 1)

    # -- composing and surveying ----------------------------------------------------

    def _compose(self) -> Node | None:
        loader = _Loader(self.text)
        try:
            root = loader.get_single_node()
        except _Refused as e:
            self._at(e.where, "", str(e), "aliases (*name) are limited to keep specs safe to load")
            return None
        except yaml.MarkedYAMLError as e:
            problem, context = e.problem or e.context or "unknown error", e.context or ""
            if problem.startswith("but "):  # "expected a single document..., but found another"
                problem = f"{context}, {problem}"
            hint = "indent with spaces: YAML does not allow tabs there" if "\\t" in problem else None
            self._at(e.problem_mark or e.context_mark, "", f"could not parse YAML: {problem}", hint)
            return None
        except yaml.YAMLError as e:
            self._at(None, "", f"could not parse YAML: {e}")
            return None
        finally:
            loader.dispose()
        self.aliases = loader.aliases
        if root is None or not isinstance(root, MappingNode):
            self._at(root, "", _MAPPING_HINT, f"this file holds {_describe(root)}" if root else "the file is empty")
            return None
        return root

    def _survey(self, root: Node) -> bool:
        """Visit every node once: refuse non-standard tags, recursive aliases and documents
        that aliases expand beyond MAX_EXPANDED_NODES ("billion laughs"). False = stop here,
        because walking the tree any further could be what the document is attacking."""
        sizes: dict[int, int | None] = {}  # node id -> expanded size; None while visiting

        def size(node: Node) -> int:
            if id(node) in sizes:
                if sizes[id(node)] is None:
                    raise _Refused("an alias refers to a value that contains it (recursive alias)", node)
                return sizes[id(node)]  # type: ignore[return-value]
            sizes[id(node)] = None
            if node.tag == _T + "merge":
                self._at(node, "", "merge keys (<<) are not supported", "write the keys out in full")
                self.refused.add(id(node))
            elif node.tag not in _ALLOWED_TAGS:
                tag = node.tag.replace(_T, "!!")
                self._at(node, "", f"tag '{tag}' is not allowed",
                         "only plain YAML values are allowed: text, numbers, dates, lists and mappings")
                self.refused.add(id(node))
            children = [] if isinstance(node, ScalarNode) else node.value
            if isinstance(node, MappingNode):
                children = [n for pair in children for n in pair]
            total = 1 + sum(size(child) for child in children)
            if total > MAX_EXPANDED_NODES and self.aliases:
                raise _Refused(f"aliases expand this document to more than {MAX_EXPANDED_NODES:,} values "
                               "(a 'billion laughs' attack?)", node)
            sizes[id(node)] = total
            return total

        try:
            size(root)
        except _Refused as e:
            self._at(e.where, "", str(e), "aliases (*name) are limited to keep specs safe to load")
            return False
        return True

    # -- the validation pass ----------------------------------------------------------

    def _spec(self, root: MappingNode) -> Spec | None:
        top = self._fields(root, "", KNOWN_KEYS)
        if self.problems or top is None:
            return None
        style = {k: v for k, v in (top.get("style") or {}).items() if v is not None}
        distribution = top.get("distribution")
        return Spec(masthead=Masthead(**top["masthead"]), articles=top["articles"], source=self.source,
                    headlines=top.get("headlines"), editor_note=top.get("editor_note"),
                    distribution=Distribution(**distribution) if distribution is not None else None,
                    style=Style(**style))

    def _fields(self, node: Node, path: str, keys: dict[str, Key]) -> dict[str, Any] | None:
        """Check a mapping's keys (unknown, duplicate, missing) and convert each value."""
        if not isinstance(node, MappingNode):
            self._at(node, path, f"expected a mapping of keys ({', '.join(keys)}), got {_describe(node)}")
            return None
        seen: dict[str, Node] = {}
        values: dict[str, Any] = {}
        for key_node, value in node.value:
            if id(key_node) in self.refused:
                continue
            if not isinstance(key_node, ScalarNode) or key_node.tag == NULL:
                self._at(key_node, path, f"expected a key name, got {_describe(key_node)}")
                continue
            name = key_node.value
            if name in seen:  # YAML would silently keep the last one; the author meant one
                first = seen[name].start_mark.line + 1
                self._at(key_node, path, f"duplicate key '{name}' (first at line {first})")
                continue
            seen[name] = key_node
            if name not in keys:
                close = difflib.get_close_matches(name, keys, n=1)
                hint = f"did you mean '{close[0]}'?" if close else f"expected one of: {', '.join(keys)}"
                self._at(key_node, path, f"unknown key '{name}'", hint)
                continue
            values[name] = self._convert(value, f"{path}.{name}" if path else name, keys[name])
        for name, key in keys.items():
            if key.required and name not in seen:
                self._at(node, path, f"missing required key '{name}'")
        return values

    def _convert(self, node: Node, path: str, key: Key) -> Any:
        if id(node) in self.refused:
            return None
        if isinstance(node, ScalarNode) and node.tag == NULL:
            if key.required:
                self._at(node, path, "must not be empty")
            return None  # an optional key left empty counts as absent
        return getattr(self, "_" + key.kind)(node, path, key)

    def _section(self, node: Node, path: str, key: Key) -> dict[str, Any] | None:
        assert key.keys is not None
        return self._fields(node, path, key.keys)

    def _articles(self, node: Node, path: str, key: Key) -> list[Article] | None:
        assert key.keys is not None
        if not isinstance(node, SequenceNode):
            self._at(node, path, f"expected a list of articles, got {_describe(node)}")
            return None
        items = node.value
        if not items:
            self._at(node, path, "must not be empty", "an issue needs at least one article")
        if len(items) > MAX_ARTICLES:
            self._at(items[MAX_ARTICLES], path, f"too many articles: {len(items)} (at most {MAX_ARTICLES})")
            items = items[:MAX_ARTICLES]
        articles = []
        for i, item in enumerate(items, 1):
            if id(item) in self.refused:
                continue
            if not isinstance(item, MappingNode):
                self._at(item, f"{path}[{i}]", f"expected an article (a mapping with title and body), "
                         f"got {_describe(item)}")
                continue
            fields = self._fields(item, f"{path}[{i}]", key.keys)
            if fields and fields.get("title") and fields.get("body"):
                articles.append(Article(fields["title"], fields["body"], self._loc(item), fields.get("byline")))
        return articles

    def _fonts(self, node: Node, path: str, key: Key) -> dict[str, str] | None:
        if isinstance(node, ScalarNode) and node.tag == STR and node.value.strip().lower() == "official":
            return {"*": "official"}
        if not isinstance(node, MappingNode):
            self._at(node, path, f"expected a mapping of font roles ({', '.join(ROLES)}) or 'official', "
                     f"got {_describe(node)}")
            return None
        fields = self._section(node, path, key)
        return None if fields is None else {role: font for role, font in fields.items() if font}

    def _string(self, node: Node, path: str, expected: str = "text") -> bool:
        """Is this scalar usable as text? Numbers and dates are taken as written
        (`publisher: 2021`); booleans are refused because YAML turns yes/no/on/off into them."""
        if not isinstance(node, ScalarNode):
            self._at(node, path, f"expected {expected}, got {_describe(node)}")
            return False
        if node.tag == BOOL:
            self._at(node, path, f"expected {expected}, got a boolean",
                     f'put it in quotes if you mean the word: "{node.value}"')
            return False
        if len(node.value) > MAX_STRING_CHARS:
            self._at(node, path, f"too long: {len(node.value):,} characters (at most {MAX_STRING_CHARS:,} in one value)")
            return False
        start, end = node.start_mark.index, node.end_mark.index
        first = bisect.bisect_left(self.bad_at, start)
        inside = self.bad_at[first:bisect.bisect_left(self.bad_at, end)]
        if inside:
            self.claimed.update(inside)
            self._at(inside[0], path, _char_message(self.bad_char[inside[0]]))
            return False
        bad = _BAD_IN_VALUE.search(node.value)
        if bad:
            self._at(node, path, _char_message(bad.group()))
            return False
        return True

    def _lines(self, node: ScalarNode) -> list[tuple[int, int, str]]:
        """The scalar's content lines as (line, col, stripped text), "" for a blank line.
        Plain and block scalars are read from the file itself: they have no escapes, so the
        source is the content, and YAML's own folding would put a space between two CJK
        lines and forget where each line was. Quoted scalars can hold escapes, so they come
        from the value, placed by counting its newlines (best effort)."""
        start = node.start_mark
        if node.style in ('"', "'"):
            out, last = [], node.end_mark.line - start.line  # a "\n" was a blank line or an escape
            for i, part in enumerate(node.value.split("\n")):
                out += [(start.line + 1 + min(i, last), start.column + 2 if i == 0 else 1, part.strip()), (0, 0, "")]
            return out
        out, content, header = [], False, node.style in ("|", ">")
        for i, raw in enumerate(_BREAK.split(self.text[start.index:node.end_mark.index])):
            col = start.column if i == 0 else 0
            if not content:  # the span starts with the tag/anchor, then (block) the | or > header
                props = _PROPS.match(raw).end()  # type: ignore[union-attr]
                raw, col = raw[props:], col + props
                if header and raw.strip():
                    header = False
                    continue
            text = raw.strip()
            content = content or bool(text)
            out.append((start.line + 1 + i, col + len(raw) - len(raw.lstrip()) + 1, text))
        return out

    def _paragraph_list(self, node: ScalarNode) -> list[Paragraph]:
        paragraphs, run = [], []
        for line, col, text in self._lines(node) + [(0, 0, "")]:
            if text:
                run.append((line, col, text))
            elif run:
                paragraphs.append(Paragraph(_join(t for _, _, t in run), Loc(self.source, run[0][0], run[0][1])))
                run = []
        return paragraphs

    def _paragraphs(self, node: Node, path: str, key: Key) -> list[Paragraph] | None:
        if not self._string(node, path):
            return None
        paragraphs = self._paragraph_list(node)  # type: ignore[arg-type]
        if not paragraphs and key.required:
            self._at(node, path, "must not be empty")
        return paragraphs or None

    def _paragraph(self, node: Node, path: str, key: Key) -> Paragraph | None:
        paragraphs = self._paragraphs(node, path, key)
        return Paragraph(_join(p.text for p in paragraphs), paragraphs[0].loc) if paragraphs else None

    def _text(self, node: Node, path: str, key: Key, expected: str = "text") -> str | None:
        if not self._string(node, path, expected):
            return None
        text = _join(t for _, _, t in self._lines(node) if t)  # type: ignore[arg-type]
        if not text and key.required:
            self._at(node, path, "must not be empty")
        return text or None

    def _line(self, node: Node, path: str, key: Key) -> str | None:
        text = self._text(node, path, key)
        if text is not None and not self._short(node, path, text):
            return None
        return text

    def _short(self, node: Node, path: str, line: str) -> bool:
        if len(line) > MAX_TITLE_LINE_CHARS:
            self._at(node, path, f"title line too long: {len(line):,} characters (at most {MAX_TITLE_LINE_CHARS})",
                     "break it into lines with | or a list of lines")
            return False
        return True

    def _title(self, node: Node, path: str, key: Key) -> str | None:
        """A title keeps the line breaks its author wrote with `|` or as a list of lines."""
        if isinstance(node, SequenceNode):
            lines = self._items(node, path, "text or a list of lines")
        elif self._string(node, path, "text or a list of lines"):
            if node.style == "|":
                lines = [t for _, _, t in self._lines(node) if t]  # type: ignore[arg-type]
            else:
                lines = [p.text for p in self._paragraph_list(node)]  # type: ignore[arg-type]
            if not lines:
                self._at(node, path, "must not be empty")
            elif not all(self._short(node, path, line) for line in lines):
                return None
        else:
            return None
        return "\n".join(lines) if lines else None

    def _items(self, node: SequenceNode, path: str, expected: str) -> list[str] | None:
        items = [self._convert(item, f"{path}[{i}]", Key("line", True)) for i, item in enumerate(node.value, 1)]
        if not items:
            self._at(node, path, "must not be empty")
        return None if None in items else items

    def _line_list(self, node: Node, path: str, key: Key) -> list[str] | None:
        if not isinstance(node, SequenceNode):
            self._at(node, path, f"expected a list of strings, got {_describe(node)}")
            return None
        return self._items(node, path, "a list of strings")

    def _names(self, node: Node, path: str, key: Key) -> str | None:
        if isinstance(node, SequenceNode):
            names = [self._convert(item, f"{path}[{i}]", Key("text", True)) for i, item in enumerate(node.value, 1)]
            if not names:
                self._at(node, path, "must not be empty")
            return None if not names or None in names else "，".join(names)
        return self._text(node, path, key, "text or a list of strings")

    def _count(self, node: Node, path: str, key: Key) -> int | None:
        # Numbers written as text ("11", fullwidth １１) are accepted: people quote them.
        written = unicodedata.normalize("NFKC", node.value).strip() if isinstance(node, ScalarNode) else ""
        if node.tag not in (INT, STR) or not _INT.fullmatch(written):
            self._at(node, path, f"expected a whole number, got {_describe(node)}")
            return None
        if len(written) > 12:
            self._at(node, path, "number is too large")
            return None
        value = int(written.replace("_", ""))
        if value < 1:
            self._at(node, path, "must be at least 1")
            return None
        return value

    def _date(self, node: Node, path: str, key: Key) -> dt.date | None:
        # YAML's own date type only covers 2021-03-15; people also write 2021-3-5 and 2021年3月5日.
        written = unicodedata.normalize("NFKC", node.value).strip() if isinstance(node, ScalarNode) else ""
        m = _DATE.fullmatch(written) if node.tag in (STR, TIMESTAMP) else None
        if not m:
            self._at(node, path, f"expected a date like 2021-03-15, got {_describe(node)}")
            return None
        y, _, mo, d, y2, mo2, d2 = m.groups()
        try:
            return dt.date(int(y or y2), int(mo or mo2), int(d or d2))
        except ValueError:
            self._at(node, path, f"not a real date: {written}")
            return None

    def _page_numbers(self, node: Node, path: str, key: Key) -> str | None:
        if isinstance(node, ScalarNode) and node.tag == BOOL:
            self._at(node, path, f"expected one of {', '.join(PAGE_NUMBERS)}, got a boolean",
                     "write none to leave pages unnumbered")
            return None
        value = self._text(node, path, key)
        if value is None:
            return None
        if value.lower() not in PAGE_NUMBERS:
            close = difflib.get_close_matches(value.lower(), PAGE_NUMBERS, n=1)
            self._at(node, path, f"expected one of {', '.join(PAGE_NUMBERS)}, got '{value}'",
                     f"did you mean '{close[0]}'?" if close else None)
            return None
        return value.lower()


def _join(parts: Any) -> str:
    """Join the lines of one paragraph: no space where either side is a wide (CJK)
    character, one space between two narrow ones (Latin letters, digits)."""
    out: list[str] = []
    for part in parts:
        if out and not (_wide(out[-1][-1]) or _wide(part[0])):
            out.append(" ")
        out.append(part)
    return "".join(out)


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _describe(node: Node | None) -> str:
    if node is None:
        return "nothing"
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == BOOL:
        return "a boolean"
    if node.tag == NULL:
        return "nothing"
    value = node.value if len(node.value) <= 40 else node.value[:40] + "…"
    return f"'{value}'"


def _char_message(ch: str) -> str:
    code = ord(ch)
    kind = "control character" if code < 0x20 or 0x7F <= code <= 0x9F else "character"
    return f"{kind} U+{code:04X} is not allowed"
