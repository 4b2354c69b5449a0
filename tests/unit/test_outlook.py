"""The return model's figures as the book keeps them: `clientbook outlook`, the daily refit,
a client rescored after her visit, the card's words and the call list's order."""
from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta

import pytest
from click.testing import CliRunner

from clientbook.cli import cli
from clientbook.services.book import open_book
from clientbook.services.calls import call_list
from clientbook.services.clients import NewClient, add_client
from clientbook.services.outlook import FIELDS, MIN_RETURNING
from clientbook.services.visits import NewVisit, add_visit
from tests.conftest import rows

TODAY = "2026-11-22"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def demo_book(new_book_path):
    path = new_book_path()
    assert run("demo", "--db", path, "--today", TODAY).exit_code == 0
    return path


@pytest.fixture
def studio(demo_book, copy_book):
    return copy_book(demo_book, "studio.db")


def outlook_json(path, *more):
    result = run("outlook", "--db", path, "--today", TODAY, "--format", "json", *more)
    assert result.exit_code == 0, result.output + result.stderr
    return json.loads(result.stdout)


def test_one_row_per_active_client_with_a_completed_visit(studio):
    data = outlook_json(studio)
    assert data["today"] == TODAY and data["horizon_days"] == 90
    book = open_book(studio)
    expected = [r[0] for r in rows(book, "SELECT DISTINCT v.client_id FROM visits v JOIN clients c ON c.id = v.client_id "
                                         "WHERE v.status = 'done' AND c.archived_at IS NULL ORDER BY 1")]
    assert [item["id"] for item in data["items"]] == expected
    averages = dict(rows(book, "SELECT client_id, average_cents FROM client_figures"))
    for item in data["items"]:
        assert set(item) == set(FIELDS)
        assert 0 <= item["p_return"] <= item["p_alive"] <= 1  # coming back needs being a client
        assert item["expected_visits"] >= 0
        assert item["expected_revenue_cents"] == pytest.approx(item["expected_visits"] * averages[item["id"]],
                                                               abs=averages[item["id"]] * 0.001 + 1)
    # The stored figures are today's: the model was fitted and every client scored once.
    assert rows(book, "SELECT fitted_on, scored_on FROM return_model") == [(TODAY, TODAY)]
    assert rows(book, "SELECT count(*) FROM client_outlook WHERE p_alive IS NOT NULL") == [(len(expected),)]
    book.close()


def test_a_longer_horizon_expects_more(studio):
    near = {item["id"]: item for item in outlook_json(studio, "--horizon", "30")["items"]}
    usual = {item["id"]: item for item in outlook_json(studio)["items"]}
    far = {item["id"]: item for item in outlook_json(studio, "--horizon", "365")["items"]}
    for client, item in usual.items():
        assert near[client]["p_return"] <= item["p_return"] + 1e-9 <= far[client]["p_return"] + 2e-9
        assert near[client]["p_alive"] == item["p_alive"] == far[client]["p_alive"]  # today's, whatever the horizon
    assert sum(i["expected_visits"] for i in near.values()) < sum(i["expected_visits"] for i in far.values())


def test_csv_has_the_documented_columns(studio):
    result = run("outlook", "--db", studio, "--today", TODAY, "--format", "csv")
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(table[0]) == list(FIELDS)
    assert table[0]["last_visit"].startswith("20") and float(table[0]["p_alive"]) <= 1


def test_a_regular_who_just_came_is_rescored_at_once(studio):
    before = {item["id"]: item for item in outlook_json(studio)["items"]}
    lapsed = min((i for i in before.values() if i["visits"] >= 4), key=lambda i: i["p_return"])
    book = open_book(studio)
    add_visit(book, lapsed["id"], NewVisit(datetime(2026, 11, 22, 10), ("Маникюр",), price_cents=250000),
              {"Маникюр": "nails"}, today=date(2026, 11, 22))
    assert rows(book, "SELECT client_id FROM outlook_stale") == [(lapsed["id"],)]
    book.close()
    after = {item["id"]: item for item in outlook_json(studio)["items"]}
    assert after[lapsed["id"]]["last_visit"] == TODAY
    assert after[lapsed["id"]]["p_alive"] > 0.9 > lapsed["p_alive"]
    book = open_book(studio)
    assert rows(book, "SELECT count(*) FROM outlook_stale") == [(0,)]
    book.close()


def test_refitted_on_the_first_use_of_a_new_day_and_by_rebuild(studio):
    outlook_json(studio)
    result = run("calls", "--db", studio, "--today", "2026-11-23")
    assert result.exit_code == 0
    book = open_book(studio)
    assert rows(book, "SELECT fitted_on, scored_on FROM return_model") == [("2026-11-23", "2026-11-23")]
    book.execute_sql("UPDATE client_outlook SET p_alive = 0.5, p_return = 0.5")  # damaged figures
    book.close()
    assert run("rebuild", "--db", studio, "--today", "2026-11-24").exit_code == 0
    book = open_book(studio)
    assert rows(book, "SELECT fitted_on, scored_on FROM return_model") == [("2026-11-24", "2026-11-24")]
    assert rows(book, "SELECT count(*) FROM client_outlook WHERE p_alive = 0.5") == [(0,)]
    book.close()


def test_the_call_list_orders_each_reason_by_what_a_call_can_save(studio):
    book = open_book(studio)
    items = call_list(book, date(2026, 11, 22), limit=0).items
    book.close()
    routine = [i for i in items if i.reason in ("due", "at_risk", "birthday")]
    lost = [i for i in items if i.reason == "lost"]
    assert routine and lost and all(i.call_value is not None for i in routine)
    for part in (routine, lost):
        keys = [(not i.regular, -i.call_value) for i in part]
        assert keys == sorted(keys)  # regulars first, then more to save first
    assert items.index(routine[-1]) < items.index(lost[0])  # the reasons keep their order


def not_booked(studio, visits: str) -> list[int]:
    """Clients with `visits` ("= 1", "> 1") completed visits and no booking ahead, women first."""
    book = open_book(studio)
    found = [r[0] for r in rows(book, "SELECT f.client_id FROM client_figures f JOIN clients c ON c.id = f.client_id "
                                      f"WHERE f.done_visits {visits} AND (f.booked_until IS NULL OR f.booked_until < ?) "
                                      "AND c.patronymic LIKE '%на' ORDER BY f.client_id", TODAY)]
    book.close()
    return found


def test_the_card_says_the_chances_in_words(studio):
    client = not_booked(studio, "> 1")[0]
    shown = run("show", client, "--db", studio, "--today", TODAY).output
    assert "chance she comes back by herself: " in shown and " · still a client: " in shown
    russian = run("show", client, "--db", studio, "--today", TODAY, "--lang", "ru").output
    line = next(line for line in russian.splitlines() if "шанс" in line)
    assert line.strip().startswith("шанс, что вернётся сама: ") and "ещё клиент: " in line and "%" in line


def test_too_few_returning_clients_leave_the_chances_empty(book_path):
    book = open_book(book_path)
    for n in range(MIN_RETURNING - 1):
        client = add_client(book, NewClient(f"Анна{n}", "Петрова", phone=f"8916{n:07d}"))
        for ago in (40, 10):
            add_visit(book, client, NewVisit(datetime(2026, 11, 22, 12) - timedelta(days=ago), ("Маникюр",),
                                             price_cents=150000), {"Маникюр": "nails"}, today=date(2026, 11, 22))
    book.close()
    result = run("outlook", "--db", book_path, "--today", TODAY)
    assert result.exit_code == 0
    assert result.stderr.strip() == (f"The return model needs at least {MIN_RETURNING} clients who came back for "
                                     "a second visit; until then clients have no chances.")
    data = outlook_json(book_path)
    assert len(data["items"]) == MIN_RETURNING - 1
    assert {(i["p_alive"], i["p_return"], i["expected_visits"]) for i in data["items"]} == {(None, None, None)}
    assert "chance" not in run("show", "1", "--db", book_path, "--today", TODAY).output
    book = open_book(book_path)  # the call list still works, by its rules' order
    assert [i.reason for i in call_list(book, date(2026, 11, 22), limit=0).items] == []
    book.close()


def test_after_a_single_visit_only_the_chance_of_coming_back_is_said(studio):
    once = next(i for i in outlook_json(studio)["items"] if i["id"] in not_booked(studio, "= 1"))
    assert once["p_alive"] == 1.0  # the model cannot tell she left: it calls her a client for certain
    shown = run("show", once["id"], "--db", studio, "--today", TODAY, "--lang", "ru").output
    line = next(line for line in shown.splitlines() if "шанс" in line)
    assert "вернётся" in line and "ещё клиент" not in line


def test_a_name_on_a_card_is_read_in_the_nominative():
    from clientbook.domain.russian import gender

    assert [gender(n) for n in ("Валентина", "Александра", "Валентин", "Саша")] == ["f", "f", "m", None]


def test_a_client_booked_ahead_has_no_chance_to_weigh(studio):
    book = open_book(studio)
    booked = rows(book, "SELECT client_id FROM client_figures WHERE booked_until >= ? AND done_visits > 1", TODAY)[0][0]
    book.close()
    shown = run("show", booked, "--db", studio, "--today", TODAY).output
    assert "is booked ahead until" in shown and "chance" not in shown


def test_an_empty_book_says_nobody_has_come_yet(book_path):
    assert run("outlook", "--db", book_path, "--today", TODAY).output == "No client has a completed visit yet.\n"
    assert outlook_json(book_path)["items"] == []
