"""vCards in and out: a phone's exported contacts as clients, and clients for a phone.

Read: vCard 2.1 (older Android, quoted-printable), 3.0 (iPhone) and 4.0. Written: 3.0,
which every phone reads. A birthday without a year is written --MM-DD; iPhone's own form
(year 1604 with X-APPLE-OMIT-YEAR) is read as one without a year.
"""
from __future__ import annotations

import re

import vobject

from clientbook.domain.names import full_name
from clientbook.errors import UserError
from clientbook.i18n import _

UID_PREFIX = "clientbook:"  # our studio id in a card's UID: a round trip finds the client
_BASIC_DATE = re.compile(r"(\d{4}|--)(\d{2})(\d{2})")


def read_vcards(path, text: str):
    from clientbook.services.import_files import Table

    rows = []
    number = 0
    try:
        # allowQP: Android's 2.1 cards fold long quoted-printable lines with a trailing "="
        for number, card in enumerate(vobject.readComponents(text, allowQP=True), start=1):
            if card.name.upper() == "VCARD":
                rows.append((number, _row(card)))
    except Exception as error:  # vobject raises many kinds for a broken card
        raise UserError(_("{file}, card {card}: the card cannot be read ({error}).").format(
            file=path.name, card=number + 1, error=str(error).strip() or type(error).__name__)) from None
    if not rows:
        raise UserError(_("{file} holds no vCards.").format(file=path.name))
    return Table(path.name, "clients", rows, "card", count=len(rows))


def _values(card, key: str) -> list:
    return [line.value for line in card.contents.get(key, [])]


def _text(card, key: str) -> str:
    found = _values(card, key)
    return str(found[0]) if found else ""


def _row(card) -> dict[str, str]:
    row: dict[str, str] = {}
    names = _values(card, "n")
    if names and (names[0].family or names[0].given):
        n = names[0]
        row["last_name"], row["first_name"] = _joined(n.family), _joined(n.given)
        row["patronymic"] = _joined(n.additional)
    else:  # no N: the display name, else the company (a supplier's card)
        row["name"] = _text(card, "fn") or _joined(_org(card))
    phones = [str(p).removeprefix("tel:").strip() for p in _values(card, "tel")]
    phones = [p for p in phones if p]
    row["phone"] = phones[0] if phones else ""
    row["phone_alt"] = phones[1] if len(phones) > 1 else ""
    row["email"] = _text(card, "email")
    birthdays = card.contents.get("bday", [])
    omit = _text(card, "x-apple-omit-year") or (
        birthdays[0].params.get("X-APPLE-OMIT-YEAR", [""])[0] if birthdays else "")
    row["birthday"] = _birthday(_text(card, "bday"), omit_year=omit)
    row["notes"] = _text(card, "note")
    categories = [c for value in _values(card, "categories") for c in
                  (value if isinstance(value, list) else [value])]
    row["tags"] = ";".join(categories)
    uid = _text(card, "uid")
    if uid.startswith(UID_PREFIX):
        row["client_id"] = uid.removeprefix(UID_PREFIX)
    return row


def _joined(part) -> str:
    return " ".join(part) if isinstance(part, list) else str(part or "")


def _org(card) -> str:
    found = _values(card, "org")
    return found[0] if found else ""


def _birthday(text: str, omit_year: str) -> str:
    text = text.strip().split("T")[0]  # 19900216T000000: the day is what counts
    found = _BASIC_DATE.fullmatch(text)
    if found:  # 19900216 or --0216, as vCard 4 writes it
        head = found[1] if found[1] != "--" else "-"
        text = f"{head}-{found[2]}-{found[3]}"
    if omit_year and text.startswith(omit_year):
        text = "--" + text[len(omit_year) + 1:]
    return text


def client_card(client: dict) -> str:
    """One client as a vCard 3.0. `client` holds the columns of a clients CSV row."""
    card = vobject.vCard()
    card.add("n").value = vobject.vcard.Name(
        family=client["last_name"], given=client["first_name"], additional=client["patronymic"])
    card.add("fn").value = full_name(client["first_name"], client["last_name"],
                                     client["patronymic"]) or client["first_name"]
    for key, kind in (("phone", "CELL"), ("phone_alt", "VOICE")):
        if client[key]:
            line = card.add("tel")
            line.value, line.type_param = client[key], kind
    if client["email"]:
        card.add("email").value = client["email"]
    if client["birthday"]:
        card.add("bday").value = client["birthday"]
    if client["notes"]:
        card.add("note").value = client["notes"]
    if client["tags"]:
        card.add("categories").value = client["tags"].split(";")
    card.add("uid").value = UID_PREFIX + client["client_id"]
    return card.serialize()
