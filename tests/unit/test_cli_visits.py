"""`clientbook visit` and `visit-status` as a person or a script drives them."""
from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from click.testing import CliRunner

from clientbook.cli import cli
from clientbook.services.book import open_book
from clientbook.services.catalog import add_master, add_service
from clientbook.services.clients import NewClient, add_client
from clientbook.services.visits import NewVisit, add_visit
from tests.conftest import rows

TODAY = date(2026, 11, 22)
VISITS = ("SELECT v.starts_at, v.status, m.name, v.price_cents, v.formula, v.materials, v.notes, "
          "(SELECT group_concat(s.name, ', ') FROM visit_services vs JOIN services s ON s.id = vs.service_id "
          " WHERE vs.visit_id = v.id) FROM visits v LEFT JOIN masters m ON m.id = v.master_id WHERE v.id = ?")


@pytest.fixture
def studio(book_path):
    """Анна's usual master is Дарья; the studio has Ольга too, and two services."""
    book = open_book(book_path)
    for master in ("Ольга", "Дарья"):
        add_master(book, master)
    add_service(book, "Маникюр", "nails")
    add_service(book, "Покрытие гель-лак", "nails")
    anna = add_client(book, NewClient("Анна", "Ёлкина", external_id="A-1"))
    add_visit(book, anna, NewVisit(datetime(2026, 10, 20, 11), ("Маникюр",), master="Дарья"), today=TODAY)
    book.close()
    return book_path


def run(path, *args):
    return CliRunner().invoke(cli, [*map(str, args), "--db", str(path), "--today", TODAY.isoformat()])


def read(path, sql, *params):
    book = open_book(path)
    try:
        return rows(book, sql, *params)
    finally:
        book.close()


def test_a_booking_with_every_field_prints_its_id_as_json(studio):
    result = run(studio, "visit", "ext:A-1", "--when", "24.11.2026 14:30", "--service", "маник",
                 "--service", "покр", "--master", "ольга", "--price", "3 000", "--status", "planned",
                 "--formula", "Kodi 70", "--materials", "Luxio", "--notes", "с дочкой", "--format", "json")
    assert result.exit_code == 0, result.output
    visit_id = json.loads(result.output)["id"]
    assert read(studio, VISITS, visit_id) == [("2026-11-24 14:30:00", "planned", "Ольга", 300000, "Kodi 70",
                                               "Luxio", "с дочкой", "Маникюр, Покрытие гель-лак")]
    assert read(studio, "SELECT booked_until FROM client_figures WHERE client_id = 1") == [("2026-11-24",)]


def test_a_whole_visit_from_the_command_line(studio):
    result = run(studio, "visit", 1, "--when", "2026-11-21 11:00", "--service", "Маникюр", "--liked", "форма",
                 "--disliked", "долго сохло", "--aftercare", "масло", "--products-sold", "масло Kodi",
                 "--next", "коррекция через 3 недели", "--satisfaction", "5", "--feedback", "спасибо",
                 "--format", "json")
    assert result.exit_code == 0, result.output
    visit_id = json.loads(result.output)["id"]
    assert read(studio, "SELECT liked, disliked, aftercare, products_sold, next_suggestion, satisfaction, feedback "
                        "FROM visits WHERE id = ?", visit_id) == [
        ("форма", "долго сохло", "масло", "масло Kodi", "коррекция через 3 недели", 5, "спасибо")]
    shown = json.loads(run(studio, "show", 1, "--format", "json").output)
    assert shown["visits"][0]["satisfaction"] == 5 and shown["visits"][0]["products_sold"] == "масло Kodi"


def test_a_visit_done_now_with_the_clients_usual_master(studio):
    result = run(studio, "visit", 1, "--service", "Маникюр")
    assert result.exit_code == 0, result.output
    visit_id = int(result.output)
    (starts_at, status, master, *_rest), = read(studio, VISITS, visit_id)
    assert (starts_at[:10], status, master) == ("2026-11-22", "done", "Дарья")
    result = run(studio, "visit", 1, "--service", "Маникюр", "--when", "2026-11-01", "--master", "")
    assert result.exit_code == 0, result.output  # a day alone for a visit done; no master, said so
    assert read(studio, VISITS, int(result.output))[0][:3] == ("2026-11-01 00:00:00", "done", None)


@pytest.mark.parametrize("args, said", [
    (("--service", "Педикюр"), "Error: “Педикюр” is not on the price list. "
                               "Add it with: clientbook services add \"Педикюр\" --category CATEGORY"),
    (("--service", "Маникюр", "--master", "Оля"), "Error: “Оля” is not among the studio's masters. "
                                                  "Add it with: clientbook masters add \"Оля\""),
    (("--service", "Маникюр", "--status", "planned", "--when", "2026-11-24"),
     "Error: Give the time too, for example 2026-11-24 14:30."),
    (("--service", "Маникюр", "--status", "planned"), "Error: Give the day and time, for example 22.11 14:30."),
    (("--service", "Маникюр", "--when", "23.11.2026 10:00"),
     "Error: A visit that took place cannot be in the future; choose booked."),
    (("--service", "Маникюр", "--satisfaction", "отлично"),
     "Error: Satisfaction is a mark from 1 to 5 (empty: not asked), not “отлично”."),
])
def test_a_refused_visit_is_one_sentence_and_nothing_is_written(studio, args, said):
    result = run(studio, "visit", 1, *args)
    assert result.exit_code != 0
    assert result.output.strip() == said
    assert read(studio, "SELECT count(*) FROM visits") == [(1,)]
    assert read(studio, "SELECT count(*) FROM masters UNION ALL SELECT count(*) FROM services") == [(2,), (2,)]


def test_the_added_service_is_then_accepted(studio):
    refused = run(studio, "visit", 1, "--service", "Педикюр")
    assert refused.exit_code != 0
    added = run(studio, "services", "add", "Педикюр", "--category", "feet")
    assert added.exit_code == 0, added.output
    result = run(studio, "visit", 1, "--service", "педикюр", "--format", "json")
    assert result.exit_code == 0, result.output
    assert read(studio, VISITS, json.loads(result.output)["id"])[0][7] == "Педикюр"


def test_visit_status_closes_a_booking(studio):
    book = open_book(studio)  # a booking on Sunday, the default week's day off: as the book had it
    booking = add_visit(book, 1, NewVisit(datetime(2026, 11, 22, 18), ("Маникюр",), master="Дарья",
                                          status="planned"), today=TODAY)
    book.close()
    result = run(studio, "visit-status", booking, "no_show")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Visit {booking}: no-show."
    assert read(studio, "SELECT status FROM visits WHERE id = ?", booking) == [("no_show",)]


def test_an_archived_service_or_master_is_refused_with_the_command_that_restores_it(studio):
    assert run(studio, "masters", "archive", "Ольга").exit_code == 0
    assert run(studio, "services", "archive", "Покрытие гель-лак").exit_code == 0
    result = run(studio, "visit", 1, "--service", "Маникюр", "--master", "ольга")
    assert result.exit_code != 0
    assert result.output.strip() == 'Error: “Ольга” is archived. Restore it with: clientbook masters restore "Ольга"'
    result = run(studio, "visit", 1, "--service", "Покрытие гель-лак")
    assert result.output.strip() == ('Error: “Покрытие гель-лак” is archived. '
                                     'Restore it with: clientbook services restore "Покрытие гель-лак"')
    assert read(studio, "SELECT count(*) FROM visits") == [(1,)]
    assert run(studio, "masters", "restore", "Ольга").exit_code == 0
    result = run(studio, "visit", 1, "--service", "Маникюр", "--master", "ольга", "--format", "json")
    assert result.exit_code == 0, result.output
    assert read(studio, VISITS, json.loads(result.output)["id"])[0][2] == "Ольга"


def test_a_booking_over_another_is_refused_and_nothing_is_written(studio):
    first = run(studio, "visit", 1, "--service", "Маникюр", "--when", "24.11.2026 14:00", "--master", "Ольга",
                "--status", "planned")
    assert first.exit_code == 0, first.output
    result = run(studio, "visit", 1, "--service", "Маникюр", "--when", "24.11.2026 14:30", "--master", "Ольга",
                 "--status", "tentative")
    assert result.exit_code != 0
    assert result.output.startswith("Error: Ольга: the time ") and "is taken. The next free slot is " in result.output
    assert read(studio, "SELECT count(*) FROM visits") == [(2,)]
    other = run(studio, "visit", 1, "--service", "Маникюр", "--when", "24.11.2026 14:30", "--master", "Дарья",
                "--status", "planned")
    assert other.exit_code == 0, other.output  # another master is free then
