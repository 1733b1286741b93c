"""The sentences of the figures: today against its goals, what is left, the streak,
weekly goals, the yearly goal's pace, the pace and the year ahead.

`compound status`, `compound stats`, `compound project`, the app's Today and Stats
screens and the reports all say these the same way.
"""

from __future__ import annotations

from compound.domain.records import GoalKind
from compound.domain.today import TodayFigures, WeekProgress
from compound.words.dates import short_date
from compound.words.numbers import books_range, duration, pages, pages_a_day, plural, rate
from compound.words.records import schedule_name, time_read

TYPE_CHECKING = False  # not typing's: importing typing costs the prompt path ~2 ms
if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date

    from compound.domain.insight import PeriodTotals
    from compound.domain.milestones import Milestone
    from compound.domain.projection import GoalPace, Pace, Projection


# -- today -------------------------------------------------------------------------------


def not_due_reason(figures: TodayFigures) -> str | None:
    """What today is when it asks for nothing ("a skip day", "not due (weekdays)"), or
    None when it is due: read after "today is"."""
    if figures.skipped:
        return "a skip day"
    if not figures.due:
        days = f" ({schedule_name(figures.schedule)})" if figures.schedule else ""
        return f"not due{days}"
    return None


def reading_today(figures: TodayFigures) -> str:
    """Today's reading: "12 of 30 pages", "30 of 30 pages ✓", "12 pages (no daily goal)";
    with reading by time (pages unknown), "0 of 30 pages, 45 min by time" against a pages
    goal (time meets none), else "45 min by time (no daily goal)"."""
    timed = figures.timed
    if timed and not figures.pages_goal:
        done = reading_by_time(figures.pages, timed) if figures.pages else by_time(timed)
        return _against(figures, done, 0, None, str, "")
    return _against(
        figures,
        pages(figures.pages),
        figures.pages,
        figures.pages_goal,
        lambda n: f"{n:,}",
        "pages",
        f", {by_time(timed)}" if timed else "",
    )


def learning_today(figures: TodayFigures) -> str:
    """Today's learning: "25m of 30m", "45m of 30m ✓", "0m (no daily goal)"."""
    return _against(
        figures, duration(figures.minutes), figures.minutes, figures.minutes_goal, duration, ""
    )


def _against(
    figures: TodayFigures,
    done_text: str,
    done: int,
    goal: int | None,
    unit: Callable[[int], str],
    noun: str,
    besides: str = "",
) -> str:
    reason = not_due_reason(figures)
    if not goal:
        return f"{done_text} · today is {reason}" if reason else f"{done_text} (no daily goal)"
    mark = " ✓" if done >= goal else ""
    against = f"{unit(done)} of {unit(goal)}{' ' + noun if noun else ''}{mark}{besides}"
    return f"{against} · today is {reason}" if reason else against


def left_today(figures: TodayFigures) -> str:
    """What would still meet today: "5 more pages or any learning session",
    "25 pages or 30m of learning", "a check-in" (no goals at all)."""
    left = figures.left
    if left.pages is None and left.minutes is None:
        return "a check-in"
    reading = (
        "any reading"  # a page, or minutes read by time (domain/met.py)
        if left.pages is None
        else f"{left.pages:,} more {'page' if left.pages == 1 else 'pages'}"
        if figures.pages
        else pages(left.pages)
    )
    learning = (
        "any learning session"
        if left.minutes is None
        else f"{duration(left.minutes)} more of learning"
        if figures.minutes
        else f"{duration(left.minutes)} of learning"
    )
    return f"{reading} or {learning}"


def streak_sentence(figures: TodayFigures) -> str:
    """The streak and what today means for it, e.g. "12 days (best 20) · today is done",
    "12 days (best 20) · at risk: 5 more pages or any learning session keep it",
    "none yet: 5 more pages or any learning session start one (best 9)"."""
    streak = figures.streak
    reason = not_due_reason(figures)
    if not streak.current:
        best = f" (best {plural(streak.longest, 'day')})" if streak.longest else ""
        if reason:
            return f"none yet; today is {reason}{best}"
        return f"none yet today: {left_today(figures)} will start one{best}"
    line = f"{plural(streak.current, 'day')} (best {plural(streak.longest, 'day')})"
    if streak.met_today:
        return f"{line} · today is done"
    if streak.at_risk:
        return f"{line} · at risk: {left_today(figures)} will keep it"
    if reason:
        return f"{line} · today is {reason}"
    return line


def week_progress(progress: WeekProgress) -> str:
    """A weekly goal so far: "1 of 3 sessions this week", "120 of 150 pages this week ✓"."""
    noun = "sessions" if progress.kind == GoalKind.WEEKLY_SESSIONS else "pages"
    mark = " ✓" if progress.done >= progress.target else ""
    return f"{progress.done:,} of {progress.target:,} {noun} this week{mark}"


def short_line(figures: TodayFigures) -> str:
    """One line for a shell prompt: `📚 25/30 p · 🎓 45m · 🔥 12`; ⏳ replaces 🔥 while
    the streak is at risk; time read without pages: `📚 0/30 p +45m`, `📚 45m`."""
    read = f"{figures.pages}/{figures.pages_goal}" if figures.pages_goal else f"{figures.pages}"
    # Minutes read by time follow the pages ("📚 0/30 p +45m"); alone, without a pages
    # goal, they are the day's reading ("📚 45m").
    if figures.timed and not figures.pages and not figures.pages_goal:
        parts = [f"📚 {duration(figures.timed)}"]
    else:
        parts = [f"📚 {read} p" + (f" +{duration(figures.timed)}" if figures.timed else "")]
    if figures.minutes or figures.minutes_goal:
        goal = f"/{duration(figures.minutes_goal)}" if figures.minutes_goal else ""
        parts.append(f"🎓 {duration(figures.minutes)}{goal}")
    parts.append(f"{'⏳' if figures.streak.at_risk else '🔥'} {figures.streak.current}")
    return " · ".join(parts)


# -- the yearly books goal ---------------------------------------------------------------


def _books(count: float) -> str:
    return plural(round(count, 1), "book")


def _where(pace: GoalPace, *, books: bool = True) -> str:
    """ "0.5 books ahead", "2 books behind", "on pace"; without `books`, "0.5 ahead"."""
    ahead = round(pace.ahead, 1)
    if ahead == 0:
        return "on pace"
    amount = _books(abs(ahead)) if books else rate(abs(ahead))
    return f"{amount} {'ahead' if ahead > 0 else 'behind'}"


def goal_basis(pace: GoalPace) -> str:
    """What the goal asks of this year: "24 books" or, judged from the day it was set,
    "3.5 books (24 a year from 09 Nov)"."""
    if not pace.prorated:
        return plural(pace.goal, "book")
    return (
        f"{_books(pace.year_goal)} ({pace.goal:,} a year from {short_date(pace.since, pace.since)})"
    )


def goal_pace_sentence(pace: GoalPace) -> str:
    """E.g. "3 of 24 books, 2.5 expected by today: 0.5 books ahead; 18 pages a day would
    make it; 4 days of buffer"."""
    line = (
        f"{pace.finished:,} of {goal_basis(pace)}, {rate(pace.expected)} expected by "
        f"today: {_where(pace)}"
    )
    if pace.finished < pace.year_goal:
        line += f"; {pages_a_day(pace.pages_per_day_needed)} would make it"
    if pace.buffer_days:
        line += f"; {plural(pace.buffer_days, 'day')} of buffer"
    return line


def goal_pace_brief(pace: GoalPace) -> str:
    """A short form for a narrow panel: "goal 24 books: 0.5 ahead"."""
    return f"goal {rate(pace.year_goal)} books: {_where(pace, books=False)}"


# -- pace and the year ahead -------------------------------------------------------------


def rough_note(projection: Projection) -> str:
    """For a pace measured over too few days, "a rough guess from 2 days"; else ""."""
    if not projection.rough:
        return ""
    return f"a rough guess from {plural(projection.days_measured, 'day')}"


def year_at_pace(projection: Projection) -> str:
    """The year at the pace: "At 21.9 pages a day: about 7,995 pages, 26–35 books a year"."""
    rough = rough_note(projection)
    return (
        f"At {pages_a_day(projection.pages_per_day)}: about "
        f"{projection.pages_per_year:,} pages, "
        f"{books_range(projection.books_low, projection.books_high)} a year"
        + (f" ({rough})" if rough else "")
    )


def pace_sentence(pace: Pace) -> str:
    """The pace: "21.9 pages a day over the last 30 days (25.1 over 7, 18.0 over 90); …"."""
    return (
        f"{pages_a_day(pace.d30)} over the last 30 days ({rate(pace.d7)} over 7, "
        f"{rate(pace.d90)} over 90); {duration(round(pace.minutes_per_day))} of learning "
        "a day"
    )


def likely_range(projection: Projection) -> str | None:
    """The range: "Likely range: 7,100–9,300 pages (8 years in 10, drawn from your last 30 days)",
    or None when there is no range to give."""
    if projection.range_low == projection.range_high:
        return None
    return (
        f"Likely range: {projection.range_low:,}–{projection.range_high:,} pages "
        f"(8 years in 10, drawn from your last {projection.range_days} days)"
    )


def range_method(projection: Projection) -> str:
    """How the range was made, in full (for scripts and the curious)."""
    if not projection.measured:
        return "No range: the pace was given, not measured from your days."
    if not projection.range_days:
        return "No range yet: nothing logged to measure how your days vary."
    return (
        f"P10–P90 of {projection.samples:,} simulated years, each day's pages drawn at "
        f"random from your last {projection.range_days} days (seed {projection.seed})."
    )


def year_ahead_lines(projection: Projection) -> list[str]:
    """The compounding projection in a few lines (`stats`, `project`)."""
    low, high = projection.book_length
    lines = [
        f"A year at this pace: about {projection.pages_per_year:,} pages, "
        f"{books_range(projection.books_low, projection.books_high)} "
        f"(books of {low:,}–{high:,} pages)"
    ]
    rough = rough_note(projection)
    if rough:
        lines[0] += f"; {rough}"
    likely = likely_range(projection)
    if likely:
        lines.append(likely)
    growth = projection.growth
    if growth is not None:
        lines.append(
            f"Growing {100 * growth.per_week:+.2g}% a week: about "
            f"{growth.pages_per_year:,} pages, "
            f"{books_range(growth.books_low, growth.books_high)}, ending at "
            f"{pages_a_day(growth.pages_per_day_at_end)}"
        )
    return lines


def reading_by_time(pages_read: int, timed_minutes: int) -> str:
    """Reading counted honestly: "4,210 pages and 31 h by time" (by time: minutes read
    where the pages are unknown, an audiobook)."""
    return f"{pages(pages_read)} and {by_time(timed_minutes)}"


def by_time(timed_minutes: int) -> str:
    """Minutes read where the pages are unknown: "45 min by time", "2 h 15 min by time"."""
    return f"{time_read(timed_minutes)} by time"


def time_not_projected(timed_minutes: int) -> str:
    """The year ahead projects pages only: what it leaves out, read by time this year."""
    hours = timed_minutes / 60
    said = f"{hours:,.0f} h" if hours >= 1 else f"{timed_minutes} min"
    return f"Read by time this year: {said}, where pages are unknown (not in the pages above)"


def skip_days_added(count: int) -> str:
    """Skip days added: "1 day that neither breaks nor lengthens a streak", "3 days …"."""
    if count == 1:
        return "1 day that neither breaks nor lengthens a streak"
    return f"{count:,} days that neither break nor lengthen a streak"


# -- the week so far and the next milestone ----------------------------------------------


def week_so_far(week: PeriodTotals) -> str:
    """This week up to today: "176 pages · 1h45m of learning · 5 of 7 days met"."""
    days = (week.last - week.first).days + 1
    return (
        f"{pages(week.pages)} · {duration(week.minutes)} of learning · "
        f"{week.learning_days} of {plural(days, 'day')} met"
    )


def milestone_sentence(milestone: Milestone, today: date) -> str:
    """The next milestone: "Deep Work done in 7 days (~29 Nov) at your pace",
    "4 more days beat your record of 21 days". A book's title is stored text: shown
    safely by whoever draws it."""
    if milestone.book is not None:
        when = (
            "today"
            if milestone.days == 0
            else "tomorrow"
            if milestone.days == 1
            else f"in {plural(milestone.days, 'day')}"
        )
        finish = f" (~{short_date(milestone.finish, today)})" if milestone.days else ""
        return f"{milestone.book.title} done {when}{finish} at your pace"
    beat = "beats" if milestone.days == 1 else "beat"
    return (
        f"{plural(milestone.days, 'more day', 'more days')} {beat} your record of "
        f"{plural(milestone.record, 'day')}"
    )
