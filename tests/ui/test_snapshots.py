"""How the main screens look, in English and Russian, on the demo studio at a fixed day and size.

The SVGs under __snapshots__ are what a person approved; after a deliberate change to a
screen, look at the new ones (`pytest tests/ui/test_snapshots.py --snapshot-update`,
then the report) before committing them.
"""
from __future__ import annotations

import shutil

import pytest
from textual.widgets import DataTable, Input

from clientbook import i18n
from clientbook.domain.speech import spoken_day
from clientbook.services.book import open_book
from clientbook.services.demo import generate_demo
from clientbook.services.search import search
from clientbook.services.stats import report
from clientbook.services.stats_view import tables
from clientbook.services.today import sessions
from clientbook.tui.app import ClientbookApp
from clientbook.tui.screens.card import CardScreen
from tests.ui.pilot import TODAY, focused_on, footer_settled, shown, shows, until

SIZE = (120, 36)
LANGUAGES = ("en", "ru")


@pytest.fixture(scope="module")
def demo_master(tmp_path_factory):
    """One demo studio per test process; each test works on its own copy."""
    path = tmp_path_factory.mktemp("demo") / "studio.db"
    database = open_book(path)
    generate_demo(database, clients=120, seed=7, today=TODAY)
    database.close()
    return path


@pytest.fixture
def demo_app(demo_master, tmp_path, monkeypatch, request):
    """The app on a copy named studio.db in the current folder, so the summary line is the same."""
    shutil.copy(demo_master, tmp_path / "studio.db")
    monkeypatch.chdir(tmp_path)
    i18n.set_language(request.param)
    database = open_book("studio.db")
    yield ClientbookApp(database, "studio.db", TODAY)
    i18n.set_language("en")


def card_with_alerts(database) -> int:
    """A client whose card shows the most: alerts first, and the more they have the better."""
    return database.execute_sql(
        "SELECT c.id FROM clients c WHERE c.alerts <> '' ORDER BY "
        "EXISTS (SELECT 1 FROM visits v WHERE v.client_id = c.id AND v.formula <> '') + "
        "EXISTS (SELECT 1 FROM preferences p WHERE p.client_id = c.id) + "
        "EXISTS (SELECT 1 FROM talking_points t WHERE t.client_id = c.id) DESC, c.id LIMIT 1"
    ).fetchone()[0]


def cell(app, selector: str, row: int, column: int) -> str:
    return str(app.screen.query_one(selector, DataTable).get_row_at(row)[column])


def names(app, selector: str, column: int) -> list[str]:
    table = app.screen.query_one(selector, DataTable)
    return [str(table.get_row_at(i)[column]) for i in range(table.row_count)]


@pytest.mark.parametrize("demo_app", LANGUAGES, indirect=True)
def test_clients(demo_app, snap_compare):
    found = [hit.name for hit in search(demo_app.database, "ал")]

    async def search_and_preview(pilot):  # results for "ал", the first one previewed
        app = pilot.app
        await focused_on(pilot, "#search", Input)
        await pilot.press(*"ал")
        await shows(pilot, "#summary", "studio.db")
        await until(pilot, lambda: names(app, "#results", 2) == found, what="the results for “ал”",
                    show=lambda: names(app, "#results", 2))
        await pilot.press("enter")

        def previewed():
            assert app.screen.query_one("#card-panel").has_class("open")
            assert f"{found[0]}  #{cell(app, '#results', 0, 0)}" in shown(app, "#card")

        await until(pilot, previewed)
        await footer_settled(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=search_and_preview)


@pytest.mark.parametrize("demo_app", LANGUAGES, indirect=True)
def test_card(demo_app, snap_compare):
    client_id = card_with_alerts(demo_app.database)

    async def open_card(pilot):
        await shows(pilot, "#summary", "studio.db")  # the screen beneath, as a person opens a card
        pilot.app.push_screen(CardScreen(client_id))
        await shows(pilot, "#card-title", f"  #{client_id}")  # the card read: title, tabs, tables at once
        await footer_settled(pilot)  # Archive on, Restore off: the footer follows

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=open_card)


@pytest.mark.parametrize("demo_app", LANGUAGES, indirect=True)
def test_today(demo_app, snap_compare):
    count = len(sessions(demo_app.database, TODAY))  # none on this day: the screen says so

    async def open_today(pilot):
        app = pilot.app
        await pilot.press("f4")

        def the_day():
            assert "2026" in shown(app, "#today-title")
            assert app.screen.query_one("#sessions", DataTable).row_count == count
            brief = shown(app, "#today-brief")
            assert brief  # the first session's brief, or that there is none
            if count:
                assert cell(app, "#sessions", 0, 1).removeprefix("⚠ ") in brief

        await until(pilot, the_day)
        await footer_settled(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=open_today)


@pytest.mark.parametrize("demo_app", LANGUAGES, indirect=True)
def test_call_list(demo_app, snap_compare):
    async def open_calls(pilot):
        app = pilot.app
        await pilot.press("f3")

        def the_list():
            assert spoken_day(TODAY, TODAY) in shown(app, "#calls-title")  # «22 ноября»
            assert cell(app, "#calls", 0, 1) in shown(app, "#brief")  # the first call's brief beside the list

        await until(pilot, the_list)
        await footer_settled(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=open_calls)


@pytest.mark.parametrize("demo_app", LANGUAGES, indirect=True)
def test_reports(demo_app, snap_compare):
    count = len(tables(report(demo_app.database, today=TODAY)))

    async def open_reports(pilot):
        app = pilot.app
        await pilot.press("f6")
        await until(pilot, lambda: len(app.screen.query(DataTable)) == count,  # mounted after the figures
                    what=f"the {count} tables of the report", show=lambda: len(app.screen.query(DataTable)))
        await footer_settled(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=open_reports)
