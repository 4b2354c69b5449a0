"""What the screens show of a code, a birthday, a number, and how a form reads it back (issue 17)."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from clientbook import i18n
from clientbook.domain.dates import read_birthday, typed_birthday
from clientbook.services.brief import birthday_soon
from clientbook.services.card_text import channel_label, read_channel, read_track, track_label
from clientbook.services.catalog import read_service_fields
from clientbook.services.settings import setting_shown

TODAY = date(2026, 11, 22)


@pytest.fixture(params=["en", "ru"])
def language(request):
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("en")


@pytest.fixture
def russian():
    i18n.set_language("ru")
    yield
    i18n.set_language("en")


def test_built_in_codes_are_named_in_russian(russian):
    assert [track_label(code) for code in ("nails", "colour", "cosmetology")] == ["ногти", "окрашивание",
                                                                                 "косметология"]
    assert [channel_label(code) for code in ("phone", "whatsapp", "call", "sms")] == ["телефон", "WhatsApp",
                                                                                     "звонок", "СМС"]
    assert track_label("Брови и ресницы") == "Брови и ресницы"  # a studio's own, as written


@pytest.mark.parametrize("typed, code", [("ногти", "nails"), ("Окрашивание", "colour"), ("nails", "nails"),
                                         ("Colour", "colour"), ("  ресницы ", "lashes"),
                                         ("Брови и ресницы", "Брови и ресницы")])
def test_a_category_is_read_back_in_either_language(russian, typed, code):
    assert read_track(typed) == code


@pytest.mark.parametrize("typed, code", [("телефон", "phone"), ("WhatsApp", "whatsapp"), ("whatsapp", "whatsapp"),
                                         ("СМС", "sms"), ("Эл. почта", "email"), ("Max", "Max")])
def test_a_channel_is_read_back_in_either_language(russian, typed, code):
    assert read_channel(typed) == code


def test_a_label_shown_reads_back_as_its_code(language):
    for code in ("nails", "colour", "lashes", "brows", "haircut", "pedicure", "cosmetology", "massage"):
        assert read_track(track_label(code)) == code
    for code in ("call", "phone", "sms", "whatsapp", "telegram", "viber", "email", "vk", "visit", "other"):
        assert read_channel(channel_label(code)) == code


def test_a_service_form_keeps_the_built_in_track(russian):
    fields = read_service_fields({"name": "Маникюр", "category": "ногти", "price": "", "duration": "",
                                  "interval": ""})
    assert fields.category == "nails"


@pytest.mark.parametrize("stored, typed", [("--03-22", "22.03"), ("1992-02-16", "16.02.1992"), (None, ""),
                                           ("", "")])
def test_a_birthday_is_shown_as_it_is_typed_and_read_back(stored, typed):
    assert typed_birthday(stored) == typed
    if stored:
        born = read_birthday(typed, TODAY)
        assert (born.day, born.month) == (int(stored[-2:]), int(stored[-5:-3]))
        assert born.year == (int(stored[:4]) if not stored.startswith("--") else None)


@pytest.mark.parametrize("days, ru", [(0, "День рождения сегодня"), (1, "День рождения завтра"),
                                      (3, "День рождения через 3 дня"), (11, "День рождения через 11 дней")])
def test_a_birthday_soon(russian, days, ru):
    assert birthday_soon(days) == ru


def test_numbers_dates_and_months_in_each_language(language):
    ru = language == "ru"
    assert i18n.table_moment(datetime(2026, 11, 2, 15, 0)) == ("02.11.2026 15:00" if ru else "2026-11-02 15:00")
    assert i18n.month(date(2026, 9, 1)) == ("сент. 2026" if ru else "Sep 2026")
    assert i18n.decimal_point("1.5") == ("1,5" if ru else "1.5")
    assert setting_shown("tier_due_soon", "0.85") == ("0,85" if ru else "0.85")
    assert setting_shown("daily_cap", "30") == "30"
    assert setting_shown("margin_percent", "") == ""
