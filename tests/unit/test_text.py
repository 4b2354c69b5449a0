"""Normalising text and phones: the same rules for the index and the query."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clientbook.domain.dates import Birthday, DateError, parse_birthday, parse_when
from clientbook.domain.names import split_full_name
from clientbook.domain.text import (
    PhoneError,
    clean_line,
    fold,
    format_phone,
    normalize,
    parse_phone,
    parse_query,
    phone_search_forms,
)


def test_fold_ignores_case_and_yo():
    assert fold("ЁЛКИНА Алёна") == "елкина алена"
    assert normalize("  Анна-Мария   ПЕТРОВА ") == "анна мария петрова"


@given(st.text())
def test_normalize_is_idempotent(text):
    assert normalize(normalize(text)) == normalize(text)


@given(st.text())
def test_clean_line_leaves_no_control_characters(text):
    cleaned = clean_line(text)
    assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in cleaned)
    assert cleaned == cleaned.strip()


def test_clean_line_keeps_markup_literally():
    assert clean_line("[b]Ann[/b]\x1b[31m\x00") == "[b]Ann[/b][31m"


@pytest.mark.parametrize(
    "typed",
    ["8 (916) 123-45-67", "+7 916 123 45 67", "89161234567", "9161234567", "+7(916)1234567",
     "7-916-123-45-67", " 8 916 123 4567 "],
)
def test_russian_phone_typed_any_way_is_one_number(typed):
    assert parse_phone(typed, "RU") == "+79161234567"


def test_foreign_phone_keeps_its_country():
    assert parse_phone("+375 29 123-45-67", "RU") == "+375291234567"
    assert format_phone("+375291234567", "RU").startswith("+375")


@pytest.mark.parametrize("bad", ["12345", "телефон", "+7 916 123", ""])
def test_not_a_phone_says_so(bad):
    with pytest.raises(PhoneError):
        parse_phone(bad, "RU")


def test_phone_display_and_search_forms():
    assert format_phone("+79161234567", "RU") == "8 (916) 123-45-67"
    assert set(phone_search_forms("+79161234567")) == {"79161234567", "89161234567", "9161234567"}


def test_query_of_digits_is_a_phone_fragment():
    assert parse_query("+7 (916) 12").phone_digits == "791612"
    assert parse_query("45-67").phone_digits == "4567"


def test_query_splits_long_and_short_words():
    query = parse_query("Ёлкина ан")
    assert query.fragments == ("елкина",) and query.prefixes == ("ан",)
    assert parse_query("   ").empty


@pytest.mark.parametrize(
    "text, first, last, patronymic",
    [
        ("Иванова Анна Сергеевна", "Анна", "Иванова", "Сергеевна"),
        ("Анна Сергеевна Иванова", "Анна", "Иванова", "Сергеевна"),
        ("Анна Иванова", "Анна", "Иванова", ""),
        ("Иванова Анна", "Анна", "Иванова", ""),
        ("Петрова Марина", "Марина", "Петрова", ""),
        ("Петров Иван Ильич", "Иван", "Петров", "Ильич"),
        ("Мария", "Мария", "", ""),
        ("Anna Smith", "Anna", "Smith", ""),
    ],
)
def test_full_names_split_as_studios_write_them(text, first, last, patronymic):
    parts = split_full_name(text)
    assert (parts.first, parts.last, parts.patronymic) == (first, last, patronymic)


@pytest.mark.parametrize("text, expected", [
    ("1992-02-16", Birthday(16, 2, 1992)), ("16.02.1992", Birthday(16, 2, 1992)),
    ("6.2.1992", Birthday(6, 2, 1992)), ("16.02", Birthday(16, 2)), ("--02-16", Birthday(16, 2)),
    ("29.02", Birthday(29, 2)), (" 29.02.2000 ", Birthday(29, 2, 2000)),
])
def test_birthdays_as_people_write_them(text, expected):
    assert parse_birthday(text, date(2026, 11, 22)) == expected


@pytest.mark.parametrize("text, sentence", [
    ("1990-02-30", "There is no day 30 in month 2."),
    ("29.02.2023", "There is no day 29 in month 2."),
    ("16.13", "There is no month 13."),
    ("16-02-1992", "“16-02-1992” is not a birthday (expected YYYY-MM-DD or DD.MM.YYYY; without the year DD.MM)."),
    ("16.02.0992", "“16.02.0992” is not a birthday."),
])
def test_impossible_birthdays_are_explained(text, sentence):
    with pytest.raises(DateError) as error:
        parse_birthday(text, date(2026, 11, 22))
    assert str(error.value) == sentence


@pytest.mark.parametrize("text, expected", [
    ("2026-11-24 14:30", datetime(2026, 11, 24, 14, 30)),
    ("24.11.2026 14:30", datetime(2026, 11, 24, 14, 30)),
    ("24.11.26 9.05", datetime(2026, 11, 24, 9, 5)),
    ("24.11 14:30", datetime(2026, 11, 24, 14, 30)),
    ("5.1 10:00", datetime(2027, 1, 5, 10, 0)),  # early January, typed in November: next year's
    ("20.11", datetime(2026, 11, 20)),  # two days ago, not next year
    ("29.02 10:00", datetime(2028, 2, 29, 10, 0)),  # the nearest year that has one
])
def test_when_as_people_type_it(text, expected):
    assert parse_when(text, date(2026, 11, 22)) == expected


EXAMPLES = "For example: 1.12.2026 15:00, tomorrow at 12:00, fri 15:30."  # built from 22.11.2026


@pytest.mark.parametrize("text, sentence", [
    ("31.02.2027 10:00", f"There is no day 31 in month 2. {EXAMPLES}"),
    ("24.13 10:00", f"There is no month 13. {EXAMPLES}"),
    ("24.11 25:00", f"“24.11 25:00” has no such time of day. {EXAMPLES}"),
    ("someday", f"Not a date: “someday”. {EXAMPLES}"),
    ("завтра", "Give the time too, for example завтра 14:30."),
    ("24.11", "Give the time too, for example 24.11 14:30."),
    ("2026-11-24", "Give the time too, for example 2026-11-24 14:30."),
])
def test_impossible_whens_are_explained(text, sentence):
    with pytest.raises(DateError) as error:
        parse_when(text, date(2026, 11, 22), need_time=True)
    assert str(error.value) == sentence
