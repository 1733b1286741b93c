"""Where an export goes: a private file written all at once, or standard output as UTF-8."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from compound.domain.errors import InputError


@contextmanager
def private_file(path: Path) -> Iterator[TextIO]:
    """A UTF-8 text file readable by its owner only (0600), in place only once complete.

    The text goes to a temporary file beside `path` that replaces it at the end, so
    an export that fails half way leaves any earlier file as it was. Line endings are
    written as given (CSV's CRLF stays CRLF).
    """
    path = Path(path).expanduser()
    if path.is_dir():
        raise InputError(f"{path} is a directory; name a file to write")
    # mkstemp creates the file with mode 0600, whatever the umask.
    fd, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".tmp", dir=path.parent if str(path.parent) else "."
    )
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


@contextmanager
def utf8_stream(out: TextIO) -> Iterator[TextIO]:
    """`out` as a UTF-8 text stream: an export must not lose a title's emoji to a
    terminal set to ASCII, so the bytes go to the underlying buffer when there is one."""
    buffer = getattr(out, "buffer", None)
    encoding = (getattr(out, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    if buffer is None or encoding == "utf8":
        yield out
        return
    out.flush()
    wrapper = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    try:
        yield wrapper
    finally:
        try:
            wrapper.flush()
        finally:
            wrapper.detach()  # leave `out`'s buffer open for whoever owns it
