"""A clientbook JSON export loaded into a new, empty book: a studio's whole book on a new
laptop, every id kept, then the search index, the figures and the return model rebuilt.

Only an empty book takes it (no clients, visits, price list…): the ids in the file are
the book's own, and merging two books' ids would tie one studio's visits to the other's
clients; CSV is the way to add clients to a book that has some. A file that is not an
export, or one of a newer format or schema level, is refused in one sentence, and so is a
row naming a column this book does not know, except the bonus balance a client row kept
up to schema level 10: it becomes one adjusting movement, as the upgrade to level 11 does.
Columns an older level did not have take their defaults. The new book keeps its own
identity (the settings `book_id`): it is not the book the file was exported from.

One transaction, all or nothing; a dry run does the same and rolls back. The file is read
a row at a time (a chain's export holds a million and a half visits), never whole.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from clientbook.errors import UserError
from clientbook.i18n import _
from clientbook.services.derived import rebuild
from clientbook.services.exporter import JSON_FORMAT_VERSION, JSON_TABLES
from clientbook.services.import_files import check_regular_file
from db import json_book as store
from db.migrations import LATEST
from db.presence import Presence
from db.writers import unsigned

BATCH = 1000  # rows written in one go (store.insert_rows)
PROGRESS_EVERY = 500
BYTES_PER_ROW = 250  # for the progress bar's first guess at the row count
LAST_LEVEL_WITH_BALANCE = 10  # level 11 turned clients.bonus_balance into bonus movements
IDENTITY = "book_id"  # the settings key that names the book itself


def is_json(path: str | Path) -> bool:
    """A .json file, or one whose text starts with "{" (a CSV or vCard never does)."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        return True
    if not path.is_file():
        return False  # never opened here: a named pipe would wait for a writer for ever
    try:
        with open(path, "rb") as handle:
            return handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")
    except OSError:
        return False


@dataclass
class JsonSummary:
    file: str
    dry_run: bool
    level: int  # the schema level of the book the file was exported from
    rows: dict[str, int] = field(default_factory=dict)  # by table

    def count(self, table: str) -> int:
        return self.rows.get(table, 0)


def not_an_export(name: str) -> UserError:
    return UserError(_("{file} is not a clientbook JSON export (one written by clientbook export "
                       "--format json); nothing was imported.").format(file=name))


class _Reader:
    """The file's JSON values one at a time, read in chunks: a row, never the whole file."""

    CHUNK = 1 << 20
    _SPACE = re.compile(r"[ \t\r\n]*")

    def __init__(self, handle, name: str):
        self.handle, self.name = handle, name
        self.buffer, self.pos, self.eof = "", 0, False
        self.decoder = json.JSONDecoder()

    def _more(self) -> bool:
        if self.eof:
            return False
        try:
            chunk = self.handle.read(self.CHUNK)
        except UnicodeDecodeError:
            raise not_an_export(self.name) from None
        if not chunk:
            self.eof = True
            return False
        self.buffer, self.pos = self.buffer[self.pos:] + chunk, 0
        return True

    def peek(self) -> str:
        """The next character that is not a space ("" at the end of the file)."""
        while True:
            self.pos = self._SPACE.match(self.buffer, self.pos).end()
            if self.pos < len(self.buffer):
                return self.buffer[self.pos]
            if not self._more():
                return ""

    def take(self, char: str) -> None:
        if self.peek() != char:
            raise not_an_export(self.name)
        self.pos += 1

    def next_is(self, char: str) -> bool:
        """Takes `char` when it comes next."""
        if self.peek() == char:
            self.pos += 1
            return True
        return False

    def value(self):
        self.peek()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buffer, self.pos)
            except json.JSONDecodeError:
                if self._more():
                    continue  # the value goes on in the next chunk
                raise not_an_export(self.name) from None
            if end == len(self.buffer) and self._more():
                continue  # a number may go on in the next chunk
            self.pos = end
            return value

    def key(self) -> str:
        name = self.value()
        if not isinstance(name, str):
            raise not_an_export(self.name)
        self.take(":")
        return name


def _read_head(reader: _Reader) -> int:
    """Up to the tables: the file's schema level, once the file is known to be an export of
    a clientbook no newer than this one."""
    head = {}
    reader.take("{")
    while True:
        name = reader.key()
        if name == "tables":
            break
        head[name] = reader.value()
        if not reader.next_is(","):
            raise not_an_export(reader.name)  # the object ended without its tables
    version, level = head.get("format_version"), head.get("schema_level")
    if head.get("format") != "clientbook" or not all(
            isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in (version, level)):
        raise not_an_export(reader.name)
    if version > JSON_FORMAT_VERSION:
        raise UserError(_("{file} was written by a newer clientbook (JSON format {version}; this one "
                          "reads {known}); update clientbook to import it.").format(
            file=reader.name, version=version, known=JSON_FORMAT_VERSION))
    if level > LATEST:
        raise UserError(_("{file} comes from a book of a newer clientbook (schema level {level}; this "
                          "one knows {latest}); update clientbook to import it.").format(
            file=reader.name, level=level, latest=LATEST))
    return level


class _Load:
    """The tables' rows, checked and written in batches inside the caller's transaction."""

    def __init__(self, database, name: str, level: int, summary: JsonSummary):
        self.database, self.name, self.level, self.summary = database, name, level, summary
        self.known = {table: set(store.columns(database, table)) for table in JSON_TABLES}
        self.balances: list[tuple[int, int]] = []  # from a level 10 or older export
        self.batch: list[tuple] = []
        self.batch_key: tuple[str, tuple[str, ...]] | None = None
        self.batch_first = 0  # the table's row number of the batch's first row

    def run(self, reader: _Reader, progress: Callable[[int, int], None] | None, expected: int) -> None:
        done = 0
        seen: set[str] = set()
        reader.take("{")
        if not reader.next_is("}"):
            while True:
                table = reader.key()
                if table not in self.known:
                    raise UserError(_("{file}: the table “{table}” is not one a clientbook export "
                                      "holds; nothing was imported.").format(file=self.name, table=table))
                if table in seen:
                    raise not_an_export(self.name)
                seen.add(table)
                reader.take("[")
                number = 0
                if not reader.next_is("]"):
                    while True:
                        number += 1
                        self.add(table, number, reader.value())
                        done += 1
                        if progress and done % PROGRESS_EVERY == 0:
                            progress(done, max(expected, done))
                        if reader.next_is("]"):
                            break
                        reader.take(",")
                if reader.next_is("}"):
                    break
                reader.take(",")
        while reader.next_is(","):  # what an export writes after its tables: read, not used
            reader.key()
            reader.value()
        reader.take("}")
        if reader.peek():
            raise not_an_export(self.name)
        self.flush()
        store.add_balances(self.database, self.balances)
        moved = sum(1 for _client, points in self.balances if points)
        if moved:
            self.summary.rows["bonus_movements"] = self.summary.count("bonus_movements") + moved
        if progress:
            progress(done, done)

    def add(self, table: str, number: int, row) -> None:
        if not isinstance(row, dict):
            raise not_an_export(self.name)
        if table == "clients" and "bonus_balance" in row and self.level <= LAST_LEVEL_WITH_BALANCE:
            row = dict(row)
            balance = row.pop("bonus_balance")
            if not isinstance(balance, int) or isinstance(balance, bool) or "id" not in row:
                self.refuse(table, number, f"bonus_balance: {balance!r}")
            self.balances.append((row["id"], balance))
        unknown = sorted(set(row) - self.known[table])
        if unknown:
            raise UserError(_("{file}: a row of {table} names the column “{column}”, which this book "
                              "does not know; nothing was imported.").format(
                file=self.name, table=table, column=unknown[0]))
        self.summary.rows[table] = self.summary.rows.get(table, 0) + 1
        if table == "settings" and row.get("key") == IDENTITY:
            return  # the new book is itself, not the book the file came from
        key = (table, tuple(row))
        if key != self.batch_key or len(self.batch) >= BATCH:
            self.flush()
            self.batch_key, self.batch_first = key, number
        self.batch.append(tuple(row.values()))

    def flush(self) -> None:
        if not self.batch:
            return
        table, names = self.batch_key
        try:
            store.insert_rows(self.database, table, names, self.batch)
        except store.RowRefused as refused:
            self.refuse(table, self.batch_first + refused.number, str(refused))
        self.batch = []

    def refuse(self, table: str, number: int, error: str):
        raise UserError(_("{file}: row {number} of {table} cannot be loaded ({error}); nothing was "
                          "imported.").format(file=self.name, number=number, table=table, error=error))

    def check_references(self) -> None:
        for table, parent in store.foreign_key_problems(self.database)[:1]:
            raise UserError(_("{file}: a row of {table} refers to a row of {parent} that the file does "
                              "not hold; nothing was imported.").format(file=self.name, table=table,
                                                                        parent=parent))


def import_json(database, path: str | Path, *, today: date | None = None, dry_run: bool = False,
                progress: Callable[[int, int], None] | None = None) -> JsonSummary:
    """Load a clientbook JSON export into this empty book; all or nothing (a dry run: nothing)."""
    path = Path(path)
    check_regular_file(path)
    presence = Presence(database.path)  # a restore waits for nobody: it refuses meanwhile
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = _Reader(handle, path.name)
            level = _read_head(reader)
            summary = JsonSummary(path.name, dry_run, level)
            # The rows keep who wrote them, as the export has it (db.writers): a copy, not new rows.
            with unsigned(database), database.atomic() as transaction:
                # Whether the book is empty is asked inside the write transaction: a client
                # added at another desk meanwhile waits, or is seen.
                if store.tables_with_rows(database, [t for t in JSON_TABLES if t not in store.SEEDED]):
                    raise UserError(_(
                        "The book {book} already holds a studio's clients or lists, so nothing was "
                        "imported: load a JSON export into a new book (name it with --db), or import "
                        "CSV files to add their clients, visits and calls to this one.").format(
                        book=database.path))
                store.defer_foreign_keys(database)
                work = _Load(database, path.name, level, summary)
                work.run(reader, progress, path.stat().st_size // BYTES_PER_ROW)
                work.check_references()
                if dry_run:
                    transaction.rollback()
                else:
                    rebuild(database, today=today)
    except OSError as error:
        raise UserError(_("{file} cannot be read: {error}.").format(
            file=path, error=error.strerror or error)) from None
    finally:
        presence.release()
    return summary


def describe_json(summary: JsonSummary) -> list[str]:
    """What a JSON import loaded, or would load, as the lines a person reads."""
    counts = _("clients: {clients}, visits: {visits}, calls: {calls}, complaints: {complaints}, "
               "courses: {courses}, bonus movements: {bonuses}, win-back cases: {cases}").format(
        clients=summary.count("clients"), visits=summary.count("visits"), calls=summary.count("contacts"),
        complaints=summary.count("complaints"), courses=summary.count("courses"),
        bonuses=summary.count("bonus_movements"), cases=summary.count("winback_cases"))
    if summary.dry_run:
        return [_("Dry run of {file} (a whole book, as clientbook exports it): would load {counts}; "
                  "nothing was written.").format(file=summary.file, counts=counts)]
    return [_("Imported {file} (a whole book, as clientbook exports it): {counts}. The search index "
              "and the figures were rebuilt.").format(file=summary.file, counts=counts)]
