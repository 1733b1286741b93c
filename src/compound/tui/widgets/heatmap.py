"""YearHeatmap: the contribution calendar of `compound chart calendar`, drawn with the
app's theme: the same lines (charts/calendar.py) for the width it has, each style a
component class."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from compound.charts.calendar import GRID_LINES, STYLES, Line, lay_out

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.domain.series import Calendar


class YearHeatmap(Widget):
    DEFAULT_CSS = """
    YearHeatmap { height: auto; width: 1fr; padding: 0 1; }
    YearHeatmap > .heatmap--nothing { color: $foreground 30%; }
    YearHeatmap > .heatmap--level-1 { color: $success 45%; }
    YearHeatmap > .heatmap--level-2 { color: $success 65%; }
    YearHeatmap > .heatmap--level-3 { color: $success 85%; }
    YearHeatmap > .heatmap--level-4 { color: $success; }
    YearHeatmap > .heatmap--skip { color: $accent; }
    YearHeatmap > .heatmap--not-due { color: $foreground 45%; }
    YearHeatmap > .heatmap--label { color: $text-muted; }
    YearHeatmap > .heatmap--title { color: $text-muted; }
    """
    COMPONENT_CLASSES = {f"heatmap--{style}" for style in STYLES}

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.calendar: Calendar | None = None

    def show(self, calendar: Calendar) -> None:
        self.calendar = calendar
        self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:
        # Until the days are read, the room a calendar takes at least, so that the
        # entries below do not jump when it comes.
        return len(self._lines(width)) or GRID_LINES + 2

    def _lines(self, width: int) -> tuple[Line, ...]:
        return lay_out(self.calendar, width).lines if self.calendar is not None else ()

    def render(self) -> Text:
        out = Text(no_wrap=True, overflow="crop")
        for n, line in enumerate(self._lines(self.content_size.width)):
            if n:
                out.append("\n")
            for text, style in line:
                out.append(
                    text, self.get_component_rich_style(f"heatmap--{style}") if style else ""
                )
        return out
