"""The root rule: the one folder under which lies every file a spec makes a build read.

A spec is often not written by the person who builds it: a CMS export piped into `bulletin build -`
on a server, a spec mailed in by a county office. Left alone, its `extends`, `body_file`, `image`,
a `![](…)` inside a .md and a font given by path could read any file the process can and print it
into the PDF. So, as Typst's `--root`, every such file must lie under the root: `--root DIR` or
BULLETIN_ROOT; by default the current folder when the spec lies under it, else the spec's own
folder; for a spec on standard input, the current folder. A symbolic link counts where it leads.
Files of /proc, /sys and /dev are never read, whatever the root: they are the machine's state.

The check comes before anything looks at the file, so a refused file's content is never read
(and never quoted), and whether a file outside the root exists is never told. A file that is
replaced by a link between the check and the read is outside this rule's threat: a spec from
elsewhere, not a hostile process on the same machine.
"""
from __future__ import annotations

import os

from ..errors import InputError
from ..files import Unreadable, read_bounded
from ..i18n import N_, _

ROOT_ENV = "BULLETIN_ROOT"
STDIN_SOURCES = ("", "-", "<stdin>")  # how a spec read from standard input is named
PSEUDO = ("/proc", "/sys", "/dev")  # never files, even under the root
MAY_READ = N_("the folder a spec may read from (--root DIR widens it)")


class Root:
    """A folder (its real path) that every file a spec names must lie under."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = os.path.realpath(folder)

    def __str__(self) -> str:
        return self.folder

    def refuses(self, path: str | os.PathLike, kind: str) -> str | None:
        """Why the file at `path` may not be read as a `kind` ("image file"), in words for the
        spec's author; None when it may. Whether it exists is left to the reader to say."""
        written = os.fspath(path)
        real = os.path.realpath(written)
        if not under(real, self.folder):
            if under(os.path.abspath(written), self.folder):
                return _("is a symbolic link that leads out of {folder}, {rule}").format(
                    folder=self.folder, rule=_(MAY_READ))
            return _("is outside {folder}, {rule}").format(folder=self.folder, rule=_(MAY_READ))
        pseudo = next((p for p in PSEUDO if under(real, p)), None) if os.name != "nt" else None
        if pseudo:
            return (_("is not a regular file (it is in {folder}), cannot be used as an {kind}")
                    if kind[0] in "aeiou" else
                    _("is not a regular file (it is in {folder}), cannot be used as a {kind}")).format(
                folder=pseudo, kind=_(kind))
        return None  # missing, a folder, a pipe: each reader says so in its own words

    def read(self, path: str | os.PathLike, limit: int, kind: str) -> bytes:
        """The bytes of the file at `path` (at most `limit`), if this root allows it; else Unreadable."""
        why = self.refuses(path, kind)
        if why:
            raise Unreadable(why)
        return read_bounded(os.fspath(path), limit, kind)


def under(path: str, folder: str) -> bool:
    """Whether `path` is `folder` or lies inside it (both absolute; compared as the system does)."""
    path, folder = os.path.normcase(path), os.path.normcase(folder)
    try:
        return os.path.commonpath([path, folder]) == folder
    except ValueError:  # different drives
        return False


def find_root(source: str | os.PathLike | None, given: str | os.PathLike | None = None) -> Root:
    """The root of a spec read from `source` (its path; "-", "<stdin>" or None for standard input):
    `given` (--root), else BULLETIN_ROOT, else the current folder when the spec lies under it,
    else the spec's own folder."""
    named, where = (given, "--root") if given else (os.environ.get(ROOT_ENV), ROOT_ENV)
    if named:
        if not os.path.isdir(named):
            raise InputError(_("{where} {path}: no such folder").format(where=where, path=os.fspath(named)))
        return Root(named)
    try:
        cwd = os.getcwd()
    except OSError:  # the folder was removed under the running process: no folder to be in
        cwd = None
    source = os.fspath(source) if source is not None else ""
    if source in STDIN_SOURCES:
        if cwd is None:
            raise InputError(_("the current folder no longer exists; a spec on standard input "
                               "reads files under it: cd to a folder, or give --root DIR"))
        return Root(cwd)
    spec_dir = os.path.dirname(os.path.abspath(source))
    return Root(cwd if cwd is not None and under(spec_dir, cwd) else spec_dir)


def spec_root(spec) -> Root:
    """The root a loaded spec was read under (model.Spec.root), or for a Spec built in code
    the default one for its source."""
    return Root(spec.root) if getattr(spec, "root", None) else find_root(spec.source)
