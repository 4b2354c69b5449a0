"""Whether the studio keeps its clients: each client's life as spells of being a client.

Only completed visits count. After each visit a client is lost on the day their absence
reaches the studio's "lost" multiple of their usual interval as it stood then (learned
from the visits so far, else set by hand, else the service's, else the studio's); a
visit before that day keeps them. A client who comes back after being lost starts a new
spell. From these spells every report figure follows:

- active on a day: a visit on or before it, and not lost on it;
- new in a period: the first visit ever falls in it;
- lost in a period: a lost day falls in it;
- brought back: see clientbook.services.stats (calls).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from clientbook.domain.rhythm import RECENT_GAPS, Thresholds, gaps, learn_from_gaps, tier_day


@dataclass
class Life:
    """One client's completed visits (days, sorted, one per day) and the days they were lost."""

    client_id: int
    days: list[date]
    lost_after: list[date]  # lost_after[i]: the day the client is lost if no visit follows days[i]
    intervals: list[float] = field(default_factory=list)  # the usual interval after each visit
    lost: list[date] = field(default_factory=list)  # each day the client was lost (the last may be ahead)

    def __post_init__(self) -> None:
        following = self.days[1:] + [None]
        self.lost = [lost for lost, nxt in zip(self.lost_after, following)
                     if nxt is None or nxt >= lost]

    @property
    def first(self) -> date:
        return self.days[0]

    def _last_index(self, day: date) -> int:
        """Index of the last visit on or before `day`; -1 when none."""
        return bisect.bisect_right(self.days, day) - 1

    def active_on(self, day: date) -> bool:
        i = self._last_index(day)
        return i >= 0 and day < self.lost_after[i]

    def lost_between(self, start: date, end: date) -> list[date]:
        """Lost days after `start`, up to and including `end`."""
        return [d for d in self.lost if start < d <= end]

    def visited_between(self, first: date, last: date) -> bool:
        """Whether a completed visit falls on `first` … `last` (both included)."""
        i = bisect.bisect_left(self.days, first)
        return i < len(self.days) and self.days[i] <= last

    def interval_on(self, day: date) -> float | None:
        i = self._last_index(day)
        return self.intervals[i] if i >= 0 else None


def life(client_id: int, visit_days: list[date], thresholds: Thresholds, *,
         manual_days: int | None = None, service_days: list[int | None] | int | None = None,
         studio_days: int = 42) -> Life | None:
    """The client's spells from their completed visit days; None without a visit.

    The interval after each visit is usual_interval() of the visits so far, computed
    from the gaps measured once (a chain's book has a million visits). `service_days`
    is the service's interval that stands in while there is too little to learn from:
    one for all, or one after each of the (sorted, distinct) days.
    """
    days = sorted(set(visit_days))
    if not days:
        return None
    if not isinstance(service_days, list):
        service_days = [service_days] * len(days)
    between = gaps(days)
    intervals = []
    for i in range(len(days)):
        learned = None if manual_days else learn_from_gaps(between[max(0, i - RECENT_GAPS):i])
        intervals.append(learned[0] if learned else
                         float(manual_days or service_days[i] or studio_days))
    lost_after = [tier_day(day, interval, thresholds.lost) for day, interval in zip(days, intervals)]
    return Life(client_id, days, lost_after, intervals)


def retention_rate(at_start: int, at_end_not_new: int) -> float | None:
    """CRR = (active at end − new in the period) / active at start × 100."""
    return None if at_start == 0 else at_end_not_new / at_start * 100


# A rate on fewer clients than this is shown with a caveat, not as a headline: on 6 clients one
# client more or less moves it by 17 points.
SMALL_BASE = 20


def small_base(clients: int) -> bool:
    """Whether a rate on `clients` is too thin to read alone (none at all: there is no rate)."""
    return 0 < clients < SMALL_BASE


def whole_month(first: date, last: date) -> bool:
    """Whether first … last is a whole calendar month, not one clipped by a period's ends:
    only whole months are compared with each other (half a month loses half the clients)."""
    return first.day == 1 and last == first + relativedelta(months=1, days=-1)


def months(start: date, end: date) -> list[tuple[date, date]]:
    """The calendar months that meet [start, end], each clipped to it: (first, last) days."""
    found = []
    first = start
    while first <= end:
        following = first + relativedelta(months=1, day=1)
        found.append((first, min(end, following - timedelta(days=1))))
        first = following
    return found


def weeks(start: date, end: date) -> list[tuple[date, date]]:
    """Monday-to-Sunday weeks that meet [start, end], each clipped to it."""
    found = []
    first = start
    while first <= end:
        sunday = first + timedelta(days=6 - first.weekday())
        found.append((first, min(end, sunday)))
        first = sunday + timedelta(days=1)
    return found


# -- lifetime with the clients still coming counted as "at least this long" -----------------


@dataclass(frozen=True)
class Survival:
    """Kaplan–Meier's estimate of how long clients stay: `steps` are (years, share still a
    client from then on), from (0, 1); `horizon` is the longest life observed, beyond which
    nothing is known and the share is taken as 0 (the restricted mean: never an invented tail)."""

    steps: tuple[tuple[float, float], ...]
    horizon: float

    def __post_init__(self) -> None:
        # the area under the curve from each step on, read once: years_left is asked per client
        times = [t for t, _share in self.steps]
        after, area = [0.0] * len(times), 0.0
        for i in range(len(times) - 1, -1, -1):
            end = min(times[i + 1], self.horizon) if i + 1 < len(times) else self.horizon
            area += self.steps[i][1] * max(end - times[i], 0.0)
            after[i] = area
        object.__setattr__(self, "_times", times)
        object.__setattr__(self, "_after", after)

    def share(self, years: float) -> float:
        return self.steps[max(bisect.bisect_right(self._times, years) - 1, 0)][1]

    def years_left(self, age: float) -> float:
        """Expected years still to come for a client `age` years in: the area under the curve
        from `age` to the horizon, over the share still a client at `age`."""
        if age >= self.horizon:
            return 0.0
        i = max(bisect.bisect_right(self._times, age) - 1, 0)
        here = self.steps[i][1]
        if here <= 0:
            return 0.0
        # from the step holding `age`: less the part of it already lived
        return (self._after[i] - here * (age - self._times[i])) / here


def kaplan_meier(lives: list[tuple[float, bool]]) -> Survival:
    """The survival of client lifetimes, each (years from the first visit, ended): a life
    that ended (the client was lost) is an event; one still going is censored, counting as
    at least that long. Averaging only the ended lives made the short-lived the measure."""
    ordered = sorted(lives)
    at_risk, share, steps, i = len(ordered), 1.0, [(0.0, 1.0)], 0
    while i < len(ordered):
        years, ended, leaving = ordered[i][0], 0, 0
        while i < len(ordered) and ordered[i][0] == years:
            ended += ordered[i][1]
            leaving += 1
            i += 1
        if ended:
            share *= 1 - ended / at_risk
            steps.append((years, share))
        at_risk -= leaving
    return Survival(tuple(steps), ordered[-1][0] if ordered else 0.0)
