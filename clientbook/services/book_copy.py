"""Moving a whole book between backends: `clientbook copy-book SRC DEST` (issue 21).

A book file to a PostgreSQL server and back (or file to file). DEST must be new or empty
(no client, visit or other row a studio wrote; a new book's own settings and built-in
reasons give way). Every table a studio writes (services.exporter.JSON_TABLES) is copied
in one transaction on DEST, ids kept and the server's id sequences moved past them; the
derived data (search index, figures, lives, outlook) is rebuilt there; then each table's
row count and checksum on DEST is compared with SRC's. On any failure or mismatch the
transaction is rolled back, and a file the copy made is removed: DEST is as it was.

A server's address is shown without its password, in every sentence and error.
"""
from __future__ import annotations

import os
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from clientbook.errors import UserError
from clientbook.i18n import _
from db import book_copy as store
from db.errors import DATABASE_ERRORS, BookError
from db.postgres import follow_ids, is_server_address, scrub, shown_address

SEEDED = ("settings", "reasons")  # a new book's own rows: the copy's take their place


class CopyFailed(UserError):
    pass


@dataclass(frozen=True)
class CopyReport:
    source: str
    dest: str
    tables: int
    rows: int
    clients: int
    visits: int


def shown(location) -> str:
    """A book's name as it may be shown: a server's URL without its password."""
    return shown_address(str(location)) if is_server_address(location) else str(location)


def copy_book(source_location, dest_location, today: date) -> CopyReport:
    """Copy the book at `source_location` into the new or empty book at `dest_location`."""
    from clientbook.services.exporter import JSON_TABLES

    source_name, dest_name = shown(source_location), shown(dest_location)
    secrets = [str(location) for location in (source_location, dest_location) if is_server_address(location)]
    if _same(source_location, dest_location):
        raise CopyFailed(_("{source} and {dest} are the same book; name another book to copy it to.").format(
            source=source_name, dest=dest_name))
    try:
        source = _open_source(source_location, source_name)
        try:
            return _copy_into(source, source_name, dest_location, dest_name, tuple(JSON_TABLES), today)
        finally:
            source.close()
    except (UserError, BookError) as error:
        raise type(error)(*(_scrubbed(str(arg), secrets) if isinstance(arg, str) else arg
                            for arg in error.args)) from None


def _scrubbed(text: str, secrets: list[str]) -> str:
    for url in secrets:
        text = scrub(text, url)
    return text


def _same(first, second) -> bool:
    if is_server_address(first) or is_server_address(second):
        return shown(first) == shown(second)
    return Path(first).expanduser().resolve() == Path(second).expanduser().resolve()


def _open_source(location, name: str):
    from clientbook.services.book import explain, open_book

    if not is_server_address(location):
        path = Path(location).expanduser()
        if not path.is_file() or not path.stat().st_size:
            raise CopyFailed(_("There is no book at {book}.").format(book=name))
        return open_book(path)
    try:
        database, level = store.open_without_upgrade(location)
    except BookError as error:
        raise explain(error, location) from None
    database.close()
    if not level:
        raise CopyFailed(_("There is no book at {book}.").format(book=name))
    return open_book(location)  # an older book is brought up to this clientbook's level, as by any command


def _copy_into(source, source_name: str, location, dest_name: str, tables: tuple[str, ...],
               today: date) -> CopyReport:
    from clientbook.services.book import explain, open_book
    from clientbook.services.derived import rebuild

    made = None
    if is_server_address(location):
        try:
            dest, _level = store.open_without_upgrade(location)
        except BookError as error:
            raise explain(error, location) from None
    else:
        path = Path(location).expanduser()
        made = "new" if not path.exists() else "empty" if path.is_file() and not path.stat().st_size else None
        dest = open_book(path, signed=False)  # each row keeps who wrote it
    try:
        with dest.atomic():
            store.make_schema(dest, rebuild)
            written = sorted(store.tables_with_rows(dest, [table for table in tables if table not in SEEDED]),
                             key=lambda table: table != "clients")  # the clients named first
            if written:
                raise CopyFailed(_("{dest} already holds a book with its own rows (in {table}); copy-book "
                                   "writes only into a new or empty book, so nothing was copied.").format(
                    dest=dest_name, table=written[0]))
            report = _copy_tables(source, dest, tables, source_name, dest_name)
            rebuild(dest, today=today)
            _verify(dest, tables, report[1], dest_name)
    except BaseException as error:
        dest.close()
        _undo(location, made)
        if isinstance(error, CopyFailed):
            raise
        if isinstance(error, DATABASE_ERRORS):
            raise CopyFailed(_("The book could not be copied from {source} to {dest} ({error}); {dest} was "
                               "left as it was.").format(source=source_name, dest=dest_name,
                                                         error=_first_line(str(error)))) from None
        raise
    with suppress(*DATABASE_ERRORS):  # the copy is in: its planner's statistics are a courtesy
        store.gather_statistics(dest)
    dest.close()
    counts = report[1]
    return CopyReport(source_name, dest_name, len(tables), sum(count for count, _digest in counts.values()),
                      counts["clients"][0], counts["visits"][0])


def _copy_tables(source, dest, tables, source_name: str, dest_name: str):
    shapes = {}
    counts: dict[str, tuple[int, str]] = {}
    store.clear(dest, tables)
    with store.reading(source):
        for table in tables:
            shape = store.layout(source, table)
            if store.layout(dest, table).columns != shape.columns:
                raise CopyFailed(_("The table {table} of {source} and of {dest} have different columns; "
                                   "nothing was copied.").format(table=table, source=source_name, dest=dest_name))
            shapes[table] = shape
            counts[table] = store.copy_table(source, dest, table, shape)
    follow_ids(dest, tables)
    return shapes, counts


def _verify(dest, tables, expected: dict[str, tuple[int, str]], dest_name: str) -> None:
    """Each table on DEST: the same count and checksum as read from SRC."""
    for table in tables:
        count, digest = store.digest(dest, table, store.layout(dest, table))
        if (count, digest) != expected[table]:
            raise CopyFailed(_("The copy in {dest} does not match its source in the table {table} ({found} "
                               "rows for {expected}, or other values); {dest} was left as it was.").format(
                dest=dest_name, table=table, found=count, expected=expected[table][0]))


def _undo(location, made: str | None) -> None:
    """The file a failed copy made goes (with its -wal and -shm); an empty one is empty again."""
    if made is None:
        return
    path = Path(location).expanduser()
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    if made == "new":
        path.unlink(missing_ok=True)
    else:
        os.truncate(path, 0)


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0] if lines else text


def copied_sentence(report: CopyReport) -> str:
    return _("Copied the book {source} to {dest}: {tables} tables, {rows} rows (clients: {clients}, visits: "
             "{visits}), each table's row count and checksum checked; the search index and the figures "
             "rebuilt there.").format(source=report.source, dest=report.dest, tables=report.tables,
                                       rows=report.rows, clients=report.clients, visits=report.visits)
