"""The Settings screen (F9): read the studio's settings, change one, be told why not."""
from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from clientbook import i18n
from clientbook.services.book import open_book
from clientbook.services.settings import get_setting, set_setting
from tests.ui.pilot import make_app, settle


@pytest.fixture
def studio(book_path):
    database = open_book(book_path)
    set_setting(database, "studio_name", "[b]Бархат[/b]")
    set_setting(database, "daily_cap", "25")
    database.close()
    return book_path


async def open_settings(pilot):
    await settle(pilot)
    await pilot.press("f9")
    await settle(pilot)
    assert pilot.app.current_mode == "settings"


def field(app, key: str) -> Input:
    return app.screen.query_one(f"#value-{key}", Input)


def problem(app, key: str) -> str:
    shown = app.screen.query_one(f"#problem-{key}", Static)
    return str(shown.render()) if shown.has_class("shown") else ""


async def type_into(pilot, key: str, text: str, *then: str):
    box = field(pilot.app, key)
    box.focus()
    box.value = ""
    await pilot.press(*text, *then)
    await settle(pilot)


def stored(path, key: str) -> str:
    database = open_book(path)
    try:
        return get_setting(database, key)
    finally:
        database.close()


async def test_f9_shows_the_settings_with_their_values(studio):
    app = make_app(studio)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_settings(pilot)
        assert field(app, "daily_cap").value == "25"
        assert field(app, "tier_due").value == "1.0"
        assert field(app, "cooldown_days").value == "2"
        assert field(app, "default_region").value == "RU"
        assert field(app, "language").value == ""
        assert field(app, "studio_name").value == "[b]Бархат[/b]"  # literally
        text = " ".join(str(s.render()) for s in app.screen.query(".explanation"))
        assert "0: no cap" in text
        labels = " ".join(str(label.render()) for label in app.screen.query("Label"))
        assert "Calls per day" in labels and "Cool-down, days" in labels


async def test_a_changed_daily_cap_is_stored(studio):
    app = make_app(studio)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_settings(pilot)
        await type_into(pilot, "daily_cap", "12", "enter")
        assert problem(app, "daily_cap") == ""
        assert field(app, "daily_cap").value == "12"
        assert any("Calls per day = 12" in n.message for n in app._notifications)
    assert stored(studio, "daily_cap") == "12"


@pytest.mark.parametrize("key, text, sentence, old", [
    ("tier_due", "abc", "tier_due takes a number such as 1.5, not “abc”.", "1.0"),
    ("cooldown_days", "0", "cooldown_days takes a whole number of at least 1, not “0”.", "2"),
    ("tier_lost", "1.2", "tier_lost = “1.2”: the thresholds must grow: due soon ≤ due ≤ at risk ≤ "
                         "lost, all above zero.", "3.0"),
    ("language", "de", "The language is en or ru (empty: from the system's locale), not “de”.", ""),
])
async def test_a_bad_value_is_explained_and_not_stored(studio, key, text, sentence, old):
    app = make_app(studio)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_settings(pilot)
        await type_into(pilot, key, text, "enter")
        assert problem(app, key) == sentence
        assert field(app, key).value == text  # kept, to be corrected
        assert not app._notifications
        await pilot.press("escape")  # leave the edit: the book's value comes back
        assert field(app, key).value == old
        assert problem(app, key) == ""
    assert stored(studio, key) == old


async def test_escape_leaves_an_edit_without_saving(studio):
    app = make_app(studio)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_settings(pilot)
        await type_into(pilot, "daily_cap", "99", "escape")
        assert field(app, "daily_cap").value == "25"
        await pilot.press("enter")  # the saved value again: nothing to write
        await settle(pilot)
        assert not app._notifications
    assert stored(studio, "daily_cap") == "25"


async def test_russian_applies_at_once(studio):
    app = make_app(studio)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_settings(pilot)
        await pilot.press("f2")  # the clients screen exists in English before the switch
        await settle(pilot)
        await pilot.press("f9")
        await settle(pilot)
        await type_into(pilot, "language", "RU", "enter")
        assert i18n.language() == "ru"
        assert field(app, "language").value == "ru"  # as stored
        assert app.screen.focused is field(app, "language")
        # The keys of the app are relabelled, and the other screens are made again.
        descriptions = {b.description for _, b in app._bindings}
        assert "Клиенты" in descriptions and "Clients" not in descriptions
        await pilot.press("f2")
        await settle(pilot)
        assert app.screen.query_one("#search", Input).placeholder.startswith("Поиск")
        # Back to the locale (here: English) when the field is emptied.
        await pilot.press("f9")
        await settle(pilot)
        await type_into(pilot, "language", "", "enter")
        assert stored(studio, "language") == ""
    assert stored(studio, "language") == ""
