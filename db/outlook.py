"""Storage for the return model's figures: the parameters, each client's outlook, and who
is to be rescored (clientbook.services.outlook computes them)."""
from __future__ import annotations

from dataclasses import dataclass

OUTLOOK_COLUMNS = ("client_id", "p_alive", "p_return", "expected_visits", "expected_revenue_cents",
                   "regularity", "regular", "call_value")


@dataclass(frozen=True)
class ModelState:
    params: str | None  # JSON; None while the book has too few returning clients
    fitted_on: str
    scored_on: str


def model_state(database) -> ModelState | None:
    row = database.execute_sql("SELECT params, fitted_on, scored_on FROM return_model WHERE id = 1").fetchone()
    return ModelState(*row) if row else None


def save_model(database, params: str | None, fitted_on: str, scored_on: str) -> None:
    database.execute_sql(
        "INSERT INTO return_model (id, params, fitted_on, scored_on) VALUES (1, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET params = excluded.params, fitted_on = excluded.fitted_on, "
        "scored_on = excluded.scored_on", (params, fitted_on, scored_on))


def forget_model(database) -> None:
    database.execute_sql("DELETE FROM return_model")


def mark_stale(database, client_ids: list[int]) -> None:
    """These clients' visits changed: rescore them on the next read."""
    marks = ",".join("?" * len(client_ids))
    database.execute_sql(
        f"INSERT OR IGNORE INTO outlook_stale SELECT id FROM clients WHERE id IN ({marks})", client_ids)


def stale_clients(database) -> list[int]:
    return [row[0] for row in database.execute_sql("SELECT client_id FROM outlook_stale ORDER BY client_id")]


def any_stale(database) -> bool:
    """Whether a client waits to be rescored (without reading who)."""
    return database.execute_sql("SELECT EXISTS (SELECT 1 FROM outlook_stale)").fetchone()[0] == 1


def visit_days(database, client_ids: list[int] | None = None):
    """A cursor of (client id, day number as date.toordinal()) of every completed visit of a
    client in the book (not archived); only `client_ids`' when given. Unsorted, a visit a
    row, any day: the return model keeps distinct days up to its today. `+status` keeps the
    planner off the status index: a whole book is read faster in the table's order (0.9 s
    against 3.3 s for 1.5 million visits)."""
    among = f" AND v.client_id IN ({','.join('?' * len(client_ids))})" if client_ids is not None else ""
    return database.execute_sql(
        "SELECT v.client_id, CAST(julianday(substr(v.starts_at, 1, 10)) - 1721424.5 AS INTEGER) FROM visits v "
        f"JOIN clients c ON c.id = v.client_id WHERE +v.status = 'done' AND c.archived_at IS NULL{among}",
        client_ids or [])


def worth_of(database, client_ids: list[int]) -> dict[int, tuple[int | None, float | None, int]]:
    """Each client's (average check in kopecks, usual interval in days, regular 0 or 1), from her figures."""
    found: dict[int, tuple[int | None, float | None, int]] = {}
    for start in range(0, len(client_ids), 30_000):  # SQLite's limit on parameters
        part = client_ids[start:start + 30_000]
        found.update((row[0], tuple(row[1:])) for row in database.execute_sql(
            f"SELECT client_id, average_cents, interval_days, regular FROM client_figures "
            f"WHERE client_id IN ({','.join('?' * len(part))})", part))
    return found


def write_outlook(database, rows: list[tuple], *, replace_all: bool, stale: list[int]) -> None:
    """Store outlook rows (OUTLOOK_COLUMNS): every client's when `replace_all`, else these
    clients'. The `stale` marks read before scoring are cleared; later ones stay. A client
    deleted meanwhile gets no row."""
    if replace_all:
        database.execute_sql("DELETE FROM client_outlook")
    for start in range(0, len(stale), 30_000):
        part = stale[start:start + 30_000]
        database.execute_sql(f"DELETE FROM outlook_stale WHERE client_id IN ({','.join('?' * len(part))})", part)
        if not replace_all:  # rescored or no longer scored (her last visit undone, archived)
            database.execute_sql(f"DELETE FROM client_outlook WHERE client_id IN ({','.join('?' * len(part))})",
                                 part)
    # The rows go to a temporary table first, then in one statement to client_outlook: a
    # server takes them in one stream (COPY) instead of a statement each (6.2 s of 10.6 at
    # 100,000 clients), and a client deleted meanwhile is still left out.
    columns = ", ".join(OUTLOOK_COLUMNS)
    # (Inside the caller's transaction: the staged rows never outlast it.)
    database.execute_sql("CREATE TEMP TABLE IF NOT EXISTS outlook_in AS SELECT * FROM client_outlook LIMIT 0")
    database.cursor().executemany(
        f"INSERT INTO outlook_in ({columns}) VALUES ({', '.join('?' * len(OUTLOOK_COLUMNS))})", rows)
    database.execute_sql(f"INSERT OR REPLACE INTO client_outlook ({columns}) SELECT {columns} FROM outlook_in i "
                         "WHERE EXISTS (SELECT 1 FROM clients WHERE id = i.client_id)")
    database.execute_sql("DELETE FROM outlook_in")


def outlook_rows(database) -> list[tuple]:
    """Every active client with a completed visit, by id: (id, external id, completed visits,
    last visit YYYY-MM-DD, usual interval in days, p_alive, p_return, expected visits,
    expected revenue in kopecks), the last four NULL where she has no stored outlook."""
    return database.execute_sql(
        "SELECT c.id, c.external_id, f.done_visits, f.last_visit, f.interval_days, "
        "o.p_alive, o.p_return, o.expected_visits, o.expected_revenue_cents "
        "FROM clients c JOIN client_figures f ON f.client_id = c.id "
        "LEFT JOIN client_outlook o ON o.client_id = c.id "
        "WHERE c.archived_at IS NULL AND f.done_visits > 0 ORDER BY c.id").fetchall()


def client_outlook(database, client_id: int) -> tuple[float | None, float | None, int] | None:
    """Her stored (p_return within 90 days, p_alive) and her completed visits, or None."""
    row = database.execute_sql(
        "SELECT o.p_return, o.p_alive, f.done_visits FROM client_outlook o "
        "JOIN client_figures f ON f.client_id = o.client_id WHERE o.client_id = ?", (client_id,)).fetchone()
    return tuple(row) if row else None
