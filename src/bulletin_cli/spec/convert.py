"""The composed document (source.Source) -> model.Spec: one validation pass over the nodes that
checks each value against keys.KNOWN_KEYS and converts it, reporting every problem at once.

Each converter takes (node, path, key), reports what is wrong at the node and returns None, or
returns the value. Paths in messages look like `masthead.date` or `articles[2].title`; list items
are counted from 1, as someone reading the file counts them. Text values are read through
printed.py, as proofreading reads them; article bodies are blocks.py's.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Any, NamedTuple

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..i18n import N_, _
from ..model import ROLES, Article, Distribution, Loc, Masthead, Paragraph, Spec, Style
from . import blocks, values
from .bodyfile import Pictures, title_problems, without_repeats
from .keys import (
    BOOL,
    KNOWN_KEYS,
    MAX_ARTICLES,
    MAX_STRING_CHARS,
    MAX_TITLE_LINE_CHARS,
    NULL,
    STR,
    Key,
    describe,
)
from .nodes import clean
from .printed import BIDI, BIDI_HINT, bidi_message, join_lines, scalar_lines, text_of
from .source import UTF8, Source, read_as_note

TextLine = tuple[int, int, str]  # line, column, printed text of one line of a value ("" a blank line)
_FONT_FILE = re.compile(r"[/\\]|\.(ttf|ttc|otf|otc)(#|$)", re.I)  # a font named by its file


class Fonts(NamedTuple):
    """What `style.fonts` converts to, before it is spread over model.Style's fields."""

    names: dict[str, str]  # role -> file path or family name, as written
    locs: dict[str, Loc]  # role -> where the value was written
    official: bool  # `style.fonts: official`


class Converter:
    """One pass over a Source's document: the Spec, or None with the problems in the Source."""

    def __init__(self, source: Source, series: bool = False):
        self.source = source
        self.series = series  # a series file checked alone: required keys may be missing
        self.pictures = Pictures(source.may_read)  # body files and pictures: read under the root
        # the spec and series files read as GB18030 first, then what body files say
        self.notes: list[str] = [read_as_note(f.name, f.encoding) for f in source.files.values()
                                 if f.encoding != UTF8]
        self.locs: dict[str, Loc] = {}  # field path -> where its value was written (Spec.locs)

    def report(self, where: Any, path: str, message: str, hint: str | None = None,
               code: str = "spec.invalid") -> None:
        self.source.report(where, path, message, hint, code)

    def spec(self) -> Spec | None:
        root = self.source.root
        top = None if root is None else self.fields(root, "", KNOWN_KEYS)
        for path in self.pictures.paths:
            self.source.add_input(path)
        if self.source.problems or top is None or self.series:
            return None
        dist, style = top.get("distribution"), dict(top.get("style") or {})
        fonts = style.pop("fonts", None)
        if fonts is not None:
            style.update(fonts=fonts.names, font_locs=fonts.locs, official=fonts.official)
        return Spec(masthead=Masthead(**top["masthead"]), articles=top["articles"], source=self.source.name,
                    headlines=top.get("headlines"), editor_note=top.get("editor_note"),
                    distribution=None if dist is None else Distribution(**dist),
                    style=Style(**{k: v for k, v in style.items() if v is not None}), notes=self.notes,
                    locs=self.locs, extends=self.source.extends, inputs=tuple(self.source.inputs),
                    root=self.source.may_read.folder)

    def fields(self, node: Node, path: str, keys: dict[str, Key]) -> dict[str, Any] | None:
        """Check a mapping's keys (unknown, duplicate, missing) and convert each value."""
        if not isinstance(node, MappingNode):
            return self.report(node, path, _("expected a mapping of keys ({names}), got {found}").format(
                names=', '.join(keys), found=describe(node)), code="spec.wrong-value")
        seen: dict[str, Node] = {}
        found: dict[str, Any] = {}
        for key_node, value in node.value:
            if id(key_node) in self.source.refused or not clean(self.source, key_node, path):
                continue
            if not isinstance(key_node, ScalarNode) or key_node.tag == NULL:
                self.report(key_node, path, _("expected a key name, got {found}").format(
                    found=describe(key_node)), code="spec.wrong-value")
            elif key_node.value in seen:  # YAML would silently keep the last; the author meant one
                first = seen[key_node.value].start_mark.line + 1
                self.report(key_node, path, _("duplicate key '{value}' (first at line {first})").format(
                    value=key_node.value, first=first), code="spec.duplicate-key")
            elif key_node.value not in keys:
                seen[key_node.value] = key_node
                import difflib  # only for an unknown key: most specs never need it

                close = difflib.get_close_matches(key_node.value, keys, n=1)
                hint = (_("did you mean '{key}'?").format(key=close[0]) if close else
                        _("expected one of: {keys}").format(keys=", ".join(keys)))
                self.report(key_node, path, _("unknown key '{value}'").format(value=key_node.value), hint,
                    code="spec.unknown-key")
            else:
                name = key_node.value
                seen[name] = key_node
                found[name] = self.convert(value, f"{path}.{name}" if path else name, keys[name])
        for name, key in keys.items():
            if key.required and name not in seen and not self.series:
                self.report(node, path, _("missing required key '{name}'").format(name=name),
                    code="spec.missing-key")
        return found

    def convert(self, node: Node, path: str, key: Key) -> Any:
        self.locs[path] = self.source.loc(node)
        if id(node) in self.source.refused:
            return None
        if isinstance(node, ScalarNode) and node.tag == NULL:
            # optional: absent
            return self.report(node, path, _("must not be empty"),
                code="spec.empty") if key.required else None
        return KINDS[key.kind](self, node, path, key)

    def section(self, node: Node, path: str, key: Key) -> dict[str, Any] | None:
        return self.fields(node, path, key.keys or {})

    def articles(self, node: Node, path: str, key: Key) -> list[Article] | None:
        if not isinstance(node, SequenceNode):
            return self.report(node, path, _("expected a list of articles, got {found}").format(
                found=describe(node)), code="spec.wrong-value")
        items = node.value
        if not items:
            self.report(node, path, _("must not be empty"), _("an issue needs at least one article"),
                code="spec.empty")
        if len(items) > MAX_ARTICLES:
            self.report(items[MAX_ARTICLES], path,
                        _("too many articles: {n} (at most {max_articles})").format(
                            n=len(items), max_articles=MAX_ARTICLES), code="spec.too-many")
            items = items[:MAX_ARTICLES]
        articles = []
        for i, item in enumerate(items, 1):
            where = f"{path}[{i}]"
            fields = {} if id(item) in self.source.refused else self.fields(item, where, key.keys or {})
            article = self._article(item, where, fields) if fields is not None else None
            if article:
                articles.append(article)
        return articles

    def _article(self, node: Node, path: str, fields: dict[str, Any]) -> Article | None:
        """An article from its checked fields: body or body_file (one of them), and a title
        written in the spec or found in the body file."""
        pairs = node.value if isinstance(node, MappingNode) else []
        names = {k.value for k, _ in pairs if isinstance(k, ScalarNode)}
        if "body" in names and "body_file" in names:
            return self.report(node, path, _("give either body or body_file, not both"),
                code="spec.conflicting-keys")
        if not names & {"body", "body_file"}:
            return self.report(node, path, _("missing required key 'body'"),
                               _("or body_file: a .docx, .md or .txt file"), code="spec.missing-key")
        found = fields.get("body_file")
        body = fields.get("body") if found is None else found.blocks
        title = fields.get("title") or (found.title if found else None)
        if found and found.title_loc and "title" not in names:  # the title is the body file's
            self.locs[f"{path}.title"] = found.title_loc
            self.source.problems += title_problems(found, f"{path}.title", MAX_TITLE_LINE_CHARS)
        if "title" not in names and (found.title is None if found else "body" in names):
            hint = _("the body file has no title of its own (a first heading or Title paragraph)")
            self.report(node, path, _("missing required key 'title'"), hint if found else None,
                code="spec.missing-key")
        reported = any(p.path == f"{path}.title" for p in self.source.problems)
        if not title and "title" in names and not reported:
            # written but empty (or only characters that print nothing): never drop it silently
            written = next(v for k, v in node.value if isinstance(k, ScalarNode) and k.value == "title")
            self.report(written, f"{path}.title", _("must not be empty"), code="spec.empty")
        if found and body:  # what the spec prints above the body is not printed again in it
            body = without_repeats(body, title, fields.get("byline"))
        if not title or not body:
            return None
        paragraphs = [b for b in body if isinstance(b, Paragraph)]
        return Article(title, paragraphs, self.source.loc(node), fields.get("byline"), body)

    def fonts(self, node: Node, path: str, key: Key) -> Fonts | None:
        if isinstance(node, ScalarNode) and node.tag == STR and node.value.strip().lower() == "official":
            return Fonts({}, {}, True)
        if not isinstance(node, MappingNode):
            return self.report(node, path, _("expected a mapping of font roles ({names}) or "
                                             "'official', got {found}").format(
                                                 names=', '.join(ROLES), found=describe(node)),
                                                     code="spec.wrong-value")
        fields = self.section(node, path, key)
        if fields is None:
            return None
        # a value that was only characters that print nothing must not leave its role, silently,
        # to the default face: the author named a font and it got lost when pasted
        lost = [(k.value, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value in fields
                and not fields[k.value] and isinstance(v, ScalarNode) and v.value.strip()]
        for role, value in lost:
            self.report(value, f"{path}.{role}",
                        _("is only characters that print nothing (zero-width spaces, a BOM...)"),
                        _("type the font's file or family name again, or leave the key out"),
                            code="spec.unprintable")
        if lost:
            return None
        # Whether a file or family exists is only known when fonts are resolved (fonts.resolve),
        # long after this node is gone: keep where each value was written for those messages.
        written = {k.value: v for k, v in node.value if isinstance(k, ScalarNode) and fields.get(k.value)}
        for role, v in written.items():
            if _FONT_FILE.search(fields[role]):  # a file the build will read: watch it
                self.source.add_input(os.path.expanduser(self.source.path_at(v, fields[role].split("#")[0])))
        locs = {role: self.source.loc(v) for role, v in written.items()}
        return Fonts({role: font for role, font in fields.items() if font}, locs, False)

    # -- text: every value's lines as printed.py reads them --------------------------------

    def lines(self, node: Node, path: str, expected: str = N_("text")) -> list[TextLine] | None:
        """The scalar's printed lines as (line, col, text), "" for a blank line. Numbers and
        dates count as text, as written (`publisher: 2021`); booleans do not, because YAML turns
        yes/no/on/off into them."""
        if not isinstance(node, ScalarNode) or node.tag == BOOL:
            hint = _('put it in quotes if you mean the word: "{word}"').format(word=node.value) \
                if node.tag == BOOL else None
            return self.report(node, path, _("expected {expected}, got {found}").format(
                expected=_(expected), found=describe(node)), hint, code="spec.wrong-value")
        n = len(node.value.rstrip("\n"))  # not the line break a `|` block ends with
        if n > MAX_STRING_CHARS:
            return self.report(node, path, _("too long: {n:,} characters (at most "
                                             "{max_string_chars:,})").format(
                                                 n=n, max_string_chars=MAX_STRING_CHARS),
                                                     code="spec.too-long")
        if not clean(self.source, node, path):
            return None
        file = self.source.file_of(node)
        unmapped = node.start_mark.line + 1, node.start_mark.column + 2
        out: list[TextLine] = []
        for line in scalar_lines(file.text, node):
            text = text_of(line)
            bidi = BIDI.search(text)
            if bidi:
                return self.report(node, path, bidi_message(bidi.group()), _(BIDI_HINT))
            start = line[0].start if line else None
            out.append((*(unmapped if start is None else file.position(start)), text) if line else (0, 0, ""))
        return out

    def paragraphs(self, node: Node, path: str, key: Key,
                   expected: str = N_("text")) -> list[Paragraph] | None:
        lines = self.lines(node, path, expected)
        if lines is None:
            return None
        found = [Paragraph(join_lines(t for _, _, t in run), self.source.loc(node, run[0][0], run[0][1]))
                 for run in runs(lines)]
        if not found and key.required:
            self.report(node, path, _("must not be empty"), code="spec.empty")
        return found or None

    def paragraph(self, node: Node, path: str, key: Key) -> Paragraph | None:
        found = self.paragraphs(node, path, key)
        return Paragraph(join_lines(p.text for p in found), found[0].loc) if found else None

    def text(self, node: Node, path: str, key: Key, expected: str = N_("text")) -> str | None:
        lines = self.lines(node, path, expected)
        text = join_lines(t for _, _, t in lines if t) if lines else ""
        if lines is not None and not text and key.required:
            self.report(node, path, _("must not be empty"), code="spec.empty")
        return text or None

    def line(self, node: Node, path: str, key: Key) -> str | None:
        text = self.text(node, path, key)
        return text if text is None or values.short(self, node, path, [text]) else None

    def title(self, node: Node, path: str, key: Key) -> str | None:
        """A title keeps the line breaks its author wrote with `|` or as a list of lines."""
        expected = N_("text or a list of lines")
        if isinstance(node, SequenceNode):
            lines = self.items(node, path, "line")
        elif isinstance(node, ScalarNode) and node.style == "|":
            found = self.lines(node, path, expected)
            lines = None if found is None else [t for _, _, t in found if t]
            if lines == []:
                self.report(node, path, _("must not be empty"), code="spec.empty")
        else:  # plain, quoted or `>`: each paragraph is one line
            paragraphs = self.paragraphs(node, path, key, expected)
            lines = paragraphs and [p.text for p in paragraphs]
        return "\n".join(lines) if lines and values.short(self, node, path, lines) else None

    def items(self, node: Node, path: str, kind: str) -> list[str] | None:
        """Each item of a list converted as `kind`; None if the list is empty or any item is bad."""
        items = [self.convert(item, f"{path}[{i}]", Key(kind, True)) for i, item in enumerate(node.value, 1)]
        if not items:
            self.report(node, path, _("must not be empty"), code="spec.empty")
        return None if not items or None in items else items


def runs(lines: list[TextLine]) -> list[list[TextLine]]:
    """A value's lines grouped into paragraphs: blank lines separate them."""
    out: list[list[TextLine]] = [[]]
    for line in lines:
        if line[2]:
            out[-1].append(line)
        elif out[-1]:
            out.append([])
    return [r for r in out if r]


Convert = Callable[[Converter, Node, str, Key], Any]
KINDS: dict[str, Convert] = {
    "section": Converter.section, "articles": Converter.articles, "fonts": Converter.fonts,
    "text": Converter.text, "line": Converter.line, "title": Converter.title,
    "paragraph": Converter.paragraph, "paragraphs": Converter.paragraphs,
    "label": values.label, "line_list": values.line_list, "names": values.names, "count": values.count,
    "date": values.date, "page_numbers": values.page_numbers, "table_style": values.table_style,
    "flag": values.flag, "percent": values.percent,
    "body": blocks.body, "body_file": blocks.body_file, "image": blocks.image, "cells": blocks.cells,
}
