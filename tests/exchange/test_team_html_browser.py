"""The HTML team report in a real browser: headless Chromium draws it and reads its DOM.

Skipped (with the reason) where Chromium is not installed, but never under CI=true:
.ci/run installs Debian's chromium package first.
"""

from __future__ import annotations

import struct
import subprocess
import zlib
from datetime import date, timedelta
from pathlib import Path

from compound.domain.team import FinishedBook, MemberHistory, build_report
from compound.exchange.team_html import write

TODAY = date(2026, 11, 22)
WIDTH, HEIGHT = 800, 600  # small: the PNG is decoded in Python


def _browser(chromium: str, tmp: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--disable-extensions",
            f"--user-data-dir={tmp / 'profile'}",
            f"--window-size={WIDTH},{HEIGHT}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )


def png_pixels(path: Path) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of RGB(A) bytes) of an 8-bit, non-interlaced PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    offset, idat = 8, b""
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset : offset + 8])
        body = data[offset + 8 : offset + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _c, _f, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and interlace == 0 and colour in (2, 6)
            size = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    raw, stride, rows, previous = zlib.decompress(idat), width * size, [], bytearray(width * size)
    for y in range(height):
        line = raw[y * (stride + 1) : (y + 1) * (stride + 1)]
        kind, row = line[0], bytearray(line[1:])
        for x in range(stride):  # undo the scanline filter (PNG spec, section 9)
            left = row[x - size] if x >= size else 0
            up = previous[x]
            corner = previous[x - size] if x >= size else 0
            if kind == 1:
                row[x] = (row[x] + left) & 0xFF
            elif kind == 2:
                row[x] = (row[x] + up) & 0xFF
            elif kind == 3:
                row[x] = (row[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                row[x] = (
                    row[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)
                ) & 0xFF
        rows.append(bytes(row[i] for i in range(stride) if i % size < 3))
        previous = row
    return width, height, rows


def test_the_report_renders_in_headless_chromium(chromium, tmp_path):
    members = [
        MemberHistory(
            f"member {n} <b>",
            [(TODAY - timedelta(days=d), 10 + n, 0, 0) for d in range(80, -1, -1 - n)],
            finished=(FinishedBook(date(2026, 6, 1), "Война и мир"),),
        )
        for n in range(4)
    ]
    page = tmp_path / "team.html"
    with page.open("w", encoding="utf-8") as out:
        write(build_report(members, TODAY, include_books=True), out)

    shot = tmp_path / "team.png"
    _browser(chromium, tmp_path, f"--screenshot={shot}", page.as_uri())
    width, height, rows = png_pixels(shot)
    assert (width, height) == (WIDTH, HEIGHT)
    background = rows[5][:3]
    pixels = [row[i : i + 3] for row in rows[::8] for i in range(0, len(row), 24)]
    drawn = sum(1 for p in pixels if p != background)
    assert drawn / len(pixels) > 0.05, "the page is (nearly) blank"
    assert len(set(pixels)) > 20  # text, the bars, the table: many colours, not a flat fill
    # The chart's bars are its accent green, somewhere in the upper half.
    assert any(p == bytes((0x2F, 0x6F, 0x5E)) for p in pixels[: len(pixels) // 2])

    dom = _browser(chromium, tmp_path, "--dump-dom", page.as_uri()).stdout
    assert "<table>" in dom and "<svg" in dom and dom.count("<rect") == 12
    assert dom.count("member 0 &lt;b&gt;") == 2  # in the table and the books, as text
    assert "<script" not in dom
