"""Storage for moving a whole book between backends (`clientbook copy-book`, issue 21): a
book file and a book on a PostgreSQL server, either way, ids and all.

The source is read in one read transaction (`reading`): a snapshot, while other desks go
on writing. The destination is written in the caller's one transaction. Each table's rows
are read in the order of its primary key and summed up (`digest`) as values both backends
hand back alike: a row is the canonical JSON of its values, integral numbers as integers,
bytes as hex; text keys are ordered byte by byte on both sides (SQLite's BINARY, the
server's "C").
"""
from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from db.postgres import dialect

BATCH = 1000


@dataclass(frozen=True)
class Layout:
    """A table's columns in order, its primary key's columns in order, which of those hold
    text, and its columns that refer to the table itself."""

    columns: tuple[str, ...]
    key: tuple[str, ...]
    text_keys: frozenset[str]
    self_references: tuple[str, ...]


def layout(database, table: str) -> Layout:
    if dialect(database) == "postgresql":
        return _server_layout(database, table)
    info = database.execute_sql(f'PRAGMA table_info("{table}")').fetchall()
    columns = tuple(row[1] for row in info)
    key = tuple(row[1] for row in sorted((row for row in info if row[5]), key=lambda row: row[5]))
    text_keys = frozenset(row[1] for row in info if row[5] and "INT" not in (row[2] or "").upper())
    selves = tuple(row[3] for row in database.execute_sql(f'PRAGMA foreign_key_list("{table}")')
                   if row[2] == table)
    return Layout(columns, key, text_keys, selves)


def _server_layout(database, table: str) -> Layout:
    rows = database.execute_sql(
        "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
        "WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
        (table,)).fetchall()
    types = dict(rows)
    key = tuple(name for (name,) in database.execute_sql(
        "SELECT a.attname FROM pg_index i, unnest(i.indkey) WITH ORDINALITY AS k(attnum, place), pg_attribute a "
        "WHERE i.indrelid = to_regclass(?) AND i.indisprimary AND a.attrelid = i.indrelid "
        "AND a.attnum = k.attnum ORDER BY k.place", (table,)))
    text_keys = frozenset(name for name in key if types[name] in ("text", "character varying"))
    selves = tuple(name for (name,) in database.execute_sql(
        "SELECT a.attname FROM pg_constraint c, unnest(c.conkey) AS k(attnum), pg_attribute a "
        "WHERE c.contype = 'f' AND c.conrelid = to_regclass(?) AND c.confrelid = c.conrelid "
        "AND a.attrelid = c.conrelid AND a.attnum = k.attnum", (table,)))
    return Layout(tuple(name for name, _type in rows), key, text_keys, selves)


def _select(database, table: str, shape: Layout) -> str:
    columns = ", ".join(f'"{name}"' for name in shape.columns)
    server = dialect(database) == "postgresql"
    order = ", ".join(f'"{name}"' + (' COLLATE "C"' if server and name in shape.text_keys else "")
                      for name in shape.key or shape.columns)
    return f'SELECT {columns} FROM "{table}" ORDER BY {order}'


def rows(database, table: str, shape: Layout) -> Iterator[tuple]:
    """Every row of `table` (the columns of `shape`), in the order of its primary key; a
    server's read through a cursor of its own, a batch at a time (a chain's 1.6 million
    visits never sit in memory at once) inside a transaction (`reading`, or the copy's)."""
    sql = _select(database, table, shape)
    if dialect(database) == "postgresql" and database.connection().info.transaction_status != 0:  # not IDLE
        cursor = database.connection().cursor(name=f"clientbook_copy_{table}")
        try:
            cursor.execute(sql)  # nothing to translate: no placeholders, the server's ORDER BY
            while batch := cursor.fetchmany(BATCH):
                yield from batch
        finally:
            cursor.close()
        return
    cursor = database.execute_sql(sql)
    while batch := cursor.fetchmany(BATCH):
        yield from batch


@contextmanager
def reading(database) -> Iterator[None]:
    """One read transaction on the source: every table read from the same moment."""
    if dialect(database) == "postgresql":
        database.execute_sql("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    else:
        database.execute_sql("BEGIN DEFERRED")
    try:
        yield
    finally:
        database.execute_sql("ROLLBACK")  # nothing was written: the snapshot is let go


def tables_with_rows(database, tables: Iterable[str]) -> list[str]:
    return [table for table in tables
            if database.execute_sql(f'SELECT EXISTS (SELECT 1 FROM "{table}")').fetchone()[0]]


def clear(database, tables: Sequence[str]) -> None:
    """Empty `tables` (each after the tables that refer to it: `tables` in reverse), inside
    the caller's transaction: a new book's own settings and built-in reasons make room."""
    for table in reversed(tables):
        database.execute_sql(f'DELETE FROM "{table}"')


def copy_table(source, dest, table: str, shape: Layout) -> tuple[int, str]:
    """Write every row of `table` from `source` into `dest` as it is, ids and all (inside the
    caller's transaction on `dest`); (rows, digest) of what was read.

    A column that refers to its own table (a client referred by another) is written empty
    first and set once every row is in: the server checks each reference at once, and a
    client may be referred by one with a lower number."""
    names = shape.columns
    selves = [names.index(name) for name in shape.self_references]
    quoted = ", ".join(f'"{name}"' for name in names)
    insert = f'INSERT INTO "{table}" ({quoted}) VALUES ({", ".join("?" * len(names))})'
    later: list[tuple] = []
    keys = [names.index(name) for name in shape.key]
    hasher, count, batch = hashlib.sha256(), 0, []
    for row in rows(source, table, shape):
        hasher.update(_canonical(row))
        count += 1
        if selves and any(row[index] is not None for index in selves):
            later.append(tuple(row[index] for index in selves) + tuple(row[index] for index in keys))
            row = tuple(None if index in selves else value for index, value in enumerate(row))
        batch.append(row)
        if len(batch) >= BATCH:
            dest.cursor().executemany(insert, batch)
            batch = []
    if batch:
        dest.cursor().executemany(insert, batch)
    if later:
        assignments = ", ".join(f'"{name}" = ?' for name in shape.self_references)
        condition = " AND ".join(f'"{name}" = ?' for name in shape.key)
        dest.cursor().executemany(f'UPDATE "{table}" SET {assignments} WHERE {condition}', later)
    return count, hasher.hexdigest()


def digest(database, table: str, shape: Layout) -> tuple[int, str]:
    """(rows, checksum) of `table`: its rows in key order, each as canonical JSON."""
    hasher, count = hashlib.sha256(), 0
    for row in rows(database, table, shape):
        hasher.update(_canonical(row))
        count += 1
    return count, hasher.hexdigest()


def _canonical(row: Sequence) -> bytes:
    return json.dumps([_value(value) for value in row], ensure_ascii=False,
                      separators=(",", ":")).encode() + b"\n"


def _value(value):
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float | Decimal):
        number = float(value)
        if math.isfinite(number) and number.is_integer():
            return int(number)
        return repr(number)
    if isinstance(value, bytes | bytearray | memoryview):
        return {"bytes": bytes(value).hex()}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def gather_statistics(database) -> None:
    """A server's planner reads the tables' statistics: a book just filled has none until
    autovacuum comes by (a minute or so), and meanwhile chose plans for empty tables (a
    search of a 100,000-client book took 109 ms for 4). A file book plans without them."""
    if dialect(database) == "postgresql":
        database.execute_sql("ANALYZE")


def open_without_upgrade(location):
    """The book at `location` opened as it is (a new file made, nothing upgraded); its level."""
    from db.connection import open_database
    from db.migrations import level

    database = open_database(location, migrate=False)
    return database, level(database)


def make_schema(database, rebuild) -> None:
    """A server's empty database made a book at the current level, inside the caller's
    transaction (a copy that fails leaves the database as empty as it was)."""
    from db.migrations import upgrade_server

    if dialect(database) == "postgresql":
        upgrade_server(database, rebuild)
