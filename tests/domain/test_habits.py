"""Habits: streaks under schedules and skips, weekly goals, consistency, Loop strength."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compound.domain.goals import GoalChange, GoalTimeline
from compound.domain.habits import (
    LEARNING,
    LEARNING_DAY,
    READING,
    daily_habit,
    habits_of,
    strength,
    weekly_habit,
)
from compound.domain.records import GoalKind
from compound.domain.schedules import DueDays
from compound.domain.streaks import EXCUSED, MET, MISSED, Judged
from compound.domain.totals import DailyTotals, History

PROPERTY = settings(max_examples=60, deadline=None)
TODAY = date(2026, 11, 22)  # a Sunday


def ago(*offsets: int) -> set[date]:
    return {TODAY - timedelta(days=n) for n in offsets}


def habit(met=(), skipped=(), unscheduled=(), today=TODAY):
    off = ago(*unscheduled)
    return daily_habit(
        "h",
        ago(*met),
        ago(*skipped),
        today,
        due=DueDays(frozenset(off)) if unscheduled else None,
    )


# -- daily streaks with dates ----------------------------------------------------------


def test_the_five_best_streaks_with_their_dates():
    # Runs of 3 (now), 1, 4, 2, 4, 1 days, with misses between them.
    met = [0, 1, 2, 4, 6, 7, 8, 9, 11, 12, 14, 15, 16, 17, 19]
    report = habit(met=met)
    assert (report.current, report.longest) == (3, 4)
    assert [r.length for r in report.best] == [4, 4, 3, 2, 1]
    first, last, length = report.best[0]  # the more recent of the two 4-day runs
    assert (first, last, length) == (TODAY - timedelta(days=9), TODAY - timedelta(days=6), 4)
    assert report.best[2] == (TODAY - timedelta(days=2), TODAY, 3)


def test_unscheduled_days_neither_break_nor_lengthen():
    report = habit(met=[0, 1, 4, 5, 6], unscheduled=[2, 3, 4])
    assert report.current == 4  # days 0, 1, 5, 6; day 4 was met but not required
    assert report.best[0] == (TODAY - timedelta(days=6), TODAY, 4)


def test_an_unscheduled_today_is_not_at_risk():
    report = habit(met=[1, 2], unscheduled=[0])
    assert report.current == 2 and not report.at_risk
    assert habit(met=[1, 2]).at_risk


# -- weekly goals ------------------------------------------------------------------------


def sessions(*offsets: int) -> dict[date, int]:
    found: dict[date, int] = {}
    for day in (TODAY - timedelta(days=n) for n in offsets):
        found[day] = found.get(day, 0) + 1
    return found


def weekly(amounts, target=3, skipped=(), since_weeks=6, week_starts_on=0, today=TODAY):
    return weekly_habit(
        "weekly-sessions",
        amounts,
        lambda _day: target,
        ago(*skipped),
        today,
        since=today - timedelta(weeks=since_weeks),
        week_starts_on=week_starts_on,
    )


def test_met_weeks_make_a_weekly_streak_and_this_week_is_in_progress():
    # Weeks run Monday to Sunday; TODAY is a Sunday, so offsets 0–6 are this week.
    this_week, last_week, before = (0,), (7, 8, 9), (14, 15, 16)
    report = weekly(sessions(*this_week, *last_week, *before))
    assert report.unit == "week"
    assert report.current == 2  # this week (1 of 3 so far) neither counts nor breaks
    assert report.at_risk and not report.met_today
    assert (report.target, report.done) == (3, 1)
    assert report.best[0] == (TODAY - timedelta(days=20), TODAY - timedelta(days=7), 2)


def test_a_week_counts_once_its_target_is_reached():
    report = weekly(sessions(0, 1, 2, 7, 8, 9))
    assert report.current == 2 and report.met_today and not report.at_risk


def test_a_short_week_breaks_the_weekly_streak():
    assert weekly(sessions(7, 8, 14, 15, 16)).current == 0


def test_skip_days_lower_a_weeks_target_in_proportion():
    # Last week: five days skipped, so it asks for ⌈3·2/7⌉ = 1 session.
    assert weekly(sessions(7, 14, 15, 16), skipped=(8, 9, 10, 11, 12)).current == 2
    # A week of skip days only asks for nothing and is excused.
    assert weekly(sessions(14, 15, 16), skipped=range(7, 14)).current == 1


def test_the_week_start_is_configurable():
    # With weeks from Sunday, TODAY begins a week; offsets 1–7 are the week before.
    report = weekly(sessions(1, 2, 7), week_starts_on=6)
    assert report.current == 1 and (report.done, report.met_today) == (0, False)
    assert weekly(sessions(1, 2, 7), week_starts_on=0).current == 0


# -- consistency and strength ----------------------------------------------------------


def test_consistency_is_the_share_of_due_days_met():
    report = habit(met=range(0, 60, 2))  # every other day
    assert report.consistency_30 == pytest.approx(15 / 30)
    assert report.consistency_90 == pytest.approx(30 / 59)  # from the first met day on
    assert habit(met=[1], skipped=range(2, 40)).consistency_30 == 1.0


def test_loop_strength_is_half_way_after_13_perfect_days_and_rises_toward_100():
    scores = [strength([Judged(TODAY, TODAY, MET)] * n) for n in range(0, 200)]
    assert scores[0] == 0
    assert scores[13] == pytest.approx(50)
    assert all(a < b for a, b in zip(scores, scores[1:]))
    assert 99 < scores[-1] < 100


def test_excused_days_leave_strength_unchanged_and_misses_lower_it():
    base = [Judged(TODAY, TODAY, MET)] * 10
    assert strength(base + [Judged(TODAY, TODAY, EXCUSED)] * 5) == strength(base)
    assert strength(base + [Judged(TODAY, TODAY, MISSED)]) < strength(base)


def test_habits_of_a_history():
    pages = {TODAY - timedelta(days=n): 20 for n in range(1, 11)}
    pages[TODAY - timedelta(days=3)] = 5  # short of the 10-page goal: a session saves it
    history = History(
        today=TODAY,
        totals=DailyTotals(
            pages=pages,
            sessions={TODAY - timedelta(days=3): 1},
            session_minutes={TODAY - timedelta(days=3): 30},
        ),
        goals=GoalTimeline(
            [
                GoalChange(GoalKind.DAILY_PAGES, 10, date(2026, 1, 1)),
                GoalChange(GoalKind.WEEKLY_PAGES, 100, date(2026, 11, 1)),
            ]
        ),
        skips=frozenset(),
        finished_pages=(),
        reading=(),
        to_read=(),
    )
    found = habits_of(history)
    assert list(found) == [LEARNING_DAY, READING, LEARNING, "weekly-pages"]
    assert found[LEARNING_DAY].current == 10 and found[LEARNING_DAY].at_risk
    assert found[READING].current == 2 and found[READING].longest == 7
    assert found[LEARNING].current == 0 and found[LEARNING].longest == 1
    weekly_pages = found["weekly-pages"]  # this week (Mon 16 to today) holds 5 + 5 · 20 pages
    assert (weekly_pages.done, weekly_pages.met_today, weekly_pages.current) == (105, True, 1)
    assert weekly_pages.consistency_30 == 0.25  # the weeks of Oct 26, Nov 2 and 9 fell short


# -- properties --------------------------------------------------------------------------

days = st.sets(st.integers(min_value=0, max_value=50), max_size=40)


@given(days, days, days, st.integers(0, 50))
@PROPERTY
def test_a_met_day_never_shortens_the_longest_streak(met, skipped, unscheduled, extra):
    before = habit(met, skipped, unscheduled)
    after = habit(met | {extra}, skipped, unscheduled)
    assert after.longest >= before.longest
    assert after.current >= before.current


@given(days, days, days, st.integers(0, 50), st.booleans())
@PROPERTY
def test_what_is_logged_on_an_excused_day_never_changes_the_streak(
    met, skipped, unscheduled, day, as_skip
):
    if as_skip:
        skipped = skipped | {day}
    else:
        unscheduled = unscheduled | {day}
    with_it = habit(met | {day}, skipped, unscheduled)
    without = habit(met - {day}, skipped, unscheduled)
    assert (with_it.current, with_it.longest) == (without.current, without.longest)
    assert with_it.strength == without.strength


@given(days, days, days, st.integers(1, 50), st.booleans())
@PROPERTY
def test_inserting_a_skip_or_unscheduled_day_never_changes_the_current_one(
    met, skipped, unscheduled, at, as_skip
):
    # Push every day from `at` on one day further back and excuse the day that opens.
    def shift(offsets):
        return {n + 1 if n >= at else n for n in offsets}

    before = habit(met, skipped, unscheduled)
    extra = ({at}, set()) if as_skip else (set(), {at})
    after = habit(shift(met), shift(skipped) | extra[0], shift(unscheduled) | extra[1])
    assert (after.current, after.longest) == (before.current, before.longest)


@given(days, days, days)
@PROPERTY
def test_current_never_exceeds_longest(met, skipped, unscheduled):
    report = habit(met, skipped, unscheduled)
    assert 0 <= report.current <= report.longest
    assert report.best == sorted(report.best, key=lambda r: -r.length)
    assert not report.best or report.best[0].length == report.longest
    assert 0 <= report.strength <= 100


@given(days, days, days)
@PROPERTY
def test_an_unlogged_today_never_breaks_a_streak(met, skipped, unscheduled):
    met = met - {0}
    open_today = habit(met, skipped, unscheduled)
    yesterday = daily_habit(
        "h",
        ago(*met),
        ago(*skipped),
        TODAY - timedelta(days=1),
        due=DueDays(frozenset(ago(*unscheduled))),
    )
    done_by_then = yesterday.current if TODAY - timedelta(days=1) in ago(*met) else None
    if done_by_then is not None:
        assert open_today.current == done_by_then
    logged = habit(met | {0}, skipped, unscheduled)
    if 0 not in skipped | unscheduled:
        assert logged.current == open_today.current + 1
        assert open_today.at_risk == (open_today.current > 0)
    else:
        assert logged.current == open_today.current and not open_today.at_risk


def test_a_weekly_goal_from_a_later_day_is_not_a_habit_yet():
    history = History(
        today=TODAY,
        totals=DailyTotals(pages={TODAY: 5}),
        goals=GoalTimeline([GoalChange(GoalKind.WEEKLY_PAGES, 100, TODAY + timedelta(days=3))]),
        skips=frozenset(),
        finished_pages=(),
        reading=(),
        to_read=(),
    )
    assert list(habits_of(history)) == [LEARNING_DAY, READING, LEARNING]


def test_a_weekly_goal_set_mid_week_asks_that_week_for_its_share():
    # Set on Friday (offset 2) at 7 a week: Fri, Sat, Sun ask for 3 of them.
    amounts = {TODAY - timedelta(days=n): 1 for n in (0, 1, 2)}
    report = weekly_habit(
        "weekly-pages", amounts, lambda _day: 7, (), TODAY, since=TODAY - timedelta(days=2)
    )
    assert (report.current, report.met_today, report.done, report.target) == (1, True, 3, 3)


@given(
    st.dictionaries(st.integers(0, 60), st.integers(0, 4), max_size=50),
    days,
    st.integers(1, 6),
    st.integers(0, 6),
)
@PROPERTY
def test_weekly_streak_invariants(amount_offsets, skipped, target, week_starts_on):
    amounts = {TODAY - timedelta(days=n): v for n, v in amount_offsets.items()}
    report = weekly(
        amounts, target=target, skipped=skipped, since_weeks=9, week_starts_on=week_starts_on
    )
    assert 0 <= report.current <= report.longest
    # This week, still open, is never what breaks the streak: emptying it keeps the rest.
    this_week = {
        day
        for day in amounts
        if day >= TODAY - timedelta(days=(TODAY.weekday() - week_starts_on) % 7)
    }
    emptied = weekly(
        {d: v for d, v in amounts.items() if d not in this_week},
        target=target,
        skipped=skipped,
        since_weeks=9,
        week_starts_on=week_starts_on,
    )
    assert emptied.current == report.current - (1 if report.met_today else 0)
    # More done in any week never shortens anything.
    more = weekly(
        {**amounts, TODAY: amounts.get(TODAY, 0) + target},
        target=target,
        skipped=skipped,
        since_weeks=9,
        week_starts_on=week_starts_on,
    )
    assert more.current >= report.current and more.longest >= report.longest


@given(days, days, days, st.one_of(st.none(), st.integers(0, 60)))
@PROPERTY
def test_scores_equal_judging_the_days_then_scoring_them(met, skipped, unscheduled, since):
    """The one-pass scores of a daily habit are exactly strength() and consistency()
    of the days judged one by one."""
    from compound.domain.habits import consistency
    from compound.domain.streaks import judge_days

    due = DueDays(frozenset(ago(*unscheduled)))
    first = None if since is None else TODAY - timedelta(days=since)
    found = daily_habit("h", ago(*met), ago(*skipped), TODAY, since=first, due=due)
    judged = judge_days(ago(*met), ago(*skipped), TODAY, since=first, due=due)
    assert found.strength == strength(judged)
    assert found.consistency_30 == consistency(judged, TODAY, 30)
    assert found.consistency_90 == consistency(judged, TODAY, 90)
