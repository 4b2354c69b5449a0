"""The call list screen: one key per outcome writes the contact and moves on."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from textual.widgets import DataTable, Input, OptionList

from clientbook import i18n
from clientbook.services.book import open_book
from clientbook.services.clients import NewClient, add_client
from clientbook.services.visits import NewVisit, add_visit
from clientbook.tui.screens.calls import CallsScreen
from clientbook.tui.screens.card import CardScreen
from clientbook.tui.widgets.ask import Ask
from tests.ui.pilot import TODAY, equal, focused_on, make_app, rows, shown, shows, until

ALL = ["Ёлкина Анна", "Ким Ольга", "Лось Мария"]  # due in this order


def listed(app) -> list[str]:
    table = app.screen.query_one("#calls", DataTable)
    return [str(table.get_row_at(i)[1]) for i in range(table.row_count)]


def contacts(path) -> list[tuple]:
    database = open_book(path)
    try:
        return database.execute_sql(
            "SELECT c.client_id, c.outcome, c.callback_on, r.code FROM contacts c "
            "LEFT JOIN reasons r ON r.id = c.reason_id ORDER BY c.id").fetchall()
    finally:
        database.close()


async def open_calls(pilot) -> None:
    """F3, then until the list is read and the first client's brief is beside it."""
    await pilot.press("f3")

    def ready():
        assert listed(pilot.app) == ALL
        assert "Ёлкина Анна" in shown(pilot.app, "#brief")

    await until(pilot, ready)


async def after_outcome(pilot, left: list[str], brief: str) -> None:
    """Until the call is recorded: the list read again without that client, the next one's brief beside it."""
    def moved_on():
        assert isinstance(pilot.app.screen, CallsScreen)
        assert listed(pilot.app) == left
        assert brief in shown(pilot.app, "#brief")

    await until(pilot, moved_on)


async def test_list_and_brief_with_script(due_book):
    app = make_app(due_book)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("f3")

        def the_script():
            assert listed(app) == ["Ёлкина Анна", "Ким Ольга", "Лось Мария"]
            brief = shown(app, "#brief")
            assert brief.startswith("⚠ Аллергия на латекс")
            assert "“Анна, hello!" in brief
            assert ("We can offer tomorrow at 11:00 or Tuesday, November 24, at 11:00. Which suits you "
                    "better?”") in brief
            assert "Kodi 70" in brief

        await until(pilot, the_script)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80", "120"])
@pytest.mark.parametrize(("language", "headers", "reasons"), [
    ("en", ["why", "name", "track", "days"], ["call back Nov 20", "confirm Nov 23 16:30", "due"]),
    ("ru", ["почему", "имя", "направление", "дней"],
     ["перезвонить 20.11", "подтвердить 23.11 16:30", "пора позвонить"]),
])
async def test_each_reason_says_what_its_moment_is(due_book, size, language, headers, reasons):
    """No bare «when»: a call-back reads «перезвонить 20.11» (the day she asked for, still
    owed after the call that day went unanswered), a booking to confirm «подтвердить 23.11
    16:30»; the reason keeps its words whole at 80 columns as at 120."""
    from clientbook.services.contacts import Outcome, log_call

    database = open_book(due_book)
    log_call(database, 1, Outcome("callback", on=date(2026, 11, 20)), datetime(2026, 11, 19, 12))
    log_call(database, 1, Outcome("no_answer"), datetime(2026, 11, 20, 12))
    add_visit(database, 2, NewVisit(datetime(2026, 11, 23, 16, 30), ("Маникюр",), status="tentative"),
              {"Маникюр": "nails"}, today=TODAY)
    database.close()
    i18n.set_language(language)
    app = make_app(due_book)
    async with app.run_test(size=size) as pilot:
        await pilot.press("f3")

        def labelled():
            table = app.screen.query_one("#calls", DataTable)
            columns = list(table.columns.values())
            assert [str(column.label) for column in columns] == headers
            assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == reasons
            assert columns[0].width == max(map(len, reasons))  # whole: the name gives way

        await until(pilot, labelled)


async def test_no_answer_key_records_and_moves_on(due_book):
    app = make_app(due_book)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_calls(pilot)
        await pilot.press("n")
        await after_outcome(pilot, ["Ким Ольга", "Лось Мария"], "Ким Ольга")
        assert app.screen.query_one("#calls", DataTable).cursor_row == 0
    assert contacts(due_book) == [(1, "no_answer", None, None)]


async def test_call_back_asks_for_the_day(due_book):
    app = make_app(due_book)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_calls(pilot)
        await pilot.press("r")
        answer = await focused_on(pilot, "#answer", Input)
        await pilot.press(*"2026-11-01", "enter")  # in the past: refused, the dialog stays
        await until(pilot, lambda: "That day has passed" in shown(app, "#problem"))
        assert isinstance(app.screen, Ask)
        answer.value = ""
        await pilot.press(*"2026-11-28", "enter")
        await after_outcome(pilot, ["Ким Ольга", "Лось Мария"], "Ким Ольга")
    assert contacts(due_book) == [(1, "callback", "2026-11-28", None)]


async def test_declined_asks_the_reason(due_book):
    app = make_app(due_book)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_calls(pilot)
        await pilot.press("down", "d")
        options = await focused_on(pilot, "#choices", OptionList)
        options.highlighted = [o.id for o in options._options].index("moved_away")
        await pilot.press("enter")
        await after_outcome(pilot, ["Ёлкина Анна", "Лось Мария"], "Лось Мария")
    assert contacts(due_book) == [(2, "declined", None, "moved_away")]


async def type_when(pilot) -> Input:
    """b, then from the free slots back to the typed moment (shift+tab); the field, emptied."""
    await pilot.press("b")
    await focused_on(pilot, "#booking-slots", OptionList)
    await pilot.press("shift+tab")
    when = await focused_on(pilot, "#booking-when", Input)
    when.value = ""
    return when


async def test_booked_asks_when_and_makes_the_booking(due_book):
    app = make_app(due_book)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_calls(pilot)
        await type_when(pilot)
        await pilot.press(*"24.11 14:30", "enter")  # as a Russian admin types it
        await after_outcome(pilot, ["Ким Ольга", "Лось Мария"], "Ким Ольга")
    database = open_book(due_book)
    assert database.execute_sql("SELECT client_id, starts_at FROM visits WHERE status = 'planned'").fetchall() == [
        (1, "2026-11-24 14:30:00")]


async def test_escape_cancels_and_records_nothing(due_book):
    app = make_app(due_book)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_calls(pilot)
        await pilot.press("b")
        await focused_on(pilot, "#booking-slots", OptionList)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, CallsScreen), what="the dialog to close")
        assert listed(app) == ALL
        assert not any(n.message.startswith("Recorded") for n in app._notifications)
    assert contacts(due_book) == []


async def test_copy_message_for_a_messenger(due_book):
    app = make_app(due_book)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_calls(pilot)
        await pilot.press("c")

        def copied():
            assert app.clipboard.startswith("Анна, hello! This is clientbook. Your last visit was on")
            assert app.clipboard.endswith(
                "We can offer tomorrow at 11:00 or Tuesday, November 24, at 11:00. Which suits you better?")

        await until(pilot, copied)


async def test_russian_interface(due_book):
    i18n.set_language("ru")
    try:
        app = make_app(due_book)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.press("f3")

            def in_russian():
                table = app.screen.query_one("#calls", DataTable)
                assert str(table.get_row_at(0)[0]) == "под угрозой"
                brief = shown(app, "#brief")
                assert "«Анна, здравствуйте! Это clientbook.»" in brief
                assert "2\u00a0000\u00a0₽" in brief  # Babel's Russian money
                assert "8 окт. 2026\u202fг." in brief  # and dates

            await until(pilot, in_russian)
            footer_text = " ".join(str(b[1].description) for b in app.screen.active_bindings.values())
            assert "Записали" in footer_text and "Недозвон" in footer_text
    finally:
        i18n.set_language("en")


async def test_b_on_a_confirm_row_confirms_the_pencilled_booking_without_a_second(due_book):
    database = open_book(due_book)
    booking = add_visit(database, 2, NewVisit(datetime(2026, 11, 23, 16, 30), ("Маникюр",), status="tentative"),
                        today=date(2026, 11, 22))
    database.close()
    app = make_app(due_book)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("f3")
        await until(pilot, lambda: listed(app) == ["Ким Ольга", "Ёлкина Анна", "Лось Мария"])
        await until(pilot, lambda: "Ким Ольга" in shown(app, "#brief"))
        await pilot.press("b")
        answer = await focused_on(pilot, "#booking-when", Input)
        assert answer.value == "23.11.2026 16:30"  # the booking offered as it stands
        assert app.screen.query_one("#booking-services", Input).value == "Маникюр"  # as pencilled
        await pilot.press("enter")
        await after_outcome(pilot, ["Ёлкина Анна", "Лось Мария"], "Ёлкина Анна")
    database = open_book(due_book)
    assert database.execute_sql("SELECT id, client_id, starts_at, status FROM visits "
                                "WHERE status <> 'done'").fetchall() == [(booking, 2, "2026-11-23 16:30:00",
                                                                         "planned")]
    database.close()


def toasts(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


@pytest.mark.parametrize("key, outcome", [("x", "do_not_contact"), ("w", "wrong_number")])
async def test_closing_outcomes_ask_first(due_book, key, outcome):
    app = make_app(due_book)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_calls(pilot)
        await pilot.press(key)
        options = await focused_on(pilot, "#choices", OptionList)
        assert "Ёлкина Анна" in shown(app, "Label")  # the question names the client
        options.highlighted = [o.id for o in options._options].index("no")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CallsScreen), what="the question to close")
        assert listed(app) == ALL and contacts(due_book) == []  # "no": nothing recorded
        await pilot.press(key)
        options = await focused_on(pilot, "#choices", OptionList)
        options.highlighted = [o.id for o in options._options].index("yes")
        await pilot.press("enter")
        await after_outcome(pilot, ["Ким Ольга", "Лось Мария"], "Ким Ольга")
        assert any(t.startswith("Recorded: Ёлкина Анна — ") for t in toasts(app))
    assert contacts(due_book) == [(1, outcome, None, None)]


async def test_the_toast_names_the_client_and_the_booking(due_book):
    app = make_app(due_book)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_calls(pilot)
        await type_when(pilot)
        await pilot.press(*"24.11 14:30", "enter")
        await after_outcome(pilot, ["Ким Ольга", "Лось Мария"], "Ким Ольга")
        await until(pilot, lambda: "Recorded: Ёлкина Анна — booked for Tuesday, November 24, 14:30" in toasts(app),
                    show=lambda: toasts(app))


async def test_home_end_and_enter_on_the_call_list(due_book):
    app = make_app(due_book)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_calls(pilot)
        table = app.screen.query_one("#calls", DataTable)
        await pilot.press("end")
        await until(pilot, lambda: table.cursor_row == 2, what="the last call")
        await until(pilot, lambda: "Лось Мария" in shown(app, "#brief"))
        await pilot.press("home")
        await until(pilot, lambda: table.cursor_row == 0, what="the first call")
        await pilot.press("pagedown")
        await until(pilot, lambda: table.cursor_row == 2, what="a page down: the last of three calls")
        await pilot.press("pageup")
        await until(pilot, lambda: table.cursor_row == 0, what="a page up: the first call")
        await pilot.press("down", "enter")
        await until(pilot, lambda: isinstance(app.screen, CardScreen), what="the card")
        await shows(pilot, "#card-title", "Ким Ольга")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, CallsScreen), what="back on the list")
        await until(pilot, lambda: table.cursor_row == 1 and "Ким Ольга" in shown(app, "#brief"),
                    what="the same row")


async def test_u_undoes_the_last_outcome_once(due_book):
    app = make_app(due_book)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_calls(pilot)
        await pilot.press("u")
        await until(pilot, lambda: "Nothing to undo." in toasts(app), show=lambda: toasts(app))
        await pilot.press("n")
        await after_outcome(pilot, ["Ким Ольга", "Лось Мария"], "Ким Ольга")
        assert contacts(due_book) == [(1, "no_answer", None, None)]
        await pilot.press("u")
        await until(pilot, lambda: listed(app) == ALL, what="Ёлкина back on the list", show=lambda: listed(app))
        await until(pilot, lambda: "Undone: Ёлкина Анна — no answer" in toasts(app), show=lambda: toasts(app))
        assert contacts(due_book) == []


@pytest.fixture
def salon_book(book_path):
    """Зарина comes every 28 days at 15:00 for a manicure (90 minutes) with Ольга, and is due; Ольга's
    Monday is nearly full."""
    from clientbook.services.catalog import add_master, add_service

    database = open_book(book_path)
    add_master(database, "Ольга Смирнова", "mon-sat 10-20")
    add_master(database, "Дарья Белова", "mon-fri 12-20")
    add_service(database, "Маникюр", "nails", price_cents=200000, duration_min=90)
    add_service(database, "Педикюр", "feet", price_cents=250000, duration_min=60)
    zarina = add_client(database, NewClient("Зарина", "Николаева"))
    vera = add_client(database, NewClient("Вера", "Ким"))
    for k in range(4):
        add_visit(database, zarina, NewVisit(datetime(2026, 11, 22, 15) - timedelta(days=35 + 28 * k), ("Маникюр",),
                                             master="Ольга Смирнова", price_cents=200000), today=TODAY)
    for when, service in [((23, 10), "Маникюр"), ((23, 11, 30), "Педикюр"), ((23, 14), "Маникюр"),
                          ((23, 16), "Маникюр"), ((24, 15), "Маникюр")]:
        add_visit(database, vera, NewVisit(datetime(2026, 11, *when), (service,), master="Ольга Смирнова",
                                           status="planned"), today=TODAY)
    database.close()
    return book_path


def olgas_bookings(path) -> list[tuple[datetime, datetime]]:
    found = rows(path, "SELECT v.starts_at, s.duration_min FROM visits v JOIN visit_services vs ON vs.visit_id = v.id "
                       "JOIN services s ON s.id = vs.service_id WHERE v.master_id = 1 AND v.status = 'planned'")
    return [(datetime.fromisoformat(start), datetime.fromisoformat(start) + timedelta(minutes=length))
            for start, length in found]


def offered(app) -> list[datetime]:
    options = app.screen.query_one("#booking-slots", OptionList)
    return [datetime.fromisoformat(options.get_option_at_index(i).id) for i in range(options.option_count)]


async def open_salon_booking(pilot) -> OptionList:
    await pilot.press("f3")
    await until(pilot, lambda: listed(pilot.app) == ["Николаева Зарина"] and "Николаева" in shown(pilot.app, "#brief"))
    await pilot.press("b")
    return await focused_on(pilot, "#booking-slots", OptionList)


async def test_the_script_offers_only_free_slots_of_the_usual_master(salon_book):
    app = make_app(salon_book)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("f3")
        # Near her 15:00, on two days, 90 minutes free with Ольга: Monday 12:30, Tuesday 13:30 (ties: the earlier).
        await shows(pilot, "#brief", "We can offer tomorrow at 12:30 or Tuesday, November 24, at 13:30.")


async def test_booking_from_a_due_row_into_a_free_slot_with_the_usual_service_and_master(salon_book):
    app = make_app(salon_book)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_salon_booking(pilot)
        assert app.screen.query_one("#booking-services", Input).value == "Маникюр"
        assert app.screen.query_one("#booking-master", Input).value == "Ольга Смирнова"
        # The script's two slots first, then the next free ones; every one is free for a 90-minute
        # manicure with Ольга.
        await equal(pilot, lambda: offered(app), [datetime(2026, 11, 23, 12, 30), datetime(2026, 11, 24, 13, 30),
                                                  datetime(2026, 11, 23, 17, 30), datetime(2026, 11, 23, 18),
                                                  datetime(2026, 11, 23, 18, 30), datetime(2026, 11, 24, 10)])
        busy = olgas_bookings(salon_book)
        assert len(busy) == 5
        for start in offered(app):
            assert not any(start < end and begin < start + timedelta(minutes=90) for begin, end in busy), start
        # The dialog fits 80×24 with its labels beside their fields.
        assert app.screen.query_one("#booking-slots", OptionList).region.bottom <= 24
        assert [str(label.render()) for label in app.screen.query(".row Label")] == ["Services", "Master", "When"]
        await pilot.press("down", "enter")  # the script's second: Tuesday 13:30
        await until(pilot, lambda: listed(app) == [] and isinstance(app.screen, CallsScreen), what="booked")
        await until(pilot, lambda: "Recorded: Николаева Зарина — booked for Tuesday, November 24, 13:30" in toasts(app),
                    show=lambda: toasts(app))
    assert rows(salon_book, "SELECT v.client_id, v.starts_at, v.status, m.name, v.price_cents, v.duration_min, "
                            "s.name, vs.price_cents FROM visits v JOIN masters m ON m.id = v.master_id "
                            "JOIN visit_services vs ON vs.visit_id = v.id JOIN services s ON s.id = vs.service_id "
                            "WHERE v.client_id = 1 AND v.status = 'planned'") == [
        (1, "2026-11-24 13:30:00", "planned", "Ольга Смирнова", 200000, 90, "Маникюр", 200000)]


async def test_the_slots_follow_the_master_and_the_service(salon_book):
    app = make_app(salon_book)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_salon_booking(pilot)
        await equal(pilot, lambda: offered(app)[0], datetime(2026, 11, 23, 12, 30))
        # The script's two slots stay first while free; then 60 minutes: 13:00 fits before 14:00.
        app.screen.query_one("#booking-services", Input).value = "пед"
        await equal(pilot, lambda: offered(app)[:3], [datetime(2026, 11, 23, 12, 30), datetime(2026, 11, 24, 13, 30),
                                                      datetime(2026, 11, 23, 13)])
        app.screen.query_one("#booking-master", Input).value = "Дар"  # Дарья's Monday is free from 12:00
        await equal(pilot, lambda: offered(app)[:3], [datetime(2026, 11, 23, 12, 30), datetime(2026, 11, 24, 13, 30),
                                                      datetime(2026, 11, 23, 12)])
        app.screen.query_one("#booking-master", Input).value = "Иван"
        await shows(pilot, "#booking-problem", "“Иван” is not among the studio's masters. "
                                               "Add it on the price list screen (F7).")
        assert offered(app) == []


async def test_a_typed_time_the_master_has_booked_is_refused_with_the_next_free_slot(salon_book):
    app = make_app(salon_book)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_salon_booking(pilot)
        await pilot.press("shift+tab")
        await focused_on(pilot, "#booking-when", Input)
        await pilot.press(*"23.11.2026 14:00", "enter")
        await shows(pilot, "#booking-problem", "Ольга Смирнова: the time Monday, November 23, 14:00 is taken. "
                                               "The next free slot is Monday, November 23, 17:30.")
        problem = app.screen.query_one("#booking-problem")
        assert problem.region.y <= 3  # under the title, where the eye is
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, CallsScreen), what="the dialog closed")
        assert listed(app) == ["Николаева Зарина"]
    assert rows(salon_book, "SELECT count(*) FROM visits WHERE client_id = 1 AND status = 'planned'") == [(0,)]
    assert rows(salon_book, "SELECT count(*) FROM contacts") == [(0,)]


async def test_u_takes_back_a_booking_with_its_services(salon_book):
    app = make_app(salon_book)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_salon_booking(pilot)
        await equal(pilot, lambda: len(offered(app)), 6)
        await pilot.press("enter")
        await until(pilot, lambda: listed(app) == [], what="booked")
        await pilot.press("u")
        await until(pilot, lambda: listed(app) == ["Николаева Зарина"], what="back on the list")
        await until(pilot, lambda: "Undone: Николаева Зарина — booked for Monday, November 23, 12:30" in toasts(app),
                    show=lambda: toasts(app))
    assert rows(salon_book, "SELECT count(*) FROM visits WHERE client_id = 1 AND status = 'planned'") == [(0,)]
    assert rows(salon_book, "SELECT count(*) FROM visit_services vs JOIN visits v ON v.id = vs.visit_id "
                            "WHERE v.client_id = 1") == [(4,)]  # her four visits' services, none more


async def test_another_slot_on_a_confirm_row_moves_the_pencilled_booking(due_book):
    database = open_book(due_book)
    booking = add_visit(database, 2, NewVisit(datetime(2026, 11, 23, 10), ("Маникюр",), status="tentative"),
                        today=date(2026, 11, 22))
    database.close()
    app = make_app(due_book)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        await until(pilot, lambda: listed(app) == ["Ким Ольга", "Ёлкина Анна", "Лось Мария"])
        await until(pilot, lambda: "Ким Ольга" in shown(app, "#brief"))
        await pilot.press("b")
        await focused_on(pilot, "#booking-when", Input)
        # The pencilled booking does not stand in its own way: its 10:00 is the first free slot.
        await equal(pilot, lambda: offered(app)[:2], [datetime(2026, 11, 23, 10), datetime(2026, 11, 23, 10, 30)])
        await pilot.press("tab")
        await focused_on(pilot, "#booking-slots", OptionList)
        await pilot.press("down", "enter")  # Monday 10:30
        await after_outcome(pilot, ["Ёлкина Анна", "Лось Мария"], "Ёлкина Анна")
        await until(pilot, lambda: "Recorded: Ким Ольга — booked for Monday, November 23, 10:30" in toasts(app),
                    show=lambda: toasts(app))
    assert rows(due_book, "SELECT id, client_id, starts_at, status FROM visits WHERE status <> 'done'") == [
        (booking, 2, "2026-11-23 10:30:00", "planned")]
