"""What became of each spec of a `build` call: the typed record that progress shows and
`build --json` prints (turned into JSON here and nowhere else), and the schema of that report."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .errors import CODES, BuildError, BulletinError, InputError, Problem
from .i18n import _
from .layout.page import MissingGlyph
from .pipeline import BuildResult, missing_report
from .proofread.leftover import RULE as TEMPLATE_TEXT
from .wording import counted


@dataclass
class SpecReport:
    """One spec's line of the JSON record: what was asked, what came of it."""

    input: str  # the spec as given; "-" for standard input
    output: str | None  # the file planned; once built, the first file written
    status: str  # "ok"; "invalid": bad input (exit 2); "failed": could not be built (exit 1)
    result: BuildResult | None = None  # ok only
    errors: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    @classmethod
    def built(cls, input: str, result: BuildResult, seconds: float = 0.0) -> SpecReport:
        return cls(input, str(result.output), "ok", result, seconds=seconds)

    @classmethod
    def refused(cls, input: str, output: str | None, e: BulletinError, seconds: float = 0.0) -> SpecReport:
        """The report of a spec whose build raised `e`; its problems are located in the spec
        when they name no file."""
        problems = getattr(e, "problems", None) or [Problem(
            input, 0, 0, "", str(e), code="build.failed" if isinstance(e, BuildError) else "internal")]
        located = [p if p.file else replace(p, file=input) for p in problems]
        return cls(input, output, "invalid" if isinstance(e, InputError) else "failed", errors=located,
                   seconds=seconds)

    @property
    def warnings(self) -> list[str]:
        """Notes on fonts, characters printed as boxes, proofreading: one string each."""
        r = self.result
        if r is None:
            return []
        out = [_("note: {note}").format(note=n) for n in r.notes]
        if r.missing:
            out.append(missing_warning(r.missing))
        # template text left in is said at its place: the bulletin must not go out with it
        out += [f.format() for f in r.proofreading if f.rule == TEMPLATE_TEXT]
        if r.proofreading:
            notes = counted(len(r.proofreading), "proofreading note")
            out.append(_("note: {note}").format(note=_("{count}; see bulletin check {spec}").format(
                count=notes, spec=self.input)))
        return out

    def as_json(self) -> dict[str, Any]:
        """The record `build --json` prints (REPORT_SCHEMA)."""
        r = self.result
        record: dict[str, Any] = {
            "input": self.input, "output": self.output, "status": self.status,
            "pages": r.pages if r else 0, "bytes": r.size if r else 0, "seconds": round(self.seconds, 3),
            "warnings": self.warnings, "errors": [_error(p) for p in self.errors]}
        if r is not None:
            record.update(
                outputs=[{"format": o.format, "output": str(o.path), "bytes": o.size} for o in r.outputs],
                missing=[_missing(m) for m in r.missing], fonts=r.fonts, faces=r.faces,
                stand_ins=[{"where": s.where, "role": s.role, "drawn_by": s.drawn, "chars": s.chars}
                           for s in r.stand_ins], notes=r.notes,
                proofreading=[f.as_json() for f in r.proofreading])
        return record


def missing_warning(missing: list[MissingGlyph]) -> str:
    """The warning for characters printed as boxes: how many, then where (missing_report)."""
    distinct = len({m.char for m in missing})
    head = _("{count} no font can draw, printed as boxes:").format(count=counted(distinct, "character"))
    return "\n".join([head, *missing_report(missing)])


def exit_status(reports: list[SpecReport]) -> int:
    """The exit status of a `build` call: an invalid spec outranks a failed build."""
    statuses = {r.status for r in reports}
    return 2 if "invalid" in statuses else 1 if "failed" in statuses else 0


def _error(p: Problem) -> dict[str, Any]:
    return {"file": p.file, "line": p.line or None, "column": p.col or None, "field": p.path or None,
            "code": p.code, "message": p.message, "hint": p.hint, "text": p.format()}


def _missing(m: MissingGlyph) -> dict[str, str]:
    return {"code": "font.missing-glyph", "char": m.char, "codepoint": f"U+{ord(m.char):04X}",
            "where": m.where, "context": m.context}


_LOCATION = {"type": ["integer", "null"], "minimum": 1}
REPORT_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "bulletin build --json report",
    "description": "One record per spec, in the order the specs were given (a folder: its *.yaml by name).",
    "type": "array",
    "items": {
        "type": "object",
        "required": ["input", "output", "status", "pages", "bytes", "seconds", "warnings", "errors"],
        "properties": {
            "input": {"type": "string", "description": "the spec as given; - for standard input"},
            "output": {"type": ["string", "null"], "description": "the PDF; - for standard output"},
            "status": {"enum": ["ok", "invalid", "failed"],
                       "description": "invalid: bad input (exit 2); failed: could not be built (exit 1)"},
            "pages": {"type": "integer", "minimum": 0},
            "bytes": {"type": "integer", "minimum": 0},
            "seconds": {"type": "number", "minimum": 0},
            "warnings": {"type": "array", "items": {"type": "string"},
                         "description": "notes on fonts, characters printed as boxes, proofreading"},
            "errors": {"type": "array", "items": {
                "type": "object",
                "required": ["file", "line", "column", "field", "code", "message"],
                "properties": {
                    "file": {"type": "string"}, "line": _LOCATION, "column": _LOCATION,
                    "code": {"enum": sorted(CODES), "description": "the kind of problem, stable for "
                             "scripts (README: Problem codes); message and hint are in the user's language"},
                    "field": {"type": ["string", "null"], "description": "e.g. articles[2].title"},
                    "message": {"type": "string"}, "hint": {"type": ["string", "null"]},
                    "text": {"type": "string", "description": "the whole message, as printed on stderr"},
                }}},
            "missing": {"type": "array", "description": "ok only: characters no font can draw",
                        "items": {"type": "object", "properties": {
                            "code": {"const": "font.missing-glyph"},
                            "char": {"type": "string"}, "codepoint": {"type": "string"},
                            "where": {"type": "string"}, "context": {"type": "string"}}}},
            "fonts": {"type": "object", "description": "ok only: role -> font file drawn with",
                      "additionalProperties": {"type": "string"}},
            "faces": {"type": "object", "description": "ok only: role -> the face that drew it "
                      "(role.bundled: the bundled face drawing what an official face lacks)",
                      "additionalProperties": {"type": "object", "properties": {
                          "family": {"type": "string"}, "file": {"type": "string"},
                          "source": {"enum": ["bundled", "spec", "installed"]}}}},
            "stand_ins": {"type": "array", "description": "ok only: characters drawn by another "
                          "role's face than their own's, which lacks them",
                          "items": {"type": "object", "properties": {
                              "where": {"type": "string"}, "role": {"type": "string"},
                              "drawn_by": {"type": "string"},
                              "chars": {"type": "array", "items": {"type": "string"}}}}},
            "notes": {"type": "array", "items": {"type": "string"}},
            "proofreading": {"type": "array", "items": {"type": "object", "properties": {
                "code": {"type": "string", "pattern": "^proof\\.", "description": "proof. and the rule"}}}},
            "outputs": {"type": "array", "description": "ok only: every file written (see --format)",
                        "items": {"type": "object", "required": ["format", "output", "bytes"], "properties": {
                            "format": {"enum": ["pdf", "ofd"]}, "output": {"type": "string"},
                            "bytes": {"type": "integer", "minimum": 0}}}},
        },
    },
}
