"""Two windows on one card, or a window and a command: nobody's write is lost without a word.

Each window reads the card, the person edits, the window saves what it read as `before`;
another window, an import or a `forget` may have written in between.
"""
from __future__ import annotations

from datetime import date, datetime

import pytest

from clientbook.errors import UserError
from clientbook.services.client_edit import FieldProblems, card_values, update_client
from clientbook.services.clients import NewClient, add_client, card, forget
from clientbook.services.contacts import Outcome, log_call
from clientbook.services.importer import import_file
from tests.conftest import write

TODAY = date(2026, 11, 22)


def opened(book, client_id: int) -> dict[str, object]:
    """What a window's card form holds when it opens."""
    return card_values(card(book, client_id, TODAY))


def edited(values: dict[str, object], **changes) -> dict[str, object]:
    return {**values, **changes}


@pytest.fixture
def anna(book) -> int:
    return add_client(book, NewClient("Анна", "Ёлкина", phone="8 916 123-45-67", external_id="A-1"))


def test_two_windows_saving_different_fields_keep_both(book, anna):
    window_a, window_b = opened(book, anna), opened(book, anna)  # B opened before A saved
    update_client(book, anna, edited(window_a, alerts="Аллергия на латекс"), TODAY, before=window_a)
    update_client(book, anna, edited(window_b, phone="8 903 000-11-22"), TODAY, before=window_b)
    found = card(book, anna, TODAY)
    assert (found.alerts, found.phone) == ("Аллергия на латекс", "+79030001122")


def test_two_windows_saving_the_same_field_the_second_is_told(book, anna):
    window_a, window_b = opened(book, anna), opened(book, anna)
    update_client(book, anna, edited(window_a, alerts="Аллергия на латекс"), TODAY, before=window_a)
    with pytest.raises(FieldProblems) as conflict:
        update_client(book, anna, edited(window_b, alerts="Беременность"), TODAY, before=window_b)
    assert conflict.value.problems == {
        "alerts": "Changed meanwhile to “Аллергия на латекс”: open the card again to see it."}
    assert card(book, anna, TODAY).alerts == "Аллергия на латекс"  # nothing overwritten


def test_an_import_while_a_card_is_open_keeps_the_imported_field(book, anna, tmp_path):
    window = opened(book, anna)
    sheet = write(tmp_path, "clients.csv", "client_id;first_name;last_name;phone\nA-1;Анна;Ёлкина;8 999 111-22-33\n")
    import_file(book, sheet, "clients", today=TODAY)
    assert card(book, anna, TODAY).phone == "+79991112233"
    update_client(book, anna, edited(window, alerts="Аллергия на латекс"), TODAY, before=window)
    found = card(book, anna, TODAY)
    assert (found.alerts, found.phone) == ("Аллергия на латекс", "+79991112233")


def test_a_window_on_a_client_forgotten_elsewhere_is_told_not_crashed(book, anna):
    window = opened(book, anna)
    forget(book, anna)  # `clientbook forget` from the shell meanwhile
    with pytest.raises(UserError, match=f"There is no client {anna}."):
        update_client(book, anna, edited(window, alerts="Аллергия"), TODAY, before=window)
    with pytest.raises(UserError, match="no longer in the book"):
        log_call(book, anna, Outcome("no_answer"), datetime(2026, 11, 22, 12))
    assert book.execute_sql("SELECT count(*) FROM clients").fetchone() == (0,)


def test_a_window_on_a_client_archived_elsewhere_is_told_and_saves_nothing(book, anna):
    from clientbook.services.clients import archive

    window = opened(book, anna)
    archive(book, anna)  # the admin archived her from the shell meanwhile
    with pytest.raises(UserError, match=r"^Not saved: this client was archived in another window or command"):
        update_client(book, anna, edited(window, alerts="Аллергия на латекс"), TODAY, before=window)
    assert card(book, anna, TODAY).alerts == ""
    archived_card = opened(book, anna)  # a card opened on the archived client edits as before
    update_client(book, anna, edited(archived_card, alerts="Аллергия"), TODAY, before=archived_card)
    assert card(book, anna, TODAY).alerts == "Аллергия"


async def test_every_write_of_a_window_on_a_forgotten_client_is_a_sentence_not_a_crash(book_path):
    """Notes, talking points and the card's own fields: each says so; the app goes on."""
    from clientbook.services.book import open_book
    from clientbook.tui.screens.card import CardScreen
    from tests.ui.pilot import make_app, shows, until

    database = open_book(book_path)
    anna = add_client(database, NewClient("Анна", "Ёлкина", phone="8 916 123-45-67"))
    add_client(database, NewClient("Вера", "Новикова"))
    database.close()
    app = make_app(book_path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(CardScreen(anna))
        await shows(pilot, "#card-title", f"#{anna}")
        elsewhere = open_book(book_path)
        forget(elsewhere, anna)  # `clientbook forget` from the shell
        elsewhere.close()
        gone = ("Not saved: the client, master or service this refers to was deleted in another "
                "window or command meanwhile. Open it again to see the book as it is now.")
        for key, text in (("p", "кофе без сахара"), ("t", "как прошла свадьба?")):
            await pilot.press(key)
            await until(pilot, lambda: app.screen.query("#answer"), what="the question")
            await pilot.press(*text, "enter")
            await until(pilot, lambda: gone in [n.message for n in app._notifications],
                        show=lambda: [n.message for n in app._notifications])
            app.clear_notifications()
        assert app.is_running and isinstance(app.screen, CardScreen)
    database = open_book(book_path)
    assert database.execute_sql("SELECT count(*) FROM preferences").fetchone() == (0,)
    assert database.execute_sql("SELECT first_name FROM clients").fetchall() == [("Вера",)]
    database.close()
