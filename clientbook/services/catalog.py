"""The studio's price list and its masters: what a visit is chosen from.

A visit names a service and a master only from these lists; a name not on them is added
here, on purpose, with the fields it needs — never stored silently by a visit.
"""
from __future__ import annotations

from dataclasses import dataclass

from clientbook.domain.hours import DEFAULT_HOURS, WeeklyHours, hours_text, read_hours
from clientbook.domain.text import clean_line, fold
from clientbook.errors import UserError
from clientbook.i18n import _
from db import catalog as catalog_db


@dataclass(frozen=True)
class MasterLine:
    id: int
    name: str
    hours: WeeklyHours
    active: bool
    visits: int  # visits and bookings that name this master


@dataclass(frozen=True)
class ServiceLine:
    id: int
    name: str
    category: str  # the track the rhythm follows: nails, colour, lashes…
    price_cents: int | None
    duration_min: int | None
    interval_days: int | None  # the default interval before a client's own rhythm is learned
    active: bool
    visits: int


def _master(row) -> MasterLine:
    return MasterLine(row[0], row[1], read_hours(row[2]) if row[2] else DEFAULT_HOURS, bool(row[3]), row[4])


def _service(row) -> ServiceLine:
    return ServiceLine(row[0], row[1], row[2], row[3], row[4], row[5], bool(row[6]), row[7])


def masters(database, with_archived: bool = False) -> list[MasterLine]:
    """The studio's masters by name; archived ones too when asked."""
    return [_master(row) for row in catalog_db.masters(database, with_archived)]


def services(database, with_archived: bool = False) -> list[ServiceLine]:
    """The price list by category and name; archived services too when asked."""
    return [_service(row) for row in catalog_db.services(database, with_archived)]


def find_master(database, name: str) -> MasterLine | None:
    """A master by exact name (any case, ё = е)."""
    key = fold(clean_line(name))
    return next((m for m in masters(database, True) if fold(m.name) == key), None)


def find_service(database, name: str) -> ServiceLine | None:
    """A service by exact name (any case, ё = е)."""
    key = fold(clean_line(name))
    return next((s for s in services(database, True) if fold(s.name) == key), None)


def add_master(database, name: str, hours: str = "") -> int:
    """A new master; `hours` as a person writes a week (empty: the default week)."""
    name = clean_line(name)
    if not name:
        raise UserError(_("A master needs a name."))
    week = read_hours(hours)  # a HoursError says what is wrong
    with database.atomic():
        if found := find_master(database, name):
            raise UserError(_("There already is a master {name}.").format(name=found.name))
        return catalog_db.insert_master(database, name, hours_text(week))


def add_service(database, name: str, category: str, price_cents: int | None = None,
                duration_min: int | None = None, interval_days: int | None = None) -> int:
    """A new service on the price list, in its track (`category`)."""
    name, category = clean_line(name), clean_line(category)
    if not name:
        raise UserError(_("A service needs a name."))
    if not category:
        raise UserError(_("Give the service a category (nails, hair, lashes…): its clients' rhythm follows it."))
    with database.atomic():
        if found := find_service(database, name):
            raise UserError(_("“{name}” is already on the price list.").format(name=found.name))
        return catalog_db.insert_service(database, name, category, price_cents, duration_min, interval_days)
