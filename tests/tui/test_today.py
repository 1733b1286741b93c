"""Today says what the day asks for: whether it is due, what is left to keep the
streak, the weekly goals, the pace with its precision, and the yearly goal's pace."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from rich.cells import cell_len

from compound.domain.records import BookStatus, GoalKind
from compound.tui.widgets.meter import Meter

from .conftest import TODAY, settle

pytestmark = pytest.mark.asyncio

WEEKDAYS = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"  # TODAY is a Sunday
SINCE = TODAY - timedelta(days=30)


def _reading(store, pages_today: int, *, earlier: dict[int, int] | None = None) -> None:
    """A book being read, with `pages_today` logged today and {days ago: pages} before."""
    store.add_book("Dune", total_pages=900, status=BookStatus.READING, day=SINCE)
    for ago, pages in (earlier or {}).items():
        store.log_pages(day=TODAY - timedelta(days=ago), pages=pages, book="Dune")
    if pages_today:
        store.log_pages(day=TODAY, pages=pages_today, book="Dune")


async def _shown(store, make_app) -> dict[str, object]:
    """What Today shows, once the store has answered."""
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        return {
            "pages": screen.query_one("#pages", Meter).figure,
            "pages_bar": screen.query_one("#pages", Meter).fraction,
            "minutes": screen.query_one("#minutes", Meter).figure,
            "streak": str(screen.query_one("#streak").render()),
            "weekly": [m.figure for m in screen.query("#weekly Meter")],
            "projection": str(screen.query_one("#projection").render()),
            "goal": str(screen.query_one("#goal-pace").render()),
        }


async def test_a_day_the_schedule_does_not_ask_for_says_so(empty_store, make_app):
    empty_store.set_goal(GoalKind.DAILY_PAGES, 20, since=SINCE, schedule=WEEKDAYS)
    _reading(empty_store, 10)
    shown = await _shown(empty_store, make_app)
    assert shown["pages"] == "10 of 20 pages · today is not due (weekdays)"
    assert "%" not in shown["pages"] and shown["pages_bar"] is None
    assert shown["streak"].count("not due") == 1


async def test_a_skip_day_says_so(empty_store, make_app):
    empty_store.set_goal(GoalKind.DAILY_PAGES, 20, since=SINCE)
    empty_store.add_skips(TODAY, TODAY, "flu")
    _reading(empty_store, 10)
    assert "a skip day" in (await _shown(empty_store, make_app))["pages"]


async def test_the_streak_says_what_is_left_to_keep_it(empty_store, make_app):
    empty_store.set_goal(GoalKind.DAILY_PAGES, 30, since=SINCE)
    _reading(empty_store, 25, earlier={1: 30, 2: 30})
    streak = (await _shown(empty_store, make_app))["streak"]
    assert "5 more pages or any learning session will keep it" in streak
    assert "check in today" not in streak


async def test_with_no_streak_it_says_what_would_start_one(empty_store, make_app):
    empty_store.set_goal(GoalKind.DAILY_PAGES, 30, since=SINCE)
    _reading(empty_store, 25)
    streak = (await _shown(empty_store, make_app))["streak"]
    assert "5 more pages or any learning session will start one" in streak


async def test_weekly_goals_show_this_weeks_progress(empty_store, make_app):
    empty_store.set_goal(GoalKind.WEEKLY_SESSIONS, 3, since=SINCE)
    empty_store.log_session(day=TODAY - timedelta(days=2), minutes=30)
    _reading(empty_store, 10)
    assert (await _shown(empty_store, make_app))["weekly"] == ["1 of 3 sessions this week"]


async def test_the_pace_keeps_its_decimal_and_a_short_history_is_a_rough_guess(
    empty_store, make_app
):
    _reading(empty_store, 25, earlier={1: 20})
    projection = (await _shown(empty_store, make_app))["projection"]
    assert projection.startswith("At 22.5 pages a day: about 8,212 pages, ")
    assert "a rough guess from 2 days" in projection


async def test_a_yearly_goal_set_mid_year_is_judged_from_that_day(empty_store, make_app):
    empty_store.set_goal(GoalKind.YEARLY_BOOKS, 24, since=date(2026, 11, 9))
    _reading(empty_store, 25)
    goal = (await _shown(empty_store, make_app))["goal"]
    assert goal.startswith("0 of 3.5 books (24 a year from 09 Nov)")
    assert "pages a day would make it" in goal


# -- the room it has: the strip, the week so far, the next milestone ---------------------


def _reading_days(store):
    """Each day's pages judged by the domain's met-day rule (domain/met.py), with the
    days the reading goal asks nothing of (skip days, days not due)."""
    from compound.domain.met import met_days

    with store.reading() as reading:
        history = reading.history(TODAY)
    due = history.goals.due(TODAY, (GoalKind.DAILY_PAGES,))
    met = set(met_days(history.totals.rows(), history.goals).reading)
    off = {day for day in history.skips} | (set(due.not_due) if due else set())
    return met, off


async def test_at_140_by_45_the_strip_shows_fourteen_days_judged_by_the_met_day_rule(
    store, make_app
):
    from compound.tui.widgets.strip import MET, MISSED, OFF, DayStrip
    from compound.tui.widgets.strip import TODAY as OPEN

    met, off = _reading_days(store)
    async with make_app(store).run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        strip = pilot.app.screen.query_one(DayStrip)
        assert strip.display and strip.region.right <= 140
        drawn = strip.render()
        lines = drawn.split("\n")
        letters, legend = lines[-2], lines[-1]
        # Fourteen days, today (a Sunday) last, each lettered under its bar.
        assert letters.plain.split() == list("MTWTFSS" * 2)
        assert [day.day for day in strip.days] == [
            TODAY - timedelta(days=n) for n in reversed(range(14))
        ]
        for day in strip.days:
            expected = (
                OFF
                if day.day in off
                else MET
                if day.day in met
                else OPEN
                if day.day == TODAY
                else MISSED
            )
            assert day.look == expected, day
        looks = [day.look for day in strip.days]
        assert MISSED in looks and MET in looks  # the fixture has both
        # Each day's letter is drawn in its mark's colour, and the legend names them.
        n = 0
        for span in letters.spans:
            assert span.style == strip.get_component_rich_style(f"strip--{looks[n]}")
            n += 1
        assert n == 14
        assert "goal met" in legend.plain and "missed" in legend.plain
        # Two columns: the week and the milestone beside today's figures.
        screen = pilot.app.screen
        milestone = screen.query_one("#milestone")
        assert milestone.region.x > screen.query_one("#pages").region.right - 1
        assert str(milestone.render()).startswith(
            "The Count of Monte Cristo done in 5 days (~27 Nov)"
        )
        week = str(screen.query_one("#week").render())
        assert week.endswith("of 7 days met") and screen.query_one("#week").display


async def test_the_record_within_reach_is_the_next_milestone(empty_store, make_app):
    # A run of 6 days, a miss, then a streak of 4 going (today met): 3 more days beat 6.
    empty_store.set_goal(GoalKind.DAILY_PAGES, 10, since=TODAY - timedelta(days=40))
    _reading(empty_store, 10, earlier={n: 10 for n in (*range(1, 4), *range(5, 11))})
    async with make_app(empty_store).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        said = str(pilot.app.screen.query_one("#milestone").render())
    assert said == "3 more days beat your record of 6 days"


def _overflowing(screen) -> list[str]:
    """The widgets of Today that do not fit where they are drawn."""
    from textual.widgets import Label

    from compound.tui.widgets.strip import DayStrip

    width, height = screen.size
    found = []
    for widget in screen.query("#today *"):
        if not widget.display or not widget.region.area:
            continue
        name = f"{widget.__class__.__name__}#{widget.id or ''}"
        region = widget.region
        if region.right > width or region.bottom > height - 1:  # above the footer
            found.append(f"{name} at {region} is off the screen")
        if isinstance(widget, Meter | DayStrip | Label):
            for line in widget.render().plain.split("\n"):
                if cell_len(line) > widget.content_region.width:
                    found.append(f"{name}: {line!r} is cut")
    return found


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (140, 45)], ids=str)
@pytest.mark.parametrize("fixture", ["store", "weekday_reader"])
async def test_nothing_is_cut_and_only_the_books_scroll(fixture, size, request, make_app):
    from textual.containers import VerticalScroll

    from compound.tui.widgets.strip import DayStrip

    async with make_app(request.getfixturevalue(fixture)).run_test(size=size) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        assert _overflowing(screen) == []
        # Every section is on the screen without scrolling: the book list alone may.
        assert screen.query_one("#today", VerticalScroll).max_scroll_y == 0
        for section in ("#pages", "#minutes", "#streak", "#milestone", "#projection"):
            assert screen.query_one(section).region.area, section
        assert screen.query_one(DayStrip).region.area
        if fixture == "weekday_reader":
            (weekly,) = screen.query("#weekly Meter")
            assert weekly.region.area and weekly.figure == "1 of 3 sessions this week"


async def test_the_weekly_goal_and_the_week_so_far_show_at_140_by_45(weekday_reader, make_app):
    async with make_app(weekday_reader).run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        assert _overflowing(screen) == []
        (weekly,) = screen.query("#weekly Meter")
        assert weekly.region.area and weekly.figure == "1 of 3 sessions this week"
        week = screen.query_one("#week")
        assert week.region.area
        assert str(week.render()) == "125 pages · 40m of learning · 5 of 7 days met"


async def test_without_a_goal_the_strip_draws_each_day_against_the_best_one(empty_store, make_app):
    from compound.tui.widgets.strip import DayStrip

    _reading(empty_store, 10, earlier={1: 40, 2: 20})  # no goal: any page meets a day
    async with make_app(empty_store).run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        strip = pilot.app.screen.query_one(DayStrip)
        bars = strip.render().split("\n")[:-2]  # above the letters and the legend
        track = strip.get_component_rich_style("strip--track")

        def filled(column: int) -> int:
            """Rows of the bar at `column` drawn in its mark's colour, not the track's."""
            rows = 0
            for line in bars:
                styles = [s.style for s in line.spans if s.start <= column < s.end]
                if line.plain[column : column + 1].strip() and styles and styles[-1] != track:
                    rows += 1
            return rows

        # The three days (20, 40, today's 10) sit left to right: find each bar's column.
        found = [c for c, ch in enumerate(bars[-1].plain) if ch == "█"]
        starts = [c for c in found if c - 1 not in found]
        assert len(starts) == 3
        heights = [filled(c) for c in starts]
        assert heights[1] == len(bars)  # the best day fills its column
        assert heights[0] < heights[1] and heights[2] < heights[0]
