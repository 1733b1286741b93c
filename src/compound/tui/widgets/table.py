"""Tables whose columns have fixed widths.

A DataTable sizes auto-width columns to their rows only when it next goes idle, so a
frame drawn in between shows the rows squeezed into header-wide columns (and a
snapshot can catch that frame). Every table in the app therefore states its widths.
"""

from __future__ import annotations

from textual.widgets import DataTable


def fixed_columns(table: DataTable, columns: list[tuple[str, int]]) -> DataTable:
    """Add each (label, width) column to `table`; returns the table."""
    for label, width in columns:
        table.add_column(label, width=width)
    return table
