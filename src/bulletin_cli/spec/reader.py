"""Read an issue spec (YAML) into `model.Spec`, reporting every problem in it at once.

We never call `yaml.safe_load`. The document is *composed* into YAML nodes, which keep
their line and column, then checked against KNOWN_KEYS and converted by hand. That way
every problem points at its place in the file, no tag can ever construct an object, and
aliases are bounded before anything expands them.

Paths in messages look like `masthead.date` or `articles[2].title`; list items are
counted from 1, as someone reading the file counts them.
"""
from __future__ import annotations

import bisect
import datetime as dt
import difflib
import itertools
import os
import re
import unicodedata
from typing import Any, NamedTuple

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import InputError, Problem
from ..files import NotRegular, open_regular
from ..model import ROLES, Article, Block, Distribution, Figure, Loc, Masthead, Paragraph, Spec, Style, Table
from . import bodyfile, paths
from .bodyfile import join_lines as _join
from .images import PictureError

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
PAGE_NUMBERS = ("outer", "center", "none")


class Key(NamedTuple):
    """One allowed key. `kind` names its converter, `_Checker._<kind>`:
    section: mapping of `keys` | articles: non-empty list of mappings of `keys`
    fonts: mapping of `keys` (font roles), or the word "official" -> _Fonts (names, where, official)
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
    """

    kind: str
    required: bool = False
    keys: dict[str, Key] | None = None


class _Fonts(NamedTuple):
    """What `style.fonts` converts to, before it is spread over model.Style's fields."""

    names: dict[str, str]  # role -> file path or family name, as written
    locs: dict[str, Loc]  # role -> where the value was written
    official: bool  # `style.fonts: official`


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
        "duplex": Key("flag"),
    }),
    "extends": Key("text"),  # a series file merged under this one: _Checker._extend
}
# The mappings a body list may hold besides text, told apart by their first key.
BLOCK_KEYS: dict[str, dict[str, Key]] = {
    "image": {"image": Key("image", True), "caption": Key("text"), "width": Key("percent")},
    "table": {"table": Key("cells", True), "caption": Key("text"), "header": Key("flag")},
}
MAX_TABLE_CELLS = 10_000

_T = "tag:yaml.org,2002:"
STR, INT, BOOL, NULL, TIMESTAMP = (_T + t for t in ("str", "int", "bool", "null", "timestamp"))
_ALLOWED_TAGS = {STR, INT, BOOL, NULL, TIMESTAMP} | {_T + t for t in ("float", "value", "seq", "map")}
# Characters PyYAML refuses anywhere in a stream (its Reader.NON_PRINTABLE).
_NON_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
# The same, as they can still reach a value through double-quoted escapes ("\a", "\x07").
_BAD_IN_VALUE = bodyfile.CONTROL
_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")  # what PyYAML counts as a line break
_PROPS = re.compile(r"(?:[!&]\S*(?:\s+|$))*")  # a node's tag and anchor, which its span starts with
_DATE = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:(?:[Tt]|\s+)\d{1,2}:\d\d.*)?"  # time: see _TIME
                   r"|(\d{4})年(\d{1,2})月(\d{1,2})日?")
_INT = re.compile(r"[-+]?[0-9][0-9_]*")
# A time after the date is not printed, but it must be a time: 25:00 is a typing mistake
_TIME = re.compile(r"(?:[Tt]|\s+)(\d{1,2}):(\d\d)(?::(\d\d))?")
_Line = tuple[int, int, str]  # line, column, stripped text of one source line of a scalar
_NOT_A_MAPPING = "the spec must be a mapping of keys (masthead, articles, ...)"
_ALIAS_HINT = "aliases (*name) are limited to keep specs safe to load"
_RESAVE = "re-save it as UTF-8, e.g. in Notepad: File > Save as > Encoding: UTF-8"
_ICONV = _RESAVE + ", or: iconv -f {} -t UTF-8 in.yaml > out.yaml"
# Each encoding's byte order marks, and how ASCII text in it starts without one (LE or BE).
_WIDE_ENCODINGS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    ("UTF-32", (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"), re.compile(b"[^\x00]\x00{3}|\x00{3}[^\x00]")),
    ("UTF-16", (b"\xff\xfe", b"\xfe\xff"), re.compile(b"(?:[^\x00]\x00){2}|(?:\x00[^\x00]){2}")),
)
# Bidi controls reorder what a reader sees (an override can make text read backwards): refused.
_BIDI = bodyfile.BIDI
_char_message = bodyfile.char_message
# What a double-quoted escape can put in a value that means "new line" (\n \N \L \P).
_VALUE_BREAK = re.compile("[\n\x85\u2028\u2029]")
_INNER_TAB = re.compile(r"^([ \t]*)|\t", re.MULTILINE)  # a line's indentation, or a tab after it
_FOLD = "\ue000"  # marks where a quoted scalar's source line ended (see _Checker._unfolded)


def load_spec(path: str | os.PathLike) -> Spec:
    """Read and check the spec file at `path`; raise InputError listing every problem."""
    source = os.fsdecode(path)
    return parse_spec(read_spec_text(source), source)


def read_spec_text(source: str) -> str:
    """The text of a spec (or series) file: UTF-8 with or without BOM, at most MAX_FILE_BYTES."""

    def refused(message: str, hint: str | None = None, line: int = 0, col: int = 0) -> InputError:
        return InputError([Problem(source, line, col, "", message, hint)])

    try:
        if os.path.isdir(source):
            raise IsADirectoryError
        with open_regular(source) as f:
            data = f.read(MAX_FILE_BYTES + 1)  # never read more than the limit
    except FileNotFoundError:
        raise refused("no such file") from None
    except IsADirectoryError:
        raise refused("is a directory, not a spec file") from None
    except NotRegular as e:
        raise refused(f"{e}, not a spec file", "to read a spec from a pipe, give - and pipe it to "
                      "standard input: bulletin build - < FILE") from None
    except OSError as e:
        raise refused(f"cannot read the file: {e.strerror or e}") from None
    if len(data) > MAX_FILE_BYTES:
        raise refused(f"file is larger than {MAX_FILE_BYTES >> 20} MB, the limit for a spec")
    for name, boms, ascii_start in _WIDE_ENCODINGS:
        if data.startswith(boms) or ascii_start.match(data):
            raise refused(f"file is {name}, not UTF-8", _ICONV.format(name))
    try:
        text = data.decode("utf-8-sig")  # with or without the BOM Windows Notepad writes
    except UnicodeDecodeError as e:
        line, line_start = data.count(b"\n", 0, e.start) + 1, data.rfind(b"\n", 0, e.start) + 1
        col = len(data[line_start:e.start].decode("utf-8", "replace")) + 1
        try:  # Chinese Windows tools save GBK by default: say so, it is the usual cause
            gbk = re.search("[\u4e00-\u9fff]", data.decode("gb18030")) is not None
        except UnicodeDecodeError:
            gbk = False
        if gbk:
            raise refused("file is not UTF-8 (looks like GBK/GB18030, what Chinese Windows tools save by "
                          "default)", _ICONV.format("GB18030"), line, col) from None
        raise refused("file is not UTF-8 text", _RESAVE, line, col) from None
    return text


def parse_spec(text: str, source: str, root: str | os.PathLike | None = None) -> Spec:
    """Check the spec given as text; `source` names it in messages and becomes Spec.source.
    Every file it names must lie under `root` (default: paths.find_root)."""
    source = str(source)
    if len(text) > MAX_FILE_BYTES:
        message = f"spec is larger than {MAX_FILE_BYTES >> 20} MB, the limit"
        raise InputError([Problem(source, 0, 0, "", message)])
    return _Checker(text.removeprefix("\ufeff"), source, root=root).run()


def check_series(text: str, source: str, root: str | os.PathLike | None = None) -> None:
    """Check a series file (what an issue's `extends:` names) on its own: a part of issues, so
    required keys may be missing and there are no articles; InputError lists every other problem."""
    _Checker(text.removeprefix("\ufeff"), source, series=True, root=root).run()


class Composed(NamedTuple):
    root: MappingNode | None  # the document, the series files it extends merged under it
    texts: dict[str, str]  # each file's text by its name in marks (Node.start_mark.name)

    @property
    def series(self) -> bool:
        """A series file: even merged, neither articles nor an issue number (a part of issues,
        never built alone). An issue that forgot its articles still has its number, and is
        checked as the issue it is: its missing articles are an error."""
        if self.root is None:
            return False
        keys = {k.value: v for k, v in self.root.value if isinstance(k, ScalarNode)}
        masthead = keys.get("masthead")
        numbered = isinstance(masthead, MappingNode) and any(
            isinstance(k, ScalarNode) and k.value == "issue" for k, _ in masthead.value)
        return "articles" not in keys and not numbered


def compose_spec(text: str, source: str, root: str | os.PathLike | None = None) -> Composed:
    """The spec's document merged with its series files as the loader merges them, each node
    marked with the file it was written in, for proofreading, which maps every value back to
    its file. Problems are not reported here (root None when it does not compose): load first.
    The texts are the same length as the files: every index in a mark is an index in a file."""
    checker = _Checker(text.removeprefix("\ufeff"), source, root=root)
    try:
        root = checker._tree()
    except RecursionError:
        root = None
    return Composed(root, {name: c.text for name, c in checker.owners.items()})


class _Refused(Exception):
    """A document we stop reading at once. args: (message, the node or mark to point at[, hint])."""


class _Loader(yaml.SafeLoader):
    """A SafeLoader used only to compose (never construct). It counts aliases and values as it
    goes, so a document made of aliases, or of too many values, is refused before it is even
    fully read."""

    def __init__(self, text: str):
        super().__init__(text)
        self.aliases = 0
        self.nodes = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                mark = self.peek_event().start_mark
                raise _Refused(f"too many aliases: more than {MAX_ALIASES} in one spec", mark)
        else:
            self.nodes += 1
            if self.nodes > MAX_NODES:
                raise _Refused(f"too many values: more than {MAX_NODES:,} keys, list items and texts "
                               "in one spec (a bulletin at every other limit has about 5,000)",
                               self.peek_event().start_mark, "is this the file you meant? A generated "
                               "spec may have repeated or stray keys")
        return super().compose_node(parent, index)


class _Checker:
    """One spec text: compose it, survey every node, then one validation pass that converts."""

    def __init__(self, text: str, source: str, chain: tuple[_Checker, ...] = (), series: bool = False,
                 root: str | os.PathLike | None = None):
        self.source = source
        self.root = chain[0].root if chain else paths.find_root(source, root)  # what it may read
        self.series = series  # a series file checked alone: required keys may be missing
        # Files a spec extends are checked by checkers of their own (their text, their control
        # characters); every checker of one spec shares one list of problems, and hands a node
        # written in another file to that file's checker, so messages name the right file.
        self.chain = chain + (self,)  # the spec, then the file it extends, then that one's ...
        self.problems: list[Problem] = chain[0].problems if chain else []
        self.owners: dict[str, _Checker] = chain[0].owners if chain else {}
        self.owners[source] = self
        self.extended: list[str] = []  # the files merged under this spec, nearest first
        # PyYAML refuses control characters with an unlocated error. Swap each for U+FFFD
        # (same length, so every mark stays right) and report it ourselves, with its field.
        # Only the first 100 are remembered: a file full of them needs no more to be refused.
        found = itertools.islice(_NON_PRINTABLE.finditer(text), 100)
        self.bad = {m.start(): m.group() for m in found}
        self.bad_at, self.claimed = list(self.bad), set()
        self.text = _NON_PRINTABLE.sub("\ufffd", text) if self.bad else text
        # A tab after a line's indentation is a space (PyYAML refuses one after "key:" or inside
        # plain text); only tabs that indent stay, for YAML to refuse. Lengths stay the same.
        self.text = _INNER_TAB.sub(lambda m: " " if m.group(1) is None else m.group(1), self.text)
        self.line_starts: list[int] = []  # where each line starts, computed when first needed
        self.refused: set[int] = set()  # ids of nodes already reported for their tag
        self.aliases = 0
        self.unreported = 0  # problems beyond MAX_PROBLEMS, counted only
        self.pictures = bodyfile.Pictures(self.root)
        self.notes: list[str] = []
        self.locs: dict[str, Loc] = {}  # field path -> where its value was written (Spec.locs)

    def run(self) -> Spec:
        spec = None
        try:
            root = self._tree()
            if root is not None:
                spec = self._spec(root)
        except RecursionError:
            self._at(None, "", "the YAML is nested too deeply")
        for owner in self.owners.values():
            stray = [i for i in owner.bad_at if i not in owner.claimed]
            if stray:  # outside every value we read: in a comment, say
                owner._at(stray[0], "", _char_message(owner.bad[stray[0]]))
        if self.problems or (spec is None and not self.series):
            problems = list(dict.fromkeys(self.problems))  # a value reached twice by alias reports once
            problems.sort(key=lambda p: (p.file != self.source, p.file, p.line, p.col))
            unreported = sum(owner.unreported for owner in self.owners.values())
            if unreported:
                problems.append(Problem(self.source, 0, 0, "", f"and {unreported:,} more problems "
                                        f"(only the first {MAX_PROBLEMS} are listed)"))
            raise InputError(problems)
        if spec is not None:
            spec.extends, spec.root = tuple(self.extended), self.root.folder
        return spec  # type: ignore[return-value]  # None only for a series file

    def _tree(self) -> MappingNode | None:
        """This file's document, with the files it extends merged under it (None: stop here)."""
        root = self._compose()
        if root is None or not self._survey(root):
            return None
        for key, value in root.value:
            if isinstance(key, ScalarNode) and key.value == "extends":
                base = self._extend(value)
                return None if base is None else _merge(base, root)
        return root

    def _extend(self, node: Node) -> MappingNode | None:
        """The tree of the series file `extends:` names, read and merged the same way."""
        if not (isinstance(node, ScalarNode) and node.tag == STR and node.value.strip()):
            return self._at(node, "extends", f"expected the path of a series file, got {_describe(node)}")
        path = os.path.join(os.path.dirname(self.source), node.value.strip())  # beside this file
        real = os.path.realpath(path)
        if os.path.realpath(os.path.normpath(path)) == real:  # "a/../b" reads better as "b"
            path = os.path.normpath(path)
        if refused := self.root.refuses(path, "series file"):  # before anything reads it
            return self._at(node, "extends", f"{path}: {refused}")
        seen = [os.path.realpath(c.source) for c in self.chain]
        if real in seen:
            names = " -> ".join([c.source for c in self.chain[seen.index(real):]] + [path])
            return self._at(node, "extends", f"files extend each other in a cycle: {names}")
        try:
            text = read_spec_text(path)
        except InputError as e:
            problem = e.problems[0]
            if problem.line:  # inside the file (an encoding error, say): point there
                self.problems.extend(e.problems)
                return None
            return self._at(node, "extends", f"{path}: {problem.message}", problem.hint)
        base = _Checker(text.removeprefix("\ufeff"), path, self.chain)
        tree = base._tree()
        self.extended += [path, *base.extended]
        return tree

    def _owner(self, node: Node) -> _Checker:
        return self.owners.get(node.start_mark.name, self)

    def _dir(self, node: Node) -> str:
        """The folder a path written at node resolves against: that of the file that wrote it,
        which for a value merged from a series file is the series file's folder."""
        return os.path.dirname(self._owner(node).source)

    def _loc(self, node: Node, line: int | None = None, col: int | None = None) -> Loc:
        m = node.start_mark
        return Loc(self._owner(node).source, line or m.line + 1, col or m.column + 1)

    def _at(self, where: Any, path: str, message: str, hint: str | None = None) -> None:
        """Record a problem at a node, a YAML mark, an index into the text, or nowhere (None)."""
        if len(self.problems) >= MAX_PROBLEMS:  # 300,000 unknown keys need no 300,000 lines
            self.unreported += 1
            return
        if isinstance(where, Node):
            where = where.start_mark
        if hasattr(where, "name") and where.name in self.owners and where.name != self.source:
            return self.owners[where.name]._at(where, path, message, hint)
        if isinstance(where, tuple):  # (line, column)
            self.problems.append(Problem(self.source, *where, path, message, hint))
            return None
        if isinstance(where, int):
            self.line_starts = self.line_starts or [0] + [m.end() for m in _BREAK.finditer(self.text)]
            line = bisect.bisect_right(self.line_starts, where)
            col = where - self.line_starts[line - 1] + 1
        else:
            line, col = (where.line + 1, where.column + 1) if where is not None else (0, 0)
        self.problems.append(Problem(self.source, line, col, path, message, hint))

    def _compose(self) -> MappingNode | None:
        loader = _Loader(self.text)
        loader.name = self.source  # every mark names its file (_owner): specs extend series files
        try:
            root = loader.get_single_node()
        except _Refused as e:
            return self._at(e.args[1], "", e.args[0], e.args[2] if len(e.args) > 2 else _ALIAS_HINT)
        except (ValueError, OverflowError):  # PyYAML's chr() on "\U00110000": it stops after \U
            at = loader.get_mark().index
            return self._at(at - 2, "", f"escape \\U{self.text[at:at + 8]} is not a Unicode character "
                            "(the last is \\U0010FFFF)", "check the code point, or write the character itself")
        except yaml.MarkedYAMLError as e:
            problem = e.problem or e.context or "unknown error"
            if problem.startswith("but "):  # "expected a single document..., but found another document"
                problem = f"{e.context}, {problem}"
            hint = "indent with spaces: YAML does not allow tabs there" if "\\t" in problem else None
            return self._at(e.problem_mark or e.context_mark, "", f"could not parse YAML: {problem}", hint)
        except yaml.YAMLError as e:
            return self._at(None, "", f"could not parse YAML: {e}")
        finally:
            loader.dispose()
        self.aliases = loader.aliases
        if not isinstance(root, MappingNode):
            # a file `extends` names is never quoted: it may be any text file under the root
            held = "text" if len(self.chain) > 1 and isinstance(root, ScalarNode) else _describe(root)
            return self._at(root, "", _NOT_A_MAPPING, f"this file holds {held}")
        return root

    def _survey(self, root: Node) -> bool:
        """Visit every node once: refuse non-standard tags, recursive aliases, and documents
        that aliases expand beyond MAX_EXPANDED_NODES ("billion laughs"). False means stop:
        walking the tree any further could be exactly what the document is attacking."""
        sizes: dict[int, int | None] = {}  # node id -> expanded size; None while being visited

        def size(node: Node) -> int:
            if id(node) in sizes:
                if sizes[id(node)] is None:
                    raise _Refused("an alias refers to a value that contains it (recursive alias)", node)
                return sizes[id(node)] or 0
            sizes[id(node)] = None
            if node.tag not in _ALLOWED_TAGS:
                self.refused.add(id(node))
                if node.tag == _T + "merge":
                    self._at(node, "", "merge keys (<<) are not supported", "write the keys out in full")
                else:
                    self._at(node, "", f"tag '{node.tag.replace(_T, '!!')}' is not allowed",
                             "only plain YAML values are allowed: text, numbers, dates, lists and mappings")
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
            self._at(e.args[1], "", e.args[0], _ALIAS_HINT)
            return False
        return True

    # -- the validation pass: each converter reports what is wrong and returns None ------

    def _spec(self, root: MappingNode) -> Spec | None:
        top = self._fields(root, "", KNOWN_KEYS)
        if self.problems or top is None or self.series:
            return None
        dist, style = top.get("distribution"), dict(top.get("style") or {})
        fonts = style.pop("fonts", None)
        if fonts is not None:
            style.update(fonts=fonts.names, font_locs=fonts.locs, official=fonts.official)
        return Spec(masthead=Masthead(**top["masthead"]), articles=top["articles"], source=self.source,
                    headlines=top.get("headlines"), editor_note=top.get("editor_note"),
                    distribution=None if dist is None else Distribution(**dist),
                    style=Style(**{k: v for k, v in style.items() if v is not None}), notes=self.notes,
                    locs=self.locs)

    def _fields(self, node: Node, path: str, keys: dict[str, Key]) -> dict[str, Any] | None:
        """Check a mapping's keys (unknown, duplicate, missing) and convert each value."""
        if not isinstance(node, MappingNode):
            return self._at(node, path, f"expected a mapping of keys ({', '.join(keys)}), "
                            f"got {_describe(node)}")
        seen: dict[str, Node] = {}
        values: dict[str, Any] = {}
        for key_node, value in node.value:
            if id(key_node) in self.refused or not self._clean(key_node, path):
                continue
            if not isinstance(key_node, ScalarNode) or key_node.tag == NULL:
                self._at(key_node, path, f"expected a key name, got {_describe(key_node)}")
            elif key_node.value in seen:  # YAML would silently keep the last; the author meant one
                first = seen[key_node.value].start_mark.line + 1
                self._at(key_node, path, f"duplicate key '{key_node.value}' (first at line {first})")
            elif key_node.value not in keys:
                seen[key_node.value] = key_node
                close = difflib.get_close_matches(key_node.value, keys, n=1)
                hint = f"did you mean '{close[0]}'?" if close else f"expected one of: {', '.join(keys)}"
                self._at(key_node, path, f"unknown key '{key_node.value}'", hint)
            else:
                name = key_node.value
                seen[name] = key_node
                values[name] = self._convert(value, f"{path}.{name}" if path else name, keys[name])
        for name, key in keys.items():
            if key.required and name not in seen and not self.series:
                self._at(node, path, f"missing required key '{name}'")
        return values

    def _convert(self, node: Node, path: str, key: Key) -> Any:
        self.locs[path] = Loc(self.source, node.start_mark.line + 1, node.start_mark.column + 1)
        if id(node) in self.refused:
            return None
        if isinstance(node, ScalarNode) and node.tag == NULL:
            return self._at(node, path, "must not be empty") if key.required else None  # optional: absent
        return getattr(self, "_" + key.kind)(node, path, key)

    def _section(self, node: Node, path: str, key: Key) -> dict[str, Any] | None:
        return self._fields(node, path, key.keys or {})

    def _articles(self, node: Node, path: str, key: Key) -> list[Article] | None:
        if not isinstance(node, SequenceNode):
            return self._at(node, path, f"expected a list of articles, got {_describe(node)}")
        items = node.value
        if not items:
            self._at(node, path, "must not be empty", "an issue needs at least one article")
        if len(items) > MAX_ARTICLES:
            self._at(items[MAX_ARTICLES], path, f"too many articles: {len(items)} (at most {MAX_ARTICLES})")
            items = items[:MAX_ARTICLES]
        articles = []
        for i, item in enumerate(items, 1):
            fields = {} if id(item) in self.refused else self._fields(item, f"{path}[{i}]", key.keys or {})
            article = self._article(item, f"{path}[{i}]", fields) if fields is not None else None
            if article:
                articles.append(article)
        return articles

    def _article(self, node: Node, path: str, fields: dict[str, Any]) -> Article | None:
        """An article from its checked fields: body or body_file (one of them), and a title
        written in the spec or found in the body file."""
        names = {k.value for k, _ in node.value if isinstance(k, ScalarNode)} if isinstance(node, MappingNode) else set()
        if "body" in names and "body_file" in names:
            return self._at(node, path, "give either body or body_file, not both")
        if not names & {"body", "body_file"}:
            return self._at(node, path, "missing required key 'body'", "or body_file: a .docx, .md or .txt file")
        found = fields.get("body_file")
        blocks = fields.get("body") if found is None else found.blocks
        title = fields.get("title") or (found.title if found else None)
        if found and found.title_loc and "title" not in names:  # the title is the body file's
            self.locs[f"{path}.title"] = found.title_loc
            self.problems += bodyfile.title_problems(found, f"{path}.title", MAX_TITLE_LINE_CHARS)
        if "title" not in names and (found.title is None if found else "body" in names):
            hint = "the body file has no title of its own (a first heading or Title paragraph)" if found else None
            self._at(node, path, "missing required key 'title'", hint)
        if not title and "title" in names and not any(p.path == f"{path}.title" for p in self.problems):
            # written but empty (or only characters that print nothing): never drop it silently
            written = next(v for k, v in node.value if isinstance(k, ScalarNode) and k.value == "title")
            self._at(written, f"{path}.title", "must not be empty")
        if not title or not blocks:
            return None
        loc = self._loc(node)
        paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
        return Article(title, paragraphs, loc, fields.get("byline"), blocks)

    def _fonts(self, node: Node, path: str, key: Key) -> _Fonts | None:
        if isinstance(node, ScalarNode) and node.tag == STR and node.value.strip().lower() == "official":
            return _Fonts({}, {}, True)
        if not isinstance(node, MappingNode):
            roles = ", ".join(ROLES)
            return self._at(node, path, f"expected a mapping of font roles ({roles}) or 'official', "
                            f"got {_describe(node)}")
        fields = self._section(node, path, key)
        if fields is None:
            return None
        # a value that was only characters that print nothing must not leave its role, silently,
        # to the default face: the author named a font and it got lost when pasted
        lost = [(k.value, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value in fields
                and not fields[k.value] and isinstance(v, ScalarNode) and v.value.strip()]
        for role, value in lost:
            self._at(value, f"{path}.{role}", "is only characters that print nothing (zero-width spaces, "
                     "a BOM...)", "type the font's file or family name again, or leave the key out")
        if lost:
            return None
        # Whether a file or family exists is only known when fonts are resolved (fonts.resolve),
        # long after this node is gone: keep where each value was written for those messages.
        locs = {k.value: self._loc(v)
                for k, v in node.value if isinstance(k, ScalarNode) and fields.get(k.value)}
        return _Fonts({role: font for role, font in fields.items() if font}, locs, False)

    def _clean(self, node: Node, path: str) -> bool:
        """Report the first control character in the node's span or value, if any."""
        if self._owner(node) is not self:
            return self._owner(node)._clean(node, path)
        start, end = node.start_mark.index, node.end_mark.index
        inside = self.bad_at[bisect.bisect_left(self.bad_at, start):bisect.bisect_left(self.bad_at, end)]
        if inside:
            self.claimed.update(inside)
            self._at(inside[0], path, _char_message(self.bad[inside[0]]))
            return False
        bad = _BAD_IN_VALUE.search(node.value) if isinstance(node, ScalarNode) else None
        if bad:
            self._at(node, path, _char_message(bad.group()))
        return bad is None

    def _scalar_lines(self, node: Node, path: str, expected: str = "text") -> list[_Line] | None:
        """The scalar's content lines as (line, col, stripped text), "" for a blank line.
        Numbers and dates count as text, as written (`publisher: 2021`); booleans do not,
        because YAML turns yes/no/on/off into them. Plain and block scalars are read from
        the file itself: they have no escapes, so the source is the content, while YAML's
        folding would put a space between two CJK lines and forget where each line was.
        Quoted scalars can hold escapes: their lines come from the value, unfolded.
        Every line is then made printable (_printable)."""
        if not isinstance(node, ScalarNode) or node.tag == BOOL:
            hint = f'put it in quotes if you mean the word: "{node.value}"' if node.tag == BOOL else None
            return self._at(node, path, f"expected {expected}, got {_describe(node)}", hint)
        n = len(node.value.rstrip("\n"))  # not the line break a `|` block ends with
        if n > MAX_STRING_CHARS:
            return self._at(node, path, f"too long: {n:,} characters (at most {MAX_STRING_CHARS:,})")
        if not self._clean(node, path):
            return None
        if node.style in ('"', "'"):
            lines = self._quoted_lines(node)
        else:
            lines = [(line, col, text) for line, col, _, text in source_lines(self._owner(node).text, node)]
        out = [(line, col, self._printable(text, node, path)) for line, col, text in lines]
        return None if any(text is None for _, _, text in out) else out  # type: ignore[misc]

    def _printable(self, text: str, node: Node, path: str) -> str | None:
        """A tab is a space; characters that print nothing are dropped; bidi controls refused."""
        bidi = _BIDI.search(text)
        if bidi:
            return self._at(node, path, f"bidi control character U+{ord(bidi.group()):04X} is not allowed",
                            bodyfile.BIDI_HINT)
        return bodyfile.printable(text).strip()

    def _quoted_lines(self, node: ScalarNode) -> list[_Line]:
        """A quoted scalar's lines, "" between paragraphs. Where a source line ends, the next
        continues the paragraph (joined as _join does: without the space YAML's folding puts
        between two Chinese lines); a blank line or a \\n \\N \\L \\P escape starts a new one."""
        unfolded = self._unfolded(node)
        value, rows = unfolded or (node.value, [])
        out: list[_Line] = []
        line, col = node.start_mark.line + 1, node.start_mark.column + 2
        for k, segment in enumerate(value.split(_FOLD)):
            glue = False
            if k:  # YAML put " " where the line ended, one "\n" per blank line, or "" (escaped "\")
                line, col = rows[k - 1]
                blank = len(segment) - len(segment.lstrip("\n"))
                out += [(0, 0, "")] * blank
                glue = not blank and not segment.startswith(" ")
                segment = segment[blank:] if blank else segment.removeprefix(" ")
            for i, part in enumerate(_VALUE_BREAK.split(segment)):
                if i:
                    out.append((0, 0, ""))
                if glue and i == 0 and out:
                    out[-1] = (*out[-1][:2], out[-1][2] + part)
                else:
                    out.append((line, col, part))
        return out

    def _unfolded(self, node: ScalarNode) -> tuple[str, list[tuple[int, int]]] | None:
        """The quoted scalar read again with _FOLD after the text of each source line that
        another follows, and where (line, column) the text after each _FOLD was written.
        None for a scalar on one line, or one that cannot be read again."""
        start = node.start_mark
        raw = self._owner(node).text[start.index:node.end_mark.index]
        raw = raw[_PROPS.match(raw).end():]  # type: ignore[union-attr]
        lines = _BREAK.split(raw)
        if len(lines) == 1 or _FOLD in raw:
            return None
        marked, rows, after = [], [], len(lines) - 1  # `after`: the next line with text
        for i in range(len(lines) - 1, -1, -1):
            text = lines[i].strip(" \t") if i else lines[i].rstrip(" \t")
            if text and i < len(lines) - 1:
                rows.append((start.line + 1 + after, len(lines[after]) - len(lines[after].lstrip(" \t")) + 1))
                escaped = node.style == '"' and (len(text) - len(text.rstrip("\\"))) % 2 == 1
                text = text[:-1] + _FOLD + "\\" if escaped else text + _FOLD
            if text:
                after = i
            marked.append(text)
        try:
            again = yaml.compose(" " + "\n ".join(reversed(marked)), Loader=yaml.SafeLoader)
        except (yaml.YAMLError, ValueError, OverflowError):
            return None
        if not isinstance(again, ScalarNode) or again.value.count(_FOLD) != len(rows):
            return None
        return again.value, rows[::-1]

    def _paragraphs(self, node: Node, path: str, key: Key, expected: str = "text") -> list[Paragraph] | None:
        lines = self._scalar_lines(node, path, expected)
        if lines is None:
            return None
        paragraphs, run = [], []
        for line, col, text in lines + [(0, 0, "")]:
            if text:
                run.append((line, col, text))
            elif run:
                loc = self._loc(node, run[0][0], run[0][1])
                paragraphs.append(Paragraph(_join(t for _, _, t in run), loc))
                run = []
        if not paragraphs and key.required:
            self._at(node, path, "must not be empty")
        return paragraphs or None

    # -- article bodies: the inline syntax, block lists and body files ------------------------

    def _body(self, node: Node, path: str, key: Key) -> list[Block] | None:
        if not isinstance(node, SequenceNode):
            return self._body_text(node, path)
        if not node.value:
            return self._at(node, path, "must not be empty")
        blocks: list[Block] = []
        ok = True
        for i, item in enumerate(node.value, 1):
            where = f"{path}[{i}]"
            if id(item) in self.refused:
                found = None
            elif isinstance(item, MappingNode):
                block = self._block(item, where)
                found = None if block is None else [block]
            elif isinstance(item, ScalarNode) and item.tag not in (NULL, BOOL):
                found = self._body_text(item, where)
            else:
                found = self._at(item, where, "expected a paragraph (text), {image: ...} or {table: ...}, "
                                 f"got {_describe(item)}")
            ok = ok and found is not None
            blocks += found or []
        return blocks if ok else None

    def _body_text(self, node: Node, path: str) -> list[Block] | None:
        lines = self._scalar_lines(node, path)
        if lines is None:
            return None
        paragraphs, run = [], []
        for line in lines + [(0, 0, "")]:
            if line[2]:
                run.append(line)
            elif run:
                paragraphs.append(bodyfile.located_paragraph(run))
                run = []
        if not paragraphs:
            return self._at(node, path, "must not be empty")
        owner = self._owner(node)
        body = bodyfile.text_blocks(paragraphs, owner.source, path, self._dir(node), self.pictures)
        self.problems += body.problems
        return None if body.problems else body.blocks

    def _block(self, node: MappingNode, path: str) -> Block | None:
        first = next((k.value for k, _ in node.value if isinstance(k, ScalarNode) and k.value in BLOCK_KEYS),
                     None)
        if first is None:
            return self._at(node, path, "a body block needs an image: or a table: key",
                            "e.g. {image: photos/1.jpg, caption: 图注} or {table: [[项目, 数量], [甲, 1]]}")
        fields = self._fields(node, path, BLOCK_KEYS[first])
        if fields is None or fields.get(first) is None:
            return None
        loc = self._loc(node)
        if first == "image":
            width = fields.get("width")
            return Figure(fields["image"], fields.get("caption"), 1.0 if width is None else width, loc)
        header = fields.get("header")
        return Table(fields["table"], loc, fields.get("caption"), True if header is None else header)

    def _image(self, node: Node, path: str, key: Key) -> Any:
        written = self._text(node, path, key, "the path of an image file")
        if written is None:
            return None
        try:
            return self.pictures.get(os.path.join(self._dir(node), written), written)
        except PictureError as e:
            return self._at(node, path, f"{written}: {e}")

    def _body_file(self, node: Node, path: str, key: Key) -> bodyfile.Body | None:
        written = self._text(node, path, key, "the path of a .docx, .md or .txt file")
        if written is None:
            return None
        shown = os.path.join(self._dir(node), written)
        body = bodyfile.read_body_file(shown, shown, path, self.pictures)
        for p in body.problems:  # a problem with the file as a whole points at the spec line
            self.problems.append(p if p.line else Problem(
                self._owner(node).source, node.start_mark.line + 1, node.start_mark.column + 1, path,
                f"{written}: {p.message}", p.hint))
        self.notes += body.notes
        if not body.problems and not body.blocks:
            return self._at(node, path, f"{written}: the file has no text")
        return None if body.problems else body

    def _cells(self, node: Node, path: str, key: Key) -> list[list[str]] | None:
        expected = "a list of rows, each a list of cells, e.g. [[项目, 数量], [甲, 1]]"
        if not isinstance(node, SequenceNode) or not node.value:
            return self._at(node, path, f"expected {expected}, got {_describe(node)}")
        rows: list[list[str]] = []
        for i, row in enumerate(node.value, 1):
            if not isinstance(row, SequenceNode) or not row.value:
                self._at(row, f"{path}[{i}]", f"expected a row: a list of cells, got {_describe(row)}")
                continue
            cells = []
            for j, cell in enumerate(row.value, 1):
                if isinstance(cell, ScalarNode) and cell.tag == NULL:
                    cells.append("")  # an empty cell
                elif isinstance(cell, ScalarNode) and cell.tag != BOOL:
                    # a cell is read as any text value is (cleaned, its lines joined): proofreading
                    # reads it the same way; "" after a problem keeps the row's width right
                    lines = self._scalar_lines(cell, f"{path}[{i}][{j}]")
                    cells.append(_join(t for _, _, t in lines or [] if t))
                else:
                    self._at(cell, f"{path}[{i}][{j}]", f"expected the text of a cell, got {_describe(cell)}")
            if rows and len(cells) != len(rows[0]):
                self._at(row, f"{path}[{i}]", f"row has {len(cells)} cells, the first row has {len(rows[0])}",
                         "leave a cell empty with ~ or \"\"")
            rows.append(cells)
        if sum(map(len, rows)) > MAX_TABLE_CELLS:
            return self._at(node, path, f"too many cells (at most {MAX_TABLE_CELLS:,})")
        widths = {len(r) for r in rows}
        return rows if len(rows) == len(node.value) and len(widths) == 1 else None

    def _flag(self, node: Node, path: str, key: Key) -> bool | None:
        if not (isinstance(node, ScalarNode) and node.tag == BOOL):
            return self._at(node, path, f"expected true or false, got {_describe(node)}")
        return node.value.lower() in ("true", "yes", "on", "y")

    def _percent(self, node: Node, path: str, key: Key) -> float | None:
        written = node.value.strip() if isinstance(node, ScalarNode) and node.tag != BOOL else ""
        m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*[%％]?", unicodedata.normalize("NFKC", written))
        value = float(m.group(1)) if m else 0.0
        if not m or not 10 <= value <= 100:
            return self._at(node, path, f"expected a width from 10% to 100% of the text block, got {_describe(node)}")
        return value / 100

    def _paragraph(self, node: Node, path: str, key: Key) -> Paragraph | None:
        paragraphs = self._paragraphs(node, path, key)
        return Paragraph(_join(p.text for p in paragraphs), paragraphs[0].loc) if paragraphs else None

    def _text(self, node: Node, path: str, key: Key, expected: str = "text") -> str | None:
        lines = self._scalar_lines(node, path, expected)
        text = _join(t for _, _, t in lines if t) if lines else ""
        if lines is not None and not text and key.required:
            self._at(node, path, "must not be empty")
        return text or None

    def _line(self, node: Node, path: str, key: Key) -> str | None:
        text = self._text(node, path, key)
        return text if text is None or self._short(node, path, [text]) else None

    def _label(self, node: Node, path: str, key: Key) -> str | None:
        text = self._text(node, path, key)
        if text is not None and len(text) > MAX_BYLINE_CHARS:
            return self._at(node, path, f"too long: {len(text):,} characters (at most {MAX_BYLINE_CHARS})",
                            "a byline or label is a line or two; put the rest in the body")
        return text

    def _short(self, node: Node, path: str, lines: list[str]) -> bool:
        longest = max(map(len, lines))
        if longest > MAX_TITLE_LINE_CHARS:
            self._at(node, path, f"title line too long: {longest:,} characters "
                     f"(at most {MAX_TITLE_LINE_CHARS})", "break it into lines with | or a list of lines")
        return longest <= MAX_TITLE_LINE_CHARS

    def _items(self, node: Node, path: str, kind: str) -> list[str] | None:
        """Each item of a list converted as `kind`; None if the list is empty or any item is bad."""
        items = [self._convert(item, f"{path}[{i}]", Key(kind, True)) for i, item in enumerate(node.value, 1)]
        if not items:
            self._at(node, path, "must not be empty")
        return None if not items or None in items else items

    def _title(self, node: Node, path: str, key: Key) -> str | None:
        """A title keeps the line breaks its author wrote with `|` or as a list of lines."""
        expected = "text or a list of lines"
        if isinstance(node, SequenceNode):
            lines = self._items(node, path, "line")
        elif isinstance(node, ScalarNode) and node.style == "|":
            found = self._scalar_lines(node, path, expected)
            lines = None if found is None else [t for _, _, t in found if t]
            if lines == []:
                self._at(node, path, "must not be empty")
        else:  # plain, quoted or `>`: each paragraph is one line
            paragraphs = self._paragraphs(node, path, key, expected)
            lines = paragraphs and [p.text for p in paragraphs]
        return "\n".join(lines) if lines and self._short(node, path, lines) else None

    def _line_list(self, node: Node, path: str, key: Key) -> list[str] | None:
        if not isinstance(node, SequenceNode):
            return self._at(node, path, f"expected a list of strings, got {_describe(node)}")
        if not node.value:
            return []  # headlines: [] asks for no headline list
        return self._items(node, path, "line")

    def _names(self, node: Node, path: str, key: Key) -> str | None:
        if isinstance(node, SequenceNode):
            names = self._items(node, path, "text")
            return None if names is None else "，".join(names)
        return self._text(node, path, key, "text or a list of strings")

    def _count(self, node: Node, path: str, key: Key) -> int | None:
        # Numbers written as text ("11", fullwidth １１) are accepted: people quote them.
        written = unicodedata.normalize("NFKC", node.value).strip() if isinstance(node, ScalarNode) else ""
        if node.tag not in (INT, STR) or not _INT.fullmatch(written):
            return self._at(node, path, f"expected a whole number, got {_describe(node)}")
        digits = written.replace("_", "").lstrip("+-0")
        if len(digits) > len(str(MAX_COUNT)) or (not written.startswith("-") and int(digits or 0) > MAX_COUNT):
            return self._at(node, path, f"too large: {_describe(node)} (at most {MAX_COUNT:,})")
        value = int(written.replace("_", ""))
        return value if value >= 1 else self._at(node, path, "must be at least 1")

    def _date(self, node: Node, path: str, key: Key) -> dt.date | None:
        # YAML's own date type only covers 2021-03-15; people also write 2021-3-5 and 2021年3月5日.
        written = unicodedata.normalize("NFKC", node.value).strip() if isinstance(node, ScalarNode) else ""
        m = _DATE.fullmatch(written) if node.tag in (STR, TIMESTAMP) else None
        if not m:
            return self._at(node, path, f"expected a date like 2021-03-15, got {_describe(node)}")
        y, _, mo, d, y2, mo2, d2 = m.groups()
        time = _TIME.match(written, m.end(4)) if d else None
        try:
            if time:
                second = int(time[3] or 0)
                dt.time(int(time[1]), int(time[2]), 59 if second == 60 else second)  # :60 a leap second
            return dt.date(int(y or y2), int(mo or mo2), int(d or d2))
        except ValueError:
            return self._at(node, path, f"not a real date: {written}")

    def _page_numbers(self, node: Node, path: str, key: Key) -> str | None:
        expected = f"one of {', '.join(PAGE_NUMBERS)}"
        if isinstance(node, ScalarNode) and node.tag == BOOL:  # `page_numbers: off`
            return self._at(node, path, f"expected {expected}, got a boolean", "write none for no numbers")
        value = (self._text(node, path, key, expected) or "").lower()
        if value and value not in PAGE_NUMBERS:
            close = difflib.get_close_matches(value, PAGE_NUMBERS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else None
            self._at(node, path, f"expected {expected}, got '{value}'", hint)
        return value if value in PAGE_NUMBERS else None


def source_lines(text: str, node: ScalarNode) -> list[tuple[int, int, int, str]]:
    """A plain or block scalar's lines, read from the file `text` itself: (line, column, index in
    `text` of the first character, stripped text), "" for a blank line. The node's tag and anchor
    and a block's | or > header line are skipped. Proofreading maps findings back through this."""
    start, end = node.start_mark.index, node.end_mark.index
    breaks = list(_BREAK.finditer(text, start, end))
    spans = zip([start] + [m.end() for m in breaks], [m.start() for m in breaks] + [end])
    out: list[tuple[int, int, int, str]] = []
    content, header = False, node.style in ("|", ">")
    for i, (first, last) in enumerate(spans):
        col, raw = node.start_mark.column if i == 0 else 0, text[first:last]
        if not content:  # the span starts with the tag and anchor, then a block's | or > header
            props = _PROPS.match(raw).end()  # type: ignore[union-attr]
            raw, col, first = raw[props:], col + props, first + props
            if header and raw.strip():
                header = False
                continue
        content = content or bool(raw.strip())
        lead = len(raw) - len(raw.lstrip())
        out.append((node.start_mark.line + 1 + i, col + lead + 1, first + lead, raw.strip()))
    return out


def _merge(base: MappingNode, over: MappingNode) -> MappingNode:
    """`over` (an issue) on top of `base` (its series): over's keys win, two mappings merge key
    by key, anything else (a list, a text) is replaced whole. Nodes keep their own marks, so
    every message still points into the file a value was written in. `extends` itself is
    consumed here. A key written twice in one file stays twice, for _fields to report."""
    def key(k: Node) -> Any:
        return k.value if isinstance(k, ScalarNode) else id(k)

    mine = {key(k): v for k, v in over.value}
    pairs = [(k, v) for k, v in base.value if key(k) not in mine and key(k) != "extends"]
    for k, v in over.value:
        if key(k) == "extends":
            continue
        under = next((bv for bk, bv in base.value if key(bk) == key(k)), None)
        if isinstance(under, MappingNode) and isinstance(v, MappingNode) and under.tag == v.tag:
            v = _merge(under, v)
        pairs.append((k, v))
    return MappingNode(over.tag, pairs, over.start_mark, over.end_mark, over.flow_style)


def _describe(node: Node | None) -> str:
    if isinstance(node, (MappingNode, SequenceNode)):
        return "a mapping" if isinstance(node, MappingNode) else "a list"
    if node is None or node.tag == NULL:
        return "nothing"
    if node.tag == BOOL:
        return "a boolean"
    return f"'{node.value[:40]}…'" if len(node.value) > 40 else f"'{node.value}'"

