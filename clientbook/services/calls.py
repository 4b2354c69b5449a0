"""The daily call list, and recording what came of each call."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from clientbook.domain.calls import COURSE_CALL_DAYS, birthday_keys, next_step, worth_key
from clientbook.domain.names import full_name
from clientbook.i18n import _, day
from clientbook.services.outlook import ensure_fresh, scoring
from clientbook.services.settings import call_settings
from db import queries

NO_CAP = -1  # SQLite's LIMIT -1: everything


@dataclass(frozen=True)
class CallItem:
    id: int
    external_id: str | None
    name: str
    phone: str | None
    reason: str  # callback | confirm | course | birthday | due | at_risk | lost
    track: str | None
    last_visit: date | None
    usual_interval_days: float | None
    days_since_last_visit: int | None
    overdue_ratio: float | None
    regular: bool
    average_cents: int | None
    call_value: float | None  # what a call can save (services/outlook.py); None while the book has no chances
    next_step: str  # "call" after two unanswered messages, else "message_or_call"
    when: str | None  # the promised call-back date, the booking to confirm, the course's last day
    open_complaint: bool = False  # a complaint not closed yet: she comes first

    def as_json(self) -> dict:
        return {
            "id": self.id, "external_id": self.external_id, "name": self.name,
            "phone": self.phone, "reason": self.reason, "track": self.track,
            "last_visit": self.last_visit.isoformat() if self.last_visit else None,
            "usual_interval_days": self.usual_interval_days,
            "days_since_last_visit": self.days_since_last_visit,
            "overdue_ratio": self.overdue_ratio, "regular": self.regular,
            "average_cents": self.average_cents, "next_step": self.next_step,
            "when": self.when, "open_complaint": self.open_complaint,
        }


@dataclass(frozen=True)
class CallList:
    today: date
    items: list[CallItem]


def _item(row: queries.CallRow, today: date, track: tuple | None = None) -> CallItem:
    name, last, interval = row.track, row.track_last_visit, row.track_interval_days
    if track:
        name, last, interval = track
    if last is None:
        last, interval = row.last_visit, row.interval_days
    last_day = date.fromisoformat(last[:10]) if last else None
    days_since = (today - last_day).days if last_day else None
    ratio = round(days_since / interval, 2) if days_since is not None and interval else None
    return CallItem(
        id=row.id, external_id=row.external_id,
        name=full_name(row.first_name, row.last_name, row.patronymic), phone=row.phone,
        reason=row.reason, track=name, last_visit=last_day,
        usual_interval_days=round(interval, 1) if interval else None,
        days_since_last_visit=days_since, overdue_ratio=ratio, regular=bool(row.regular),
        average_cents=row.average_cents, call_value=row.call_value,
        next_step=next_step(row.unanswered_messages),
        when=row.when,
    )


def call_list(database, today: date, limit: int | None = None) -> CallList:
    """Today's list: callbacks, confirmations and courses running out (never cut), then the
    rest by what a call can save (regulars first), the return model's figures refreshed first
    if they are not today's. A client with an open complaint comes first, whatever her reason.

    `limit` overrides the studio's daily cap; 0 means no cap.
    """
    settings = call_settings(database)
    ensure_fresh(database, today)
    cap = settings.daily_cap if limit is None else limit
    iso = today.isoformat()
    until = (today + timedelta(days=settings.confirm_days + 1)).isoformat()
    courses = queries.courses_ending(database, iso, (today + timedelta(days=COURSE_CALL_DAYS)).isoformat())
    fixed = queries.callbacks(database, iso) + queries.confirmations(database, iso, until) + courses
    greetings = queries.birthdays(database, iso, birthday_keys(today))
    # Each routine query is read in the list's own order, so a page of `cap` rows is enough:
    # a greeting is on the list anyway, and call-backs and bookings ahead keep a client off
    # the routine queries. Only a course running out can be listed already: read that many more.
    fetch = NO_CAP if cap == 0 else cap + len(courses)
    by_outlook, by_chances = scoring(database)
    due_rows = []
    for row in queries.overdue(database, iso, fetch, by_chances):
        reason = "at_risk" if row.when and row.when <= iso else "due"
        due_rows.append(queries.CallRow(**{**row.__dict__, "reason": reason, "when": None}))
    lost_rows = queries.lost(database, iso, settings.winback_min_visits, fetch, by_outlook)

    items, seen = [], set()
    for row in fixed:
        if row.id not in seen:
            seen.add(row.id)
            items.append(_item(row, today))
    overdue_of = {row.id: row for row in due_rows}
    tracks = queries.tracks_of(
        database, [r.id for r in greetings if r.id not in overdue_of], iso
    )
    routine = []
    for row in greetings:
        if row.id not in seen:
            seen.add(row.id)
            known = overdue_of.get(row.id)
            track = (known.track, known.track_last_visit, known.track_interval_days) if known else tracks.get(row.id)
            routine.append(_item(row, today, track))
    routine += [_item(row, today) for row in due_rows if row.id not in seen]
    seen |= {item.id for item in routine}
    routine.sort(key=lambda i: worth_key(i.regular, i.call_value, i.overdue_ratio, i.average_cents))
    rest = routine + [_item(row, today) for row in lost_rows if row.id not in seen]
    if cap:
        rest = rest[:cap]
    listed = items + rest
    complaining = queries.with_open_complaints(database, [item.id for item in listed])
    listed = [replace(item, open_complaint=True) if item.id in complaining else item for item in listed]
    listed.sort(key=lambda item: not item.open_complaint)  # stable: each keeps its place otherwise
    return CallList(today, listed)


def nobody_to_call(today: date) -> str:
    """What `clientbook calls` says of an empty list."""
    return _("Nobody to call on {day}.").format(day=day(today, "long"))
