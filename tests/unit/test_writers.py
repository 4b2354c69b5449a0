"""Every row a studio writes records which desk and which person wrote it, and the card's
history shows it (issue 21): whatever wrote it, a form, a command or an import; a copy of
the book keeps who wrote each row. tests/postgres/test_writers_pg.py runs these on a server."""
from __future__ import annotations

import io
import json

import pytest

from clientbook.services.book import open_book
from clientbook.services.book_copy import copy_book
from clientbook.services.card_text import card_lines
from clientbook.services.clients import card
from clientbook.services.exporter import write_json
from db.connection import open_database
from tests.conftest import rows
from tests.unit.cli_book import TODAY, read, run


def at_desk(monkeypatch, desk: str, person: str) -> None:
    monkeypatch.setenv("CLIENTBOOK_DESK", desk)
    monkeypatch.setenv("CLIENTBOOK_USER", person)


@pytest.fixture
def two_desks(book_path, monkeypatch):
    """A client added at the reception by Анна; a visit and a call at the hall by Ирина."""
    at_desk(monkeypatch, "Ресепшен", "Анна")
    assert run(book_path, "services", "add", "Маникюр", "--category", "nails").exit_code == 0
    assert run(book_path, "add", "Иванова Мария", "--phone", "+79161234567").exit_code == 0
    at_desk(monkeypatch, "Зал", "Ирина")
    assert run(book_path, "visit", "1", "--service", "Маникюр", "--when", "20.11.2026 10:00",
               "--price", "2500").exit_code == 0
    assert run(book_path, "log-call", "1", "--outcome", "no answer").exit_code == 0
    return book_path


def test_each_row_records_the_desk_and_the_person_who_wrote_it(two_desks):
    assert read(two_desks, "SELECT written_desk, written_user FROM clients") == [("Ресепшен", "Анна")]
    assert read(two_desks, "SELECT written_desk, written_user FROM services") == [("Ресепшен", "Анна")]
    assert read(two_desks, "SELECT written_desk, written_user FROM visits") == [("Зал", "Ирина")]
    assert read(two_desks, "SELECT written_desk, written_user FROM contacts") == [("Зал", "Ирина")]


def test_a_change_is_signed_by_whoever_made_it(two_desks, monkeypatch):
    at_desk(monkeypatch, "Ноутбук мастера", "Ольга")
    assert run(two_desks, "interval", "1", "30").exit_code == 0
    assert read(two_desks, "SELECT written_desk, written_user FROM clients") == [("Ноутбук мастера", "Ольга")]
    assert read(two_desks, "SELECT written_desk, written_user FROM visits") == [("Зал", "Ирина")]  # untouched


def test_the_cards_history_shows_who_wrote_each_visit_and_call(two_desks):
    book = open_book(two_desks)
    try:
        found = card(book, 1, TODAY)
    finally:
        book.close()
    assert [visit.written_by for visit in found.visits] == ["Зал · Ирина"]
    assert [call.written_by for call in found.contacts] == ["Зал · Ирина"]
    text = "\n".join(line.text for line in card_lines(found, "RU", full=True))
    assert "2026-11-20 10:00  done  Маникюр  2,500\xa0RUB  Зал · Ирина" in text
    assert "call  no answer  Зал · Ирина" in text


def test_a_book_opened_without_a_writer_keeps_rows_as_they_are(two_desks):
    """copy-book, a restore, another program: nothing is signed by them."""
    database = open_database(two_desks)
    try:
        database.execute_sql("INSERT INTO tags (name) VALUES ('VIP')")
        database.execute_sql("UPDATE visits SET notes = 'перенесла'")
        assert rows(database, "SELECT written_desk, written_user FROM tags") == [(None, None)]
        assert rows(database, "SELECT written_desk, written_user FROM visits") == [("Зал", "Ирина")]
    finally:
        database.close()


def test_a_row_that_names_its_writer_keeps_it(two_desks):
    book = open_book(two_desks)
    try:
        book.execute_sql("INSERT INTO tags (name, written_desk, written_user) VALUES ('VIP', 'Филиал', 'Вера')")
        assert rows(book, "SELECT written_desk, written_user FROM tags") == [("Филиал", "Вера")]
    finally:
        book.close()


def test_a_copy_and_an_export_keep_who_wrote_each_row(two_desks, new_book_path):
    dest = new_book_path("copy.db")
    copy_book(two_desks, dest, TODAY)
    assert read(dest, "SELECT written_desk, written_user FROM visits") == [("Зал", "Ирина")]
    assert read(dest, "SELECT written_desk, written_user FROM clients") == [("Ресепшен", "Анна")]

    book = open_book(two_desks)
    try:
        out = io.StringIO()
        write_json(book, out)
    finally:
        book.close()
    exported = json.loads(out.getvalue())["tables"]
    assert [(row["written_desk"], row["written_user"]) for row in exported["contacts"]] == [("Зал", "Ирина")]
