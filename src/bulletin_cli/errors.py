"""One exception family for the library: every user-facing failure carries where and what."""
from __future__ import annotations

from dataclasses import dataclass

from .i18n import _

# Problem.code: the kinds of problem, for scripts that read `build --json` (never translated;
# README lists them, `bulletin schema --report` names them). A new kind gets a new code here.
CODES = {
    "usage": "a command line that cannot work (flags, -o, --format, the output path)",
    "input": "bad input with no more precise code",
    "file.missing": "a spec or series file does not exist",
    "file.unreadable": "a spec or series file cannot be read (a folder, a pipe, permissions)",
    "file.too-large": "a spec or series file is over the size limit",
    "file.encoding": "a text file is not UTF-8 (GBK, UTF-16...) or holds NUL",
    "spec.yaml-syntax": "YAML that does not parse",
    "spec.yaml-unsupported": "YAML features a spec may not use (tags, merge keys, bad escapes)",
    "spec.not-a-mapping": "a file that is not a mapping of keys",
    "spec.invalid": "a value the spec cannot take, with no more precise code",
    "spec.missing-key": "a required key is missing",
    "spec.unknown-key": "a key the spec does not have (a typo?)",
    "spec.duplicate-key": "a key written twice",
    "spec.conflicting-keys": "two keys that exclude each other (body and body_file)",
    "spec.wrong-value": "a value of the wrong kind (text, number, date, list...)",
    "spec.empty": "a value that must not be empty",
    "spec.too-long": "a text over its length limit",
    "spec.too-many": "over a count limit (articles, cells, values, aliases)",
    "spec.table-shape": "table rows of different lengths",
    "spec.unprintable": "control or bidi characters, or only characters that print nothing",
    "spec.extends": "a problem with extends: (a cycle, too many series files)",
    "spec.more-problems": "more problems than are listed",
    "body.unreadable": "a body file that cannot be read or is not .docx/.md/.txt",
    "body.word": "a Word file that cannot be read as a body",
    "body.markup": "Markdown marks that do not close or print nothing",
    "image.unreadable": "a picture that cannot be read or is too large",
    "font.not-found": "a font file, family or --font-dir folder not found",
    "font.unreadable": "a font file that cannot be read",
    "font.unusable": "a font that cannot be embedded (CFF outlines, licence, no such face)",
    "font.damaged": "a damaged font file",
    "layout.does-not-fit": "a masthead, colophon or table row that does not fit a page",
    "pdfua.no-alt": "--pdfua: a photo with neither caption nor alt text",
    "output.unwritable": "the output cannot be written",
    "build.failed": "the bulletin could not be made (--strict, a writer's failure)",
    "internal": "a bug in bulletin: please report it",
    "interrupted": "the build was interrupted",
    "font.missing-glyph": "missing: a character no font can draw (printed as a box)",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, pointed at a place in a file."""

    file: str
    line: int  # 1-based; 0 when the problem is about the whole file
    col: int  # 1-based; 0 when unknown
    path: str  # field path such as "articles[2].title"; "" for the document itself
    message: str
    hint: str | None = None
    # what kind of problem, for scripts (`build --json`): stable, never translated, e.g.
    # "spec.unknown-key" (README lists them); set by whoever finds the problem
    code: str = "input"

    def format(self) -> str:
        hint = "\n  " + _("hint: {hint}").format(hint=self.hint) if self.hint else ""
        if not self.file:
            return self.message + hint
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.col:
                where += f":{self.col}"
        head = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        return head + hint


class BulletinError(Exception):
    """Base of every error the tool reports to users (never shown with a traceback)."""

    exit_code = 1

    def messages(self) -> list[str]:
        return [str(self)]


class InputError(BulletinError):
    """Bad input or usage: exit status 2."""

    exit_code = 2

    def __init__(self, problems: list[Problem] | str, inputs: tuple[str, ...] = (), code: str = "usage"):
        if isinstance(problems, str):
            problems = [Problem("", 0, 0, "", problems, code=code)]
        self.problems = problems
        self.inputs = inputs  # the files read before the problem was found (watch watches them)
        super().__init__("\n".join(p.format() for p in problems))

    def messages(self) -> list[str]:
        return [p.format() for p in self.problems]


class BuildError(BulletinError):
    """The input was fine but the bulletin could not be made: exit status 1."""

    exit_code = 1
