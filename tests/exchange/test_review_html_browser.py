"""The year in review's page in a real browser: headless Chromium draws it and reads its DOM.

Skipped (with the reason) where Chromium is not installed, but never under CI=true:
.ci/run installs Debian's chromium package first.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from tests.exchange.headless import HEIGHT, WIDTH, browser, png_pixels

from compound.domain.records import Book, BookStatus, ReadingLog
from compound.domain.review import year_review
from compound.domain.totals import DailyTotals, History
from compound.exchange.review_html import BOOKS_COLOUR, PAGES_COLOUR, page, write

TODAY = date(2026, 11, 22)
HOSTILE = '<script>alert("x")</script><img src="http://evil.example/x.png"> \u202eevil'


def _review():
    pages = {}
    day = date(2025, 1, 1)
    while day.year == 2025:
        if day.day % 5:
            pages[day] = 10 + day.month * 3
        day += timedelta(days=1)
    books = [
        Book(
            id=n,
            title=HOSTILE if n == 0 else f"Book {n}",
            author="Ann <b>Leckie</b>" if n % 2 else "Ursula K. Le Guin",
            total_pages=150 + n * 20,
            isbn=None,
            status=BookStatus.FINISHED,
            started_on=None,
            finished_on=date(2025, 1 + n % 12, 10),
            source="goodreads",
        )
        for n in range(20)
    ]
    history = History(
        today=TODAY,
        totals=DailyTotals(pages=pages),
        finished_days=tuple(sorted(b.finished_on for b in books)),
    )
    logs = [
        ReadingLog(n, day, read, None, None, None, None, None)  # type: ignore[arg-type]
        for n, (day, read) in enumerate(sorted(pages.items()))
    ]
    return year_review(2025, history, books, logs)


def test_the_review_renders_in_headless_chromium(chromium, tmp_path):
    target = tmp_path / "review.html"
    with target.open("w", encoding="utf-8") as out:
        write(_review(), out)

    shot = tmp_path / "review.png"
    browser(chromium, tmp_path, f"--screenshot={shot}", target.as_uri())
    width, height, rows = png_pixels(shot)
    assert (width, height) == (WIDTH, HEIGHT)
    background = rows[5][:3]
    pixels = [row[i : i + 3] for row in rows[::4] for i in range(0, len(row), 12)]
    drawn = sum(1 for p in pixels if p != background)
    assert drawn / len(pixels) > 0.05, "the page is (nearly) blank"
    # The books chart's bars are drawn, in their colour, within the first screen.
    assert bytes.fromhex(BOOKS_COLOUR[1:]) in pixels

    dom = browser(chromium, tmp_path, "--dump-dom", target.as_uri()).stdout
    assert dom.count('class="bar"') == 24  # twelve months, two charts
    assert f'fill="{BOOKS_COLOUR}"' in dom and f'fill="{PAGES_COLOUR}"' in dom
    assert 'id="books-chart"' in dom and 'id="pages-chart"' in dom
    # The hostile title is text: no script, no image, its override made visible.
    assert "<script" not in dom and "<img" not in dom
    assert "&lt;script&gt;alert" in dom and "\\u202eevil" in dom and "\u202e" not in dom
    assert "Ann &lt;b&gt;Leckie&lt;/b&gt;" in dom


def test_the_page_asks_for_nothing_from_anywhere():
    html = page(_review())
    assert "default-src 'none'" in html  # the Content-Security-Policy forbids requests
    # Nothing that would fetch: no src or href attributes, no CSS url() or @import; the
    # one address is the SVG namespace, and the hostile title's is escaped text.
    assert not re.search(r"<[^<>]*\s(src|href)\s*=", html)
    assert " src=&quot;http://evil.example" in html  # the title's, as text
    assert "url(" not in html and "@import" not in html
    addresses = set(re.findall(r"https?://[^\s\"'<>]+", html))
    assert addresses <= {"http://www.w3.org/2000/svg", "http://evil.example/x.png&quot;&gt;"}
    assert '<img src="http' not in html
