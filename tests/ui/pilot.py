"""What the screen tests share: the app on a book at a fixed day, waiting for it to settle, reading the book."""
from __future__ import annotations

from datetime import date

from textual.widgets import Static

from clientbook.services.book import open_book
from clientbook.tui.app import ClientbookApp

TODAY = date(2026, 11, 22)


def make_app(path, today: date = TODAY) -> ClientbookApp:
    return ClientbookApp(open_book(path), path, today)


async def settle(pilot) -> None:
    """Until the workers are done and their answers are on the screen (answers start workers)."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def press_and_settle(pilot, *keys: str) -> None:
    """Settle, press (a screen's key: F3 for the calls), settle again: as a person waits."""
    await settle(pilot)
    await pilot.press(*keys)
    await settle(pilot)


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def rows(path, sql: str, *params) -> list[tuple]:
    """Read the book as the test's own witness, with a connection of its own."""
    database = open_book(path)
    try:
        return [tuple(r) for r in database.execute_sql(sql, params).fetchall()]
    finally:
        database.close()
