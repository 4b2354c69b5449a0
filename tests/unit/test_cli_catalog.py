"""`clientbook masters` and `clientbook services` as a person or a script drives them."""
from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from click.testing import CliRunner

from clientbook.cli import cli
from clientbook.services.book import open_book
from clientbook.services.clients import NewClient, add_client
from clientbook.services.visits import NewVisit, add_visit


def run(path, *args):
    return CliRunner().invoke(cli, [str(a) for a in args] + ["--db", str(path), "--today", "2026-11-22"])


def data(path, *args):
    result = run(path, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def refused(path, *args) -> str:
    """The one line a refused command prints; the exit code says it failed."""
    result = run(path, *args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
    return result.output.strip()


def rows(path, sql: str, *params):
    book = open_book(path)
    try:
        return [tuple(r) for r in book.execute_sql(sql, params).fetchall()]
    finally:
        book.close()


@pytest.fixture
def studio(book_path):
    """Two masters and a service, a client with two visits by the first master."""
    assert data(book_path, "masters", "add", "Оля", "--hours", "пн-пт 10-20") == {"id": 1}
    assert data(book_path, "masters", "add", "Ольга", "Смирнова") == {"id": 2}
    assert data(book_path, "services", "add", "Маникюр", "--category", "nails", "--price", "2 000",
                "--duration", "60", "--interval", "21") == {"id": 1}
    book = open_book(book_path)
    anna = add_client(book, NewClient("Анна", "Ёлкина"))
    for day in (1, 8):
        add_visit(book, anna, NewVisit(datetime(2026, 11, day, 11), ("Маникюр",), master="Оля"),
                  today=date(2026, 11, 22))
    book.execute_sql("UPDATE clients SET preferred_master_id = 1 WHERE id = ?", (anna,))
    book.close()
    return book_path


def test_an_empty_book_says_what_to_do_first(book_path):
    assert "No masters yet: `clientbook masters add NAME`" in run(book_path, "masters").output
    assert "No services yet: `clientbook services add NAME --category C`" in run(book_path, "services").output
    assert data(book_path, "masters") == [] and data(book_path, "services", "list") == []


def test_masters_list_as_json_and_as_a_table(studio):
    assert data(studio, "masters") == [
        {"id": 2, "name": "Ольга Смирнова", "hours": "mon-sat 10:00-20:00", "visits": 0, "archived": False},
        {"id": 1, "name": "Оля", "hours": "mon-fri 10:00-20:00", "visits": 2, "archived": False},
    ]
    table = run(studio, "masters", "list").output
    assert "Оля" in table and "mon-fri 10:00-20:00" in table and "working hours" in table


def test_masters_add_prints_the_id_and_refuses_a_twin(studio):
    result = run(studio, "masters", "add", "Ира")
    assert result.exit_code == 0 and result.output.strip() == "3"
    assert "There already is a master Оля." in refused(studio, "masters", "add", "оля")
    assert "“всегда” is not a working week" in refused(studio, "masters", "add", "Вера", "--hours", "всегда")
    assert rows(studio, "SELECT name FROM masters ORDER BY id") == [("Оля",), ("Ольга Смирнова",), ("Ира",)]


def test_masters_rename(studio):
    assert data(studio, "masters", "rename", "оля", "Ольга Петрова") == {
        "id": 1, "name": "Ольга Петрова", "hours": "mon-fri 10:00-20:00", "visits": 2, "archived": False}
    assert run(studio, "masters", "rename", "Ольга Петрова", "Оля П.").output.strip() == (
        "Renamed: Ольга Петрова → Оля П.")
    assert "merge the two" in refused(studio, "masters", "rename", "Оля П.", "ольга смирнова")
    assert "no master “Ира”; `clientbook masters` lists them" in refused(studio, "masters", "rename", "Ира", "И")
    assert rows(studio, "SELECT name FROM masters ORDER BY id") == [("Оля П.",), ("Ольга Смирнова",)]


def test_masters_merge_moves_the_visits(studio):
    assert data(studio, "masters", "merge", "оля", "Ольга Смирнова") == {
        "from": "Оля", "into": "Ольга Смирнова", "visits_moved": 2}
    assert rows(studio, "SELECT DISTINCT master_id FROM visits") == [(2,)]
    assert rows(studio, "SELECT preferred_master_id FROM clients") == [(2,)]
    assert "two different masters" in refused(studio, "masters", "merge", "Ольга Смирнова", "ольга смирнова")
    assert "no master “Оля”" in refused(studio, "masters", "merge", "Оля", "Ольга Смирнова")


def test_masters_merge_says_how_many_moved(studio):
    assert run(studio, "masters", "merge", "Оля", "Ольга Смирнова").output.strip() == (
        "Merged: Оля → Ольга Смирнова, 2 visits moved.")


def test_masters_archive_and_restore(studio):
    assert data(studio, "masters", "archive", "ОЛЯ") == {"id": 1, "name": "Оля", "archived": True}
    assert [m["archived"] for m in data(studio, "masters")] == [False, True]
    assert rows(studio, "SELECT count(*) FROM visits WHERE master_id = 1") == [(2,)]
    assert "“Оля” is already archived." in refused(studio, "masters", "archive", "Оля")
    assert run(studio, "masters", "restore", "Оля").output.strip() == "Back on the list: Оля"
    assert "“Оля” is not archived." in refused(studio, "masters", "restore", "Оля")
    assert rows(studio, "SELECT active FROM masters WHERE id = 1") == [(1,)]


def test_masters_hours(studio):
    assert data(studio, "masters", "hours", "Оля", "сб", "11-18")["hours"] == "sat 11:00-18:00"
    assert run(studio, "masters", "hours", "Оля", "ежедневно 9-21").output.strip() == (
        "Working hours, Оля: mon-sun 09:00-21:00.")
    assert "“9 до 21” is not a working week" in refused(studio, "masters", "hours", "Оля", "9 до 21")
    assert rows(studio, "SELECT working_hours FROM masters WHERE id = 1") == [("mon-sun 09:00-21:00",)]


def test_services_add_and_list(studio):
    assert data(studio, "services", "add", "Окрашивание", "--category", "colour") == {"id": 2}
    assert data(studio, "services") == [
        {"id": 2, "name": "Окрашивание", "category": "colour", "price_cents": None, "duration_min": None,
         "interval_days": None, "visits": 0, "archived": False},
        {"id": 1, "name": "Маникюр", "category": "nails", "price_cents": 200000, "duration_min": 60,
         "interval_days": 21, "visits": 2, "archived": False},
    ]
    table = run(studio, "services").output
    assert "Маникюр" in table and "2,000\xa0RUB" in table


@pytest.mark.parametrize(("args", "sentence"), [
    (("Педикюр",), "Give the service a category"),
    (("Педикюр", "--category", "nails", "--price", "дорого"), "“дорого” is not a price"),
    (("Педикюр", "--category", "nails", "--duration", "час"), "“час” is not a duration"),
    (("Педикюр", "--category", "nails", "--interval", "0"), "“0” is not a usual interval"),
    (("маникюр", "--category", "nails"), "“Маникюр” is already on the price list."),
])
def test_services_add_refused(studio, args, sentence):
    assert sentence in refused(studio, "services", "add", *args)
    assert rows(studio, "SELECT name FROM services") == [("Маникюр",)]


def test_services_edit_changes_only_what_is_given(studio):
    edited = data(studio, "services", "edit", "маникюр", "--price", "2300", "--category", "hands")
    assert edited == {"id": 1, "name": "Маникюр", "category": "hands", "price_cents": 230000, "duration_min": 60,
                      "interval_days": 21, "visits": 2, "archived": False, "changed": ["category", "price_cents"]}
    assert rows(studio, "SELECT DISTINCT track FROM client_tracks") == [("hands",)]
    assert run(studio, "services", "edit", "Маникюр", "--name", "Маникюр классический").output.strip() == (
        "Saved: Маникюр классический")
    assert run(studio, "services", "edit", "Маникюр классический").output.strip() == (
        "Nothing to change: Маникюр классический")
    assert "“-5” is not a duration" in refused(studio, "services", "edit", "Маникюр классический", "--duration", "-5")
    assert "not on the price list; `clientbook services` lists it" in refused(studio, "services", "edit", "Маникюр")
    assert rows(studio, "SELECT name, category, price_cents, duration_min FROM services") == [
        ("Маникюр классический", "hands", 230000, 60)]


def test_services_merge_archive_restore(studio):
    assert data(studio, "services", "add", "маникюр!", "--category", "nails") == {"id": 2}
    assert data(studio, "services", "merge", "Маникюр", "маникюр!") == {
        "from": "Маникюр", "into": "маникюр!", "visits_moved": 2}
    assert rows(studio, "SELECT DISTINCT service_id FROM visit_services") == [(2,)]
    assert "two different services" in refused(studio, "services", "merge", "маникюр!", "МАНИКЮР!")
    assert data(studio, "services", "archive", "Маникюр!") == {"id": 2, "name": "маникюр!", "archived": True}
    assert "is already archived" in refused(studio, "services", "archive", "маникюр!")
    assert data(studio, "services", "restore", "маникюр!") == {"id": 2, "name": "маникюр!", "archived": False}
    assert "not on the price list" in refused(studio, "services", "restore", "Маникюр")
    assert rows(studio, "SELECT active, (SELECT count(*) FROM visit_services) FROM services") == [(1, 2)]

