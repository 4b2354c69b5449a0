"""The owner's reports: does the studio keep its clients, and do the calls bring them back?

Every figure is computed from completed visits and the call log by the rules in
clientbook.domain.retention, over a period [start, end] (both days included). The
README defines each term so that a figure can be checked by hand; `as_json` is the
stable shape `clientbook stats --format json` prints.
"""
from __future__ import annotations

import bisect
import math
import statistics
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta

from clientbook.domain.names import full_name
from clientbook.domain.periods import read_period
from clientbook.domain.retention import (
    Life,
    kaplan_meier,
    life,
    months,
    retention_rate,
    small_base,
    weeks,
    whole_month,
)
from clientbook.domain.rhythm import stand_in_days, tier
from clientbook.errors import UserError
from clientbook.i18n import N_, _
from clientbook.services.settings import get_setting, studio_interval_days, thresholds
from db import queries, returns

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


def _cents(value: float | None) -> int | None:
    return None if value is None else round(value)


def _share(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(part / whole * 100, 1)


class _Book:
    """The facts the reports need, read once."""

    def __init__(self, database, end: date):
        limit = (end + timedelta(days=1)).isoformat()
        self.names: dict[int, str] = {}
        self.sources: dict[int, str] = {}
        self.archived: set[int] = set()  # counted in the figures, never named among the top clients
        overrides: dict[int, int | None] = {}
        for cid, first, last, patronymic, source, override, archived in queries.clients_for_report(database):
            if archived:
                self.archived.add(cid)
            self.names[cid] = full_name(first, last, patronymic)
            self.sources[cid] = source or ""
            overrides[cid] = override
        self.visits: dict[int, list[tuple[date, int | None, str]]] = defaultdict(list)
        masters = dict(database.execute_sql("SELECT id, name FROM masters").fetchall())
        services = {sid: (category, days) for sid, category, days in database.execute_sql(
            "SELECT id, category, default_interval_days FROM services")}
        limits, studio = thresholds(database), studio_interval_days(database)
        day_of: dict[str, date] = {}  # one date object per day: a chain has a million visits
        # The service's interval stands in, as on the card, while a client has too few
        # visits to learn from: the shortest over their tracks, each track taking its
        # latest visit's service, as it stood after each day.
        self.lives: dict[int, Life] = {}
        tracks: dict[str, int | None] = {}
        days: list[date] = []
        stand_ins: list[int | None] = []  # after each day
        last_client = last_visit = None

        def close(cid) -> None:  # a client's rows are all read: their life
            if cid is not None and days:
                self.lives[cid] = life(cid, days, limits, manual_days=overrides.get(cid),
                                       service_days=stand_ins, studio_days=studio)

        for cid, visit_id, starts, price, master_id, service in database.execute_sql(
                "SELECT v.client_id, v.id, v.starts_at, v.price_cents, v.master_id, vs.service_id "
                "FROM visits v LEFT JOIN visit_services vs ON vs.visit_id = v.id "
                "WHERE +v.status = 'done' AND v.starts_at < ? "
                "ORDER BY v.client_id, v.starts_at, v.id", (limit,)):
            if cid != last_client:
                close(last_client)
                tracks, days, stand_ins, last_client = {}, [], [], cid
            text = starts[:10]
            day = day_of.get(text) or day_of.setdefault(text, date.fromisoformat(text))
            if visit_id != last_visit:
                self.visits[cid].append((day, price, masters.get(master_id, "")))
                last_visit = visit_id
            if service is not None:
                category, interval = services[service]
                tracks[category] = interval
            stand_in = stand_in_days(tracks.values(), studio)
            if days and days[-1] == day:
                stand_ins[-1] = stand_in
            else:
                days.append(day)
                stand_ins.append(stand_in)
        close(last_client)
        self.studio_days = studio
        self.limits = limits

    def average_check(self, cid: int) -> float | None:
        prices = [p for _day, p, _m in self.visits[cid] if p is not None]
        return sum(prices) / len(prices) if prices else None


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
    intervals = [lf.interval_on(end) for lf in book.lives.values() if lf.active_on(end)]
    typical = statistics.median(intervals) if intervals else book.studio_days
    return end - timedelta(days=math.ceil(CYCLES * typical))


def report(database, *, start: date | None = None, end: date | None = None,
           today: date) -> Report:
    end = end or today
    check_period(start, end, today)
    book = _Book(database, end)
    default = start is None
    if default:
        start = _default_start(book, end)
    result = Report(start, end, default)
    lives = book.lives.values()
    eve = start - timedelta(days=1)  # "active at the start": active at the end of the day before
    at_start = [lf for lf in lives if lf.active_on(eve)]
    result.active_at_start = len(at_start)
    result.active_at_end = sum(lf.active_on(end) for lf in lives)
    new = [lf for lf in lives if start <= lf.first <= end]
    result.new = len(new)
    result.new_active_at_end = sum(lf.active_on(end) for lf in new)
    lost_events = [(lf, day) for lf in lives for day in lf.lost_between(eve, end)]
    result.lost = len({lf.client_id for lf, _day in lost_events})
    result.retention_rate = _round(retention_rate(
        result.active_at_start, result.active_at_end - result.new_active_at_end))
    # Churn's base is every client who could be lost in the period: active at the start, or
    # came during it. On the clients active at the start alone, a long period in which most
    # clients came and went read «Churn 2066.7 %» (124 lost of the 6 of its first day).
    result.churn_base = _clients_between(lives, start, end)
    result.churn_rate = _share(result.lost, result.churn_base)
    result.revenue_lost_cents = round(sum(
        (book.average_check(lf.client_id) or 0) * 365 / lf.interval_on(day - timedelta(days=1))
        for lf, day in lost_events))
    _by_month(result, lives)
    _by_week(result, lives)
    _lifetime_values(result, book, database)
    _by_master(result, book)
    _reasons(result, database)
    _calls(result, database)
    _second_visits(result, database, today)
    return result


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _clients_between(lives, first: date, last: date) -> int:
    """The clients who can be lost in first … last: active on the day before, or a completed
    visit in it. Everyone lost in it is one of them, so churn on them is at most 100 %."""
    eve = first - timedelta(days=1)
    return sum(lf.active_on(eve) or lf.visited_between(first, last) for lf in lives)


def _by_month(result: Report, lives) -> None:
    """Churn for each calendar month of the period. A month clipped by the period (a period
    from 16 September has half of September) is partial: it is shown, never compared, so
    a whole month after it is not «rising» for having had twice the days. Nor is a month
    compared when either base is small (under SMALL_BASE clients): one client moves it."""
    previous = None  # the whole month just before, if it was whole and its base not small
    for first, last in months(result.start, result.end):
        at_start = sum(lf.active_on(first - timedelta(days=1)) for lf in lives)
        lost = sum(bool(lf.lost_between(first - timedelta(days=1), last)) for lf in lives)
        clients = _clients_between(lives, first, last)
        rate = _share(lost, clients)
        whole = whole_month(first, last)
        comparable = whole and not small_base(clients)
        rising = comparable and previous is not None and rate is not None and rate > previous
        result.months.append(Month(first.strftime("%Y-%m"), at_start, lost, rate, rising,
                                   clients, not whole))
        previous = rate if comparable else None


def _by_week(result: Report, lives) -> None:
    spans = weeks(result.start, result.end)
    firsts = [first for first, _last in spans]
    new, lost = [0] * len(spans), [0] * len(spans)

    def week_of(day: date) -> int | None:
        return bisect.bisect_right(firsts, day) - 1 if result.start <= day <= result.end else None

    for lf in lives:
        if (i := week_of(lf.first)) is not None:
            new[i] += 1
        for day in lf.lost:
            if (i := week_of(day)) is not None:
                lost[i] += 1
    result.weeks = [Week(first.isoformat(), n, x) for first, n, x in zip(firsts, new, lost)]


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
    prices = [p for visits in book.visits.values() for _d, p, _m in visits if p is not None]
    aov = sum(prices) / len(prices) if prices else None
    result.average_check_cents = _cents(aov)
    end = result.end
    active = [lf for lf in book.lives.values() if lf.active_on(end)]
    per_year = statistics.mean(365 / lf.interval_on(end) for lf in active) if active else None
    result.visits_per_year = None if per_year is None else round(per_year, 2)

    lives = list(book.lives.values())  # _Book reads visits up to `end` only
    if not lives:
        return
    gone = {lf.client_id: not lf.active_on(end) for lf in lives}
    # years from her first visit to the day she was lost, or to the period's end
    age = {lf.client_id: ((max(d for d in lf.lost if d <= end) if gone[lf.client_id] else end) - lf.first).days / 365
           for lf in lives}
    survival = kaplan_meier([(age[cid], ended) for cid, ended in gone.items()])
    result.lifetime_basis = "lost" if any(gone.values()) else "so far"
    result.lifetime_years = round(survival.years_left(0), 2)
    values: dict[int, ClientValue] = {}
    for lf in lives:
        cid = lf.client_id
        spent = sum(p for _d, p, _m in book.visits[cid] if p is not None) * share
        status, future = _status(lf, end, book.limits), 0.0
        check = book.average_check(cid)
        if status != "lost" and check is not None:
            future = check * share * 365 / lf.interval_on(end) * survival.years_left(age[cid])
        values[cid] = ClientValue(cid, book.names[cid], round(spent + future), round(spent), round(future), status)
    result.average_ltv_cents = _cents(statistics.mean(v.ltv_cents for v in values.values()))
    groups: dict[str, list[int]] = defaultdict(list)
    for cid in values:
        groups[book.sources[cid]].append(cid)
    for source, ids in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])):
        result.sources.append(Source(
            source, len(ids), sum(result.start <= book.lives[c].first <= end for c in ids),
            sum(p for c in ids for _d, p, _m in book.visits[c] if p is not None),
            _cents(statistics.mean(values[c].ltv_cents for c in ids)),
            _cents(statistics.mean(values[c].future_cents for c in ids)),
            sum(values[c].status == "lost" for c in ids)))
    shown = [value for cid, value in values.items() if cid not in book.archived]
    result.top_clients = sorted(shown, key=lambda v: (-v.ltv_cents, v.client_id))[:TOP_CLIENTS]


def _status(lf: Life, end: date, limits) -> str:
    """Where she stands at `end`: lost (as the report counts it), else her tier by the card's
    rule (rhythm.tier): at_risk, due, or active."""
    if not lf.active_on(end):
        return "lost"
    found = tier((end - lf.days[lf._last_index(end)]).days, lf.interval_on(end), limits)
    return {"lost": "at_risk", "at_risk": "at_risk", "due": "due"}.get(found, "active")


def _by_master(result: Report, book: _Book) -> None:
    start, end = result.start, result.end
    eve = start - timedelta(days=1)
    clients, returning, at_start, kept = (defaultdict(set) for _n in range(4))
    for cid, visits in book.visits.items():
        first_with: dict[str, date] = {}
        for day, _price, master in visits:
            if not master:
                continue
            first_with.setdefault(master, day)
            if start <= day <= end:
                clients[master].add(cid)
                if day > first_with[master]:
                    returning[master].add(cid)
        before = [v for v in visits if v[0] <= eve]
        lf = book.lives[cid]
        if before and before[-1][2] and lf.active_on(eve):
            at_start[before[-1][2]].add(cid)
            if lf.active_on(end):
                kept[before[-1][2]].add(cid)
    for master in sorted(set(clients) | set(at_start)):
        result.masters.append(Master(
            master, len(clients[master]), len(returning[master]),
            _share(len(returning[master]), len(clients[master])), len(at_start[master]),
            len(kept[master]), _share(len(kept[master]), len(at_start[master]))))


def _reasons(result: Report, database) -> None:
    rows = database.execute_sql(
        "SELECT r.code, r.name, r.name_ru, "
        " (SELECT count(*) FROM contacts k WHERE k.reason_id = r.id AND k.at >= ? AND k.at < ?), "
        " (SELECT count(*) FROM contacts k WHERE k.suspected_reason_id = r.id AND k.at >= ? "
        "  AND k.at < ?) FROM reasons r ORDER BY r.id",
        (*_span(result),) * 2).fetchall()
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
    for cid, at, outcome in database.execute_sql(
            "SELECT client_id, at, outcome FROM contacts WHERE at >= ? AND at < ?", _span(result)):
        calls.made += 1
        calls.booked += outcome == "booked"
        if outcome in REACHED:
            calls.reached += 1
            reached[cid].append(datetime.fromisoformat(at))
    for cid, moments in reached.items():
        # The first completed visit after a call that reached them, within 30 days (a
        # booking made on the call for later that day counts), up to the period's end.
        for starts, price in database.execute_sql(
                "SELECT starts_at, price_cents FROM visits WHERE client_id = ? AND +status = 'done' "
                "AND starts_at > ? AND starts_at < ? ORDER BY starts_at",
                (cid, min(moments).isoformat(sep=" "), _span(result)[1])):
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
    for first, second in returns.first_and_second_visits(
            database, result.start.isoformat(), result.end.isoformat(), today.isoformat()):
        figures.first_timers += 1
        if (today - date.fromisoformat(first)).days < FAIR_CHANCE_DAYS:
            figures.too_early += 1
            figures.too_early_back += second is not None
        elif second is not None:
            gaps.append((date.fromisoformat(second) - date.fromisoformat(first)).days)
    figures.counted = figures.first_timers - figures.too_early
    figures.came_back = len(gaps)
    figures.share = _share(len(gaps), figures.counted)
    if gaps:
        figures.median_days = math.floor(statistics.median(gaps) + 0.5)  # half a day up
    figures.within_30_days, figures.within_60_days, figures.within_90_days = (
        sum(gap <= days for gap in gaps) for days in RETURN_WITHIN)


def as_json(result: Report) -> dict:
    """The stable shape printed by `clientbook stats --format json` (documented in README)."""
    data = asdict(result)
    data["start"], data["end"] = result.start.isoformat(), result.end.isoformat()
    return {"version": JSON_VERSION, **data}
