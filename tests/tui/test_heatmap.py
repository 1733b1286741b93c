"""History's calendar is the one `compound chart calendar` prints: the same days, the
same shades and marks, the same month names and legend, in the theme's colours."""

from __future__ import annotations

from datetime import timedelta

import pytest

from compound.domain.records import GoalKind
from compound.tui.widgets.heatmap import YearHeatmap

from .conftest import TODAY, settle

pytestmark = pytest.mark.asyncio

WEEKDAYS = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"  # TODAY is a Sunday


def _every_kind_of_day(store) -> None:
    """Ten months of reading under goals of 20 then 25; from two months ago asked for
    on weekdays only, with a skip day in the weeks without reading before the last 40
    days: every kind of day is in the calendar."""
    store.set_goal(GoalKind.DAILY_PAGES, 25, since=TODAY - timedelta(days=60), schedule=WEEKDAYS)
    store.add_skips(TODAY - timedelta(days=52), TODAY - timedelta(days=52))


async def _history_calendar(store, make_app, size) -> tuple[YearHeatmap, int, list[str]]:
    """The History screen's calendar: the widget, the width it draws in, its lines."""
    async with make_app(store).run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        heatmap = pilot.app.screen.query_one(YearHeatmap)
        lines = [line.rstrip() for line in heatmap.render().plain.split("\n")]
        assert heatmap.content_size.height == len(lines)  # nothing cut off
        return heatmap, heatmap.content_size.width, lines


def _printed(width: int, tmp_path, monkeypatch, capsys) -> list[str]:
    from compound.cli import main

    monkeypatch.setenv("COMPOUND_DB", str(tmp_path / "compound.db"))
    capsys.readouterr()
    assert main(["chart", "calendar", "--width", str(width), "--height", "40"]) == 0
    return capsys.readouterr().out.splitlines()


@pytest.mark.parametrize("size", [(80, 30), (140, 45)])
async def test_history_draws_the_cells_chart_calendar_prints(
    store, make_app, tmp_path, monkeypatch, capsys, size
):
    _every_kind_of_day(store)
    _, width, shown = await _history_calendar(store, make_app, size)
    printed = _printed(width, tmp_path, monkeypatch, capsys)
    assert shown == printed
    grid = "\n".join(shown[2:9])
    assert all(mark in grid for mark in "×◦·░▒▓█")
    assert shown[2].startswith("Mon") and "less ·░▒▓█ more" in "\n".join(shown[9:])


async def test_each_kind_of_day_has_its_theme_colour(store, make_app):
    _every_kind_of_day(store)
    async with make_app(store).run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        heatmap = pilot.app.screen.query_one(YearHeatmap)
        text = heatmap.render()
        colours: dict[str, set] = {}
        for span in text.spans:
            for ch in text.plain[span.start : span.end]:
                colours.setdefault(ch, set()).add(span.style)
        expected = {
            "×": "heatmap--skip",
            "◦": "heatmap--not-due",
            "·": "heatmap--nothing",
            "░": "heatmap--level-1",
            "█": "heatmap--level-4",
        }
        for mark, component in expected.items():
            assert heatmap.get_component_rich_style(component) in colours[mark], mark
        assert len({str(heatmap.get_component_rich_style(c)) for c in expected.values()}) == 5
