"""Disclosure control for two-way tables of counts: primary and secondary cell suppression, and its audit.

Pure functions on numbers; nothing here touches the database.

A table of R rows and C columns is published with its row totals, column totals and grand total. Every cell,
totals included, below the threshold is suppressed (primary suppression). That is not enough: a single suppressed
cell in a row is its row total minus the others. Secondary suppression hides further cells until no suppressed cell
can be recomputed from what is published.

Why the rule below is exact. Write the table with its margins as an (R+1) × (C+1) grid and negate the totals
(the grand total keeps its sign): every row and every column of that grid then sums to zero. The suppressed cells
are the unknowns, and each one appears in exactly two equations, its row's and its column's. Seen as a bipartite
graph — a node per grid row and per grid column, an edge per suppressed cell — the equations are the graph's
incidence matrix, whose null space is spanned by its (even) cycles with alternating signs. An unknown is fixed by
the equations exactly when no null-space vector touches it, that is when its edge lies on no cycle: when it is a
*bridge*. So the pattern is safe when the graph of suppressed cells has no bridge, and secondary suppression
completes each bridge into a rectangle (a 4-cycle), choosing the cheapest one: the smallest counts, totals last.
This is the classic "no cell can be derived from the margins" guarantee; it does not claim anything about ranges
(a suppressed cell may still be known to lie between 0 and its row total).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

#: The penalty added to the cost of suppressing a total, so that interior cells are hidden first.
TOTAL_PENALTY = 1_000_000_000

Cell = tuple[
    int, int
]  # (row, column) in the grid with margins; index R is the totals row, C the totals column


@dataclass(frozen=True)
class SuppressedTable:
    """A table ready to publish: None where a count is suppressed; which cells were hidden and why."""

    row_labels: tuple[str, ...]
    column_labels: tuple[str, ...]
    cells: tuple[tuple[int | None, ...], ...]
    row_totals: tuple[int | None, ...]
    column_totals: tuple[int | None, ...]
    grand_total: int | None
    threshold: int
    primary: frozenset[Cell] = field(default_factory=frozenset)
    secondary: frozenset[Cell] = field(default_factory=frozenset)

    @property
    def suppressed(self) -> frozenset[Cell]:
        return self.primary | self.secondary

    def as_dict(self) -> dict[str, object]:
        """What is stored and published: labels and the published counts only (no flags on why a cell is hidden)."""
        return {
            "rows": list(self.row_labels),
            "columns": list(self.column_labels),
            "cells": [list(row) for row in self.cells],
            "row_totals": list(self.row_totals),
            "column_totals": list(self.column_totals),
            "grand_total": self.grand_total,
        }


def grid_with_margins(counts: Sequence[Sequence[int]]) -> list[list[int]]:
    """The table with its row totals as a last column and its column totals (and grand total) as a last row."""
    rows = [[*row, sum(row)] for row in counts]
    width = len(rows[0]) if rows else 1
    totals = [sum(row[j] for row in rows) for j in range(width)]
    return [*rows, totals]


def suppress(
    counts: Sequence[Sequence[int]],
    *,
    threshold: int,
    row_labels: Sequence[str] = (),
    column_labels: Sequence[str] = (),
) -> SuppressedTable:
    """Suppress every cell (totals included) below `threshold`, then enough others that none can be recomputed."""
    if threshold < 1:
        raise ValueError("The threshold must be at least 1.")
    if not counts or not counts[0]:
        raise ValueError("A table needs at least one row and one column.")
    width = len(counts[0])
    if any(len(row) != width for row in counts):
        raise ValueError("Every row needs the same number of columns.")
    if any(value < 0 for row in counts for value in row):
        raise ValueError("Counts cannot be negative.")
    grid = grid_with_margins(counts)
    primary = {(i, j) for i, row in enumerate(grid) for j, value in enumerate(row) if value < threshold}
    secondary = _secondary(grid, primary)
    hidden = primary | secondary
    n_rows, n_columns = len(counts), width

    def shown(i: int, j: int) -> int | None:
        return None if (i, j) in hidden else grid[i][j]

    return SuppressedTable(
        row_labels=tuple(row_labels) or tuple(str(i + 1) for i in range(n_rows)),
        column_labels=tuple(column_labels) or tuple(str(j + 1) for j in range(n_columns)),
        cells=tuple(tuple(shown(i, j) for j in range(n_columns)) for i in range(n_rows)),
        row_totals=tuple(shown(i, n_columns) for i in range(n_rows)),
        column_totals=tuple(shown(n_rows, j) for j in range(n_columns)),
        grand_total=shown(n_rows, n_columns),
        threshold=threshold,
        primary=frozenset(primary),
        secondary=frozenset(secondary),
    )


def _cost(grid: list[list[int]], cell: Cell) -> int:
    i, j = cell
    is_total = i == len(grid) - 1 or j == len(grid[0]) - 1
    return grid[i][j] + (TOTAL_PENALTY if is_total else 0)


def _secondary(grid: list[list[int]], primary: set[Cell]) -> set[Cell]:
    """Complete every bridge of the suppression graph into the cheapest rectangle, until there is none."""
    hidden = set(primary)
    n_rows, n_columns = len(grid), len(grid[0])
    while True:
        bridges = derivable_cells(hidden, n_rows=n_rows, n_columns=n_columns)
        if not bridges:
            return hidden - primary
        r, c = min(bridges, key=lambda cell: (_cost(grid, cell), cell))
        best: tuple[int, Cell, Cell, Cell] | None = None
        for other_row in range(n_rows):
            if other_row == r:
                continue
            for other_column in range(n_columns):
                if other_column == c:
                    continue
                corners = ((r, other_column), (other_row, c), (other_row, other_column))
                cost = sum(_cost(grid, cell) for cell in corners if cell not in hidden)
                if best is None or cost < best[0]:
                    best = (cost, *corners)
        if best is None:  # a 1 × 1 grid cannot happen: the margins make it at least 2 × 2
            raise ValueError("This table is too small to protect.")
        hidden.update(best[1:])


def derivable_cells(suppressed: Iterable[Cell], *, n_rows: int, n_columns: int) -> set[Cell]:
    """The suppressed cells the published margins would give away: the bridges of the suppression graph.

    `n_rows` and `n_columns` count the totals row and column. Used after suppression as an audit before anything is
    published, and by secondary suppression to find what still needs protecting.
    """
    cells = set(suppressed)
    # Nodes 0..n_rows-1 are grid rows, n_rows..n_rows+n_columns-1 grid columns; each cell is an edge.
    adjacency: dict[int, list[tuple[int, Cell]]] = {}
    for i, j in cells:
        if not (0 <= i < n_rows and 0 <= j < n_columns):
            raise ValueError(f"Cell {(i, j)} is outside the table.")
        adjacency.setdefault(i, []).append((n_rows + j, (i, j)))
        adjacency.setdefault(n_rows + j, []).append((i, (i, j)))
    return _bridges(adjacency)


def _bridges(adjacency: dict[int, list[tuple[int, Cell]]]) -> set[Cell]:
    """Tarjan's bridge-finding, iteratively (no recursion limit on large tables)."""
    order: dict[int, int] = {}
    low: dict[int, int] = {}
    bridges: set[Cell] = set()
    counter = 0
    for start in adjacency:
        if start in order:
            continue
        order[start] = low[start] = counter
        counter += 1
        stack: list[tuple[int, Cell | None, int]] = [(start, None, 0)]
        while stack:
            node, via, index = stack[-1]
            edges = adjacency[node]
            if index < len(edges):
                stack[-1] = (node, via, index + 1)
                neighbour, edge = edges[index]
                if edge == via:
                    continue
                if neighbour in order:
                    low[node] = min(low[node], order[neighbour])
                else:
                    order[neighbour] = low[neighbour] = counter
                    counter += 1
                    stack.append((neighbour, edge, 0))
            else:
                stack.pop()
                if stack and via is not None:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > order[parent]:
                        bridges.add(via)
    return bridges


def describe_rule(*, threshold: int) -> str:
    """The rule in English for the publication log (pages translate their own wording of it)."""
    return (
        f"Primary suppression: every count below {threshold}, totals included, is withheld. "
        "Secondary suppression: further cells (smallest counts first, totals last) are withheld until no "
        "withheld cell lies alone on a row or column cycle, so none can be recomputed from the published row, "
        "column and grand totals (checked by bridge detection on the graph of withheld cells)."
    )
