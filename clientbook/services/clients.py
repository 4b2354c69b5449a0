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
from db import complaints as complaints_db
from db import courses as courses_db
from db import forget as forget_db
from db.stamps import stamp

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def resolve_client(database, ref: str) -> int:
    """CLIENT on the command line: the numeric id, or ext:ID for the studio's own id."""
    ref = ref.strip()
    if ref.startswith("ext:"):
        external = ref[4:]
        row = database.execute_sql(
            "SELECT id FROM clients WHERE external_id = ?", (external,)
        ).fetchone()
        if row is None:
            raise ClientNotFound(_("No client has the studio id “{id}”.").format(id=external))
        return row[0]
    if not ref.isdigit():
        raise ClientNotFound(_("“{ref}” is not a client id (use a number, or ext:ID).").format(ref=ref))
    row = database.execute_sql("SELECT id FROM clients WHERE id = ?", (int(ref),)).fetchone()
    if row is None:
        raise ClientNotFound(_("There is no client {id}.").format(id=ref))
    return row[0]


def hits(database, ids: list[int]) -> list[ClientHit]:
    """Search results in the order of `ids`."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = database.execute_sql(
        f"SELECT id, external_id, first_name, last_name, patronymic, phone, archived_at "
        f"FROM clients WHERE id IN ({marks})",
        ids,
    )
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
        cursor = database.execute_sql(
            "INSERT INTO clients (external_id, first_name, last_name, patronymic, phone, "
            "email, birth_day, birth_month, birth_year, notes, alerts, do_not_contact, source, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                clean_line(new.external_id) or None,
                first,
                last,
                clean_line(new.patronymic),
                phone,
                validate_email(new.email),
                new.birthday.day if new.birthday else None,
                new.birthday.month if new.birthday else None,
                new.birthday.year if new.birthday else None,
                clean_notes(new.notes),
                clean_notes(new.alerts),
                int(new.do_not_contact),
                clean_line(new.source) or None,
                written,
                written,
            ),
        )
        client_id = cursor.lastrowid
        set_tags(database, client_id, new.tags)
        index_clients(database, [client_id])
        refresh_clients(database, [client_id])
    return client_id


def set_tags(database, client_id: int, tags) -> None:
    """Replace the client's tags (inside the caller's transaction)."""
    database.execute_sql("DELETE FROM client_tags WHERE client_id = ?", (client_id,))
    for tag in dict.fromkeys(clean_line(t) for t in tags):
        if not tag:
            continue
        database.execute_sql("INSERT OR IGNORE INTO tags (name) VALUES (?)", (tag,))
        database.execute_sql(
            "INSERT OR IGNORE INTO client_tags (client_id, tag_id) "
            "SELECT ?, id FROM tags WHERE name = ?",
            (client_id, tag),
        )


def archive(database, client_id: int) -> None:
    """Deleting a client archives it: off the lists and out of search, restorable."""
    with database.atomic():
        database.execute_sql(
            "UPDATE clients SET archived_at = ?, updated_at = ? "
            "WHERE id = ? AND archived_at IS NULL",
            (stamp(database), stamp(database), client_id),
        )


def archived_sentence(name: str, client_id: int) -> str:
    return _("Archived {name}; `clientbook unarchive {id}` brings the client back.").format(name=name, id=client_id)


def unarchived_sentence(name: str) -> str:
    return _("Restored {name}.").format(name=name)


def unarchive(database, client_id: int) -> None:
    with database.atomic():
        database.execute_sql(
            "UPDATE clients SET archived_at = NULL, updated_at = ? WHERE id = ?",
            (stamp(database), client_id),
        )


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
        talking_points=_talking_points(database, cid), visits=_visits(database, cid),
        contacts=_contacts(database, cid),
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
    rows = database.execute_sql(
        "SELECT track, visits, last_visit, interval_days, interval_source, learned_days, "
        "spread_days, due_soon_on, due_on, at_risk_on, lost_on FROM client_tracks "
        "WHERE client_id = ? ORDER BY due_on",
        (cid,),
    )
    lines = []
    for track, visits, last, days, source, learned, spread, *tier_days in rows:
        tier = "not_due"
        for name, first_day in zip(("due_soon", "due", "at_risk", "lost"), tier_days):
            if today.isoformat() >= first_day:
                tier = name
        lines.append(TrackLine(track, visits, date.fromisoformat(last), days, source, learned,
                               spread, date.fromisoformat(tier_days[1]), tier))
    return tuple(lines)


def _booked_until(database, cid: int) -> date | None:
    row = database.execute_sql(
        "SELECT booked_until FROM client_figures WHERE client_id = ?", (cid,)
    ).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None


def _dt(value) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _tags(database, cid: int) -> tuple[str, ...]:
    rows = database.execute_sql(
        "SELECT t.name FROM client_tags ct JOIN tags t ON t.id = ct.tag_id "
        "WHERE ct.client_id = ? ORDER BY t.name",
        (cid,),
    )
    return tuple(r[0] for r in rows)


def _preferences(database, cid: int) -> tuple[PreferenceLine, ...]:
    return tuple(PreferenceLine(*r) for r in card_db.preferences_of(database, cid))


def _talking_points(database, cid: int) -> tuple[TalkingPointLine, ...]:
    return tuple(
        TalkingPointLine(r[0], r[1], date.fromisoformat(r[2]), bool(r[3]), _dt(r[4]), r[5])
        for r in card_db.talking_points_of(database, cid)
    )


def _visits(database, cid: int) -> tuple[VisitLine, ...]:
    services = card_db.services_of_visits(database, cid)
    return tuple(
        VisitLine(r[0], _dt(r[1]), r[2], r[3], tuple(name for name, _track in services.get(r[0], ())), *r[4:],
                  tracks=tuple(track for _name, track in services.get(r[0], ())))
        for r in card_db.visits_of(database, cid)
    )


def _contacts(database, cid: int) -> tuple[ContactLine, ...]:
    russian = language() == "ru"
    return tuple(
        ContactLine(_dt(r[0]), r[1], r[2], r[3], date.fromisoformat(r[4]) if r[4] else None, r[5],
                    (r[7] if russian and r[7] else r[6]) or "")
        for r in card_db.calls_of(database, cid)
    )


def set_interval_override(database, client_id: int, days: int | None) -> None:
    """A master's "comes every N days" (None: back to the learned rhythm); figures follow."""
    try:
        check_interval_days(days)
    except IntervalError as error:
        raise UserError(str(error)) from None
    with database.atomic():
        database.execute_sql(
            "UPDATE clients SET interval_override_days = ?, updated_at = ? WHERE id = ?",
            (days, stamp(database), client_id),
        )
        refresh_clients(database, [client_id])
