"""Desks that see each other on one book (issue 21): the call list follows another desk's
writes while it is in front, marks the clients another desk has open, and skips them when
moving on. On a file book here; tests/postgres/test_desks_pg.py runs them on a server's."""
from __future__ import annotations

from datetime import datetime

from clientbook.services.book import open_book
from clientbook.services.contacts import Outcome, log_call
from db.desks import desk_board
from tests.ui.pilot import make_app, shown, until
from tests.ui.test_calls_screen import ALL, listed

NOON = datetime(2026, 11, 22, 12).timestamp()  # the app's clock in tests: the day at noon


def reasons(app) -> list[str]:
    table = app.screen.query_one("#calls")
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


def cursor_name(app) -> str:
    table = app.screen.query_one("#calls")
    return str(table.get_row_at(table.cursor_row)[1])


async def marked_at_the_reception(pilot, book, other) -> int:
    """The call list in front, then Ким taken at the reception (the board `other`) and marked
    here as such; her id."""
    app = pilot.app
    await pilot.press("f3")
    await until(pilot, lambda: listed(app) == ALL)
    database = open_book(book)
    kim = database.execute_sql("SELECT id FROM clients WHERE last_name = 'Ким'").fetchone()[0]
    database.close()
    other.hold(kim, NOON)
    await until(pilot, lambda: reasons(app)[1] == "Ресепшен is calling · due", timeout=5,
                show=lambda: reasons(app))
    return kim


async def test_another_desks_outcome_leaves_the_list_and_the_cursor_stays_on_its_client(due_book):
    app = make_app(due_book)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f3")
        await until(pilot, lambda: listed(app) == ALL)
        await pilot.press("down", "down")  # on Лось Мария
        await until(pilot, lambda: "Лось Мария" in shown(app, "#brief"))

        other = open_book(due_book)  # another desk's connection
        kim = other.execute_sql("SELECT id FROM clients WHERE last_name = 'Ким'").fetchone()[0]
        log_call(other, kim, Outcome("no_answer"), datetime(2026, 11, 22, 12, 5))
        other.close()

        await until(pilot, lambda: listed(app) == ["Ёлкина Анна", "Лось Мария"], timeout=5,
                    show=lambda: listed(app))
        assert cursor_name(app) == "Лось Мария"  # the row she was on moved; the cursor followed her


async def test_a_client_another_desk_has_open_is_marked_and_skipped_when_moving_on(due_book, monkeypatch):
    monkeypatch.setenv("CLIENTBOOK_DESK", "Зал")
    other = desk_board(due_book, "other-computer:1", "Ресепшен")
    app = make_app(due_book)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            kim = await marked_at_the_reception(pilot, due_book, other)
            third = desk_board(due_book, "a-third:1", "x")
            holds = third.others(NOON)
            third.close()
            assert holds == {app.screen.items[0].id: "Зал", kim: "Ресепшен"}  # this desk holds the first row

            await pilot.press("n")  # Ёлкина: no answer, and on to the next client no other desk has open
            await until(pilot, lambda: listed(app) == ["Ким Ольга", "Лось Мария"])
            await until(pilot, lambda: cursor_name(app) == "Лось Мария")
            await pilot.press("up")
            await until(pilot, lambda: "Ресепшен has this client open now: move on to the next one."
                        in shown(app, "#brief"), show=lambda: shown(app, "#brief"))

            other.let_go()
            await until(pilot, lambda: reasons(app)[0] == "due", timeout=5, show=lambda: reasons(app))
    finally:
        other.close()


async def test_a_hold_no_desk_renews_any_more_expires(due_book, monkeypatch):
    """A desk whose window ended without letting go (a laptop that died): its mark leaves the
    other desks' lists once its hold is 30 seconds old, with no desk taking or letting go."""
    monkeypatch.setenv("CLIENTBOOK_DESK", "Зал")
    other = desk_board(due_book, "dead-laptop:1", "Ресепшен")
    app = make_app(due_book)
    moment = [datetime.fromtimestamp(NOON)]
    app.clock = lambda: moment[0]
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await marked_at_the_reception(pilot, due_book, other)
            moment[0] = datetime.fromtimestamp(NOON + 45)  # nobody renewed it since: that desk is gone
            await until(pilot, lambda: reasons(app)[1] == "due", timeout=5, show=lambda: reasons(app))
    finally:
        other.close()
