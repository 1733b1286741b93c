"""How each screen looks in each of its states, at 80×24 and 140×45, with today frozen.

An update (`pytest --snapshot-update`) must be looked at before it is committed:
the SVGs are in tests/tui/__snapshots__/. Two of them are the README's pictures of the
app (Today and Stats at 140×45), so the README shows what this test last accepted.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import Input

from .conftest import settle

SCREENS = {"today": "1", "history": "2", "books": "3", "stats": "4", "goals": "5"}
SIZES = pytest.mark.parametrize("size", [(80, 24), (140, 45)], ids=["80x24", "140x45"])
SNAPSHOTS = Path(__file__).parent / "__snapshots__" / "test_snapshots"


def _after(*keys: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        pilot.app.clear_notifications()
        # A blinking cursor would be caught on or off at random.
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    return run_before


@SIZES
@pytest.mark.parametrize("screen", list(SCREENS))
def test_populated(screen, size, snap_compare, store, make_app):
    assert snap_compare(make_app(store), terminal_size=size, run_before=_after(SCREENS[screen]))


@SIZES
@pytest.mark.parametrize("screen", list(SCREENS))
def test_empty(screen, size, snap_compare, empty_store, make_app):
    # Today on an empty database is the welcome; the other screens are seen behind it.
    keys = () if screen == "today" else ("escape", SCREENS[screen])
    assert snap_compare(make_app(empty_store), terminal_size=size, run_before=_after(*keys))


# Each chart of Stats, reached with → (the first, 30 days of pages, is test_populated's);
# `t` twice gives the daily chart over a year.
STATS_TABS = {
    "daily-365": ("t", "t"),
    "this-year": ("right",),
    "year-ahead": ("right", "right"),
    "weekdays": ("right", "right", "right"),
    "learning": ("left",),
}


@SIZES
@pytest.mark.parametrize("tab", list(STATS_TABS))
def test_stats_charts(tab, size, snap_compare, store, make_app):
    keys = ("4", *STATS_TABS[tab])
    assert snap_compare(make_app(store), terminal_size=size, run_before=_after(*keys))


@SIZES
def test_stats_years(size, snap_compare, years_store, make_app):
    # The whole record a year a column: books finished in six earlier years (none in
    # 2022) came in with no logs; this year's pages are logged.
    keys = ("4", "right", "right", "right", "right")
    assert snap_compare(make_app(years_store), terminal_size=size, run_before=_after(*keys))


@SIZES
@pytest.mark.parametrize(
    "keys", [("p",), ("l",), ("question_mark",)], ids=["log-pages", "learn", "help"]
)
def test_dialogs(keys, size, snap_compare, store, make_app):
    assert snap_compare(make_app(store), terminal_size=size, run_before=_after(*keys))


@SIZES
def test_history_filtered(size, snap_compare, store, make_app):
    keys = ("2", "slash", *"monte")
    assert snap_compare(make_app(store), terminal_size=size, run_before=_after(*keys))


@SIZES
def test_light_theme(size, snap_compare, store, make_app):
    app = make_app(store)

    async def light(pilot) -> None:
        pilot.app.theme = "textual-light"
        await _after()(pilot)

    assert snap_compare(app, terminal_size=size, run_before=light)


@SIZES
def test_today_not_due_with_a_weekly_goal(size, snap_compare, weekday_reader, make_app):
    assert snap_compare(make_app(weekday_reader), terminal_size=size, run_before=_after())


@SIZES
def test_weekday_reader_history(size, snap_compare, weekday_reader, make_app):
    # Days not due (weekends) are marked apart from days missed in the calendar.
    assert snap_compare(make_app(weekday_reader), terminal_size=size, run_before=_after("2"))


@SIZES
def test_books_after_a_move(size, snap_compare, store, make_app):
    # Deep Work (the second row) finished: sorted among the finished, still highlighted.
    assert snap_compare(make_app(store), terminal_size=size, run_before=_after("3", "down", "f"))


def test_the_readme_shows_accepted_snapshots():
    """The README's pictures of the app are this test module's accepted snapshots."""
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]*\]\((tests/tui/__snapshots__/[^)]+\.svg)\)", readme)
    assert len(pictures) >= 2, "the README shows Today and Stats"
    for picture in pictures:
        name = picture.rsplit("/", 1)[1].replace("%5B", "[").replace("%5D", "]")
        assert (SNAPSHOTS / name).is_file(), f"{picture} is not an accepted snapshot"
    names = " ".join(pictures)
    assert "today-140x45" in names and "stats-140x45" in names
