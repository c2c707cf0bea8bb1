"""Record the sha256 of every example and fixture as built today (tests/fixtures/digests.json).

tests/test_digests.py holds the build to these bytes, so a change that moves code around can
show that no page changed. Run this only when a change means to change the bytes, and say why
in its commit:  python tools/record_digests.py
"""
from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "tests" / "fixtures" / "digests.json"

# (spec relative to the repository, format, build options)
SPECS = [
    *(f"examples/{p.name}" for p in sorted((ROOT / "examples").glob("*.yaml"))),
    *(f"tests/fixtures/valid/{p.name}" for p in sorted((ROOT / "tests/fixtures/valid").glob("*.yaml"))
      if p.name != "full.yaml"),  # full.yaml names fonts that are not shipped
    "tests/fixtures/proofread/court-summary.yaml",
    "tests/fixtures/proofread/series/2026/w02.yaml",
]
CASES = [(s, fmt, {}) for s in SPECS for fmt in ("pdf", "ofd")] + [
    ("examples/liaocheng-11.yaml", "pdf", {"duplex": True}),
    ("examples/liaocheng-11.yaml", "pdf", {"marks": True}),
    ("examples/liaocheng-11.yaml", "pdf", {"pdfa": True}),
]


def case_id(spec: str, fmt: str, opts: dict) -> str:
    return " ".join([spec, fmt, *sorted(k for k, v in opts.items() if v)])


def digest(spec: str, fmt: str, opts: dict) -> str:
    from bulletin_cli import build

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"out.{fmt}"
        build(ROOT / spec, out, **opts)
        return hashlib.sha256(out.read_bytes()).hexdigest()


def main() -> int:
    import os

    os.environ["BULLETIN_NO_SYSTEM_FONTS"] = "1"
    os.environ.pop("BULLETIN_FONT_PATH", None)
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    table = {case_id(*c): digest(*c) for c in CASES}
    TABLE.write_text(json.dumps(table, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(table)} digests written to {TABLE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
