"""The brief a master reads in one minute: alerts, what to ask, the last formulas, a birthday ahead."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from clientbook.domain.dates import Birthday
from clientbook.services.brief import brief
from clientbook.services.client_edit import add_talking_point
from clientbook.services.clients import NewClient, add_client
from clientbook.services.today import mark_asked
from clientbook.services.visits import NewVisit, add_visit

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize("birthday, days", [
    (Birthday(25, 11), 3),  # without the year, as many clients give it
    (Birthday(25, 11, 1990), 3),
    (Birthday(22, 11), 0),
    (Birthday(2, 12), 10),
    (Birthday(3, 1), None),  # more than two weeks ahead
    (Birthday(20, 11), None),  # just passed
])
def test_a_birthday_ahead(book, birthday, days):
    cid = add_client(book, NewClient("Анна", birthday=birthday))
    assert brief(book, cid, TODAY).birthday_in_days == days


def test_a_29_february_birthday_without_a_year_near_new_year(book):
    cid = add_client(book, NewClient("Анна", birthday=Birthday(29, 2)))
    assert brief(book, cid, date(2027, 2, 20)).birthday_in_days == 8  # 28 February in a common year


def test_the_last_visits_are_completed_ones_with_their_formula(book):
    cid = add_client(book, NewClient("Анна", alerts="латекс"))
    categories = {"Маникюр": "nails"}
    add_visit(book, cid, NewVisit(datetime(2026, 10, 1, 15), ("Маникюр",), formula="Kodi 70"), categories, today=TODAY)
    add_visit(book, cid, NewVisit(datetime(2026, 11, 1, 15), ("Маникюр",), status="no_show"), categories, today=TODAY)
    add_visit(book, cid, NewVisit(datetime(2026, 11, 25, 15), ("Маникюр",), status="planned"), categories, today=TODAY)
    found = brief(book, cid, TODAY)
    assert found.alerts == "латекс"
    assert [(v.starts_at, v.formula) for v in found.last_visits] == [(datetime(2026, 10, 1, 15), "Kodi 70")]
    assert found.usual_hour == 15
    assert found.offer == ()  # read only when asked for
    assert brief(book, cid, TODAY, with_offer=True).offer == (datetime(2026, 11, 23, 15), datetime(2026, 11, 24, 15))


def test_the_offer_is_free_for_the_usual_master_and_service_near_the_usual_hour(book):
    from clientbook.services.catalog import add_master, add_service

    add_master(book, "Ольга Смирнова", "mon-fri 10-20")
    add_master(book, "Дарья Белова")
    add_service(book, "Маникюр", "nails", duration_min=120)
    anna = add_client(book, NewClient("Анна"))
    vera = add_client(book, NewClient("Вера"))
    for month in (9, 10, 11):
        add_visit(book, anna, NewVisit(datetime(2026, month, 2, 15), ("Маникюр",), master="Ольга Смирнова"),
                  today=TODAY)
    # Monday: Ольга is busy 14:00–16:00, so a two-hour manicure near 15:00 starts at 16:00 (or 12:00,
    # further). Another master's booking at 15:00 on Tuesday takes nothing from her.
    add_visit(book, vera, NewVisit(datetime(2026, 11, 23, 14), ("Маникюр",), master="Ольга Смирнова",
                                   status="planned"), today=TODAY)
    add_visit(book, vera, NewVisit(datetime(2026, 11, 24, 15), ("Маникюр",), master="Дарья Белова",
                                   status="planned"), today=TODAY)
    assert brief(book, anna, TODAY, with_offer=True).offer == (datetime(2026, 11, 23, 16), datetime(2026, 11, 24, 15))


def test_a_point_asked_leaves_the_brief(book):
    cid = add_client(book, NewClient("Анна"))
    add_talking_point(book, cid, "как прошла свадьба?", TODAY)
    point = brief(book, cid, TODAY).ask_next_time[0]
    mark_asked(book, point.id, datetime(2026, 11, 22, 12))
    assert brief(book, cid, TODAY).ask_next_time == ()


def test_the_phone_and_a_price_are_never_cut_in_a_narrow_panel(book):
    from rich.console import Console

    from clientbook.tui.widgets.brief_text import brief_text

    anna = add_client(book, NewClient("Анна", "Ёлкина-Константинопольская", phone="+79161234567"))
    add_visit(book, anna, NewVisit(datetime(2026, 11, 1, 12), ("Маникюр",), price_cents=250000),
              {"Маникюр": "nails"}, today=date(2026, 11, 22))
    console = Console(width=24, record=True, color_system=None)
    console.print(brief_text(brief(book, anna, date(2026, 11, 22)), "RU"))
    lines = [line.rstrip() for line in console.export_text().splitlines()]
    assert "8 (916) 123-45-67" in lines
    assert "Nov 1, 2026  2,500\u00a0RUB" in lines
