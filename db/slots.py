"""Storage for free slots: the bookings and visits that keep a master busy."""
from __future__ import annotations

from db.postgres import dialect

BUSY_STATUSES = ("planned", "tentative", "done")  # a no-show or a cancellation frees the chair


def busy_between(database, master_id: int | None, since: str, until: str,
                 ignore_visit: int | None = None, with_no_master: bool = False) -> list[tuple[str, int | None, int | None]]:
    """(starts_at, duration_min, its services' minutes) of one master's bookings and visits
    starting in [since, until); `master_id` None: those with no master (a solo studio's chair).
    `with_no_master`: those with no master count as this master's too (a studio of one master).

    The services' minutes are their price-list durations added up, or None when a service
    has none (or there is no service).
    """
    marks = ",".join("?" * len(BUSY_STATUSES))
    return [tuple(row) for row in database.execute_sql(
        f"SELECT v.starts_at, v.duration_min, "
        f"(SELECT CASE WHEN count(*) > 0 AND count(s.duration_min) = count(*) THEN sum(s.duration_min) END "
        f" FROM visit_services vs JOIN services s ON s.id = vs.service_id WHERE vs.visit_id = v.id) "
        f"FROM visits v WHERE v.starts_at >= ? AND v.starts_at < ? AND v.status IN ({marks}) "
        f"AND (v.master_id IS ? OR (? AND v.master_id IS NULL)) AND v.id IS NOT ? ORDER BY v.starts_at",
        (since, until, *BUSY_STATUSES, master_id, bool(with_no_master), ignore_visit)).fetchall()]


CHAIR_LOCKS = 0x436C426B  # the first key of the chairs' advisory locks on a server ('ClBk', as the book's mark)


def guard_chair(database, master_id: int | None) -> None:
    """Called in the transaction that checks a moment is free and then books it: no other
    desk checks this chair (`master_id`; None: the bookings with no master) until that
    transaction ends. A file book needs nothing: its write transactions are IMMEDIATE,
    one writer at a time. On a server, a transaction-scoped advisory lock per master: a
    second desk booking the same master waits at this line, then reads the first desk's
    booking (each statement sees what committed before it) and is refused with the next
    free slot. Outside a transaction (a form's check before it saves) it locks nothing."""
    if dialect(database) == "postgresql" and database.in_transaction():
        database.execute_sql("SELECT pg_advisory_xact_lock(?, ?)", (CHAIR_LOCKS, master_id or 0))
