"""Where an export goes: a private file written all at once, or standard output as UTF-8."""

from __future__ import annotations

import io
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from compound.domain.errors import InputError
from compound.files import special_kind


@contextmanager
def private_file(path: Path) -> Iterator[TextIO]:
    """A UTF-8 text file readable by its owner only (0600), in place only once complete.

    The text goes to a temporary file beside `path` that replaces it at the end, so
    an export that fails half way leaves any earlier file as it was. Line endings are
    written as given (CSV's CRLF stays CRLF). A `path` that is a named pipe or a
    device is written into directly.
    """
    path = Path(path).expanduser()
    if path.is_dir():
        raise InputError(f"{path} is a directory; name a file to write")
    if _written_in_place(path):
        # A pipe or a device (/dev/stdout, a shell's >(…)) is written into as it is:
        # replacing it with a file would break the pipe, or put a file in /dev.
        fd = os.open(path, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
        return
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


def _written_in_place(path: Path) -> bool:
    """Whether `path` is a named pipe or a device, which is written into rather than
    replaced; refuses what can be neither (a socket)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False  # none yet: a file is made
    if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        return True
    kind = special_kind(mode)
    if kind is not None:
        raise InputError(f"{path} is {kind}; name a file to write")
    return False


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
