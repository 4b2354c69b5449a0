"""A master's working week read as people write it, and written back the same way."""
from __future__ import annotations

from datetime import date, datetime, time

import pytest

from clientbook.domain.hours import DEFAULT_HOURS, HoursError, hours_text, read_hours


@pytest.mark.parametrize(("typed", "english", "russian"), [
    ("пн-пт 10-20, сб 11-18", "mon-fri 10:00-20:00, sat 11:00-18:00", "пн-пт 10:00-20:00, сб 11:00-18:00"),
    ("Mon-Fri 10:00-20:00; Sat 11:00–18:00", "mon-fri 10:00-20:00, sat 11:00-18:00",
     "пн-пт 10:00-20:00, сб 11:00-18:00"),
    ("ежедневно 9-21", "mon-sun 09:00-21:00", "пн-вс 09:00-21:00"),
    ("пн, ср, пт 10.30-19", "mon 10:30-19:00, wed 10:30-19:00, fri 10:30-19:00",
     "пн 10:30-19:00, ср 10:30-19:00, пт 10:30-19:00"),
    ("сб-вт 10-18", "mon-tue 10:00-18:00, sat-sun 10:00-18:00", "пн-вт 10:00-18:00, сб-вс 10:00-18:00"),
    ("Пн.-Пт. 10:00–24:00", "mon-fri 10:00-23:59", "пн-пт 10:00-23:59"),
    ("", "mon-sat 10:00-20:00", "пн-сб 10:00-20:00"),
])
def test_a_week_as_typed_and_as_written_back(typed, english, russian):
    week = read_hours(typed)
    assert hours_text(week, "en") == english
    assert hours_text(week, "ru") == russian
    assert read_hours(english) == read_hours(russian) == week  # what is stored reads back the same


def test_the_default_week_and_a_day_off():
    assert read_hours("") == DEFAULT_HOURS
    assert DEFAULT_HOURS.on(date(2026, 11, 29)) is None  # a Sunday
    assert DEFAULT_HOURS.on(date(2026, 11, 30)) == (datetime(2026, 11, 30, 10), datetime(2026, 11, 30, 20))
    assert read_hours("сб 11-17").days[5] == (time(11), time(17))


@pytest.mark.parametrize(("typed", "said"), [
    ("вс 10-9", "“вс 10-9” is not a working week (for example: mon-fri 10-20, sat 11-18)."),
    ("xx 10-20", "“xx 10-20” is not a working week (for example: mon-fri 10-20, sat 11-18)."),
    ("пн-пт 25-26", "“пн-пт 25-26” is not a working week (for example: mon-fri 10-20, sat 11-18)."),
    ("пн-пт", "“пн-пт” is not a working week (for example: mon-fri 10-20, sat 11-18)."),
    ("пн-пт 10-14, пн-пт 15-20", "mon is named twice; give one span a day (for example: mon-fri 10-20)."),
])
def test_what_is_not_a_week_is_said(typed, said):
    with pytest.raises(HoursError) as refused:
        read_hours(typed)
    assert str(refused.value) == said
