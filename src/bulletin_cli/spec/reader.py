"""Read an issue spec (YAML) into `model.Spec`, reporting every problem in it at once: the front
door of the spec stage. A spec is read, decoded and composed once; everything after it (the
conversion, proofreading, `check --fix`, the JSON report, `watch`'s list of files) reads the one
`Loaded` value this returns.

    source.py   bytes (a file, or standard input) -> text, one decoder; Source: files and problems
    paths.py    the root rule: the folder every file a spec names must lie under (Source.may_read)
    nodes.py    text -> YAML nodes with their file, line and column, composed once, within limits
    series.py   `extends:` the series files merged under the spec
    convert.py  nodes -> model.Spec, checked against keys.py (values.py, blocks.py, bodyfile.py)
    printed.py  the text a value prints, mapped to where it was written (shared with proofread/)
"""
from __future__ import annotations

import os
from typing import NamedTuple

from ..errors import InputError, Problem
from ..i18n import _
from ..model import Spec
from .convert import Converter
from .keys import MAX_FILE_BYTES
from .nodes import compose, report_stray
from .paths import find_root
from .series import merged
from .source import STDIN, STDIN_NAME, File, Source, read_file, read_stdin_spec


class Loaded(NamedTuple):
    """A spec read: its source map (files, composed document) and what it converted to."""

    source: Source
    spec: Spec | None  # None for a series file read with series=True: a part of issues


Folder = str | os.PathLike | None  # --root: every file a spec names lies under it (paths.py)


def load(name: str, data: bytes | None = None, *, series: bool = False, root: Folder = None) -> Loaded:
    """Read the spec file `name`, or standard input for "-" (`data`: its bytes if they were read
    already); raise InputError listing every problem. With `series`, a series file (neither
    articles nor an issue number, even merged) is accepted: checked as a part of issues, its
    required keys may be missing, and `spec` is None. Every file it names must lie under `root`
    (default: paths.find_root)."""
    if name == STDIN:
        return _load(read_file(STDIN_NAME, read_stdin_spec() if data is None else data), series, root)
    return _load(read_file(name, data), series, root)


def load_text(text: str, name: str, *, series: bool = False, root: Folder = None) -> Loaded:
    """As load(), for a spec's text already in hand; `name` names it in messages."""
    if len(text) > MAX_FILE_BYTES:
        message = _("spec is larger than {mb} MB, the limit").format(mb=MAX_FILE_BYTES >> 20)
        raise InputError([Problem(name, 0, 0, "", message)])
    return _load(File.of_text(text, name), series, root)


def load_spec(path: str | os.PathLike, root: Folder = None) -> Spec:
    """Read and check the spec file at `path`; raise InputError listing every problem."""
    return load(os.fsdecode(path), root=root).spec  # type: ignore[return-value]  # never None without series


def parse_spec(text: str, name: str, root: Folder = None) -> Spec:
    """Check the spec given as text; `name` names it in messages and becomes Spec.source."""
    return load_text(text, str(name), root=root).spec  # type: ignore[return-value]


def _load(file: File, series: bool, root: Folder) -> Loaded:
    source = Source(file, find_root(file.name, root))
    spec = None
    try:
        root = compose(file, source)
        if root is not None:
            source.root = merged(source, root)
        as_series = series and source.series
        spec = Converter(source, series=as_series).spec()
    except RecursionError:
        as_series = False
        source.report(None, "", _("the YAML is nested too deeply"), code="spec.yaml-unsupported")
    report_stray(source)
    if source.problems or (spec is None and not as_series):
        raise source.error()
    return Loaded(source, spec)
