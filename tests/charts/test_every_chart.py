"""What every chart does: fit its size, keep its title, draw in the app too."""

from __future__ import annotations

import pytest

from compound import charts
from compound.domain.goals import GoalChange
from compound.domain.records import GoalKind

from .drawing import ago, history, render

# -- every kind ------------------------------------------------------------------------


def full_history() -> charts.ChartData:
    pages = {ago(n): 5 + (n * 7) % 40 for n in range(400) if n % 5}
    goals = [GoalChange(GoalKind.DAILY_PAGES, 20, ago(500))]
    return charts.ChartData(history(pages, goals), 90, {"course": 120, "podcast": 45})


@pytest.mark.parametrize("kind", list(charts.BUILDERS))
@pytest.mark.parametrize(("width", "height"), [(40, 10), (80, 24), (150, 30)])
def test_every_chart_fits_the_size_it_is_given(plt, kind, width, height):
    plt.plotsize(width, height)
    lines = render(plt, kind, full_history()).splitlines()
    assert len(lines) <= height
    assert max(len(line.rstrip()) for line in lines) <= width
    assert lines[0].strip(), "the title is shown"


@pytest.mark.parametrize("kind", list(charts.BUILDERS))
def test_every_chart_keeps_its_title_at_any_width(plt, kind):
    data = full_history()
    for width in (40, 47, 53, 61, 66, 70, 85, 100, 130):
        plt.clear_figure()
        plt.plotsize(width, 16)
        title = render(plt, kind, data).splitlines()[0].strip()
        assert len(title) > 20, (width, title)  # plotext drops a title that overflows


@pytest.mark.parametrize("kind", list(charts.BUILDERS))
def test_every_chart_draws_on_the_tui_plot_object_too(kind):
    from textual_plotext import Plot

    plot = Plot()
    plot.plotsize(70, 18)
    assert charts.BUILDERS[kind](plot, full_history()) is None
    assert plot.uncolorize(plot.build()).strip()


@pytest.mark.parametrize(("width", "height"), [(40, 10), (80, 24), (150, 30)])
def test_the_calendar_fits_the_size_it_is_given_and_keeps_its_title(width, height):
    # Not a plotext figure (so not in BUILDERS): lines of text laid out for the size.
    for days in (90, 365):
        layout = charts.calendar(charts.ChartData(full_history().history, days), width, height)
        assert not isinstance(layout, str)
        lines = layout.text()
        assert len(lines) <= height and max(len(line) for line in lines) <= width
        assert lines[0].startswith("Pages a day since")
