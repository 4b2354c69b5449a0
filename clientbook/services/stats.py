"""The owner's reports: does the studio keep its clients, and do the calls bring them back?

Every figure is computed from completed visits and the call log by the rules in
clientbook.domain.retention, over a period [start, end] (both days included). The
README defines each term so that a figure can be checked by hand; `as_json` is the
stable shape `clientbook stats --format json` prints.
"""
from __future__ import annotations

import bisect
import functools
import heapq
import itertools
import math
import statistics
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from fractions import Fraction

from clientbook.domain.names import full_name
from clientbook.domain.periods import read_period
from clientbook.domain.retention import (
    SpellCounts,
    kaplan_meier_counted,
    months,
    retention_rate,
    small_base,
    weeks,
    whole_month,
)
from clientbook.domain.rhythm import tier
from clientbook.errors import UserError
from clientbook.i18n import N_, _
from clientbook.services.complaints import KINDS
from clientbook.services.settings import get_setting, studio_interval_days, thresholds
from db import lives, report_cases, stats_store
from db.lives import NO_NEXT

CYCLES = 3  # the default period covers three usual cycles of the typical client
BROUGHT_BACK_DAYS = 30
REACHED = ("booked", "callback", "declined", "do_not_contact")
TOP_CLIENTS = 10
JSON_VERSION = 1
# A first-time client has had a fair chance to come back once this many days have passed
# since her first visit: 90 days is about two usual cycles at the studio's default of 42 days,
# and three of a monthly manicure. Until then she is "too early to tell" and left out of the
# share whether or not she is back already: counting the quick ones among the recent
# first-timers, but not the ones still to come, would lift the share of a recent period
# to 100 %; counting the ones still to come as gone would sink it.
FAIR_CHANCE_DAYS = 90
RETURN_WITHIN = (30, 60, 90)  # the days the second visits are counted within (stats_view says them)
RESOLVED_WITHIN_DAYS = 3  # a complaint resolved at most this many days after it was opened is resolved in time


@dataclass
class Month:
    month: str  # YYYY-MM
    active_at_start: int
    lost: int
    churn_rate: float | None  # lost / clients
    rising: bool  # a whole month whose churn is higher than the whole month before it
    clients: int = 0  # the churn's base: active at the start of the month, or came during it
    partial: bool = False  # clipped by the period's first or last day: never compared


@dataclass
class Week:
    week_start: str
    new: int
    lost: int


@dataclass
class Source:
    source: str
    clients: int
    new: int
    revenue_cents: int  # spent so far, all its clients
    average_ltv_cents: int | None  # spent so far and still to come, a client (margin applied)
    average_future_cents: int | None = None  # still to come, a client (margin applied)
    lost: int = 0  # of its clients, lost at the period's end


@dataclass
class Master:
    master: str
    clients: int
    returning: int
    returning_share: float | None
    at_start: int
    kept: int
    retention: float | None


@dataclass
class Reason:
    code: str
    name: str
    stated: int
    suspected: int


@dataclass
class ClientValue:
    client_id: int
    name: str
    ltv_cents: int  # revenue_cents + future_cents (margin applied)
    revenue_cents: int = 0  # spent so far (margin applied)
    future_cents: int = 0  # expected still: a year of her visits x the years a client of her age has left
    status: str = "active"  # at the period's end: active, due, at_risk or lost


@dataclass
class Calls:
    made: int = 0
    reached: int = 0
    booked: int = 0
    brought_back: int = 0
    brought_back_revenue_cents: int = 0


@dataclass
class SecondVisits:
    """The period's first-time clients and their second completed visit, as of today."""
    first_timers: int = 0  # the first completed visit ever falls in the period (the report's new)
    too_early: int = 0  # of them, the first visit was fewer than FAIR_CHANCE_DAYS before today
    too_early_back: int = 0  # of those, back already (not in the share, nor in what follows)
    counted: int = 0  # the others: first_timers - too_early
    came_back: int = 0  # of the counted, back for a second visit so far
    share: float | None = None  # came_back / counted, in percent
    median_days: int | None = None  # first to second visit of those came_back, whole days
    within_30_days: int = 0  # of those came_back, the second visit at most 30 days after the first
    within_60_days: int = 0
    within_90_days: int = 0


@dataclass
class MasterComplaints:
    master: str | None  # None: the complaint names no master
    opened: int


@dataclass
class Complaints:
    """The complaints opened in the period."""
    opened: int = 0
    by_kind: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))  # every type, in KINDS order
    by_master: list[MasterComplaints] = field(default_factory=list)  # most first; no master last
    resolved_within_3_days: int = 0  # of them, resolved at most RESOLVED_WITHIN_DAYS after opening, by today
    resolved_within_3_days_share: float | None = None  # of those opened, in percent


@dataclass
class WinBack:
    """The win-back cases: opened in the period, and closed in it won back or lost for good."""
    opened: int = 0
    won: int = 0
    lost: int = 0
    won_revenue_cents: int = 0  # the period's completed visits of the clients won, since their case opened


@dataclass
class Report:
    start: date
    end: date
    default_period: bool
    active_at_start: int = 0
    active_at_end: int = 0
    new: int = 0
    new_active_at_end: int = 0
    lost: int = 0
    retention_rate: float | None = None
    churn_rate: float | None = None  # lost / churn_base
    churn_base: int = 0  # active at the start, or came during the period (new, or back)
    revenue_lost_cents: int = 0
    months: list[Month] = field(default_factory=list)
    weeks: list[Week] = field(default_factory=list)
    ltv_basis: str = "revenue"  # "margin" when the studio set its margin
    margin_percent: float | None = None
    average_check_cents: int | None = None
    visits_per_year: float | None = None
    lifetime_years: float | None = None
    lifetime_basis: str = "lost"  # "so far" when no client has been lost yet (Kaplan–Meier then knows no end)
    average_ltv_cents: int | None = None
    sources: list[Source] = field(default_factory=list)
    top_clients: list[ClientValue] = field(default_factory=list)
    masters: list[Master] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    calls: Calls = field(default_factory=Calls)
    second_visits: SecondVisits = field(default_factory=SecondVisits)
    complaints: Complaints = field(default_factory=Complaints)
    win_back: WinBack = field(default_factory=WinBack)


def _cents(value: float | None) -> int | None:
    return None if value is None else round(value)


def _share(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(part / whole * 100, 1)


class _Book:
    """The book at the period's end, from the lives kept in it (clientbook.services.lives):
    each client's row of her last visit by then, added up in SQL, not every visit read."""

    def __init__(self, database, end: date):
        self.end = end.toordinal()
        self.limits = thresholds(database)
        self.studio_days = studio_interval_days(database)
        # clients with a visit by the end, of them active at the end, visits with a price, their kopecks
        self.clients, self.active, self.priced, self.spent_cents = lives.totals(database, self.end)
        # the usual intervals of the clients active at the end, counted
        self.intervals = Counter(dict(lives.active_intervals(database, self.end)))


FIRST_YEAR = 1900  # no studio's book reaches further back


def check_period(start: date | None, end: date, today: date) -> None:
    """A period the reports can count: it has happened, and it is in order."""
    if end > today:
        raise UserError(_("The period cannot end after today ({today}): the reports count "
                          "what has happened.").format(today=today))
    if start is not None and start > end:
        raise UserError(_("The period starts ({start}) after it ends ({end}).").format(
            start=start, end=end))
    if (start or end).year < FIRST_YEAR:
        raise UserError(_("The period cannot start before {year}.").format(year=FIRST_YEAR))


ONE_PERIOD = N_("Give --period, or --from and --to, not both.")


def typed_period(text: str, today: date) -> tuple[date, date] | None:
    """A period as typed (read_period's forms), checked as check_period checks it; None when
    empty (the default period). DateError or UserError with the sentence to show."""
    found = read_period(text, today)
    if found is not None:
        check_period(*found, today)
    return found


def _default_start(book: _Book, end: date) -> date:
    """Three usual cycles of the typical client (the median interval of the active ones)."""
    typical = _median_of_counted(book.intervals) if book.intervals else book.studio_days
    return end - timedelta(days=math.ceil(CYCLES * typical))


def report(database, *, start: date | None = None, end: date | None = None,
           today: date) -> Report:
    end = end or today
    check_period(start, end, today)
    with lives.small_cache(database):
        return _report(database, start, end, today)


def _report(database, start: date | None, end: date, today: date) -> Report:
    book = _Book(database, end)
    default = start is None
    if default:
        start = _default_start(book, end)
    result = Report(start, end, default)
    eve, last = start.toordinal() - 1, book.end  # "active at the start": active at the end of the day before
    result.active_at_end = book.active
    firsts = lives.first_days(database, eve, last)
    result.new = sum(clients for _day, clients, _active in firsts)
    result.new_active_at_end = sum(active for _day, _clients, active in firsts)
    spans = months(start, end)
    # Churn's base is every client who could be lost in the period: active at the start, or
    # came during it. On the clients active at the start alone, a long period in which most
    # clients came and went read «Churn 2066.7 %» (124 lost of the 6 of its first day).
    spells = SpellCounts(*lives.spells_by_day(database, eve, last))
    result.active_at_start, result.lost, result.churn_base = spells.between(eve, last)
    # CRR's "at end − new" counts the clients won back from before the start too, who were
    # never among those at the start: a studio whose calls work read «Retention 101.4 %».
    # Retained is what it means: active at the start and still at the end.
    result.retention_rate = _round(retention_rate(result.active_at_start, lives.kept(database, eve, last)))
    result.churn_rate = _share(result.lost, result.churn_base)
    losses = lives.losses(database, eve, last)  # by client and day, so the sum is always added alike
    result.revenue_lost_cents = round(sum(  # her average check, a year of her visits
        (spent / priced if priced else 0) * 365 / interval for _c, _d, interval, spent, priced in losses))
    _by_month(result, spans, [spells.between(a.toordinal() - 1, b.toordinal()) for a, b in spans])
    _by_week(result, [(day, clients) for day, clients, _active in firsts], [day for _c, day, *_rest in losses])
    _lifetime_values(result, book, database)
    _by_master(result, database)
    _reasons(result, database)
    _calls(result, database)
    _second_visits(result, database, today)
    _complaints(result, database, today)
    _win_back(result, database)
    return result


def _median_of_counted(values: Counter) -> float:
    """statistics.median of the values counted."""
    ordered = sorted(values)
    ends = list(itertools.accumulate(values[value] for value in ordered))  # the index after each value

    def at(index: int) -> float:
        return ordered[bisect.bisect_right(ends, index)]

    n = ends[-1]
    return at(n // 2) if n % 2 else (at(n // 2 - 1) + at(n // 2)) / 2


def _mean_of_counted(values: Counter) -> float:
    """statistics.mean of the values counted, as exactly: 100,000 clients' visits a year are
    a few dozen values (their usual intervals), and statistics.mean took 70 ms over them."""
    return float(sum(Fraction(value) * n for value, n in values.items()) / values.total())


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _by_month(result: Report, spans: list[tuple[date, date]], counts: list[tuple[int, int, int]]) -> None:
    """Churn for each calendar month of the period. A month clipped by the period (a period
    from 16 September has half of September) is partial: it is shown, never compared, so
    a whole month after it is not «rising» for having had twice the days. Nor is a month
    compared when either base is small (under SMALL_BASE clients): one client moves it.
    counts: SpellCounts.between of each month."""
    previous = None  # the whole month just before, if it was whole and its base not small
    for (first, last), (at_start, lost, clients) in zip(spans, counts, strict=True):
        rate = _share(lost, clients)
        whole = whole_month(first, last)
        comparable = whole and not small_base(clients)
        rising = comparable and previous is not None and rate is not None and rate > previous
        result.months.append(Month(first.strftime("%Y-%m"), at_start, lost, rate, rising,
                                   clients, not whole))
        previous = rate if comparable else None


def _by_week(result: Report, firsts: list[tuple[int, int]], lost_days: list[int]) -> None:
    """The period's new clients ((first day, clients)) and losses, week by week."""
    spans = weeks(result.start, result.end)
    mondays = [first.toordinal() for first, _last in spans]
    new, lost = [0] * len(spans), [0] * len(spans)
    for day, clients in firsts:
        new[bisect.bisect_right(mondays, day) - 1] += clients
    for day in lost_days:
        lost[bisect.bisect_right(mondays, day) - 1] += 1
    result.weeks = [Week(first.isoformat(), n, x) for (first, _last), n, x in zip(spans, new, lost, strict=True)]


def _lifetime_values(result: Report, book: _Book, database) -> None:
    """Lifetime by Kaplan–Meier: a client lost by the period's end has lived from her first
    visit to the day she was lost; one still coming counts as at least her age so far. A
    client's value is what she spent so far, plus, while she is not lost, a year of her
    visits (her check, her rhythm) for each year a client of her age still has to come; the
    average LTV is the average of those values, so never below the average spent."""
    margin = get_setting(database, "margin_percent") or ""
    share = 1.0
    if margin:
        result.ltv_basis, result.margin_percent, share = "margin", float(margin), float(margin) / 100
    last = book.end  # up to the period's end only
    result.average_check_cents = _cents(book.spent_cents / book.priced if book.priced else None)
    visits_a_year: Counter = Counter()
    for days, n in book.intervals.items():
        visits_a_year[365 / days] += n
    per_year = _mean_of_counted(visits_a_year) if visits_a_year else None
    result.visits_per_year = None if per_year is None else round(per_year, 2)
    if not book.clients:
        return
    # days from her first visit to the day she was lost, or to the period's end
    survival = kaplan_meier_counted({(days / 365, ended): n for days, ended, n in lives.lifetimes(database, last)})
    result.lifetime_basis = "lost" if book.active < book.clients else "so far"
    result.lifetime_years = round(survival.years_left(0), 2)
    years_left = functools.cache(survival.years_left)  # 100,000 clients, a few thousand ages

    @functools.cache
    def standing(days_since: int, interval: float) -> str:
        return _STANDING.get(tier(days_since, interval, book.limits), "active")

    eve = result.start.toordinal() - 1
    groups: dict[str, _Group] = defaultdict(_Group)
    total_ltv = 0
    top: list[tuple] = []  # the TOP_CLIENTS highest (ltv, -id) of the clients not archived: a heap
    for cid, first, last_visit, interval, lost_on, spent_cents, priced, source, archived in lives.standings(
            database, last):
        spent = spent_cents * share
        group = groups[source]
        if lost_on <= last:
            status, ltv, future_cents = "lost", round(spent), 0
            group.lost += 1
        else:  # her check, times a year of her visits, times the years a client of her age has to come
            status = standing(last - last_visit, interval)
            future = (spent_cents / priced * share * 365 / interval * years_left((last - first) / 365)
                      if priced else 0.0)
            ltv, future_cents = round(spent + future), round(future)
        total_ltv += ltv
        group.clients += 1
        group.new += first > eve
        group.revenue_cents += spent_cents
        group.ltv_cents += ltv
        group.future_cents += future_cents
        if not archived and (len(top) < TOP_CLIENTS or ltv >= top[0][0]):
            value = (ltv, -cid, round(spent), future_cents, status)
            (heapq.heappush if len(top) < TOP_CLIENTS else heapq.heappushpop)(top, value)
    # the means of whole kopecks, as statistics.mean gives them (a quotient of integers is exact)
    result.average_ltv_cents = _cents(total_ltv / book.clients)
    for source, g in sorted(groups.items(), key=lambda item: (-item[1].clients, item[0])):
        result.sources.append(Source(source, g.clients, g.new, g.revenue_cents, _cents(g.ltv_cents / g.clients),
                                     _cents(g.future_cents / g.clients), g.lost))
    names = lives.names(database, [-cid for _ltv, cid, *_rest in top])
    result.top_clients = [ClientValue(-cid, full_name(*names[-cid]), ltv, spent, future, status)
                          for ltv, cid, spent, future, status in sorted(top, reverse=True)]


# A client not lost at the period's end stands by the card's rule (rhythm.tier), the report
# keeping "lost" for the clients it counts as lost.
_STANDING = {"lost": "at_risk", "at_risk": "at_risk", "due": "due"}


@dataclass(slots=True)
class _Group:
    """A source's clients, summed as they are read."""

    clients: int = 0
    new: int = 0
    revenue_cents: int = 0  # spent so far
    ltv_cents: int = 0
    future_cents: int = 0
    lost: int = 0


def _by_master(result: Report, database) -> None:
    first, last = result.start.toordinal(), result.end.toordinal()
    names = lives.master_names(database)  # a master without a name is no master here
    came = {names[m]: (clients, returning) for m, clients, returning in lives.master_clients(database, first, last)
            if names.get(m)}
    held = {names[m]: (at_start, kept) for m, at_start, kept in lives.masters_kept(database, first - 1, last)
            if names.get(m)}
    for master in sorted(set(came) | set(held)):
        (clients, returning), (at_start, kept) = came.get(master, (0, 0)), held.get(master, (0, 0))
        result.masters.append(Master(master, clients, returning, _share(returning, clients), at_start,
                                     kept, _share(kept, at_start)))


def _reasons(result: Report, database) -> None:
    rows = stats_store.reasons_counted(database, *_span(result))
    from clientbook.i18n import language

    found = [Reason(code, name_ru if language() == "ru" and name_ru else name, stated,
                    suspected) for code, name, name_ru, stated, suspected in rows
             if stated or suspected]
    result.reasons = sorted(found, key=lambda r: (-(r.stated + r.suspected), r.code))


def _span(result: Report) -> tuple[str, str]:
    return result.start.isoformat(), (result.end + timedelta(days=1)).isoformat()


def _calls(result: Report, database) -> None:
    calls = result.calls
    reached: dict[int, list[datetime]] = defaultdict(list)
    for cid, at, outcome in stats_store.calls_made(database, *_span(result)):
        calls.made += 1
        calls.booked += outcome == "booked"
        if outcome in REACHED:
            calls.reached += 1
            reached[cid].append(datetime.fromisoformat(at))
    for cid, moments in reached.items():
        # The first completed visit after a call that reached them, within 30 days (a
        # booking made on the call for later that day counts), up to the period's end.
        for starts, price in stats_store.done_visits_between(database, cid, min(moments).isoformat(sep=" "),
                                                             _span(result)[1]):
            when = datetime.fromisoformat(starts)
            if any(m < when <= m + timedelta(days=BROUGHT_BACK_DAYS) for m in moments):
                calls.brought_back += 1
                calls.brought_back_revenue_cents += price or 0
                break


def _second_visits(result: Report, database, today: date) -> None:
    """Of the clients whose first completed visit falls in the period, who came back for a
    second one (on a later day) by today, and how many days after; see FAIR_CHANCE_DAYS."""
    figures = result.second_visits
    gaps: list[int] = []
    now = today.toordinal()
    for first, following in lives.first_and_next(database, result.start.toordinal(), result.end.toordinal()):
        back = following != NO_NEXT and following <= now
        figures.first_timers += 1
        if now - first < FAIR_CHANCE_DAYS:
            figures.too_early += 1
            figures.too_early_back += back
        elif back:
            gaps.append(following - first)
    figures.counted = figures.first_timers - figures.too_early
    figures.came_back = len(gaps)
    figures.share = _share(len(gaps), figures.counted)
    if gaps:
        figures.median_days = math.floor(statistics.median(gaps) + 0.5)  # half a day up
    figures.within_30_days, figures.within_60_days, figures.within_90_days = (
        sum(gap <= days for gap in gaps) for days in RETURN_WITHIN)


def _complaints(result: Report, database, today: date) -> None:
    """The complaints opened in the period, by type and by master, and how many of them were
    resolved within RESOLVED_WITHIN_DAYS days of the day they were opened (up to today)."""
    figures = result.complaints
    masters: Counter = Counter()
    for kind, master, opened, in_time in report_cases.complaints_opened(
            database, result.start.isoformat(), result.end.isoformat(), today.isoformat(), RESOLVED_WITHIN_DAYS):
        figures.opened += opened
        figures.by_kind[kind] = figures.by_kind.get(kind, 0) + opened
        masters[master or None] += opened  # a master without a name is no master here
        figures.resolved_within_3_days += in_time
    figures.resolved_within_3_days_share = _share(figures.resolved_within_3_days, figures.opened)
    figures.by_master = [MasterComplaints(master, opened) for master, opened in sorted(
        masters.items(), key=lambda item: (item[0] is None, -item[1], item[0] or ""))]


def _win_back(result: Report, database) -> None:
    """Cases opened in the period; closed won back, or lost for good, in it; and what the
    clients won back paid: their completed visits in the period, on or after the day their
    case was opened (as the calls' brought back, up to the period's end)."""
    first, last = result.start.isoformat(), result.end.isoformat()
    figures = result.win_back
    figures.opened, figures.won, figures.lost = report_cases.cases_counted(database, first, last)
    figures.won_revenue_cents = report_cases.won_back_revenue(database, first, last)


def as_json(result: Report) -> dict:
    """The stable shape printed by `clientbook stats --format json` (documented in README)."""
    data = asdict(result)
    data["start"], data["end"] = result.start.isoformat(), result.end.isoformat()
    return {"version": JSON_VERSION, **data}
