"""Many rows of a plain INSERT reach the server by COPY (db/postgres.py): the same rows,
constraints and triggers as one INSERT each, the rebuild's 1.5 million derived rows twice as
fast. Fewer rows, or an INSERT that computes or upserts, go as statements."""
from __future__ import annotations

import pytest
from peewee import IntegrityError

from db.postgres import COPY_FROM


def test_many_rows_are_copied_with_their_values_and_signed(book):
    book.cursor().executemany(
        "INSERT INTO clients (first_name, last_name, phone, created_at, updated_at, do_not_contact) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(f"Клиент{n}", "Копий", None if n % 2 else f"+7916{n:07d}", "2026-11-22 10:00:00", "2026-11-22 10:00:00",
          True) for n in range(COPY_FROM + 5)])
    assert book.execute_sql("SELECT count(*), count(phone), sum(do_not_contact) FROM clients").fetchone() == (
        COPY_FROM + 5, (COPY_FROM + 5) // 2 + 1, COPY_FROM + 5)
    # The book's own triggers ran for each row: signed by tests/conftest.py's desk (db/writers.py).
    assert book.execute_sql("SELECT DISTINCT written_desk FROM clients").fetchall() == [("Ресепшен",)]
    # A whole float (a server's sum, handed back as numeric) goes into an integer column.
    book.cursor().executemany("INSERT INTO bonus_movements (client_id, on_day, kind, points) VALUES (?, ?, ?, ?)",
                              [(n + 1, "2026-11-22", "adjusted", float(n + 1)) for n in range(COPY_FROM)])
    assert book.execute_sql("SELECT sum(points) FROM bonus_movements").fetchone()[0] == sum(range(1, COPY_FROM + 1))


def test_a_row_refused_in_a_copy_refuses_them_all(book):
    with pytest.raises(IntegrityError), book.atomic():
        book.cursor().executemany(
            "INSERT INTO tags (name) VALUES (?)", [(f"tag{n}" if n != 60 else " ",) for n in range(COPY_FROM)])
    assert book.execute_sql("SELECT count(*) FROM tags").fetchone() == (0,)
