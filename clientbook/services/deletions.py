"""Deleting from a card — a visit, a preference, a talking point — and putting it back.

Nothing is lost by a slip: a deletion returns what it removed (Deleted), and `put_back`
restores the same rows with the same ids, in one transaction with the client's figures.
A call that booked a deleted visit keeps its row (pointing at no visit) and points at it
again once it is back.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from clientbook.errors import UserError
from clientbook.i18n import _, day
from clientbook.services.figures import refresh_clients
from clientbook.services.records import VisitLine
from db import card_edits as card_db

TABLES = {"visit": "visits", "preference": "preferences", "talking_point": "talking_points"}


@dataclass(frozen=True)
class Deleted:
    """A row deleted from a card, with everything needed to put it back as it was."""

    kind: str  # visit | preference | talking_point
    client_id: int
    row: tuple[tuple[str, object], ...]  # (column, value), the id among them
    what: str  # how a person names it: "the visit of Nov 21, 2026: Маникюр"
    services: tuple[tuple[int, int | None], ...] = ()  # a visit's (service id, price)
    contacts: tuple[int, ...] = ()  # calls that booked the visit
    complaints: tuple[int, ...] = ()

    @property
    def id(self) -> int:
        return int(dict(self.row)["id"])


def visit_named(when: datetime, services) -> str:
    """A visit as a question or a toast names it: its day and time, and its services."""
    return _("the visit of {day}, {time}: {services}").format(
        day=day(when.date()), time=f"{when:%H:%M}", services=", ".join(services) or "—")


def delete_question(visit: VisitLine) -> str:
    return _("Delete {what}?").format(what=visit_named(visit.starts_at, visit.services))


def deleted_sentence(deleted: Deleted) -> str:
    return _("Deleted: {what}.").format(what=deleted.what)


def put_back_sentence(deleted: Deleted) -> str:
    return _("Put back: {what}.").format(what=deleted.what)


def delete_visit(database, visit_id: int) -> Deleted:
    """Delete a visit and its services; the client's figures follow."""
    with database.atomic():
        row = card_db.row(database, "visits", visit_id)
        if row is None:
            raise UserError(_("That visit is no longer in the book."))
        names = card_db.service_names_of(database, visit_id)
        deleted = Deleted("visit", row["client_id"], tuple(row.items()),
                          visit_named(datetime.fromisoformat(str(row["starts_at"])), names),
                          services=tuple(card_db.visit_services(database, visit_id)),
                          contacts=tuple(card_db.linked(database, "contacts", visit_id)),
                          complaints=tuple(card_db.linked(database, "complaints", visit_id)))
        card_db.delete(database, "visits", visit_id)  # its services go with it; calls keep their rows
        refresh_clients(database, [deleted.client_id])
    return deleted


def _delete_note(database, kind: str, row_id: int, what: str) -> Deleted:
    with database.atomic():
        row = card_db.row(database, TABLES[kind], row_id)
        if row is None:
            raise UserError(_("It is no longer in the book."))
        card_db.delete(database, TABLES[kind], row_id)
    return Deleted(kind, row["client_id"], tuple(row.items()), what.format(text=row["text"]))


def delete_preference(database, preference_id: int) -> Deleted:
    return _delete_note(database, "preference", preference_id, _("the preference “{text}”"))


def delete_talking_point(database, point_id: int) -> Deleted:
    return _delete_note(database, "talking_point", point_id, _("the talking point “{text}”"))


def put_back(database, deleted: Deleted) -> None:
    """The deleted rows again, with their ids; refused with a sentence when that cannot be."""
    table = TABLES[deleted.kind]
    row = dict(deleted.row)
    with database.atomic():
        if not card_db.exists(database, "clients", deleted.client_id):
            raise UserError(_("The client has been forgotten since: there is nothing to put back."))
        there = card_db.row(database, table, deleted.id)
        if there == row:
            raise UserError(_("It is back already."))
        if there is not None:  # its id went to a row added since: back under a new one
            row.pop("id")
        if deleted.kind == "visit":
            master_gone = row["master_id"] is not None and not card_db.exists(database, "masters", row["master_id"])
            if master_gone or not all(card_db.exists(database, "services", sid) for sid, _price in deleted.services):
                raise UserError(_("Its master or a service has left the book since: it cannot be put back."))
        row_id = card_db.insert(database, table, row)
        if deleted.kind == "visit":
            card_db.set_visit_services(database, row_id, list(deleted.services))
            card_db.relink(database, "contacts", list(deleted.contacts), row_id)
            card_db.relink(database, "complaints", list(deleted.complaints), row_id)
            refresh_clients(database, [deleted.client_id])
