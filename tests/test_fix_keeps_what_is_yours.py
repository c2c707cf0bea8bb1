"""`check --fix` and `new --force` replace a file in place: the copy they keep is as private as
the original, and an edit saved while check --fix runs is never silently reverted."""
import os
import shutil
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bulletin_cli.cli import app
from bulletin_cli.proofread import fix

ROOT = Path(__file__).resolve().parents[1]
COURT = ROOT / "tests" / "fixtures" / "proofread" / "court-summary.yaml"
runner = CliRunner()

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_backup_of_a_private_spec_stays_private(tmp_path):
    spec = tmp_path / "priv.yaml"
    shutil.copy(COURT, spec)
    spec.chmod(0o600)
    result = runner.invoke(app, ["check", "--fix", str(spec)])
    assert result.exit_code == 0, result.output
    assert mode(tmp_path / "priv.yaml.bak") == 0o600
    assert (tmp_path / "priv.yaml.bak").read_bytes() == COURT.read_bytes()
    assert mode(spec) == 0o600


def test_new_force_keeps_the_replaced_spec_as_private_as_it_was(tmp_path):
    spec = tmp_path / "issue.yaml"
    spec.write_text("# my own notes\n", encoding="utf-8")
    spec.chmod(0o640)
    result = runner.invoke(app, ["new", "--force", str(spec)])
    assert result.exit_code == 0, result.output
    assert mode(tmp_path / "issue.yaml.bak") == 0o640


def test_a_save_made_while_fixing_is_kept_and_nothing_is_written(tmp_path, monkeypatch):
    spec = tmp_path / "court.yaml"
    shutil.copy(COURT, spec)
    edited = COURT.read_text(encoding="utf-8").replace("issue: ", "issue: 1") + "# saved in an editor\n"
    real = fix.fix_spec

    def editor_saves_meanwhile(loaded):
        fixed = real(loaded)
        spec.write_text(edited, encoding="utf-8")
        return fixed

    monkeypatch.setattr(fix, "fix_spec", editor_saves_meanwhile)
    result = runner.invoke(app, ["check", "--fix", str(spec)])
    assert result.exit_code == 1
    assert "changed while it was being checked" in result.stderr and "nothing was written" in result.stderr
    assert spec.read_text(encoding="utf-8") == edited
    assert not (tmp_path / "court.yaml.bak").exists()
