"""The palette's dialogs: an export lands in the documents folder (else home) and says
its full path; the profile in view is named at the top when it is not the default."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from compound.config import Settings
from compound.tui.app import CompoundApp
from compound.tui.widgets.navbar import NavBar

from .conftest import TODAY, settle, tracker_of

pytestmark = pytest.mark.asyncio


async def _export(pilot, *typed: str) -> list[str]:
    await settle(pilot)
    await pilot.press("ctrl+p", *"export")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press(*typed, "enter")
    await settle(pilot)
    return [n.message for n in pilot.app._notifications]


@pytest.fixture
def run_elsewhere(tmp_path, monkeypatch) -> Path:
    """The app started from a folder of its own, which an export must not land in."""
    started_in = tmp_path / "started-in"
    started_in.mkdir()
    monkeypatch.chdir(started_in)
    return started_in


async def test_an_export_goes_to_home_without_a_documents_folder(
    store, make_app, isolated_home, run_elsewhere
):
    async with make_app(store).run_test() as pilot:
        said = await _export(pilot)
    target = isolated_home / f"compound-{TODAY}.json"
    assert json.loads(target.read_text())["books"]
    assert list(run_elsewhere.iterdir()) == []
    assert any(str(target) in m for m in said), said


async def test_a_name_typed_is_placed_in_the_documents_folder(
    store, make_app, isolated_home, run_elsewhere
):
    documents = isolated_home / "Documents"
    documents.mkdir()
    async with make_app(store).run_test() as pilot:
        said = await _export(pilot, *"mine.json")
    assert (documents / "mine.json").is_file()
    assert list(run_elsewhere.iterdir()) == []
    assert any(str(documents / "mine.json") in m for m in said), said


def _navbar(app) -> str:
    return app.screen.query_one(NavBar).render().plain


async def test_the_top_line_names_a_profile_other_than_the_default(store, make_app):
    store.add_profile("sam")
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "default" not in _navbar(pilot.app)
    sam = store.for_profile("sam")
    app = CompoundApp(tracker_of(sam), Settings(welcome=False), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "sam" in _navbar(pilot.app)


async def test_the_top_line_follows_a_profile_switch(store, make_app):
    store.add_profile("sam")
    async with make_app(store, welcome=False).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"switch", "enter")
        await settle(pilot)
        await pilot.press(*"sam", "enter")
        await settle(pilot)
        assert "sam" in _navbar(pilot.app)
        await pilot.press("3")
        await settle(pilot)
        assert "sam" in _navbar(pilot.app)
