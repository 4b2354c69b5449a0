"""Storage for win-back cases: opened, worked, closed only while still open."""
from __future__ import annotations

COLUMNS = ("w.id, w.client_id, w.opened_on, r.code, s.code, w.would_return, w.offer, w.offered_on, w.outcome, "
           "w.closed_on, w.note")
_FROM = ("winback_cases w LEFT JOIN reasons r ON r.id = w.reason_id "
         "LEFT JOIN reasons s ON s.id = w.suspected_reason_id")


def open_case_of(database, client_id: int) -> int | None:
    row = database.execute_sql("SELECT id FROM winback_cases WHERE client_id = ? AND outcome = 'open'",
                               (client_id,)).fetchone()
    return row[0] if row else None


def insert(database, client_id: int, opened_on: str) -> int:
    return database.execute_sql("INSERT INTO winback_cases (client_id, opened_on) VALUES (?, ?)",
                                (client_id, opened_on)).lastrowid


def found(database, case_id: int) -> tuple | None:
    return database.execute_sql(f"SELECT {COLUMNS} FROM {_FROM} WHERE w.id = ?", (case_id,)).fetchone()


def listed(database, client_id: int | None, open_only: bool) -> list[tuple]:
    """Newest first; one client's or the studio's; open ones only when asked."""
    return database.execute_sql(
        f"SELECT {COLUMNS} FROM {_FROM} WHERE (? IS NULL OR w.client_id = ?) AND (NOT ? OR w.outcome = 'open') "
        "ORDER BY w.opened_on DESC, w.id DESC", (client_id, client_id, int(open_only))).fetchall()


def reason_id(database, code: str | None) -> int | None:
    if not code:
        return None
    row = database.execute_sql("SELECT id FROM reasons WHERE code = ?", (code,)).fetchone()
    return row[0] if row else None


def update_open(database, case_id: int, changes: dict[str, tuple[object, object]]) -> bool:
    """Write each column's new value while the case is open and the column still holds the
    value read ((old, new) pairs); False when another desk changed it or closed it."""
    sets = ", ".join(f"{column} = ?" for column in changes)
    held = " AND ".join(f"{column} IS ?" for column in changes)
    return database.execute_sql(
        f"UPDATE winback_cases SET {sets} WHERE id = ? AND outcome = 'open' AND {held}",
        (*(new for _old, new in changes.values()), case_id, *(old for old, _new in changes.values()))).rowcount == 1


def close(database, case_id: int, outcome: str, closed_on: str) -> bool:
    return database.execute_sql(
        "UPDATE winback_cases SET outcome = ?, closed_on = ? WHERE id = ? AND outcome = 'open'",
        (outcome, closed_on, case_id)).rowcount == 1


def set_pushes_for_discounts(database, client_id: int, value: bool) -> None:
    database.execute_sql("UPDATE clients SET pushes_for_discounts = ? WHERE id = ?", (int(value), client_id))


def history(database, client_id: int) -> tuple:
    """(done visits, their revenue in cents, first and last done day, masters who served her
    by visits, most first) for the case's glance."""
    visits, revenue, first, last = database.execute_sql(
        "SELECT count(*), coalesce(sum(price_cents), 0), min(substr(starts_at, 1, 10)), max(substr(starts_at, 1, 10)) "
        "FROM visits WHERE client_id = ? AND status = 'done'", (client_id,)).fetchone()
    masters = tuple(row[0] for row in database.execute_sql(
        "SELECT m.name FROM visits v JOIN masters m ON m.id = v.master_id WHERE v.client_id = ? "
        "AND v.status = 'done' GROUP BY m.id ORDER BY count(*) DESC, m.name", (client_id,)))
    return visits, revenue, first, last, masters


def rhythm(database, client_id: int) -> tuple[float | None, int | None]:
    """(her usual interval in days, her average check in cents) from the stored figures."""
    row = database.execute_sql("SELECT interval_days, average_cents FROM client_figures WHERE client_id = ?",
                               (client_id,)).fetchone()
    return (row[0], row[1]) if row else (None, None)


def pushes_for_discounts(database, client_id: int) -> bool:
    row = database.execute_sql("SELECT pushes_for_discounts FROM clients WHERE id = ?", (client_id,)).fetchone()
    return bool(row and row[0])
