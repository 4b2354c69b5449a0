"""Free slots: the domain's rules on plain values (with properties), then against a book."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from itertools import islice

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clientbook.domain.hours import DEFAULT_HOURS, WeeklyHours
from clientbook.domain.slots import free_starts, nearest_each_day, overlaps
from clientbook.errors import UserError
from clientbook.services.bookings import booking_defaults
from clientbook.services.catalog import add_master, add_service
from clientbook.services.catalog_edits import archive_master, merge_services
from clientbook.services.clients import NewClient, add_client
from clientbook.services.contacts import Outcome, log_call, undo_call
from clientbook.services.slots import booking_slots, check_free, free_slots, plan_booking
from clientbook.services.visits import NewVisit, UnknownName, add_visit

MONDAY = datetime(2026, 11, 23)  # Sunday the 22nd is the studio's day off
TODAY = date(2026, 11, 22)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute)


# -- the domain ---------------------------------------------------------------------------------

def test_a_day_around_a_booking():
    busy = [(at(23, 11), at(23, 12))]
    starts = list(islice(free_starts(DEFAULT_HOURS, busy, 60, at(23, 9)), 4))
    assert starts == [at(23, 10), at(23, 12), at(23, 12, 30), at(23, 13)]  # 10:30 would run into 11:00


def test_now_is_rounded_up_to_the_step_and_the_last_slot_ends_at_closing():
    starts = list(free_starts(DEFAULT_HOURS, [], 60, at(23, 18, 7), days=1))
    assert starts == [at(23, 18, 30), at(23, 19)]


def test_a_day_off_and_a_day_full_are_skipped():
    busy = [(at(23, 10), at(23, 20))]  # Monday full
    assert next(free_starts(DEFAULT_HOURS, busy, 30, at(22, 8))) == at(24, 10)  # Sunday off, Monday full


def test_a_master_without_a_working_day_has_no_slot():
    assert list(free_starts(WeeklyHours((None,) * 7), [], 60, at(23, 8))) == []


def test_one_slot_a_day_nearest_the_usual_hour():
    busy = [(at(23, 15), at(23, 16))]
    starts = free_starts(DEFAULT_HOURS, busy, 60, at(23, 0))
    assert nearest_each_day(starts, 15, 3) == [at(23, 14), at(24, 15), at(25, 15)]  # a tie: the earlier


def test_touching_ends_do_not_overlap():
    assert not overlaps(at(23, 12), at(23, 13), [(at(23, 11), at(23, 12))])
    assert overlaps(at(23, 11, 59), at(23, 13), [(at(23, 11), at(23, 12))])


spans = st.one_of(st.none(), st.tuples(st.integers(0, 22), st.integers(1, 12)).map(
    lambda p: (time(p[0]), time(min(p[0] + p[1], 23), 30))))
weeks = st.lists(spans, min_size=7, max_size=7).map(lambda days: WeeklyHours(tuple(days)))
moments = st.integers(0, 4 * 24 * 4).map(lambda quarter: MONDAY + timedelta(minutes=15 * quarter))
busy_lists = st.lists(st.tuples(moments, st.integers(5, 300)).map(lambda b: (b[0], b[0] + timedelta(minutes=b[1]))),
                      max_size=12)


@settings(max_examples=200, deadline=None)
@given(hours=weeks, busy=busy_lists, duration=st.integers(5, 240), now=moments)
def test_a_slot_never_overlaps_a_booking_never_leaves_the_hours_and_none_is_missed(hours, busy, duration, now):
    days = 4
    found = list(free_starts(hours, busy, duration, now, days=days))
    length = timedelta(minutes=duration)
    for start in found:
        opens, closes = hours.on(start.date())
        assert opens <= start and start + length <= closes
        assert start >= now
        assert not overlaps(start, start + length, busy)
        assert (start - opens) % timedelta(minutes=30) == timedelta(0)
    assert found == sorted(set(found))
    # Every free start of the grid is found: walk the grid by hand.
    expected = []
    for offset in range(days):
        span = hours.on(now.date() + timedelta(days=offset))
        if span is None:
            continue
        start = span[0]
        while start + length <= span[1]:
            if start >= now and not overlaps(start, start + length, busy):
                expected.append(start)
            start += timedelta(minutes=30)
    assert found == expected


@given(hours=weeks, busy=busy_lists, duration=st.integers(5, 240), now=moments, hour=st.integers(0, 23))
def test_slots_near_an_hour_are_free_one_a_day(hours, busy, duration, now, hour):
    chosen = nearest_each_day(free_starts(hours, busy, duration, now, days=5), hour, 2)
    assert len({start.date() for start in chosen}) == len(chosen) <= 2
    assert all(not overlaps(s, s + timedelta(minutes=duration), busy) for s in chosen)


# -- against a book -----------------------------------------------------------------------------

@pytest.fixture
def salon(book):
    add_master(book, "Ольга Смирнова", "mon-sat 10-20")
    add_master(book, "Дарья Белова", "tue-sat 12-18")
    add_service(book, "Маникюр", "nails", price_cents=200000, duration_min=90)
    add_service(book, "Педикюр", "feet", price_cents=250000, duration_min=60)
    add_service(book, "Брови", "brows", price_cents=80000)  # no duration on the price list
    anna = add_client(book, NewClient("Анна", "Ёлкина"))
    vera = add_client(book, NewClient("Вера", "Ким"))
    return book, anna, vera


def booking(book, client, when, services=(), master="", status="planned", duration=None):
    return add_visit(book, client, NewVisit(when, services, master=master, status=status, duration_min=duration),
                     today=TODAY)


def test_each_booking_lasts_its_duration_else_its_services_else_an_hour(salon):
    book, anna, vera = salon
    booking(book, anna, at(23, 10), ("Маникюр",), "Ольга Смирнова")  # 90 min: till 11:30
    booking(book, vera, at(23, 12), ("Брови",), "Ольга Смирнова")  # no duration: an hour, till 13:00
    booking(book, vera, at(23, 14), ("Маникюр",), "Ольга Смирнова", duration=30)  # its own: till 14:30
    booking(book, anna, at(23, 15), ("Педикюр",), "Ольга Смирнова", status="cancelled")  # frees the chair
    booking(book, anna, at(23, 16), ("Педикюр",), "Ольга Смирнова", status="no_show")
    booking(book, anna, at(23, 17), ("Педикюр",), "Дарья Белова")  # another master's
    booking(book, anna, at(23, 18), ("Педикюр",))  # no master: the solo chair
    assert free_slots(book, "Ольга Смирнова", 30, at(23, 9), 8) == [
        at(23, 11, 30), at(23, 13), at(23, 13, 30), at(23, 14, 30), at(23, 15), at(23, 15, 30), at(23, 16),
        at(23, 16, 30)]
    assert free_slots(book, None, 60, at(23, 17), 3) == [at(23, 17), at(23, 19), at(24, 10)]


def test_a_masters_own_week_and_a_slot_near_the_usual_hour_on_different_days(salon):
    book, anna, _vera = salon
    booking(book, anna, at(24, 15), ("Педикюр",), "Дарья Белова")
    # Дарья works Tuesday to Saturday, 12 to 18: not Monday; Tuesday's 15:00 is taken.
    assert free_slots(book, "Дарья Белова", 60, at(23, 0), 2, near_hour=15) == [at(24, 14), at(25, 15)]
    assert free_slots(book, "Дарья Белова", 60, at(23, 0), 1, near_hour=9) == [at(24, 12)]
    with pytest.raises(UserError, match="“Иван” is not among the studio's masters"):
        free_slots(book, "Иван", 60, at(23, 0), 1)


def test_names_are_taken_by_their_start_and_priced_from_the_price_list(salon):
    book, _anna, _vera = salon
    plan = plan_booking(book, ["ман", "пед"], "ольга")
    assert (plan.services, plan.master, plan.price_cents, plan.duration_min) == (
        ("Маникюр", "Педикюр"), "Ольга Смирнова", 450000, 150)
    assert plan_booking(book, ["Брови"], "").duration_min is None and plan_booking(book, ["Брови"], "").length_min == 60
    add_master(book, "Дина Орлова")
    with pytest.raises(UserError, match="“Д” could be: Дарья Белова, Дина Орлова"):
        plan_booking(book, [], "Д")
    with pytest.raises(UserError, match="“Иван” is not among the studio's masters"):
        plan_booking(book, [], "Иван")


def test_a_taken_moment_is_refused_with_the_next_free_slot(salon):
    book, anna, _vera = salon
    booking(book, anna, at(23, 10), ("Маникюр",), "Ольга Смирнова")
    plan = plan_booking(book, ["Педикюр"], "Ольга")
    with pytest.raises(UserError) as refused:
        check_free(book, plan, at(23, 11), at(22, 12))
    assert str(refused.value) == ("Ольга Смирнова: the time Monday, November 23, 11:00 is taken. "
                                  "The next free slot is Monday, November 23, 11:30.")
    check_free(book, plan, at(23, 11, 30), at(22, 12))  # touching the end: free


def test_a_booking_made_on_a_call_and_undone_leaves_no_services(salon):
    book, anna, _vera = salon
    recorded = log_call(book, anna, Outcome("booked", on=at(24, 12), services=("Педикюр",), master="Ольга"),
                        datetime(2026, 11, 22, 12))
    assert book.execute_sql("SELECT count(*) FROM visit_services WHERE visit_id = ?",
                            (recorded.booking,)).fetchone() == (1,)
    undo_call(book, recorded)
    assert book.execute_sql("SELECT count(*) FROM visits").fetchone() == (0,)
    assert book.execute_sql("SELECT count(*) FROM visit_services").fetchone() == (0,)


def test_confirming_with_another_service_and_master_changes_the_booking_and_undo_puts_it_back(salon):
    book, anna, _vera = salon
    pencilled = booking(book, anna, at(24, 16), ("Маникюр",), "Ольга Смирнова", status="tentative")

    def stored():
        return book.execute_sql(
            "SELECT v.starts_at, v.status, m.name, v.price_cents, group_concat(s.name) FROM visits v "
            "LEFT JOIN masters m ON m.id = v.master_id LEFT JOIN visit_services vs ON vs.visit_id = v.id "
            "LEFT JOIN services s ON s.id = vs.service_id GROUP BY v.id, m.name").fetchall()

    before = stored()
    recorded = log_call(book, anna, Outcome("booked", on=at(24, 16), services=("Педикюр",), master="Дарья"),
                        datetime(2026, 11, 22, 12))
    assert recorded.booking == pencilled  # confirmed, not booked twice
    assert stored() == [("2026-11-24 16:00:00", "planned", "Дарья Белова", 250000, "Педикюр")]
    undo_call(book, recorded)
    assert stored() == before


def _book_state(book):
    return (book.execute_sql("SELECT id, starts_at, status, master_id, price_cents, duration_min FROM visits "
                             "ORDER BY id").fetchall(),
            book.execute_sql("SELECT * FROM visit_services ORDER BY visit_id, service_id").fetchall(),
            book.execute_sql("SELECT id, outcome FROM contacts ORDER BY id").fetchall())


def test_undo_after_the_confirmed_bookings_old_service_was_merged_away_is_refused(salon):
    book, anna, _vera = salon
    booking(book, anna, at(24, 16), ("Маникюр",), "Ольга Смирнова", status="tentative")
    recorded = log_call(book, anna, Outcome("booked", on=at(24, 16), services=("Педикюр",), master="Дарья"),
                        datetime(2026, 11, 22, 12))
    merge_services(book, "Маникюр", "Брови")  # the service the booking had before the call leaves the book
    before = _book_state(book)
    with pytest.raises(UserError, match="cannot be put back: its master or a service has left the book since"):
        undo_call(book, recorded)
    assert _book_state(book) == before


def test_undo_keeps_another_desks_later_edit_of_a_booking_made_on_the_call(salon):
    book, anna, _vera = salon
    recorded = log_call(book, anna, Outcome("booked", on=at(24, 12), services=("Педикюр",), master="Ольга"),
                        datetime(2026, 11, 22, 12))
    book.execute_sql("UPDATE visits SET price_cents = 199000 WHERE id = ?", (recorded.booking,))  # another desk
    before = _book_state(book)
    with pytest.raises(UserError, match="changed since that call: nothing was undone"):
        undo_call(book, recorded)
    assert _book_state(book) == before


@pytest.mark.parametrize("edit", [
    "UPDATE visits SET master_id = (SELECT id FROM masters WHERE name = 'Ольга Смирнова')",
    "UPDATE visits SET duration_min = 45",
    "DELETE FROM visit_services",
])
def test_undo_keeps_another_desks_later_edit_of_a_confirmed_booking(salon, edit):
    book, anna, _vera = salon
    booking(book, anna, at(24, 16), ("Маникюр",), "Ольга Смирнова", status="tentative")
    recorded = log_call(book, anna, Outcome("booked", on=at(24, 16), services=("Педикюр",), master="Дарья"),
                        datetime(2026, 11, 22, 12))
    book.execute_sql(edit)
    before = _book_state(book)
    with pytest.raises(UserError, match="changed since that call: nothing was undone"):
        undo_call(book, recorded)
    assert _book_state(book) == before


def test_a_moment_outside_the_masters_working_hours_is_refused_with_the_next_free_slot(salon):
    book, anna, _vera = salon
    plan = plan_booking(book, ["Педикюр"], "Дарья")  # Tuesday to Saturday, 12 to 18
    with pytest.raises(UserError) as monday:
        check_free(book, plan, at(23, 14), at(22, 12))
    assert str(monday.value) == ("Дарья Белова does not work at Monday, November 23, 14:00. "
                                 "The next free slot is Tuesday, November 24, 12:00.")
    for early_or_late in (at(24, 11), at(24, 17, 30)):  # opens at 12; an hour from 17:30 ends after 18
        with pytest.raises(UserError, match="does not work at"):
            check_free(book, plan, early_or_late, at(22, 12))
    check_free(book, plan, at(24, 17), at(22, 12))  # ends at closing: fine
    with pytest.raises(UserError, match="The studio does not work at Sunday, November 29, 12:00"):
        check_free(book, plan_booking(book, ["Педикюр"], ""), at(29, 12), at(22, 12))
    with pytest.raises(UserError, match="does not work at"):
        log_call(book, anna, Outcome("booked", on=at(23, 14), services=("Педикюр",), master="Дарья"),
                 datetime(2026, 11, 22, 12))
    assert book.execute_sql("SELECT count(*) FROM visits").fetchone() == (0,)


def test_a_master_who_has_left_has_no_slots(salon):
    book, _anna, _vera = salon
    archive_master(book, "Дарья Белова")
    with pytest.raises(UnknownName, match="“Дарья Белова” is not among the studio's masters"):
        free_slots(book, "Дарья Белова", 60, at(23, 0), 2)


def test_a_solo_masters_bookings_without_a_master_are_hers(book):
    add_master(book, "Ольга Смирнова", "mon-sat 10-20")
    add_service(book, "Маникюр", "nails", price_cents=200000, duration_min=60)
    anna = add_client(book, NewClient("Анна", "Ёлкина"))
    booking(book, anna, at(23, 10), ("Маникюр",))  # typed without a master
    assert free_slots(book, "Ольга Смирнова", 60, at(23, 0), 1) == [at(23, 11)]
    assert free_slots(book, None, 60, at(23, 0), 1) == [at(23, 11)]
    with pytest.raises(UserError, match="Ольга Смирнова: the time Monday, November 23, 10:00 is taken"):
        check_free(book, plan_booking(book, ["Маникюр"], "Ольга"), at(23, 10), at(22, 12))
    assert booking_defaults(book, anna, TODAY).master == "Ольга Смирнова"  # no usual master: the only one
    add_master(book, "Дарья Белова")
    assert booking_defaults(book, anna, TODAY).master == ""  # two masters: nobody is guessed
    assert free_slots(book, "Ольга Смирнова", 60, at(23, 0), 1) == [at(23, 10)]


def test_the_scripts_offered_slots_come_first_while_they_are_free(salon):
    book, anna, _vera = salon
    booking(book, anna, at(24, 12), ("Педикюр",), "Ольга Смирнова")  # Tuesday 12:00 is taken since
    offered = (at(25, 15), at(24, 12), at(23, 9))  # a free one, a taken one, one before opening
    assert booking_slots(book, ["Педикюр"], "Ольга", at(23, 0), 3, offered=offered) == [
        at(25, 15), at(23, 10), at(23, 10, 30)]


def test_a_pencilled_booking_is_confirmed_as_it_stands_after_the_week_changed(salon):
    from clientbook.services.catalog_edits import set_master_hours

    book, anna, _vera = salon
    pencilled = booking(book, anna, at(28, 12), ("Маникюр",), "Ольга Смирнова", status="tentative")
    set_master_hours(book, "Ольга Смирнова", "пн-пт 10-20")  # no Saturdays any more
    recorded = log_call(book, anna, Outcome("booked"), datetime(2026, 11, 26, 12))  # "yes" to Saturday 12:00
    assert recorded.booking == pencilled
    assert book.execute_sql("SELECT status FROM visits WHERE id = ?", (pencilled,)).fetchone() == ("planned",)
    with pytest.raises(UserError, match="does not work"):  # a new Saturday booking is still refused
        log_call(book, anna, Outcome("booked", on=at(28, 15), services=("Маникюр",), master="Ольга Смирнова"),
                 datetime(2026, 11, 26, 12))


def test_a_studio_with_no_master_is_held_only_to_its_bookings(book):
    add_service(book, "Маникюр", "nails", duration_min=60)
    anna = add_client(book, NewClient("Анна", "Ёлкина"))
    plan = plan_booking(book, ("Маникюр",), "")
    check_free(book, plan, datetime(2026, 11, 29, 21), datetime(2026, 11, 26, 12))  # a Sunday evening: hers to choose
    add_visit(book, anna, NewVisit(datetime(2026, 11, 29, 21), ("Маникюр",), status="planned"), today=TODAY)
    with pytest.raises(UserError, match="taken"):
        check_free(book, plan, datetime(2026, 11, 29, 21, 30), datetime(2026, 11, 26, 12))
