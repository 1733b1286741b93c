"""`compound chart KIND`: charts of real check-ins in a SQLite file, sized to the terminal."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date, timedelta

import pytest

from compound.domain.records import GoalKind, SessionKind

TODAY = date(2026, 11, 22)
KINDS = ("daily", "cumulative", "projection", "weekday", "sessions", "calendar", "years")


def ago(n: int) -> str:
    return (TODAY - timedelta(days=n)).isoformat()


@pytest.fixture(scope="module")
def logged_template(tmp_path_factory):
    """Ten days of reading (two missed), a daily goal of 20 and a few sessions, made once."""
    from compound.store.repository import Store

    path = tmp_path_factory.mktemp("charts") / "template.db"
    store = Store.open(f"sqlite:///{path}")
    try:
        for n, pages in enumerate([30, 12, 0, 25, 40, 18, 0, 22, 35, 20]):
            if pages:
                store.log_pages(day=TODAY - timedelta(days=n), pages=pages)
        store.set_goal(GoalKind.DAILY_PAGES, 20, since=TODAY)
        store.log_session(day=TODAY - timedelta(days=1), minutes=90, kind=SessionKind.COURSE)
        store.log_session(day=TODAY - timedelta(days=3), minutes=45, kind=SessionKind.PODCAST)
        store.log_session(
            day=TODAY - timedelta(days=40),
            minutes=30,  # outside 30 days
            kind=SessionKind.COURSE,
        )
    finally:
        store.close()
    return path


@pytest.fixture
def logged(logged_template, db_path):
    """A copy of the template database, as this test's COMPOUND_DB."""
    shutil.copyfile(logged_template, db_path)
    return db_path


def test_daily_chart_fits_the_terminal_and_is_plain_text_in_a_pipe(logged, ok, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    out = ok("chart", "daily").out
    lines = out.splitlines()
    assert "Pages a day, last 30 days: 202 pages, 6.7 a day, goal 20" in lines[0]
    assert max(len(line) for line in lines) <= 100 and len(lines) <= 25
    assert "\x1b[" not in out  # not a terminal: no colour codes
    assert "goal" in out and "█" in out and "Nov 22" in lines[-1]


def test_size_options(logged, ok):
    lines = ok("chart", "daily", "--days", "10", "--width", "50", "--height", "12").lines
    assert len(lines) == 12 and max(len(line) for line in lines) <= 50
    assert "last 10 days" in lines[0]


GOODREADS_HEADER = (
    "Book Id,Title,Author,Author l-f,Additional Authors,ISBN,ISBN13,My Rating,Publisher,"
    "Binding,Number of Pages,Year Published,Original Publication Year,Date Read,Date Added,"
    "Bookshelves,Bookshelves with positions,Exclusive Shelf,My Review,Spoiler,Private Notes,"
    "Read Count,Owned Copies"
)


def test_years_chart_shows_a_whole_imported_library_year_by_year(db_path, tmp_path, ok):
    # 358 books finished over twelve years, as Goodreads exports them: books, no logs.
    rows = [GOODREADS_HEADER]
    for n in range(358):
        read = date(2015 + n % 12, 1 + n // 12 % 10, 1 + n % 28)
        rows.append(
            f'{5000 + n},Book {n},Author {n % 40},"{n % 40}, Author",,"=""""","=""""",4,,'
            f"Paperback,{200 + n % 300},2001,2001,{read:%Y/%m/%d},{read:%Y/%m/%d},,,read,,,,1,0"
        )
    export = tmp_path / "goodreads_library_export.csv"
    export.write_text("\n".join(rows) + "\n", encoding="utf-8")
    ok("import", "goodreads", str(export))
    ok("log", "30")  # and today's pages, logged here
    lines = ok("chart", "years", "--width", "80", "--height", "22").lines
    assert len(lines) <= 22 and max(len(line) for line in lines) <= 80
    assert lines[0].strip() == "Books and pages a year, 2015–2026: 358 books, 30 pages"
    assert lines[-1].split() == [str(year) for year in range(2015, 2027)]
    inside = [line for line in lines if "│" in line]
    # Twelve bars of books, each year holding 29 or 30 of them, and one of pages.
    top = next(n for n, line in enumerate(inside) if "books finished" in line)
    pages_at = next(n for n, line in enumerate(inside) if "pages read" in line)
    book_columns = {
        c for line in inside[top + 1 : pages_at] for c, ch in enumerate(line) if ch == "█"
    }
    page_columns = {c for line in inside[pages_at + 1 :] for c, ch in enumerate(line) if ch == "█"}
    runs = [c for c in sorted(book_columns) if c - 1 not in book_columns]
    assert len(runs) == 12 and len([c for c in page_columns if c - 1 not in page_columns]) == 1
    assert max(page_columns) > max(runs)  # the pages are this year's, the last column


def test_projection_resamples_the_days_asked_for(logged, ok):
    # By default the days the pace is measured on; further back, from the first entry
    # on: the session 40 days ago.
    assert "from your last 30 days" in ok("chart", "projection").out
    assert "from your last 41 days" in ok("chart", "projection", "--days", "60").out
    assert "from your last 7 days" in ok("chart", "projection", "--days", "7").out


def test_sessions_chart_reads_the_minutes_by_kind_of_the_window(logged, ok):
    out = ok("chart", "sessions").out
    assert "Learning by kind, last 30 days: 2h15m" in out
    assert "course 1h30m" in out and "podcast 45m" in out
    assert "2h" in ok("chart", "sessions", "--days", "60").out.splitlines()[0]  # 2h45m


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_draws_from_real_data(logged, ok, kind):
    out = ok("chart", kind).out
    # The calendar is a grid of days without a frame, its legend below.
    drawn = ("Mon", "less ·░▒▓█ more") if kind == "calendar" else ("┌", "└")
    assert out.splitlines()[0].strip() and all(part in out for part in drawn)


# -- the calendar, read back from what is printed -------------------------------------------


def calendar_grid(lines: list[str]) -> tuple[str, list[str]]:
    """The month names' line and the seven weekday rows, Monday first (from the row
    labelled Mon), each padded to the widest line."""
    top = next(n for n, line in enumerate(lines) if line.startswith("Mon"))
    width = max(len(line) for line in lines)
    return lines[top - 1].ljust(width), [line.ljust(width) for line in lines[top : top + 7]]


def week_columns(rows: list[str]) -> list[int]:
    """The columns with a day drawn in any row, left to right: one a week."""
    return [c for c in range(4, len(rows[0])) if any(row[c] != " " for row in rows)]


def column_of(rows: list[str], day: date) -> int:
    """The column of `day`'s week, counted back from today's (the rightmost)."""
    weeks_back = (TODAY.toordinal() - TODAY.weekday() - day.toordinal() + day.weekday()) // 7
    return week_columns(rows)[-1 - weeks_back]


def drawn_at(rows: list[str], day: date) -> str:
    """What is drawn for `day`: in the row of its weekday, the column of its week."""
    return rows[day.weekday()][column_of(rows, day)]


def _logged(db_url, pages: dict[int, int], goals=(), skips=()) -> None:
    """Pages on the days `ago` each key; goals as (target, since days ago, schedule)."""
    from compound.store.repository import Store

    store = Store.open(db_url)
    try:
        for n, count in pages.items():
            store.log_pages(day=TODAY - timedelta(days=n), pages=count)
        for target, since, schedule in goals:
            store.set_goal(
                GoalKind.DAILY_PAGES, target, since=TODAY - timedelta(days=since), schedule=schedule
            )
        for n in skips:
            store.add_skips(TODAY - timedelta(days=n), TODAY - timedelta(days=n))
    finally:
        store.close()


def test_a_years_calendar(db_url, db_path, ok):
    import re

    pages = {n: 5 + n % 40 for n in range(0, 400, 6)}
    _logged(db_url, pages)
    lines = ok("chart", "calendar").lines
    shown = {n: p for n, p in pages.items() if n < 365}
    assert lines[0] == (
        f"Pages a day since Nov 23 2025: {sum(shown.values()):,} pages on {len(shown)} days"
    )
    months, rows = calendar_grid(lines)
    assert [row[:3] for row in rows] == ["Mon", "   ", "Wed", "   ", "Fri", "   ", "   "]
    # Each month's name starts over the column of the week holding its 1st.
    named = {m[0]: m.start() for m in re.finditer(r"\S+", months)}
    assert list(named) == "Dec Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov".split()
    for name, column in named.items():
        first = next(
            date(year, month, 1)
            for year, month in ((2025, 12), *((2026, m) for m in range(1, 12)))
            if f"{date(year, month, 1):%b}" == name
        )
        assert column == column_of(rows, first)
    # The days before the window (Mon 17 to Sat 22 Nov 2025) are blank, not "nothing read".
    assert [row[week_columns(rows)[0]] for row in rows] == [" "] * 6 + ["·"]
    # The legend names each level's pages, and every day read is drawn in its range.
    legend = "\n".join(lines[9:])
    assert "less ·░▒▓█ more" in legend
    limits = re.search(r"quarters of reading days:  ░ 1-(\d+)  ▒ \d+-(\d+)  ▓ \d+-(\d+)", legend)
    assert limits
    low, middle, high = (int(limit) for limit in limits.groups())
    for n, count in shown.items():
        level = 1 + (count > low) + (count > middle) + (count > high)
        assert drawn_at(rows, TODAY - timedelta(days=n)) == "·░▒▓█"[level], (n, count)
    drawn = sum(row.count(shade) for row in rows for shade in "░▒▓█")
    assert drawn == len(shown)


@pytest.mark.parametrize("days", range(7, 14))
def test_calendar_rows_hold_their_weekdays_whatever_day_the_window_starts(db_url, ok, days):
    # Today is a Sunday: 7 to 13 days start on each weekday, Monday back to Tuesday.
    _logged(db_url, {n: 10 for n in range(30)} | {3: 40})
    lines = ok("chart", "calendar", "--days", str(days)).lines
    _, rows = calendar_grid(lines)
    start = TODAY - timedelta(days=days - 1)
    first = week_columns(rows)[0]
    assert [row[first] != " " for row in rows] == [n >= start.weekday() for n in range(7)]
    # Thursday's 40 pages, the one day at the top level, in Thursday's row.
    top = [(r, c) for r, row in enumerate(rows) for c, ch in enumerate(row) if ch == "█"]
    assert top == [(3, week_columns(rows)[-1])]


def test_calendar_shades_by_each_days_goal_and_marks_skip_days_and_days_off(db_url, ok):
    # 20 pages every day from 40 days ago; from 10 days ago 25 on weekdays only; before
    # any goal, two days read; last Tuesday skipped.
    _logged(
        db_url,
        {50: 30, 45: 10, 12: 20, 11: 13, 3: 20, 2: 25},
        goals=[(20, 40, None), (25, 10, "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")],
        skips=[5],
    )
    lines = ok("chart", "calendar", "--days", "60", "--width", "100").lines
    _, rows = calendar_grid(lines)

    def at(n: int) -> str:
        return drawn_at(rows, TODAY - timedelta(days=n))

    assert at(12) == "█"  # 20 met the 20 of its day
    assert at(11) == "▒"  # 13 of 20: two thirds or less
    assert at(3) == "▓"  # 20 of 25: under the goal
    assert at(2) == "█"
    assert at(5) == "×"  # the skip day
    assert (at(1), at(8)) == ("◦", "◦")  # Saturdays off under the weekday goal
    assert at(15) == "·"  # a Saturday with the everyday goal: nothing read
    assert (at(50), at(45)) == ("▓", "░")  # before any goal: the quartiles of such days
    legend = "\n".join(lines[9:])
    for part in (
        "less ·░▒▓█ more",
        "× skip day",
        "◦ not due",
        "against each day's goal (20, then 25):",
        "░ under a third  ▒ under two thirds  ▓ under the goal  █ met",
        "days without a goal, by quarter:  ░ 1-10  ▓ 11-30  █ 31+",
    ):
        assert part in legend, part


def test_calendar_is_coloured_on_a_terminal_only(db_url, ok, monkeypatch, capsys):
    import sys

    from compound import charts
    from compound.cli.charts import _calendar

    _logged(db_url, {1: 30, 2: 5}, skips=[3])
    assert "\x1b[" not in ok("chart", "calendar").out  # a pipe: plain
    data = charts.ChartData(_history_of(db_url), 14)

    class Terminal:
        out = sys.stdout

        def print(self, *lines: str) -> None:
            print(*lines, file=self.out)

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    Terminal.out = sys.stdout
    capsys.readouterr()
    _calendar(Terminal(), charts.calendar(data, 80, 20))
    coloured = capsys.readouterr().out
    assert "\x1b[92m█" in coloured and "\x1b[36m×" in coloured and "\x1b[32m░" in coloured
    monkeypatch.setenv("NO_COLOR", "1")
    _calendar(Terminal(), charts.calendar(data, 80, 20))
    assert "\x1b[" not in capsys.readouterr().out


def _history_of(db_url):
    from compound.store.repository import Store

    store = Store.open(db_url)
    try:
        return store.history_until(TODAY)
    finally:
        store.close()


def test_chart_calendar_never_imports_plotext(db_url, db_path):
    _logged(db_url, {1: 30})
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    probe = (
        "import json, sys\nfrom compound.cli import main\ncode = main(['chart', 'calendar'])\n"
        "print(json.dumps([code, 'plotext' in sys.modules]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == [0, False]
    assert "less ·░▒▓█ more" in done.stdout


@pytest.mark.parametrize(
    ("kind", "sentence"),
    [
        ("daily", "No pages logged in the last 30 days: log a few days to see them here."),
        ("cumulative", "No pages logged this year yet: log a few days to see the year add up."),
        ("projection", "Log a week or more to see where this year is heading."),
        ("weekday", "Log a week or more to see your pages by weekday."),
        (
            "sessions",
            "No learning sessions in the last 30 days: "
            "log some with `compound learn` to see them here.",
        ),
        (
            "calendar",
            "No pages logged in the last 365 days: log a few days to see the calendar fill in.",
        ),
        (
            "years",
            "No books finished and no pages logged yet: finish a book to see your years here.",
        ),
    ],
)
def test_too_little_data_is_one_plain_sentence(db_path, ok, kind, sentence):
    assert ok("chart", kind).lines == [sentence]


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        (["chart", "pie"], "compound: argument KIND: invalid choice: 'pie'"),
        (["chart"], "compound: the following arguments are required: KIND"),
        (["chart", "daily", "--days", "0"], "compound: --days must be at least 1, not 0"),
        (["chart", "daily", "--days", "ten"], "compound: --days must be a whole number, not 'ten'"),
        (["chart", "weekday", "--days", "99999"], "compound: --days 99,999 is more than 3,660"),
        (
            ["chart", "cumulative", "--days", "30"],
            "compound: --days does not apply to the cumulative chart: it shows this year",
        ),
        (
            ["chart", "years", "--days", "30"],
            "compound: --days does not apply to the years chart: it shows every year",
        ),
        (["chart", "daily", "--width", "12"], "compound: --width must be at least 30, not 12"),
        (["chart", "daily", "--height", "x"], "compound: --height must be a whole number, not 'x'"),
    ],
)
def test_bad_input_is_one_line_and_status_2(logged, run, snapshot_rows, db_url, argv, error):
    before = snapshot_rows(db_url)
    result = run(*argv)
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith(error) and result.err.count("\n") == 1
    assert snapshot_rows(db_url) == before


def test_help_lists_the_kinds(run):
    result = run("chart", "--help")
    assert result.code == 0
    text = " ".join(result.out.split())
    for kind in KINDS:
        assert f"{kind}:" in text


def test_chart_daily_never_imports_textual(tmp_path, monkeypatch, run):
    db = tmp_path / "compound.db"
    monkeypatch.setenv("COMPOUND_DB", str(db))
    assert run("log", "12").code == 0
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    probe = (
        "import json, sys\nfrom compound.cli import main\ncode = main(['chart', 'daily'])\n"
        "print(json.dumps([code, sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('textual', 'textual_plotext', 'plotext'))]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    code, loaded = json.loads(done.stdout.splitlines()[-1])
    assert code == 0 and "Pages a day" in done.stdout
    assert "plotext" in loaded and not [m for m in loaded if m.startswith("textual")]


def test_sessions_kinds_are_all_known():
    # The chart orders kinds as SessionKind does; a new kind must still be drawable.
    from compound.domain.series import minutes_by_kind

    assert [k for k, _ in minutes_by_kind({k.value: 10 for k in SessionKind})] == [
        k.value for k in SessionKind
    ]


def test_help_names_each_charts_own_default_days():
    # The help text is kept apart from compound.charts (so --help skips plotext).
    import re

    from compound import charts
    from compound.cli.charts import KINDS

    said = {
        kind: int(m[1])
        for kind, what in KINDS.items()
        if (m := re.search(r"default (\d+)\)", what))
    }
    assert said == charts.DEFAULT_DAYS
