"""Today's streak line in its states, without starting the app."""

from compound.domain.streaks import Streak
from compound.tui.screens.today import _streak_line


def test_no_streak_says_so_and_names_the_best_one():
    assert _streak_line(Streak(current=0, longest=0, at_risk=False, met_today=False)) == (
        "[b]Streak[/b]    none yet today: a check-in starts one")
    assert _streak_line(Streak(current=0, longest=3, at_risk=False, met_today=False)).endswith(
        "a check-in starts one · best 3 days")


def test_a_streak_at_risk_asks_for_todays_check_in():
    line = _streak_line(Streak(current=12, longest=40, at_risk=True, met_today=False))
    assert line.startswith("[b]Streak[/b]    🔥 12 days · best 40")
    assert "at risk" in line
