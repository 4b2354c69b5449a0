"""Every contact leaves a trace: recording a call's outcome and what follows from it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from clientbook.domain.dates import DateError, check_from_today
from clientbook.domain.text import clean_line, clean_notes, fold
from clientbook.errors import UserError
from clientbook.services.figures import refresh_clients
from db.models import OUTCOMES  # the outcomes a call can have, for the interfaces too

DEFAULT_BOOKING_TIME = time(10, 0)


def find_reason(database, text: str) -> int:
    """A reason by its code or its name (English or Russian, any case, ё = е)."""
    wanted = fold(clean_line(text))
    for reason_id, code, name, name_ru in database.execute_sql(
        "SELECT id, code, name, name_ru FROM reasons"
    ):
        if wanted in (fold(code), fold(name), fold(name_ru)):
            return reason_id
    codes = ", ".join(r[0] for r in database.execute_sql("SELECT code FROM reasons ORDER BY id"))
    raise UserError(f"“{text}” is not a reason for leaving (one of: {codes}).")


def reason_choices(database, language: str) -> list[tuple[str, str]]:
    """The studio's active reasons for leaving as (code, name in `language`), in their order."""
    rows = database.execute_sql(
        "SELECT code, name, name_ru FROM reasons WHERE active = 1 ORDER BY id").fetchall()
    return [(code, name_ru if language == "ru" and name_ru else name) for code, name, name_ru in rows]


@dataclass(frozen=True)
class Outcome:
    """One call's result as the admin records it."""

    outcome: str
    on: date | datetime | None = None  # the call-back date, or the booking's date and time
    reason: str = ""  # a reason code or name: why they declined (as stated)
    suspected_reason: str = ""  # what the studio thinks the real reason is
    would_return: str = ""  # what would bring them back
    offer: str = ""
    note: str = ""
    channel: str = "call"


def check(outcome: Outcome, today: date) -> None:
    """Refuse an outcome that makes no sense, with the sentence the admin needs."""
    if outcome.outcome not in OUTCOMES:
        raise UserError(f"“{outcome.outcome}” is not an outcome (one of: {', '.join(OUTCOMES)}).")
    day = outcome.on.date() if isinstance(outcome.on, datetime) else outcome.on
    if outcome.outcome == "callback" and day is None:
        raise UserError("A call-back needs its date: --on YYYY-MM-DD.")
    if outcome.outcome == "booked" and day is None:
        raise UserError("A booking needs its date: --on YYYY-MM-DD [HH:MM].")
    if outcome.outcome in ("callback", "booked"):
        try:
            check_from_today(day, today)
        except DateError as error:
            raise UserError(str(error)) from None
    if outcome.outcome == "declined" and not outcome.reason:
        raise UserError("Say why they declined: --reason CODE (for example price, moved_away).")


def record_contact(database, client_id: int, at: datetime, outcome: Outcome) -> int:
    """Write one contact and its direct effects (inside the caller's transaction).

    The caller refreshes the client's figures afterwards; imports batch that.
    """
    reason_id = find_reason(database, outcome.reason) if outcome.reason else None
    suspected_id = (
        find_reason(database, outcome.suspected_reason) if outcome.suspected_reason else None
    )
    visit_id = None
    if outcome.outcome == "booked" and outcome.on is not None:
        starts = outcome.on
        if not isinstance(starts, datetime):
            starts = datetime.combine(starts, DEFAULT_BOOKING_TIME)
        visit_id = database.execute_sql(
            "INSERT INTO visits (client_id, starts_at, status, created_at) "
            "VALUES (?, ?, 'planned', ?)",
            (client_id, starts.isoformat(sep=" "), at.isoformat(sep=" ")),
        ).lastrowid
    if outcome.outcome == "do_not_contact":
        database.execute_sql("UPDATE clients SET do_not_contact = 1 WHERE id = ?", (client_id,))
    callback_on = outcome.on if outcome.outcome == "callback" else None
    if isinstance(callback_on, datetime):
        callback_on = callback_on.date()
    return database.execute_sql(
        "INSERT INTO contacts (client_id, at, channel, outcome, reason_id, suspected_reason_id, "
        "callback_on, would_return, offer, note, visit_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            client_id, at.isoformat(sep=" "), outcome.channel, outcome.outcome, reason_id,
            suspected_id, callback_on.isoformat() if callback_on else None,
            clean_notes(outcome.would_return), clean_notes(outcome.offer),
            clean_notes(outcome.note), visit_id,
        ),
    ).lastrowid


def log_call(database, client_id: int, outcome: Outcome, now: datetime) -> int:
    """Record a call made now, with its effects and the client's figures, all or nothing."""
    check(outcome, now.date())
    with database.atomic():
        contact_id = record_contact(database, client_id, now.replace(microsecond=0), outcome)
        refresh_clients(database, [client_id])
    return contact_id
