"""Courses, bonuses and win-back cases on the screens (issue 20): each typed as the admin
would, then checked in the book."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from textual.widgets import Input, Select

from clientbook.services.book import open_book
from clientbook.services.clients import NewClient, add_client
from clientbook.services.contacts import Outcome, log_call
from clientbook.services.courses import add_course
from clientbook.services.visits import NewVisit, add_visit
from clientbook.tui.widgets.ask import Ask, Choose
from clientbook.tui.widgets.case_form import CaseForm
from clientbook.tui.widgets.visit_form import VisitForm
from tests.ui.pilot import TODAY, make_app, shown, until
from tests.ui.test_calls_screen import ALL, listed
from tests.ui.test_whole_visit import open_card


def rows(path, sql: str) -> list[tuple]:
    database = open_book(path)
    try:
        return database.execute_sql(sql).fetchall()
    finally:
        database.close()


async def answer(pilot, prompt: str, text: str) -> None:
    """The Ask dialog asking `prompt` (its start), answered with `text` and Enter."""
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, Ask) and app.screen.prompt.startswith(prompt),
                show=lambda: app.screen)
    if text:
        await pilot.press(*text)
    await pilot.press("enter")


async def test_a_course_sold_on_the_card_and_a_session_used_by_a_done_visit(due_book):
    app = make_app(due_book)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_card(pilot)  # Ёлкина Анна's
        await pilot.press("o")
        await answer(pilot, "Which service", "Маник")
        await answer(pilot, "How many sessions", "5")
        await answer(pilot, "Valid until", "31.01.2027")
        await answer(pilot, "A gift from whom", "Ким Ольга")
        await until(pilot, lambda: "Course “Маникюр”: 5 of 5 sessions left, until Jan 31, 2027 (a gift from "
                    "Ким Ольга)" in shown(app, "#overview"), show=lambda: shown(app, "#overview"))
        assert rows(due_book, "SELECT title, sessions_total, sessions_used, valid_until, bought_on, gift_from, "
                              "service_id IS NOT NULL FROM courses") == [
            ("Маникюр", 5, 0, "2027-01-31", "2026-11-22", "Ким Ольга", 1)]

        await pilot.press("v")
        form = await until(pilot, lambda: app.screen if isinstance(app.screen, VisitForm) else False)
        form.query_one("#when", Input).value = "22.11.2026 10:00"
        form.query_one("#services", Input).value = "Маникюр"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "4 of 5 sessions left" in shown(app, "#overview"),
                    show=lambda: shown(app, "#overview"))
    assert rows(due_book, "SELECT sessions_used FROM courses") == [(1,)]
    assert rows(due_book, "SELECT v.starts_at FROM course_sessions s JOIN visits v ON v.id = s.visit_id") == [
        ("2026-11-22 10:00:00",)]


async def test_a_course_running_out_puts_its_client_on_the_call_list_after_confirmations(due_book):
    database = open_book(due_book)
    cid = add_client(database, NewClient("Вера", "Щукина", phone="8 916 000-00-09"))
    add_visit(database, cid, NewVisit(datetime(2026, 11, 15, 12), ("Маникюр",)), today=TODAY)
    add_course(database, cid, 6, date(2026, 9, 1), service="Маникюр", valid_until=date(2026, 12, 1))
    database.execute_sql("UPDATE courses SET sessions_used = 2")
    database.close()
    app = make_app(due_book)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        await until(pilot, lambda: listed(app) == ["Щукина Вера", *ALL], show=lambda: listed(app))
        table = app.screen.query_one("#calls")
        assert str(table.get_row_at(0)[0]) == "course until Dec 1"
        await until(pilot, lambda: "Щукина Вера" in shown(app, "#brief"))
        brief = shown(app, "#brief")
        assert "Course “Маникюр”: 4 of 6 sessions left, until Dec 1, 2026" in brief
        assert "Your course “Маникюр” has 4 of 6 sessions left, and it is valid until December 1." in brief


async def test_a_bonus_movement_from_the_card(due_book):
    app = make_app(due_book)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_card(pilot)
        await pilot.press("b")
        await until(pilot, lambda: isinstance(app.screen, Choose) and app.screen.prompt == "Bonuses")
        await pilot.press("enter")  # earned
        await answer(pilot, "How many points", "300 за отзыв")
        await until(pilot, lambda: "Bonus balance: 300 bonus points." in shown(app, "#overview"),
                    show=lambda: shown(app, "#overview"))
        await pilot.press("b")
        await until(pilot, lambda: isinstance(app.screen, Choose) and app.screen.prompt == "Bonuses")
        await pilot.press("down", "enter")  # spent
        await answer(pilot, "How many points", "500")
        await until(pilot, lambda: "Only 300 bonus points on the balance: 500 cannot be spent." in [
            str(n.message) for n in app._notifications], show=lambda: list(app._notifications))
    assert rows(due_book, "SELECT on_day, kind, points, note FROM bonus_movements") == [
        ("2026-11-22", "earned", 300, "за отзыв")]


def lost_client(path) -> int:
    """Нина Орлова: a regular every 28 days who stopped coming 250 days ago, called once since."""
    database = open_book(path)
    try:
        cid = add_client(database, NewClient("Нина", "Орлова", phone="8 916 000-00-07"))
        for k in range(4):
            add_visit(database, cid, NewVisit(datetime(2026, 11, 22, 11) - timedelta(days=250 + 28 * k),
                                              ("Маникюр",), price_cents=300000), today=TODAY)
        log_call(database, cid, Outcome("no_answer", note="не берёт трубку"), datetime(2026, 8, 14, 17, 30))
        return cid
    finally:
        database.close()


async def test_a_win_back_case_opened_offered_and_won_back(due_book):
    cid = lost_client(due_book)
    app = make_app(due_book)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        await until(pilot, lambda: "Орлова Нина" in listed(app), show=lambda: listed(app))
        for _step in range(listed(app).index("Орлова Нина")):
            await pilot.press("down")
        await until(pilot, lambda: "Орлова Нина" in shown(app, "#brief"))
        await pilot.press("W")
        form = await until(pilot, lambda: app.screen if isinstance(app.screen, CaseForm) else False)
        glance = shown(app, "#case-glance")
        assert "Visits: 4, from Dec 23, 2025 to Mar 17, 2026" in glance
        assert "Paid so far: 12,000\xa0RUB for 4 visits" in glance
        assert "A year at the usual rhythm:" in glance
        assert "Contact: 2026-08-14 17:30  call  no answer  не берёт трубку  Ресепшен · Анна" in glance
        await pilot.press("enter", "down", "enter")  # she said: the price
        await until(pilot, lambda: form.query_one("#reason", Select).value == "price")
        await pilot.press("tab", "enter", "down", "down", "down", "enter")  # we think: a particular master
        await until(pilot, lambda: form.query_one("#suspected_reason", Select).value == "staff")
        await pilot.press("tab", *"другой мастер", "tab", *"скидка 10 % на окрашивание", "ctrl+s")
        await until(pilot, lambda: "Case 1 saved." in [str(n.message) for n in app._notifications])
        assert rows(due_book, "SELECT w.client_id, r.code, s.code, w.would_return, w.offer, w.offered_on, "
                              "w.outcome FROM winback_cases w JOIN reasons r ON r.id = w.reason_id "
                              "JOIN reasons s ON s.id = w.suspected_reason_id") == [
            (cid, "price", "staff", "другой мастер", "скидка 10 % на окрашивание", "2026-11-22", "open")]

        await pilot.press("W")  # the same case, as it was left
        form = await until(pilot, lambda: app.screen if isinstance(app.screen, CaseForm) else False)
        assert form.query_one("#offer", Input).value == "скидка 10 % на окрашивание"
        await pilot.press("ctrl+w")
        await until(pilot, lambda: any(str(n.message).startswith("Case 1: won back") for n in app._notifications))
        assert rows(due_book, "SELECT outcome, closed_on FROM winback_cases") == [("won", "2026-11-22")]

        database = open_book(due_book)  # she came that afternoon, as booked on the call
        add_visit(database, cid, NewVisit(datetime(2026, 11, 22, 16), ("Маникюр",), price_cents=350000), today=TODAY)
        database.close()
        await pilot.press("f6")

        def counted():
            lines = shown(app, "#headline").splitlines()
            at = next(i for i, line in enumerate(lines) if line.startswith("Win-back cases"))
            assert lines[at].split() == ["Win-back", "cases", "opened", "1,", "won", "back", "1,", "lost", "0"]
            assert lines[at + 1].split() == ["revenue", "from", "those", "won", "back", "3,500", "RUB"]

        await until(pilot, counted, show=lambda: shown(app, "#headline"))


async def test_a_course_for_no_service_on_the_price_list_is_named_instead(due_book):
    app = make_app(due_book)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_card(pilot)
        await pilot.press("o")
        await answer(pilot, "Which service", "")
        await answer(pilot, "What is the course called", "")  # a name is needed
        await until(pilot, lambda: "Name the course or its service." in str(app.screen.query_one("#problem").render()))
        await pilot.press(*"Массаж лица", "enter")
        await answer(pilot, "How many sessions", "0")
        await until(pilot, lambda: "A course has at least one session." in str(
            app.screen.query_one("#problem").render()))
        await pilot.press("backspace", "8", "enter")
        await answer(pilot, "Valid until", "")
        await answer(pilot, "A gift from whom", "")
        await until(pilot, lambda: "Course 1 added." in [str(n.message) for n in app._notifications])
    assert rows(due_book, "SELECT title, sessions_total, valid_until, gift_from, service_id FROM courses") == [
        ("Массаж лица", 8, None, "", None)]
