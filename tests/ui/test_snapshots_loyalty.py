"""What the studio remembers, as the screens show it (issue 20): a course running out and an
open complaint on the call list, a card with its course, bonuses and complaint, a win-back
case, a complaint's visit chosen and the "next time" offered as a booking — in English and
Russian, at 80×24 and 120×36.

The fixtures and helpers are test_snapshots_forms.py's (the same demo, day and sizes).
"""
from __future__ import annotations

from datetime import datetime, time, timedelta

from textual.widgets import Input, OptionList, Static

from clientbook.services.bonuses import add_movement
from clientbook.services.calls import call_list
from clientbook.services.cases import flag_discounts
from clientbook.services.complaints import CHOSEN_FROM, close_complaint, open_complaint, visit_choices
from clientbook.services.contacts import Outcome, log_call
from clientbook.services.courses import add_course
from clientbook.services.stats import report
from clientbook.services.stats_view import tables
from clientbook.tui.screens.card import CardScreen
from clientbook.tui.widgets.ask import Choose
from clientbook.tui.widgets.case_form import CaseForm
from tests.ui.pilot import TODAY, shown, until
from tests.ui.test_snapshots_forms import (  # noqa: F401 (fixtures)
    CLIENT,
    app_on,
    book,
    column,
    demo_master,
    footer_settled,
    language,
    open_visit_form,
    size,
)


def test_a_course_running_out_and_an_open_complaint_on_the_call_list(book, size, snap_compare):  # noqa: F811 (the fixtures imported above)
    items = call_list(book, TODAY).items
    complaining = items[-1]  # the last one called: an open complaint brings her first
    open_complaint(book, complaining.id, "Скол покрытия на третий день", "quality", TODAY)
    running_out = next(item for item in items if item.reason == "due")  # due: now called for her course
    add_course(book, running_out.id, 10, TODAY - timedelta(days=170), title="Массаж спины ×10",
               valid_until=TODAY + timedelta(days=6))
    shown_first = [item.name for item in call_list(book, TODAY).items]
    assert shown_first[0] == complaining.name

    async def run_before(pilot):
        app = pilot.app
        await pilot.press("f3")
        await until(pilot, lambda: column(app, "#calls", 1) == shown_first[:len(column(app, "#calls", 1))] != [])
        await until(pilot, lambda: complaining.name in shown(app, "#brief"))
        await footer_settled(pilot)

    assert snap_compare(app_on(book), terminal_size=size, run_before=run_before)


def test_a_card_with_its_course_bonuses_and_complaint(book, size, snap_compare):  # noqa: F811 (the fixtures imported above)
    client = call_list(book, TODAY).items[0]
    add_course(book, client.id, 5, TODAY - timedelta(days=30), title="Чистка лица ×5",
               valid_until=TODAY + timedelta(days=60), gift_from="Ирина Петрова")
    add_movement(book, client.id, "earned", 250, TODAY, "за отзыв")
    open_complaint(book, client.id, "Долго ждала мастера", "staff", TODAY)
    flag_discounts(book, client.id, True)

    async def run_before(pilot):
        app = pilot.app
        app.push_screen(CardScreen(client.id))
        await until(pilot, lambda: isinstance(app.screen, CardScreen) and "Долго ждала мастера" in shown(
            app, "#overview"))
        await footer_settled(pilot)

    assert snap_compare(app_on(book), terminal_size=size, run_before=run_before)


def test_a_win_back_case_from_the_call_list(book, size, snap_compare):  # noqa: F811 (the fixtures imported above)
    items = call_list(book, TODAY).items
    lost = next(i for i, item in enumerate(items) if item.reason == "lost")
    flag_discounts(book, items[lost].id, True)
    log_call(book, items[lost].id, Outcome("no_answer", note="не берёт трубку"),
             datetime.combine(TODAY - timedelta(days=20), time(17, 30)))  # the case shows the last contacts
    assert [item.id for item in call_list(book, TODAY).items] == [item.id for item in items]

    async def run_before(pilot):
        app = pilot.app
        await pilot.press("f3")
        await until(pilot, lambda: len(column(app, "#calls", 1)) > lost)
        for _step in range(lost):
            await pilot.press("down")
        await until(pilot, lambda: items[lost].name in shown(app, "#brief"))
        await pilot.press("W")
        await until(pilot, lambda: isinstance(app.screen, CaseForm))
        await footer_settled(pilot)

    assert snap_compare(app_on(book), terminal_size=size, run_before=run_before)


def test_reports_count_complaints_and_cases(book, size, snap_compare):  # noqa: F811 (the fixtures imported above)
    items = call_list(book, TODAY).items
    for number, (item, kind) in enumerate(zip(items[:3], ("quality", "staff", "quality"), strict=True)):
        opened = open_complaint(book, item.id, "Скол покрытия на третий день", kind, TODAY - timedelta(days=10))
        if number < 2:
            close_complaint(book, opened, TODAY - timedelta(days=10 - 2 * number), resolution="Переделали")
    count = len(tables(report(book, today=TODAY)))

    async def run_before(pilot):
        app = pilot.app
        await pilot.press("f6")
        await until(pilot, lambda: len(app.screen.query("DataTable")) == count)
        await footer_settled(pilot)

    assert snap_compare(app_on(book), terminal_size=size, run_before=run_before)


def test_a_complaint_about_one_of_her_visits(book, size, snap_compare):  # noqa: F811 (the fixtures imported above)
    """c on the card, a type chosen: which of her last visits it is about, the last one first."""
    visits = visit_choices(book, CLIENT)
    assert len(visits) == CHOSEN_FROM + 1

    async def run_before(pilot):
        app = pilot.app
        app.push_screen(CardScreen(CLIENT))
        await until(pilot, lambda: isinstance(app.screen, CardScreen) and shown(app, "#overview").strip())
        await pilot.press("c")
        kinds = await until(pilot, lambda: app.screen if isinstance(app.screen, Choose) else False)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, Choose) and app.screen is not kinds
                    and app.screen.query_one(OptionList).option_count == len(visits))
        await footer_settled(pilot)

    assert snap_compare(app_on(book), terminal_size=size, run_before=run_before)


def test_the_next_time_offered_as_a_pencilled_booking(book, size, snap_compare):  # noqa: F811 (the fixtures imported above)
    """A visit saved with the master's "next time": the booking it suggests, asked."""
    async def run_before(pilot):
        app = pilot.app
        await open_visit_form(pilot, CLIENT)
        await until(pilot, lambda: app.screen.query_one("#services", Input).value, what="the usual visit filled")
        app.screen.query_one("#when", Input).value = "20.11.2026 11:00"
        app.screen.query_one("#next_suggestion", Input).value = "коррекция через 3 недели"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, Choose))

        def card_read_again() -> bool:  # the card beneath shows the visit saved
            overview = str(app.screen_stack[-2].query_one("#overview", Static).render())
            return "2026-11-20 11:00" in overview or "20.11.2026 11:00" in overview

        await until(pilot, card_read_again)
        await footer_settled(pilot)

    assert snap_compare(app_on(book), terminal_size=size, run_before=run_before)
