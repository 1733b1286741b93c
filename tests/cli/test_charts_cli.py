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
KINDS = ("daily", "cumulative", "projection", "weekday", "sessions", "calendar")


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
    assert out.splitlines()[0].strip() and "┌" in out and "└" in out


def test_a_years_calendar(db_url, db_path, ok):
    from compound.store.repository import Store

    store = Store.open(db_url)
    try:
        for n in range(0, 400, 6):
            store.log_pages(day=TODAY - timedelta(days=n), pages=5 + n % 40)
    finally:
        store.close()
    lines = ok("chart", "calendar").lines
    assert (
        lines[0].strip() == "Pages a day since Nov 17 2025:  · 0  ░ 1-13  ▒ 14-23  ▓ 24-33  █ 34+"
    )
    assert [line[:3] for line in lines[2:9]] == ["Mon", "   ", "Wed", "   ", "Fri", "   ", "   "]
    assert sum(
        line.count("░") + line.count("▒") + line.count("▓") + line.count("█") for line in lines[2:9]
    ) == len(range(0, 365 + 6, 6))  # back to Monday 17 Nov 2025


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
