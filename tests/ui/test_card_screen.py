"""The client card, driven as a master would: read it, edit it, add to it; then check the book."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from textual.widgets import Checkbox, DataTable, Input, Select, TabbedContent, TextArea

from clientbook.services.book import open_book
from clientbook.services.clients import NewClient, add_client
from clientbook.services.search import search
from clientbook.services.visits import NewVisit, add_visit
from clientbook.tui.screens.card import CardScreen
from tests.ui.pilot import TODAY, make_app, rows, settle, shown


@pytest.fixture
def client_book(book_path):
    """Анна comes for nails every four weeks; a booking tomorrow; Иван is another client."""
    database = open_book(book_path)
    anna = add_client(database, NewClient("Анна", "Ёлкина", phone="8 916 123-45-67",
                                          alerts="Аллергия на латекс", external_id="A-1"))
    for k in range(4):
        add_visit(database, anna, NewVisit(datetime(2026, 11, 1, 11) - timedelta(days=28 * k), ("Маникюр",),
                                           master="Ольга", price_cents=200000,
                                           formula="Kodi 70" if k == 0 else ""), {"Маникюр": "nails"},
                  today=TODAY)
    add_visit(database, anna, NewVisit(datetime(2026, 11, 23, 15), ("Маникюр",), status="planned"), today=TODAY)
    add_client(database, NewClient("Иван", "Петров", external_id="B-2"))
    database.close()
    return book_path


async def open_card(pilot, client_id: int = 1):
    await settle(pilot)
    pilot.app.push_screen(CardScreen(client_id))
    await settle(pilot)
    assert isinstance(pilot.app.screen, CardScreen)


async def to_details(pilot):
    pilot.app.screen.query_one("#card-tabs", TabbedContent).active = "tab-details"
    await pilot.pause()


async def type_into(pilot, name: str, text: str):
    box = pilot.app.screen.query_one(f"#field-{name}", Input)
    box.focus()
    box.value = ""
    await pilot.press(*text)


async def test_the_card_shows_alerts_first_then_the_rhythm(client_book):
    app = make_app(client_book)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_card(pilot)
        overview = shown(app, "#overview").splitlines()
        assert overview[0] == "⚠ Аллергия на латекс"
        assert overview[1] == "Ёлкина Анна  #1 · A-1"
        text = "\n".join(overview)
        assert "nails: every 28 days (learned from visits), last Nov 1, 2026, due Nov 29, 2026" in text
        assert "Booked ahead until Nov 23, 2026: coming, not due." in text
        visits = app.screen.query_one("#visits", DataTable)
        assert visits.row_count == 5
        assert [str(c) for c in visits.get_row_at(0)][:3] == ["2026-11-23 15:00", "booked", "Маникюр"]
        assert "Kodi 70" in str(visits.get_row_at(1)[5])


async def test_an_edited_field_is_saved_with_its_index(client_book):
    app = make_app(client_book)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_card(pilot)
        await to_details(pilot)
        assert app.screen.query_one("#field-phone", Input).value == "8 (916) 123-45-67"
        await type_into(pilot, "phone", "+7 (903) 555 44 33")
        await type_into(pilot, "address_as", "Анна Сергеевна")
        app.screen.query_one("#field-notes", TextArea).text = "Любит [b]тишину[/b]"
        app.screen.query_one("#field-do_not_contact", Checkbox).value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Saved." in [n.message for n in app._notifications]
        assert "Address as: Анна Сергеевна" in shown(app, "#overview")
        assert "Любит [b]тишину[/b]" in shown(app, "#overview")  # literally, not as markup
    assert rows(client_book, "SELECT phone, address_as, notes, do_not_contact FROM clients WHERE id = 1") == [
        ("+79035554433", "Анна Сергеевна", "Любит [b]тишину[/b]", 1)]
    database = open_book(client_book)
    assert [hit.id for hit in search(database, "903 555")] == [1]
    database.close()


async def test_a_wrong_field_is_explained_and_nothing_is_saved(client_book):
    app = make_app(client_book)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_card(pilot)
        await to_details(pilot)
        await type_into(pilot, "first_name", "Анюта")
        await type_into(pilot, "email", "anna@")
        await type_into(pilot, "birthday", "1990-02-30")
        await type_into(pilot, "external_id", "B-2")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert shown(app, "#problem-email") == "“anna@” is not an e-mail address."
        assert shown(app, "#problem-birthday") == "There is no day 30 in month 2."
        assert app.screen.focused is app.screen.query_one("#field-email")  # the first wrong field
        await type_into(pilot, "email", "anna@example.ru")
        app.screen.query_one("#field-birthday", Input).value = "28.02"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert shown(app, "#problem-external_id") == "The studio id “B-2” belongs to client 2."
        assert shown(app, "#problem-email") == ""
    assert rows(client_book, "SELECT first_name, email, birth_month, external_id FROM clients WHERE id = 1") == [
        ("Анна", None, None, "A-1")]


async def test_escape_with_unsaved_changes_warns_once(client_book):
    app = make_app(client_book)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*"елкина", "enter", "enter")  # search, to the results, open the card
        await settle(pilot)
        await to_details(pilot)
        await type_into(pilot, "last_name", "Смирнова")
        await pilot.press("escape")
        assert isinstance(app.screen, CardScreen)
        assert any(n.message.startswith("Unsaved changes") for n in app._notifications)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, CardScreen)
    assert rows(client_book, "SELECT last_name FROM clients WHERE id = 1") == [("Ёлкина",)]


async def test_a_visit_is_added_from_the_card(client_book):
    app = make_app(client_book)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_card(pilot, 2)
        await pilot.press("v")
        await pilot.pause()
        form = app.screen
        form.query_one("#when", Input).value = "2026-11-21 10:30"
        form.query_one("#services", Input).value = "Педикюр"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert shown(app, "#problem") == "Not in the price list: Педикюр."
        form.query_one("#services", Input).value = "Маникюр"
        form.query_one("#master", Input).value = "Ольга"
        form.query_one("#price", Input).value = "2 500"
        form.query_one("#formula", Input).value = "Luxio 12"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CardScreen)
        table = app.screen.query_one("#visits", DataTable)
        assert [str(c) for c in table.get_row_at(0)][:4] == ["2026-11-21 10:30", "done", "Маникюр", "Ольга"]
    assert rows(client_book, "SELECT v.starts_at, v.status, v.price_cents, v.formula, m.name FROM visits v "
                             "JOIN masters m ON m.id = v.master_id WHERE v.client_id = 2") == [
        ("2026-11-21 10:30:00", "done", 250000, "Luxio 12", "Ольга")]


async def test_a_booking_must_be_ahead_and_its_status_can_change(client_book):
    app = make_app(client_book)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_card(pilot)
        await pilot.press("v")
        await pilot.pause()
        form = app.screen
        form.query_one("#status", Select).value = "planned"
        form.query_one("#when", Input).value = "2026-11-20 10:00"
        form.query_one("#services", Input).value = "Маникюр"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert shown(app, "#problem") == "A booking must be today or later; choose done for a past visit."
        await pilot.press("escape")
        await settle(pilot)
        # The booking of tomorrow (the first row) did not take place: a no-show.
        app.screen.query_one("#card-tabs", TabbedContent).active = "tab-visits"
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("down", "down", "down", "enter")  # booked, pencilled, done, no-show
        await settle(pilot)
    assert rows(client_book, "SELECT status FROM visits WHERE starts_at = '2026-11-23 15:00:00'") == [("no_show",)]


async def test_preference_talking_point_and_interval(client_book):
    app = make_app(client_book)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_card(pilot)
        await pilot.press("p")
        await pilot.press("enter")  # empty: refused in the dialog
        await pilot.pause()
        assert shown(app, "#problem") == "A preference needs some text."
        await pilot.press(*"кофе без сахара", "enter")
        await settle(pilot)
        await pilot.press("t")
        await pilot.press(*"как прошла свадьба?", "enter")
        await settle(pilot)
        await pilot.press("i")
        await pilot.press(*"21", "enter")
        await settle(pilot)
        overview = shown(app, "#overview")
        assert "• кофе без сахара" in overview
        assert "? как прошла свадьба? (Nov 22, 2026)" in overview
        assert "Comes every 21 days (set by hand)." in overview
        assert "nails: every 21 days (set by hand; learned 28)" in overview
    assert rows(client_book, "SELECT text FROM preferences WHERE client_id = 1") == [("кофе без сахара",)]
    assert rows(client_book, "SELECT text, noted_on, ask_next_time, asked_at FROM talking_points") == [
        ("как прошла свадьба?", "2026-11-22", 1, None)]
    assert rows(client_book, "SELECT interval_override_days FROM clients WHERE id = 1") == [(21,)]


async def test_archive_and_restore(client_book):
    app = make_app(client_book)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_card(pilot, 2)
        await pilot.press("a")
        await settle(pilot)
        assert shown(app, "#card-title").endswith("· archived")
        assert shown(app, "#overview").startswith("Archived on ")
        assert rows(client_book, "SELECT archived_at IS NOT NULL FROM clients WHERE id = 2") == [(1,)]
        await pilot.press("u")
        await settle(pilot)
        assert "archived" not in shown(app, "#card-title")
    assert rows(client_book, "SELECT archived_at FROM clients WHERE id = 2") == [(None,)]


async def test_the_calls_tab_lists_the_contacts(client_book):
    from clientbook.services.contacts import Outcome, log_call

    database = open_book(client_book)
    log_call(database, 1, Outcome("callback", on=TODAY + timedelta(days=3), note="после отпуска"), TODAY)
    database.close()
    app = make_app(client_book)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_card(pilot)
        table = app.screen.query_one("#contacts", DataTable)
        assert [str(c) for c in table.get_row_at(0)][2:] == ["call back", "Nov 25, 2026", "после отпуска"]
