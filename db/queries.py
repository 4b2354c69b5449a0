"""Read paths that must be fast, as SQL over the precomputed figures.

The call list is answered from client_tracks and client_figures (refreshed with every
write) plus an indexed look at tentative bookings; `today` is a parameter, never the
clock. Each part is capped in SQL, so a book of 100,000 clients hands Python a page.
"""
from __future__ import annotations

from dataclasses import dataclass

from db.postgres import dialect

# Who may be called at all today, whatever the reason: these never reach the list.
_REACHABLE = """
    c.archived_at IS NULL AND c.do_not_contact = 0
    AND f.callable = 1 AND f.declined = 0
    AND (f.booked_until IS NULL OR f.booked_until < :today)
"""
_ROUTINE = _REACHABLE + """
    AND (f.quiet_until IS NULL OR f.quiet_until <= :today)
    AND f.callback_on IS NULL
"""
_COLUMNS = """
    c.id, c.external_id, c.first_name, c.last_name, c.patronymic, c.phone,
    f.last_visit, f.interval_days, f.regular, f.average_cents, f.unanswered_messages,
    CASE WHEN o.p_return IS NOT NULL THEN o.call_value END AS call_value
"""
# Each client's stored outlook (services/outlook.py), NULL where she has none yet
_OUTLOOK = "LEFT JOIN client_outlook o ON o.client_id = c.id"


@dataclass(frozen=True)
class CallRow:
    reason: str
    id: int
    external_id: str | None
    first_name: str
    last_name: str
    patronymic: str
    phone: str | None
    last_visit: str | None
    interval_days: float | None
    regular: int
    average_cents: int | None
    unanswered_messages: int
    call_value: float | None  # what a call can save (services/outlook.py); None while the book has no chances
    track: str | None = None
    track_last_visit: str | None = None
    track_interval_days: float | None = None
    when: str | None = None  # the callback date, or the booking to confirm


def _rows(database, reason: str, sql: str, params: dict) -> list[CallRow]:
    return [CallRow(reason, *row) for row in database.execute_sql(sql, params)]


def callbacks(database, today: str) -> list[CallRow]:
    """Call-backs promised for today or overdue."""
    return _rows(database, "callback", f"""
        SELECT {_COLUMNS}, NULL, NULL, NULL, f.callback_on
        FROM client_figures f JOIN clients c ON c.id = f.client_id {_OUTLOOK}
        WHERE f.callback_on IS NOT NULL AND f.callback_on <= :today AND {_REACHABLE}
          AND (f.quiet_until IS NULL OR f.quiet_until <= :today)
        ORDER BY f.callback_on, c.id""", {"today": today})


def confirmations(database, today: str, until: str) -> list[CallRow]:
    """Pencilled (tentative) bookings from today to `until`, to confirm."""
    return _rows(database, "confirm", f"""
        SELECT {_COLUMNS}, NULL, NULL, NULL, b.starts_at
        FROM (SELECT client_id, min(starts_at) AS starts_at FROM visits
              WHERE status = 'tentative' AND starts_at >= :today AND starts_at < :until
              GROUP BY client_id) b
        JOIN clients c ON c.id = b.client_id
        JOIN client_figures f ON f.client_id = b.client_id {_OUTLOOK}
        WHERE c.archived_at IS NULL AND c.do_not_contact = 0
        ORDER BY b.starts_at, c.id""", {"today": today, "until": until})


def courses_ending(database, today: str, until: str) -> list[CallRow]:
    """Clients whose course ends between today and `until` with sessions left, soonest first."""
    return _rows(database, "course", f"""
        SELECT {_COLUMNS}, NULL, NULL, NULL, k.valid_until
        FROM (SELECT client_id, min(valid_until) AS valid_until FROM courses
              WHERE sessions_used < sessions_total AND valid_until >= :today AND valid_until <= :until
              GROUP BY client_id) k
        JOIN clients c ON c.id = k.client_id
        JOIN client_figures f ON f.client_id = k.client_id {_OUTLOOK}
        WHERE {_ROUTINE}
        ORDER BY k.valid_until, c.id""", {"today": today, "until": until})


def with_open_complaints(database, client_ids: list[int]) -> set[int]:
    """Which of these clients have a complaint not closed yet."""
    found: set[int] = set()
    for start in range(0, len(client_ids), 500):
        part = client_ids[start:start + 500]
        found |= {row[0] for row in database.execute_sql(
            f"SELECT DISTINCT client_id FROM complaints WHERE resolved_on IS NULL "
            f"AND client_id IN ({','.join('?' * len(part))})", part)}
    return found


def birthdays(database, today: str, keys: list[tuple[int, int]]) -> list[CallRow]:
    """Birthdays today, as (month, day) keys: 28 February also greets the 29th."""
    params: dict = {"today": today}
    where = []
    for i, (month, day) in enumerate(keys):
        where.append(f"(c.birth_month = :m{i} AND c.birth_day = :d{i})")
        params |= {f"m{i}": month, f"d{i}": day}
    return _rows(database, "birthday", f"""
        SELECT {_COLUMNS}, NULL, NULL, NULL, NULL
        FROM clients c JOIN client_figures f ON f.client_id = c.id {_OUTLOOK}
        WHERE ({" OR ".join(where)}) AND {_ROUTINE}
        ORDER BY c.id""", params)


def overdue(database, today: str, limit: int, by_chances: bool) -> list[CallRow]:
    """Clients with a track due or at risk (not lost): regulars first, then by what a call
    can save; more overdue first where the book has no chances yet.

    With `by_chances` (every client scored with the model's chances), the outlook is walked
    in the order of client_outlook_call and each client's most overdue due track looked up,
    until a page is found: most clients at the top of that order are due or lost, so a few
    hundred rows are read, not every due client of the book sorted (at 100,000 clients
    0.6 ms on a file, was 34; 3 ms on a server, was 100)."""
    if not by_chances:
        return _rows(database, "due", f"""
            SELECT {_COLUMNS}, t.track, t.last_visit, t.interval_days, t.at_risk_on
            FROM ({_most_overdue(database, "client_id, track, last_visit, interval_days, at_risk_on", ":today",
                                 "due_on <= :today AND lost_on > :today")}) t
            JOIN client_figures f ON f.client_id = t.client_id
            JOIN clients c ON c.id = t.client_id {_OUTLOOK}
            WHERE {_ROUTINE}
            ORDER BY f.regular DESC, call_value DESC, t.ratio DESC, f.average_cents DESC, c.id
            LIMIT :limit""", {"today": today, "limit": limit})
    join, ratio = _due_track(database)
    return _rows(database, "due", f"""
        SELECT {_COLUMNS}, t.track, t.last_visit, t.interval_days, t.at_risk_on
        FROM client_outlook o {join}
        CROSS JOIN client_figures f ON f.client_id = o.client_id
        CROSS JOIN clients c ON c.id = o.client_id
        WHERE {_ROUTINE}
        ORDER BY o.regular DESC, o.call_value DESC, {ratio} DESC, f.average_cents DESC, c.id
        LIMIT :limit""", {"today": today, "limit": limit})


def _due_track(database) -> tuple[str, str]:
    """The join of the outlook row `o` to her most overdue track due and not lost, `t`, and
    that track's ratio: a correlated look-up, so the outlook's index order is kept (CROSS
    JOIN keeps SQLite's planner from reordering; PostgreSQL says LATERAL)."""
    def ratio(alias: str) -> str:
        return f"(julianday(:today) - julianday({alias}.last_visit)) / {alias}.interval_days"

    pick = (f"FROM client_tracks x WHERE x.client_id = o.client_id AND x.due_on <= :today "
            f"AND x.lost_on > :today ORDER BY {ratio('x')} DESC, x.track LIMIT 1")
    if dialect(database) == "postgresql":
        return (f"CROSS JOIN LATERAL (SELECT x.track, x.last_visit, x.interval_days, x.at_risk_on, "
                f"{ratio('x')} AS ratio {pick}) t", "t.ratio")
    return (f"CROSS JOIN client_tracks t ON t.client_id = o.client_id AND t.track = (SELECT x.track {pick})",
            ratio("t"))


def lost(database, today: str, min_visits: int, limit: int, by_outlook: bool) -> list[CallRow]:
    """Clients lost on every track who came often enough to be worth winning back:
    regulars first, then by what a call can save.

    With `by_outlook` (the book's outlook is scored), walked in the order of
    client_outlook_call; otherwise by average check, in the order of client_figures_winback
    (`+lost_on` keeps the planner off the lost_on index, whose range holds every lost client
    and would need a sort). Either way a page is read, not every lost client sorted.
    """
    if by_outlook:
        source = "client_outlook o CROSS JOIN client_figures f ON f.client_id = o.client_id " \
                 "JOIN clients c ON c.id = o.client_id"
        order = "o.regular DESC, o.call_value DESC, o.client_id"
    else:
        source = f"client_figures f JOIN clients c ON c.id = f.client_id {_OUTLOOK}"
        order = "f.regular DESC, f.average_cents DESC, f.lost_on DESC, f.client_id"
    return _rows(database, "lost", f"""
        SELECT {_COLUMNS}, NULL, NULL, NULL, f.lost_on
        FROM {source}
        WHERE f.lost_on IS NOT NULL AND +f.lost_on <= :today
          AND f.done_visits >= :min_visits AND {_ROUTINE}
        ORDER BY {order}
        LIMIT :limit""", {"today": today, "min_visits": min_visits, "limit": limit})


def tracks_of(database, client_ids: list[int], today: str) -> dict[int, tuple]:
    """The most overdue track of each client: (track, last_visit, interval_days)."""
    if not client_ids:
        return {}
    marks = ",".join("?" * len(client_ids))
    rows = database.execute_sql(
        _most_overdue(database, "client_id, track, last_visit, interval_days", "?", f"client_id IN ({marks})"),
        [today, *client_ids],
    )
    return {row[0]: row[1:4] for row in rows}


def _most_overdue(database, columns: str, today: str, where: str) -> str:
    """Each client's most overdue track among those `where` says: `columns`, then its ratio.
    SQLite takes a bare column from the row of max(); PostgreSQL says DISTINCT ON."""
    ratio = f"(julianday({today}) - julianday(last_visit)) / interval_days"
    if dialect(database) == "postgresql":
        return (f"SELECT DISTINCT ON (client_id) {columns}, {ratio} AS ratio FROM client_tracks "
                f"WHERE {where} ORDER BY client_id, ratio DESC, track")
    return f"SELECT {columns}, max({ratio}) AS ratio FROM client_tracks WHERE {where} GROUP BY client_id"
