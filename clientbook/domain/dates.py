"""Reading dates as people and spreadsheets write them."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime

from clientbook.i18n import _


class DateError(ValueError):
    """The text is not a date; str() says so for a person."""


@dataclass(frozen=True)
class Birthday:
    day: int
    month: int
    year: int | None = None  # many clients give the day and month only

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise DateError(_("There is no month {month}.").format(month=self.month))
        leap_ok = 2000 if self.year is None else self.year  # 29 February without a year
        if not 1 <= self.day <= calendar.monthrange(leap_ok, self.month)[1]:
            raise DateError(_("There is no day {day} in month {month}.").format(day=self.day, month=self.month))

    def iso(self) -> str:
        """YYYY-MM-DD, or --MM-DD when the year is unknown (as vCard writes it)."""
        head = f"{self.year:04d}" if self.year else "-"
        return f"{head}-{self.month:02d}-{self.day:02d}"


def parse_iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError as error:
        raise DateError(_("“{text}” is not a date (expected YYYY-MM-DD).").format(text=text)) from error


def parse_iso_datetime(text: str) -> datetime:
    """YYYY-MM-DD, optionally followed by HH:MM (a visit's time)."""
    text = text.strip()
    for pattern in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    raise DateError(_("“{text}” is not a date (expected YYYY-MM-DD or YYYY-MM-DD HH:MM).").format(text=text))


# A birthday as a card, a phone or a Russian spreadsheet writes it; the year is optional.
_BIRTHDAY_FORMS = (
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"),  # 1992-02-16
    re.compile(r"--(?P<month>\d{2})-?(?P<day>\d{2})"),  # --02-16, as vCard writes it
    re.compile(r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})(?:\.(?P<year>\d{4}))?"),  # 16.02.1992, 16.02
)


def parse_birthday(text: str) -> Birthday:
    """YYYY-MM-DD or DD.MM.YYYY; without a year --MM-DD or DD.MM."""
    text = text.strip()
    for form in _BIRTHDAY_FORMS:
        found = form.fullmatch(text)
        if found:
            year = int(found.groupdict().get("year") or 0) or None
            if year is not None and year < 1900:
                raise DateError(_("“{text}” is not a birthday.").format(text=text))
            return Birthday(int(found["day"]), int(found["month"]), year)
    raise DateError(_("“{text}” is not a birthday (expected YYYY-MM-DD or DD.MM.YYYY; "
                      "without the year DD.MM).").format(text=text))
