"""Daily streaks: met days, skip days, and today still being open."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from compound.domain.streaks import Streak, daily_streak

PROPERTY = settings(max_examples=200, deadline=None)
TODAY = date(2026, 11, 22)


def ago(*offsets: int) -> set[date]:
    """The days `offsets` days before TODAY (0 is today, negative is in the future)."""
    return {TODAY - timedelta(days=n) for n in offsets}


def streak(met=(), skipped=()) -> Streak:
    return daily_streak(ago(*met), ago(*skipped), TODAY)


# -- examples ---------------------------------------------------------------------------


def test_nothing_logged_is_no_streak():
    assert streak() == Streak(current=0, longest=0, at_risk=False, met_today=False)


def test_met_today_only():
    assert streak(met=[0]) == Streak(current=1, longest=1, at_risk=False, met_today=True)


def test_consecutive_days_ending_today():
    assert streak(met=[0, 1, 2, 3]) == Streak(current=4, longest=4, at_risk=False, met_today=True)


def test_today_not_yet_met_leaves_the_streak_at_risk_not_broken():
    assert streak(met=[1, 2, 3]) == Streak(current=3, longest=3, at_risk=True, met_today=False)


def test_a_missed_yesterday_breaks_the_streak():
    result = streak(met=[2, 3, 4])
    assert result.current == 0
    assert result.longest == 3
    assert not result.at_risk  # nothing left to lose


def test_a_missed_past_day_breaks_the_run_but_is_remembered_as_longest():
    result = streak(met=[0, 1, 3, 4, 5, 6])
    assert result.current == 2
    assert result.longest == 4


def test_skip_days_neither_break_nor_lengthen():
    result = streak(met=[0, 1, 3, 4], skipped=[2])
    assert result.current == 4
    assert result.longest == 4
    assert result.met_today


def test_several_skip_days_in_a_row_bridge_a_streak():
    assert streak(met=[1, 5], skipped=[2, 3, 4]).current == 2


def test_skip_days_alone_make_no_streak():
    assert streak(skipped=[0, 1, 2]) == Streak(current=0, longest=0, at_risk=False, met_today=False)


def test_skipped_today_is_not_at_risk():
    result = streak(met=[1, 2], skipped=[0])
    assert result.current == 2
    assert not result.at_risk
    assert not result.met_today


def test_a_skip_day_is_excused_even_when_something_was_logged_on_it():
    # Neither break nor lengthen: reading on a planned rest day is welcome, not counted.
    result = streak(met=[0, 1, 2], skipped=[1])
    assert result.current == 2
    assert result.met_today
    assert streak(met=[0, 1], skipped=[0]).current == 1


def test_days_after_today_are_ignored():
    assert streak(met=[-1, -2, 1], skipped=[-3]) == streak(met=[1])
    assert streak(met=[-1]) == Streak(current=0, longest=0, at_risk=False, met_today=False)


def test_longest_counts_across_skips_in_the_past():
    result = streak(met=[10, 11, 13, 14, 15], skipped=[12])
    assert result.longest == 5
    assert result.current == 0


def test_accepts_any_iterables():
    result = daily_streak(iter(ago(0, 1)), (d for d in ago(2)), TODAY)
    assert result.current == 2


# -- properties -------------------------------------------------------------------------

# Offsets from TODAY: mostly the last couple of months, a few in the future.
offsets = st.sets(st.integers(min_value=-5, max_value=60), max_size=50)


def is_break(day: date, met: set[date], skipped: set[date]) -> bool:
    """A past day that was neither met nor skipped ends any run before it."""
    return day < TODAY and day not in met and day not in skipped


def model(met: set[date], skipped: set[date]) -> tuple[int, int]:
    """(current, longest) computed independently: split the past at the breaking days."""
    met = {d for d in met if d <= TODAY}
    skipped = {d for d in skipped if d <= TODAY}
    if not met:
        return 0, 0
    first = min(met)
    breaks = [
        d
        for d in (first + timedelta(days=i) for i in range((TODAY - first).days + 1))
        if is_break(d, met, skipped)
    ]
    bounds = [first - timedelta(days=1), *breaks, TODAY + timedelta(days=1)]
    runs = [sum(1 for d in met - skipped if lo < d < hi) for lo, hi in zip(bounds, bounds[1:])]
    return runs[-1], max(runs)


@given(offsets, offsets)
@PROPERTY
def test_current_and_longest_match_a_model(met_offsets, skip_offsets):
    met, skipped = ago(*met_offsets), ago(*skip_offsets)
    result = daily_streak(met, skipped, TODAY)
    assert (result.current, result.longest) == model(met, skipped)


@given(offsets, offsets)
@PROPERTY
def test_invariants(met_offsets, skip_offsets):
    met, skipped = ago(*met_offsets), ago(*skip_offsets)
    result = daily_streak(met, skipped, TODAY)
    assert 0 <= result.current <= result.longest
    assert result.current <= len({d for d in met if d <= TODAY})
    assert result.met_today == (TODAY in met)
    assert result.at_risk == (result.current > 0 and TODAY not in met and TODAY not in skipped)
    if result.met_today and TODAY not in skipped:
        assert result.current >= 1


@given(offsets, offsets, st.integers(min_value=-5, max_value=70))
@PROPERTY
def test_adding_a_met_day_never_shortens_anything(met_offsets, skip_offsets, extra):
    met, skipped = ago(*met_offsets), ago(*skip_offsets)
    before = daily_streak(met, skipped, TODAY)
    after = daily_streak(met | ago(extra), skipped, TODAY)
    assert after.current >= before.current
    assert after.longest >= before.longest


@given(offsets, offsets, st.integers(min_value=1, max_value=70))
@PROPERTY
def test_skipping_an_unmet_past_day_never_shortens_the_streak(met_offsets, skip_offsets, extra):
    met, skipped = ago(*met_offsets), ago(*skip_offsets)
    day = TODAY - timedelta(days=extra)
    met.discard(day)
    before = daily_streak(met, skipped, TODAY)
    after = daily_streak(met, skipped | {day}, TODAY)
    assert after.current >= before.current
    assert after.longest >= before.longest


@given(offsets, offsets, st.sets(st.integers(min_value=1, max_value=400), max_size=10))
@PROPERTY
def test_days_after_today_never_matter(met_offsets, skip_offsets, future):
    met, skipped = ago(*met_offsets), ago(*skip_offsets)
    future_days = ago(*(-n for n in future))
    assert daily_streak(met | future_days, skipped | future_days, TODAY) == daily_streak(
        {d for d in met if d <= TODAY}, {d for d in skipped if d <= TODAY}, TODAY
    )


@given(st.integers(min_value=1, max_value=60), offsets)
@PROPERTY
def test_an_unbroken_run_up_to_today_is_the_current_streak(length, skip_offsets):
    met = ago(*range(length))
    skipped = ago(*skip_offsets) - met
    result = daily_streak(met, skipped, TODAY)
    assert result.current == length
    assert result.met_today
    assert not result.at_risk


@given(offsets, offsets)
@PROPERTY
def test_meeting_today_adds_one_to_an_open_streak(met_offsets, skip_offsets):
    met, skipped = ago(*met_offsets) - {TODAY}, ago(*skip_offsets) - {TODAY}
    before = daily_streak(met, skipped, TODAY)
    after = daily_streak(met | {TODAY}, skipped, TODAY)
    assert after.current == before.current + 1
    assert after.met_today and not after.at_risk
