"""Reports: how many first-time clients came back for a second visit, and when (issue 18).

A small book whose answers are worked out by hand; today is 2026-06-30, so a first visit
before 2026-04-01 (90 days back) had a fair chance to be followed by a second one.

  client     completed visits                                 first to second
  Старая     2025-12-20, 2026-01-15                            first visit before any period here
  Одна       2026-01-10 (a no-show on 02-10 is not a visit)    never back
  Двадцать   2026-02-01 twice that day, 02-21, 03-21           20 days (the same day is one visit)
  Семьдесят  2026-03-01, 05-10                                 70 days, after the first quarter
  Недавняя   2026-06-01                                        too early to tell
  Быстрая    2026-06-01, 06-15                                 too early to tell, back already
"""
from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from click.testing import CliRunner

from clientbook import i18n
from clientbook.cli import cli
from clientbook.services.book import open_book
from clientbook.services.clients import NewClient, add_client
from clientbook.services.figures import rebuild_all
from clientbook.services.stats import report
from clientbook.services.stats_view import second_visits
from clientbook.services.visits import NewVisit, insert_visit

TODAY = date(2026, 6, 30)
HALF_YEAR = (date(2026, 1, 1), TODAY)
VISITS = {
    "Старая": ["2025-12-20 11:00", "2026-01-15 11:00"],
    "Одна": ["2026-01-10 11:00"],
    "Двадцать": ["2026-02-01 11:00", "2026-02-01 17:00", "2026-02-21 11:00", "2026-03-21 11:00"],
    "Семьдесят": ["2026-03-01 11:00", "2026-05-10 11:00"],
    "Недавняя": ["2026-06-01 11:00"],
    "Быстрая": ["2026-06-01 12:00", "2026-06-15 12:00"],
}


def make_book(path):
    """The book in the table above, open."""
    database = open_book(path)
    with database.atomic():
        for name, visits in VISITS.items():
            client = add_client(database, NewClient(name, "Клиентка"))
            for when in visits:
                insert_visit(database, client, NewVisit(datetime.fromisoformat(when), ("Маникюр",),
                                                        price_cents=200000), {"Маникюр": "nails"})
            if name == "Одна":
                insert_visit(database, client, NewVisit(datetime(2026, 2, 10, 11), ("Маникюр",),
                                                        status="no_show"))
    rebuild_all(database)
    return database


@pytest.fixture(scope="module")
def book(new_book_path):
    path = new_book_path()
    database = make_book(path)
    yield database, path
    database.close()


def test_first_timers_who_came_back_and_when(book):
    figures = report(book[0], start=HALF_YEAR[0], end=HALF_YEAR[1], today=TODAY).second_visits
    assert figures.first_timers == 5  # all but Старая, whose first visit was in December
    # Недавняя and Быстрая came 29 days ago: left out of the share, Быстрая back already
    assert (figures.too_early, figures.too_early_back, figures.counted) == (2, 1, 3)
    assert (figures.came_back, figures.share) == (2, 66.7)  # Двадцать and Семьдесят of 3
    assert figures.median_days == 45  # of 20 and 70
    assert (figures.within_30_days, figures.within_60_days, figures.within_90_days) == (1, 1, 2)


def test_a_second_visit_after_the_period_counts_as_of_today(book):
    quarter = report(book[0], start=date(2026, 1, 1), end=date(2026, 3, 31), today=TODAY)
    figures = quarter.second_visits
    assert (figures.first_timers, figures.too_early, figures.counted, figures.came_back) == (3, 0, 3, 2)
    assert figures.first_timers == quarter.new  # the report's new clients, the same ones


def test_ninety_days_is_a_fair_chance(book):
    # On 05-30 Семьдесят's first visit (03-01) is 90 days old: counted; on 05-29 too early.
    on_time = report(book[0], start=date(2026, 1, 1), end=date(2026, 5, 29), today=date(2026, 5, 30))
    assert (on_time.second_visits.counted, on_time.second_visits.too_early) == (3, 0)
    early = report(book[0], start=date(2026, 1, 1), end=date(2026, 5, 29), today=date(2026, 5, 29))
    s = early.second_visits
    assert (s.counted, s.came_back, s.too_early, s.too_early_back, s.median_days) == (2, 1, 1, 1, 20)


def test_nobody_new_says_a_dash(book):
    november = report(book[0], start=date(2025, 11, 1), end=date(2025, 11, 30), today=TODAY)
    assert [value for _label, value in second_visits(november)] == ["—", "—", "0"]


def test_all_too_early_says_so_without_a_share(book):
    june = report(book[0], start=date(2026, 6, 1), end=TODAY, today=TODAY)
    assert second_visits(june) == [("New clients who came back", "—"),
                                   ("  within 30 / 60 / 90 days", "—"),
                                   ("  too early to tell", "2 (already back: 1)")]


@pytest.mark.parametrize("lang, head, rest", [
    ("en", "New clients who came back      2 of 3 (66.7%) (small base: 3 clients), after 45 days (median)",
     ["  within 30 / 60 / 90 days     1 / 1 / 2", "  too early to tell            2 (already back: 1)"]),
    ("ru", "Из новых пришли повторно              2 из 3 (66,7\u00a0%) (мало данных: 3 клиента), "
           "через 45 дней (медиана)",
     ["  за 30 / 60 / 90 дней                1 / 1 / 2", "  ещё рано судить                     2 (из них уже вернулись: 1)"]),
])
def test_stats_says_it_in_words(book, lang, head, rest):
    args = ["--lang", lang, "stats", "--db", str(book[1]), "--from", "2026-01-01", "--to", "2026-06-30",
            "--today", "2026-06-30"]
    try:
        result = CliRunner().invoke(cli, args)
    finally:
        i18n.set_language("en")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    at = lines.index(head)
    assert lines[at + 1:at + 3] == rest


def test_stats_says_it_in_json(book):
    args = ["stats", "--db", str(book[1]), "--from", "2026-01-01", "--to", "2026-06-30", "--today", "2026-06-30"]
    data = json.loads(CliRunner().invoke(cli, [*args, "--format", "json"]).output)
    assert data["second_visits"] == {
        "first_timers": 5, "too_early": 2, "too_early_back": 1, "counted": 3, "came_back": 2,
        "share": 66.7, "median_days": 45, "within_30_days": 1, "within_60_days": 1,
        "within_90_days": 2}
