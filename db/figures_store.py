"""Storage for the per-client figures: each client's tracks (a row per kind of service she
has had) and her figures (a row), written in batches by clientbook.services.figures, and
the whole of them cleared for a rebuild (db.facts reads what they are computed from)."""
from __future__ import annotations

from db.postgres import dialect


def _marks(rows: list[tuple]) -> str:
    return ", ".join("?" * len(rows[0]))


def replace(database, client_ids: list[int], track_rows: list[tuple], figure_rows: list[tuple]) -> None:
    """Store these clients' tracks and figures in place of what they had (inside the writer's
    transaction): rows in the column order of client_tracks and client_figures, a figures
    row for every client."""
    marks = ",".join("?" * len(client_ids))
    database.execute_sql(f"DELETE FROM client_tracks WHERE client_id IN ({marks})", client_ids)
    # Deleted and inserted, not upserted: a plain INSERT of many rows goes to a server by COPY
    # (a rebuild's 100,000 figures rows: 0.5 s, not 5.8 s of statements one by one).
    database.execute_sql(f"DELETE FROM client_figures WHERE client_id IN ({marks})", client_ids)
    cursor = database.cursor()
    if track_rows:
        cursor.executemany(f"INSERT INTO client_tracks VALUES ({_marks(track_rows)})", track_rows)
    cursor.executemany(f"INSERT INTO client_figures VALUES ({_marks(figure_rows)})", figure_rows)


def clear(database) -> None:
    """Every client's tracks and figures gone (a rebuild writes them all again)."""
    database.execute_sql("DELETE FROM client_tracks")
    database.execute_sql("DELETE FROM client_figures")


def drop_indexes(database, tables: tuple[str, ...]) -> list[tuple[str, str]]:
    """Drop the indexes made on these tables, and on a server their foreign keys; returns
    them, (name, the statement that makes it), for make_indexes to make again. (Not those
    that keep a key: a server's primary keys.) A server checks a foreign key row by row as
    rows come, and all at once when it is added: 1.5 million lives' rows took 11 s, not 2.6.

    Dropping a foreign key locks the table it refers to (clients, masters) until the
    rebuild commits. Those are locked first, before any derived table: a desk's write that
    holds its clients' rows and then refreshes their figures finishes first, instead of
    each waiting on the other."""
    if dialect(database) == "postgresql":
        marks = ", ".join("?" * len(tables))
        indexes = database.execute_sql(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            f"AND tablename IN ({marks}) AND indexname NOT IN (SELECT conname FROM pg_constraint)", tables).fetchall()
        keys = database.execute_sql(
            "SELECT c.conname, format('ALTER TABLE %I ADD CONSTRAINT %I %s', t.relname, c.conname, "
            "pg_get_constraintdef(c.oid)), t.relname, r.relname FROM pg_constraint c "
            "JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid "
            "WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace "
            f"AND t.relname IN ({marks})", tables).fetchall()
        referred = sorted({referred for *_key, referred in keys} - set(tables))
        database.execute_sql("LOCK TABLE " + ", ".join(f'"{name}"' for name in (*referred, *tables))
                             + " IN ACCESS EXCLUSIVE MODE")
        for name, _sql in indexes:
            database.execute_sql(f'DROP INDEX "{name}"')
        for name, _sql, table, _referred in keys:
            database.execute_sql(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
        return [*indexes, *((name, sql) for name, sql, _table, _referred in keys)]
    indexes = database.execute_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({', '.join('?' * len(tables))})", tables).fetchall()
    for name, _sql in indexes:
        database.execute_sql(f'DROP INDEX "{name}"')
    return indexes


def make_indexes(database, indexes: list[tuple[str, str]]) -> None:
    """Make again the indexes (and foreign keys) drop_indexes returned."""
    for _name, sql in indexes:
        database.execute_sql(sql)

