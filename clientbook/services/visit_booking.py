"""A booking made by a person (the card's visit form, `clientbook visit`, a visit corrected) is
refused when its master is busy then or does not work then: services.slots.check_free's rule.

Only these interactive paths check it: `add_visit` and `insert_visit` themselves do not, so
an import or a test can bring a studio's history as it was.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from clientbook.domain.dates import suggested_day
from clientbook.errors import UserError
from clientbook.i18n import _
from clientbook.i18n import day as day_name
from clientbook.services.catalog import find_master
from clientbook.services.records import VisitLine
from clientbook.services.slots import BookingPlan, booking_slots, check_free
from clientbook.services.usual_visit import usual_visit
from clientbook.services.visits import (
    FORM_FIELDS,
    NewVisit,
    VisitProblem,
    add_visit,
    archived_names,
    list_duration,
    master_names,
    read_visit,
    service_names,
    set_status,
)
from db import card_edits as card_db

BOOKED = ("planned", "tentative")  # the statuses that hold a master's time ahead


def takes_time(visit: NewVisit, before: VisitLine | None = None) -> bool:
    """Whether this booking must be checked against the master's day: a new one, or one
    corrected in its time, master or services, or reopened from done, no-show or cancelled."""
    if visit.status not in BOOKED:
        return False
    if before is None or before.status not in BOOKED:
        return True
    return (visit.starts_at != before.starts_at or (visit.master or "") != (before.master or "")
            or sorted(visit.services) != sorted(before.services))


def check_booking_free(database, visit: NewVisit, now: datetime, before: VisitLine | None = None) -> None:
    """Refuse (VisitProblem on "when", the sentence naming the next free slot) a booking that
    overlaps its master's bookings or falls outside their working hours. `before`: the visit
    as it was, when corrected (it does not stand in its own way)."""
    if not takes_time(visit, before):
        return
    master = find_master(database, visit.master) if visit.master else None
    plan = BookingPlan(visit.services, master.name if master else "", master.id if master else None, (),
                       visit.price_cents, visit.duration_min or list_duration(database, visit.services))
    try:
        check_free(database, plan, visit.starts_at, now, ignore_visit=before.id if before else None)
    except UserError as error:
        raise VisitProblem("when", str(error)) from None


def check_reopened(database, visit_id: int, status: str, now: datetime | None = None) -> None:
    """A visit closed (done, no-show, cancelled) and made a booking again takes its master's
    time again: refused, naming the next free slot, when that time went to someone else
    since or is outside the master's week. `now`: from when a free slot is named (default:
    the start of the visit's day)."""
    row = card_db.row(database, "visits", visit_id)
    if status not in BOOKED or row is None or row["status"] in BOOKED:
        return
    services = tuple(card_db.service_names_of(database, visit_id))
    starts_at = datetime.fromisoformat(str(row["starts_at"]))
    plan = BookingPlan(services, card_db.master_name(database, row["master_id"]) or "", row["master_id"], (),
                       row["price_cents"], row["duration_min"] or list_duration(database, services))
    check_free(database, plan, starts_at, now or datetime.combine(starts_at.date(), datetime.min.time()),
               ignore_visit=visit_id, hours=False)


def change_status(database, visit_id: int, status: str, today: date, expected: str | None = None,
                  now: datetime | None = None) -> None:
    """services.visits.set_status, with a visit reopened as a booking checked for its time."""
    with database.atomic():
        check_reopened(database, visit_id, status, now)
        set_status(database, visit_id, status, today, expected)


def book_visit(database, client_id: int, visit: NewVisit, *, today: date, now: datetime) -> int:
    """A visit or booking a person made: checked for a free time, then added (one transaction)."""
    with database.atomic():
        check_booking_free(database, visit, now)
        return add_visit(database, client_id, visit, today=today)


def add_visit_as_typed(database, client_id: int, fields: dict[str, str | None], status: str, *,
                       today: date, now: datetime) -> int:
    """A visit or booking as the command line gives it, read as the form reads one; no master
    given (None) is the client's usual one. Its id; UnknownName for a name not the studio's,
    ArchivedName for one archived, VisitProblem when the master is not free then."""
    masters = master_names(database)
    if fields.get("master") is None:
        usual = usual_visit(database, client_id).master
        fields = {**fields, "master": usual if usual in masters else ""}
    visit = read_visit({name: fields.get(name) or "" for name in FORM_FIELDS}, status, service_names(database),
                       today, known_masters=masters, now=now, need_time=False, archived=archived_names(database))
    return book_visit(database, client_id, visit, today=today, now=now)



@dataclass(frozen=True)
class Suggestion:
    """The booking a "next time" offers, and the day it named."""

    booking: NewVisit
    day: date


def suggested_booking(database, visit: NewVisit, today: date, now: datetime) -> Suggestion | None:
    """The booking a visit done suggests for next time («коррекция через 3 недели»): pencilled
    in on that day at the visit's hour with her master and services, or at the master's first
    free time after it when she does not work then or is booked; None when the suggestion
    names no day, a day already past, or the master has no free time in the weeks ahead."""
    day = suggested_day(visit.next_suggestion, visit.starts_at.date())
    if visit.status != "done" or day is None or day < today:
        return None
    wanted = datetime.combine(day, visit.starts_at.time())
    # The moment named comes first when it is free and not gone (a visit entered late today)
    free = booking_slots(database, visit.services, visit.master or "", max(wanted, now), 1, offered=(wanted,))
    if not free:
        return None
    return Suggestion(NewVisit(free[0], visit.services, master=visit.master, status="tentative",
                               notes=visit.next_suggestion), day)


def book_suggesting(database, client_id: int, visit: NewVisit, *, today: date, now: datetime) -> Suggestion | None:
    """book_visit, then the booking the visit's "next time" suggests, to offer (not booked).
    The visit is saved whatever becomes of the suggestion: a master archived meanwhile at
    another desk means no offer, not a failed save."""
    book_visit(database, client_id, visit, today=today, now=now)
    try:
        return suggested_booking(database, visit, today, now)
    except UserError:
        return None


def suggestion_question(suggestion: Suggestion) -> str:
    """What the card asks once a visit with a "next time" is saved."""
    booking, suggested = suggestion.booking, suggestion.day
    with_master = _(" with {master}").format(master=booking.master) if booking.master else ""
    if booking.starts_at.date() != suggested:
        return _("{suggested}, the day suggested, is not free. Pencil in the first free time after it: "
                 "{services}{with_master}, {day} at {time}?").format(
            services=", ".join(booking.services), with_master=with_master, day=day_name(booking.starts_at.date()),
            time=f"{booking.starts_at:%H:%M}", suggested=day_name(suggested))
    return _("Pencil in the next visit, as suggested: {services}{with_master}, {day} at {time}?").format(
        services=", ".join(booking.services), with_master=with_master, day=day_name(booking.starts_at.date()),
        time=f"{booking.starts_at:%H:%M}")


def pencilled_sentence(booking: NewVisit) -> str:
    return _("Pencilled in for {day} at {time}: confirm it with the client.").format(
        day=day_name(booking.starts_at.date()), time=f"{booking.starts_at:%H:%M}")
