"""No input makes compound slow or huge, and imports are held to the command line's bounds.

A schedule names days: a rule finer than a day (FREQ=SECONDLY is 86,400 occurrences
a day) is refused wherever a goal comes in (the command line, the application layer
the app's goal dialog calls, compound JSON imports, a team member's file), and one
already stored (by an older compound, or raw SQL) is read as every day, so expanding
it never makes more than one occurrence for each day asked for. KOReader pages
rescaled from a tiny layout stay within the book and within one log's limit, in
bounded memory. An imported file is refused in one line where the command line
would refuse what it holds.

What would be unbounded is measured by the memory a call holds (tracemalloc), the CPU
time it takes, or a subprocess's timeout, never by a close wall-clock margin: each
bound is several times what the bounded code needs, and each timeout marks where
work ran past any reasonable bound (and stops it, so the suite never hangs).
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import tracemalloc
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from reliability_kit import SCALE, TODAY, Result, cli, dump, process_env, rows, settle

from compound.config import Settings
from compound.domain.errors import InputError
from compound.domain.goals import GoalChange, GoalTimeline, check_schedule
from compound.domain.imports import ReadOptions
from compound.domain.records import GoalKind
from compound.domain.schedules import expand
from compound.exchange import koreader
from compound.tracker.core import Tracker

SAMPLES = Path(__file__).parent.parent / "fixtures" / "exchange"
sys.path.insert(0, str(SAMPLES))
import koreader_stats  # noqa: E402

DAY = date.fromisoformat(TODAY)
PAGES = GoalKind.DAILY_PAGES
# Every second of every day, written as a daily rule: 86,400 occurrences a day.
EVERY_SECOND_OF_THE_DAY = (
    "FREQ=DAILY;BYHOUR="
    + ",".join(map(str, range(24)))
    + ";BYMINUTE="
    + ",".join(map(str, range(60)))
    + ";BYSECOND="
    + ",".join(map(str, range(60)))
)
FINER_THAN_A_DAY = {
    "every second": "FREQ=SECONDLY",
    "every minute": "FREQ=MINUTELY",
    "every hour on Mondays": "FREQ=HOURLY;BYDAY=MO",
    "every second as a daily rule": EVERY_SECOND_OF_THE_DAY,
}
# A megabyte of memory is far more than any of the bounded calls below allocates;
# the unbounded ones allocated tens of megabytes for the same input.
BOUNDED_BYTES = 1_000_000


def peak_bytes(call) -> tuple[object, int]:
    """What `call()` returns, and the most memory it held at once."""
    tracemalloc.start()
    try:
        result = call()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@contextmanager
def cpu_bound(seconds: float):
    """Fail the block once it has used `seconds` of this process's CPU time: unbounded
    work is stopped where it runs (a SIGVTALRM), and the suite never hangs on it."""

    def stop(_signum, _frame):
        pytest.fail(f"ran past {seconds:g} s of CPU time: unbounded work")

    previous = signal.signal(signal.SIGVTALRM, stop)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)


def compound_process(args: list[str], env: dict[str, str], *, timeout: float) -> Result:
    """`python -m compound ARGS…` in a subprocess; a run past `timeout` seconds fails the
    test as unbounded work (and is killed, so the suite never hangs on it)."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "compound", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"`compound {' '.join(args)}` ran past {timeout:g} s: unbounded work")
    return Result(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def database(tmp_path, monkeypatch) -> Path:
    """A SQLite file with a book, a log and a daily goal; COMPOUND_DB names it."""
    path = tmp_path / "data" / "compound.db"
    path.parent.mkdir()
    monkeypatch.setenv("COMPOUND_DB", str(path))
    for argv in (
        ["book", "add", "Deep Work", "--pages", "296", "--start"],
        ["log", "20", "--date", "yesterday"],
        ["goal", "set", "daily-pages", "20", "--schedule", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"],
    ):
        result = cli(*argv)
        assert result.code == 0, (argv, result)
    settle(path)
    return path


def store_schedule(path: Path, rule: str, since: date) -> None:
    """Write `rule` into the goal as an older compound (or raw SQL) could have."""
    con = sqlite3.connect(path)
    try:
        with con:
            con.execute("UPDATE goal SET schedule = ?, since = ?", (rule, since.isoformat()))
    finally:
        con.close()


def refused_and_unchanged(result: Result, path: Path, before: list[str]) -> None:
    said = (result.code, result.out[:300], result.err[:300])
    assert "Traceback" not in result.err, said
    assert result.refused_in_one_line(), said
    assert dump(path) == before, said  # a refusal changes nothing stored


# -- 1. schedules finer than a day --------------------------------------------------------


@pytest.mark.parametrize("name", sorted(FINER_THAN_A_DAY))
def test_the_command_line_refuses_a_schedule_finer_than_a_day(database, name, figures):
    before = dump(database)
    result = cli("goal", "set", "daily-pages", "20", "--schedule", FINER_THAN_A_DAY[name])
    refused_and_unchanged(result, database, before)
    assert "a schedule names days" in result.err
    figures.add("schedules finer than a day refused")


def test_a_schedule_that_never_moves_on_is_refused_rather_than_walked_for_ever(
    database, tmp_path, figures
):
    # dateutil never ends walking a rule whose interval is 0: once stored, every later
    # `status` hung for ever.
    before = dump(database)
    result = compound_process(
        ["goal", "set", "daily-pages", "20", "--schedule", "FREQ=DAILY;INTERVAL=0"],
        process_env(tmp_path / "home", database),
        timeout=15,  # bounded: under a second on an idle machine
    )
    refused_and_unchanged(result, database, before)
    figures.add("schedules finer than a day refused")


def test_a_schedule_naming_no_day_is_refused_after_a_bounded_walk():
    # No day has it: dateutil walked every day to the year 9999 (4 s of CPU) to find
    # that out; now at most one 400-year cycle (a few tenths of a second).
    with cpu_bound(2.0), pytest.raises(InputError, match="names some days"):
        check_schedule("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30")


# Rules as a hand, a paste or a damaged file writes them: every frequency, intervals
# and counts out of every range, days of the month and year that never come.
RULE_PART = st.sampled_from(
    [
        "INTERVAL=0",
        "INTERVAL=1",
        "INTERVAL=3",
        "INTERVAL=1000",
        "INTERVAL=1001",
        "INTERVAL=-2",
        "INTERVAL=" + "9" * 40,
        "COUNT=0",
        "COUNT=3",
        "COUNT=" + "9" * 12,
        "UNTIL=20261130",
        "UNTIL=20200101T000000Z",
        "UNTIL=99999999",
        "BYDAY=MO,WE",
        "BYDAY=-1FR",
        "BYDAY=XX",
        "BYMONTH=2",
        "BYMONTH=13",
        "BYMONTHDAY=30",
        "BYMONTHDAY=-1",
        "BYYEARDAY=366",
        "BYWEEKNO=53",
        "BYSETPOS=-1",
        "WKST=SU",
        "BYHOUR=" + ",".join(map(str, range(24))),
        "BYMINUTE=" + ",".join(map(str, range(60))),
        "BYSECOND=0,30",
        "BYEASTER=0",
        "DTSTART=20260101",
        "",
    ]
)
FREQUENCY = st.sampled_from(
    ["SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY", "NEVER"]
)


@given(frequency=FREQUENCY, parts=st.lists(RULE_PART, max_size=4))
@example(frequency="SECONDLY", parts=[])
@example(frequency="DAILY", parts=["INTERVAL=0"])
@example(frequency="DAILY", parts=["BYMONTH=2", "BYMONTHDAY=30"])
@example(frequency="DAILY", parts=["BYHOUR=" + ",".join(map(str, range(24)))])
@settings(max_examples=40 * SCALE, deadline=None, derandomize=True, database=None)
def test_any_rule_is_refused_in_one_line_or_expands_at_most_once_a_day(frequency, parts, figures):
    rule = ";".join([f"FREQ={frequency}", *parts])
    since, until = DAY - timedelta(days=59), DAY
    with cpu_bound(3.0):
        try:
            checked = check_schedule(rule)
        except InputError as refusal:
            assert "\n" not in str(refusal)
            figures.add("hostile schedules refused")
        else:
            assert frequency in ("DAILY", "WEEKLY", "MONTHLY", "YEARLY"), rule
            assert len(expand(checked, since, until)) <= 60
        # Stored as it is (by an older compound, or raw SQL): read, never refused.
        due, peak = peak_bytes(
            lambda: GoalTimeline([GoalChange(PAGES, 20, since, rule)]).due(until)
        )
    assert peak < BOUNDED_BYTES, f"{peak:,} bytes for {rule!r}"
    assert due is None or len(due.not_due) <= 60
    figures.add("hostile schedules tried")


def test_the_application_layer_the_goal_dialog_calls_refuses_it(tmp_path):
    # The app's goal dialog runs exactly this action (tui/screens/goal_forms.py).
    tracker = Tracker.open(f"sqlite:///{tmp_path / 'c.db'}", "default", Settings(), lambda: DAY)
    try:
        with pytest.raises(InputError, match="a schedule names days"):
            tracker.goals.set(PAGES, "20", schedule="FREQ=MINUTELY")
        with pytest.raises(InputError, match="times of day"):
            tracker.goals.set(PAGES, "20", schedule="FREQ=DAILY;BYHOUR=7")
        assert not tracker.store.goal_timeline()
    finally:
        tracker.close()


def test_a_compound_import_refuses_a_schedule_finer_than_a_day(database, tmp_path, figures):
    before = dump(database)
    path = tmp_path / "export.json"
    goal = {"id": 1, "kind": "daily-pages", "target": 20, "since": "2026-10-01"}
    path.write_text(json.dumps(compound_document(goals=[goal | {"schedule": "FREQ=SECONDLY"}])))
    result = cli("import", "compound", str(path), "--strict")
    refused_and_unchanged(result, database, before)
    assert "goals[0]" in result.err and "repeats secondly" in result.err
    # Without --strict the goal is left out, and said so; nothing else in the file is lost.
    salvaged = cli("import", "compound", str(path))
    assert salvaged.code == 0 and "goals[0]" in salvaged.out, salvaged
    assert "repeats secondly" in salvaged.out and dump(database) == before
    figures.add("schedules finer than a day refused")


def test_team_merge_refuses_a_member_whose_goal_is_finer_than_a_day(tmp_path, figures):
    path = tmp_path / "ana.json"
    since = (DAY - timedelta(days=3)).isoformat()
    goal = {"kind": "daily-pages", "since": since, "target": 20, "schedule": "FREQ=SECONDLY"}
    path.write_text(json.dumps(member_document(goals=[goal])))
    result = cli("team", "merge", str(path))
    assert result.refused_in_one_line(), result
    assert "ana.json" in result.err and "repeats secondly" in result.err
    figures.add("schedules finer than a day refused")


@pytest.mark.parametrize("name", sorted(FINER_THAN_A_DAY))
def test_a_stored_rule_expands_to_at_most_one_day_for_each_day_asked(name, figures):
    # Three days of a rule an older compound stored: 259,200 occurrences, had each
    # been made, in tens of megabytes.
    since = DAY - timedelta(days=2)
    goals = GoalTimeline([GoalChange(PAGES, 20, since, FINER_THAN_A_DAY[name])])
    due, peak = peak_bytes(lambda: goals.due(DAY))
    assert peak < BOUNDED_BYTES, f"{peak:,} bytes for three days"
    assert due is None or all(due(since + timedelta(days=n)) for n in range(3))
    figures.add("stored schedules finer than a day read as every day")


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=SECONDLY",  # two months of it: 5 million occurrences; a month took 11 to 13 s
        "FREQ=DAILY;INTERVAL=0",  # never moves on: `status` hung for ever
    ],
)
def test_status_stays_fast_on_a_hostile_rule_stored_two_months_ago(database, tmp_path, rule):
    store_schedule(database, rule, DAY - timedelta(days=60))
    env = process_env(tmp_path / "home", database)
    for args in (["status", "--short"], ["status"]):
        result = compound_process(args, env, timeout=10)
        assert result.code == 0 and result.err == "", result


def test_a_new_target_over_a_stored_finer_rule_applies_every_day(database, tmp_path):
    store_schedule(database, "FREQ=SECONDLY", DAY - timedelta(days=10))
    result = cli("goal", "set", "daily-pages", "30")  # keeps the days in force: every day
    assert result.code == 0, result
    stored = rows(database, f"SELECT target, schedule FROM goal WHERE since = '{TODAY}'")
    assert stored == [(30, None)]


def test_an_export_of_a_stored_finer_rule_imports_back(database, tmp_path, monkeypatch):
    store_schedule(database, "FREQ=SECONDLY", DAY - timedelta(days=10))
    exported = tmp_path / "export.json"
    assert cli("export", "--format", "json", "-o", str(exported)).code == 0
    assert [goal["schedule"] for goal in json.loads(exported.read_text())["goals"]] == [None]
    monkeypatch.setenv("COMPOUND_DB", str(tmp_path / "fresh.db"))
    result = cli("import", "compound", str(exported))
    assert result.code == 0, result


# -- 2. KOReader pages rescaled from a tiny layout -----------------------------------------

HUGE_BOOK = [(1, "A very long book", "Someone", 50_000, "0123456789abcdef0123456789abcdef")]


def one_page_layout_reads(count: int, *, days: int = 1) -> list[tuple[int, int, int, int, int]]:
    """`count` page reads recorded in a layout of 1 page (each is the whole book now),
    spread over `days` days."""
    start = koreader_stats.at("2026-11-01 20:00")
    return [(1, n % 60 + 1, start + (n % days) * 86_400 + n * 61, 60, 1) for n in range(count)]


def test_koreader_pages_rescaled_from_one_page_stay_within_a_log_and_reimport(
    tmp_path, monkeypatch, figures
):
    statistics = koreader_stats.write(
        tmp_path / "statistics.sqlite3", one_page_layout_reads(60), HUGE_BOOK
    )
    monkeypatch.setenv("COMPOUND_DB", str(tmp_path / "first.db"))
    result = cli("import", "koreader", str(statistics))
    assert result.code == 0 and result.err == "", result
    assert "counted as 5,000" in result.out  # the cut is said in the summary
    logged = rows(tmp_path / "first.db", "SELECT pages FROM reading_log")
    assert logged and all(1 <= pages <= 5_000 for (pages,) in logged), logged
    exported = tmp_path / "export.json"
    assert cli("export", "--format", "json", "-o", str(exported)).code == 0
    monkeypatch.setenv("COMPOUND_DB", str(tmp_path / "fresh.db"))
    again = cli("import", "compound", str(exported))
    assert again.code == 0 and again.err == "", again
    figures.add("KOReader days cut to one log's pages")


def test_koreader_rescaling_holds_no_page_by_page_sets(tmp_path):
    # 20 reads of a one-page layout on 20 days: each was 50,000 pages held one by one.
    statistics = koreader_stats.write(
        tmp_path / "statistics.sqlite3", one_page_layout_reads(20, days=20), HUGE_BOOK
    )
    batch, peak = peak_bytes(lambda: koreader.read(statistics, ReadOptions()))
    assert peak < BOUNDED_BYTES, f"{peak:,} bytes for 20 page reads"
    assert len(batch.logs) == 20
    assert all(log.pages <= 5_000 for log in batch.logs)


# -- 3. imports held to the command line's bounds ---------------------------------------


def compound_document(**records) -> dict:
    document = {
        "format": "compound",
        "version": 1,
        "exported_at": "2026-11-22T08:00:00+00:00",
        "profile": "default",
        "period": {"from": None, "to": None},
        "books": [],
        "reading_logs": [],
        "learning_sessions": [],
        "goals": [],
        "skip_days": [],
    }
    return document | records


def member_document(**fields) -> dict:
    document = {
        "format": "compound-team-member",
        "version": 1,
        "member": "ana",
        "exported_at": "2026-11-22T18:04:11+00:00",
        "today": TODAY,
        "days": [["2026-11-20", 30, 1, 45]],
        "goals": [],
        "skips": [],
        "books_finished": [],
    }
    return document | fields


BOOK = {
    "id": 1,
    "title": "Dune",
    "author": "Frank Herbert",
    "total_pages": 617,
    "isbn": None,
    "status": "finished",
    "started_on": "2026-10-01",
    "finished_on": "2026-10-20",
    "source": "manual",
}
SESSION = {
    "id": 1,
    "day": "2026-11-20",
    "minutes": 30,
    "kind": "course",
    "topic": None,
    "note": None,
    "created_at": "2026-11-20T08:00:00+00:00",
}


def _json(document: dict) -> str:
    return json.dumps(document)


def _created_at(moment: str) -> str:
    return _json(compound_document(learning_sessions=[SESSION | {"created_at": moment}]))


def _skip_days(count: int) -> str:
    first = date(1900, 1, 1)
    listed = [{"day": (first + timedelta(days=n)).isoformat()} for n in range(count)]
    return _json(compound_document(skip_days=listed))


HOSTILE = {
    "a yearly goal of 100,000 books": (
        "compound",
        lambda: _json(
            compound_document(
                goals=[{"kind": "yearly-books", "target": 100_000, "since": "2026-01-01"}]
            )
        ),
        "more than 1,000",
    ),
    "a schedule on a weekly goal": (
        "compound",
        lambda: _json(
            compound_document(
                goals=[
                    {
                        "kind": "weekly-pages",
                        "target": 200,
                        "since": "2026-01-01",
                        "schedule": "FREQ=WEEKLY;BYDAY=MO",
                    }
                ]
            )
        ),
        "a schedule applies to daily goals",
    ),
    "a book finished before it was started": (
        "compound",
        lambda: _json(compound_document(books=[BOOK | {"finished_on": "2026-09-30"}])),
        "before it was started",
    ),
    "a key given twice": (
        "compound",
        lambda: _json(compound_document()).replace(
            '"books": []', '"books": [], "books": [' + json.dumps(BOOK) + "]"
        ),
        "the key 'books' appears twice",
    ),
    "a number of 5,001 digits": (
        "compound",
        lambda: _json(compound_document(books=[BOOK])).replace('"id": 1', '"id": 1' + "0" * 5000),
        "far too long",
    ),
    "a time before the year 1 in UTC": (
        "compound",
        lambda: _json(
            compound_document(
                learning_sessions=[SESSION | {"created_at": "0001-01-01T00:00+14:00"}]
            )
        ),
        "outside the years 1 to 9999",
    ),
    "a time after the year 9999 in UTC": (
        "compound",
        lambda: _json(
            compound_document(
                learning_sessions=[SESSION | {"created_at": "9999-12-31T23:30-14:00"}]
            )
        ),
        "outside the years 1 to 9999",
    ),
    "36,601 skip days": ("compound", lambda: _skip_days(36_601), "a hundred years of days"),
    "a member's daily goal of 100,000 pages": (
        "member",
        lambda: _json(
            member_document(
                goals=[{"kind": "daily-pages", "since": "2026-11-01", "target": 100_000}]
            )
        ),
        "more than 2,000",
    ),
    "a member's key given twice": (
        "member",
        lambda: _json(member_document()).replace(
            '"member": "ana"', '"member": "ana", "member": "bo"'
        ),
        "the key 'member' appears twice",
    ),
    "a member's number of 5,001 digits": (
        "member",
        lambda: _json(member_document()).replace("30, 1, 45", "3" + "0" * 5000 + ", 1, 45"),
        "far too long",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_imports_are_held_to_the_command_lines_bounds(database, tmp_path, case, figures):
    kind, text, said = HOSTILE[case]
    path = tmp_path / "incoming.json"
    path.write_text(text(), encoding="utf-8")
    before = dump(database)
    argv = ("team", "merge", str(path)) if kind == "member" else ("import", kind, str(path))
    # An import refuses at the first problem with --strict; without, it keeps each record
    # with what can be trusted, and says what it did with the one out of bounds.
    result = cli(*argv, *(() if kind == "member" else ("--strict",)))
    refused_and_unchanged(result, database, before)
    assert said in result.err, result.err
    if kind != "member":
        salvaged = cli(*argv)
        assert salvaged.code in (0, 2), salvaged
        assert said in (salvaged.out if salvaged.code == 0 else salvaged.err), salvaged
    figures.add("hostile inputs tried: imported files")
    figures.add("imports held to the command line's bounds")


def test_skip_days_up_to_the_bound_import_in_seconds(tmp_path):
    # The bound itself imports: a real life's skip days, written at once.
    path = tmp_path / "skips.json"
    path.write_text(_skip_days(36_600), encoding="utf-8")
    result = compound_process(
        ["import", "compound", str(path)],
        process_env(tmp_path / "home", tmp_path / "fresh.db"),
        timeout=30,  # bounded: a few seconds; a row at a time took many more
    )
    assert result.code == 0 and "36,600 added" in result.out, result
