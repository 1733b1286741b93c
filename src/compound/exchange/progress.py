"""A progress bar on standard error, for imports long enough to wonder about."""

from __future__ import annotations

from typing import TextIO

# Below this many records an import is over before a bar would mean anything.
MIN_TOTAL = 500


class ProgressBar:
    """`advance(n)` as work is done, `close()` at the end.

    Shown only on a terminal (a bar in a log file or a pipe is noise) and only for
    at least MIN_TOTAL records, unless `force`. Redrawn once per percent.
    """

    def __init__(
        self, stream: TextIO, total: int, label: str, *, force: bool = False, width: int = 30
    ):
        self.stream, self.total, self.label, self.width = stream, total, label, width
        isatty = getattr(stream, "isatty", None)
        self.shown = total > 0 and (force or (total >= MIN_TOTAL and bool(isatty and isatty())))
        self.done = 0
        self._percent = -1

    def advance(self, n: int = 1) -> None:
        self.done = min(self.done + n, self.total)
        if self.shown:
            percent = self.done * 100 // self.total
            if percent != self._percent:
                self._percent = percent
                self._draw(percent)

    def _draw(self, percent: int) -> None:
        filled = self.width * self.done // self.total
        bar = "█" * filled + "░" * (self.width - filled)
        self.stream.write(f"\r{self.label} {bar} {percent:3d}%  {self.done:,}/{self.total:,}")
        self.stream.flush()

    def close(self) -> None:
        """End the bar's line, so what is printed next starts on its own."""
        if self.shown and self._percent >= 0:
            self.stream.write("\n")
            self.stream.flush()
