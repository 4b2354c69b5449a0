"""The first screen, driven as a person would: type, press, look, and check the book."""
from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, Static

from clientbook.services.book import open_book
from clientbook.services.clients import NewClient, add_client
from clientbook.tui.screens.card import CardScreen
from tests.ui.pilot import TODAY, book_has, focused_on, make_app, shows, until


@pytest.fixture
def small_book(book_path):
    database = open_book(book_path)
    add_client(database, NewClient("Алёна", "Ёлкина", phone="8 916 123-45-67",
                                   alerts="Аллергия на латекс"))
    add_client(database, NewClient("Иван", "Петров", phone="+7 903 000-11-22"))
    add_client(database, NewClient("[b]Ann[/b]", external_id="[i]x"))
    database.close()
    return book_path


def names(app) -> list[str]:
    table = app.screen.query_one("#results", DataTable)
    return [str(table.get_row_at(i)[2]) for i in range(table.row_count)]


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def listed(pilot, expected: list[str]) -> None:
    """Until the results are `expected`: the answer to what is in the search box."""
    await until(pilot, lambda: names(pilot.app) == expected, what=f"the results {expected}",
                show=lambda: names(pilot.app))


async def test_counts_and_first_page(small_book):
    app = make_app(small_book)
    async with app.run_test(size=(110, 30)) as pilot:
        def the_book():
            summary = text_of(app, "#summary")
            assert "3 clients" in summary and "0 visits" in summary and str(small_book) in summary
            assert names(app) == ["[b]Ann[/b]", "Ёлкина Алёна", "Петров Иван"]

        await until(pilot, the_book)
        assert not app.screen.query_one("#empty").has_class("shown")


async def test_search_answers_as_you_type(small_book):
    app = make_app(small_book)
    async with app.run_test(size=(110, 30)) as pilot:
        await focused_on(pilot, "#search", Input)
        await pilot.press(*"ёлк")
        await listed(pilot, ["Ёлкина Алёна"])
        app.screen.query_one("#search", Input).value = ""
        await listed(pilot, ["[b]Ann[/b]", "Ёлкина Алёна", "Петров Иван"])  # so the next answer is new
        await pilot.press(*"8916123")
        await listed(pilot, ["Ёлкина Алёна"])


async def test_typing_q_in_the_search_box_types_it(small_book):
    app = make_app(small_book)
    async with app.run_test(size=(110, 30)) as pilot:
        box = await focused_on(pilot, "#search", Input)
        await pilot.press("q")
        await until(pilot, lambda: box.value == "q", show=lambda: box.value)
        assert app.is_running


async def test_markup_in_names_shows_literally(small_book):
    app = make_app(small_book)
    async with app.run_test(size=(110, 30)) as pilot:
        await focused_on(pilot, "#search", Input)
        await pilot.press(*"ann")
        await listed(pilot, ["[b]Ann[/b]"])
        table = app.screen.query_one("#results", DataTable)
        row = table.get_row_at(0)
        assert str(row[1]) == "[i]x" and str(row[2]) == "[b]Ann[/b]"
        await pilot.press("enter")  # to the results: the card's preview beside them
        await until(pilot, lambda: text_of(app, "#card").startswith("[b]Ann[/b]"),
                    show=lambda: text_of(app, "#card"))
        await pilot.press("enter")  # the card itself

        def the_card():
            assert text_of(app, "#card-title").startswith("[b]Ann[/b]")
            assert text_of(app, "#overview").startswith("[b]Ann[/b]  #3 · [i]x")

        await until(pilot, the_card)


async def test_enter_opens_the_card_alerts_first(small_book):
    app = make_app(small_book)
    async with app.run_test(size=(110, 30)) as pilot:
        await focused_on(pilot, "#search", Input)
        await pilot.press(*"елкина")
        await listed(pilot, ["Ёлкина Алёна"])
        await pilot.press("enter")  # to the results
        await until(pilot, lambda: text_of(app, "#card").splitlines()[:2] == ["⚠ Аллергия на латекс",
                                                                              "Ёлкина Алёна  #1"],
                    show=lambda: text_of(app, "#card"))
        await pilot.press("enter")  # open the card
        await until(pilot, lambda: text_of(app, "#overview").splitlines()[:2] == ["⚠ Аллергия на латекс",
                                                                                  "Ёлкина Алёна  #1"],
                    show=lambda: text_of(app, "#overview"))
        await pilot.press("escape")  # back to the results, where the person was

        def back():
            assert not isinstance(app.screen, CardScreen)
            assert app.screen.query_one("#card-panel").has_class("open")
            assert names(app) == ["Ёлкина Алёна"]

        await until(pilot, back)
        await pilot.press("escape")  # the preview closes
        await until(pilot, lambda: not app.screen.query_one("#card-panel").has_class("open"),
                    what="the preview to close")


async def test_empty_book_offers_the_demo(book_path):
    app = make_app(book_path)
    async with app.run_test(size=(110, 30)) as pilot:
        await until(pilot, lambda: app.screen.query_one("#empty").has_class("shown"),
                    what="the offer of the demo")
        await pilot.press("d")  # the very first key, as the notice says: it must not go into the search box

        def the_demo():
            assert "300 clients" in text_of(app, "#summary")
            assert len(names(app)) == 100  # a page, not the whole book
            assert not app.screen.query_one("#empty").has_class("shown")

        await until(pilot, the_demo, timeout=60)  # 300 clients with two years of visits: slow when busy
        await focused_on(pilot, "#search", Input)  # the book is full now: ready to find someone
    database = open_book(book_path)
    assert database.execute_sql("SELECT count(*) FROM clients").fetchone()[0] == 300


async def test_next_page_comes_when_the_cursor_reaches_the_end(book_path):
    from clientbook.services.demo import generate_demo

    database = open_book(book_path)
    generate_demo(database, clients=250, seed=2, today=TODAY)
    database.close()
    app = make_app(book_path)
    async with app.run_test(size=(110, 30)) as pilot:
        table = await until(pilot, lambda: app.screen.query_one("#results", DataTable))
        await until(pilot, lambda: table.row_count == 100, show=lambda: table.row_count)
        table.focus()
        table.move_cursor(row=99)
        await until(pilot, lambda: table.row_count == 200, show=lambda: table.row_count)


async def test_demo_key_does_nothing_on_a_full_book(small_book):
    app = make_app(small_book)
    async with app.run_test(size=(110, 30)) as pilot:
        await shows(pilot, "#summary", "3 clients")
        app.screen.query_one("#results", DataTable).focus()
        await focused_on(pilot, "#results", DataTable)
        await pilot.press("d")
        assert not any("demo" in str(n.message) for n in app._notifications)  # the key is switched off
        assert "3 clients" in text_of(app, "#summary")
        await book_has(pilot, small_book, "SELECT count(*) FROM clients", [(3,)])


async def test_the_first_screen_of_an_empty_book_takes_its_keys(book_path):
    app = make_app(book_path)
    async with app.run_test(size=(110, 30)) as pilot:
        await until(pilot, lambda: app.screen.query_one("#empty").has_class("shown"),
                    what="the offer of the demo")
        await pilot.press("ctrl+o")
        await focused_on(pilot, "#import-path", Input)
        await pilot.press("escape")
        await pilot.press("slash", *"ann")  # / still goes to the search
        await until(pilot, lambda: app.screen.query_one("#search", Input).value == "ann")
        await until(pilot, lambda: app.screen.query_one("#nobody").has_class("shown"),
                    what="Nobody found")
        assert text_of(app, "#nobody") == "Nobody found."


async def test_down_goes_from_the_search_into_the_results_and_the_preview_follows(small_book):
    app = make_app(small_book)
    async with app.run_test(size=(110, 30)) as pilot:
        await focused_on(pilot, "#search", Input)
        await pilot.press(*"ёлк")
        await listed(pilot, ["Ёлкина Алёна"])
        await pilot.press("down")
        await focused_on(pilot, "#results", DataTable)
        await until(pilot, lambda: "Ёлкина Алёна" in text_of(app, "#card"), what="the preview")
        assert not app.screen.query_one("#nobody").has_class("shown")
        await pilot.press("slash")
        search = await focused_on(pilot, "#search", Input)
        search.value = "петр"
        await listed(pilot, ["Петров Иван"])
        # The preview never shows a client who is not in the results.
        await until(pilot, lambda: not app.screen.query_one("#card-panel").has_class("open"),
                    what="the preview of Ёлкина to close")
        search.value = "никто такой"
        await listed(pilot, [])
        await until(pilot, lambda: app.screen.query_one("#nobody").has_class("shown"), what="Nobody found")


async def test_f2_from_a_card_goes_back_to_the_list(small_book):
    app = make_app(small_book)
    async with app.run_test(size=(110, 30)) as pilot:
        await focused_on(pilot, "#search", Input)
        await pilot.press(*"петр")
        await listed(pilot, ["Петров Иван"])
        await pilot.press("enter", "enter")
        await until(pilot, lambda: isinstance(app.screen, CardScreen), what="the card")
        await pilot.press("f2")
        await until(pilot, lambda: not isinstance(app.screen, CardScreen), what="the list")
        assert names(app) == ["Петров Иван"]


async def test_ctrl_n_adds_a_client_with_the_cards_checks_and_opens_her_card(small_book):
    from tests.ui.pilot import shown

    app = make_app(small_book)
    async with app.run_test(size=(80, 24)) as pilot:
        await focused_on(pilot, "#search", Input)
        await pilot.press("ctrl+n")
        await focused_on(pilot, "#name", Input)
        await pilot.press(*"Смирнова Ольга")
        app.screen.query_one("#phone", Input).value = "8 916 12"
        app.screen.query_one("#birthday", Input).value = "31.02"
        await pilot.press("ctrl+s")
        await shows(pilot, "#problem-phone", "8 916 12")
        assert shown(app, "#problem-birthday") == "There is no day 31 in month 2."
        assert app.focused.id == "phone"  # the first field at fault
        await book_has(pilot, small_book, "SELECT count(*) FROM clients", [(3,)])  # nothing written
        # Ёлкина's phone, written another way: asked about once, then added on purpose.
        app.screen.query_one("#phone", Input).value = "+7 (916) 123 45 67"
        app.screen.query_one("#birthday", Input).value = "16.02"
        await pilot.press("ctrl+s")
        await shows(pilot, "#problem-phone", "Ёлкина Алёна")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, CardScreen), what="the new card")
        await shows(pilot, "#card-title", "Смирнова Ольга")
        await book_has(pilot, small_book,
                       "SELECT first_name, last_name, phone, birth_day, birth_month FROM clients WHERE id = 4",
                       [("Ольга", "Смирнова", "+79161234567", 16, 2)])
        await pilot.press("escape")
        await until(pilot, lambda: "Смирнова Ольга" in names(app), what="the new client in the list")


async def test_a_new_client_typed_in_one_burst_lands_field_by_field(small_book):
    """Name, Enter, phone sent at once, as a fast hand or a paste sends them: Enter moves on
    before the next key is read, so the phone is not typed into the name."""
    from textual import events
    from textual.keys import _character_to_key

    app = make_app(small_book)
    async with app.run_test(size=(80, 24)) as pilot:
        await focused_on(pilot, "#search", Input)
        await pilot.press("ctrl+n")
        await focused_on(pilot, "#name", Input)
        for key in [*"Орлова Вера", "enter", *"89161112233"]:
            app.post_message(events.Key("enter", None) if key == "enter" else events.Key(_character_to_key(key), key))
        await until(pilot, lambda: [app.screen.query_one(f"#{name}", Input).value for name in ("name", "phone")]
                    == ["Орлова Вера", "89161112233"], show=lambda: [(i.id, i.value) for i in app.screen.query(Input)])
        await focused_on(pilot, "#phone", Input)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, CardScreen), what="the new card")
    await book_has(pilot, small_book, "SELECT first_name, last_name, phone FROM clients WHERE id = 4",
                   [("Вера", "Орлова", "+79161112233")])


async def test_a_new_client_saved_within_the_burst_is_saved_whole(small_book):
    """The same burst to the last field and its Enter, which saves: the save waits until each
    field has taken its keys (a save in the burst had read «Иванова Вал» and no phone)."""
    from textual import events
    from textual.keys import _character_to_key

    app = make_app(small_book)
    async with app.run_test(size=(80, 24)) as pilot:
        await focused_on(pilot, "#search", Input)
        await pilot.press("ctrl+n")
        await focused_on(pilot, "#name", Input)
        for key in [*"Иванова Валерия", "enter", *"89161112233", "enter", *"16.02", "enter", "enter", "enter"]:
            app.post_message(events.Key("enter", None) if key == "enter" else events.Key(_character_to_key(key), key))
        await until(pilot, lambda: isinstance(app.screen, CardScreen), what="the new card")
    await book_has(pilot, small_book, "SELECT first_name, last_name, phone, birth_day, birth_month FROM clients "
                   "WHERE id = 4", [("Валерия", "Иванова", "+79161112233", 16, 2)])


async def test_escape_leaves_the_new_client_form_without_writing(small_book):
    app = make_app(small_book)
    async with app.run_test(size=(80, 24)) as pilot:
        await focused_on(pilot, "#search", Input)
        await pilot.press("ctrl+n")
        await focused_on(pilot, "#name", Input)
        await pilot.press(*"Никто", "escape")
        await focused_on(pilot, "#search", Input)
        await book_has(pilot, small_book, "SELECT count(*) FROM clients", [(3,)])
