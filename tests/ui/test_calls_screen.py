"""The call list screen: one key per outcome writes the contact and moves on."""
from __future__ import annotations

from textual.widgets import DataTable, Input, OptionList, Static

from clientbook import i18n
from clientbook.services.book import open_book
from tests.ui.pilot import make_app, press_and_settle, settle


def listed(app) -> list[str]:
    table = app.screen.query_one("#calls", DataTable)
    return [str(table.get_row_at(i)[2]) for i in range(table.row_count)]


def contacts(path) -> list[tuple]:
    database = open_book(path)
    try:
        return database.execute_sql(
            "SELECT c.client_id, c.outcome, c.callback_on, r.code FROM contacts c "
            "LEFT JOIN reasons r ON r.id = c.reason_id ORDER BY c.id").fetchall()
    finally:
        database.close()


async def test_list_and_brief_with_script(due_book):
    app = make_app(due_book)
    async with app.run_test(size=(140, 40)) as pilot:
        await press_and_settle(pilot, "f3")
        assert listed(app) == ["Ёлкина Анна", "Ким Ольга", "Лось Мария"]
        brief = str(app.screen.query_one("#brief", Static).render())
        assert brief.startswith("⚠ Аллергия на латекс")
        assert "“Анна, hello!" in brief
        assert "We can offer Monday, November 23, 11:00 or Tuesday, November 24, 11:00." in brief
        assert "Kodi 70" in brief


async def test_no_answer_key_records_and_moves_on(due_book):
    app = make_app(due_book)
    async with app.run_test(size=(140, 40)) as pilot:
        await press_and_settle(pilot, "f3")
        await pilot.press("n")
        await settle(pilot)
        assert listed(app) == ["Ким Ольга", "Лось Мария"]
        assert app.screen.query_one("#calls", DataTable).cursor_row == 0
        assert "Ким Ольга" in str(app.screen.query_one("#brief", Static).render())
    assert contacts(due_book) == [(1, "no_answer", None, None)]


async def test_call_back_asks_for_the_day(due_book):
    app = make_app(due_book)
    async with app.run_test(size=(140, 40)) as pilot:
        await press_and_settle(pilot, "f3")
        await pilot.press("r")
        await pilot.pause()
        await pilot.press(*"2026-11-01", "enter")  # in the past: refused, the dialog stays
        await pilot.pause()
        assert "That day has passed" in str(app.screen.query_one("#problem", Static).render())
        app.screen.query_one("#answer", Input).value = ""
        await pilot.press(*"2026-11-28", "enter")
        await settle(pilot)
        assert listed(app) == ["Ким Ольга", "Лось Мария"]
    assert contacts(due_book) == [(1, "callback", "2026-11-28", None)]


async def test_declined_asks_the_reason(due_book):
    app = make_app(due_book)
    async with app.run_test(size=(140, 40)) as pilot:
        await press_and_settle(pilot, "f3")
        await pilot.press("down", "d")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        options.highlighted = [o.id for o in options._options].index("moved_away")
        await pilot.press("enter")
        await settle(pilot)
        assert listed(app) == ["Ёлкина Анна", "Лось Мария"]
    assert contacts(due_book) == [(2, "declined", None, "moved_away")]


async def test_booked_asks_when_and_makes_the_booking(due_book):
    app = make_app(due_book)
    async with app.run_test(size=(140, 40)) as pilot:
        await press_and_settle(pilot, "f3")
        await pilot.press("b")
        await pilot.pause()
        await pilot.press(*"24.11 14:30", "enter")  # as a Russian admin types it
        await settle(pilot)
        assert listed(app) == ["Ким Ольга", "Лось Мария"]
    database = open_book(due_book)
    assert database.execute_sql("SELECT client_id, starts_at FROM visits WHERE status = 'planned'").fetchall() == [
        (1, "2026-11-24 14:30:00")]


async def test_escape_cancels_and_records_nothing(due_book):
    app = make_app(due_book)
    async with app.run_test(size=(140, 40)) as pilot:
        await press_and_settle(pilot, "f3")
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert len(listed(app)) == 3
    assert contacts(due_book) == []


async def test_copy_message_for_a_messenger(due_book):
    app = make_app(due_book)
    async with app.run_test(size=(140, 40)) as pilot:
        await press_and_settle(pilot, "f3")
        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard.startswith("Анна, hello! This is clientbook. Your last visit was on")
        assert app.clipboard.endswith("We can offer Monday, November 23, 11:00 or Tuesday, November 24, 11:00.")


async def test_russian_interface(due_book):
    i18n.set_language("ru")
    try:
        app = make_app(due_book)
        async with app.run_test(size=(140, 40)) as pilot:
            await press_and_settle(pilot, "f3")
            table = app.screen.query_one("#calls", DataTable)
            assert str(table.get_row_at(0)[0]) == "под угрозой"
            brief = str(app.screen.query_one("#brief", Static).render())
            assert "“Анна, здравствуйте! Это clientbook.”" in brief
            assert "2\u00a0000\u00a0₽" in brief  # Babel's Russian money
            assert "8 окт. 2026\u202fг." in brief  # and dates
            footer_text = " ".join(str(b[1].description) for b in app.screen.active_bindings.values())
            assert "Записан" in footer_text and "Не ответил" in footer_text
    finally:
        i18n.set_language("en")
