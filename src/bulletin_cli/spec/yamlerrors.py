"""PyYAML's parse errors as a clerk can act on them: its problem said again from the catalog
(English stays PyYAML's own words), a hint for the mistakes people make, and the place where the
mistake was made when PyYAML only notices it later (a key without its colon, a quote never
closed: PyYAML points at the next line, or at the end of the file).

PyYAML (not libyaml) always words the error: nodes._compose reads a text libyaml refuses again
with PyYAML, so libyaml's own messages ("did not find expected key") never reach the user.
"""
from __future__ import annotations

import yaml

from ..i18n import N_, _, template_of
from ..wording import quoted

COLON = N_("a key needs a colon and a space after it (issue: 1); a value with \": \" in it goes in quotes "
           "(title: \"时间: 3月\"), or use the Chinese colon \"：\"")
TAB = N_("indent with spaces: YAML does not allow tabs there")
QUOTE = N_("a value starting with * & ! @ ` % [ | or > is read as YAML: put the whole value in quotes")
INDENT = N_("check that this line is indented like the lines above it (spaces only), and that nothing "
            "follows a closing quote")
ESCAPE = N_("in double quotes a backslash starts an escape: use single quotes ('C:\\photos'), or write "
            "each \\ as \\\\")
UNCLOSED = N_("close the quote at the end of the value, with the mark it opens with (\" or ')")
BLOCK = N_("after | or > start a new line: the text goes on the lines below, indented")
SECOND = N_("a line of three dashes (---) starts a second document: delete it")

# PyYAML's problem texts ({name}: whatever it fills in), the hint for each, and whether the
# place to show is where PyYAML began reading the faulty text (its context mark).
PROBLEMS: dict[str, tuple[str | None, bool]] = {
    N_("mapping values are not allowed here"): (COLON, False),
    N_("could not find expected ':'"): (COLON, True),
    N_("found character '\\t' that cannot start any token"): (TAB, False),
    N_("found character {char} that cannot start any token"): (QUOTE, False),
    N_("found undefined alias {name}"): (QUOTE, False),
    N_("expected alphabetic or numeric character, but found {char}"): (QUOTE, False),
    N_("expected ',' or {close}, but got {token}"): (QUOTE, False),  # in [ ] or { }
    N_("expected the node content, but found {token}"): (QUOTE, False),
    N_("expected <block end>, but found {token}"): (INDENT, False),
    N_("expected '<document start>', but found {token}"): (INDENT, False),
    N_("sequence entries are not allowed here"): (INDENT, False),
    N_("found unexpected end of stream"): (UNCLOSED, True),
    N_("found unknown escape character {char}"): (ESCAPE, False),
    N_("expected a comment or a line break, but found {char}"): (BLOCK, False),
    N_("expected chomping or indentation indicators, but found {char}"): (BLOCK, False),
    N_("expected a single document in the stream, but found another document"): (SECOND, False),
    N_("second occurrence"): (QUOTE, False),  # of an anchor (&name)
}
# PyYAML's names of what it found instead: in Chinese, what they are in a spec
TOKENS = frozenset((
    N_("'<block mapping start>'"), N_("'<block sequence start>'"), N_("'<block end>'"), N_("'<scalar>'"),
    N_("'<stream end>'"), N_("'<document start>'"), N_("'<document end>'"), N_("'<alias>'"),
    N_("'<anchor>'"), N_("'<tag>'"), N_("'?'"), N_("'-'")))  # a key; a list item


def said(e: yaml.MarkedYAMLError) -> tuple[str, str | None, yaml.Mark | None]:
    """The problem in the user's words, a hint or None, and the mark to show it at."""
    problem = e.problem or e.context or _("unknown error")
    if problem.startswith("but "):  # "expected a single document..., but found another document"
        problem = f"{e.context}, {problem}"
    mark = e.problem_mark or e.context_mark
    found = template_of(problem, tuple(PROBLEMS))
    if found is None:
        return problem, None, mark
    template, fields = found
    hint, at_context = PROBLEMS[template]
    for name, value in fields.items():
        if value in TOKENS:
            fields[name] = _(value)
        elif len(value) > 2 and value[0] == value[-1] == "'" and "'" not in value[1:-1]:
            fields[name] = quoted(value[1:-1])  # a character or name: '@', 'nope'; “@” in Chinese
    return _(template).format(**fields), _(hint), (e.context_mark or mark) if at_context else mark
