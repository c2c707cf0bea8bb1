"""A JSON Schema of the spec, generated from spec.KNOWN_KEYS (the table that validates), so
editors (VS Code YAML) can complete and check keys while typing. The loader stays the judge:
some checks (real dates, duplicate keys, encodings, aliases) are beyond a schema."""
from __future__ import annotations

from .spec import KNOWN_KEYS, MAX_TITLE_LINE_CHARS, PAGE_NUMBERS, Key

TEXT = {"type": ["string", "number"]}
LINE = {"type": ["string", "number"], "maxLength": MAX_TITLE_LINE_CHARS}
STRINGS = {"type": "array", "items": {"type": "string", "minLength": 1}}

SCALARS = {
    "text": TEXT,
    "line": LINE,
    "paragraph": {"type": "string", "minLength": 1},
    "paragraphs": {"type": "string", "minLength": 1},
    "title": {"anyOf": [LINE, {**STRINGS, "minItems": 1}]},
    "line_list": STRINGS,
    "names": {"anyOf": [TEXT, STRINGS]},
    "count": {"anyOf": [{"type": "integer", "minimum": 1},
                        {"type": "string", "pattern": "^[0-9０-９]+$"}]},
    "date": {"type": "string",
             "pattern": r"^\d{4}-\d{1,2}-\d{1,2}([ T].*)?$|^\d{4}年\d{1,2}月\d{1,2}日$"},
    "page_numbers": {"enum": list(PAGE_NUMBERS)},
}


def _object(keys: dict[str, Key]) -> dict:
    return {
        "type": "object",
        "properties": {name: _schema(k) for name, k in keys.items()},
        "required": [name for name, k in keys.items() if k.required],
        "additionalProperties": False,
    }


def _schema(key: Key) -> dict:
    if key.kind == "section":
        return _object(key.keys or {})
    if key.kind == "articles":
        return {"type": "array", "minItems": 1, "items": _object(key.keys or {})}
    if key.kind == "fonts":
        return {"anyOf": [{"const": "official"}, _object(key.keys or {})]}
    return SCALARS[key.kind]


def spec_schema() -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "bulletin issue spec",
        "description": "A 工作简报 issue for `bulletin build` (see README.md).",
        **_object(KNOWN_KEYS),
    }
