"""Help text wrapped by what a terminal shows, not by how many characters it holds.

click measures a line with `len()`: a Chinese character takes two cells on the screen but
counts one, so Chinese help ran to twice the terminal's width and the terminal broke it again
wherever it liked. It also breaks a word after any hyphen, option names too (`--bundled-` /
`fonts`). Here a line is measured in cells (East Asian wide and full-width characters take two),
Chinese text may break between any two characters except before a closing mark or after an
opening one (禁则), and an option name is never broken. Text without wide characters or option
names breaks exactly where click breaks it, so English help reads as it always did.
"""
from __future__ import annotations

import functools
import re
import unicodedata

from typer._click._compat import strip_ansi
from typer._click._textwrap import TextWrapper
from typer._click.formatting import HelpFormatter, iter_rows

# An option name inside a word (--bundled-fonts, -o, (--from): it breaks nowhere.
_OPTION = re.compile(r"(?:^|[^\w-])--?[A-Za-z]")
# Characters of a word, a number, a file or option name: a long chunk is not cut between two.
_WORDISH = re.compile(r"[A-Za-z0-9_.\-]")


def _cell(ch: str, chinese: bool = False) -> int:
    if unicodedata.combining(ch):
        return 0
    kind = unicodedata.east_asian_width(ch)
    return 2 if kind in ("W", "F") or (chinese and kind == "A") else 1


def cells(text: str, chinese: bool = False) -> int:
    """How many terminal cells `text` takes. `chinese`: count “ ” … — and the other characters of
    ambiguous width as two, as a Chinese Windows console (code page 936) draws them; elsewhere a
    Chinese line is then a cell or two short, never too long."""
    return sum(_cell(ch, chinese) for ch in strip_ansi(text))


@functools.cache
def _marks() -> tuple[frozenset, frozenset]:
    """The marks no line starts with, and those no line ends with (the page's own rules, but a
    hyphen or a solidus may start a help line: it starts an option name or a path; a font's
    name stays whole: 仿宋_GB2312)."""
    from .text.linebreak import CLOSING, HALF_CLOSING, OPENING

    return CLOSING | HALF_CLOSING | frozenset("…—～·%_"), OPENING | frozenset("([{_")


class CellWrapper(TextWrapper):
    """click's TextWrapper measuring in cells; `chinese`: Chinese text breaks between characters
    (in English help a Chinese word is a name, 工作简报 or 方正小标宋简体, and stays whole)."""

    chinese = False

    def _split(self, text: str) -> list[str]:
        chunks: list[str] = []
        for token in re.split(r"(\s+)", text):
            if token.isspace():
                chunks.append(token)
            elif token:
                chunks.extend(self._pieces(token))
        return chunks

    def _pieces(self, token: str) -> list[str]:
        """A word between spaces in the pieces a line may break between."""
        def wide(ch: str) -> bool:
            return self.chinese and _cell(ch) == 2

        runs: list[str] = []  # each wide character alone, each run of narrow ones whole
        for ch in token:
            if wide(ch) or not runs or wide(runs[-1][-1]):
                runs.append(ch)
            else:
                runs[-1] += ch
        pieces: list[str] = []
        for run in runs:
            pieces.extend([run] if wide(run[0]) or _OPTION.search(run) else super()._split(run))
        no_start, no_end = _marks()
        glued = pieces[:1]
        for piece in pieces[1:]:
            if piece[0] in no_start or glued[-1][-1] in no_end:
                glued[-1] += piece
            else:
                glued.append(piece)
        return glued

    def _handle_long_word(self, reversed_chunks, cur_line, cur_len, width) -> None:
        """A chunk wider than the line: cut where no word or option name is cut (before 。 in
        `--bundled-fonts。`), on the next line when none fits here; a word as click does when
        it is wider than any line."""
        space_left = max(width - cur_len, 1)
        last = reversed_chunks[-1]
        fits = [i for i in range(1, len(last)) if cells(last[:i], self.chinese) <= space_left] or [1]
        clean = [i for i in fits if not (_WORDISH.match(last[i - 1]) and _WORDISH.match(last[i]))]
        if not clean and cur_line:
            return
        cut = (clean or fits)[-1]
        cur_line.append(last[:cut])
        reversed_chunks[-1] = last[cut:]

    def _wrap_chunks(self, chunks: list[str]) -> list[str]:
        """textwrap's own loop (without max_lines, which help never sets) in cells."""
        def size(s: str) -> int:
            return cells(s, self.chinese)

        lines: list[str] = []
        chunks.reverse()
        while chunks:
            cur_line: list[str] = []
            cur_len = 0
            indent = self.subsequent_indent if lines else self.initial_indent
            width = self.width - size(indent)
            if self.drop_whitespace and chunks[-1].strip() == "" and lines:
                del chunks[-1]
            while chunks and cur_len + size(chunks[-1]) <= width:
                cur_len += size(chunks[-1])
                cur_line.append(chunks.pop())
            if chunks and size(chunks[-1]) > width:
                self._handle_long_word(chunks, cur_line, cur_len, width)
            if self.drop_whitespace and cur_line and cur_line[-1].strip() == "":
                del cur_line[-1]
            if cur_line:
                lines.append(indent + "".join(cur_line))
        return lines


def wrap_text(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "",
              preserve_paragraphs: bool = False, chinese: bool = False) -> str:
    """click's wrap_text (paragraphs, the `\\b` no-rewrap mark) with a CellWrapper."""
    wrapper = CellWrapper(width, initial_indent=initial_indent, subsequent_indent=subsequent_indent,
                          replace_whitespace=False)
    wrapper.chinese = chinese
    text = text.expandtabs()
    if not preserve_paragraphs:
        return wrapper.fill(text)
    paragraphs: list[tuple[int, bool, str]] = []
    buf: list[str] = []
    indent = None
    for line in [*text.splitlines(), ""]:  # as click reads them: an empty line ends a paragraph
        if line:
            if indent is None:
                indent = cells(line) - cells(line.lstrip())
                line = line.lstrip()
            buf.append(line)
        elif buf:
            raw = buf[0].strip() == "\b"
            paragraphs.append((indent or 0, raw, "\n".join(buf[1:]) if raw else " ".join(buf)))
            buf, indent = [], None
        else:
            indent = None
    out = []
    for indent, raw, body in paragraphs:
        with wrapper.extra_indent(" " * indent):
            out.append(wrapper.indent_only(body) if raw else wrapper.fill(body))
    return "\n\n".join(out)


class CellFormatter(HelpFormatter):
    """click's HelpFormatter with every width in cells: the usage line, text, and the two columns
    of the options and commands."""

    chinese = False

    def _size(self, text: str) -> int:
        return cells(text, self.chinese)

    def _wrap(self, text: str, width: int, **kw) -> str:
        return wrap_text(text, width, chinese=self.chinese, **kw)

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        prefix = "Usage: " if prefix is None else prefix
        usage_prefix = f"{prefix:>{self.current_indent}}{prog} "
        text_width = self.width - self.current_indent
        if text_width >= self._size(usage_prefix) + 20:  # the arguments fit right of the prefix
            indent = " " * self._size(usage_prefix)
            self.write(self._wrap(args, text_width, initial_indent=usage_prefix, subsequent_indent=indent))
        else:  # the prefix is too long: the arguments on the next line
            self.write(usage_prefix + "\n")
            indent = " " * (max(self.current_indent, self._size(prefix)) + 4)
            self.write(self._wrap(args, text_width, initial_indent=indent, subsequent_indent=indent))
        self.write("\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write(self._wrap(text, self.width, initial_indent=indent, subsequent_indent=indent,
                              preserve_paragraphs=True) + "\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        widths: dict[int, int] = {}
        for row in rows:
            for i, col in enumerate(row):
                widths[i] = max(widths.get(i, 0), self._size(col))
        first_col = min(widths.get(0, 0), col_max) + col_spacing
        margin = " " * self.current_indent
        for first, second in iter_rows(rows, 2):
            self.write(margin + first)
            if not second:
                self.write("\n")
                continue
            if self._size(first) <= first_col - col_spacing:
                self.write(" " * (first_col - self._size(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            width = max(self.width - first_col - 2, 10)
            lines = self._wrap(second, width, preserve_paragraphs=True).splitlines()
            self.write(f"{lines[0]}\n" if lines else "\n")
            for line in lines[1:]:
                self.write(" " * (first_col + self.current_indent) + line + "\n")
