"""Disclosure control: no published cell below the threshold, and no suppressed cell recomputable from the margins.

The proof of the second property does not trust the module's own graph argument: it writes the linear system a
reader could solve (every published and withheld cell as an unknown or a constant, one equation per row total,
column total and the grand total) and asks, with exact rational arithmetic, whether each withheld cell is fixed by
it — a cell is fixed exactly when its unit vector lies in the row space of the equations on the unknowns.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance87.data.disclosure import derivable_cells, grid_with_margins, suppress


def rank(matrix: list[list[Fraction]]) -> int:
    """Rank by Gaussian elimination over the rationals (exact: no floating-point tolerance to argue about)."""
    rows = [row[:] for row in matrix]
    rank_found, columns = 0, len(rows[0]) if rows else 0
    for column in range(columns):
        pivot = next((r for r in range(rank_found, len(rows)) if rows[r][column] != 0), None)
        if pivot is None:
            continue
        rows[rank_found], rows[pivot] = rows[pivot], rows[rank_found]
        for r in range(len(rows)):
            if r != rank_found and rows[r][column] != 0:
                factor = rows[r][column] / rows[rank_found][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[rank_found], strict=True)]
        rank_found += 1
    return rank_found


def recomputable(table: list[list[int]], hidden: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """The hidden cells a reader can solve for from the published cells and the additivity of the table."""
    grid = grid_with_margins(table)
    n_rows, n_columns = len(grid), len(grid[0])
    unknowns = sorted(hidden)
    index = {cell: k for k, cell in enumerate(unknowns)}
    equations: list[list[Fraction]] = []
    # Each interior row sums to its total; the totals row sums to the grand total; the same for columns.
    for i in range(n_rows):
        coefficients = [Fraction(0)] * len(unknowns)
        for j in range(n_columns):
            if (i, j) in index:
                coefficients[index[(i, j)]] += 1 if j < n_columns - 1 else -1
        equations.append(coefficients)
    for j in range(n_columns):
        coefficients = [Fraction(0)] * len(unknowns)
        for i in range(n_rows):
            if (i, j) in index:
                coefficients[index[(i, j)]] += 1 if i < n_rows - 1 else -1
        equations.append(coefficients)
    base = rank(equations)
    solved = set()
    for cell, k in index.items():
        unit = [Fraction(0)] * len(unknowns)
        unit[k] = Fraction(1)
        if rank([*equations, unit]) == base:
            solved.add(cell)
    return solved


tables = st.integers(min_value=1, max_value=5).flatmap(
    lambda n_rows: st.integers(min_value=1, max_value=5).flatmap(
        lambda n_columns: st.lists(
            st.lists(st.integers(min_value=0, max_value=40), min_size=n_columns, max_size=n_columns),
            min_size=n_rows,
            max_size=n_rows,
        )
    )
)


@settings(max_examples=150, deadline=None, database=None)
@given(table=tables, threshold=st.integers(min_value=1, max_value=15))
def test_no_published_cell_is_below_the_threshold_and_no_hidden_cell_can_be_recomputed(
    table: list[list[int]], threshold: int
) -> None:
    result = suppress(table, threshold=threshold)
    grid = grid_with_margins(table)
    published = [
        *[value for row in result.cells for value in row],
        *result.row_totals,
        *result.column_totals,
        result.grand_total,
    ]
    assert all(value is None or value >= threshold for value in published)
    # What is published is the true count.
    for i, row in enumerate(result.cells):
        for j, value in enumerate(row):
            assert value is None or value == grid[i][j]
    assert recomputable(table, set(result.suppressed)) == set()


@settings(max_examples=150, deadline=None, database=None)
@given(table=tables, data=st.data())
def test_the_audit_finds_exactly_the_cells_the_linear_system_fixes(table: list[list[int]], data) -> None:
    """derivable_cells (bridges of the suppression graph) agrees with solving the equations, for any pattern."""
    grid = grid_with_margins(table)
    cells = [(i, j) for i in range(len(grid)) for j in range(len(grid[0]))]
    hidden = set(data.draw(st.lists(st.sampled_from(cells), unique=True)))
    assert derivable_cells(hidden, n_rows=len(grid), n_columns=len(grid[0])) == recomputable(table, hidden)


def test_a_small_cell_alone_in_its_row_takes_a_second_cell_with_it() -> None:
    """Victims by sex and form of exploitation: the 3 would be its row total minus 25, so more must go."""
    result = suppress(
        [[25, 3], [40, 31]], threshold=10, row_labels=["Girls", "Boys"], column_labels=["A", "B"]
    )
    assert result.cells[0][1] is None
    assert len(result.suppressed) >= 4
    assert recomputable([[25, 3], [40, 31]], set(result.suppressed)) == set()
    assert result.grand_total == 99


def test_a_table_without_small_cells_is_published_whole() -> None:
    result = suppress([[12, 30], [45, 11]], threshold=10)
    assert result.suppressed == frozenset()
    assert result.as_dict()["cells"] == [[12, 30], [45, 11]]
    assert result.row_totals == (42, 56)


def test_totals_below_the_threshold_are_withheld_too() -> None:
    result = suppress([[4, 3], [40, 31]], threshold=10)
    assert result.row_totals[0] is None


@pytest.mark.parametrize("bad", [[], [[]], [[1, 2], [3]], [[-1, 2]]])
def test_malformed_tables_are_refused(bad) -> None:
    with pytest.raises(ValueError):
        suppress(bad, threshold=10)
