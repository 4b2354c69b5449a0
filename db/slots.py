"""Storage for free slots: the bookings and visits that keep a master busy."""
from __future__ import annotations

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
