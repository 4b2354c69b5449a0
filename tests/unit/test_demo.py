"""The demo studio: believable, complete, and the same for the same seed and date."""
from __future__ import annotations

from datetime import date

import phonenumbers
import pytest
from click.testing import CliRunner

from clientbook.cli import cli
from clientbook.errors import UserError
from clientbook.services.book import open_book
from clientbook.services.calls import call_list
from clientbook.services.demo import generate_demo
from clientbook.services.search import search
from tests.conftest import dump

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo_book(tmp_path_factory):
    book = open_book(tmp_path_factory.mktemp("demo") / "demo.db")
    summary = generate_demo(book, clients=400, seed=7, today=TODAY)
    yield book, summary
    book.close()


def value(book, sql, *params):
    return book.execute_sql(sql, params).fetchone()[0]


def test_same_seed_and_date_make_the_same_book(tmp_path):
    books = [open_book(tmp_path / f"{name}.db") for name in ("a", "b", "c")]
    generate_demo(books[0], clients=60, seed=3, today=TODAY)
    generate_demo(books[1], clients=60, seed=3, today=TODAY)
    generate_demo(books[2], clients=60, seed=4, today=TODAY)
    assert dump(books[0]) == dump(books[1])
    assert dump(books[0])["clients"] != dump(books[2])["clients"]


def test_summary_counts_the_rows(demo_book):
    book, summary = demo_book
    assert summary.clients == value(book, "SELECT count(*) FROM clients") == 400
    assert summary.visits == value(book, "SELECT count(*) FROM visits")
    assert summary.contacts == value(book, "SELECT count(*) FROM contacts")
    assert summary.masters == value(book, "SELECT count(*) FROM masters") == 5


def test_every_phone_is_a_valid_russian_mobile(demo_book):
    book, _ = demo_book
    phones = [r[0] for r in book.execute_sql("SELECT phone FROM clients")]
    assert len(set(phones)) == len(phones)
    for phone in phones:
        number = phonenumbers.parse(phone)
        assert phonenumbers.is_valid_number(number) and phonenumbers.region_code_for_number(number) == "RU"


def test_history_is_in_the_past_and_bookings_ahead(demo_book):
    book, _ = demo_book
    assert value(book, "SELECT max(starts_at) FROM visits WHERE status = 'done'") < TODAY.isoformat()
    assert value(book, "SELECT min(starts_at) FROM visits") >= "2024-11-22"
    assert value(book, "SELECT count(*) FROM visits WHERE status = 'planned' AND starts_at > ?", TODAY.isoformat()) > 5
    assert value(book, "SELECT count(*) FROM visits WHERE status = 'tentative' AND starts_at BETWEEN ? AND ?",
                 "2026-11-23", "2026-11-25") >= 2
    assert value(book, "SELECT count(*) FROM visits WHERE status = 'no_show'") > 0
    assert value(book, "SELECT count(*) FROM visits WHERE status = 'cancelled'") > 0
    assert value(book, "SELECT count(*) FROM visits v WHERE NOT EXISTS "
                       "(SELECT 1 FROM visit_services vs WHERE vs.visit_id = v.id)") == 0


def test_personal_rhythms_two_tracks_and_lapsed_regulars(demo_book):
    book, _ = demo_book
    assert value(book, "SELECT count(*) FROM client_figures WHERE tracks = 2") > 20
    intervals = {r[0] for r in book.execute_sql(
        "SELECT round(interval_days) FROM client_tracks WHERE track = 'nails' AND interval_source = 'learned'")}
    assert len(intervals) > 5  # each client their own rhythm
    assert value(book, "SELECT count(*) FROM client_figures WHERE regular = 1 AND lost_on <= ?",
                 TODAY.isoformat()) > 10


def test_the_card_and_the_calls_have_content(demo_book):
    book, _ = demo_book
    for table in ("preferences", "talking_points", "complaints", "client_tags"):
        assert value(book, f"SELECT count(*) FROM {table}") > 0, table
    assert value(book, "SELECT count(*) FROM clients WHERE alerts <> ''") > 10
    assert value(book, "SELECT count(*) FROM clients WHERE birth_day IS NOT NULL AND birth_year IS NULL") > 10
    assert value(book, "SELECT count(*) FROM visits WHERE formula <> ''") > 10
    assert value(book, "SELECT count(*) FROM contacts WHERE outcome = 'declined' AND reason_id IS NOT NULL") > 0
    reasons = {item.reason for item in call_list(book, TODAY, limit=0).items}
    assert {"callback", "confirm", "due", "at_risk", "lost"} <= reasons


def test_the_book_is_sound(demo_book):
    book, _ = demo_book
    assert value(book, "PRAGMA integrity_check") == "ok"
    assert book.execute_sql("PRAGMA foreign_key_check").fetchall() == []


def test_demo_fills_only_an_empty_book(demo_book):
    book, _ = demo_book
    with pytest.raises(UserError, match="already has 400 clients"):
        generate_demo(book, clients=10, today=TODAY)


def test_demo_from_the_command_line(tmp_path):
    path = tmp_path / "studio.db"
    result = CliRunner().invoke(cli, ["demo", "--db", str(path), "--clients", "50", "--seed", "3",
                                      "--today", "2026-11-22"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Demo studio: 50 clients, 5 masters, 11 services,")
    book = open_book(path)
    someone = value(book, "SELECT last_name FROM clients WHERE id = 1")
    assert someone in [h.name.split()[0] for h in search(book, someone.lower())]
    again = CliRunner().invoke(cli, ["demo", "--db", str(path), "--today", "2026-11-22"])
    assert again.exit_code == 1 and "already has 50 clients" in again.output
