"""A master's working week: read as a person writes it, written back the same way.

"пн-пт 10-20, сб 11-18", "mon-fri 10:00-20:00; sat 11:00-18:00", "ежедневно 9-21": a
weekday or a run of weekdays, then the hours. A day not named is a day off. The book
stores the English form `hours_text(hours, "en")` writes; empty means the studio default.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from clientbook.i18n import _, language

# Monday first, as date.weekday() counts.
DAY_WORDS = {
    "en": ("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
    "ru": ("пн", "вт", "ср", "чт", "пт", "сб", "вс"),
}
_ALIASES = {
    **{word: i for words in DAY_WORDS.values() for i, word in enumerate(words)},
    **{word: i for i, word in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday",
                                         "saturday", "sunday"))},
    **{word: i for i, word in enumerate(("понедельник", "вторник", "среда", "четверг", "пятница",
                                         "суббота", "воскресенье"))},
}
_EVERY_DAY = ("daily", "every day", "ежедневно", "каждый день")


class HoursError(ValueError):
    """The text is not a working week; str() says so for a person."""


@dataclass(frozen=True)
class WeeklyHours:
    """Opening and closing time for each weekday, Monday first; None is a day off."""

    days: tuple[tuple[time, time] | None, ...]

    def on(self, day: date) -> tuple[datetime, datetime] | None:
        """The working span of `day`, or None on a day off."""
        span = self.days[day.weekday()]
        return (datetime.combine(day, span[0]), datetime.combine(day, span[1])) if span else None


# Most studios: Monday to Saturday, ten to eight.
DEFAULT_HOURS = WeeklyHours(((time(10), time(20)),) * 6 + (None,))

_CLOCK = r"(\d{1,2})(?:[:.](\d{2}))?"
_PART = re.compile(rf"^(?P<days>.+?)\s+{_CLOCK}\s*[-–—]\s*{_CLOCK}$")


def _clock(hours: str, minutes: str | None) -> time:
    hour, minute = int(hours), int(minutes or 0)
    if hour == 24 and minute == 0:
        return time(23, 59)
    if hour > 23 or minute > 59:
        raise ValueError
    return time(hour, minute)


def _weekdays(text: str) -> list[int]:
    text = text.strip().casefold().replace("ё", "е").rstrip(".")
    if text in _EVERY_DAY:
        return list(range(7))
    found: list[int] = []
    for run in re.split(r"\s*,\s*|\s+", text):
        ends = [_ALIASES.get(word.strip().rstrip(".")) for word in re.split(r"\s*[-–—]\s*", run)]
        if None in ends or len(ends) > 2:
            raise ValueError
        first, last = ends[0], ends[-1]
        found += list(range(first, last + 1)) if first <= last else [*range(first, 7), *range(0, last + 1)]
    return found


def read_hours(text: str) -> WeeklyHours:
    """A working week as typed; empty means the default week. HoursError when unreadable."""
    if not text.strip():
        return DEFAULT_HOURS
    days: list[tuple[time, time] | None] = [None] * 7
    for part in re.split(r"\s*[;\n]\s*|(?<=\d)\s*,\s*", text.strip()):
        if not part:
            continue
        found = _PART.match(part.strip())
        try:
            if not found:
                raise ValueError
            opens, closes = _clock(found[2], found[3]), _clock(found[4], found[5])
            if closes <= opens:
                raise ValueError
            named = _weekdays(found["days"])
        except ValueError:
            raise HoursError(_("“{text}” is not a working week (for example: mon-fri 10-20, sat 11-18).")
                             .format(text=part.strip())) from None
        for weekday in named:
            if days[weekday] is not None:  # one span a day: a split shift would lose its morning
                raise HoursError(_("{day} is named twice; give one span a day (for example: mon-fri 10-20).")
                                 .format(day=DAY_WORDS["en" if language() != "ru" else "ru"][weekday]))
            days[weekday] = (opens, closes)
    return WeeklyHours(tuple(days))


def hours_text(hours: WeeklyHours, language: str = "en") -> str:
    """The week as a person writes it, runs of alike days joined: "mon-fri 10:00-20:00, sat 11:00-18:00"."""
    words = DAY_WORDS.get(language, DAY_WORDS["en"])
    parts, start = [], 0
    while start < 7:
        end = start
        while end + 1 < 7 and hours.days[end + 1] == hours.days[start]:
            end += 1
        span = hours.days[start]
        if span:
            run = words[start] if start == end else f"{words[start]}-{words[end]}"
            parts.append(f"{run} {span[0]:%H:%M}-{span[1]:%H:%M}")
        start = end + 1
    return ", ".join(parts)
