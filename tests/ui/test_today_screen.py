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
from tests.ui.pilot import TODAY, make_app, press_and_settle, rows, settle, shown

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


async def test_the_days_sessions_with_the_brief_alerts_first(day_book):
    app = make_app(day_book)
    async with app.run_test(size=(130, 40)) as pilot:
        await press_and_settle(pilot, "f4")
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


async def test_a_point_marked_asked_is_retired(day_book):
    app = make_app(day_book)
    async with app.run_test(size=(130, 40)) as pilot:
        await press_and_settle(pilot, "f4")
        await pilot.press("a")  # two points: which one?
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        assert [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)] == [
            "отпуск в Сочи", "как прошло собеседование?"]
        await pilot.press("down", "enter")
        await settle(pilot)
        brief = shown(app, "#today-brief")
        assert "собеседование" not in brief and "• отпуск в Сочи" in brief  # retired, the other stays
        await pilot.press("a")  # one left: retired at once
        await settle(pilot)
        assert "Ask about" not in shown(app, "#today-brief")
        await pilot.press("a")
        await settle(pilot)
        assert any(n.message == "Nothing to ask this client about." for n in app._notifications)
    asked = rows(day_book, "SELECT text, asked_at IS NOT NULL FROM talking_points ORDER BY id")
    assert asked == [("как прошло собеседование?", 1), ("отпуск в Сочи", 1)]


async def test_a_master_sees_only_their_sessions(day_book):
    app = make_app(day_book)
    async with app.run_test(size=(130, 40)) as pilot:
        await press_and_settle(pilot, "f4")
        await pilot.press("m")
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert labels == ["all masters", "Дарья Белова", "Ольга Смирнова"]
        await pilot.press("down", "enter")
        await settle(pilot)
        assert shown(app, "#today-title") == "Today, November 22, 2026 · Дарья Белова · sessions: 1"
        assert [row[1] for row in sessions(app)] == ["Петров Иван"]
        assert shown(app, "#today-brief").startswith("Петров Иван")


async def test_enter_opens_the_card_and_escape_comes_back(day_book):
    app = make_app(day_book)
    async with app.run_test(size=(130, 40)) as pilot:
        await press_and_settle(pilot, "f4")
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CardScreen) and app.screen.client_id == 2
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one("#sessions", DataTable).cursor_row == 1


async def test_an_empty_day_says_so(day_book):
    app = make_app(day_book, today=TODAY.replace(day=21))
    async with app.run_test(size=(130, 40)) as pilot:
        await press_and_settle(pilot, "f4")
        assert shown(app, "#today-brief") == "No sessions booked for today."
