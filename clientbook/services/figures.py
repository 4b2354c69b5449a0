"""Per-client and per-track figures: computed from the facts by the domain rules, stored.

Every write that changes a client's visits, bookings or contacts calls
`refresh_clients` in its own transaction; `rebuild_all` recomputes the whole book (a
repair tool, and the step after a migration or a change of the rhythm settings).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime

from clientbook.domain.calls import REGULAR_VISITS, ContactFact, contact_state
from clientbook.domain.rhythm import interval_from_gaps, recent_gaps, stand_in_days, tier_dates
from clientbook.services.lives import DoneRow, store_lives
from clientbook.services.settings import call_settings, studio_interval_days, thresholds
from db import facts as facts_db
from db import figures_store as figures_db
from db.lives import TABLES as LIVES_TABLES
from db.lives import clear as clear_lives
from db.lives import present as lives_present
from db.outlook import mark_stale

CHUNK = 2000


class _Facts:
    """Everything the rules need about a batch of clients, read in a few queries."""

    def __init__(self, database, ids: list[int]):
        self.visit_days: dict[int, list[date]] = defaultdict(list)
        self.track_days: dict[tuple[int, str], list[date]] = defaultdict(list)
        self.track_service_days: dict[tuple[int, str], int | None] = {}
        self.prices: dict[int, list[int]] = defaultdict(list)
        self.counts: dict[tuple[int, str], int] = defaultdict(int)
        self.booked_until: dict[int, str] = {}
        self.contacts: dict[int, list[ContactFact]] = defaultdict(list)
        self.overrides: dict[int, int | None] = {}
        self.done: dict[int, list[DoneRow]] = defaultdict(list)  # for clientbook.services.lives
        self.overrides.update(facts_db.interval_overrides(database, ids))
        self.services = services = facts_db.service_tracks(database)
        day_of: dict[str, date] = {}  # one date per day: a chain's rebuild reads 1.5M visits
        last_visit_id = last_client = None  # a visit with two services comes as two rows
        days = prices = None  # the current client's, filled row by row
        # One pass over the batch's visits, in the client index's order: the completed
        # ones make the rhythm; the others are counted, and bookings mark who is coming.
        for cid, visit_id, text, price, status, service, master in facts_db.visit_rows(database, ids):
            if cid != last_client:
                last_client, days, prices = cid, [], []
                self.visit_days[cid], self.prices[cid] = days, prices
            first_row = visit_id != last_visit_id
            last_visit_id = visit_id
            if status != "done":
                if first_row:
                    self.counts[cid, status] += 1
                    if status in ("planned", "tentative"):
                        self.booked_until[cid] = max(self.booked_until.get(cid, ""), text)
                continue
            day = day_of.get(text)
            if day is None:
                day = day_of[text] = date.fromisoformat(text)
            self.done[cid].append((day, first_row, price, master, service))  # a DoneRow, as a bare tuple: 1.5M rows
            if first_row:
                days.append(day)
                prices.append(price or 0)
            if service is not None:
                track, service_days = services[service]
                self.track_days[cid, track].append(day)
                self.track_service_days[cid, track] = service_days  # the latest visit's service decides
        for cid, days in self.visit_days.items():
            self.counts[cid, "done"] = len(days)
        for cid, at, outcome, callback_on, closes in facts_db.contact_rows(database, ids):
            self.contacts[cid].append(ContactFact(
                datetime.fromisoformat(at), outcome,
                date.fromisoformat(callback_on) if callback_on else None, bool(closes),
            ))


def refresh_clients(database, client_ids: Iterable[int], *, rescore: bool = True) -> None:
    """Recompute the figures of these clients (call inside the writer's transaction), and
    mark them for the return model to rescore on its next read (unless `rescore` is False:
    a rebuild rescores everyone after, and a call changes no chances: they come from her
    completed visits alone)."""
    # In id order: every writer holds the clients it refreshes in the same order (no deadlock).
    _refresh(database, sorted(set(client_ids)), rescore=rescore, lives="replace")


def _refresh(database, ids: list[int], *, rescore: bool, lives: str | None) -> None:
    """refresh_clients(); their lives as the reports count them (clientbook.services.lives)
    too: "replace" what they had, "add" to tables a rebuild emptied, or None, for a book on
    its way to an older level, which has no tables for them."""
    if not ids:
        return
    limits, settings = thresholds(database), call_settings(database)
    studio_days = studio_interval_days(database)
    for start in range(0, len(ids), CHUNK):
        batch = ids[start : start + CHUNK]
        facts_db.hold_clients(database, batch)  # before their facts are read: one refresh at a time
        facts = _Facts(database, batch)
        _write(database, batch, facts, limits, settings, studio_days)
        if lives:
            store_lives(database, batch, facts.done, facts.services, limits, studio_days, facts.overrides,
                        replace=lives == "replace")
        if rescore:
            mark_stale(database, batch)


def _write(database, ids, facts: _Facts, limits, settings, studio_days) -> None:
    track_rows, figure_rows = [], []
    no_contacts = contact_state([], None, settings)  # most clients were never called
    tracks_of: dict[int, list[str]] = defaultdict(list)
    for cid, track in facts.track_days:
        tracks_of[cid].append(track)
    for cid in ids:
        override = facts.overrides.get(cid)
        lost_dates = []
        for track in sorted(tracks_of[cid]):
            days = list(dict.fromkeys(facts.track_days[cid, track]))  # in order: read sorted
            service_days = facts.track_service_days[cid, track]
            interval = interval_from_gaps(
                recent_gaps(days), manual_days=override, service_days=service_days,
                studio_days=studio_days,
            )
            last = days[-1]
            on = tier_dates(last, interval.days, limits)
            lost_dates.append(on["lost"])
            track_rows.append((
                cid, track, len(days), last.isoformat(), interval.learned_days,
                interval.spread_days, interval.days, interval.source,
                on["due_soon"].isoformat(), on["due"].isoformat(),
                on["at_risk"].isoformat(), on["lost"].isoformat(),
            ))
        visit_days = list(dict.fromkeys(facts.visit_days.get(cid, [])))
        overall = interval_from_gaps(
            recent_gaps(visit_days), manual_days=override,
            service_days=stand_in_days(
                (facts.track_service_days[cid, track] for track in tracks_of[cid]), studio_days),
            studio_days=studio_days,
        )
        prices = facts.prices.get(cid, [])
        cycle_start = max(visit_days) if visit_days else None
        contacts = facts.contacts.get(cid)
        state = contact_state(contacts, cycle_start, settings) if contacts else no_contacts
        done = facts.counts.get((cid, "done"), 0)
        figure_rows.append((
            cid, done, facts.counts.get((cid, "no_show"), 0),
            facts.counts.get((cid, "cancelled"), 0),
            min(visit_days).isoformat() if visit_days else None,
            cycle_start.isoformat() if cycle_start else None,
            sum(prices), round(sum(prices) / len(prices)) if prices else None,
            overall.learned_days, overall.spread_days,
            overall.days if visit_days else None, overall.source if visit_days else None,
            len(tracks_of[cid]), max(lost_dates).isoformat() if lost_dates else None,
            int(done >= REGULAR_VISITS), facts.booked_until.get(cid),
            state.callback_on.isoformat() if state.callback_on else None,
            state.quiet_until.isoformat() if state.quiet_until else None,
            state.attempts, state.unanswered_messages, int(state.declined), int(state.closed),
            int(state.wrong_number), int(state.callable(settings)),
            state.last_contact_at.isoformat(sep=" ") if state.last_contact_at else None,
            state.last_outcome,
        ))
    figures_db.replace(database, ids, track_rows, figure_rows)


def rebuild_all(database) -> None:
    """Recompute every client's figures from the facts, in one transaction (the caller's,
    when it has one): a failure halfway leaves the figures, their indexes and keys as they were.

    The figures' indexes are dropped and made again at the end: building an index once
    is cheaper than keeping it in order through 100,000 inserts (0.3 s of a chain's 5 s),
    and deleting 1.5 million lives' rows one by one while an index is kept (5 s).
    """
    with database.atomic():
        lives = lives_present(database)
        tables = ("client_tracks", "client_figures", *(LIVES_TABLES if lives else ()))
        indexes = figures_db.drop_indexes(database, tables)
        figures_db.clear(database)
        if lives:
            clear_lives(database)
        last = 0
        while True:
            ids = facts_db.client_ids_after(database, last, CHUNK)
            if not ids:
                break
            _refresh(database, ids, rescore=False, lives="add" if lives else None)
            last = ids[-1]
        figures_db.make_indexes(database, indexes)
