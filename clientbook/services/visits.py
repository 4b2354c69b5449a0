"""Visits and bookings: writing one, with the refresh of its client's figures."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from clientbook.domain.text import clean_line, clean_notes
from clientbook.errors import UserError
from clientbook.services.figures import refresh_clients
from db.models import VISIT_STATUSES


@dataclass
class NewVisit:
    starts_at: datetime
    services: tuple[str, ...] = ()  # names from the price list
    master: str = ""
    status: str = "done"
    price_cents: int | None = None
    duration_min: int | None = None
    notes: str = ""
    formula: str = ""
    materials: str = ""


def service_names(database) -> list[str]:
    """The price list's names, for a person choosing what was done."""
    return [row[0] for row in database.execute_sql("SELECT name FROM services ORDER BY name")]


def service_id(database, name: str, category: str = "") -> int:
    """A service by name; a new name is added to the price list in `category`."""
    name = clean_line(name)
    row = database.execute_sql("SELECT id FROM services WHERE name = ?", (name,)).fetchone()
    if row:
        return row[0]
    if not clean_line(category):
        raise UserError(f"“{name}” is not in the price list; give its category to add it.")
    return database.execute_sql(
        "INSERT INTO services (name, category) VALUES (?, ?)", (name, clean_line(category))
    ).lastrowid


def master_id(database, name: str) -> int | None:
    """A master by name; a new name is added to the studio's masters."""
    name = clean_line(name)
    if not name:
        return None
    database.execute_sql("INSERT OR IGNORE INTO masters (name) VALUES (?)", (name,))
    return database.execute_sql("SELECT id FROM masters WHERE name = ?", (name,)).fetchone()[0]


def insert_visit(database, client_id: int, visit: NewVisit, categories: dict | None = None,
                 known: dict | None = None) -> int:
    """Write a visit and its services (inside the caller's transaction; no refresh).

    `known` remembers the masters' and services' ids between calls (an import's 100,000
    visits name the same few of each).
    """
    known = {} if known is None else known

    def remembered(kind: str, name: str, find) -> int | None:
        if (kind, name) not in known:
            known[kind, name] = find()
        return known[kind, name]

    if visit.status not in VISIT_STATUSES:
        raise UserError(f"“{visit.status}” is not a visit status (one of: {', '.join(VISIT_STATUSES)}).")
    if visit.price_cents is not None and visit.price_cents < 0:
        raise UserError("A price cannot be negative.")
    visit_id = database.execute_sql(
        "INSERT INTO visits (client_id, starts_at, master_id, status, price_cents, duration_min, "
        "notes, formula, materials, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            client_id, visit.starts_at.isoformat(sep=" ", timespec="seconds"),
            remembered("master", visit.master, lambda: master_id(database, visit.master)),
            visit.status, visit.price_cents,
            visit.duration_min, clean_notes(visit.notes), clean_notes(visit.formula),
            clean_notes(visit.materials), datetime.now().isoformat(sep=" ", timespec="seconds"),
        ),
    ).lastrowid
    for name in visit.services:
        category = (categories or {}).get(name, "")
        database.execute_sql(
            "INSERT OR IGNORE INTO visit_services (visit_id, service_id, price_cents) "
            "VALUES (?, ?, ?)",
            (visit_id, remembered("service", name, lambda: service_id(database, name, category)),  # noqa: B023 (called at once)
             visit.price_cents if len(visit.services) == 1 else None),
        )
    return visit_id


def add_visit(database, client_id: int, visit: NewVisit, categories: dict | None = None) -> int:
    """Add a visit or a booking and refresh the client's figures, in one transaction."""
    with database.atomic():
        visit_id = insert_visit(database, client_id, visit, categories)
        refresh_clients(database, [client_id])
    return visit_id


def set_status(database, visit_id: int, status: str) -> None:
    """Close a booking (done, no-show, cancelled) or reopen it; figures follow."""
    if status not in VISIT_STATUSES:
        raise UserError(f"“{status}” is not a visit status (one of: {', '.join(VISIT_STATUSES)}).")
    with database.atomic():
        row = database.execute_sql("SELECT client_id FROM visits WHERE id = ?", (visit_id,)).fetchone()
        if row is None:
            raise UserError(f"There is no visit {visit_id}.")
        database.execute_sql("UPDATE visits SET status = ? WHERE id = ?", (status, visit_id))
        refresh_clients(database, [row[0]])
