"""A visit's own rules on plain values: the day it can have, and its price as written.

Only completed visits count, so a visit marked done is one that has happened; a booking
is made for a day still to come. Both take `today` as a parameter.
"""
from __future__ import annotations

import re
from datetime import date

from clientbook.domain.dates import DateError, check_from_today
from clientbook.i18n import N_, _

BOOKINGS = ("planned", "tentative")  # still to come: booked, or pencilled in to confirm


class PriceError(ValueError):
    """The text is not a price; str() says so for a person."""


_PRICE = re.compile(r"(?P<roubles>\d{1,9})(?:[.,](?P<kopecks>\d{1,2}))?")
_CURRENCY = re.compile(r"(?:₽|руб\.?|р\.?|rub)$", re.IGNORECASE)


def parse_price(text: str) -> int | None:
    """Roubles as a person or a spreadsheet writes them → kopecks; None when empty.

    "2500", "2 500", "2 500 ₽" (any space, Excel's and Babel's too), "2500,50", "2500.5",
    "1500 руб.". Whole kopecks only: "2,500" is refused rather than read as 2.5 roubles.
    """
    compact = _CURRENCY.sub("", re.sub(r"\s", "", text))
    if not compact:
        return None
    found = _PRICE.fullmatch(compact)
    if not found:
        raise PriceError(_("“{text}” is not a price (for example 2500).").format(text=text.strip()))
    return int(found["roubles"]) * 100 + int((found["kopecks"] or "0").ljust(2, "0"))


def check_took_place(status: str, day: date, today: date) -> None:
    """A visit marked done has happened: its day is today or earlier."""
    if status == "done" and day > today:
        raise DateError(_("A visit that took place cannot be in the future; choose booked."))


def check_booking_day(status: str, day: date, today: date) -> None:
    """A booking is made for today or later; a past day is a visit done, missed or cancelled."""
    if status in BOOKINGS:
        check_from_today(day, today, N_("A booking must be today or later; choose done for a past visit."))
