"""The positions and audiobook lengths the tracker reads from what is typed."""

from __future__ import annotations

import pytest

from compound.domain.errors import InputError
from compound.domain.records import Position
from compound.tracker import checks


@pytest.mark.parametrize(
    ("typed", "position"),
    [
        ("45%", Position(share=0.45)),
        ("12.5%", Position(share=0.125)),
        ("3:20", Position(minute=200)),
        ("3h20m", Position(minute=200)),
        ("148", Position(page=148)),
    ],
)
def test_positions(typed, position):
    assert checks.position(typed) == position


@pytest.mark.parametrize("typed", ["101%", "0%", "3:75", "3:5", "-3", "1e3%", "", "soon"])
def test_nonsense_positions_are_refused_in_one_line(typed):
    with pytest.raises(InputError) as refused:
        checks.position(typed)
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize(
    ("typed", "minutes"), [("11:30", 690), ("11h30m", 690), ("11", 660), ("45m", 45)]
)
def test_audiobook_lengths(typed, minutes):
    assert checks.book_minutes(typed) == minutes


@pytest.mark.parametrize("typed", ["0:00", "501", "eleven", "11:3"])
def test_nonsense_lengths_are_refused(typed):
    with pytest.raises(InputError):
        checks.book_minutes(typed)


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("101%", "'101%' is past the end of the book (100% is the end)"),
        ("3:75", "the position '3:75' has 75 minutes; an hour has 60"),
        ("3:5", "the position '3:5' is not a time like 3:20 (hours:minutes)"),
        ("1234567:00", "the position '1234567:00' is not a time like 3:20 (hours:minutes)"),
        ("0:00", "'0:00' is the start of the book; give where you have got to"),
        ("501h", "'501h' is more than 500 hours in"),
        ("1.5", "'1.5' is not a position: give a page (148), 45% or a time (3:20)"),
    ],
)
def test_a_refused_position_says_why(typed, said):
    with pytest.raises(InputError) as refused:
        checks.position(typed)
    assert str(refused.value) == said


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("0:00", "an audiobook's length must be at least a minute, not '0:00'"),
        ("501", "a length of '501' is more than 500 hours"),
        ("9" * 400 + "h", "is more than 500 hours"),
        ("11:3", "the length '11:3' is not a time like 3:20 (hours:minutes)"),
        ("1.5", "cannot read the length '1.5': give hours and minutes, 11:30 or 11h30m"),
    ],
)
def test_a_refused_length_says_why(typed, said):
    with pytest.raises(InputError) as refused:
        checks.book_minutes(typed)
    assert str(refused.value).endswith(said)


@pytest.mark.parametrize(("typed", "minutes"), [("3 h 20 m", 200), ("1.5h", 90), ("90min", 90)])
def test_a_time_is_read_as_a_duration_is(typed, minutes):
    assert checks.position(typed) == Position(minute=minutes)
    assert checks.book_minutes(typed) == minutes
