"""Who belongs on today's call list, why, and in what order — as pure rules.

The call list is a daily practice: callbacks promised for today and pencilled bookings
to confirm come first and are never cut; then the calls worth most — regulars before
one-off visitors, the more overdue before the less, the higher average check first.
The figures these rules produce are stored per client, so that the list itself is one
query over the book (see db/queries.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta

UNREACHED = ("no_answer", "left_message")  # called, not reached: an attempt and a cool-down
REGULAR_VISITS = 3  # completed visits that make a regular
MESSAGES_BEFORE_A_CALL = 2  # unanswered messages in a row, then call in person
COURSE_CALL_DAYS = 14  # a course ending this soon with sessions left is a reason to call


@dataclass(frozen=True)
class CallSettings:
    cooldown_days: int = 2
    attempt_limit: int = 3  # unanswered attempts in one cycle, then stop
    daily_cap: int = 30
    confirm_days: int = 2  # pencilled bookings are confirmed this many days ahead
    winback_min_visits: int = 2  # a lost client worth winning back came at least this often


@dataclass(frozen=True)
class ContactFact:
    at: datetime
    outcome: str
    callback_on: date | None = None
    closes: bool = False  # declined with a reason that ends the relationship


@dataclass(frozen=True)
class ContactState:
    """What the call log says about calling this client again."""

    callback_on: date | None  # a promised call-back still open: the day she asked for, until she is reached
    quiet_until: date | None  # not reached: leave them be until this day
    attempts: int  # unanswered attempts in this cycle
    unanswered_messages: int  # messages in a row with no answer
    declined: bool  # declined in this cycle
    closed: bool  # declined with a closing reason (moved away...) since the last visit
    wrong_number: bool  # the last call found the number wrong
    last_contact_at: datetime | None
    last_outcome: str | None

    def callable(self, settings: CallSettings) -> bool:
        return not (self.closed or self.wrong_number or self.attempts >= settings.attempt_limit)


def next_step(unanswered_messages: int) -> str:
    """After two unanswered messages the next step is a personal call."""
    return "call" if unanswered_messages >= MESSAGES_BEFORE_A_CALL else "message_or_call"


def contact_state(
    contacts: list[ContactFact], cycle_start: date | None, settings: CallSettings
) -> ContactState:
    """Read the call log; the cycle starts with the last completed visit."""
    ordered = sorted(contacts, key=lambda c: c.at)
    in_cycle = [c for c in ordered if cycle_start is None or c.at.date() >= cycle_start]
    callback_on = quiet_until = None
    unanswered_messages = 0
    for contact in in_cycle:
        if contact.outcome == "callback":
            callback_on = contact.callback_on
        elif contact.outcome not in UNREACHED:
            callback_on = None  # she was spoken to (booked, declined...): the call-back is answered
        # Not reached, the call-back stays open: she is still owed it, at the pace of any
        # unanswered call (the rest below, and the attempt limit).
        if contact.outcome in UNREACHED:
            quiet_until = contact.at.date() + timedelta(days=settings.cooldown_days)
        else:
            quiet_until = None
        if contact.outcome == "left_message":
            unanswered_messages += 1
        elif contact.outcome != "no_answer":
            unanswered_messages = 0
    last = ordered[-1] if ordered else None
    return ContactState(
        callback_on=callback_on,
        quiet_until=quiet_until,
        attempts=sum(1 for c in in_cycle if c.outcome in UNREACHED),
        unanswered_messages=unanswered_messages,
        declined=any(c.outcome == "declined" for c in in_cycle),
        closed=any(c.outcome == "declined" and c.closes for c in in_cycle),
        wrong_number=bool(last and last.outcome == "wrong_number"),
        last_contact_at=last.at if last else None,
        last_outcome=last.outcome if last else None,
    )


def birthday_on(day: int, month: int, year: int) -> date:
    """This year's birthday; 29 February falls on 28 February in common years."""
    return date(2000, month, day) + relativedelta(year=year)  # 2000 has a 29 February


def birthday_keys(today: date) -> list[tuple[int, int]]:
    """The (month, day) birthdays to greet today: 28 February also greets the 29th."""
    keys = [(today.month, today.day)]
    if (today.month, today.day) == (2, 28) and birthday_on(29, 2, today.year) == today:
        keys.append((2, 29))
    return keys


def worth_key(regular: bool, call_value: float | None, overdue_ratio: float | None, average_cents: int | None):
    """Sort key: regulars first, then more to save by a call first (the return model's
    figure, None while the book has none), more overdue first, higher average check first."""
    return (0 if regular else 1, -(call_value or 0.0), -(overdue_ratio or 0.0), -(average_cents or 0))
