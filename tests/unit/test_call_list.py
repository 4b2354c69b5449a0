"""Who is on today's call list, why, and in what order — on a real book."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from clientbook.errors import UserError
from clientbook.services.calls import call_list
from clientbook.services.clients import NewClient, add_client, archive
from clientbook.services.contacts import Outcome, log_call, undo_call
from clientbook.services.settings import set_setting
from clientbook.services.visits import NewVisit, add_visit, set_status
from tests.conftest import rows

TODAY = date(2026, 11, 22)
CATEGORIES = {"Маникюр": "nails", "Окрашивание": "colour", "Стрижка": "haircut"}


class Studio:
    def __init__(self, book):
        self.book = book

    def client(self, name: str, *, visits_ago=(), service="Маникюр", price=200000, **fields) -> int:
        """A client with completed visits `visits_ago` days before today."""
        first, last = name.split()
        client_id = add_client(self.book, NewClient(first, last, **fields))
        for days in visits_ago:
            self.visit(client_id, -days, service=service, price=price)
        return client_id

    def visit(self, client_id, days_from_today, *, service="Маникюр", status="done", price=200000):
        """Written on its own day, as the book's history happened: a visit once it took
        place, a booking (one later left unclosed, too) while its day was still ahead."""
        starts = datetime.combine(TODAY + timedelta(days=days_from_today), datetime.min.time())
        return add_visit(self.book, client_id, NewVisit(starts.replace(hour=11), (service,),
                                                        status=status, price_cents=price), CATEGORIES,
                         today=starts.date())

    def call(self, client_id, outcome, on=None, today=TODAY, **kwargs):
        log_call(self.book, client_id, Outcome(outcome, on=on, **kwargs),
                 datetime.combine(today, time(12)))

    def listed(self, today=TODAY, limit=None) -> dict[int, str]:
        return {item.id: item.reason for item in call_list(self.book, today, limit).items}

    def order(self, today=TODAY, limit=None) -> list[int]:
        return [item.id for item in call_list(self.book, today, limit).items]


@pytest.fixture
def studio(book):
    return Studio(book)


# a regular every 28 days, last seen 35 days ago: due (ratio 1.25)
REGULAR_DUE = (35, 63, 91, 119)


def test_regular_past_their_rhythm_is_due_with_the_track(studio):
    anna = studio.client("Анна Ёлкина", visits_ago=REGULAR_DUE)
    item = call_list(studio.book, TODAY).items[0]
    assert (item.id, item.reason, item.track) == (anna, "due", "nails")
    assert (item.last_visit, item.usual_interval_days, item.days_since_last_visit) == (
        TODAY - timedelta(days=35), 28.0, 35)
    assert item.overdue_ratio == 1.25


def test_not_yet_due_is_not_listed(studio):
    studio.client("Анна Ёлкина", visits_ago=(20, 48, 76, 104))
    assert studio.listed() == {}


def test_tiers_at_risk_and_lost(studio):
    at_risk = studio.client("Ольга Ким", visits_ago=(45, 73, 101, 129))  # 45/28 = 1.6
    lost = studio.client("Мария Лось", visits_ago=(100, 128, 156, 184))  # 100/28 = 3.6
    assert studio.listed() == {at_risk: "at_risk", lost: "lost"}
    assert studio.order() == [at_risk, lost]  # win-back kept apart, after routine calls


def test_a_lost_one_off_visitor_is_not_worth_a_win_back_call(studio):
    studio.client("Мария Лось", visits_ago=(300,))
    assert studio.listed() == {}


def test_only_completed_visits_count(studio):
    anna = studio.client("Анна Ёлкина", visits_ago=REGULAR_DUE)
    studio.visit(anna, -3, status="no_show")
    studio.visit(anna, -2, status="cancelled")
    assert studio.listed() == {anna: "due"}
    figures = studio.book.execute_sql(
        "SELECT done_visits, no_shows, cancellations FROM client_figures WHERE client_id = ?",
        (anna,)).fetchone()
    assert figures == (4, 1, 1)


def test_a_future_booking_means_the_client_is_coming(studio):
    anna = studio.client("Анна Ёлкина", visits_ago=REGULAR_DUE)
    studio.visit(anna, 10, status="planned")
    assert studio.listed() == {}
    assert studio.listed(TODAY + timedelta(days=11)) == {anna: "at_risk"}


def test_a_booking_today_counts_as_coming(studio):
    anna = studio.client("Анна Ёлкина", visits_ago=REGULAR_DUE)
    studio.visit(anna, 0, status="planned")
    assert studio.listed() == {}


def test_a_past_booking_never_closed_is_neither_visit_nor_booking(studio):
    anna = studio.client("Анна Ёлкина", visits_ago=REGULAR_DUE)
    studio.visit(anna, -5, status="planned")
    assert studio.listed() == {anna: "due"}


def test_pencilled_booking_is_confirmed_two_days_ahead(studio):
    anna = studio.client("Анна Ёлкина", visits_ago=REGULAR_DUE)
    booking = studio.visit(anna, 2, status="tentative")
    assert studio.listed() == {anna: "confirm"}
    assert studio.listed(TODAY - timedelta(days=1)) == {}  # three days ahead: not yet
    set_status(studio.book, booking, "planned", TODAY)  # confirmed
    assert studio.listed() == {}


def test_callback_promised_for_today_or_overdue_comes_first(studio):
    anna = studio.client("Анна Ёлкина", visits_ago=REGULAR_DUE)
    ivan = studio.client("Иван Петров", visits_ago=(200, 230, 260))
    studio.call(ivan, "callback", on=TODAY, today=TODAY - timedelta(days=3))
    assert studio.order() == [ivan, anna]
    assert studio.listed()[ivan] == "callback"
    assert studio.listed(TODAY + timedelta(days=4))[ivan] == "callback"  # overdue: still there


def test_callback_promised_for_later_keeps_them_off(studio):
    anna = studio.client("Анна Ёлкина", visits_ago=REGULAR_DUE)
    studio.call(anna, "callback", on=TODAY + timedelta(days=5))
    assert studio.listed() == {}
    assert studio.listed(TODAY + timedelta(days=5)) == {anna: "callback"}


def open_call_back(book, client_id) -> tuple:
    """What the book keeps of her call-back: (callback_on, quiet_until, attempts, last_outcome)."""
    return rows(book, "SELECT callback_on, quiet_until, attempts, last_outcome FROM client_figures "
                      "WHERE client_id = ?", client_id)[0]


def callbacks_on(studio, today) -> list[tuple]:
    return [(i.id, i.reason, i.when) for i in call_list(studio.book, today).items]


@pytest.mark.parametrize("visits_ago", [(10,), REGULAR_DUE], ids=["not due", "due"])
def test_an_unanswered_call_back_stays_a_call_back_at_the_retry_pace(studio, visits_ago):
    """She asked to be called back today; today nobody answered. She rests two days, like any
    call not answered, then is listed again as the call-back for the day she named (not as a
    routine call, and not forgotten), until someone speaks to her or the attempts run out."""
    anna = studio.client("Анна Ёлкина", visits_ago=visits_ago)
    studio.call(anna, "callback", on=TODAY, today=TODAY - timedelta(days=3))
    assert callbacks_on(studio, TODAY) == [(anna, "callback", "2026-11-22")]
    studio.call(anna, "no_answer")
    assert open_call_back(studio.book, anna) == ("2026-11-22", "2026-11-24", 1, "no_answer")
    assert callbacks_on(studio, TODAY) == [] and callbacks_on(studio, TODAY + timedelta(days=1)) == []
    assert callbacks_on(studio, TODAY + timedelta(days=2)) == [(anna, "callback", "2026-11-22")]
    studio.call(anna, "left_message", today=TODAY + timedelta(days=2))
    assert open_call_back(studio.book, anna) == ("2026-11-22", "2026-11-26", 2, "left_message")
    assert callbacks_on(studio, TODAY + timedelta(days=3)) == []
    assert callbacks_on(studio, TODAY + timedelta(days=4)) == [(anna, "callback", "2026-11-22")]
    studio.call(anna, "no_answer", today=TODAY + timedelta(days=4))  # the third: calls stop
    assert callbacks_on(studio, TODAY + timedelta(days=10)) == []


@pytest.mark.parametrize("outcome, on, after", [
    ("booked", datetime(2026, 11, 27, 14), None),
    ("declined", None, None),
    ("callback", date(2026, 11, 28), "2026-11-28"),
    ("wrong_number", None, None),
    ("do_not_contact", None, None),
])
def test_a_call_back_closes_once_someone_speaks_to_her(studio, outcome, on, after):
    anna = studio.client("Анна Ёлкина", visits_ago=(10,))
    studio.call(anna, "callback", on=TODAY, today=TODAY - timedelta(days=3))
    studio.call(anna, "no_answer")
    studio.call(anna, outcome, on=on, reason="price" if outcome == "declined" else "",
                today=TODAY + timedelta(days=2))
    assert open_call_back(studio.book, anna)[0] == after
    listed = [(anna, "callback", after)] if after else []
    assert callbacks_on(studio, TODAY + timedelta(days=6)) == listed


def test_callbacks_and_confirmations_are_never_cut_by_the_cap(studio):
    due = [studio.client(f"Анна Клиент{i}ова", visits_ago=REGULAR_DUE) for i in range(4)]
    promised = studio.client("Иван Петров", visits_ago=(20,))
    studio.call(promised, "callback", on=TODAY, today=TODAY - timedelta(days=1))
    pencilled = studio.client("Ольга Ким", visits_ago=(10,))
    studio.visit(pencilled, 1, status="tentative")
    assert studio.order(limit=1)[:2] == [promised, pencilled]
    assert len(studio.order(limit=1)) == 3
    assert len(studio.order(limit=0)) == 6
    set_setting(studio.book, "daily_cap", "2")
    assert len(studio.order()) == 4
    assert set(studio.order(limit=0)) == {promised, pencilled, *due}


def test_not_reached_rests_for_the_cool_down(studio):
    anna = studio.client("Анна Ёлкина", visits_ago=REGULAR_DUE)
    studio.call(anna, "no_answer")
    assert studio.listed() == {}
    assert studio.listed(TODAY + timedelta(days=1)) == {}
    assert anna in studio.listed(TODAY + timedelta(days=2))


def test_attempt_limit_stops_calls_until_the_next_visit(studio):
    anna = studio.client("Анна Ёлкина", visits_ago=REGULAR_DUE)
    for day in (0, 2, 4):
        studio.call(anna, "no_answer", today=TODAY + timedelta(days=day))
    assert studio.listed(TODAY + timedelta(days=10)) == {}
    studio.visit(anna, 5)  # she came: a new cycle
    assert anna in studio.listed(TODAY + timedelta(days=5 + 40))


def test_two_unanswered_messages_escalate_to_a_personal_call(studio):
    anna = studio.client("Анна Ёлкина", visits_ago=REGULAR_DUE)
    studio.call(anna, "left_message", today=TODAY - timedelta(days=6))
    assert call_list(studio.book, TODAY).items[0].next_step == "message_or_call"
    studio.call(anna, "left_message", today=TODAY - timedelta(days=3))
    assert call_list(studio.book, TODAY).items[0].next_step == "call"


def test_declined_for_a_closing_reason_ends_calls(studio):
    anna = studio.client("Анна Ёлкина", visits_ago=REGULAR_DUE)
    studio.call(anna, "declined", reason="moved_away", would_return="если откроете филиал")
    assert studio.listed(TODAY + timedelta(days=200)) == {}
    row = studio.book.execute_sql(
        "SELECT r.code, c.would_return FROM contacts c JOIN reasons r ON r.id = c.reason_id"
    ).fetchone()
    assert row == ("moved_away", "если откроете филиал")


def test_declined_records_stated_and_suspected_reasons(studio):
    anna = studio.client("Анна Ёлкина", visits_ago=REGULAR_DUE)
    studio.call(anna, "declined", reason="Цена", suspected_reason="staff")
    assert studio.listed() == {}
    codes = studio.book.execute_sql(
        "SELECT r.code, s.code FROM contacts c JOIN reasons r ON r.id = c.reason_id "
        "JOIN reasons s ON s.id = c.suspected_reason_id").fetchone()
    assert codes == ("price", "staff")


def test_do_not_contact_outcome_marks_the_card(studio):
    anna = studio.client("Анна Ёлкина", visits_ago=REGULAR_DUE)
    studio.call(anna, "do_not_contact")
    assert studio.book.execute_sql("SELECT do_not_contact FROM clients").fetchone()[0] == 1
    assert studio.listed(TODAY + timedelta(days=30)) == {}


def test_wrong_number_keeps_them_off(studio):
    anna = studio.client("Анна Ёлкина", visits_ago=REGULAR_DUE)
    studio.call(anna, "wrong_number")
    assert studio.listed(TODAY + timedelta(days=5)) == {}


def test_booked_creates_the_booking_and_leaves_the_list(studio):
    anna = studio.client("Анна Ёлкина", visits_ago=REGULAR_DUE)
    studio.call(anna, "booked", on=datetime(2026, 11, 25, 14, 30))
    booking = studio.book.execute_sql(
        "SELECT v.starts_at, v.status, c.visit_id = v.id FROM visits v, contacts c "
        "WHERE v.status = 'planned'").fetchone()
    assert booking == ("2026-11-25 14:30:00", "planned", 1)
    assert studio.listed() == {}


@pytest.mark.parametrize("outcome, on, message", [
    ("callback", None, "A call-back needs its date"),
    ("callback", date(2026, 11, 1), "That day has passed; choose today or later"),
    ("booked", date(2026, 11, 1), "That day has passed; choose today or later"),
    ("booked", None, "A booking needs its date"),
    ("declined", None, "Say why they declined"),
    ("maybe", None, "is not an outcome"),
])
def test_outcomes_that_make_no_sense_change_nothing(studio, outcome, on, message):
    anna = studio.client("Анна Ёлкина", visits_ago=REGULAR_DUE)
    with pytest.raises(UserError, match=message):
        studio.call(anna, outcome, on=on)
    assert studio.book.execute_sql("SELECT count(*) FROM contacts").fetchone()[0] == 0


def test_archived_and_do_not_contact_never_listed(studio):
    gone = studio.client("Анна Ёлкина", visits_ago=REGULAR_DUE)
    quiet = studio.client("Ольга Ким", visits_ago=REGULAR_DUE, do_not_contact=True)
    archive(studio.book, gone)
    assert studio.listed() == {}
    assert quiet


def test_order_regulars_then_more_overdue_then_higher_check(studio):
    one_off = studio.client("Иван Петров", visits_ago=(70,), service="Стрижка")  # 70/42: 1.67
    late = studio.client("Ольга Ким", visits_ago=(38, 66, 94, 122))  # 1.36
    later = studio.client("Анна Ёлкина", visits_ago=(40, 68, 96, 124))  # 1.43
    rich = studio.client("Мария Лось", visits_ago=(38, 66, 94, 122), price=500000)  # 1.36
    assert studio.order() == [later, rich, late, one_off]


def test_birthday_today(studio):
    anna = studio.client("Анна Ёлкина", visits_ago=(10,))
    studio.book.execute_sql("UPDATE clients SET birth_day = 22, birth_month = 11 WHERE id = ?", (anna,))
    assert studio.listed() == {anna: "birthday"}


@pytest.mark.parametrize("today, listed", [
    (date(2027, 2, 28), True), (date(2027, 3, 1), False),
    (date(2028, 2, 28), False), (date(2028, 2, 29), True),
])
def test_29_february_birthday_falls_on_28_february_in_common_years(studio, today, listed):
    anna = studio.client("Анна Ёлкина")
    studio.book.execute_sql("UPDATE clients SET birth_day = 29, birth_month = 2 WHERE id = ?", (anna,))
    assert (anna in studio.listed(today)) is listed


def test_two_tracks_name_the_overdue_one(studio):
    anna = studio.client("Анна Ёлкина", visits_ago=(10, 38, 66, 94))  # nails: fine
    for days in (70, 126, 182, 238):  # colour every 56 days, 70 days ago: due
        studio.visit(anna, -days, service="Окрашивание")
    items = call_list(studio.book, TODAY).items
    assert [(i.id, i.reason, i.track) for i in items] == [(anna, "due", "colour")]


def test_manual_interval_wins_and_learned_stays_visible(studio):
    from clientbook.services.clients import card, set_interval_override

    anna = studio.client("Анна Ёлкина", visits_ago=REGULAR_DUE)  # learned 28, 35 days ago: due
    set_interval_override(studio.book, anna, 60)
    assert studio.listed() == {}
    line = card(studio.book, anna, TODAY).rhythm[0]
    assert (line.interval_days, line.source, line.learned_days, line.tier) == (60, "manual", 28, "not_due")
    set_interval_override(studio.book, anna, None)
    assert studio.listed() == {anna: "due"}
    with pytest.raises(UserError):
        set_interval_override(studio.book, anna, 0)


def visits_of(book, client_id) -> list[tuple]:
    return book.execute_sql("SELECT id, starts_at, status FROM visits WHERE client_id = ? "
                            "AND status IN ('planned', 'tentative') ORDER BY id", (client_id,)).fetchall()


def test_booked_on_a_confirm_row_confirms_the_pencilled_booking_without_a_second(studio):
    anna = studio.client("Анна Ёлкина", visits_ago=REGULAR_DUE)
    booking = studio.visit(anna, 2, status="tentative")
    studio.call(anna, "booked")  # no day said: the pencilled booking as it stands
    assert visits_of(studio.book, anna) == [(booking, "2026-11-24 11:00:00", "planned")]
    assert studio.listed() == {}
    contact = studio.book.execute_sql("SELECT outcome, visit_id FROM contacts").fetchall()
    assert contact == [("booked", booking)]


@pytest.mark.parametrize("on, moved_to", [
    (datetime(2026, 11, 25, 15, 30), "2026-11-25 15:30:00"),  # another moment: moved there
    (date(2026, 11, 23), "2026-11-23 11:00:00"),  # another day alone: its time is kept
])
def test_booking_a_pencilled_client_at_another_time_moves_the_booking(studio, on, moved_to):
    anna = studio.client("Анна Ёлкина", visits_ago=REGULAR_DUE)
    booking = studio.visit(anna, 2, status="tentative")
    studio.call(anna, "booked", on=on)
    assert visits_of(studio.book, anna) == [(booking, moved_to, "planned")]


def test_a_pencilled_booking_beyond_the_confirm_window_is_not_taken(studio):
    anna = studio.client("Анна Ёлкина", visits_ago=REGULAR_DUE)
    later = studio.visit(anna, 10, status="tentative")
    studio.call(anna, "booked", on=datetime(2026, 11, 24, 12))
    assert visits_of(studio.book, anna) == [(later, "2026-12-02 11:00:00", "tentative"),
                                            (later + 1, "2026-11-24 12:00:00", "planned")]


def test_booked_without_a_day_and_nothing_pencilled_is_refused(studio):
    anna = studio.client("Анна Ёлкина", visits_ago=REGULAR_DUE)
    with pytest.raises(UserError, match="A booking needs its date"):
        studio.call(anna, "booked")
    assert visits_of(studio.book, anna) == []
    assert studio.book.execute_sql("SELECT count(*) FROM contacts").fetchone() == (0,)


def test_undo_takes_back_a_booking_made_by_a_call(studio):
    anna = studio.client("Анна Ёлкина", visits_ago=REGULAR_DUE)
    recorded = log_call(studio.book, anna, Outcome("booked", on=datetime(2026, 11, 24, 12)),
                        datetime.combine(TODAY, time(12)))
    assert studio.listed() == {}
    undo_call(studio.book, recorded)
    assert visits_of(studio.book, anna) == []
    assert studio.book.execute_sql("SELECT count(*) FROM contacts").fetchone() == (0,)
    assert studio.listed() == {anna: "due"}
    with pytest.raises(UserError, match="nothing to undo"):
        undo_call(studio.book, recorded)  # once only


def test_undo_of_a_confirmation_pencils_the_booking_back_in(studio):
    anna = studio.client("Анна Ёлкина", visits_ago=REGULAR_DUE)
    booking = studio.visit(anna, 2, status="tentative")
    recorded = log_call(studio.book, anna, Outcome("booked", on=datetime(2026, 11, 25, 15)),
                        datetime.combine(TODAY, time(12)))
    undo_call(studio.book, recorded)
    assert visits_of(studio.book, anna) == [(booking, "2026-11-24 11:00:00", "tentative")]
    assert studio.listed() == {anna: "confirm"}


def test_undo_of_do_not_contact_clears_only_what_the_call_set(studio):
    anna = studio.client("Анна Ёлкина", visits_ago=REGULAR_DUE)
    vera = studio.client("Вера Ким", visits_ago=REGULAR_DUE, do_not_contact=True)
    for client_id in (anna, vera):
        undo_call(studio.book, log_call(studio.book, client_id, Outcome("do_not_contact"),
                                        datetime.combine(TODAY, time(12))))
    flags = dict(studio.book.execute_sql("SELECT id, do_not_contact FROM clients").fetchall())
    assert flags == {anna: 0, vera: 1}  # Вера had asked before the call: that stays


def test_undo_never_takes_back_what_another_window_did_since(studio):
    anna = studio.client("Анна Ёлкина", visits_ago=REGULAR_DUE)
    recorded = log_call(studio.book, anna, Outcome("booked", on=datetime(2026, 11, 24, 12)),
                        datetime.combine(TODAY, time(12)))
    # Another window moves the booking the call made; undoing the call is refused and keeps their move.
    studio.book.execute_sql("UPDATE visits SET starts_at = '2026-11-25 10:00:00' WHERE id = ?",
                            (recorded.booking,))
    with pytest.raises(UserError, match="changed since that call"):
        undo_call(studio.book, recorded)
    assert visits_of(studio.book, anna) == [(recorded.booking, "2026-11-25 10:00:00", "planned")]
    assert rows(studio.book, "SELECT count(*) FROM contacts WHERE client_id = ?", anna) == [(1,)]


def test_a_course_running_out_with_sessions_left_is_called_after_confirmations(studio):
    from clientbook.services.courses import add_course, use_session

    anna = studio.client("Анна Ёлкина", visits_ago=REGULAR_DUE)
    vera = studio.client("Вера Щукина", visits_ago=(5,))  # not due: only her course calls for her
    olga = studio.client("Ольга Ким", visits_ago=(3,))
    studio.visit(olga, 1, status="tentative")
    course = add_course(studio.book, vera, 3, TODAY - timedelta(days=60), service="Маникюр",
                        valid_until=TODAY + timedelta(days=14))  # her visit five days ago used one
    assert studio.order() == [olga, vera, anna]
    assert call_list(studio.book, TODAY).items[1].when == (TODAY + timedelta(days=14)).isoformat()
    assert studio.listed(TODAY - timedelta(days=1)).get(vera) is None  # fifteen days ahead: not yet
    assert studio.listed(TODAY + timedelta(days=15)).get(vera) is None  # ended: nothing to save
    use_session(studio.book, course)
    use_session(studio.book, course)
    assert studio.listed().get(vera) is None  # every session used


def test_a_done_visit_of_the_course_service_uses_a_session_and_undoing_it_gives_it_back(studio):
    from clientbook.services.courses import add_course, courses

    vera = studio.client("Вера Щукина", visits_ago=(40,))  # before the course: uses nothing
    add_course(studio.book, vera, 3, TODAY - timedelta(days=10), service="Маникюр")
    visit = studio.visit(vera, -2)
    studio.visit(vera, -1, service="Стрижка")  # another service: uses nothing
    assert courses(studio.book, vera)[0].sessions_used == 1
    set_status(studio.book, visit, "no_show", TODAY)
    assert courses(studio.book, vera)[0].sessions_used == 0
    assert rows(studio.book, "SELECT count(*) FROM course_sessions") == [(0,)]


def test_a_client_with_an_open_complaint_comes_first_whatever_her_reason(studio):
    from clientbook.services.complaints import close_complaint, open_complaint

    anna = studio.client("Анна Ёлкина", visits_ago=REGULAR_DUE)
    ivan = studio.client("Иван Петров", visits_ago=(200, 230, 260))
    studio.call(ivan, "callback", on=TODAY, today=TODAY - timedelta(days=3))
    assert studio.order() == [ivan, anna]
    number = open_complaint(studio.book, anna, "Скол покрытия", "quality", TODAY)
    items = call_list(studio.book, TODAY).items
    assert [(i.id, i.reason, i.open_complaint) for i in items] == [(anna, "due", True), (ivan, "callback", False)]
    close_complaint(studio.book, number, TODAY)
    assert studio.order() == [ivan, anna]
