"""Counts of titles broken inside a word or a name, read from the lines of a built PDF.

Every text the spec sets with the title breaker (article titles, headline entries, bylines, the
headline label, the masthead title, `## subheadings`) is looked up in the PDF's lines: where it
takes several lines, each line boundary must fall between two words as bulletin_cli.text.words
segments the whole text (with the names the spec gives), or at a break the author asked for (a
newline, a hint)."""
from __future__ import annotations

from pathlib import Path

from bulletin_cli import load_spec
from bulletin_cli.layout.masthead import masthead_title
from bulletin_cli.model import BREAK_HINT
from bulletin_cli.text import words

from .pdffacts import read_lines


def set_texts(spec) -> dict[str, set[int]]:
    """Every text the title breaker sets, as printed (without spaces) -> the offsets where the
    author allowed a break (a title's hints also excuse its entry in the headline list)."""
    out: dict[str, set[int]] = {}

    def add(text: str, hints: bool = True) -> None:
        for part in text.split("\n"):
            if not hints:
                part = part.replace(" ", "").replace("\u3000", "")
            allowed, plain, at = set(), "", 0
            for m in BREAK_HINT.finditer(part) if hints else ():
                plain += part[at : m.start()]
                allowed.add(len(plain))
                at = m.end()
            plain += part[at:]
            plain = plain.replace(" ", "").replace("\u3000", "")
            if plain:
                out.setdefault(plain, set()).update(allowed)

    for a in spec.articles:
        add(a.title)
        if a.byline:
            add(a.byline, hints=False)
        for p in a.paragraphs:
            if p.subheading:
                add(p.text)
    for h in spec.headline_list:
        add(h)
    if spec.style.headline_label:
        add(spec.style.headline_label)
    for line in masthead_title(spec.masthead.title):
        add(line.text)
    return out


def count_word_breaks(pdf_path: Path, spec_path: Path) -> dict[str, list[str]]:
    """{"inside_word": [...], "inside_name": [...]}: each a title's lines joined with `|`."""
    spec = load_spec(spec_path)
    names = words.spec_names([a.byline for a in spec.articles if a.byline],
                             [p.text for a in spec.articles for p in a.paragraphs])
    lex = words.lexicon()
    lines = [ln.text for ln in read_lines(pdf_path)]
    found: dict[str, list[str]] = {"inside_word": [], "inside_name": [], "multi_line": []}
    for text, allowed in set_texts(spec).items():
        for run in _occurrences(lines, text):
            if len(run) < 2:
                continue
            found["multi_line"].append("|".join(run))
            inside = words.no_break(text, lex, names)
            at = 0
            for ln in run[:-1]:
                at += len(ln)
                if at in allowed:
                    continue
                if inside[at] == words.NAME:
                    found["inside_name"].append(f"{text[:at]}|{text[at:]}")
                elif inside[at] == words.WORD:
                    found["inside_word"].append(f"{text[:at]}|{text[at:]}")
    return found


def _occurrences(lines: list[str], text: str) -> list[list[str]]:
    """Runs of consecutive PDF lines that spell `text` exactly."""
    runs = []
    for s, first in enumerate(lines):
        if not first or not text.startswith(first):
            continue
        got, k = first, s
        while len(got) < len(text) and k + 1 < len(lines) and text.startswith(got + lines[k + 1]):
            k += 1
            got += lines[k]
        if got == text:
            runs.append(lines[s : k + 1])
    return runs
