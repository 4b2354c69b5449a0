"""The visit form on a card: labelled fields that fit 80×24, the error where the eye is, the
client's usual visit offered, and a name not on the studio's lists offered for adding."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from textual.widgets import Button, Input, Select

from clientbook.i18n import slot
from clientbook.services.book import open_book
from clientbook.services.catalog import add_master, add_service
from clientbook.services.catalog_edits import archive_master, archive_service
from clientbook.services.clients import NewClient, add_client
from clientbook.services.visits import NewVisit, add_visit
from clientbook.tui.screens.card import CardScreen
from clientbook.tui.widgets.catalog_forms import MasterForm, ServiceForm
from clientbook.tui.widgets.visit_form import VisitForm
from tests.ui.pilot import TODAY, book_has, focused_on, make_app, rows, shown, shows, until

LABELS = ["Status", "When", "Services", "Master", "Price", "Formula", "Materials", "Notes", "Liked", "Disliked",
          "Aftercare", "Products sold", "Next time", "Satisfaction", "Feedback"]


@pytest.fixture
def studio_book(book_path):
    """Анна has had a manicure with Ольга at 2 000 ₽ twice; the studio has two masters."""
    database = open_book(book_path)
    add_master(database, "Ольга")
    add_master(database, "Дарья")
    add_service(database, "Маникюр", "nails", price_cents=200000)
    add_service(database, "Покрытие гель-лак", "nails")
    anna = add_client(database, NewClient("Анна", "Ёлкина"))
    for weeks in (4, 8):
        add_visit(database, anna, NewVisit(datetime(2026, 11, 1, 11) - timedelta(weeks=weeks), ("Маникюр",),
                                           master="Ольга", price_cents=200000), today=TODAY)
    database.close()
    return book_path


async def open_form(pilot) -> VisitForm:
    pilot.app.push_screen(CardScreen(1))
    await shows(pilot, "#card-title", "Ёлкина Анна")
    await pilot.press("v")
    await focused_on(pilot, "#when", Input)
    assert isinstance(pilot.app.screen, VisitForm)
    return pilot.app.screen


def value(form, name: str) -> str:
    return form.query_one(f"#{name}", Input).value


def within(outer, inner) -> bool:
    """`inner` is drawn, whole, inside `outer` (both regions of the screen)."""
    return inner.region.area > 0 and outer.region.intersection(inner.region) == inner.region


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_the_form_fits_with_its_labels_and_the_usual_visit(studio_book, size):
    app = make_app(studio_book)
    async with app.run_test(size=size) as pilot:
        form = await open_form(pilot)
        labels = [str(label.render()) for label in form.query(".visit-label")]
        assert labels == LABELS  # labels, not placeholders: they stay when a field is filled
        assert (value(form, "services"), value(form, "master"), value(form, "price")) == ("Маникюр", "Ольга", "2000")
        form.query_one("#status", Select).value = "planned"
        await pilot.press("ctrl+s")  # a booking with no day: nothing cut, the problem line included
        await until(pilot, lambda: within(app.screen, form.query_one("#problem")), what="the problem on screen")
        for name in ("visit-title", "status", "when", "services", "master", "price", "formula", "materials", "notes"):
            assert within(app.screen, form.query_one(f"#{name}")), name


async def test_a_wrong_price_is_said_under_the_title_and_its_field_focused(studio_book):
    app = make_app(studio_book)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot)
        form.query_one("#price", Input).value = "дорого"
        form.query_one("#notes", Input).focus()
        await focused_on(pilot, "#notes", Input)
        await pilot.press("ctrl+s")
        price = await focused_on(pilot, "#price", Input)

        def said_where_seen():
            assert shown(app, "#problem") == "“дорого” is not a price (for example 2500)."
            problem = form.query_one("#problem")
            assert within(app.screen, problem)
            assert problem.region.y < form.query_one("#visit-fields").region.y  # right under the title
            assert within(form.query_one("#visit-fields"), price)

        await until(pilot, said_where_seen)
        assert isinstance(app.screen, VisitForm)
    assert rows(studio_book, "SELECT count(*) FROM visits") == [(2,)]


async def test_a_booking_needs_its_day_and_an_empty_when_is_now_for_a_visit_done(studio_book):
    app = make_app(studio_book)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot)
        form.query_one("#status", Select).value = "planned"
        await pilot.press("ctrl+s")
        await shows(pilot, "#problem", "Give the day and time, for example 22.11 14:30.")
        form.query_one("#status", Select).value = "done"
        form.query_one("#master", Input).value = "дар"  # the start of a name, any case
        await pilot.press("ctrl+s")
        await book_has(pilot, studio_book,
                       "SELECT v.starts_at, v.status, m.name, v.price_cents FROM visits v "
                       "JOIN masters m ON m.id = v.master_id WHERE v.starts_at >= '2026-11-22'",
                       [("2026-11-22 12:00:00", "done", "Дарья", 200000)])  # the app's clock: noon


async def test_an_unknown_service_is_offered_then_added_and_the_visit_saved(studio_book):
    app = make_app(studio_book)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot)
        form.query_one("#when", Input).value = "21.11.2026 10:30"
        form.query_one("#services", Input).value = "Педикюр, маник"
        await pilot.press("ctrl+s")
        await shows(pilot, "#problem", "“Педикюр” is not on the price list — add it?")
        offer = await focused_on(pilot, "#offer", Button)
        assert within(app.screen, offer)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ServiceForm) and app.screen.focused is not None,
                    what="the price list's form")
        assert app.screen.query_one("#name", Input).value == "Педикюр"  # the name as typed
        await pilot.press("escape")  # not now: back to the form, with what was typed
        await until(pilot, lambda: app.screen is form, what="the visit form again")
        assert value(form, "services") == "Педикюр, маник"
        await pilot.press("ctrl+s", "enter")
        await until(pilot, lambda: isinstance(app.screen, ServiceForm) and app.screen.focused is not None,
                    what="the price list's form again")
        app.screen.query_one("#category", Input).value = "feet"
        app.screen.query_one("#price", Input).value = "2500"
        await pilot.press("ctrl+s")
        await book_has(pilot, studio_book,
                       "SELECT v.starts_at, s.name FROM visits v "
                       "JOIN visit_services vs ON vs.visit_id = v.id JOIN services s ON s.id = vs.service_id "
                       "WHERE v.starts_at LIKE '2026-11-21%' ORDER BY s.name",
                       [("2026-11-21 10:30:00", "Маникюр"), ("2026-11-21 10:30:00", "Педикюр")])
        await until(pilot, lambda: isinstance(app.screen, CardScreen), what="the card again")
    assert rows(studio_book, "SELECT name, category, price_cents FROM services WHERE name = 'Педикюр'") == [
        ("Педикюр", "feet", 250000)]


async def test_an_unknown_master_is_offered_never_added_silently(studio_book):
    app = make_app(studio_book)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot)
        form.query_one("#when", Input).value = "21.11.2026 10:30"
        form.query_one("#master", Input).value = "Оля"
        await pilot.press("ctrl+s")
        await shows(pilot, "#problem", "“Оля” is not among the studio's masters — add this master?")
        await focused_on(pilot, "#offer", Button)
        await pilot.press("escape")  # Escape on the offer: back to the field, to correct the name
        await focused_on(pilot, "#master", Input)
        assert isinstance(app.screen, VisitForm)
        assert rows(studio_book, "SELECT count(*) FROM masters") == [(2,)]
        await pilot.press("ctrl+s", "enter")
        await until(pilot, lambda: isinstance(app.screen, MasterForm) and app.screen.focused is not None,
                    what="the masters' form")
        assert app.screen.query_one("#name", Input).value == "Оля"
        await pilot.press("ctrl+s")
        await book_has(pilot, studio_book, "SELECT m.name FROM visits v JOIN masters m ON m.id = v.master_id "
                                           "WHERE v.starts_at LIKE '2026-11-21%'", [("Оля",)])


async def test_master_and_services_complete_from_the_studio_lists(studio_book):
    app = make_app(studio_book)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot)
        master = form.query_one("#master", Input)
        master.value = ""
        master.focus()
        await pilot.press(*"дА")
        await until(pilot, lambda: master._suggestion == "Дарья", show=lambda: master._suggestion)
        await pilot.press("right")  # takes the name as the list has it
        await until(pilot, lambda: master.value == "Дарья", show=lambda: master.value)
        services = form.query_one("#services", Input)
        services.focus()
        await pilot.press("end", *", пок", "right")
        await until(pilot, lambda: services.value == "Маникюр, Покрытие гель-лак", show=lambda: services.value)


async def test_an_archived_master_or_service_is_said_so_with_no_offer_to_add(studio_book):
    database = open_book(studio_book)
    archive_master(database, "Дарья")
    archive_service(database, "Покрытие гель-лак")
    database.close()
    app = make_app(studio_book)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot)
        form.query_one("#when", Input).value = "21.11.2026 10:30"
        form.query_one("#master", Input).value = "дарья"
        await pilot.press("ctrl+s")
        await shows(pilot, "#problem", "“Дарья” is archived: restore it on the price list screen (F7, a).")
        await focused_on(pilot, "#master", Input)
        assert not form.query_one("#offer", Button).has_class("shown")
        form.query_one("#master", Input).value = "Ольга"
        form.query_one("#services", Input).value = "Маникюр, покрытие"
        await pilot.press("ctrl+s")
        await shows(pilot, "#problem", "“Покрытие гель-лак” is archived: restore it on the price list screen (F7, a).")
        await focused_on(pilot, "#services", Input)
        assert not form.query_one("#offer", Button).has_class("shown")
        assert isinstance(app.screen, VisitForm)
    assert rows(studio_book, "SELECT count(*) FROM visits") == [(2,)]
    assert rows(studio_book, "SELECT count(*) FROM masters UNION ALL SELECT count(*) FROM services") == [(2,), (2,)]


async def test_a_booking_at_a_taken_time_is_refused_in_the_form(studio_book):
    """Ольга is booked on Tuesday 11:00–12:00: 11:30 with her is refused under the title, "when" focused."""
    database = open_book(studio_book)
    add_visit(database, 1, NewVisit(datetime(2026, 11, 24, 11), ("Маникюр",), master="Ольга", status="planned"),
              today=TODAY)
    database.close()
    app = make_app(studio_book)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot)
        form.query_one("#status", Select).value = "planned"
        form.query_one("#when", Input).value = "24.11.2026 11:30"
        form.query_one("#notes", Input).focus()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: shown(app, "#problem").startswith(
            f"Ольга: the time {slot(datetime(2026, 11, 24, 11, 30))} is taken. The next free slot is "),
            show=lambda: shown(app, "#problem"))
        await focused_on(pilot, "#when", Input)
        assert isinstance(app.screen, VisitForm)
        assert rows(studio_book, "SELECT count(*) FROM visits WHERE status = 'planned'") == [(1,)]
        form.query_one("#when", Input).value = "24.11.2026 12:00"  # free: saved
        await pilot.press("ctrl+s")
        await book_has(pilot, studio_book, "SELECT starts_at FROM visits WHERE status = 'planned' ORDER BY starts_at",
                       [("2026-11-24 11:00:00",), ("2026-11-24 12:00:00",)])
