"""Archived means off the daily screens: an archived client's booking today is not among
Today's sessions (nor is her brief offered with it), and she is not named among Reports'
most valuable clients. Her visits still count in the studio's figures."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from clientbook.services.clients import NewClient, add_client, archive
from clientbook.services.stats import report
from clientbook.services.today import sessions
from clientbook.services.visits import NewVisit, add_visit

TODAY = date(2026, 11, 22)
CATEGORIES = {"Маникюр": "nails"}


def _visit(book, client, when: datetime, price: int, status: str = "done") -> None:
    add_visit(book, client, NewVisit(when, ("Маникюр",), status=status, price_cents=price), CATEGORIES,
              today=TODAY)


def test_an_archived_client_booked_today_is_not_among_todays_sessions(book):
    kept = add_client(book, NewClient("Анна", "Оставшаяся", phone="89161234567"))
    gone = add_client(book, NewClient("Ольга", "Архивная", phone="89161234568"))
    _visit(book, kept, datetime(2026, 11, 22, 11), 200000, "planned")
    _visit(book, gone, datetime(2026, 11, 22, 14), 200000, "planned")
    assert [s.client_id for s in sessions(book, TODAY)] == [kept, gone]

    archive(book, gone)

    assert [(s.client_id, s.name) for s in sessions(book, TODAY)] == [(kept, "Оставшаяся Анна")]
    # the booking itself stays in the book: unarchiving brings it back
    assert book.execute_sql("SELECT count(*) FROM visits WHERE client_id = ?", (gone,)).fetchone()[0] == 1


def test_an_archived_client_is_not_among_the_most_valuable(book):
    rich = add_client(book, NewClient("Вера", "Щедрая", phone="89161234569"))
    usual = add_client(book, NewClient("Анна", "Обычная", phone="89161234570"))
    for weeks in range(1, 9):
        _visit(book, rich, datetime(2026, 11, 20, 12) - timedelta(weeks=3 * weeks), 900000)
        _visit(book, usual, datetime(2026, 11, 20, 15) - timedelta(weeks=3 * weeks), 150000)
    before = report(book, start=date(2026, 1, 1), end=TODAY, today=TODAY)
    assert [c.client_id for c in before.top_clients] == [rich, usual]

    archive(book, rich)

    after = report(book, start=date(2026, 1, 1), end=TODAY, today=TODAY)
    assert [(c.client_id, c.name) for c in after.top_clients] == [(usual, "Обычная Анна")]
    assert after.average_check_cents == before.average_check_cents  # her visits still count
