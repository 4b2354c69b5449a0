"""The day's sessions and the small changes a master makes between clients."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from clientbook.domain.names import full_name
from clientbook.domain.text import clean_notes
from clientbook.errors import UserError
from clientbook.i18n import _

# A cancelled booking is not a session; a no-show stays visible for the day's record.
SESSION_STATUSES = ("planned", "tentative", "done", "no_show")


@dataclass(frozen=True)
class Session:
    visit_id: int
    client_id: int
    starts_at: datetime
    status: str
    name: str
    services: tuple[str, ...]
    master: str | None
    has_alerts: bool


def sessions(database, day: date, master_id: int | None = None) -> list[Session]:
    """The sessions booked for `day`, in time order; only one master's when given."""
    start, end = day.isoformat(), (day + timedelta(days=1)).isoformat()
    marks = ",".join("?" * len(SESSION_STATUSES))
    rows = database.execute_sql(
        f"SELECT v.id, v.client_id, v.starts_at, v.status, c.first_name, c.last_name, "
        f"c.patronymic, m.name, c.alerts <> '', "
        f"(SELECT group_concat(s.name, ', ') FROM visit_services vs "
        f" JOIN services s ON s.id = vs.service_id WHERE vs.visit_id = v.id) "
        f"FROM visits v JOIN clients c ON c.id = v.client_id "
        f"LEFT JOIN masters m ON m.id = v.master_id "
        f"WHERE v.starts_at >= ? AND v.starts_at < ? AND v.status IN ({marks}) "
        f"AND (? IS NULL OR v.master_id = ?) ORDER BY v.starts_at, v.id",
        (start, end, *SESSION_STATUSES, master_id, master_id),
    )
    return [
        Session(r[0], r[1], datetime.fromisoformat(r[2]), r[3], full_name(r[4], r[5], r[6]),
                tuple(r[9].split(", ")) if r[9] else (), r[7], bool(r[8]))
        for r in rows
    ]


def masters(database) -> list[tuple[int, str]]:
    """The studio's active masters, by name: to narrow the day to one of them."""
    return [tuple(r) for r in database.execute_sql(
        "SELECT id, name FROM masters WHERE active = 1 ORDER BY name")]


def mark_asked(database, point_id: int, at: datetime, answer: str = "") -> None:
    """A talking point asked about is retired: it leaves the brief, stays on the card with
    the client's answer, if one was noted, and the moment it was asked."""
    with database.atomic():
        changed = database.execute_sql(
            "UPDATE talking_points SET asked_at = ?, answer = ? WHERE id = ? AND asked_at IS NULL",
            (at.isoformat(sep=" ", timespec="seconds"), clean_notes(answer), point_id),
        ).rowcount
    if not changed:
        raise UserError(_("That talking point has already been asked about."))
