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
import itertools
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from clientbook.domain.rhythm import RECENT_GAPS, Thresholds, learned_days, tier_day


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
    between = [(b - a).days for a, b in itertools.pairwise(days)]  # gaps(), the days sorted already
    intervals = []
    for i in range(len(days)):
        learned = None if manual_days else learned_days(between[max(0, i - RECENT_GAPS):i])
        intervals.append(learned if learned is not None else
                         float(manual_days or service_days[i] or studio_days))
    lost_after = [tier_day(day, interval, thresholds.lost) for day, interval in zip(days, intervals)]
    return Life(client_id, days, lost_after, intervals)


class SpellCounts:
    """The clients active on a day, lost in a span, and who could be lost in it, counted from
    their spells without a client's own: a spell runs from its first visit to the day she
    was lost, and her spells never overlap, so the clients active on a day are the spells
    begun by then less those ended by then; only a spell begun again after a loss in the
    span makes her count twice. Days are date.toordinal() numbers.

    began and lost: (day, spells begun or lost that day); again: (the day she was lost
    before it, its first day, the day it was lost) of each spell begun after a loss."""

    def __init__(self, began: list[tuple[int, int]], lost: list[tuple[int, int]],
                 again: list[tuple[int, int, int]]):
        self._began = ([day for day, _n in began], list(itertools.accumulate(n for _day, n in began)))
        self._lost = ([day for day, _n in lost], list(itertools.accumulate(n for _day, n in lost)))
        self._again = sorted(again)
        self._again_days = [before for before, _first, _lost in self._again]

    @staticmethod
    def _by(counted: tuple[list[int], list[int]], day: int) -> int:
        days, totals = counted
        i = bisect.bisect_right(days, day)
        return totals[i - 1] if i else 0

    def active_on(self, day: int) -> int:
        return self._by(self._began, day) - self._by(self._lost, day)

    def between(self, eve: int, last: int) -> tuple[int, int, int]:
        """(clients active on `eve`; of those and the others, the clients lost after it up to
        `last`; the clients who could be lost then: active on `eve`, or a visit in eve+1 … last)."""
        lost_again = began_again = 0  # spells after a loss in the span: a client already counted
        for _before, first, lost_on in self._again[bisect.bisect_right(self._again_days, eve):
                                                   bisect.bisect_right(self._again_days, last)]:
            lost_again += lost_on <= last
            began_again += first <= last
        at_eve = self.active_on(eve)
        lost = self._by(self._lost, last) - self._by(self._lost, eve) - lost_again
        came = self._by(self._began, last) - self._by(self._began, eve) - began_again
        return at_eve, lost, at_eve + came


def retention_rate(at_start: int, kept: int) -> float | None:
    """CRR = (active at end − new in the period) / active at start × 100, where "active at
    end − new" is read as those of the start still active at the end (`kept`): the clients
    won back from before the start are neither, so it never passes 100 %."""
    return None if at_start == 0 else kept / at_start * 100


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


def kaplan_meier(lives: Iterable[tuple[float, bool]]) -> Survival:
    """The survival of client lifetimes, each (years from the first visit, ended): a life
    that ended (the client was lost) is an event; one still going is censored, counting as
    at least that long. Averaging only the ended lives made the short-lived the measure."""
    return kaplan_meier_counted(Counter(lives))


def kaplan_meier_counted(lives: Mapping[tuple[float, bool], int]) -> Survival:
    """kaplan_meier() of lives counted: how many lasted so many years, ended or not (a
    studio's 100,000 clients have a few thousand distinct lives)."""
    at_risk, share, steps = sum(lives.values()), 1.0, [(0.0, 1.0)]
    for years in sorted({years for years, _ended in lives}):
        ended = lives.get((years, True), 0)
        if ended:
            share *= 1 - ended / at_risk
            steps.append((years, share))
        at_risk -= ended + lives.get((years, False), 0)
    return Survival(tuple(steps), max((years for years, _ended in lives), default=0.0))
