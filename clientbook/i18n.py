"""The interface's language: gettext catalogs built with Babel, and Babel's formatters.

Russian when the locale says so (LANG=ru_RU.UTF-8 …) or `--lang ru`; English otherwise.
Dates, money and plurals go through Babel for the current language, so Russian output
carries its own spaces ("1 500 ₽", "22 нояб. 2026 г."). Babel is imported by the
formatters when first used (babel.dates alone takes 12 ms), so a command that formats no
date or sum, and the program's start, do without it.
"""
from __future__ import annotations

import gettext
import os
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "clientbook"
LANGUAGES = ("en", "ru")

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def detect_language() -> str:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable, "")
        if value:
            return "ru" if value.lower().startswith("ru") else "en"
    return "en"


def set_language(language: str | None = None) -> str:
    """Choose the language (None: from the locale); returns the one in force."""
    global _translation, _language
    language = (language or detect_language()).lower()[:2]
    _language = language if language in LANGUAGES else "en"
    _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[_language], fallback=True)
    return _language


def language() -> str:
    return _language


def N_(message: str) -> str:
    """Mark a message for the catalog; it is translated where it is shown."""
    return message


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translation.ngettext(singular, plural, count)


def closed(sentence: str) -> str:
    """A sentence that ends on a date ends with one period: a Russian date's own «г.» is
    the sentence's period too («В архиве с 30 нояб. 2026 г.», not «г..»)."""
    return sentence[:-1] if sentence.endswith("..") else sentence


def day(value: date | None, form: str = "medium") -> str:
    from babel.dates import format_date

    return format_date(value, format=form, locale=_language) if value else ""


def money(cents: int | None, currency: str = "RUB") -> str:
    if cents is None:
        return ""
    from babel.numbers import format_currency

    return format_currency(cents / 100, currency, locale=_language, format="#,##0\u00a0¤",
                           currency_digits=False)


def birthday(iso: str | None) -> str:
    """A birthday as the card stores it (YYYY-MM-DD, or --MM-DD without the year), for people."""
    if not iso:
        return ""
    if iso.startswith("--"):  # the day and month only: "16 June", "16 июня"
        from babel.dates import format_skeleton

        return format_skeleton("MMMMd", date(2000, int(iso[2:4]), int(iso[5:7])), locale=_language)
    return day(date.fromisoformat(iso), "long")


def slot(when: datetime) -> str:
    """A moment offered to a client, as people say it: "Monday, November 23, 11:00"."""
    from babel.dates import format_date

    pattern = {"ru": "EEEE, d MMMM"}.get(_language, "EEEE, MMMM d")  # the weekday in full
    return f"{format_date(when, format=pattern, locale=_language)}, {when:%H:%M}"


def number(value: float | None, digits: int = 1) -> str:
    """A figure as the language writes it: "26,5" in Russian, "26.5" in English; "" for None."""
    if value is None:
        return ""
    from babel.numbers import format_decimal

    return format_decimal(value, format="#,##0." + "#" * digits, locale=_language)


def percent(value: float | None, digits: int = 1) -> str:
    """A share (0.877) as the language writes it: "87,7 %" in Russian, "87.7%" in English."""
    if value is None:
        return ""
    from babel import Locale
    from babel.numbers import format_percent

    head, _zero, tail = Locale.parse(_language).percent_formats[None].pattern.rpartition("0")
    return format_percent(value, format=f"{head}0.{'#' * digits}{tail}", locale=_language)


def moment(value: datetime | None) -> str:
    """A day and a time of day, as people read them: "22 нояб. 2026 г., 15:00"."""
    return f"{day(value.date())}, {value:%H:%M}" if value else ""


def table_moment(value: datetime) -> str:
    """A moment in a table's column, short and aligned: «22.11.2026 15:00»; "2026-11-22 15:00"."""
    return f"{table_day(value.date())} {value:%H:%M}"


def month(value: date) -> str:
    """A month of a report: «сент. 2026» (without Babel's «г.»); "Sep 2026"."""
    from babel.dates import format_skeleton

    return format_skeleton("yMMM", value, locale=_language).removesuffix("г.").rstrip()


def table_day(value: date | None) -> str:
    """A day in a table's column, short and aligned: «22.11.2026»; "2026-11-22"."""
    if value is None:
        return ""
    from babel.dates import format_date

    return format_date(value, format={"ru": "dd.MM.y"}.get(_language, "y-MM-dd"), locale=_language)


def short_day(value: date, today: date) -> str:
    """A day in a phrase of a list, short: «22.11», "Nov 22"; the year only when it is not today's."""
    return _short_day(value, value.year == today.year, _language)


@lru_cache(maxsize=1024)
def _short_day(value: date, this_year: bool, language: str) -> str:
    # A chain's call list names the same few days a thousand times: 70 ms through Babel each time.
    from babel.dates import format_date

    pattern = {"ru": "dd.MM" if this_year else "dd.MM.y"}.get(language, "MMM d" if this_year else "MMM d, y")
    return format_date(value, format=pattern, locale=language)


def decimal_point(text: str) -> str:
    """A number as the book stores it ("1.5", its precision kept) with the language's own point: «1,5»."""
    from babel.numbers import get_decimal_symbol

    return text.replace(".", get_decimal_symbol(_language))
