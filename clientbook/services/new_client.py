"""A new client as the studio types one at the desk: each field checked like the card's.

A phone already in the book is asked about once ("the same person?") rather than refused:
a mother and a daughter may share one.
"""
from __future__ import annotations

from datetime import date

from clientbook.domain.dates import DateError, read_birthday
from clientbook.domain.names import full_name, split_full_name
from clientbook.domain.text import PhoneError, clean_line, parse_phone
from clientbook.errors import UserError
from clientbook.i18n import _
from clientbook.services.client_edit import FieldProblems
from clientbook.services.clients import NewClient, add_client, validate_email
from clientbook.services.settings import default_region
from db import clients_lookup

# The new-client form's fields, in the order it shows them.
NEW_CLIENT_FIELDS = ("name", "phone", "birthday", "email", "note")


def add_new_client(database, fields: dict[str, str], today: date, *, same_phone_ok: bool = False) -> int:
    """Add the client the form describes; FieldProblems names every field that is wrong.

    A phone another client already has is a problem until `same_phone_ok` (asked again).
    """
    problems: dict[str, str] = {}
    parts = split_full_name(fields.get("name", ""))
    if not parts.first and not parts.last:
        problems["name"] = _("A client needs a name.")
    phone = clean_line(fields.get("phone", ""))
    try:
        e164 = parse_phone(phone, default_region(database)) if phone else None
    except PhoneError as error:
        problems["phone"], e164 = str(error), None
    if e164 and not same_phone_ok and (owner := clients_lookup.by_phone(database, e164)):
        problems["phone"] = _("This phone is already {name}'s (#{id}); save again to add another client with it.").format(
            name=full_name(*owner[1:]), id=owner[0])
    birthday = None
    if clean_line(fields.get("birthday", "")):
        try:
            birthday = read_birthday(fields["birthday"], today)
        except DateError as error:
            problems["birthday"] = str(error)
    try:
        validate_email(fields.get("email", ""))
    except UserError as error:
        problems["email"] = str(error)
    if problems:
        raise FieldProblems(problems)
    return add_client(database, NewClient(parts.first, parts.last, parts.patronymic, phone=phone,
                                          email=fields.get("email", ""), birthday=birthday,
                                          notes=fields.get("note", "")))
