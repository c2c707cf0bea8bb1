"""One exception family for the library: every user-facing failure carries where and what."""
from __future__ import annotations

from dataclasses import dataclass

from .i18n import _


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, pointed at a place in a file."""

    file: str
    line: int  # 1-based; 0 when the problem is about the whole file
    col: int  # 1-based; 0 when unknown
    path: str  # field path such as "articles[2].title"; "" for the document itself
    message: str
    hint: str | None = None

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

    def __init__(self, problems: list[Problem] | str, inputs: tuple[str, ...] = ()):
        if isinstance(problems, str):
            problems = [Problem("", 0, 0, "", problems)]
        self.problems = problems
        self.inputs = inputs  # the files read before the problem was found (watch watches them)
        super().__init__("\n".join(p.format() for p in problems))

    def messages(self) -> list[str]:
        return [p.format() for p in self.problems]


class BuildError(BulletinError):
    """The input was fine but the bulletin could not be made: exit status 1."""

    exit_code = 1
