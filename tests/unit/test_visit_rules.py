"""The day rules of visits, bookings and call outcomes, each in its one home, and every way
in (the service, an import, a booking on a call) keeping them with the same sentence."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from clientbook.domain.calls import next_step
from clientbook.domain.dates import DateError, check_from_today
from clientbook.domain.visits import check_booking_day, check_took_place
from clientbook.errors import UserError
from clientbook.services.clients import NewClient, add_client
from clientbook.services.contacts import Outcome, check
from clientbook.services.importer import ImportFailed, import_file
from clientbook.services.visits import NewVisit, add_visit, set_status
from tests.conftest import rows, write

TODAY = date(2026, 11, 22)
YESTERDAY, TOMORROW = date(2026, 11, 21), date(2026, 11, 23)
IN_THE_FUTURE = "A visit that took place cannot be in the future; choose booked."
PAST_BOOKING = "A booking must be today or later; choose done for a past visit."
PASSED = "That day has passed; choose today or later."


def refusal(check, *args) -> str:
    with pytest.raises(DateError) as error:
        check(*args)
    return str(error.value)


def test_a_visit_done_is_today_or_earlier():
    check_took_place("done", TODAY, TODAY)
    check_took_place("done", YESTERDAY, TODAY)
    check_took_place("no_show", TOMORROW, TODAY)  # only a visit that took place is bound
    assert refusal(check_took_place, "done", TOMORROW, TODAY) == IN_THE_FUTURE


@pytest.mark.parametrize("status", ["planned", "tentative"])
def test_a_booking_is_today_or_later(status):
    check_booking_day(status, TODAY, TODAY)
    check_booking_day(status, TOMORROW, TODAY)
    assert refusal(check_booking_day, status, YESTERDAY, TODAY) == PAST_BOOKING
    check_booking_day("cancelled", YESTERDAY, TODAY)  # closed: not a booking any more


def test_a_day_still_to_come_is_today_or_later():
    check_from_today(TODAY, TODAY)
    assert refusal(check_from_today, YESTERDAY, TODAY) == PASSED


@pytest.mark.parametrize("unanswered, step", [(0, "message_or_call"), (1, "message_or_call"),
                                              (2, "call"), (5, "call")])
def test_after_two_unanswered_messages_call_in_person(unanswered, step):
    assert next_step(unanswered) == step


@pytest.fixture
def anna(book):
    return add_client(book, NewClient("Анна", "Ёлкина", external_id="A-1"))


@pytest.mark.parametrize("status, when, sentence", [
    ("done", datetime(2026, 11, 23, 10), IN_THE_FUTURE),
    ("planned", datetime(2026, 11, 21, 10), PAST_BOOKING),
    ("tentative", datetime(2026, 11, 21, 10), PAST_BOOKING),
])
def test_adding_a_visit_keeps_the_day_rules_and_writes_nothing(book, anna, status, when, sentence):
    with pytest.raises(UserError) as error:
        add_visit(book, anna, NewVisit(when, ("Маникюр",), status=status), {"Маникюр": "nails"}, today=TODAY)
    assert str(error.value) == sentence
    assert rows(book, "SELECT count(*) FROM visits") == [(0,)]


def test_tomorrows_booking_cannot_be_marked_done(book, anna):
    booking = add_visit(book, anna, NewVisit(datetime(2026, 11, 23, 10), ("Маникюр",), status="planned"),
                        {"Маникюр": "nails"}, today=TODAY)
    with pytest.raises(UserError) as error:
        set_status(book, booking, "done", TODAY)
    assert str(error.value) == IN_THE_FUTURE
    set_status(book, booking, "cancelled", TODAY)
    with pytest.raises(UserError) as error:  # and a past visit does not become a booking again
        set_status(book, booking, "planned", date(2026, 11, 24))
    assert str(error.value) == PAST_BOOKING
    set_status(book, booking, "done", date(2026, 11, 23))  # on its day it took place
    assert rows(book, "SELECT status FROM visits") == [("done",)]


@pytest.mark.parametrize("outcome, on", [("booked", datetime(2026, 11, 21, 10)), ("callback", YESTERDAY)])
def test_a_call_books_or_promises_today_or_later(outcome, on):
    """What log_call checks before it writes (the CLI's log-call and the Calls screen)."""
    with pytest.raises(UserError) as error:
        check(Outcome(outcome, on=on), TODAY)
    assert str(error.value) == PASSED
    check(Outcome(outcome, on=TODAY), TODAY)


def test_an_import_refuses_a_visit_done_after_today(book, anna, tmp_path):
    file = write(tmp_path, "visits.csv", "client_id,date,service,status\nA-1,2026-11-23 10:00,Маникюр,done\n")
    with pytest.raises(ImportFailed) as error:
        import_file(book, file, today=TODAY)
    assert f"visits.csv, line 2, date: {IN_THE_FUTURE}" in str(error.value)
    assert rows(book, "SELECT count(*) FROM visits") == [(0,)]


def test_an_import_keeps_a_pencilled_booking_never_closed(book, anna, tmp_path):
    """History as it was: the booking comes in on its past day, for the card to close."""
    file = write(tmp_path, "visits.csv", "client_id,date,service,status\n"
                                         "A-1,2026-10-01 10:00,Маникюр,предварительно\n")
    import_file(book, file, today=TODAY)
    assert rows(book, "SELECT starts_at, status FROM visits") == [("2026-10-01 10:00:00", "tentative")]


def test_a_visit_names_only_the_studios_services_and_masters(book, anna):
    """Never stored silently: an unknown name is refused with its kind, and nothing is written."""
    from clientbook.services.catalog import add_master, add_service
    from clientbook.services.catalog_edits import archive_master
    from clientbook.services.visits import ArchivedName, UnknownName

    add_service(book, "Маникюр", "nails")
    add_master(book, "Ольга")
    cases = [(NewVisit(datetime(2026, 11, 21, 10), ("Педикюр",)), ("service", "Педикюр")),
             (NewVisit(datetime(2026, 11, 21, 10), ("Маникюр",), master="Оль"), ("master", "Оль"))]
    for visit, (kind, name) in cases:
        with pytest.raises(UnknownName) as error:
            add_visit(book, anna, visit, today=TODAY)
        assert (error.value.kind, error.value.name) == (kind, name)
    archive_master(book, "Ольга")  # an archived master is not chosen for a new visit: said so, not "add it"
    with pytest.raises(ArchivedName):
        add_visit(book, anna, NewVisit(datetime(2026, 11, 21, 10), ("Маникюр",), master="Ольга"), today=TODAY)
    assert rows(book, "SELECT count(*) FROM visits") == [(0,)]
    assert rows(book, "SELECT name FROM masters") == [("Ольга",)]
    assert rows(book, "SELECT name FROM services") == [("Маникюр",)]


def test_an_import_adds_what_its_file_names(book, anna, tmp_path):
    """The importer's explicit "add what the file names": a studio's history brings its names."""
    file = write(tmp_path, "visits.csv", "client_id,date,service,category,master\n"
                                         "A-1,2026-10-01 10:00,Педикюр,feet,Оля\n")
    import_file(book, file, today=TODAY)
    assert rows(book, "SELECT s.name, s.category, m.name FROM visits v JOIN masters m ON m.id = v.master_id "
                      "JOIN visit_services vs ON vs.visit_id = v.id JOIN services s ON s.id = vs.service_id") == [
        ("Педикюр", "feet", "Оля")]


def test_a_next_time_that_falls_on_an_hour_already_gone_is_offered_later_that_day(book, anna):
    """A visit of Tuesday 3 November entered late on the 24th, «через 3 недели»: the 24th at
    11:00 has gone by at 15:10, so the first free time after now is offered, never a past one."""
    from clientbook.services.catalog import add_master, add_service
    from clientbook.services.visit_booking import suggested_booking, suggestion_question

    tuesday = date(2026, 11, 24)
    add_service(book, "Маникюр", "nails", price_cents=200000, duration_min=60)
    add_master(book, "Ольга")
    visit = NewVisit(datetime(2026, 11, 3, 11), ("Маникюр",), master="Ольга", next_suggestion="через 3 недели")
    add_visit(book, anna, visit, today=tuesday)
    offered = suggested_booking(book, visit, tuesday, datetime(2026, 11, 24, 15, 10))
    assert offered is not None and offered.day == tuesday
    assert datetime(2026, 11, 24, 15, 10) <= offered.booking.starts_at < datetime(2026, 11, 25)
    assert suggestion_question(offered) == (
        f"Pencil in the next visit, as suggested: Маникюр with Ольга, Nov 24, 2026 at "
        f"{offered.booking.starts_at:%H:%M}?")
