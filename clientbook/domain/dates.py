"""Reading dates as people and spreadsheets write them."""
from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from clientbook.domain.date_words import (
    DAY_PREPOSITIONS,
    DAY_WORDS,
    UNITS,
    count_of,
    fold_word,
    month,
    weekday,
)
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


def out_of_range(text: str) -> DateOutOfRange:
    return DateOutOfRange(_("“{text}” is out of range: give a date from {first} to {last}.").format(
        text=text.strip(), first=FIRST_YEAR, last=LAST_YEAR))


def check_year(when: date, text: str) -> None:
    """A typed day stays within FIRST_YEAR..LAST_YEAR; DateError saying so otherwise."""
    if not FIRST_YEAR <= when.year <= LAST_YEAR:
        raise out_of_range(text)


def parse_iso_date(text: str) -> date:
    try:
        found = date.fromisoformat(text.strip())
    except ValueError as error:
        raise DateError(_("“{text}” is not a date (expected YYYY-MM-DD).").format(text=text)) from error
    check_year(found, text)
    return found


# -- Days and moments as people type them ------------------------------------------------
#
# One reader for every date field and option: a day («завтра», «пт», «в пятницу», «+3»,
# «через неделю», 3.12, 3.12.26, 3.12.2026, 3 дек, 2026-12-03), optionally followed by a time
# (12:00, 12.00, 15-30, «в 15:00», «в 15»). A text is first matched for its shape, with no
# today (the command line asks that, to know where an option's words end); its day is then
# found from today, and an impossible one is said with an example built from today.

@dataclass(frozen=True)
class Typed:
    """A day as typed, with the time of day when one was given."""

    day: date
    at: time | None = None

    @property
    def moment(self) -> datetime:
        return datetime.combine(self.day, self.at or time())

    @property
    def value(self) -> date | datetime:
        """The moment when a time was given, else the day."""
        return self.moment if self.at is not None else self.day


_Finder = Callable[[date], date]  # a day's shape: finds the day from today

# What the date options' help says of the forms (marked here; shown where the help is).
DATE_FORMS = N_("A date: 3.12.2026, 3.12, 2026-12-03, tomorrow, fri, on Friday, +3, in a week "
                "(Russian words too).")
TIME_FORMS = N_("A time may follow: 3.12 15:00, tomorrow at 12:00, quoted or not.")

_TIME = re.compile(r"(?:^|\s+|(?<=\d)t)(?P<at>(?:в|во|к|at|@)\s*)?(?P<hour>\d{1,2})"
                   r"(?:(?P<sep>[:.\-])(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?$")
_ISO = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})")
_DAY_FIRST = re.compile(r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})(?:\.(?P<year>\d{4}|\d{2}))?")
_DAY_MONTH = re.compile(r"(?P<day>\d{1,2})\s*(?P<name>[^\W\d_]+)(?:\s+(?P<year>\d{4}))?(?:\s+г)?")
_MONTH_DAY = re.compile(r"(?P<name>[^\W\d_]+)\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?")
_PLUS = re.compile(r"\+\s*(?P<count>\d{1,4})\s*(?P<unit>[^\d\s]+)?")
_AFTER = re.compile(r"(?:через|in)\s+(?:(?P<count>\S+)\s+)?(?P<unit>\S+)")
# The same inside a sentence: «коррекция через месяц, та же форма».
_AFTER_IN_TEXT = re.compile(r"\b(?:через|in)\s+(?:(?P<count>\d{1,4}|[^\W\d_]+)\s+)?(?P<unit>[^\W\d_]+)")


def fold(text: str) -> str:
    return " ".join(text.casefold().replace("ё", "е").split())


def _split_time(text: str) -> tuple[str, tuple[int, int, int] | None]:
    """The day's words and the time after them (hour, minute, second), if there is one."""
    found = _TIME.search(text)
    if not found or (found["minute"] is None and not found["at"]):
        return text, None  # "+3", «через 2»: a number, not an hour
    head = text[:found.start()].strip()
    if not head and not found["at"] and found["sep"] != ":":
        return text, None  # 12.10 alone is a day
    return head, (int(found["hour"]), int(found["minute"] or 0), int(found["second"] or 0))


def _next_weekday(today: date, weekday: int) -> date:
    """The next such weekday after today: 1 to 7 days ahead (on a Friday, «пт» is a week ahead)."""
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def add_months(day: date, months: int) -> date:
    """`day` so many months on; the 31st becomes the month's last day where it has none.
    OverflowError beyond the calendar's years 1 to 9999."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    if not 1 <= year <= 9999:
        raise OverflowError(year)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _calendar_day(found: re.Match, month: int, text: str) -> _Finder:
    """A day and month, with the year or without it (then the nearest such day to today)."""
    day, year_text = int(found["day"]), found["year"] or ""

    def find(today: date) -> date:
        if year_text:
            year = int(year_text) + (2000 if len(year_text) == 2 else 0)
            check_year(date(max(year, 1), 1, 1), text)  # year 0 is no year at all
            Birthday(day, month, year)  # names an impossible day or month
            return date(year, month, day)
        Birthday(day, month)
        years = range(today.year - 1, today.year + 4)  # a 29 February is at most 3 years off
        return min((date(year, month, day) for year in years if day <= calendar.monthrange(year, month)[1]),
                   key=lambda candidate: abs(candidate - today))

    return find


def _shift(count: int, unit: tuple[int, int]) -> _Finder:
    days, months = unit
    return lambda today: add_months(today + timedelta(days=count * days), count * months)


def suggested_day(text: str, after: date) -> date | None:
    """The day a master's "next time" names, counted from the visit: «коррекция через 3
    недели» is three weeks after `after`, "refill in 2 weeks" two; None when it names no
    length of time («как обычно»)."""
    found = _AFTER_IN_TEXT.search(fold(text))
    if found is None:
        return None
    unit = UNITS.get(fold_word(found["unit"]))
    count = count_of(found["count"] or "1")
    if unit is None or count is None:
        return None
    try:
        return _shift(count, unit)(after)
    except OverflowError:
        return None


def day_shape(text: str, said: str) -> _Finder | None:
    """How to find the day `text` names (folded, without a time), or None if it names none."""
    words = [fold_word(word) for word in text.split()]
    if len(words) > 1 and words[0] in DAY_PREPOSITIONS:
        words = words[1:]  # «в пятницу», «на завтра», "on friday"
    phrase = " ".join(words)
    if phrase in DAY_WORDS:
        return lambda today: today + timedelta(days=DAY_WORDS[phrase])
    if len(words) == 1 and (named := weekday(phrase)) is not None:
        return lambda today: _next_weekday(today, named)
    if found := _PLUS.fullmatch(phrase):
        unit = UNITS.get(fold_word(found["unit"] or "д"))
        return _shift(int(found["count"]), unit) if unit else None
    if found := _AFTER.fullmatch(phrase):
        count_word, unit = found["count"] or "1", UNITS.get(found["unit"])
        count = count_of(count_word)
        return _shift(count, unit) if unit and count is not None else None
    if found := _ISO.fullmatch(phrase):
        return _calendar_day(found, int(found["month"]), said)
    if found := _DAY_FIRST.fullmatch(phrase):
        return _calendar_day(found, int(found["month"]), said)
    for form in (_DAY_MONTH, _MONTH_DAY):
        if (found := form.fullmatch(phrase)) and (named := month(found["name"])):
            return _calendar_day(found, named, said)
    return None


def _shape(text: str) -> tuple[_Finder, tuple[int, int, int] | None] | None:
    head, at = _split_time(fold(text))
    if not head and at is not None:
        return (lambda today: today), at  # a time alone: today
    finder = day_shape(head, text.strip())
    return None if finder is None else (finder, at)


def reads_as_date(text: str) -> bool:
    """Whether `text` has the shape of a day, with or without a time (31.02 has one)."""
    return _shape(text) is not None


def date_examples(today: date, *, with_time: bool = False) -> str:
    """Forms a person may type, built from today, in the interface's language."""
    first = add_months(today.replace(day=1), 1)
    shown = f"{first.day}.{first.month}.{first.year}"
    if with_time:
        return _("{date} 15:00, tomorrow at 12:00, fri 15:30").format(date=shown)
    return _("{date}, tomorrow, fri, +3, in a week").format(date=shown)


def with_example(error: DateError, examples: str) -> DateError:
    return DateError(f"{error} " + _("For example: {examples}.").format(examples=examples))


def read_typed(text: str, today: date, *, need_time: bool = False) -> Typed:
    """A day and maybe a time as a person types it, relative to `today`; DateError says
    what is wrong with an example built from today.

    The rules an admin expects:
    - «сегодня», «завтра», «послезавтра», «вчера», «позавчера» (today, tomorrow, yesterday…);
    - a weekday («пт», «пятн.», «пятница», «в пятницу», «во вторник», "fri", "Friday") is the
      next such day after today, never today: «в пятницу» said on a Friday is a week ahead
      (who means today says «сегодня»);
    - «+3» is three days on; «+2 нед», «через неделю», «через 3 дня», «через две недели»,
      «через месяц», «через полгода», "in 3 days", "in a week": so long from today (a month
      on from 31 January is the last day of February);
    - 3.12, 03.12.26 (20YY), 03.12.2026, 2026-12-03, «3 дек», «3 декабря 2026», "dec 3";
      without a year, the nearest such day to today, before or after it;
    - any of them with a time after it: 12:00, 12.00, 15-30, «в 15:00», «в 15»; a time
      alone is today's.
    `need_time`: a time must be given (a booking).
    """
    said = text.strip()
    if not said:
        if need_time:
            raise DateError(_("Give the day and time, for example {examples}.").format(
                examples=date_examples(today, with_time=True)))
        raise DateError(_("Give a date, for example {examples}.").format(examples=date_examples(today)))
    shape = _shape(said)
    if shape is None:
        raise DateError(_("Not a date: “{text}”. For example: {examples}.").format(
            text=said, examples=date_examples(today, with_time=need_time)))
    finder, at = shape
    examples = date_examples(today, with_time=need_time or at is not None)
    try:
        day = finder(today)
        if at is not None:
            try:
                at = time(*at)
            except ValueError:
                raise DateError(_("“{text}” has no such time of day.").format(text=said)) from None
    except DateOutOfRange:
        raise
    except DateError as error:
        raise with_example(error, examples) from None
    except OverflowError:  # «через 9999 лет»
        raise out_of_range(said) from None
    check_year(day, said)
    if need_time and at is None:
        raise DateError(_("Give the time too, for example {example}.").format(example=f"{said} 14:30"))
    return Typed(day, at)


def read_day(text: str, today: date) -> date:
    """A day as read_typed reads it (a time given with it is dropped)."""
    return read_typed(text, today).day


def parse_when(text: str, today: date, *, need_time: bool = False) -> datetime:
    """A moment as read_typed reads it: midnight when no time was given (and none is needed)."""
    return read_typed(text, today, need_time=need_time).moment


PASSED = N_("That day has passed; choose today or later.")


def check_from_today(day: date, today: date, said: str = PASSED) -> None:
    """A day for something still to come (a booking, a call-back) is today or later.

    `said` is the sentence for a day that has passed, marked with N_ where it is written.
    """
    if day < today:
        raise DateError(_(said))


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


def typed_birthday(stored: str | None) -> str:
    """A birthday as the card stores it (YYYY-MM-DD, or --MM-DD without the year) as a person
    types it back: 16.02.1992, 16.02; read_birthday reads it again."""
    if not stored:
        return ""
    day_month = f"{stored[-2:]}.{stored[-5:-3]}"
    return day_month if stored.startswith("--") else f"{day_month}.{stored[:4]}"


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
