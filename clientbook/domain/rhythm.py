"""Each client has their own rhythm: the usual interval, due dates and tiers.

«Прошло больше времени, чем обычно» — a client is leaving when more time has passed
since the last visit than usual for *them*. The usual interval is learned from the
client's own completed visits, per service track, as the median of the recent gaps (one
odd gap does not swing a median), with its spread. With too little history the service's
default interval stands in, then the studio's. A master's manual override wins; the
learned value stays visible beside it.
"""
from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from clientbook.i18n import _

RECENT_GAPS = 8  # the rhythm of the last year or so, not of five years ago
MIN_GAPS = 3  # fewer completed gaps than this: too little to learn from
MANUAL_DAYS = range(1, 3651)  # a usual interval set by hand: a day to ten years
BACK_TO_LEARNED = ("", "auto", "авто")  # typed instead of days: the learned rhythm again

TIERS = ("not_due", "due_soon", "due", "at_risk", "lost")


@dataclass(frozen=True)
class Thresholds:
    """Multiples of the usual interval at which a track changes tier (studio settings)."""

    due_soon: float = 0.85
    due: float = 1.0
    at_risk: float = 1.5
    lost: float = 3.0

    def __post_init__(self) -> None:
        if not 0 < self.due_soon <= self.due <= self.at_risk <= self.lost:
            raise ValueError("thresholds must grow: due soon ≤ due ≤ at risk ≤ lost, all above zero")


@dataclass(frozen=True)
class Interval:
    days: float  # the interval in force
    source: str  # manual | learned | service | studio
    learned_days: float | None = None  # shown beside a manual override
    spread_days: float | None = None  # "every 5±1 weeks"


def gaps(visit_days: list[date]) -> list[int]:
    """Days between consecutive completed visits; two on one day count once."""
    days = sorted(set(visit_days))
    return [(b - a).days for a, b in itertools.pairwise(days)]


def learn_from_gaps(recent: list[int]) -> tuple[float, float] | None:
    """(median, spread) of the recent gaps (the last RECENT_GAPS), or None with too little history."""
    if len(recent) < MIN_GAPS:
        return None
    middle = _median(recent)
    spread = _median([abs(g - middle) for g in recent])
    return float(middle), float(spread)


def learned_days(recent: list[int]) -> float | None:
    """learn_from_gaps()'s median alone, where the spread is not wanted (a chain's reports
    learn an interval after each of a million visits)."""
    return float(_median(recent)) if len(recent) >= MIN_GAPS else None


def _median(values: list[float]) -> float:
    """statistics.median for a handful of numbers, without its generality (a chain's
    rebuild takes half a million medians)."""
    ordered = sorted(values)
    half = len(ordered) // 2
    return ordered[half] if len(ordered) % 2 else (ordered[half - 1] + ordered[half]) / 2


def usual_interval(
    visit_days: list[date],
    *,
    manual_days: int | None = None,
    service_days: int | None = None,
    studio_days: int = 42,
) -> Interval:
    return interval_from_gaps(gaps(visit_days)[-RECENT_GAPS:], manual_days=manual_days,
                              service_days=service_days, studio_days=studio_days)


def recent_gaps(unique_days: list[date]) -> list[int]:
    """gaps()[-RECENT_GAPS:] of days already sorted and distinct, without sorting again."""
    tail = unique_days[-RECENT_GAPS - 1:]
    return [(b - a).days for a, b in itertools.pairwise(tail)]


def interval_from_gaps(
    recent: list[int],
    *,
    manual_days: int | None = None,
    service_days: int | None = None,
    studio_days: int = 42,
) -> Interval:
    """usual_interval() from the recent gaps (the last RECENT_GAPS), already measured."""
    learned = learn_from_gaps(recent)
    learned_days, spread = learned if learned else (None, None)
    if manual_days:
        return Interval(float(manual_days), "manual", learned_days, spread)
    if learned_days:
        return Interval(learned_days, "learned", learned_days, spread)
    if service_days:
        return Interval(float(service_days), "service")
    return Interval(float(studio_days), "studio")


def stand_in_days(track_service_days: Iterable[int | None], studio_days: int) -> int | None:
    """The interval that stands in while a client has too few visits to learn from.

    The shortest over the client's tracks, each taking its latest visit's service's
    default interval, else the studio's; None before any visit with a service.
    """
    days = [service_days or studio_days for service_days in track_service_days]
    return int(min(days)) if days else None


class IntervalError(ValueError):
    """Not a usual interval; str() says so for a person."""

    def __init__(self, typed: object):
        super().__init__(_("“{text}” is not a usual interval: give 1 to 3650 days, or auto "
                           "for the learned rhythm.").format(text=typed))


def check_interval_days(days: int | None) -> None:
    """A master's "comes every N days" is 1 to 3650 days (None: back to the learned rhythm)."""
    if days is not None and days not in MANUAL_DAYS:
        raise IntervalError(days)


def read_interval_days(text: str) -> int | None:
    """A usual interval as typed: days, or None (empty or `auto`) for the learned rhythm."""
    value = text.strip()
    if value.casefold() in BACK_TO_LEARNED:
        return None
    if not (value.isascii() and value.isdigit()):
        raise IntervalError(value)
    check_interval_days(int(value))
    return int(value)


def tier(days_since: int, interval_days: float, thresholds: Thresholds) -> str:
    for name, multiple in (("lost", thresholds.lost), ("at_risk", thresholds.at_risk),
                           ("due", thresholds.due), ("due_soon", thresholds.due_soon)):
        if reaches(days_since, interval_days, multiple):
            return name
    return "not_due"


_SLACK = 1e-9  # an interval learned as 1.0000000000000002 days is one day, in both ways of asking


def reaches(days_since: int, interval_days: float, multiple: float) -> bool:
    """Has an absence of `days_since` days reached `multiple` × the interval? The one
    comparison behind tier() and tier_day(), so the card and the stored dates agree."""
    return days_since >= multiple * interval_days - _SLACK


def tier_dates(last_visit: date, interval_days: float, thresholds: Thresholds) -> dict[str, date]:
    """The first day of each tier after the last visit: stored, so a query compares dates.

    A tier begins on the first whole day whose ratio reaches its threshold, so that
    `tier(days_since)` and `today >= tier_dates()[...]` always agree.
    """
    def first_day(multiple: float) -> date:
        return tier_day(last_visit, interval_days, multiple)

    return {
        "due_soon": first_day(thresholds.due_soon),
        "due": first_day(thresholds.due),
        "at_risk": first_day(thresholds.at_risk),
        "lost": first_day(thresholds.lost),
    }


def tier_day(last_visit: date, interval_days: float, multiple: float) -> date:
    """The first whole day whose absence reaches `multiple` × the interval."""
    return last_visit + timedelta(days=math.ceil(multiple * interval_days - _SLACK))


@dataclass(frozen=True)
class TrackRhythm:
    track: str
    last_visit: date
    visits: int
    interval: Interval
    due_on: date

    def days_since(self, today: date) -> int:
        return (today - self.last_visit).days

    def overdue_ratio(self, today: date) -> float:
        return self.days_since(today) / self.interval.days

    def tier(self, today: date, thresholds: Thresholds) -> str:
        return tier(self.days_since(today), self.interval.days, thresholds)


def track_rhythm(
    track: str,
    visit_days: list[date],
    *,
    manual_days: int | None = None,
    service_days: int | None = None,
    studio_days: int = 42,
    thresholds: Thresholds = Thresholds(),
) -> TrackRhythm | None:
    """The rhythm of one track from its completed visits; None before the first visit."""
    if not visit_days:
        return None
    interval = usual_interval(
        visit_days, manual_days=manual_days, service_days=service_days, studio_days=studio_days
    )
    last = max(visit_days)
    return TrackRhythm(
        track, last, len(set(visit_days)), interval,
        tier_dates(last, interval.days, thresholds)["due"],
    )
