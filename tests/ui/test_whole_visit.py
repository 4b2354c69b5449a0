"""The whole visit (issue 20): every field the book keeps is typed in the visit form, stored,
and read back on the card's first tab and in the call list's brief."""
from __future__ import annotations

from datetime import datetime

from textual.widgets import Input

from clientbook.services.book import open_book
from clientbook.services.catalog import add_master
from clientbook.services.visits import NewVisit, add_visit
from clientbook.tui.screens.card import CardScreen
from clientbook.tui.widgets.ask import Choose
from clientbook.tui.widgets.visit_form import VisitForm
from tests.ui.pilot import TODAY, focused_on, make_app, shown, until
from tests.ui.test_calls_screen import ALL, listed

TYPED = {"when": "03.10.2026 11:00", "services": "Маникюр", "price": "2300", "formula": "Igora 7-1 + 6 %",
         "materials": "Kodi 70, база каучуковая", "notes": "Просила покороче, форма миндаль",
         "liked": "форма", "disliked": "долго сохла база", "aftercare": "масло для кутикулы",
         "products_sold": "масло Kodi 15 мл", "next_suggestion": "коррекция через 3 недели",
         "satisfaction": "4", "feedback": "всё отлично"}
SAID = ["Formula: Igora 7-1 + 6 %", "Materials: Kodi 70, база каучуковая", "Notes: Просила покороче, форма миндаль", "Satisfaction: 4 of 5",
        "Liked: форма", "Disliked: долго сохла база", "Aftercare: масло для кутикулы",
        "Products sold: масло Kodi 15 мл", "Next time: коррекция через 3 недели", "Feedback: всё отлично"]


async def open_card(pilot) -> None:
    """From the call list, the first client's card: Ёлкина Анна's."""
    app = pilot.app
    await pilot.press("f3")
    await until(pilot, lambda: listed(app) == ALL)
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, CardScreen) and "Ёлкина Анна" in shown(app, "#card-title"))


async def new_visit_form(pilot) -> VisitForm:
    """Ёлкина Анна's card, then v: a new visit."""
    app = pilot.app
    await open_card(pilot)
    await pilot.press("v")
    return await until(pilot, lambda: app.screen if isinstance(app.screen, VisitForm) else False)


async def test_a_whole_visit_is_recorded_and_read_back_on_the_card_and_in_the_brief(due_book):
    """Her fifth visit, the second newest: the card and both briefs show it among the last
    three, with every field; her two oldest visits are not shown."""
    app = make_app(due_book)
    async with app.run_test(size=(140, 50)) as pilot:
        form = await new_visit_form(pilot)
        for name, text in TYPED.items():
            form.query_one(f"#{name}", Input).value = text
        await pilot.press("ctrl+s")

        def on_the_card():
            assert isinstance(app.screen, CardScreen)
            card = shown(app, "#overview")
            assert "Last visits" in card
            assert all(line in card for line in SAID), card
            assert [day for day in ("2026-10-08", "2026-10-03", "2026-09-10", "2026-08-13", "2026-07-16")
                    if day in card] == ["2026-10-08", "2026-10-03", "2026-09-10"]

        await until(pilot, on_the_card)
        await pilot.press("escape")
        await until(pilot, lambda: "Ёлкина Анна" in shown(app, "#brief") and all(s in shown(app, "#brief") for s in SAID),
                    show=lambda: shown(app, "#brief"))
        brief = shown(app, "#brief")
        assert [day for day in ("Oct 8", "Oct 3", "Sep 10", "Aug 13", "Jul 16") if day in brief] == [
            "Oct 8", "Oct 3", "Sep 10"]

        database = open_book(due_book)  # she comes again this afternoon
        add_visit(database, 1, NewVisit(datetime(2026, 11, 22, 15), ("Маникюр",), status="planned"), today=TODAY)
        database.close()
        await pilot.press("f4")
        await until(pilot, lambda: "Ёлкина Анна" in shown(app, "#today-brief")
                    and all(s in shown(app, "#today-brief") for s in SAID), show=lambda: shown(app, "#today-brief"))

    row = elkinas_visit(due_book, "2026-10-03 11:00:00", "v.starts_at, v.price_cents, v.materials, v.notes, v.liked, "
                        "v.disliked, v.aftercare, v.products_sold, v.next_suggestion, v.satisfaction, v.feedback")
    assert row == ("2026-10-03 11:00:00", 230000, *(TYPED[name] for name in (
        "materials", "notes", "liked", "disliked", "aftercare", "products_sold", "next_suggestion")), 4, "всё отлично")


async def test_a_mark_other_than_1_to_5_is_refused_in_its_field(due_book):
    app = make_app(due_book)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await new_visit_form(pilot)
        form.query_one("#when", Input).value = "03.10.2026 11:00"
        form.query_one("#satisfaction", Input).value = "10"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: shown(app, "#problem")
                    == "Satisfaction is a mark from 1 to 5 (empty: not asked), not “10”.")
        await focused_on(pilot, "#satisfaction", Input)


async def saved_with_next_time(pilot, when: str, master: str, next_time: str) -> Choose:
    """A visit typed on Ёлкина Анна's card with the master's "next time", saved: the question it brings."""
    form = await new_visit_form(pilot)
    for name, text in (("when", when), ("master", master), ("next_suggestion", next_time)):
        form.query_one(f"#{name}", Input).value = text
    await pilot.press("ctrl+s")
    return await until(pilot, lambda: pilot.app.screen if isinstance(pilot.app.screen, Choose) else False)


def with_masters(path, *names: str) -> None:
    database = open_book(path)
    for name in names:
        add_master(database, name)
    database.close()


async def test_the_masters_next_time_becomes_a_pencilled_booking(due_book):
    with_masters(due_book, "Ольга Смирнова", "Дарья Белова")
    app = make_app(due_book)
    async with app.run_test(size=(120, 40)) as pilot:
        question = await saved_with_next_time(pilot, "22.11.2026 11:00", "Дарья", "коррекция через 3 недели")
        assert question.prompt == ("Dec 13, 2026, the day suggested, is not free. Pencil in the first free time "
                                   "after it: Маникюр with Дарья Белова, Dec 14, 2026 at 10:00?")  # not on Sundays
        await pilot.press("enter")  # Yes, the first choice
        await until(pilot, lambda: isinstance(app.screen, CardScreen))
        await until(pilot, lambda: any(str(n.message).startswith("Pencilled in") for n in app._notifications),
                    show=lambda: [str(n.message) for n in app._notifications])

    assert elkinas_visit(due_book, "2026-12-14 10:00:00", "v.status, v.notes, m.name") == (
        "tentative", "коррекция через 3 недели", "Дарья Белова")


async def test_a_next_time_on_a_working_day_is_offered_as_suggested_and_may_wait(due_book):
    with_masters(due_book, "Ольга Смирнова")
    app = make_app(due_book)
    async with app.run_test(size=(120, 40)) as pilot:
        question = await saved_with_next_time(pilot, "20.11.2026 11:00", "Ольга", "через 3 недели")
        assert question.prompt == ("Pencil in the next visit, as suggested: Маникюр with Ольга Смирнова, "
                                   "Dec 11, 2026 at 11:00?")
        await pilot.press("down", "enter")  # Not now
        await until(pilot, lambda: isinstance(app.screen, CardScreen))
        await until(pilot, lambda: "2026-11-20" in shown(app, "#overview"))

    assert elkinas_visit(due_book, "2026-11-20 11:00:00", "v.status, m.name") == ("done", "Ольга Смирнова")
    assert elkinas_visit(due_book, "2026-12-11 11:00:00", "v.status") is None


def elkinas_visit(path, starts_at: str, columns: str) -> tuple | None:
    """The columns of Ёлкина Анна's visit at that moment, as the book holds them."""
    database = open_book(path)
    try:
        return database.execute_sql(
            f"SELECT {columns} FROM visits v JOIN clients c ON c.id = v.client_id "
            "LEFT JOIN masters m ON m.id = v.master_id "
            "WHERE c.last_name = 'Ёлкина' AND v.starts_at = ?", (starts_at,)).fetchone()
    finally:
        database.close()


async def test_a_complaint_opened_and_closed_from_the_card(due_book):
    from textual.widgets import OptionList

    from clientbook.tui.widgets.ask import Ask

    app = make_app(due_book)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_card(pilot)
        await pilot.press("c")
        kinds = await until(pilot, lambda: app.screen if isinstance(app.screen, Choose) else False)
        assert kinds.prompt == "What kind of complaint?"
        await pilot.press("enter")  # quality, the first
        visits = await until(pilot, lambda: app.screen if isinstance(app.screen, Choose)
                             and app.screen.prompt == "Which visit is it about?" else False)
        assert [str(o.prompt) for o in visits.query_one(OptionList).options] == [
            "2026-10-08 11:00  Маникюр", "2026-09-10 11:00  Маникюр", "2026-08-13 11:00  Маникюр",
            "2026-07-16 11:00  Маникюр", "Not about a visit"]  # her last visit first
        await pilot.press("down", "enter")  # the one before: the coating chipped after it
        await until(pilot, lambda: isinstance(app.screen, Ask))
        await pilot.press(*"Скол покрытия", "enter")
        await until(pilot, lambda: complaint_row(due_book) is not None)
        assert complaint_row(due_book) == ("quality", "Скол покрытия", None, None, "", "", "2026-09-10 11:00:00")

        await pilot.press("c")  # now: a new one, or close the open one
        choices = await until(pilot, lambda: app.screen if isinstance(app.screen, Choose) else False)
        assert [str(o.prompt) for o in choices.query_one(OptionList).options] == [
            "A new complaint", "Close: Скол покрытия"]
        await pilot.press("down", "enter")
        await until(pilot, lambda: isinstance(app.screen, Choose) and app.screen.prompt.startswith("The verdict"))
        await pilot.press("enter")  # justified
        await until(pilot, lambda: isinstance(app.screen, Ask))
        await pilot.press(*"Переделали", "enter")
        await until(pilot, lambda: isinstance(app.screen, Choose) and app.screen.prompt == "Compensation?")
        await pilot.press("down", "enter")  # redo
        await until(pilot, lambda: complaint_row(due_book)[2] is not None)
    assert complaint_row(due_book) == ("quality", "Скол покрытия", "2026-11-22", 1, "Переделали", "redo",
                                       "2026-09-10 11:00:00")


def complaint_row(path) -> tuple | None:
    """(kind, text, resolved_on, justified, resolution, compensation, the visit's moment) of the only complaint."""
    database = open_book(path)
    try:
        return database.execute_sql(
            "SELECT k.kind, k.text, k.resolved_on, k.justified, k.resolution, k.compensation, v.starts_at "
            "FROM complaints k LEFT JOIN visits v ON v.id = k.visit_id").fetchone()
    finally:
        database.close()


async def test_a_complaint_opened_from_a_call_and_closed_from_the_card(due_book):
    from clientbook.tui.widgets.ask import Ask

    app = make_app(due_book)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        await until(pilot, lambda: listed(app) == ALL and "Ёлкина Анна" in shown(app, "#brief"))
        await pilot.press("k")  # on her row of the call list
        await until(pilot, lambda: isinstance(app.screen, Choose) and app.screen.prompt == "What kind of complaint?")
        await pilot.press("down", "down", "enter")  # rudeness
        await until(pilot, lambda: isinstance(app.screen, Choose) and app.screen.prompt == "Which visit is it about?")
        await pilot.press("end", "enter")  # on the phone: not about a visit
        await until(pilot, lambda: isinstance(app.screen, Ask))
        await pilot.press(*"Нагрубили по телефону", "enter")
        await until(pilot, lambda: "Open complaints" in shown(app, "#brief") and "Нагрубили по телефону"
                    in shown(app, "#brief"), show=lambda: shown(app, "#brief"))
        assert complaint_row(due_book) == ("rudeness", "Нагрубили по телефону", None, None, "", "", None)

        await pilot.press("enter")  # her card
        await until(pilot, lambda: isinstance(app.screen, CardScreen) and "Ёлкина Анна" in shown(app, "#card-title"))
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, Choose) and app.screen.prompt == "Complaints")
        await pilot.press("down", "enter")  # close it
        await until(pilot, lambda: isinstance(app.screen, Choose) and app.screen.prompt.startswith("The verdict"))
        await pilot.press("down", "enter")  # not justified
        await until(pilot, lambda: isinstance(app.screen, Ask))
        await pilot.press("enter")  # nothing to add
        await until(pilot, lambda: isinstance(app.screen, Choose) and app.screen.prompt == "Compensation?")
        await pilot.press("enter")  # none
        await until(pilot, lambda: complaint_row(due_book)[2] is not None)
    assert complaint_row(due_book) == ("rudeness", "Нагрубили по телефону", "2026-11-22", 0, "", "", None)
