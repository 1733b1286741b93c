"""ChartView: one of the shared chart builders, drawn into a textual-plotext plot.

It draws only when it has a size (its tab is in view), in a worker thread, so a
chart that takes a moment (the projection fan) never holds up typing. The worker
draws on a figure of its own and builds the text, and the view shows that
finished text: no figure is ever read while a builder is writing to it. While it draws, and
when the builder says there is too little data, the view shows a sentence.
"""

from __future__ import annotations

import threading

from rich.text import Text
from textual import work
from textual.message import Message
from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.charts import ChartData


class ChartView(PlotextPlot):
    DEFAULT_CSS = """
    ChartView { height: 1fr; width: 1fr; }
    """

    class Drawn(Message):
        def __init__(self, wanted: tuple, message: str | None, text: str):
            super().__init__()
            self.wanted, self.message, self.text = wanted, message, text

    def __init__(self, kind: str, *, id: str | None = None):
        super().__init__(id=id)
        self.kind = kind
        self.data: ChartData | None = None
        self._lock = threading.Lock()
        self._wanted: tuple | None = None  # (data, size, theme) of the latest drawing asked for
        self._drawn_for: tuple | None = None  # (data, size) of the drawing shown
        self._message: str | None = "…"
        self._text = ""

    def on_mount(self) -> None:
        super().on_mount()
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, theme) -> None:
        self._register_theme(theme.name)  # plotext learns the new theme's colours first
        self._draw_if_due()

    def show(self, data: ChartData) -> None:
        """Draw the chart of `data` once the view has a size."""
        self.data = data
        self._draw_if_due()

    def on_resize(self) -> None:
        self._draw_if_due()

    def _draw_if_due(self) -> None:
        size = self.size
        if self.data is None or size.width < 10 or size.height < 5:
            return
        wanted = (self.data, size, self._get_plotext_theme_name(self.app.theme))
        if self._wanted == wanted:
            return
        self._wanted = wanted
        self._draw(wanted)

    @work(thread=True, group="chart")
    def _draw(self, wanted: tuple) -> None:
        from compound import charts

        data, size, theme = wanted
        with self._lock:
            if self._wanted is not wanted:
                return  # a newer drawing was asked for meanwhile
            # A fresh figure each time: clear_figure() leaves some of plotext's
            # layout state behind, so a chart drawn after one of another size
            # came out a column different.
            plt = Plot()
            # plotext keeps a figure within the size of the terminal it was started
            # in: served to a browser, or with no terminal at all, that is 80×24
            # whatever the view's size. The view's size is the limit here.
            plt._limit_size(False, False)  # type: ignore[attr-defined]
            plt.plotsize(size.width, size.height)
            plt._set_size(size.width, size.height)  # as PlotextPlot.render does (its issue #5)
            # textual-plotext's stubs are off here: plotsize() returns the size, and
            # the ticks may be any sequence, as in plotext itself.
            message = charts.BUILDERS[self.kind](plt, data)  # type: ignore[arg-type]
            plt.theme(theme)
            text = plt.build() if message is None else ""
        self.post_message(self.Drawn(wanted, message, text))

    def on_chart_view_drawn(self, message: Drawn) -> None:
        message.stop()
        if message.wanted is not self._wanted:
            return
        self._message, self._text = message.message, message.text
        self._drawn_for = message.wanted[:2]
        self.refresh()

    def render(self):
        if self._message is not None:
            return Text(f"\n  {self._message}", style="italic")
        return Text.from_ansi(self._text)
