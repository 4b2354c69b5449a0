"""Courses of procedures (абонементы): sold with a number of sessions, used by done visits.

A course is for one service: a visit marked done with that service uses a session (the
course that expires first), and a visit undone gives it back (db.courses.follow_visits).
A session can also be used by hand. A course expiring within COURSE_CALL_DAYS with sessions
left puts the client on the call list with the reason `course` (domain.calls.COURSE_CALL_DAYS).
"""
from __future__ import annotations

from datetime import date

from clientbook.domain.text import clean_line
from clientbook.errors import UserError
from clientbook.i18n import _, day
from clientbook.services.card_text import course_line  # noqa: F401 (the line a course is said in)
from clientbook.services.records import Course, course_from_row
from clientbook.services.visits import archived_names, match_service, service_names
from db import courses as store
from db.visits import id_by_name


def add_course(database, client_id: int, sessions: int, today: date, *, title: str = "", service: str = "",
               valid_until: date | None = None, gift_from: str = "") -> int:
    """A course sold today; its number. Its service is one on the price list; its title,
    unless given, is the service's name."""
    if sessions < 1:
        raise UserError(_("A course has at least one session."))
    if valid_until is not None and valid_until < today:
        raise UserError(_("A course cannot end before the day it is sold ({day}).").format(day=day(today)))
    service_id = None
    with database.atomic():
        if clean_line(service):
            service = match_service(service, service_names(database), archived_names(database)[0])
            service_id = id_by_name(database, "services", service, active_only=True)
        title = clean_line(title) or clean_line(service)
        if not title:
            raise UserError(_("Name the course or its service."))
        number = store.insert(database, client_id, title, sessions, valid_until.isoformat() if valid_until else None,
                              service_id, today.isoformat(), clean_line(gift_from))
        store.follow_visits(database, client_id)
    return number


def use_session(database, course_id: int) -> Course:
    """One session used by hand (a visit not in the book); the course as it is now."""
    with database.atomic():
        row = store.found(database, course_id)
        if row is None:
            raise UserError(_("There is no course {number}.").format(number=course_id))
        if not store.use_session(database, course_id):
            raise UserError(_("Course {number} has no sessions left.").format(number=course_id))
        return course_from_row(store.found(database, course_id))


def courses(database, client_id: int | None = None, *, active_on: date | None = None) -> list[Course]:
    """One client's courses or the studio's, soonest to expire first; given `active_on`,
    only those with sessions left and valid that day."""
    return [course_from_row(row) for row in store.listed(database, client_id,
                                                 active_on.isoformat() if active_on else None)]


def follow_visits(database, client_id: int) -> None:
    """Sessions follow the client's done visits (inside the caller's transaction)."""
    store.follow_visits(database, client_id)


def none_sentence() -> str:
    return _("No courses.")


def added_sentence(number: int) -> str:
    return _("Course {number} added.").format(number=number)


def used_sentence(course: Course) -> str:
    return _("A session of course {number} used: {left} of {total} left.").format(
        number=course.id, left=course.sessions_left, total=course.sessions_total)
