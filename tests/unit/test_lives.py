"""Each client's life as the reports count it, kept in the book (clientbook.services.lives):
the rows say what clientbook.domain.retention.life says, every write keeps them as a rebuild
makes them, and a period that ended in the past is counted as the book stood then."""
from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clientbook.domain.retention import life
from clientbook.domain.rhythm import Thresholds
from clientbook.services import catalog, catalog_edits
from clientbook.services.book import open_book
from clientbook.services.clients import NewClient, add_client, forget, set_interval_override
from clientbook.services.deletions import delete_visit
from clientbook.services.figures import rebuild_all
from clientbook.services.lives import DoneRow, Rows, rows_of
from clientbook.services.settings import change_setting
from clientbook.services.stats import as_json, report
from clientbook.services.visits import NewVisit, add_visit, insert_visit, set_status
from db.errors import DATABASE_ERRORS
from db.lives import NO_NEXT
from tests.reliability.checks import figures_agree_with_rebuild
from tests.unit.test_stats import make_studio

START = date(2025, 1, 1)
SERVICES = {1: ("nails", 21), 2: ("colour", 56), 3: ("hair", None)}

visit = st.tuples(st.integers(0, 400), st.sampled_from([None, 0, 150000, 250000]),
                  st.sampled_from([None, 1, 2]), st.sampled_from([None, 1, 2, 3]))


@settings(max_examples=300, deadline=None)
@given(st.lists(visit, min_size=1, max_size=25), st.sampled_from([None, 10, 30]))
def test_the_rows_say_what_the_domain_life_says(visits, override):
    """On any day, her row in force (day <= D < next_day) and her spells agree with Life."""
    ordered = sorted(visits, key=lambda v: v[0])
    done = [DoneRow(START + timedelta(days=d), True, price, master, service) for d, price, master, service in ordered]
    limits = Thresholds()
    rows = Rows([], [], [])
    rows_of(7, done, SERVICES, limits, 42, override, rows)

    tracks, stand_ins, days = {}, {}, []
    for row in done:
        if row.service_id:
            tracks[SERVICES[row.service_id][0]] = SERVICES[row.service_id][1]
        stand_ins[row.day] = min((d or 42 for d in tracks.values()), default=None)
        days.append(row.day)
    distinct = sorted(set(days))
    lf = life(7, distinct, limits, manual_days=override, service_days=[stand_ins[d] for d in distinct])

    assert [r[1] for r in rows.days] == [d.toordinal() for d in distinct]
    assert {s[2] for s in rows.spells} == {d.toordinal() for d in lf.lost}
    assert [s[4] for s in rows.spells] == [0] + [s[2] for s in rows.spells[:-1]]  # lost before: the spell before's
    for day in (distinct[0] + timedelta(days=n) for n in range(-1, (distinct[-1] - distinct[0]).days + 120, 3)):
        d = day.toordinal()
        in_force = [r for r in rows.days if r[1] <= d < r[2]]
        assert len(in_force) == (day >= distinct[0])
        if in_force:
            (_c, last, _next, first, interval, lost_on, spent, priced, *_masters), = in_force
            assert (lost_on > d, interval) == (lf.active_on(day), lf.interval_on(day))
            assert first == distinct[0].toordinal() and last == max(x for x in distinct if x <= day).toordinal()
            prices = [row.price_cents for row in done if row.day <= day and row.price_cents is not None]
            assert (spent, priced) == (sum(prices), len(prices))
        assert sum(s[1] <= d < s[2] for s in rows.spells) == lf.active_on(day)


@settings(max_examples=200, deadline=None)
@given(st.lists(visit, min_size=1, max_size=25))
def test_each_day_with_a_master_knows_her_day_before_and_after(visits):
    done = [DoneRow(START + timedelta(days=d), True, None, master, None)
            for d, _price, master, _service in sorted(visits, key=lambda v: v[0])]
    rows = Rows([], [], [])
    rows_of(7, done, {}, Thresholds(), 42, None, rows)
    found = {(r[1], r[8]): (r[9], r[10]) for r in rows.days if r[8] is not None}
    found.update({(r[0], r[1]): (r[3], r[4]) for r in rows.master_days})
    expected = {}
    for master in {row.master_id for row in done} - {None}:
        days = sorted({row.day.toordinal() for row in done if row.master_id == master})
        for i, day in enumerate(days):
            expected[day, master] = (days[i - 1] if i else 0, days[i + 1] if i + 1 < len(days) else NO_NEXT)
    assert found == expected
    for r in rows.days:  # the day's row names the master of its last visit
        assert r[8] == [row.master_id for row in done if row.day.toordinal() == r[1]][-1]


def test_every_write_keeps_the_lives_as_a_rebuild_makes_them(book):
    catalog.add_service(book, "Маникюр", "nails", 200000, 60, 21)
    catalog.add_master(book, "Ольга")
    catalog.add_master(book, "Оля")
    anna = add_client(book, NewClient("Анна", "Ёлкина"))
    vera = add_client(book, NewClient("Вера", "Сидорова"))
    today = date(2026, 11, 22)

    def came(client, day, master, status="done"):
        return add_visit(book, client, NewVisit(datetime.combine(day, datetime.min.time()), ("Маникюр",),
                                                master=master, status=status), today=today)

    for n in range(6):
        came(anna, date(2026, 5, 1) + timedelta(days=20 * n), "Оля" if n % 2 else "Ольга")
    came(vera, date(2026, 1, 10), "Оля")
    booked = came(vera, today, "Ольга", status="planned")
    figures_agree_with_rebuild(book)
    set_status(book, booked, "done", today)
    figures_agree_with_rebuild(book)
    delete_visit(book, came(anna, date(2026, 11, 1), "Оля"))
    figures_agree_with_rebuild(book)
    set_interval_override(book, anna, 10)
    figures_agree_with_rebuild(book)
    before = catalog_edits.service_named(book, "Маникюр")
    catalog_edits.edit_service(book, before.id, before, catalog.ServiceFields(
        before.name, before.category, before.price_cents, before.duration_min, 14))
    figures_agree_with_rebuild(book)
    catalog_edits.merge_masters(book, "Оля", "Ольга")
    figures_agree_with_rebuild(book)
    assert [m.master for m in report(book, start=date(2026, 1, 1), today=today).masters] == ["Ольга"]
    change_setting(book, "tier_lost", "2.5")
    figures_agree_with_rebuild(book)
    forget(book, vera)
    for table in ("client_days", "client_spells", "client_master_days"):
        assert book.execute_sql(f"SELECT count(*) FROM {table} WHERE client_id = ?", (vera,)).fetchone() == (0,)


def test_a_rebuild_keeps_the_derived_rows_tied_to_their_client(book):
    """A rebuild sets the foreign keys aside on a server while it writes: they are back after it,
    so a client forgotten takes her figures and lives with her, and a row of nobody is refused."""
    catalog.add_master(book, "Ольга")
    anna = add_client(book, NewClient("Анна", "Ёлкина"))
    for n in range(3):
        add_visit(book, anna, NewVisit(datetime(2026, 9, 1, 11) + timedelta(days=21 * n), ("Маникюр",),
                                       master="Ольга"), {"Маникюр": "nails"}, today=date(2026, 11, 22))
    with book.atomic():
        rebuild_all(book)
    derived = ("client_tracks", "client_figures", "client_days", "client_spells")
    assert all(book.execute_sql(f"SELECT count(*) FROM {table}").fetchone()[0] for table in derived)
    with pytest.raises(DATABASE_ERRORS), book.atomic():
        book.execute_sql("INSERT INTO client_spells VALUES (?, 1, 2, 21.0, 0)", (anna + 1,))
    forget(book, anna)
    assert [book.execute_sql(f"SELECT count(*) FROM {table}").fetchone()[0] for table in derived] == [0, 0, 0, 0]


def random_book(path, seed: int):
    """40 clients over two years: rhythms, gaps, no-shows, two services, three masters, a
    visit without a price, a usual interval set by hand."""
    rng = random.Random(seed)
    database = open_book(path)
    with database.atomic():
        for n in range(40):
            client = add_client(database, NewClient(f"Клиент{n}", "Тестова", source=rng.choice(["", "сайт", "Instagram"])))
            day, every = date(2025, 1, 1) + timedelta(days=rng.randrange(400)), rng.choice([14, 21, 30, 45])
            while day < date(2026, 11, 22):
                service = rng.choice(["Маникюр", "Окрашивание"])
                insert_visit(database, client, NewVisit(
                    datetime.combine(day, datetime.min.time()), (service,), master=rng.choice(["Оля", "Маша", "Ира"]),
                    status=rng.choice(["done"] * 8 + ["no_show"]), price_cents=rng.choice([None, 150000, 300000])),
                    {"Маникюр": "nails", "Окрашивание": "colour"})
                day += timedelta(days=every + rng.choice([0, 0, 3, -2, 40, 120]))
            if n % 9 == 0:
                database.execute_sql("UPDATE clients SET interval_override_days = 20 WHERE id = ?", (client,))
    rebuild_all(database)
    return database


def as_it_stood(copy_book, path, end: date):
    """A copy of the (closed) book at `path` with nothing after `end`: the book as it stood then."""
    database = open_book(copy_book(path, "then.db"))
    with database.atomic():
        database.execute_sql("DELETE FROM visits WHERE starts_at >= ?", ((end + timedelta(days=1)).isoformat(),))
        rebuild_all(database)
    return database


@pytest.mark.parametrize("start, end", [(None, date(2026, 5, 20)), (date(2026, 4, 1), date(2026, 5, 20)),
                                        (date(2025, 12, 1), date(2026, 2, 28)), (None, date(2025, 8, 31))])
def test_a_period_that_ended_is_counted_as_the_book_stood_then(new_book_path, copy_book, start, end):
    """Every figure of a past period, from the lives of today's book, is what a book that
    stopped on the period's last day says (today = that day: second visits count up to it)."""
    path = new_book_path("now.db")
    random_book(path, seed=19).close()
    then = as_it_stood(copy_book, path, end)
    made = open_book(path)
    try:
        assert as_json(report(made, start=start, end=end, today=end)) == as_json(
            report(then, start=start, end=end, today=end))
    finally:
        made.close()
        then.close()


def test_the_hand_worked_studio_counted_as_it_stood_in_may(new_book_path, copy_book):
    path = new_book_path()
    make_studio(path)[0].close()
    end = date(2026, 5, 20)
    then = as_it_stood(copy_book, path, end)
    now = open_book(path)
    try:
        change_setting(now, "margin_percent", "45")
        change_setting(then, "margin_percent", "45")
        assert as_json(report(now, start=date(2026, 4, 1), end=end, today=end)) == as_json(
            report(then, start=date(2026, 4, 1), end=end, today=end))
    finally:
        now.close()
        then.close()
