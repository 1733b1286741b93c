"""`compound serve`: the app in a web browser, checked with real processes.

The browser test starts the server, loads the page in headless Chromium (driven over
the DevTools protocol with aiohttp's websocket client), reads what the terminal shows,
types `p 2 5 Enter` and looks in the SQLite file. Skipped (with the reason) where
Chromium is not installed, but never under CI=true: .ci/run installs Debian's chromium.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import shlex
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from compound.cli.serve import is_loopback, session_command

TODAY = "2026-11-22"  # tests/conftest.py pins COMPOUND_TODAY to it


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def compound(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "compound", *argv],
        capture_output=True,
        text=True,
        timeout=60,
    )


class Served:
    """`compound … serve` in its own process group, as a terminal would run it."""

    def __init__(self, *argv: str):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "compound", *argv],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        self.banner = self.process.stdout.readline()  # printed once it listens

    def interrupt(self) -> tuple[int, str, str]:
        """Ctrl+C on the terminal: SIGINT to the whole group (the tabs' apps too)."""
        os.killpg(self.process.pid, signal.SIGINT)
        out, err = self.process.communicate(timeout=20)
        return self.process.returncode, out, err

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.communicate(timeout=10)


@pytest.fixture
def served():
    running: list[Served] = []

    def start(*argv: str) -> Served:
        running.append(Served(*argv))
        return running[-1]

    yield start
    for each in running:
        each.stop()


def pages_on(database: Path, profile: str, day: str = TODAY) -> list[int]:
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT pages FROM reading_log JOIN profile ON profile.id = profile_id "
            "WHERE profile.name = ? AND day = ? ORDER BY reading_log.id",
            (profile, day),
        ).fetchall()
    return [pages for (pages,) in rows]


# -- the command line -----------------------------------------------------------------


def test_the_default_host_is_loopback_and_says_where(served, tmp_path):
    database, port = tmp_path / "c.db", free_port()
    server = served("--db", str(database), "serve", "--port", str(port))
    assert server.banner == (
        f"compound: serving the app (default in {database}) at "
        f"http://127.0.0.1:{port}/ ; Ctrl+C stops\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=5):
        pass  # it listens on loopback
    code, out, err = server.interrupt()
    assert (code, out) == (0, "")
    assert err == "compound: stopped serving\n"  # no warning, no traceback


def test_another_host_is_served_with_a_warning(served, tmp_path):
    database, port = tmp_path / "c.db", free_port()
    server = served("--db", str(database), "serve", "--host", "0.0.0.0", "--port", str(port))
    assert server.banner.startswith("compound: serving the app (default in ")
    code, out, err = server.interrupt()
    assert code == 0
    assert err.splitlines() == [
        f"compound: warning: serving on 0.0.0.0, not only this computer: anyone who can "
        f"reach port {port} there can see and change the records in {database} "
        "(there is no password)",
        "compound: stopped serving",
    ]


def test_a_port_in_use_is_one_line_with_status_2(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = compound("--db", str(tmp_path / "c.db"), "serve", "--port", str(port))
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"compound: port {port} on 127.0.0.1 is already in use; choose another with --port\n"
    )
    assert not (tmp_path / "c.db").exists()


def test_a_profile_that_does_not_exist_is_refused_before_serving(tmp_path):
    database = tmp_path / "c.db"
    assert compound("--db", str(database), "log", "5").returncode == 0
    before = database.read_bytes()
    done = compound(
        "--db", str(database), "--profile", "nobody", "serve", "--port", str(free_port())
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert len(done.stderr.splitlines()) == 1 and "nobody" in done.stderr, done.stderr
    assert database.read_bytes() == before  # nothing stored, no tab ever opened


@pytest.mark.parametrize("port", ["0", "65536", "eighty"])
def test_a_port_out_of_range_is_refused(tmp_path, port):
    done = compound("--db", str(tmp_path / "c.db"), "serve", "--port", port)
    assert done.returncode == 2
    assert done.stderr.startswith("compound: argument --port: a port is a number from 1 to")
    assert len(done.stderr.splitlines()) == 1


def test_each_tab_runs_the_app_on_the_chosen_database_and_profile(tmp_path):
    database = tmp_path / 'my data\'s "file"; rm -rf ~.db'  # quoting must hold
    command = session_command(database, "Mary Ann")
    assert shlex.split(command) == [
        sys.executable,
        "-m",
        "compound",
        "--db",
        str(database),
        "--profile",
        "Mary Ann",
        "serve",
        "--session",
    ]
    # A database named by URL stays in the environment the tabs inherit.
    assert "--db" not in shlex.split(session_command(None, "default"))


def test_which_hosts_reach_only_this_computer():
    assert all(map(is_loopback, ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"]))
    assert not any(map(is_loopback, ["0.0.0.0", "::", "192.168.1.10", "example.invalid"]))
    # A name resolving here counts for listening, never for a request's Host header.
    assert not is_loopback("rebound.example", resolve=False)


def test_a_page_asked_for_under_another_name_or_from_another_site_is_refused(served, tmp_path):
    from urllib.error import HTTPError
    from urllib.request import Request, urlopen

    port = free_port()
    server = served("--db", str(tmp_path / "c.db"), "serve", "--port", str(port))
    assert server.banner.startswith("compound: serving")
    base = f"http://127.0.0.1:{port}"

    def status(path: str, **headers: str) -> int:
        try:
            with urlopen(Request(base + path, headers=headers), timeout=10) as answer:
                return answer.status
        except HTTPError as refused:
            return refused.code

    assert status("/") == 200
    # DNS rebinding: a site's name that now resolves to 127.0.0.1.
    assert status("/", Host=f"rebound.example:{port}") == 403
    # Another site's script opening the app's websocket.
    upgrade = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13"}
    upgrade["Sec-WebSocket-Key"] = base64.b64encode(b"0123456789abcdef").decode()
    assert status("/ws", Origin="https://example.com", **upgrade) == 403
    assert server.interrupt()[0] == 0


# -- in a browser ---------------------------------------------------------------------


# xterm.js is bundled out of reach; when textual-serve's page stores its terminal
# (`this.terminal = new Terminal(…)`), this setter keeps it where the test can read
# the screen's text through xterm's own buffer API.
KEEP_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true});
    window.compoundTerminal = value;
  },
});
"""
SCREEN_TEXT = """
(() => {
  const term = window.compoundTerminal;
  if (!term) return "";
  const buffer = term.buffer.active, lines = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    lines.push(line ? line.translateToString(true) : "");
  }
  return lines.join("\\n");
})()
"""
KEYS = {
    "Enter": {"key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13, "text": "\r"},
}


class DevTools:
    """Just enough of the Chrome DevTools protocol: commands on one page's websocket."""

    def __init__(self, socket_):
        self.socket, self.next_id = socket_, 0

    async def call(self, method: str, **params):
        self.next_id += 1
        await self.socket.send_json({"id": self.next_id, "method": method, "params": params})
        while True:
            message = json.loads((await self.socket.receive()).data)
            if message.get("id") == self.next_id:
                assert "error" not in message, (method, message["error"])
                return message.get("result", {})

    async def screen(self) -> str:
        found = await self.call("Runtime.evaluate", expression=SCREEN_TEXT, returnByValue=True)
        return found["result"].get("value", "")

    async def wait_for(self, pattern: str, seconds: float = 15) -> str:
        deadline, text = time.monotonic() + seconds, ""
        while time.monotonic() < deadline:
            text = await self.screen()
            if re.search(pattern, text):
                return text
            await asyncio.sleep(0.2)
        raise AssertionError(f"{pattern!r} never shown; the screen:\n{text}")

    async def press(self, name: str) -> None:
        if name in KEYS:
            key = KEYS[name]
        else:  # a letter or a digit
            code = f"Key{name.upper()}" if name.isalpha() else f"Digit{name}"
            key = {"key": name, "code": code, "text": name}
            key["windowsVirtualKeyCode"] = ord(name.upper())
        await self.call("Input.dispatchKeyEvent", type="keyDown", **key)
        await self.call("Input.dispatchKeyEvent", type="keyUp", key=key["key"], code=key["code"])

    async def screenshot(self, path: Path) -> None:
        shot = await self.call("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(shot["data"]))


def launch(chromium: str, profile_dir: Path) -> tuple[subprocess.Popen, str]:
    """Headless Chromium with the DevTools protocol on a free port: (process, its URL)."""
    browser = subprocess.Popen(
        [
            chromium,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
            "--remote-debugging-port=0",
            f"--user-data-dir={profile_dir}",
            "--window-size=1200,800",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        line = browser.stderr.readline()
        if found := re.search(r"DevTools listening on (ws://\S+)", line):
            return browser, found.group(1)
        if not line and browser.poll() is not None:
            break
    browser.kill()
    raise AssertionError("Chromium did not open its DevTools port")


async def log_pages_in_the_browser(devtools_url: str, page_url: str, shot: Path) -> str:
    import aiohttp

    http = devtools_url.replace("ws://", "http://").split("/devtools/")[0]
    async with aiohttp.ClientSession() as client:
        async with client.get(f"{http}/json/list") as answer:
            targets = await answer.json(content_type=None)
        page = next(target for target in targets if target["type"] == "page")
        async with client.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
            tab = DevTools(ws)
            await tab.call("Page.enable")
            await tab.call("Page.addScriptToEvaluateOnNewDocument", source=KEEP_TERMINAL)
            await tab.call("Page.navigate", url=page_url)
            try:
                today = await tab.wait_for(
                    r"profile reader · Sun 22 Nov 2026[\s\S]*Reading\s+3 pages"
                )
                await tab.call(
                    "Runtime.evaluate",
                    expression="document.querySelector('.xterm-helper-textarea').focus()",
                )
                for name in ("p", "2", "5", "Enter"):
                    await tab.press(name)
                # 3 logged before and these 25: today's total.
                await tab.wait_for(r"Reading\s+28 pages")
            finally:
                await tab.screenshot(shot)
            return today


def test_pages_logged_in_a_browser_tab_are_stored(chromium, served, tmp_path):
    database, port = tmp_path / "c.db", free_port()
    for argv in (["profile", "add", "reader"], ["--profile", "reader", "log", "3"]):
        assert compound("--db", str(database), *argv).returncode == 0
    assert compound("--db", str(database), "log", "7").returncode == 0  # default's own
    server = served("--db", str(database), "--profile", "reader", "serve", "--port", str(port))
    assert server.banner.startswith("compound: serving the app (reader in ")

    browser, devtools_url = launch(chromium, tmp_path / "chromium")
    shot = tmp_path / "served.png"
    try:
        try:
            first = asyncio.run(
                asyncio.wait_for(
                    log_pages_in_the_browser(devtools_url, f"http://127.0.0.1:{port}/", shot), 40
                )
            )
        except AssertionError as failed:
            raise AssertionError(f"{failed}\nscreenshot: {shot}") from None
        # The app in the tab is the one chosen when serving, on today's figures.
        assert re.search(r"profile reader · Sun 22 Nov 2026", first), f"screenshot: {shot}"
        assert pages_on(database, "reader") == [3, 25], f"screenshot: {shot}"
        assert pages_on(database, "default") == [7]
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"screenshot: {shot}"
        # Ctrl+C with the tab still open: its app is told to quit, nothing is left over.
        started = time.monotonic()
        code, out, err = server.interrupt()
        assert (code, err) == (0, "compound: stopped serving\n"), out
        assert time.monotonic() - started < 10
    finally:
        os.killpg(browser.pid, signal.SIGKILL)
        browser.wait(timeout=10)
