"""The HTML team report in a real browser: headless Chromium draws it and reads its DOM.

Skipped (with the reason) where Chromium is not installed, but never under CI=true:
.ci/run installs Debian's chromium package first.
"""

from __future__ import annotations

from datetime import date, timedelta

from tests.exchange.headless import HEIGHT, WIDTH, browser, png_pixels

from compound.domain.team import FinishedBook, MemberHistory, build_report
from compound.exchange.team_html import write

TODAY = date(2026, 11, 22)


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
    browser(chromium, tmp_path, f"--screenshot={shot}", page.as_uri())
    width, height, rows = png_pixels(shot)
    assert (width, height) == (WIDTH, HEIGHT)
    background = rows[5][:3]
    pixels = [row[i : i + 3] for row in rows[::8] for i in range(0, len(row), 24)]
    drawn = sum(1 for p in pixels if p != background)
    assert drawn / len(pixels) > 0.05, "the page is (nearly) blank"
    assert len(set(pixels)) > 20  # text, the bars, the table: many colours, not a flat fill
    # The chart's bars are its accent green, somewhere in the upper half.
    assert any(p == bytes((0x2F, 0x6F, 0x5E)) for p in pixels[: len(pixels) // 2])

    dom = browser(chromium, tmp_path, "--dump-dom", page.as_uri()).stdout
    assert "<table>" in dom and "<svg" in dom and dom.count("<rect") == 12
    assert dom.count("member 0 &lt;b&gt;") == 2  # in the table and the books, as text
    assert "<script" not in dom
