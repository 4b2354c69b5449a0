"""The brief a master or an admin reads in one minute: alerts first, then what matters."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from clientbook.domain.calls import birthday_on
from clientbook.domain.dates import parse_birthday
from clientbook.i18n import _, ngettext
from clientbook.services.clients import card
from clientbook.services.records import ClientCard, Course, TalkingPointLine, VisitLine
from clientbook.services.slots import free_slots
from clientbook.services.usual_visit import usual_visit

LAST_VISITS = 3
BIRTHDAY_SOON_DAYS = 14
OFFERED_SLOTS = 2  # "Tuesday at three or Wednesday at three?": two concrete choices
OFFER_HOUR = 11  # for a client whose usual hour is not known yet


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
    offer: tuple[datetime, ...] = ()  # free slots to offer on a call (read when asked for)
    gender: str | None = None  # "f", "m", or None when neither the card nor the name tells
    last_of_track: tuple[VisitLine, ...] = ()  # each track's latest completed visit, newest first
    chances: tuple[float, float | None] | None = None  # (comes back by herself within 90 days, still a client)
    courses: tuple[Course, ...] = ()  # with sessions left and valid today, soonest to end first
    bonus_balance: int = 0
    pushes_for_discounts: bool = False


def _birthday_in_days(found: ClientCard, today: date) -> int | None:
    if not found.birthday:
        return None
    born = parse_birthday(found.birthday, today)  # YYYY-MM-DD, or --MM-DD without the year
    for year in (today.year, today.year + 1):
        days = (birthday_on(born.day, born.month, year) - today).days
        if 0 <= days <= BIRTHDAY_SOON_DAYS:
            return days
    return None


def birthday_soon(days: int) -> str:
    """A birthday within the brief's two weeks: «День рождения сегодня», «…через 3 дня»."""
    if days == 0:
        return _("Birthday today")
    if days == 1:
        return _("Birthday tomorrow")
    return ngettext("Birthday in {n} day", "Birthday in {n} days", days).format(n=days)


def _last_of_each_track(done: tuple[VisitLine, ...]) -> tuple[VisitLine, ...]:
    """The latest completed visit of each track (done is newest first); a visit on two tracks once."""
    seen, found = set(), []
    for visit in done:
        if set(visit.tracks) - seen:
            found.append(visit)
            seen |= set(visit.tracks)
    return tuple(found)


def _usual_hour(done: tuple[VisitLine, ...]) -> int | None:
    hours = [v.starts_at.hour for v in done[:10]]
    return max(set(hours), key=hours.count) if hours else None


def script_offer(database, client_id: int, today: date) -> tuple[datetime, ...]:
    """The slots the call script offers the client (offer_slots at her usual hour): the
    booking dialog lists them first."""
    done = tuple(v for v in card(database, client_id, today).visits if v.status == "done")
    return offer_slots(database, client_id, today, _usual_hour(done))


def brief(database, client_id: int, today: date, with_offer: bool = False) -> Brief:
    """The client's brief; `with_offer`: with the free slots a call offers (offer_slots)."""
    found = card(database, client_id, today)
    done = tuple(v for v in found.visits if v.status == "done")
    usual_hour = _usual_hour(done)
    return Brief(
        id=found.id, name=found.name, address_as=found.address_as, phone=found.phone,
        alerts=found.alerts, expectations=found.expectations, last_visits=done[:LAST_VISITS],
        preferences=tuple(f"{p.topic}: {p.text}" if p.topic else p.text for p in found.preferences),
        ask_next_time=tuple(t for t in found.talking_points if t.ask_next_time and not t.asked_at),
        open_complaints=found.open_complaints, birthday_in_days=_birthday_in_days(found, today),
        usual_hour=usual_hour, gender=found.said_gender, last_of_track=_last_of_each_track(done),
        chances=found.chances, courses=found.courses, bonus_balance=found.bonus_balance,
        pushes_for_discounts=found.pushes_for_discounts,
        offer=offer_slots(database, client_id, today, usual_hour) if with_offer else (),
    )


def offer_slots(database, client_id: int, today: date, usual_hour: int | None) -> tuple[datetime, ...]:
    """Two concrete slots to offer, from tomorrow: on two different days, each the free slot
    nearest the client's usual hour, in the working hours of the client's usual master and
    long enough for the usual service; never one that is taken."""
    usual = usual_visit(database, client_id)
    return tuple(free_slots(database, usual.master, usual.duration_min,
                            datetime.combine(today + timedelta(days=1), time()), OFFERED_SLOTS,
                            near_hour=OFFER_HOUR if usual_hour is None else usual_hour))
