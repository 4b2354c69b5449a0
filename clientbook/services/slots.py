"""Free slots of a master, and a booking's services and master read against the studio's lists.

A master's day is their working week (the price list screen sets it; the studio default
when there is no master) less their bookings and visits. A booking lasts its own
duration, else its services' durations from the price list, else an hour.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import islice

from clientbook.domain.hours import DEFAULT_HOURS, WeeklyHours
from clientbook.domain.slots import HORIZON_DAYS, free_starts, nearest_each_day, overlaps
from clientbook.domain.text import clean_line
from clientbook.errors import UserError
from clientbook.i18n import _, slot
from clientbook.services import catalog
from clientbook.services.visits import UnknownName, archived_names, master_names, match_master, match_service
from db import slots as slots_db

DEFAULT_LENGTH_MIN = 60  # a booking whose length nobody wrote down
LONGEST_MIN = 24 * 60  # a booking begun the day before may still be running


@dataclass(frozen=True)
class BookingPlan:
    """What a booking is for, as the studio's lists name it, with the price list's figures."""

    services: tuple[str, ...]
    master: str  # "" for no master
    master_id: int | None
    lines: tuple[tuple[int, int | None], ...]  # (service id, its price) per service
    price_cents: int | None  # the services' prices added up
    duration_min: int | None  # their durations added up, when the price list has them all

    @property
    def length_min(self) -> int:
        return self.duration_min or DEFAULT_LENGTH_MIN


def _master(database, text: str) -> catalog.MasterLine | None:
    """An active master from what was typed (the visit form's rule: services.visits.match_master);
    empty text is no master."""
    if not clean_line(text):
        return None
    name = match_master(text, master_names(database), archived_names(database)[1])
    return next(m for m in catalog.masters(database) if m.name == name)


def plan_booking(database, services: Iterable[str], master: str) -> BookingPlan:
    """A booking's services and master as typed (the start of a name is enough), refused in
    a sentence when one is not on the studio's active lists (UnknownName: added on the price
    list screen, F7, or with the command `how_to_add` names)."""
    lines = {line.name: line for line in catalog.services(database)}
    typed = [clean_line(s) for s in services if clean_line(s)]
    archived = archived_names(database)[0]
    names = tuple(dict.fromkeys(match_service(s, set(lines), archived) for s in typed))
    found = _master(database, master)
    chosen = [lines[name] for name in names]
    prices = [line.price_cents for line in chosen if line.price_cents is not None]
    durations = [line.duration_min for line in chosen]
    return BookingPlan(
        names, found.name if found else "", found.id if found else None,
        tuple((line.id, line.price_cents) for line in chosen),
        sum(prices) if prices else None,
        sum(durations) if durations and None not in durations else None,
    )


@dataclass(frozen=True)
class _Chair:
    """Whose bookings a slot must not overlap, and in which working week."""

    master_id: int | None
    hours: WeeklyHours
    with_no_master: bool = False  # a studio of one master: a booking with no master is hers


def only_master(database) -> catalog.MasterLine | None:
    """The studio's one active master, when it has exactly one (a solo master's book)."""
    active = catalog.masters(database)
    return active[0] if len(active) == 1 else None


def _chair(database, master: catalog.MasterLine | None) -> _Chair:
    solo = only_master(database)
    if master is None:
        return _Chair(solo.id, solo.hours, True) if solo else _Chair(None, DEFAULT_HOURS)
    return _Chair(master.id, master.hours, solo is not None and solo.id == master.id)


def _chair_named(database, master: str | None) -> _Chair:
    """The chair of an active master by name; no master: the studio's (its only master's)."""
    if not master:
        return _chair(database, None)
    found = catalog.find_master(database, master)
    if found is None or not found.active:  # a master who has left has no slots to offer
        raise UnknownName("master", master)
    return _chair(database, found)


def _busy(database, chair: _Chair, since: datetime, until: datetime,
          ignore_visit: int | None) -> list[tuple[datetime, datetime]]:
    busy = []
    for starts_at, duration, services_min in slots_db.busy_between(
            database, chair.master_id, (since - timedelta(minutes=LONGEST_MIN)).isoformat(sep=" "),
            until.isoformat(sep=" "), ignore_visit, chair.with_no_master):
        start = datetime.fromisoformat(starts_at)
        busy.append((start, start + timedelta(minutes=duration or services_min or DEFAULT_LENGTH_MIN)))
    return busy


def free_slots(database, master: str | None, duration_min: int | None, after: datetime, count: int,
               near_hour: int | None = None, ignore_visit: int | None = None) -> list[datetime]:
    """The first `count` free start times from `after` for `master` (None: the bookings with no
    master, or the studio's only master's), for a booking of `duration_min` (None: an hour).

    With `near_hour`, one slot a day, the nearest that hour, on `count` different days.
    `ignore_visit`: a booking being moved does not stand in its own way.
    """
    chair = _chair_named(database, master)
    until = after + timedelta(days=HORIZON_DAYS)
    starts = free_starts(chair.hours, _busy(database, chair, after, until, ignore_visit),
                         duration_min or DEFAULT_LENGTH_MIN, after)
    if near_hour is not None:
        return nearest_each_day(starts, near_hour, count)
    return list(islice(starts, count))


def _plan_chair(database, plan: BookingPlan) -> _Chair:
    """A plan's chair; a pencilled booking's master may be archived since and still keeps hers."""
    if plan.master_id is None:
        return _chair(database, None)
    found = next((m for m in catalog.masters(database, True) if m.id == plan.master_id), None)
    return _chair(database, found) if found else _Chair(plan.master_id, DEFAULT_HOURS)


def _within_hours(hours: WeeklyHours, start: datetime, end: datetime) -> bool:
    span = hours.on(start.date())
    return span is not None and span[0] <= start and end <= span[1]


def check_free(database, plan: BookingPlan, when: datetime, now: datetime,
               ignore_visit: int | None = None, *, hours: bool = True) -> None:
    """Refuse a moment outside the master's working hours or overlapping her bookings,
    naming the next free slot. `hours` off: a booking already made (confirmed as it stands,
    or reopened) is held only to the bookings, not to a week set since.

    A studio with no master at all has no week set: only overlaps count there."""
    chair = _plan_chair(database, plan)
    slots_db.guard_chair(database, chair.master_id)  # in a booking's transaction: no other desk books this chair meanwhile
    end = when + timedelta(minutes=plan.length_min)
    hours = hours and (chair.master_id is not None or bool(catalog.masters(database)))
    working = not hours or _within_hours(chair.hours, when, end)
    if working and not overlaps(when, end, _busy(database, chair, when, end, ignore_visit)):
        return
    after = max(when, now)
    following = next(free_starts(chair.hours, _busy(database, chair, after, after + timedelta(days=HORIZON_DAYS),
                                                    ignore_visit), plan.length_min, after), None)
    if not working:
        refused = (_("{master} does not work at {moment}.").format(master=plan.master, moment=slot(when))
                   if plan.master else _("The studio does not work at {moment}.").format(moment=slot(when)))
    else:
        refused = (_("{master}: the time {moment} is taken.").format(master=plan.master, moment=slot(when))
                   if plan.master else _("The time {moment} is taken.").format(moment=slot(when)))
    nearest = (_("The next free slot is {moment}.").format(moment=slot(following)) if following
               else _("There is no free slot in the next {days} days.").format(days=HORIZON_DAYS))
    raise UserError(f"{refused} {nearest}")


def read_names(text: str) -> tuple[str, ...]:
    """Names typed in one field, parted by commas: "Маникюр, Педикюр"."""
    return tuple(part.strip() for part in re.split(r"[,;]", text) if part.strip())


def booking_slots(database, services: Iterable[str], master: str, after: datetime, count: int,
                  ignore_visit: int | None = None, offered: Iterable[datetime] = ()) -> list[datetime]:
    """The next `count` free slots for a booking of these services with this master (as typed).

    The slots the call script `offered` come first, those still free for this booking, so a
    client who agrees to one is booked into it with the arrows.
    """
    plan = plan_booking(database, services, master)
    first = [moment for moment in dict.fromkeys(offered)
             if moment >= after and _is_free(database, plan, moment, after, ignore_visit)]
    following = free_slots(database, plan.master or None, plan.length_min, after, count + len(first),
                           ignore_visit=ignore_visit)
    return (first + [moment for moment in following if moment not in first])[:count]


def _is_free(database, plan: BookingPlan, moment: datetime, now: datetime, ignore_visit: int | None) -> bool:
    try:
        check_free(database, plan, moment, now, ignore_visit)
    except UserError:
        return False
    return True


def refusal(error: Exception) -> str:
    """A booking refused, as the booking dialog says it: an unknown name with where to add it."""
    if isinstance(error, UnknownName):
        return f"{error} {_('Add it on the price list screen (F7).')}"
    return str(error)
