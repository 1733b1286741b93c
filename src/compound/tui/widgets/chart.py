"""ChartView: one of the shared chart builders, drawn into a textual-plotext plot.

It draws only when it has a size (its tab is in view), in a worker thread, so a
chart that takes a moment (the projection fan) never holds up typing; while it
draws, and when the builder says there is too little data, it shows a sentence.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.geometry import Size
from textual.message import Message
from textual_plotext import PlotextPlot


class ChartView(PlotextPlot):
    DEFAULT_CSS = """
    ChartView { height: 1fr; width: 1fr; }
    """

    class Drawn(Message):
        def __init__(self, view: ChartView, size: Size, message: str | None):
            super().__init__()
            self.view, self.size, self.message = view, size, message

    def __init__(self, kind: str, *, id: str | None = None):
        super().__init__(id=id)
        self.kind = kind
        self.data = None
        self._drawn_for: tuple[object, Size] | None = None
        self._message: str | None = "…"

    def show(self, data) -> None:
        """Draw the chart of `data` (a charts.ChartData) once the view has a size."""
        self.data = data
        self._draw_if_due()

    def on_resize(self) -> None:
        self._draw_if_due()

    def _draw_if_due(self) -> None:
        size = self.size
        if self.data is None or size.width < 10 or size.height < 5:
            return
        if self._drawn_for == (self.data, size):
            return
        self._drawn_for = (self.data, size)
        self._message = self._message or "…"
        self._draw(self.kind, self.data, size)

    @work(thread=True, exclusive=True, group="chart")
    def _draw(self, kind: str, data, size: Size) -> None:
        from compound import charts

        plt = self.plt
        plt.clear_figure()
        plt.plotsize(size.width, size.height)
        message = charts.BUILDERS[kind](plt, data)
        self.post_message(self.Drawn(self, size, message))

    def on_chart_view_drawn(self, message: Drawn) -> None:
        message.stop()
        self._message = message.message
        self.refresh()

    def render(self):
        if self._message is not None:
            return Text(f"\n  {self._message}", style="italic")
        return super().render()
