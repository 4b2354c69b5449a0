"""Who wrote a row: the desk and the person, on every row a studio writes (issue 21).

The book fills written_desk and written_user itself, whatever wrote the row (a form, a
command, an import), from what the connection was told: a file's connection has TEMP
triggers of its own that read its temp.book_writer row; a server's connection sets
clientbook.desk and clientbook.user, which level 12's triggers read. A connection told
nothing (copy-book, a restore, another program) writes rows as they are: a row copied
keeps who wrote it. An insert that names its writer keeps it; an update is signed by
whoever made it, the last writer.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from db.postgres import dialect

# The tables of a studio's own rows with an id; a row of a link table (a visit's services,
# a client's tags, a course's sessions) is written with the row it belongs to.
SIGNED_TABLES = ("masters", "services", "reasons", "clients", "tags", "preferences", "talking_points",
                 "visits", "contacts", "complaints", "courses", "bonus_movements", "winback_cases")

_WRITER = "(SELECT desk FROM book_writer), written_user = (SELECT user FROM book_writer)"
_KNOWN = "EXISTS (SELECT 1 FROM book_writer)"
_DIFFERS = (f"{_KNOWN} AND (NEW.written_desk IS NOT (SELECT desk FROM book_writer) "
            "OR NEW.written_user IS NOT (SELECT user FROM book_writer))")


def sign(database, desk: str, user: str) -> None:
    """From now on, rows written through `database` (each of its connections, those of
    threads opened later too) record `desk` and `user`."""
    database.writer = (desk, user)
    if not database.is_closed():
        sign_connection(database, database.connection())


def sign_connection(database, connection) -> None:
    """Tell one new connection of `database` who writes through it (none: nothing)."""
    writer = getattr(database, "writer", None)
    if writer is None:
        return
    _tell(database, connection, writer)
    if dialect(database) == "postgresql":
        return
    for table in SIGNED_TABLES:
        connection.execute(
            f"CREATE TEMP TRIGGER IF NOT EXISTS signed_{table}_insert AFTER INSERT ON main.{table} "
            f"WHEN {_KNOWN} AND NEW.written_desk IS NULL AND NEW.written_user IS NULL "
            f"BEGIN UPDATE {table} SET written_desk = {_WRITER} WHERE id = NEW.id; END")
        connection.execute(
            f"CREATE TEMP TRIGGER IF NOT EXISTS signed_{table}_update AFTER UPDATE ON main.{table} "
            f"WHEN {_DIFFERS} "
            f"BEGIN UPDATE {table} SET written_desk = {_WRITER} WHERE id = NEW.id; END")


def _tell(database, connection, writer: tuple[str, str] | None) -> None:
    """Who writes through `connection` from now on; None: rows are written as they are."""
    if dialect(database) == "postgresql":
        connection.execute("SELECT set_config('clientbook.desk', %s, false), set_config('clientbook.user', %s, false)",
                           writer or ("", ""))
        return
    connection.execute("CREATE TEMP TABLE IF NOT EXISTS book_writer (desk TEXT, user TEXT)")
    connection.execute("DELETE FROM temp.book_writer")
    if writer is not None:
        connection.execute("INSERT INTO temp.book_writer VALUES (?, ?)", writer)


@contextmanager
def unsigned(database) -> Iterator[None]:
    """Meanwhile, rows written through `database` in this thread are written as they are:
    a JSON export's rows keep who wrote them, and those it does not sign stay unsigned."""
    writer = getattr(database, "writer", None)
    if writer is None:
        yield
        return
    _tell(database, database.connection(), None)
    try:
        yield
    finally:
        _tell(database, database.connection(), writer)


# Level 12 on a server: each signed table's rows are signed before they are written.
SERVER_FUNCTION = """
CREATE OR REPLACE FUNCTION clientbook_signed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    desk text := nullif(current_setting('clientbook.desk', true), '');
    person text := nullif(current_setting('clientbook.user', true), '');
BEGIN
    IF desk IS NOT NULL OR person IS NOT NULL THEN
        IF TG_OP = 'UPDATE' OR (NEW.written_desk IS NULL AND NEW.written_user IS NULL) THEN
            NEW.written_desk := desk;
            NEW.written_user := person;
        END IF;
    END IF;
    RETURN NEW;
END $$
"""


def add_server_triggers(database) -> None:
    """The function and the triggers that sign a server book's rows; in the caller's transaction."""
    connection = database.connection()
    connection.execute(SERVER_FUNCTION)
    for table in SIGNED_TABLES:
        connection.execute(f'DROP TRIGGER IF EXISTS clientbook_signed ON "{table}"')
        connection.execute(f'CREATE TRIGGER clientbook_signed BEFORE INSERT OR UPDATE ON "{table}" '
                           "FOR EACH ROW EXECUTE FUNCTION clientbook_signed()")
