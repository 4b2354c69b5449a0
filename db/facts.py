"""Storage for the per-client figures' facts: the book's clients batch by batch, and what a
batch's rules are computed from (db.figures_store keeps what they come to)."""
from __future__ import annotations

from db.postgres import dialect


def _marks(ids: list[int]) -> str:
    return ",".join("?" * len(ids))


def hold_clients(database, ids: list[int]) -> None:
    """Until the caller's transaction ends, no other one works out these clients' figures
    (their derived rows are deleted and written again from what each reads). A file book
    has one writer at a time already; on a server, two desks (or a desk and an import)
    refreshing one client at once each wrote her tracks, and the second was refused a
    duplicate key, or kept figures read before the other's write. NO KEY UPDATE: a visit or
    a call written for her meanwhile (its reference to her row) does not wait for this."""
    if dialect(database) != "postgresql" or not ids:
        return
    database.execute_sql(f"SELECT id FROM clients WHERE id IN ({_marks(ids)}) ORDER BY id FOR NO KEY UPDATE", ids)


def client_ids_after(database, last: int, limit: int) -> list[int]:
    """The ids of the next `limit` clients after id `last`, archived ones too, in order: a
    whole book walked batch by batch."""
    return [row[0] for row in database.execute_sql(
        "SELECT id FROM clients WHERE id > ? ORDER BY id LIMIT ?", (last, limit)
    )]


def interval_overrides(database, ids: list[int]):
    """(client id, the interval set by hand or None) of each client."""
    return database.execute_sql(f"SELECT id, interval_override_days FROM clients WHERE id IN ({_marks(ids)})", ids)


def service_tracks(database) -> dict[int, tuple[str, int | None]]:
    """Each service's (category, default interval in days), by id."""
    return {sid: (category, days) for sid, category, days in database.execute_sql(
        "SELECT id, category, default_interval_days FROM services")}


def visit_rows(database, ids: list[int]):
    """(client id, visit id, day, price, status, service id or None, master id) of every visit
    of these clients, a row per service, by client, moment and visit."""
    return database.execute_sql(
        "SELECT v.client_id, v.id, substr(v.starts_at, 1, 10), v.price_cents, v.status, "
        "vs.service_id, v.master_id FROM visits v LEFT JOIN visit_services vs ON vs.visit_id = v.id "
        f"WHERE v.client_id IN ({_marks(ids)}) ORDER BY v.client_id, v.starts_at, v.id", ids)


def contact_rows(database, ids: list[int]):
    """(client id, moment, outcome, call-back day, whether its reason closes her) of every call."""
    return database.execute_sql(
        "SELECT c.client_id, c.at, c.outcome, c.callback_on, coalesce(r.closes, 0) "
        "FROM contacts c LEFT JOIN reasons r ON r.id = c.reason_id "
        f"WHERE c.client_id IN ({_marks(ids)})", ids)
