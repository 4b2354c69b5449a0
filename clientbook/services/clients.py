"""Clients: finding one, adding, archiving (restorable) and forgetting (for good)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime

from clientbook.domain.dates import Birthday, read_birthday
from clientbook.domain.names import full_name, split_full_name
from clientbook.domain.rhythm import IntervalError, check_interval_days
from clientbook.domain.text import clean_line, clean_notes, parse_phone
from clientbook.errors import ClientNotFound, UserError
from clientbook.i18n import _, language
from clientbook.services.desks import writer_text
from clientbook.services.figures import refresh_clients
from clientbook.services.indexing import index_clients
from clientbook.services.records import (
    ClientCard,
    ClientHit,
    ContactLine,
    PreferenceLine,
    TalkingPointLine,
    TrackLine,
    VisitLine,
    course_from_row,
)
from clientbook.services.settings import default_region
from db import card as card_db
from db import clients_lookup
from db import clients_store as store
from db import complaints as complaints_db
from db import courses as courses_db
from db import forget as forget_db
from db.outlook import mark_stale
from db.stamps import stamp

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def resolve_client(database, ref: str) -> int:
    """CLIENT on the command line: the numeric id, or ext:ID for the studio's own id."""
    ref = ref.strip()
    if ref.startswith("ext:"):
        external = ref[4:]
        found = clients_lookup.by_external_id(database, external)
        if found is None:
            raise ClientNotFound(_("No client has the studio id “{id}”.").format(id=external))
        return found
    if not ref.isdigit():
        raise ClientNotFound(_("“{ref}” is not a client id (use a number, or ext:ID).").format(ref=ref))
    found = store.by_id(database, int(ref))
    if found is None:
        raise ClientNotFound(_("There is no client {id}.").format(id=ref))
    return found


def hits(database, ids: list[int]) -> list[ClientHit]:
    """Search results in the order of `ids`."""
    if not ids:
        return []
    rows = store.hit_rows(database, ids)
    found = {
        row[0]: ClientHit(row[0], row[1], full_name(row[2], row[3], row[4]), row[5], row[6] is not None)
        for row in rows
    }
    return [found[i] for i in ids if i in found]


@dataclass
class NewClient:
    """What a person or an import gives for a new client; checked by add_client."""

    first_name: str
    last_name: str = ""
    patronymic: str = ""
    phone: str = ""
    email: str = ""
    birthday: Birthday | None = None
    tags: tuple[str, ...] = ()
    notes: str = ""
    alerts: str = ""
    do_not_contact: bool = False
    source: str = ""
    external_id: str = ""


def add_client_as_typed(database, name: str, *, today: date, phone: str = "", birthday: str = "",
                        email: str = "", note: str = "") -> int:
    """A new client as a person types one ("Иванова Анна Сергеевна", a phone in any form, a
    birthday as 16.02.1992 or 16.02), with the card's checks; returns the new id."""
    parts = split_full_name(name)
    born = read_birthday(birthday, today) if clean_line(birthday) else None
    return add_client(database, NewClient(parts.first, parts.last, parts.patronymic, phone=phone,
                                          email=email, birthday=born, notes=note))


def validate_email(text: str) -> str | None:
    text = clean_line(text)
    if not text:
        return None
    if not _EMAIL.fullmatch(text):
        raise UserError(_("“{text}” is not an e-mail address.").format(text=text))
    return text.lower()


def add_client(database, new: NewClient) -> int:
    """Add one client with its tags and index entry, in one transaction; returns the id."""
    first, last = clean_line(new.first_name), clean_line(new.last_name)
    if not first and not last:
        raise UserError(_("A client needs a name."))
    region = default_region(database)
    phone = parse_phone(new.phone, region) if clean_line(new.phone) else None
    written = stamp(database)
    with database.atomic():
        client_id = store.insert(
            database,
            external_id=clean_line(new.external_id) or None,
            first_name=first,
            last_name=last,
            patronymic=clean_line(new.patronymic),
            phone=phone,
            email=validate_email(new.email),
            birth_day=new.birthday.day if new.birthday else None,
            birth_month=new.birthday.month if new.birthday else None,
            birth_year=new.birthday.year if new.birthday else None,
            notes=clean_notes(new.notes),
            alerts=clean_notes(new.alerts),
            do_not_contact=int(new.do_not_contact),
            source=clean_line(new.source) or None,
            written=written,
        )
        set_tags(database, client_id, new.tags)
        index_clients(database, [client_id])
        refresh_clients(database, [client_id])
    return client_id


def set_tags(database, client_id: int, tags) -> None:
    """Replace the client's tags (inside the caller's transaction)."""
    store.replace_tags(database, client_id,
                       [tag for tag in dict.fromkeys(clean_line(t) for t in tags) if tag])


def archive(database, client_id: int) -> None:
    """Deleting a client archives it: off the lists and out of search, restorable."""
    with database.atomic():
        store.archive(database, client_id, stamp(database), stamp(database))
        mark_stale(database, [client_id])  # her chances leave with her, and come back with her


def archived_sentence(name: str, client_id: int) -> str:
    return _("Archived {name}; `clientbook unarchive {id}` brings the client back.").format(name=name, id=client_id)


def unarchived_sentence(name: str) -> str:
    return _("Restored {name}.").format(name=name)


def unarchive(database, client_id: int) -> None:
    with database.atomic():
        store.unarchive(database, client_id, stamp(database))
        mark_stale(database, [client_id])  # scored again on the next read: the call list walks the outlook


def forget(database, client_id: int) -> None:
    """Erase the client entirely: visits, calls, notes and the search index with them, and
    no byte of her left in the book's free space, its -wal or its index (db/forget.py)."""
    if not forget_db.erase_client(database, client_id):
        raise ClientNotFound(_("There is no client {id}.").format(id=client_id))


def card(database, client_id: int, today: date) -> ClientCard:
    """Everything the book knows of one client, as plain values; rhythm tiers as of today."""
    row = card_db.client_row(database, client_id)
    if row is None:
        raise ClientNotFound(_("There is no client {id}.").format(id=client_id))
    (cid, ext, first, last, patronymic, address, phone, phone_alt, email, messengers,
     channel, bday, bmonth, byear, source, ref_first, ref_last, master, consent_rem,
     consent_off, dnc, alerts, expectations, notes, override, bonus, created,
     archived, gender, pushes) = row
    birthday = Birthday(bday, bmonth, byear).iso() if bday else None
    booked_until = _booked_until(database, cid)
    return ClientCard(
        id=cid, external_id=ext, first_name=first, last_name=last, patronymic=patronymic,
        name=full_name(first, last, patronymic), address_as=address or first,
        phone=phone, phone_alt=phone_alt, email=email,
        messengers=json.loads(messengers or "{}"), preferred_channel=channel,
        birthday=birthday, source=source,
        referred_by=full_name(ref_first, ref_last) if ref_first or ref_last else None,
        preferred_master=master, consent_reminders=bool(consent_rem),
        consent_offers=bool(consent_off), do_not_contact=bool(dnc), alerts=alerts,
        expectations=expectations, notes=notes, interval_override_days=override,
        bonus_balance=bonus, created_at=_dt(created), archived_at=_dt(archived), gender=gender,
        pushes_for_discounts=bool(pushes),
        courses=tuple(course_from_row(r) for r in courses_db.listed(database, cid, today.isoformat())),
        open_complaints=tuple(complaints_db.open_texts(database, cid)),
        tags=_tags(database, cid), preferences=_preferences(database, cid),
        talking_points=_talking_points(database, cid), visits=visits_of(database, cid),
        contacts=contacts_of(database, cid),
        rhythm=_rhythm(database, cid, today),
        booked_until=booked_until,
        chances=_chances(database, cid, today, booked_until),
    )


def _chances(database, cid: int, today: date, booked: date | None) -> tuple[float, float | None] | None:
    """(chance she comes back by herself within 90 days, chance she is still a client), or
    None while the book has no chances for her. After a single visit the second is None:
    the model cannot tell a client who left from one who has not come back yet (it calls
    her a client for certain), and only her chance of coming back says anything. None for
    a client booked ahead: she is coming, there is no chance to weigh."""
    from clientbook.services.outlook import ensure_fresh
    from db.outlook import client_outlook

    if booked is not None and booked >= today:
        return None
    ensure_fresh(database, today)
    found = client_outlook(database, cid)
    if not found or found[0] is None:
        return None
    comes_back, still, visits = found
    return comes_back, still if visits > 1 else None


def _rhythm(database, cid: int, today: date) -> tuple[TrackLine, ...]:
    lines = []
    for track, visits, last, days, source, learned, spread, *tier_days in card_db.tracks_of(database, cid):
        tier = "not_due"
        for name, first_day in zip(("due_soon", "due", "at_risk", "lost"), tier_days):
            if today.isoformat() >= first_day:
                tier = name
        lines.append(TrackLine(track, visits, date.fromisoformat(last), days, source, learned,
                               spread, date.fromisoformat(tier_days[1]), tier))
    return tuple(lines)


def _booked_until(database, cid: int) -> date | None:
    booked = card_db.booked_until(database, cid)
    return date.fromisoformat(booked) if booked else None


def _dt(value) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _tags(database, cid: int) -> tuple[str, ...]:
    return tuple(r[0] for r in card_db.tags_of(database, cid))


def _preferences(database, cid: int) -> tuple[PreferenceLine, ...]:
    return tuple(PreferenceLine(*r) for r in card_db.preferences_of(database, cid))


def _talking_points(database, cid: int) -> tuple[TalkingPointLine, ...]:
    return tuple(
        TalkingPointLine(r[0], r[1], date.fromisoformat(r[2]), bool(r[3]), _dt(r[4]), r[5])
        for r in card_db.talking_points_of(database, cid)
    )


def visits_of(database, cid: int) -> tuple[VisitLine, ...]:
    """Her visits, newest first, as the card shows them."""
    services = card_db.services_of_visits(database, cid)
    return tuple(
        VisitLine(r[0], _dt(r[1]), r[2], r[3], tuple(name for name, _track in services.get(r[0], ())), *r[4:16],
                  tracks=tuple(track for _name, track in services.get(r[0], ())), written_by=writer_text(*r[16:18]))
        for r in card_db.visits_of(database, cid)
    )


def contacts_of(database, cid: int) -> tuple[ContactLine, ...]:
    """Her calls and messages, newest first, as the card's Calls tab shows them."""
    russian = language() == "ru"
    return tuple(
        ContactLine(_dt(r[0]), r[1], r[2], r[3], date.fromisoformat(r[4]) if r[4] else None, r[5],
                    (r[7] if russian and r[7] else r[6]) or "", writer_text(*r[8:10]))
        for r in card_db.calls_of(database, cid)
    )


def set_interval_override(database, client_id: int, days: int | None) -> None:
    """A master's "comes every N days" (None: back to the learned rhythm); figures follow."""
    try:
        check_interval_days(days)
    except IntervalError as error:
        raise UserError(str(error)) from None
    with database.atomic():
        store.set_interval_override(database, client_id, days, stamp(database))
        refresh_clients(database, [client_id])
