"""The command line: `compound COMMAND …` runs headless and fast.

Bare `compound` opens the app on a terminal (elsewhere it prints today's status); every
command has --help. Refusals are one line on stderr with exit status 2, and nothing
stored changes.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from compound.domain.errors import CompoundError, InputError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

EXIT_REFUSED = 2
EXIT_BUG = 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status."""
    from compound.cli.context import Context
    from compound.cli.parser import build_parser
    from compound.cli.terminal import shown_stream

    # An emoji must never crash output on a terminal that cannot show it.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    # Stored text may hold escape sequences and bidi overrides that input checks never
    # saw (raw SQL, a restored file): whatever any command prints is shown safely.
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = shown_stream(sys.stdout), shown_stream(sys.stderr)
    ctx = None
    try:
        try:
            words = sys.argv[1:] if argv is None else list(argv)
            _refuse_undecodable(words)
            args = build_parser(words).parse_args(words)
        except SystemExit as exc:  # --help and --version: return the status, as promised
            return exc.code if isinstance(exc.code, int) else 0
        ctx = Context(getattr(args, "db", None), profile_option=getattr(args, "profile", None))
        handler = getattr(args, "handler", None)
        status = _bare(ctx) if handler is None else handler(ctx, args)
        sys.stdout.flush()  # a closed pipe surfaces here, inside the handling below
        if status == 0:
            ctx.keep_daily_backup()
        return status
    except CompoundError as exc:
        from compound.cli.hints import with_hint

        print(f"compound: {one_line(with_hint(exc))}", file=sys.stderr)
        return EXIT_REFUSED
    except BrokenPipeError:
        # The reader went away (`compound history | head`): nothing to report. Point
        # stdout at /dev/null so the interpreter's final flush cannot fail again.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("compound: interrupted; nothing was half-saved", file=sys.stderr)
        return 130
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        print(one_line(f"compound: cannot use{where}: {exc.strerror or exc}"), file=sys.stderr)
        return EXIT_REFUSED
    except Exception as exc:  # noqa: BLE001 — the last resort: log it, say where
        return _report_bug(exc)
    finally:
        if ctx is not None:
            ctx.close()
        sys.stdout, sys.stderr = streams


def one_line(message: str) -> str:
    """`message` with control characters (line breaks too) and bidi controls shown as
    visible marks, so that echoed input can neither break the line nor drive the
    terminal."""
    from compound.words.safe import shown

    return shown(message)


def _refuse_undecodable(words: Sequence[str]) -> None:
    """Bytes that are not UTF-8 reach Python as lone surrogates, which no database or
    file can store: refuse them here, once, rather than deep inside a write."""
    for word in words:
        if any("\ud800" <= ch <= "\udfff" for ch in word):
            raise InputError(f"the argument {word!r} is not valid UTF-8 text; nothing was done")


def _bare(ctx) -> int:
    from compound.cli import interactive

    if interactive.wanted(ctx):
        return interactive.run(ctx)
    from compound.cli.status import long_text, read_status

    ctx.print(*long_text(read_status(ctx)))
    ctx.print(
        "",
        "Log with `compound log 25` or `compound learn 45m`; "
        "`compound --help` lists every command.",
    )
    return 0


def write_error_log(entry: str) -> Path:
    """Append `entry` to the error log under a line naming when and which command line;
    returns the log's path. Raises OSError when it cannot be written."""
    import os
    from datetime import datetime

    from compound import locations
    from compound.files import private_folder

    log = locations.error_log()
    private_folder(log.parent)
    # 0600: the command line it records may hold a private note.
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    # backslashreplace: argv may hold bytes that are not UTF-8 (surrogate escapes).
    with open(fd, "a", encoding="utf-8", errors="backslashreplace") as handle:
        handle.write(f"--- {datetime.now().isoformat()} compound {' '.join(sys.argv[1:])}\n")
        handle.write(entry)
    return log


def _report_bug(exc: Exception) -> int:
    import traceback

    try:
        where = f"details in {write_error_log(''.join(traceback.format_exception(exc)))}"
    except OSError:
        where = "and the error log could not be written"
    print(
        one_line(f"compound: unexpected error ({type(exc).__name__}: {exc}); {where}"),
        file=sys.stderr,
    )
    return EXIT_BUG
