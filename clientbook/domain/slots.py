"""Free slots in a master's week: when a booking of a given length fits, as pure rules.

A slot starts on the step grid counted from the day's opening (10:00, 10:30, …), lies
wholly inside the working span, overlaps no booking or visit, and is not in the past.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime, time, timedelta

from clientbook.domain.hours import WeeklyHours

STEP_MIN = 30
HORIZON_DAYS = 60  # how far ahead a free slot is looked for


def overlaps(start: datetime, end: datetime, busy: Iterable[tuple[datetime, datetime]]) -> bool:
    """Whether [start, end) shares a moment with any busy interval; touching ends is no overlap."""
    return any(start < busy_end and busy_start < end for busy_start, busy_end in busy)


def free_starts(hours: WeeklyHours, busy: Iterable[tuple[datetime, datetime]], duration_min: int,
                now: datetime, step_min: int = STEP_MIN, days: int = HORIZON_DAYS) -> Iterator[datetime]:
    """The free start times from `now` on, in order, over the next `days` days."""
    length, step = timedelta(minutes=max(duration_min, 1)), timedelta(minutes=step_min)
    taken = sorted((start, end) for start, end in busy if end > start)
    for offset in range(days):
        span = hours.on(now.date() + timedelta(days=offset))
        if span is None:
            continue
        opens, closes = span
        todays = [(start, end) for start, end in taken if start < closes and end > opens]
        start = opens
        if now > start:  # the first step on the grid at or after now
            start += step * -(-(now - opens) // step)
        while start + length <= closes:
            if not overlaps(start, start + length, todays):
                yield start
            start += step


def nearest_each_day(starts: Iterable[datetime], hour: int, count: int) -> list[datetime]:
    """On each day that has a free slot, the one nearest `hour` (the earlier on a tie);
    `count` days at most, in order."""
    chosen: list[datetime] = []
    best: datetime | None = None
    for start in starts:
        if best is not None and start.date() != best.date():
            chosen.append(best)
            if len(chosen) == count:
                return chosen
            best = None
        wanted = datetime.combine(start.date(), time(hour))
        if best is None or abs(start - wanted) < abs(best - wanted):
            best = start
    if best is not None and len(chosen) < count:
        chosen.append(best)
    return chosen
