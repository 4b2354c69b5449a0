"""The Settings screen (F9): read the studio's settings, change one, be told why not."""
from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from clientbook import i18n
from clientbook.services.book import open_book
from clientbook.services.settings import get_setting, set_setting
from tests.ui.pilot import equal, focused_on, make_app, until


@pytest.fixture
def studio(book_path):
    database = open_book(book_path)
    set_setting(database, "studio_name", "[b]Бархат[/b]")
    set_setting(database, "daily_cap", "25")
    database.close()
    return book_path


async def open_settings(pilot):
    """F9, then until the book's values are in the fields (the daily cap of this studio is 25)."""
    await pilot.press("f9")
    await until(pilot, lambda: field(pilot.app, "daily_cap").value == "25", what="the settings read")
    assert pilot.app.current_mode == "settings"


def field(app, key: str) -> Input:
    return app.screen.query_one(f"#value-{key}", Input)


def problem(app, key: str) -> str:
    shown = app.screen.query_one(f"#problem-{key}", Static)
    return str(shown.render()) if shown.has_class("shown") else ""


async def type_into(pilot, key: str, text: str, *then: str):
    """Into the field: focus, empty, type; then the keys `then` (Enter saves, Escape puts back)."""
    box = field(pilot.app, key)
    box.focus()
    await focused_on(pilot, f"#value-{key}", Input)
    box.value = ""
    await pilot.press(*text)
    await until(pilot, lambda: box.value == text, show=lambda: box.value)
    await pilot.press(*then)


def notified(app, text: str) -> bool:
    return any(text in str(n.message) for n in app._notifications)


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
        await until(pilot, lambda: notified(app, "Calls per day = 12"), what="the saving confirmed")
        assert problem(app, "daily_cap") == ""
        assert field(app, "daily_cap").value == "12"
    assert stored(studio, "daily_cap") == "12"


@pytest.mark.parametrize("key, text, sentence, old", [
    ("tier_due", "abc", "“Due” takes a number such as 1.5, not “abc”.", "1.0"),
    ("cooldown_days", "0", "“Cool-down, days” takes a whole number of at least 1, not “0”.", "2"),
    ("tier_lost", "1.2", "“Lost” = “1.2”: the thresholds must grow: due soon ≤ due ≤ at risk ≤ "
                         "lost, all above zero.", "3.0"),
    ("language", "de", "The language is en or ru (empty: from the system's locale), not “de”.", ""),
])
async def test_a_bad_value_is_explained_and_not_stored(studio, key, text, sentence, old):
    app = make_app(studio)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_settings(pilot)
        await type_into(pilot, key, text, "enter")
        await until(pilot, lambda: problem(app, key) == sentence, show=lambda: problem(app, key))
        assert field(app, key).value == text  # kept, to be corrected
        assert not app._notifications
        await pilot.press("escape")  # leave the edit: the book's value comes back

        def put_back():
            assert field(app, key).value == old
            assert problem(app, key) == ""

        await until(pilot, put_back)
    assert stored(studio, key) == old


async def test_escape_leaves_an_edit_without_saving(studio):
    app = make_app(studio)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_settings(pilot)
        await type_into(pilot, "daily_cap", "99", "escape")
        await until(pilot, lambda: field(app, "daily_cap").value == "25", show=lambda: field(app, "daily_cap").value)
        await pilot.press("enter")  # the saved value again: nothing to write
        assert not app._notifications
    assert stored(studio, "daily_cap") == "25"


async def test_russian_applies_at_once(studio):
    app = make_app(studio)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_settings(pilot)
        await pilot.press("f2")  # the clients screen exists in English before the switch
        await until(pilot, lambda: app.screen.query_one("#search", Input).placeholder.startswith("Search"),
                    what="the clients screen in English")
        await open_settings(pilot)
        await type_into(pilot, "language", "RU", "enter")

        def in_russian():
            assert i18n.language() == "ru"
            assert field(app, "language").value == "ru"  # as stored
            assert app.screen.focused is field(app, "language")
            # The keys of the app are relabelled, and the other screens are made again.
            descriptions = {b.binding.description for b in app.screen.active_bindings.values()}
            assert "Клиенты" in descriptions and "Clients" not in descriptions

        await until(pilot, in_russian)
        await pilot.press("f2")
        await until(pilot, lambda: app.screen.query_one("#search", Input).placeholder.startswith("Поиск"),
                    what="the clients screen made again in Russian")
        # Back to the locale (here: English) when the field is emptied.
        await open_settings(pilot)
        await type_into(pilot, "language", "", "enter")
        await equal(pilot, lambda: stored(studio, "language"), "", step=0.1)
    assert stored(studio, "language") == ""


async def test_a_setting_changed_in_another_window_meanwhile_is_not_overwritten(studio):
    app = make_app(studio)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_settings(pilot)
        assert field(app, "daily_cap").value == "25"
        elsewhere = open_book(studio)  # another window, or `clientbook settings daily_cap 30`
        set_setting(elsewhere, "daily_cap", "30")
        elsewhere.close()
        await type_into(pilot, "daily_cap", "40", "enter")
        sentence = "Not saved: while you edited, it was changed to “30” (it was “25”)."
        await until(pilot, lambda: problem(app, "daily_cap") == sentence, show=lambda: problem(app, "daily_cap"))
    assert stored(studio, "daily_cap") == "30"
