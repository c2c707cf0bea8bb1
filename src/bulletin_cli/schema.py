"""A JSON Schema of the spec, generated from spec.KNOWN_KEYS (the table that validates), so
editors (VS Code YAML) can complete and check keys while typing. The loader stays the judge:
some checks (real dates, duplicate keys, encodings, aliases) are beyond a schema. The schema
never refuses what the loader accepts (tests/test_schema.py runs both over every fixture, and
test_schema_extends.py over every issue that extends a series file):
where it cannot judge as the loader does, it lets the value through."""
from __future__ import annotations

from .spec.keys import (
    BLOCK_KEYS,
    KNOWN_KEYS,
    MAX_BYLINE_CHARS,
    MAX_COUNT,
    MAX_NODES,
    MAX_TITLE_LINE_CHARS,
    PAGE_NUMBERS,
    TABLE_STYLES,
    Key,
)


def _at_most(n: int, per_line: bool) -> str:
    """A pattern allowing at most n characters other than spaces (in each line, if per_line):
    the loader counts after joining a value's lines, where YAML's folding added spaces."""
    line = rf" *(?:[^\n ] *){{0,{n}}}"
    return rf"^{line}(?:\n{line})*\n?$" if per_line else rf"^\s*(?:\S\s*){{0,{n}}}$"


def _any_case(word: str) -> str:
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else c for c in word)


NUMBERS = ["string", "number"]  # the loader takes a number where text is asked for, as written
TEXT = {"type": NUMBERS}
LINE = {"type": NUMBERS, "pattern": _at_most(MAX_TITLE_LINE_CHARS, per_line=True)}
LINES = {"type": "array", "items": LINE}
DIGIT = "[0-9０-９]"

SCALARS = {
    "text": TEXT,
    "label": {"type": NUMBERS, "pattern": _at_most(MAX_BYLINE_CHARS, per_line=False)},
    "line": LINE,
    "paragraph": TEXT,
    "paragraphs": TEXT,
    "title": {"anyOf": [LINE, {**LINES, "minItems": 1}]},
    "line_list": LINES,
    "names": {"anyOf": [TEXT, {"type": "array", "items": TEXT}]},
    "count": {"anyOf": [{"type": "integer", "minimum": 1, "maximum": MAX_COUNT},
                        {"type": "string", "pattern": rf"^\s*[+＋]?{DIGIT}[0-9０-９_＿]*\s*$"}]},
    "date": {"type": "string", "pattern": "|".join(
        [rf"^\s*{DIGIT}{{4}}{sep}{DIGIT}{{1,2}}{sep}{DIGIT}{{1,2}}([ \tTt].*)?\s*$" for sep in "-/."] +
        [rf"^\s*{DIGIT}{{4}}年{DIGIT}{{1,2}}月{DIGIT}{{1,2}}日?\s*$"])},
    "page_numbers": {"type": "string", "pattern": rf"^\s*({'|'.join(map(_any_case, PAGE_NUMBERS))})\s*$"},
    "table_style": {"type": "string", "pattern": rf"^\s*({'|'.join(map(_any_case, TABLE_STYLES))})\s*$"},
    "flag": {"type": "boolean"},
    "percent": {"anyOf": [{"type": "number", "minimum": 10, "maximum": 100},
                          {"type": "string", "pattern": rf"^\s*{DIGIT}+([.．]{DIGIT}+)?\s*[%％]?\s*$"}]},
    "image": TEXT,
    "body_file": {"type": "string", "pattern": rf"\.({'|'.join(map(_any_case, ('docx', 'md', 'txt')))})\s*$"},
    "cells": {"type": "array", "minItems": 1, "items": {
        "type": "array", "minItems": 1, "items": {"type": ["string", "number", "null"]}}},
}


def _object(keys: dict[str, Key], partial: bool = False) -> dict:
    """An object of `keys`; `partial`: in an issue that `extends` a series file, whose mappings
    are merged key by key under the issue's, so that no key of a mapping is required here."""
    def optional(key: Key, schema: dict) -> dict:  # an optional key left empty is absent
        return schema if key.required else {"anyOf": [schema, {"type": "null"}]}

    return {
        "type": "object",
        "properties": {name: optional(k, _schema(k, partial)) for name, k in keys.items()},
        "required": [] if partial else [name for name, k in keys.items() if k.required],
        "additionalProperties": False,
    }


def _schema(key: Key, partial: bool = False) -> dict:
    if key.kind == "section":  # a list (articles, a body) is replaced whole, never merged: complete
        return _object(key.keys or {}, partial)
    if key.kind == "articles":  # the loader's rule: body or body_file, one of them; a title unless a file
        one_body = {"oneOf": [{"required": ["title", "body"]}, {"required": ["body_file"]}]}
        return {"type": "array", "minItems": 1, "items": {**_object(key.keys or {}), **one_body}}
    if key.kind == "body":  # text, or a list of text and image/table blocks
        blocks = [{**_object(keys), "required": [kind]} for kind, keys in BLOCK_KEYS.items()]
        return {"anyOf": [TEXT, {"type": "array", "minItems": 1, "items": {"anyOf": [TEXT, *blocks]}}]}
    if key.kind == "fonts":
        return {"anyOf": [{"type": "string", "pattern": rf"^\s*{_any_case('official')}\s*$"},
                          _object(key.keys or {})]}
    return SCALARS[key.kind]


def spec_schema() -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "bulletin issue spec",
        "description": "A 工作简报 issue for `bulletin build` (see README.md). Beyond this schema "
                       f"the loader limits a spec file to {MAX_NODES:,} values (keys, list items, texts).",
        # an issue that extends a series file takes what it leaves out from there
        "if": {"type": "object", "required": ["extends"]},
        "then": _object(KNOWN_KEYS, partial=True),
        "else": _object(KNOWN_KEYS),
    }
