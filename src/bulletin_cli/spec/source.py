"""A spec as read: the one place its bytes are read (a file, or standard input for `-`) and decoded,
and the one record of where every value was written (the source map).

`read_file` gives a `File`: the bytes read (at most MAX_FILE_BYTES), decoded once with one message
per problem whatever the command. A `Source` holds the spec's file and the series files it extends
(nodes.py composes each once, series.py merges them), and collects every problem found reading and
converting them, each placed in the file that wrote it: a node's marks name its file. Converting
(convert.py), proofreading (proofread/), `check --fix` and `watch`'s list of files all read this
one record; nothing reads or composes a spec file again.
"""
from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass, field

from yaml.nodes import MappingNode, Node, ScalarNode

from ..errors import InputError, Problem
from ..files import NotRegular, open_regular, read_stdin
from ..i18n import N_, _
from ..model import Loc
from .keys import MAX_FILE_BYTES, MAX_PROBLEMS
from .paths import Root

STDIN = "-"  # as a SPEC: the spec is read from standard input
STDIN_NAME = "<stdin>"  # how messages name it
BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")  # what YAML counts as a line break
_RESAVE = N_("re-save it as UTF-8, e.g. in Notepad: File > Save as > Encoding: UTF-8")
_ICONV = N_("re-save it as UTF-8, e.g. in Notepad: File > Save as > Encoding: UTF-8, or: "
            "iconv -f {encoding} -t UTF-8 in{suffix} > out{suffix}")
# Each encoding's byte order marks, and how ASCII text in it starts without one (LE or BE).
_WIDE_ENCODINGS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    ("UTF-32", (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"), re.compile(b"[^\x00]\x00{3}|\x00{3}[^\x00]")),
    ("UTF-16", (b"\xff\xfe", b"\xfe\xff"), re.compile(b"(?:[^\x00]\x00){2}|(?:\x00[^\x00]){2}")),
)


class NotText(Exception):
    """Bytes that are not UTF-8 text. args: (message, hint, line, column); 0 for the whole file."""


UTF8, GB18030 = "UTF-8", "GB18030"


def decode(data: bytes, suffix: str = ".yaml") -> tuple[str, str]:
    """(text, the encoding it was read in): UTF-8, with or without the BOM Windows Notepad writes
    (kept: see File); else GB18030 (what Chinese Windows tools save, GBK being a part of it) when
    the bytes are GB18030 holding Chinese, so that Latin-1 or binary bytes are not read as
    Chinese by chance. Anything else is NotText, with the usual cause named (UTF-16/32 from
    Windows tools). The same for a spec, a series file and a text body file (`suffix` is for the
    hint)."""
    for name, boms, ascii_start in _WIDE_ENCODINGS:
        if data.startswith(boms) or ascii_start.match(data):
            raise NotText(_("file is {encoding}, not UTF-8").format(encoding=name),
                          _(_ICONV).format(encoding=name, suffix=suffix), 0, 0)
    try:
        return data.decode("utf-8"), UTF8
    except UnicodeDecodeError as e:
        try:
            text = data.decode("gb18030")
            if _chinese(text):
                return text, GB18030
        except UnicodeDecodeError:
            pass
        line, line_start = data.count(b"\n", 0, e.start) + 1, data.rfind(b"\n", 0, e.start) + 1
        col = len(data[line_start:e.start].decode("utf-8", "replace")) + 1
        raise NotText(_("file is not UTF-8 text"), _(_RESAVE), line, col) from None


def _chinese(text: str) -> bool:
    """Whether text read as GB18030 is Chinese: most of what is not ASCII lies in GB2312 (whose
    second bytes are all above 0xA0). Latin-1 read as GB18030 gives rare characters instead ('ï'
    and the 'v' after it are one character of GBK's extension), as binary bytes do."""
    wide = [c for c in text if c > "\x7f"]
    common = sum(1 for c in wide if len(c.encode("gb18030")) == 2 and c.encode("gb18030")[1] > 0xA0)
    return bool(wide) and 2 * common >= len(wide)


def read_as_note(name: str, encoding: str) -> str:
    """The note on a file read in another encoding than UTF-8 (what --fix writes it back in)."""
    return _("{file}: read as {encoding}, not UTF-8; save it as UTF-8 (in Notepad: File > Save as > "
             "Encoding: UTF-8)").format(file=name, encoding=encoding)


@dataclass(eq=False)
class File:
    """One YAML file of a spec, read once. `raw` is its text as decoded (without a BOM, which
    `bom` remembers for --fix); `text` is what YAML composed, the same length as `raw` so that
    every index in a mark is an index in both (nodes.py swaps what YAML would refuse)."""

    name: str  # as messages name it: the path as given or reached, or STDIN_NAME
    raw: str
    bom: bool = False
    data: bytes | None = None  # the bytes read, to tell whether the file changed since (--fix)
    encoding: str = UTF8  # what the bytes were read as (decode): --fix writes it back so
    text: str = ""
    bad: dict[int, str] = field(default_factory=dict)  # index -> control character swapped for U+FFFD
    claimed: set[int] = field(default_factory=set)  # of those, the ones reported at their value
    root: MappingNode | None = None  # this file's own document, before anything is merged under it
    _starts: list[int] = field(default_factory=list)

    @classmethod
    def of_text(cls, text: str, name: str, data: bytes | None = None, encoding: str = UTF8) -> File:
        raw = text.removeprefix("\ufeff")
        return cls(name, raw, raw != text, data, encoding, raw)

    @property
    def written(self) -> str:
        """The file's text as it was written, BOM and all."""
        return ("\ufeff" if self.bom else "") + self.raw

    def position(self, index: int) -> tuple[int, int]:
        """(line, column), both from 1, of the character at `index`; lines end where YAML's do."""
        if not self._starts:
            self._starts = [0] + [m.end() for m in BREAK.finditer(self.text)]
        line = bisect.bisect_right(self._starts, index)
        return line, index - self._starts[line - 1] + 1


def read_file(name: str, data: bytes | None = None) -> File:
    """The spec (or series file) `name`, or, given its bytes as `data`, the spec they are (one
    read from standard input, `name` STDIN_NAME). InputError if it cannot be read, is larger than
    MAX_FILE_BYTES or is neither UTF-8 nor GB18030."""

    def refused(message: str, hint: str | None = None, line: int = 0, col: int = 0,
                code: str = "file.unreadable") -> InputError:
        return InputError([Problem(name, line, col, "", message, hint, code)])

    if data is None:
        data = _read_bytes(name, refused)
    if len(data) > MAX_FILE_BYTES:
        raise refused(_("file is larger than {n} MB, the limit for a spec").format(n=MAX_FILE_BYTES >> 20),
                      code="file.too-large")
    try:
        text, encoding = decode(data)
    except NotText as e:
        raise refused(*e.args, code="file.encoding") from None
    return File.of_text(text, name, data, encoding)


def read_stdin_spec() -> bytes:
    """A spec's bytes from standard input, bounded as a file's are (read_file says if too long)."""
    return read_stdin(MAX_FILE_BYTES)


def _read_bytes(name: str, refused) -> bytes:
    try:
        if os.path.isdir(name):
            raise IsADirectoryError
        with open_regular(name) as f:
            return f.read(MAX_FILE_BYTES + 1)  # never read more than the limit
    except FileNotFoundError:
        raise refused(_("no such file"), code="file.missing") from None
    except IsADirectoryError:
        raise refused(_("is a directory, not a spec file")) from None
    except NotRegular as e:
        raise refused(_("{e}, not a spec file").format(e=e), _("to read a spec from a pipe, give - and pipe "
                                                 "it to standard input: bulletin build - < FILE")) from None
    except OSError as e:
        raise refused(_("cannot read the file: {value}").format(value=e.strerror or e)) from None


class Source:
    """A spec as read: its own file, the series files it extends (nearest first), the document
    they merge into (`root`, None when it could not be read), every file read so far, and the
    problems found, each at the file, line and column that wrote it. `may_read`: the folder every
    file it names must lie under (paths.py, the root rule), checked where each path is read."""

    def __init__(self, spec: File, may_read: Root):
        self.name = spec.name
        self.may_read = may_read
        self.files: dict[str, File] = {spec.name: spec}
        self.root: MappingNode | None = None
        self.problems: list[Problem] = []
        self.unreported = 0  # problems beyond MAX_PROBLEMS, counted only
        self.refused: set[int] = set()  # ids of nodes reported for their tag: never converted
        self.bodies: dict[str, str] = {}  # .md/.txt body files read while converting: path -> text
        self.inputs: list[str] = [spec.name]  # every file read, in order (watch watches them)

    @property
    def spec_file(self) -> File:
        return self.files[self.name]

    @property
    def extends(self) -> tuple[str, ...]:
        """The series files merged under the spec, nearest first."""
        return tuple(self.files)[1:]

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

    def add_input(self, path: str) -> None:
        if path not in self.inputs:
            self.inputs.append(path)

    def file_of(self, node: Node) -> File:
        return self.files.get(node.start_mark.name, self.spec_file)

    def folder(self, node: Node) -> str:
        """The folder a path written at `node` resolves against: that of the file that wrote it,
        which for a value merged from a series file is the series file's folder."""
        return os.path.dirname(self.file_of(node).name)

    def path_at(self, node: Node, written: str) -> str:
        """The path written at `node`, resolved; whether it may be read is `may_read` to say
        (Root.refuses, Root.read): where each reader reads it, so a .md's pictures too."""
        return os.path.join(self.folder(node), written)

    def loc(self, node: Node, line: int | None = None, col: int | None = None) -> Loc:
        m = node.start_mark
        return Loc(self.file_of(node).name, line or m.line + 1, col or m.column + 1)

    def report(self, where, path: str, message: str, hint: str | None = None,
               code: str = "spec.invalid") -> None:
        """Record a problem at a node, a YAML mark, (File, index in it), a file as a whole, or the
        spec as a whole (None); `code` says its kind (errors.Problem)."""
        if len(self.problems) >= MAX_PROBLEMS:  # 300,000 unknown keys need no 300,000 lines
            self.unreported += 1
            return
        if isinstance(where, Node):
            where = where.start_mark
        if isinstance(where, tuple):
            file, index = where
            self.problems.append(Problem(file.name, *file.position(index), path, message, hint, code))
        elif where is None or isinstance(where, File):
            self.problems.append(Problem(where.name if where else self.name, 0, 0, path, message, hint, code))
        else:
            line, col = where.line + 1, where.column + 1
            self.problems.append(Problem(where.name, line, col, path, message, hint, code))

    def error(self) -> InputError:
        """Every problem, the spec's own first, in the order of the files; what was read so far
        travels with it (watch keeps watching those files)."""
        problems = list(dict.fromkeys(self.problems))  # a value reached twice by alias reports once
        problems.sort(key=lambda p: (p.file != self.name, p.file, p.line, p.col))
        if self.unreported:
            problems.append(Problem(self.name, 0, 0, "", _(
                "and {n:,} more problems (only the first {limit} are listed)").format(
                    n=self.unreported, limit=MAX_PROBLEMS), code="spec.more-problems"))
        return InputError(problems, tuple(self.inputs))
