"""Reading dates as people and spreadsheets write them."""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime


class DateError(ValueError):
    """The text is not a date; str() says so for a person."""


@dataclass(frozen=True)
class Birthday:
    day: int
    month: int
    year: int | None = None  # many clients give the day and month only

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise DateError(f"There is no month {self.month}.")
        leap_ok = 2000 if self.year is None else self.year  # 29 February without a year
        if not 1 <= self.day <= calendar.monthrange(leap_ok, self.month)[1]:
            raise DateError(f"There is no day {self.day} in month {self.month}.")

    def iso(self) -> str:
        """YYYY-MM-DD, or --MM-DD when the year is unknown (as vCard writes it)."""
        head = f"{self.year:04d}" if self.year else "-"
        return f"{head}-{self.month:02d}-{self.day:02d}"


def parse_iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError as error:
        raise DateError(f"“{text}” is not a date (expected YYYY-MM-DD).") from error


def parse_iso_datetime(text: str) -> datetime:
    """YYYY-MM-DD, optionally followed by HH:MM (a visit's time)."""
    text = text.strip()
    for pattern in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    raise DateError(f"“{text}” is not a date (expected YYYY-MM-DD or YYYY-MM-DD HH:MM).")


def parse_birthday(text: str) -> Birthday:
    """YYYY-MM-DD, or --MM-DD for a birthday without a year."""
    text = text.strip()
    if text.startswith("--") and len(text) == 7:
        try:
            return Birthday(int(text[5:7]), int(text[2:4]))
        except ValueError as error:
            raise DateError(f"“{text}” is not a birthday.") from error
    found = parse_iso_date(text)
    return Birthday(found.day, found.month, found.year)
