"""A solo master's first day from an empty book, through the screens alone, checked in the book.

Two services and a master on F7, a client with ctrl+n, a booking from her card, came on
Today, her figures on Reports; three weeks later (the app started again on a later day)
she is on the call list and is booked from it into a free slot of her master.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

from textual.widgets import DataTable, Input, OptionList, Select

from clientbook.services.book import open_book
from clientbook.services.clients import NewClient, add_client
from clientbook.services.visits import NewVisit, add_visit
from clientbook.tui.screens.calls import CallsScreen
from clientbook.tui.screens.card import CardScreen
from clientbook.tui.widgets.visit_form import VisitForm
from tests.ui.pilot import equal, focused_on, make_app, rows, shown, shows, until

FIRST_DAY = date(2026, 11, 23)  # a Monday
DUE_DAY = date(2026, 12, 16)  # three weeks and two days on: past the manicure's 21 days
SIZE = (80, 24)


def table(app, selector: str) -> list[list[str]]:
    grid = app.screen.query_one(selector, DataTable)
    return [[str(cell) for cell in grid.get_row_at(i)] for i in range(grid.row_count)]


def toasts(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def fill(pilot, values: dict[str, str]) -> None:
    """Type each field as a person does: into the box, from empty."""
    for field, text in values.items():
        box = pilot.app.screen.query_one(f"#{field}", Input)
        box.focus()
        box.value = ""
        await focused_on(pilot, f"#{field}", Input)
        await pilot.press(*text)


async def test_a_solo_masters_first_day_through_the_screens(book_path):
    app = make_app(book_path, FIRST_DAY)
    async with app.run_test(size=SIZE) as pilot:
        # 1. The price list and the master, from nothing.
        await pilot.press("f7")
        await shows(pilot, "#services-empty", "No services yet")
        for name, category, price, minutes, interval in (("Маникюр с покрытием", "nails", "2500", "90", "21"),
                                                         ("Педикюр", "pedicure", "3000", "60", "")):
            await pilot.press("ctrl+n")
            await focused_on(pilot, "#name", Input)
            await fill(pilot, {"name": name, "category": category, "price": price, "duration": minutes,
                               "interval": interval})
            await pilot.press("ctrl+s")
            await until(pilot, lambda n=name: n in [row[0] for row in table(app, "#services")])
        await pilot.press("tab")
        await focused_on(pilot, "#masters", DataTable)
        await pilot.press("ctrl+n")
        await fill(pilot, {"name": "Ольга Смирнова", "hours": "пн-пт 10-19, сб 11-17"})
        await pilot.press("ctrl+s")
        await equal(pilot, lambda: [row[:2] for row in table(app, "#masters")],
                    [["Ольга Смирнова", "mon-fri 10:00-19:00, sat 11:00-17:00"]])

        # 2. The first client, with ctrl+n on Clients: her card opens.
        await pilot.press("f2")
        await shows(pilot, "#summary", "2 services")
        await pilot.press("ctrl+n")
        await fill(pilot, {"name": "Иванова Анна Сергеевна", "phone": "8 916 123-45-67"})
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, CardScreen), what="her new card")
        await shows(pilot, "#card-title", "Иванова Анна Сергеевна")

        # 3. Booked from her card for this afternoon, the service and master by the start of their names.
        await pilot.press("v")
        form = await until(pilot, lambda: isinstance(app.screen, VisitForm) and app.screen)
        form.query_one("#status", Select).value = "planned"
        await fill(pilot, {"when": "23.11.2026 15:00", "services": "ман", "master": "оль"})
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, CardScreen), what="the card again")
        await until(pilot, lambda: "Visit saved." in toasts(app), show=lambda: toasts(app))

        # 4. She came: d on Today.
        await pilot.press("escape", "f4")
        await equal(pilot, lambda: [row[:3] for row in table(app, "#sessions")],
                    [["15:00", "Иванова Анна Сергеевна", "booked"]])
        await pilot.press("d")
        await equal(pilot, lambda: [row[2] for row in table(app, "#sessions")], ["done"])

        # 5. Her figures: the studio's first client, her check the average.
        await pilot.press("f6")
        await shows(pilot, "#headline", "2,500")
    assert rows(book_path, "SELECT c.first_name, c.phone, v.starts_at, v.status, m.name, v.price_cents, "
                           "v.duration_min, s.name FROM visits v JOIN clients c ON c.id = v.client_id "
                           "JOIN masters m ON m.id = v.master_id JOIN visit_services vs ON vs.visit_id = v.id "
                           "JOIN services s ON s.id = vs.service_id") == [
        ("Анна", "+79161234567", "2026-11-23 15:00:00", "done", "Ольга Смирнова", 250000, 90,
         "Маникюр с покрытием")]
    assert rows(book_path, "SELECT done_visits, last_visit FROM client_figures") == [(1, "2026-11-23")]

    # Another client has Ольга's early afternoon on the day Анна is due.
    book = open_book(book_path)
    other = add_client(book, NewClient("Мария", "Петрова"))
    add_visit(book, other, NewVisit(datetime(2026, 12, 16, 12), ("Педикюр",), master="Ольга Смирнова",
                                    status="planned"), today=DUE_DAY)
    book.close()

    # 6. and 7. Three weeks on she is due, and is booked from the call list into a free slot.
    app = make_app(book_path, DUE_DAY)  # the app's clock: noon of that day
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await equal(pilot, lambda: [(row[0], row[1]) for row in table(app, "#calls")],
                    [("due", "Иванова Анна Сергеевна")])
        await pilot.press("b")
        slots = await focused_on(pilot, "#booking-slots", OptionList)
        assert app.screen.query_one("#booking-services", Input).value == "Маникюр с покрытием"
        assert app.screen.query_one("#booking-master", Input).value == "Ольга Смирнова"
        offered = await until(pilot, lambda: [datetime.fromisoformat(slots.get_option_at_index(i).id)
                                              for i in range(slots.option_count)] or False)
        # From noon on, none in Петрова's hour (12:00–13:00) and none running past 19:00.
        assert offered[:3] == [datetime(2026, 12, 17, 15), datetime(2026, 12, 18, 15), datetime(2026, 12, 16, 13)]
        for start in offered:
            end = start + timedelta(minutes=90)
            assert not (start < datetime(2026, 12, 16, 13) and datetime(2026, 12, 16, 12) < end), start
            assert end.time() <= datetime(2026, 1, 1, 19).time() or start.weekday() == 5, start
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CallsScreen) and table(app, "#calls") == [],
                    what="the call list emptied")
        assert "Nobody to call today." in shown(app, "#brief")
    assert rows(book_path, "SELECT v.starts_at, v.status, m.name, v.duration_min, s.name FROM visits v "
                           "JOIN masters m ON m.id = v.master_id JOIN visit_services vs ON vs.visit_id = v.id "
                           "JOIN services s ON s.id = vs.service_id WHERE v.client_id = 1 ORDER BY v.starts_at") == [
        ("2026-11-23 15:00:00", "done", "Ольга Смирнова", 90, "Маникюр с покрытием"),
        ("2026-12-17 15:00:00", "planned", "Ольга Смирнова", 90, "Маникюр с покрытием")]
    assert rows(book_path, "SELECT client_id, outcome, visit_id IS NOT NULL FROM contacts") == [(1, "booked", 1)]
