"""Storage for Today: the day's sessions, closing one, talking points asked, and the birthdays ahead."""
from __future__ import annotations


def session(database, visit_id: int) -> tuple | None:
    """(client id, starts_at, status, first name, last name, patronymic) of a visit; None when gone."""
    row = database.execute_sql(
        "SELECT v.client_id, v.starts_at, v.status, c.first_name, c.last_name, c.patronymic "
        "FROM visits v JOIN clients c ON c.id = v.client_id WHERE v.id = ?", (visit_id,)).fetchone()
    return tuple(row) if row else None


def change_status(database, visit_id: int, was: str, status: str) -> bool:
    """Set a visit's status while it is still `was`; False when it is not (changed elsewhere)."""
    return database.execute_sql("UPDATE visits SET status = ? WHERE id = ? AND status = ?",
                                (status, visit_id, was)).rowcount > 0


def birthdays_on(database, days: list[tuple[int, int]]) -> list[tuple]:
    """(client id, first name, last name, patronymic, birth day, birth month, birth year) of the
    clients in the book (not archived) born on one of these (month, day)s."""
    if not days:
        return []
    where = " OR ".join("(birth_month = ? AND birth_day = ?)" for _day in days)
    return [tuple(row) for row in database.execute_sql(
        f"SELECT id, first_name, last_name, patronymic, birth_day, birth_month, birth_year FROM clients "
        f"WHERE archived_at IS NULL AND ({where}) ORDER BY last_name, first_name, id",
        [value for pair in days for value in pair]).fetchall()]


def sessions_between(database, since: str, until: str, statuses: tuple[str, ...], master_id: int | None) -> list[tuple]:
    """(visit id, client id, starts_at, status, first, last, patronymic, master, has alerts,
    services joined by ", ") of the visits in [since, until) with one of `statuses`, by time;
    one master's only when `master_id` is given. An archived client's are left out: archived
    means off the daily screens."""
    marks = ",".join("?" * len(statuses))
    return [tuple(row) for row in database.execute_sql(
        f"SELECT v.id, v.client_id, v.starts_at, v.status, c.first_name, c.last_name, "
        f"c.patronymic, m.name, c.alerts <> '', "
        f"(SELECT group_concat(s.name, ', ') FROM visit_services vs "
        f" JOIN services s ON s.id = vs.service_id WHERE vs.visit_id = v.id) "
        f"FROM visits v JOIN clients c ON c.id = v.client_id "
        f"LEFT JOIN masters m ON m.id = v.master_id "
        f"WHERE v.starts_at >= ? AND v.starts_at < ? AND v.status IN ({marks}) AND c.archived_at IS NULL "
        f"AND (? IS NULL OR v.master_id = ?) ORDER BY v.starts_at, v.id",
        (since, until, *statuses, master_id, master_id)).fetchall()]


def active_masters(database) -> list[tuple[int, str]]:
    """(id, name) of the studio's active masters, by name."""
    return [tuple(row) for row in database.execute_sql("SELECT id, name FROM masters WHERE active = 1 ORDER BY name")]


def retire_talking_point(database, point_id: int, asked_at: str, answer: str) -> bool:
    """Mark a talking point asked, with its answer, unless it was already; False then."""
    return database.execute_sql(
        "UPDATE talking_points SET asked_at = ?, answer = ? WHERE id = ? AND asked_at IS NULL",
        (asked_at, answer, point_id)).rowcount > 0
