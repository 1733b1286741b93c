"""`compound serve`: the app in a web browser, through textual-serve.

Each browser tab gets its own run of the app: textual-serve starts a command per
connection and relays the terminal over a websocket. That command is this program
again (`python -m compound … serve --session`), pinned to the database and profile
chosen when the server started, so every tab shows the same records as the command
line. Only loopback is served unless another host is asked for, and then with a
warning: there is no password, and whoever reaches the page can change the records.

textual-serve (and aiohttp with it) is imported inside the handler: the check-in
path never loads it.
"""

from __future__ import annotations

import argparse
import errno
import ipaddress
import shlex
import signal
import socket
import sys

from compound.cli.context import Context
from compound.domain.errors import InputError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
LOOPBACK_NAMES = ("localhost", "localhost.", "ip6-localhost")


def register(commands) -> None:
    parser = commands.add(
        "serve",
        serve,
        help="open the app in a web browser (served at http://127.0.0.1:8000)",
        description="Serve the app to a web browser: each tab runs the app on the same "
        "database and profile as this command. Only this computer can reach it unless "
        "--host says otherwise; there is no password. Ctrl+C stops it.",
    )
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help="the address to listen on (default 127.0.0.1, this computer only; "
        "0.0.0.0 lets anyone on the network see and change the records)",
    )
    parser.add_argument(
        "--port",
        type=port_number,
        default=DEFAULT_PORT,
        help=f"the port to listen on (default {DEFAULT_PORT})",
    )
    # The command each browser tab runs: the app itself, whatever stdin and stdout are
    # (textual-serve connects them to pipes, where bare `compound` would print status).
    parser.add_argument(
        "--session",
        action="store_true",
        help="run one tab's app on standard input and output instead (what the server "
        "starts for each browser tab)",
    )


def port_number(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"a port is a number from 1 to 65535, not {text!r}"
        ) from None
    if not 1 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"a port is a number from 1 to 65535, not {number}")
    return number


def serve(ctx: Context, args: argparse.Namespace) -> int:
    if args.session:
        from compound.cli import interactive

        return interactive.run(ctx)
    host = args.host.strip()
    if not host:
        raise InputError("--host needs an address, such as 127.0.0.1")
    # Resolved before listening: a database or profile that cannot be used is refused
    # here, once, rather than in every tab.
    database, profile = ctx.database, ctx.profile
    try:
        listening = listen(host, args.port)
    except OSError as exc:
        raise InputError(cannot_listen(exc, host, args.port)) from None
    try:
        # Opening the database here finds the profile, or refuses it in one line, once,
        # rather than in every tab; after listening, so a port in use creates no file.
        ctx.tracker().profile  # noqa: B018
    except BaseException:
        listening.close()
        raise
    loopback = is_loopback(host)
    if not loopback:
        print(
            f"compound: warning: serving on {host}, not only this computer: anyone who can "
            f"reach port {args.port} there can see and change the records in "
            f"{database.display} (there is no password)",
            file=ctx.err,
        )
    shown_host = f"[{host}]" if ":" in host else host
    banner = (
        f"compound: serving the app ({profile} in {database.display}) at "
        f"http://{shown_host}:{args.port}/ ; Ctrl+C stops"
    )
    run_server(
        session_command(database.path, profile),
        listening,
        loopback=loopback,
        ready=lambda: print(banner, file=ctx.out, flush=True),
    )
    print("compound: stopped serving", file=ctx.err)
    return 0


def cannot_listen(exc: OSError, host: str, port: int) -> str:
    if exc.errno == errno.EADDRINUSE:
        return f"port {port} on {host} is already in use; choose another with --port"
    if isinstance(exc, socket.gaierror):
        return f"cannot listen on {host}: no address is known by that name"
    if exc.errno == errno.EADDRNOTAVAIL:
        return f"cannot listen on {host}: it is not an address of this computer"
    return f"cannot listen on {host}:{port}: {exc.strerror or exc}"


def session_command(database_path, profile: str) -> str:
    """The shell command one browser tab runs: this interpreter and this package, on the
    SQLite file chosen (a database given by URL is passed on in the environment, which
    each tab inherits, so no password lands on a command line) and the profile chosen."""
    words = [sys.executable, "-m", "compound"]
    if database_path is not None:
        words += ["--db", str(database_path)]
    words += ["--profile", profile, "serve", "--session"]
    return shlex.join(words)


def is_loopback(host: str, *, resolve: bool = True) -> bool:
    """Whether `host` reaches only this computer: a loopback address, or a name that
    resolves to loopback addresses only (names other than localhost count only when
    `resolve`)."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        if not resolve:
            return False
    try:
        found = socket.getaddrinfo(host, None)
    except (OSError, UnicodeError):
        return False  # listening on it fails and says so
    return bool(found) and all(
        ipaddress.ip_address(str(address[4][0]).split("%")[0]).is_loopback for address in found
    )


def run_server(command: str, listening: socket.socket, *, loopback: bool, ready) -> None:
    """Serve on the `listening` socket until Ctrl+C (or SIGTERM); `ready()` once Ctrl+C
    stops it gracefully."""
    import asyncio
    import logging

    from aiohttp import web
    from textual_serve.server import Server
    from yarl import URL

    class AppServer(Server):
        def __init__(self) -> None:
            host, port = listening.getsockname()[:2]
            super().__init__(command, host=host, port=port, title="compound")
            self.sessions: set[asyncio.Task] = set()

        def initialize_logging(self) -> None:
            # textual-serve's own log, errors only (a tab whose app failed to start);
            # no line per request.
            logging.basicConfig(
                level=logging.WARNING, format="compound serve: %(message)s", stream=sys.stderr
            )

        async def on_startup(self, app: web.Application) -> None:
            ready()

        async def on_shutdown(self, app: web.Application) -> None:
            # Open tabs would otherwise hold the shutdown for aiohttp's whole grace
            # period: end their apps now (each is told to quit, and is awaited).
            for task in list(self.sessions):
                task.cancel()

        def refused(self, request: web.Request) -> bool:
            # On loopback, a page is served only under a loopback name: another name
            # resolving here (DNS rebinding) would let a web site drive the app. And a
            # browser's websocket must come from this server's own page, not another
            # site's script.
            if loopback and not is_loopback(request.url.host or "", resolve=False):
                return True
            origin = request.headers.get("Origin")
            if origin is None:
                return False
            seen = URL(origin)
            return (seen.host, seen.port) != (request.url.host, request.url.port)

        async def handle_index(self, request: web.Request):
            if self.refused(request):
                raise web.HTTPForbidden(text="compound: not served to this address")
            # The page tells the browser where the websocket is: the address the browser
            # used (the one listened on may be 0.0.0.0, or an IPv6 address).
            self.public_url = f"{request.scheme}://{request.host}"
            return await super().handle_index(request)

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            if self.refused(request):
                raise web.HTTPForbidden(text="compound: not served to this page")
            task = asyncio.current_task()
            assert task is not None
            self.sessions.add(task)
            try:
                return await super().handle_websocket(request)
            finally:
                self.sessions.discard(task)

        def serve(self, debug: bool = False) -> None:
            # textual-serve's serve(), on the socket already listening (so a port in use
            # was said before anything else was printed), and Ctrl+C (or SIGTERM) ends the loop
            # gracefully instead of raising KeyboardInterrupt somewhere inside it.
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            for signal_number in (signal.SIGINT, signal.SIGTERM):
                try:
                    loop.add_signal_handler(signal_number, self.request_exit)
                except NotImplementedError:  # Windows: Ctrl+C is KeyboardInterrupt there
                    pass
            web.run_app(
                self._make_app(), sock=listening, handle_signals=False, loop=loop, print=None
            )

    AppServer().serve()


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on host:port (the first address the host resolves to)."""
    family, kind, proto, _name, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    listening = socket.socket(family, kind, proto)
    try:
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind(address)
        listening.listen(128)
    except OSError:
        listening.close()
        raise
    return listening
