"""Win-back as a case, not a call: a lost client worth returning, worked until she is won
back or lost for good.

A case holds the reason she gave and the one the studio suspects, what would bring her
back, the offer made (dated) and the outcome. Its glance shows her history and what she is
worth: her revenue so far, and what she would bring in a year at her own rhythm. A client
flagged as one who pushes for discounts is said so wherever an offer is made.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from clientbook.domain.text import clean_line, clean_notes
from clientbook.errors import UserError
from clientbook.i18n import N_, _, day, language, money, ngettext
from clientbook.services.card_text import (
    contact_text,
    discounts_warning,  # noqa: F401 (said with an offer)
)
from clientbook.services.clients import contacts_of
from clientbook.services.complaints import complaints
from clientbook.services.contacts import find_reason, reason_choices
from clientbook.services.records import ContactLine
from clientbook.services.words import Codes
from db import cases as store

OUTCOMES = {"open": N_("open"), "won": N_("won back"), "lost": N_("lost for good")}
CLOSING_SAID = Codes(("won", "lost"), {"won": ["вернулась", "вернулся", "вернули"], "lost": ["потеряна", "потерян"]},
                     OUTCOMES, N_("{text} is not how a case ends (one of: {choices})."))
YEAR_DAYS = 365.25
LAST_CONTACTS = 3  # the glance's calls and messages: enough to see how the last tries went
EDITABLE = ("reason", "suspected_reason", "would_return", "offer", "note")
_COLUMN = {"reason": "reason_id", "suspected_reason": "suspected_reason_id"}


@dataclass(frozen=True)
class Case:
    id: int
    client_id: int
    opened_on: date
    reason: str | None  # the code of the reason she gave
    suspected_reason: str | None  # the code of the one the studio suspects
    would_return: str
    offer: str
    offered_on: date | None
    outcome: str  # open, won, lost
    closed_on: date | None
    note: str

    def as_json(self) -> dict:
        return {"id": self.id, "client_id": self.client_id, "opened_on": self.opened_on.isoformat(),
                "reason": self.reason, "suspected_reason": self.suspected_reason,
                "would_return": self.would_return, "offer": self.offer,
                "offered_on": self.offered_on.isoformat() if self.offered_on else None,
                "outcome": self.outcome, "closed_on": self.closed_on.isoformat() if self.closed_on else None,
                "note": self.note}


@dataclass(frozen=True)
class Glance:
    """Her history and her worth, for deciding whether returning her pays."""

    visits: int
    revenue_cents: int  # what she has paid so far
    first_visit: date | None
    last_visit: date | None
    masters: tuple[str, ...]  # who served her, most visits first
    complaints: tuple[str, ...]  # each complaint's text, open ones said so
    year_cents: int | None  # what a year at her rhythm would bring; None without a rhythm
    pushes_for_discounts: bool
    contacts: tuple[ContactLine, ...] = ()  # the last calls and messages, newest first

    def as_json(self) -> dict:
        return {"visits": self.visits, "revenue_cents": self.revenue_cents,
                "first_visit": self.first_visit.isoformat() if self.first_visit else None,
                "last_visit": self.last_visit.isoformat() if self.last_visit else None,
                "masters": list(self.masters), "complaints": list(self.complaints),
                "year_cents": self.year_cents, "pushes_for_discounts": self.pushes_for_discounts,
                "contacts": [{"at": c.at.isoformat(timespec="minutes"), "channel": c.channel, "outcome": c.outcome,
                              "reason": c.reason, "note": c.note} for c in self.contacts]}


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _case(row) -> Case:
    cid, client, opened, reason, suspected, would, offer, offered, outcome, closed, note = row
    return Case(cid, client, date.fromisoformat(opened), reason, suspected, would, offer, _day(offered), outcome,
                _day(closed), note)


def case(database, case_id: int) -> Case:
    row = store.found(database, case_id)
    if row is None:
        raise UserError(_("There is no case {number}.").format(number=case_id))
    return _case(row)


def cases(database, client_id: int | None = None, *, open_only: bool = False) -> list[Case]:
    return [_case(row) for row in store.listed(database, client_id, open_only)]


def open_case(database, client_id: int, today: date) -> tuple[int, bool]:
    """Her open case, or a new one: (its number, whether it is new). A client has one open
    case at a time: opening it again from another desk finds the same."""
    with database.atomic():
        found = store.open_case_of(database, client_id)
        if found is not None:
            return found, False
        return store.insert(database, client_id, today.isoformat()), True


def glance(database, client_id: int) -> Glance:
    visits, revenue, first, last, masters = store.history(database, client_id)
    interval, average = store.rhythm(database, client_id)
    year = round(average * YEAR_DAYS / interval) if interval and average else None
    said = tuple(c.text if c.resolved_on else _("{text} (open)").format(text=c.text)
                 for c in complaints(database, client_id))
    return Glance(visits, revenue, _day(first), _day(last), masters, said, year,
                  store.pushes_for_discounts(database, client_id), contacts_of(database, client_id)[:LAST_CONTACTS])


def work_case(database, before: Case, today: date, **after: str) -> tuple[str, ...]:
    """Write what the admin changed in an open case (`after`: any of EDITABLE, reasons as a
    code or a name), each only while it still holds what `before` read; the fields written.
    An offer written for the first time is dated today."""
    unknown = set(after) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not a case's field: {sorted(unknown)}")
    wanted = {name: (clean_notes(value) if name in ("note", "would_return", "offer") else clean_line(value))
              for name, value in after.items()}
    changed = [name for name in wanted if wanted[name] != (getattr(before, name) or "")]
    if not changed:
        return ()
    with database.atomic():
        changes = {}
        for name in changed:
            old, new = getattr(before, name), wanted[name]
            if name in _COLUMN:
                old, new = store.reason_id(database, old), (find_reason(database, new) if new else None)
            changes[_COLUMN.get(name, name)] = (old, new)
        if "offer" in changed and before.offered_on is None and wanted["offer"]:
            changes["offered_on"] = (None, today.isoformat())
        if not store.update_open(database, before.id, changes):
            now = case(database, before.id)
            if now.outcome != "open":
                raise UserError(closed_already(now))
            raise UserError(_("Not saved: case {number} was changed at another desk meanwhile. "
                              "Look again and write it anew.").format(number=before.id))
    return tuple(changed)


def close_case(database, case_id: int, outcome: str, on: date) -> Case:
    """Won back or lost for good, on `on`; the case as closed. One closed meanwhile is said."""
    if outcome not in ("won", "lost"):
        raise UserError(CLOSING_SAID.refused(outcome))
    with database.atomic():
        found = case(database, case_id)
        if on < found.opened_on:
            raise UserError(_("A case cannot be closed before the day it was opened ({day}).").format(
                day=day(found.opened_on)))
        if not store.close(database, case_id, outcome, on.isoformat()):
            raise UserError(closed_already(case(database, case_id)))
        return case(database, case_id)


def open_and_work(database, client_id: int, today: date, *, pushes_for_discounts: bool | None = None,
                  **fields: str) -> tuple[int, bool, tuple[str, ...]]:
    """Her open case, or a new one, with `fields` written (as work_case) and the discounts flag
    set when given, all or nothing: (its number, whether it is new, the fields written)."""
    with database.atomic():
        number, new = open_case(database, client_id, today)
        written = work_case(database, case(database, number), today, **fields)
        if pushes_for_discounts is not None:
            flag_discounts(database, client_id, pushes_for_discounts)
    return number, new, written


def make_offer(database, case_id: int, text: str, today: date) -> Case:
    """The offer made in an open case (dated the first time one is made); the case as it is now."""
    found = case(database, case_id)
    if found.outcome != "open":
        raise UserError(closed_already(found))
    if not clean_notes(text):
        raise UserError(_("Say what is offered: an offer needs its text."))
    work_case(database, found, today, offer=text)
    return case(database, case_id)


def flag_discounts(database, client_id: int, pushes: bool) -> None:
    store.set_pushes_for_discounts(database, client_id, pushes)


def closed_already(found: Case) -> str:
    return _("Case {number} was closed already: {outcome} ({day}).").format(
        number=found.id, outcome=_(OUTCOMES[found.outcome]), day=day(found.closed_on))


def reason_name(database, code: str | None) -> str:
    return dict(reason_choices(database, language())).get(code, code or "")


def opened_sentence(number: int, new: bool) -> str:
    if new:
        return _("Case {number} opened.").format(number=number)
    return _("Case {number} is open already: go on with it.").format(number=number)


def closed_sentence(found: Case) -> str:
    return _("Case {number}: {outcome} ({day}).").format(number=found.id, outcome=_(OUTCOMES[found.outcome]),
                                                        day=day(found.closed_on))


def offered_sentence(found: Case) -> str:
    return _("Case {number}: the offer is written ({day}).").format(number=found.id, day=day(found.offered_on))


def outcome_wanted() -> str:
    """Closing a case from the command line names how it ended."""
    return _("Say how the case ended: --won or --lost.")


def none_sentence() -> str:
    return _("No win-back cases.")


def case_lines(database, found: Case) -> tuple[str, ...]:
    """What the case holds, a line each: how it ended, the reasons, what would bring her back,
    the offer and the day it was made, the note."""
    offer = f"{found.offer} ({day(found.offered_on)})" if found.offer and found.offered_on else found.offer
    said = ((N_("Stated reason"), reason_name(database, found.reason)),
            (N_("Suspected reason"), reason_name(database, found.suspected_reason)),
            (N_("Would bring back"), found.would_return), (N_("Offer made"), offer), (N_("Note"), found.note))
    return ((closed_sentence(found),) if found.outcome != "open" else ()) + tuple(
        f"{_(label)}: {value}" for label, value in said if value)


def worth_lines(found: Glance) -> tuple[str, ...]:
    """Her worth as the case shows it."""
    lines = [ngettext("Paid so far: {money} for {n} visit", "Paid so far: {money} for {n} visits",
                      found.visits).format(money=money(found.revenue_cents), n=found.visits)]
    if found.year_cents is not None:
        lines.append(_("A year at the usual rhythm: {money}").format(money=money(found.year_cents)))
    return tuple(lines)


def case_heading(found: Case, name: str) -> str:
    """«Возврат № 3: Миронова Полина, открыт 22 нояб. 2026 г.»"""
    return _("Win-back case {number}: {name}, opened {day}").format(number=found.id, name=name,
                                                                    day=day(found.opened_on))


def glance_lines(found: Glance) -> tuple[str, ...]:
    """Her history at a glance: visits and when, who served her, her complaints, the last contacts."""
    lines = []
    if found.first_visit:
        lines.append(_("Visits: {n}, from {first} to {last}").format(n=found.visits, first=day(found.first_visit),
                                                                    last=day(found.last_visit)))
    if found.masters:
        lines.append(_("Served by: {masters}").format(masters=", ".join(found.masters)))
    lines += [_("Complaint: {text}").format(text=text) for text in found.complaints]
    lines += [_("Contact: {text}").format(text=contact_text(contact)) for contact in found.contacts]
    return tuple(lines)


def work_sentence(found: Case) -> str:
    return _("Case {number} saved.").format(number=found.id)


def write_work(database, before: Case, today: date, fields: dict[str, str], pushes: bool,
               close: str | None) -> str:
    """What the case form asked for, in one go: the fields changed, the discounts flag, and
    the case closed if asked; the sentence that says it."""
    with database.atomic():
        work_case(database, before, today, **fields)
        if pushes != store.pushes_for_discounts(database, before.client_id):
            flag_discounts(database, before.client_id, pushes)
        if close:
            return closed_sentence(close_case(database, before.id, close, today))
    return work_sentence(before)
