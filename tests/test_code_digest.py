"""The face cache is keyed by a digest of the code that made a record (fonts.cache.code_digest),
taken from compiled code, not from source files: other code gets other records, the same code
the same ones in every process, whatever comments say."""
import os
import subprocess
import sys

from bulletin_cli.fonts.cache import code_digest

CODE = "NAMES = {'甲', '乙', '丙'}\n\ndef f(x):\n    return x in {'p', 'q', 'r', 's'}\n"


def digest_of(text: str, filename: str = "m.py") -> str:
    return code_digest(compile(text, filename, "exec"))


def test_comments_blank_lines_and_where_the_file_is_do_not_count():
    commented = "# a comment\n\n" + CODE.replace("):\n", "):  # why\n\n")
    assert digest_of(commented, "/elsewhere/m.pyc") == digest_of(CODE)


def test_a_changed_constant_or_name_counts():
    assert digest_of(CODE.replace("'s'", "'t'")) != digest_of(CODE)
    assert digest_of(CODE.replace("NAMES", "NAMED")) != digest_of(CODE)
    assert digest_of(CODE.replace("return x in", "return x not in")) != digest_of(CODE)


def test_the_same_in_every_process_whatever_the_hash_seed():
    probe = ("from bulletin_cli.writers import pdf; from bulletin_cli.fonts import metrics, sfnt; "
             "from bulletin_cli.fonts.cache import code_digest; "
             "print(code_digest(pdf.CODE, metrics.CODE, sfnt.CODE))")
    seen = {subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(seen) == 1 and len(seen.pop().strip()) == 16
