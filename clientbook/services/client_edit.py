"""Editing a client's card: every field checked, every problem named by its field."""
from __future__ import annotations

import re
from datetime import date

from clientbook.domain.dates import DateError, read_birthday
from clientbook.domain.text import PhoneError, clean_line, clean_notes, parse_phone
from clientbook.errors import UserError
from clientbook.i18n import _
from clientbook.services.clients import set_tags, validate_email
from clientbook.services.figures import refresh_clients
from clientbook.services.indexing import index_clients
from clientbook.services.settings import default_region
from clientbook.services.visits import master_id
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
        columns["preferred_master_id"] = master_id(database, str(values["preferred_master"]))
        columns["updated_at"] = stamp(database)
        assignments = ", ".join(f"{name} = ?" for name in columns)
        database.execute_sql(f"UPDATE clients SET {assignments} WHERE id = ?",
                             (*columns.values(), client_id))
        set_tags(database, client_id, re.split(r"[,;]", str(values["tags"])))
        index_clients(database, [client_id])
        refresh_clients(database, [client_id])


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
