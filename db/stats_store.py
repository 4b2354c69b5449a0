"""Storage for the reports' calls: the reasons given on them, the calls of a period, and the
completed visits that followed (clientbook.services.stats counts them).

A period is from `start` to `end`, both 'YYYY-MM-DD' text, `end` excluded: a moment is in
it when start <= moment < end.
"""
from __future__ import annotations


def reasons_counted(database, start: str, end: str) -> list[tuple[str, str, str | None, int, int]]:
    """(code, name, Russian name, calls in the period that gave it, calls that suspected it)
    of every reason, by id."""
    return database.execute_sql(
        "SELECT r.code, r.name, r.name_ru, "
        " (SELECT count(*) FROM contacts k WHERE k.reason_id = r.id AND k.at >= ? AND k.at < ?), "
        " (SELECT count(*) FROM contacts k WHERE k.suspected_reason_id = r.id AND k.at >= ? "
        "  AND k.at < ?) FROM reasons r ORDER BY r.id",
        (start, end) * 2).fetchall()


def calls_made(database, start: str, end: str):
    """A cursor of (client id, moment, outcome) of every call in the period."""
    return database.execute_sql(
        "SELECT client_id, at, outcome FROM contacts WHERE at >= ? AND at < ?", (start, end))


def done_visits_between(database, client_id: int, after: str, before: str):
    """A cursor of (start, price in kopecks) of her completed visits that began after
    `after` and before `before`, earliest first."""
    return database.execute_sql(
        "SELECT starts_at, price_cents FROM visits WHERE client_id = ? AND +status = 'done' "
        "AND starts_at > ? AND starts_at < ? ORDER BY starts_at",
        (client_id, after, before))
