"""A booking made on a call: its moment, services and master, checked against the master's day.

A new booking defaults to what the client usually has (services.usual_visit); a pencilled
booking waiting to be confirmed offers its own. Either way its moment must be free.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from clientbook.domain.dates import DateError, check_from_today, parse_when
from clientbook.i18n import _
from clientbook.services.brief import script_offer
from clientbook.services.settings import call_settings
from clientbook.services.slots import BookingPlan, check_free, only_master, plan_booking
from clientbook.services.usual_visit import usual_visit
from db import calls as calls_db

DEFAULT_BOOKING_TIME = time(10, 0)


def pencilled_booking(database, client_id: int, today: date) -> tuple[int, datetime] | None:
    """The client's pencilled booking the call list asks to confirm: (visit id, when).

    The first one from today within the studio's confirm window (`confirm_days`), as the
    call list's "confirm" row shows it.
    """
    until = today + timedelta(days=call_settings(database).confirm_days + 1)
    found = calls_db.first_pencilled_booking(database, client_id, today.isoformat(), until.isoformat())
    return (found[0], datetime.fromisoformat(found[1])) if found else None


def booking_moment(on: date | datetime | None, pencilled: datetime | None) -> datetime:
    """When a "booked" call books: the moment said; a day alone keeps the pencilled
    booking's time (else the studio's first hour); nothing said keeps the pencilled one."""
    if isinstance(on, datetime):
        return on
    if on is None:
        return pencilled
    return datetime.combine(on, pencilled.time() if pencilled else DEFAULT_BOOKING_TIME)


@dataclass(frozen=True)
class BookingDefaults:
    """What the booking dialog (or `log-call` without --service/--master) starts from."""

    services: tuple[str, ...]
    master: str
    pencilled: tuple[int, datetime] | None  # the booking a "booked" call confirms, if any
    offered: tuple[datetime, ...] = ()  # the slots the call script offers: the dialog lists them first


def booking_defaults(database, client_id: int, today: date) -> BookingDefaults:
    """A pencilled booking's own services and master, else the client's usual ones (the
    studio's only master when she has no usual one)."""
    pencilled = pencilled_booking(database, client_id, today)
    if pencilled is not None:
        _details, master, services, _minutes = calls_db.booking_details(database, pencilled[0])
        return BookingDefaults(services, master or "", pencilled)
    usual = usual_visit(database, client_id)
    solo = only_master(database) if not usual.master else None
    return BookingDefaults(usual.services, usual.master or (solo.name if solo else ""), None,
                           script_offer(database, client_id, today))


def stored_plan(database, visit_id: int) -> tuple[BookingPlan, calls_db.BookingDetails]:
    """A booking's services and master as the book holds them (archived names too), and its
    details as stored, to put back."""
    details, master, services, minutes = calls_db.booking_details(database, visit_id)
    master_id, price, duration, lines = details
    return BookingPlan(services, master or "", master_id, lines, price, duration or minutes), details


def _details(plan: BookingPlan) -> calls_db.BookingDetails:
    return plan.master_id, plan.price_cents, plan.duration_min, plan.lines


@dataclass(frozen=True)
class CheckedBooking:
    """A "booked" call ready to be written: the moment, what for, and what it confirms."""

    when: datetime
    plan: BookingPlan
    pencilled: tuple[int, datetime] | None
    before: calls_db.BookingDetails | None  # a confirmed booking's details, when the call changes them


def check_booking(database, services: tuple[str, ...], master: str, on: date | datetime | None,
                  pencilled: tuple[int, datetime] | None, now: datetime) -> CheckedBooking:
    """Read the services and master against the studio's lists and check the moment is free
    for that master (a booking being confirmed is not in its own way); UserError otherwise.

    Confirming with no services and no master named keeps the booking's own.
    """
    when = booking_moment(on, pencilled[1] if pencilled else None)
    stored, details = stored_plan(database, pencilled[0]) if pencilled else (None, None)
    plan = stored if stored is not None and not services and not master else plan_booking(database, services, master)
    as_it_stands = pencilled is not None and when == pencilled[1] and plan is stored
    check_free(database, plan, when, now, ignore_visit=pencilled[0] if pencilled else None,
               hours=not as_it_stands)  # the client's "yes" to a booking made is recorded even if the week changed since
    changed = stored is not None and (stored.master_id, {line[0] for line in stored.lines}) != (
        plan.master_id, {line[0] for line in plan.lines})  # a price list's new price alone changes nothing
    return CheckedBooking(when, plan, pencilled, details if changed else None)


def write_booking(database, client_id: int, booking: CheckedBooking, at: datetime) -> int:
    """Confirm (and maybe move or change) the pencilled booking, or add a new one; its id."""
    moment = booking.when.isoformat(sep=" ")
    if booking.pencilled is None:
        plan = booking.plan
        return calls_db.add_call_booking(database, client_id, moment, at.isoformat(sep=" "), plan.master_id,
                                         plan.price_cents, plan.duration_min, plan.lines)
    visit_id = booking.pencilled[0]
    calls_db.confirm_booking(database, visit_id, moment)
    if booking.before is not None:
        calls_db.set_booking_details(database, visit_id, moment, "planned", _details(booking.plan))
    return visit_id


def read_booking_moment(text: str, today: date) -> datetime:
    """A booking's day and time as typed ("01.12.2026 15:00", "1.12 15:00"), today or later;
    a DateError says what is wrong."""
    if not text.strip():
        raise DateError(_("Choose a free slot from the list, or type the day and time (for example {example})."
                          ).format(example=f"{today + timedelta(days=1):%d.%m.%Y} 15:00"))
    when = parse_when(text, today, need_time=True)
    check_from_today(when.date(), today)
    return when
