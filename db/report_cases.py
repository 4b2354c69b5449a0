"""Storage for the reports' complaints and win-back cases: what a period's figures count.

Days are 'YYYY-MM-DD' text, as the tables keep them; a period is from `first` to `last`,
both included.
"""
from __future__ import annotations

from db.postgres import dialect


def complaints_opened(database, first: str, last: str, today: str, days: int) -> list[tuple]:
    """(type, the master's name or None, complaints opened in the period, of them resolved
    at most `days` days after the day they were opened, by today), by type and master."""
    name = ", m.name" if dialect(database) == "postgresql" else ""  # grouped by, as SQLite needs not
    return database.execute_sql(
        "SELECT c.kind, m.name, count(*), "
        " coalesce(sum(c.resolved_on <= ? AND julianday(c.resolved_on) - julianday(c.opened_on) <= ?), 0) "
        "FROM complaints c LEFT JOIN masters m ON m.id = c.master_id "
        f"WHERE c.opened_on >= ? AND c.opened_on <= ? GROUP BY c.kind, c.master_id{name}",
        (today, days, first, last)).fetchall()


def cases_counted(database, first: str, last: str) -> tuple[int, int, int]:
    """(win-back cases opened in the period, closed won back in it, closed lost for good in it)."""
    return database.execute_sql(
        "SELECT coalesce(sum(opened_on >= ?1 AND opened_on <= ?2), 0), "
        " coalesce(sum(outcome = 'won' AND closed_on >= ?1 AND closed_on <= ?2), 0), "
        " coalesce(sum(outcome = 'lost' AND closed_on >= ?1 AND closed_on <= ?2), 0) FROM winback_cases",
        (first, last)).fetchone()


def won_back_revenue(database, first: str, last: str) -> int:
    """The price of the completed visits in the period of the clients whose case was closed
    won back in it, each visit on or after the day her (first such) case was opened."""
    return database.execute_sql(
        "SELECT coalesce(sum(v.price_cents), 0) FROM "
        " (SELECT client_id, max(min(opened_on), ?1) AS since FROM winback_cases "
        "  WHERE outcome = 'won' AND closed_on >= ?1 AND closed_on <= ?2 GROUP BY client_id) w "
        "JOIN visits v ON v.client_id = w.client_id "
        "WHERE +v.status = 'done' AND v.starts_at >= w.since AND v.starts_at < date(?2, '+1 day')",
        (first, last)).fetchone()[0]
