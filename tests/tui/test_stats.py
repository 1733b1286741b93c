"""The Stats screen: the shared charts drawn in their tabs, beside the figures."""

from __future__ import annotations

import pytest
from textual.widgets import TabbedContent

from compound.tui.widgets.chart import ChartView

from .conftest import settle

pytestmark = pytest.mark.asyncio


async def test_charts_draw_when_shown_and_t_changes_the_span(store, make_app):
    async with make_app(store).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        screen = pilot.app.screen
        daily = screen.query_one("#chart-daily", ChartView)
        assert daily._message is None and daily._drawn_for[0].days == 30
        # A chart in a hidden tab waits until it is shown.
        assert screen.query_one("#chart-projection", ChartView)._drawn_for is None
        await pilot.press("t")
        await settle(pilot)
        assert daily._drawn_for[0].days == 90
        await pilot.press("right", "right")
        await settle(pilot)
        assert screen.query_one(TabbedContent).active == "tab-projection"
        projection = screen.query_one("#chart-projection", ChartView)
        assert projection._message is None and projection._drawn_for is not None
        assert "at 30-day pace" in str(screen.query_one("#figures").render())


async def test_a_chart_fills_its_view_whatever_terminal_the_process_has(store, make_app):
    # Tests (and `compound serve`) run without a terminal of that size: plotext would
    # otherwise keep the chart to 80×24 in a corner of a larger view.
    async with make_app(store).run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        view = pilot.app.screen.query_one("#chart-daily", ChartView)
        drawn = view.render().plain.splitlines()
        assert view.size.width > 100 and view.size.height > 30
        assert len(drawn) == view.size.height
        assert max(map(len, drawn)) == view.size.width


@pytest.mark.parametrize(
    ("size", "labelled"),
    [((140, 45), range(2019, 2027)), ((80, 24), range(2020, 2027, 2))],  # every other year
    ids=["140x45", "80x24"],
)
async def test_the_years_tab_shows_every_year_of_the_record(years_store, make_app, size, labelled):
    from .conftest import EARLIER_YEARS

    async with make_app(years_store).run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("4", "right", "right", "right", "right")
        await settle(pilot)
        screen = pilot.app.screen
        assert screen.query_one(TabbedContent).active == "tab-years"
        view = screen.query_one("#chart-years", ChartView)
        assert view._message is None and view._drawn_for is not None
        drawn = view.render().plain.splitlines()
        # 2019 to this year, 2022 too (nothing finished then, still a year of the record).
        assert drawn[-1].split() == [str(year) for year in labelled]
        books = sum(EARLIER_YEARS.values()) + 6  # and this year's six
        assert f"2019–2026: {books} books" in drawn[0] or size == (80, 24)
        assert "2019–2026" in drawn[0]
        assert any("books finished" in line for line in drawn)
        assert any("pages read" in line for line in drawn)
