"""Tables whose columns have fixed widths, and text clipped to fit them.

A DataTable sizes auto-width columns to their rows only when it next goes idle, so a
frame drawn in between shows the rows squeezed into header-wide columns (and a
snapshot can catch that frame). Every table in the app therefore states its widths.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from compound.words.safe import shown


def fixed_columns(table: DataTable, columns: list[tuple[str, int]]) -> DataTable:
    """Add each (label, width) column to `table`; returns the table."""
    for label, width in columns:
        table.add_column(label, width=width)
    return table


def clip(text: str, width: int) -> Text:
    """`text` cut to `width` terminal cells, an ellipsis marking the cut: 三体 takes four.

    Plain Text, never markup: a table reads a str cell as markup, and a stored title
    like "[b]" or "[/x]" would restyle the table or stop it drawing. Shown safely:
    Rich drops only a few controls, and an escape sequence would reach the terminal.
    """
    cut = Text(shown(text), end="")
    cut.truncate(width, overflow="ellipsis")
    return cut
