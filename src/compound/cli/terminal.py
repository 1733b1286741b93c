"""Where text meets the terminal: every write shown safely, whoever forgot to.

`main` puts a `ShownStream` in front of standard output and standard error for the
whole command, so a stored title holding an escape sequence (a window title, a
clipboard write, a cleared screen) or a bidi override is drawn as visible marks
(`compound.words.safe.shown`) rather than acted on, by any `print`, table or export.
Newlines, tabs and CRLF line ends pass as they are.

The command line's own sequences (a chart's colours, a progress bar's carriage
return) are written to `underlying(stream)`, the stream itself, with any free text
in them already shown safely.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from compound.words.safe import shown

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TextIO


class ShownStream:
    """A text stream writing to `underlying` what `shown(text, lines=True)` makes of
    each write. No `buffer`: bytes written past it would not be checked."""

    def __init__(self, underlying: TextIO):
        self.underlying = underlying

    def write(self, text: str) -> int:
        self.underlying.write(shown(text, lines=True))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self.underlying.flush()

    def isatty(self) -> bool:
        return self.underlying.isatty()

    def fileno(self) -> int:
        return self.underlying.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:
        return getattr(self.underlying, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str | None:
        return getattr(self.underlying, "errors", None)

    @property
    def closed(self) -> bool:
        return bool(getattr(self.underlying, "closed", False))


def underlying(stream: TextIO) -> TextIO:
    """The stream behind a `ShownStream` (any other stream as it is): for output the
    command line makes itself, escape sequences and all."""
    return stream.underlying if isinstance(stream, ShownStream) else stream


def shown_stream(stream: TextIO) -> TextIO:
    """`stream` behind a `ShownStream` (once: a `ShownStream` is returned as it is)."""
    if isinstance(stream, ShownStream):
        return stream
    return ShownStream(stream)  # type: ignore[return-value]


@contextmanager
def export_stream(stream: TextIO) -> Iterator[TextIO]:
    """Standard output for an export: UTF-8 whatever the terminal's encoding (an
    emoji in a title must survive a terminal set to ASCII), and shown safely."""
    from compound.exchange.output import utf8_stream

    with utf8_stream(underlying(stream)) as out:
        yield shown_stream(out)
