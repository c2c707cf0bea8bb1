"""Issue #26: in a justified line holding Arabic numerals the added space goes into every gap
between units, digits' and Latin words' included (clreq 3.2.2), and never inside a number."""
from bulletin_cli import build
from bulletin_cli.text.linebreak import is_full_width

from .pdffacts import read_lines

# the Latin word does not fit the first line's end: that line has cells of slack to spread
SPEC = """\
masthead: {title: 测试工作简报, issue: 1, publisher: 测试办公室, date: 2026-01-01}
articles:
  - title: 培训
    body: |
      11月18日至19日，我校举办第3期培训班，主题为Internationalization等内容。
"""


def gaps_of(tmp_path):
    (tmp_path / "s.yaml").write_text(SPEC, encoding="utf-8")
    build(tmp_path / "s.yaml", tmp_path / "s.pdf")
    line = next(ln for ln in read_lines(tmp_path / "s.pdf") if ln.text.startswith("11月"))
    kinds = {"han": [], "mixed": [], "inside": []}
    for a, b in zip(line.chars, line.chars[1:]):
        gap = b["x0"] - a["x1"]
        wide = is_full_width(a["text"]), is_full_width(b["text"])
        kinds["han" if all(wide) else "inside" if not any(wide) else "mixed"].append(gap)
    return kinds


def test_the_space_goes_around_numbers_too_and_never_inside_them(tmp_path):
    gaps = gaps_of(tmp_path)
    han = sum(gaps["han"]) / len(gaps["han"])
    assert han > 2  # a loose line: the slack is cells wide
    assert all(abs(g - han) < 0.5 for g in gaps["mixed"]), (han, gaps["mixed"])
    assert all(abs(g) < 0.05 for g in gaps["inside"]), gaps["inside"]
