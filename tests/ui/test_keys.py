"""Keys: each has an id and a description, and the command palette reaches every one."""
from __future__ import annotations

import pytest
from textual.command import CommandList, CommandPalette

from clientbook.tui.app import ClientbookApp
from clientbook.tui.screens.calls import CallsScreen
from clientbook.tui.screens.card import CardScreen
from clientbook.tui.screens.home import HomeScreen
from clientbook.tui.screens.settings import SettingsScreen
from clientbook.tui.screens.today import TodayScreen
from clientbook.tui.widgets.ask import Ask, Choose
from clientbook.tui.widgets.visit_form import VisitForm
from tests.ui.pilot import book_has, make_app, shows, until

KEYED = (ClientbookApp, HomeScreen, CallsScreen, TodayScreen, CardScreen, SettingsScreen, Ask, Choose,
         VisitForm)


@pytest.mark.parametrize("owner", KEYED, ids=lambda owner: owner.__name__)
def test_every_key_has_an_id_and_a_description(owner):
    for binding in owner.BINDINGS:
        assert binding.id and binding.description, f"{owner.__name__}: {binding.key}"
    ids = [binding.id for binding in owner.BINDINGS]
    assert len(ids) == len(set(ids))


def palette_titles(app) -> list[str]:
    return [command.title for command in app.get_system_commands(app.screen)]


async def test_the_palette_lists_the_screens_keys(due_book):
    app = make_app(due_book)
    async with app.run_test(size=(140, 40)) as pilot:
        await shows(pilot, "#summary", "3 clients")  # the book is read: the demo is switched off
        titles = palette_titles(app)
        assert {"Search", "Clients", "Calls", "Today", "Settings", "Keys", "Quit"} <= set(titles)
        assert "Load demo studio" not in titles  # switched off on a book with clients
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, CallsScreen), what="the call list")
        titles = palette_titles(app)
        assert {"Booked", "No answer", "Left message", "Call back", "Declined", "Do not contact",
                "Wrong number", "Copy message", "Refresh"} <= set(titles)


def highlighted_command(app) -> str:
    commands = app.screen.query_one(CommandList)
    return str(commands.get_option_at_index(commands.highlighted).prompt)


async def test_an_outcome_recorded_from_the_palette(due_book):
    app = make_app(due_book)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("f3")
        await shows(pilot, "#brief", "Ёлкина Анна")  # the first client, whose call is recorded
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), what="the command palette")
        await pilot.press(*"no answer")
        await until(pilot, lambda: highlighted_command(app).startswith("No answer"),
                    what="No answer offered first", show=lambda: highlighted_command(app))
        await pilot.press("enter")
        await book_has(pilot, due_book, "SELECT client_id, outcome FROM contacts", [(1, "no_answer")])
        await shows(pilot, "#calls-title", "Calls for November 22: 2")
        assert isinstance(app.screen, CallsScreen)


async def test_f1_shows_the_keys_of_the_screen_and_hides_them_again(due_book):
    app = make_app(due_book)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, CallsScreen), what="the call list")
        await pilot.press("f1")

        def the_keys():
            table = app.screen.query_one("HelpPanel").query_one("BindingsTable").render()
            descriptions = [str(cell) for cell in table.columns[1].cells]
            assert {"No answer", "Left message", "Copy message", "Calls", "Today"} <= set(descriptions)

        await until(pilot, the_keys)
        await pilot.press("f1")
        await until(pilot, lambda: not app.screen.query("HelpPanel"), what="the keys to hide")


def test_every_key_of_textuals_own_widgets_is_in_the_catalog():
    """F1 lists the keys of the focused widget: each Textual widget the screens use, and the
    palette, has its descriptions in translate.TEXTUAL_KEYS (marked there for the catalog). A
    Textual upgrade that adds a key fails here until its words are added."""
    from textual.app import App
    from textual.command import CommandPalette
    from textual.containers import VerticalScroll
    from textual.screen import ModalScreen, Screen
    from textual.widgets import (
        Button,
        Checkbox,
        DataTable,
        Input,
        OptionList,
        Select,
        TabbedContent,
        Tabs,
        TextArea,
    )
    from textual.widgets._select import SelectOverlay

    from clientbook.tui.translate import GROUP_TITLES, TEXTUAL_KEYS

    used = (App, Screen, ModalScreen, CommandPalette, DataTable, Input, TextArea, OptionList, Select, SelectOverlay,
            Checkbox, Button, Tabs, TabbedContent, VerticalScroll)
    described = {binding.description for owner in used for _key, binding in owner._merge_bindings()
                 if binding.description}
    assert described - set(TEXTUAL_KEYS) == set()
    titles = {owner.BINDING_GROUP_TITLE for owner in used if owner.BINDING_GROUP_TITLE}
    assert titles <= set(GROUP_TITLES)
