"""A loaded spec's proofreading marks, each at the file, line and column it was written in (the
spec's own file, a series file it extends, a .md/.txt body file; a Word file's paragraph), with
the field path: what `check` prints, `build` counts and `--json` reports."""
from __future__ import annotations

from dataclasses import dataclass

from ..i18n import _
from ..spec.reader import Loaded
from . import leftover, usage
from .leftover import left_in
from .rules import Hit, applied, proofread
from .units import Units


@dataclass(frozen=True)
class Finding:
    """One proofreading mark in a spec file."""

    file: str
    line: int
    col: int
    field: str
    rule: str
    text: str  # the characters marked, as the bulletin prints them
    fix: str | None  # what they become; None: report only (unpaired, crossed)
    context: str  # the text around them
    fixed_context: str | None  # the same after the fix
    fixable: bool  # --fix can apply it (False: it was not understood, or it is in a body file)
    document: bool = False  # in a body file (.docx/.md/.txt): fixed in the source document, not by --fix

    def format(self) -> str:
        head = f"{self.file}:{self.line}:{self.col}: {self.field}: {self.rule}: {self.context}"
        if self.rule == leftover.RULE:
            return _("{head} (the template's text: write this issue's own)").format(head=head)
        if self.fix is None:
            return _("{head} (fix by hand)").format(head=head)
        if self.rule == usage.RULE:
            return _("{head} → {fixed} (check it: {why})").format(
                head=head, fixed=self.fixed_context, why=usage.why(self.fix))
        if self.fixable:
            return f"{head} → {self.fixed_context}"
        return (_("{head} → {fixed} (fix it in the source document)") if self.document else
                _("{head} → {fixed} (fix by hand: not fixable in place)")).format(
                    head=head, fixed=self.fixed_context)

    def as_json(self) -> dict:
        return {"file": self.file, "line": self.line, "col": self.col, "field": self.field,
                "code": f"proof.{self.rule}", "rule": self.rule,
                "text": self.text, "fix": self.fix, "context": self.context, "fixable": self.fixable}


def proofread_spec(loaded: Loaded) -> list[Finding]:
    """Every proofreading mark in a loaded spec, at the place it was written: its own values,
    those it takes from series files, table cells, body files."""
    reader = Units(loaded)
    findings: dict[tuple, tuple] = {}  # a value reached twice through an alias is marked once
    files = {loaded.source.name: 0}  # the spec's own file first, then the others as the spec reaches them
    # one unit and the next at a time: all of a 1000-article spec's units at once, a piece per
    # character then, took 0.9 GB
    units = iter(reader)
    unit, k = next(units, None), 0
    while unit is not None:
        after = next(units, None)
        files.setdefault(unit.file, len(files))
        following = after if after is not None and after.field == unit.field else None
        body, (owner, first_char) = unit.text, unit.layout()
        hits = proofread(body, unit.field, bool(following and following.text.startswith("“")))
        if left_in(body, unit.field):  # marked at its first characters: the whole may be long
            hits.append(Hit(0, min(len(body), 10), leftover.RULE, None))
        for hit in hits:
            line, col = reader.place(unit, owner, first_char, hit.start)
            fixable = applied(hit) and not unit.document and unit.editable(owner, hit.start, hit.end)
            finding = Finding(unit.file, line, col, unit.field, hit.rule,
                              body[hit.start:hit.end], hit.fix, context(body, hit.start, hit.end),
                              None if hit.fix is None else context(body, hit.start, hit.end, hit.fix),
                              fixable, unit.document)
            # in order of file, line, then value (the cells of a Word table share its line), column
            order = (files[unit.file], line, k, col)
            # a value reached twice through an alias shares its place; the cells of a Word table
            # share the table's number: told apart by field
            same = (unit.file, line, col, hit.start, hit.rule, body, unit.field if unit.paragraph else "")
            findings.setdefault(same, (order, finding))
        unit, k = after, k + 1
    return [finding for _, finding in sorted(findings.values(), key=lambda f: f[0])]


def context(text: str, start: int, end: int, fix: str | None = None, width: int = 8) -> str:
    lo, hi = max(0, start - width), min(len(text), end + width)
    middle = text[start:end] if fix is None else fix
    shown = ("…" if lo else "") + text[lo:start] + middle + text[end:hi] + ("…" if hi < len(text) else "")
    return shown.replace("\n", "⏎")
