"""A solo master's first day from an empty book, from the shell alone, JSON read back.

The same day the Pilot and tmux tests do through the screens: two services and a master,
a client, a booking, the visit closed, her figures, the call list when she is due, and a
booking from the call into a free slot (a taken one refused, naming the next free one).
"""
from __future__ import annotations

import json

from click.testing import CliRunner

from clientbook.cli import cli
from clientbook.services.book import open_book
from tests.conftest import rows


def run(path, today: str, *args):
    return CliRunner().invoke(cli, [*map(str, args), "--db", str(path), "--today", today])


def data(path, today: str, *args):
    """A command's JSON answer; the command must succeed."""
    result = run(path, today, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_a_solo_masters_first_day_from_the_shell(book_path):
    day = "2026-11-23"  # a Monday
    manicure = data(book_path, day, "services", "add", "Маникюр с покрытием", "--category", "nails",
                    "--price", "2500", "--duration", "90", "--interval", "21")["id"]
    data(book_path, day, "services", "add", "Педикюр", "--category", "pedicure", "--price", "3 000 ₽",
         "--duration", "60")
    olga = data(book_path, day, "masters", "add", "Ольга Смирнова", "--hours", "пн-пт 10-19, сб 11-17")["id"]
    listed = data(book_path, day, "services", "list")
    assert [(s["name"], s["price_cents"], s["duration_min"]) for s in listed] == [
        ("Маникюр с покрытием", 250000, 90), ("Педикюр", 300000, 60)]

    anna = data(book_path, day, "add", "Иванова", "Анна", "--phone", "8 916 123-45-67", "--birthday", "16.02")["id"]

    # A typed service not on the price list is refused with the command that adds it.
    refused = run(book_path, day, "visit", anna, "--when", "24.11.2026 12:00", "--service", "Брови",
                  "--status", "planned")
    assert refused.exit_code == 1
    assert 'clientbook services add "Брови" --category CATEGORY' in refused.output

    booking = data(book_path, day, "visit", anna, "--when", "24.11.2026 12:00", "--service", "ман",
                   "--master", "оль", "--status", "planned")["id"]
    done = run(book_path, "2026-11-24", "visit-status", booking, "done")
    assert done.exit_code == 0, done.output

    card = data(book_path, "2026-11-24", "show", anna)
    assert [(v["status"], v["master"], v["services"], v["price_cents"], v["duration_min"]) for v in card["visits"]] == [
        ("done", "Ольга Смирнова", ["Маникюр с покрытием"], 250000, 90)]
    assert [(t["track"], t["visits"], t["due_on"], t["source"]) for t in card["rhythm"]] == [
        ("nails", 1, "2026-12-15", "service")]

    # Three weeks on she is due; the call books her with her usual service and master.
    due_day = "2026-12-16"
    calls = data(book_path, due_day, "calls")
    assert [(c["id"], c["reason"], c["track"]) for c in calls["items"]] == [(anna, "due", "nails")]

    other = data(book_path, due_day, "add", "Петрова Мария")["id"]
    data(book_path, due_day, "visit", other, "--when", "17.12.2026 12:00", "--service", "Педикюр",
         "--master", "Ольга", "--status", "planned")
    taken = run(book_path, due_day, "log-call", anna, "--outcome", "booked", "--on", "2026-12-17 12:30")
    assert taken.exit_code == 1
    assert "13:00" in taken.output  # the next free slot after Петрова's hour

    booked = data(book_path, due_day, "log-call", anna, "--outcome", "booked", "--on", "2026-12-17 13:00")
    assert (booked["services"], booked["master"], booked["starts_at"]) == (
        ["Маникюр с покрытием"], "Ольга Смирнова", "2026-12-17 13:00:00")
    assert data(book_path, due_day, "calls")["items"] == []

    book = open_book(book_path)
    try:
        assert rows(book, "SELECT client_id, starts_at, status, master_id, price_cents, duration_min, "
                          "(SELECT group_concat(service_id) FROM visit_services WHERE visit_id = v.id) "
                          "FROM visits v ORDER BY id") == [
            (anna, "2026-11-24 12:00:00", "done", olga, 250000, 90, str(manicure)),
            (other, "2026-12-17 12:00:00", "planned", olga, 300000, 60, "2"),
            (anna, "2026-12-17 13:00:00", "planned", olga, 250000, 90, str(manicure)),
        ]
        assert rows(book, "SELECT client_id, outcome, visit_id FROM contacts") == [(anna, "booked", 3)]
    finally:
        book.close()
