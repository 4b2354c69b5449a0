"""Storage for the reports' second visits: when first-time clients came back."""
from __future__ import annotations


def first_and_second_visits(database, start: str, end: str, today: str) -> list[tuple[str, str | None]]:
    """(day of the first completed visit, day of the second or None) as YYYY-MM-DD, one row a
    client whose first completed visit ever falls from `start` to `end` (YYYY-MM-DD, both
    included), archived clients too. The second visit is the next completed one on a later
    day (two visits on one day are one), up to `today` included; by client."""
    return [tuple(row) for row in database.execute_sql(
        "WITH firsts AS (SELECT client_id, min(starts_at) AS first FROM visits "
        "  WHERE +status = 'done' AND starts_at < date(:today, '+1 day') GROUP BY client_id) "
        "SELECT substr(f.first, 1, 10), "
        "  (SELECT substr(min(v.starts_at), 1, 10) FROM visits v WHERE v.client_id = f.client_id "
        "   AND +v.status = 'done' AND v.starts_at >= date(f.first, '+1 day') "
        "   AND v.starts_at < date(:today, '+1 day')) "
        "FROM firsts f WHERE f.first >= :start AND f.first < date(:end, '+1 day') "
        "ORDER BY f.client_id", {"start": start, "end": end, "today": today})]
