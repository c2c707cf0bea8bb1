"""`extends:`: an issue written on top of a series file (which may extend another), merged into
one document before anything is converted. Each file is read and composed once, as the spec
itself is; every node keeps the marks of the file it was written in, so every message and every
proofreading mark still points into the right file."""
from __future__ import annotations

import os
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode

from ..errors import InputError
from ..i18n import N_, _
from .keys import MAX_SERIES_FILES, STR, describe
from .nodes import compose
from .source import File, Source, read_file


def merged(source: Source, root: MappingNode) -> MappingNode | None:
    """The spec's document `root` with the series files it extends merged under it, nearest
    last; None when one of them cannot be read (the reason reported to `source`)."""
    chain, files = [root], [source.spec_file]  # the documents, the spec's first
    while (node := _extends(chain[-1])) is not None:
        if len(chain) > MAX_SERIES_FILES:
            return source.report(
                node, "extends",
                _("too many series files: more than {n} extend each other").format(n=MAX_SERIES_FILES),
                _("a series file extends at most a few others; is a file generated in a chain?"),
                    code="spec.extends")
        file = _series_file(source, node, files)
        document = None if file is None else compose(file, source)
        if document is None:
            return None
        chain.append(document)
        files.append(file)  # type: ignore[arg-type]
    out = chain.pop()
    while chain:
        out = _merge(out, chain.pop())
    return out


def _extends(document: MappingNode) -> Node | None:
    return next((v for k, v in document.value if isinstance(k, ScalarNode) and k.value == "extends"), None)


def _series_file(source: Source, node: Node, chain: list[File]) -> File | None:
    """The series file `extends:` names (at `node`, in the last file of `chain`), read; None
    when it cannot be (reported)."""
    if not (isinstance(node, ScalarNode) and node.tag == STR and node.value.strip()):
        return source.report(node, "extends", _("expected the path of a series file, got "
                                                "{found}").format(found=describe(node)), code="spec.extends")
    path = os.path.join(os.path.dirname(chain[-1].name), node.value.strip())  # beside the file that wrote it
    real = os.path.realpath(path)
    if os.path.realpath(os.path.normpath(path)) == real:  # "a/../b" reads better as "b"
        path = os.path.normpath(path)
    if refused := source.may_read.refuses(path, N_("series file")):  # the root rule, before any read
        return source.report(node, "extends", f"{path}: {refused}")
    seen = [os.path.realpath(f.name) for f in chain]
    if real in seen:
        names = " -> ".join([f.name for f in chain[seen.index(real):]] + [path])
        return source.report(node, "extends", _("files extend each other in a cycle: {names}").format(
            names=names), code="spec.extends")
    source.add_input(path)
    try:
        file = read_file(path)
    except InputError as e:
        problem = e.problems[0]
        if problem.line:  # inside the file (an encoding error, say): point there
            source.problems.extend(e.problems)
            return None
        return source.report(node, "extends", f"{path}: {problem.message}", problem.hint)
    source.files.setdefault(file.name, file)
    return file


def _merge(base: MappingNode, over: MappingNode) -> MappingNode:
    """`over` (an issue) on top of `base` (its series): over's keys win, two mappings merge key
    by key, anything else (a list, a text) is replaced whole. Nodes keep their own marks, so
    every message still points into the file a value was written in. `extends` itself is
    consumed here. A key written twice in one file stays twice, for convert to report."""
    def key(k: Node) -> Any:
        return k.value if isinstance(k, ScalarNode) else id(k)

    mine = {key(k): v for k, v in over.value}
    pairs = [(k, v) for k, v in base.value if key(k) not in mine and key(k) != "extends"]
    for k, v in over.value:
        if key(k) == "extends":
            continue
        under = next((bv for bk, bv in base.value if key(bk) == key(k)), None)
        if isinstance(under, MappingNode) and isinstance(v, MappingNode) and under.tag == v.tag:
            v = _merge(under, v)
        pairs.append((k, v))
    return MappingNode(over.tag, pairs, over.start_mark, over.end_mark, over.flow_style)
