"""`bulletin fonts`' table as shown: headings, and the role and source of each face in the user's
words (the JSON keeps the names; a role is also shown by its key, as style.fonts names it)."""
from __future__ import annotations

import sys
from pathlib import Path

from .i18n import N_, _, language

HEADINGS = {"role": N_("role"), "family": N_("family"), "source": N_("source"), "file": N_("file"),
            "licence": N_("licence"), "style": N_("style"), "index": N_("index"), "usable": N_("usable"),
            "why": N_("why")}
# the glossary's 用途 (标题、正文、小标题、楷体、数字) and where a face came from
ROLES = {"title": N_("title face"), "body": N_("body face"), "heading": N_("subheading face"),
         "kai": N_("kai face"), "number": N_("number face"), "fallback": N_("fallback face")}
SOURCES = {"bundled": N_("bundled"), "installed": N_("installed"), "spec": N_("named in the spec")}


def _shown(r: dict) -> dict:
    shown = dict(r)
    if r.get("source") == "bundled":
        shown["file"] = Path(str(r["file"])).name  # bundled: fonts/README.md says the rest
    if r.get("licence"):
        shown["licence"] = str(r["licence"]).split(" (")[0]
    if language() != "en":  # English shows the names themselves
        if r.get("role") in ROLES:
            shown["role"] = _("{word} ({key})").format(word=_(ROLES[r["role"]]), key=r["role"])
        if r.get("source") in SOURCES:
            shown["source"] = _(SOURCES[r["source"]])
    return shown


def print_table(columns: list[str], rows: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(*(_(HEADINGS[c]) if c in HEADINGS else c for c in columns), show_lines=False)
    for r in rows:
        shown = _shown(r)
        table.add_row(*("" if shown.get(c) is None else str(shown[c]) for c in columns))
    console = Console(soft_wrap=False, width=None if sys.stdout.isatty() else 160)
    console.print(table)
