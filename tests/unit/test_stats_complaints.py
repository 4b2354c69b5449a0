"""Reports count the complaints and the win-back cases of a period (issue 20).

A small book whose answers are worked out by hand. The period is 2026-04-01 … 2026-06-30;
today is 2026-07-10. Every row is written through the services.

  complaint  client  type      master           opened   closed   days  counted
  1          Анна    quality   Оля (named)      04-10    04-13    3     yes, resolved in time (the boundary)
  2          Анна    quality   Оля (named)      04-20    04-24    4     yes, not in time
  3          Вера    price     none             05-05    05-05    0     yes, in time
  4          Галя    rudeness  Маша (named)     06-29    open           yes, not resolved
  5          Дина    staff     Маша             03-30    04-01    2     no: opened before the period
  6          Дина    hygiene   Маша (her visit) 06-30    07-02    2     yes, in time after the period's end
  7          Ена     other     none             07-01    —              no: opened after it

  case  client  opened  closed         done visits (₽), those won back counted *
  1     Жанна   03-20   won 04-15      03-25 1000, 04-10 2000 *, 05-20 3000 *, (06-25 no-show 5000), 07-05 4000
  2     Зоя     05-01   won 06-01      04-20 1500, 05-01 2500 * (the day it opened), 06-10 1000 *
  3     Ира     04-05   lost 06-15     06-20 9999
  4     Катя    06-10   open           06-20 7000
  5     Лена    02-01   won 03-01      04-05 8000 (won before the period)
  6     Мила    06-20   won 07-05      06-25 6000 (won after it)

Opened in the period: cases 2, 3, 4, 6; won back in it: 1, 2; lost: 3. Revenue from those
won back: 2000 + 3000 + 2500 + 1000 = 8500 ₽.
"""
from __future__ import annotations

import json
from contextlib import closing
from datetime import date, datetime

import pytest
from click.testing import CliRunner

from clientbook import i18n
from clientbook.cli import cli
from clientbook.services.book import open_book
from clientbook.services.cases import case as found_case
from clientbook.services.cases import close_case, open_case, work_case
from clientbook.services.clients import NewClient, add_client
from clientbook.services.complaints import close_complaint, open_complaint
from clientbook.services.stats import MasterComplaints, as_json, report
from clientbook.services.stats_view import complaints, headline, tables, win_back
from clientbook.services.visits import NewVisit, add_visit

START, END, TODAY = date(2026, 4, 1), date(2026, 6, 30), date(2026, 7, 10)
SERVICE = {"Маникюр": "nails"}
VISITS = {  # client: (day, master, rubles, status)
    "Анна": [("03-01", "Оля", 1000, "done")],
    "Вера": [("03-02", "Оля", 1000, "done")],
    "Галя": [("03-03", "Маша", 1000, "done")],
    "Дина": [("03-04", "Маша", 1000, "done"), ("06-28", "Маша", 1000, "done")],
    "Ена": [("03-05", "Оля", 1000, "done")],
    "Жанна": [("03-25", "Оля", 1000, "done"), ("04-10", "Оля", 2000, "done"), ("05-20", "Оля", 3000, "done"),
              ("06-25", "Оля", 5000, "no_show"), ("07-05", "Оля", 4000, "done")],
    "Зоя": [("04-20", "Маша", 1500, "done"), ("05-01", "Маша", 2500, "done"), ("06-10", "Маша", 1000, "done")],
    "Ира": [("06-20", "Оля", 9999, "done")],
    "Катя": [("06-20", "Оля", 7000, "done")],
    "Лена": [("04-05", "Оля", 8000, "done")],
    "Мила": [("06-25", "Маша", 6000, "done")],
}
COMPLAINTS = [  # (client, type, master, about her visit on, opened, closed)
    ("Анна", "quality", "Оля", None, "04-10", "04-13"),
    ("Анна", "quality", "Оля", None, "04-20", "04-24"),
    ("Вера", "price", "", None, "05-05", "05-05"),
    ("Галя", "rudeness", "Маша", None, "06-29", None),
    ("Дина", "staff", "Маша", None, "03-30", "04-01"),
    ("Дина", "hygiene", "", "06-28", "06-30", "07-02"),
    ("Ена", "other", "", None, "07-01", None),
]
CASES = [  # (client, opened, outcome, closed)
    ("Жанна", "03-20", "won", "04-15"),
    ("Зоя", "05-01", "won", "06-01"),
    ("Ира", "04-05", "lost", "06-15"),
    ("Катя", "06-10", None, None),
    ("Лена", "02-01", "won", "03-01"),
    ("Мила", "06-20", "won", "07-05"),
]


def _day(text: str) -> date:
    return date.fromisoformat(f"2026-{text}")


def make_book(path):
    """The book in the tables above, open."""
    database = open_book(path)
    ids, visits = {}, {}
    for name, rows in VISITS.items():
        ids[name] = add_client(database, NewClient(name, "Клиентка"))
        for day, master, rubles, status in rows:
            visits[name, day] = add_visit(database, ids[name], NewVisit(
                datetime.fromisoformat(f"2026-{day} 11:00"), tuple(SERVICE), master=master, status=status,
                price_cents=rubles * 100), SERVICE, today=TODAY)
    for name, kind, master, visit, opened, closed in COMPLAINTS:
        number = open_complaint(database, ids[name], "Что-то пошло не так", kind, _day(opened), master=master,
                                visit_id=visits[name, visit] if visit else None)
        if closed:
            close_complaint(database, number, _day(closed), resolution="Переделали")
    for name, opened, outcome, closed in CASES:
        number, _new = open_case(database, ids[name], _day(opened))
        work_case(database, found_case(database, number), _day(opened), offer="Скидка 10 % на следующий визит")
        if outcome:
            close_case(database, number, outcome, _day(closed))
    return database


@pytest.fixture(scope="module")
def book(new_book_path):
    path = new_book_path()
    with closing(make_book(path)) as database:
        yield database, path


@pytest.fixture(scope="module")
def figures(book):
    return report(book[0], start=START, end=END, today=TODAY)


def test_complaints_opened_in_the_period_by_type_and_master(figures):
    c = figures.complaints
    assert c.opened == 5  # 1, 2, 3, 4, 6: not 5 (opened before the period) nor 7 (after it)
    assert c.by_kind == {"quality": 2, "staff": 0, "rudeness": 1, "hygiene": 1, "price": 1, "other": 0}
    # Маша: 4 named, 6 from the visit it is about; Вера's names no master: last
    assert c.by_master == [MasterComplaints("Маша", 2), MasterComplaints("Оля", 2), MasterComplaints(None, 1)]


def test_resolved_within_three_days(figures):
    # 1 in 3 days (the boundary counts), 3 the same day, 6 in 2 days (after the period's end,
    # by today); 2 took 4 days, 4 is still open
    assert (figures.complaints.resolved_within_3_days, figures.complaints.resolved_within_3_days_share) == (3, 60.0)


def test_a_complaint_resolved_after_today_is_not_resolved_yet(book):
    """The report counts what has happened by today: on 06-30, complaint 6 was still open."""
    c = report(book[0], start=START, end=END, today=END).complaints
    assert (c.opened, c.resolved_within_3_days, c.resolved_within_3_days_share) == (5, 2, 40.0)


def test_a_period_without_complaints_says_so(book):
    figures = report(book[0], start=date(2026, 1, 1), end=date(2026, 1, 31), today=TODAY)
    c = figures.complaints
    assert (c.opened, c.by_master, c.resolved_within_3_days, c.resolved_within_3_days_share) == (0, [], 0, None)
    assert set(c.by_kind.values()) == {0}
    assert complaints(figures) == [("Complaints", "0"), ("  resolved within 3 days", "—")]
    titles = [title for title, _headers, _rows in tables(figures)]
    assert "Complaints by type" not in titles and "Complaints by master" not in titles


def test_win_back_cases(figures):
    w = figures.win_back
    assert (w.opened, w.won, w.lost) == (4, 2, 1)  # opened: Зоя, Ира, Катя, Мила; won: Жанна, Зоя; lost: Ира
    # Жанна's 04-10 and 05-20 (not 03-25 before the period, the no-show, 07-05 after it);
    # Зоя's 05-01, the day her case opened, and 06-10 (not 04-20, before it)
    assert w.won_revenue_cents == (2000 + 3000 + 2500 + 1000) * 100


def test_the_figures_as_people_read_them(figures):
    lines = headline(figures)
    assert lines[-4:] == win_back(figures) + complaints(figures) == [
        ("Win-back cases", "opened 4, won back 2, lost 1"),
        ("  revenue from those won back", "8,500\u00a0RUB"),
        ("Complaints", "5"),
        ("  resolved within 3 days", "3 of 5 (60%)"),
    ]
    found = {title: (headers, rows) for title, headers, rows in tables(figures)}
    assert found["Complaints by type"] == (["type", "complaints"], [  # most first, then as the types go
        ["quality", "2"], ["rudeness", "1"], ["hygiene", "1"], ["price", "1"]])
    assert found["Complaints by master"] == (["master", "complaints"], [
        ["Маша", "2"], ["Оля", "2"], ["(no master)", "1"]])


def test_the_figures_in_russian(figures):
    i18n.set_language("ru")
    assert win_back(figures) + complaints(figures) == [
        ("Возвраты клиентов", "открыто 4, вернули 2, не вернули 1"),
        ("  выручка от вернувшихся", "8\u00a0500\u00a0₽"),
        ("Жалобы", "5"),
        ("  решены за 3 дня", "3 из 5 (60\u00a0%)"),
    ]
    found = {title: rows for title, _headers, rows in tables(figures)}
    assert found["Жалобы по типам"] == [["качество", "2"], ["грубость", "1"], ["гигиена", "1"], ["цена", "1"]]
    assert found["Жалобы по мастерам"] == [["Маша", "2"], ["Оля", "2"], ["(без мастера)", "1"]]


def test_stats_as_json_keeps_its_keys_and_adds_the_complaints_and_cases(book):
    result = CliRunner().invoke(cli, ["stats", "--db", str(book[1]), "--period", "01.04.2026-30.06.2026",
                                      "--today", "2026-07-10", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data)[-2:] == ["complaints", "win_back"]  # after the keys test_stats keeps stable
    assert data["version"] == 1
    assert data["complaints"] == {
        "opened": 5,
        "by_kind": {"quality": 2, "staff": 0, "rudeness": 1, "hygiene": 1, "price": 1, "other": 0},
        "by_master": [{"master": "Маша", "opened": 2}, {"master": "Оля", "opened": 2},
                      {"master": None, "opened": 1}],
        "resolved_within_3_days": 3, "resolved_within_3_days_share": 60.0}
    assert data["win_back"] == {"opened": 4, "won": 2, "lost": 1, "won_revenue_cents": 850000}
    assert data == json.loads(json.dumps(as_json(report(book[0], start=START, end=END, today=TODAY))))


def test_stats_as_text_shows_the_complaints_and_cases(book):
    result = CliRunner().invoke(cli, ["stats", "--db", str(book[1]), "--period", "01.04.2026-30.06.2026",
                                      "--today", "2026-07-10"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "Win-back cases                 opened 4, won back 2, lost 1" in lines
    assert "  resolved within 3 days       3 of 5 (60%)" in lines
    at = lines.index("Complaints by master")
    assert lines[at + 3:at + 6] == ["Маша         2", "Оля          2", "(no master)  1"]
