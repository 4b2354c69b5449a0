"""The book's language setting, and who wins at start: --lang, then the book, then the locale."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from clientbook import i18n
from clientbook.cli import cli
from clientbook.errors import UserError
from clientbook.main import program
from clientbook.services.book import open_book
from clientbook.services.settings import change_setting, get_setting, start_language

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


def test_language_is_en_ru_or_empty(book):
    assert get_setting(book, "language") == ""
    change_setting(book, "language", " RU ")
    assert get_setting(book, "language") == "ru"
    with pytest.raises(UserError, match=r"The language is en or ru .* not “de”"):
        change_setting(book, "language", "de")
    assert get_setting(book, "language") == "ru"
    change_setting(book, "language", "")
    assert get_setting(book, "language") == ""


@pytest.mark.parametrize("key, value, kept", [
    ("tier_at_risk", "1,8", "1.8"),  # a Russian keyboard's decimal comma
    ("daily_cap", "0", "0"),
    ("daily_cap", "012", "12"),
])
def test_values_are_stored_plainly(book, key, value, kept):
    change_setting(book, key, value)
    assert get_setting(book, key) == kept


@pytest.mark.parametrize("key, value", [("tier_lost", "inf"), ("tier_due", "nan"), ("daily_cap", "²"),
                                        ("cooldown_days", "-1"), ("attempt_limit", "")])
def test_odd_numbers_are_refused(book, key, value):
    before = get_setting(book, key)
    with pytest.raises(UserError):
        change_setting(book, key, value)
    assert get_setting(book, key) == before


def test_start_language_precedence(book):
    assert start_language(book, None) is None  # nothing chosen: the locale decides
    change_setting(book, "language", "ru")
    assert start_language(book, None) == "ru"
    assert start_language(book, "en") == "en"  # --lang wins


@pytest.fixture
def started(monkeypatch):
    """Run `clientbook` with no command; record the language the app would open in."""
    from clientbook.tui.app import ClientbookApp

    seen = []
    monkeypatch.setattr(ClientbookApp, "run", lambda self: seen.append(i18n.language()))
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)

    def start(*args):
        result = CliRunner().invoke(cli, [str(a) for a in args], obj=program())
        assert result.exit_code == 0, result.output
        return seen.pop()

    return start


@pytest.mark.parametrize("stored, locale, flag, expected", [
    ("", "ru_RU.UTF-8", [], "ru"),  # the locale, when the book says nothing
    ("", "C.UTF-8", [], "en"),
    ("ru", "C.UTF-8", [], "ru"),  # the book's setting beats the locale
    ("en", "ru_RU.UTF-8", [], "en"),
    ("ru", "C.UTF-8", ["--lang", "en"], "en"),  # --lang beats the book
    ("en", "C.UTF-8", ["--lang", "ru"], "ru"),
])
def test_the_app_opens_in_the_chosen_language(book_path, started, monkeypatch, stored, locale, flag,
                                              expected):
    database = open_book(book_path)
    change_setting(database, "language", stored)
    database.close()
    monkeypatch.setenv("LANG", locale)
    assert started("--db", book_path, *flag) == expected
