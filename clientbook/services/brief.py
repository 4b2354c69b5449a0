"""The brief a master or an admin reads in one minute: alerts first, then what matters."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from clientbook.domain.calls import birthday_on
from clientbook.domain.dates import parse_birthday
from clientbook.services.clients import card
from clientbook.services.records import ClientCard, TalkingPointLine, VisitLine

LAST_VISITS = 3
BIRTHDAY_SOON_DAYS = 14


@dataclass(frozen=True)
class Brief:
    id: int
    name: str
    address_as: str
    phone: str | None
    alerts: str
    expectations: str
    last_visits: tuple[VisitLine, ...]  # completed, newest first, with their technical record
    preferences: tuple[str, ...]
    ask_next_time: tuple[TalkingPointLine, ...]
    open_complaints: tuple[str, ...]
    birthday_in_days: int | None  # a birthday within two weeks
    usual_hour: int | None  # the hour they usually come: for offering slots


def _birthday_in_days(found: ClientCard, today: date) -> int | None:
    if not found.birthday:
        return None
    born = parse_birthday(found.birthday, today)  # YYYY-MM-DD, or --MM-DD without the year
    for year in (today.year, today.year + 1):
        days = (birthday_on(born.day, born.month, year) - today).days
        if 0 <= days <= BIRTHDAY_SOON_DAYS:
            return days
    return None


def brief(database, client_id: int, today: date) -> Brief:
    found = card(database, client_id, today)
    done = tuple(v for v in found.visits if v.status == "done")
    hours = [v.starts_at.hour for v in done[:10]]
    complaints = tuple(
        row[0] for row in database.execute_sql(
            "SELECT text FROM complaints WHERE client_id = ? AND resolved_on IS NULL "
            "ORDER BY opened_on", (client_id,))
    )
    return Brief(
        id=found.id, name=found.name, address_as=found.address_as, phone=found.phone,
        alerts=found.alerts, expectations=found.expectations, last_visits=done[:LAST_VISITS],
        preferences=tuple(f"{p.topic}: {p.text}" if p.topic else p.text for p in found.preferences),
        ask_next_time=tuple(t for t in found.talking_points if t.ask_next_time and not t.asked_at),
        open_complaints=complaints, birthday_in_days=_birthday_in_days(found, today),
        usual_hour=max(set(hours), key=hours.count) if hours else None,
    )


def offer_slots(today: date, usual_hour: int | None) -> tuple[datetime, datetime]:
    """Two concrete slots to offer: the next two working days at the client's usual hour."""
    hour = usual_hour if usual_hour is not None else 11
    slots, day = [], today
    while len(slots) < 2:
        day += timedelta(days=1)
        if day.weekday() != 6:  # most studios rest on Sunday
            slots.append(datetime(day.year, day.month, day.day, hour))
    return slots[0], slots[1]
