"""A spec file's text composed into YAML nodes, once, safely.

We never call `yaml.safe_load`. The document is *composed* into nodes, which keep the file, line
and column they were written at, and converted by hand (convert.py): no tag can ever construct an
object, and aliases are bounded before anything expands them. The loader counts values and
aliases while it composes, so a document of too many of either is refused before it is even
fully read; then one survey of the tree refuses unknown tags and alias bombs.
"""
from __future__ import annotations

import bisect
import io
import itertools
import re
from typing import Any

import yaml
import yaml.composer
import yaml.resolver
from yaml.nodes import MappingNode, Node, ScalarNode

from ..i18n import N_, _
from . import yamlerrors
from .keys import ALLOWED_TAGS, MAX_ALIASES, MAX_EXPANDED_NODES, MAX_NODES, MERGE, describe, short_tag
from .printed import CONTROL, char_message
from .source import File, Source

# Characters PyYAML refuses anywhere in a stream (its Reader.NON_PRINTABLE).
_NON_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
# The same, as they can still reach a value through double-quoted escapes ("\a", "\x07"):
# printed.CONTROL, the one rule for every printed text.
_INNER_TAB = re.compile(r"^([ \t]*)|\t", re.MULTILINE)  # a line's indentation, or a tab after it
_NOT_A_MAPPING = N_("the spec must be a mapping of keys (masthead, articles, ...)")
ALIAS_HINT = N_("aliases (*name) are limited to keep specs safe to load")


class Refused(Exception):
    """A document we stop reading at once. args: (message, the node or mark to point at[, hint])."""


class _Counting(yaml.composer.Composer):
    """A composer that counts aliases and values as it goes, so a document made of aliases, or of
    too many values, is refused before it is even fully read. Only ever composes: nothing here
    constructs an object."""

    aliases = nodes = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                mark = self.peek_event().start_mark
                raise Refused(_("too many aliases: more than {n} in one spec").format(n=MAX_ALIASES), mark)
        else:
            self.nodes += 1
            if self.nodes > MAX_NODES:
                raise Refused(_("too many values: more than {n:,} keys, list items and texts in one "
                                "spec (a bulletin at every other limit has about 5,000)").format(n=MAX_NODES),
                              self.peek_event().start_mark, _("is this the file you meant? A generated "
                                                              "spec may have repeated or stray keys"))
        return super().compose_node(parent, index)


class _Loader(_Counting, yaml.SafeLoader):
    """PyYAML's own reader, scanner and parser, in Python: the judge of what is valid YAML, and
    the wording of every YAML error message."""

    def __init__(self, text: str, name: str = "<unicode string>"):
        super().__init__(text)
        self.name = name  # every mark names its file: a spec's values come from several


try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml
    CParser = None

if CParser is not None:
    class _Named(io.StringIO):
        name = ""  # CParser names its marks after the stream's name

    class _FastLoader(_Counting, CParser, yaml.resolver.Resolver):  # type: ignore[misc, valid-type]
        """libyaml's scanner and parser (C) under the same Python composer: the same nodes and
        marks as _Loader's, an eighth of the time (tools/bench_reader.py)."""

        def __init__(self, text: str, name: str):
            stream = _Named(text)
            stream.name = self.name = name
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.resolver.Resolver.__init__(self)

        def compose_scalar_node(self, anchor: Any) -> Node:
            event = self.peek_event()
            if event.tag == "!" and not event.value:  # a bare `!`: PyYAML resolves it (to null)
                event.implicit = (True, False)
            return super().compose_scalar_node(anchor)

# Where libyaml and PyYAML part ways, found by composing random documents with both: a tab in an
# indentation (PyYAML refuses some libyaml takes), U+FEFF inside the text (libyaml refuses it,
# PyYAML counts no column for it), NEL and the Unicode line separators, the end of a text
# without a final line break (the marks of what ends there), a block scalar's header followed by
# "#" without a space (libyaml takes it for a comment), a "?" in a [list] or {mapping} (libyaml
# takes it in a text, PyYAML refuses it). Such a text is read by PyYAML alone.
_LIBYAML_DIFFERS = re.compile(r"[\t\x85\u2028\u2029\ufeff]|[^\n]\Z|[|>][-+1-9]*#")


def _libyaml_differs(text: str) -> bool:
    return _LIBYAML_DIFFERS.search(text) is not None or ("?" in text and ("[" in text or "{" in text))


def _compose(file: File) -> tuple[Node | None, int]:
    """The file's document and how many aliases it used. A YAML error is PyYAML's, in its words:
    a text libyaml refuses is read again by PyYAML for the message."""
    if CParser is not None and not _libyaml_differs(file.text):
        fast = _FastLoader(file.text, file.name)
        try:
            return fast.get_single_node(), fast.aliases
        except yaml.YAMLError:
            pass
        finally:
            fast.dispose()
    loader = _Loader(file.text, file.name)
    try:
        return loader.get_single_node(), loader.aliases
    except (ValueError, OverflowError):  # PyYAML's chr() on "\U00110000": it stops after \U
        raise _BadEscape(loader.get_mark().index) from None
    finally:
        loader.dispose()


class _BadEscape(Exception):
    """args: (where the \\U escape's digits end)"""


def compose(file: File, source: Source) -> MappingNode | None:
    """The file's document (also kept as file.root), every node marked with the file's name; None
    when it cannot be read any further, the reason reported to `source`."""
    _sanitize(file)
    try:
        root, aliases = _compose(file)
    except Refused as e:
        return source.report(e.args[1], "", e.args[0], e.args[2] if len(e.args) > 2 else _(ALIAS_HINT),
                             code="spec.too-many")
    except _BadEscape as e:
        at = e.args[0]
        return source.report((file, at - 2), "", _(
            "escape \\U{value} is not a Unicode character (the last is \\U0010FFFF)").format(
                value=file.text[at:at + 8]),
                             _("check the code point, or write the character itself"))
    except yaml.MarkedYAMLError as e:
        problem, hint, mark = yamlerrors.said(e)
        return source.report(mark, "", _("could not parse YAML: {problem}").format(problem=problem), hint,
                             code="spec.yaml-syntax")
    except yaml.YAMLError as e:
        return source.report(file, "", _("could not parse YAML: {problem}").format(problem=e),
            code="spec.yaml-syntax")
    if not isinstance(root, MappingNode):
        # a file `extends` names is never quoted: it may be any text file under the root
        held = _("text") if file is not source.spec_file and isinstance(root, ScalarNode) else describe(root)
        return source.report(root or file, "", _(_NOT_A_MAPPING),
                             _("this file holds {held}").format(held=held))
    if not _survey(root, source, aliases):
        return None
    file.root = root
    return root


def _sanitize(file: File) -> None:
    """PyYAML refuses control characters with an unlocated error. Swap each for U+FFFD (same
    length, so every mark stays right) and report it ourselves, with its field (clean()). Only
    the first 100 are remembered: a file full of them needs no more to be refused. A tab after a
    line's indentation is a space (PyYAML refuses one after "key:" or inside plain text); only
    tabs that indent stay, for YAML to refuse."""
    found = itertools.islice(_NON_PRINTABLE.finditer(file.raw), 100)
    file.bad = {m.start(): m.group() for m in found}
    text = _NON_PRINTABLE.sub("\ufffd", file.raw) if file.bad else file.raw
    file.text = _INNER_TAB.sub(lambda m: " " if m.group(1) is None else m.group(1), text)


def _survey(root: Node, source: Source, aliases: int) -> bool:
    """Visit every node once: refuse non-standard tags, recursive aliases, and documents that
    aliases expand beyond MAX_EXPANDED_NODES ("billion laughs"). False means stop: walking the
    tree any further could be exactly what the document is attacking."""
    sizes: dict[int, int | None] = {}  # node id -> expanded size; None while being visited

    def size(node: Node) -> int:
        if id(node) in sizes:
            if sizes[id(node)] is None:
                raise Refused(_("an alias refers to a value that contains it (recursive alias)"), node)
            return sizes[id(node)] or 0
        sizes[id(node)] = None
        if node.tag not in ALLOWED_TAGS:
            source.refused.add(id(node))
            if node.tag == MERGE:
                source.report(node, "", _("merge keys (<<) are not supported"),
                              _("write the keys out in full"), code="spec.yaml-unsupported")
            else:
                source.report(node, "", _("tag '{tag}' is not allowed").format(tag=short_tag(node.tag)),
                              _("only plain YAML values are allowed: text, numbers, dates, "
                                "lists and mappings"), code="spec.yaml-unsupported")
        children = [] if isinstance(node, ScalarNode) else node.value
        if isinstance(node, MappingNode):
            children = [n for pair in children for n in pair]
        total = 1 + sum(size(child) for child in children)
        if total > MAX_EXPANDED_NODES and aliases:
            raise Refused(_("aliases expand this document to more than {n:,} values "
                            "(a 'billion laughs' attack?)").format(n=MAX_EXPANDED_NODES), node)
        sizes[id(node)] = total
        return total

    try:
        size(root)
    except Refused as e:
        source.report(e.args[1], "", e.args[0], _(ALIAS_HINT), code="spec.too-many")
        return False
    return True


def clean(source: Source, node: Node, path: str) -> bool:
    """Report the first control character in the node's span or value, if any."""
    file = source.file_of(node)
    start, end = node.start_mark.index, node.end_mark.index
    at = list(file.bad)  # in order: found from the start of the file
    inside = at[bisect.bisect_left(at, start):bisect.bisect_left(at, end)] if at else []
    if inside:
        file.claimed.update(inside)
        source.report((file, inside[0]), path, char_message(file.bad[inside[0]]))
        return False
    bad = CONTROL.search(node.value) if isinstance(node, ScalarNode) else None
    if bad:
        source.report(node, path, char_message(bad.group()))
    return bad is None


def report_stray(source: Source) -> None:
    """Control characters outside every value read (in a comment, say): each file's first."""
    for file in source.files.values():
        stray = [i for i in file.bad if i not in file.claimed]
        if stray:
            source.report((file, stray[0]), "", char_message(file.bad[stray[0]]))

