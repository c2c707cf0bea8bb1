"""Where outputs go and how they are written: the files a build plans from -o and --format, the
checks made before any work (a folder, the spec itself, a device), atomic replacement, backups."""
from __future__ import annotations

import itertools
import os
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from .errors import BuildError, InputError, Problem
from .i18n import _

STDOUT = "-"  # as an output: standard output
TMP_SUFFIX = ".bulletin-partial"  # a killed build's leftover says what it is; a later build removes it
FORMATS = ("pdf", "ofd")  # what `build` writes; each is a module with render(doc, font files) -> bytes


def plan_outputs(spec_path: str | os.PathLike, output: str | os.PathLike | None,
                 formats: Sequence[str] | None = None) -> list[tuple[str, Path]]:
    """(format, file) for each output. Without formats, -o's suffix chooses (.ofd: OFD, else PDF).
    One format writes to -o as given; several write -o's name with each format's suffix
    (-o out/12.pdf --format pdf,ofd: out/12.pdf and out/12.ofd). Without -o: the spec's name."""
    if not formats:
        suffix = Path(output).suffix.lower() if output is not None else ".pdf"
        named = suffix in (".pdf", ".ofd") or str(output) == STDOUT
        if not named and output_kind(Path(output))[0] != "stream":  # type: ignore[arg-type]
            raise InputError(_("{output}: bulletin writes PDF (.pdf) or OFD (.ofd); name the "
                               "output so, or give --format pdf to write a PDF under this name").format(
                                   output=output))
        formats = ["ofd" if suffix == ".ofd" else "pdf"]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise InputError(_("--format: unknown format {value}; choose from {names} (several "
                           "separated by commas)").format(
                               value=', '.join(unknown) or '(none)', names=', '.join(FORMATS)))
    formats = list(dict.fromkeys(formats))
    base = Path(output) if output is not None else Path(spec_path)
    if output is not None and len(formats) == 1:
        other = {f".{f}" for f in FORMATS} - {f".{formats[0]}"}
        if base.suffix.lower() in other:
            raise InputError(_("{output}: --format {value} writes {name}, but the name ends in "
                               "{suffix}; name it .{value} or leave out --format").format(
                                   output=output, value=formats[0], name=formats[0].upper(),
                                   suffix=base.suffix))
        return [(formats[0], base)]
    if output is not None and output_kind(base)[0] == "stream":
        raise InputError(_("{output}: {names} cannot both go into one device or pipe; give a "
                           "file name, or one --format").format(output=output, names=' and '.join(formats)))
    return [(f, base.with_suffix(f".{f}")) for f in formats]


def check_output(out: Path, spec_path: Path, inputs: Sequence[str] = ()) -> None:
    """Refuse outputs that cannot be written or would destroy an input (the spec, or any of
    `inputs`: the files the build reads, model.Spec.inputs), before any work."""
    if str(out) == STDOUT:
        stdout_bytes("-o -")
        return
    if out.is_dir():
        raise InputError(_("{out}: output path is a folder; give a file name such as {n}").format(
            out=out, n=out / 'bulletin.pdf'))
    parent = existing_folder(out.parent, out)  # a file in the way of -o's folder, said as such
    kind, target = output_kind(out)
    if kind == "stream":
        if not os.access(out, os.W_OK):
            raise InputError(_("{out}: output is not writable").format(out=out))
        return
    if target != out:  # a symlink: its target's folder is the one written
        parent = existing_folder(target.parent, out)
    if target.exists() and spec_path.exists() and target.resolve() == spec_path.resolve():
        raise InputError(_("{out}: output would overwrite the spec itself; choose another -o").format(
            out=out))
    read = next((f for f in inputs if _same_file(target, f)), None)
    if read is not None:
        raise InputError(_("{out}: output would overwrite {read}, a file this build reads; "
                           "choose another -o").format(out=out, read=read))
    if not os.access(parent, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise InputError(_("{out}: output is not writable").format(out=out))


def existing_folder(folder: Path, named: str | os.PathLike) -> Path:
    """The folder itself or, when it does not exist yet, its nearest existing ancestor: the
    folders a user names for output are made when the output is written (-o out/12.pdf,
    --out-dir pdf/), so what must hold now is that they can be. A file in the way is refused."""
    folder = folder if str(folder) else Path(".")
    for above in (folder, *folder.parents):
        if above.is_dir():
            return above
        if os.path.lexists(above):
            raise InputError(_("{named}: {above} is not a folder, so the output folder "
                               "{folder} cannot be made; choose another place").format(
                                   named=named, above=above, folder=folder))
    return Path(".")


def _same_file(a: Path, b: str) -> bool:
    """Whether two names reach one file (through links, hard links too), as far as both exist."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def output_kind(path: Path) -> tuple[str, Path]:
    """How to write `path`: ("stream", path) for a character device, FIFO or socket, which are
    written through and never replaced (`-o /dev/null` must not turn the device into a file);
    ("file", target) for a regular file or a new name, where target is the file a symlink
    finally points at (the link stays a link, its target gets the new bytes). Anything else
    (a block device, say) is refused: replacing it is never what was meant."""
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return "file", target
    except OSError as e:
        raise InputError(_("{path}: cannot use as output: {value}").format(
            path=path, value=e.strerror or e)) from None
    if stat.S_ISREG(mode):
        return "file", target
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        return "stream", path
    if stat.S_ISDIR(mode):
        raise InputError(_("{path}: output path is a folder; give a file name such as {n}").format(
            path=path, n=path / 'bulletin.pdf'))
    raise InputError(_("{path}: output is neither a regular file nor a device, pipe or socket "
                       "that can be written through; choose another -o").format(path=path))


# Called as a build starts writing its files: a batch worker then lets Ctrl-C wait until the
# build has finished, so a spec whose files were written is reported built (batch._worker_init).
on_write: Callable[[], None] | None = None


def write_output(path: Path, data: bytes) -> None:
    """Write the PDF where the user asked: streamed into a device, pipe or socket; atomically
    into a file (through any symlinks); `-` is standard output, which then holds the PDF alone."""
    if on_write is not None:
        on_write()
    if str(path) == STDOUT:
        stream = stdout_bytes("-o -")
        sys.stdout.flush()
        stream.write(data)
        stream.flush()
        return
    kind, target = output_kind(path)
    if kind == "file":
        try:
            write_atomic(target, data)
        except HeldOpen:
            said = Problem(str(path), 0, 0, "", _("cannot replace it: it is open in another program (a PDF "
                                                  "viewer?) or read-only; the file there is as it was"),
                           _("close it there and build again, or write elsewhere: -o OTHER{suffix}").format(
                               suffix=Path(path).suffix))
            error = BuildError(said.format())
            error.problems = [said]  # placed at the output, not the spec (SpecReport.refused)
            raise error from None
    elif stat.S_ISSOCK(os.stat(path).st_mode):  # open() cannot write a socket; connect to it
        import socket

        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.connect(os.fspath(path))
            s.sendall(data)
    else:
        with open(path, "wb") as f:  # a FIFO blocks here until its reader opens it, as `cat >` does
            f.write(data)


def stdout_bytes(what: str):
    """Standard output, to write bytes to. A shell's `>&-` closes it, and Python then has no
    sys.stdout at all: refused with a word on what wanted it (`what`, e.g. "-o -")."""
    if sys.stdout is None:
        raise InputError(_("{what}: standard output is closed; give a file name instead").format(what=what))
    return sys.stdout.buffer


# Windows: an antivirus or the search indexer opens a file just written for a moment, and a
# replace then fails as it does for a viewer holding it; a few short waits let that pass.
REPLACE_WAITS = (0.05, 0.1, 0.2)  # seconds


def _replace(tmp: str, path: Path) -> None:
    for wait in (*REPLACE_WAITS, None):
        try:
            os.replace(tmp, path)
            return
        except PermissionError as e:  # Windows: a program holds the file open (WinError 5 or 32)
            if wait is None:
                raise HeldOpen(*e.args) from e
            time.sleep(wait)


class HeldOpen(PermissionError):
    """The finished file could not be renamed over the old one: on Windows, a program (a PDF
    viewer, Word for a spec) holds it open. The temporary file is gone, the old one intact."""


def write_atomic(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write to a temporary file beside the target and rename it into place: a failed or killed
    build never leaves a half-written PDF, and the previous one stays as it was. Two builds of
    one output at once each rename their own whole file; the last rename wins. The file keeps
    the mode of the one it replaces; a new one gets `mode`, or what the umask allows."""
    parent = path.parent if str(path.parent) else Path(".")
    parent.mkdir(parents=True, exist_ok=True)  # -o out/12.pdf: the folder named for output
    _remove_stale_temps(parent, path.name)
    # The writer's pid in the name is what later proves a leftover stale (see _remove_stale_temps).
    fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.{os.getpid()}.", suffix=TMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        elif mode is not None:
            os.chmod(tmp, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        _replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _remove_stale_temps(parent: Path, name: str) -> None:
    """Remove temporaries that killed builds of `name` left, and only those: a temp is stale
    when the process named in it no longer exists. A live build's temp (another process, or
    another thread of this one) is never touched. Names are compared as strings, not globbed,
    so `issue[1].pdf` works like any other name."""
    prefix = f".{name}."
    try:
        entries = os.listdir(parent)
    except OSError:
        return
    for entry in entries:
        if not (entry.startswith(prefix) and entry.endswith(TMP_SUFFIX)):
            continue
        pid = entry[len(prefix):].split(".", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            (parent / entry).unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill there terminates the process: count every writer as alive
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but belongs to someone else
        return True
    return True


def backup(path: Path, data: bytes | None = None) -> Path:
    """Keep a copy of `path` (its bytes `data`, if read already) as path.bak before it is changed
    in place, with the file's own permissions (a private file's copy stays private); a .bak that
    holds something else is never overwritten: the copy goes to the first free .bak.1, .bak.2, …"""
    if data is None:
        data = path.read_bytes()
    mode = path.stat().st_mode & 0o777
    names = itertools.chain([f"{path.name}.bak"], (f"{path.name}.bak.{n}" for n in itertools.count(1)))
    for name in names:
        target = path.with_name(name)
        if not target.exists():
            write_atomic(target, data, mode)
            return target
        if target.is_file() and target.read_bytes() == data:
            return target
    raise AssertionError("unreachable")
