"""The plain records services hand to the CLI and the TUI (never live peewee rows)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class ClientHit:
    id: int
    external_id: str | None
    name: str
    phone: str | None  # E.164
    archived: bool = False


@dataclass(frozen=True)
class VisitLine:
    id: int
    starts_at: datetime
    status: str
    master: str | None
    services: tuple[str, ...]
    price_cents: int | None
    duration_min: int | None = None
    formula: str = ""
    materials: str = ""
    notes: str = ""
    liked: str = ""
    disliked: str = ""
    aftercare: str = ""
    next_suggestion: str = ""
    satisfaction: int | None = None
    feedback: str = ""
    products_sold: str = ""
    tracks: tuple[str, ...] = ()  # the track (category) of each of `services`, in their order
    written_by: str = ""  # the desk and the person who wrote it last (services.desks.writer_text)


@dataclass(frozen=True)
class ContactLine:
    at: datetime
    channel: str
    outcome: str
    reason: str | None  # the code of the reason for declining
    callback_on: date | None
    note: str
    reason_name: str = ""  # that reason as the interface's language names it
    written_by: str = ""  # the desk and the person who recorded it (services.desks.writer_text)


@dataclass(frozen=True)
class TalkingPointLine:
    id: int
    text: str
    noted_on: date
    ask_next_time: bool
    asked_at: datetime | None
    answer: str = ""  # what the client said, noted when it was asked


@dataclass(frozen=True)
class PreferenceLine:
    topic: str
    text: str
    id: int = 0


@dataclass(frozen=True)
class TrackLine:
    """A client's rhythm on one service track, as of a day."""

    track: str
    visits: int
    last_visit: date
    interval_days: float
    source: str  # manual | learned | service | studio
    learned_days: float | None
    spread_days: float | None
    due_on: date
    tier: str  # not_due | due_soon | due | at_risk | lost


@dataclass(frozen=True)
class ClientCard:
    id: int
    external_id: str | None
    first_name: str
    last_name: str
    patronymic: str
    name: str
    address_as: str
    phone: str | None
    phone_alt: str | None
    email: str | None
    messengers: dict[str, str]
    preferred_channel: str | None
    birthday: str | None  # YYYY-MM-DD, or --MM-DD without a year
    source: str | None
    referred_by: str | None
    preferred_master: str | None
    consent_reminders: bool
    consent_offers: bool
    do_not_contact: bool
    alerts: str
    expectations: str
    notes: str
    interval_override_days: int | None
    bonus_balance: int  # the sum of her bonus movements
    created_at: datetime
    archived_at: datetime | None
    tags: tuple[str, ...] = ()
    preferences: tuple[PreferenceLine, ...] = ()
    talking_points: tuple[TalkingPointLine, ...] = ()
    visits: tuple[VisitLine, ...] = field(default=())
    contacts: tuple[ContactLine, ...] = ()
    rhythm: tuple[TrackLine, ...] = ()
    booked_until: date | None = None  # the latest booking: coming, not due
    gender: str | None = None  # "f" or "m" as set on the card; None: as her name tells
    chances: tuple[float, float | None] | None = None  # (comes back by herself within 90 days, still a client)
    pushes_for_discounts: bool = False  # won back by a discount once: later offers see it
    courses: tuple[Course, ...] = ()  # those with sessions left and still valid today
    open_complaints: tuple[str, ...] = ()  # what happened, oldest first

    @property
    def said_gender(self) -> str | None:
        """"f", "m", or None when neither the card nor the name tells (Саша, Женя)."""
        from clientbook.domain.russian import gender

        return self.gender or gender(self.first_name, self.patronymic)


@dataclass(frozen=True)
class Course:
    id: int
    client_id: int
    title: str
    service: str | None  # the service whose done visits use its sessions
    sessions_total: int
    sessions_used: int
    valid_until: date | None
    bought_on: date | None
    gift_from: str  # who gave it; '' when she bought it herself

    @property
    def sessions_left(self) -> int:
        return self.sessions_total - self.sessions_used

    def as_json(self) -> dict:
        return {"id": self.id, "client_id": self.client_id, "title": self.title, "service": self.service,
                "sessions_total": self.sessions_total, "sessions_used": self.sessions_used,
                "sessions_left": self.sessions_left,
                "valid_until": self.valid_until.isoformat() if self.valid_until else None,
                "bought_on": self.bought_on.isoformat() if self.bought_on else None, "gift_from": self.gift_from}


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def course_from_row(row) -> Course:
    cid, client, title, service, total, used, until, bought, gift = row
    return Course(cid, client, title, service, total, used, _day(until), _day(bought), gift)
