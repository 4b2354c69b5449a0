"""A screen shown again keeps what it shows and reads the book only when someone wrote."""
from __future__ import annotations

from datetime import datetime

from clientbook.services.book import open_book
from clientbook.services.contacts import Outcome, log_call
from clientbook.tui.screens import calls as calls_screen
from tests.ui.pilot import TODAY, make_app, until
from tests.ui.test_calls_screen import ALL, listed


async def test_the_call_list_is_read_again_only_after_a_write(due_book, monkeypatch):
    reads = []

    def counted(database, today):
        reads.append(today)
        return real(database, today)

    real = calls_screen.call_list
    monkeypatch.setattr(calls_screen, "call_list", counted)
    app = make_app(due_book)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.workers.wait_for_complete()  # the day's backup and figures, written at start
        await pilot.press("f3")
        await until(pilot, lambda: listed(app) == ALL)
        for key in ("f4", "f3", "f2", "f3"):
            await pilot.press(key)
        await until(pilot, lambda: type(app.screen).__name__ == "CallsScreen" and listed(app) == ALL)
        await app.workers.wait_for_complete()
        assert len(reads) == 1  # shown three times, read once: nothing was written

        # Another window (or a command) records a call meanwhile: the list is read again.
        other = open_book(due_book)
        first = other.execute_sql("SELECT id FROM clients WHERE last_name = 'Ёлкина'").fetchone()[0]
        log_call(other, first, Outcome("do_not_contact"), datetime(2026, 11, 22, 12))
        other.close()
        await pilot.press("f4")
        await pilot.press("f3")
        await until(pilot, lambda: listed(app) == ALL[1:])
        assert len(reads) == 2
    assert TODAY in reads


async def test_the_footer_keeps_its_keys_until_they_change(due_book):
    from textual.widgets._footer import FooterKey

    def keys(app):
        return [(key.key, key.description) for key in app.screen.query(FooterKey)]

    app = make_app(due_book)
    async with app.run_test(size=(140, 36)) as pilot:
        await pilot.press("f3")
        await until(pilot, lambda: listed(app) == ALL and keys(app))
        calls_keys = list(app.screen.query(FooterKey))
        await pilot.press("f4")
        await until(pilot, lambda: type(app.screen).__name__ == "TodayScreen")
        await pilot.press("f3")
        await until(pilot, lambda: type(app.screen).__name__ == "CallsScreen")
        await pilot.pause(0.2)
        assert list(app.screen.query(FooterKey)) == calls_keys  # the same widgets: not rebuilt

        # A card's Visits tab brings its own keys: those are shown.
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "CardScreen" and keys(app))
        assert ("e", "Edit") not in keys(app)
        app.screen.tabs.active = "tab-visits"
        await until(pilot, lambda: ("e", "Edit") in keys(app), show=lambda: keys(app))
