"""F7, the price list and the masters: added from nothing, edited, merged, archived — checked in the book."""
from __future__ import annotations

from datetime import datetime

import pytest
from textual.widgets import DataTable, Input, Label, OptionList, Static

from clientbook.services import catalog
from clientbook.services.book import open_book
from clientbook.services.clients import NewClient, add_client
from clientbook.services.visits import NewVisit, add_visit
from clientbook.tui.widgets.catalog_forms import MasterForm, ServiceForm
from tests.ui.pilot import TODAY, book_has, equal, focused_on, make_app, rows, shown, shows, until

SIZE = (80, 24)


@pytest.fixture
def studio(book_path):
    """Two services, two masters (one of them a slip: "Оля"), a client with three visits."""
    book = open_book(book_path)
    catalog.add_service(book, "Маникюр", "nails", 200000, 60, 21)
    catalog.add_service(book, "Окрашивание", "colour", 600000, 120, 56)
    catalog.add_master(book, "Ольга Смирнова")
    catalog.add_master(book, "Оля")
    anna = add_client(book, NewClient("Анна", "Ёлкина"))
    for day, master in ((1, "Оля"), (8, "Оля"), (15, "Ольга Смирнова")):
        add_visit(book, anna, NewVisit(datetime(2026, 11, day, 11), ("Маникюр",), master=master), today=TODAY)
    book.close()
    return book_path


def table(app, kind: str) -> list[list[str]]:
    grid = app.screen.query_one(f"#{kind}", DataTable)
    return [[str(cell) for cell in grid.get_row_at(i)] for i in range(grid.row_count)]


async def open_catalog(pilot, services: list[str], masters: list[str]) -> None:
    """F7, then until both lists show these names (first column)."""
    await pilot.press("f7")
    await equal(pilot, lambda: ([r[0] for r in table(pilot.app, "services")],
                                [r[0] for r in table(pilot.app, "masters")]), (services, masters))


def toasts(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def type_into(pilot, field: str, text: str) -> None:
    box = pilot.app.screen.query_one(f"#{field}", Input)
    box.focus()
    box.value = ""
    await focused_on(pilot, f"#{field}", Input)
    await pilot.press(*text)


async def test_from_an_empty_book_two_services_and_a_master(book_path):
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f7")
        await shows(pilot, "#services-empty", "No services yet: ctrl+n adds the first one.")
        assert app.screen.query_one("#services-empty").display
        await pilot.press("ctrl+n")
        await focused_on(pilot, "#name", Input)
        # Enter goes to the next field; in the last one it saves.
        await pilot.press(*"Маникюр", "enter", *"nails", "enter", *"2 000", "enter", *"60", "enter", *"21", "enter")
        await book_has(pilot, book_path, "SELECT name, category, price_cents, duration_min, default_interval_days "
                       "FROM services", [("Маникюр", "nails", 200000, 60, 21)])
        await equal(pilot, lambda: table(app, "services"), [["Маникюр", "nails", "2,000\xa0RUB", "60", "21", "0"]])
        assert "New on the price list: Маникюр" in toasts(app)
        assert not app.screen.query_one("#services-empty").display

        await pilot.press("ctrl+n")
        await focused_on(pilot, "#name", Input)
        await pilot.press(*"Окрашивание", "tab", *"colour")
        await pilot.press("ctrl+s")
        await book_has(pilot, book_path, "SELECT name, category, price_cents FROM services ORDER BY id",
                       [("Маникюр", "nails", 200000), ("Окрашивание", "colour", None)])
        await equal(pilot, lambda: [r[0] for r in table(app, "services")], ["Окрашивание", "Маникюр"])

        await shows(pilot, "#masters-empty", "No masters yet")
        await pilot.press("tab")
        await focused_on(pilot, "#masters", DataTable)
        await pilot.press("ctrl+n")
        await focused_on(pilot, "#name", Input)
        assert isinstance(app.screen, MasterForm)
        assert app.screen.query_one("#hours", Input).value == "mon-sat 10:00-20:00"  # the default week, shown
        await pilot.press(*"Ольга Смирнова", "ctrl+s")
        await book_has(pilot, book_path, "SELECT name, working_hours FROM masters",
                       [("Ольга Смирнова", "mon-sat 10:00-20:00")])
        await equal(pilot, lambda: table(app, "masters"), [["Ольга Смирнова", "mon-sat 10:00-20:00", "0"]])
        assert "New master: Ольга Смирнова" in toasts(app)


async def test_edit_a_services_price(studio):
    app = make_app(studio)
    async with app.run_test(size=SIZE) as pilot:
        await open_catalog(pilot, ["Окрашивание", "Маникюр"], ["Ольга Смирнова", "Оля"])
        await focused_on(pilot, "#services", DataTable)
        await pilot.press("down", "e")
        await focused_on(pilot, "#name", Input)
        assert app.screen.query_one("#price", Input).value == "2000"
        assert "Edit “Маникюр”" in str(app.screen.query_one(".form-title", Label).render())
        await type_into(pilot, "price", "2300")
        await pilot.press("ctrl+s")
        await book_has(pilot, studio, "SELECT name, price_cents, duration_min FROM services WHERE name = 'Маникюр'",
                       [("Маникюр", 230000, 60)])
        await equal(pilot, lambda: table(app, "services")[1][:3], ["Маникюр", "nails", "2,300\xa0RUB"])
        assert "Saved: Маникюр" in toasts(app)
        # Escape leaves it as it is.
        await pilot.press("enter")
        await focused_on(pilot, "#name", Input)
        await type_into(pilot, "price", "1")
        await pilot.press("escape")
        await focused_on(pilot, "#services", DataTable)
        assert rows(studio, "SELECT price_cents FROM services WHERE name = 'Маникюр'") == [(230000,)]


async def test_an_edit_made_meanwhile_elsewhere_is_not_overwritten(studio):
    app = make_app(studio)
    async with app.run_test(size=SIZE) as pilot:
        await open_catalog(pilot, ["Окрашивание", "Маникюр"], ["Ольга Смирнова", "Оля"])
        await focused_on(pilot, "#services", DataTable)
        await pilot.press("e")
        await focused_on(pilot, "#name", Input)
        other_desk = open_book(studio)
        other_desk.execute_sql("UPDATE services SET price_cents = 650000 WHERE name = 'Окрашивание'")
        other_desk.close()
        await type_into(pilot, "price", "5000")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "“Окрашивание” was changed meanwhile: price is now 6,500\xa0RUB, not "
                    "6,000\xa0RUB. Nothing was saved." in toasts(app))
        await equal(pilot, lambda: table(app, "services")[0][2], "6,500\xa0RUB")  # read again
        assert rows(studio, "SELECT price_cents FROM services WHERE name = 'Окрашивание'") == [(650000,)]


async def test_a_master_merge_keeps_the_visits(studio):
    olga, olya = (rows(studio, "SELECT id FROM masters WHERE name = ?", name)[0][0] for name in ("Ольга Смирнова", "Оля"))
    assert rows(studio, "SELECT master_id, count(*) FROM visits GROUP BY master_id ORDER BY master_id") == [
        (olga, 1), (olya, 2)]
    app = make_app(studio)
    async with app.run_test(size=SIZE) as pilot:
        await open_catalog(pilot, ["Окрашивание", "Маникюр"], ["Ольга Смирнова", "Оля"])
        await pilot.press("tab")
        masters = await focused_on(pilot, "#masters", DataTable)
        await pilot.press("end")  # the last row, as a person reaches it: the merge acts on it
        await until(pilot, lambda: masters.cursor_row == 1, what="the last master")
        await pilot.press("home")
        await until(pilot, lambda: masters.cursor_row == 0, what="the first master")
        await pilot.press("end", "m")
        choices = await focused_on(pilot, "#choices", OptionList)
        assert "Merge the master “Оля” into which one?" in str(app.screen.query_one(Label).render())
        assert [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)] == ["Ольга Смирнова"]
        await pilot.press("enter")

        def asked() -> None:
            assert str(app.screen.query_one(Label).render()) == (
                "Merge “Оля” into “Ольга Смирнова”? Visits that move: 2. “Оля” leaves the list.")

        await until(pilot, asked)
        await focused_on(pilot, "#choices", OptionList)
        await pilot.press("enter")  # Yes
        await book_has(pilot, studio, "SELECT master_id, count(*) FROM visits GROUP BY master_id", [(olga, 3)])
        assert rows(studio, "SELECT id, name FROM masters") == [(olga, "Ольга Смирнова")]
        await equal(pilot, lambda: table(app, "masters"), [["Ольга Смирнова", "mon-sat 10:00-20:00", "3"]])
        await until(pilot, lambda: "Merged: Оля → Ольга Смирнова, 2 visits moved." in toasts(app))


async def test_archive_and_restore_a_service(studio):
    app = make_app(studio)
    async with app.run_test(size=SIZE) as pilot:
        await open_catalog(pilot, ["Окрашивание", "Маникюр"], ["Ольга Смирнова", "Оля"])
        await focused_on(pilot, "#services", DataTable)
        await pilot.press("a")
        await book_has(pilot, studio, "SELECT name, active FROM services ORDER BY name",
                       [("Маникюр", 1), ("Окрашивание", 0)])
        await equal(pilot, lambda: table(app, "services")[0][0], "Окрашивание (archived)")
        assert "Archived: Окрашивание. Its visits stay; it can be restored." in toasts(app)
        assert rows(studio, "SELECT count(*) FROM visit_services") == [(3,)]  # nothing lost
        await pilot.press("a")
        await book_has(pilot, studio, "SELECT name, active FROM services ORDER BY name",
                       [("Маникюр", 1), ("Окрашивание", 1)])
        await equal(pilot, lambda: table(app, "services")[0][0], "Окрашивание")
        assert "Back on the list: Окрашивание" in toasts(app)


async def test_the_form_at_80x24_shows_its_error_where_the_eye_is(book_path):
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f7")
        await shows(pilot, "#services-empty", "No services yet")
        await pilot.press("ctrl+n")
        await focused_on(pilot, "#name", Input)
        assert isinstance(app.screen, ServiceForm)
        await pilot.press(*"Маникюр", "ctrl+s")
        await shows(pilot, "#problem", "Give the service a category (nails, hair, lashes…)")
        await focused_on(pilot, "#category", Input)
        form = app.screen
        problem = form.query_one("#problem", Static)
        title = form.query_one(".form-title", Label)
        assert problem.region.y == title.region.bottom and problem.region.height >= 1  # right under the title
        for widget in (title, problem, *form.query(Input), *form.query(".form-label")):
            assert widget.region.bottom <= SIZE[1] and widget.region.height >= 1, widget  # all of it on screen
        assert shown(app, "#problem").startswith("Give the service a category")
        assert rows(book_path, "SELECT count(*) FROM services") == [(0,)]


async def test_a_name_brought_from_the_visit_form_is_filled_and_the_next_field_focused(book_path):
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f7")
        await shows(pilot, "#services-empty", "No services yet")
        answers = []
        app.push_screen(ServiceForm("Педикюр", ["nails", "hair"]), answers.append)
        await focused_on(pilot, "#category", Input)
        assert app.screen.query_one("#name", Input).value == "Педикюр"
        await pilot.press(*"nai", "right", "ctrl+s")  # the category is offered from the tracks in use
        await equal(pilot, lambda: answers, [catalog.ServiceFields("Педикюр", "nails", None, None, None)])
        app.push_screen(ServiceForm("Педикюр"), answers.append)
        await focused_on(pilot, "#category", Input)
        await pilot.press("escape")
        await equal(pilot, lambda: answers[1:], [None])
        assert rows(book_path, "SELECT count(*) FROM services") == [(0,)]  # the form only reads


async def test_merge_with_nothing_to_merge_into_says_so(book_path):
    book = open_book(book_path)
    catalog.add_master(book, "Оля")
    book.close()
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_catalog(pilot, [], ["Оля"])
        await pilot.press("tab")
        await focused_on(pilot, "#masters", DataTable)
        await pilot.press("m")
        await until(pilot, lambda: "There is nothing to merge it into: add another one first." in toasts(app))
        assert rows(book_path, "SELECT name FROM masters") == [("Оля",)]
