"""The first screen, driven as a person would: type, press, look, and check the book."""
from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import DataTable, Input, Static

from clientbook.services.book import open_book
from clientbook.services.clients import NewClient, add_client
from clientbook.tui.app import ClientbookApp

TODAY = date(2026, 11, 22)


def make_app(path):
    return ClientbookApp(open_book(path), path, TODAY)


@pytest.fixture
def small_book(book_path):
    database = open_book(book_path)
    add_client(database, NewClient("Алёна", "Ёлкина", phone="8 916 123-45-67",
                                   alerts="Аллергия на латекс"))
    add_client(database, NewClient("Иван", "Петров", phone="+7 903 000-11-22"))
    add_client(database, NewClient("[b]Ann[/b]", external_id="[i]x"))
    database.close()
    return book_path


async def settle(pilot):
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def names(app) -> list[str]:
    table = app.screen.query_one("#results", DataTable)
    return [str(table.get_row_at(i)[2]) for i in range(table.row_count)]


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_counts_and_first_page(small_book):
    app = make_app(small_book)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        summary = text_of(app, "#summary")
        assert "3 clients" in summary and "0 visits" in summary and str(small_book) in summary
        assert names(app) == ["[b]Ann[/b]", "Ёлкина Алёна", "Петров Иван"]
        assert not app.screen.query_one("#empty").has_class("shown")


async def test_search_answers_as_you_type(small_book):
    app = make_app(small_book)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*"ёлк")
        await settle(pilot)
        assert names(app) == ["Ёлкина Алёна"]
        app.screen.query_one("#search", Input).value = ""
        await pilot.press(*"8916123")
        await settle(pilot)
        assert names(app) == ["Ёлкина Алёна"]


async def test_typing_q_in_the_search_box_types_it(small_book):
    app = make_app(small_book)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert app.is_running
        assert app.screen.query_one("#search", Input).value == "q"


async def test_markup_in_names_shows_literally(small_book):
    app = make_app(small_book)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*"ann")
        await settle(pilot)
        table = app.screen.query_one("#results", DataTable)
        row = table.get_row_at(0)
        assert str(row[1]) == "[i]x" and str(row[2]) == "[b]Ann[/b]"
        await pilot.press("enter")  # to the results: the card's preview beside them
        await settle(pilot)
        assert text_of(app, "#card").startswith("[b]Ann[/b]")
        await pilot.press("enter")  # the card itself
        await settle(pilot)
        assert text_of(app, "#card-title").startswith("[b]Ann[/b]")
        assert text_of(app, "#overview").startswith("[b]Ann[/b]  #3 · [i]x")


async def test_enter_opens_the_card_alerts_first(small_book):
    app = make_app(small_book)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*"елкина", "enter")  # to the results
        await settle(pilot)
        assert text_of(app, "#card").splitlines()[:2] == ["⚠ Аллергия на латекс", "Ёлкина Алёна  #1"]
        await pilot.press("enter")  # open the card
        await settle(pilot)
        assert text_of(app, "#overview").splitlines()[:2] == ["⚠ Аллергия на латекс", "Ёлкина Алёна  #1"]
        await pilot.press("escape")  # back to the results, where the person was
        await settle(pilot)
        assert app.screen.query_one("#card-panel").has_class("open")
        assert names(app) == ["Ёлкина Алёна"]
        await pilot.press("escape")  # the preview closes
        assert not app.screen.query_one("#card-panel").has_class("open")


async def test_empty_book_offers_the_demo(book_path):
    app = make_app(book_path)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#empty").has_class("shown")
        app.screen.query_one("#results", DataTable).focus()
        await pilot.press("d")
        await settle(pilot)
        await settle(pilot)
        assert "300 clients" in text_of(app, "#summary")
        assert len(names(app)) == 100  # a page, not the whole book
        assert not app.screen.query_one("#empty").has_class("shown")
    database = open_book(book_path)
    assert database.execute_sql("SELECT count(*) FROM clients").fetchone()[0] == 300


async def test_next_page_comes_when_the_cursor_reaches_the_end(book_path):
    from clientbook.services.demo import generate_demo

    database = open_book(book_path)
    generate_demo(database, clients=250, seed=2, today=TODAY)
    database.close()
    app = make_app(book_path)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#results", DataTable)
        assert table.row_count == 100
        table.focus()
        table.move_cursor(row=99)
        await settle(pilot)
        await settle(pilot)
        assert table.row_count == 200


async def test_demo_key_does_nothing_on_a_full_book(small_book):
    app = make_app(small_book)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        app.screen.query_one("#results", DataTable).focus()
        await pilot.press("d")
        await settle(pilot)
        assert "3 clients" in text_of(app, "#summary")
