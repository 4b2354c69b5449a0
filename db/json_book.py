"""Storage for loading a clientbook JSON export into an empty book: each table's columns,
whether the book holds a studio's rows yet, and the file's rows written as they are, ids
and all, inside the caller's transaction."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from peewee import DatabaseError

# Tables a new book already has rows in, by their key: the file's rows take their place
# (a new book's reasons are the built-in ones; its settings the region, currency, identity).
SEEDED = {"settings": "key", "reasons": "id"}


class RowRefused(Exception):
    """A row SQLite refuses: `number` counts from 0 within the rows given; str() is SQLite's."""

    def __init__(self, number: int, message: str):
        super().__init__(message)
        self.number = number


def columns(database, table: str) -> list[str]:
    return [row[1] for row in database.execute_sql(f'PRAGMA table_info("{table}")')]


def tables_with_rows(database, tables: Iterable[str]) -> list[str]:
    return [table for table in tables
            if database.execute_sql(f'SELECT EXISTS (SELECT 1 FROM "{table}")').fetchone()[0]]


def defer_foreign_keys(database) -> None:
    """References are checked at commit (or by foreign_key_problems), not row by row: a
    client referred by one with a higher number, a course bought by a later client."""
    database.execute_sql("PRAGMA defer_foreign_keys = ON")


def insert_rows(database, table: str, names: Sequence[str], rows: list[tuple]) -> None:
    """Rows of `table` with the values of `names` in order; a seeded table's row whose key
    the book has already takes the file's values (the columns the row does not name keep
    the book's). Raises RowRefused, the rows given written or not at all."""
    quoted = ", ".join(f'"{name}"' for name in names)
    sql = f'INSERT INTO "{table}" ({quoted}) VALUES ({", ".join("?" * len(names))})'
    key = SEEDED.get(table)
    if key is not None:
        others = [name for name in names if name != key]
        sql += f' ON CONFLICT ("{key}") DO ' + (
            "UPDATE SET " + ", ".join(f'"{name}" = excluded."{name}"' for name in others)
            if others else "NOTHING")
    try:
        with database.atomic():  # a savepoint: a refused batch leaves nothing behind
            database.cursor().executemany(sql, rows)
        return
    except (sqlite3.Error, DatabaseError):
        pass
    with database.atomic():  # which row: one by one, only when the batch was refused
        for number, row in enumerate(rows):
            try:
                database.execute_sql(sql, row)
            except (sqlite3.Error, DatabaseError) as error:
                raise RowRefused(number, str(error)) from None


def add_balances(database, balances: list[tuple[int, int]]) -> None:
    """(client, points): each an adjusting bonus movement dated the client's last change,
    as schema level 11 turned the balance a client row kept into one."""
    database.cursor().executemany(
        "INSERT INTO bonus_movements (client_id, on_day, kind, points) "
        "SELECT id, substr(updated_at, 1, 10), 'adjusted', ? FROM clients WHERE id = ?",
        [(points, client_id) for client_id, points in balances if points])


def foreign_key_problems(database) -> list[tuple[str, str]]:
    """(table, the table it refers to) for each row that refers to a row not there."""
    return [(row[0], row[2]) for row in database.execute_sql("PRAGMA foreign_key_check")]
