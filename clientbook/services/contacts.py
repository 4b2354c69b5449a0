"""Every contact leaves a trace: recording a call's outcome and what follows from it."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from clientbook.domain.dates import DateError, check_from_today, date_examples
from clientbook.domain.text import clean_line, clean_notes, fold
from clientbook.errors import UserError
from clientbook.i18n import N_, _, day, language, moment, slot
from clientbook.services.bookings import (
    CheckedBooking,
    booking_defaults,
    booking_moment,
    check_booking,
    pencilled_booking,
    write_booking,
)
from clientbook.services.card_text import outcome_label
from clientbook.services.figures import refresh_clients
from db import calls as calls_db
from db import reasons as reasons_db
from db.models import OUTCOMES  # the outcomes a call can have, for the interfaces too


def find_reason(database, text: str) -> int:
    """A reason by its code or its name (English or Russian, any case, ё = е)."""
    wanted = fold(clean_line(text))
    for reason_id, code, name, name_ru in reasons_db.every(database):
        if wanted in (fold(code), fold(name), fold(name_ru)):
            return reason_id
    names = ", ".join(name for _code, name in reason_choices(database, language()))
    raise UserError(_("“{text}” is not a reason for leaving (one of: {reasons}).").format(
        text=clean_line(text), reasons=names))


def reason_choices(database, language: str) -> list[tuple[str, str]]:
    """The studio's active reasons for leaving as (code, name in `language`), in their order."""
    return [(code, name_ru if language == "ru" and name_ru else name)
            for code, name, name_ru in reasons_db.active(database)]


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
    services: tuple[str, ...] = ()  # a booking's services: the start of a name on the price list
    master: str = ""  # a booking's master: the start of an active master's name; "" for none


def check(outcome: Outcome, today: date, pencilled: datetime | None = None) -> None:
    """Refuse an outcome that makes no sense, with the sentence the admin needs.

    `pencilled`: the client's booking waiting to be confirmed, if any; "booked" without
    a date confirms it as it stands.
    """
    if outcome.outcome not in OUTCOMES:
        raise UserError(_("“{outcome}” is not an outcome (one of: {outcomes}).").format(
            outcome=outcome.outcome, outcomes=", ".join(outcome_label(code) for code in OUTCOMES)))
    day = outcome.on.date() if isinstance(outcome.on, datetime) else outcome.on
    if outcome.outcome == "callback" and day is None:
        raise UserError(_("A call-back needs its date: --on, for example {examples}.").format(
            examples=date_examples(today)))
    if outcome.outcome == "booked" and day is None and pencilled is None:
        raise UserError(_("A booking needs its date and time: --on, for example {examples}.").format(
            examples=date_examples(today, with_time=True)))
    if outcome.outcome in ("callback", "booked") and day is not None:
        try:
            check_from_today(day, today)
        except DateError as error:
            raise UserError(str(error)) from None
    if outcome.outcome == "declined" and not outcome.reason:
        raise UserError(_("Say why they declined: --reason, for example {examples}.").format(
            examples=_("“price” or “moved away”")))


def _what_was_recorded(recorded: Recorded) -> str:
    """The call's outcome for a toast, with a booking's or a call-back's moment."""
    outcome = recorded.outcome
    if recorded.booked_at is not None:
        return _("booked for {moment}").format(moment=slot(datetime.fromisoformat(recorded.booked_at)))
    if outcome.outcome == "callback" and outcome.on is not None:
        on = outcome.on.date() if isinstance(outcome.on, datetime) else outcome.on
        return _("call back on {day}").format(day=day(on, "long"))
    return outcome_label(outcome.outcome)


def recorded_sentence(name: str, recorded: Recorded) -> str:
    """What the admin is told once a call is recorded: who, and what, with its moment."""
    return _("Recorded: {name} — {what}").format(name=name, what=_what_was_recorded(recorded))


# Outcomes that close the door on a client: asked about before they are recorded.
WEIGHTY_OUTCOMES = {
    # The name after a colon: no case to agree with, in either language.
    "do_not_contact": N_("Do not contact: {name}? They leave every list."),
    "wrong_number": N_("Wrong number: {name}? They leave the list until it is fixed."),
}


def logged_sentence(client_id: int, recorded: Recorded) -> str:
    """What `log-call` says when it has recorded a call: the client's id, and the booking's."""
    outcome = outcome_label(recorded.outcome.outcome)
    if recorded.booking is not None:
        return _("Recorded {outcome} for client {client}: visit {visit} at {moment}.").format(
            outcome=outcome, client=client_id, visit=recorded.booking,
            moment=moment(datetime.fromisoformat(recorded.booked_at)))
    return _("Recorded {outcome} for client {client}.").format(outcome=outcome, client=client_id)


def weighty_question(name: str, outcome: str) -> str | None:
    """The question to ask before recording `outcome`, or None when one key is enough."""
    question = WEIGHTY_OUTCOMES.get(outcome)
    return _(question).format(name=name) if question else None


def record_contact(database, client_id: int, at: datetime, outcome: Outcome,
                   confirming: tuple[int, datetime] | None = None,
                   booking: CheckedBooking | None = None) -> tuple[int, int | None]:
    """Write one contact and its direct effects (inside the caller's transaction).

    "booked" writes `booking` (checked by check_booking) when given; else it confirms the
    pencilled booking `confirming` (moved to the moment said, if another) instead of adding
    a second one. Returns the contact's id and its booking's. The caller refreshes the
    client's figures afterwards; imports batch that.
    """
    reason_id = find_reason(database, outcome.reason) if outcome.reason else None
    suspected_id = (
        find_reason(database, outcome.suspected_reason) if outcome.suspected_reason else None
    )
    visit_id = None
    if outcome.outcome == "booked" and booking is not None:
        visit_id = write_booking(database, client_id, booking, at)
    elif outcome.outcome == "booked" and confirming is not None:
        visit_id, pencilled = confirming
        calls_db.confirm_booking(database, visit_id, booking_moment(outcome.on, pencilled).isoformat(sep=" "))
    elif outcome.outcome == "booked" and outcome.on is not None:
        visit_id = calls_db.add_call_booking(database, client_id, booking_moment(outcome.on, None).isoformat(sep=" "),
                                             at.isoformat(sep=" "))
    if outcome.outcome == "do_not_contact":
        calls_db.set_do_not_contact(database, client_id, True)
    callback_on = outcome.on if outcome.outcome == "callback" else None
    if isinstance(callback_on, datetime):
        callback_on = callback_on.date()
    contact_id = calls_db.insert_contact(database, {
        "client_id": client_id, "at": at.isoformat(sep=" "), "channel": outcome.channel,
        "outcome": outcome.outcome, "reason_id": reason_id, "suspected_reason_id": suspected_id,
        "callback_on": callback_on.isoformat() if callback_on else None,
        "would_return": clean_notes(outcome.would_return), "offer": clean_notes(outcome.offer),
        "note": clean_notes(outcome.note), "visit_id": visit_id,
    })
    return contact_id, visit_id


@dataclass(frozen=True)
class Recorded:
    """A call just recorded, with what it changed: enough to take it back (undo_call)."""

    contact_id: int
    client_id: int
    outcome: Outcome
    booking: int | None = None  # the visit the call booked or confirmed
    booked_at: str | None = None  # that visit's moment as the call left it
    pencilled_at: str | None = None  # a confirmed booking's moment before the call
    details_before: tuple | None = None  # a confirmed booking's master, price, length, services before the call
    details_after: tuple | None = None  # the booking's master, price, length, services as the call left them
    booked_services: tuple[str, ...] = ()  # the booking's services and master, as the price list names them
    booked_master: str = ""
    marked_do_not_contact: bool = False


def log_call(database, client_id: int, outcome: Outcome, now: datetime) -> Recorded:
    """Record a call made now, with its effects and the client's figures, all or nothing.

    "booked" for a client whose pencilled booking waits to be confirmed confirms that
    booking: no second visit is made.
    """
    with database.atomic():
        pencilled = pencilled_booking(database, client_id, now.date()) if outcome.outcome == "booked" else None
        check(outcome, now.date(), pencilled[1] if pencilled else None)
        was_do_not_contact = calls_db.do_not_contact(database, client_id)
        if was_do_not_contact is None:
            raise UserError(_("That client is no longer in the book."))
        checked = (check_booking(database, outcome.services, outcome.master, outcome.on, pencilled, now)
                   if outcome.outcome == "booked" else None)
        contact_id, booking = record_contact(database, client_id, now.replace(microsecond=0), outcome,
                                             booking=checked)
        left = calls_db.booking_details(database, booking)[0] if booking is not None else None
        # A call changes her place on the list, never her chances: those come from her
        # completed visits alone, so she is not rescored.
        refresh_clients(database, [client_id], rescore=False)
    return Recorded(
        contact_id, client_id, outcome, booking=booking,
        booked_at=checked.when.isoformat(sep=" ") if checked else None,
        pencilled_at=pencilled[1].isoformat(sep=" ") if pencilled else None,
        details_before=checked.before if checked else None, details_after=left,
        booked_services=checked.plan.services if checked else (), booked_master=checked.plan.master if checked else "",
        marked_do_not_contact=outcome.outcome == "do_not_contact" and not was_do_not_contact,
    )


def with_usual(database, client_id: int, outcome: Outcome, today: date) -> Outcome:
    """A "booked" call that names no service and no master books what the client usually
    has (a pencilled booking being confirmed keeps its own)."""
    if outcome.outcome != "booked" or outcome.services or outcome.master:
        return outcome
    found = booking_defaults(database, client_id, today)
    if found.pencilled is not None:
        return outcome  # confirmed as it was pencilled, even with a service since archived
    return replace(outcome, services=found.services, master=found.master)


def check_booked(database, client_id: int, outcome: Outcome, now: datetime) -> None:
    """The checks `log_call` makes of a "booked" call, without writing: UserError with the
    sentence to show (the booking dialog asks before it closes)."""
    pencilled = pencilled_booking(database, client_id, now.date())
    check(outcome, now.date(), pencilled[1] if pencilled else None)
    check_booking(database, outcome.services, outcome.master, outcome.on, pencilled, now)


def undo_call(database, recorded: Recorded) -> None:
    """Take back a call just recorded and what it did, all or nothing.

    Only what the call changed is put back, and only while it is as the call left it: a
    booking since closed or moved by someone else stays as they made it.
    """
    with database.atomic():
        if not calls_db.remove_contact(database, recorded.contact_id):
            raise UserError(_("That call is no longer in the book: nothing to undo."))
        if recorded.booking is not None:
            _undo_booking(database, recorded)
        if recorded.marked_do_not_contact:
            calls_db.set_do_not_contact(database, recorded.client_id, False)
        refresh_clients(database, [recorded.client_id], rescore=False)  # as log_call


def _undo_booking(database, recorded: Recorded) -> None:
    """Remove the booking the call made, or pencil back in the one it confirmed (with its
    master and services before the call); UserError when that cannot be done as it was."""
    changed = UserError(_("The booking has been changed since that call: nothing was undone."))
    if recorded.pencilled_at is None:
        if not calls_db.remove_call_booking(database, recorded.booking, recorded.booked_at, recorded.details_after):
            raise changed
        return
    left = recorded.details_after
    if recorded.details_before is not None:
        if not calls_db.details_in_book(database, recorded.details_before):
            raise UserError(_("The booking cannot be put back: its master or a service has left the book since."))
        if not calls_db.set_booking_details(database, recorded.booking, recorded.booked_at, "planned",
                                            recorded.details_before, left=left):
            raise changed
        left = recorded.details_before
    if not calls_db.unconfirm_booking(database, recorded.booking, recorded.booked_at, recorded.pencilled_at, left):
        raise changed


def undone_sentence(name: str, recorded: Recorded) -> str:
    return _("Undone: {name} — {what}").format(name=name, what=_what_was_recorded(recorded))
