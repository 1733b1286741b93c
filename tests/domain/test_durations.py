"""Durations people type, read into whole minutes, and rendered back."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compound.domain.days import MAX_DURATION_MINUTES, format_duration, parse_duration
from compound.domain.errors import InputError

PROPERTY = settings(max_examples=200, deadline=None)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("45", 45),
        ("45m", 45),
        ("45 m", 45),
        ("45min", 45),
        ("45 mins", 45),
        ("90min", 90),
        ("90 minutes", 90),
        ("1 minute", 1),
        ("1h30m", 90),
        ("1h 30m", 90),
        ("1h30", 90),
        ("1 hour 30 minutes", 90),
        ("1:30", 90),
        ("0:45", 45),
        ("1:05", 65),
        ("24:00", 24 * 60),
        ("1.5h", 90),
        ("1.5 hours", 90),
        ("2h", 120),
        ("2 hrs", 120),
        ("2hr", 120),
        ("1 hour", 60),
        ("24h", 1440),
        ("  2H  ", 120),
        ("1H30M", 90),
        ("1440", 1440),
        ("0.75h", 45),
        ("1.6", 2),  # fractional minutes round to the nearest whole minute
    ],
)
def test_durations_in_whole_minutes(text, minutes):
    assert parse_duration(text) == minutes


@pytest.mark.parametrize(
    "text",
    [
        "0",
        "0m",
        "0h",
        "0:00",
        "0h0m",
        "0.4",  # zero after rounding
        "-5",
        "-1h",
        "-0:30",  # negative
        "",
        "   ",
        "abc",
        "h",
        "m",
        "1x",
        "1h30x",
        "30m1h",  # junk
        "1.5h30m",  # both a fraction and minutes
        "1:60",
        "1:5",
        "1:30:00",  # not a clock time
        "1e309",
        "1e3",
        "inf",
        "nan",  # float spellings
        "9" * 400,
        "9" * 400 + "m",
        "9" * 400 + "h",
        "9" * 400 + ":00",
        "1441",
        "24:01",
        "25h",
        "24h1m",
        "24.1h",  # more than a day
    ],
)
def test_bad_durations_are_refused_with_one_line(text):
    with pytest.raises(InputError) as caught:
        parse_duration(text)
    assert "\n" not in str(caught.value)


def test_a_clock_time_with_thousands_of_digits_is_an_input_error():
    # int() refuses strings over 4,300 digits with a plain ValueError.
    with pytest.raises(InputError, match="longer than a day"):
        parse_duration("9" * 5000 + ":00")


def test_none_is_refused():
    with pytest.raises(InputError):
        parse_duration(None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("minutes", "text"),
    [
        (1, "1m"),
        (45, "45m"),
        (59, "59m"),
        (60, "1h"),
        (65, "1h05m"),
        (90, "1h30m"),
        (120, "2h"),
        (1440, "24h"),
    ],
)
def test_format_duration(minutes, text):
    assert format_duration(minutes) == text


_duration_like = st.text(alphabet=st.sampled_from(list("0123456789.:-+ hmrsinuteoHM")), max_size=20)


@given(st.one_of(st.text(max_size=30), _duration_like))
@PROPERTY
def test_any_text_is_minutes_within_a_day_or_an_input_error(text):
    try:
        minutes = parse_duration(text)
    except InputError as exc:
        assert str(exc)
    else:
        assert type(minutes) is int
        assert 1 <= minutes <= MAX_DURATION_MINUTES


@given(st.integers(min_value=1, max_value=MAX_DURATION_MINUTES))
@PROPERTY
def test_format_then_parse_round_trips(minutes):
    assert parse_duration(format_duration(minutes)) == minutes


@given(st.integers(min_value=1, max_value=MAX_DURATION_MINUTES))
@PROPERTY
def test_plain_numbers_and_clock_times_agree(minutes):
    hours, rest = divmod(minutes, 60)
    assert parse_duration(str(minutes)) == minutes
    assert parse_duration(f"{hours}:{rest:02d}") == minutes
    assert parse_duration(f"{hours}h{rest}m") == minutes


@given(st.integers(min_value=MAX_DURATION_MINUTES + 1, max_value=10**9))
@PROPERTY
def test_anything_longer_than_a_day_is_refused(minutes):
    with pytest.raises(InputError, match="longer than a day"):
        parse_duration(str(minutes))


@pytest.mark.parametrize("text", ["٤٥", "４５m", "１:30"])
def test_durations_take_ascii_digits_only(text):
    with pytest.raises(InputError):
        parse_duration(text)
