"""Visits and bookings: reading one as typed, checking it, writing it with its client's figures.

A visit names its master and services only from the studio's active lists: a name not on
them is refused with UnknownName (the TUI offers to add it, the CLI says the command that
does), never stored silently. Only an import, which brings a studio's history, adds what
its file names, by giving the services' categories (see services/importer.py).

The day rules are clientbook.domain.visits'; the visit form, `add_visit` and the edits keep
them through `check_visit_day`. A booking made on a call is checked by services.contacts.
"""
from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, replace
from datetime import date, datetime

from clientbook.domain.dates import DateError, parse_when
from clientbook.domain.text import clean_line, clean_notes, fold
from clientbook.domain.visits import PriceError, check_booking_day, check_took_place, parse_price
from clientbook.errors import UserError
from clientbook.i18n import _
from clientbook.services.card_text import RECORDS, status_label
from clientbook.services.figures import refresh_clients
from db import catalog as catalog_db
from db import courses as courses_db
from db import visits as visits_db
from db.models import VISIT_STATUSES
from db.stamps import stamp

FORM_FIELDS = ("when", "services", "master", "price", "formula", "materials", "notes", "liked", "disliked",
               "aftercare", "products_sold", "next_suggestion", "satisfaction", "feedback")


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
    liked: str = ""
    disliked: str = ""
    aftercare: str = ""  # what the master advised for home
    products_sold: str = ""
    next_suggestion: str = ""  # the master's "next time": «коррекция через 3 недели»
    satisfaction: int | None = None  # the client's mark, 1 to 5
    feedback: str = ""

    def records(self) -> dict[str, object]:
        """The record's columns as stored: each text cleaned, and the mark."""
        return {**{name: clean_notes(getattr(self, name)) for name in RECORDS}, "satisfaction": self.satisfaction}


class VisitProblem(UserError):
    """What is wrong with one field of a visit as typed (`field`: one of FORM_FIELDS)."""

    def __init__(self, field: str, sentence: str):
        super().__init__(sentence)
        self.field = field


class UnknownName(VisitProblem):
    """A service not on the price list, or a master not among the studio's: `kind` and `name`
    say which, so the TUI can offer to add it and the CLI can say how."""

    def __init__(self, kind: str, name: str):
        self.kind, self.name = kind, name
        if kind == "service":
            super().__init__("services", _("“{name}” is not on the price list.").format(name=name))
        else:
            super().__init__("master", _("“{name}” is not among the studio's masters.").format(name=name))

    @property
    def offer(self) -> str:
        """The question the visit form asks about it."""
        if self.kind == "service":
            return _("“{name}” is not on the price list — add it?").format(name=self.name)
        return _("“{name}” is not among the studio's masters — add this master?").format(name=self.name)


class ArchivedName(VisitProblem):
    """A service or master the studio has archived: said with where it is brought back, never
    offered for adding (it is on the lists already, archived)."""

    def __init__(self, kind: str, name: str):
        self.kind, self.name = kind, name
        super().__init__("services" if kind == "service" else "master",
                         _("“{name}” is archived: restore it on the price list screen (F7, a).").format(name=name))


def _shell_quoted(name: str) -> str:
    """A name as typed in a command: in double quotes, or shell-quoted when those would not do."""
    return f'"{name}"' if not re.search(r'["\\$`]', name) else shlex.quote(name)


def how_to_restore(error: ArchivedName) -> str:
    """The refusal as the command line says it, with the command that brings the name back."""
    name = _shell_quoted(error.name)
    command = f"clientbook {'services' if error.kind == 'service' else 'masters'} restore {name}"
    return _("“{name}” is archived. Restore it with: {command}").format(name=error.name, command=command)


def service_names(database) -> list[str]:
    """The active price list's names, for a person choosing what was done."""
    return visits_db.active_names(database, "services")


def master_names(database) -> list[str]:
    """The studio's active masters' names."""
    return visits_db.active_names(database, "masters")


def archived_names(database) -> tuple[list[str], list[str]]:
    """The archived services' and masters' names: typed in a visit, they are said to be archived."""
    return visits_db.archived_names(database, "services"), visits_db.archived_names(database, "masters")


def check_visit_day(status: str, when: datetime, today: date) -> None:
    """A visit marked done is not in the future; a booking is today or later (UserError)."""
    try:
        check_took_place(status, when.date(), today)
        check_booking_day(status, when.date(), today)
    except DateError as error:
        raise UserError(str(error)) from None


def _one_named(text: str, names) -> list[str]:
    """The names that fold to what was typed; else those it is the start of."""
    key = fold(text)
    exact = sorted(name for name in names if fold(name) == key)
    return exact[:1] if exact else sorted(name for name in names if fold(name).startswith(key))


def _match(text: str, known, kind: str, archived=()) -> str:
    """A name from `known` by what was typed: any case, ё = е, or the start of one name.
    One of `archived` (and of no active name) is ArchivedName; none at all, UnknownName."""
    text = clean_line(text)
    starting = _one_named(text, known)
    if len(starting) == 1:
        return starting[0]
    if starting:
        raise VisitProblem("services" if kind == "service" else "master",
                           _("“{text}” could be: {names}.").format(text=text, names=", ".join(starting)))
    old = _one_named(text, archived)
    if len(old) == 1:
        raise ArchivedName(kind, old[0])
    raise UnknownName(kind, text)


def match_service(text: str, known, archived=()) -> str:
    """A price-list name from what was typed (UnknownName when none, ArchivedName when it is an
    archived one's, the candidates when several)."""
    return _match(text, known, "service", archived)


def match_master(text: str, known, archived=()) -> str:
    """A master's name from what was typed, as match_service."""
    return _match(text, known, "master", archived)


def typed_services(text: str) -> list[str]:
    """The services as typed in one line, separated by commas or semicolons."""
    return [s.strip() for s in re.split(r"[,;]", text) if s.strip()]


def read_visit(fields: dict[str, str], status: str, known_services, today: date, *,
               known_masters=(), now: datetime | None = None,
               was: tuple[str, datetime] | None = None, need_time: bool = True,
               archived: tuple = ((), ())) -> NewVisit:
    """A visit or booking as a person types it (when, services, master, price, the record),
    checked; VisitProblem (a UserError naming the field) with the sentence to show.

    An empty "when" is `now` for a visit done; a booking needs its day and time (a visit
    done, its day only, when `need_time` is off). `was` is an edited visit's (status,
    moment): the day rules hold when either changes. `archived` is (services, masters)
    archived: typed, they are said to be (ArchivedName), not offered for adding.
    """
    when_text = fields["when"].strip()
    if not when_text and status == "done" and now is not None:
        when = now.replace(second=0, microsecond=0)
    elif not when_text:
        raise VisitProblem("when", _("Give the day and time, for example {example}.").format(
            example=f"{today:%d.%m} 14:30"))
    else:
        try:
            when = parse_when(when_text, today, need_time=need_time or status != "done")
        except DateError as error:
            raise VisitProblem("when", str(error)) from None
    if was is None or was != (status, when):
        try:
            check_visit_day(status, when, today)
        except UserError as error:
            raise VisitProblem("when", str(error)) from None
    typed = typed_services(fields["services"])
    if not typed:
        raise VisitProblem("services", _("Name at least one service from the price list."))
    old_services, old_masters = archived
    services = tuple(dict.fromkeys(match_service(s, known_services, old_services) for s in typed))
    master = match_master(fields["master"], known_masters, old_masters) if clean_line(fields["master"]) else ""
    try:
        price = parse_price(fields["price"])
    except PriceError as error:
        raise VisitProblem("price", str(error)) from None
    try:
        satisfaction = read_satisfaction(fields.get("satisfaction", ""))
    except UserError as error:
        raise VisitProblem("satisfaction", str(error)) from None
    return NewVisit(when, services, master=master, status=status, price_cents=price, satisfaction=satisfaction,
                    **{name: fields.get(name, "") for name in RECORDS})


def read_satisfaction(text: str) -> int | None:
    """The client's mark as typed: empty for none, else a whole number from 1 to 5."""
    text = clean_line(text)
    if not text:
        return None
    if text not in ("1", "2", "3", "4", "5"):
        raise UserError(_("Satisfaction is a mark from 1 to 5 (empty: not asked), not “{text}”.").format(text=text))
    return int(text)


def list_price(database, services: tuple[str, ...]) -> int | None:
    """The price list's price of these services together; None when one has no price."""
    terms = catalog_db.service_terms(database, tuple(dict.fromkeys(services)))
    found = [terms[name][0] if name in terms else None for name in services]
    return sum(found) if found and None not in found else None


def list_duration(database, services: tuple[str, ...]) -> int | None:
    """How long these services take by the price list; None when one has no duration."""
    terms = catalog_db.service_terms(database, tuple(dict.fromkeys(services)))
    found = [terms[name][1] if name in terms else None for name in services]
    return sum(found) if found and None not in found else None


def shell_refusal(error: UnknownName | ArchivedName) -> str:
    """A name refused as the command line says it: with the command that adds it, or that
    brings an archived one back."""
    return how_to_restore(error) if isinstance(error, ArchivedName) else f"{error} {how_to_add(error)}"


def how_to_add(error: UnknownName) -> str:
    """The command that adds the name a visit was refused for."""
    name = _shell_quoted(error.name)
    command = (f"clientbook services add {name} --category {_('CATEGORY')}" if error.kind == "service"
               else f"clientbook masters add {name}")
    return _("Add it with: {command}").format(command=command)


def service_id(database, name: str, category: str = "") -> int:
    """A service by name; with a category (an import's), a new name is added to the price list."""
    name = clean_line(name)
    found = visits_db.id_by_name(database, "services", name, active_only=not category)
    if found is not None:
        return found
    if not clean_line(category):
        if visits_db.id_by_name(database, "services", name, active_only=False) is not None:
            raise ArchivedName("service", name)
        raise UnknownName("service", name)
    return visits_db.add_service_named(database, name, clean_line(category))


def master_id(database, name: str) -> int | None:
    """An import's master by name: one its file names is added to the studio's masters."""
    name = clean_line(name)
    return visits_db.add_master_named(database, name) if name else None


def chosen_master_id(database, name: str) -> int | None:
    """A master chosen from the studio's active ones, by exact name; UnknownName otherwise."""
    name = clean_line(name)
    if not name:
        return None
    found = visits_db.id_by_name(database, "masters", name, active_only=True)
    if found is None:
        if visits_db.id_by_name(database, "masters", name, active_only=False) is not None:
            raise ArchivedName("master", name)
        raise UnknownName("master", name)
    return found


def check_visit(visit: NewVisit) -> None:
    if visit.status not in VISIT_STATUSES:
        raise UserError(_("“{status}” is not a visit status (one of: {statuses}).").format(
            status=visit.status, statuses=", ".join(VISIT_STATUSES)))
    if visit.price_cents is not None and visit.price_cents < 0:
        raise VisitProblem("price", _("A price cannot be negative."))


def insert_visit(database, client_id: int, visit: NewVisit, categories: dict | None = None,
                 known: dict | None = None) -> int:
    """Write a visit and its services (inside the caller's transaction; no refresh).

    Without `categories`, its master and services are the studio's active ones (UnknownName
    otherwise). With them — an import's "add what the file names" — a service missing from
    the price list is added in its category and a master missing from the studio is added.
    `known` remembers the masters' and services' ids between calls (an import's 100,000
    visits name the same few of each).
    """
    known = {} if known is None else known
    adding = categories is not None

    def remembered(kind: str, name: str, find) -> int | None:
        if (kind, name) not in known:
            known[kind, name] = find()
        return known[kind, name]

    check_visit(visit)
    master = remembered("master", visit.master, lambda: (master_id if adding else chosen_master_id)(
        database, visit.master))
    services = [remembered("service", name, lambda: service_id(database, name, (categories or {}).get(name, "")))  # noqa: B023 (called at once)
                for name in visit.services]
    visit_id = visits_db.insert_visit(database, {
        "client_id": client_id, "starts_at": visit.starts_at.isoformat(sep=" ", timespec="seconds"),
        "master_id": master, "status": visit.status, "price_cents": visit.price_cents,
        "duration_min": visit.duration_min, **visit.records(), "created_at": stamp(database)})
    for service in services:
        visits_db.add_visit_service(database, visit_id, service, visit.price_cents if len(services) == 1 else None)
    return visit_id


def add_visit(database, client_id: int, visit: NewVisit, categories: dict | None = None, *,
              today: date) -> int:
    """Add a visit or a booking and refresh the client's figures, in one transaction."""
    check_visit_day(visit.status, visit.starts_at, today)
    # Left empty, the price and the length are the price list's, as a booking on a call takes
    # them: the figures count the price, the free slots around the visit its length.
    if visit.price_cents is None:
        visit = replace(visit, price_cents=list_price(database, visit.services))
    if visit.duration_min is None:
        visit = replace(visit, duration_min=list_duration(database, visit.services))
    with database.atomic():
        visit_id = insert_visit(database, client_id, visit, categories)
        courses_db.follow_visits(database, client_id)  # a done visit of a course's service uses a session
        refresh_clients(database, [client_id])
    return visit_id


def set_status(database, visit_id: int, status: str, today: date, expected: str | None = None) -> None:
    """Close a booking (done, no-show, cancelled) or reopen it; figures follow.

    The day rules of a new visit hold: tomorrow's booking cannot be marked done. `expected`
    is the status the screen read: one changed meanwhile is refused, not written over (the
    command line, which read nothing, gives None).
    """
    if status not in VISIT_STATUSES:
        raise UserError(_("“{status}” is not a visit status (one of: {statuses}).").format(
            status=status, statuses=", ".join(VISIT_STATUSES)))
    with database.atomic():
        found = visits_db.client_start_status(database, visit_id)
        if found is None:
            raise UserError(_("There is no visit {id}.").format(id=visit_id))
        client_id, starts_at, current = found
        if expected is not None and current != expected:
            raise UserError(_("Not changed: this visit was marked “{now}” meanwhile (it was “{then}”). "
                              "Look again and choose.").format(now=status_label(current),
                                                               then=status_label(expected)))
        check_visit_day(status, datetime.fromisoformat(starts_at), today)
        if not visits_db.set_visit_status(database, visit_id, status, current):
            raise UserError(_("There is no visit {id}.").format(id=visit_id))
        courses_db.follow_visits(database, client_id)
        refresh_clients(database, [client_id])
