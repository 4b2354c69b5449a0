"""The client card, driven as a master would: read it, edit it, add to it; then check the book."""
from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from textual.widgets import Checkbox, DataTable, Input, OptionList, Select, TabbedContent, TextArea

from clientbook.services.book import open_book
from clientbook.services.clients import NewClient, add_client
from clientbook.services.search import search
from clientbook.services.visits import NewVisit, add_visit
from clientbook.tui.screens.card import CardScreen
from tests.ui.pilot import TODAY, book_has, focused_on, make_app, rows, shown, shows, until


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
    """The card pushed, then until the book's answer is on it (its title names the client)."""
    pilot.app.push_screen(CardScreen(client_id))
    await shows(pilot, "#card-title", f"  #{client_id}")
    assert isinstance(pilot.app.screen, CardScreen)


async def open_visit_form(pilot, client_id: int = 1):
    """The card, then `v`: the visit form in front, its day and time focused."""
    await open_card(pilot, client_id)
    await pilot.press("v")
    await focused_on(pilot, "#when", Input)
    return pilot.app.screen


async def to_details(pilot):
    tabs = pilot.app.screen.query_one("#card-tabs", TabbedContent)
    tabs.active = "tab-details"
    await until(pilot, lambda: tabs.active_pane.id == "tab-details" and tabs.active_pane.display
                and pilot.app.screen.query_one("#field-first_name", Input).value,
                what="the Details tab, built and filled")


async def type_into(pilot, name: str, text: str):
    box = pilot.app.screen.query_one(f"#field-{name}", Input)
    box.focus()
    await focused_on(pilot, f"#field-{name}", Input)
    box.value = ""
    await pilot.press(*text)
    await until(pilot, lambda: box.value == text, show=lambda: box.value)


def results(app) -> list[str]:
    table = app.screen.query_one("#results", DataTable)
    return [str(table.get_row_at(i)[2]) for i in range(table.row_count)]


def notified(app, message: str) -> bool:
    return message in [n.message for n in app._notifications]


async def test_the_card_shows_alerts_first_then_the_rhythm(client_book):
    app = make_app(client_book)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(CardScreen(1))

        def the_card():
            overview = shown(app, "#overview").splitlines()
            assert overview[0] == "⚠ Аллергия на латекс"
            assert overview[1] == "Ёлкина Анна  #1 · A-1"
            text = "\n".join(overview)
            assert "nails: every 28 days (learned from visits), last Nov 1, 2026, due Nov 29, 2026" in text
            assert "She is booked ahead until Nov 23, 2026: coming, not due." in text
            visits = app.screen.query_one("#visits", DataTable)
            assert visits.row_count == 5
            assert [str(c) for c in visits.get_row_at(0)][:3] == ["2026-11-23 15:00", "booked", "Маникюр"]
            assert "Kodi 70" in str(visits.get_row_at(1)[6])

        await until(pilot, the_card)


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

        def saved_and_read_again():
            assert notified(app, "Saved.")
            assert "Address as: Анна Сергеевна" in shown(app, "#overview")
            assert "Любит [b]тишину[/b]" in shown(app, "#overview")  # literally, not as markup

        await until(pilot, saved_and_read_again)
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

        def refused():
            assert shown(app, "#problem-email") == "“anna@” is not an e-mail address."
            assert shown(app, "#problem-birthday") == "There is no day 30 in month 2."
            assert app.screen.focused is app.screen.query_one("#field-email")  # the first wrong field

        await until(pilot, refused)
        await type_into(pilot, "email", "anna@example.ru")
        app.screen.query_one("#field-birthday", Input).value = "28.02"
        await pilot.press("ctrl+s")

        def refused_again():
            assert shown(app, "#problem-external_id") == "The studio id “B-2” belongs to client 2."
            assert shown(app, "#problem-email") == ""

        await until(pilot, refused_again)
    assert rows(client_book, "SELECT first_name, email, birth_month, external_id FROM clients WHERE id = 1") == [
        ("Анна", None, None, "A-1")]


async def test_escape_with_unsaved_changes_warns_once(client_book):
    app = make_app(client_book)
    async with app.run_test(size=(120, 40)) as pilot:
        await focused_on(pilot, "#search", Input)
        await pilot.press(*"елкина")  # search
        await until(pilot, lambda: results(app) == ["Ёлкина Анна"], show=lambda: results(app))
        await pilot.press("enter")  # to the results, the card's preview beside them
        await shows(pilot, "#card", "Ёлкина Анна  #1")
        await pilot.press("enter")  # open the card
        await shows(pilot, "#card-title", "Ёлкина Анна  #1")
        await to_details(pilot)
        await type_into(pilot, "last_name", "Смирнова")
        await pilot.press("escape")
        await until(pilot, lambda: any(n.message.startswith("Unsaved changes") for n in app._notifications),
                    what="the warning of unsaved changes")
        assert isinstance(app.screen, CardScreen)
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, CardScreen), what="the card to close")
    assert rows(client_book, "SELECT last_name FROM clients WHERE id = 1") == [("Ёлкина",)]


async def test_a_visit_is_added_from_the_card(client_book):
    app = make_app(client_book)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_card(pilot, 2)
        await pilot.press("v")
        await focused_on(pilot, "#when", Input)
        form = app.screen
        form.query_one("#when", Input).value = "2026-11-21 10:30"
        form.query_one("#services", Input).value = "Педикюр"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: shown(app, "#problem") == "“Педикюр” is not on the price list — add it?",
                    show=lambda: shown(app, "#problem"))
        await pilot.press("escape")  # not added: back to the field, to correct it
        await focused_on(pilot, "#services", Input)
        form.query_one("#services", Input).value = "Маникюр"
        form.query_one("#master", Input).value = "Ольга"
        form.query_one("#price", Input).value = "2 500"
        form.query_one("#formula", Input).value = "Luxio 12"
        await pilot.press("ctrl+s")

        def the_visit_listed():
            assert isinstance(app.screen, CardScreen)
            table = app.screen.query_one("#visits", DataTable)
            assert [str(c) for c in table.get_row_at(0)][:4] == ["2026-11-21 10:30", "done", "Маникюр", "Ольга"]

        await until(pilot, the_visit_listed)
    assert rows(client_book, "SELECT v.starts_at, v.status, v.price_cents, v.formula, m.name FROM visits v "
                             "JOIN masters m ON m.id = v.master_id WHERE v.client_id = 2") == [
        ("2026-11-21 10:30:00", "done", 250000, "Luxio 12", "Ольга")]


async def test_a_booking_must_be_ahead_and_its_status_can_change(client_book):
    app = make_app(client_book)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_visit_form(pilot)
        form.query_one("#status", Select).value = "planned"
        form.query_one("#when", Input).value = "2026-11-20 10:00"
        form.query_one("#services", Input).value = "Маникюр"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: shown(app, "#problem") ==
                    "A booking must be today or later; choose done for a past visit.",
                    show=lambda: shown(app, "#problem"))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, CardScreen), what="the form to close")
        # The booking of tomorrow (the first row) did not take place: a no-show.
        app.screen.query_one("#card-tabs", TabbedContent).active = "tab-visits"
        await pilot.press("s")
        await focused_on(pilot, "#choices", OptionList)
        await pilot.press("down", "down", "down", "enter")  # booked, pencilled, done, no-show
        await book_has(pilot, client_book, "SELECT status FROM visits WHERE starts_at = '2026-11-23 15:00:00'",
                       [("no_show",)])
        await until(pilot, lambda: notified(app, "Visit status changed."), what="the change confirmed")


async def test_preference_talking_point_and_interval(client_book):
    app = make_app(client_book)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_card(pilot)
        await pilot.press("p")
        await focused_on(pilot, "#answer", Input)
        await pilot.press("enter")  # empty: refused in the dialog
        await until(pilot, lambda: shown(app, "#problem") == "A preference needs some text.",
                    show=lambda: shown(app, "#problem"))
        await pilot.press(*"кофе без сахара", "enter")
        await shows(pilot, "#overview", "• кофе без сахара")
        await pilot.press("t")
        await focused_on(pilot, "#answer", Input)
        await pilot.press(*"как прошла свадьба?", "enter")
        await shows(pilot, "#overview", "? как прошла свадьба? (Nov 22, 2026)")
        await pilot.press("i")
        await focused_on(pilot, "#answer", Input)
        await pilot.press(*"21", "enter")
        overview = await shows(pilot, "#overview", "Comes every 21 days (set by hand).")
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

        def archived():
            assert shown(app, "#card-title").endswith("· archived")
            assert shown(app, "#overview").startswith("Archived on ")

        await until(pilot, archived)
        assert rows(client_book, "SELECT archived_at IS NOT NULL FROM clients WHERE id = 2") == [(1,)]
        await pilot.press("a")  # the same key restores an archived client
        await until(pilot, lambda: "archived" not in shown(app, "#card-title"), what="the card restored",
                    show=lambda: shown(app, "#card-title"))
    assert rows(client_book, "SELECT archived_at FROM clients WHERE id = 2") == [(None,)]


async def test_the_calls_tab_lists_the_contacts(client_book):
    from clientbook.services.contacts import Outcome, log_call

    database = open_book(client_book)
    log_call(database, 1, Outcome("callback", on=TODAY + timedelta(days=3), note="после отпуска"), datetime.combine(TODAY, time(12)))
    database.close()
    app = make_app(client_book)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_card(pilot)

        def the_call_listed():
            table = app.screen.query_one("#contacts", DataTable)
            assert [str(c) for c in table.get_row_at(0)][2:] == ["call back", "Nov 25, 2026", "после отпуска",
                                                                 "Ресепшен · Анна"]  # who recorded it (tests/conftest.py)

        await until(pilot, the_call_listed)


async def to_visits(pilot) -> DataTable:
    """The Visits tab in front, its table focused: the visit keys act on its cursor."""
    pilot.app.screen.query_one("#card-tabs", TabbedContent).active = "tab-visits"
    table = pilot.app.screen.query_one("#visits", DataTable)
    table.focus()
    return await focused_on(pilot, "#visits", DataTable)


def visit_row(app, row: int) -> list[str]:
    return [str(cell) for cell in app.screen.query_one("#visits", DataTable).get_row_at(row)]


async def test_a_visit_is_corrected_field_by_field(client_book):
    app = make_app(client_book)
    before = rows(client_book, "SELECT * FROM visits WHERE starts_at = '2026-11-01 11:00:00'")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_card(pilot)
        table = await to_visits(pilot)
        table.move_cursor(row=1)  # the last visit done: Nov 1
        await pilot.press("enter")
        form = await focused_on(pilot, "#when", Input)
        fields = {name: form.screen.query_one(f"#{name}", Input).value
                  for name in ("when", "services", "master", "price", "formula")}
        assert fields == {"when": "01.11.2026 11:00", "services": "Маникюр", "master": "Ольга", "price": "2000",
                          "formula": "Kodi 70"}
        assert form.screen.query_one("#status", Select).value == "done"
        form.screen.query_one("#formula", Input).value = "Kodi 71"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, CardScreen) and "Kodi 71" in visit_row(app, 1)[6],
                    what="the corrected visit listed")
        assert notified(app, "Visit saved.")
    after = rows(client_book, "SELECT * FROM visits WHERE starts_at = '2026-11-01 11:00:00'")
    changed = [i for i, (old, new) in enumerate(zip(before[0], after[0])) if old != new]
    assert len(changed) == 1 and after[0][changed[0]] == "Kodi 71"  # that field, nothing else


async def test_a_visit_deleted_after_a_question_then_put_back(client_book):
    app = make_app(client_book)
    figures = "SELECT done_visits, last_visit, total_cents FROM client_figures WHERE client_id = 1"
    before = rows(client_book, figures)
    visit = rows(client_book, "SELECT id FROM visits WHERE starts_at = '2026-11-01 11:00:00'")[0][0]
    async with app.run_test(size=(80, 24)) as pilot:
        await open_card(pilot)
        table = await to_visits(pilot)
        table.move_cursor(row=1)
        await pilot.press("x")
        await focused_on(pilot, "#choices", OptionList)
        assert "Delete the visit of Nov 1, 2026, 11:00: Маникюр?" in str(app.screen.query_one("Label").render())
        await pilot.press("enter")  # yes, delete it
        await book_has(pilot, client_book, "SELECT count(*) FROM visits WHERE id = ?", [(0,)], visit)
        await until(pilot, lambda: notified(app, "Deleted: the visit of Nov 1, 2026, 11:00: Маникюр. u puts it back."))
        await until(pilot, lambda: app.screen.query_one("#visits", DataTable).row_count == 4)
        assert rows(client_book, figures) == [(3, "2026-10-04", 600000)]
        await pilot.press("u")
        await book_has(pilot, client_book, "SELECT v.id, s.name FROM visits v JOIN visit_services vs "
                                           "ON vs.visit_id = v.id JOIN services s ON s.id = vs.service_id "
                                           "WHERE v.id = ?", [(visit, "Маникюр")], visit)
        await until(pilot, lambda: notified(app, "Put back: the visit of Nov 1, 2026, 11:00: Маникюр."))
        await until(pilot, lambda: visit_row(app, 1)[0] == "2026-11-01 11:00", show=lambda: visit_row(app, 1))
    assert rows(client_book, figures) == before


async def test_a_preference_corrected_and_a_talking_point_asked_with_the_answer(client_book):
    from clientbook.services.client_edit import add_preference, add_talking_point

    database = open_book(client_book)
    add_preference(database, 1, "кофе без сахара")
    add_talking_point(database, 1, "Свадьба", TODAY - timedelta(days=30))
    database.close()
    app = make_app(client_book)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_card(pilot)
        await shows(pilot, "#overview", "• кофе без сахара", "? Свадьба (Oct 23, 2026)")
        await pilot.press("P")
        await focused_on(pilot, "#choices", OptionList)
        await pilot.press("enter", "enter")  # the only preference; correct it
        answer = await focused_on(pilot, "#answer", Input)
        assert answer.value == "кофе без сахара"
        answer.value = "чай с мятой"
        await pilot.press("enter")
        await shows(pilot, "#overview", "• чай с мятой")
        await pilot.press("T")
        await focused_on(pilot, "#choices", OptionList)
        await pilot.press("enter", "down", "enter")  # the talking point; mark it asked
        await focused_on(pilot, "#answer", Input)
        await pilot.press(*"Всё прошло чудесно", "enter")
        overview = await shows(pilot, "#overview", "✓ Свадьба — asked Nov 22, 2026: “Всё прошло чудесно”")
        assert "? Свадьба" not in overview
    assert rows(client_book, "SELECT text FROM preferences") == [("чай с мятой",)]
    assert rows(client_book, "SELECT text, asked_at, answer FROM talking_points") == [
        ("Свадьба", "2026-11-22 12:00:00", "Всё прошло чудесно")]


async def test_a_talking_point_deleted_is_put_back(client_book):
    from clientbook.services.client_edit import add_talking_point

    database = open_book(client_book)
    add_talking_point(database, 1, "отпуск в Сочи", TODAY)
    database.close()
    app = make_app(client_book)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_card(pilot)
        await pilot.press("T")
        await focused_on(pilot, "#choices", OptionList)
        await pilot.press("enter", "down", "down", "enter")  # correct, asked, delete
        await book_has(pilot, client_book, "SELECT count(*) FROM talking_points", [(0,)])
        await until(pilot, lambda: "отпуск" not in shown(app, "#overview"))
        await pilot.press("u")
        await shows(pilot, "#overview", "? отпуск в Сочи")
    assert rows(client_book, "SELECT id, text FROM talking_points") == [(1, "отпуск в Сочи")]


async def test_a_status_changed_meanwhile_is_not_written_over(client_book):
    """s reads the booking as planned; another desk marks it cancelled before the choice: refused."""
    app = make_app(client_book)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_card(pilot)
        app.screen.query_one("#card-tabs", TabbedContent).active = "tab-visits"
        await pilot.press("s")
        await focused_on(pilot, "#choices", OptionList)
        other = open_book(client_book)
        other.execute_sql("UPDATE visits SET status = 'cancelled' WHERE starts_at = '2026-11-23 15:00:00'")
        other.close()
        await pilot.press("down", "down", "down", "enter")  # no-show
        await until(pilot, lambda: notified(
            app, "Not changed: this visit was marked “cancelled” meanwhile (it was “booked”). Look again and choose."),
            show=lambda: [n.message for n in app._notifications])
    assert rows(client_book, "SELECT status FROM visits WHERE starts_at = '2026-11-23 15:00:00'") == [("cancelled",)]


async def test_the_visits_tab_says_which_desk_and_who_wrote_each_visit(client_book, monkeypatch):
    """A visit added at the hall by Ирина, in Russian: its row says so beside those written at
    the reception by Анна (tests/conftest.py's desk), and the book records it (issue 21)."""
    from clientbook import i18n

    monkeypatch.setenv("CLIENTBOOK_DESK", "Зал")
    monkeypatch.setenv("CLIENTBOOK_USER", "Ирина")
    i18n.set_language("ru")
    app = make_app(client_book)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_visit_form(pilot)
        form.query_one("#when", Input).value = "21.11.2026 10:30"
        form.query_one("#services", Input).value = "Маникюр"
        form.query_one("#master", Input).value = "Ольга"
        await pilot.press("ctrl+s")
        await to_visits(pilot)
        table = app.screen.query_one("#visits", DataTable)
        assert [str(c.label) for c in table.ordered_columns[-2:]] == ["кем записано", "формула и материалы"]

        def signed():
            assert [visit_row(app, n)[-2] for n in range(3)] == ["Ресепшен · Анна", "Зал · Ирина", "Ресепшен · Анна"]

        await until(pilot, signed)
    assert rows(client_book, "SELECT written_desk, written_user FROM visits WHERE starts_at = '2026-11-21 10:30:00'"
                ) == [("Зал", "Ирина")]


async def test_what_is_typed_stays_when_the_card_is_read_again(client_book):
    """The card is read again (after a write here or at another desk) while a field is being
    edited: the typed e-mail stays in its field, the note another desk wrote comes in, and
    saving keeps both."""
    app = make_app(client_book)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_card(pilot)
        await to_details(pilot)
        await type_into(pilot, "email", "anna@example.ru")
        other = open_book(client_book)  # another desk
        other.execute_sql("UPDATE clients SET notes = 'Переехала на Лесную' WHERE id = 1")
        other.close()
        app.screen.load()
        notes = app.screen.query_one("#field-notes", TextArea)
        await until(pilot, lambda: notes.text == "Переехала на Лесную", show=lambda: notes.text)
        assert app.screen.query_one("#field-email", Input).value == "anna@example.ru"
        await pilot.press("ctrl+s")
        await book_has(pilot, client_book, "SELECT email, notes FROM clients WHERE id = 1",
                       [("anna@example.ru", "Переехала на Лесную")])
