"""Reading dates as people and spreadsheets write them."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime

from clientbook.i18n import N_, _


class DateError(ValueError):
    """The text is not a date; str() says so for a person."""


class DateOutOfRange(DateError):
    """The text is a date, but not in the years a studio's dates live in."""


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


# The years a studio's dates live in. Year 1 or 9999 is a slip, and the rules' arithmetic
# (a due date, a confirm window) would run off the calendar from there.
FIRST_YEAR, LAST_YEAR = 1900, 2100


def check_year(when: date, text: str) -> None:
    """A typed day stays within FIRST_YEAR..LAST_YEAR; DateError saying so otherwise."""
    if not FIRST_YEAR <= when.year <= LAST_YEAR:
        raise DateOutOfRange(_("“{text}” is out of range: give a date from {first} to {last}.").format(
            text=text.strip(), first=FIRST_YEAR, last=LAST_YEAR))


def parse_iso_date(text: str) -> date:
    try:
        found = date.fromisoformat(text.strip())
    except ValueError as error:
        raise DateError(_("“{text}” is not a date (expected YYYY-MM-DD).").format(text=text)) from error
    check_year(found, text)
    return found


def parse_iso_datetime(text: str) -> datetime:
    """YYYY-MM-DD, optionally followed by HH:MM (a visit's time)."""
    text = text.strip()
    for pattern in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            found = datetime.strptime(text, pattern)
        except ValueError:
            continue
        check_year(found, text)
        return found
    raise DateError(_("“{text}” is not a date (expected YYYY-MM-DD or YYYY-MM-DD HH:MM).").format(text=text))


_DAY_FIRST = re.compile(  # 24.11.2026 14:30, 24.11.26, 24.11 14:30: as a Russian admin types
    r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})(?:\.(?P<year>\d{4}|\d{2}))?"
    r"(?:\s+(?P<hour>\d{1,2})[:.](?P<minute>\d{2}))?")


def parse_when(text: str, today: date, *, need_time: bool = False) -> datetime:
    """A day with an optional time, ISO or day first; without a year, the nearest such day."""
    text = text.strip()
    found = _DAY_FIRST.fullmatch(text)
    if found:
        when, has_time = _day_first(found, text, today), found["hour"] is not None
    else:
        try:
            when = parse_iso_datetime(text)
        except DateOutOfRange:
            raise
        except DateError:
            raise DateError(_("“{text}” is not a date (expected 24.11.2026 14:30 or 2026-11-24 14:30)."
                              ).format(text=text)) from None
        has_time = len(text) > len("2026-11-24")
    if need_time and not has_time:
        raise DateError(_("Give the time too, for example {example}.").format(example=f"{text} 14:30"))
    return when


PASSED = N_("That day has passed; choose today or later.")


def check_from_today(day: date, today: date, said: str = PASSED) -> None:
    """A day for something still to come (a booking, a call-back) is today or later.

    `said` is the sentence for a day that has passed, marked with N_ where it is written.
    """
    if day < today:
        raise DateError(_(said))


def _day_first(found: re.Match, text: str, today: date) -> datetime:
    day, month = int(found["day"]), int(found["month"])
    hour, minute = int(found["hour"] or 0), int(found["minute"] or 0)
    if found["year"]:
        years = [int(found["year"]) + (2000 if len(found["year"]) == 2 else 0)]
        check_year(date(max(years[0], 1), 1, 1), text)  # year 0 is no year at all
    else:
        years = list(range(today.year - 1, today.year + 4))  # a 29 February is at most 3 years off
    Birthday(day, month, years[0] if len(years) == 1 else None)  # names an impossible day or month
    try:
        candidates = [datetime(year, month, day, hour, minute) for year in years
                      if day <= calendar.monthrange(year, month)[1]]
    except ValueError:
        raise DateError(_("“{text}” has no such time of day.").format(text=text)) from None
    found = min(candidates, key=lambda when: abs(when.date() - today))
    check_year(found, text)
    return found


# A birthday as a card, a phone or a Russian spreadsheet writes it; the year is optional.
_BIRTHDAY_FORMS = (
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"),  # 1992-02-16
    re.compile(r"--(?P<month>\d{2})-?(?P<day>\d{2})"),  # --02-16, as vCard writes it
    # 16.02.1992, 16.02.92, 16/02/1992, 16.02
    re.compile(r"(?P<day>\d{1,2})[./](?P<month>\d{1,2})(?:[./](?P<year>\d{4}|\d{2}))?"),
)


def parse_birthday(text: str, today: date) -> Birthday:
    """YYYY-MM-DD or DD.MM.YYYY; without a year --MM-DD or DD.MM.

    A two-digit year (16.02.92, as Excel may shorten it) is the latest such year up to
    `today`'s: a birthday is never in the future.
    """
    text = text.strip()
    for form in _BIRTHDAY_FORMS:
        found = form.fullmatch(text)
        if found:
            short = found.groupdict().get("year") or ""
            year = int(short or 0) or None
            if len(short) == 2:
                this_year = today.year
                year = this_year - (this_year - int(short)) % 100
            if year is not None and year < 1900:
                raise DateError(_("“{text}” is not a birthday.").format(text=text))
            return Birthday(int(found["day"]), int(found["month"]), year)
    raise DateError(_("“{text}” is not a birthday (expected YYYY-MM-DD or DD.MM.YYYY; "
                      "without the year DD.MM).").format(text=text))


def read_birthday(text: str, today: date) -> Birthday:
    """A birthday as a person types it on a card: parse_birthday, and never in the future."""
    born = parse_birthday(text, today)
    if born.year and date(born.year, born.month, born.day) > today:
        raise DateError(_("A birthday cannot be in the future."))
    return born


# A visit's moment as a spreadsheet or a salon system exports it.
_SHEET_MOMENT = re.compile(
    r"(?:(?P<iso_year>\d{4})-(?P<iso_month>\d{1,2})-(?P<iso_day>\d{1,2})"
    r"|(?P<day>\d{1,2})[./](?P<month>\d{1,2})[./](?P<year>\d{4}|\d{2}))"
    r"(?:[ T,]+(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?)?")


def parse_sheet_datetime(text: str) -> datetime:
    """2026-10-01, 01.10.2026, 01.10.26 or 01/10/2026, each optionally with 11:00 or 11:00:00."""
    text = text.strip()
    found = _SHEET_MOMENT.fullmatch(text)
    if not found:
        raise DateError(_("“{text}” is not a date (expected DD.MM.YYYY or YYYY-MM-DD, "
                          "optionally with HH:MM).").format(text=text))
    if found["iso_year"]:
        year, month, day = int(found["iso_year"]), int(found["iso_month"]), int(found["iso_day"])
    else:
        year, month, day = int(found["year"]), int(found["month"]), int(found["day"])
        year += 2000 if len(found["year"]) == 2 else 0
    check_year(date(max(year, 1), 1, 1), text)  # year 0 is no year at all
    Birthday(day, month, year)  # names an impossible day or month
    try:
        moment = datetime(year, month, day, int(found["hour"] or 0), int(found["minute"] or 0),
                          int(found["second"] or 0))
    except ValueError:
        raise DateError(_("“{text}” has no such time of day.").format(text=text)) from None
    check_year(moment, text)
    return moment


def parse_sheet_date(text: str) -> date:
    """A day as parse_sheet_datetime reads it (a time given with it is dropped)."""
    return parse_sheet_datetime(text).date()
