"""Editing a client's card: every field checked, every problem named by its field."""
from __future__ import annotations

import re
from datetime import date

from clientbook.domain.dates import DateError, read_birthday
from clientbook.domain.text import PhoneError, clean_line, clean_notes, fold, parse_phone
from clientbook.errors import UserError
from clientbook.i18n import _
from clientbook.services.clients import set_tags, validate_email
from clientbook.services.figures import refresh_clients
from clientbook.services.indexing import index_clients
from clientbook.services.records import PreferenceLine, TalkingPointLine
from clientbook.services.settings import default_region
from clientbook.services.visits import chosen_master_id, master_names, match_master
from db import card_edits as card_db
from db.stamps import stamp

LINES = ("first_name", "last_name", "patronymic", "address_as", "source", "preferred_channel")
NOTES = ("alerts", "expectations", "notes")
FLAGS = ("do_not_contact", "consent_reminders", "consent_offers")
# What the card form edits, in the order it shows them.
FIELDS = (*LINES[:4], "phone", "phone_alt", "email", "birthday", "tags", "external_id",
          "preferred_master", *LINES[4:], *NOTES, *FLAGS)


class FieldProblems(UserError):
    """Some fields cannot be saved: {field: sentence}. Nothing was changed."""

    def __init__(self, problems: dict[str, str]):
        super().__init__(" ".join(problems.values()))
        self.problems = problems


def card_values(found) -> dict[str, object]:
    """A ClientCard as the form's values (the same keys update_client takes)."""
    values = {name: getattr(found, name) or "" for name in (*LINES, *NOTES, "external_id",
                                                           "preferred_master")}
    values["address_as"] = found.address_as if found.address_as != found.first_name else ""
    values.update(phone=found.phone or "", phone_alt=found.phone_alt or "", email=found.email or "",
                  birthday=found.birthday or "", tags=", ".join(found.tags))
    values.update({flag: getattr(found, flag) for flag in FLAGS})
    return values


def _checked(database, values: dict[str, object], today: date) -> dict[str, object]:
    """Columns to write, or FieldProblems naming every field that is wrong."""
    problems, columns = {}, {}
    for name in LINES:
        columns[name] = clean_line(str(values[name])) or (None if name in ("source", "preferred_channel") else "")
    for name in NOTES:
        columns[name] = clean_notes(str(values[name]))
    for name in FLAGS:
        columns[name] = int(bool(values[name]))
    if not columns["first_name"] and not columns["last_name"]:
        problems["first_name"] = _("A client needs a first name or a last name.")
    region = default_region(database)
    for name in ("phone", "phone_alt"):
        text = clean_line(str(values[name]))
        try:
            columns[name] = parse_phone(text, region) if text else None
        except PhoneError as error:
            problems[name] = str(error)
    try:
        columns["email"] = validate_email(str(values["email"]))
    except UserError as error:
        problems["email"] = str(error)
    columns["birth_day"] = columns["birth_month"] = columns["birth_year"] = None
    text = clean_line(str(values["birthday"]))
    if text:
        try:
            birthday = read_birthday(text, today)
            columns.update(birth_day=birthday.day, birth_month=birthday.month, birth_year=birthday.year)
        except DateError as error:
            problems["birthday"] = str(error)
    columns["external_id"] = clean_line(str(values["external_id"])) or None
    if problems:
        raise FieldProblems(problems)
    return columns


def update_client(database, client_id: int, values: dict[str, object], today: date) -> None:
    """Save the card's fields in one transaction: search index and figures follow."""
    columns = _checked(database, values, today)
    with database.atomic():
        if columns["external_id"]:
            taken = database.execute_sql(
                "SELECT id FROM clients WHERE external_id = ? AND id <> ?",
                (columns["external_id"], client_id)).fetchone()
            if taken:
                raise FieldProblems({"external_id": _(
                    "The studio id “{text}” belongs to client {id}.").format(
                        text=columns["external_id"], id=taken[0])})
        columns["preferred_master_id"] = _preferred_master(database, client_id, str(values["preferred_master"]))
        columns["updated_at"] = stamp(database)
        assignments = ", ".join(f"{name} = ?" for name in columns)
        database.execute_sql(f"UPDATE clients SET {assignments} WHERE id = ?",
                             (*columns.values(), client_id))
        set_tags(database, client_id, re.split(r"[,;]", str(values["tags"])))
        index_clients(database, [client_id])
        refresh_clients(database, [client_id])


def _preferred_master(database, client_id: int, typed: str) -> int | None:
    """The card's preferred master: the one it has, or one of the studio's active masters by
    the start of a name (never a new master made from what was typed)."""
    typed = clean_line(typed)
    if not typed:
        return None
    current = card_db.preferred_master(database, client_id)
    if current and fold(current[1]) == fold(typed):
        return current[0]
    try:
        return chosen_master_id(database, match_master(typed, master_names(database)))
    except UserError as error:
        raise FieldProblems({"preferred_master": str(error)}) from None


def add_preference(database, client_id: int, text: str, topic: str = "") -> None:
    text = clean_notes(text)
    if not text:
        raise UserError(_("A preference needs some text."))
    with database.atomic():
        database.execute_sql(
            "INSERT INTO preferences (client_id, topic, text, created_at) VALUES (?, ?, ?, ?)",
            (client_id, clean_line(topic), text, stamp(database)))


def add_talking_point(database, client_id: int, text: str, today: date, ask_next_time: bool = True) -> None:
    text = clean_notes(text)
    if not text:
        raise UserError(_("A talking point needs some text."))
    with database.atomic():
        database.execute_sql(
            "INSERT INTO talking_points (client_id, text, noted_on, ask_next_time) VALUES (?, ?, ?, ?)",
            (client_id, text, today.isoformat(), int(ask_next_time)))


def _conflict(now: str, then: str) -> UserError:
    return UserError(_("Not saved: while you edited, it was changed to “{now}” (it was “{then}”).").format(
        now=now, then=then))


def _edit_note(database, table: str, row_id: int, changes: dict[str, tuple[object, object]]) -> None:
    """Write the changed columns while they hold what was read; a sentence otherwise."""
    changes = {column: (old, new) for column, (old, new) in changes.items() if old != new}
    if not changes:
        return
    with database.atomic():
        if card_db.update_if_unchanged(database, table, row_id, changes):
            return
        row = card_db.row(database, table, row_id)
        if row is None:
            raise UserError(_("It is no longer in the book."))
        column = next(column for column, (old, _new) in changes.items() if row[column] != old)
        raise _conflict(str(row[column]), str(changes[column][0]))


def edit_preference(database, before: PreferenceLine, text: str, topic: str | None = None) -> None:
    """A preference corrected: only what changed is written, while it is as it was read."""
    text = clean_notes(text)
    if not text:
        raise UserError(_("A preference needs some text."))
    changes = {"text": (before.text, text)}
    if topic is not None:
        changes["topic"] = (before.topic, clean_line(topic))
    _edit_note(database, "preferences", before.id, changes)


def edit_talking_point(database, before: TalkingPointLine, text: str) -> None:
    """A talking point reworded, as edit_preference."""
    text = clean_notes(text)
    if not text:
        raise UserError(_("A talking point needs some text."))
    _edit_note(database, "talking_points", before.id, {"text": (before.text, text)})
