"""The converters of an article's body (convert.KINDS): text with the inline syntax, a list of
blocks (text, {image: ...}, {table: ...}), and body files (bodyfile.py). Pictures and body files
are read here, while the spec is loaded, so a bad photo is a located spec error."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import Problem
from ..i18n import N_, _
from ..model import Block, Figure, Table
from . import bodyfile
from .images import PictureError
from .keys import BLOCK_KEYS, BOOL, MAX_TABLE_CELLS, NULL, Key, describe
from .printed import join_lines
from .tableparts import with_table_parts

if TYPE_CHECKING:
    from .convert import Converter

_EMPTY_CELL = N_('leave a cell empty with ~ or ""')


def body(conv: Converter, node: Node, path: str, key: Key) -> list[Block] | None:
    if not isinstance(node, SequenceNode):
        return _body_text(conv, node, path)
    if not node.value:
        return conv.report(node, path, _("must not be empty"), code="spec.empty")
    blocks: list[Block] = []
    ok = True
    for i, item in enumerate(node.value, 1):
        where = f"{path}[{i}]"
        if id(item) in conv.source.refused:
            found = None
        elif isinstance(item, MappingNode):
            block = _block(conv, item, where)
            found = None if block is None else [block]
        elif isinstance(item, ScalarNode) and item.tag not in (NULL, BOOL):
            found = _body_text(conv, item, where)
        else:
            found = conv.report(item, where, _("expected a paragraph (text), {{image: ...}} or "
                                               "{{table: ...}}, got {found}").format(found=describe(item)),
                                                   code="spec.wrong-value")
        ok = ok and found is not None
        blocks += found or []
    return blocks if ok else None


def _body_text(conv: Converter, node: Node, path: str) -> list[Block] | None:
    from .convert import runs

    lines = conv.lines(node, path)
    if lines is None:
        return None
    paragraphs = [bodyfile.located_paragraph(run) for run in runs(lines)]
    if not paragraphs:
        return conv.report(node, path, _("must not be empty"), code="spec.empty")
    written = conv.source.file_of(node).name
    found = bodyfile.text_blocks(paragraphs, written, path, conv.source.folder(node), conv.pictures)
    conv.source.problems += found.problems
    return None if found.problems else found.blocks


def _block(conv: Converter, node: MappingNode, path: str) -> Block | None:
    first = next((k.value for k, _ in node.value if isinstance(k, ScalarNode) and k.value in BLOCK_KEYS),
                 None)
    if first is None:
        return conv.report(node, path, _("a body block needs an image: or a table: key"),
                           _("e.g. {image: photos/1.jpg, caption: 图注} or {table: [[项目, 数量], "
                             "[甲, 1]]}"), code="spec.wrong-value")
    fields = conv.fields(node, path, BLOCK_KEYS[first])
    if fields is None or fields.get(first) is None:
        return None
    loc = conv.source.loc(node)
    if first == "image":
        width = fields.get("width")
        return Figure(fields["image"], fields.get("caption"), 1.0 if width is None else width, loc,
                      fields.get("alt"))
    header = fields.get("header")
    return Table(fields["table"], loc, fields.get("caption"), 1 if header is None else int(header),
                 fields.get("note"))


def image(conv: Converter, node: Node, path: str, key: Key) -> Any:
    written = conv.text(node, path, key, N_("the path of an image file"))
    if written is None:
        return None
    try:
        return conv.pictures.get(conv.source.path_at(node, written), written)
    except PictureError as e:
        return conv.report(node, path, f"{written}: {e}", code="image.unreadable")


def body_file(conv: Converter, node: Node, path: str, key: Key) -> bodyfile.Body | None:
    written = conv.text(node, path, key, N_("the path of a .docx, .md or .txt file"))
    if written is None:
        return None
    shown = conv.source.path_at(node, written)
    conv.source.add_input(shown)
    found = bodyfile.read_body_file(shown, shown, path, conv.pictures)
    for p in found.problems:  # a problem with the file as a whole points at the spec line
        conv.source.problems.append(p if p.line else Problem(
            conv.source.file_of(node).name, node.start_mark.line + 1, node.start_mark.column + 1, path,
            f"{written}: {p.message}", p.hint, p.code))
    conv.notes += found.notes
    if found.lines is not None:  # proofreading reads the text this read, never the file again
        conv.source.bodies[shown] = found.lines
    if not found.problems and not found.blocks:
        return conv.report(node, path, _("{written}: the file has no text").format(written=written),
            code="spec.empty")
    found.blocks = with_table_parts(found.blocks)
    return None if found.problems else found


def cells(conv: Converter, node: Node, path: str, key: Key) -> list[list[str]] | None:
    expected = _("a list of rows, each a list of cells, e.g. [[项目, 数量], [甲, 1]]")
    if not isinstance(node, SequenceNode) or not node.value:
        return conv.report(node, path, _("expected {expected}, got {found}").format(
            expected=expected, found=describe(node)), code="spec.wrong-value")
    rows: list[list[str]] = []
    problems = len(conv.source.problems)
    for i, row in enumerate(node.value, 1):
        if isinstance(row, SequenceNode) and not row.value:
            conv.report(row, f"{path}[{i}]", _("a row needs at least one cell"), _(_EMPTY_CELL),
                code="spec.empty")
            continue
        if not isinstance(row, SequenceNode):
            conv.report(row, f"{path}[{i}]", _("expected a row: a list of cells, got {found}").format(
                found=describe(row)), code="spec.wrong-value")
            continue
        found = []
        for j, cell in enumerate(row.value, 1):
            if isinstance(cell, ScalarNode) and cell.tag == NULL:
                found.append("")  # an empty cell
            elif isinstance(cell, ScalarNode) and cell.tag != BOOL:
                # a cell is read as any text value is (cleaned, its lines joined): proofreading
                # reads it the same way; "" after a problem keeps the row's width right
                lines = conv.lines(cell, f"{path}[{i}][{j}]")
                found.append(join_lines(t for _, _, t in lines or [] if t))
            else:
                conv.report(cell, f"{path}[{i}][{j}]", _("expected the text of a cell, got "
                                                         "{found}").format(found=describe(cell)),
                                                             code="spec.wrong-value")
        if rows and len(found) != len(rows[0]):
            conv.report(row, f"{path}[{i}]", _("row has {n} cells, the first row has {n2}").format(
                n=len(found), n2=len(rows[0])),
                        _(_EMPTY_CELL), code="spec.table-shape")
        rows.append(found)
    if sum(map(len, rows)) > MAX_TABLE_CELLS:
        return conv.report(node, path, _("too many cells (at most {max_table_cells:,})").format(
            max_table_cells=MAX_TABLE_CELLS), code="spec.too-many")
    if len(conv.source.problems) == problems and not any(any(row) for row in rows):
        return conv.report(node, path, _("every cell is empty: the table would print nothing"),
            code="spec.empty")
    widths = {len(r) for r in rows}
    return rows if len(rows) == len(node.value) and len(widths) == 1 else None
