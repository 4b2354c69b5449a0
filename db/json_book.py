"""Storage for loading a clientbook JSON export into an empty book: each table's columns,
whether the book holds a studio's rows yet, and the file's rows written as they are, ids
and all, inside the caller's transaction."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from peewee import DatabaseError

from db.postgres import dialect, follow_ids

# Tables a new book already has rows in, by their key: the file's rows take their place
# (a new book's reasons are the built-in ones; its settings the region, currency, identity).
SEEDED = {"settings": "key", "reasons": "id"}


class RowRefused(Exception):
    """A row SQLite refuses: `number` counts from 0 within the rows given; str() is SQLite's."""

    def __init__(self, number: int, message: str):
        super().__init__(message)
        self.number = number


def columns(database, table: str) -> list[str]:
    if dialect(database) == "postgresql":
        return list(database.table_keys(table)[0])
    return [row[1] for row in database.execute_sql(f'PRAGMA table_info("{table}")')]


def tables_with_rows(database, tables: Iterable[str]) -> list[str]:
    return [table for table in tables
            if database.execute_sql(f'SELECT EXISTS (SELECT 1 FROM "{table}")').fetchone()[0]]


def defer_foreign_keys(database) -> None:
    """References are checked at commit (or by foreign_key_problems), not row by row: a
    client referred by one with a higher number, a course bought by a later client. (On a
    server the keys are DEFERRABLE: this transaction checks them at its commit.)"""
    if dialect(database) == "postgresql":
        database.execute_sql("SET CONSTRAINTS ALL DEFERRED")
        return
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
        if "id" in names:
            follow_ids(database, [table])  # the next row the book makes gets an id past these
        return
    except (sqlite3.Error, DatabaseError):
        pass
    with database.atomic():  # which row: one by one, only when the batch was refused
        for number, row in enumerate(rows):
            try:
                database.execute_sql(sql, row)
            except (sqlite3.Error, DatabaseError) as error:
                raise RowRefused(number, _said(error)) from None


def _said(error: Exception) -> str:
    """The refusal in SQLite's one line («CHECK constraint failed: …»), a server's too."""
    found, seen = None, error
    while seen is not None and found is None:  # the driver's error, under the wrappers' (peewee's)
        found = next((cause for cause in (seen, *seen.args) if hasattr(cause, "diag")), None)
        seen = seen.__cause__ or seen.__context__
    if found is None:
        return str(error)
    diag = found.diag
    kind = {"23514": "CHECK", "23502": "NOT NULL", "23505": "UNIQUE", "23503": "FOREIGN KEY"}.get(found.sqlstate or "")
    if kind is None:
        return (diag.message_primary or str(found)).strip()
    where = diag.constraint_name or ".".join(part for part in (diag.table_name, diag.column_name) if part)
    return f"{kind} constraint failed: {where}"


def add_balances(database, balances: list[tuple[int, int]]) -> None:
    """(client, points): each an adjusting bonus movement dated the client's last change,
    as schema level 11 turned the balance a client row kept into one."""
    database.cursor().executemany(
        "INSERT INTO bonus_movements (client_id, on_day, kind, points) "
        "SELECT id, substr(updated_at, 1, 10), 'adjusted', ? FROM clients WHERE id = ?",
        [(points, client_id) for client_id, points in balances if points])


def foreign_key_problems(database) -> list[tuple[str, str]]:
    """(table, the table it refers to) for each row that refers to a row not there."""
    if dialect(database) == "postgresql":
        return _server_key_problems(database)
    return [(row[0], row[2]) for row in database.execute_sql("PRAGMA foreign_key_check")]


def _server_key_problems(database) -> list[tuple[str, str]]:
    """As SQLite's foreign_key_check, from the server's catalog: each single-column key of
    the book's tables, the rows whose value names no row of the table it refers to."""
    keys = database.execute_sql(
        "SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, r.attname "
        "FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
        "JOIN pg_attribute r ON r.attrelid = c.confrelid AND r.attnum = c.confkey[1] "
        "WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace "
        "ORDER BY 1, 2").fetchall()
    problems = []
    for table, column, parent, key in keys:
        dangling = database.execute_sql(
            f'SELECT count(*) FROM "{table}" t WHERE t."{column}" IS NOT NULL AND NOT EXISTS '
            f'(SELECT 1 FROM "{parent}" p WHERE p."{key}" = t."{column}")').fetchone()[0]
        problems += [(table, parent)] * dangling
    if not problems:  # the rest of the transaction (the rebuild's indexes) as usual: checked at each statement
        database.execute_sql("SET CONSTRAINTS ALL IMMEDIATE")
    return problems
