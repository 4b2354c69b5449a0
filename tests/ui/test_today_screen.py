"""Today (F4): the day's sessions, the brief beside them, and talking points retired once asked."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from textual.widgets import DataTable, Input, OptionList

from clientbook.domain.dates import Birthday
from clientbook.errors import UserError
from clientbook.services.book import open_book
from clientbook.services.catalog import add_master
from clientbook.services.client_edit import add_talking_point
from clientbook.services.clients import NewClient, add_client
from clientbook.services.today import BirthdayLine, birthdays_ahead, birthdays_text, close_session
from clientbook.services.visits import NewVisit, add_visit
from clientbook.tui.screens.card import CardScreen
from clientbook.tui.screens.today import TodayScreen
from tests.ui.pilot import TODAY, book_has, equal, focused_on, make_app, rows, shown, shows, until

NAILS = {"Маникюр": "nails", "Стрижка": "hair"}


@pytest.fixture
def day_book(book_path):
    database = open_book(book_path)
    add_master(database, "Ольга Смирнова")
    add_master(database, "Дарья Белова")
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
                ["09:00", "⚠ Ёлкина Анна", "booked", "Маникюр", "Ольга Смирнова"],
                ["12:30", "Петров Иван", "pencilled", "Стрижка", "Дарья Белова"],
            ]
            brief = shown(app, "#today-brief").splitlines()
            assert brief[:3] == ["⚠ Аллергия на латекс", "Ёлкина Анна", "Address as: Анна"]
            text = "\n".join(brief)
            assert "Ask about\n• отпуск в Сочи\n• как прошло собеседование?" in text  # the newest first
            assert "Oct 25, 2026  2,000\u00a0RUB\n  Маникюр  Ольга Смирнова\n    Formula: Kodi 70, форма миндаль" in text

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
        await focused_on(pilot, "#answer", Input)  # the client's answer, if any
        assert "“как прошло собеседование?”" in shown(app, "Label")
        await pilot.press(*"взяли!", "enter")

        def one_retired():
            brief = shown(app, "#today-brief")
            assert "собеседование" not in brief and "• отпуск в Сочи" in brief  # retired, the other stays

        await until(pilot, one_retired)
        await pilot.press("a")  # one left: only the answer is asked, and it may be left empty
        await focused_on(pilot, "#answer", Input)
        await pilot.press("enter")
        await until(pilot, lambda: "Ask about" not in shown(app, "#today-brief"), what="the last point retired",
                    show=lambda: shown(app, "#today-brief"))
        await pilot.press("a")
        await until(pilot, lambda: any(n.message == "Nothing to ask this client about." for n in app._notifications),
                    what="nothing left to ask")
    asked = rows(day_book, "SELECT text, asked_at IS NOT NULL, answer FROM talking_points ORDER BY id")
    assert asked == [("как прошло собеседование?", 1, "взяли!"), ("отпуск в Сочи", 1, "")]


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


def toasts(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def statuses(path) -> list[tuple]:
    return rows(path, "SELECT client_id, starts_at, status FROM visits WHERE starts_at >= '2026-11-22' ORDER BY id")


async def test_d_marks_came_with_the_figures_and_u_takes_it_back(day_book):
    app = make_app(day_book)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_today(pilot)
        await pilot.press("d")
        await equal(pilot, lambda: [row[2] for row in sessions(app)], ["done", "pencilled"])
        await until(pilot, lambda: "Ёлкина Анна came: the visit is done." in toasts(app), show=lambda: toasts(app))
        await book_has(pilot, day_book, "SELECT status FROM visits WHERE client_id = 1 AND starts_at >= '2026-11-22'",
                       [("done",)])
        # The figures follow in the same write: a second completed visit, the last one today.
        assert rows(day_book, "SELECT done_visits, last_visit FROM client_figures WHERE client_id = 1") == [
            (2, "2026-11-22")]
        await pilot.press("u")
        await equal(pilot, lambda: [row[2] for row in sessions(app)], ["booked", "pencilled"])
        await until(pilot, lambda: "Undone: Ёлкина Анна — booked" in toasts(app), show=lambda: toasts(app))
        assert rows(day_book, "SELECT done_visits, last_visit FROM client_figures WHERE client_id = 1") == [
            (1, "2026-10-25")]
        await pilot.press("u")  # once only
        await until(pilot, lambda: "Nothing to undo." in toasts(app), show=lambda: toasts(app))
    assert statuses(day_book)[0] == (1, "2026-11-22 09:00:00", "planned")


async def test_n_marks_a_no_show(day_book):
    app = make_app(day_book)
    async with app.run_test(size=(130, 40)) as pilot:
        await open_today(pilot)
        await pilot.press("down")
        await shows(pilot, "#today-brief", "Петров Иван")
        await pilot.press("n")
        await equal(pilot, lambda: sessions(app)[1], ["12:30", "Петров Иван", "no-show", "Стрижка", "Дарья Белова"])
        await until(pilot, lambda: "Петров Иван did not come: a no-show." in toasts(app), show=lambda: toasts(app))
        assert app.screen.query_one("#sessions", DataTable).cursor_row == 1
    assert rows(day_book, "SELECT status FROM visits WHERE client_id = 2") == [("no_show",)]
    assert rows(day_book, "SELECT no_shows FROM client_figures WHERE client_id = 2") == [(1,)]


async def test_x_asks_naming_the_client_then_the_session_leaves_the_day(day_book):
    app = make_app(day_book)
    async with app.run_test(size=(130, 40)) as pilot:
        await open_today(pilot)
        await pilot.press("x")
        options = await focused_on(pilot, "#choices", OptionList)
        assert "Cancel the booking: ⚠ Ёлкина Анна" not in shown(app, "Label")
        assert "Cancel the booking: Ёлкина Анна, Sunday, November 22, 09:00?" in shown(app, "Label")
        options.highlighted = [o.id for o in options._options].index("no")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, TodayScreen), what="the question to close")
        assert len(sessions(app)) == 2 and statuses(day_book)[0][2] == "planned"  # "no": nothing changed
        await pilot.press("x")
        options = await focused_on(pilot, "#choices", OptionList)
        options.highlighted = [o.id for o in options._options].index("yes")
        await pilot.press("enter")

        def gone():
            assert [row[1] for row in sessions(app)] == ["Петров Иван"]
            assert app.screen.query_one("#sessions", DataTable).cursor_row == 0
            assert shown(app, "#today-brief").startswith("Петров Иван")

        await until(pilot, gone)
        await until(pilot, lambda: "Ёлкина Анна: the booking is cancelled." in toasts(app), show=lambda: toasts(app))
        assert statuses(day_book)[0][2] == "cancelled"
        await pilot.press("u")
        await equal(pilot, lambda: [row[1] for row in sessions(app)], ["⚠ Ёлкина Анна", "Петров Иван"])
    assert statuses(day_book)[0][2] == "planned"


async def test_a_session_changed_elsewhere_is_left_as_it_is(day_book):
    app = make_app(day_book)
    async with app.run_test(size=(130, 40)) as pilot:
        await open_today(pilot)
        other = open_book(day_book)  # another desk marks her came meanwhile
        other.execute_sql("UPDATE visits SET status = 'done' WHERE client_id = 1 AND status = 'planned'")
        other.close()
        await pilot.press("n")
        sentence = "Ёлкина Анна: the session was changed elsewhere (now: done); nothing was changed."
        await until(pilot, lambda: sentence in toasts(app), show=lambda: toasts(app))
    assert statuses(day_book)[0][2] == "done"


def test_a_booking_on_a_later_day_cannot_be_marked_came(day_book):
    database = open_book(day_book)
    try:
        later = rows(day_book, "SELECT id FROM visits WHERE starts_at LIKE '2026-11-23%'")[0][0]
        with pytest.raises(UserError, match="cannot be in the future"):
            close_session(database, later, "planned", "done", TODAY)
        assert close_session(database, later, "planned", "no_show", TODAY).after == "no_show"
        with pytest.raises(UserError, match="Ким Ольга: the session is already marked no-show"):
            close_session(database, later, "no_show", "no_show", TODAY)
    finally:
        database.close()


@pytest.fixture
def birthday_book(day_book):
    database = open_book(day_book)
    add_client(database, NewClient("Вера", "Орлова", birthday=Birthday(22, 11, 1990)))  # today
    add_client(database, NewClient("Зоя", "Беляева", birthday=Birthday(28, 11)))  # the seventh day, no year
    add_client(database, NewClient("Яна", "Котова", birthday=Birthday(29, 11, 1985)))  # the eighth: not shown
    database.close()
    return day_book


async def test_the_weeks_birthdays_under_the_sessions(birthday_book):
    app = make_app(birthday_book)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        await shows(pilot, "#today-birthdays", "Birthdays in the next 7 days:")
        assert shown(app, "#today-birthdays").splitlines() == [
            "Birthdays in the next 7 days:", "today: Орлова Вера turns 36", "November 28: Беляева Зоя"]


async def test_a_week_without_birthdays_says_nothing(day_book):
    app = make_app(day_book)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_today(pilot)
        assert shown(app, "#today-birthdays") == ""


@pytest.mark.parametrize("today, born, expected", [
    (date(2026, 12, 28), Birthday(2, 1, 1990), [(date(2027, 1, 2), 37)]),  # over the year end
    (date(2026, 12, 28), Birthday(4, 1, 1990), []),  # the eighth day
    (date(2027, 2, 25), Birthday(29, 2, 2000), [(date(2027, 2, 28), 27)]),  # 28 February in a common year
    (date(2028, 2, 25), Birthday(29, 2), [(date(2028, 2, 29), None)]),  # its own day in a leap year
    (date(2028, 2, 22), Birthday(29, 2), []),  # 22..28 February of a leap year: not yet
])
def test_birthdays_ahead_across_the_year_end_and_29_february(book, today, born, expected):
    add_client(book, NewClient("Анна", "Ёлкина", birthday=born))
    assert [(line.on, line.age) for line in birthdays_ahead(book, today)] == expected


async def test_two_sessions_closed_one_after_the_other_both_say_so_and_u_takes_back_the_last(day_book):
    app = make_app(day_book)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_today(pilot)
        await pilot.press("d", "down", "n")  # the second close starts before the first is answered
        await equal(pilot, lambda: [row[2] for row in sessions(app)], ["done", "no-show"])
        await until(pilot, lambda: {"Ёлкина Анна came: the visit is done.",
                                    "Петров Иван did not come: a no-show."} <= set(toasts(app)),
                    show=lambda: toasts(app))
        await pilot.press("u")
        await until(pilot, lambda: "Undone: Петров Иван — pencilled" in toasts(app), show=lambda: toasts(app))
        await equal(pilot, lambda: [row[2] for row in sessions(app)], ["done", "pencilled"])
    assert statuses(day_book)[:2] == [(1, "2026-11-22 09:00:00", "done"), (2, "2026-11-22 12:30:00", "tentative")]


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_the_status_is_seen_beside_the_client(day_book, size):
    app = make_app(day_book)
    async with app.run_test(size=size) as pilot:
        await open_today(pilot)
        table = app.screen.query_one("#sessions", DataTable)
        widths = [column.get_render_width(table) for column in table.ordered_columns]
        assert [str(column.label) for column in table.ordered_columns][:3] == ["time", "client", "status"]
        assert sum(widths[:3]) <= table.scrollable_content_region.width


def test_birthdays_beyond_three_are_counted_not_cut():
    lines = [BirthdayLine(n, f"Клиент {n}", date(2026, 11, 22 + n), 30 + n) for n in range(5)]
    assert birthdays_text(lines, TODAY).splitlines() == [
        "Birthdays in the next 7 days:", "today: Клиент 0 turns 30", "November 23: Клиент 1 turns 31",
        "November 24: Клиент 2 turns 32", "+2 more"]
    assert birthdays_text([], TODAY) == ""


def test_a_status_that_does_not_close_a_session_is_refused_in_a_sentence(day_book):
    database = open_book(day_book)
    try:
        with pytest.raises(UserError, match="“planned” does not close a session"):
            close_session(database, 1, "planned", "planned", TODAY)
    finally:
        database.close()
