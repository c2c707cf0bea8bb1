"""The face cache is keyed by a digest of the code that made a record (fonts.cache.code_digest),
taken from compiled code, not from source files: other code gets other records, the same code
the same ones in every process, whatever comments say."""
import importlib.util
import os
import subprocess
import sys

from bulletin_cli.fonts.cache import code_digest

CODE = "NAMES = {'甲', '乙', '丙'}\n\ndef f(x):\n    return x in {'p', 'q', 'r', 's'}\n"


def digest_of(tmp_path, monkeypatch, name: str, text: str) -> str:
    path = tmp_path / f"{name}.py"
    path.write_text(text, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, name, module)
    spec.loader.exec_module(module)
    return code_digest(name)


def test_comments_and_blank_lines_do_not_count(tmp_path, monkeypatch):
    commented = "# a comment\n\n" + CODE.replace("):\n", "):  # why\n\n")
    plain = digest_of(tmp_path, monkeypatch, "same_a", CODE)
    assert digest_of(tmp_path, monkeypatch, "same_b", commented) == plain


def test_a_changed_constant_or_name_counts(tmp_path, monkeypatch):
    base = digest_of(tmp_path, monkeypatch, "base", CODE)
    assert digest_of(tmp_path, monkeypatch, "const", CODE.replace("'s'", "'t'")) != base
    assert digest_of(tmp_path, monkeypatch, "name", CODE.replace("NAMES", "NAMED")) != base


def test_the_same_in_every_process_whatever_the_hash_seed():
    probe = ("import bulletin_cli.writers.pdf; from bulletin_cli.fonts.cache import code_digest; "
             "print(code_digest('bulletin_cli.writers.pdf'))")
    seen = {subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(seen) == 1 and len(seen.pop().strip()) == 16
