"""The day's sessions and the small changes a master makes between clients."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from clientbook.domain.calls import birthday_on
from clientbook.domain.names import full_name
from clientbook.domain.text import clean_notes
from clientbook.errors import UserError
from clientbook.i18n import N_, _, birthday, ngettext, slot
from clientbook.services.card_text import status_label
from clientbook.services.figures import refresh_clients
from clientbook.services.visit_booking import check_reopened
from clientbook.services.visits import check_visit_day
from db import today as today_db

# A cancelled booking is not a session; a no-show stays visible for the day's record.
SESSION_STATUSES = ("planned", "tentative", "done", "no_show")


@dataclass(frozen=True)
class Session:
    visit_id: int
    client_id: int
    starts_at: datetime
    status: str
    name: str
    services: tuple[str, ...]
    master: str | None
    has_alerts: bool


def sessions(database, day: date, master_id: int | None = None) -> list[Session]:
    """The sessions booked for `day`, in time order; only one master's when given."""
    rows = today_db.sessions_between(database, day.isoformat(), (day + timedelta(days=1)).isoformat(),
                                     SESSION_STATUSES, master_id)
    return [
        Session(r[0], r[1], datetime.fromisoformat(r[2]), r[3], full_name(r[4], r[5], r[6]),
                tuple(r[9].split(", ")) if r[9] else (), r[7], bool(r[8]))
        for r in rows
    ]


def masters(database) -> list[tuple[int, str]]:
    """The studio's active masters, by name: to narrow the day to one of them."""
    return today_db.active_masters(database)


def mark_asked(database, point_id: int, at: datetime, answer: str = "") -> None:
    """A talking point asked about is retired: it leaves the brief, stays on the card with
    the client's answer, if one was noted, and the moment it was asked."""
    with database.atomic():
        changed = today_db.retire_talking_point(database, point_id, at.isoformat(sep=" ", timespec="seconds"),
                                                clean_notes(answer))
    if not changed:
        raise UserError(_("That talking point has already been asked about."))


# Closing the day: what each key makes of a session, said in the toast.
CLOSING = {
    "done": N_("{name} came: the visit is done."),
    "no_show": N_("{name} did not come: a no-show."),
    "cancelled": N_("{name}: the booking is cancelled."),
}


@dataclass(frozen=True)
class StatusChange:
    """A session's status changed on Today: enough to say it and to take it back."""

    visit_id: int
    client_id: int
    name: str
    before: str
    after: str


def close_session(database, visit_id: int, shown: str, status: str, today: date) -> StatusChange:
    """Mark a session came (done), no-show or cancelled, while it still has the status `shown`;
    the client's figures follow in the same transaction. A booking still to come on a later
    day cannot be marked done."""
    if status not in CLOSING:
        raise UserError(_("“{status}” does not close a session (one of: {statuses}).").format(
            status=status, statuses=", ".join(CLOSING)))
    with database.atomic():
        found = today_db.session(database, visit_id)
        if found is None:
            raise UserError(_("That session is no longer in the book."))
        client_id, starts_at, now_status, first, last, patronymic = found
        name = full_name(first, last, patronymic)
        if shown == status:
            raise UserError(_("{name}: the session is already marked {status}.").format(
                name=name, status=status_label(status)))
        check_visit_day(status, datetime.fromisoformat(starts_at), today)
        if now_status != shown or not today_db.change_status(database, visit_id, shown, status):
            raise UserError(_("{name}: the session was changed elsewhere (now: {status}); nothing was changed.")
                            .format(name=name, status=status_label(now_status)))
        refresh_clients(database, [client_id])
    return StatusChange(visit_id, client_id, name, shown, status)


def undo_close(database, change: StatusChange) -> None:
    """Put a session back as it was before `change`, while it is still as the change left it."""
    with database.atomic():
        check_reopened(database, change.visit_id, change.before)  # its time may have gone to another since
        if not today_db.change_status(database, change.visit_id, change.after, change.before):
            raise UserError(_("{name}: the session was changed elsewhere since; nothing to undo.")
                            .format(name=change.name))
        refresh_clients(database, [change.client_id])


def closed_sentence(change: StatusChange) -> str:
    return _(CLOSING[change.after]).format(name=change.name)


def undone_close_sentence(change: StatusChange) -> str:
    return _("Undone: {name} — {what}").format(name=change.name, what=status_label(change.before))


def cancel_question(session: Session) -> str:
    """Asked before a session is cancelled: whose, and when."""
    return _("Cancel the booking: {name}, {moment}?").format(name=session.name, moment=slot(session.starts_at))


@dataclass(frozen=True)
class BirthdayLine:
    client_id: int
    name: str
    on: date  # this year's day (28 February for a 29 February in a common year)
    age: int | None  # the age they turn, when the year is known


def birthdays_ahead(database, today: date, days: int = 7) -> list[BirthdayLine]:
    """The clients whose birthday falls in the `days` days from today (today included), by day."""
    window = [today + timedelta(days=n) for n in range(days)]
    keys = {(d.month, d.day) for d in window}
    # A 29 February is kept on the 28th in a common year.
    keys |= {(2, 29) for d in window if (d.month, d.day) == (2, 28) and birthday_on(29, 2, d.year) == d}
    found = []
    for client_id, first, last, patronymic, day_, month, year in today_db.birthdays_on(database, sorted(keys)):
        on = next(d for d in (birthday_on(day_, month, y) for y in (today.year, today.year + 1)) if d in window)
        found.append(BirthdayLine(client_id, full_name(first, last, patronymic), on, on.year - year if year else None))
    return sorted(found, key=lambda line: line.on)


def birthday_sentence(line: BirthdayLine, today: date) -> str:
    """"November 25: Ёлкина Анна turns 36"; today's says "today"."""
    when = _("today") if line.on == today else birthday(f"--{line.on.month:02d}-{line.on.day:02d}")
    if line.age is None:
        return _("{day}: {name}").format(day=when, name=line.name)
    return ngettext("{day}: {name} turns {age}", "{day}: {name} turns {age}", line.age).format(
        day=when, name=line.name, age=line.age)


BIRTHDAY_LINES = 3  # under the day's sessions: the rest is counted, not cut off unseen


def birthdays_text(lines: list[BirthdayLine], today: date, shown: int = BIRTHDAY_LINES) -> str:
    """The week's birthdays under Today's sessions: a heading, the first `shown`, then how
    many more; empty when there are none."""
    if not lines:
        return ""
    said = [_("Birthdays in the next 7 days:")] + [birthday_sentence(line, today) for line in lines[:shown]]
    if len(lines) > shown:
        more = len(lines) - shown
        said.append(ngettext("+{count} more", "+{count} more", more).format(count=more))
    return "\n".join(said)


def answer_prompt(point: str) -> str:
    """The question under which a talking point's answer is noted (the answer may be empty)."""
    return _("Their answer to “{point}” (may be left empty):").format(point=point)
