"""Dates, moments and names as they are said aloud or written to a client, in the
interface's language: no year unless the date is over a year away, never «г.», the weekday
in the case its sentence needs, quotes as the language writes them.
"""
from __future__ import annotations

from datetime import date, datetime

from clientbook.domain import russian
from clientbook.i18n import _, language

YEAR_SAID_AFTER_DAYS = 365  # within a year, "December 1" is clear without its year

# Babel patterns; Russian months come in the genitive («1 декабря»), as they are said.
_DAY = {"ru": "d MMMM", "en": "MMMM d"}
_DAY_AND_YEAR = {"ru": "d MMMM y 'года'", "en": "MMMM d, y"}


def spoken_day(day: date, today: date) -> str:
    """«1 декабря», "December 1"; «4 апреля 2025 года" when over a year from today."""
    from babel.dates import format_date  # Babel is imported when first needed (clientbook.i18n)

    lang = language()
    far = abs((day - today).days) > YEAR_SAID_AFTER_DAYS
    return format_date(day, format=(_DAY_AND_YEAR if far else _DAY)[lang], locale=lang)


def spoken_weekday(day: date, case: str = "nomn") -> str:
    """«вторник», «среду» (case "accs": after «на», «предложить»); "Wednesday"."""
    from babel.dates import format_date

    name = format_date(day, format="EEEE", locale=language())
    return russian.inflect(name, case) if language() == "ru" else name


def spoken_slot(when: datetime, today: date, case: str = "nomn") -> str:
    """A moment offered or confirmed: «среду, 2 декабря, в 15:00»; "Wednesday, December 2, at
    15:00"; today and tomorrow by those words: «завтра в 17:00»."""
    if when.date() == today:
        return _("today at {time}").format(time=f"{when:%H:%M}")
    if (when.date() - today).days == 1:
        return _("tomorrow at {time}").format(time=f"{when:%H:%M}")
    return _("{weekday}, {day}, at {time}").format(
        weekday=spoken_weekday(when.date(), case), day=spoken_day(when.date(), today), time=f"{when:%H:%M}")


def spoken_name(name: str) -> str:
    """A service's name inside a sentence: «маникюр с покрытием», not «Маникюр с покрытием» or
    «МАНИКЮР С ПОКРЫТИЕМ»; short capitals (SPA, LPG) stay, as abbreviations do."""
    words = name.split()
    if name.isupper() and any(len(word) > 4 for word in words):
        return name.lower()  # typed with Caps Lock on
    if words and words[0][:1].isupper() and words[0][1:].islower():
        words[0] = words[0].lower()
    return " ".join(words)


def quoted(text: str) -> str:
    """Quotes as the language writes them: «…» with „…“ inside in Russian; “…” in English."""
    if language() == "ru":
        return "«" + text.replace("«", "„").replace("»", "“") + "»"
    return f"“{text}”"


def by_gender(gender: str | None, she: str, he: str, unknown: str) -> str:
    """The message for the client's gender (`gender`: "f", "m" or None); translate the result."""
    return {"f": she, "m": he}.get(gender or "", unknown)


def address_in_case(address: str, case: str) -> str:
    """A form of address where the sentence needs `case`: «Елене Викторовне» (datv) in
    Russian; English names do not change."""
    return russian.address_in(address, case) if language() == "ru" else address
