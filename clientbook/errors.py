"""Expected failures in the use cases: str(error) is the one sentence a person sees."""

from db.errors import BookError


class UserError(Exception):
    """Bad input or a missing thing; nothing was changed."""


class ClientNotFound(UserError):
    pass


# Everything the CLI and the TUI show as a message instead of a traceback.
EXPECTED_ERRORS = (UserError, BookError)
