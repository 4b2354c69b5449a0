"""Correcting a visit: only the fields a person changed are written, and only while they still
hold what the screen read; otherwise a sentence says what they hold now. Figures follow in
the same transaction."""
from __future__ import annotations

from datetime import datetime, time

from clientbook.domain.text import clean_line
from clientbook.errors import UserError
from clientbook.i18n import N_, _, money
from clientbook.services.card_text import RECORD_LABELS, RECORDS, status_label
from clientbook.services.figures import refresh_clients
from clientbook.services.records import VisitLine
from clientbook.services.visit_booking import check_booking_free
from clientbook.services.visits import (
    ArchivedName,
    NewVisit,
    UnknownName,
    check_visit,
    check_visit_day,
    chosen_master_id,
)
from db import card_edits as card_db
from db import courses as courses_db

FIELD_LABELS = {"starts_at": N_("When"), "status": N_("Status"), "master_id": N_("Master"),
                "services": N_("Services"), "price_cents": N_("Price"), **RECORD_LABELS}
GONE = N_("That visit is no longer in the book.")


def _moment(when: datetime) -> str:
    return when.isoformat(sep=" ", timespec="seconds")


def _shown(column: str, value) -> str:
    """A column's value as a person reads it, for a sentence."""
    if column == "starts_at":
        return f"{datetime.fromisoformat(str(value)):%Y-%m-%d %H:%M}"
    if column == "status":
        return status_label(str(value))
    if column == "price_cents":
        return money(value) or "—"
    if column == "services":
        return ", ".join(value) or "—"
    return str(value) if value not in (None, "") else "—"


def conflict(column: str, now, then) -> UserError:
    return UserError(_("Not saved: this visit was changed meanwhile — {field}: “{now}” (it was “{then}”). "
                       "Open it again.").format(field=_(FIELD_LABELS[column]), now=_shown(column, now),
                                                then=_shown(column, then)))


def _as_read(before: VisitLine) -> dict[str, object]:
    return {"starts_at": before.starts_at, "status": before.status, "master_id": before.master or "",
            "price_cents": before.price_cents, **{name: getattr(before, name) for name in (*RECORDS, "satisfaction")}}


def _as_stored(database, row: dict) -> dict[str, object]:
    """The row as the screen reads it: a moment, the master's name."""
    return {"starts_at": datetime.fromisoformat(str(row["starts_at"])), "status": row["status"],
            "master_id": card_db.master_name(database, row["master_id"]), "price_cents": row["price_cents"],
            **{name: row[name] for name in (*RECORDS, "satisfaction")}}


def edit_visit(database, before: VisitLine, after: NewVisit, *, today, now: datetime | None = None) -> tuple[str, ...]:
    """Write what differs between the visit as read (`before`) and as corrected (`after`);
    the columns changed ("services" for its services). The day rules hold when its day or
    status changes; a master or service newly named must be the studio's; a booking moved,
    given another master or services, or reopened must find its master free (the next free
    slot is looked for from `now`, else from the day's start)."""
    check_visit(after)
    wanted = {"starts_at": after.starts_at, "status": after.status, "master_id": clean_line(after.master),
              "price_cents": after.price_cents, **after.records()}
    read = _as_read(before)
    changed = [column for column in wanted if wanted[column] != read[column]]
    services_changed = sorted(after.services) != sorted(before.services)
    if not changed and not services_changed:
        return ()
    if "starts_at" in changed or "status" in changed:
        check_visit_day(after.status, after.starts_at, today)
    with database.atomic():
        row = card_db.row(database, "visits", before.id)
        if row is None:
            raise UserError(_(GONE))
        stored = _as_stored(database, row)
        for column in changed:
            if stored[column] != read[column]:
                raise conflict(column, stored[column], read[column])
        current_services = card_db.service_names_of(database, before.id)
        if services_changed and sorted(current_services) != sorted(before.services):
            raise conflict("services", current_services, before.services)
        check_booking_free(database, after, now or datetime.combine(today, time.min), before)
        changes = {}
        for column in changed:
            old, new = row[column], wanted[column]
            if column == "starts_at":
                new = _moment(after.starts_at)
            elif column == "master_id":
                new = chosen_master_id(database, after.master)
            changes[column] = (old, new)
        if changes and not card_db.update_if_unchanged(database, "visits", before.id, changes):
            raise UserError(_(GONE))
        if services_changed or ("price_cents" in changed and len(after.services) == 1):
            _write_services(database, before, after)
        courses_db.follow_visits(database, row["client_id"])  # done or undone, of the service or not
        refresh_clients(database, [row["client_id"]])
    return (*changed, *(("services",) if services_changed else ()))


def _write_services(database, before: VisitLine, after: NewVisit) -> None:
    """The visit's services as corrected: a new one must be on the active price list (an
    archived one it had already may stay); one service carries the visit's price."""
    ids = card_db.service_ids(database, list(after.services))
    for name in after.services:
        if name not in ids:
            raise UnknownName("service", name)
        if name not in before.services and not card_db.service_active(database, ids[name]):
            raise ArchivedName("service", name)
    price = after.price_cents if len(after.services) == 1 else None
    card_db.set_visit_services(database, before.id, [(ids[name], price) for name in after.services])
