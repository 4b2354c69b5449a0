"""Normalising names, free text and phones: one place for the index and the query.

A Russian-speaking admin expects search to ignore case (Cyrillic too), to treat ё as е,
to find any fragment of a name, and to find a phone however its digits were typed.
phonenumbers (10 ms to import) is imported where a phone is read or written, not before.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from clientbook.i18n import _

_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")
_PHONE_QUERY = re.compile(r"[\d\s()+\-.]+")
MIN_FRAGMENT = 3  # the trigram index answers fragments of three characters or more


def strip_controls(text: str, *, keep_newlines: bool = True) -> str:
    """Drop control characters (escape sequences, NUL) that a pasted cell may carry."""
    if text.isprintable():  # no control or format character at all: most cells (and fast)
        return text
    kept = []
    for char in text:
        if char in "\n\t" and keep_newlines:
            kept.append(char)
        elif char in "\r\n\t":
            kept.append(" ")
        elif unicodedata.category(char) not in ("Cc", "Cf") or char == "\u200d":
            kept.append(char)
    return "".join(kept).replace("\r", "")


# What a terminal acts on instead of showing: C0 (ESC starts CSI and OSC sequences, BEL ends
# OSC 52, which writes the clipboard), DEL and C1 (0x9b is CSI, 0x9d OSC, 0x90 DCS on their
# own). Shown as their Control Pictures ("␛", "␇", "␡"), C1 as U+FFFD: seen, never obeyed.
_SIGNS = {code: chr(0x2400 + code) for code in range(0x20)} | {0x7F: "\u2421"} | {
    code: "\ufffd" for code in range(0x80, 0xA0)}


def printable(text: str, *, keep: str = "\n\t") -> str:
    """`text` as a terminal may be handed it: each control character except those in `keep`
    replaced by a visible sign, one for one. Input is cleaned by strip_controls, but a book
    restored from elsewhere, or a file's cell quoted in an error, may hold anything."""
    if text.isprintable():  # most text, and fast
        return text
    return text.translate(_signs(keep))


@functools.lru_cache(maxsize=8)
def _signs(keep: str) -> dict[int, str]:
    return {code: sign for code, sign in _SIGNS.items() if chr(code) not in keep}


def clean_line(text: str | None) -> str:
    """A single-line field as stored: no control characters, single spaces, trimmed."""
    if not text:
        return ""
    return _SPACES.sub(" ", strip_controls(str(text), keep_newlines=False)).strip()


def clean_notes(text: str | None) -> str:
    """A multi-line field as stored: no control characters, lines kept, trimmed."""
    if not text:
        return ""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")  # Windows and old Mac lines
    return strip_controls(text).strip()


def fold(text: str) -> str:
    """Case-fold for matching: Cyrillic and Latin alike, and ё = е."""
    return text.casefold().replace("ё", "е")


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def normalize(text: str) -> str:
    """The matching form of free text: folded words separated by single spaces."""
    return " ".join(words(text))


def digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


class PhoneError(ValueError):
    """The text cannot be read as a phone number; str() says so for a person."""


def parse_phone(raw: str, region: str = "RU", *, stored: bool = False) -> str:
    """Return the phone as E.164 ("+79161234567"), reading national forms by `region`.

    `stored`: the number comes from a book (an export read back), not from a person's
    typing: one of the right length is kept even where the phone plan does not know its
    range (plans change between versions of the library).
    """
    import phonenumbers

    text = clean_line(raw)
    if not text:
        raise PhoneError(_("The phone is empty."))
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as error:
        raise PhoneError(_("“{text}” is not a phone number.").format(text=text)) from error
    known = phonenumbers.is_valid_number(number) or (
        stored and text.startswith("+") and phonenumbers.is_possible_number(number))
    if not known:
        raise PhoneError(_("“{text}” is not a valid phone number for region {region}.").format(text=text, region=region))
    if number.extension:  # never dropped without a word: the book keeps the number alone
        raise PhoneError(_("“{text}” has an extension ({extension}), which a phone here cannot keep: "
                           "give the number alone and put the extension in the notes.").format(
            text=text, extension=number.extension))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str | None, region: str = "RU") -> str:
    """A stored phone as a person reads it: national format at home, international abroad."""
    import phonenumbers

    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    if phonenumbers.region_code_for_number(number) == region:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def phone_search_forms(e164: str) -> list[str]:
    """Every digit string a person may type for this phone: +7…, 8…, and without prefix."""
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return [digits(e164)] if digits(e164) else []
    national = str(number.national_number)
    forms = [f"{number.country_code}{national}", national]
    prefix = phonenumbers.ndd_prefix_for_region(
        phonenumbers.region_code_for_number(number), True
    )
    if prefix:
        forms.append(prefix + national)
    return list(dict.fromkeys(forms))


@dataclass(frozen=True)
class Query:
    """A search box's text, split into what the index can answer."""

    fragments: tuple[str, ...]  # folded words of three characters or more: trigram MATCH
    prefixes: tuple[str, ...]  # folded words of one or two characters: a word-prefix range
    phone_digits: str = ""  # the whole query was a phone fragment: its digits

    @property
    def empty(self) -> bool:
        return not (self.fragments or self.prefixes or self.phone_digits)


def parse_query(text: str) -> Query:
    text = clean_line(text)
    if _PHONE_QUERY.fullmatch(text) and len(digits(text)) >= MIN_FRAGMENT:
        return Query((), (), digits(text))
    terms = list(dict.fromkeys(words(text)))
    return Query(
        tuple(t for t in terms if len(t) >= MIN_FRAGMENT),
        tuple(t for t in terms if len(t) < MIN_FRAGMENT),
    )
