"""`bulletin new --articles 稿件/`: one article per Word, Markdown or text file, as the spec's
`articles:` list, and what was taken from each file.

Files come in name order, numbers compared as numbers (2 before 10), so a leading number
(`01-`, `1_`, `01 `) orders them; it is not part of a title. An article's title is, in order:
the file's own title (a Word Title or first Heading 1 paragraph, a .md `# heading`), which the
spec leaves to the file so that an edit in Word flows into the next build; the Title of a Word
file's document properties; its first short paragraph; the file name without its number. A
source line (来源：…, 供稿：…, （××供稿）) as the first paragraph after the title, or the last,
is the byline. The spec refers to each file with `body_file:`, and the reader does not print
again a first paragraph that repeats the title, nor the source line the byline repeats
(bodyfile.without_repeats).
"""
from __future__ import annotations

import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from .errors import InputError, Problem
from .i18n import _
from .model import Paragraph
from .nextissue import yaml_scalar
from .spec.soffice import SUFFIXES
from .wording import counted

KINDS = (".docx", ".md", ".txt", *SUFFIXES)  # what a body file may be
LEADING_NUMBER = re.compile(r"^\s*\d+\s*(?:[-_.、．]\s*|\s+)(?=\S)")
SOURCE_LINE = re.compile(r"^[（(]?\s*(?:来源|供稿|供稿单位|稿件来源|信息来源)\s*[：:].{1,60}$"
                         r"|^[（(][^（）()]{1,40}供稿[）)]$")
SHORT_TITLE = 50  # characters: a paragraph longer than that is text, not a title
SENTENCE_END = tuple("。，；：、…")


@dataclass
class Taken:
    """What an article was made of one file."""

    file: str  # as the spec writes it: relative to the spec's folder
    title: str
    title_from: str  # "heading", "properties", "paragraph" or "file name"
    byline: str | None
    paragraphs: int

    def yaml(self) -> str:
        """The article's entry in the spec's `articles:` list."""
        lines = [f"  - body_file: {yaml_scalar(self.file)}"]
        if self.title_from == "heading":  # left to the file: edited there, it changes here too
            lines.append(f"    # title: from the file's own title: {self.title}")
        else:
            lines.append(f"    title: {yaml_scalar(self.title)}")
        if self.byline:
            lines.append(f"    byline: {yaml_scalar(self.byline)}")
        return "\n".join(lines)

    def line(self) -> str:
        """One line for the terminal: what was taken from the file."""
        taken = _("{file}: title {title} (from {source}), {paragraphs}").format(
            file=self.file, title=f"《{self.title}》", source=_sources()[self.title_from],
            paragraphs=counted(self.paragraphs, "paragraph"))
        return taken + (_(", byline {byline}").format(byline=self.byline) if self.byline else "")

    def data(self) -> dict:
        return asdict(self)


def _sources() -> dict[str, str]:
    return {"heading": _("its own title"), "properties": _("its document properties"),
            "paragraph": _("its first paragraph"), "file name": _("its file name")}


def articles_yaml(taken: list[Taken]) -> str:
    """The spec's `articles:` list of these articles."""
    return "articles:\n" + "\n".join(t.yaml() for t in taken) + "\n"


def natural(name: str) -> list:
    """A sort key in which numbers compare as numbers: 2-x before 10-x."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
            for part in re.split(r"(\d+)", name) if part]


def files_of(given: list[str]) -> list[str]:
    """The article files named: a folder's files of the kinds read (not hidden ones, nor Word's
    ~$ lock files), and files given one by one; all in name order."""
    found, problems = [], []
    for name in given:
        if os.path.isdir(name):
            found += [os.path.join(name, f) for f in os.listdir(name)
                      if f.lower().endswith(KINDS) and not f.startswith((".", "~$"))
                      and os.path.isfile(os.path.join(name, f))]
        elif not os.path.isfile(name):
            problems.append(_said(_("--articles {name}: no such file or folder").format(name=name)))
        elif not name.lower().endswith(KINDS):
            problems.append(_said(_("--articles {name}: not an article file ({kinds})").format(
                name=name, kinds=" ".join(KINDS))))
        else:
            found.append(name)
    if problems:
        raise InputError(problems)
    if not found:
        raise InputError(_("--articles {names}: no article files ({kinds}) in it").format(
            names=" ".join(given), kinds=" ".join(KINDS)))
    return sorted(dict.fromkeys(found), key=lambda f: natural(os.path.basename(f)))


def _said(message: str) -> Problem:
    return Problem("", 0, 0, "", message)


def take_all(given: list[str], target: str) -> list[Taken]:
    """An article from each file named, or one InputError naming every file that cannot be read."""
    from .spec.bodyfile import Pictures
    from .spec.paths import Root

    taken, problems = [], []
    for file in files_of(given):
        folder = os.path.dirname(os.path.abspath(file))
        try:
            taken.append(take(file, target, Pictures(Root(folder))))
        except InputError as e:
            problems += e.problems
    if problems:
        raise InputError(problems)
    return taken


def outside_root(taken: list[Taken], target: str) -> list[str]:
    """A note for each file a build of `target`, run from here, may not read (the root rule)."""
    from .spec.paths import find_root

    root = find_root(target)
    return [_("note: {file} {why}").format(file=t.file, why=why) for t in taken
            if (why := root.refuses(os.path.join(os.path.dirname(target), t.file), "body file"))]


def take(file: str, target: str, pictures) -> Taken:
    """The article one file makes, for a spec written at `target`."""
    from .spec.bodyfile import read_body_file, without_repeats

    shown = Path(os.path.relpath(file, os.path.dirname(os.path.abspath(target)))).as_posix()
    body = read_body_file(file, file, "--articles", pictures)
    if body.problems:
        raise InputError(body.problems)
    title, source = _title(body, file)
    rest = without_repeats(body.blocks, title, None)  # what the reader prints under this title
    byline = next((b.text.strip() for b in rest[:1] + rest[-1:] if len(rest) > 1
                   and isinstance(b, Paragraph) and SOURCE_LINE.match(b.text.strip())), None)
    kept = without_repeats(body.blocks, title, byline)
    return Taken(shown, title, source, byline, sum(isinstance(b, Paragraph) for b in kept))


def _title(body, file: str) -> tuple[str, str]:
    """The title, in the order the module's docstring gives, and where it came from."""
    if body.title:
        return body.title, "heading"
    if body.doc_title:
        return body.doc_title, "properties"
    first = body.blocks[0] if len(body.blocks) > 1 else None  # a title over some text
    if isinstance(first, Paragraph) and len(first.text) <= SHORT_TITLE \
            and not first.text.endswith(SENTENCE_END) and not SOURCE_LINE.match(first.text):
        return first.text, "paragraph"
    stem = os.path.splitext(os.path.basename(file))[0]
    return LEADING_NUMBER.sub("", stem).strip() or stem, "file name"
