"""Expected failures of a book, each with one sentence a person can act on."""


class BookError(Exception):
    """A book cannot be used as asked; str(error) is meant for the user."""


class BookLocked(BookError):
    pass


class BookDamaged(BookError):
    pass


class BookTooNew(BookError):
    pass


class NotABook(BookError):
    pass
