"""Files compound is given by name: only regular files are read, never more than a
limit, and the folders compound makes for its own files are private.

A name can point at something that is not a file: a named pipe (opening it waits
for a writer forever), a device (/dev/zero never ends), a socket or a directory.
Read as a settings file, an import or a database, each would hang or fill the
memory. So a file is opened without waiting (O_NONBLOCK), looked at through the
open descriptor (nothing can be swapped in between the look and the read), and
read only up to a limit: the limit and one byte more, which is enough to tell.

Standard library only: the settings file is read on the shell-prompt path.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from compound.domain.errors import CompoundError, InputError

# Reading large files in pieces of this size keeps the memory to the file's own size.
_PIECE = 1 << 20


def special_kind(mode: int) -> str | None:
    """What a file of `mode` (st_mode) is when it is not a regular file, in a phrase
    ("a named pipe (FIFO)"); None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a device"
    if stat.S_ISBLK(mode):
        return "a disk device"
    return "not a regular file"


def refuse_special(
    path: Path, what: str, refusal: type[CompoundError] = InputError
) -> os.stat_result | None:
    """The file at `path` (None when there is none), refused as `refusal` when it is
    not a regular file: "x is a named pipe (FIFO), not a settings file"."""
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise refusal(f"cannot use {path}: {exc.strerror or exc}") from None
    kind = special_kind(found.st_mode)
    if kind is not None:
        raise refusal(f"{path} is {kind}, not {what}")
    return found


def size_text(size: int) -> str:
    """A limit in bytes as people say it: "200 MB", "1 MB", "512 KB"."""
    if size >= 1 << 20:
        return f"{size / (1 << 20):g} MB"
    return f"{size / (1 << 10):g} KB"


def read_regular(
    path: Path, limit: int, what: str, refusal: type[CompoundError] = InputError
) -> bytearray | None:
    """The bytes of the regular file at `path` (None when there is none), at most
    `limit` of them: anything else (a pipe, a device, a directory, a larger file, one
    that cannot be read) is refused as `refusal`, in one line naming the file."""
    if refuse_special(path, what, refusal) is None:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise refusal(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        # Again on what was opened: the name may point elsewhere since the first look.
        opened = os.fstat(fd)
        kind = special_kind(opened.st_mode)
        if kind is not None:
            raise refusal(f"{path} is {kind}, not {what}")
        if opened.st_size > limit:
            raise refusal(_too_large(path, what, limit))
        os.set_blocking(fd, True)
        data = bytearray()
        # Up to one byte past the limit: a file that grows, or whose size the system
        # does not know (those under /proc say 0), is still never read past it.
        while len(data) <= limit:
            piece = os.read(fd, min(_PIECE, limit + 1 - len(data)))
            if not piece:
                break
            data += piece
    except OSError as exc:
        raise refusal(f"cannot read {path}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise refusal(_too_large(path, what, limit))
    return data  # not copied into bytes: a large file is held once


def check_readable(path: Path, what: str, refusal: type[CompoundError] = InputError) -> None:
    """Refuse, in one line, a `path` that is missing, not a regular file, or cannot be
    read at all; its first byte is read to tell (files under /proc may refuse that)."""
    if refuse_special(path, what, refusal) is None:
        raise refusal(f"there is no file {path}")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
        try:
            kind = special_kind(os.fstat(fd).st_mode)
            if kind is not None:
                raise refusal(f"{path} is {kind}, not {what}")
            os.read(fd, 1)
        finally:
            os.close(fd)
    except FileNotFoundError:
        raise refusal(f"there is no file {path}") from None
    except OSError as exc:
        raise refusal(f"cannot read {path}: {exc.strerror or exc}") from None


def _too_large(path: Path, what: str, limit: int) -> str:
    return f"{path} is over {size_text(limit)}, more than compound reads as {what}"


def private_folder(folder: Path) -> None:
    """Make `folder` and whichever of its parents are missing, each readable by its
    owner only (0700) whatever the umask; folders that exist are left as they are."""
    missing: list[Path] = []
    current = Path(folder)
    while not os.path.lexists(current) and current != current.parent:
        missing.append(current)
        current = current.parent
    for each in reversed(missing):
        try:
            os.mkdir(each, 0o700)
        except FileExistsError:
            continue  # made meanwhile by another process: theirs to keep as it is
        # mkdir's mode passes through the umask: say it exactly.
        os.chmod(each, 0o700)
    if not Path(folder).is_dir():
        os.mkdir(folder, 0o700)  # raises the reason: a file or a broken link is in the way
