"""The command line's tables: one line per record, fitted to the terminal, drawn with rich.

A table has three kinds of column:

- figures (ids, amounts, dates, progress, counts): never cut and never narrower than
  their widest cell;
- free text (titles, authors, topics, notes, names, reasons): shortened with an
  ellipsis, never wrapped, and the first to give way, the widest first;
- sentences (the command line's own explanations, such as a check's finding): wrapped
  within their column, since a cut one would lose what it says.

On a terminal a table takes at most the terminal's width (`shutil.get_terminal_size`,
which honours COLUMNS) and its headers are bold unless NO_COLOR is set. Anywhere else
(a pipe, a file) nothing is shortened, so a script reads every title whole, and nothing
is coloured.

Every cell is shown safely (`compound.words.safe.shown`) before rich measures it, so
that a title's controls take the columns they will be drawn in, and is handed to rich
as `Text`, so that "[bold]" in a title is printed, never obeyed.

rich is imported only when a table is drawn: `compound log` and `status --short` never
pay for it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

from compound.words.safe import shown

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TextIO

# Between two columns, as the command line has always spaced them.
GAP = 2
# A free-text column keeps at least this many cells (or its header's, or its widest
# cell's, if narrower) while any other can give way: "The Co…" still says which book.
FREE_FLOOR = 4


@dataclass(frozen=True)
class Terminal:
    """Where output goes: `width` when it is a terminal (None: nothing is shortened),
    and whether it may be styled."""

    width: int | None
    styled: bool


PLAIN = Terminal(None, False)


def terminal(stream: TextIO) -> Terminal:
    """What `stream` is: a terminal (its width, colour unless NO_COLOR or TERM=dumb) or
    not (a pipe, a file: full text, no colour)."""
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or closed
        tty = False
    if not tty:
        return PLAIN
    import shutil

    width = max(shutil.get_terminal_size((100, 24)).columns, 1)
    styled = not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
    return Terminal(width, styled)


def cell_text(text: str) -> str:
    """A cell as it will be drawn: on one line (a note's line breaks and tabs as spaces),
    every other control as a visible mark."""
    return shown(text.replace("\r\n", " ").replace("\n", " ").replace("\t", " "))


def _width(text: str) -> int:
    """Cells `text` takes on a terminal, as rich counts them (CJK and emoji two)."""
    from rich.cells import cell_len

    return cell_len(text)


def shorten(text: str, width: int | None) -> str:
    """`text` (shown safely, on one line) cut with an ellipsis to `width` cells; whole
    when `width` is None (not a terminal)."""
    text = cell_text(text)
    if width is None or _width(text) <= width:
        return text
    from rich.text import Text

    cut = Text(text)
    cut.truncate(max(width, 1), overflow="ellipsis")
    return cut.plain


def fit_line(before: str, free: str, after: str, width: int | None) -> str:
    """One line of `before`, `free` and `after` in which only `free` (a title, a
    comment) gives way to fit `width` cells; whole when `width` is None."""
    if width is None:
        return before + cell_text(free) + after
    room = width - _width(before) - _width(after)
    return before + shorten(free, max(room, 1)) + after


@dataclass(frozen=True)
class Table:
    """Rows under headers; `free` and `sentences` name columns by index (every other is
    a figure); `right` columns are aligned right; `header` False draws no header row."""

    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    right: Collection[int] = ()
    free: Collection[int] = ()
    sentences: Collection[int] = ()
    header: bool = True

    def widths(self, cells: Sequence[Sequence[str]], width: int | None) -> list[int]:
        """Each column's width: its widest cell, then, when the whole is wider than
        `width`, free text and sentences narrowed, the widest first."""
        natural = [
            max([_width(h) if self.header else 0] + [_width(r[i]) for r in cells] + [1])
            for i, h in enumerate(self.headers)
        ]
        giving = [i for i in range(len(natural)) if i in self.free or i in self.sentences]
        if width is None or not giving:
            return natural
        budget = width - GAP * (len(natural) - 1)
        budget -= sum(w for i, w in enumerate(natural) if i not in giving)
        if sum(natural[i] for i in giving) <= budget:
            return natural
        floors = {
            i: min(natural[i], max(_width(self.headers[i]) if self.header else 0, FREE_FLOOR))
            for i in giving
        }
        if sum(floors.values()) > budget:
            # Not even the floors fit: free text gives way down to its ellipsis alone.
            floors = dict.fromkeys(giving, 1)
        return _share(natural, giving, floors, budget)

    def render(self, where: Terminal = PLAIN) -> str:
        """The table as text for `where`: fitted to its width, styled if it may be.

        The widths are chosen here (`widths`) and given to rich as fixed: left to itself,
        rich narrows only the columns that may wrap and then cuts every column alike, the
        finish dates with the titles.
        """
        from rich.console import Console
        from rich.table import Table as Grid
        from rich.text import Text

        cells = [[cell_text(str(c)) for c in row] for row in self.rows]
        widths = self.widths(cells, where.width)
        grid = Grid(
            box=None,
            padding=(0, GAP // 2),
            pad_edge=False,
            show_edge=False,
            show_header=self.header,
            header_style="bold",
            expand=False,
        )
        for i, (head, width) in enumerate(zip(self.headers, widths)):
            grid.add_column(
                Text(cell_text(head), no_wrap=True, overflow="ellipsis"),
                justify="right" if i in self.right else "left",
                width=width,
                no_wrap=i not in self.sentences,
                overflow="fold" if i in self.sentences else "ellipsis",
            )
        for row in cells:
            grid.add_row(
                *(
                    Text(c) if i in self.sentences else Text(c, no_wrap=True, overflow="ellipsis")
                    for i, c in enumerate(row)
                )
            )
        total = sum(widths) + GAP * (len(widths) - 1)
        # Styles are written by `_drawn`; the console only lays the table out.
        console = Console(
            width=max(total, 1),
            color_system=None,
            markup=False,
            emoji=False,
            highlight=False,
            legacy_windows=False,
            soft_wrap=False,
        )
        lines = console.render_lines(grid, console.options, pad=False)
        return "\n".join(_drawn(line, where.styled) for line in lines)


def _share(natural: list[int], giving: list[int], floors: dict[int, int], budget: int) -> list[int]:
    """`natural` with the `giving` columns capped at one width, the widest cut first and
    none below its floor, so that they take at most `budget` cells between them."""

    def taken(cap: int) -> int:
        return sum(max(min(natural[i], cap), floors[i]) for i in giving)

    cap = max(natural[i] for i in giving)
    while cap > 1 and taken(cap) > budget:
        cap -= 1
    widths = list(natural)
    for i in giving:
        widths[i] = max(min(natural[i], cap), floors[i])
    # The cells the cap left over go to the columns it cut, one each, left to right.
    spare = budget - sum(widths[i] for i in giving)
    for i in giving:
        if spare <= 0:
            break
        if widths[i] < natural[i]:
            widths[i] += 1
            spare -= 1
    return widths


def _drawn(line, styled: bool) -> str:
    """One rendered line (rich segments) as text: no trailing blanks, styled or plain."""
    from rich.color import ColorSystem
    from rich.segment import Segment

    segments = list(Segment.simplify(line))
    while segments and not segments[-1].text.rstrip():
        segments.pop()
    if segments:
        last = segments[-1]
        segments[-1] = Segment(last.text.rstrip(), last.style)
    if not styled:
        return "".join(s.text for s in segments)
    return "".join(
        s.style.render(s.text, color_system=ColorSystem.STANDARD) if s.style else s.text
        for s in segments
    )


def show_all(out: TextIO, items: Iterable[str | Table], say: Callable[[str], None]) -> None:
    """A report's lines and tables in order: each table shown on `out` (see `show`),
    each line given to `say` (the command's own way of printing a line)."""
    for item in items:
        if isinstance(item, Table):
            show(out, item)
        else:
            say(item)


def show(out: TextIO, table: Table) -> None:
    """Print `table` on `out`, fitted to it. Styled output is written past the stream
    that shows controls (`cli.terminal.underlying`): its cells are shown safely here, and
    its own escape sequences must reach the terminal."""
    from compound.cli.terminal import underlying

    where = terminal(out)
    text = table.render(where) + "\n"
    (underlying(out) if where.styled else out).write(text)
