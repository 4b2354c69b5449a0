"""Storage for courses (абонементы) and the sessions done visits use."""
from __future__ import annotations

COLUMNS = ("k.id, k.client_id, k.title, s.name, k.sessions_total, k.sessions_used, k.valid_until, "
           "k.bought_on, k.gift_from")
_FROM = "courses k LEFT JOIN services s ON s.id = k.service_id"


def insert(database, client_id: int, title: str, sessions: int, valid_until: str | None, service_id: int | None,
           bought_on: str, gift_from: str) -> int:
    return database.execute_sql(
        "INSERT INTO courses (client_id, title, sessions_total, valid_until, service_id, bought_on, gift_from) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (client_id, title, sessions, valid_until, service_id, bought_on, gift_from)).lastrowid


def found(database, course_id: int) -> tuple | None:
    return database.execute_sql(f"SELECT {COLUMNS} FROM {_FROM} WHERE k.id = ?", (course_id,)).fetchone()


def listed(database, client_id: int | None, active_on: str | None) -> list[tuple]:
    """One client's courses or the studio's, soonest to expire first; given `active_on`, only
    those with sessions left and valid that day."""
    return database.execute_sql(
        f"SELECT {COLUMNS} FROM {_FROM} WHERE (? IS NULL OR k.client_id = ?) "
        "AND (? IS NULL OR (k.sessions_used < k.sessions_total AND (k.valid_until IS NULL OR k.valid_until >= ?))) "
        "ORDER BY k.valid_until IS NULL, k.valid_until, k.id",
        (client_id, client_id, active_on, active_on)).fetchall()


def use_session(database, course_id: int) -> bool:
    """One session used by hand; False when none is left (or the course is gone)."""
    return database.execute_sql(
        "UPDATE courses SET sessions_used = sessions_used + 1 WHERE id = ? AND sessions_used < sessions_total",
        (course_id,)).rowcount == 1


def follow_visits(database, client_id: int) -> None:
    """Make the client's course sessions follow her visits: a session used by a visit no longer
    done (or no longer of the course's service) is given back; each done visit of a course's
    service, from the day the course was bought to its last valid day, uses one session of
    the course that expires first, while sessions are left."""
    for course_id, visit_id in database.execute_sql(
            "SELECT cs.course_id, cs.visit_id FROM course_sessions cs JOIN courses k ON k.id = cs.course_id "
            "JOIN visits v ON v.id = cs.visit_id WHERE k.client_id = ? AND (v.status <> 'done' OR NOT EXISTS "
            "(SELECT 1 FROM visit_services vs WHERE vs.visit_id = v.id AND vs.service_id = k.service_id))",
            (client_id,)).fetchall():
        database.execute_sql("DELETE FROM course_sessions WHERE course_id = ? AND visit_id = ?", (course_id, visit_id))
        database.execute_sql("UPDATE courses SET sessions_used = sessions_used - 1 WHERE id = ? AND sessions_used > 0",
                             (course_id,))
    pending = database.execute_sql(
        "SELECT v.id, substr(v.starts_at, 1, 10), vs.service_id FROM visits v "
        "JOIN visit_services vs ON vs.visit_id = v.id "
        "JOIN courses k ON k.client_id = v.client_id AND k.service_id = vs.service_id "
        "WHERE v.client_id = ? AND v.status = 'done' AND NOT EXISTS (SELECT 1 FROM course_sessions cs "
        "JOIN courses u ON u.id = cs.course_id WHERE cs.visit_id = v.id AND u.service_id = vs.service_id) "
        "GROUP BY v.id, vs.service_id ORDER BY v.starts_at, v.id", (client_id,)).fetchall()
    for visit_id, on, service_id in pending:
        course = database.execute_sql(
            "SELECT id FROM courses WHERE client_id = ? AND service_id = ? AND sessions_used < sessions_total "
            "AND (bought_on IS NULL OR bought_on <= ?) AND (valid_until IS NULL OR valid_until >= ?) "
            "ORDER BY valid_until IS NULL, valid_until, id LIMIT 1", (client_id, service_id, on, on)).fetchone()
        if course is not None:
            database.execute_sql("INSERT INTO course_sessions (course_id, visit_id) VALUES (?, ?)",
                                 (course[0], visit_id))
            database.execute_sql("UPDATE courses SET sessions_used = sessions_used + 1 WHERE id = ?", (course[0],))
