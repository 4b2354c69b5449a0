"""How the main screens look, in English and Russian, on the demo studio at a fixed day and size.

The SVGs under __snapshots__ are what a person approved; after a deliberate change to a
screen, look at the new ones (`pytest tests/ui/test_snapshots.py --snapshot-update`,
then the report) before committing them.
"""
from __future__ import annotations

import shutil

import pytest

from clientbook import i18n
from clientbook.services.book import open_book
from clientbook.services.demo import generate_demo
from clientbook.tui.app import ClientbookApp
from clientbook.tui.screens.card import CardScreen
from tests.ui.pilot import TODAY, press_and_settle, settle

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


@pytest.mark.parametrize("demo_app", LANGUAGES, indirect=True)
def test_clients(demo_app, snap_compare):
    async def search_and_preview(pilot):  # results for "ал", the first one previewed
        await press_and_settle(pilot, *"ал", "enter")

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=search_and_preview)


@pytest.mark.parametrize("demo_app", LANGUAGES, indirect=True)
def test_card(demo_app, snap_compare):
    client_id = card_with_alerts(demo_app.database)

    async def open_card(pilot):
        await settle(pilot)
        pilot.app.push_screen(CardScreen(client_id))
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=open_card)


@pytest.mark.parametrize("demo_app", LANGUAGES, indirect=True)
def test_today(demo_app, snap_compare):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=lambda pilot: press_and_settle(pilot, "f4"))


@pytest.mark.parametrize("demo_app", LANGUAGES, indirect=True)
def test_call_list(demo_app, snap_compare):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=lambda pilot: press_and_settle(pilot, "f3"))


@pytest.mark.parametrize("demo_app", LANGUAGES, indirect=True)
def test_reports(demo_app, snap_compare):
    async def open_reports(pilot):
        await press_and_settle(pilot, "f6")

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=open_reports)
