"""Meter: one line with a label, a bar and a figure; the bar takes the room left."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from compound.words.safe import shown


class Meter(Widget):
    """`fraction` None draws no bar (an unknown book length, a day without a goal)."""

    DEFAULT_CSS = """
    Meter { height: 1; width: 1fr; }
    Meter > .meter--label { text-style: bold; }
    Meter > .meter--filled { color: $accent; }
    Meter > .meter--done { color: $success; }
    Meter > .meter--empty { color: $foreground 20%; }
    Meter > .meter--figure { color: $text; }
    """
    COMPONENT_CLASSES = {
        "meter--label",
        "meter--filled",
        "meter--done",
        "meter--empty",
        "meter--figure",
    }

    label: reactive[str] = reactive("")
    figure: reactive[str] = reactive("")
    fraction: reactive[float | None] = reactive(None)

    def __init__(
        self,
        label: str = "",
        figure: str = "",
        fraction: float | None = None,
        *,
        label_width: int = 10,
        figure_width: int = 0,
        id: str | None = None,
        classes: str | None = None,
    ):
        """`figure_width` pads the figure so that the bars of a column of meters align."""
        super().__init__(id=id, classes=classes)
        self.label_width, self.figure_width = label_width, figure_width
        self.set_reactive(Meter.label, label)
        self.set_reactive(Meter.figure, figure)
        self.set_reactive(Meter.fraction, fraction)

    def update(self, label: str, figure: str, fraction: float | None) -> None:
        self.label, self.figure, self.fraction = label, figure, fraction

    def render(self) -> Text:
        style = self.get_component_rich_style
        # Widths in terminal cells, not characters: 三体 takes four cells, not two. The
        # label may be a book's title: shown safely, as every stored text.
        line = Text(shown(self.label), style=style("meter--label"))
        line.truncate(self.label_width - 1, overflow="ellipsis")
        line.pad_right(self.label_width - line.cell_len)
        said = shown(self.figure)
        figure = " " * max(self.figure_width - cell_len(said), 0) + said
        room = self.size.width - self.label_width - cell_len(figure) - 2
        if self.fraction is not None and room >= 6:
            width = min(room, 40)
            share = max(0.0, min(self.fraction, 1.0))
            filled = round(share * width)
            look = style("meter--done" if self.fraction >= 1 else "meter--filled")
            line.append("━" * filled, style=look)
            line.append("━" * (width - filled), style=style("meter--empty"))
            line.append("  ")
        line.append(figure, style=style("meter--figure"))
        return line
