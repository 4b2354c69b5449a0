"""Expected failures: str(error) is the one sentence a person sees.

The one place the screens and the commands take the errors they show from. Each is
raised where its rule lives (a date in domain/dates.py, a book in db/errors.py); it is
named here so that the interfaces need no import of the layers below the services.
"""
from __future__ import annotations

from clientbook.domain.dates import DateError
from clientbook.domain.hours import HoursError
from clientbook.domain.rhythm import IntervalError
from clientbook.domain.text import PhoneError
from clientbook.domain.visits import PriceError
from db.errors import BookError


class UserError(Exception):
    """Bad input or a missing thing; nothing was changed."""


class ClientNotFound(UserError):
    pass


class ChangedMeanwhile(UserError):
    """A value someone edited was changed by another window or command since it was read."""

    def __init__(self, now: str, then: str):
        from clientbook.i18n import _

        super().__init__(_("Not saved: while you edited, it was changed to “{now}” (it was “{then}”).").format(
            now=now, then=then))


# What a person typed that a rule refused: said in one sentence, nothing changed.
INPUT_ERRORS = (DateError, HoursError, IntervalError, PhoneError, PriceError)

# Everything the CLI and the TUI show as a message instead of a traceback.
EXPECTED_ERRORS = (UserError, BookError, *INPUT_ERRORS)

__all__ = ["EXPECTED_ERRORS", "INPUT_ERRORS", "BookError", "ChangedMeanwhile", "ClientNotFound", "DateError", "HoursError",
           "IntervalError", "PhoneError", "PriceError", "UserError"]
