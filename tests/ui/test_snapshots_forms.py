"""How the screens and forms of a studio's day look (issue 15): F7, its two forms, the visit
form, the new client form, the booking dialog and Today's birthdays — in English and
Russian, at 80×24 and 120×36, on the demo studio at a fixed day.

Each state is reached by the keys a person presses and waited for by what it then shows
(the values filled, the sentence of the problem, the slots); the SVGs are what a person
approved (see test_snapshots.py for how to renew them).
"""
from __future__ import annotations

import shutil
from datetime import datetime, time, timedelta

import pytest
from textual.widgets import Button, DataTable, Footer, Input, OptionList

from clientbook import i18n
from clientbook.services import catalog
from clientbook.services.book import open_book
from clientbook.services.bookings import booking_defaults
from clientbook.services.calls import call_list
from clientbook.services.catalog import FieldError, master_as_typed, price_text, read_service_fields
from clientbook.services.client_edit import FieldProblems
from clientbook.services.demo import generate_demo
from clientbook.services.new_client import add_new_client
from clientbook.services.slots import booking_slots
from clientbook.services.today import birthdays_ahead, birthdays_text, sessions
from clientbook.services.usual_visit import usual_visit
from clientbook.services.visits import UnknownName
from clientbook.tui.app import ClientbookApp
from clientbook.tui.screens.card import CardScreen
from clientbook.tui.widgets.booking_form import SLOTS_SHOWN
from tests.ui.pilot import TODAY, equal, focused_on, shown, shows, until

LANGUAGES = ("en", "ru")
SIZES = {"80x24": (80, 24), "120x36": (120, 36)}
NOON = datetime.combine(TODAY, time(12, 0))  # the app's clock in tests
CLIENT = 29  # the demo's client whose card test_snapshots shows: alerts, a usual colour with Ирина Ковалёва
NEW_SERVICE = "Ламинирование ресниц"  # not on the demo's price list


@pytest.fixture(scope="module")
def demo_master(tmp_path_factory):
    """One demo studio per test process; each test works on its own copy."""
    path = tmp_path_factory.mktemp("demo") / "studio.db"
    database = open_book(path)
    generate_demo(database, clients=120, seed=7, today=TODAY)
    database.close()
    return path


@pytest.fixture(params=LANGUAGES)
def language(request):
    i18n.set_language(request.param)  # before the app composes: its words are read then
    yield request.param
    i18n.set_language("en")


@pytest.fixture(params=list(SIZES.values()), ids=list(SIZES))
def size(request):
    return request.param


@pytest.fixture
def book(demo_master, tmp_path, monkeypatch, language):
    """A copy of the demo named studio.db in the current folder; its connection, for the app."""
    shutil.copy(demo_master, tmp_path / "studio.db")
    monkeypatch.chdir(tmp_path)
    database = open_book("studio.db")
    yield database
    database.close()


def app_on(database, today=TODAY) -> ClientbookApp:
    return ClientbookApp(database, "studio.db", today)


async def footer_settled(pilot) -> None:
    """Until the footer drawn (a dialog's: the one of the screen beneath) shows that screen's keys."""
    def matches() -> None:
        screen = next(s for s in reversed(pilot.app.screen_stack) if s.query(Footer))
        drawn = [(key.key, key.description) for key in screen.query_one(Footer).query("FooterKey")
                 if not key.has_class("-command-palette")]
        wanted: dict[str, tuple[str, str]] = {}
        for _node, binding, _enabled, _tooltip in screen.active_bindings.values():
            if binding.show:
                wanted.setdefault(binding.action, (binding.key, binding.description))
        assert drawn == list(wanted.values())

    await until(pilot, matches)


def value(app, selector: str) -> str:
    return app.screen.query_one(selector, Input).value


def columns_fit_rows(table: DataTable) -> bool:
    """Rows are in the table and its columns were widened for them: DataTable sizes its
    columns on its next idle moment after rows are added, and a snapshot on a loaded machine
    caught the ids' column still as narrow as its header."""
    rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
    return bool(rows) and all(column.content_width >= max(len(row[i]) for row in rows)
                              for i, column in enumerate(table.columns.values()))


def column(app, selector: str, index: int = 0) -> list[str]:
    table = app.screen.query_one(selector, DataTable)
    return [str(table.get_row_at(i)[index]) for i in range(table.row_count)]


async def open_price_list(pilot, services: list[str], masters: list[str]) -> None:
    """F7, until both lists are filled, the services' focused."""
    await pilot.press("f7")
    await equal(pilot, lambda: (column(pilot.app, "#services"), column(pilot.app, "#masters")), (services, masters))
    await focused_on(pilot, "#services", DataTable)


def price_list(database) -> tuple[list[str], list[str]]:
    """The names F7 lists, in its order."""
    return ([line.name for line in catalog.services(database, True)],
            [line.name for line in catalog.masters(database, True)])


async def open_visit_form(pilot, client_id: int) -> None:
    """The client's card, then v: the visit form with the focus in When."""
    await shows(pilot, "#summary", "studio.db")
    pilot.app.push_screen(CardScreen(client_id))
    await shows(pilot, "#card-title", f"  #{client_id}")
    await pilot.press("v")
    await focused_on(pilot, "#when", Input)


# -- F7 and its forms ---------------------------------------------------------------------------


def test_price_list(book, size, snap_compare):
    services, masters = price_list(book)

    async def run_before(pilot):
        await open_price_list(pilot, services, masters)
        await footer_settled(pilot)

    assert snap_compare(app_on(book), terminal_size=size, run_before=run_before)


def test_service_form_without_category(book, size, snap_compare):
    services, masters = price_list(book)
    with pytest.raises(FieldError) as refused:
        read_service_fields({"name": NEW_SERVICE})

    async def run_before(pilot):
        await open_price_list(pilot, services, masters)
        await pilot.press("ctrl+n")
        await focused_on(pilot, "#name", Input)
        await pilot.press(*NEW_SERVICE, "ctrl+s")
        await shows(pilot, "#problem", str(refused.value))
        await focused_on(pilot, "#category", Input)  # the field to put right
        await footer_settled(pilot)

    assert snap_compare(app_on(book), terminal_size=size, run_before=run_before)


def test_new_master_form(book, size, language, snap_compare):
    services, masters = price_list(book)
    week = master_as_typed(None, language)["hours"]

    async def run_before(pilot):
        await open_price_list(pilot, services, masters)
        await pilot.press("tab")
        await focused_on(pilot, "#masters", DataTable)
        await pilot.press("ctrl+n")
        await focused_on(pilot, "#name", Input)
        assert value(pilot.app, "#hours") == week  # the default week, in the form's language
        await footer_settled(pilot)

    assert snap_compare(app_on(book), terminal_size=size, run_before=run_before)


# -- the visit form on a card -------------------------------------------------------------------


def test_visit_form_with_the_usual_visit(book, size, snap_compare):
    usual = usual_visit(book, CLIENT)
    filled = (", ".join(usual.services), usual.master, price_text(usual.price_cents))
    assert all(filled)

    async def run_before(pilot):
        await open_visit_form(pilot, CLIENT)
        await equal(pilot, lambda: tuple(value(pilot.app, f"#{n}") for n in ("services", "master", "price")), filled)
        await footer_settled(pilot)

    assert snap_compare(app_on(book), terminal_size=size, run_before=run_before)


def test_visit_form_offers_an_unknown_service(book, size, snap_compare):
    offer = UnknownName("service", NEW_SERVICE).offer

    async def run_before(pilot):
        await open_visit_form(pilot, CLIENT)
        await until(pilot, lambda: value(pilot.app, "#services"), what="the usual services filled")
        pilot.app.screen.query_one("#services", Input).value = NEW_SERVICE
        await pilot.press("ctrl+s")
        await shows(pilot, "#problem", offer)
        await focused_on(pilot, "#offer", Button)
        await footer_settled(pilot)

    assert snap_compare(app_on(book), terminal_size=size, run_before=run_before)


# -- a new client from Clients --------------------------------------------------------------


def test_new_client_with_a_bad_phone(book, size, snap_compare):
    typed = {"name": "Орлова Вера", "phone": "8 916 12", "birthday": "", "email": "", "note": ""}
    with pytest.raises(FieldProblems) as refused:
        add_new_client(book, typed, TODAY)  # refused: nothing written
    assert list(refused.value.problems) == ["phone"]

    async def run_before(pilot):
        await focused_on(pilot, "#search", Input)
        await shows(pilot, "#summary", "studio.db")
        # the list beneath the dialog, filled: its columns are sized by its rows, which come
        # from their own worker (a snapshot on a loaded machine caught them still empty)
        await until(pilot, lambda: columns_fit_rows(pilot.app.screen.query_one("#results", DataTable)))
        await pilot.press("ctrl+n")
        await focused_on(pilot, "#name", Input)
        await pilot.press(*typed["name"], "enter")  # Enter goes to the next field
        await focused_on(pilot, "#phone", Input)
        await pilot.press(*typed["phone"], "ctrl+s")
        await shows(pilot, "#problem-phone", refused.value.problems["phone"])
        await focused_on(pilot, "#phone", Input)
        await footer_settled(pilot)

    assert snap_compare(app_on(book), terminal_size=size, run_before=run_before)


# -- booking from the call list -----------------------------------------------------------------


def test_booking_dialog_with_free_slots(book, size, snap_compare):
    items = call_list(book, TODAY).items
    row = next(i for i, item in enumerate(items) if item.reason == "due")  # a client due, not a confirm row
    client = items[row]
    defaults = booking_defaults(book, client.id, TODAY)
    slots = [moment.isoformat() for moment in booking_slots(book, defaults.services, defaults.master, NOON,
                                                            SLOTS_SHOWN, offered=defaults.offered)]
    assert slots and defaults.services and defaults.master

    def offered(app) -> list[str]:
        options = app.screen.query_one("#booking-slots", OptionList)
        return [options.get_option_at_index(i).id for i in range(options.option_count)]

    async def run_before(pilot):
        app = pilot.app
        await pilot.press("f3")
        await until(pilot, lambda: column(app, "#calls", 1) == [item.name for item in items], what="the call list")
        app.screen.query_one("#calls", DataTable).move_cursor(row=row)
        await shows(pilot, "#brief", client.name)
        await pilot.press("b")
        await focused_on(pilot, "#booking-slots", OptionList)
        assert (value(app, "#booking-services"), value(app, "#booking-master")) == (
            ", ".join(defaults.services), defaults.master)
        await equal(pilot, lambda: offered(app), slots)
        await until(pilot, lambda: app.screen.query_one("#booking-slots", OptionList).highlighted == 0)
        await footer_settled(pilot)

    assert snap_compare(app_on(book), terminal_size=size, run_before=run_before)


# -- Today with the week's birthdays ------------------------------------------------------------


def test_today_with_birthdays(book, size, snap_compare):
    monday = TODAY + timedelta(days=1)  # the demo's Sunday has no sessions; Monday has some
    day = sessions(book, monday)
    ahead = birthdays_ahead(book, monday)
    assert day and ahead

    async def run_before(pilot):
        app = pilot.app
        await pilot.press("f4")

        def the_day():
            assert [name.removeprefix("⚠ ") for name in column(app, "#sessions", 1)] == [row.name for row in day]
            assert day[0].name in shown(app, "#today-brief")  # the first session's brief beside the list
            assert shown(app, "#today-birthdays") == birthdays_text(ahead, monday)

        await until(pilot, the_day)
        await footer_settled(pilot)

    assert snap_compare(app_on(book, monday), terminal_size=size, run_before=run_before)
