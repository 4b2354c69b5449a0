"""Periods as people type them for reports: two days, or «прошлый месяц», «квартал», «год»."""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from clientbook.domain.date_words import (
    LAST_WORDS,
    PERIOD_JOINERS,
    PERIOD_PREPOSITIONS,
    PERIOD_UNITS,
    RECENT_WORDS,
    THIS_WORDS,
    UNITS,
    count_of,
    fold_word,
    month,
)
from clientbook.domain.dates import (
    DateError,
    DateOutOfRange,
    add_months,
    check_year,
    day_shape,
    fold,
    out_of_range,
    with_example,
)
from clientbook.i18n import N_, _

_PERIOD_SPLIT = re.compile(r"\s*(?:\.\.\.?|…|[-–—])\s*|\s+(?:" + "|".join(PERIOD_JOINERS) + r")\s+|\s+")
_Period = Callable[[date], tuple[date, date]]

# What a period option's help says of the forms (marked here; shown where the help is).
PERIOD_FORMS = N_("Two days with a dash or two dots between (1.10.2026-31.10.2026, 01.09..30.09), "
                  "or: this month, last month, this quarter, last quarter, this year, last year, "
                  "the last 12 months (Russian words too).")
RECENT_MONTHS_MOST = 120  # «последние 12 месяцев»; ten years is as far back as a count of months goes


def _preset(words: list[str]) -> _Period | None:
    """«этот месяц», «прошлый квартал», «год», "last year", «октябрь», «октябрь 2025»,
    «последние 12 месяцев», "the last 12 months"."""
    if words[:1] == ["the"]:
        words = words[1:]
    if (len(words) == 3 and words[0] in RECENT_WORDS and UNITS.get(words[2]) == (0, 1)
            and (count := count_of(words[1])) and 1 <= count <= RECENT_MONTHS_MOST):
        return lambda today: _recent_months(today, count)
    if len(words) == 1 and words[0] in PERIOD_UNITS:
        words = ["this", *words]
    if len(words) == 2 and words[1] in PERIOD_UNITS and (words[0] in THIS_WORDS or words[0] in LAST_WORDS):
        unit, last = PERIOD_UNITS[words[1]], words[0] in LAST_WORDS
        return lambda today: _unit_period(today, unit, last)
    if 1 <= len(words) <= 2 and (named := month(words[0])) and (len(words) == 1 or re.fullmatch(r"\d{4}", words[1])):
        year = int(words[1]) if len(words) == 2 else None
        return lambda today: _month_period(today, named, year)
    return None


def _unit_period(today: date, unit: str, last: bool) -> tuple[date, date]:
    """This week, month, quarter or year up to today; or the last one, whole."""
    if unit == "week":
        start, months = today - timedelta(days=today.weekday()), 0
    elif unit == "year":
        start, months = today.replace(month=1, day=1), 12
    else:
        months = 1 if unit == "month" else 3
        start = today.replace(month=(today.month - 1) // months * months + 1, day=1)
    if not last:
        return start, today
    before = start - timedelta(days=7) if unit == "week" else add_months(start, -months)
    return before, start - timedelta(days=1)


def _recent_months(today: date, count: int) -> tuple[date, date]:
    """The last `count` months: this month up to today and the `count` − 1 whole ones before it,
    so that only this month is clipped (on 15.06.2026 the last 12 are 1.07.2025-15.06.2026)."""
    return add_months(today.replace(day=1), 1 - count), today


def _month_period(today: date, month_number: int, year: int | None) -> tuple[date, date]:
    """A month by its name: this year's if it has begun, else last year's; up to today."""
    if year is None:
        year = today.year if month_number <= today.month else today.year - 1
    check_year(date(max(year, 1), 1, 1), str(year))
    start = date(year, month_number, 1)
    end = add_months(start, 1) - timedelta(days=1)
    return start, min(end, today) if start <= today else end


def _period_shape(text: str) -> _Period | None:
    words = [fold_word(word) for word in fold(text).split()]
    if len(words) > 1 and words[0] in PERIOD_PREPOSITIONS:
        words = words[1:]  # «за прошлый месяц», «с 1.10 по 31.10»
    if preset := _preset(words):
        return preset
    folded, said = " ".join(words), text.strip()
    found = []
    for gap in _PERIOD_SPLIT.finditer(folded):
        first, last = folded[:gap.start()], folded[gap.end():]
        if first and last and (start := day_shape(first, said)) and (end := day_shape(last, said)):
            found.append((start, end))
    if len(found) != 1:
        return None
    start, end = found[0]
    return lambda today: (start(today), end(today))


def reads_as_period(text: str) -> bool:
    """Whether `text` has the shape of a period."""
    return _period_shape(text) is not None


def period_examples(today: date) -> str:
    """Periods a person may type, built from today, in the interface's language."""
    start, end = _unit_period(today, "month", last=True)
    return _("{start}-{end}, this month, last month, this quarter, this year, last 12 months").format(
        start=f"{start.day}.{start.month}.{start.year}", end=f"{end.day}.{end.month}.{end.year}")


def read_period(text: str, today: date) -> tuple[date, date] | None:
    """The first and last day of a period as a person types it; None when empty (the default).

    - two days with -, –, —, .. or a space between («1.10.2026-31.10.2026», «01.09..30.09»,
      «с 1 окт по 31 окт»), each read as read_typed reads a day;
    - «этот месяц», «прошлый месяц», «квартал», «прошлый квартал», «год», «прошлый год»,
      «эта неделя», «прошлая неделя» and their English (this month, last month, quarter, year…):
      the current one up to today, or the last one whole;
    - «последние 12 месяцев», "the last 12 months" (any count of months): this month up to
      today and the whole months before it;
    - a month's name, with a year or without (this year's if it has begun, else last year's).
    DateError with examples built from today when it is none of these.
    """
    said = text.strip()
    if not said:
        return None
    shape = _period_shape(said)
    if shape is None:
        raise DateError(_("Not a period: “{text}”. For example: {examples}.").format(
            text=said, examples=period_examples(today)))
    try:
        start, end = shape(today)
    except DateOutOfRange:
        raise
    except DateError as error:
        raise with_example(error, period_examples(today)) from None
    except OverflowError:  # «+9999 лет - сегодня»
        raise out_of_range(said) from None
    check_year(start, said)
    check_year(end, said)
    return start, end
