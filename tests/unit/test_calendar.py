"""Calendar arithmetic the rules lean on: birthdays in common years, whole months."""
from __future__ import annotations

from datetime import date

import pytest

from clientbook.domain.calls import birthday_on
from clientbook.domain.retention import months


@pytest.mark.parametrize("year, expected", [(2027, date(2027, 2, 28)), (2028, date(2028, 2, 29))])
def test_a_29_february_birthday_is_kept_on_28_february_in_common_years(year, expected):
    assert birthday_on(29, 2, year) == expected


def test_other_birthdays_keep_their_day():
    assert birthday_on(31, 12, 2026) == date(2026, 12, 31)


def test_months_are_clipped_to_the_period_and_cross_the_year():
    assert months(date(2026, 11, 16), date(2027, 2, 3)) == [
        (date(2026, 11, 16), date(2026, 11, 30)),
        (date(2026, 12, 1), date(2026, 12, 31)),
        (date(2027, 1, 1), date(2027, 1, 31)),
        (date(2027, 2, 1), date(2027, 2, 3)),
    ]


def test_a_leap_february_is_whole():
    assert months(date(2028, 2, 1), date(2028, 2, 29)) == [(date(2028, 2, 1), date(2028, 2, 29))]
