"""Each client's life as the reports count it, stored (db/lives.py) with her other figures.

clientbook.services.figures reads a batch of clients' visits once and hands each one's
completed visits here, in the same transaction as the change that called for it: the
spells of clientbook.domain.retention.life (her usual interval after each day, and the day
she is lost unless she comes first), what she had spent by each day, and the masters she
came to. clientbook.services.stats then adds up rows for any period's end instead of
reading every visit of the book.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from clientbook.domain.retention import life
from clientbook.domain.rhythm import Thresholds, stand_in_days
from db import lives as store
from db.lives import NO_NEXT


class DoneRow(NamedTuple):
    """A row of a completed visit as figures reads it, in (starts_at, id) order: a visit with
    two services comes as two rows, the first marked."""

    day: date
    first_row: bool
    price_cents: int | None
    master_id: int | None
    service_id: int | None


class Rows(NamedTuple):
    days: list[tuple]
    spells: list[tuple]
    master_days: list[tuple]


def rows_of(client_id: int, visits: Iterable[DoneRow], services: dict[int, tuple[str, int | None]],
            limits: Thresholds, studio_days: int, override: int | None, into: Rows) -> None:
    """Add her rows (db.lives.add's) to `into`. While she has too few visits to learn
    from, the service's interval stands in as on the card: the shortest over her tracks,
    each track taking its latest visit's service, as it stood after each day."""
    tracks: dict[str, int | None] = {}
    days: list[date] = []
    stand_ins: list[int | None] = []  # after each day
    spent: list[tuple[int, int]] = []  # (kopecks, visits with a price) by the end of each day
    masters: list[list[int | None]] = []  # of each day's visits, in order
    total = count = 0
    for day, first_row, price, master_id, service in visits:
        if not days or days[-1] != day:
            if days:  # the day before is over
                stand_ins.append(stand_in_days(tracks.values(), studio_days))
                spent.append((total, count))
            days.append(day)
            masters.append([])
        if service is not None:
            tracks[services[service][0]] = services[service][1]
        if first_row:
            masters[-1].append(master_id)
            if price is not None:
                total, count = total + price, count + 1
    if not days:
        return
    stand_ins.append(stand_in_days(tracks.values(), studio_days))
    spent.append((total, count))
    lf = life(client_id, days, limits, manual_days=override, service_days=stand_ins, studio_days=studio_days)
    ordinals = [day.toordinal() for day in days]
    # the day she came to each day's masters before (0: never) and after (NO_NEXT: not yet)
    with_master: dict[int, list[int]] = {}  # the days (their indexes) she came to each master
    for i, day_masters in enumerate(masters):
        for m in day_masters if len(day_masters) == 1 else dict.fromkeys(day_masters):
            if m is not None:
                with_master.setdefault(m, []).append(i)
    around: dict[tuple[int, int], tuple[int, int]] = {}
    for m, found in with_master.items():
        for k, i in enumerate(found):
            around[i, m] = (ordinals[found[k - 1]] if k else 0,
                            ordinals[found[k + 1]] if k + 1 < len(found) else NO_NEXT)
    started = lost_before = 0
    for i, day in enumerate(ordinals):
        following = ordinals[i + 1] if i + 1 < len(ordinals) else NO_NEXT
        lost_on = lf.lost_after[i].toordinal()
        last = masters[i][-1]  # the master of the day's last visit, None if it had none
        into.days.append((client_id, day, following, ordinals[0], lf.intervals[i], lost_on, *spent[i],
                          last, *around.get((i, last), (0, NO_NEXT))))
        if len(masters[i]) > 1:  # the day's other masters
            into.master_days.extend((day, m, client_id, *around[i, m]) for m in dict.fromkeys(masters[i])
                                    if m is not None and m != last)
        if following >= lost_on:  # lost before she came again (or she has not yet)
            into.spells.append((client_id, ordinals[started], lost_on, lf.intervals[i], lost_before))
            started, lost_before = i + 1, lost_on


def store_lives(database, client_ids: list[int], visits: dict[int, list[DoneRow]],
                services: dict[int, tuple[str, int | None]], limits: Thresholds, studio_days: int,
                overrides: dict[int, int | None], *, replace: bool = True) -> None:
    """Store these clients' lives (inside the writer's transaction): in place of what they
    had, or, where a rebuild has emptied the tables (`replace` False), as new rows."""
    rows = Rows([], [], [])
    for cid in client_ids:
        if cid in visits:
            rows_of(cid, visits[cid], services, limits, studio_days, overrides.get(cid), rows)
    if replace:
        store.forget(database, client_ids)
    store.add(database, *rows)
