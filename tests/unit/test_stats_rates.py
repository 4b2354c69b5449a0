"""Periods and rates that do not mislead (issue 19), on a book worked out by hand.

Every client has a usual interval of 10 days (set by hand): lost 30 days after a visit.

  clients           completed visits                        lost on
  3 regulars        2025-12-20                              2026-01-19
  30 newcomers      one each, 2026-02-01 … 02-10 (3 a day)  2026-03-03 … 03-12

So on 2026-01-01 three clients are active; over the first half of 2026, 33 are lost.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from click.testing import CliRunner

from clientbook.cli import cli
from clientbook.domain.retention import SMALL_BASE, small_base, whole_month
from clientbook.services.book import open_book
from clientbook.services.clients import NewClient, add_client
from clientbook.services.figures import rebuild_all
from clientbook.services.stats import report
from clientbook.services.stats_view import caveat, headline, rate, tables
from clientbook.services.visits import NewVisit, insert_visit

TODAY = date(2026, 6, 30)


@pytest.fixture(scope="module")
def book(new_book_path):
    path = new_book_path()
    database = open_book(path)
    with database.atomic():
        days = [date(2025, 12, 20)] * 3 + [date(2026, 2, 1) + timedelta(days=i // 3) for i in range(30)]
        for i, day in enumerate(days):
            client = add_client(database, NewClient(f"Клиент{i}", "Тестова"))
            insert_visit(database, client, NewVisit(datetime(day.year, day.month, day.day, 11), ("Стрижка",),
                                                    price_cents=200000), {"Стрижка": "hair"})
        database.execute_sql("UPDATE clients SET interval_override_days = 10")
    rebuild_all(database)
    yield database, path
    database.close()


# -- churn's base ------------------------------------------------------------------------------


def test_churn_is_on_every_client_who_could_be_lost(book):
    """On the 3 active on its first day alone, this half year read «Churn 1100 %»."""
    figures = report(book[0], start=date(2026, 1, 1), end=TODAY, today=TODAY)
    assert (figures.active_at_start, figures.lost) == (3, 33)
    assert (figures.churn_base, figures.churn_rate) == (33, 100.0)  # the 3, and the 30 who came


def test_churn_never_passes_100_percent(book):
    for start in (date(2026, 1, 1), date(2026, 1, 25), date(2026, 2, 5), date(2026, 3, 5)):
        figures = report(book[0], start=start, end=TODAY, today=TODAY)
        assert figures.churn_rate is None or 0 <= figures.churn_rate <= 100, start
        assert all(m.churn_rate is None or m.churn_rate <= 100 for m in figures.months), start


# -- whole months only are compared -------------------------------------------------------------


def test_whole_month():
    assert whole_month(date(2026, 2, 1), date(2026, 2, 28))
    assert whole_month(date(2026, 12, 1), date(2026, 12, 31))
    assert not whole_month(date(2026, 9, 16), date(2026, 9, 30))  # a period from 16 September
    assert not whole_month(date(2026, 11, 1), date(2026, 11, 22))  # a period up to today


def months_of(figures):
    return [(m.month, m.clients, m.lost, m.churn_rate, m.rising, m.partial) for m in figures.months]


def test_whole_months_are_compared(book):
    figures = report(book[0], start=date(2026, 2, 1), end=date(2026, 4, 30), today=TODAY)
    assert months_of(figures) == [
        ("2026-02", 30, 0, 0.0, False, False),  # the 30 came; nobody lost yet
        ("2026-03", 30, 30, 100.0, True, False),  # all 30 lost: a rise on the whole February
        ("2026-04", 0, 0, None, False, False),
    ]


def test_a_clipped_month_is_partial_and_never_compared(book):
    """From 16 February, February is half a month: March's rise is not measured against it."""
    figures = report(book[0], start=date(2026, 2, 16), end=date(2026, 3, 15), today=TODAY)
    assert months_of(figures) == [
        ("2026-02", 30, 0, 0.0, False, True),
        ("2026-03", 30, 30, 100.0, False, True),  # clipped at the end too: never flagged
    ]
    rows = tables(figures)[0][2]
    assert [row[0] for row in rows] == ["Feb 2026 (partial month)", "Mar 2026 (partial month)"]
    assert not any("rising" in row[4] for row in rows)


def test_a_whole_month_after_a_partial_one_is_not_compared_with_it(book):
    figures = report(book[0], start=date(2026, 2, 16), end=date(2026, 4, 30), today=TODAY)
    assert [(m.month, m.partial, m.rising) for m in figures.months] == [
        ("2026-02", True, False), ("2026-03", False, False), ("2026-04", False, False)]


# -- the small-base caveat ----------------------------------------------------------------------


def test_small_base():
    assert SMALL_BASE == 20
    assert small_base(1) and small_base(19)
    assert not small_base(20) and not small_base(0)  # none: there is no rate to caveat
    assert rate(50.0, 6) == "50% (small base: 6 clients)"
    assert rate(100.0, 1) == "100% (small base: 1 client)"
    assert rate(12.5, 20) == "12.5%"
    assert rate(None, 6) == "—" and caveat(25) == ""


def test_the_headline_caveats_a_rate_on_few_clients(book):
    figures = report(book[0], start=date(2026, 1, 1), end=TODAY, today=TODAY)
    said = dict(headline(figures))
    assert said["Retention (CRR)"] == "0% (small base: 3 clients)"  # on the 3 active on 1 January
    assert said["Churn"] == "100%"  # on 33: a figure of its own
    [january, february, *_rest] = tables(figures)[0][2]
    assert january[:4] == ["Jan 2026", "3", "3", "100% (small base: 3 clients)"]
    assert february[:4] == ["Feb 2026", "30", "0", "0%"]


# -- the command line, in English and in Russian ------------------------------------------------


def stats(path, *args: str) -> list[str]:
    result = CliRunner().invoke(cli, [*args, "stats", "--db", str(path), "--period", "01.01.2026-15.03.2026",
                                      "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def test_stats_shows_the_caveat_and_the_partial_month(book):
    lines = stats(book[1])
    assert "Retention (CRR)                0% (small base: 3 clients)" in lines
    assert "Churn                          100%" in lines
    [march] = [line for line in lines if line.startswith("Mar 2026")]
    assert march.startswith("Mar 2026 (partial month)") and "rising" not in march
    [january] = [line for line in lines if line.startswith("Jan 2026")]
    assert "100% (small base: 3 clients)" in january


def test_stats_shows_the_caveat_and_the_partial_month_in_russian(book):
    lines = stats(book[1], "--lang", "ru")
    assert any(line.startswith("Удержание (CRR)") and line.endswith("0\u00a0% (мало данных: 3 клиента)")
               for line in lines), lines
    [march] = [line for line in lines if line.startswith("март 2026") or line.startswith("мар")]
    assert "(неполный месяц)" in march and "растёт" not in march
    [january] = [line for line in lines if line.startswith("янв")]
    assert "100\u00a0% (мало данных: 3 клиента)" in january


def test_kaplan_meier_counts_the_clients_still_coming_as_at_least_this_long():
    from clientbook.domain.retention import kaplan_meier

    # lost after 1 and 3 years; one still coming after 2: at 1 year 2 of 3 stay; at 3 the
    # last one at risk leaves. Averaging the lost alone would say 2 years.
    curve = kaplan_meier([(1.0, True), (2.0, False), (3.0, True)])
    assert [t for t, _share in curve.steps] == [0.0, 1.0, 3.0] and curve.horizon == 3.0
    assert [share for _t, share in curve.steps] == pytest.approx([1.0, 2 / 3, 0.0])
    assert curve.years_left(0) == pytest.approx(1 + 2 / 3 * 2)
    assert curve.years_left(1.5) == pytest.approx(1.5) and curve.years_left(2.5) == pytest.approx(0.5)
    assert curve.years_left(3.0) == 0.0
    # nobody lost yet: all is "so far", up to the longest life seen
    assert kaplan_meier([(1.0, False), (2.0, False)]).years_left(0) == 2.0
