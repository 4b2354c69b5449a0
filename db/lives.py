"""Storage for each client's life as the reports count it: a row for each day she came, the
spells she was a client, and the days she came to each master (clientbook.services.lives
computes them from her completed visits; clientbook.services.stats reads them).

Days are whole numbers, date.toordinal(), so that an age is a subtraction. A report over
a period ending on day E reads, for each client, the row of her last day on or before E:
the one with day <= E < next_day, found along the table's key (next_day, client_id).
"""
from __future__ import annotations

from contextlib import contextmanager

from db.postgres import dialect

NO_NEXT = 3652059  # date.max.toordinal(): the next day after a client's last day
TABLES = ("client_days", "client_spells", "client_master_days")
_ROWS = 30_000  # SQLite's limit on parameters, with room
READING_CACHE_KIB = 8192


@contextmanager
def small_cache(database):
    """Read with an 8 MB page cache, not the book's 64 MB: a report walks once through tens
    of megabytes of these tables, and a large cache kept them all (96 MB at its height at
    100,000 clients, 42 MB with this one, in the same time). In the interface the memory a
    worker thread's connection freed stays with the process. (A server keeps its own cache.)"""
    if dialect(database) == "postgresql":
        yield
        return
    before = database.execute_sql("PRAGMA cache_size").fetchone()[0]
    database.execute_sql(f"PRAGMA cache_size = -{READING_CACHE_KIB}")
    try:
        yield
    finally:
        database.execute_sql(f"PRAGMA cache_size = {before}")


def present(database) -> bool:
    """Whether the book has the tables (a rebuild on the way to an older level has not)."""
    if dialect(database) == "postgresql":
        return database.execute_sql("SELECT to_regclass('client_days') IS NOT NULL").fetchone()[0]
    return database.execute_sql(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'client_days'").fetchone()[0] > 0


def forget(database, client_ids: list[int]) -> None:
    """These clients' rows gone (inside the writer's transaction, before add() writes them anew)."""
    for start in range(0, len(client_ids), _ROWS):
        part = client_ids[start:start + _ROWS]
        marks = ",".join("?" * len(part))
        for table in TABLES:
            database.execute_sql(f"DELETE FROM {table} WHERE client_id IN ({marks})", part)


def add(database, days: list[tuple], spells: list[tuple], master_days: list[tuple]) -> None:
    """Store rows of clients who have none. days: (client_id, day, next_day, first_day,
    interval_days, lost_on, spent_cents, priced, master_id, master_before, master_next);
    spells: (client_id, started_on, lost_on, interval_days, lost_before); master_days: (day,
    master_id, client_id, master_before, master_next), for a day's masters other than its
    last visit's. Each in its table's key order: a rebuild writes 1.5 million rows."""
    _insert(database, "client_days", sorted(days, key=lambda row: (row[2], row[0])))
    _insert(database, "client_spells", sorted(spells, key=lambda row: (row[2], row[0])))
    _insert(database, "client_master_days", sorted(master_days))


def clear(database) -> None:
    """Every client's rows gone (a rebuild writes them all again)."""
    for table in TABLES:
        database.execute_sql(f"DELETE FROM {table}")


def _insert(database, table: str, rows: list[tuple]) -> None:
    if rows:
        database.cursor().executemany(
            f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[0]))})", rows)


def _row_on(day: str) -> str:
    """Each client's row of her last day on or before the day named `day` (one a client who
    had come by then), along the table's key."""
    return f"d.next_day > :{day} AND d.day <= :{day}"


_AT_END = _row_on("end")


def standings(database, end: int):
    """A cursor of every client with a completed visit on or before `end` (archived ones too):
    (id, her first day, her last day by `end`, her usual interval after it, the day she is
    lost unless she comes first (on or before `end`: she was), the kopecks of her visits
    by `end` that had a price, how many had one, her source or "", archived 1 or 0)."""
    return database.execute_sql(
        "SELECT d.client_id, d.first_day, d.day, d.interval_days, d.lost_on, d.spent_cents, d.priced, "
        "coalesce(c.source, ''), c.archived_at IS NOT NULL "
        f"FROM client_days d CROSS JOIN clients c ON c.id = d.client_id WHERE {_AT_END}",  # along the key
        {"end": end})


def totals(database, end: int) -> tuple[int, int, int, int]:
    """(clients with a completed visit by `end`, of them those active on `end`, their visits
    by `end` that had a price, and those visits' kopecks)."""
    return database.execute_sql(
        "SELECT count(*), coalesce(sum(d.lost_on > :end), 0), coalesce(sum(d.priced), 0), "
        f"coalesce(sum(d.spent_cents), 0) FROM client_days d WHERE {_AT_END}", {"end": end}).fetchone()


def active_intervals(database, end: int) -> list[tuple[float, int]]:
    """(usual interval, clients) of the clients active on `end`."""
    return database.execute_sql(
        f"SELECT d.interval_days, count(*) FROM client_days d WHERE {_AT_END} AND d.lost_on > :end "
        "GROUP BY d.interval_days", {"end": end}).fetchall()


def lifetimes(database, end: int) -> list[tuple[int, int, int]]:
    """(days from her first visit to the day she was lost, or to `end` while she is not; 1 if
    she was, else 0; clients) of the clients with a completed visit by `end`."""
    return database.execute_sql(
        "SELECT min(d.lost_on, :end) - d.first_day, d.lost_on <= :end, count(*) "
        f"FROM client_days d WHERE {_AT_END} GROUP BY 1, 2", {"end": end}).fetchall()


def first_days(database, eve: int, end: int) -> list[tuple[int, int, int]]:
    """(day, clients, of them those active on `end`) of the clients whose first completed
    visit came after `eve`, up to `end`."""
    return database.execute_sql(
        f"SELECT d.first_day, count(*), sum(d.lost_on > :end) FROM client_days d WHERE {_AT_END} "
        "AND d.first_day > :eve GROUP BY d.first_day", {"eve": eve, "end": end}).fetchall()


def spells_by_day(database, eve: int, end: int) -> tuple[list, list, list]:
    """The spells up to `end`, for clientbook.domain.retention.SpellCounts: (day, spells begun
    that day), (day, spells lost that day), and (the day she was lost before, first day, day
    lost) of each spell begun after a loss after `eve`."""
    return (database.execute_sql("SELECT started_on, count(*) FROM client_spells WHERE started_on <= ? "
                                 "GROUP BY started_on", (end,)).fetchall(),
            database.execute_sql("SELECT lost_on, count(*) FROM client_spells WHERE lost_on <= ? "
                                 "GROUP BY lost_on", (end,)).fetchall(),
            database.execute_sql("SELECT lost_before, started_on, lost_on FROM client_spells "
                                 "WHERE lost_before > ? AND lost_before <= ?", (eve, end)).fetchall())


def losses(database, eve: int, end: int) -> list[tuple[int, int, float, int, int]]:
    """(client id, the day she was lost, her usual interval at her visit before it, and the
    kopecks and priced visits she had by `end`) of every loss after `eve` up to `end`, by
    client and day."""
    return database.execute_sql(
        "SELECT s.client_id, s.lost_on, s.interval_days, d.spent_cents, d.priced FROM client_spells s "
        f"JOIN client_days d ON d.client_id = s.client_id AND {_AT_END} "
        "WHERE s.lost_on > :eve AND s.lost_on <= :end ORDER BY s.client_id, s.lost_on",
        {"eve": eve, "end": end}).fetchall()


def master_clients(database, first: int, last: int) -> list[tuple[int, int, int]]:
    """(master id, clients who came to her on first … last, of them those who had come to her
    on an earlier day), for each master who had any. Each client's first day with a master
    in the period (master_before < first) stands for her: she had come to that master
    before it, or comes again by `last`."""
    return database.execute_sql(
        "SELECT master_id, count(*), sum(master_before > 0 OR master_next <= :last) FROM ("
        "  SELECT master_id, master_before, master_next FROM client_days "
        "    WHERE next_day > :first AND day >= :first AND day <= :last AND master_before < :first "
        "  UNION ALL SELECT master_id, master_before, master_next FROM client_master_days "
        "    WHERE day >= :first AND day <= :last AND master_before < :first) "
        "WHERE master_id IS NOT NULL GROUP BY master_id", {"first": first, "last": last}).fetchall()


def kept(database, eve: int, end: int) -> int:
    """The clients active on `eve` who are active on `end` (lost meanwhile and back: kept).
    A client is active on a day when one of her spells (they never overlap) holds it, which
    is what her row of that day says: read from the spells, 45 ms at 100,000 clients, not
    366 from their 1.5 million days."""
    return database.execute_sql(
        "SELECT count(*) FROM client_spells a WHERE a.started_on <= :eve AND a.lost_on > :eve "
        "AND a.client_id IN (SELECT client_id FROM client_spells WHERE lost_on > :end AND started_on <= :end)",
        {"eve": eve, "end": end}).fetchone()[0]


def masters_kept(database, eve: int, end: int) -> list[tuple[int, int, int]]:
    """(master id, clients active on `eve` whose last visit by then was with her, of them
    those still active on `end`), for each master who had any."""
    return database.execute_sql(
        "SELECT d.master_id, count(*), sum(d.client_id IN (SELECT client_id FROM client_spells "
        "    WHERE lost_on > :end AND started_on <= :end)) "
        f"FROM client_days d WHERE {_row_on('eve')} AND d.lost_on > :eve "
        "AND d.master_id IS NOT NULL GROUP BY d.master_id", {"eve": eve, "end": end}).fetchall()


def master_names(database) -> dict[int, str]:
    """Every master's name by id."""
    return dict(database.execute_sql("SELECT id, name FROM masters").fetchall())


def first_and_next(database, first: int, last: int) -> list[tuple[int, int]]:
    """(her first day, the next day she came, or NO_NEXT) of every client whose first
    completed visit falls on first … last, archived ones too: the rows of first days."""
    return database.execute_sql(
        "SELECT day, next_day FROM client_days WHERE next_day > :first AND day = first_day "
        "AND day >= :first AND day <= :last", {"first": first, "last": last}).fetchall()


def names(database, client_ids: list[int]) -> dict[int, tuple[str, str, str]]:
    """(first name, last name, patronymic) of these clients."""
    return {row[0]: tuple(row[1:]) for row in database.execute_sql(
        f"SELECT id, first_name, last_name, patronymic FROM clients WHERE id IN ({','.join('?' * len(client_ids))})",
        client_ids)}
