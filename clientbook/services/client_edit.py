"""Editing a client's card: every field checked, every problem named by its field."""
from __future__ import annotations

import re
from datetime import date

from clientbook.domain.dates import DateError, read_birthday, typed_birthday
from clientbook.domain.text import PhoneError, clean_line, clean_notes, fold, format_phone, parse_phone
from clientbook.errors import ChangedMeanwhile, UserError
from clientbook.i18n import N_, _
from clientbook.services.card_text import channel_label, read_channel
from clientbook.services.clients import card, set_tags, validate_email
from clientbook.services.figures import refresh_clients
from clientbook.services.indexing import index_clients
from clientbook.services.records import PreferenceLine, TalkingPointLine
from clientbook.services.settings import default_region
from clientbook.services.visits import chosen_master_id, master_names, match_master
from db import card_edits as card_db
from db import clients_store
from db.stamps import stamp

LINES = ("first_name", "last_name", "patronymic", "address_as", "source", "preferred_channel")
NOTES = ("alerts", "expectations", "notes")
FLAGS = ("do_not_contact", "consent_reminders", "consent_offers")
# What the card form edits, in the order it shows them.
FIELDS = (*LINES[:3], "gender", LINES[3], "phone", "phone_alt", "email", "birthday", "tags", "external_id",
          "preferred_master", *LINES[4:], *NOTES, *FLAGS)
# What the gender field reads, in either language; empty: as the name tells.
GENDER_WORDS = {"f": ("f", "female", "w", "woman", "ж", "жен", "женский", "женщина"),
                "m": ("m", "male", "man", "м", "муж", "мужской", "мужчина")}
GENDER_SHOWN = {"f": N_("female"), "m": N_("male")}


class FieldProblems(UserError):
    """Some fields cannot be saved: {field: sentence}. Nothing was changed."""

    def __init__(self, problems: dict[str, str]):
        super().__init__(" ".join(problems.values()))
        self.problems = problems


ARCHIVED = "archived"  # card_values' key for the card's state when the window read it


def card_values(found) -> dict[str, object]:
    """A ClientCard as the form's values (the same keys update_client takes)."""
    values = {name: getattr(found, name) or "" for name in (*LINES, *NOTES, "external_id",
                                                           "preferred_master")}
    values["address_as"] = found.address_as if found.address_as != found.first_name else ""
    values.update(phone=found.phone or "", phone_alt=found.phone_alt or "", email=found.email or "",
                  birthday=typed_birthday(found.birthday), tags=", ".join(found.tags),
                  preferred_channel=channel_label(found.preferred_channel))
    values.update({flag: getattr(found, flag) for flag in FLAGS})
    values["gender"] = _(GENDER_SHOWN[found.gender]) if found.gender else ""
    values[ARCHIVED] = bool(found.archived_at)  # not a field: what the window showed
    return values


def _checked(database, values: dict[str, object], today: date) -> dict[str, object]:
    """Columns to write, or FieldProblems naming every field that is wrong."""
    problems, columns = {}, {}
    for name in LINES:
        columns[name] = clean_line(str(values[name])) or (None if name in ("source", "preferred_channel") else "")
    if columns["preferred_channel"]:
        columns["preferred_channel"] = read_channel(columns["preferred_channel"])  # «телефон»: phone
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
    try:
        columns["gender"] = read_gender(str(values["gender"]))
    except UserError as error:
        problems["gender"] = str(error)
    if problems:
        raise FieldProblems(problems)
    return columns


def read_gender(text: str) -> str | None:
    """"f", "m", or None (empty: as the name tells); anything else is refused."""
    word = fold(clean_line(text)).rstrip(".")
    if not word:
        return None
    for code, words in GENDER_WORDS.items():
        if word in words or word == fold(_(GENDER_SHOWN[code])):
            return code
    raise UserError(_("“{text}” is not a gender: type f or m (ж or м), or leave it empty for the name "
                      "to tell.").format(text=clean_line(text)))


# The columns each field of the form is written to (the rest have their field's name).
FIELD_COLUMNS = {"birthday": ("birth_day", "birth_month", "birth_year"), "preferred_master": (), "tags": ()}


def _comparable(name: str, value, region: str, today: date) -> object:
    """A field's value as the book keeps it, to tell whether two readings of the field differ."""
    text = clean_line(str(value))
    try:
        if name in ("phone", "phone_alt"):
            return parse_phone(text, region) if text else None
        if name == "birthday":
            return read_birthday(text, today) if text else None
    except (PhoneError, DateError):
        return text
    if name in FLAGS:
        return bool(value)
    if name == "gender":
        try:
            return read_gender(text)
        except UserError:
            return text
    if name == "preferred_channel":
        return read_channel(text)
    if name in NOTES:
        return clean_notes(str(value))
    if name == "tags":
        return sorted({clean_line(tag) for tag in re.split(r"[,;]", text)} - {""})
    return fold(text) if name in ("preferred_master", "email") else text


def changed_fields(database, values: dict[str, object], before: dict[str, object], today: date) -> list[str]:
    """The fields whose value differs from what the form was filled with."""
    region = default_region(database)
    return [name for name in FIELDS
            if _comparable(name, values[name], region, today) != _comparable(name, before[name], region, today)]


def update_client(database, client_id: int, values: dict[str, object], today: date,
                  before: dict[str, object] | None = None) -> list[str]:
    """Save the card's fields in one transaction: search index and figures follow.

    With `before` (the values the form was filled with), only the fields changed are
    written, and only while the card still holds what was read: a field changed meanwhile
    elsewhere is a FieldProblems naming it, and nothing is written. The fields written.
    """
    columns = _checked(database, values, today)
    changed = list(FIELDS) if before is None else changed_fields(database, values, before, today)
    if not changed:
        return []
    with database.atomic():
        if before is not None:
            _check_unchanged(database, client_id, changed, before, today)
            if before.get(ARCHIVED) is False and card_db.is_archived(database, client_id):
                raise UserError(_("Not saved: this client was archived in another window or command "
                                  "meanwhile. Press a to restore the card, then save again."))
        if "external_id" in changed and columns["external_id"]:
            taken = card_db.client_with_external_id(database, columns["external_id"], client_id)
            if taken:
                raise FieldProblems({"external_id": _(
                    "The studio id “{text}” belongs to client {id}.").format(
                        text=columns["external_id"], id=taken)})
        written = {column: columns[column] for name in changed for column in FIELD_COLUMNS.get(name, (name,))}
        if "preferred_master" in changed:
            written["preferred_master_id"] = _preferred_master(database, client_id, str(values["preferred_master"]))
        written["updated_at"] = stamp(database)
        card_db.update_client_columns(database, client_id, written)
        if "tags" in changed:
            set_tags(database, client_id, re.split(r"[,;]", str(values["tags"])))
        index_clients(database, [client_id])
        refresh_clients(database, [client_id])
    return changed


def _check_unchanged(database, client_id: int, changed: list[str], before: dict[str, object], today: date) -> None:
    """FieldProblems for each field about to be written that someone changed since it was read."""
    region = default_region(database)
    now = card_values(card(database, client_id, today))
    problems = {}
    for name in changed:
        if _comparable(name, now[name], region, today) != _comparable(name, before[name], region, today):
            shown = format_phone(str(now[name]), region) if name in ("phone", "phone_alt") and now[name] else now[name]
            problems[name] = _("Changed meanwhile to “{now}”: open the card again to see it.").format(
                now=shown if shown not in ("", None) else "—")
    if problems:
        raise FieldProblems(problems)


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
        clients_store.add_preference(database, client_id, clean_line(topic), text, stamp(database))


def add_talking_point(database, client_id: int, text: str, today: date, ask_next_time: bool = True) -> None:
    text = clean_notes(text)
    if not text:
        raise UserError(_("A talking point needs some text."))
    with database.atomic():
        clients_store.add_talking_point(database, client_id, text, today.isoformat(), int(ask_next_time))


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
        raise ChangedMeanwhile(str(row[column]), str(changes[column][0]))


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
