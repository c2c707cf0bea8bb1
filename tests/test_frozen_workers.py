"""A frozen application (PyInstaller) starts a batch's workers by running its own executable:
multiprocessing.freeze_support() must run first, or each worker would be the CLI again
(issue 23). run() calls it when frozen, and only then (the import stays off `--help`'s path)."""
from __future__ import annotations

import multiprocessing
import sys

import pytest

from bulletin_cli import cli


@pytest.mark.parametrize("frozen", [True, False])
def test_run_calls_freeze_support_when_frozen(monkeypatch, frozen):
    calls = []
    monkeypatch.setattr(multiprocessing, "freeze_support", lambda: calls.append("freeze_support"))
    if frozen:
        monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "argv", ["bulletin", "--version"])
    with pytest.raises(SystemExit) as e:
        cli.run()
    assert e.value.code in (0, None)
    assert calls == (["freeze_support"] if frozen else [])
