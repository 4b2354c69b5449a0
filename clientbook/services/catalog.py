"""The studio's price list and its masters: what a visit is chosen from.

A visit names a service and a master only from these lists; a name not on them is added
here, on purpose, with the fields it needs — never stored silently by a visit.
"""
from __future__ import annotations

from dataclasses import dataclass

from clientbook.domain.hours import DEFAULT_HOURS, HoursError, WeeklyHours, hours_text, read_hours
from clientbook.domain.rhythm import IntervalError, read_interval_days
from clientbook.domain.text import clean_line, fold
from clientbook.domain.visits import PriceError, parse_price
from clientbook.errors import UserError
from clientbook.i18n import _
from clientbook.services.card_text import read_track, track_label
from db import catalog as catalog_db


@dataclass(frozen=True)
class MasterLine:
    id: int
    name: str
    hours: WeeklyHours
    active: bool
    visits: int | None  # visits and bookings that name this master (None: not counted)


@dataclass(frozen=True)
class ServiceLine:
    id: int
    name: str
    category: str  # the track the rhythm follows: nails, colour, lashes…
    price_cents: int | None
    duration_min: int | None
    interval_days: int | None  # the default interval before a client's own rhythm is learned
    active: bool
    visits: int | None  # visits that name this service (None: not counted)


def _master(row) -> MasterLine:
    return MasterLine(row[0], row[1], read_hours(row[2]) if row[2] else DEFAULT_HOURS, bool(row[3]), row[4])


def _service(row) -> ServiceLine:
    return ServiceLine(row[0], row[1], row[2], row[3], row[4], row[5], bool(row[6]), row[7])


def masters(database, with_archived: bool = False, with_visits: bool = False) -> list[MasterLine]:
    """The studio's masters by name; archived ones too when asked, and the visits each is
    named on (the price list's column; slow on a large book)."""
    return [_master(row) for row in catalog_db.masters(database, with_archived, with_visits)]


def services(database, with_archived: bool = False, with_visits: bool = False) -> list[ServiceLine]:
    """The price list by category and name; archived services too when asked, and the visits
    of each when asked."""
    return [_service(row) for row in catalog_db.services(database, with_archived, with_visits)]


def find_master(database, name: str, with_visits: bool = False) -> MasterLine | None:
    """A master by exact name (any case, ё = е)."""
    key = fold(clean_line(name))
    return next((m for m in masters(database, True, with_visits) if fold(m.name) == key), None)


def find_service(database, name: str, with_visits: bool = False) -> ServiceLine | None:
    """A service by exact name (any case, ё = е)."""
    key = fold(clean_line(name))
    return next((s for s in services(database, True, with_visits) if fold(s.name) == key), None)


def add_master(database, name: str, hours: str = "") -> int:
    """A new master; `hours` as a person writes a week (empty: the default week)."""
    name = clean_line(name)
    if not name:
        raise UserError(_("A master needs a name."))
    week = read_hours(hours)  # a HoursError says what is wrong
    with database.atomic():
        if found := find_master(database, name):
            raise UserError(_("There already is a master {name}.").format(name=found.name))
        return catalog_db.insert_master(database, name, hours_text(week, "en"))


def book_category(database, category: str) -> str:
    """A category as the book already writes it. «ногти» typed on a book whose price list
    says «Ногти» (an import's, the demo's) is that category, not the built-in nails beside
    it: the clients' rhythm on a track is not split in two. Otherwise as read_track reads it."""
    code, key = read_track(category), fold(category)
    known = catalog_db.categories(database)
    if code in known:
        return code
    return next((found for found in known if read_track(found) == code or fold(found) == key), code)


def add_service(database, name: str, category: str, price_cents: int | None = None,
                duration_min: int | None = None, interval_days: int | None = None) -> int:
    """A new service on the price list, in its track (`category`: a code, its name in either
    language, or a studio's own category)."""
    name, category = clean_line(name), book_category(database, clean_line(category))
    if not name:
        raise UserError(_("A service needs a name."))
    if not category:
        raise UserError(_("Give the service a category (nails, hair, lashes…): its clients' rhythm follows it."))
    with database.atomic():
        if found := find_service(database, name):
            raise UserError(_("“{name}” is already on the price list.").format(name=found.name))
        return catalog_db.insert_service(database, name, category, price_cents, duration_min, interval_days)


# -- a service or a master as typed in a form --------------------------------------------------

class FieldError(UserError):
    """A form's field refused: str() is the sentence, `field` the key of the field at fault."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class ServiceFields:
    name: str
    category: str
    price_cents: int | None
    duration_min: int | None
    interval_days: int | None


@dataclass(frozen=True)
class MasterFields:
    name: str
    hours: str  # the week as the book stores it (hours_text(..., "en"))


def read_duration(text: str) -> int | None:
    """Minutes as typed: a positive whole number, or None when empty."""
    value = text.strip()
    if not value:
        return None
    if not (value.isascii() and value.isdigit()) or int(value) == 0:
        raise UserError(_("“{text}” is not a duration: give whole minutes, for example 90.").format(text=value))
    return int(value)


def read_service_fields(fields: dict[str, str]) -> ServiceFields:
    """A service as typed ("name", "category", "price", "duration", "interval"); FieldError names the field."""
    name, category = clean_line(fields.get("name", "")), clean_line(fields.get("category", ""))
    if not name:
        raise FieldError("name", _("A service needs a name."))
    if not category:
        raise FieldError("category", _("Give the service a category (nails, hair, lashes…): "
                                       "its clients' rhythm follows it."))
    readers = (("price", parse_price, PriceError), ("duration", read_duration, UserError),
               ("interval", read_interval_days, IntervalError))
    values = {}
    for key, read, refused in readers:
        try:
            values[key] = read(fields.get(key, ""))
        except refused as error:
            raise FieldError(key, str(error)) from None
    return ServiceFields(name, read_track(category), values["price"], values["duration"], values["interval"])


def read_master_fields(fields: dict[str, str]) -> MasterFields:
    """A master as typed ("name", "hours"); the week is kept in the book's own form."""
    name = clean_line(fields.get("name", ""))
    if not name:
        raise FieldError("name", _("A master needs a name."))
    try:
        week = read_hours(fields.get("hours", ""))
    except HoursError as error:
        raise FieldError("hours", str(error)) from None
    return MasterFields(name, hours_text(week, "en"))


def add_service_fields(database, fields: ServiceFields) -> int:
    """A new service from a form's reading; its id."""
    return add_service(database, fields.name, fields.category, fields.price_cents, fields.duration_min,
                       fields.interval_days)


def add_master_fields(database, fields: MasterFields) -> int:
    """A new master from a form's reading; its id."""
    return add_master(database, fields.name, fields.hours)


def categories(database) -> list[str]:
    """The tracks the price list already uses, as a form offers them: «ногти», «окрашивание»…"""
    return [track_label(category) for category in catalog_db.categories(database)]


def service_as_typed(line: ServiceLine) -> dict[str, str]:
    """A service's fields as a person would type them: what a form to edit it starts with."""
    return {"name": line.name, "category": track_label(line.category), "price": price_text(line.price_cents),
            "duration": str(line.duration_min or ""), "interval": str(line.interval_days or "")}


def master_as_typed(line: MasterLine | None, language: str) -> dict[str, str]:
    """A master's fields as typed, the week in `language`; None: a new master's (the default week)."""
    if line is None:
        return {"name": "", "hours": hours_text(DEFAULT_HOURS, language)}
    return {"name": line.name, "hours": hours_text(line.hours, language)}


def price_text(cents: int | None) -> str:
    """A price as parse_price reads it back: "2500", "2500,50"; empty for none."""
    if cents is None:
        return ""
    return f"{cents // 100}" + (f",{cents % 100:02d}" if cents % 100 else "")
