"""The owner's figures on a small book whose right answers are worked out by hand below.

Every client has a usual interval of 10 days (set by hand), so with the default "lost"
threshold of 3.0 a client is lost 30 days after a visit unless another visit comes first.
The period is 2026-04-01 … 2026-06-30; "active at the start" is active on 2026-03-31.

  client  source        completed visits (master, price ₽)                          lost on
  A       Instagram     03-20 Оля 1000, 04-10 Оля 1000, 05-01 Оля 2000                 05-31
  B       Instagram     03-25 Маша 1500, 06-20 Маша 1500                               04-24, (07-20)
  C       —             01-05 Оля 1000                                                 02-04
  D       сайт          05-15 Маша 3000, 06-10 Маша 3000 (06-25 a no-show)             (07-10)
  E       сайт          04-05 Оля 500                                                  05-05
  F       рекомендация  03-30 Оля (no price), 04-20, 05-10, 05-30, 06-19 Оля 1000      (07-19)
"""
from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from click.testing import CliRunner

from clientbook.cli import cli
from clientbook.services.book import open_book
from clientbook.services.clients import NewClient, add_client
from clientbook.services.contacts import Outcome, record_contact
from clientbook.services.figures import rebuild_all
from clientbook.services.settings import change_setting
from clientbook.services.stats import as_json, report
from clientbook.services.visits import NewVisit, insert_visit

START, END = date(2026, 4, 1), date(2026, 6, 30)
VISITS = {
    "A": [("03-20", "Оля", 1000), ("04-10", "Оля", 1000), ("05-01", "Оля", 2000)],
    "B": [("03-25", "Маша", 1500), ("06-20", "Маша", 1500)],
    "C": [("01-05", "Оля", 1000)],
    "D": [("05-15", "Маша", 3000), ("06-10", "Маша", 3000)],
    "E": [("04-05", "Оля", 500)],
    "F": [("03-30", "Оля", None)] + [(d, "Оля", 1000) for d in ("04-20", "05-10", "05-30", "06-19")],
}
SOURCES = {"A": "Instagram", "B": "Instagram", "C": "", "D": "сайт", "E": "сайт", "F": "рекомендация"}
CALLS = [  # (client, when, outcome, reason, suspected)
    ("C", "2026-02-01 10:00", "declined", "staff", ""),  # before the period
    ("B", "2026-06-01 10:00", "no_answer", "", ""),
    ("B", "2026-06-05 10:00", "callback", "", ""),  # reached; B comes on 06-20: brought back
    ("E", "2026-05-20 10:00", "declined", "price", "quality"),
    ("A", "2026-06-05 11:00", "declined", "price", ""),
    ("D", "2026-06-01 12:00", "booked", "", ""),  # D comes on 06-10: brought back
]


def make_studio(path):
    """The book in the table above; returns it open, with the clients' ids by letter."""
    database = open_book(path)
    ids = {}
    with database.atomic():
        for name, visits in VISITS.items():
            ids[name] = add_client(database, NewClient(name, "Клиент" + name, source=SOURCES[name]))
            for day, master, rub in visits:
                insert_visit(database, ids[name], NewVisit(
                    datetime.fromisoformat(f"2026-{day} 11:00"), ("Стрижка",), master=master,
                    price_cents=rub * 100 if rub else None), {"Стрижка": "hair"})
        insert_visit(database, ids["D"], NewVisit(datetime(2026, 6, 25, 11), ("Стрижка",),
                                                  status="no_show", price_cents=300000))
        for name, when, outcome, reason, suspected in CALLS:
            on = date(2026, 6, 10) if outcome == "callback" else None
            record_contact(database, ids[name], datetime.fromisoformat(when),
                           Outcome(outcome, on=on, reason=reason, suspected_reason=suspected))
        database.execute_sql("UPDATE clients SET interval_override_days = 10")
    rebuild_all(database)
    return database, ids


@pytest.fixture(scope="module")
def studio(new_book_path):
    path = new_book_path()
    database, ids = make_studio(path)
    yield database, path, ids
    database.close()


@pytest.fixture(scope="module")
def figures(studio):
    return report(studio[0], start=START, end=END, today=END)


def test_clients_at_the_start_and_end(figures):
    assert figures.active_at_start == 3  # A, B, F (C was lost in February; D, E had not come)
    assert figures.active_at_end == 3  # B (back on 06-20), D, F
    assert (figures.new, figures.new_active_at_end) == (2, 1)  # D and E; D is still active
    assert figures.lost == 3  # B on 04-24, E on 05-05, A on 05-31


def test_retention_and_churn(figures):
    assert figures.retention_rate == round((3 - 1) / 3 * 100, 1) == 66.7
    # 3 lost of the 5 who could be: A, B, F active at the start, and D, E who came in the period
    assert (figures.churn_base, figures.churn_rate) == (5, 60.0)
    # each lost client's average check × visits a year (365 / 10):
    # A (1000 + 1000 + 2000) / 3, B 1500, E 500
    expected = (400000 / 3 + 150000 + 50000) * 36.5
    assert figures.revenue_lost_cents == round(expected) == 12166667


def test_a_client_won_back_from_before_the_start_is_not_retained(new_book_path):
    """C, lost in February, comes back on 06-15: active at the end and not new, yet never
    among those at the start. Counting her, (4 − 1) / 3 read 100 %; a second such client
    read 133 %. Retained stays B and F of A, B, F."""
    database, ids = make_studio(new_book_path("won_back.db"))
    insert_visit(database, ids["C"], NewVisit(datetime(2026, 6, 15, 11), ("Стрижка",), master="Оля",
                                              price_cents=100000), {"Стрижка": "hair"})
    rebuild_all(database)
    figures = report(database, start=START, end=END, today=END)
    assert (figures.active_at_start, figures.active_at_end, figures.new) == (3, 4, 2)
    assert figures.retention_rate == 66.7
    database.close()


def test_churn_month_by_month(figures):
    months = [(m.month, m.active_at_start, m.clients, m.lost, m.churn_rate, m.rising, m.partial)
              for m in figures.months]
    assert months == [
        ("2026-04", 3, 4, 1, 25.0, False, False),  # A, B, F and E (came 04-05); B lost on 04-24
        # active on 04-30: A, E, F, and D came; A and E lost: twice April's churn, but on 4
        # clients, so not flagged (test_a_month_on_a_small_base_is_never_flagged_rising)
        ("2026-05", 3, 4, 2, 50.0, False, False),
        ("2026-06", 2, 3, 0, 0.0, False, False),  # active on 05-31: D, F (A is lost that day); B back
    ]


def test_new_and_lost_week_by_week(figures):
    weeks = {w.week_start: (w.new, w.lost) for w in figures.weeks}
    assert weeks["2026-04-01"] == (1, 0)  # clipped to the period (Wed–Sun): E came on Sunday 04-05
    assert weeks["2026-04-20"] == (0, 1)  # B, on Friday 04-24
    assert weeks["2026-05-11"] == (1, 0)  # D's first visit, Friday 05-15
    assert weeks["2026-05-25"] == (0, 1)  # A, Sunday 05-31
    assert sum(n for n, _lost in weeks.values()) == 2 and sum(x for _n, x in weeks.values()) == 3
    assert list(weeks)[-1] == "2026-06-29" and len(weeks) == 14


# Lifetime by Kaplan–Meier at 06-30, in days from the first visit: C 30 and E 30 (lost),
# D 46 (still coming), A 72 (lost on 05-31), F 92 and B 97 (still coming). The share still
# a client is 1 to day 30, 4/6 to day 72, then 4/6 x 2/3 = 4/9 to day 97, the longest life
# seen (nothing is known after it). Mean: 30 + 42 x 2/3 + 25 x 4/9 = 69.11 days.
KM_DAYS = 30 + 42 * 2 / 3 + 25 * 4 / 9
# Still to come for those still coming: the area from their age on over the share there.
D_LEFT = (26 * 2 / 3 + 25 * 4 / 9) / (2 / 3)  # 42.67 days: at 46 days in
F_LEFT = 5 * 4 / 9 / (4 / 9)  # 5 days: at 92 days in; B, at 97, has nothing left to count on
FUTURE = {"D": 300000 * 36.5 * D_LEFT / 365, "F": 100000 * 36.5 * F_LEFT / 365, "B": 0}  # check x 36.5 a year
SPENT = {"A": 400000, "B": 300000, "C": 100000, "D": 600000, "E": 50000, "F": 400000}


def value(client: str, margin: float = 1.0) -> int:
    return round((SPENT[client] + FUTURE.get(client, 0)) * margin)


def test_lifetime_value(figures):
    # AOV: 13 priced completed visits (the no-show and F's unpriced visit do not count)
    assert figures.average_check_cents == round(1850000 / 13) == 142308
    assert figures.visits_per_year == 36.5  # B, D and F are active, each every 10 days
    assert (figures.lifetime_basis, figures.lifetime_years) == ("lost", round(KM_DAYS / 365, 2)) == ("lost", 0.19)
    assert figures.ltv_basis == "revenue"
    assert figures.average_ltv_cents == round(sum(value(c) for c in SPENT) / 6) == 530000
    # never below what they have spent on average (18,500 RUB over 6 clients)
    assert figures.average_ltv_cents >= 1850000 / 6


def test_lifetime_value_by_source_and_client(figures):
    sources = {s.source: (s.clients, s.new, s.lost, s.revenue_cents, s.average_future_cents, s.average_ltv_cents)
               for s in figures.sources}
    assert sources == {
        "Instagram": (2, 0, 1, 700000, 0, round((value("A") + value("B")) / 2)),
        "сайт": (2, 2, 1, 650000, round(FUTURE["D"] / 2), round((value("D") + value("E")) / 2)),
        "рекомендация": (1, 0, 0, 400000, round(FUTURE["F"]), value("F")),
        "": (1, 0, 1, 100000, 0, value("C")),
    }
    # D spent 6,000 and, 46 days in and due again, has 42.7 days of a client's life to come:
    # 4.27 visits at 3,000; A spent more than B but is lost (05-31), and marked so
    assert [(c.name, c.revenue_cents, c.future_cents, c.ltv_cents, c.status) for c in figures.top_clients] == [
        ("КлиентD D", 600000, round(FUTURE["D"]), value("D"), "at_risk"),
        ("КлиентF F", 400000, round(FUTURE["F"]), value("F"), "due"),
        ("КлиентA A", 400000, 0, 400000, "lost"),
        ("КлиентB B", 300000, 0, 300000, "due"),
        ("КлиентC C", 100000, 0, 100000, "lost"),
        ("КлиентE E", 50000, 0, 50000, "lost"),
    ]
    assert value("D") == 1880000


def test_margin_makes_lifetime_value_margin(studio):
    database = studio[0]
    change_setting(database, "margin_percent", "40 %")
    try:
        margin = report(database, start=START, end=END, today=END)
    finally:
        change_setting(database, "margin_percent", "")
    assert (margin.ltv_basis, margin.margin_percent) == ("margin", 40.0)
    assert margin.average_ltv_cents == round(sum(value(c, 0.4) for c in SPENT) / 6) == 212000


def test_per_master(figures):
    masters = {m.master: (m.clients, m.returning, m.returning_share, m.at_start, m.kept, m.retention)
               for m in figures.masters}
    assert masters == {
        # A, E, F served in the period; A and F had been to Оля before; A and F were hers
        # at the start (their last visit before it), and only F is still active
        "Оля": (3, 2, 66.7, 2, 1, 50.0),
        # B and D; both came back to Маша; B was hers at the start and is active again
        "Маша": (2, 2, 100.0, 1, 1, 100.0),
    }


def test_reasons_for_leaving(figures):
    assert [(r.code, r.stated, r.suspected) for r in figures.reasons] == [
        ("price", 2, 0), ("quality", 0, 1)]  # C's "staff" was before the period


def test_what_the_calls_bring_back(figures):
    calls = figures.calls
    assert (calls.made, calls.reached, calls.booked) == (5, 4, 1)
    assert (calls.brought_back, calls.brought_back_revenue_cents) == (2, 450000)  # B and D


def test_default_period_is_three_usual_cycles(studio):
    database = studio[0]
    figures = report(database, today=END)
    assert (figures.start, figures.end, figures.default_period) == (date(2026, 5, 31), END, True)


def test_json_is_stable_for_scripts(studio):
    path = studio[1]
    result = CliRunner().invoke(cli, ["stats", "--db", str(path), "--from", "2026-04-01",
                                      "--to", "30.06.2026", "--today", "2026-06-30", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data) == [
        "version", "start", "end", "default_period", "active_at_start", "active_at_end", "new",
        "new_active_at_end", "lost", "retention_rate", "churn_rate", "churn_base", "revenue_lost_cents",
        "months", "weeks", "ltv_basis", "margin_percent", "average_check_cents",
        "visits_per_year", "lifetime_years", "lifetime_basis", "average_ltv_cents", "sources",
        "top_clients", "masters", "reasons", "calls", "second_visits", "complaints", "win_back"]
    assert (data["version"], data["start"], data["retention_rate"]) == (1, "2026-04-01", 66.7)
    assert data["calls"] == {"made": 5, "reached": 4, "booked": 1, "brought_back": 2,
                             "brought_back_revenue_cents": 450000}
    assert data == json.loads(json.dumps(as_json(report(studio[0], start=START, end=END, today=END))))


def test_stats_as_text_and_a_bad_period(studio):
    path = str(studio[1])
    text = CliRunner().invoke(cli, ["stats", "--db", path, "--from", "2026-04-01", "--to", "2026-06-30"])
    assert text.exit_code == 0, text.output
    assert "Retention (CRR)                66.7% (small base: 3 clients)" in text.output
    [may] = [line for line in text.output.splitlines() if line.startswith("May 2026")]
    assert may.split()[:5] == ["May", "2026", "4", "2", "50%"] and "rising" not in may  # a small base
    backwards = CliRunner().invoke(cli, ["stats", "--db", path, "--from", "2026-07-01", "--to", "2026-06-30"])
    assert backwards.exit_code == 1
    assert "The period starts (2026-07-01) after it ends (2026-06-30)." in backwards.output
    bad = CliRunner().invoke(cli, ["stats", "--db", path, "--from", "31.02.2026"])
    assert bad.exit_code == 2 and "There is no day 31 in month 2." in bad.output


# -- edges found in review ---------------------------------------------------------------


@pytest.fixture
def two_tracks(new_book_path):
    """Brows (every 28 days by the price list) on 01-10, then lashes (21 days) on 03-21."""
    path = new_book_path("edges.db")
    database = open_book(path)
    with database.atomic():
        database.execute_sql("INSERT INTO services (name, category, default_interval_days) VALUES "
                             "('Брови', 'brows', 28), ('Ресницы', 'lashes', 21)")
        client = add_client(database, NewClient("Вера", "Новикова", source="сайт"))
        for when, service in (("2026-01-10 11:00", "Брови"), ("2026-03-21 11:00", "Ресницы")):
            insert_visit(database, client, NewVisit(datetime.fromisoformat(when), (service,),
                                                    price_cents=200000))
        # booked on a call in the morning for that evening: brought back by the call
        record_contact(database, client, datetime(2026, 3, 21, 8, 54), Outcome("booked"))
    rebuild_all(database)
    yield database, path
    database.close()


def test_the_stand_in_interval_is_the_cards_as_it_stood_after_each_visit(two_tracks):
    database, _path = two_tracks
    # After 01-10 only brows is known: 28 days, lost on 04-04; the lashes visit on 03-21 came first.
    march = report(database, start=date(2026, 3, 1), end=date(2026, 3, 31), today=END)
    assert (march.active_at_start, march.lost, march.churn_rate) == (1, 0, 0.0)
    # After 03-21 the shorter track stands in: 21 days, lost on 03-21 + 63 = 05-23.
    spring = report(database, start=date(2026, 4, 1), end=date(2026, 5, 31), today=END)
    assert [w.week_start for w in spring.weeks if w.lost] == ["2026-05-18"]


def test_a_call_brings_back_a_visit_later_the_same_day(two_tracks):
    database, _path = two_tracks
    march = report(database, start=date(2026, 3, 1), end=date(2026, 3, 31), today=END)
    assert (march.calls.reached, march.calls.brought_back, march.calls.brought_back_revenue_cents) == (1, 1, 200000)


def test_sources_are_listed_when_nobody_is_active_at_the_end(two_tracks):
    database, _path = two_tracks
    autumn = report(database, start=date(2026, 6, 1), end=date(2026, 6, 30), today=END)
    # nobody still coming: each one's value is what she spent, nothing more to come
    assert autumn.active_at_end == 0 and autumn.average_ltv_cents == 400000
    assert [(s.source, s.clients, s.revenue_cents, s.average_future_cents, s.average_ltv_cents, s.lost)
            for s in autumn.sources] == [("сайт", 1, 400000, 0, 400000, 1)]


@pytest.mark.parametrize("args, code, sentence", [
    (["--to", "2026-12-01"], 1,
     "The period cannot end after today (2026-06-30): the reports count what has happened."),
    (["--to", "9999-12-31"], 2, "“9999-12-31” is out of range: give a date from 1900 to 2100."),
    (["--from", "01.01.0001"], 2, "“01.01.0001” is out of range: give a date from 1900 to 2100."),
])
def test_periods_that_cannot_be_counted_get_a_sentence(two_tracks, args, code, sentence):
    _database, path = two_tracks
    result = CliRunner().invoke(cli, ["stats", "--db", str(path), "--today", "2026-06-30", *args])
    assert result.exit_code == code and sentence in result.output
    assert "Traceback" not in result.output


def test_a_date_without_a_year_is_read_near_today_wherever_today_is_given(two_tracks):
    _database, path = two_tracks
    ends = []
    for args in (["--to", "30.11", "--today", "2026-12-01"], ["--today", "2026-12-01", "--to", "30.11"]):
        result = CliRunner().invoke(cli, ["stats", "--db", str(path), *args, "--format", "json"])
        assert result.exit_code == 0, result.output
        ends.append(json.loads(result.output)["end"])
    assert ends == ["2026-11-30", "2026-11-30"]


def test_a_month_on_a_small_base_is_never_flagged_rising(figures):
    # May's 2 of 4 against April's 1 of 4: twice the churn, and one client's doing
    assert [(m.month, m.clients, m.lost, m.churn_rate, m.rising) for m in figures.months] == [
        ("2026-04", 4, 1, 25.0, False), ("2026-05", 4, 2, 50.0, False), ("2026-06", 3, 0, 0.0, False)]
