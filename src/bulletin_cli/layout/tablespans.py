"""A table header's merged cells (model.Table.spans): the grid cells each covers, and what that
leaves out of the rules. A grouped header (「2025年 | 2026年」 over their sub-columns, 地区 down
both rows) is the office's common case; spans are only honoured inside the header, whose rows
are set, kept and repeated together, so a merged cell never parts across a page."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Table


@dataclass
class Spans:
    """(row, column) of a merged cell's first grid cell -> (rows, columns) it covers, and the
    grid cells it covers besides that one (nothing is drawn or tagged in them)."""

    cells: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    covered: set[tuple[int, int]] = field(default_factory=set)

    def extent(self, r: int, c: int) -> tuple[int, int]:
        return self.cells.get((r, c), (1, 1))

    def measured(self, rows: list[list[str]]) -> list[list[str]]:
        """The rows as column widths are measured from them: a cell spanning columns is left out
        (it takes their widths together), as the cells it covers are."""
        return [[("" if self.extent(r, c)[1] > 1 or (r, c) in self.covered else t) for c, t in enumerate(row)]
                for r, row in enumerate(rows)]

    def inner_edges(self, r: int) -> set[int]:
        """The column edges (1 … n-1) inside a cell of row r: no rule is drawn there."""
        return {e for (c0, c1) in self._boxes_at(r) for e in range(c0 + 1, c1)}

    def open_below(self, r: int) -> set[int]:
        """The columns whose cell in row r goes on into row r + 1: no rule between them."""
        return {c for (r0, c0), (n, m) in self.cells.items() if r0 <= r < r0 + n - 1
                for c in range(c0, c0 + m)}

    def groups(self, r: int, heads: int) -> list[tuple[int, int]]:
        """The columns [c0, c1) of each cell of row r spanning columns over other header cells:
        a three-line table's short rule goes under it (the sub-columns it groups)."""
        return [(c0, c0 + m) for (r0, c0), (n, m) in self.cells.items()
                if m > 1 and r0 + n - 1 == r < heads - 1]

    def _boxes_at(self, r: int) -> list[tuple[int, int]]:
        return [(c0, c0 + m) for (r0, c0), (n, m) in self.cells.items() if r0 <= r < r0 + n]


def spans_of(table: Table, heads: int) -> Spans:
    """The table's merged cells inside its header, each cut to the header and the grid; spans
    that would overlap another are dropped (the cell then stands alone)."""
    spans = Spans()
    ncols = len(table.rows[0]) if table.rows else 0
    for (r, c), (n, m) in sorted(table.spans.items()):
        n, m = min(n, heads - r), min(m, ncols - c)
        if r >= heads or c >= ncols or n < 1 or m < 1 or (n, m) == (1, 1):
            continue
        box = {(i, j) for i in range(r, r + n) for j in range(c, c + m)}
        if (r, c) in spans.covered or any(o in box for o in spans.cells) or box & spans.covered:
            continue
        spans.cells[(r, c)] = (n, m)
        spans.covered |= box - {(r, c)}
    return spans
