"""The logical day, the day-start hour, and the dates people type."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compound.domain.days import logical_day, parse_date, parse_day_start, parse_iso_day
from compound.domain.errors import InputError

TODAY = date(2026, 11, 22)  # a Sunday, the same day tests/conftest.py pins
PROPERTY = settings(max_examples=200, deadline=None)


# -- parse_day_start --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03:00", time(3, 0)),
        ("3", time(3, 0)),
        ("4:30", time(4, 30)),
        ("0", time(0, 0)),
        ("00:00", time(0, 0)),
        (" 11:59 ", time(11, 59)),
    ],
)
def test_parse_day_start_accepts_morning_times(text, expected):
    assert parse_day_start(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "12",
        "12:00",
        "23:00",
        "11:60",
        "3:75",  # out of range
        "",
        "   ",
        "abc",
        "3pm",
        "3:5",
        "03:00:00",
        "-1",
        "123",
        "3.5",
        "03h",  # junk
    ],
)
def test_parse_day_start_refuses_out_of_range_and_junk(text):
    with pytest.raises(InputError) as caught:
        parse_day_start(text)
    assert "\n" not in str(caught.value)


def test_parse_day_start_refuses_none():
    with pytest.raises(InputError):
        parse_day_start(None)  # type: ignore[arg-type]


# -- logical_day ------------------------------------------------------------------------


def test_before_the_day_start_a_log_counts_for_the_previous_day():
    assert logical_day(datetime(2026, 11, 22, 1, 30), time(3, 0)) == date(2026, 11, 21)


def test_at_the_day_start_exactly_a_log_counts_for_the_new_day():
    assert logical_day(datetime(2026, 11, 22, 3, 0), time(3, 0)) == date(2026, 11, 22)


def test_one_minute_before_the_day_start_still_counts_for_yesterday():
    assert logical_day(datetime(2026, 11, 22, 2, 59), time(3, 0)) == date(2026, 11, 21)


def test_day_start_with_minutes_is_honoured():
    start = time(4, 30)
    assert logical_day(datetime(2026, 11, 22, 4, 29), start) == date(2026, 11, 21)
    assert logical_day(datetime(2026, 11, 22, 4, 30), start) == date(2026, 11, 22)


def test_logical_day_across_a_year_boundary():
    assert logical_day(datetime(2027, 1, 1, 0, 10), time(3, 0)) == date(2026, 12, 31)


@given(st.datetimes(min_value=datetime(2000, 1, 2), max_value=datetime(2100, 1, 1)))
@PROPERTY
def test_default_day_start_is_the_calendar_date(moment):
    assert logical_day(moment) == moment.date()
    assert logical_day(moment, time(0)) == moment.date()


@given(
    st.datetimes(min_value=datetime(2000, 1, 2), max_value=datetime(2100, 1, 1)),
    st.times(max_value=time(11, 59)).map(lambda t: t.replace(second=0, microsecond=0)),
)
@PROPERTY
def test_logical_day_is_the_calendar_date_or_the_day_before(moment, start):
    day = logical_day(moment, start)
    if moment.time() >= start:
        assert day == moment.date()
    else:
        assert day == moment.date() - timedelta(days=1)


# -- parse_date: words ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", TODAY),
        ("Today", TODAY),
        ("  TODAY  ", TODAY),
        ("yesterday", date(2026, 11, 21)),
        ("Yesterday", date(2026, 11, 21)),
    ],
)
def test_today_and_yesterday(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # today (a Sunday) is included: "sunday" is today, not a week ago
        ("sunday", date(2026, 11, 22)),
        ("sun", date(2026, 11, 22)),
        ("monday", date(2026, 11, 16)),
        ("Monday", date(2026, 11, 16)),
        ("mon", date(2026, 11, 16)),
        ("MON", date(2026, 11, 16)),
        ("tue", date(2026, 11, 17)),
        ("tues", date(2026, 11, 17)),
        ("wednesday", date(2026, 11, 18)),
        ("wed", date(2026, 11, 18)),
        ("thu", date(2026, 11, 19)),
        ("thurs", date(2026, 11, 19)),
        ("friday", date(2026, 11, 20)),
        ("fri", date(2026, 11, 20)),
        ("saturday", date(2026, 11, 21)),
        ("sat", date(2026, 11, 21)),
    ],
)
def test_weekday_names_mean_the_most_recent_such_day(text, expected):
    assert parse_date(text, TODAY) == expected
    assert expected.strftime("%A").lower().startswith(text.strip().lower())


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1)),
    st.sampled_from(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]),
)
@PROPERTY
def test_weekday_is_within_the_last_seven_days_including_today(today, name):
    result = parse_date(name, today)
    assert today - timedelta(days=6) <= result <= today
    assert result.strftime("%A").lower() == name
    assert parse_date(name[:3], today) == result


@pytest.mark.parametrize("text", ["mo", "m", "s"])
def test_weekday_prefixes_shorter_than_three_letters_are_not_weekdays(text):
    with pytest.raises(InputError):
        parse_date(text, TODAY)


# -- parse_date: written dates ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20", date(2026, 11, 20)),
        ("2026-11-22", date(2026, 11, 22)),
        (" 2026-1-5 ", date(2026, 1, 5)),
        ("2000-02-29", date(2000, 2, 29)),
        ("Mar 8", date(2026, 3, 8)),
        ("mar 8", date(2026, 3, 8)),
        ("8 March 2025", date(2025, 3, 8)),
        ("March 8, 2025", date(2025, 3, 8)),
        ("Nov 22", date(2026, 11, 22)),
        # no year given and it would be in the future: last year's
        ("Dec 25", date(2025, 12, 25)),
        ("Nov 23", date(2025, 11, 23)),
        ("25 December", date(2025, 12, 25)),
    ],
)
def test_written_dates(text, expected):
    assert parse_date(text, TODAY) == expected


def test_feb_29_without_a_year_means_the_last_leap_day():
    # Typed on 2028-01-10, this year's Feb 29 is still ahead; the last one was in 2024.
    assert parse_date("Feb 29", date(2028, 1, 10)) == date(2024, 2, 29)
    assert parse_date("Feb 29", TODAY) == date(2024, 2, 29)


@pytest.mark.parametrize("text", ["2026-11", "5", "10:30", "November", "2025"])
def test_a_date_missing_its_day_or_month_is_refused(text):
    # dateutil would silently fill the gaps from today; a person meant something else.
    with pytest.raises(InputError, match="day and a month"):
        parse_date(text, TODAY)


@pytest.mark.parametrize("text", ["Monday.", "mon,", "Mon."])
def test_weekday_names_with_trailing_punctuation(text):
    assert parse_date(text, TODAY) == date(2026, 11, 16)


def test_a_two_digit_year_counts_as_a_year():
    with pytest.raises(InputError, match="after today"):
        parse_date("12/25/26", TODAY)
    assert parse_date("12/25/25", TODAY) == date(2025, 12, 25)


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-23",
        "2026-12-25",
        "2027-01-01",  # ISO, after today
        "Dec 25 2026",
        "25 December 2026",
        "Jan 1 2030",  # explicit year, after today
        "2099-01-01",
    ],
)
def test_dates_after_today_with_a_year_are_refused(text):
    with pytest.raises(InputError) as caught:
        parse_date(text, TODAY)
    assert "after today" in str(caught.value)


@pytest.mark.parametrize(
    "text",
    [
        "2026-02-30",
        "2026-13-01",
        "2026-00-10",
        "2025-02-29",
        "0000-01-01",
        "Feb 30",
        "February 30",
        "Apr 31",
        "Feb 29 2025",
    ],
)
def test_impossible_dates_are_refused(text):
    with pytest.raises(InputError) as caught:
        parse_date(text, TODAY)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "tomorrow",
        "next week",
        "1e309",
        "9" * 400,
        "\x00",
    ],
)
def test_unreadable_dates_are_refused(text):
    with pytest.raises(InputError) as caught:
        parse_date(text, TODAY)
    assert "\n" not in str(caught.value)


def test_none_is_refused():
    with pytest.raises(InputError):
        parse_date(None, TODAY)  # type: ignore[arg-type]


def test_parse_iso_day_names_the_impossible_date():
    with pytest.raises(InputError, match="not a real date"):
        parse_iso_day("2026-02-30")
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        parse_iso_day("Mar 8")
    assert parse_iso_day("2026-03-08") == date(2026, 3, 8)


# -- parse_date: properties -------------------------------------------------------------

_date_like = st.text(
    alphabet=st.sampled_from(list("0123456789 -/:.,+'aAbcdDeFfghJjlMmNnoOprSstTuvwyZ")), max_size=25
)


@given(st.one_of(st.text(max_size=40), _date_like))
@PROPERTY
def test_any_text_is_a_past_date_or_an_input_error(text):
    try:
        result = parse_date(text, TODAY)
    except InputError as exc:
        assert str(exc)
    else:
        assert isinstance(result, date)
        assert result <= TODAY


@given(st.dates(max_value=TODAY))
@PROPERTY
def test_every_real_date_up_to_today_round_trips_through_iso(day):
    assert parse_date(day.isoformat(), TODAY) == day


@given(st.dates(min_value=TODAY + timedelta(days=1)))
@PROPERTY
def test_every_iso_date_after_today_is_refused(day):
    with pytest.raises(InputError):
        parse_date(day.isoformat(), TODAY)


@pytest.mark.parametrize("text", ["３", "０３:00"])
def test_day_start_takes_ascii_digits_only(text):
    with pytest.raises(InputError):
        parse_day_start(text)


# -- planning ahead (skip days) -----------------------------------------------------------

from compound.domain.days import parse_day_range  # noqa: E402


@pytest.mark.parametrize(
    "text, expected",
    [
        ("tomorrow", date(2026, 11, 23)),
        ("sunday", date(2026, 11, 22)),  # today is a Sunday: the coming one is today
        ("fri", date(2026, 11, 27)),  # the coming Friday, not the last one
        ("Dec 24", date(2026, 12, 24)),  # no year: the nearest Dec 24
        ("Nov 1", date(2026, 11, 1)),  # nearer behind than ahead
        ("Mar 8", date(2027, 3, 8)),  # nearer ahead than behind
        ("yesterday", date(2026, 11, 21)),
    ],
)
def test_planned_dates_look_ahead(text, expected):
    assert parse_date(text, TODAY, ahead=True) == expected


def test_planned_dates_stop_a_year_ahead():
    with pytest.raises(InputError, match="more than a year ahead"):
        parse_date("2028-01-01", TODAY, ahead=True)


def test_tomorrow_is_not_a_day_for_entries():
    with pytest.raises(InputError):
        parse_date("tomorrow", TODAY)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026-12-24..2026-12-31", (date(2026, 12, 24), date(2026, 12, 31))),
        ("mon..fri", (date(2026, 11, 23), date(2026, 11, 27))),
        ("yesterday", (date(2026, 11, 21), date(2026, 11, 21))),
    ],
)
def test_day_ranges(text, expected):
    assert parse_day_range(text, TODAY) == expected


@pytest.mark.parametrize("text", ["2026-12-31..2026-12-24", "..", "fri..", "abc..fri"])
def test_bad_day_ranges(text):
    with pytest.raises(InputError):
        parse_day_range(text, TODAY)
