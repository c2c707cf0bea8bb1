"""No page changes by accident: every example and fixture builds to the bytes recorded in
tests/fixtures/digests.json (tools/record_digests.py writes it, only for a change meant to alter
the output, named in its commit)."""
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import record_digests  # noqa: E402

TABLE = json.loads(record_digests.TABLE.read_text(encoding="utf-8"))


def test_every_case_is_recorded():
    assert sorted(TABLE) == sorted(record_digests.case_id(*c) for c in record_digests.CASES)


@pytest.mark.parametrize("case", record_digests.CASES, ids=lambda c: record_digests.case_id(*c))
def test_the_bytes_are_the_recorded_ones(case, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert record_digests.digest(*case) == TABLE[record_digests.case_id(*case)]
