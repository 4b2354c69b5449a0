"""Visits and bookings: reading one as typed, checking it, writing it with its client's figures.

The day rules are clientbook.domain.visits'; the TUI's visit form and `add_visit` both keep
them through `check_visit_day`. A booking made on a call is checked by services.contacts;
an import writes the studio's history with `insert_visit` (see services/importer.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from clientbook.domain.dates import DateError, parse_when
from clientbook.domain.text import clean_line, clean_notes, fold
from clientbook.domain.visits import PriceError, check_booking_day, check_took_place, parse_price
from clientbook.errors import UserError
from clientbook.i18n import _
from clientbook.services.figures import refresh_clients
from db import visits as visits_db
from db.models import VISIT_STATUSES
from db.stamps import stamp


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


def check_visit_day(status: str, when: datetime, today: date) -> None:
    """A visit marked done is not in the future; a booking is today or later (UserError)."""
    try:
        check_took_place(status, when.date(), today)
        check_booking_day(status, when.date(), today)
    except DateError as error:
        raise UserError(str(error)) from None


def match_service(text: str, known: set[str]) -> str:
    """A price-list name from what was typed: any case, ё = е, or the start of one name."""
    key = fold(clean_line(text))
    exact = sorted(name for name in known if fold(name) == key)
    if exact:
        return exact[0]
    starting = sorted(name for name in known if fold(name).startswith(key))
    if len(starting) == 1:
        return starting[0]
    if starting:
        raise UserError(_("“{text}” could be: {names}.").format(text=text, names=", ".join(starting)))
    raise UserError(_("Not in the price list: {names}.").format(names=text))


def read_visit(fields: dict[str, str], status: str, known_services: set[str], today: date) -> NewVisit:
    """A visit or booking as a person types it (when, services, master, price, the record),
    checked; UserError with the sentence to show."""
    try:
        when = parse_when(fields["when"], today, need_time=True)
    except DateError as error:
        raise UserError(str(error)) from None
    check_visit_day(status, when, today)
    typed = [s.strip() for s in re.split(r"[,;]", fields["services"]) if s.strip()]
    if not typed:
        raise UserError(_("Name at least one service from the price list."))
    services = tuple(dict.fromkeys(match_service(s, known_services) for s in typed))
    try:
        price = parse_price(fields["price"])
    except PriceError as error:
        raise UserError(str(error)) from None
    return NewVisit(when, services, master=fields["master"], status=status, price_cents=price,
                    formula=fields["formula"], materials=fields["materials"], notes=fields["notes"])


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
            clean_notes(visit.materials), stamp(database),
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


def add_visit(database, client_id: int, visit: NewVisit, categories: dict | None = None, *,
              today: date) -> int:
    """Add a visit or a booking and refresh the client's figures, in one transaction."""
    check_visit_day(visit.status, visit.starts_at, today)
    with database.atomic():
        visit_id = insert_visit(database, client_id, visit, categories)
        refresh_clients(database, [client_id])
    return visit_id


def set_status(database, visit_id: int, status: str, today: date) -> None:
    """Close a booking (done, no-show, cancelled) or reopen it; figures follow.

    The day rules of a new visit hold: tomorrow's booking cannot be marked done.
    """
    if status not in VISIT_STATUSES:
        raise UserError(f"“{status}” is not a visit status (one of: {', '.join(VISIT_STATUSES)}).")
    with database.atomic():
        found = visits_db.client_and_start(database, visit_id)
        if found is None:
            raise UserError(f"There is no visit {visit_id}.")
        client_id, starts_at = found
        check_visit_day(status, datetime.fromisoformat(starts_at), today)
        visits_db.set_visit_status(database, visit_id, status)
        refresh_clients(database, [client_id])
