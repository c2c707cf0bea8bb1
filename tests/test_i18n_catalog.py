"""The zh_CN catalog: made from the sources by tools/i18n_catalog.py, every string translated,
every translation keeping its {fields}, and the committed .mo compiled from the committed .po."""
from __future__ import annotations

import gettext
import string
import subprocess
import sys

from .helpers import ROOT

LOCALE = ROOT / "src" / "bulletin_cli" / "locale"
PO = LOCALE / "zh_CN" / "LC_MESSAGES" / "bulletin.po"


def _entries() -> dict[str, str]:
    """msgid -> msgstr, read by the tool's own reader (run as a script: tests import no tools)."""
    code = ("import json, sys; sys.path.insert(0, 'tools'); import i18n_catalog as c; "
            "print(json.dumps({'\\0'.join(k): v for k, v in c.read_po().items()}))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    import json

    return json.loads(out.stdout)


def test_the_catalog_is_made_from_the_sources_and_the_mo_from_the_po():
    p = subprocess.run([sys.executable, "tools/i18n_catalog.py", "--check"], cwd=ROOT,
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stderr


def test_every_string_has_a_translation_keeping_its_fields():
    entries = _entries()
    assert len(entries) > 30
    untranslated = [k for k, v in entries.items() if not v.strip()]
    assert not untranslated, untranslated

    def fields(text):
        return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}

    changed = [k for k, v in entries.items() if fields(k.split("\0")[0]) != fields(v)]
    assert not changed, changed


def test_gettext_reads_the_committed_catalog():
    zh = gettext.translation("bulletin", str(LOCALE), languages=["zh_CN"])
    assert zh.gettext("Show this message and exit.") == "显示本帮助并退出。"
    assert zh.info()["plural-forms"] == "nplurals=1; plural=0;"
