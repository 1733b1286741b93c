"""The app's frame at 80 columns as at 140: the footer keeps the app's own keys (p, l, u,
? and q) in view on every screen with nothing cut, the Stats tabs show all five
labels, and the top line names a profile other than the default whole."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.widgets import Footer, Tab, Tabs
from textual.widgets._footer import FooterKey, FooterLabel

from compound.config import Settings
from compound.tui.app import CompoundApp
from compound.tui.widgets.navbar import NavBar

from .conftest import TODAY, settle, tracker_of

pytestmark = pytest.mark.asyncio

SIZES = pytest.mark.parametrize("size", [(80, 24), (140, 45)], ids=lambda s: "x".join(map(str, s)))
SCREENS = ("1", "2", "3", "4", "5")  # Today, History, Books, Stats, Goals
APP_KEYS = ("p", "l", "u", "question_mark", "q")


def _footer_keys(screen) -> dict[str, FooterKey]:
    """The keys the footer draws, by key: those the layout gave no room are left out."""
    footer = screen.query_one(Footer)
    return {key.key: key for key in footer.query(FooterKey) if key.display and key.region.width}


def _clipped(key: FooterKey, width: int, palette: FooterKey | None) -> str | None:
    """Why `key` is not wholly in view, or None when it is."""
    region = key.region
    if region.right > width:
        return f"ends at column {region.right} of {width}"
    if palette is not None and key is not palette and region.overlaps(palette.region):
        return "under the palette's key"
    shown = key.render().plain
    if key.description and key.description not in shown:
        return f"its description is cut: {shown!r}"
    if cell_len(shown) > region.width:
        return f"{shown!r} is wider than its {region.width} cells"
    return None


@SIZES
async def test_the_footer_keeps_the_apps_keys_on_every_screen(store, make_app, size):
    width = size[0]
    async with make_app(store).run_test(size=size) as pilot:
        await settle(pilot)
        for screen_key in SCREENS:
            await pilot.press(screen_key)
            await settle(pilot)
            screen = pilot.app.screen
            keys = _footer_keys(screen)
            palette = keys.get("ctrl+p")
            missing = [key for key in APP_KEYS if key not in keys]
            assert not missing, f"screen {screen_key}: {missing} not in the footer"
            # Nothing is cut: not the app's keys, nor the screen's own.
            cut = {k: why for k, key in keys.items() if (why := _clipped(key, width, palette))}
            assert not cut, f"screen {screen_key} at {size}: {cut}"
            for label in screen.query_one(Footer).query(FooterLabel):  # a group's word
                assert label.region.right <= width, f"{label.render()} is cut"


async def test_the_books_moves_are_all_in_the_footer_at_80_columns(store, make_app):
    async with make_app(store).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        keys = _footer_keys(pilot.app.screen)
        assert {"a", "e", "s", "f", "x", "t"} <= set(keys)


@pytest.mark.parametrize("width", [80, 140])
async def test_every_stats_tab_label_is_whole(store, make_app, width):
    async with make_app(store).run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        bar = pilot.app.screen.query_one(Tabs)
        tabs = list(bar.query(Tab))
        assert [tab.label.plain for tab in tabs] == [
            "Daily",
            "This year",
            "Ahead" if width < 120 else "Year ahead",
            "Weekdays",
            "Years",
            "Learning",
        ]
        for tab in tabs:
            label = tab.label.plain
            assert tab.region.right <= bar.region.right, f"{label!r} runs past the tab bar"
            assert tab.content_region.width >= cell_len(label), f"{label!r} is cut"


@pytest.mark.parametrize("profile", ["sam", "reading-club"])
async def test_the_top_line_names_the_profile_whole_at_80_columns(store, profile):
    store.add_profile(profile)
    app = CompoundApp(tracker_of(store.for_profile(profile)), Settings(welcome=False), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for screen_key in SCREENS:
            await pilot.press(screen_key)
            await settle(pilot)
            navbar = pilot.app.screen.query_one(NavBar)
            line = navbar.render()
            assert f"profile {profile}" in line.plain
            assert line.cell_len <= navbar.size.width == 80
