"""Complaints: opened from a card or a call, worked, closed with a date.

A complaint names what happened, its type, and if known the visit and master; closing it
records the verdict (justified or not), the resolution and any compensation. Open ones come
first in the brief. The sentences are here; the card, the call list and the command line
only show them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from clientbook.domain.text import clean_line, clean_notes
from clientbook.errors import UserError
from clientbook.i18n import N_, _, day, table_moment
from clientbook.services.clients import visits_of
from clientbook.services.visits import chosen_master_id, master_names, match_master
from clientbook.services.words import Codes
from db import complaints as store

KINDS = {"quality": N_("quality"), "staff": N_("staff"), "rudeness": N_("rudeness"), "hygiene": N_("hygiene"),
         "price": N_("price"), "other": N_("other")}
CHOSEN_FROM = 5  # the visits a complaint opened on screen may name: the last ones
COMPENSATIONS = {"": N_("none"), "redo": N_("redo"), "refund": N_("refund"), "discount": N_("discount")}
# As the command line reads them: the code, or its label in either language («грубость»).
KINDS_SAID = Codes(tuple(KINDS), {}, KINDS, N_("{text} is not a type of complaint (one of: {choices})."))
COMPENSATIONS_SAID = Codes(("redo", "refund", "discount"), {}, COMPENSATIONS,
                           N_("{text} is not a compensation (one of: {choices})."))


@dataclass(frozen=True)
class Complaint:
    id: int
    client_id: int
    opened_on: date
    text: str
    kind: str
    visit_id: int | None
    master: str | None
    justified: bool | None
    resolution: str
    compensation: str
    resolved_on: date | None

    def as_json(self) -> dict:
        return {"id": self.id, "client_id": self.client_id, "opened_on": self.opened_on.isoformat(),
                "text": self.text, "kind": self.kind, "visit_id": self.visit_id, "master": self.master,
                "justified": self.justified, "resolution": self.resolution, "compensation": self.compensation,
                "resolved_on": self.resolved_on.isoformat() if self.resolved_on else None}


def _complaint(row) -> Complaint:
    (cid, client, opened, text, kind, visit, master, justified, resolution, compensation, resolved) = row
    return Complaint(cid, client, date.fromisoformat(opened), text, kind, visit, master,
                     None if justified is None else bool(justified), resolution, compensation,
                     date.fromisoformat(resolved) if resolved else None)


def open_complaint(database, client_id: int, text: str, kind: str, today: date, *,
                   visit_id: int | None = None, master: str = "") -> int:
    """A new open complaint; its number. The visit must be the client's; without a master
    named, the visit's is the one it names."""
    text = clean_notes(text)
    if not text:
        raise UserError(_("Say what happened: a complaint needs its text."))
    if kind not in KINDS:
        raise UserError(_("“{kind}” is not a type of complaint (one of: {kinds}).").format(
            kind=kind, kinds=", ".join(KINDS)))
    with database.atomic():
        master_id = None
        if visit_id is not None:
            theirs, master_id = store.visit_master(database, client_id, visit_id)
            if not theirs:
                raise UserError(_("Visit {visit} is not this client's.").format(visit=visit_id))
        if clean_line(master):
            master_id = chosen_master_id(database, match_master(master, master_names(database)))
        return store.insert(database, client_id, today.isoformat(), text, kind, visit_id, master_id)


def close_complaint(database, complaint_id: int, on: date, *, resolution: str = "",
                    justified: bool | None = None, compensation: str = "") -> Complaint:
    """Close an open complaint on `on`, with the verdict, resolution and compensation; the
    complaint as closed. One closed meanwhile (another window) is said, not closed twice."""
    if compensation not in COMPENSATIONS:
        raise UserError(_("“{what}” is not a compensation (one of: redo, refund, discount).").format(
            what=compensation))
    with database.atomic():
        row = store.found(database, complaint_id)
        if row is None:
            raise UserError(_("There is no complaint {number}.").format(number=complaint_id))
        if on < date.fromisoformat(row[2]):
            raise UserError(_("A complaint cannot be closed before the day it was opened ({day}).").format(
                day=day(date.fromisoformat(row[2]))))
        if not store.close(database, complaint_id, on.isoformat(), clean_notes(resolution),
                           None if justified is None else int(justified), compensation):
            raise UserError(_("Complaint {number} was closed already ({day}).").format(
                number=complaint_id, day=day(date.fromisoformat(row[10]))))
        return _complaint(store.found(database, complaint_id))


def complaints(database, client_id: int | None = None, *, open_only: bool = False) -> list[Complaint]:
    return [_complaint(row) for row in store.listed(database, client_id, open_only)]


def visit_choices(database, client_id: int) -> list[tuple[str, str]]:
    """What a complaint may be about, as (key, label): her last done visits, newest first
    («12.11.2026 11:00  Маникюр  Ольга Смирнова»; the key is the visit's id), then none of
    them. Empty for a client who has had no visit."""
    done = [visit for visit in visits_of(database, client_id) if visit.status == "done"][:CHOSEN_FROM]
    if not done:
        return []
    return [(str(visit.id), "  ".join(part for part in (table_moment(visit.starts_at), ", ".join(visit.services),
                                                         visit.master or "") if part)) for visit in done] + [
        ("none", _("Not about a visit"))]


def opened_sentence(number: int) -> str:
    return _("Complaint {number} opened.").format(number=number)


def closed_sentence(complaint: Complaint) -> str:
    return _("Complaint {number} closed ({day}).").format(number=complaint.id, day=day(complaint.resolved_on))
