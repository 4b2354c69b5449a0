"""Storage for the return model: the book's completed visits, day by day, as it is fitted on them."""
from __future__ import annotations


def completed_visit_days(database, until: str) -> list[tuple[int, str | None, str, int]]:
    """(client id, studio id, day as YYYY-MM-DD, the day's price in kopecks) for every day on
    which a client in the book (not archived) had a completed visit, up to `until`
    (YYYY-MM-DD, included), by client and day. Visits of one day are one; their prices add up
    (0 when none has one)."""
    return [tuple(row) for row in database.execute_sql(
        "SELECT v.client_id, c.external_id, substr(v.starts_at, 1, 10) AS day, coalesce(sum(v.price_cents), 0) "
        "FROM visits v JOIN clients c ON c.id = v.client_id "
        "WHERE v.status = 'done' AND c.archived_at IS NULL AND v.starts_at < date(?, '+1 day') "
        "GROUP BY v.client_id, day ORDER BY v.client_id, day", (until,))]
