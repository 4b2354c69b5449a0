"""Bonus points: each movement (earned, spent, adjusted) dated; the balance is their sum.

Spending never takes the balance below zero, even with two desks spending at once (the
check and the movement are one statement, db.bonuses.spend_if_covered).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from clientbook.domain.text import clean_line
from clientbook.errors import UserError
from clientbook.i18n import N_, _
from clientbook.services.card_text import balance_sentence, points_said  # noqa: F401 (said here too)
from clientbook.services.words import Codes
from db import bonuses as store

KINDS = {"earned": N_("earned"), "spent": N_("spent"), "adjusted": N_("adjusted")}
KINDS_SAID = Codes(tuple(KINDS), {"earned": ["начислено", "начислить"], "spent": ["списано", "списать"],
                                  "adjusted": ["исправлено", "поправка"]},
                   KINDS, N_("{text} is not a bonus movement (one of: {choices})."))


@dataclass(frozen=True)
class Movement:
    id: int
    on_day: date
    kind: str
    points: int  # signed: spending is negative
    note: str

    def as_json(self) -> dict:
        return {"id": self.id, "on_day": self.on_day.isoformat(), "kind": self.kind, "points": self.points,
                "note": self.note}


def movements(database, client_id: int) -> list[Movement]:
    """Newest first."""
    return [Movement(mid, date.fromisoformat(on), kind, points, note)
            for mid, on, kind, points, note in store.movements(database, client_id)]


def balance(database, client_id: int) -> int:
    return store.balance(database, client_id)


def add_movement(database, client_id: int, kind: str, points: int, today: date, note: str = "") -> int:
    """Earn or spend `points` (a positive number), or adjust by a signed one; the balance after.
    Spending more than the balance is refused and writes nothing."""
    if kind not in KINDS:
        raise UserError(KINDS_SAID.refused(kind))
    if points == 0 or (kind != "adjusted" and points < 0):
        raise UserError(_("Say how many points: a whole number above zero (an adjustment may be negative)."))
    with database.atomic():
        if kind == "spent":
            if store.spend_if_covered(database, client_id, today.isoformat(), points, clean_line(note)) is None:
                raise UserError(_("Only {balance} on the balance: {points} cannot be spent.").format(
                    balance=points_said(store.balance(database, client_id)), points=points))
        else:
            store.insert(database, client_id, today.isoformat(), kind, points, clean_line(note))
        return store.balance(database, client_id)


def read_points(text: str) -> tuple[int, str]:
    """«150 за отзыв» as (150, "за отзыв"); a ValueError says what to type."""
    number, _space, note = clean_line(text).partition(" ")
    try:
        points = int(number.replace("+", "", 1))
    except ValueError:
        raise ValueError(_("Say how many points: a whole number above zero (an adjustment may be negative).")) from None
    if points == 0:
        raise ValueError(_("Say how many points: a whole number above zero (an adjustment may be negative)."))
    return points, note
