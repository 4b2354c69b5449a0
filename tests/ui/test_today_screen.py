"""Today (F4): the day's sessions, the brief beside them, and talking points retired once asked."""
from __future__ import annotations

from datetime import datetime

import pytest
from textual.widgets import DataTable, OptionList

from clientbook.services.book import open_book
from clientbook.services.client_edit import add_talking_point
from clientbook.services.clients import NewClient, add_client
from clientbook.services.visits import NewVisit, add_visit
from clientbook.tui.screens.card import CardScreen
from clientbook.tui.screens.today import TodayScreen
from tests.ui.pilot import TODAY, focused_on, make_app, rows, shown, shows, until

NAILS = {"Маникюр": "nails", "Стрижка": "hair"}


@pytest.fixture
def day_book(book_path):
    database = open_book(book_path)
    anna = add_client(database, NewClient("Анна", "Ёлкина", alerts="Аллергия на латекс"))
    ivan = add_client(database, NewClient("Иван", "Петров"))
    olga = add_client(database, NewClient("Ольга", "Ким"))
    add_visit(database, anna, NewVisit(datetime(2026, 10, 25, 9), ("Маникюр",), master="Ольга Смирнова",
                                       price_cents=200000, formula="Kodi 70, форма миндаль"), NAILS, today=TODAY)
    add_visit(database, anna, NewVisit(datetime(2026, 11, 22, 9), ("Маникюр",), master="Ольга Смирнова",
                                       status="planned"), NAILS, today=TODAY)
    add_visit(database, ivan, NewVisit(datetime(2026, 11, 22, 12, 30), ("Стрижка",), master="Дарья Белова",
                                       status="tentative"), NAILS, today=TODAY)
    add_visit(database, olga, NewVisit(datetime(2026, 11, 22, 11), ("Стрижка",), master="Дарья Белова",
                                       status="cancelled"), NAILS, today=TODAY)
    add_visit(database, olga, NewVisit(datetime(2026, 11, 23, 11), ("Стрижка",), status="planned"), NAILS, today=TODAY)
    add_talking_point(database, anna, "как прошло собеседование?", TODAY)
    add_talking_point(database, anna, "отпуск в Сочи", TODAY)
    database.close()
    return book_path


def sessions(app) -> list[list[str]]:
    table = app.screen.query_one("#sessions", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def open_today(pilot) -> None:
    """F4, then until the day's two sessions are listed and the first client's brief is beside them."""
    await pilot.press("f4")

    def ready():
        assert [row[1] for row in sessions(pilot.app)] == ["⚠ Ёлкина Анна", "Петров Иван"]
        assert "Ёлкина Анна" in shown(pilot.app, "#today-brief")

    await until(pilot, ready)


async def test_the_days_sessions_with_the_brief_alerts_first(day_book):
    app = make_app(day_book)
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.press("f4")

        def the_day():
            assert shown(app, "#today-title") == "Today, November 22, 2026 · all masters · sessions: 2"
            assert sessions(app) == [
                ["09:00", "⚠ Ёлкина Анна", "Маникюр", "Ольга Смирнова", "booked"],
                ["12:30", "Петров Иван", "Стрижка", "Дарья Белова", "pencilled"],
            ]
            brief = shown(app, "#today-brief").splitlines()
            assert brief[:3] == ["⚠ Аллергия на латекс", "Ёлкина Анна", "Address as: Анна"]
            text = "\n".join(brief)
            assert "Ask about\n• отпуск в Сочи\n• как прошло собеседование?" in text  # the newest first
            assert "Oct 25, 2026  Маникюр  Ольга Смирнова" in text and "    Kodi 70, форма миндаль" in text

        await until(pilot, the_day)


async def test_a_point_marked_asked_is_retired(day_book):
    app = make_app(day_book)
    async with app.run_test(size=(130, 40)) as pilot:
        await open_today(pilot)
        await pilot.press("a")  # two points: which one?
        options = await focused_on(pilot, "#choices", OptionList)
        assert [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)] == [
            "отпуск в Сочи", "как прошло собеседование?"]
        await pilot.press("down", "enter")

        def one_retired():
            brief = shown(app, "#today-brief")
            assert "собеседование" not in brief and "• отпуск в Сочи" in brief  # retired, the other stays

        await until(pilot, one_retired)
        await pilot.press("a")  # one left: retired at once
        await until(pilot, lambda: "Ask about" not in shown(app, "#today-brief"), what="the last point retired",
                    show=lambda: shown(app, "#today-brief"))
        await pilot.press("a")
        await until(pilot, lambda: any(n.message == "Nothing to ask this client about." for n in app._notifications),
                    what="nothing left to ask")
    asked = rows(day_book, "SELECT text, asked_at IS NOT NULL FROM talking_points ORDER BY id")
    assert asked == [("как прошло собеседование?", 1), ("отпуск в Сочи", 1)]


async def test_a_master_sees_only_their_sessions(day_book):
    app = make_app(day_book)
    async with app.run_test(size=(130, 40)) as pilot:
        await open_today(pilot)
        await pilot.press("m")
        options = await focused_on(pilot, "#choices", OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert labels == ["all masters", "Дарья Белова", "Ольга Смирнова"]
        await pilot.press("down", "enter")

        def hers():
            assert shown(app, "#today-title") == "Today, November 22, 2026 · Дарья Белова · sessions: 1"
            assert [row[1] for row in sessions(app)] == ["Петров Иван"]
            assert shown(app, "#today-brief").startswith("Петров Иван")

        await until(pilot, hers)


async def test_enter_opens_the_card_and_escape_comes_back(day_book):
    app = make_app(day_book)
    async with app.run_test(size=(130, 40)) as pilot:
        await open_today(pilot)
        await pilot.press("down")
        await shows(pilot, "#today-brief", "Петров Иван")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CardScreen) and app.screen.client_id == 2,
                    what="the card of client 2", show=lambda: app.screen)
        await pilot.press("escape")

        def back():
            assert isinstance(app.screen, TodayScreen)
            assert app.screen.query_one("#sessions", DataTable).cursor_row == 1
            assert shown(app, "#today-brief").startswith("Петров Иван")

        await until(pilot, back)


async def test_an_empty_day_says_so(day_book):
    app = make_app(day_book, today=TODAY.replace(day=21))
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.press("f4")
        await until(pilot, lambda: shown(app, "#today-brief") == "No sessions booked for today.",
                    show=lambda: shown(app, "#today-brief"))
