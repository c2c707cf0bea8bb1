"""`check --fix`: the safe fixes applied to the spec's own file, and written back only if the file
is still what was read.

Only the characters concerned change: comments, key order, quoting and block scalars stay as
they were. Never a series file through an issue (that is `check --fix SERIES`), never a body
file (fix it in the source document). The fixed text is read back before anything is written:
a value that would not read back as its fixed text (a plain ３ fixed to 3 would become a number)
keeps its original.
"""
from __future__ import annotations

import difflib
from pathlib import Path
from typing import NamedTuple

from ..errors import BuildError, InputError
from ..files import open_regular
from ..i18n import _
from ..output import backup, write_atomic
from ..spec.keys import MAX_FILE_BYTES
from ..spec.printed import Piece
from ..spec.reader import Loaded, load_text
from .rules import applied, proofread
from .units import Unit, Units, characters


class Fixed(NamedTuple):
    text: str  # the spec file's whole text, fixed (a BOM kept)
    changed: int  # places changed
    loaded: Loaded  # the fixed text as read: its marks are the ones left


def fix_spec(loaded: Loaded) -> Fixed:
    """The loaded spec's own file with every safe fix applied. ValueError if the fixed text
    would not read back (it never should: a guard, so that a file is never damaged)."""
    file = loaded.source.spec_file
    units = Units(loaded, documents=False).own()
    for unit in units:
        _fix_unit(unit)
    left_out: set[int] = set()  # values (by where they start) whose fixes are not applied
    for _attempt in range(3):
        kept = [u for u in units if u.at not in left_out]
        edits = {(p.start, p.end): p.text for u in kept for p in u.pieces if p.edited}
        if not edits:
            return Fixed(file.written, 0, loaded)
        fixed = file.raw
        for (start, end), new in sorted(edits.items(), reverse=True):  # type: ignore[type-var]
            fixed = fixed[:start] + new + fixed[end:]  # type: ignore[index,misc]
        again, wrong = _read_back(fixed, loaded, kept)
        if again is not None and not wrong:
            return Fixed(("\ufeff" if file.bom else "") + fixed, len(edits), again)
        left_out |= {u.at for u in units if u.field in wrong}
    raise ValueError(f"{file.name}: the fixes would not read back as written; nothing changed")


def _read_back(fixed: str, loaded: Loaded, units: list[Unit]) -> tuple[Loaded | None, set[str]]:
    """The fixed text read, and the fields that do not read back as the units say they should."""
    try:
        again = load_text(fixed, loaded.source.name, series=loaded.spec is None,
                          root=loaded.source.may_read.folder)  # under the root it was read under
    except InputError as e:
        paths = {p.path for p in e.problems}
        return None, {u.field for u in units} if "" in paths else paths
    expected: dict[str, list[str]] = {}
    for u in units:
        expected.setdefault(u.field, []).append(u.text)
    found: dict[str, list[str]] = {}
    for u in Units(again, documents=False).own():
        found.setdefault(u.field, []).append(u.text)
    return again, {f for f in expected.keys() | found.keys() if expected.get(f) != found.get(f)}


def _fix_unit(unit: Unit) -> None:
    """Apply fixable hits until none is left (a fix can reveal another: ,, -> ，， -> ，). Each
    character its own piece first, so that each fix is an edit of its own characters."""
    unit.pieces = characters(unit.pieces)
    for _attempt in range(10):
        body, (owner, first_char) = unit.text, unit.layout()
        hits = [h for h in proofread(body, unit.field, revealed=False)
                if applied(h) and unit.editable(owner, h.start, h.end)]
        if not hits:
            return
        below = len(unit.pieces)  # pieces from here on were replaced in this round
        for hit in reversed(hits):  # from the end, so earlier positions stay valid
            i, j = owner[hit.start], owner[hit.end - 1]
            if j >= below:  # shares a piece with the hit just applied: next round
                continue
            lo, hi = first_char[i], first_char[j] + len(unit.pieces[j].text)
            new = body[lo:hit.start] + hit.fix + body[hit.end:hi]  # type: ignore[operator]
            unit.pieces[i:j + 1] = [Piece(new, unit.pieces[i].start, unit.pieces[j].end, True, True)]
            below = i


def unified_diff(before: str, after: str, name: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        f"{name}", f"{name} (fixed)"))


def write_fixed(path: Path, loaded: Loaded, fixed: Fixed) -> Path:
    """Replace the spec file at `path` by its fixed text, keeping the previous one as a backup
    (returned). Refused (BuildError, nothing written) when the file is no longer what was read:
    a save made in an editor meanwhile must never be silently reverted."""
    try:
        with open_regular(str(path)) as f:  # never waits on a FIFO put in its place meanwhile
            now = f.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        raise BuildError(_("{path}: cannot read it again before writing: {value}").format(
            path=path, value=e.strerror or e)) from None
    if now != loaded.source.spec_file.data:
        raise BuildError(_("{path}: the file changed while it was being checked (saved in an "
                           "editor?); nothing was written: run bulletin check --fix again").format(path=path))
    kept = backup(path, now)
    # in the encoding it was read in (a GB18030 spec stays one: only the fixes change), and a
    # symlinked spec stays a link
    write_atomic(path.resolve(), fixed.text.encode(loaded.source.spec_file.encoding))
    return kept
